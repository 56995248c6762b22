"""The program's memoised facts as engine queries: one supplied query per kind of fact.

A fact (a class's info, a function's signature, a variable's declared type...) is computed
by a closure over the checker's context, so each kind is a *supplied* query of the engine
(``engine.supplied_query``): the engine memoises it under ``(kind, key)``, records what it
read (the modules it consulted, other facts) and re-validates it in a later revision. A fact
whose reads changed is dropped and recomputed by the next call, and whatever read it re-runs.

Keys are stable: the caller's key (a fullname, or a module name and a node) is qualified by
the parse of the module it names (``SourceModule.serial``), so a fact about a node is never
confused with one about a node of another parse, and an edited module's facts are new keys
while its unchanged neighbours' facts stay warm.

``Overlay`` serves the ``suggest`` tool's trials: facts computed with one signature replaced,
kept apart from the engine's and dropped afterwards.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Protocol

from tycheck.engine import Database, QueryInfo, supplied_query

# One engine query per kind of fact, shared by every database (like ``@query`` functions).
_KINDS: dict[str, QueryInfo] = {}

#: The prefix of every fact query's name (in events, stats and ``Database.reads``).
FACT_PREFIX = "fact."


def fact_query(kind: str) -> QueryInfo:
    """The engine query of one kind of fact."""
    info = _KINDS.get(kind)
    if info is None:
        info = _KINDS[kind] = supplied_query(FACT_PREFIX + kind)
    return info


def is_fact(info: QueryInfo) -> bool:
    """Whether an engine query is one of the program's facts."""
    return info.name.startswith(FACT_PREFIX)


class FactStore(Protocol):
    """Where ``Program.memo`` keeps its facts."""

    def get(self, kind: str, key: Hashable, compute: Callable[[], Any], on_cycle: Any) -> Any: ...


class EngineFacts:
    """Facts as supplied queries of the session's engine database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, kind: str, key: Hashable, compute: Callable[[], Any], on_cycle: Any) -> Any:
        return self.db.supplied(fact_query(kind), (key,), compute, on_cycle)


class Overlay:
    """Facts for a trial: some given, the rest computed here unless the engine's hold.

    A fact from the engine is reused only when it consulted nothing of ``module`` (the
    module whose signature the trial replaces); ``consulted(kind, key)`` answers that.
    """

    def __init__(
        self,
        base: FactStore,
        given: dict[tuple[str, Hashable], Any],
        reusable: Callable[[str, Hashable], bool],
    ) -> None:
        self.base = base
        self.values: dict[tuple[str, Hashable], Any] = dict(given)
        self.reusable = reusable
        self.running: set[tuple[str, Hashable]] = set()

    def get(self, kind: str, key: Hashable, compute: Callable[[], Any], on_cycle: Any) -> Any:
        k = (kind, key)
        if k in self.values:
            return self.values[k]
        if k in self.running:
            return on_cycle
        if self.reusable(kind, key):
            return self.base.get(kind, key, compute, on_cycle)
        self.running.add(k)
        try:
            value = compute()
        finally:
            self.running.discard(k)
        self.values[k] = value
        return value


def reads_module(
    db: Database, kind: str, key: Hashable, module: str, seen: dict[Any, bool]
) -> bool:
    """Whether the engine's fact ``(kind, key)`` is missing or stale, or consulted ``module``
    (its resolution or interface), directly or through the facts it read."""
    root = (fact_query(kind), (key,))
    if not db.is_current(*root):
        return True
    # Depth-first over fact reads; ``seen`` is shared by the calls of one trial.
    work = [root]
    order: list[tuple[QueryInfo, tuple[Hashable, ...]]] = []
    while work:
        node = work.pop()
        if node in seen:
            continue
        seen[node] = False
        order.append(node)
        for info, args in db.reads(*node):
            if is_fact(info):
                work.append((info, args))
            elif args[:1] == (module,) and info.name in ("resolve_q", "interface_q"):
                seen[node] = True
    # A fact that read a tainted fact is tainted: propagate until nothing changes.
    changed = True
    while changed:
        changed = False
        for node in order:
            if not seen[node] and any(
                seen.get((i, a), False) for i, a in db.reads(*node) if is_fact(i)
            ):
                seen[node] = changed = True
    return seen[root]
