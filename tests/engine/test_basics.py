"""Memoisation, inputs, revisions, the event log and error handling."""

from __future__ import annotations

import pytest

from tycheck.engine import Database, Durability, EventLog, query


@query
def length(db: Database, key: str) -> int:
    return len(db.read_input(key))


@query
def total(db: Database, a: str, b: str) -> int:
    return length(db, a) + length(db, b)


@query
def fails_on_bang(db: Database, key: str) -> str:
    text = db.read_input(key)
    if text == "!":
        raise ValueError("bang")
    return text.upper()


def make_db() -> Database:
    db = Database(log_events=True)
    db.set_input("a", "xx")
    db.set_input("b", "yyy")
    return db


def test_memoised_per_query_and_args() -> None:
    db = make_db()
    assert total(db, "a", "b") == 5
    assert total(db, "a", "b") == 5
    assert total(db, "b", "a") == 5
    assert db.events.executed() == [
        ("total", ("a", "b")),
        ("length", ("a",)),
        ("length", ("b",)),
        ("total", ("b", "a")),
    ]


def test_set_input_new_revision_only_on_change() -> None:
    db = make_db()
    rev = db.revision
    assert db.set_input("a", "xx") is False
    assert db.revision == rev
    assert db.set_input("a", "xz") is True
    assert db.revision == rev + 1
    # Same value, other durability: still a change (memos recorded the level).
    assert db.set_input("a", "xz", Durability.HIGH) is True
    assert db.revision == rev + 2


def test_change_reexecutes_only_readers() -> None:
    db = make_db()
    total(db, "a", "b")
    db.events.clear()
    db.set_input("a", "xxxx")
    assert total(db, "a", "b") == 7
    assert db.events.executed() == [("length", ("a",)), ("total", ("a", "b"))]


def test_unset_input_without_loader_raises_keyerror_and_leaves_no_memo() -> None:
    db = Database()
    with pytest.raises(KeyError):
        length(db, "missing")
    db.set_input("missing", "abc")
    assert length(db, "missing") == 3


def test_loader_called_on_first_read_only() -> None:
    calls: list[object] = []

    def loader(key: object) -> tuple[object, Durability]:
        calls.append(key)
        return f"<{key}>", Durability.HIGH

    db = Database(loader=loader)
    assert not db.has_input("k")
    assert length(db, "k") == 3
    assert db.read_input("k") == "<k>"
    assert calls == ["k"]
    assert db.has_input("k") and db.input_keys() == ["k"]


def test_remove_input_calls_loader_again_and_counts_as_change() -> None:
    values = iter(["one", "three"])
    db = Database(loader=lambda key: (next(values), Durability.LOW), log_events=True)
    assert length(db, "k") == 3
    rev = db.revision
    db.remove_input("k")
    assert db.revision == rev + 1
    assert not db.has_input("k")
    db.events.clear()
    assert length(db, "k") == 5
    assert db.events.executed() == [("length", ("k",))]


def test_remove_unknown_input_is_noop() -> None:
    db = Database()
    db.remove_input("nope")
    assert db.revision == 0


def test_exception_propagates_and_leaves_no_half_memo() -> None:
    db = Database(log_events=True)
    db.set_input("k", "!")
    with pytest.raises(ValueError):
        fails_on_bang(db, "k")
    # Still fails (not a cached half-result) and the database stays usable.
    with pytest.raises(ValueError):
        fails_on_bang(db, "k")
    db.set_input("k", "ok")
    assert fails_on_bang(db, "k") == "OK"


def test_exception_in_reexecution_keeps_database_usable() -> None:
    db = Database()
    db.set_input("k", "ok")
    assert fails_on_bang(db, "k") == "OK"
    db.set_input("k", "!")
    with pytest.raises(ValueError):
        fails_on_bang(db, "k")
    db.set_input("k", "ok")
    assert fails_on_bang(db, "k") == "OK"


@query
def outer_catches(db: Database, key: str) -> str:
    try:
        return fails_on_bang(db, key)
    except ValueError:
        return "caught"


def test_exception_inside_nested_query_caught_by_caller() -> None:
    db = Database()
    db.set_input("k", "!")
    assert outer_catches(db, "k") == "caught"
    db.set_input("k", "fine")
    assert outer_catches(db, "k") == "FINE"


def test_keyword_arguments_are_rejected() -> None:
    db = make_db()
    with pytest.raises(TypeError):
        length(db, key="a")  # type: ignore[call-arg]


def test_unhashable_argument_is_rejected() -> None:
    db = make_db()
    with pytest.raises(TypeError):
        length(db, ["a"])  # type: ignore[arg-type]


def test_cannot_set_input_inside_a_query() -> None:
    @query
    def sneaky(db: Database) -> None:
        db.set_input("a", "changed")

    db = make_db()
    with pytest.raises(RuntimeError):
        sneaky(db)
    assert db.read_input("a") == "xx"


def test_event_log_disabled_by_default() -> None:
    db = Database()
    db.set_input("a", "x")
    length(db, "a")
    assert isinstance(db.events, EventLog)
    assert db.events.enabled is False
    assert db.events.records == []
    db.events.enabled = True
    db.set_input("a", "xy")
    length(db, "a")
    assert db.events.executed() == [("length", ("a",))]


def test_wrapper_keeps_name_and_doc() -> None:
    @query
    def documented(db: Database) -> int:
        """Doc."""
        return 1

    assert documented.__name__ == "documented"
    assert documented.__doc__ == "Doc."


@query
def optional_length(db: Database, key: str) -> int:
    try:
        return len(db.read_input(key))
    except KeyError:
        return -1


def test_reading_a_missing_input_depends_on_its_creation() -> None:
    db = Database()
    assert optional_length(db, "later") == -1
    db.set_input("later", "abcd")
    assert optional_length(db, "later") == 4
