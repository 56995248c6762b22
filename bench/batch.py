#!/usr/bin/env python3
"""Batch benchmark: cold mypy 2.4.1 vs cold tycheck on rich and on mypy itself.

Both checkers run in the same invocation of this script, with no cache
(``--no-incremental --cache-dir=/dev/null``), from the root of each unpacked sdist
(so both read the project's own config), ``--reps`` times each.  Reported: wall
time, peak RSS, output line counts, the tycheck/mypy ratios, and how many lines
tycheck prints that mypy does not.  Results go to ``bench/results/<date>-batch.md``
and to stdout.  Run ``bench/fetch.py`` first (see bench/README.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shlex
import statistics
import sys
from collections import Counter
from dataclasses import dataclass

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
from fetch import tree_root  # noqa: E402 - needs the path above
from measure import Measurement, command_text, measure, write_report  # noqa: E402

COLD = ["--no-incremental", "--cache-dir=/dev/null"]
# The oracle: $TYCHECK_ORACLE_PYTHON, else the venv that setup_oracle.sh makes in bench/.data.
DEFAULT_ORACLE = os.environ.get("TYCHECK_ORACLE_PYTHON") or os.path.join(
    BENCH_DIR, ".data", "oracle-venv", "bin", "python"
)


@dataclass(frozen=True)
class Target:
    """A tree to check: where to run and what to pass."""

    name: str
    cwd: str
    args: list[str]


def targets() -> list[Target]:
    return [
        Target("rich", tree_root("rich", "15.0.0"), ["rich"]),
        # mypy's bundled typeshed is data, not part of the package's code.
        Target("mypy", tree_root("mypy", "2.4.1"), ["--exclude", "mypy/typeshed/", "mypy"]),
    ]


def diagnostic_lines(output: str) -> list[str]:
    """Output lines without the final summary line."""
    return [ln for ln in output.splitlines() if not ln.startswith(("Found ", "Success: "))]


def extra_lines(tycheck_out: str, mypy_out: str) -> int:
    """How many lines tycheck prints that mypy does not (multiset difference)."""
    return sum(
        (Counter(diagnostic_lines(tycheck_out)) - Counter(diagnostic_lines(mypy_out))).values()
    )


@dataclass
class Row:
    target: str
    checker: str
    runs: list[Measurement]

    @property
    def wall(self) -> float:
        return statistics.median(m.wall_s for m in self.runs)

    @property
    def rss(self) -> float:
        return max(m.peak_rss_mb for m in self.runs)

    @property
    def lines(self) -> int:
        return len(diagnostic_lines(self.runs[0].stdout))


def run_all(checkers: dict[str, list[str]], reps: int, only: set[str] | None) -> list[Row]:
    rows = []
    for t in targets():
        if only and t.name not in only:
            continue
        if not os.path.isdir(t.cwd):
            raise SystemExit(f"{t.cwd} missing: run python3 bench/fetch.py first")
        for checker, base in checkers.items():
            cmd = base + COLD + t.args
            runs = []
            for i in range(reps):
                m = measure(cmd, t.cwd)
                print(
                    f"{t.name:5} {checker:8} run {i + 1}/{reps}: {m.wall_s:7.2f}s "
                    f"{m.peak_rss_mb:7.1f} MB exit={m.exit_code}",
                    file=sys.stderr,
                )
                runs.append(m)
            rows.append(Row(t.name, checker, runs))
    return rows


def render(rows: list[Row], checkers: dict[str, list[str]], reps: int) -> str:
    by = {(r.target, r.checker): r for r in rows}
    lines = [
        f"# Batch benchmark, {datetime.date.today().isoformat()}",
        "",
        f"Cold runs (`{' '.join(COLD)}`), median wall time of {reps} run(s), "
        "max peak RSS; output lines exclude the summary line.",
        "",
    ]
    lines += [f"- {name}: `{command_text(cmd)}`" for name, cmd in checkers.items()]
    lines += [
        "",
        "| tree | checker | wall s | peak RSS MB | exit | output lines |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.target} | {r.checker} | {r.wall:.2f} | {r.rss:.1f} | "
            f"{r.runs[0].exit_code} | {r.lines} |"
        )
    lines += [
        "",
        "| tree | wall tycheck/mypy | RSS tycheck/mypy | lines only tycheck prints |",
        "| --- | ---: | ---: | ---: |",
    ]
    for t in sorted({r.target for r in rows}):
        ty, my = by.get((t, "tycheck")), by.get((t, "mypy"))
        if ty and my:
            lines.append(
                f"| {t} | {ty.wall / my.wall:.2f} | {ty.rss / my.rss:.2f} | "
                f"{extra_lines(ty.runs[0].stdout, my.runs[0].stdout)} |"
            )
    for r in rows:
        err = r.runs[0].stderr.strip()
        if r.runs[0].exit_code not in (0, 1) and err:
            lines += [
                "",
                f"{r.checker} on {r.target} exited {r.runs[0].exit_code}; stderr tail:",
                "```",
                *err.splitlines()[-15:],
                "```",
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_oracle = DEFAULT_ORACLE
    ap.add_argument(
        "--mypy-python",
        default=default_oracle,
        help=f"python of the oracle venv with mypy 2.4.1 ({default_oracle})",
    )
    ap.add_argument(
        "--tycheck-cmd",
        default=f"{sys.executable} -m tycheck",
        help="tycheck command (default: this python -m tycheck)",
    )
    ap.add_argument("--reps", type=int, default=3, help="repetitions per checker and tree")
    ap.add_argument("--only", help="comma-separated trees (rich,mypy)")
    ap.add_argument(
        "--out", default=None, help="results file (default bench/results/DATE-batch.md)"
    )
    args = ap.parse_args(argv)
    # -I: isolated mode, so the installed (compiled) mypy runs, not the sources in the mypy tree.
    checkers = {
        "mypy": [args.mypy_python, "-I", "-m", "mypy"],
        "tycheck": shlex.split(args.tycheck_cmd),
    }
    only = set(args.only.split(",")) if args.only else None
    report = render(run_all(checkers, args.reps, only), checkers, args.reps)
    write_report(report, args.out, BENCH_DIR, "batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
