"""The arguments of a call as the checker passes them around (shared by calls, guards, decorators)."""

from __future__ import annotations

import ast

from tycheck.types.model import Type


class Actual:
    """One argument of a call: its node, kind (POS, STAR, NAMED, STAR2) and keyword name."""

    __slots__ = ("node", "kind", "name", "type")

    def __init__(
        self, node: ast.expr | None, kind: int, name: str | None, type_: Type | None = None
    ) -> None:
        self.node = node
        self.kind = kind
        self.name = name
        self.type = type_
