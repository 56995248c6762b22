"""Rechecks re-run only what an edit can reach, and always answer like a cold run."""

from __future__ import annotations

import os
import pathlib

from tycheck.service.incremental import check_q
from tycheck.service.session import Session


def write(path: pathlib.Path, text: str) -> None:
    # Move the mtime forward explicitly: edits within one clock tick must still be seen.
    old = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    os.utime(path, (old + 10, old + 10))


def make_project(tmp_path: pathlib.Path) -> list[str]:
    write(tmp_path / "a.py", "import b\n\ndef use() -> int:\n    return b.f(1)\n")
    write(tmp_path / "b.py", "def f(x: int) -> int:\n    y = x + 1\n    return y\n")
    write(tmp_path / "c.py", "def g() -> str:\n    return 'c'\n")
    return ["a.py", "b.py", "c.py"]


def rerun_modules(session: Session) -> set[str]:
    assert session._state is not None
    return {
        args[0] for name, args in session._state.db.events.executed() if name.endswith("check_q")
    }


def cold(tmp_path: pathlib.Path, files: list[str]) -> str:
    return Session(files, cwd=str(tmp_path)).check().stdout


def start(tmp_path: pathlib.Path) -> tuple[Session, list[str]]:
    files = make_project(tmp_path)
    session = Session(files, cwd=str(tmp_path))
    first = session.check()
    assert first.stdout == "Success: no issues found in 3 source files\n"
    assert session._state is not None
    session._state.db.events.enabled = True
    session._state.db.events.clear()
    return session, files


def test_body_edit_rechecks_only_that_module(tmp_path: pathlib.Path) -> None:
    session, files = start(tmp_path)
    write(tmp_path / "b.py", "def f(x: int) -> int:\n    y = x + 2\n    return ''\n")
    session.apply_changes()
    out = session.check()
    assert rerun_modules(session) == {"b"}
    assert out.stdout == cold(tmp_path, files)
    assert 'b.py:3: error: Incompatible return value type (got "str", expected "int")' in out.stdout


def test_signature_edit_rechecks_dependents(tmp_path: pathlib.Path) -> None:
    session, files = start(tmp_path)
    write(tmp_path / "b.py", "def f(x: str) -> int:\n    return 1\n")
    session.apply_changes()
    out = session.check()
    assert rerun_modules(session) == {"a", "b"}
    assert out.stdout == cold(tmp_path, files)
    assert 'Argument 1 to "f" has incompatible type "int"; expected "str"' in out.stdout


def test_no_change_reruns_nothing(tmp_path: pathlib.Path) -> None:
    session, _ = start(tmp_path)
    session.apply_changes()
    session.check()
    assert rerun_modules(session) == set()


def test_deleted_module_is_reported_like_a_cold_run(tmp_path: pathlib.Path) -> None:
    session, _ = start(tmp_path)
    os.remove(tmp_path / "b.py")
    session.apply_changes(removed=["b.py"])
    out = session.check(session.targets.__class__(files=("a.py", "c.py")))
    assert out.stdout == cold(tmp_path, ["a.py", "c.py"])
    assert 'Cannot find implementation or library stub for module named "b"' in out.stdout


def test_created_module_resolves_a_failed_import(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "a.py", "import d\nreveal_type(d.x)\n")
    session = Session(["a.py"], cwd=str(tmp_path))
    assert "import-not-found" in session.check().stdout
    write(tmp_path / "d.py", "x = 1\n")
    session.apply_changes()
    out = session.check()
    assert out.stdout == cold(tmp_path, ["a.py"])
    assert 'Revealed type is "int"' in out.stdout


def test_check_q_is_a_query() -> None:
    assert hasattr(check_q, "query_info")


def test_body_edit_rechecks_only_that_function(tmp_path: pathlib.Path) -> None:
    write(
        tmp_path / "b.py",
        "def f(x: int) -> int:\n    return x\n\ndef g(x: int) -> int:\n    return x\n",
    )
    session = Session(["b.py"], cwd=str(tmp_path))
    session.check()
    assert session._state is not None
    session._state.db.events.enabled = True
    write(
        tmp_path / "b.py",
        "def f(x: int) -> int:\n    return ''\n\ndef g(x: int) -> int:\n    return x\n",
    )
    session.apply_changes()
    out = session.check()
    bodies = {
        args[2] for name, args in session._state.db.events.executed() if name.endswith("function_q")
    }
    assert bodies == {"f"}
    assert out.stdout == cold(tmp_path, ["b.py"])
