"""Narrowed types along the control flow: what each name or attribute holds at this point.

The state is a plain mapping from a reference key (``x``, ``x.attr``, ``x[0]``) to its
narrowed type. Branches copy it, and joins merge the copies; an unreachable branch contributes
nothing.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any, Callable, Protocol

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

from tycheck.types.model import Type, make_union

State = dict[str, Type]


class NarrowingContext(Protocol):
    """What the narrowing helpers (``equality.py``, ``length.py``) use of the ``Narrower``."""

    chk: "Evaluator"
    rel: Any

    def current(self, e: ast.expr) -> Type | None: ...

    def enum_members(self, fullname: str) -> list[object]: ...


def ref_key(e: ast.expr) -> str | None:
    """A stable key for an expression whose narrowing we track, or None."""
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        base = ref_key(e.value)
        return None if base is None else f"{base}.{e.attr}"
    if isinstance(e, ast.Subscript):
        index = literal_index(e.slice)
        base = ref_key(e.value) if index is not None else None
        return None if base is None else f"{base}[{index!r}]"
    return None


def literal_index(e: ast.expr) -> int | str | None:
    """The literal key of ``x[k]``: an int (``-1`` too, a unary minus in the tree) or a str."""
    if isinstance(e, ast.Constant) and isinstance(e.value, (int, str)):
        return e.value
    if (
        isinstance(e, ast.UnaryOp)
        and isinstance(e.op, ast.USub)
        and isinstance(e.operand, ast.Constant)
        and type(e.operand.value) is int
    ):
        return -e.operand.value
    return None


def merge_states(
    states: list[State | None], join: Callable[[list[Type]], Type] | None = None
) -> State | None:
    """The state after branches meet; None branches were unreachable. None if all were."""
    live = [s for s in states if s is not None]
    if not live:
        return None
    if len(live) == 1:
        return dict(live[0])
    keys = set(live[0])
    for s in live[1:]:
        keys &= set(s)
    out: State = {}
    for k in keys:
        types = [s[k] for s in live]
        if all(t == types[0] for t in types):
            out[k] = types[0]
        else:
            out[k] = join(types) if join else make_union(types)
    return out


def invalidate(state: State, key: str) -> None:
    """Forget narrowings of ``key`` and of everything reached through it (``key.attr``)."""
    prefix_dot = key + "."
    prefix_idx = key + "["
    for k in [k for k in state if k == key or k.startswith(prefix_dot) or k.startswith(prefix_idx)]:
        del state[k]


def simplify_union(types: list[Type], is_subtype: Callable[[Type, Type], bool]) -> Type:
    """The union of ``types`` with members absorbed by wider members (mypy's simplified union).

    ``Literal[True] | Literal[False]`` becomes ``bool``; an item that is a subtype of another
    item disappears.  ``Any`` absorbs nothing and is absorbed by nothing.
    """
    from tycheck.types.model import AnyType, Instance, LiteralType, union_items

    flat = _widest_type_variables(list(union_items(make_union(types))), is_subtype)
    bools = [
        t for t in flat if isinstance(t, LiteralType) and t.fallback.fullname == "builtins.bool"
    ]
    if {t.value for t in bools} == {True, False}:  # type: ignore[union-attr]
        at = flat.index(bools[0])
        flat = [t for t in flat if t not in bools]
        flat.insert(at, Instance("builtins.bool"))
    kept: list[Type] = []
    for i, t in enumerate(flat):
        if isinstance(t, AnyType):
            kept.append(t)
            continue
        absorbed = any(
            j != i
            and not isinstance(o, AnyType)
            and is_subtype(t, o)
            and not (is_subtype(o, t) and j > i)
            for j, o in enumerate(flat)
        )
        if not absorbed:
            kept.append(t)
    return make_union(kept)


def _widest_type_variables(
    flat: list[Type], is_subtype: Callable[[Type, Type], bool]
) -> list[Type]:
    """A type variable narrowed by ``isinstance`` (a narrower bound) joins back to its widest."""
    from tycheck.types.model import TypeVarType

    widest: dict[int, Type] = {}
    for t in flat:
        if isinstance(t, TypeVarType):
            w = widest.get(t.id)
            if w is None or (
                isinstance(w, TypeVarType) and is_subtype(w.upper_bound, t.upper_bound)
            ):
                widest[t.id] = t
    return [widest[t.id] if isinstance(t, TypeVarType) else t for t in flat]
