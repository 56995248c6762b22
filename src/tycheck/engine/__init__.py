"""tycheck.engine: a small incremental query engine (salsa-like).

Knows nothing of Python typing. Public API::

    from tycheck.engine import Database, query, Durability, CycleError, EventLog
    from tycheck.engine import supplied_query  # memoised closures (Database.supplied)

Queries are module-level functions ``f(db, *hashable_args)`` decorated with
``@query``; inputs are set on the database and read with ``db.read_input``.
See ``database.py`` for the re-validation algorithm. Not thread-safe.
"""

from tycheck.engine.database import CYCLE_ITERATION_LIMIT, Database
from tycheck.engine.durability import Durability
from tycheck.engine.errors import CycleError
from tycheck.engine.events import CUTOFF, EXECUTED, VALIDATED, Event, EventLog
from tycheck.engine.query import query, supplied_query
from tycheck.engine.slots import QueryInfo

__all__ = [
    "CUTOFF",
    "CYCLE_ITERATION_LIMIT",
    "CycleError",
    "Database",
    "Durability",
    "EXECUTED",
    "Event",
    "EventLog",
    "VALIDATED",
    "QueryInfo",
    "query",
    "supplied_query",
]
