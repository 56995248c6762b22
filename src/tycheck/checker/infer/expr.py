"""Expression inference: atoms, names, displays, comprehensions, lambdas, ``await`` and ``yield``."""

from __future__ import annotations

import ast
from dataclasses import replace

from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import Evaluator, record_type
from tycheck.checker.declare.names import is_annotated
from tycheck.checker.flow.binder import simplify_union
from tycheck.checker.infer import noneret
from tycheck.checker.infer import typeddicts
from tycheck.checker.infer.expr_base import _target_names, _undetermined, lit
from tycheck.checker.infer.partials import report_unresolved
from tycheck.checker.infer.scope_names import undefined_name_message
from tycheck.checker.infer.string_format import check_fstring_value
from tycheck.types.model import (
    AnyType,
    CallableType,
    DeletedType,
    Instance,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    strip_literal,
    union_items,
)
from tycheck.types.display import format_types
from tycheck.types.subst import erase_type_vars, has_type_vars
from tycheck.errors import codes
from tycheck.errors.messages import Message

# -- atoms -----------------------------------------------------------------


def infer_Constant(chk: Evaluator, e: ast.Constant, ctx: Type | None) -> Type:
    v = e.value
    if v is None:
        return NoneType()
    if isinstance(v, bool):
        return lit(v, "builtins.bool")
    if isinstance(v, int):
        return lit(v, "builtins.int")
    if isinstance(v, str):
        return lit(v, "builtins.str")
    if isinstance(v, bytes):
        return lit(v, "builtins.bytes")
    if isinstance(v, float):
        return Instance("builtins.float")
    if isinstance(v, complex):
        return Instance("builtins.complex")
    if v is Ellipsis:
        return (
            Instance("builtins.ellipsis")
            if chk.p.class_info("builtins.ellipsis")
            else AnyType("special")
        )
    return AnyType("special")


def infer_JoinedStr(chk: Evaluator, e: ast.JoinedStr, ctx: Type | None) -> Type:
    for v in e.values:
        if isinstance(v, ast.FormattedValue):
            value_type = chk.infer(v.value)
            check_fstring_value(chk, e, v, value_type)
            if v.format_spec is not None:
                chk.infer(v.format_spec)
    return Instance("builtins.str")


def infer_FormattedValue(chk: Evaluator, e: ast.FormattedValue, ctx: Type | None) -> Type:
    chk.infer(e.value)
    return Instance("builtins.str")


def in_checked_function(chk: Evaluator) -> bool:
    """Whether the semantic analyzer reports errors here (mypy drops them in a function it does
    not check: the innermost ``def``, lambdas aside, without annotations)."""
    if chk.func is None or getattr(chk.options, "check_untyped_defs", False):
        return True
    return is_annotated(chk.func)


def infer_Name(chk: Evaluator, e: ast.Name, ctx: Type | None) -> Type:
    t = chk.lookup_name_type(e.id, e)
    if t is None:
        if in_checked_function(chk):
            chk.fail_semantic(e, Message(undefined_name_message(chk, e.id, e), codes.NAME_DEFINED))
        return AnyType("error")
    if isinstance(t, UnionType) and any(isinstance(i, PartialType) for i in t.items):
        t = chk.declared.get(e.id, t)  # completed in another branch
    if isinstance(t, PartialType):
        resolved = chk.declared.get(e.id)
        if resolved is not None and not isinstance(resolved, PartialType):
            return resolved
        if t.fullname is not None and e.id in chk.partial_sites and not chk.muted:
            return report_unresolved(chk, e.id, t)
        return partial_as_type(chk, e.id, t)
    if isinstance(t, DeletedType):
        chk.fail(e, Message(f'Trying to read deleted variable "{e.id}"', codes.MISC))
        return AnyType("error")
    return erased_in_type_context(t, ctx)


def erased_in_type_context(t: Type, ctx: Type | None) -> Type:
    """A generic class object where a ``type[...]`` is expected: its variables become Any
    (mypy's rule), so ``x: type[D[str]] = D`` holds."""
    wants_type = isinstance(ctx, TypeType) or (
        isinstance(ctx, UnionType) and any(isinstance(i, TypeType) for i in ctx.items)
    )
    if not wants_type:
        return t
    items = t.items if isinstance(t, Overloaded) else (t,) if isinstance(t, CallableType) else ()
    if not items or not all(i.is_type_obj and i.variables for i in items):
        return t
    erased = tuple(replace(erase_type_vars(i), variables=()) for i in items)  # type: ignore[arg-type]
    return Overloaded(erased) if isinstance(t, Overloaded) else erased[0]


