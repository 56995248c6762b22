"""Scoring and refining candidate signatures for ``suggest``.

``refine_type(declared, guess)`` fills the ``Any`` parts of what is already declared with
what a guess knows (``list[Any]`` refined by ``list[int]`` is ``list[int]``), so a partial
annotation is kept and completed. The scores rank guesses as dmypy ranks them: lower
``score_callable`` is better (``Any``, a ``None`` argument, unions and vague callables cost),
and ``any_score_callable`` measures how much of a signature is not ``Any`` (1.0 is none),
which ``--flex-any``/``--no-any`` compare against.
"""

from __future__ import annotations

from dataclasses import replace

from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    UnionType,
)

SUGGESTION = "suggestion"  # the reason of an Any standing for "not inferred yet"


def suggestion_any() -> AnyType:
    return AnyType(SUGGESTION)


def is_tricky(t: CallableType) -> bool:
    return t.is_ellipsis_args or any(k in (STAR, STAR2, NAMED, NAMED_OPT) for k in t.arg_kinds)


def has_any(t: Type) -> bool:
    """Does ``t`` contain an ``Any`` anywhere?"""
    if isinstance(t, AnyType):
        return t.reason != "special"
    if isinstance(t, Instance):
        return any(has_any(a) for a in t.args)
    if isinstance(t, TupleType):
        return any(has_any(i) for i in t.items)
    if isinstance(t, UnionType):
        return any(has_any(i) for i in t.items)
    if isinstance(t, CallableType):
        return any(has_any(a) for a in t.arg_types) or has_any(t.ret_type)
    if isinstance(t, Overloaded):
        return any(has_any(i) for i in t.items)
    if isinstance(t, TypeType):
        return has_any(t.item)
    if isinstance(t, TypedDictType):
        return any(has_any(v) for _, v in t.items)
    return False


def _overlaps_none(t: UnionType) -> bool:
    return any(isinstance(i, NoneType) for i in t.items)


def score_type(t: Type, arg_pos: bool) -> int:
    if isinstance(t, AnyType):
        return 20
    if arg_pos and isinstance(t, NoneType):
        return 20
    if isinstance(t, UnionType):
        if any(isinstance(i, AnyType) for i in t.items):
            return 20
        if any(has_any(i) for i in t.items):
            return 15
        if not _overlaps_none(t):
            return 10
    if isinstance(t, CallableType) and (has_any(t) or is_tricky(t)):
        return 10
    return 0


def score_callable(t: CallableType) -> int:
    return sum(score_type(a, True) for a in t.arg_types) + score_type(t.ret_type, False)


def any_score_type(t: Type, arg_pos: bool) -> float:
    if isinstance(t, AnyType) and t.reason != SUGGESTION:
        return 0
    if isinstance(t, NoneType) and arg_pos:
        return 0.5
    if isinstance(t, UnionType):
        if any(isinstance(i, AnyType) for i in t.items):
            return 0.5
        if any(has_any(i) for i in t.items):
            return 0.25
    if isinstance(t, CallableType) and is_tricky(t):
        return 0.5
    if has_any(t):
        return 0.5
    return 1.0


def any_score_callable(t: CallableType, is_method: bool, ignore_return: bool) -> float:
    scores = [any_score_type(a, True) for a in t.arg_types[int(is_method) :]]
    # The return type counts twice, unless it is None (and there are arguments).
    if not isinstance(t.ret_type, NoneType) or not scores:
        ret = 1.0 if ignore_return else any_score_type(t.ret_type, False)
        scores += [ret, ret]
    return sum(scores) / len(scores)


MISSING = "missing:"  # the reason of an Any standing for a name whose import failed


def missing_import_name(t: Type) -> str | None:
    """``foo.Foo`` for the Any of an annotation naming an unfollowed import."""
    return (
        t.reason[len(MISSING) :]
        if isinstance(t, AnyType) and t.reason.startswith(MISSING)
        else None
    )


def same(a: Type, b: Type) -> bool:
    """Equality as the suggestions need it: every Any is the same; unions are sets."""
    return _norm(a) == _norm(b)


def _norm(t: Type) -> object:
    if isinstance(t, AnyType):
        return "Any"
    if isinstance(t, UnionType):
        return frozenset(_norm(i) for i in t.items)
    if isinstance(t, Instance):
        return (t.fullname, tuple(_norm(a) for a in t.args))
    if isinstance(t, TupleType):
        return ("tuple", tuple(_norm(i) for i in t.items), t.fallback.fullname)
    if isinstance(t, CallableType):
        return (
            "callable",
            tuple(_norm(a) for a in t.arg_types),
            t.arg_kinds,
            _norm(t.ret_type),
            t.is_ellipsis_args,
        )
    return t


def refine_type(t: Type, s: Type) -> Type:
    """``t`` with its ``Any`` parts replaced by what ``s`` has at the same place."""
    if isinstance(t, AnyType):
        return t if isinstance(s, AnyType) and missing_import_name(t) else s
    if (
        isinstance(t, Instance)
        and isinstance(s, Instance)
        and t.fullname == s.fullname
        and len(t.args) == len(s.args)
    ):
        return Instance(t.fullname, tuple(refine_type(a, b) for a, b in zip(t.args, s.args)))
    if (
        isinstance(t, TupleType)
        and isinstance(s, TupleType)
        and t.fallback.fullname == s.fallback.fullname
        and len(t.items) == len(s.items)
    ):
        return TupleType(tuple(refine_type(a, b) for a, b in zip(t.items, s.items)), t.fallback)
    if isinstance(t, CallableType) and isinstance(s, CallableType):
        return refine_callable(t, s)
    if isinstance(t, UnionType):
        return _refine_union(t, s)
    return t


def _refine_union(t: UnionType, s: Type) -> Type:
    if same(t, s):
        return t
    rhs = s.items if isinstance(s, UnionType) else (s,)
    items: list[Type] = []
    for left in t.items:
        refined = False
        for right in rhs:
            new = refine_type(left, right)
            if not same(new, left):
                items.append(new)
                refined = True
        if not refined:
            items.append(left)
    return _simple_union(items)


def _simple_union(items: list[Type]) -> Type:
    out: list[Type] = []
    for i in items:
        for part in i.items if isinstance(i, UnionType) else (i,):
            if not any(same(part, o) for o in out):
                out.append(part)
    if len(out) == 1:
        return out[0]
    # Any absorbs nothing in a union, but a union with Any is vague anyway: keep it whole.
    return UnionType(tuple(out))


def refine_callable(t: CallableType, s: CallableType) -> CallableType:
    if t.is_ellipsis_args and not is_tricky(s):
        return replace(s, ret_type=refine_type(t.ret_type, s.ret_type))
    if is_tricky(t) or t.arg_kinds != s.arg_kinds:
        return t
    return replace(
        t,
        arg_types=tuple(refine_type(a, b) for a, b in zip(t.arg_types, s.arg_types)),
        ret_type=refine_type(t.ret_type, s.ret_type),
    )
