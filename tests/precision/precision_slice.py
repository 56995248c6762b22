"""A small vendored slice of real, public, typed code, checked against mypy's expectation.

``realcode/`` holds whole small packages copied unchanged from their wheels, each beside its
licence (``realcode/LICENSE.<package>``). They import only the standard library, so the check
runs with ``--no-site-packages``. ``realcode.mypy`` is mypy 2.4.1's output on them, written by
``regen.py --slice``.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLICE_DIR = HERE / "realcode"
SLICE_EXPECTED = HERE / "realcode.mypy"
FLAGS = ["--no-incremental", "--cache-dir=/dev/null", "--no-site-packages"]


def slice_packages() -> list[str]:
    return sorted(
        p.name for p in SLICE_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    )


def run_slice_tycheck() -> str:
    from tycheck.cli.batch import main

    out, err = io.StringIO(), io.StringIO()
    main([*FLAGS, *slice_packages()], stdout=out, stderr=err, cwd=str(SLICE_DIR))
    return out.getvalue()


def run_slice_mypy(oracle: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYPY")}
    proc = subprocess.run(
        [oracle, "-m", "mypy", *FLAGS, *slice_packages()],
        cwd=SLICE_DIR,
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed on the slice: {proc.stderr or proc.stdout}")
    return proc.stdout