def partial_as_type(chk: Evaluator, name: str, t: PartialType) -> Type:
    if t.fullname is None:
        return NoneType()
    info = chk.p.class_info(t.fullname)
    n = len(info.type_vars) if info else 1
    return Instance(t.fullname, tuple(AnyType("special") for _ in range(n)))


# -- containers ------------------------------------------------------------------


def infer_List(chk: Evaluator, e: ast.List, ctx: Type | None) -> Type:
    return collection(chk, "builtins.list", e.elts, ctx)


def infer_Set(chk: Evaluator, e: ast.Set, ctx: Type | None) -> Type:
    return collection(chk, "builtins.set", e.elts, ctx)


def collection(chk: Evaluator, fullname: str, elts: list[ast.expr], ctx: Type | None) -> Type:
    item_ctx = union_context_item(chk, ctx, fullname, elts)
    items: list[Type] = []
    for el in elts:
        if isinstance(el, ast.Starred):
            t = chk.infer(el.value)
            items.append(chk.iter_item_type(t, el, report=True))
        else:
            items.append(chk.infer(el, item_ctx))
    if item_ctx is not None and all(chk.p.relations.is_subtype(t, item_ctx) for t in items):
        return Instance(fullname, (item_ctx,))
    if item_ctx is not None and fullname == "builtins.list" and not has_type_vars(item_ctx):
        # As for a call of ``def [T] (*T) -> list[T]``: the context fixes T and each
        # item is checked against it.
        for i, (el, t) in enumerate(zip(elts, items)):
            if not isinstance(el, ast.Starred) and not chk.p.relations.is_subtype(t, item_ctx):
                chk.fail(el, Message(msg.list_item(i, t, item_ctx), codes.LIST_ITEM))
        return Instance(fullname, (item_ctx,))
    if not items:
        return (
            Instance(fullname, (AnyType("special"),))
            if item_ctx is None
            else Instance(fullname, (item_ctx,))
        )
    joined = chk.join_all([strip_literal(t) for t in items])
    return Instance(fullname, (joined,))


def union_context_item(
    chk: Evaluator, ctx: Type | None, fullname: str, elts: list[ast.expr]
) -> Type | None:
    """The item context of a display expected as a union (``list[int] | list[str]``): the
    first member whose item type every element fits; none when no member fits them all."""
    found: list[Type] = []
    for member in union_items(ctx) if ctx is not None else ():
        item = context_item(chk, member, fullname, 0)
        if item is not None and item not in found:
            found.append(item)
    if len(found) < 2 or any(isinstance(el, ast.Starred) for el in elts):
        return context_item(chk, ctx, fullname, 0)
    rel = chk.p.relations
    for item in found:
        with chk.quiet():
            fits = all(rel.is_subtype(chk.infer(el, item), item) for el in elts)
        if fits:
            return item
    return None


def context_item(chk: Evaluator, ctx: Type | None, fullname: str, index: int) -> Type | None:
    """The ``index``-th type argument a display of ``fullname`` gets from ``ctx``.

    Of a union, the items that give one; when they disagree (``Mapping[str, str] |
    Mapping[bytes, bytes]``) there is no context, as mypy's constraints from a union are
    dropped when its options differ."""
    if ctx is None:
        return None
    found: list[Type] = []
    for c in union_items(ctx):
        if isinstance(c, Instance):
            got = _context_item_one(chk, c, fullname, index)
            if got is not None and got not in found:
                found.append(got)
    return found[0] if len(found) == 1 else None


def _context_item_one(chk: Evaluator, c: Instance, fullname: str, index: int) -> Type | None:
    if c.fullname == fullname and len(c.args) > index:
        return c.args[index]
    mapped = None
    info = chk.p.class_info(fullname)
    if info is not None and c.fullname in info.mro and info.type_vars:
        # Context is a base class (Sequence[int] for a list): map it back.
        base = chk.p.relations.map_to_supertype(
            Instance(fullname, tuple(info.type_vars)), c.fullname
        )
        if base is not None:
            for i, a in enumerate(base.args):
                if (
                    isinstance(a, type(info.type_vars[index]))
                    and a == info.type_vars[index]
                    and i < len(c.args)
                ):
                    mapped = c.args[i]
    if mapped is not None:
        return mapped
    proto = chk.p.class_info(c.fullname)
    if info is not None and info.type_vars and proto is not None and proto.is_protocol:
        return protocol_context_item(chk, c, fullname, info.type_vars, index)
    return None


