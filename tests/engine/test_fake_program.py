"""A tiny fake "program" on top of the engine, shaped like the checker's queries.

Files hold lines ``def name: body`` and ``import other``. A module's *summary*
is its imports plus the function names (not bodies); checking a function
reads its own body and the summaries of the modules it imports. Editing one
function's body must re-run only that function's queries and their readers;
an edit that leaves a summary unchanged must re-run nothing that depends only
on the summary.
"""

from __future__ import annotations

from tycheck.engine import Database, query

Summary = tuple[tuple[str, ...], tuple[str, ...]]  # (imports, function names)


@query
def parse(db: Database, path: str) -> tuple[tuple[str, str], ...]:
    """(kind, payload) per line: ("import", name) or ("def", "name: body")."""
    items = []
    for line in db.read_input(path).splitlines():
        kind, _, rest = line.partition(" ")
        items.append((kind, rest))
    return tuple(items)


@query
def function_body(db: Database, path: str, name: str) -> str:
    for kind, rest in parse(db, path):
        if kind == "def" and rest.split(":", 1)[0] == name:
            return rest.split(":", 1)[1].strip()
    return ""


@query
def summary(db: Database, path: str) -> Summary:
    imports = tuple(rest for kind, rest in parse(db, path) if kind == "import")
    names = tuple(rest.split(":", 1)[0] for kind, rest in parse(db, path) if kind == "def")
    return imports, names


@query
def visible_names(db: Database, path: str) -> frozenset[str]:
    """Names a module's functions may call: its own and its imports' functions."""
    imports, names = summary(db, path)
    result = set(names)
    for module in imports:
        result.update(summary(db, module + ".py")[1])
    return frozenset(result)


@query
def check_function(db: Database, path: str, name: str) -> tuple[str, ...]:
    """Errors: every word of the body must be a visible function name."""
    visible = visible_names(db, path)
    return tuple(
        f"{path}:{name}: unknown {word!r}"
        for word in function_body(db, path, name).split()
        if word not in visible
    )


@query
def check_module(db: Database, path: str) -> tuple[str, ...]:
    errors: list[str] = []
    for name in summary(db, path)[1]:
        errors.extend(check_function(db, path, name))
    return tuple(errors)


FILES = {
    "lib.py": "def helper: helper\ndef util: helper",
    "main.py": "import lib\ndef run: helper util\ndef other: run",
}


def make_program() -> Database:
    db = Database(log_events=True)
    for path, text in FILES.items():
        db.set_input(path, text)
    assert check_module(db, "lib.py") == ()
    assert check_module(db, "main.py") == ()
    db.events.clear()
    return db


def test_editing_one_body_reruns_only_that_function() -> None:
    db = make_program()
    db.set_input("main.py", "import lib\ndef run: helper util oops\ndef other: run")
    assert check_module(db, "main.py") == ("main.py:run: unknown 'oops'",)
    assert check_module(db, "lib.py") == ()
    executed = db.events.executed()
    assert sorted(executed) == sorted(
        [
            ("parse", ("main.py",)),
            ("summary", ("main.py",)),
            ("function_body", ("main.py", "run")),
            ("function_body", ("main.py", "other")),
            ("check_function", ("main.py", "run")),
            ("check_module", ("main.py",)),
        ]
    )
    # Nothing about lib.py re-ran, the untouched function was not re-checked,
    # and the summary cut off visible_names.
    assert ("check_function", ("main.py", "other")) not in executed
    assert ("visible_names", ("main.py",)) not in executed
    assert not any(args[0] == "lib.py" for _, args in executed)


def test_summary_preserving_edit_in_imported_module_reruns_nothing_downstream() -> None:
    db = make_program()
    # lib.py's body changes but its summary (imports, names) does not.
    db.set_input("lib.py", "def helper: util\ndef util: helper")
    assert check_module(db, "main.py") == ()
    executed = db.events.executed()
    assert executed == [("parse", ("lib.py",)), ("summary", ("lib.py",))]
    db.events.clear()
    assert check_module(db, "lib.py") == ()
    assert sorted(db.events.executed()) == sorted(
        [
            ("function_body", ("lib.py", "helper")),
            ("function_body", ("lib.py", "util")),
            ("check_function", ("lib.py", "helper")),
        ]
    )


def test_summary_changing_edit_reaches_importers() -> None:
    db = make_program()
    db.set_input("lib.py", "def helper: helper")  # util removed
    assert check_module(db, "main.py") == ("main.py:run: unknown 'util'",)
    executed = db.events.executed()
    assert ("visible_names", ("main.py",)) in executed
    assert ("check_function", ("main.py", "run")) in executed
    assert ("check_function", ("main.py", "other")) in executed
    assert ("parse", ("main.py",)) not in executed


def test_incremental_equals_cold_after_edits() -> None:
    db = make_program()
    edits = [
        ("lib.py", "def helper: helper"),
        ("main.py", "import lib\ndef run: helper nope"),
        ("lib.py", "def helper: helper\ndef nope: helper"),
    ]
    for path, text in edits:
        db.set_input(path, text)
        cold = Database()
        for p in FILES:
            cold.set_input(p, db.read_input(p))
        for p in FILES:
            assert check_module(db, p) == check_module(cold, p)
