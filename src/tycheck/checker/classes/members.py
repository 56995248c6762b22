"""Members: the types of names in modules and classes, and attribute access on any type."""

from __future__ import annotations

import ast
from dataclasses import replace

from tycheck.checker.declare.decorators import (
    NO_TYPE_CHECK,
    OPAQUE as OPAQUE_DECORATORS,
    is_transparent as is_transparent_decorator,
    no_type_check_signature,
)
from tycheck.checker.core.evaluator import CheckContext
from tycheck.checker.core.program import SourceModule
from tycheck.checker.declare.names import TypeScope, walk_body
from tycheck.semantic.class_scope import holding_def, method_defs
from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, VAR, Symbol
from tycheck.types.model import (
    POS,
    STAR,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    ModuleType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypeType,
    UnionType,
    make_union,
)
from tycheck.types.subst import expand
from tycheck.checker.classes.none_attrs import class_none_completed
from functools import partial

from tycheck.checker.classes.special_members import special_missing_member
from tycheck.checker.classes.binding import (
    protocol_pairs,
    aliased_def,
    _expand_callable,
    _match_self,
    _mentions,
    bind_first,
    self_subst,
    self_typed_new,
)
from tycheck.checker.classes.constructors import Constructors
from tycheck.checker.classes.dataclasses import dataclass_fields_member
from tycheck.checker.classes.attrs import (
    ORDER_METHODS,
    attrib_type_argument,
    attrs_hash,
    attrs_missing_member,
)
from tycheck.checker.classes.namedtuple import namedtuple_info
from tycheck.checker.classes.enums import enum_attribute
from tycheck.checker.classes.member_forms import (
    final_or_classvar,
    flatten_targets,
    is_classvar,
    is_none_value,
    is_partial_init,
    is_placeholder_special_form,
)

ENUM_ATTRS = ("name", "_name_", "value", "_value_")
PROPERTY_DECORATORS = (
    "builtins.property",
    "functools.cached_property",
    "abc.abstractproperty",
    "types.DynamicClassAttribute",
    "enum.property",
)


