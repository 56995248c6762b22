"""``tycheck p p/box.py``: one module named twice stops the run as mypy does, checked against
the mypy 2.4.1 oracle (text, JSON and column output)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.oracle import needs_oracle, oracle_python

SPELLINGS = [
    ["p", "p/box.py"],
    ["p", "./p/box.py"],
    ["p/box.py", "p"],
    ["p/box.py", "p/box.py"],
    ["ABS", "p"],
]
FLAGS = [[], ["-O", "json"], ["--show-column-numbers", "--show-error-end"]]


def make_package(root: Path) -> None:
    (root / "p").mkdir()
    (root / "p" / "__init__.py").write_text("")
    (root / "p" / "box.py").write_text("X = 1\n")
    (root / "p" / "user.py").write_text("from . import box\ny: str = box.X\n")
    (root / ".git").mkdir()  # keep the config search inside the temp tree


def run(argv: list[str], cwd: Path) -> tuple[str, str, int]:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120)
    return proc.stdout, proc.stderr, proc.returncode


@needs_oracle()
@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: " ".join(f) or "text")
@pytest.mark.parametrize("targets", SPELLINGS, ids=" ".join)
def test_duplicate_module_matches_mypy(
    tmp_path: Path, targets: list[str], flags: list[str]
) -> None:
    make_package(tmp_path)
    args = flags + [str(tmp_path / "p" / "box.py") if t == "ABS" else t for t in targets]
    ours = run([sys.executable, "-m", "tycheck", *args], tmp_path)
    mypy = run([oracle_python(), "-m", "mypy", "--no-incremental", *args], tmp_path)
    assert ours == mypy
    assert ours[2] == 2 and "Duplicate module named" in ours[0]
