#!/usr/bin/env python3
"""Fetch mypy 2.4.1's source distribution: its ``test-data/unit`` and ``mypy/typeshed``.

The conformance runner (``tests/conformance``) needs them.  Standard library only;
idempotent (a second run does nothing).

Target: ``--dest``, else ``$TYCHECK_MYPY_SRC``, else ``.cache/mypy-2.4.1`` in the
repository.  ``--archive PATH`` unpacks a local ``mypy-2.4.1.tar.gz`` instead of
downloading (a ``mypy-2.4.1.tar.gz`` fetched earlier).
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pypi_sdist import ensure_sdist  # noqa: E402 - needs the path above

VERSION = "2.4.1"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_dest() -> str:
    return os.environ.get("TYCHECK_MYPY_SRC") or os.path.join(
        REPO_ROOT, ".cache", f"mypy-{VERSION}"
    )


def has_test_data(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "test-data", "unit")) and os.path.isdir(
        os.path.join(path, "mypy", "typeshed", "stdlib")
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dest", default=None, help="directory to unpack into")
    ap.add_argument("--archive", default=None, help="local sdist to unpack")
    args = ap.parse_args(argv)
    dest = os.path.abspath(args.dest or default_dest())
    if has_test_data(dest):
        print(f"mypy {VERSION} data present: {dest}")
        return 0
    ensure_sdist("mypy", VERSION, dest, args.archive)
    if not has_test_data(dest):
        print(f"error: {dest} lacks test-data/unit or mypy/typeshed", file=sys.stderr)
        return 1
    print(f"mypy {VERSION} data unpacked: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
