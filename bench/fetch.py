#!/usr/bin/env python3
"""Download the benchmark source trees into ``bench/.data/`` (standard library only).

* ``rich`` 15.0.0 (sdist) -> ``bench/.data/rich-15.0.0/rich/`` (the package, ~100 files)
* ``mypy`` 2.4.1 (sdist)  -> ``bench/.data/mypy-2.4.1/mypy/``

Idempotent.  ``--mypy-archive`` unpacks a local mypy sdist instead of downloading.
"""

from __future__ import annotations

import argparse
import os
import sys

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.join(BENCH_DIR, ".data")
sys.path.insert(0, os.path.join(os.path.dirname(BENCH_DIR), "scripts"))
from pypi_sdist import ensure_sdist  # noqa: E402 - needs the path above

# (distribution, version, package directory inside the sdist)
TREES = (("rich", "15.0.0", "rich"), ("mypy", "2.4.1", "mypy"))


def tree_root(name: str, version: str) -> str:
    return os.path.join(DATA_DIR, f"{name}-{version}")


def fetch_all(archives: dict[str, str | None]) -> dict[str, str]:
    """Make sure every tree is unpacked; map distribution -> sdist root."""
    roots = {}
    for name, version, package in TREES:
        root = ensure_sdist(name, version, tree_root(name, version), archives.get(name))
        if not os.path.isdir(os.path.join(root, package)):
            raise SystemExit(f"{root} has no {package}/ package directory")
        roots[name] = root
    return roots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--mypy-archive", default=None, help="local mypy-2.4.1.tar.gz")
    ap.add_argument("--rich-archive", default=None, help="local rich-15.0.0.tar.gz")
    args = ap.parse_args(argv)
    for name, root in fetch_all({"mypy": args.mypy_archive, "rich": args.rich_archive}).items():
        print(f"{name}: {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
