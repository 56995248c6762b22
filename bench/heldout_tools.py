"""Held-out check: ``tycheckd inspect``/``suggest`` against ``dmypy`` on a project of our own.

The project (``tests/tools/data/heldout/depot``, a small inventory app) is not part of any
test the engine is tuned on: it only serves this comparison. Both daemons run warm on their
own copy of it (dmypy with ``--export-types``, which its inspect needs; tycheckd without),
then every query of ``tests/tools/data/heldout/queries.txt`` is asked of both, each from a
fresh client process. Two answers agree when stdout and the exit code are identical (with the
copy's absolute path replaced by a placeholder). The report gives the agreement per command
and flag set, and every difference.

Usage::

    python bench/heldout_tools.py [--python .venv/bin/python] [--out bench/results/X.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "tests", "tools", "data", "heldout")
PACKAGE = "depot"


@dataclass
class Query:
    """One question: the command, its argv (locations resolved) and its flag-set label."""

    command: str
    argv: list[str]
    label: str


def resolve_location(text: str, root: str) -> str:
    """``FILE:LINE:@TEXT`` -> ``FILE:LINE:COL`` (where TEXT starts); ``@@TEXT`` -> a span."""
    path, line, rest = text.split(":", 2)
    if not rest.startswith("@"):
        return text
    with open(os.path.join(root, path), encoding="utf-8") as f:
        source = f.read().splitlines()[int(line) - 1]
    needle = rest.lstrip("@")
    col = source.index(needle) + 1
    if rest.startswith("@@"):
        return f"{path}:{line}:{col}:{line}:{col + len(needle) - 1}"
    return f"{path}:{line}:{col}"


def load_queries(root: str) -> list[Query]:
    queries = []
    with open(os.path.join(DATA, "queries.txt"), encoding="utf-8") as f:
        for raw in f:
            if not raw.strip() or raw.startswith("#"):
                continue
            command, *args = raw.split(" ", 1)[0], *split_args(raw.split(" ", 1)[1].rstrip("\n"))
            flags = [a for a in args if a.startswith("-")]
            if command == "inspect":
                args[-1] = resolve_location(args[-1], root)
                if "--show" not in flags:
                    flags = ["--show type", *flags]
                else:
                    at = args.index("--show")
                    flags = [f"--show {args[at + 1]}", *(f for f in flags if f != "--show")]
            label = " ".join([command, *flags]) if flags else command
            queries.append(Query(command, args, label))
    return queries


def split_args(text: str) -> list[str]:
    """Split at spaces, except inside the location (its TEXT may hold spaces)."""
    words = text.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        if ":" in word and word.split(":", 1)[0].endswith(".py"):
            out.append(" ".join(words[i:]))
            return out
        out.append(word)
    return out


def run(cmd: list[str], cwd: str) -> tuple[str, int]:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    return proc.stdout.replace(cwd, "<root>").strip(), proc.returncode


def ask_both(python: str, oracle: str, queries: list[Query], tmp: str) -> list[tuple[str, str]]:
    ours_root, theirs_root = os.path.join(tmp, "a", "heldout"), os.path.join(tmp, "b", "heldout")
    for root in (ours_root, theirs_root):
        shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("__pycache__", "*.txt"))
    tycheckd = [python, "-m", "tycheck.cli.daemon_client", "--status-file", "s.json"]
    dmypy = [oracle, "-m", "mypy.dmypy", "--status-file", "s.json"]
    for cmd, root in (
        (tycheckd + ["run"], ours_root),
        (dmypy + ["run", "--export-types"], theirs_root),
    ):
        out, code = run(cmd + ["--", PACKAGE], root)
        if code != 0:  # the project checks clean: anything else means a daemon did not start
            raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{out}")
    answers = []
    try:
        for q in queries:
            ours = run(tycheckd + [q.command, *q.argv], ours_root)
            theirs = run(dmypy + [q.command, *q.argv], theirs_root)
            answers.append((f"{ours[0]}\n[exit {ours[1]}]", f"{theirs[0]}\n[exit {theirs[1]}]"))
    finally:
        run(tycheckd + ["kill"], ours_root)
        run(dmypy + ["kill"], theirs_root)
    return answers


def report(queries: list[Query], answers: list[tuple[str, str]]) -> str:
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for q, (ours, theirs) in zip(queries, answers):
        per_label[q.label][0] += ours == theirs
        per_label[q.label][1] += 1
    same = sum(ours == theirs for ours, theirs in answers)
    lines = [
        f"# Held-out check: inspect and suggest against dmypy ({len(queries)} queries)",
        "",
        f"Identical answers (stdout and exit code): **{same} of {len(queries)}** "
        f"({100 * same / len(queries):.0f}%).",
        "",
        "| command and flags | identical | queries |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{label}` | {n[0]} | {n[1]} |" for label, n in sorted(per_label.items())]
    differ = [(q, a, b) for q, (a, b) in zip(queries, answers) if a != b]
    if differ:
        lines += ["", "## Differences (tycheckd, then dmypy)", ""]
        for q, ours, theirs in differ:
            lines += [f"- `{q.command} {' '.join(q.argv)}`", "", "```", ours, "---", theirs, "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter with tycheck")
    parser.add_argument("--oracle", default=os.environ.get("TYCHECK_ORACLE_PYTHON"))
    parser.add_argument("--only", help="ask only the queries whose text contains this")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if not args.oracle:
        parser.error("set TYCHECK_ORACLE_PYTHON (or --oracle): a Python with mypy installed")
    python = os.path.abspath(args.python) if os.sep in args.python else args.python
    queries = load_queries(DATA)
    if args.only:
        queries = [q for q in queries if args.only in " ".join([q.command, *q.argv])]
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        answers = ask_both(python, args.oracle, queries, tmp)
    text = report(queries, answers)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
