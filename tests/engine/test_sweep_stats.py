"""``sweep`` keeps memory flat; ``stats`` counts executions, hits and time."""

from __future__ import annotations

import gc

import pytest

from tycheck.engine import Database, Durability, query


@query
def upper(db: Database, key: str) -> str:
    return db.read_input(key).upper()


@query
def joined(db: Database, keys: tuple[str, ...]) -> str:
    return "+".join(upper(db, k) for k in keys)


@query
def stub_len(db: Database) -> int:
    return len(upper(db, "stub"))


@query
def check(db: Database, key: str) -> str:
    return f"{upper(db, key)}/{stub_len(db)}"


def test_sweep_drops_entries_not_used_this_revision() -> None:
    db = Database(log_events=True)
    db.set_input("a", "x")
    db.set_input("b", "y")
    joined(db, ("a", "b"))
    upper(db, "b")
    db.set_input("a", "z")
    assert upper(db, "a") == "Z"
    # joined(("a","b")) and upper("b") were not used in this revision.
    assert db.sweep() == 2
    db.events.clear()
    assert joined(db, ("a", "b")) == "Z+Y"
    assert db.events.executed() == [("joined", (("a", "b"),)), ("upper", ("b",))]


def test_sweep_keeps_dependencies_of_live_memos() -> None:
    db = Database(log_events=True)
    db.set_input("stub", "abc", Durability.HIGH)
    db.set_input("main", "m")
    check(db, "main")
    db.set_input("main", "n")
    check(db, "main")  # stub_len validated by the durability shortcut only
    assert db.sweep() == 0
    db.events.clear()
    assert upper(db, "stub") == "ABC"
    assert db.events.executed() == []


def test_repeated_edit_check_sweep_keeps_memo_count_flat() -> None:
    db = Database()
    db.set_input("stub", "abc", Durability.HIGH)
    sizes = []
    for i in range(200):
        db.set_input("main", f"v{i}")
        db.set_input(f"tmp{i}", "t")
        check(db, "main")
        upper(db, f"tmp{i}")
        if i:
            db.remove_input(f"tmp{i - 1}")
        db.sweep()
        gc.collect()
        sizes.append(sum(len(t) for t in db._tables.values()))
    assert max(sizes[10:]) == min(sizes[10:])


def test_sweep_refused_while_running() -> None:
    @query
    def sweeper(db: Database) -> int:
        return db.sweep()

    db = Database()
    with pytest.raises(RuntimeError):
        sweeper(db)


def test_stats_count_executions_hits_and_time() -> None:
    db = Database()
    db.set_input("a", "x")
    db.set_input("b", "y")
    joined(db, ("a", "b"))
    joined(db, ("a", "b"))
    upper(db, "a")
    stats = db.stats()
    assert stats["upper"]["executions"] == 2
    assert stats["upper"]["hits"] == 1
    assert stats["joined"]["executions"] == 1
    assert stats["joined"]["hits"] == 1
    assert all(row["seconds"] >= 0 for row in stats.values())
    db.set_input("c", "unrelated")
    joined(db, ("a", "b"))  # validated without running: a hit
    stats = db.stats()
    assert stats["joined"] == {"executions": 1, "hits": 2, "seconds": stats["joined"]["seconds"]}
    # Hits survive sweeping.
    db.set_input("c", "again")
    db.sweep()
    assert db.stats()["joined"]["hits"] == 2
