"""What a session does for speed leaves no trace: collector thresholds come back after a check."""

from __future__ import annotations

import gc
import pathlib

from tycheck.service.session import Session


def test_collector_thresholds_are_raised_during_a_check_and_restored_after(
    tmp_path: pathlib.Path,
) -> None:
    (tmp_path / "m.py").write_text("x: int = 'a'\n")
    seen: list[tuple[int, int, int]] = []
    session = Session(["m.py", "--cache-dir=/dev/null"], cwd=str(tmp_path))
    session.progress = lambda done, total: seen.append(gc.get_threshold())
    before = gc.get_threshold()
    out = session.check()
    assert "m.py:1: error: Incompatible types in assignment" in out.stdout
    assert gc.get_threshold() == before
    assert seen and all(t[0] >= 50_000 for t in seen)
