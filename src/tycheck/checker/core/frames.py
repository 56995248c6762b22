"""Branch frames: where in a function's compound statements each statement sits.

mypy widens a local variable inferred as ``T`` in one branch and assigned ``None`` in a
sibling branch to ``T | None`` instead of rejecting the ``None``. Whether two places are
siblings depends on their nearest common enclosing frame: an ``if`` statement (between its
clauses), a loop (between its body and its ``else``) or the exception frame of a ``try``
(between its body and its handlers) makes them siblings; any other frame does not.

Frames are keyed by the statement's node and its part, so that a body checked twice (loops)
lands in the same frames again.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager

FrameKey = tuple[int, str]


class BranchFrames:
    """The frames enclosing the statement being checked, and those around each declaration."""

    def __init__(self) -> None:
        self.stack: list[tuple[FrameKey, bool]] = []
        self.declared_in: dict[str, frozenset[FrameKey]] = {}

    @contextmanager
    def enter(self, node: ast.AST, part: str, *, conditional: bool = False) -> Iterator[None]:
        """Check what the block holds inside the frame ``part`` of the statement ``node``."""
        self.stack.append(((id(node), part), conditional))
        try:
            yield
        finally:
            self.stack.pop()

    def record_declaration(self, name: str) -> None:
        """The first inference of a local variable's type happens here (later ones do not move it)."""
        if name not in self.declared_in:
            self.declared_in[name] = frozenset(key for key, _ in self.stack)

    def in_sibling_branch(self, name: str) -> bool:
        """Whether the nearest frame enclosing both the declaration of ``name`` and the current
        statement separates branches (an ``if``, a loop, a ``try``'s exception frame)."""
        where = self.declared_in.get(name)
        if where is None:
            return False
        for key, conditional in reversed(self.stack):
            if key in where:
                return conditional
        return False
