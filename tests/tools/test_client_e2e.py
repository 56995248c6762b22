"""``tycheckd inspect``/``suggest`` as a user runs them: real client and daemon processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLIENT = [sys.executable, "-m", "tycheck.cli.daemon_client"]


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TYCHECKD_SESSION_MODULE"}
    return subprocess.run(
        CLIENT + list(args), cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def test_inspect_and_suggest_over_a_real_daemon(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f(x):\n    return [x]\nf(1)\ny = f(2)\n")
    res = run(tmp_path, "inspect", "m.py:3:1")
    assert (res.stdout, res.stderr, res.returncode) == ("", "No status file found\n", 2)
    res = run(tmp_path, "suggest", "m.f")
    assert (res.stderr, res.returncode) == ("No status file found\n", 2)
    try:
        assert run(tmp_path, "run", "--", "m.py").returncode == 0
        res = run(tmp_path, "inspect", "--include-kind", "m.py:4:5")
        assert (res.stdout, res.returncode) == (
            'NameExpr -> "Callable[[Any], Any]"\nCallExpr -> "Any"\n',
            0,
        )
        res = run(tmp_path, "suggest", "m.f")
        assert (res.stdout, res.returncode) == ("(int) -> list[int]\n", 0)
        res = run(tmp_path, "suggest", "m.g")
        assert (res.stdout, res.stderr, res.returncode) == ("", "Unknown function m.g\n", 2)
        res = run(tmp_path, "inspect", "m.py:9:1")
        assert (res.stdout, res.returncode) == ("Can't find any expressions at position 9:1\n", 1)
        # suggest never leaves its guesses behind: the next recheck is as before.
        assert run(tmp_path, "recheck").stdout == "Success: no issues found in 1 source file\n"
    finally:
        run(tmp_path, "kill")
