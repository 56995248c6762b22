"""Operators and calls: unary, binary, boolean and comparison operators; calls and special calls."""

from __future__ import annotations

import ast

from tycheck.checker.classes import abstract
from tycheck.checker.classes.attrs_checks import evolve_signature
from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.declare.names import special_name
from tycheck.checker.flow.casts import check_redundant_cast
from tycheck.checker.declare.untyped_defs import check_untyped_call
from tycheck.checker.infer import noneret
from tycheck.checker.infer import operators
from tycheck.checker.infer import strict_equality
from tycheck.checker.infer import typeddicts
from tycheck.checker.infer.expr_base import BINOP_METHODS, CMP_METHODS, lit
from tycheck.checker.flow.binder import simplify_union
from tycheck.checker.infer.partials import current_partial, has_partials, try_complete_by_call
from tycheck.checker.infer.string_format import check_format_call, check_percent_format
from tycheck.types.display import reveal
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    NeverType,
    NoneType,
    Overloaded,
    Type,
    TupleType,
    TypedDictType,
    TypeType,
    TypeVarType,
    make_union,
    strip_literal,
    union_items,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

# -- operators -----------------------------------------------------------------


def infer_BinOp(chk: Evaluator, e: ast.BinOp, ctx: Type | None) -> Type:
    formatted = check_percent_format(chk, e)
    if formatted is not None:
        return formatted
    if isinstance(e.op, ast.Mult) and isinstance(e.left, ast.List):
        left, right = _list_times(chk, e, ctx)
    else:
        left = chk.infer(e.left, ctx if isinstance(e.op, (ast.Add, ast.BitOr)) else None)
        right = chk.infer(e.right, ctx if isinstance(e.op, (ast.Add, ast.BitOr)) else None)
    method, rmethod, op = BINOP_METHODS[type(e.op)]
    if (
        isinstance(e.op, ast.Mod)
        and isinstance(strip_literal(left), Instance)
        and strip_literal(left).fullname in ("builtins.str", "builtins.bytes")
    ):  # type: ignore[union-attr]
        return strip_literal(left)
    return binary_op(chk, left, right, method, rmethod, op, e, e.left, e.right)


def _list_times(chk: Evaluator, e: ast.BinOp, ctx: Type | None) -> tuple[Type, Type]:
    """Operand types of ``[...] * n``: repeating a list keeps its type, so the display gets the
    expression's own context when the count is an int (``xs: list[T | None] = [None] * n``)."""
    right = chk.infer(e.right)
    repeat = chk.p.relations.is_subtype(right, Instance("builtins.int"))
    left = chk.infer(e.left, ctx if repeat else None)
    return left, right


def binary_op(
    chk: Evaluator,
    left: Type,
    right: Type,
    method: str,
    rmethod: str,
    op: str,
    node: ast.AST,
    lnode: ast.AST,
    rnode: ast.AST,
) -> Type:
    return operators.binary_op(chk, left, right, method, rmethod, op, node, lnode, rnode)


def try_call(chk: Evaluator, callee: Type, arg_types: list[Type]) -> Type | None:
    """The result of calling ``callee`` with positional arguments of these types, or None if it does not accept them."""
    items = callee.items if isinstance(callee, Overloaded) else (callee,)
    for item in items:
        if not isinstance(item, CallableType):
            return AnyType("special")
        r = chk.calls.match_simple(item, arg_types)
        if r is not None:
            return r
    return None


def infer_UnaryOp(chk: Evaluator, e: ast.UnaryOp, ctx: Type | None) -> Type:
    t = chk.infer(e.operand)
    if isinstance(e.op, ast.Not):
        return Instance("builtins.bool")
    if isinstance(t, AnyType):
        return t
    st = t
    if (
        isinstance(e.op, ast.USub)
        and isinstance(t, Instance)
        and t.last_known_value is not None
        and isinstance(t.last_known_value.value, int)
        and not isinstance(t.last_known_value.value, bool)
    ):
        return lit(-t.last_known_value.value, t.fullname)
    name, op = {
        ast.USub: ("__neg__", "-"),
        ast.UAdd: ("__pos__", "+"),
        ast.Invert: ("__invert__", "~"),
    }[type(e.op)]
    results = []
    for item in union_items(st):
        m = chk.member_access_one(item, name, e, report=False)
        if isinstance(m, CallableType):
            results.append(m.ret_type)
        elif isinstance(m, (AnyType, Overloaded)):
            results.append(m.items[0].ret_type if isinstance(m, Overloaded) else m)
        else:
            chk.fail(e, Message(msg.unsupported_unary(op, st), codes.OPERATOR))
            return AnyType("error")
    return make_union(results)


