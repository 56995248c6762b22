"""The conformance ratchet: every case in ``tests/conformance/passing.txt`` must pass.

The listed mypy ``check-*.test`` cases are run in-process through the conformance
runner, in parallel.  A case that stops passing fails this test by name.  Grow the
list with ``python scripts/update_ratchet.py``.  The test is skipped only when the
mypy test data is missing *and* ``CI`` is unset; CI fetches the data first.

Cases of ``check-python3NN.test`` files newer than the running interpreter run under a newer
one (``tests/conformance/newer_python.py``: ``$TYCHECK_NEWER_PYTHON``, else ``python3.1N`` on
``PATH``); that test is skipped only when no such interpreter can run tycheck and
``$TYCHECK_NEWER_PYTHON`` is unset.
"""

from __future__ import annotations

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.conformance import runner  # noqa: E402 - needs the path above
from tests.conformance import newer_python  # noqa: E402
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
    # Cases of check-python3NN.test files newer than this interpreter run in the test below.
    ids = [i for i in runner.read_id_list(PASSING) if not runner.needs_newer_python(i)]
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


def test_listed_newer_python_cases_still_pass() -> None:
    paths = _paths_or_skip()
    ids = [i for i in runner.read_id_list(PASSING) if runner.needs_newer_python(i)]
    if not ids:
        return  # this interpreter ran every listed case above
    found = newer_python.find_newer_python()
    if found is None:
        if os.environ.get(newer_python.ENV_VAR):
            pytest.fail(f"${newer_python.ENV_VAR} cannot run tycheck from this checkout")
        pytest.skip(f"{len(ids)} listed cases need Python 3.12+: none found that runs tycheck")
    python, version = found
    runnable = [i for i in ids if not runner.needs_newer_python(i, version)]
    statuses = newer_python.run_ids(
        python, paths.mypy_src, runnable, jobs=max(2, os.cpu_count() or 2), timeout=120
    )
    regressed = sorted(i for i in runnable if statuses.get(i) != "pass")
    assert not regressed, (
        f"{len(regressed)} ratcheted case(s) no longer pass under Python "
        f"{version[0]}.{version[1]} ({python}):\n"
        + "\n".join(f"{i}: {statuses.get(i, 'missing')}" for i in regressed[:50])
    )
