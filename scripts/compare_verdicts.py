#!/usr/bin/env python3
"""Compare two conformance JSON reports case by case.

Both the reference runner (``mypy_cases.py --json``) and ours
(``python -m tests.conformance.runner --json``) write ``cases`` with ``id`` and
``status``.  Prints the cases whose verdict (pass / not pass / unsupported)
differs; exit code 1 if any do.
"""

from __future__ import annotations

import argparse
import json
import sys


def verdicts(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    # fail and error are one verdict: "does not pass".
    return {c["id"]: {"error": "fail"}.get(c["status"], c["status"]) for c in data["cases"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("reference")
    ap.add_argument("ours")
    args = ap.parse_args(argv)
    ref, ours = verdicts(args.reference), verdicts(args.ours)
    common = sorted(set(ref) & set(ours))
    diff = [i for i in common if ref[i] != ours[i]]
    print(
        f"{len(common)} common cases, {len(diff)} differ; "
        f"only in reference: {len(set(ref) - set(ours))}, only in ours: "
        f"{len(set(ours) - set(ref))}"
    )
    for i in diff:
        print(f"  {i}: reference={ref[i]} ours={ours[i]}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
