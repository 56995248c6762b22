"""Red-green re-validation, early cutoff, dependency order, durability, deep chains."""

from __future__ import annotations

from tycheck.engine import VALIDATED, Database, Durability, query


@query
def word_count(db: Database, key: str) -> int:
    return len(db.read_input(key).split())


@query
def is_big(db: Database, key: str) -> bool:
    return word_count(db, key) > 2


@query
def report(db: Database, key: str) -> str:
    return f"{key}: {'big' if is_big(db, key) else 'small'}"


def test_early_cutoff_stops_at_equal_value() -> None:
    db = Database(log_events=True)
    db.set_input("f", "one two three")
    assert report(db, "f") == "f: big"
    db.events.clear()
    # Same word count: word_count re-runs, is_big and report do not.
    db.set_input("f", "uno dos tres")
    assert report(db, "f") == "f: big"
    assert db.events.executed() == [("word_count", ("f",))]
    db.events.clear()
    # Different count, same verdict: cutoff one level higher.
    db.set_input("f", "a b c d e")
    assert report(db, "f") == "f: big"
    assert db.events.executed() == [("word_count", ("f",)), ("is_big", ("f",))]
    db.events.clear()
    db.set_input("f", "a")
    assert report(db, "f") == "f: small"
    assert db.events.executed() == [
        ("word_count", ("f",)),
        ("is_big", ("f",)),
        ("report", ("f",)),
    ]


def test_unrelated_change_validates_without_running() -> None:
    db = Database(log_events=True)
    db.set_input("f", "one")
    db.set_input("g", "two")
    report(db, "f")
    db.events.clear()
    db.set_input("g", "changed")
    assert report(db, "f") == "f: small"
    assert db.events.executed() == []
    validated = db.events.of_kind(VALIDATED)
    assert ("report", ("f",)) in validated and ("word_count", ("f",)) in validated


def test_calling_again_in_same_revision_is_a_hit() -> None:
    db = Database()
    db.set_input("f", "x y z")
    for _ in range(5):
        report(db, "f")
    stats = db.stats()
    assert stats["report"]["executions"] == 1
    assert stats["report"]["hits"] == 4
    assert stats["word_count"]["executions"] == 1


# A query whose dependencies depend on an earlier dependency: once the flag
# changes, the later read must not even be validated (it may not exist now).
@query
def choose(db: Database) -> str:
    if db.read_input("use_a"):
        return expensive(db, "a")
    return "fallback"


@query
def expensive(db: Database, key: str) -> str:
    return db.read_input(key) * 2


def test_dependencies_verified_in_recorded_order() -> None:
    db = Database(log_events=True)
    db.set_input("use_a", True)
    db.set_input("a", "x")
    assert choose(db) == "xx"
    db.set_input("use_a", False)
    db.remove_input("a")  # reading it now would raise KeyError
    db.events.clear()
    assert choose(db) == "fallback"
    assert db.events.executed() == [("choose", ())]


@query
def stub_summary(db: Database, name: str) -> str:
    return db.read_input(("stub", name)).strip()


@query
def all_stubs(db: Database) -> tuple[str, ...]:
    return tuple(stub_summary(db, n) for n in ("builtins", "typing", "os"))


@query
def check_file(db: Database, path: str) -> str:
    return f"{db.read_input(path)} uses {len(all_stubs(db))} stubs"


def test_durable_memo_validated_in_constant_time() -> None:
    db = Database(log_events=True)
    for n in ("builtins", "typing", "os"):
        db.set_input(("stub", n), f" {n} ", Durability.HIGH)
    db.set_input("main.py", "code")
    assert check_file(db, "main.py") == "code uses 3 stubs"
    db.events.clear()
    db.set_input("main.py", "new code")
    assert check_file(db, "main.py") == "new code uses 3 stubs"
    assert db.events.executed() == [("check_file", ("main.py",))]
    # all_stubs was validated by the durability shortcut: its own
    # dependencies (the stub summaries) were never walked.
    validated = db.events.of_kind(VALIDATED)
    assert validated == [("all_stubs", ())]


def test_durable_change_invalidates_durable_memos() -> None:
    db = Database(log_events=True)
    for n in ("builtins", "typing", "os"):
        db.set_input(("stub", n), n, Durability.HIGH)
    db.set_input("main.py", "code")
    check_file(db, "main.py")
    db.events.clear()
    db.set_input(("stub", "os"), " os ", Durability.HIGH)  # same after strip()
    check_file(db, "main.py")
    assert db.events.executed() == [("stub_summary", ("os",))]


def test_input_durability_lowered_is_tracked() -> None:
    db = Database(log_events=True)
    db.set_input(("stub", "x"), "a", Durability.HIGH)
    assert stub_summary(db, "x") == "a"
    db.set_input(("stub", "x"), "a", Durability.LOW)
    stub_summary(db, "x")
    db.set_input(("stub", "x"), "b", Durability.LOW)
    assert stub_summary(db, "x") == "b"


@query
def chain(db: Database, n: int) -> int:
    if n == 0:
        return db.read_input("base")
    return chain(db, n - 1) + 1


def _build_chain(db: Database, length: int) -> None:
    # Built bottom-up so the cold computation does not recurse deeply either.
    for i in range(length):
        chain(db, i)


def test_deep_chain_revalidation_does_not_recurse() -> None:
    db = Database()
    db.set_input("base", 0)
    db.set_input("other", 0)
    _build_chain(db, 10_000)
    db.set_input("other", 1)  # unrelated: validate the whole chain
    assert chain(db, 9_999) == 9_999
    db.set_input("base", 5)  # changes every link, re-executed bottom-up
    assert chain(db, 9_999) == 10_004
    assert db.stats()["chain"]["executions"] == 20_000


def test_deep_chain_cutoff_at_bottom() -> None:
    db = Database(log_events=True)
    db.set_input("base", 0)
    _build_chain(db, 10_000)
    db.set_input("base", 1)
    db.set_input("base", 0)  # back to the old value
    db.events.clear()
    assert chain(db, 9_999) == 9_999
    # Only the reader of the input re-ran; its equal value cut off the rest.
    assert db.events.executed() == [("chain", (0,))]
    assert db.events.of_kind("cutoff") == [("chain", (0,))]
