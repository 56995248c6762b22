"""Running ratcheted cases that need a newer Python than the one running the tests.

``check-python312.test`` and later files use syntax only newer interpreters parse. When the
test suite runs on an older Python, those cases run in a child process of a newer interpreter
that can import tycheck from this checkout: ``$TYCHECK_NEWER_PYTHON`` if set, else the first
of ``python3.14``, ``python3.13``, ``python3.12`` on ``PATH`` that works.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV_VAR = "TYCHECK_NEWER_PYTHON"
_CANDIDATES = ("python3.14", "python3.13", "python3.12")
_PROBE = "import sys, tycheck.cli.batch; print('%d.%d' % sys.version_info[:2])"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    parts = [os.path.join(REPO_ROOT, "src"), REPO_ROOT, env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
    return env


def probe(python: str) -> tuple[int, int] | None:
    """The version of ``python`` if it can import tycheck from this checkout, else None."""
    try:
        out = subprocess.run(
            [python, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            env=_child_env(),
            cwd=REPO_ROOT,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    major, _, minor = out.stdout.strip().partition(".")
    return (int(major), int(minor)) if major.isdigit() and minor.isdigit() else None


def find_newer_python() -> tuple[str, tuple[int, int]] | None:
    """An interpreter newer than this one that runs tycheck, with its version."""
    explicit = os.environ.get(ENV_VAR)
    candidates = [explicit] if explicit else [p for c in _CANDIDATES if (p := shutil.which(c))]
    for python in candidates:
        version = probe(python)
        if version is not None and version > sys.version_info[:2]:
            return python, version
    return None


def run_ids(
    python: str, mypy_src: str, ids: list[str], jobs: int, timeout: float
) -> dict[str, str]:
    """The status of each case of ``ids``, run by the in-process runner under ``python``."""
    with tempfile.TemporaryDirectory(prefix="tycheck-newer-") as tmp:
        ids_file = os.path.join(tmp, "ids.txt")
        out_json = os.path.join(tmp, "out.json")
        with open(ids_file, "w", encoding="utf-8") as f:
            f.writelines(i + "\n" for i in ids)
        cmd = [
            python,
            "-m",
            "tests.conformance.runner",
            "--mypy-src",
            mypy_src,
            "--ids-from",
            ids_file,
        ]
        cmd += ["--jobs", str(jobs), "--timeout", str(timeout), "--json", out_json, "-q"]
        subprocess.run(cmd, cwd=REPO_ROOT, env=_child_env(), capture_output=True, check=False)
        if not os.path.exists(out_json):
            return {}
        with open(out_json, encoding="utf-8") as f:
            data = json.load(f)
    return {c["id"]: c["status"] for c in data["cases"]}
