"""Diagnostics: the frozen records every analysis returns instead of raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "note", "warning"]


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One message, located in a file.

    ``line`` is 1-based; ``column`` is 0-based (printed +1 with --show-column-numbers, as mypy
    does); ``end_line``/``end_column`` delimit the expression (end column exclusive, 0-based).
    ``code`` is the error code name (``"arg-type"``) or None. ``context`` is the enclosing
    function/class description used by --show-error-context (e.g. ``('function', 'f')``).
    ``origin_line`` is the line of the statement the message belongs to, used to match
    ``# type: ignore`` comments (mypy matches on the statement's first line).
    ``sequence`` orders messages emitted on the same line in emission order.
    ``only_once`` marks notes that mypy prints once per file (e.g. the "See https://..." links).
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    module: str | None = None
    context: tuple[str, str] | None = None
    origin_line: int | None = None
    sequence: int = 0
    only_once: bool = False
    blocker: bool = False

    def with_path(self, path: str) -> "Diagnostic":
        from dataclasses import replace

        return replace(self, path=path)
