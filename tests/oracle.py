"""Where the mypy oracle lives, for the tests that compare with it.

The oracle is mypy 2.4.1 in a virtual environment of its own (the product never imports it).
``TYCHECK_ORACLE_PYTHON`` names its interpreter; by default it is the one that
``bench/setup_oracle.sh`` creates inside this checkout.  Tests that need it skip when it is
absent, except under ``CI=1``, where ``.ci/run`` installs it and a missing oracle is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORACLE = REPO_ROOT / "bench" / ".data" / "oracle-venv" / "bin" / "python"


def oracle_python() -> str:
    """The oracle's interpreter: ``$TYCHECK_ORACLE_PYTHON`` or the checkout's oracle venv."""
    return os.environ.get("TYCHECK_ORACLE_PYTHON") or str(DEFAULT_ORACLE)


def oracle_script(name: str) -> str:
    """A console script (``mypy``, ``dmypy``) installed beside the oracle's interpreter."""
    return str(Path(oracle_python()).parent / name)
