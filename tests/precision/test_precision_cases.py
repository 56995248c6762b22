"""Every precision case: tycheck's output equals mypy's to the byte, or today's recorded one.

A case with a FIXME (``fixme.txt``, ``expected/NAME.tycheck``) asserts today's wrong output: a
fix that makes it match mypy fails here with "now matches mypy", asking to update the
expectation, and any other change of output is shown as a difference as well.
"""

from __future__ import annotations

import pytest

from precision_harness import FIXME, Case, all_cases, read_fixmes, run_tycheck

CASES = all_cases()
NOTES = read_fixmes()


def test_every_case_has_an_expectation() -> None:
    assert CASES, "no precision cases found"
    assert [c.name for c in CASES if not c.mypy_file.exists()] == []


def test_fixme_notes_and_records_agree() -> None:
    recorded = {c.name for c in CASES if c.today_file.exists()}
    assert recorded == set(NOTES), f"{FIXME.name} and expected/*.tycheck disagree"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    expected = case.mypy_file.read_text()
    out = run_tycheck(case)
    if not case.today_file.exists():
        assert out == expected
        return
    if out == expected:
        pytest.fail(
            f"{case.name} now matches mypy: update the expectation (delete "
            f"expected/{case.name}.tycheck and its line in {FIXME.name})"
        )
    # FIXME notes in fixme.txt: today's output differs from mypy's.
    assert out == case.today_file.read_text(), (
        f"{case.name}: output changed (FIXME: {NOTES.get(case.name)})"
    )