def protocol_context_item(
    chk: Evaluator, proto: Instance, fullname: str, tvars: tuple[Type, ...], index: int
) -> Type | None:
    """The ``index``-th type argument of ``fullname`` that makes it fit the protocol ``proto``
    (a dict display expected as ``SupportsKeysAndGetItem[str, int]`` has values of ``int``)."""
    from tycheck.checker.infer.constraints import SUB, ConstraintBuilder, Unconstrained, solve

    var = tvars[index]
    if not isinstance(var, TypeVarType):
        return None
    template = Instance(fullname, tvars)
    members = chk.p.protocol_members(proto.fullname) or ()
    if any(chk.members.class_member_type(template, m) is None for m in members):
        return None  # the class cannot fit the protocol: no context from it
    ids = {v.id for v in tvars if isinstance(v, TypeVarType)}
    builder = ConstraintBuilder(chk, ids)
    cs = builder.infer(template, proto, SUB)
    got = solve(chk, [var], cs).get(var.id)
    if got is None or isinstance(got, Unconstrained) or has_type_vars(got):
        return None
    return got


def infer_Tuple(chk: Evaluator, e: ast.Tuple, ctx: Type | None) -> Type:
    ctx_items: tuple[Type, ...] | None = None
    if isinstance(ctx, TupleType) and len(ctx.items) == len(e.elts):
        ctx_items = ctx.items
    items: list[Type] = []
    for i, el in enumerate(e.elts):
        if isinstance(el, ast.Starred):
            t = chk.infer(el.value)
            if isinstance(t, TupleType):
                items.extend(t.items)
                continue
            item = chk.iter_item_type(t, el, report=True)
            for rest in e.elts[i + 1 :]:
                chk.infer(rest.value if isinstance(rest, ast.Starred) else rest)
            return Instance(
                "builtins.tuple", (chk.join_all([strip_literal(x) for x in items] + [item]),)
            )
        items.append(chk.infer(el, ctx_items[i] if ctx_items else None))
    return make_tuple(chk, items)


def make_tuple(chk: Evaluator, items: list[Type]) -> TupleType:
    fallback = Instance(
        "builtins.tuple",
        (chk.join_all([strip_literal(i) for i in items]) if items else NeverType(),),
    )
    return TupleType(tuple(items), fallback)


def infer_Dict(chk: Evaluator, e: ast.Dict, ctx: Type | None) -> Type:
    td = typeddicts.typeddict_context(chk, ctx, e)
    if td is not None:
        return typeddicts.check_dict_display(chk, td, e, ctx)
    if typeddicts.ambiguous_typeddict_context(ctx, e):
        # Several TypedDicts of the expected union fit these keys: mypy picks by the values
        # (or reports the ambiguity); until we do, the display is Any, never a false error.
        for v in e.values:
            chk.infer(v)
        return AnyType("unsupported")
    kctx = context_item(chk, ctx, "builtins.dict", 0)
    vctx = context_item(chk, ctx, "builtins.dict", 1)
    keys: list[Type] = []
    values: list[Type] = []
    for k, v in zip(e.keys, e.values):
        if k is None:
            t = chk.infer(v)
            if isinstance(t, Instance) and t.fullname == "builtins.dict" and len(t.args) == 2:
                keys.append(t.args[0])
                values.append(t.args[1])
            else:
                keys.append(AnyType("special"))
                values.append(AnyType("special"))
            continue
        keys.append(chk.infer(k, kctx))
        values.append(chk.infer(v, vctx))
    if (
        kctx is not None
        and vctx is not None
        and all(chk.p.relations.is_subtype(k, kctx) for k in keys)
        and all(chk.p.relations.is_subtype(v, vctx) for v in values)
    ):
        return Instance("builtins.dict", (kctx, vctx))
    if (
        kctx is not None
        and vctx is not None
        and not has_type_vars(kctx)
        and not has_type_vars(vctx)
        and all(k is not None for k in e.keys)
    ):
        rel = chk.p.relations
        for i, (kn, kt, vt) in enumerate(zip(e.keys, keys, values)):
            if not (rel.is_subtype(kt, kctx) and rel.is_subtype(vt, vctx)):
                chk.fail(
                    kn,
                    Message(
                        msg.dict_entry(
                            i,
                            kt,
                            vt,
                            kctx,
                            vctx,
                            rel.is_subtype(kt, kctx),
                            rel.is_subtype(vt, vctx),
                        ),
                        codes.DICT_ITEM,
                    ),
                )  # type: ignore[arg-type]
        return Instance("builtins.dict", (kctx, vctx))
    if not keys:
        return Instance("builtins.dict", (kctx or AnyType("special"), vctx or AnyType("special")))
    return Instance(
        "builtins.dict",
        (
            chk.join_all([strip_literal(k) for k in keys]),
            chk.join_all([strip_literal(v) for v in values]),
        ),
    )


