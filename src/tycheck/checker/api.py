"""The checker's entry points for the service layer, importable from one stable place.

``Analysis`` checks modules of one program; ``Program`` holds the parsed modules and the
facts computed about them; ``SourceModule`` is one parsed module; ``Located`` is where a
module's file was found. The service imports these from here, never from the sub-packages,
so the checker's inside can move without touching the service.

``Analysis`` is loaded on first access: it imports the whole checker, which a run answered
entirely from the persistent cache never needs.
"""

from typing import TYPE_CHECKING, Any

from tycheck.checker.core.program import Located, Program, SourceModule

if TYPE_CHECKING:
    from tycheck.checker.driver.analysis import Analysis

__all__ = ["Analysis", "Located", "Program", "SourceModule"]


def __getattr__(name: str) -> Any:
    if name == "Analysis":
        from tycheck.checker.driver.analysis import Analysis

        return Analysis
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
