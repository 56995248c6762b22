"""Supplied queries (``Database.supplied``): memoised closures whose reads the engine records."""

from __future__ import annotations

from typing import Any

from tycheck.engine import Database, query, supplied_query

SQUARE = supplied_query("square")
LOOP = supplied_query("loop")


def square_of(db: Database, key: str, runs: list[str]) -> Any:
    def body() -> int:
        runs.append(key)
        return db.read_input(key) ** 2

    return db.supplied(SQUARE, (key,), body)


@query
def total(db: Database) -> int:
    return square_of(db, "a", db.runs) + square_of(db, "b", db.runs)  # type: ignore[attr-defined]


def make_db() -> Database:
    db = Database(log_events=True)
    db.runs = []  # type: ignore[attr-defined]
    db.set_input("a", 2)
    db.set_input("b", 3)
    return db


def test_a_supplied_call_runs_its_body_once_per_key() -> None:
    db = make_db()
    assert total(db) == 13
    assert square_of(db, "a", db.runs) == 4  # type: ignore[attr-defined]
    assert db.runs == ["a", "b"]  # type: ignore[attr-defined]


def test_an_unrelated_change_validates_without_running() -> None:
    db = make_db()
    total(db)
    db.events.clear()
    db.set_input("c", 1)
    assert total(db) == 13
    assert db.events.executed() == []
    assert db.runs == ["a", "b"]  # type: ignore[attr-defined]


def test_a_stale_supplied_memo_makes_its_reader_run_and_call_it_again() -> None:
    db = make_db()
    total(db)
    db.events.clear()
    db.set_input("a", 5)
    assert total(db) == 34
    # The engine has no body for "square": it drops the memo, total re-runs and calls it.
    assert db.events.executed() == [("total", ()), ("square", ("a",))]
    assert db.runs == ["a", "b", "a"]  # type: ignore[attr-defined]


def test_a_supplied_call_at_top_level_re_runs_its_own_body() -> None:
    db = make_db()
    runs: list[str] = []
    assert square_of(db, "b", runs) == 9
    db.set_input("b", 4)
    assert square_of(db, "b", runs) == 16
    assert runs == ["b", "b"]


def test_re_entry_answers_the_given_value_once_without_iterating() -> None:
    db = Database()
    calls: list[int] = []

    def body() -> int:
        calls.append(1)
        inner = db.supplied(LOOP, ("x",), body, -1)
        return inner + 10

    assert db.supplied(LOOP, ("x",), body, -1) == 9  # the inner call saw -1
    assert db.supplied(LOOP, ("x",), body, -1) == 9
    assert calls == [1]


def test_reads_name_the_supplied_queries_read() -> None:
    db = make_db()
    total(db)
    assert [(info.name, args) for info, args in db.reads(total, ())] == [
        ("square", ("a",)),
        ("square", ("b",)),
    ]
    assert db.is_current(SQUARE, ("a",))
    db.set_input("a", 1)
    assert not db.is_current(SQUARE, ("a",))
