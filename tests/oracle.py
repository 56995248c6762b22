"""Where the mypy oracle lives, for the tests that compare with it.

The oracle is mypy 2.4.1 in a virtual environment of its own (the product never imports it).
``TYCHECK_ORACLE_PYTHON`` names its interpreter; by default it is the one that
``bench/setup_oracle.sh`` creates inside this checkout.  Tests that need it skip when it is
absent, except under ``CI=1``, where ``.ci/run`` installs it and a missing oracle is a failure.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORACLE = REPO_ROOT / "bench" / ".data" / "oracle-venv" / "bin" / "python"


def oracle_python() -> str:
    """The oracle's interpreter: ``$TYCHECK_ORACLE_PYTHON`` or the checkout's oracle venv."""
    return os.environ.get("TYCHECK_ORACLE_PYTHON") or str(DEFAULT_ORACLE)


def oracle_script(name: str) -> str:
    """A console script (``mypy``, ``dmypy``) installed beside the oracle's interpreter."""
    return str(Path(oracle_python()).parent / name)


def in_ci() -> bool:
    """``CI=1``: everything a test needs is installed, so nothing may be skipped."""
    return bool(os.environ.get("CI"))


def needs_oracle() -> pytest.MarkDecorator:
    """Skip a test without the oracle, except in CI, where it runs (and fails if absent)."""
    missing = not os.path.exists(oracle_python())
    return pytest.mark.skipif(missing and not in_ci(), reason="mypy oracle not installed")


def require_module(name: str) -> None:
    """Skip the calling test when ``name`` is not installed; fail instead in CI."""
    if importlib.util.find_spec(name) is None:
        if in_ci():
            pytest.fail(f"{name} is not installed in CI")
        pytest.skip(f"{name} is not installed")
