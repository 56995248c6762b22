"""The ratchet of mypy's ``fine-grained-suggest.test``/``fine-grained-inspect.test`` cases.

Every case listed in ``tests/conformance/daemon_passing.txt`` must pass when run through
the daemon's command handler over a real session (``tests/conformance/daemon_mode.py``).
Grow the list with ``python -m tests.conformance.daemon_mode --passing-out FILE``. Skipped
only when the mypy test data is missing and ``CI`` is unset.
"""

from __future__ import annotations

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.conformance import daemon_mode, runner  # noqa: E402
from tests.conformance.execute import Paths  # noqa: E402

PASSING = os.path.join(REPO_ROOT, "tests", "conformance", "daemon_passing.txt")
FILES = ["fine-grained-suggest.test", "fine-grained-inspect.test"]


def test_listed_fine_grained_cases_still_pass() -> None:
    src = runner.find_mypy_src()
    if src is None:
        if os.environ.get("CI"):
            pytest.fail("mypy 2.4.1 test data not found in CI")
        pytest.skip("mypy 2.4.1 test data not found (set TYCHECK_MYPY_SRC)")
    ids = runner.read_id_list(PASSING)
    assert ids == sorted(set(ids)) and len(ids) >= 60
    paths = Paths(src)
    cases = {c.case_id: c for c in daemon_mode.load_cases(paths, FILES)}
    assert not set(ids) - set(cases), "listed cases not found in the test data"
    failed = []
    for cid in ids:
        res = daemon_mode.run_case(cases[cid], paths)
        if res["status"] != "pass":
            failed.append(f"{cid}: {res}")
    assert not failed, "\n".join(failed[:10])


def test_request_lines_and_flags() -> None:
    text = "# suggest: --flex-any=0.4 m.foo\n# suggest2: m.bar\n# inspect: --show=attrs -vv tmp/foo.py:1:2\n"
    assert daemon_mode.requests_of("suggest", text, 1) == [("--flex-any=0.4 ", "m.foo")]
    assert daemon_mode.requests_of("suggest", text, 2) == [("", "m.bar")]
    flags, loc = daemon_mode.requests_of("inspect", text, 1)[0]
    assert loc == "tmp/foo.py:1:2"
    assert daemon_mode.parse_flags(flags) == {"show": "attrs", "verbosity": 2}
    assert daemon_mode.parse_flags("--flex-any=0.4 --json") == {
        "flex_any": 0.4,
        "json": True,
        "verbosity": 0,
    }
