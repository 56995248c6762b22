"""The engine's bookkeeping records: input slots, memos and active frames.

These are plain mutable records with ``__slots__``; the database owns them and
mutates them in place, so a memo object is a stable identity that other memos
can list directly as a dependency (no key lookups while re-validating).
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Optional, Union

#: "Must execute before use": a memo with no trustworthy verification.
UNVERIFIED = -1


class QueryInfo:
    """Static facts about one ``@query`` function, shared by all databases."""

    __slots__ = ("fn", "name", "cycle_initial", "supplied")

    def __init__(
        self,
        fn: Callable[..., Any],
        name: str,
        cycle_initial: Optional[Callable[..., Any]],
        supplied: bool = False,
    ) -> None:
        self.fn = fn
        self.name = name
        self.cycle_initial = cycle_initial
        # A query whose body each caller supplies (``Database.supplied``): the engine can
        # only run it from a call, never on its own while re-validating a dependent.
        self.supplied = supplied

    def __repr__(self) -> str:
        return f"<query {self.name}>"


class InputSlot:
    """The current value of one input key.

    A slot is mutated in place on ``set_input``; ``remove_input`` detaches it
    from the database but stamps ``changed_at`` so that memos still listing it
    as a dependency see the removal as a change.
    """

    __slots__ = ("key", "value", "changed_at", "durability")

    def __init__(self, key: Hashable, value: Any, changed_at: int, durability: int) -> None:
        self.key = key
        self.value = value
        self.changed_at = changed_at
        self.durability = durability


class Memo:
    """The memoised result of one query call ``(query, args)``.

    ``value``/``changed_at`` hold the last *final* result; during a cycle the
    not-yet-final result lives in ``pvalue`` so an aborted cycle leaves the old
    final value usable for early cutoff.
    """

    __slots__ = (
        "info",
        "args",
        "value",
        "has_value",
        "verified_at",
        "changed_at",
        "durability",
        "deps",
        "hits",
        "frame",
        "provisional",
        "pvalue",
        "heads",
        "epoch",
        "cycle_head",
        "members",
    )

    def __init__(self, info: QueryInfo, args: tuple[Hashable, ...]) -> None:
        self.info = info
        self.args = args
        self.value: Any = None
        self.has_value = False
        self.verified_at = UNVERIFIED
        self.changed_at = 0
        self.durability = 0
        # Queries and inputs read by the last execution, in first-read order.
        self.deps: tuple[Union[Memo, InputSlot], ...] = ()
        self.hits = 0
        # The active frame while this query's body runs, else None.
        self.frame: Optional[Frame] = None
        # Cycle iteration state: a result computed from a provisional value.
        self.provisional = False
        self.pvalue: Any = None
        self.heads: Optional[frozenset[Frame]] = None
        self.epoch = 0
        # After a cycle settles, every member points at the cycle's head memo,
        # and the head lists the whole group (itself first) in ``members``.
        self.cycle_head: Optional[Memo] = None
        self.members: tuple[Memo, ...] = ()

    def __repr__(self) -> str:
        return f"<memo {self.info.name}{self.args!r} v@{self.verified_at} c@{self.changed_at}>"


class Frame:
    """One query body currently running (an entry of the database's stack)."""

    __slots__ = (
        "memo",
        "depth",
        "alive",
        "heads",
        "is_head",
        "pvalue",
        "members",
        "child_seconds",
    )

    def __init__(self, memo: Memo, depth: int) -> None:
        self.memo = memo
        self.depth = depth
        self.alive = True
        # Active cycle heads whose provisional value this execution used.
        self.heads: Optional[set[Frame]] = None
        # Set once the query is re-entered: it then iterates to a fixpoint.
        self.is_head = False
        self.pvalue: Any = None
        # Provisional memos to finalise when this head's cycle settles.
        self.members: list[Memo] = []
        # Time spent in nested executions, subtracted for self-time stats.
        self.child_seconds = 0.0


Dependency = Union[Memo, InputSlot]
