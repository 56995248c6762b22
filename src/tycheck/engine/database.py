"""The query database: inputs, memos, revisions and red-green re-validation.

How it works, in brief:

* Every ``set_input``/``remove_input`` that changes something starts a new
  revision. Each memo remembers the revision it was last *verified* in and the
  revision its value last *changed* in, plus the queries and inputs it read.
* Calling a query whose memo is verified in the current revision is a dict
  lookup (see ``query.py``). Otherwise the memo is re-validated: its
  dependencies are verified first, in the order they were read, and the body
  re-runs only if one of them changed after the memo was verified. A re-run
  that produces an equal value keeps the old ``changed_at`` (early cutoff), so
  the memo's dependents are validated without running.
* Durability: a memo records the lowest durability among what it read, and
  the database keeps, per level, the last revision in which an input of at
  least that level changed; when that revision is not newer than the memo's
  verification, the memo is valid without looking at its dependencies.
* Re-validation walks dependencies with an explicit stack, so a chain of any
  depth does not hit Python's recursion limit. (A *cold* computation still
  recurses through the query bodies themselves.)
* Cycles: see ``cycles`` handling in ``_reenter`` and ``_complete``; a query
  re-entered while it runs raises ``CycleError`` unless it declared
  ``cycle_initial``, in which case it iterates to a fixpoint.

The database is **not thread-safe**: it serves one request at a time, and
inputs must not be changed while a query runs.
"""

from __future__ import annotations

from time import perf_counter
from typing import Any, Callable, Hashable, Optional, Union

from tycheck.engine.durability import LEVELS, MAX_DURABILITY, Durability
from tycheck.engine.errors import CycleError
from tycheck.engine.events import CUTOFF, EXECUTED, VALIDATED, EventLog
from tycheck.engine.slots import UNVERIFIED, Frame, InputSlot, Memo, QueryInfo

#: A cycle head re-runs at most this many times before its last value is kept.
CYCLE_ITERATION_LIMIT = 20

Loader = Callable[[Hashable], tuple[Any, Durability]]
# A walk entry: [node memo, deps to check, next index, group tuple or None,
# forced re-execution flag].
_Entry = list[Any]


