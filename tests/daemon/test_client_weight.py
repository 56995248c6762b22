"""The client stays light: an editor runs ``tycheckd inspect`` once per hover, so every
module the client imports costs on each call (dmypy's client is the bar to beat)."""

from __future__ import annotations

import json
import subprocess
import sys

# What only the server needs: its handlers and the service layer, and the standard
# library modules that only starting or serving a daemon uses.
SERVER_ONLY = (
    "tycheck.daemon.server",
    "tycheck.daemon.handlers",
    "tycheck.service",
    "tycheck.inputs",
    "tycheck.checker",
    "dataclasses",
    "subprocess",
    "tempfile",
    "hashlib",
)


def test_the_client_imports_nothing_only_the_server_needs() -> None:
    code = (
        "import json, sys; import tycheck.cli.daemon_client; print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = json.loads(out)
    heavy = [m for m in loaded if any(m == p or m.startswith(p + ".") for p in SERVER_ONLY)]
    assert heavy == []
