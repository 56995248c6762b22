"""What a query read, and whether it ran again: the engine's record, as front ends see it."""

from __future__ import annotations

from tycheck.engine import Database, query


@query
def doubled(db: Database, key: str) -> int:
    return 2 * db.read_input(key)


@query
def total(db: Database) -> int:
    return doubled(db, "a") + doubled(db, "b")


def test_query_reads_lists_the_queries_read_in_order() -> None:
    db = Database()
    db.set_input("a", 1)
    db.set_input("b", 2)
    assert db.query_reads(total, ()) == []  # never ran
    assert total(db) == 6
    assert db.query_reads(total, ()) == [("doubled", ("a",)), ("doubled", ("b",))]
    assert db.query_reads(doubled, ("a",)) == []  # inputs are not queries


def test_execution_token_changes_only_when_the_query_runs_again() -> None:
    db = Database()
    db.set_input("a", 1)
    db.set_input("b", 2)
    assert db.execution_token(total, ()) is None
    total(db)
    token = db.execution_token(total, ())
    db.set_input("c", 5)  # unrelated: validated, not re-run
    total(db)
    assert db.execution_token(total, ()) is token
    db.set_input("a", 10)
    total(db)
    assert db.execution_token(total, ()) is not token