def comprehension_scope(
    chk: Evaluator, generators: list[ast.comprehension]
) -> dict[str, Type | None]:
    saved: dict[str, Type | None] = {}
    for g in generators:
        it = chk.infer(g.iter)
        item = chk.iter_item_type(it, g.iter, report=True) if not g.is_async else AnyType("special")
        for name in _target_names(g.target):
            if name not in saved:
                saved[name] = chk.state.get(name)
        bind_target(chk, g.target, item)
        for cond in g.ifs:
            chk.infer(cond)
            yes, _ = chk.narrow.condition_maps(cond)
            chk.apply_map(yes)
    return saved


def restore_scope(chk: Evaluator, saved: dict[str, Type | None]) -> None:
    for name, old in saved.items():
        chk.comp_locals.discard(name)
        if old is None:
            chk.state.pop(name, None)
        else:
            chk.state[name] = old


def bind_target(chk: Evaluator, target: ast.expr, t: Type) -> None:
    if isinstance(target, ast.Name):
        chk.comp_locals.add(target.id)
        chk.state[target.id] = strip_literal(t)
        record_type(target, strip_literal(t))
    elif isinstance(target, (ast.Tuple, ast.List)):
        items = chk.unpack_types(t, len(target.elts), target)
        for el, it in zip(target.elts, items):
            bind_target(
                chk,
                el.value if isinstance(el, ast.Starred) else el,
                it if not isinstance(el, ast.Starred) else Instance("builtins.list", (it,)),
            )


def infer_ListComp(chk: Evaluator, e: ast.ListComp, ctx: Type | None) -> Type:
    saved_state = dict(chk.state)
    saved = comprehension_scope(chk, e.generators)
    item_ctx = context_item(chk, ctx, "builtins.list", 0)
    t = comp_item(chk, chk.infer(e.elt, item_ctx), item_ctx, e.elt, ctx, "List")
    restore_scope(chk, saved)
    chk.state.clear()
    chk.state.update(saved_state)
    return Instance("builtins.list", (strip_literal(t),))


def comp_item(
    chk: Evaluator,
    t: Type,
    item_ctx: Type | None,
    node: ast.expr | None = None,
    ctx: Type | None = None,
    kind: str = "",
) -> Type:
    """A comprehension's item type: the context's item when the value fits it (as for
    ``[x]`` displays: ``xs: list[Proto] = [C() for _ in r]`` is a list of Proto). Where it
    does not fit a context that is not a union, mypy checks the comprehension as a call of
    ``def (T) -> list[T]`` with T fixed: the item is reported and the result is the context's."""
    if item_ctx is None or isinstance(item_ctx, AnyType) or has_type_vars(item_ctx):
        return t
    if chk.p.relations.is_subtype(t, item_ctx):
        return item_ctx
    others = [c for c in union_items(ctx) if not isinstance(c, NoneType)] if ctx else []
    if node is None or len(others) != 1 or isinstance(t, AnyType):
        return t
    chk.fail(node, Message(comprehension_item(kind, t, item_ctx), codes.MISC))
    return item_ctx


