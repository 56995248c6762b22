"""What the narrowing helper modules (equality, length) need of the narrower.

They receive the narrower through this protocol, so they never import ``flow/narrow.py``,
which imports them.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.types.model import Type
    from tycheck.types.relations import Relations


class NarrowHost(Protocol):
    """The narrower as its helpers see it."""

    chk: Evaluator
    rel: Relations

    def current(self, e: ast.expr) -> Type | None:
        """The narrowed type ``e`` has at this point, if it is a narrowable reference."""
        ...

    def enum_members(self, fullname: str) -> list[object]:
        """The members of the enum class ``fullname``, in definition order."""
        ...
