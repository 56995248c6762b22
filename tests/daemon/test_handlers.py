"""In-process tests of the daemon's commands over the fake session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tycheck import __version__
from tycheck.daemon.handlers import CommandHandler, revise_targets
from tycheck.service.api import Targets


@pytest.fixture
def handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CommandHandler:
    monkeypatch.setenv("TYCHECKD_SESSION_MODULE", "fake_session")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1  # ERROR\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    handler = CommandHandler([], cwd=str(tmp_path))
    handler.open_session()  # as the server does at start-up
    return handler


def touch(path: Path, text: str, bump: int = 5) -> None:
    path.write_text(text)
    st = path.stat()
    os.utime(path, (st.st_atime + bump, st.st_mtime + bump))


def test_check_answers_with_the_outcome(handler: CommandHandler) -> None:
    res = handler.handle("check", {"files": ["a.py"]})
    assert res["out"] == (
        "a.py:1: error: Found an ERROR marker  [misc]\n"
        "Found 1 error in 1 file (checked 1 source file)\n"
    )
    assert res["err"] == ""
    assert res["status"] == 1
    assert "check" in res["stats"]


def test_recheck_sees_edits(handler: CommandHandler, tmp_path: Path) -> None:
    handler.handle("check", {"files": ["a.py"]})
    touch(tmp_path / "a.py", "x = 1\n")
    res = handler.handle("recheck", {})
    assert res["status"] == 0
    assert res["out"] == "Success: no issues found in 1 source file\n"


def test_recheck_before_check_is_an_error(handler: CommandHandler) -> None:
    assert handler.handle("recheck", {}) == {
        "error": "Command 'recheck' is only valid after a 'check' command"
    }


def test_recheck_update_adds_and_remove_drops(handler: CommandHandler) -> None:
    handler.handle("check", {"files": ["a.py"]})
    res = handler.handle("recheck", {"update": ["b.py"], "remove": ["a.py"]})
    assert res["out"] == "Success: no issues found in 1 source file\n"
    res = handler.handle("recheck", {"update": ["a.py"]})
    assert res["out"].endswith("(checked 2 source files)\n")


def test_recheck_with_hints_trusts_them(handler: CommandHandler, tmp_path: Path) -> None:
    handler.handle("check", {"files": ["a.py", "b.py"]})
    touch(tmp_path / "a.py", "x = 1\n")
    # Only b.py is named as changed: the session is told so and keeps a.py's old result.
    res = handler.handle("recheck", {"update": ["b.py"]})
    assert res["status"] == 1
    res = handler.handle("recheck", {"update": ["a.py"]})
    assert res["status"] == 0


def test_run_same_options_checks(handler: CommandHandler) -> None:
    res = handler.handle("run", {"version": __version__, "args": ["b.py"]})
    assert res["status"] == 0
    assert res["out"] == "Success: no issues found in 1 source file\n"


def test_run_with_other_options_asks_for_restart(handler: CommandHandler) -> None:
    res = handler.handle("run", {"version": __version__, "args": ["--strict", "a.py"]})
    assert res == {"restart": "configuration changed"}


def test_run_with_other_config_file_asks_for_restart(
    handler: CommandHandler, tmp_path: Path
) -> None:
    (tmp_path / "fake.ini").write_text("[mypy]\nstrict = True\n")
    res = handler.handle("run", {"version": __version__, "args": ["a.py"]})
    assert res == {"restart": "configuration changed"}


def test_run_with_other_version_asks_for_restart(handler: CommandHandler) -> None:
    res = handler.handle("run", {"version": "0.0.0-other", "args": ["a.py"]})
    assert res == {"restart": "tycheck version changed"}


def test_run_with_bad_flag_is_a_usage_error(handler: CommandHandler) -> None:
    res = handler.handle("run", {"version": __version__, "args": ["--bogus", "a.py"]})
    assert res["status"] == 2
    assert res["err"].endswith("unrecognized arguments: --bogus\n")


def test_a_raising_session_is_dropped(handler: CommandHandler, tmp_path: Path) -> None:
    handler.handle("check", {"files": ["a.py"]})
    first = handler.session
    (tmp_path / "c.py").write_text("RAISE\n")
    with pytest.raises(RuntimeError):
        handler.handle("check", {"files": ["c.py"]})
    assert handler.session is not first
    assert handler.handle("check", {"files": ["b.py"]})["status"] == 0


def test_status_dumps_file_states(handler: CommandHandler, tmp_path: Path) -> None:
    handler.handle("check", {"files": ["a.py"]})
    dump = tmp_path / "dump.json"
    res = handler.handle("status", {"fswatcher_dump_file": str(dump)})
    assert res["pid"] == os.getpid()
    data = json.loads(dump.read_text())
    [(path, (mtime, size, digest))] = data.items()
    assert path.endswith("a.py")
    assert size == len("x = 1  # ERROR\n")
    assert isinstance(mtime, float) and len(digest) == 64


def test_inspect_and_suggest_need_a_check_first(handler: CommandHandler) -> None:
    assert handler.handle("suggest", {"function": "a.f"}) == {
        "error": "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)"
    }
    assert handler.handle("inspect", {"location": "a.py:1:1"}) == {
        "error": 'Command "inspect" is only valid after a "check" command (that produces no parse errors)'
    }


def test_unknown_command(handler: CommandHandler) -> None:
    assert handler.handle("frobnicate", {}) == {"error": "Unrecognized command 'frobnicate'"}


def test_revise_targets() -> None:
    before = Targets(files=("a.py", "b.py"), modules=("m",))
    after = revise_targets(before, ["c.py", "c.pyi", "b.py"], ["a.py"])
    assert after == Targets(files=("b.py", "c.pyi", "c.py"), modules=("m",))
