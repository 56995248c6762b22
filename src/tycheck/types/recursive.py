"""Relations over recursive alias references: expand one level, assume what is being shown.

A recursive alias reference (``TypeAliasType``) stands for its target; comparing two types
that contain one expands it on demand. Subtyping is coinductive: a pair of types met again
while it is being checked is assumed to hold (``JSON`` against itself, ``Nested[int]``
against ``Nested[object]``), which is what makes the checks end. Past a fixed depth the
answer is the permissive one, so an alias that keeps growing never yields a false error.
"""

from __future__ import annotations

import threading
from typing import Protocol

from tycheck.types.model import Type, TypeAliasType, make_union
from tycheck.types.subst import proper


class Relations(Protocol):
    """The relations these expand for (``relations.Relations``)."""

    def is_subtype(self, left: Type, right: Type) -> bool: ...

    def join(self, a: Type, b: Type) -> Type: ...

    def meet(self, a: Type, b: Type) -> Type: ...

    def is_overlapping(self, a: Type, b: Type) -> bool: ...


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


def alias_subtype(rel: Relations, left: Type, right: Type) -> bool:
    """``left <: right`` where one of them is a recursive alias reference."""
    pair = (left, right)
    if pair in _open.subtype or len(_open.subtype) > MAX_DEPTH:
        return True
    _open.subtype.append(pair)
    try:
        return rel.is_subtype(proper(left), proper(right))
    finally:
        _open.subtype.pop()


def alias_join(rel: Relations, a: Type, b: Type) -> Type:
    """The join of two types where one is a recursive alias reference."""
    if rel.is_subtype(a, b):
        return b
    if rel.is_subtype(b, a):
        return a
    pair = (a, b)
    if pair in _open.join or len(_open.join) > MAX_DEPTH:
        return make_union([a, b])
    _open.join.append(pair)
    try:
        return rel.join(proper(a), proper(b))
    finally:
        _open.join.pop()


def alias_meet(rel: Relations, a: Type, b: Type) -> Type:
    """The meet of two types where one is a recursive alias reference."""
    key = ("meet", a, b)
    if key in _open.other or len(_open.other) > MAX_DEPTH:
        return a
    _open.other.append(key)
    try:
        return rel.meet(proper(a), proper(b))
    finally:
        _open.other.pop()


def alias_overlapping(rel: Relations, a: Type, b: Type) -> bool:
    """Whether values of two types may coincide, one a recursive alias reference."""
    key = ("overlap", a, b)
    if key in _open.other or len(_open.other) > MAX_DEPTH:
        return True
    _open.other.append(key)
    try:
        return rel.is_overlapping(proper(a), proper(b))
    finally:
        _open.other.pop()
