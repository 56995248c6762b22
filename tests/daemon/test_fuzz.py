"""A short run of the daemon fuzzer (``scripts/daemon_fuzz.py``) in CI, on a small tree.

The long runs (500+ steps on rich) are for the closing notes of issue 12; this one makes
sure the tool works and that the daemon agrees with cold runs over a few dozen random edits,
in both ``run`` and ``recheck --update`` modes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typing import Any

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "daemon_fuzz.py"

MODULES = {
    "__init__.py": "",
    "shapes.py": (
        "from __future__ import annotations\n\n"
        "class Shape:\n"
        "    def area(self) -> float:\n"
        "        return 0.0\n\n"
        "    def scaled(self, factor: float) -> Shape:\n"
        "        result = Shape()\n"
        "        return result\n\n"
        "def total(shapes: list[Shape]) -> float:\n"
        "    acc = 0.0\n"
        "    for s in shapes:\n"
        "        acc += s.area()\n"
        "    return acc\n"
    ),
    "square.py": (
        "from pkg.shapes import Shape, total\n\n"
        "class Square(Shape):\n"
        "    def __init__(self, side: float) -> None:\n"
        "        self.side = side\n\n"
        "    def area(self) -> float:\n"
        "        return self.side * self.side\n\n"
        "def report(n: int) -> str:\n"
        "    squares = [Square(float(i)) for i in range(n)]\n"
        "    return str(total(squares))\n"
    ),
    "util.py": (
        "def clamp(x: int, lo: int = 0, hi: int = 10) -> int:\n"
        "    if x < lo:\n"
        "        return lo\n"
        "    return min(x, hi)\n\n"
        "LIMIT = 3\n"
    ),
    "main.py": (
        "from pkg import util\n"
        "from pkg.square import report\n\n"
        "def run() -> str:\n"
        "    n = util.clamp(5)\n"
        "    return report(n + util.LIMIT)\n"
    ),
}


@pytest.mark.parametrize("mode", ["run", "recheck"])
def test_short_fuzz_run_agrees_with_cold_runs(tmp_path: Path, mode: str) -> None:
    tree = tmp_path / "tree"
    for name, text in MODULES.items():
        path = tree / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--tree",
            str(tree),
            "--package",
            "pkg",
            "--steps",
            "12",
            "--seed",
            "7",
            "--mode",
            mode,
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert re.fullmatch(rf"12 steps, 0 mismatches, \d+s \(seed 7, mode {mode}\)", lines[-1])
    steps = [line.split() for line in lines if line.startswith("step ")]
    # Step 0 compares the first check, before any edit.
    assert [step[1] for step in steps] == [f"{i}/12" for i in range(13)]
    assert all(step[4] == "ok" for step in steps)
    assert len({step[3] for step in steps}) >= 4  # several kinds of edit were tried


def _load_fuzzer() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("daemon_fuzz", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["daemon_fuzz"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_blocking_edits_never_pile_up(tmp_path: Path) -> None:
    # A syntax error, undecodable bytes or an unreadable file stops the whole check: with
    # several at once, every later step would compare only the first blocking error.
    import random

    fuzz: Any = _load_fuzzer()
    for name, text in MODULES.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    tree = fuzz.Tree(tmp_path, "pkg", random.Random(3))
    clean_steps = 0
    try:
        for _ in range(300):
            edit = fuzz.random_edit(tree)
            if edit.followup is not None:
                edit.followup()
            assert len(tree.blockers) <= 1
            clean_steps += not tree.blockers
    finally:
        for rel in tree.locked:
            (tmp_path / rel).chmod(0o644)
    assert clean_steps > 200
