#!/usr/bin/env python3
"""Cache benchmark: cold run, then a *relocated* warm run after a one-line body edit.

For each tree and each checker (mypy 2.4.1 and tycheck), in one invocation:

1. copy the tree to a fresh directory ``a`` (no cache) and run the checker with its default
   flags (``cold``: it builds its cache in ``a/.mypy_cache``);
2. copy ``a``, cache included, to ``b`` with new mtimes (``shutil.copy``, not ``copy2``),
   edit one line inside a function body of a widely imported module there, and run again
   (``warm``: the relocated cache is all it has);
3. for tycheck, also run without any cache (``--no-incremental --cache-dir=/dev/null``) in
   ``b`` and require the warm output to be byte-identical to it.

Each edit changes the file's size, so no mtime-granularity shortcut can hide it. Reported:
median wall time and peak RSS of each step, the tycheck/mypy ratios, and whether the warm
output equals the cold one. Results go to ``bench/results/<date>-cache.md``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shlex
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
from batch import DEFAULT_ORACLE  # noqa: E402 - needs the path above
from fetch import tree_root  # noqa: E402
from measure import Measurement, command_text, measure, write_report  # noqa: E402

NO_CACHE = ["--no-incremental", "--cache-dir=/dev/null"]


@dataclass(frozen=True)
class CacheTarget:
    """A tree, its arguments, and the body edit made in the relocated copy."""

    name: str
    source: str
    args: list[str]
    path: str
    old: str
    new: str


def targets() -> list[CacheTarget]:
    return [
        # cell_len is called from 11 rich modules: its body changes, its interface does not.
        CacheTarget(
            "rich",
            tree_root("rich", "15.0.0"),
            ["rich"],
            "rich/cells.py",
            "    if len(text) < 512:\n",
            "    if len(text) < 1024:\n",
        ),
        # get_proper_type is used all over mypy.
        CacheTarget(
            "mypy",
            tree_root("mypy", "2.4.1"),
            ["--exclude", "mypy/typeshed/", "mypy"],
            "mypy/types.py",
            "    if typ is None:\n        return None\n    # TODO",
            "    if typ is None:\n        return None  # edited\n    # TODO",
        ),
    ]


def copy_tree(src: str, dst: str) -> None:
    """Copy with fresh mtimes, as a checkout or a cache restore on another machine has."""
    shutil.copytree(src, dst, copy_function=shutil.copy, symlinks=True)


def edit(root: str, t: CacheTarget) -> None:
    path = os.path.join(root, t.path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.count(t.old) != 1:
        raise SystemExit(f"edit anchor not found once in {t.path}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(t.old, t.new))


@dataclass
class Result:
    target: str
    checker: str
    cold: list[Measurement]
    warm: list[Measurement]
    same_as_cold: bool | None
    daemon_cold: Measurement | None = None
    daemon_warm: Measurement | None = None


def daemon_start(
    daemon_cmd: list[str], args: list[str], cwd: str, env: dict[str, str]
) -> Measurement:
    """``tycheckd run -- ARGS`` with no daemon running (a start plus the first check), then stop."""
    m = measure(daemon_cmd + ["run", "--"] + args, cwd, env)
    measure(daemon_cmd + ["stop"], cwd, env)
    return m


def run_one(
    t: CacheTarget,
    checker: str,
    cmd: list[str],
    reps: int,
    work: str,
    env: dict[str, str],
    daemon_cmd: list[str] | None = None,
) -> Result:
    cold: list[Measurement] = []
    warm: list[Measurement] = []
    same: bool | None = None
    result = Result(t.name, checker, cold, warm, None)
    for i in range(reps):
        slug = checker.replace(" ", "")
        a, b = os.path.join(work, f"{slug}-{i}-a"), os.path.join(work, f"{slug}-{i}-b")
        shutil.copytree(t.source, a, symlinks=True, ignore=shutil.ignore_patterns(".mypy_cache"))
        cold.append(measure(cmd + t.args, a, env))
        copy_tree(a, b)
        edit(b, t)
        warm.append(measure(cmd + t.args, b, env))
        print(
            f"{t.name:5} {checker:8} {i + 1}/{reps}: cold {cold[-1].wall_s:6.2f}s "
            f"warm {warm[-1].wall_s:6.2f}s",
            file=sys.stderr,
        )
        if checker.startswith("tycheck") and i == 0:
            # The same flags without a cache (and so without workers).
            serial = list(cmd)
            if "-n" in serial:
                del serial[serial.index("-n") : serial.index("-n") + 2]
            reference = measure(serial + NO_CACHE + t.args, b, env)
            same = reference.stdout == warm[-1].stdout and reference.exit_code == warm[-1].exit_code
            if daemon_cmd:
                result.daemon_warm = daemon_start(daemon_cmd, t.args, a, env)
                result.daemon_cold = daemon_start(daemon_cmd, NO_CACHE + t.args, a, env)
        shutil.rmtree(a)
        shutil.rmtree(b)
    result.same_as_cold = same
    return result


def render(results: list[Result], checkers: dict[str, list[str]], reps: int) -> str:
    med = lambda ms: statistics.median(m.wall_s for m in ms)  # noqa: E731
    cpu = lambda ms: statistics.median(m.cpu_s for m in ms)  # noqa: E731
    rss = lambda ms: max(m.peak_rss_mb for m in ms)  # noqa: E731
    lines = [
        f"# Cache benchmark, {datetime.date.today().isoformat()}",
        "",
        "Cold: default flags in a fresh copy (the checker writes its cache). Warm: the copy "
        "and its cache copied again with new mtimes, one function body edited, run again. "
        f"Median of {reps} run(s); peak RSS is the max.",
        "",
    ]
    lines += [f"- {name}: `{command_text(cmd)}`" for name, cmd in checkers.items()]
    lines += [
        f"- edit in `{t.path}`: `{t.old.strip()!r}` -> `{t.new.strip()!r}`" for t in targets()
    ]
    lines += [
        "",
        "| tree | checker | cold s | cold CPU s | cold RSS MB | warm s | warm CPU s | warm RSS MB | warm output = no-cache output |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        same = "" if r.same_as_cold is None else ("yes" if r.same_as_cold else "**NO**")
        lines.append(
            f"| {r.target} | {r.checker} | {med(r.cold):.2f} | {cpu(r.cold):.2f} | {rss(r.cold):.1f} | "
            f"{med(r.warm):.2f} | {cpu(r.warm):.2f} | {rss(r.warm):.1f} | {same} |"
        )
    by = {(r.target, r.checker): r for r in results}
    lines += [
        "",
        "| tree | cold tycheck/mypy (wall, CPU) | relocated warm tycheck/mypy (wall, CPU) |",
        "| --- | ---: | ---: |",
    ]
    for name in sorted({r.target for r in results}):
        for suffix in sorted({r.checker.partition(" ")[2] for r in results}):
            tail = f" {suffix}" if suffix else ""
            ty, my = by.get((name, "tycheck" + tail)), by.get((name, "mypy"))
            if ty and my:
                lines.append(
                    f"| {name}{tail} | {med(ty.cold) / med(my.cold):.2f}, "
                    f"{cpu(ty.cold) / cpu(my.cold):.2f} | "
                    f"{med(ty.warm) / med(my.warm):.2f}, {cpu(ty.warm) / cpu(my.warm):.2f} |"
                )
    daemons = [r for r in results if r.daemon_cold and r.daemon_warm]
    if daemons:
        lines += [
            "",
            "Daemon start (`tycheckd run -- ARGS` with no daemon running: start plus first check), "
            "from the cache the cold run wrote vs with no cache (`--cache-dir=/dev/null`):",
            "",
            "| tree | cold start s | start from cache s | ratio |",
            "| --- | ---: | ---: | ---: |",
        ]
        for r in daemons:
            assert r.daemon_cold and r.daemon_warm
            lines.append(
                f"| {r.target} | {r.daemon_cold.wall_s:.2f} | {r.daemon_warm.wall_s:.2f} | "
                f"{r.daemon_warm.wall_s / r.daemon_cold.wall_s:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--mypy-python", default=DEFAULT_ORACLE, help="python of the oracle venv with mypy 2.4.1"
    )
    ap.add_argument("--tycheck-cmd", default=f"{sys.executable} -m tycheck", help="tycheck command")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per checker and tree")
    ap.add_argument("--only", help="comma-separated trees (rich,mypy)")
    ap.add_argument(
        "--daemon",
        action="store_true",
        help="also time tycheckd's start with and without the cache",
    )
    ap.add_argument(
        "--out", default=None, help="results file (default bench/results/DATE-cache.md)"
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=0,
        help="also run tycheck with -n WORKERS --local-partial-types (against plain mypy)",
    )
    args = ap.parse_args(argv)
    checkers = {
        "mypy": [args.mypy_python, "-I", "-m", "mypy"],
        "tycheck": shlex.split(args.tycheck_cmd),
    }
    if args.workers > 1:
        # Parallel mode needs --local-partial-types (as in mypy). mypy 2.4.1's own workers fail
        # here ("Failed to establish connection with worker"), so this row's peer is plain mypy.
        parallel = ["-n", str(args.workers), "--local-partial-types"]
        checkers[f"tycheck -n{args.workers}"] = checkers["tycheck"] + parallel
    only = set(args.only.split(",")) if args.only else None
    # Byte-compiled modules, as an installed tool has them (some shells disable writing them).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    results = []
    with tempfile.TemporaryDirectory(prefix="tycheck-cache-bench-") as work:
        # One untimed run first, so that no timed run pays for byte-compiling tycheck itself.
        measure(checkers["tycheck"] + ["--cache-dir=/dev/null", "-c", "import os"], work, env)
        for t in targets():
            if only and t.name not in only:
                continue
            for checker, cmd in checkers.items():
                daemon_cmd = None
                if args.daemon and checker == "tycheck" and cmd[-2:] == ["-m", "tycheck"]:
                    daemon_cmd = cmd[:-1] + ["tycheck.cli.daemon_client"]
                results.append(run_one(t, checker, cmd, args.reps, work, env, daemon_cmd))
    report = render(results, checkers, args.reps)
    write_report(report, args.out, BENCH_DIR, "cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
