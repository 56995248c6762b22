"""Attribute access and subscripts: members of modules, classes and instances, indexing and slicing."""

from __future__ import annotations

import ast

from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.declare.names import ALIASES, special_name
from tycheck.checker.declare.member_names import attribute_suggestion
from tycheck.checker.declare.reexport import is_hidden_import, not_exported_message
from tycheck.checker.flow.binder import ref_key
from tycheck.checker.infer import typeddicts
from tycheck.checker.infer.expr import erased_in_type_context, make_tuple, partial_as_type
from tycheck.checker.infer.partials import report_unresolved
from tycheck.checker.infer.solve import generic_through_class
from tycheck.checker.infer.superexpr import infer_super_attribute, is_super_attribute
from tycheck.types.display import format_type
from tycheck.types.model import (
    AnyType,
    CallableType,
    DeletedType,
    Instance,
    LiteralType,
    ModuleType,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.types.subst import has_type_vars
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

# -- attributes --------------------------------------------------------------


def infer_Attribute(chk: Evaluator, e: ast.Attribute, ctx: Type | None) -> Type:
    if is_super_attribute(e):
        return infer_super_attribute(chk, e)
    key = ref_key(e)
    base = chk.infer(e.value)
    if key is not None and key in chk.state:
        t = chk.state[key]
        if isinstance(t, PartialType) and t.fullname is not None:
            if key in chk.partial_sites and not chk.muted:
                return report_unresolved(chk, key, t)
            return partial_as_type(chk, key, t)
        return t
    if e.attr == "__init__" and _unsound_init_access(chk, base):
        # Another subclass's ``__init__`` may take other arguments: mypy refuses the access
        # (only ``super().__init__`` is sound) and the call goes unchecked.
        chk.fail(e, Message(CANNOT_ACCESS_INIT, codes.MISC))
        return AnyType("error")
    return erased_in_type_context(chk.member_access(base, e.attr, e, e.value), ctx)


CANNOT_ACCESS_INIT = (
    'Accessing "__init__" on an instance is unsound, since instance.__init__ could be from'
    " an incompatible subclass"
)


def _unsound_init_access(chk: Evaluator, t: Type) -> bool:
    """``obj.__init__`` on an instance whose class is not final and whose ``__init__`` is not."""
    if isinstance(t, TypeVarType) and not t.values:
        t = t.upper_bound
    if isinstance(t, LiteralType):
        t = t.fallback
    if isinstance(t, TupleType):
        return True
    if not isinstance(t, Instance):
        return False
    info = chk.p.class_info(t.fullname)
    if info is None or info.is_final:
        return False
    found = chk.members.find_member(t.fullname, "__init__")
    if found is None:
        return True
    sym, owner = found
    first = sym.defs[0] if sym.defs else None
    scope = chk.ev.class_scope(owner)
    if isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope is not None:
        return "final" not in chk.members.decorator_names(first, scope)
    return True


def member_access(
    chk: Evaluator,
    base: Type,
    name: str,
    node: ast.AST,
    base_node: ast.expr | None = None,
    report: bool = True,
) -> Type:
    if isinstance(base, UnionType):
        results = []
        for item in base.items:
            t = chk.member_access_one(item, name, node, report=False)
            if t is None:
                if report:
                    chk.fail(
                        node,
                        Message(msg.union_has_no_attribute(item, base, name), codes.UNION_ATTR),
                    )
                results.append(AnyType("error"))
            else:
                results.append(t)
        return make_union(results)
    t = chk.member_access_one(base, name, node, report=report)
    if t is None:
        return AnyType("error")
    return t


def member_access_one(
    chk: Evaluator, base: Type, name: str, node: ast.AST, report: bool = True
) -> Type | None:
    if isinstance(base, (AnyType, PartialType, DeletedType)):
        return AnyType("special")
    if isinstance(base, NeverType):
        return NeverType()
    if isinstance(base, TypeVarType):
        if base.values:
            return make_union(
                [chk.member_access(v, name, node, report=report) for v in base.values]
            )
        bound = base.upper_bound
        if isinstance(bound, Instance) and not chk.p.relations.has_any_base(bound.fullname):
            # Methods with self types bind to the variable itself (``self.copy()`` is Self).
            t = chk.members.class_member_type(bound, name, self_type=base)
            if t is not None:
                return t
        return chk.member_access_one(base.upper_bound, name, node, report)
    if isinstance(base, ModuleType):
        return module_attr(chk, base, name, node, report)
    if isinstance(base, LiteralType):
        base = base.fallback
    if isinstance(base, Instance):
        if chk.p.relations.has_any_base(base.fullname):
            t = chk.members.class_member_type(base, name)
            return t if t is not None else AnyType("special")
        t = chk.members.class_member_type(base, name)
        if t is None:
            ga = chk.members.class_member_type(base, "__getattr__")
            if ga is None and _own_getattribute(chk, base.fullname):
                # ``threading.local``: a ``__getattribute__`` of its own answers any name.
                ga = chk.members.class_member_type(base, "__getattribute__")
            if isinstance(ga, CallableType):
                return ga.ret_type
            if isinstance(ga, AnyType):
                return ga
            if report:
                text = msg.has_no_attribute(base, name) + attribute_suggestion(
                    chk.members, base, name
                )
                chk.fail(node, Message(text, codes.ATTR_DEFINED))
            return None
        return t
    if isinstance(base, TypedDictType):
        # A TypedDict class declares no members of its own: look in _TypedDict, and
        # name the TypedDict in the error.
        special = typeddicts.special_member(chk, base, name)
        if special is not None:
            return special
        anon = chk.p.relations.fallback_of_typeddict(base)
        t = chk.member_access_one(anon, name, node, report=False)
        if t is None and report:
            chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
        return t
    if isinstance(base, TupleType):
        fb = chk.p.relations.tuple_fallback(base)
        return (
            chk.member_access_one(fb, name, node, report)
            if not isinstance(fb, AnyType)
            else AnyType("special")
        )
    if isinstance(base, NoneType):
        t = (
            chk.members.class_member_type(Instance("builtins.object"), name)
            if name.startswith("__")
            else None
        )
        if t is None:
            if report:
                chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
            return None
        return t
    if isinstance(base, (CallableType, Overloaded)):
        if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
            info = chk.p.class_info(base.type_obj_name)
            inst = Instance(
                base.type_obj_name,
                tuple(AnyType("special") for _ in (info.type_vars if info else ())),
            )
            if isinstance(base.ret_type, Instance) and base.ret_type.fullname == base.type_obj_name:
                inst = base.ret_type
            t = chk.members.class_attribute(inst, name)
            if t is not None and base.variables:
                # Through the unapplied generic class, its variables stay free: ``C.get``
                # is ``def [T] () -> T``.
                t = generic_through_class(t, base.variables)
            if t is None:
                if chk.p.relations.has_any_base(base.type_obj_name):
                    return AnyType("special")
                if report:
                    chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
            return t
        if (
            isinstance(base, Overloaded)
            and base.items
            and base.items[0].is_type_obj
            and base.items[0].type_obj_name
        ):
            return chk.member_access_one(base.items[0], name, node, report)
        t = chk.members.class_member_type(Instance("builtins.function"), name)
        if t is None:
            if report:
                chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
            return None
        return t
    if isinstance(base, TypeType):
        item = base.item
        if isinstance(item, Instance):
            t = chk.members.class_attribute(item, name)
            if t is None:
                if chk.p.relations.has_any_base(item.fullname):
                    return AnyType("special")
                if report:
                    chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
            return t
        if (
            isinstance(item, TypeVarType)
            and not item.values
            and isinstance(item.upper_bound, Instance)
        ):
            # type[T]: the class attributes of T's upper bound.
            bound = item.upper_bound
            t = chk.members.class_attribute(bound, name, self_type=item)
            if t is None:
                if chk.p.relations.has_any_base(bound.fullname):
                    return AnyType("special")
                if report:
                    chk.fail(node, Message(msg.has_no_attribute(base, name), codes.ATTR_DEFINED))
            return t
        return AnyType("special")
    return AnyType("special")


def module_attr(
    chk: Evaluator, base: ModuleType, name: str, node: ast.AST, report: bool
) -> Type | None:
    mod = chk.p.module(base.name)
    if mod is None:
        return AnyType("unimported")  # the module is not followed
    sym = chk.p.module_symbol(base.name, name)
    if sym is None:
        sub = f"{base.name}.{name}"
        if chk.p.module(sub) is not None and is_imported_submodule(chk, sub):
            return ModuleType(sub)
        if mod.ns.get("__getattr__") is not None:
            return module_getattr_type(chk, base.name)
        if chk.p.module(sub) is not None:
            return ModuleType(sub)
        if report:
            chk.fail(
                node,
                Message(
                    f'Module has no attribute "{name}"'
                    + msg.maybe_suggestion(name, module_attr_alternatives(chk, base.name)),
                    codes.ATTR_DEFINED,
                ),
            )
        return None
    if report and is_hidden_import(chk.p, base.name, name):
        chk.fail(node, Message(not_exported_message(base.name, name), codes.ATTR_DEFINED))
    rs = chk.p.resolve(sym)
    if rs is None:
        return AnyType("special")
    return chk.members.symbol_type(rs)


def module_getattr_type(chk: Evaluator, module: str) -> Type:
    """What a module-level ``__getattr__`` gives for a name the module does not define."""
    sym = chk.p.module_symbol(module, "__getattr__")
    rs = chk.p.resolve(sym) if sym is not None else None
    t = chk.members.symbol_type(rs) if rs is not None else None
    if isinstance(t, CallableType) and len(t.arg_types) == 1:
        return t.ret_type
    return AnyType("special")


def module_attr_alternatives(chk: Evaluator, module: str) -> list[str]:
    """What ``module.<name>`` could have meant: module object attributes and public names."""
    out: list[str] = []
    ns = chk.p.class_namespace("types.ModuleType")
    if ns is not None:
        out.extend(ns.names)
    mod = chk.p.module(module)
    if mod is not None:
        for n in mod.ns.names:
            if (mod.ns.all_names is None or n in mod.ns.all_names) and not is_hidden_import(
                chk.p, module, n
            ):
                out.append(n)
    return out


def is_imported_submodule(chk: Evaluator, name: str) -> bool:
    return True


def infer_Subscript(chk: Evaluator, e: ast.Subscript, ctx: Type | None) -> Type:
    key = ref_key(e)
    base = chk.infer(e.value)
    if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
        enum_info = chk.p.class_info(base.type_obj_name)
        if enum_info is not None and enum_info.is_enum and not enum_info.type_vars:
            # E['A']: the member named by a string (the metaclass's __getitem__).
            index = chk.infer(e.slice)
            if not chk.p.relations.is_subtype(index, Instance("builtins.str")):
                chk.fail(
                    e.slice,
                    Message(
                        f"Enum index should be a string (actual index type {msg.quote_type(format_type(index))})",
                        codes.MISC,
                    ),
                )
            return Instance(base.type_obj_name)
    if isinstance(base, (CallableType, Overloaded)) and (
        isinstance(base, Overloaded) or base.is_type_obj
    ):
        # A generic class subscripted in an expression: list[int]() and friends.
        t = chk.analyze_type_expr(e)
        if isinstance(t, TypedDictType):
            t = t.fallback
        if isinstance(t, Instance):
            return chk.members.type_object(t.fullname, t)
        return AnyType("special")
    if isinstance(e.value, (ast.Name, ast.Attribute)):
        # Protocol[T], Generic[T], Literal[...] used as values: special forms, whatever
        # the stub happens to declare them as (the test stubs say ``Protocol = 0``).
        sym = chk.lookup_symbol_expr(e.value)
        spec = special_name(sym.fullname) if sym is not None else None
        if spec is not None and spec not in ALIASES:
            return AnyType("special")
    index = chk.infer(e.slice)
    if key is not None and key in chk.state:
        return chk.state[key]
    return chk.index_type(base, index, e, e.slice)


def index_type(
    chk: Evaluator, base: Type, index: Type, node: ast.AST, index_node: ast.expr
) -> Type:
    if isinstance(base, UnionType):
        return make_union([chk.index_type(i, index, node, index_node) for i in base.items])
    if isinstance(base, (AnyType, NeverType)):
        return base
    if (
        isinstance(base, TypeVarType)
        and isinstance(base.upper_bound, TypedDictType)
        and not base.values
    ):
        base = base.upper_bound
    if isinstance(base, TypedDictType):
        return typeddicts.index_typeddict(chk, base, index, index_node)
    if isinstance(base, TupleType):
        lk = (
            index.last_known_value
            if isinstance(index, Instance)
            else (index if isinstance(index, LiteralType) else None)
        )
        if lk is not None and isinstance(lk.value, int) and not isinstance(lk.value, bool):
            n = lk.value
            if -len(base.items) <= n < len(base.items):
                return base.items[n]
            chk.fail(node, em.TUPLE_INDEX_OUT_OF_RANGE)
            return AnyType("error")
        if isinstance(index_node, ast.Slice):
            return slice_tuple(chk, base, index_node)
        base = chk.p.relations.tuple_fallback(base)
    if isinstance(base, TypeType) or (isinstance(base, CallableType) and base.is_type_obj):
        return AnyType("special")
    m = chk.member_access_one(base, "__getitem__", node, report=False)
    if m is None:
        if (
            isinstance(base, NoneType)
            or isinstance(base, Instance)
            or isinstance(base, (CallableType, Overloaded))
        ):
            chk.fail(node, Message(msg.not_indexable(base), codes.INDEX))
        return AnyType("error")
    if isinstance(m, AnyType):
        return m
    if isinstance(m, (CallableType, Overloaded)):
        r = chk.try_call(m, [index])
        if r is not None:
            return r
        if isinstance(m, Overloaded) and isinstance(index, UnionType):
            # Union math: each member of a union index may pick its own item.
            per_item = [chk.try_call(m, [i]) for i in index.items]
            if all(t is not None for t in per_item):
                return make_union(per_item)  # type: ignore[arg-type]
        if isinstance(m, CallableType) and m.arg_types:
            chk.fail(
                index_node, Message(msg.invalid_index(index, base, m.arg_types[0]), codes.INDEX)
            )
            return AnyType("error")
        name_t = base
        chk.fail(
            node,
            Message(
                f'No overload variant of "__getitem__" of "{chk.fmt(name_t)}" matches argument type "{chk.fmt(index)}"',
                codes.CALL_OVERLOAD,
            ),
        )
        chk.note(node, em.POSSIBLE_OVERLOAD_VARIANTS)
        from tycheck.types.display import pretty_callable

        for item in m.items if isinstance(m, Overloaded) else []:
            chk.note(node, Message("    " + pretty_callable(item), codes.CALL_OVERLOAD))
        return AnyType("error")
    return AnyType("special")


def slice_tuple(chk: Evaluator, base: TupleType, s: ast.Slice) -> Type:
    def const(x: ast.expr | None) -> int | None | str:
        if x is None:
            return None
        if isinstance(x, ast.Constant) and isinstance(x.value, int):
            return x.value
        if (
            isinstance(x, ast.UnaryOp)
            and isinstance(x.op, ast.USub)
            and isinstance(x.operand, ast.Constant)
            and isinstance(x.operand.value, int)
        ):
            return -x.operand.value
        return "?"

    lo, hi, st = const(s.lower), const(s.upper), const(s.step)
    if "?" in (lo, hi, st):
        return chk.p.relations.tuple_fallback(base)
    if st == 0:
        chk.fail(s, em.SLICE_STEP_CANNOT_BE_ZERO)
        return AnyType("error")
    return make_tuple(chk, list(base.items[lo:hi:st]))  # type: ignore[misc]


def _own_getattribute(chk: Evaluator, fullname: str) -> bool:
    """Whether a class other than ``object`` in the MRO of ``fullname`` defines
    ``__getattribute__`` (mypy then types unknown attributes by its return type)."""
    info = chk.p.class_info(fullname)
    for cls in info.mro if info is not None else ():
        if cls == "builtins.object":
            return False
        ns = chk.p.class_namespace(cls)
        if ns is not None and "__getattribute__" in ns.names:
            return True
    return False


def setitem_value_context(chk: Evaluator, target: ast.Subscript) -> Type | None:
    """What ``x[k] = value`` expects of the value: the value parameter of ``x.__setitem__``
    (mypy infers the value as that call's argument), when one signature says it."""
    with chk.quiet():
        base = chk.infer(target.value)
        setitem = (
            chk.member_access_one(base, "__setitem__", target, report=False)
            if isinstance(base, Instance)
            else None
        )
    if not isinstance(setitem, CallableType) or len(setitem.arg_types) < 2:
        return None
    value = setitem.arg_types[1]
    own = {v.id for v in setitem.variables}
    if isinstance(value, AnyType) or has_type_vars(value, lambda v: v.id in own):
        return None  # the method's own variables are solved by the call
    return value