def infer_BoolOp(chk: Evaluator, e: ast.BoolOp, ctx: Type | None) -> Type:
    types: list[Type] = []
    saved = dict(chk.state)
    was_unreachable = chk.unreachable
    left: list[Type] = []
    for i, v in enumerate(e.values):
        t = chk.infer(v, _operand_context(chk, left, ctx))
        left.append(t)
        last = i == len(e.values) - 1
        if not last:
            yes, no = chk.narrow.condition_maps(v)
            if (yes if isinstance(e.op, ast.And) else no) is None:
                # ``PY2 and f()`` / ``x is None and x.y`` for a non-optional x: mypy checks
                # the rest as unreachable (no errors), and the value is this operand's.
                with chk.quiet():
                    for rest in e.values[i + 1 :]:
                        chk.infer(rest, _operand_context(chk, left, ctx))
                types.append(t)
                break
            falsy = chk.narrow.restrict_truthiness(t, truthy=isinstance(e.op, ast.Or))
            if isinstance(v, ast.BoolOp) and isinstance(v.op, ast.And) == isinstance(e.op, ast.Or):
                falsy = _last_operand_part(chk, v, _operand_context(chk, left[:-1], ctx))
            taken = yes if isinstance(e.op, ast.And) else no
            if falsy is not None and not isinstance(falsy, NeverType):
                types.append(falsy)
            chk.apply_map(taken)
        else:
            types.append(t)
    chk.state.clear()
    chk.state.update(saved)
    chk.unreachable = was_unreachable
    return simplify_union(types, chk.p.relations.is_subtype)


def _operand_context(chk: Evaluator, left: list[Type], ctx: Type | None) -> Type | None:
    """An operand's expected type: the outer one and the operands to its left, as in mypy
    (``items or []`` gives ``[]`` the type of ``items``; an ``Any`` on the left is all)."""
    if not left:
        return ctx
    from tycheck.checker.infer.overload_call import has_any

    left_t = make_union(left)
    if has_any(left_t):
        return left_t
    return simplify_union(
        [left_t, ctx] if ctx is not None else [left_t], chk.p.relations.is_subtype
    )


def _last_operand_part(chk: Evaluator, e: ast.BoolOp, ctx: Type | None) -> Type | None:
    """The truthy part of a nested ``a and b`` (the falsy part of ``a or b``): only ``b``,
    evaluated where ``a`` held, can give it (``(xs and xs[-1].ok) or f`` is a bool, not a
    list: mypy's falsy list cannot be true)."""
    is_and = isinstance(e.op, ast.And)
    saved = dict(chk.state)
    left: list[Type] = []
    with chk.quiet():
        for v in e.values[:-1]:
            left.append(chk.infer(v, _operand_context(chk, left, ctx)))
            yes, no = chk.narrow.condition_maps(v)
            chk.apply_map(yes if is_and else no)
        last = chk.infer(e.values[-1], _operand_context(chk, left, ctx))
    chk.state.clear()
    chk.state.update(saved)
    return chk.narrow.restrict_truthiness(last, truthy=is_and)


def infer_Compare(chk: Evaluator, e: ast.Compare, ctx: Type | None) -> Type:
    left = chk.infer(e.left)
    lnode = e.left
    result: Type = Instance("builtins.bool")
    for op, comp in zip(e.ops, e.comparators):
        if (
            isinstance(op, (ast.In, ast.NotIn))
            and isinstance(comp, ast.Name)
            and current_partial(chk, comp.id) is not None
        ):
            # ``k in x`` neither completes nor uses up a partial ``x``.
            left = AnyType("special")
            continue
        right = chk.infer(comp)
        if type(op) in CMP_METHODS:
            method, rmethod, sym = CMP_METHODS[type(op)]
            r = binary_op(chk, left, right, method, rmethod, sym, e, e.left, comp)
            if len(e.ops) == 1:
                result = r
        elif isinstance(op, (ast.In, ast.NotIn)):
            check_container(chk, right, left, e)
        strict_equality.check_compare(chk, op, left, right, lnode, comp, e)
        left, lnode = right, comp
    return result


