"""The engine's event log: which queries executed, were validated or cut off.

Tests use it to say "these queries re-ran after the edit, these did not". It is
off by default so a long-lived daemon does not accumulate records; turn it on
with ``db.events.enabled = True`` (and ``clear()`` between steps).
"""

from __future__ import annotations

from typing import Hashable, NamedTuple

#: A query body ran (a cold computation, a re-execution or a cycle iteration).
EXECUTED = "executed"
#: A memo from an older revision was proven still valid without running it.
VALIDATED = "validated-unchanged"
#: A query re-ran and produced a value equal to the old one (early cutoff).
CUTOFF = "cutoff"


class Event(NamedTuple):
    """One record: what happened, to which query, with which arguments."""

    kind: str
    query: str
    args: tuple[Hashable, ...]


class EventLog:
    """An append-only list of `Event` records, recorded only while enabled."""

    __slots__ = ("enabled", "records")

    def __init__(self, enabled: bool = False) -> None:
        self.enabled: bool = enabled
        self.records: list[Event] = []

    def record(self, kind: str, query: str, args: tuple[Hashable, ...]) -> None:
        """Append one event (callers check ``enabled`` first to stay cheap)."""
        self.records.append(Event(kind, query, args))

    def clear(self) -> None:
        """Forget all records (e.g. between the steps of a multi-step test)."""
        self.records.clear()

    def executed(self) -> list[tuple[str, tuple[Hashable, ...]]]:
        """The (query name, args) of every execution, in order."""
        return [(e.query, e.args) for e in self.records if e.kind == EXECUTED]

    def of_kind(self, kind: str) -> list[tuple[str, tuple[Hashable, ...]]]:
        """The (query name, args) of every event of one kind, in order."""
        return [(e.query, e.args) for e in self.records if e.kind == kind]
