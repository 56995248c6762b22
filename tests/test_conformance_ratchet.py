"""The conformance ratchet: every case in ``tests/conformance/passing.txt`` must pass.

The listed mypy ``check-*.test`` cases are run in-process through the conformance
runner, in parallel.  A case that stops passing fails this test by name.  Grow the
list with ``python scripts/update_ratchet.py``.  The test is skipped only when the
mypy test data is missing *and* ``CI`` is unset; CI fetches the data first.
"""

from __future__ import annotations

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.conformance import runner  # noqa: E402 - needs the path above
from tests.conformance.execute import Paths  # noqa: E402

PASSING = os.path.join(REPO_ROOT, "tests", "conformance", "passing.txt")


def _paths_or_skip() -> Paths:
    src = runner.find_mypy_src()
    if src is not None:
        return Paths(src)
    hint = "run `python scripts/fetch_mypy_data.py` or set TYCHECK_MYPY_SRC"
    if os.environ.get("CI"):
        pytest.fail(f"mypy 2.4.1 test data not found in CI: {hint}")
    pytest.skip(f"mypy 2.4.1 test data not found ({hint})")


def test_passing_list_is_sorted_and_unique() -> None:
    ids = runner.read_id_list(PASSING)
    assert ids == sorted(set(ids)), "passing.txt must be sorted without duplicates"
    assert all("::" in i for i in ids), "ids look like check-foo.test::CaseName"


def test_listed_cases_still_pass() -> None:
    paths = _paths_or_skip()
    ids = runner.read_id_list(PASSING)
    if not ids:
        return  # nothing ratcheted yet
    cases = runner.select_cases(paths, runner.files_of_ids(ids), ids=ids)
    results = runner.execute(cases, paths, jobs=max(2, os.cpu_count() or 2), timeout=120)
    missing = sorted(set(ids) - set(results))
    regressed = sorted(i for i, r in results.items() if r["status"] != "pass")
    details = [
        f"{i}: {results[i]['status']} {results[i].get('reason', '')}".rstrip()
        for i in regressed[:50]
    ]
    assert not missing, f"listed cases not found in the test data: {missing}"
    assert not regressed, (
        f"{len(regressed)} ratcheted case(s) no longer pass (re-run with "
        f"`python -m tests.conformance.runner --cases NAME --show-failures 5`):\n"
        + "\n".join(details)
    )