def comprehension_item(kind: str, item: Type, expected: Type) -> str:
    """mypy's wording for a comprehension item that does not fit the expected item type
    (``kind``: List, Set, Generator, or Key/Value of a dict comprehension)."""
    a, e = format_types(item, expected)
    if kind in ("List", "Set"):
        return f"{kind} comprehension has incompatible type {kind}[{a}]; expected {kind}[{e}]"
    if kind == "Generator":
        return f'Generator has incompatible item type "{a}"; expected "{e}"'
    return (
        f'{kind} expression in dictionary comprehension has incompatible type "{a}"; '
        f'expected type "{e}"'
    )


def infer_SetComp(chk: Evaluator, e: ast.SetComp, ctx: Type | None) -> Type:
    saved_state = dict(chk.state)
    saved = comprehension_scope(chk, e.generators)
    item_ctx = context_item(chk, ctx, "builtins.set", 0)
    t = comp_item(chk, chk.infer(e.elt, item_ctx), item_ctx, e.elt, ctx, "Set")
    restore_scope(chk, saved)
    chk.state.clear()
    chk.state.update(saved_state)
    return Instance("builtins.set", (strip_literal(t),))


def infer_GeneratorExp(chk: Evaluator, e: ast.GeneratorExp, ctx: Type | None) -> Type:
    saved_state = dict(chk.state)
    saved = comprehension_scope(chk, e.generators)
    item_ctx = (
        context_item(chk, ctx, "typing.Generator", 0)
        if chk.p.class_info("typing.Generator")
        else None
    )
    t = comp_item(chk, chk.infer(e.elt, item_ctx), item_ctx, e.elt, ctx, "Generator")
    restore_scope(chk, saved)
    chk.state.clear()
    chk.state.update(saved_state)
    if chk.p.class_info("typing.Generator"):
        return Instance("typing.Generator", (strip_literal(t), NoneType(), NoneType()))
    return AnyType("special")


def infer_DictComp(chk: Evaluator, e: ast.DictComp, ctx: Type | None) -> Type:
    saved_state = dict(chk.state)
    saved = comprehension_scope(chk, e.generators)
    kctx = context_item(chk, ctx, "builtins.dict", 0)
    vctx = context_item(chk, ctx, "builtins.dict", 1)
    k = comp_item(chk, chk.infer(e.key, kctx), kctx, e.key, ctx, "Key")
    v = comp_item(chk, chk.infer(e.value, vctx), vctx, e.value, ctx, "Value")
    restore_scope(chk, saved)
    chk.state.clear()
    chk.state.update(saved_state)
    return Instance("builtins.dict", (strip_literal(k), strip_literal(v)))


# -- misc -------------------------------------------------------------------------


def infer_IfExp(chk: Evaluator, e: ast.IfExp, ctx: Type | None) -> Type:
    chk.infer(e.test)
    yes, no = chk.narrow.condition_maps(e.test)
    saved = dict(chk.state)
    chk.apply_map(yes)
    a = chk.infer(e.body, ctx) if yes is not None else None
    chk.state.clear()
    chk.state.update(saved)
    chk.apply_map(no)
    b = chk.infer(e.orelse, ctx) if no is not None else None
    chk.state.clear()
    chk.state.update(saved)
    if ctx is None and a is not None and b is not None and _undetermined(a) != _undetermined(b):
        # An empty collection in one branch takes the other branch's type as context
        # (mypy: ``[] if c else [1]`` is ``list[int]``).
        if _undetermined(a):
            chk.apply_map(yes)
            a = chk.infer(e.body, b)
        else:
            chk.apply_map(no)
            b = chk.infer(e.orelse, a)
        chk.state.clear()
        chk.state.update(saved)
    parts = [t for t in (a, b) if t is not None]
    if not parts:
        return NeverType()

    # mypy's simplified union: a branch absorbed by the other's type disappears
    # (literal-valued branches stay apart, as ``Literal[1]? | Literal[2]?``).
    def absorbed(a: Type, b: Type) -> bool:
        if any(isinstance(x, Instance) and x.last_known_value is not None for x in (a, b)):
            return a == b
        return chk.p.relations.is_subtype(a, b)

    return simplify_union(parts, absorbed)