def check_container(chk: Evaluator, container: Type, item: Type, node: ast.AST) -> None:
    for c in union_items(container):
        if isinstance(c, (AnyType, NeverType)):
            continue
        m = chk.member_access_one(c, "__contains__", node, report=False)
        if m is None:
            it = chk.member_access_one(c, "__iter__", node, report=False)
            if it is None:
                chk.fail(
                    node,
                    Message(
                        f'Unsupported right operand type for in ("{chk.fmt(container)}")',
                        codes.OPERATOR,
                    ),
                )
                return


# -- calls ---------------------------------------------------------------------


def infer_Call(chk: Evaluator, e: ast.Call, ctx: Type | None) -> Type:
    if has_partials(chk):
        try_complete_by_call(chk, e)
    special = special_call(chk, e, ctx)
    if special is not None:
        return special
    if isinstance(e.func, ast.Attribute) and e.func.attr in typeddicts.KEY_METHODS:
        handled = typeddict_method_call(chk, e, ctx)
        if handled is not None:
            return handled
    if (
        isinstance(e.func, ast.Name)
        and e.func.id == "dict"
        and not e.args
        and all(k.arg for k in e.keywords)
        and ctx is not None
    ):
        td = typeddicts.typeddict_context_for_keys(ctx, [k.arg for k in e.keywords])  # type: ignore[misc]
        if td is not None:
            chk.infer(e.func)
            return typeddicts.check_entries(
                chk, td, [(k.arg, k.value) for k in e.keywords], e, None, ctx
            )  # type: ignore[misc]
    callee = chk.infer(e.func)
    if (
        isinstance(callee, CallableType)
        and callee.is_type_obj
        and isinstance(callee.ret_type, TypedDictType)
    ):
        return typeddicts.check_constructor_call(chk, callee, e, ctx)
    name, of_class = chk.callee_names(e.func, callee)
    evolved = (
        evolve_signature(chk, e)
        if isinstance(callee, CallableType) and name in ("evolve", "assoc")
        else None
    )
    if evolved is not None:
        callee, of_class = evolved
    type_obj = callee.items[0] if isinstance(callee, Overloaded) and callee.items else callee
    if isinstance(type_obj, CallableType) and type_obj.is_type_obj and type_obj.type_obj_name:
        obj_info = chk.p.class_info(type_obj.type_obj_name)
        if obj_info is not None and obj_info.is_protocol:
            chk.fail(
                e,
                Message(
                    f'Cannot instantiate protocol class "{type_obj.type_obj_name.rsplit(".", 1)[-1]}"',
                    codes.MISC,
                ),
            )
        elif obj_info is not None:
            abstract.check_instantiation(chk, e, type_obj.type_obj_name)
    if name in ("isinstance", "issubclass") and len(e.args) == 2:
        check_runtime_protocol_test(chk, e, e.args[1])
    if isinstance(callee, CallableType) and callee.implicit:
        check_untyped_call(chk, e, callee, name, of_class)
    result = chk.calls.check_call(callee, e.args, e.keywords, e, name, of_class, ctx)
    check_format_call(chk, e)
    noneret.check_call_value(chk, e, callee, result)
    return result


def check_runtime_protocol_test(chk: Evaluator, call: ast.Call, classes: ast.expr) -> None:
    """isinstance(x, P) needs P to be a @runtime_checkable protocol."""
    for el in classes.elts if isinstance(classes, ast.Tuple) else [classes]:
        if not isinstance(el, (ast.Name, ast.Attribute)):
            continue
        sym = chk.lookup_symbol_expr(el)
        sym = (chk.p.resolve(sym) or sym) if sym is not None else None
        if sym is None or sym.kind != "class":
            continue
        info = chk.p.class_info(sym.fullname)
        found = chk.p.class_node(sym.fullname)
        if info is None or not info.is_protocol or found is None:
            continue
        decos = [
            d.id if isinstance(d, ast.Name) else d.attr if isinstance(d, ast.Attribute) else ""
            for d in found[1].decorator_list
        ]
        if not any(d in ("runtime_checkable", "runtime") for d in decos):
            chk.fail(
                call,
                em.ONLY_RUNTIME_CHECKABLE_PROTOCOLS_CAN_BE,
            )


