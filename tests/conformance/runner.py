"""Command line of the in-process conformance runner.

Runs mypy's ``check-*.test`` cases against tycheck's in-process entry point
(``tycheck.cli.batch.main``) and prints a per-file table::

    python -m tests.conformance.runner [--files check-basic.test,...] [--cases REGEX]
        [--sample K] [--jobs N] [--json out.json] [--show-failures N]
        [--write-passing FILE]

The test data is found through ``$TYCHECK_MYPY_SRC``, else ``.cache/mypy-2.4.1``
in the repository (``scripts/fetch_mypy_data.py`` puts it there).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

from .cases import Case, split_cases
from .execute import MainFunction, Paths
from .pool import Result, RunSettings, run_cases

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_ENTRY = "tycheck.cli.batch:main"
MYPY_VERSION = "2.4.1"
STATUSES = ("pass", "fail", "error", "unsupported")


def find_mypy_src() -> str | None:
    """The unpacked mypy sdist holding ``test-data/unit``, or ``None``."""
    candidates = [
        os.environ.get("TYCHECK_MYPY_SRC", ""),
        os.path.join(REPO_ROOT, ".cache", f"mypy-{MYPY_VERSION}"),
    ]
    for cand in candidates:
        if cand and os.path.isdir(os.path.join(cand, "test-data", "unit")):
            return os.path.abspath(cand)
    return None


def load_entry(spec: str) -> MainFunction:
    """Import ``module:function``."""
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(module), func or "main")  # type: ignore[no-any-return]


def check_files(paths: Paths, spec: str | None) -> list[str]:
    if spec:
        return [s.strip() for s in spec.split(",") if s.strip()]
    return sorted(n for n in os.listdir(paths.unit_dir) if re.match(r"check-.*\.test$", n))


def select_cases(
    paths: Paths,
    files: list[str],
    name_regex: str | None = None,
    sample: int = 0,
    ids: Iterable[str] | None = None,
) -> list[Case]:
    """Cases of ``files`` filtered by name regex, by explicit ids, and sampled."""
    wanted = set(ids) if ids is not None else None
    name_re = re.compile(name_regex) if name_regex else None
    selected: list[Case] = []
    for fn in files:
        for case in split_cases(os.path.join(paths.unit_dir, fn)):
            if name_re and not name_re.search(case.name):
                continue
            if wanted is not None and case.case_id not in wanted:
                continue
            selected.append(case)
    return selected[::sample] if sample > 1 else selected


def files_of_ids(ids: Iterable[str]) -> list[str]:
    return sorted({i.split("::", 1)[0] for i in ids})


def needs_newer_python(case_id: str, runtime: tuple[int, ...] = sys.version_info[:2]) -> bool:
    """Whether ``case_id`` is in a ``check-python3NN.test`` file newer than ``runtime``
    (its syntax does not parse there: such cases run under a newer interpreter)."""
    m = re.search(r"python3([0-9]+)\.test::", case_id)
    return m is not None and (3, int(m.group(1))) > tuple(runtime[:2])


def entry_failure_results(cases: list[Case], error: BaseException) -> dict[str, Result]:
    """Every case is an error when the checker cannot even be imported."""
    reason = f"cannot import checker entry: {type(error).__name__}: {error}"
    return {c.case_id: {"status": "error", "reason": reason, "time": 0.0} for c in cases}


def execute(
    cases: list[Case],
    paths: Paths,
    entry: str = DEFAULT_ENTRY,
    jobs: int = 2,
    timeout: float = 120.0,
    keep_failed: bool = False,
    quiet: bool = True,
    max_tasks: int = 200,
) -> dict[str, Result]:
    """Run ``cases`` in-process on a pool; the results by case id."""
    try:
        main = load_entry(entry)
    except Exception as e:  # noqa: BLE001 - a missing checker fails every case
        return entry_failure_results(cases, e)
    settings = RunSettings(
        paths=paths,
        runtime=sys.version_info[:2],
        timeout=timeout,
        keep_failed=keep_failed,
        max_tasks=max_tasks,
    )
    t0, done = time.monotonic(), [0, 0]

    def progress(case: Case, res: Result) -> None:
        done[0] += 1
        done[1] += res["status"] == "pass"
        if not quiet and (done[0] % 100 == 0 or done[0] == len(cases)):
            print(
                f"[{done[0]}/{len(cases)}] {done[1]} passed, {time.monotonic() - t0:.0f}s",
                file=sys.stderr,
                flush=True,
            )

    return run_cases(cases, main, settings, jobs, progress)


def summarize(cases: list[Case], results: dict[str, Result]) -> dict[str, dict[str, int]]:
    """Counts per file: cases and each status."""
    per_file: dict[str, dict[str, int]] = {}
    for c in cases:
        counts = per_file.setdefault(c.file, {"cases": 0, **{s: 0 for s in STATUSES}})
        counts["cases"] += 1
        counts[results[c.case_id]["status"]] += 1
    return per_file


def _rate(counts: dict[str, int]) -> str:
    supported = counts["cases"] - counts["unsupported"]
    return f"{100.0 * counts['pass'] / supported:5.1f}%" if supported else "  n/a"


def print_table(per_file: dict[str, dict[str, int]], out: TextIO) -> dict[str, int]:
    """The per-file table and the totals line; returns the totals."""
    print(
        f"{'file':44} {'cases':>6} {'unsup':>6} {'pass':>6} {'fail':>6} {'err':>5}  rate", file=out
    )
    for fn, c in per_file.items():
        print(
            f"{fn:44} {c['cases']:6} {c['unsupported']:6} {c['pass']:6} {c['fail']:6} "
            f"{c['error']:5}  {_rate(c)}",
            file=out,
        )
    tot = {k: sum(c[k] for c in per_file.values()) for k in ("cases",) + STATUSES}
    print(
        f"{'TOTAL':44} {tot['cases']:6} {tot['unsupported']:6} {tot['pass']:6} "
        f"{tot['fail']:6} {tot['error']:5}  {_rate(tot)}",
        file=out,
    )
    return tot


def print_failures(cases: list[Case], results: dict[str, Result], limit: int, out: TextIO) -> None:
    shown = 0
    for c in cases:
        r = results[c.case_id]
        if shown >= limit:
            break
        if r["status"] not in ("fail", "error"):
            continue
        shown += 1
        print(
            f"\n--- {c.case_id} ({c.file}:{c.line}) {r['status']} "
            f"{r.get('reason', '')} step={r.get('step', '')}",
            file=out,
        )
        if "cmd" in r:
            print("args:", r["cmd"], file=out)
        for ln in r.get("expected", []):
            print("  E|", ln, file=out)
        for ln in r.get("actual", []):
            print("  A|", ln, file=out)
        if r.get("stderr"):
            print("  stderr:", r["stderr"][-1500:], file=out)


def unsupported_reasons(results: dict[str, Result]) -> dict[str, int]:
    reasons: dict[str, int] = {}
    for r in results.values():
        if r["status"] == "unsupported":
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    return reasons


def write_json(
    path: str, cases: list[Case], results: dict[str, Result], meta: dict[str, Any]
) -> None:
    per_file = summarize(cases, results)
    tot = {k: sum(c[k] for c in per_file.values()) for k in ("cases",) + STATUSES}
    data = {
        "meta": meta,
        "summary": {
            **tot,
            "unsupported_reasons": unsupported_reasons(results),
            "per_file": per_file,
        },
        "cases": [
            {"id": c.case_id, "file": c.file, "name": c.name, "line": c.line, **results[c.case_id]}
            for c in cases
        ],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)


def passing_ids(results: dict[str, Result]) -> list[str]:
    return sorted(i for i, r in results.items() if r["status"] == "pass")


def write_id_list(path: str, ids: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(i + "\n" for i in sorted(ids))


def read_id_list(path: str) -> list[str]:
    """Case ids of a ``passing.txt``-style file (blank lines and ``#`` comments skipped)."""
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m tests.conformance.runner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--mypy-src",
        default=None,
        help="unpacked mypy sdist (default: $TYCHECK_MYPY_SRC, .cache/mypy-2.4.1)",
    )
    ap.add_argument("--files", help="comma-separated check-*.test names (default: all)")
    ap.add_argument("--cases", help="regex: only cases whose name matches (re.search)")
    ap.add_argument("--ids-from", help="only the case ids listed in this file")
    ap.add_argument("--sample", type=int, default=0, help="every K-th selected case")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-case timeout (s)")
    ap.add_argument(
        "--entry",
        default=DEFAULT_ENTRY,
        help=f"in-process checker entry point module:function ({DEFAULT_ENTRY})",
    )
    ap.add_argument("--json", help="write per-case results here")
    ap.add_argument("--show-failures", type=int, default=0, help="print N failures")
    ap.add_argument("--write-passing", help="write the sorted passing case ids here")
    ap.add_argument("--keep-failed", action="store_true", help="keep failing case dirs")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    mypy_src = args.mypy_src or find_mypy_src()
    if mypy_src is None:
        print(
            "mypy test data not found: run scripts/fetch_mypy_data.py or set TYCHECK_MYPY_SRC",
            file=sys.stderr,
        )
        return 2
    paths = Paths(os.path.abspath(mypy_src))
    ids = read_id_list(args.ids_from) if args.ids_from else None
    files = check_files(paths, args.files) if args.files or ids is None else files_of_ids(ids)
    cases = select_cases(paths, files, args.cases, args.sample, ids)
    t0 = time.monotonic()
    results = execute(
        cases, paths, args.entry, args.jobs, args.timeout, args.keep_failed, quiet=args.quiet
    )
    tot = print_table(summarize(cases, results), sys.stdout)
    for reason, n in sorted(unsupported_reasons(results).items(), key=lambda kv: -kv[1]):
        print(f"  unsupported {n:6}  {reason}")
    print_failures(cases, results, args.show_failures, sys.stdout)
    if args.json:
        write_json(
            args.json,
            cases,
            results,
            {
                "entry": args.entry,
                "mypy_src": paths.mypy_src,
                "files": files,
                "elapsed_s": round(time.monotonic() - t0, 1),
            },
        )
    if args.write_passing:
        write_id_list(args.write_passing, passing_ids(results))
    print(
        f"{tot['pass']} passed, {tot['fail'] + tot['error']} failed, {tot['unsupported']} skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
