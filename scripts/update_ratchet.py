#!/usr/bin/env python3
"""Re-run every mypy ``check-*.test`` case in-process and rewrite the ratchet list.

``tests/conformance/passing.txt`` becomes the sorted ids of all passing cases.
Refuses (exit 1, file untouched) when a listed case no longer passes, unless
``--allow-drop`` is given.
"""

from __future__ import annotations

import argparse
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

from tests.conformance import runner  # noqa: E402 - needs the path above
from tests.conformance.execute import Paths  # noqa: E402

PASSING = os.path.join(REPO_ROOT, "tests", "conformance", "passing.txt")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--allow-drop", action="store_true", help="accept that listed cases no longer pass"
    )
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    ap.add_argument("--files", help="only these check-*.test files (others' entries kept)")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args(argv)
    src = runner.find_mypy_src()
    if src is None:
        print("mypy test data not found: run scripts/fetch_mypy_data.py", file=sys.stderr)
        return 2
    paths = Paths(src)
    files = runner.check_files(paths, args.files)
    cases = runner.select_cases(paths, files)
    results = runner.execute(cases, paths, jobs=args.jobs, timeout=args.timeout, quiet=False)
    runner.print_table(runner.summarize(cases, results), sys.stdout)
    old = set(runner.read_id_list(PASSING)) if os.path.exists(PASSING) else set()
    # Entries of files that were not re-run stay as they are.
    kept = {i for i in old if i.split("::", 1)[0] not in set(files)}
    # So do those this interpreter cannot run (check-python3NN.test newer than it).
    kept |= {i for i in old if runner.needs_newer_python(i)}
    new = kept | set(runner.passing_ids(results))
    dropped = sorted(old - new)
    if dropped and not args.allow_drop:
        print(
            f"{len(dropped)} listed case(s) no longer pass; not writing (use --allow-drop):",
            file=sys.stderr,
        )
        for i in dropped:
            print(f"  {i}: {results.get(i, {}).get('status', 'missing')}", file=sys.stderr)
        return 1
    runner.write_id_list(PASSING, new)
    print(f"passing.txt: {len(new)} cases ({len(new - old)} added, {len(dropped)} dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
