"""Regenerate the expectations of the precision tests from the oracle (mypy 2.4.1).

    python tests/precision/regen.py            # expected/*.mypy from mypy, for every case
    python tests/precision/regen.py --today    # also expected/*.tycheck and fixme.txt
    python tests/precision/regen.py --slice    # also the vendored real-code slice's expectation
    python tests/precision/regen.py --today --only NAME   # one case (repeat --only for more)

Run from the repository root with the venv that has tycheck installed. ``--today`` records
tycheck's output where it differs from mypy's (keeping the FIXME notes already written) and
removes the records of cases that now match.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parents[2])
)  # the repository root, for tests.oracle
from tests.oracle import oracle_python  # noqa: E402

from precision_harness import all_cases, read_fixmes, run_mypy, run_tycheck, write_fixmes  # noqa: E402
from precision_slice import SLICE_EXPECTED, run_slice_mypy  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--today", action="store_true", help="record tycheck's wrong outputs too")
    ap.add_argument("--slice", action="store_true", help="regenerate the real-code slice")
    ap.add_argument("--only", action="append", default=[], help="only this case (repeatable)")
    args = ap.parse_args(argv)
    oracle = oracle_python()
    notes = read_fixmes()
    for case in all_cases():
        if args.only and case.name not in args.only:
            continue
        expected = run_mypy(case, oracle)
        case.mypy_file.parent.mkdir(exist_ok=True)
        case.mypy_file.write_text(expected)
        if not args.today:
            continue
        today = run_tycheck(case)
        if today == expected:
            case.today_file.unlink(missing_ok=True)
            notes.pop(case.name, None)
        else:
            case.today_file.write_text(today)
            notes.setdefault(case.name, "FIXME differs from mypy")
        print(f"{case.name}: {'matches' if today == expected else 'differs'}", file=sys.stderr)
    if args.today:
        write_fixmes(notes)
    if args.slice:
        SLICE_EXPECTED.write_text(run_slice_mypy(oracle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
