"""The type of an assigned value where the assignment stands, with the narrowing that reaches it.

A variable or attribute defined outside the body being checked gets its type from its first
assignment. Inferring that value alone loses what the statements before it told about its
names: ``if xs is None: xs = []`` then ``self.xs = xs`` must give ``list[int]``, not the
parameter's ``list[int] | None``. ``infer_in_flow`` replays, quietly, only the earlier statements
the value's names depend on, follows the ``if``/``with``/``try`` blocks down to the assignment,
and infers the value there. Loops are replayed like the checker runs them, or passed over
when they only read those names, as are nested definitions. Whenever the replay could be wrong
(a nested definition binds one of the names, or an unreachable branch touches them) it gives
up and the caller infers the value alone.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, AbstractSet

from tycheck.semantic.node_index import IdentityCache, walk
from tycheck.types.model import Type

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Statements whose effect on names the checker replays exactly, without iterating.
_REPLAYED = (
    ast.Assign,
    ast.AnnAssign,
    ast.AugAssign,
    ast.If,
    ast.Try,
    ast.With,
    ast.AsyncWith,
    ast.Assert,
    ast.Expr,
    ast.Pass,
    ast.Delete,
)


_NAMES: IdentityCache[frozenset[str]] = IdentityCache(8192)


def _names(node: ast.AST) -> frozenset[str]:
    """The names ``node`` mentions; kept, since each assignment of a body asks again about
    the statements before it."""
    return _NAMES.get(
        node,
        lambda: frozenset(n.id for n in walk(node) if isinstance(n, ast.Name)),  # type: ignore[attr-defined]
    )


def _leaves_alone(s: ast.stmt, needed: AbstractSet[str]) -> bool:
    """Whether a loop or nested definition that only reads ``needed`` names keeps their types.

    A ``for`` loop may run zero times, so what its body narrows does not outlive it; a
    ``while`` whose test and ``else`` do not mention the names is the same. Nothing in it may
    bind the names (a target, ``del``, ``:=``, a ``def`` of that name, ``nonlocal``).
    """
    if isinstance(s, ast.While) and _names(s.test) & needed:
        return False
    if isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
        if any(_names(x) & needed for x in s.orelse):
            return False
    elif not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False
    for n in walk(s):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n.id in needed:
            return False
        if isinstance(n, (ast.Global, ast.Nonlocal)) and set(n.names) & needed:
            return False
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if n.name in needed:
                return False
    return True


def _contains(stmts: list[ast.stmt], node: ast.stmt) -> int | None:
    where = (node.lineno, node.col_offset)
    for i, s in enumerate(stmts):
        if s is node:
            return i
        # A statement inside ``s`` starts within ``s``'s span: only that one is walked.
        if s.end_lineno is not None and s.end_col_offset is not None:
            if not (s.lineno, s.col_offset) <= where <= (s.end_lineno, s.end_col_offset):
                continue
        if any(n is node for n in walk(s)):
            return i
    return None


def infer_in_flow(
    chk: "Evaluator",
    body: list[ast.stmt],
    node: ast.stmt,
    value: ast.expr,
    skip: frozenset[str] = frozenset(),
) -> Type | None:
    """The type of ``value`` (assigned by ``node`` inside ``body``) after the statements before it.

    ``skip`` holds names whose statements are not replayed (``self``: every line mentions it,
    and its attributes are what is being inferred). None when no earlier statement matters or
    the replay cannot be trusted.
    """
    wanted = _names(value) - skip
    if not wanted:
        return None
    if not _run_to(chk, body, node, wanted, skip):
        return None
    return chk.infer(value)


def _run_to(
    chk: "Evaluator",
    body: list[ast.stmt],
    node: ast.stmt,
    wanted: AbstractSet[str],
    skip: frozenset[str],
) -> bool:
    idx = _contains(body, node)
    if idx is None:
        return False
    container = body[idx]
    needed = set(wanted)
    if isinstance(container, ast.If) and container is not node:
        needed |= _names(container.test) - skip
    selected: list[ast.stmt] = []
    for s in reversed(body[:idx]):
        mentioned = _names(s) - skip
        if not mentioned & needed:
            continue
        if not isinstance(s, _REPLAYED):
            if _leaves_alone(s, needed):
                continue
            if not isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
                return False  # a nested definition binding a name: not replayed
        selected.append(s)
        needed |= mentioned
    for s in reversed(selected):
        chk.check_stmt(s)
        if chk.unreachable:
            return False
    if container is node:
        return True
    return _descend(chk, container, node, wanted, skip)


def _descend(
    chk: "Evaluator",
    container: ast.stmt,
    node: ast.stmt,
    wanted: AbstractSet[str],
    skip: frozenset[str],
) -> bool:
    if isinstance(container, ast.If):
        chk.infer(container.test)
        yes, no = chk.narrow.condition_maps(container.test)
        in_body = _contains(container.body, node) is not None
        m = yes if in_body else no
        if m is None:
            return False
        chk.apply_map(m)
        return _run_to(chk, container.body if in_body else container.orelse, node, wanted, skip)
    if isinstance(container, (ast.With, ast.AsyncWith)):
        return _run_to(chk, container.body, node, wanted, skip)
    if isinstance(container, ast.Try):
        if _contains(container.body, node) is not None:
            return _run_to(chk, container.body, node, wanted, skip)
        return False  # a handler or ``else``: the state after a partial body is not replayed
    return False