class Members(Constructors):
    """Types of symbols, and attribute lookup through classes, modules and unions."""

    def __init__(self, ctx: "CheckContext") -> None:
        self.ctx = ctx
        self.p = ctx.program
        self.ev = ctx.types
        # Values of unannotated definitions are inferred by the driver, on demand.
        self.infer_value = ctx.driver.infer_value

    # -- symbol types ----------------------------------------------------------

    def symbol_type(self, sym: Symbol, class_fullname: str | None = None) -> Type:
        """The type a name has when read: a module/class variable, function, class or module."""
        sym = self.p.resolve(sym) or sym
        if sym.kind == MODULE:
            return ModuleType(sym.target or sym.fullname)
        if sym.kind == CLASS:
            return self.type_object(sym.fullname)
        if sym.kind == FUNC:
            return self.function_type(sym, class_fullname)
        if sym.kind == VAR:
            return self.var_type(sym, class_fullname)
        return AnyType("error")

    def module_of(self, fullname: str) -> SourceModule | None:
        parts = fullname.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = self.p.module(".".join(parts[:i]))
            if mod is not None:
                return mod
        return None

    def scope_for(self, sym: Symbol, class_fullname: str | None) -> TypeScope | None:
        if class_fullname:
            scope = self.ev.class_scope(class_fullname)
            if scope is not None and sym.fullname == f"{class_fullname}.{sym.name}":
                # Declared in the class body: its annotation sees the class's own names
                # (nested classes, class-level aliases).
                scope.classes = scope.classes + (class_fullname,)
            return scope
        mod = self.module_of(sym.fullname)
        return TypeScope(mod) if mod else None

    def var_type(self, sym: Symbol, class_fullname: str | None) -> Type:
        key = (sym.fullname, class_fullname, id(sym.node))

        def compute() -> Type:
            if sym.implicit:
                return self.implicit_module_attr(sym.name)
            scope = self.scope_for(sym, class_fullname)
            if scope is None:
                return AnyType("error")
            if class_fullname:
                scope.typevars.update(
                    {
                        tv.fullname: tv
                        for tv in (
                            self.p.class_info(class_fullname).type_vars
                            if self.p.class_info(class_fullname)
                            else ()
                        )
                    }
                )
                scope.bind_callable_tvars = True
            ann = sym.annotation
            if ann is not None:
                spec = final_or_classvar(ann, self.ev, scope)
                if spec == "bare":
                    if sym.value is not None:
                        # A bare Final keeps its literal value; a bare ClassVar does not.
                        final = final_or_classvar(ann, self.ev, scope, bare_final=True)
                        return self.infer_value(
                            sym, scope.module, class_fullname, keep_literal=final == "bare"
                        )  # type: ignore[call-arg]
                    return AnyType("unannotated")
                t = self.ev.analyze(ann, scope)
                if spec == "final" and isinstance(t, Instance) and sym.value is not None:
                    v = self.infer_value(sym, scope.module, class_fullname, keep_literal=True)
                    if (
                        isinstance(v, Instance)
                        and v.last_known_value is not None
                        and v.fullname == t.fullname
                    ):
                        return v
                return t
            if sym.type_comment:
                return self.ev.analyze_string(sym.type_comment, scope, sym.line)
            if is_placeholder_special_form(sym):
                # Test stubs spell typing's special forms as ``Generic = 0``: the value
                # means nothing, and reading it as an int would flag ``Generic[T]``.
                return AnyType("special")
            aliased = self.module_alias(sym, scope.module) if not class_fullname else None
            if aliased is not None:
                return aliased
            alias = self.ev.alias_target(sym)
            if alias is not None:
                return self.alias_object_type(alias)
            if self.ev.typevar_template(sym) is not None:
                return (
                    Instance("typing.TypeVar")
                    if self.p.class_info("typing.TypeVar")
                    else AnyType("special")
                )
            if sym.value is not None:
                typed = attrib_type_argument(self, sym.value, scope) if class_fullname else None
                if typed is not None:
                    return typed  # ``x = attr.ib(type=T)`` declares x as T
                completed = class_none_completed(self, sym, class_fullname)
                if completed is not None:
                    return completed
                return self.infer_value(sym, scope.module, class_fullname)
            if (
                isinstance(
                    sym.node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.ExceptHandler)
                )
                and self.infer_value is not None
            ):
                return self.infer_value(sym, scope.module, class_fullname)
            return AnyType("unannotated")

        return self.p.memo("var", key, compute, on_cycle=AnyType("special"))

    def module_alias(self, sym: Symbol, mod: SourceModule) -> ModuleType | None:
        """``path = _path`` at module level, ``_path`` a module (typeshed's ``os.path``): the
        variable is that module, as mypy makes it a module alias."""
        if not isinstance(sym.value, ast.Name) or not isinstance(sym.node, ast.Assign):
            return None
        if len(sym.node.targets) != 1:
            return None
        target = mod.ns.get(sym.value.id)
        if target is not None and target.kind == IMPORTED and target.target and target.attr:
            # ``from . import path as _path``: the submodule, even where the package's
            # own ``path`` (this variable) shadows it.
            sub = f"{target.target}.{target.attr}"
            if self.p.module(sub) is not None:
                return ModuleType(sub)
        rs = self.p.resolve(target) if target is not None else None
        if rs is None or rs.kind != MODULE:
            return None
        return ModuleType(rs.target or rs.fullname)

    def alias_object_type(self, alias: Type) -> Type:
        if isinstance(alias, Instance):
            return self.type_object(alias.fullname, alias)
        if isinstance(alias, TupleType):
            return self.type_object("builtins.tuple")
        return AnyType("special")

    def implicit_module_attr(self, name: str) -> Type:
        if name in ("__name__", "__file__", "__doc__", "__package__"):
            return Instance("builtins.str")  # mypy gives a module's own __doc__ and __package__ str
        if name in ("__dict__", "__annotations__"):
            return Instance("builtins.dict", (Instance("builtins.str"), AnyType("special")))
        if name == "__path__":
            return Instance("builtins.list", (Instance("builtins.str"),))
        return AnyType("special")

    def function_type(self, sym: Symbol, class_fullname: str | None) -> Type:
        key = (sym.fullname, class_fullname, len(sym.defs))

        def compute() -> Type:
            mod = (
                self.module_of(sym.fullname)
                if not class_fullname
                else self.p.class_node(class_fullname)[0]
            )
            if mod is None:
                return AnyType("error")
            return self.defs_type(mod, sym.defs, class_fullname)

        return self.p.memo("functype", key, compute, on_cycle=AnyType("special"))

    def defs_type(self, mod: SourceModule, defs: list[ast.AST], class_fullname: str | None) -> Type:
        funcs = [d for d in defs if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))]
        if not funcs:
            return AnyType("error")
        scope = self.ev.class_scope(class_fullname) if class_fullname else TypeScope(mod)
        assert scope is not None
        overloads = [
            f
            for f in funcs
            if any(self.ev._decorator_name(d, scope) in ("overload",) for d in f.decorator_list)
        ]
        if len(overloads) >= 1 and (len(overloads) > 1 or mod.is_stub):
            items = [self.decorated(mod, f, class_fullname, scope) for f in overloads]
            cands = [i for i in items if isinstance(i, CallableType)]
            if len(cands) == len(items) and cands:
                return Overloaded(tuple(cands)) if len(cands) > 1 else cands[0]
            return AnyType("special")
        return self.decorated(mod, funcs[0], class_fullname, scope)

    def decorated(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        scope: TypeScope,
    ) -> Type:
        sig = self.ev.signature(mod, node, class_fullname)
        applied: list[ast.expr] = []
        for d in node.decorator_list:
            name = self.ev._decorator_name(d, scope)
            if name in NO_TYPE_CHECK:
                return no_type_check_signature(node, class_fullname)
            if name in OPAQUE_DECORATORS:
                return AnyType("special")
            if not is_transparent_decorator(name, d):
                applied.append(d)
        if applied:
            return self.ctx.driver.decorated_type(mod, node, class_fullname, sig, applied)
        return sig

    def _aliases_static(self, sym: Symbol, owner: str) -> bool:
        """``c = a`` in a class body, ``a`` a static method of the class: ``c`` is static."""
        first, scope = aliased_def(sym, self.p.class_namespace(owner)), self.ev.class_scope(owner)
        decos = self.decorator_names(first, scope) if first and scope else []
        return "builtins.staticmethod" in decos

    def decorator_names(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: TypeScope
    ) -> list[str]:
        out = []
        for d in node.decorator_list:
            n = self.ev._decorator_name(d, scope)
            if n is None and isinstance(d, ast.Attribute):
                n = "." + d.attr
            out.append(n or "?")
        return out

    # -- member lookup --------------------------------------------------------------

    def find_member(
        self, class_fullname: str, name: str, after: str | None = None
    ) -> tuple[Symbol, str] | None:
        """The symbol named ``name`` in the class or its bases, and the class defining it.

        With ``after`` (for ``super()``), only the classes following ``after`` in the MRO."""
        info = self.p.class_info(class_fullname)
        mro = info.mro if info is not None else (class_fullname,)
        if after is not None:
            mro = mro[list(mro).index(after) + 1 :] if after in mro else ()
        for cls in mro:
            ns = self.p.class_namespace(cls)
            if ns is not None and name in ns.names:
                return ns.names[name], cls
            attrs = self.instance_attrs(cls)
            if name in attrs:
                sym = attrs[name]
                if sym.annotation is not None or sym.type_comment:
                    return sym, cls  # ``self.x: T = v`` declares x anew
                # ``self.x = v`` assigns a base's ``x`` rather than declaring one of its own.
                return self.find_member(class_fullname, name, cls) or (sym, cls)
        return None

    def instance_attrs(self, class_fullname: str) -> dict[str, Symbol]:
        """Attributes declared by ``self.x = ...`` (or ``self.x: T``) inside the class's methods."""

        def compute() -> dict[str, Symbol]:
            found = self.p.class_node(class_fullname)
            if found is None:
                return {}
            mod, node = found
            out: dict[str, Symbol] = {}
            ns = self.p.class_namespace(class_fullname)
            for stmt in method_defs(ns) if ns is not None else node.body:
                if (
                    not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
                    or not stmt.args.args
                ):
                    continue
                self_name = stmt.args.args[0].arg
                # In source order: the first assignment declares the attribute (walk_body
                # yields later statements first).
                for sub in sorted(
                    walk_body(stmt),
                    key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)),
                ):
                    targets: list[
                        tuple[ast.expr, ast.AST, ast.expr | None, ast.expr | None, str | None]
                    ] = []
                    if isinstance(sub, ast.Assign):
                        for t in sub.targets:
                            for el in flatten_targets(t):
                                single = el is t
                                targets.append(
                                    (
                                        el,
                                        sub,
                                        None,
                                        sub.value if single else None,
                                        sub.type_comment if single else None,
                                    )
                                )
                    elif isinstance(sub, ast.AnnAssign):
                        targets.append((sub.target, sub, sub.annotation, sub.value, None))
                    elif isinstance(sub, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
                        pass
                    for target, stmt_node, ann, value, comment in targets:
                        if (
                            isinstance(target, ast.Attribute)
                            and isinstance(target.value, ast.Name)
                            and target.value.id == self_name
                        ):
                            existing = out.get(target.attr)
                            if existing is not None and (
                                existing.annotation is not None or ann is None
                            ):
                                # A partial first value (None, an empty collection) is completed
                                # by a later assignment; otherwise the first one declares.
                                if (
                                    existing.annotation is not None
                                    or value is None
                                    or not is_partial_init(existing.value)
                                    or getattr(existing, "attr", None) != stmt.name
                                ):
                                    continue
                            sym = Symbol(
                                target.attr,
                                VAR,
                                f"{class_fullname}.{target.attr}",
                                stmt_node,
                                annotation=ann,
                                value=value,
                                type_comment=comment,
                                line=stmt_node.lineno,
                            )
                            sym.attr = stmt.name  # the method that defines it
                            if existing is not None and is_none_value(existing.value):
                                # ``self.x = None`` completed later in the method: ``T | None``.
                                sym.none_first = True  # type: ignore[attr-defined]
                            out[target.attr] = sym
            return out

        return self.p.memo("iattrs", class_fullname, compute, on_cycle={})

    def class_member_type(
        self,
        inst: Instance,
        name: str,
        *,
        is_class_access: bool = False,
        after: str | None = None,
        self_type: Type | None = None,
    ) -> Type | None:
        """The type of ``inst.name`` (bound method, attribute, property); None if missing.

        ``self_type`` is what ``self`` (and ``Self``) stand for when not ``inst`` itself: a
        protocol's members seen from the type checked against it."""
        if name == "__hash__" and after is None and inst.fullname != "builtins.object":
            made = attrs_hash(self, inst.fullname)
            if made is not None:
                return (
                    NoneType()
                    if made == "none"
                    else self.class_member_type(
                        Instance("builtins.object"), name, is_class_access=is_class_access
                    )
                )
        if name in ENUM_ATTRS and not is_class_access and after is None:
            refined = enum_attribute(self, inst, name)
            if refined is not None:
                return refined
        found = self.find_member(inst.fullname, name, after)
        st: Type = self_type if self_type is not None else inst
        if found is None:
            return self.missing_member(inst, name) if after is None else None
        sym, owner = found
        owner_inst = self.p.relations.map_to_supertype(inst, owner) or Instance(owner)
        mapping = self.class_mapping(owner, owner_inst)
        rsym = self.p.resolve(sym) or sym
        if rsym.kind == FUNC:
            mod_node = self.p.class_node(owner)
            if mod_node is None:
                return AnyType("special")
            mod = mod_node[0]
            scope = self.ev.class_scope(owner)
            assert scope is not None
            first = rsym.defs[0] if rsym.defs else None
            decos = (
                self.decorator_names(first, scope)
                if isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef))
                else []
            )
            if any(d in PROPERTY_DECORATORS for d in decos):
                if is_class_access:
                    return self.property_on_class(rsym, first, owner, mapping)  # type: ignore[arg-type]
                sig = self.ev.signature(mod, first, owner)  # type: ignore[arg-type]
                return expand(self_subst(sig.ret_type, st), mapping)
            t = self.function_type(rsym, owner)
            if isinstance(t, Instance):  # a decorator made the method an object: maybe a descriptor
                got = self.descriptor_get(t, is_class_access)
                if got is not None:
                    return got
            is_static = (
                "builtins.staticmethod" in decos or name == "__new__"
            )  # __new__ is implicitly static
            if name == "__new__":
                t = self_typed_new(t, first, Instance(owner))
            is_classmethod = "builtins.classmethod" in decos or name in ("__new__",) and False
            return self.bind(t, st, mapping, is_static, is_classmethod, is_class_access)
        if rsym.kind == CLASS:
            return self.type_object(rsym.fullname)
        if rsym.kind == MODULE:
            return ModuleType(rsym.target or rsym.fullname)
        if rsym.kind == VAR:
            in_body = sym not in self.instance_attrs(owner).values()
            if not in_body:
                t = self.instance_attr_type(sym, owner)
            else:
                t = self.var_type(rsym, owner)
                if isinstance(t, Instance) and t.fullname != inst.fullname:
                    got = self.descriptor_get(t, is_class_access)
                    if got is not None:
                        return got
            t = expand(self_subst(t, st), mapping)
            if (
                isinstance(t, CallableType)
                and not is_class_access
                and sym.annotation is not None
                and is_classvar(sym.annotation)
            ):
                return bind_first(t) if t.arg_types else t
            if (
                in_body
                and sym.annotation is None
                and not is_class_access
                and isinstance(t, (CallableType, Overloaded))
                and not (isinstance(t, CallableType) and t.is_type_obj)
                and not self._aliases_static(rsym, owner)
            ):
                # An unannotated callable assigned in the class body is a method (mypy binds
                # ``self`` of ``x = wrap(f)`` as of ``def x``); an annotated one is an attribute.
                return self.bind(t, st, {}, False, False, False)
            return t
        return AnyType("special")

    def property_on_class(
        self,
        sym: Symbol,
        getter: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: str,
        mapping: dict[int | str, Type],
    ) -> Type:
        """``C.prop``: mypy gives the getter's unbound signature, not the ``property`` object
        (an overload of that one item once a setter or deleter joins the getter)."""
        node = self.p.class_node(owner)
        if node is None:
            return AnyType("special")
        sig = _expand_callable(self.ev.signature(node[0], getter, owner), mapping)
        return Overloaded((sig,)) if len(sym.defs) > 1 else sig

    def descriptor_get(self, desc: Instance, is_class_access: bool) -> Type | None:
        """What reading a class attribute whose type defines ``__get__`` gives: the
        return type of ``__get__`` (None when the type is no descriptor).

        The call is not checked: an instance read takes the first signature whose
        ``obj`` is not None, a class read the one whose ``obj`` accepts None; anything
        less clear (type variables, no such signature) is Any."""
        if desc.fullname in ("builtins.function", "types.FunctionType"):
            return None
        if desc.fullname == "builtins.property":  # a property object read from an instance
            return None if is_class_access else AnyType("special")
        get = self.class_member_type(desc, "__get__")
        if get is None:
            return None
        items = (
            get.items
            if isinstance(get, Overloaded)
            else (get,)
            if isinstance(get, CallableType)
            else ()
        )
        from tycheck.types.subst import has_type_vars

        for item in items:
            if not item.arg_types:
                continue
            obj_t = item.arg_types[0]
            accepts_none = isinstance(obj_t, (NoneType, AnyType)) or (
                isinstance(obj_t, UnionType) and any(isinstance(i, NoneType) for i in obj_t.items)
            )
            if (is_class_access and accepts_none) or (
                not is_class_access and not isinstance(obj_t, NoneType)
            ):
                if (
                    has_type_vars(item.ret_type, lambda v: True)
                    or isinstance(obj_t, AnyType)
                    and is_class_access
                ):
                    return AnyType("special")
                return item.ret_type
        return AnyType("special")

    def missing_member(self, inst: Instance, name: str) -> Type | None:
        """Members a special class has without declaring them (named tuple helpers)."""
        return special_missing_member(self, inst, name)

    def instance_attr_type(self, sym: Symbol, owner: str) -> Type:
        key = (owner, sym.name)

        def compute() -> Type:
            found = self.p.class_node(owner)
            if found is None:
                return AnyType("error")
            mod, node = found
            method = holding_def(self.p.class_namespace(owner), node.body, sym.attr, sym.line)
            scope = (
                self.ev.function_scope(mod, method, owner)
                if method is not None
                else self.ev.class_scope(owner)
            )
            bare_final = (
                sym.annotation is not None
                and scope is not None
                and final_or_classvar(sym.annotation, self.ev, scope) == "bare"
            )
            if sym.annotation is not None and not bare_final:
                return self.ev.analyze(sym.annotation, scope)  # type: ignore[arg-type]
            if sym.type_comment:
                return self.ev.analyze_string(sym.type_comment, scope, sym.line)  # type: ignore[arg-type]
            if sym.value is None:
                return AnyType("special")
            if bare_final:  # ``self.x: Final = value``: the value's type, literal kept
                return self.infer_value(sym, mod, owner, keep_literal=True)  # type: ignore[call-arg]
            inferred = self.infer_value(sym, mod, owner)
            return (
                make_union([inferred, NoneType()])
                if getattr(sym, "none_first", False) and not isinstance(inferred, AnyType)
                else inferred
            )

        return self.p.memo("iattr", key, compute, on_cycle=AnyType("special"))

    def bind(
        self,
        t: Type,
        inst: Type,
        mapping: dict[int | str, Type],
        is_static: bool,
        is_classmethod: bool,
        is_class_access: bool,
    ) -> Type:
        def one(c: CallableType) -> CallableType:
            c = _expand_callable(c, mapping)
            if is_static:
                return c
            if is_class_access and not is_classmethod:
                return c
            if not c.arg_types or c.arg_kinds[0] == STAR:
                return c
            first = c.arg_types[0]
            c2 = bind_first(c)
            self_vars = [v for v in c.variables if _mentions(first, v)]
            if self_vars:
                target = (
                    TypeType(inst) if is_classmethod and not isinstance(inst, TypeType) else inst
                )
                sub = {}
                for v in self_vars:
                    sub[v.id] = _match_self(
                        first,
                        target,
                        v,
                        self.p.relations.map_to_supertype,
                        partial(protocol_pairs, self),
                    )
                c2 = _expand_callable(c2, sub)
            return c2

        if isinstance(t, CallableType):
            return one(t)
        if isinstance(t, Overloaded):
            return Overloaded(tuple(one(i) for i in t.items))
        return t

    def structural_member(self, t: Type, name: str, self_type: Type | None = None) -> Type | None:
        if isinstance(t, Instance):
            found = self.class_member_type(t, name, self_type=self_type)
            if found is None and not (name.startswith("__") and name.endswith("__")):
                found = self.getattr_fallback(t)
            return found
        if isinstance(t, TupleType):
            return self.class_member_type(self.p.relations.tuple_fallback(t), name)
        if isinstance(t, (CallableType, Overloaded)):
            if name == "__call__":
                return t
            return self.class_member_type(Instance("builtins.function"), name)
        if isinstance(t, NoneType):
            return (
                self.class_member_type(Instance("builtins.object"), name)
                if name not in ("__bool__",)
                else None
            )
        if isinstance(t, ModuleType):
            mod = self.p.module(t.name)
            if mod is None:
                return None
            sym = self.p.module_symbol(t.name, name)
            return self.symbol_type(sym) if sym is not None else None
        if isinstance(t, TypeType) and isinstance(t.item, Instance):
            return self.class_attribute(t.item, name)
        return None

    def getattr_fallback(self, t: Instance) -> Type | None:
        """What ``t.name`` is through a user-defined ``__getattr__`` (None without one)."""
        found = self.find_member(t.fullname, "__getattr__")
        if found is None or found[1] in ("builtins.object", "builtins.type"):
            return None
        ga = self.class_member_type(t, "__getattr__")
        if isinstance(ga, CallableType):
            return ga.ret_type
        return AnyType("special")

    def call_signature(self, t: Type) -> CallableType | Overloaded | None:
        if isinstance(t, Instance):
            m = self.class_member_type(t, "__call__")
            if isinstance(m, (CallableType, Overloaded)):
                return m
        return None

    def class_attribute(
        self, inst: Instance, name: str, after: str | None = None, self_type: Type | None = None
    ) -> Type | None:
        """``C.name`` for a class object; ``self_type`` is the class a ``type[T]`` receiver stands for."""
        if name == "__hash__" and after is None and inst.fullname != "builtins.object":
            made = attrs_hash(self, inst.fullname)
            if made is not None:
                return (
                    NoneType()
                    if made == "none"
                    else self.class_attribute(Instance("builtins.object"), name)
                )
        if (
            name == "__new__"
            and namedtuple_info(self.p.class_info(inst.fullname), self.p.class_info) is not None
        ):
            return AnyType("special")  # the synthesized constructor is not spelled out as __new__
        found = self.find_member(inst.fullname, name, after)
        if found is not None:
            sym, owner = found
            rsym = self.p.resolve(sym) or sym
            if rsym.kind == FUNC:
                scope = self.ev.class_scope(owner)
                first = rsym.defs[0] if rsym.defs else None
                decos = (
                    self.decorator_names(first, scope)
                    if isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope
                    else []
                )
                owner_inst = self.p.relations.map_to_supertype(inst, owner) or Instance(owner)
                # A subclass of a parameterised base (class D(C[str])) fixes C's variables too.
                mapping = self.class_mapping(owner, owner_inst) if owner_inst.args else {}
                if any(d in PROPERTY_DECORATORS for d in decos):
                    return self.property_on_class(rsym, first, owner, mapping)  # type: ignore[arg-type]
                t = self.function_type(rsym, owner)
                if isinstance(t, Instance):
                    got = self.descriptor_get(t, True)
                    if got is not None:
                        return got
                if name == "__new__":
                    t = self_typed_new(t, first, Instance(owner))
                return self.bind(
                    t,
                    TypeType(self_type if self_type is not None else inst),
                    mapping,
                    "builtins.staticmethod" in decos or name == "__new__",
                    "builtins.classmethod" in decos or name == "__init_subclass__",
                    True,
                )
            if rsym.kind == VAR and sym in self.instance_attrs(owner).values():
                return self.instance_attr_type(sym, owner)
            info = self.p.class_info(inst.fullname)
            if (
                rsym.kind == VAR
                and info is not None
                and info.is_enum
                and owner == inst.fullname
                and not name.startswith("_")
                and rsym.annotation is None
                and not isinstance(rsym.value, ast.Lambda)
            ):
                from tycheck.types.display import EnumMember

                return Instance(
                    inst.fullname, (), LiteralType(EnumMember(name), Instance(inst.fullname))
                )
            return self.class_member_type(inst, name, is_class_access=True, after=after)
        if after is not None:
            return None
        fields = dataclass_fields_member(self, inst, name)
        if fields is not None:
            return fields
        if (
            name in ("__attrs_attrs__", "__attrs_init__", "__match_args__", "__slots__")
            or name in ORDER_METHODS
        ):
            attrs_member = attrs_missing_member(self, inst, name)
            if isinstance(attrs_member, CallableType):
                # Through the class the generated method is unbound: ``self`` comes first.
                return replace(
                    attrs_member,
                    arg_types=(inst,) + attrs_member.arg_types,
                    arg_kinds=(POS,) + attrs_member.arg_kinds,
                    arg_names=("self",) + attrs_member.arg_names,
                )
            if attrs_member is not None:
                return attrs_member
        info = self.p.class_info(inst.fullname)
        # Metaclass methods see the class object as ``self`` (``self: type[T]`` binds T).
        if info is not None and info.metaclass is not None:
            return self.class_member_type(info.metaclass, name, self_type=TypeType(inst))
        return self.class_member_type(Instance("builtins.type"), name, self_type=TypeType(inst))
