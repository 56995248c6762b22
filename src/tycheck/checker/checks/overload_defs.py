"""Checks of overload *definitions* (not calls): the shape of an ``@overload`` group and how
its items relate to each other and to the implementation.

A group is a run of ``def`` statements of one name in one body whose first member is
decorated (mypy groups them the same way before it knows which decorator is ``overload``).
Within a group, mypy reports:

- a lone ``@overload`` item ("Single overload definition, multiple required");
- a missing implementation outside a stub, a misplaced implementation;
- item N never matched because an earlier item accepts everything it accepts;
- items N and M that accept a common call but promise incompatible return types;
- an implementation that does not accept an item's arguments or cannot return its type.

Groups inside ``if`` statements (conditional overloads) are not examined: where in doubt,
nothing is reported.
"""

from __future__ import annotations

import ast
import itertools
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from tycheck.types.callable_compat import params_compatible
from tycheck.types.model import (
    OPT,
    POS,
    STAR,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.types.subst import contains_any, expand
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.types.relations import Relations

FuncDef = ast.FunctionDef | ast.AsyncFunctionDef

OVERLOAD_NAMES = frozenset({"overload", "typing.overload", "typing_extensions.overload"})
PROPERTY_NAMES = frozenset(
    {"builtins.property", "functools.cached_property", "abc.abstractproperty"}
)
ABSTRACT_NAMES = frozenset({"abc.abstractmethod"})
# Too many type-variable combinations make the pairwise checks slow; skip such items.
_MAX_VARIANTS = 16


@dataclass(frozen=True)
class _At:
    """A position to report at (a decorator's line, as mypy reports a decorated ``def``)."""

    lineno: int
    col_offset: int


def check_overload_defs(
    chk: "Evaluator", body: list[ast.stmt], class_fullname: str | None, in_function: bool = False
) -> None:
    """Report what is wrong with the overload groups directly in ``body``."""
    conditional = _conditional_names(body)
    for group in _groups(body):
        if group[0].name in conditional:
            continue  # may merge with items in an ``if``: conditional overloads are not modelled
        _check_group(chk, group, class_fullname, in_function)


def _groups(body: list[ast.stmt]) -> list[list[FuncDef]]:
    out: list[list[FuncDef]] = []
    current: list[FuncDef] = []
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if current and stmt.name == current[0].name:
                current.append(stmt)
                continue
            if current:
                out.append(current)
            # ``_`` functions next to each other are unrelated (mypy does the same).
            current = [stmt] if stmt.decorator_list and stmt.name != "_" else []
            continue
        if current:
            out.append(current)
        current = []
    if current:
        out.append(current)
    return out


def _decorator_names(chk: "Evaluator", f: FuncDef) -> list[str | None]:
    return [chk.ev._decorator_name(d, chk.scope) for d in f.decorator_list]


def _is_overload(chk: "Evaluator", f: FuncDef) -> bool:
    return any(n in OVERLOAD_NAMES for n in _decorator_names(chk, f))


def _start(f: FuncDef) -> ast.AST:
    """Where mypy places a ``def`` seen as a whole: its first decorator's line."""
    if f.decorator_list:
        return _At(f.decorator_list[0].lineno, f.col_offset)
    return f


def _conditional_names(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for stmt in body:
        if isinstance(stmt, (ast.If, ast.Try)):
            for n in ast.walk(stmt):
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(n.name)
    return names


def _check_group(
    chk: "Evaluator", group: list[FuncDef], class_fullname: str | None, in_function: bool
) -> None:
    first = group[0]
    names0 = _decorator_names(chk, first)
    if any(n in PROPERTY_NAMES for n in names0) or any(
        isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter")
        for d in first.decorator_list
    ):
        return
    is_stub = chk.mod.is_stub
    if len(group) == 1:
        if _is_overload(chk, first):
            chk.fail_semantic(_start(first), em.SINGLE_OVERLOAD_DEFINITION_MULTIPLE_REQUIRED)
        return
    items = [f for f in group if _is_overload(chk, f)]
    if not items:
        return  # a plain redefinition, not an overload
    impl: FuncDef | None = None
    misplaced: list[FuncDef] = []
    for i, f in enumerate(group):
        if f in items:
            continue
        if i == len(group) - 1 and not is_stub:
            impl = f
        else:
            misplaced.append(f)
    for f in misplaced:
        text = (
            "An implementation for an overloaded function is not allowed in a stub file"
            if is_stub
            else "The implementation for an overloaded function must come last"
        )
        chk.fail_semantic(_start(f), Message(text, codes.MISC))
    if (
        impl is None
        and not misplaced
        and not is_stub
        and not _may_omit_impl(chk, items, class_fullname, in_function)
    ):
        chk.fail_semantic(
            _start(first),
            em.AN_OVERLOADED_FUNCTION_OUTSIDE_A_STUB,
        )
    if len(items) == 1:
        chk.fail_semantic(_start(first), em.SINGLE_OVERLOAD_DEFINITION_MULTIPLE_REQUIRED)
    _check_items(chk, items, impl, class_fullname)


def _may_omit_impl(
    chk: "Evaluator", items: list[FuncDef], class_fullname: str | None, in_function: bool
) -> bool:
    if class_fullname and not in_function:
        info = chk.p.class_info(class_fullname)
        if info is not None and info.is_protocol:
            return True
    return all(any(n in ABSTRACT_NAMES for n in _decorator_names(chk, f)) for f in items)


# -- relations between items -------------------------------------------------------------------


def _item_type(chk: "Evaluator", f: FuncDef, class_fullname: str | None) -> CallableType | None:
    """The item's signature as its callers see it (after its other decorators), or None."""
    scope = chk.ev.class_scope(class_fullname) if class_fullname else None
    try:
        if class_fullname and scope is not None:
            t = chk.members.decorated(chk.mod, f, class_fullname, scope)
        else:
            t = _module_item_type(chk, f, class_fullname)
    except Exception:  # noqa: BLE001 - a check must not fail on odd code
        return None
    if not isinstance(t, CallableType) or t.implicit:
        return None
    return t


def _module_item_type(chk: "Evaluator", f: FuncDef, class_fullname: str | None) -> Type:
    from tycheck.checker.declare.names import TypeScope

    if chk.func is not None:
        # Nested overloads: only plain signatures (decorators there are rare).
        others = [n for n in _decorator_names(chk, f) if n not in OVERLOAD_NAMES]
        if others:
            return AnyType("special")
        return chk.ev.signature(chk.mod, f, None, chk.scope)
    return chk.members.decorated(chk.mod, f, class_fullname, TypeScope(chk.mod))


def _check_items(
    chk: "Evaluator", items: list[FuncDef], impl: FuncDef | None, class_fullname: str | None
) -> None:
    sigs = [_item_type(chk, f, class_fullname) for f in items]
    impl_sig = _impl_type(chk, impl, class_fullname) if impl is not None else None
    class_vars: tuple[TypeVarType, ...] = ()
    if class_fullname:
        info = chk.p.class_info(class_fullname)
        class_vars = info.type_vars if info is not None else ()
    rel = chk.p.relations
    is_get = bool(class_fullname) and items[0].name == "__get__"
    for i, sig1 in enumerate(sigs):
        if sig1 is None:
            continue
        for j in range(i + 1, len(sigs)):
            sig2 = sigs[j]
            if sig2 is None or not _counts_overlap(sig1, sig2):
                continue
            if can_never_match(rel, sig1, sig2):
                chk.fail(
                    items[j],
                    Message(
                        f"Overloaded function signature {j + 1} will never be matched: signature {i + 1}'s parameter type(s) are the same or broader",
                        codes.OVERLOAD_CANNOT_MATCH,
                    ),
                )
            elif not is_get and unsafe_overlap(rel, sig1, sig2, class_vars):
                chk.fail(
                    items[i],
                    Message(
                        f"Overloaded function signatures {i + 1} and {j + 1} overlap with incompatible return types",
                        codes.OVERLOAD_OVERLAP,
                    ),
                )
                if (
                    j == i + 1
                    and not unsafe_overlap(rel, sig2, sig1, class_vars)
                    and not can_never_match(rel, sig2, sig1)
                ):
                    chk.note(
                        items[i],
                        em.FLIPPING_THE_ORDER_OF_OVERLOADS_WILL,
                    )
        if impl_sig is not None and impl is not None:
            _check_impl(chk, rel, impl, impl_sig, sig1, i, bool(class_fullname))


def _impl_type(chk: "Evaluator", impl: FuncDef, class_fullname: str | None) -> CallableType | None:
    others = [
        n
        for n in _decorator_names(chk, impl)
        if n not in ("builtins.staticmethod", "builtins.classmethod", "abc.abstractmethod")
    ]
    if others:
        t = _item_type(chk, impl, class_fullname)
    else:
        outer = chk.scope if chk.func is not None else None
        t = chk.ev.signature(chk.mod, impl, class_fullname, outer)
    if not isinstance(t, CallableType) or t.implicit:
        return None
    return t


def _check_impl(
    chk: "Evaluator",
    rel: "Relations",
    impl: FuncDef,
    impl_sig: CallableType,
    sig: CallableType,
    i: int,
    is_method: bool,
) -> None:
    if impl_sig.variables or sig.variables:
        # Unifying a generic implementation with an item is not modelled: stay silent.
        if impl_sig.variables:
            return
    if is_method and sig.arg_types and impl_sig.arg_types:
        # Inconsistent use of @classmethod is reported elsewhere: compare from the 2nd on.
        impl_sig = replace(impl_sig, arg_types=(sig.arg_types[0],) + impl_sig.arg_types[1:])
    if _accepts(rel, impl_sig, sig) and rel.is_subtype(sig.ret_type, impl_sig.ret_type):
        return
    at = _start(impl)
    if not _accepts(rel, impl_sig, sig):
        chk.fail(
            at,
            Message(
                f"Overloaded function implementation does not accept all possible parameters of signature {i + 1}",
                codes.MISC,
            ),
        )
    if not (
        rel.is_subtype(sig.ret_type, impl_sig.ret_type)
        or rel.is_subtype(impl_sig.ret_type, sig.ret_type)
    ):
        chk.fail(
            at,
            Message(
                f"Overloaded function implementation cannot produce return type of signature {i + 1}",
                codes.MISC,
            ),
        )


def _accepts(rel: "Relations", impl: CallableType, sig: CallableType) -> bool:
    return params_compatible(impl, sig, rel.is_subtype)


def _counts_overlap(a: CallableType, b: CallableType) -> bool:
    """Can one call fit both signatures, judging by positional counts alone?"""
    return max(a.min_args(), b.min_args()) <= min(_max_positional(a), _max_positional(b))


def _max_positional(c: CallableType) -> int:
    if STAR in c.arg_kinds:
        return 1 << 30
    return sum(1 for k in c.arg_kinds if k in (POS, OPT))


def _variants(c: CallableType, extra: tuple[TypeVarType, ...] = ()) -> list[CallableType] | None:
    """``c`` with its type variables replaced by each combination of their values (or bound)."""
    tvs = list(c.variables) + [v for v in extra if v not in c.variables]
    if not tvs:
        return [c]
    choices = [list(tv.values) if tv.values else [tv.upper_bound] for tv in tvs]
    total = 1
    for ch in choices:
        total *= len(ch)
    if total > _MAX_VARIANTS:
        return None
    out: list[CallableType] = []
    for combo in itertools.product(*choices):
        m: dict[int | str, Type] = {}
        for tv, t in zip(tvs, combo):
            m[tv.id] = t
            m[tv.fullname] = t
        e = expand(c, m)
        assert isinstance(e, CallableType)
        out.append(replace(e, variables=()))
    return out


def can_never_match(rel: "Relations", sig1: CallableType, sig2: CallableType) -> bool:
    """Whether every call ``sig2`` accepts is taken by ``sig1`` first."""
    m: dict[int | str, Type] = {}
    for tv in sig1.variables:
        erased = make_union(list(tv.values)) if tv.values else tv.upper_bound
        m[tv.id] = erased
    e = expand(sig1, m) if m else sig1
    assert isinstance(e, CallableType)
    e = replace(e, variables=())
    return params_compatible(e, sig2, lambda a, b: _more_precise(rel, a, b), proper=True)


def _more_precise(rel: "Relations", a: Type, b: Type) -> bool:
    if isinstance(b, AnyType):
        return True
    if contains_any(a) or contains_any(b):
        return False
    if isinstance(a, Instance) and a.fullname == "builtins.type" and isinstance(b, TypeType):
        return False  # plain ``type`` is not more precise than ``type[C]``
    return rel.is_subtype(a, b)


def unsafe_overlap(
    rel: "Relations", sig1: CallableType, sig2: CallableType, class_vars: tuple[TypeVarType, ...]
) -> bool:
    """mypy's unsafe overlap: a call fits both items, yet ``sig1`` returns what ``sig2`` does not."""
    v1 = _variants(sig1, class_vars)
    v2 = _variants(sig2, class_vars)
    if v1 is None or v2 is None:
        return False
    with _no_promotions(rel):
        for a in v1:
            for b in v2:
                if _subset(rel, a.ret_type, b.ret_type):
                    continue
                overlap = lambda x, y: _overlapping(rel, x, y)  # noqa: E731
                if not (
                    params_compatible(a, b, overlap, proper=True, partial=True)
                    or params_compatible(
                        b, a, lambda x, y: overlap(y, x), proper=True, partial=True
                    )
                ):
                    continue
                if not params_compatible(
                    b, a, lambda x, y: _subset(rel, y, x), proper=True, partial=True
                ):
                    return True
    return False


@contextmanager
def _no_promotions(rel: "Relations") -> Iterator[None]:
    saved = getattr(rel, "ignore_promotions", False)
    rel.ignore_promotions = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        rel.ignore_promotions = saved  # type: ignore[attr-defined]


def _subset(rel: "Relations", a: Type, b: Type) -> bool:
    """Subtype, with invariant type arguments compared covariantly (mypy's 'subset')."""
    if (
        isinstance(a, Instance)
        and isinstance(b, Instance)
        and a.fullname == b.fullname
        and a.args
        and len(a.args) == len(b.args)
    ):
        return all(_subset(rel, x, y) for x, y in zip(a.args, b.args))
    return rel.is_subtype(a, b)


def _overlapping(rel: "Relations", a: Type, b: Type) -> bool:
    """Could one value have both types? Unknown shapes answer False (no error)."""
    if isinstance(a, AnyType) or isinstance(b, AnyType):
        # For overloads, Any is taken to overlap only ``object``.
        return _is_object(a) or _is_object(b)
    if isinstance(a, TypeVarType):
        if isinstance(b, NoneType):
            return False
        return _overlapping(rel, make_union(list(a.values)) if a.values else a.upper_bound, b)
    if isinstance(b, TypeVarType):
        return _overlapping(rel, b, a)
    if isinstance(a, UnionType):
        return any(_overlapping(rel, i, b) for i in a.items)
    if isinstance(b, UnionType):
        return any(_overlapping(rel, a, i) for i in b.items)
    if isinstance(a, NoneType) or isinstance(b, NoneType):
        # None overlaps only explicitly optional types (and None), not ``object``.
        return isinstance(a, NoneType) and isinstance(b, NoneType)
    if _proper_subtype(rel, a, b) or _proper_subtype(rel, b, a):
        return True
    if isinstance(a, LiteralType) or isinstance(b, LiteralType):
        if isinstance(a, LiteralType) and isinstance(b, LiteralType):
            return a == b
        lit, other = (a, b) if isinstance(a, LiteralType) else (b, a)
        return _overlapping(rel, lit.fallback, other)  # type: ignore[union-attr]
    if isinstance(a, TupleType) and isinstance(b, TupleType):
        return len(a.items) == len(b.items) and all(
            _overlapping(rel, x, y) for x, y in zip(a.items, b.items)
        )
    if isinstance(a, TupleType):
        if isinstance(b, Instance) and b.fullname == "builtins.tuple" and b.args:
            return all(_overlapping(rel, x, b.args[0]) for x in a.items)
        return _overlapping(rel, rel.tuple_fallback(a), b) if isinstance(b, Instance) else False
    if isinstance(b, TupleType):
        return _overlapping(rel, b, a)
    if isinstance(a, TypeType) and isinstance(b, TypeType):
        return _overlapping(rel, a.item, b.item)
    if isinstance(a, Instance) and isinstance(b, Instance):
        return _instances_overlap(rel, a, b)
    return False


def _is_object(t: Type) -> bool:
    return isinstance(t, Instance) and t.fullname == "builtins.object"


def _proper_subtype(rel: "Relations", a: Type, b: Type) -> bool:
    if contains_any(a) or contains_any(b):
        return False
    return rel.is_subtype(a, b)


def _instances_overlap(rel: "Relations", a: Instance, b: Instance) -> bool:
    if b.fullname in rel.mro(a.fullname):
        mapped = rel.map_to_supertype(a, b.fullname)
        return mapped is None or _args_overlap(rel, mapped, b)
    if a.fullname in rel.mro(b.fullname):
        mapped = rel.map_to_supertype(b, a.fullname)
        return mapped is None or _args_overlap(rel, a, mapped)
    return False


def _args_overlap(rel: "Relations", a: Instance, b: Instance) -> bool:
    if not a.args or not b.args or len(a.args) != len(b.args):
        return True
    return all(_overlapping(rel, x, y) for x, y in zip(a.args, b.args))
