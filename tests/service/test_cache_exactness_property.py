"""Invariant 7 for the persistent cache: after any generated sequence of edits, creations
and deletions, a fresh run that starts from the cache of the previous runs prints exactly
what a run without a cache prints. Edit sequences come from the daemon's exactness test.
The number of examples is ``TYCHECK_PROPERTY_EXAMPLES`` // 4 (default 50).
"""

from __future__ import annotations

import os
import pathlib
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.service.test_exactness_property import MODULES, module_text, operation, write
from tycheck.service.session import Session

N = max(1, int(os.environ.get("TYCHECK_PROPERTY_EXAMPLES", "200")) // 4)


def both(root: pathlib.Path, cache: pathlib.Path) -> tuple[str, str]:
    files = sorted(p.name for p in root.glob("m*.py"))
    if not files:
        return "", ""
    warm = Session([*files, f"--cache-dir={cache}"], cwd=str(root)).check().stdout
    cold = Session([*files, "--cache-dir=/dev/null"], cwd=str(root)).check().stdout
    return warm, cold


@settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(
    initial=st.tuples(*(module_text(i) for i in range(len(MODULES)))),
    ops=st.lists(operation(), min_size=1, max_size=5),
)
def test_run_from_cache_equals_cold(
    initial: tuple[str, ...], ops: list[tuple[str, int, str]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = pathlib.Path(tmp) / "src", pathlib.Path(tmp) / "cache"
        root.mkdir()
        tick = [1_000_000.0]
        for i, text in enumerate(initial):
            write(root, MODULES[i], text, tick)
        warm, cold = both(root, cache)
        assert warm == cold
        for kind, i, text in ops:
            if kind == "write":
                write(root, MODULES[i], text, tick)
            elif (root / f"{MODULES[i]}.py").exists():
                (root / f"{MODULES[i]}.py").unlink()
            warm, cold = both(root, cache)
            assert warm == cold, f"after {kind} m{i}:\n--- from cache\n{warm}--- cold\n{cold}"
