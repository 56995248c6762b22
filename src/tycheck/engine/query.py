"""The ``@query`` decorator: memoised, dependency-tracked functions of a database.

The wrapper's fast path (a memo already verified in the current revision) is a
dict lookup, one integer comparison and, inside another query, one list append
to record the dependency; everything else goes to ``Database._call_slow``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Callable, Hashable, Optional, TypeVar, overload

from tycheck.engine.slots import QueryInfo

if TYPE_CHECKING:
    from tycheck.engine.database import Database

F = TypeVar("F", bound=Callable[..., Any])


def _make_wrapper(info: QueryInfo) -> Callable[..., Any]:
    """Build the fast-path closure for one query."""

    def call(db: Database, *args: Hashable) -> Any:
        try:
            memo = db._tables[info][args]
        except KeyError:
            return db._call_slow(info, args)
        if memo.verified_at == db._revision:
            deps = db._deps
            if deps is not None:
                deps.append(memo)
            memo.hits += 1
            return memo.value
        return db._call_slow(info, args)

    functools.update_wrapper(call, info.fn)
    call.query_info = info  # type: ignore[attr-defined]
    return call


@overload
def query(fn: F, /) -> F: ...


@overload
def query(
    *, cycle_initial: Optional[Callable[..., Any]] = None, name: Optional[str] = None
) -> Callable[[F], F]: ...


def query(
    fn: Optional[Callable[..., Any]] = None,
    /,
    *,
    cycle_initial: Optional[Callable[..., Any]] = None,
    name: Optional[str] = None,
) -> Any:
    """Turn ``fn(db, *args)`` into a memoised query.

    Arguments must be positional and hashable; the result is assumed immutable
    and compared with ``==`` for early cutoff. ``cycle_initial(db, *args)``
    gives the provisional value returned when the query re-enters itself; the
    cycle then iterates until the value stops changing. ``name`` overrides the
    name used in events, stats and cycle messages (default: ``__qualname__``).
    """

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        info = QueryInfo(f, name or f.__qualname__, cycle_initial)
        return _make_wrapper(info)

    if fn is not None:
        return decorate(fn)
    return decorate


def supplied_query(name: str) -> QueryInfo:
    """A query whose body each call supplies: use it with ``Database.supplied``.

    For memoised facts computed by closures over a caller's context; the engine records
    their reads and re-validates them, but re-runs them only through a call.
    """

    def run(db: Database, *args: Hashable) -> Any:
        return db._bodies[(info, args)]()

    info = QueryInfo(run, name, None, supplied=True)
    return info
