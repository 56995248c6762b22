"""Reading the locations users give ``inspect`` and ``suggest``, with dmypy's error texts.

``inspect`` takes ``path:line:column`` or ``path:line:column:end_line:end_column`` (1-based,
both ends inclusive, as error messages print them). ``suggest`` takes a dotted name
(``pkg.mod.Class.method``) or ``path:line``. A bad location raises ``LocationError`` whose
message is what dmypy prints; the front end turns it into an ``error`` answer (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass

PYTHON_EXTENSIONS = (".py", ".pyi")
INSPECT_FORMAT = "Format should be file:line:column[:end_line:end_column]"


class LocationError(Exception):
    """A location that cannot be used; ``str(err)`` is the user-facing message."""


@dataclass(frozen=True)
class InspectLocation:
    """A parsed ``inspect`` location; ``end`` is set for a full span."""

    path: str
    line: int
    column: int
    end: tuple[int, int] | None = None

    def is_span(self) -> bool:
        return self.end is not None


def _as_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        # The message Python's int() gives: dmypy shows it verbatim.
        raise LocationError(f"invalid literal for int() with base 10: {text!r}") from None


def parse_inspect_location(location: str) -> InspectLocation:
    """Split ``location`` into a path and two or four numbers (the path may hold colons)."""
    if location.count(":") < 2:
        raise LocationError(INSPECT_FORMAT)
    head, *tail = location.rsplit(":", 2)
    if head.count(":") >= 2:
        head, *more = head.rsplit(":", 2)
        if head.count(":") >= 2:
            raise LocationError(INSPECT_FORMAT)
        tail = more + tail
    numbers = [_as_int(t) for t in tail]
    if len(numbers) == 2:
        return InspectLocation(head, numbers[0], numbers[1])
    line, column, end_line, end_column = numbers
    return InspectLocation(head, line, column, (end_line, end_column))


def check_python_file(path: str) -> None:
    """Only Python sources and stubs can be inspected."""
    if not path.endswith(PYTHON_EXTENSIONS):
        raise LocationError("Source file is not a Python file")


def check_span_order(loc: InspectLocation) -> None:
    """The span must not end before it starts (dmypy's two messages)."""
    if loc.end is None:
        return
    end_line, end_column = loc.end
    if end_line < loc.line:
        raise LocationError('"end_line" must not be before "line"')
    if end_line == loc.line and end_column < loc.column:
        raise LocationError('"end_column" must be after "column"')


@dataclass(frozen=True)
class FunctionByName:
    """``pkg.mod.Class.method``: resolved against the modules of the checked program."""

    dotted: str


@dataclass(frozen=True)
class FunctionAtLine:
    """``path/to/file.py:LINE``: the closest function starting at or above that line."""

    path: str
    line: int


SuggestTarget = FunctionByName | FunctionAtLine


def parse_suggest_target(key: str) -> SuggestTarget:
    """Parse a ``suggest`` target; errors carry dmypy's texts."""
    if ":" not in key:
        return FunctionByName(key)
    if key.count(":") > 1:
        raise LocationError(
            f"Malformed location for function: {key}. Must be either"
            " package.module.Class.method or path/to/file.py:line"
        )
    path, line = key.rsplit(":", 1)
    if not line.isdigit():
        raise LocationError(f"Line number must be a number. Got {line}")
    check_python_file(path)
    return FunctionAtLine(path, int(line))
