"""Fixtures for the daemon tests: a scratch project and a ``tycheckd`` runner.

End-to-end tests run real client and daemon processes over a real socket. By default the
daemon uses the fake session of ``fake_session.py`` (selected via TYCHECKD_SESSION_MODULE);
every daemon a test starts is killed at the end if it is still alive.
"""

from __future__ import annotations

import json
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tycheck.daemon.status import remove_socket_dir

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

CLIENT = [sys.executable, "-m", "tycheck.cli.daemon_client"]


@dataclass
class Project:
    """A scratch directory with an environment that runs tycheckd over a chosen session."""

    root: Path
    env: dict[str, str]
    pids: set[tuple[int, str]] = field(default_factory=set)
    # Root reads any file whatever its mode: for the tests of unreadable files, processes
    # run as root lose the capabilities that bypass permission checks.
    honour_modes: bool = False

    edits: int = 0

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        # Each edit gets a distinct mtime, so quick successive edits are never confused.
        self.edits += 1
        stamp = time.time() + self.edits
        os.utime(path, (stamp, stamp))
        return path

    def run(
        self, *args: str, timeout: float = 60, status_file: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run ``tycheckd ARGS`` in the project and remember any daemon it started."""
        prefix = ["--status-file", status_file] if status_file else []
        proc = subprocess.run(
            CLIENT + prefix + list(args),
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            **self.identity(),
        )
        self.remember_daemon(status_file)
        return proc

    def remember_daemon(self, status_file: str | None = None) -> int | None:
        path = self.root / (status_file or ".tycheckd.json")
        try:
            data = json.loads(path.read_text())
            pid, sock = int(data["pid"]), str(data["connection_name"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.pids.add((pid, sock))
        return pid

    def identity(self) -> dict[str, Any]:
        """subprocess arguments that make file modes bind the process (see ``honour_modes``)."""
        if self.honour_modes and os.geteuid() == 0:
            return {"preexec_fn": _drop_permission_override}
        return {}

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            CLIENT + list(args),
            cwd=self.root,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **self.identity(),
        )


def _drop_permission_override() -> None:
    """In a child about to exec: remove CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    capability bounding set, so that root after exec (and its children) obeys file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _project(tmp_path: Path, module: str | None, honour_modes: bool = False) -> Iterator[Project]:
    env = dict(os.environ)
    env.pop("TYCHECKD_SESSION_MODULE", None)
    if module:
        env["TYCHECKD_SESSION_MODULE"] = module
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    project = Project(tmp_path, env, honour_modes=honour_modes)
    try:
        yield project
    finally:
        project.remember_daemon()
        for pid, sock in project.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            remove_socket_dir(sock)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A project whose daemon runs the fake session."""
    yield from _project(tmp_path, "fake_session")


@pytest.fixture
def real_project(tmp_path: Path) -> Iterator[Project]:
    """A project whose daemon runs the real service session (skipped until it exists)."""
    pytest.importorskip("tycheck.service.session")
    yield from _project(tmp_path, None)


@pytest.fixture
def unprivileged_project(tmp_path: Path) -> Iterator[Project]:
    """A real-session project whose processes cannot read a ``chmod 000`` file, even as root."""
    pytest.importorskip("tycheck.service.session")
    try:
        yield from _project(tmp_path, None, honour_modes=True)
    finally:
        for path in tmp_path.rglob("*"):
            if not path.is_symlink():
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
