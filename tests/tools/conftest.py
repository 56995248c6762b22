"""A real session behind the daemon's command handler, in a scratch project."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tycheck.daemon.handlers import CommandHandler


class Project:
    """Files in a temporary directory and a handler checking them (no processes)."""

    def __init__(self, root: Path, flags: list[str]) -> None:
        self.root = root
        self.handler = CommandHandler(flags, cwd=str(root))
        self.edits = 0

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.edits += 1  # a distinct mtime for every edit, however quick
        stamp = path.stat().st_mtime + self.edits
        os.utime(path, (stamp, stamp))

    def check(self, *files: str) -> dict[str, object]:
        return self.handler.handle("check", {"files": list(files)})

    def recheck(self) -> dict[str, object]:
        return self.handler.handle("recheck", {})

    def inspect(self, location: str, **flags: object) -> dict[str, object]:
        return self.handler.handle("inspect", dict({"show": "type", "location": location}, **flags))

    def suggest(self, function: str, **flags: object) -> dict[str, object]:
        return self.handler.handle("suggest", dict({"function": function}, **flags))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Project]:
    monkeypatch.delenv("TYCHECKD_SESSION_MODULE", raising=False)
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str], flags: list[str] | None = None) -> Project:
        p = Project(tmp_path, flags if flags is not None else ["--no-error-summary"])
        for name, text in files.items():
            p.write(name, text)
        return p

    return make
