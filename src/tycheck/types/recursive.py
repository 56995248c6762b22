"""Relations over recursive alias references: expand one level, assume what is being shown.

A recursive alias reference (``TypeAliasType``) stands for its target; comparing two types
that contain one expands it on demand. Subtyping is coinductive: a pair of types met again
while it is being checked is assumed to hold (``JSON`` against itself, ``Nested[int]``
against ``Nested[object]``), which is what makes the checks end. Past a fixed depth the
answer is the permissive one, so an alias that keeps growing never yields a false error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

from tycheck.types.model import Type, TypeAliasType, make_union
from tycheck.types.subst import proper


class Relations(Protocol):
    """The relations these expand for (``relations.Relations``)."""

    def is_subtype(self, left: Type, right: Type) -> bool: ...

    def join(self, a: Type, b: Type) -> Type: ...

    def meet(self, a: Type, b: Type) -> Type: ...

    def is_overlapping(self, a: Type, b: Type) -> bool: ...


K = TypeVar("K")
R = TypeVar("R")

# How many alias expansions may be open at once before giving up (permissively).
MAX_DEPTH = 40


class _Open(threading.local):
    """The pairs being compared right now, per thread."""

    def __init__(self) -> None:
        self.subtype: list[tuple[Type, Type]] = []
        self.join: list[tuple[Type, Type]] = []
        self.other: list[tuple[str, Type, Type]] = []


_open = _Open()


def is_alias_ref(a: Type, b: Type) -> bool:
    return isinstance(a, TypeAliasType) or isinstance(b, TypeAliasType)


def _guarded(stack: list[K], key: K, on_cycle: R, compute: Callable[[], R]) -> R:
    """``compute()``, unless ``key`` is already open on ``stack`` or too many are: then
    ``on_cycle``, the answer that ends the recursion."""
    if key in stack or len(stack) > MAX_DEPTH:
        return on_cycle
    stack.append(key)
    try:
        return compute()
    finally:
        stack.pop()


def alias_subtype(rel: Relations, left: Type, right: Type) -> bool:
    """``left <: right`` where one of them is a recursive alias reference."""
    return _guarded(
        _open.subtype, (left, right), True, lambda: rel.is_subtype(proper(left), proper(right))
    )


def alias_join(rel: Relations, a: Type, b: Type) -> Type:
    """The join of two types where one is a recursive alias reference."""
    if rel.is_subtype(a, b):
        return b
    if rel.is_subtype(b, a):
        return a
    return _guarded(_open.join, (a, b), make_union([a, b]), lambda: rel.join(proper(a), proper(b)))


def alias_meet(rel: Relations, a: Type, b: Type) -> Type:
    """The meet of two types where one is a recursive alias reference."""
    return _guarded(_open.other, ("meet", a, b), a, lambda: rel.meet(proper(a), proper(b)))


def alias_overlapping(rel: Relations, a: Type, b: Type) -> bool:
    """Whether values of two types may coincide, one a recursive alias reference."""
    return _guarded(
        _open.other, ("overlap", a, b), True, lambda: rel.is_overlapping(proper(a), proper(b))
    )