def typeddict_method_call(chk: Evaluator, e: ast.Call, ctx: Type | None) -> Type | None:
    """``td.get('key')`` and friends: typed by the key. The receiver is first inferred
    muted, so a receiver that is not a TypedDict is checked (once) the ordinary way."""
    assert isinstance(e.func, ast.Attribute)
    if not isinstance(e.func.value, (ast.Name, ast.Attribute, ast.Subscript)):
        return None
    with chk.quiet():
        base = chk.infer(e.func.value)
    if not isinstance(base, TypedDictType):
        return None
    chk.infer(e.func.value)
    return typeddicts.method_call(chk, base, e, ctx)


def callee_names(chk: Evaluator, func: ast.expr, callee: Type) -> tuple[str | None, str | None]:
    if isinstance(callee, (CallableType,)) and callee.name:
        if callee.is_type_obj or callee.implicit:
            # mypy names an unannotated method by its bare name.
            return callee.name, None
        return callee.name, callee.from_method
    if isinstance(callee, Overloaded) and callee.items and callee.items[0].name:
        first = callee.items[0]
        return first.name, None if first.is_type_obj else first.from_method
    # mypy names a callee only by its own signature: a variable of a Callable type
    # has no name, so its messages read "Too few arguments" with no "for ...".
    return None, None


def type_of(t: Type) -> Type:
    """``type(x)``: the class of ``x`` (``type[A]``, ``type[T]``, one per item of a union), as
    mypy special-cases it; ``type`` where the value has no class we can name."""
    items = union_items(t)
    if all(isinstance(i, (Instance, TypeVarType, AnyType, NoneType, TupleType)) for i in items):
        return make_union([TypeType(i) for i in items])
    return Instance("builtins.type")


def special_call(chk: Evaluator, e: ast.Call, ctx: Type | None) -> Type | None:
    f = e.func
    if not isinstance(f, (ast.Name, ast.Attribute)):
        return None
    sym = chk.lookup_symbol_expr(f)
    name = special_name(sym.fullname) if sym is not None else None
    if (
        name is None
        and isinstance(f, ast.Name)
        and f.id in ("reveal_type", "reveal_locals")
        and sym is None
    ):
        name = f.id
    if (
        sym is not None
        and sym.fullname == "builtins.type"
        and len(e.args) == 1
        and not e.keywords
        and not isinstance(e.args[0], ast.Starred)
    ):
        return type_of(chk.infer(e.args[0]))
    if name in ("reveal_type", "cast", "assert_type") and e.args:
        noneret.allow_none(chk, e.args[-1] if name == "cast" else e.args[0])
    if name == "reveal_type" and len(e.args) == 1:
        t = chk.infer(e.args[0], ctx)
        # mypy reports at the argument; an unchecked body infers nothing, so it shows Any.
        shown = t if chk.checking else AnyType("special")
        chk.note(
            e.args[0],
            Message(f'Revealed type is "{reveal(shown, chk.verbose_reveal)}"', codes.MISC),
            reveal=True,
        )
        if not chk.checking:
            chk.note(
                e.args[0],
                em.REVEAL_TYPE_ALWAYS_OUTPUTS_ANY_IN,
                reveal=True,
            )
        return t
    if name == "reveal_locals":
        return NoneType()
    if name == "cast" and len(e.args) == 2:
        target = chk.analyze_type_expr(e.args[0])
        check_redundant_cast(chk, e, chk.infer(e.args[1]), target)
        return target
    if name == "assert_type" and len(e.args) == 2:
        t = chk.infer(e.args[0])
        target = chk.analyze_type_expr(e.args[1])
        if (
            chk.checking
            and not chk.p.relations.is_equivalent(t, target)
            or (
                chk.checking
                and t != target
                and not isinstance(t, AnyType)
                and strip_literal(t) != target
            )
        ):
            if (
                not (isinstance(t, AnyType) and isinstance(target, AnyType))
                and strip_literal(t) != target
                and t != target
            ):
                a, b = chk.fmts(t, target)
                chk.fail(e, Message(f'Expression is of type "{a}", not "{b}"', codes.ASSERT_TYPE))
        return t
    if name in ("TypeVar", "NewType", "NamedTuple", "TypedDict", "ParamSpec", "TypeVarTuple"):
        for a in e.args[1:] if name == "TypeVar" else []:
            pass
        return AnyType("special")
    return None
