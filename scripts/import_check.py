#!/usr/bin/env python3
"""Import every module of the installed ``tycheck`` package, as a fresh clone would.

Run with the interpreter of a venv where tycheck was installed from a clean clone (not
editable), from a directory outside the checkout, so that only the installed files count.
Catches a module that exists only in someone's working tree, a missing package-data file,
and an import that needs a test-only dependency.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys


def main() -> int:
    import tycheck

    failures: list[str] = []
    count = 0
    for info in pkgutil.walk_packages(tycheck.__path__, prefix="tycheck."):
        if info.name.endswith("__main__"):
            continue
        count += 1
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            failures.append(f"{info.name}: {type(exc).__name__}: {exc}")
    for line in failures:
        print(f"import failed: {line}", file=sys.stderr)
    print(f"imported {count - len(failures)} of {count} tycheck modules from {tycheck.__path__[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
