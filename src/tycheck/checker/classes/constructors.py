"""Classes used as values: the constructor signature of a class object.

The constructor comes from ``__init__`` or ``__new__`` (whichever the MRO reaches first), or
is generated: TypedDict, named tuple, dataclass and attrs classes. A base we cannot see makes
the constructor accept anything. ``members.Members`` inherits this half.
"""

from __future__ import annotations

from dataclasses import replace
from tycheck.checker.core.program import Program
from tycheck.checker.declare.typeeval import TypeEvaluator
from tycheck.semantic.symbols import Symbol
from tycheck.types.model import (
    any_args_callable,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    ClassTypeInfo,
    Instance,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
)
from tycheck.checker.classes.binding import _expand_callable, bind_first
from tycheck.types.subst import expand as _expand_type
from tycheck.checker.classes.attrs import attrs_init, attrs_options
from tycheck.checker.classes.dataclasses import dataclass_init, dataclass_options
from tycheck.checker.classes.namedtuple import namedtuple_constructor, namedtuple_info
from tycheck.checker.declare.typeddict import (
    is_typeddict_class,
    typeddict_constructor,
    typeddict_of_instance,
)


class Constructors:
    """The class-object half of ``Members``: constructors; attribute access is in ``Members``."""

    p: Program
    ev: TypeEvaluator

    def type_object(self, fullname: str, alias: Instance | None = None) -> Type:
        """The type of a class used as a value: a constructor signature."""
        key = (fullname, alias)

        def compute() -> Type:
            info = self.p.class_info(fullname)
            if info is None:
                return AnyType("error")
            inst = (
                alias
                if alias is not None and alias.args
                else Instance(fullname, tuple(info.type_vars))
            )
            init = self.constructor(fullname, inst)
            return init

        return self.p.memo("typeobj", key, compute, on_cycle=AnyType("special"))

    def constructor(self, fullname: str, inst: Instance) -> Type:
        info = self.p.class_info(fullname)
        assert info is not None
        init_found = self.find_member(fullname, "__init__")
        new_found = self.find_member(fullname, "__new__")
        special = self.special_constructor(fullname, info, inst, init_found, new_found)
        if special is not None:
            return special
        use = init_found
        if new_found is not None and (
            init_found is None or info.mro.index(new_found[1]) < info.mro.index(init_found[1])
        ):
            if new_found[1] != "builtins.object":
                use = new_found
        if (use is None or use[1] == "builtins.object") and info.has_any_base:
            # A base we cannot see may define the constructor: accept any arguments.
            return _any_args_constructor(fullname, inst, info)
        if use is None:
            return CallableType(
                (),
                (),
                (),
                inst,
                name=fullname.rsplit(".", 1)[-1],
                variables=info.type_vars,
                is_type_obj=True,
                type_obj_name=fullname,
            )
        sym, owner = use
        t = self.symbol_type(sym, owner)
        owner_inst = self.p.relations.map_to_supertype(inst, owner) if owner != fullname else inst
        mapping = self.class_mapping(owner, owner_inst)
        is_new = sym.name == "__new__"

        def conv(c: CallableType) -> CallableType:
            explicit = None if is_new else self._explicit_self(c, fullname, owner_inst)
            c = _solve_cls_var(c, inst) if is_new else c
            self_var = c.arg_types[0] if c.arg_types and not is_new else None
            c = bind_first(c) if c.arg_types else c
            c = _expand_callable(c, mapping)
            if isinstance(self_var, TypeVarType) and any(v.id == self_var.id for v in c.variables):
                # ``__init__(self, cb: Callable[[Self], None])``: Self is the constructed instance.
                c = _expand_callable(c, {self_var.id: inst})
                c = replace(c, variables=tuple(v for v in c.variables if v.id != self_var.id))
            ret: Type = inst if explicit is None else _expand_type(explicit, mapping)
            r = c.ret_type
            if not is_new or (isinstance(r, AnyType) and r.reason == "unannotated"):
                pass
            elif isinstance(r, Instance) and r.fullname == owner and owner != fullname:
                ret = inst  # ``__new__ -> Base`` in Base constructs a subclass too
            else:
                ret = r  # whatever ``__new__`` declares, even not an instance of the class
            vars_ = tuple(info.type_vars) + tuple(v for v in c.variables if v not in info.type_vars)
            return replace(
                c,
                ret_type=ret,
                name=fullname.rsplit(".", 1)[-1],
                variables=vars_,
                is_type_obj=True,
                type_obj_name=fullname,
                from_method=None,
            )

        if isinstance(t, CallableType):
            return conv(t)
        if isinstance(t, Overloaded):
            return Overloaded(tuple(conv(i) for i in t.items))
        return _any_args_constructor(fullname, inst, info)

    def _explicit_self(
        self, c: CallableType, fullname: str, owner_inst: Instance | None
    ) -> Instance | TupleType | None:
        """An ``__init__`` whose ``self`` is annotated (``self: dict[str, _VT]``) constructs
        that type, when it is one of the class being constructed (mypy's rule)."""
        if not c.arg_types or c.arg_kinds[0] != POS:
            return None
        t = c.arg_types[0]
        if t == owner_inst:
            return None
        base = t.fallback if isinstance(t, TupleType) else t
        if not isinstance(base, Instance):
            return None
        info = self.p.class_info(base.fullname)
        if info is None or fullname not in info.mro:
            return None
        return t  # type: ignore[return-value]

    def special_constructor(
        self,
        fullname: str,
        info: ClassTypeInfo,
        inst: Instance,
        init_found: tuple[Symbol, str] | None,
        new_found: tuple[Symbol, str] | None,
    ) -> Type | None:
        """Constructors the class does not spell out: named tuples (from their fields)."""
        if is_typeddict_class(info):
            td = typeddict_of_instance(self.ev, inst)
            if isinstance(td, TypedDictType):
                return typeddict_constructor(td, fullname, info.type_vars)
        nt = namedtuple_info(info, self.p.class_info)
        if nt is not None and info.tuple_base is not None:
            own = [
                f
                for f in (init_found, new_found)
                if f is not None
                and f[1] in info.mro
                and info.mro.index(f[1]) < info.mro.index(nt[0].fullname)
            ]
            if not own:
                return namedtuple_constructor(nt[1], info.tuple_base, fullname)
        for cls in info.mro:
            ns = self.p.class_namespace(cls)
            if ns is not None and ("__init__" in ns.names or "__new__" in ns.names):
                break
            opts = dataclass_options(self, cls)
            if opts is not None and opts["init"]:
                return dataclass_init(self, fullname, inst)
            attrs_opts = attrs_options(self, cls)
            if attrs_opts is not None:
                if attrs_opts.init:
                    return self._attrs_constructor(fullname, cls, inst)
                continue
        return None

    def _attrs_constructor(self, fullname: str, cls: str, inst: Instance) -> Type | None:
        """The ``__init__`` attrs generates for ``cls``, as the constructor of ``fullname``."""
        info = self.p.class_info(fullname)
        own = attrs_init(self, fullname, inst) if cls == fullname else None
        cls_info = self.p.class_info(cls)
        base = own or attrs_init(
            self, cls, Instance(cls, tuple(cls_info.type_vars) if cls_info else ())
        )
        if base is None:
            # Attributes we cannot read: accept any arguments rather than report false errors.
            return CallableType(
                (AnyType("special"), AnyType("special")),
                (STAR, STAR2),
                (None, None),
                inst,
                name=fullname.rsplit(".", 1)[-1],
                is_type_obj=True,
                type_obj_name=fullname,
                is_ellipsis_args=True,
                variables=info.type_vars if info else (),
            )
        if own is not None:
            return own
        mapping = self.class_mapping(cls, self.p.relations.map_to_supertype(inst, cls))
        base = _expand_callable(base, mapping) if mapping else base
        return replace(
            base,
            ret_type=inst,
            name=fullname.rsplit(".", 1)[-1],
            variables=info.type_vars if info else (),
            type_obj_name=fullname,
        )

    def class_mapping(self, owner: str, owner_inst: Instance | None) -> dict[int | str, Type]:
        info = self.p.class_info(owner)
        if info is None or not info.type_vars:
            return {}
        args = owner_inst.args if owner_inst is not None else ()
        return {
            tv.id: (args[i] if i < len(args) else AnyType("special"))
            for i, tv in enumerate(info.type_vars)
        }


def _solve_cls_var(c: CallableType, inst: Instance) -> CallableType:
    """``def __new__(cls: type[T]) -> T``: calling the class solves T as the class."""
    first = c.arg_types[0] if c.arg_types else None
    if not (isinstance(first, TypeType) and isinstance(first.item, TypeVarType)):
        return c
    v = first.item
    solved = _expand_callable(c, {v.id: inst})
    return replace(solved, variables=tuple(w for w in c.variables if w.id != v.id))


def _any_args_constructor(fullname: str, inst: Instance, info: ClassTypeInfo) -> CallableType:
    """The class object of ``fullname`` as a constructor that takes any arguments."""
    return any_args_callable(
        inst,
        name=fullname.rsplit(".", 1)[-1],
        is_type_obj=True,
        type_obj_name=fullname,
        variables=info.type_vars,
    )
