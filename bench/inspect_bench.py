"""Benchmark: ``tycheckd inspect`` against ``dmypy inspect`` on mypy's own source tree.

Both daemons are started warm on a copy of ``bench/.data/mypy-2.4.1`` (``mypy/`` without
its typeshed): tycheckd *without* ``--export-types`` (it computes types on demand), dmypy
*with* it (without it dmypy answers almost nothing). Then the same locations are inspected
with both: a fixed sample of name, attribute and call expressions inside functions of a few
large modules. Reported: the client's wall time per call (a fresh client process, as an
editor would run it), tycheckd's own server time for that same call (the ``inspect: N ms``
line the daemon writes to its ``--log-file`` for every request: measured inside the server,
with the answers left in dmypy's JSON shape; target under 20 ms), and how many answers are
identical.

Usage::

    python bench/inspect_bench.py [--calls 40] [--modules mypy/types.py,mypy/checkexpr.py]
                                  [--out bench/results/DATE-inspect.md]

The file is not called ``inspect.py``: run as a script, a ``bench/inspect.py`` would shadow
the standard library's ``inspect`` module for every import in this process.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch import tree_root  # noqa: E402

_ORACLE_BIN = os.path.dirname(
    os.environ.get("TYCHECK_ORACLE_PYTHON")
    or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), ".data", "oracle-venv", "bin", "python"
    )
)
DMYPY = os.path.join(_ORACLE_BIN, "dmypy")
TREE_ARGS = ["--exclude", "mypy/typeshed/", "mypy"]
DEFAULT_MODULES = "mypy/types.py,mypy/checkexpr.py,mypy/semanal.py,mypy/build.py"


def sample_locations(root: str, modules: list[str], calls: int) -> list[str]:
    """``path:line:col`` of name/attribute/call expressions inside functions, spread evenly."""
    found: list[str] = []
    for rel in modules:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, (ast.Name, ast.Attribute, ast.Call)) and not isinstance(
                    getattr(node, "ctx", None), ast.Store
                ):
                    if node.lineno == getattr(node, "end_lineno", None):
                        found.append(f"{rel}:{node.lineno}:{node.end_col_offset}")
    step = max(1, len(found) // calls)
    return sorted(set(found[::step][:calls]), key=found.index)


def run(cmd: list[str], cwd: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def bench_both(
    root: str, locations: list[str], python: str, only: str | None
) -> tuple[tuple[list[float], list[float], list[str]], tuple[list[float], list[str]]]:
    """Both daemons warm at once, each location asked of one then the other: on a shared
    machine the load changes from minute to minute, and both clients should meet the same."""
    client = [python, "-m", "tycheck.cli.daemon_client"]
    script = os.path.join(os.path.dirname(python), "tycheckd")
    if os.path.exists(script):
        client = [script]  # what users run, as dmypy's console script is for dmypy
    ours: tuple[list[float], list[float], list[str]] = ([], [], [])
    theirs: tuple[list[float], list[str]] = ([], [])
    log = os.path.join(root, "tycheckd.log")
    if only != "dmypy":
        run(client + ["run", "--log-file", log, "--", *TREE_ARGS], root)
    if only != "tycheckd":
        run([DMYPY, "run", "--export-types", "--", *TREE_ARGS], root)
    try:
        for loc in locations:
            if only != "tycheckd":
                wall, proc = run([DMYPY, "inspect", loc], root)
                theirs[0].append(wall)
                theirs[1].append(proc.stdout.strip())
            if only != "dmypy":
                wall, proc = run(client + ["inspect", loc], root)
                ours[0].append(wall)
                ours[2].append(proc.stdout.strip())
                ours[1].append(last_server_time(log, "inspect"))
    finally:
        if only != "dmypy":
            run(client + ["kill"], root)
        if only != "tycheckd":
            run([DMYPY, "kill"], root)
    return ours, theirs


def last_server_time(log: str, command: str) -> float:
    """The server's own time (seconds) of the last ``command`` in the daemon's log, whose
    lines end ``<command>: <ms> ms`` (written before the answer is sent, so it is there
    once the client has returned)."""
    with open(log, encoding="utf-8") as f:
        lines = [line for line in f if f"]: {command}: " in line and line.endswith(" ms\n")]
    if not lines:
        return float("nan")
    return float(lines[-1].rsplit(": ", 1)[1].split()[0]) / 1000


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f}" if values else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--modules", default=DEFAULT_MODULES)
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter with tycheck installed"
    )
    parser.add_argument("--only", choices=["tycheckd", "dmypy"])
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    source = tree_root("mypy", "2.4.1")
    with tempfile.TemporaryDirectory(prefix="inspect-bench-") as tmp:
        root = os.path.join(tmp, "mypy-2.4.1")
        shutil.copytree(
            source,
            root,
            ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache", "test-data", "docs"),
        )
        locations = sample_locations(root, args.modules.split(","), args.calls)
        ours, theirs = bench_both(root, locations, args.python, args.only)
    same = sum(1 for a, b in zip(ours[2], theirs[1]) if a == b)
    lines = [
        f"# inspect on mypy 2.4.1 ({len(locations)} locations in {args.modules})",
        "",
        "| tool | median wall ms/call | median server ms/call | max server ms |",
        "|---|---:|---:|---:|",
        f"| tycheckd (no --export-types) | {ms(ours[0])} | {ms(ours[1])} | {max(ours[1]) * 1000 if ours[1] else 0:.1f} |",
        f"| dmypy (--export-types) | {ms(theirs[0])} | n/a | n/a |",
        "",
        f"Identical answers: {same} of {len(locations)}.",
    ]
    differ = [(loc, a, b) for loc, a, b in zip(locations, ours[2], theirs[1]) if a != b]
    if differ:
        lines += ["", "Differences (location, tycheckd, dmypy):", ""]
        lines += [f"- `{loc}`: `{json.dumps(a)}` vs `{json.dumps(b)}`" for loc, a, b in differ[:20]]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
