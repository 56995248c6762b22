"""Benchmark: ``tycheckd`` against dmypy 2.4.1 on a generated project.

For each tool it times, with real client processes:

- ``cold``: ``run`` with no daemon (start + first full check);
- ``noop``: ``recheck`` with nothing changed;
- ``edit``: ``recheck`` after a one-line change to one module (a body edit);
- ``iface``: ``recheck`` after changing a function's signature that others call;

each warm step repeated ``--repeat`` times (median reported), and the daemon's resident
memory after all rechecks (tycheckd only: dmypy reports it only with psutil installed).

Usage::

    python bench/daemon.py [--modules 40] [--repeat 5] [--dmypy PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DMYPY = "/work/oracle/venv/bin/dmypy"


def make_project(root: Path, modules: int) -> list[str]:
    """Write ``modules`` modules, each importing and calling the previous one."""
    files = []
    for i in range(modules):
        lines = ["from __future__ import annotations", ""]
        if i:
            lines += [f"from mod{i - 1} import func{i - 1}, Thing{i - 1}", ""]
        lines += [
            f"class Thing{i}:",
            "    def __init__(self, n: int) -> None:",
            "        self.n = n",
            "",
            "    def double(self) -> int:",
            "        return self.n * 2",
            "",
            "",
            f"def func{i}(x: int) -> int:",
            f"    t = Thing{i}(x)",
            "    return t.double() + 1",
            "",
        ]
        if i:
            lines += [f"value{i}: int = func{i - 1}({i}) + Thing{i - 1}({i}).double()", ""]
        name = f"mod{i}.py"
        (root / name).write_text("\n".join(lines))
        files.append(name)
    return files


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``cmd`` and return (seconds, result)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - start, proc


def edit(path: Path, old: str, new: str) -> None:
    """Replace text and push the mtime forward so the change is always visible."""
    path.write_text(path.read_text().replace(old, new))
    st = path.stat()
    os.utime(path, (st.st_atime + 2, st.st_mtime + 2))


def bench_tool(
    name: str, client: list[str], root: Path, files: list[str], repeat: int, env: dict[str, str]
) -> dict[str, float | str]:
    """Time one tool's cold run and warm rechecks; stop its daemon afterwards."""
    results: dict[str, float | str] = {}
    try:
        seconds, proc = timed(client + ["run", "--", *files], root, env)
        results["cold"] = seconds
        results["exit"] = str(proc.returncode)
        steps: dict[str, Callable[[int], None]] = {
            "noop": lambda i: None,
            "edit": lambda i: _toggle(root / "mod3.py", "self.n * 2", "self.n * 3", i),
            "iface": lambda i: _toggle(
                root / "mod1.py", "def func1(x: int)", "def func1(x: int, y: int = 0)", i
            ),
        }
        for step, prepare in steps.items():
            samples = []
            for i in range(repeat):
                prepare(i)
                seconds, proc = timed(client + ["recheck"], root, env)
                if proc.returncode not in (0, 1):
                    raise RuntimeError(f"{name} recheck failed: {proc.stderr or proc.stdout}")
                samples.append(seconds)
            results[step] = statistics.median(samples)
        _, status = timed(client + ["status", "-v"], root, env)
        match = re.search(r"memory_rss_mib\s*:\s*([\d.]+)", status.stdout)
        results["rss_mib"] = match.group(1) if match else "n/a"
    finally:
        subprocess.run(client + ["stop"], cwd=root, env=env, capture_output=True, timeout=60)
    return results


def _toggle(path: Path, a: str, b: str, i: int) -> None:
    """Alternate between two versions of a line, so each step is a real change."""
    if i % 2 == 0:
        edit(path, a, b)
    else:
        edit(path, b, a)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dmypy", default=DMYPY)
    parser.add_argument("--keep", metavar="DIR", help="build the projects in DIR and keep them")
    args = parser.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tycheckd-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("TYCHECKD_SESSION_MODULE", None)
    tools = {
        "tycheckd": [sys.executable, "-m", "tycheck.cli.daemon_client"],
        "dmypy": [args.dmypy],
    }
    table: dict[str, dict[str, float | str]] = {}
    try:
        for name, client in tools.items():
            root = base / name
            root.mkdir(exist_ok=True)
            files = make_project(root, args.modules)
            table[name] = bench_tool(name, client, root, files, args.repeat, env)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)

    columns = ["cold", "noop", "edit", "iface", "rss_mib", "exit"]
    print(f"{args.modules} modules, median of {args.repeat} warm rechecks (seconds)")
    print(f"{'tool':<10}" + "".join(f"{c:>10}" for c in columns))
    for name, row in table.items():
        cells = [f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in columns]
        print(f"{name:<10}" + "".join(f"{c:>10}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
