"""Helpers shared by the test suite (importable as ``tests.conftest``)."""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from collections.abc import Mapping

from tycheck.cli.batch import main


def check_source(source: str, *flags: str, files: Mapping[str, str] | None = None) -> str:
    """Run the batch checker on ``source`` (dedented) as ``m.py`` and return its stdout.

    ``files`` are written beside it first (relative path -> text, e.g. a stub package). The
    run uses no cache, prints no summary line and allows empty bodies (mypy's own tests do);
    ``flags`` come before the file name.
    """
    with tempfile.TemporaryDirectory() as d:
        for rel, text in (files or {}).items():
            os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
            with open(os.path.join(d, rel), "w") as f:
                f.write(text)
        with open(os.path.join(d, "m.py"), "w") as f:
            f.write(textwrap.dedent(source))
        out, err = io.StringIO(), io.StringIO()
        # Empty bodies are allowed, as in mypy's own tests (a flag given may override it).
        argv = [
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--no-error-summary",
            "--allow-empty-bodies",
            *flags,
            "m.py",
        ]
        main(argv, stdout=out, stderr=err, cwd=d)
        return out.getvalue()
