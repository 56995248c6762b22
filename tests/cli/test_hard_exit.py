"""The ``tycheck`` command ends with ``os._exit``: its output and exit code must survive that."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys


def run(args: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(
        [sys.executable, "-m", "tycheck", "--cache-dir=/dev/null", *args],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_output_is_flushed_and_the_exit_code_kept(tmp_path: pathlib.Path) -> None:
    # Many lines, so that stdout is not written in one piece before the process ends.
    body = "".join(f"v{i}: int = ''\n" for i in range(300))
    (tmp_path / "m.py").write_text(body)
    bad = run(["m.py"], tmp_path)
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert len(lines) == 301 and lines[-1] == "Found 300 errors in 1 file (checked 1 source file)"
    (tmp_path / "m.py").write_text("v: int = 1\n")
    good = run(["m.py"], tmp_path)
    assert (good.returncode, good.stdout) == (0, "Success: no issues found in 1 source file\n")
    usage = run(["--no-such-flag"], tmp_path)
    assert usage.returncode == 2 and usage.stdout == "" and "--no-such-flag" in usage.stderr