def infer_Lambda(chk: Evaluator, e: ast.Lambda, ctx: Type | None) -> Type:
    from tycheck.types.model import OPT, POS, STAR, STAR2, NAMED, NAMED_OPT

    a = e.args
    params = list(a.posonlyargs) + list(a.args)
    ctx_c = ctx if isinstance(ctx, CallableType) else None
    if isinstance(ctx, UnionType):
        # ``Callable[[], T] | None``: the one callable member is the context (mypy).
        callables = [t for t in ctx.items if isinstance(t, CallableType)]
        ctx_c = callables[0] if len(callables) == 1 else None
    if ctx_c is not None and (ctx_c.type_guard is not None or ctx_c.type_is is not None):
        ctx_c = None  # a lambda is never a type guard: its context says nothing then
    types: list[Type] = []
    kinds: list[int] = []
    names: list[str | None] = []
    first_default = len(params) - len(a.defaults)
    for i, p in enumerate(params):
        t: Type = AnyType("unannotated")
        if ctx_c is not None and i < len(ctx_c.arg_types) and not ctx_c.is_ellipsis_args:
            t = ctx_c.arg_types[i]
        types.append(t)
        kinds.append(OPT if i >= first_default else POS)
        names.append(p.arg)
    if a.vararg:
        types.append(AnyType("unannotated"))
        kinds.append(STAR)
        names.append(a.vararg.arg)
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        types.append(AnyType("unannotated"))
        kinds.append(NAMED_OPT if d is not None else NAMED)
        names.append(p.arg)
    if a.kwarg:
        types.append(AnyType("unannotated"))
        kinds.append(STAR2)
        names.append(a.kwarg.arg)
    saved_state = dict(chk.state)
    saved = {n: chk.state.get(n) for n in names if n}
    for n, t in zip(names, types):
        if n:
            chk.comp_locals.add(n)
            chk.state[n] = t
    was = chk.checking
    chk.checking = was and ctx_c is not None
    noneret.allow_none(chk, e.body)
    ret = chk.infer(e.body, ctx_c.ret_type if ctx_c else None)
    chk.checking = was
    for n, old in saved.items():
        chk.comp_locals.discard(n)  # type: ignore[arg-type]
    chk.state.clear()
    chk.state.update(saved_state)
    if ctx_c is None:
        ret = AnyType("unannotated") if not True else ret
    return CallableType(
        tuple(types),
        tuple(kinds),
        tuple(names),
        strip_literal(ret) if ctx_c is None else ret,
        name="<lambda>",
        implicit=ctx_c is None,
    )


def infer_NamedExpr(chk: Evaluator, e: ast.NamedExpr, ctx: Type | None) -> Type:
    t = chk.infer(e.value, ctx)
    chk.assign_to(e.target, t, e.value, e)
    return t


def infer_Starred(chk: Evaluator, e: ast.Starred, ctx: Type | None) -> Type:
    return chk.infer(e.value)


def infer_Await(chk: Evaluator, e: ast.Await, ctx: Type | None) -> Type:
    t = chk.infer(e.value)
    return awaited_type(chk, t, e)


def awaited_type(chk: Evaluator, t: Type, node: ast.AST) -> Type:
    if isinstance(t, AnyType):
        return t
    if isinstance(t, Instance):
        for name in ("typing.Awaitable", "typing.Coroutine"):
            m = chk.p.relations.map_to_supertype(t, name)
            if m is not None and m.args:
                return m.args[-1]
        aw = chk.member_access_one(t, "__await__", node, report=False)
        if (
            isinstance(aw, CallableType)
            and isinstance(aw.ret_type, Instance)
            and len(aw.ret_type.args) == 3
        ):
            return aw.ret_type.args[2]
    return AnyType("special")


def infer_Yield(chk: Evaluator, e: ast.Yield, ctx: Type | None) -> Type:
    if e.value is not None:
        chk.infer(e.value)
    return AnyType("special")


def infer_YieldFrom(chk: Evaluator, e: ast.YieldFrom, ctx: Type | None) -> Type:
    t = chk.infer(e.value)
    if isinstance(t, Instance) and t.fullname == "typing.Generator" and len(t.args) == 3:
        return t.args[2]
    return AnyType("special")


def infer_Slice(chk: Evaluator, e: ast.Slice, ctx: Type | None) -> Type:
    for part in (e.lower, e.upper, e.step):
        if part is not None:
            chk.infer(part)
    return (
        Instance("builtins.slice", (AnyType("special"),) * 3)
        if chk.p.class_info("builtins.slice") and chk.p.class_info("builtins.slice").type_vars
        else Instance("builtins.slice")
    )  # type: ignore[union-attr]
