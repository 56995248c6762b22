"""Benchmark (issue 12, point 9): a one-line edit in a generated 50,000-line module.

Generates one module of ``--lines`` lines (classes with methods and top-level functions, a
few of them with type errors), checks it cold with a ``Session`` (the code path of both the
batch command and the daemon), then edits it ``--repeat`` times and rechecks:

* ``body``: one line added inside a function near the top (every definition below moves);
* ``above``: a comment line inserted at the top of the module (every definition moves);

and prints each recheck's time against the cold time, and how many function checks ran
(from the engine's event log). Every recheck's output is compared with a cold run of the
same text.

    python bench/huge_module.py [--lines 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
from tycheck.service.session import Session  # noqa: E402


def generate(lines: int) -> str:
    """About ``lines`` lines: blocks of a class with two methods and two functions."""
    out = ["from typing import Optional\n\n"]
    n = 0
    while sum(s.count("\n") for s in out) < lines:
        bad = n % 50 == 0  # an error every 50 blocks keeps the output non-trivial
        out.append(
            f"class C{n}:\n"
            f"    def __init__(self, x: int) -> None:\n"
            f"        self.x = x\n"
            f"\n"
            f"    def get(self, k: int) -> int:\n"
            f"        y = self.x + k\n"
            f"        return {'str(y)' if bad else 'y'}\n"
            f"\n\n"
            f"def f{n}(a: int, b: Optional[str] = None) -> str:\n"
            f"    c = C{n}(a)\n"
            f"    total = c.get(a) + len(b or '')\n"
            f"    return str(total)\n"
            f"\n\n"
            f"def g{n}(xs: list[int]) -> int:\n"
            f"    acc = 0\n"
            f"    for v in xs:\n"
            f"        acc += v * {n}\n"
            f"    return acc\n"
            f"\n\n"
        )
        n += 1
    return "".join(out)


def write(path: Path, text: str) -> None:
    old = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    os.utime(path, (old + 10, old + 10))  # a new mtime even within one clock tick


def timed_check(session: Session) -> tuple[float, str]:
    start = time.perf_counter()
    out = session.check().stdout
    return time.perf_counter() - start, out


def function_runs(session: Session) -> int:
    """How many function checks have run so far (the engine's statistics: no event log, whose
    recording would slow the timed recheck)."""
    assert session._state is not None
    return int(session._state.db.stats().get("function_q", {}).get("executions", 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text = generate(args.lines)
        write(root / "huge.py", text)
        session = Session(["huge.py"], cwd=str(root))
        cold_time, _ = timed_check(session)
        assert session._state is not None
        results: dict[str, list[float]] = {"body": [], "above": []}
        runs: dict[str, list[int]] = {"body": [], "above": []}
        mismatches = 0
        for i in range(args.repeat):
            for kind in ("body", "above"):
                if kind == "body":
                    text = text.replace(
                        "        y = self.x + k\n", f"        y = self.x + k + {i}\n", 1
                    )
                    text = text.replace("    acc = 0\n", "    acc = 0\n    acc += 0\n", 1)
                else:
                    text = f"# edit {i}\n" + text
                write(root / "huge.py", text)
                before = function_runs(session)
                session.apply_changes()
                gc.collect()  # the previous comparison's garbage is not the recheck's work
                took, out = timed_check(session)
                results[kind].append(took)
                runs[kind].append(function_runs(session) - before)
                if out != Session(["huge.py"], cwd=str(root)).check().stdout:
                    mismatches += 1
        lines = text.count("\n")
        print(f"module: {lines} lines; cold check {cold_time:.2f} s")
        for kind, times in results.items():
            med = statistics.median(times)
            print(
                f"{kind:6} recheck: median {med:.2f} s = {100 * med / cold_time:.1f}% of cold;"
                f" function checks run: {runs[kind]}"
            )
        print(f"mismatches with a cold run: {mismatches}")
        return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
