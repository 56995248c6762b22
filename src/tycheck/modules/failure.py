"""The one exception of the modules layer: a bad target or search setup that stops the run.

The service layer turns it into mypy's output: ``message`` on stderr (no "error:" prefix is
added; it is part of the message when mypy prints one) and ``exit_code``.
"""

from __future__ import annotations


class SourceError(Exception):
    """A problem with the sources or search paths given to the checker."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SourceError)
            and other.message == self.message
            and other.exit_code == self.exit_code
        )

    def __hash__(self) -> int:
        return hash((self.message, self.exit_code))