class Database:
    """Inputs plus memoised query results; see the module docstring."""

    __slots__ = (
        "_tables",
        "_revision",
        "_deps",
        "_frame",
        "_stack",
        "_inputs",
        "_loader",
        "_last_changed",
        "_epoch",
        "_executions",
        "_seconds",
        "_swept_hits",
        "_missing",
        "_bodies",
        "events",
        # Front ends may hang their own context on the database (options, a
        # file system); declared slots above stay fast for the hot path.
        "__dict__",
    )

    def __init__(self, loader: Optional[Loader] = None, *, log_events: bool = False) -> None:
        # Per query, the memo of each argument tuple; read by the fast path.
        self._tables: dict[QueryInfo, dict[tuple[Hashable, ...], Memo]] = {}
        self._revision = 0
        # Where the running query's reads are recorded (None at top level).
        self._deps: Optional[list[Union[Memo, InputSlot]]] = None
        self._frame: Optional[Frame] = None
        self._stack: list[Frame] = []
        self._inputs: dict[Hashable, InputSlot] = {}
        self._loader = loader
        # _last_changed[d]: last revision an input of durability >= d changed.
        self._last_changed = [0] * LEVELS
        # Bumped whenever a cycle head starts another iteration; a provisional
        # memo from an older epoch may have used a stale provisional value.
        self._epoch = 0
        self._executions: dict[QueryInfo, int] = {}
        self._seconds: dict[QueryInfo, float] = {}
        self._swept_hits: dict[QueryInfo, int] = {}
        # Placeholders for keys read while unset (no loader): a query that
        # catches the KeyError still depends on the key's later creation.
        self._missing: dict[Hashable, InputSlot] = {}
        # The bodies of supplied queries whose call is running (see ``supplied``).
        self._bodies: dict[tuple[QueryInfo, tuple[Hashable, ...]], Callable[[], Any]] = {}
        self.events = EventLog(enabled=log_events)

    # ------------------------------------------------------------------ inputs

    @property
    def revision(self) -> int:
        """The current revision; it grows by one per effective input change."""
        return self._revision

    def read_input(self, key: Hashable) -> Any:
        """Return an input's value, recording it as a dependency of the running query."""
        slot = self._inputs.get(key)
        if slot is None:
            slot = self._load(key)
        deps = self._deps
        if deps is not None:
            deps.append(slot)
        return slot.value

    def _load(self, key: Hashable) -> InputSlot:
        """Ask the loader for an unset input (loading is not a change)."""
        if self._loader is None:
            missing = self._missing.get(key)
            if missing is None:
                missing = self._missing[key] = InputSlot(key, None, self._revision, 0)
            if self._deps is not None:
                self._deps.append(missing)
            raise KeyError(key)
        value, durability = self._loader(key)
        slot = InputSlot(key, value, self._revision, int(durability))
        self._inputs[key] = slot
        return slot

    def set_input(self, key: Hashable, value: Any, durability: Durability = Durability.LOW) -> bool:
        """Set an input; start a new revision and return True only if it changed."""
        self._check_idle("set_input")
        level = int(durability)
        slot = self._inputs.get(key)
        if slot is not None and slot.durability == level and _same(slot.value, value):
            return False
        self._revision += 1
        if slot is None:
            self._inputs[key] = InputSlot(key, value, self._revision, level)
            self._bump(level)
            missing = self._missing.pop(key, None)
            if missing is not None:
                missing.changed_at = self._revision
                self._bump(missing.durability)
            return True
        # A durability change counts as a change: memos recorded the old level.
        self._bump(max(level, slot.durability))
        slot.value = value
        slot.durability = level
        slot.changed_at = self._revision
        return True

    def remove_input(self, key: Hashable) -> None:
        """Forget an input; the next read calls the loader again. Counts as a change."""
        self._check_idle("remove_input")
        slot = self._inputs.pop(key, None)
        if slot is None:
            return
        self._revision += 1
        self._bump(slot.durability)
        # Memos that read the old slot still hold it and must see a change.
        slot.changed_at = self._revision
        slot.value = None

    def has_input(self, key: Hashable) -> bool:
        """Whether the input is currently set (or was loaded and not removed)."""
        return key in self._inputs

    def input_keys(self) -> list[Hashable]:
        """All currently set input keys, in insertion order."""
        return list(self._inputs)

    def _bump(self, level: int) -> None:
        """Record that an input of durability ``level`` changed in this revision."""
        for d in range(level + 1):
            self._last_changed[d] = self._revision

    def _check_idle(self, what: str) -> None:
        if self._stack:
            raise RuntimeError(f"{what} called while a query is running")

    # ------------------------------------------------------------- query calls

    def _call_slow(self, info: QueryInfo, args: tuple[Hashable, ...]) -> Any:
        """Everything the fast path does not handle: miss, stale, cycle, provisional."""
        table = self._tables.get(info)
        if table is None:
            table = self._tables[info] = {}
        memo = table.get(args)
        if memo is None:
            memo = table[args] = Memo(info, args)
            self._execute(memo)
        elif memo.verified_at == self._revision:
            memo.hits += 1
        elif memo.frame is not None:
            return self._reenter(memo)
        elif memo.provisional:
            if self._usable(memo):
                memo.hits += 1
            else:
                _reset(memo)
                self._execute(memo)
        elif not memo.has_value or memo.verified_at < 0 or _head_running(memo):
            # A member of a cycle whose head is re-running joins the new cycle.
            self._execute(memo)
        else:
            # An execution always stores a fresh deps tuple; same tuple = validated.
            deps_before = memo.deps
            self._refresh(memo)
            if memo.deps is deps_before:
                memo.hits += 1
        return self._record(memo)

    def _usable(self, memo: Memo) -> bool:
        """Whether a provisional result is still current: same epoch, heads running."""
        heads = memo.heads
        return memo.epoch == self._epoch and heads is not None and all(h.alive for h in heads)

    def _record(self, memo: Memo) -> Any:
        """Record ``memo`` as read by the running query and return its value."""
        deps = self._deps
        if deps is not None:
            deps.append(memo)
        if memo.provisional:
            frame = self._frame
            assert frame is not None and memo.heads is not None
            if frame.heads is None:
                frame.heads = set(memo.heads)
            else:
                frame.heads |= memo.heads
            return memo.pvalue
        return memo.value

    def _reenter(self, memo: Memo) -> Any:
        """A query called while it is already running: a cycle."""
        frame = memo.frame
        assert frame is not None
        info = memo.info
        if info.cycle_initial is None:
            path = [(f.memo.info.name, f.memo.args) for f in self._stack[frame.depth :]]
            path.append((info.name, memo.args))
            raise CycleError(path)
        if not frame.is_head:
            frame.is_head = True
            frame.pvalue = info.cycle_initial(self, *memo.args)
        caller = self._frame
        assert caller is not None
        if self._deps is not None:
            self._deps.append(memo)
        if caller.heads is None:
            caller.heads = {frame}
        else:
            caller.heads.add(frame)
        return frame.pvalue

    @property
    def in_query(self) -> bool:
        """Whether a query body is running (its reads are being recorded)."""
        return self._frame is not None

    def first_note(self, key: Hashable) -> bool:
        """True the first time the running query body notes ``key``, False after (and at
        top level): lets a front end record a group of reads once per execution."""
        frame = self._frame
        if frame is None:
            return False
        noted = frame.noted
        if noted is None:
            noted = frame.noted = set()
        elif key in noted:
            return False
        noted.add(key)
        return True

    def supplied(
        self,
        info: QueryInfo,
        args: tuple[Hashable, ...],
        body: Callable[[], Any],
        on_reentry: Any = None,
    ) -> Any:
        """A memoised call whose body the caller supplies (a closure over its context).

        The memo is keyed by ``(info, args)`` and records what ``body`` reads like any
        query. Called again while it runs, it answers ``on_reentry`` without recording a
        dependency (no fixpoint iteration: the outer computation finishes once). Since the
        engine holds no body of its own, a stale memo met while re-validating a dependent
        is not re-run there: it is dropped and the dependent re-runs, calling it afresh.
        """
        table = self._tables.get(info)
        memo = table.get(args) if table is not None else None
        if memo is not None:
            if memo.frame is not None:
                return on_reentry
            if memo.verified_at == self._revision and not memo.provisional:
                deps = self._deps
                if deps is not None:
                    deps.append(memo)
                memo.hits += 1
                return memo.value
        key = (info, args)
        self._bodies[key] = body
        try:
            return self._call_slow(info, args)
        finally:
            del self._bodies[key]

    # --------------------------------------------------------------- execution

    def _execute(self, memo: Memo) -> None:
        """Run a query body (iterating if it heads a cycle) and store the result."""
        info = memo.info
        parent = self._frame
        saved_deps = self._deps
        frame = Frame(memo, len(self._stack))
        self._stack.append(frame)
        memo.frame = frame
        self._frame = frame
        started = perf_counter()
        try:
            value, deps = self._run_body(frame)
        except BaseException:
            # The caller may catch the exception; what this body read must still
            # invalidate the caller, so hand the reads up before forgetting them.
            if saved_deps is not None and self._deps is not None:
                saved_deps.extend(self._deps)
            self._abort(memo)
            raise
        finally:
            memo.frame = None
            frame.alive = False
            self._stack.pop()
            self._frame = parent
            self._deps = saved_deps
            elapsed = perf_counter() - started
            self._seconds[info] = self._seconds.get(info, 0.0) + elapsed - frame.child_seconds
            if parent is not None:
                parent.child_seconds += elapsed
        self._complete(memo, frame, value, deps)

    def _run_body(self, frame: Frame) -> tuple[Any, list[Union[Memo, InputSlot]]]:
        """Call the body; while it re-enters itself, re-run until the value is stable."""
        memo = frame.memo
        info = memo.info
        runs = 0
        while True:
            deps: list[Union[Memo, InputSlot]] = []
            self._deps = deps
            frame.heads = None
            frame.noted = None
            self._executions[info] = self._executions.get(info, 0) + 1
            if self.events.enabled:
                self.events.record(EXECUTED, info.name, memo.args)
            value = info.fn(self, *memo.args)
            runs += 1
            heads = frame.heads
            if not frame.is_head or heads is None or frame not in heads:
                return value, deps
            if _same(value, frame.pvalue) or runs >= CYCLE_ITERATION_LIMIT:
                return value, deps
            # Not yet a fixpoint: everything computed from the old provisional
            # value is stale, so start a new epoch and collect members afresh.
            frame.pvalue = value
            frame.members = []
            self._epoch += 1

    def _complete(
        self, memo: Memo, frame: Frame, value: Any, deps: list[Union[Memo, InputSlot]]
    ) -> None:
        """Store a finished execution as a final or a provisional result."""
        heads = frame.heads
        if heads:
            heads.discard(frame)
        if memo.members:
            self._disband(memo, frame.members if not heads else [])
        memo.deps = tuple(dict.fromkeys(deps))
        if heads:
            self._store_provisional(memo, frame, value, heads)
            return
        if frame.members:
            self._finalize_group(memo, value, frame.members)
            return
        memo.durability = min((d.durability for d in memo.deps), default=MAX_DURABILITY)
        memo.cycle_head = None
        memo.members = ()
        self._settle(memo, value)

    def _store_provisional(self, memo: Memo, frame: Frame, value: Any, heads: set[Frame]) -> None:
        """The value depends on a running cycle head: keep it aside until the cycle settles."""
        memo.provisional = True
        memo.pvalue = value
        memo.heads = frozenset(heads)
        memo.epoch = self._epoch
        memo.verified_at = UNVERIFIED
        memo.cycle_head = None
        memo.members = ()
        innermost = max(heads, key=lambda f: f.depth)
        innermost.members.append(memo)
        innermost.members.extend(frame.members)

    def _finalize_group(self, head: Memo, value: Any, members: list[Memo]) -> None:
        """A cycle reached its fixpoint: make the head and all members final together."""
        group = tuple(dict.fromkeys((head, *members)))
        inside = set(group)
        durability = min(
            (d.durability for m in group for d in m.deps if d not in inside),
            default=MAX_DURABILITY,
        )
        for member in group[1:]:
            self._settle(member, member.pvalue)
        self._settle(head, value)
        for member in group:
            member.durability = durability
            member.cycle_head = head
            member.members = ()
        head.members = group

    def _disband(self, head: Memo, keep: list[Memo]) -> None:
        """A head re-ran: members of its old cycle that are not in the new one
        must execute before their next use (their deps refer to each other)."""
        kept = set(keep)
        kept.add(head)
        for member in head.members:
            if member not in kept and member.cycle_head is head and member.frame is None:
                _reset(member)
        head.members = ()

    def _settle(self, memo: Memo, value: Any) -> None:
        """Store a final value, keeping ``changed_at`` when it equals the old one."""
        if memo.has_value and _same(memo.value, value):
            if self.events.enabled:
                self.events.record(CUTOFF, memo.info.name, memo.args)
        else:
            memo.value = value
            memo.has_value = True
            memo.changed_at = self._revision
        memo.verified_at = self._revision
        memo.provisional = False
        memo.pvalue = None
        memo.heads = None

    def _abort(self, memo: Memo) -> None:
        """The body raised: leave no half-memo behind."""
        if memo.provisional:
            _reset(memo)
        if not memo.has_value:
            table = self._tables.get(memo.info)
            if table is not None and table.get(memo.args) is memo:
                del table[memo.args]

    # ------------------------------------------------------------ re-validation

    def _refresh(self, target: Memo) -> None:
        """Bring a stale memo up to date: validate it or re-execute it."""
        while target.verified_at != self._revision:
            if target.provisional:
                if self._usable(target):
                    return
                _reset(target)
            if target.verified_at < 0 or not target.has_value:
                self._execute(target)
            else:
                self._walk(target)

    def _walk(self, target: Memo) -> None:
        """Verify dependencies depth-first with an explicit stack (no recursion)."""
        rev = self._revision
        first = self._entry(target)
        stack = [first] if first is not None else []
        # Nodes being walked: meeting one again means a dependency cycle left
        # by an unfinished cycle, which we treat as a change (re-execute).
        walking = {first[0]} if first is not None else set()
        while stack:
            entry = stack[-1]
            node: Memo = entry[0]
            if node.verified_at == rev or (node.provisional and self._usable(node)):
                walking.discard(stack.pop()[0])
                continue
            if node.provisional:
                _reset(node)
            vat = node.verified_at
            if entry[4] or vat < 0 or not node.has_value:
                outcome = _CHANGED
            else:
                outcome = self._scan(entry, stack, walking, vat, rev)
            if outcome == _PUSHED:
                walking.add(stack[-1][0])
                continue
            walking.discard(stack.pop()[0])
            if outcome == _CHANGED:
                self._walk_execute(node, stack)
            else:
                self._mark_verified(node, entry[3])

    def _walk_execute(self, node: Memo, stack: list[_Entry]) -> None:
        """Re-execute a stale node found by the walk.

        Executing a dependency before its dependent can enter a cycle at a
        query that has no ``cycle_initial`` although a cold run would have
        entered it at one that has. So when a dependency's re-execution hits a
        cycle, the walk re-executes its dependent instead (top-down, as a cold
        run would); only the walk's first entry lets the error escape.

        A supplied query (no body here) is dropped instead, and its dependent re-runs.
        """
        if node.info.supplied and (node.info, node.args) not in self._bodies:
            _reset(node)
            if stack:
                stack[-1][4] = True
            return
        try:
            self._execute(node)
        except CycleError:
            if not stack:
                raise
            stack[-1][4] = True

    def _scan(
        self, entry: _Entry, stack: list[_Entry], walking: set[Memo], vat: int, rev: int
    ) -> int:
        """Check an entry's dependencies from where it stopped; push the first stale one."""
        deps = entry[1]
        i = entry[2]
        n = len(deps)
        while i < n:
            dep = deps[i]
            if dep.__class__ is InputSlot:
                if dep.changed_at > vat:
                    return _CHANGED
                i += 1
                continue
            if dep.verified_at != rev:
                if dep.verified_at < 0 or dep.provisional or dep.frame is not None:
                    return _CHANGED
                if _head_running(dep):
                    return _CHANGED
                sub = self._entry(dep)
                if sub is not None:
                    if sub[0] in walking:
                        return _CHANGED
                    entry[2] = i
                    stack.append(sub)
                    return _PUSHED
                if dep.verified_at != rev:
                    return _CHANGED
            if dep.changed_at > vat:
                return _CHANGED
            i += 1
        return _UNCHANGED

    def _entry(self, memo: Memo) -> Optional[_Entry]:
        """A walk entry for ``memo`` (its whole cycle group if it has one), or
        None when the durability shortcut already proved it valid."""
        node, group = memo, None
        head = memo.cycle_head
        if head is not None:
            if head.frame is None and not head.provisional and memo in head.members:
                node, group = head, head.members
            else:
                # Stale membership: the head re-ran without this memo in its cycle.
                memo.cycle_head = None
        if node.verified_at == self._revision:
            return None
        if node.verified_at >= 0 and self._last_changed[node.durability] <= node.verified_at:
            self._mark_verified(node, group)
            return None
        if group is None:
            return [node, node.deps, 0, None, False]
        inside = set(group)
        external = tuple(d for m in group for d in m.deps if d not in inside)
        return [node, external, 0, group, False]

    def _mark_verified(self, node: Memo, group: Optional[tuple[Memo, ...]]) -> None:
        rev = self._revision
        log = self.events.enabled
        for memo in group or (node,):
            memo.verified_at = rev
            if log:
                self.events.record(VALIDATED, memo.info.name, memo.args)

    def query_reads(
        self, fn: Union[Callable[..., Any], QueryInfo], args: tuple[Hashable, ...]
    ) -> list[tuple[str, tuple[Hashable, ...]]]:
        """The queries (name, arguments) the last execution of ``fn(*args)`` read, in order.

        Empty when the call has no final memo. Front ends use it to learn what a result
        depended on, for instance to key a persistent cache entry.
        """
        info = fn if isinstance(fn, QueryInfo) else getattr(fn, "query_info", None)
        memo = self._tables.get(info, {}).get(args) if info is not None else None
        if memo is None or not memo.has_value:
            return []
        return [(d.info.name, d.args) for d in memo.deps if isinstance(d, Memo)]

    def reads(
        self, fn: Union[Callable[..., Any], QueryInfo], args: tuple[Hashable, ...]
    ) -> list[tuple[QueryInfo, tuple[Hashable, ...]]]:
        """Like ``query_reads``, with each read query's ``QueryInfo`` (to follow it further)."""
        info = fn if isinstance(fn, QueryInfo) else getattr(fn, "query_info", None)
        memo = self._tables.get(info, {}).get(args) if info is not None else None
        if memo is None or not memo.has_value:
            return []
        return [(d.info, d.args) for d in memo.deps if isinstance(d, Memo)]

    def reached(
        self,
        fn: Union[Callable[..., Any], QueryInfo],
        args: tuple[Hashable, ...],
        collect: frozenset[str],
        follow: Callable[[QueryInfo], bool],
    ) -> set[tuple[str, Hashable]]:
        """``(name, first argument)`` of each query named in ``collect`` that the last
        execution of ``fn(*args)`` read, directly or through the queries ``follow`` accepts.

        What ``reads`` gives, followed to the end in one pass over the memos (each visited
        once): a huge module's check reads thousands of queries, and a front end asks this
        after every check of it (the persistent cache's key).
        """
        info = fn if isinstance(fn, QueryInfo) else getattr(fn, "query_info", None)
        root = self._tables.get(info, {}).get(args) if info is not None else None
        found: set[tuple[str, Hashable]] = set()
        if root is None or not root.has_value:
            return found
        seen = {id(root)}
        verdicts: dict[QueryInfo, bool] = {}
        work = [root]
        while work:
            for dep in work.pop().deps:
                if not isinstance(dep, Memo) or id(dep) in seen:
                    continue
                seen.add(id(dep))
                name = dep.info.name
                if name in collect:
                    found.add((name, dep.args[0]))
                    continue
                ok = verdicts.get(dep.info)
                if ok is None:
                    ok = verdicts[dep.info] = follow(dep.info)
                if ok and dep.has_value:
                    work.append(dep)
        return found

    def is_current(
        self, fn: Union[Callable[..., Any], QueryInfo], args: tuple[Hashable, ...]
    ) -> bool:
        """Whether ``fn(*args)`` has a final value verified in the current revision."""
        info = fn if isinstance(fn, QueryInfo) else getattr(fn, "query_info", None)
        memo = self._tables.get(info, {}).get(args) if info is not None else None
        return (
            memo is not None
            and memo.has_value
            and not memo.provisional
            and memo.verified_at == self._revision
        )

    def execution_token(self, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> object:
        """An opaque value that stays the same (``is``) until ``fn(*args)`` executes again."""
        info = getattr(fn, "query_info", None)
        memo = self._tables.get(info, {}).get(args) if info is not None else None
        return memo.deps if memo is not None and memo.has_value else None

    # ------------------------------------------------------------- maintenance

    def stats(self) -> dict[str, dict[str, float]]:
        """Per query name: ``executions``, ``hits`` and ``seconds`` (self time)."""
        infos = set(self._tables) | set(self._executions) | set(self._swept_hits)
        out: dict[str, dict[str, float]] = {}
        for info in infos:
            table = self._tables.get(info, {})
            hits = self._swept_hits.get(info, 0) + sum(m.hits for m in table.values())
            row = out.setdefault(info.name, {"executions": 0, "hits": 0, "seconds": 0.0})
            row["executions"] += self._executions.get(info, 0)
            row["hits"] += hits
            row["seconds"] += self._seconds.get(info, 0.0)
        return dict(sorted(out.items()))

    def sweep(self) -> int:
        """Drop memos neither verified in this revision nor needed by one that is.

        Keeping what live memos depend on (even if it was only validated through
        the durability shortcut) means no kept memo ever refers to a dropped one.
        Returns how many memos were dropped.
        """
        self._check_idle("sweep")
        live = self._live_memos()
        dropped = 0
        for info, table in self._tables.items():
            dead = [args for args, memo in table.items() if memo not in live]
            for args in dead:
                memo = table.pop(args)
                self._swept_hits[info] = self._swept_hits.get(info, 0) + memo.hits
                _reset(memo)
                memo.value = None
                memo.has_value = False
            dropped += len(dead)
        return dropped

    def _live_memos(self) -> set[Memo]:
        rev = self._revision
        work = [m for t in self._tables.values() for m in t.values() if m.verified_at == rev]
        live: set[Memo] = set()
        while work:
            memo = work.pop()
            if memo in live:
                continue
            live.add(memo)
            for dep in memo.deps:
                if dep.__class__ is Memo and dep not in live:
                    work.append(dep)  # type: ignore[arg-type]
            work.extend(memo.members)
            if memo.cycle_head is not None:
                work.append(memo.cycle_head)
        return live


_UNCHANGED, _CHANGED, _PUSHED = 0, 1, 2


def _same(old: Any, new: Any) -> bool:
    """Value equality for cutoff; a failing ``==`` counts as different."""
    if old is new:
        return True
    try:
        return bool(old == new)
    except Exception:
        return False


def _head_running(memo: Memo) -> bool:
    """Whether ``memo`` belongs to a settled cycle whose head is running again."""
    head = memo.cycle_head
    return head is not None and head.frame is not None


def _reset(memo: Memo) -> None:
    """Forget provisional state and force the next use to execute."""
    memo.provisional = False
    memo.pvalue = None
    memo.heads = None
    memo.verified_at = UNVERIFIED
    memo.deps = ()
    memo.cycle_head = None
    memo.members = ()
