"""``tycheckd lsp`` with a checker query that always raises: for the robustness test.

The type queries behind hover fail inside the service; nothing else is changed.
"""

from __future__ import annotations

import sys

from tycheck.cli.daemon_client import main
from tycheck.service import queries


def broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("deliberate failure inside the checker")


queries.SessionAnalyzer.expression_types = broken  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main(["lsp"]))
