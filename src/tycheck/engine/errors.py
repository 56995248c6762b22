"""Errors raised by the engine itself (as opposed to by query bodies)."""

from __future__ import annotations

from typing import Hashable


def describe_call(name: str, args: tuple[Hashable, ...]) -> str:
    """Render a query call as ``name(arg1, arg2)`` using each argument's repr."""
    return f"{name}({', '.join(repr(a) for a in args)})"


class CycleError(RuntimeError):
    """A query re-entered itself and declared no ``cycle_initial`` value.

    ``cycle`` lists the calls from the first occurrence of the re-entered query
    to its re-entry, both ends included, e.g. ``a(1) -> b(2) -> a(1)``.
    """

    def __init__(self, cycle: list[tuple[str, tuple[Hashable, ...]]]) -> None:
        self.cycle = cycle
        text = " -> ".join(describe_call(name, args) for name, args in cycle)
        super().__init__(f"query cycle: {text}")
