"""A small stand-in for ``tycheck.service.session`` used by the daemon tests.

It honours the service contract (``Session``, ``options_fingerprint``) with a toy
"checker": every line containing ``ERROR`` is an error, ``RAISE`` makes the check raise
(an internal bug), ``SLEEP`` makes it take a second. Results are cached per file and only
refreshed by ``apply_changes``, like a real incremental session, so a daemon that forgets
to apply changes shows stale output and the tests notice.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping, Sequence

from tycheck import __version__
from tycheck.service.api import CheckOutcome, Targets, UsageError

KNOWN_FLAGS = {"--strict", "--show-column-numbers", "--no-error-summary", "--warn-unused-ignores"}
CONFIG_NAME = "fake.ini"


def _parse(argv: Sequence[str], require_targets: bool = True) -> tuple[list[str], Targets]:
    flags: list[str] = []
    files: list[str] = []
    for arg in argv:
        if arg.startswith("-"):
            if arg not in KNOWN_FLAGS:
                raise UsageError(
                    "usage: tycheck [-h] [-v] [-V] [more options; see below]\n"
                    f"tycheck: error: unrecognized arguments: {arg}"
                )
            flags.append(arg)
        else:
            files.append(arg)
    if require_targets and not files:
        raise UsageError(
            "usage: tycheck [-h] [-v] [-V] [more options; see below]\n"
            "tycheck: error: Missing target module, package, files, or command."
        )
    return flags, Targets(files=tuple(files))


def options_fingerprint(
    argv: Sequence[str],
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    require_targets: bool = True,
) -> str:
    """Flags + config file text + version, hashed; files do not count."""
    flags, _ = _parse(argv, require_targets)
    config = os.path.join(cwd or os.getcwd(), CONFIG_NAME)
    text = open(config).read() if os.path.exists(config) else ""
    env = environ or {}
    raw = "\0".join(sorted(flags) + [text, __version__, env.get("FAKE_SESSION_PATH", "")])
    return hashlib.sha256(raw.encode()).hexdigest()


class Session:
    """A toy session with the real one's API."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: str | None = None,
        environ: Mapping[str, str] | None = None,
        require_targets: bool = True,
    ) -> None:
        self.cwd = cwd or os.getcwd()
        self.flags, self.targets = _parse(argv, require_targets)
        self.fingerprint = options_fingerprint(argv, cwd, environ, require_targets)
        self.export_types = False
        self._states: dict[str, tuple[float, int, str]] = {}
        self._texts: dict[str, str] = {}
        self._last: Targets | None = None

    def _abs(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def _expand(self, targets: Targets) -> list[str]:
        paths: list[str] = []
        for item in targets.files:
            full = self._abs(item)
            if os.path.isdir(full):
                for root, _, names in sorted(os.walk(full)):
                    for name in sorted(names):
                        if name.endswith(".py"):
                            paths.append(os.path.relpath(os.path.join(root, name), self.cwd))
            else:
                paths.append(item)
        return paths

    def _load(self, path: str) -> None:
        full = self._abs(path)
        with open(full, "rb") as f:
            data = f.read()
        st = os.stat(full)
        self._states[full] = (st.st_mtime, st.st_size, hashlib.sha256(data).hexdigest())
        self._texts[full] = data.decode()

    def apply_changes(
        self, changed: Sequence[str] | None = None, removed: Sequence[str] | None = None
    ) -> None:
        if changed is None and removed is None:
            for full in list(self._states):
                if not os.path.exists(full):
                    del self._states[full], self._texts[full]
                    continue
                st = os.stat(full)
                if (st.st_mtime, st.st_size) != self._states[full][:2]:
                    self._load(full)
            return
        for path in removed or ():
            self._states.pop(self._abs(path), None)
            self._texts.pop(self._abs(path), None)
        for path in changed or ():
            if os.path.exists(self._abs(path)):
                self._load(path)

    def check(self, targets: Targets | None = None) -> CheckOutcome:
        targets = targets or self._last or self.targets
        self._last = targets
        started = time.perf_counter()
        lines: list[str] = []
        files = self._expand(targets)
        for path in files:
            full = self._abs(path)
            if full not in self._texts:
                if not os.path.exists(full):
                    msg = f"{path}: error: Cannot read file: No such file or directory\n"
                    return CheckOutcome("", msg, 2)
                self._load(path)
            text = self._texts[full]
            if "RAISE" in text:
                raise RuntimeError("fake session exploded")
            if "SLEEP" in text:
                time.sleep(1.0)
            for number, line in enumerate(text.splitlines(), 1):
                if "ERROR" in line:
                    lines.append(f"{path}:{number}: error: Found an ERROR marker  [misc]")
        n = len(files)
        plural = "s" if n != 1 else ""
        if lines:
            bad = len({line.split(":")[0] for line in lines})
            summary = (
                f"Found {len(lines)} error{'s' if len(lines) != 1 else ''} in {bad} "
                f"file{'s' if bad != 1 else ''} (checked {n} source file{plural})"
            )
        else:
            summary = f"Success: no issues found in {n} source file{plural}"
        if "--no-error-summary" not in self.flags:
            lines.append(summary)
        out = "".join(line + "\n" for line in lines)
        timings = {"check": time.perf_counter() - started}
        return CheckOutcome(out, "", 1 if "ERROR" in out else 0, timings, tuple(files))

    def file_states(self) -> dict[str, tuple[float, int, str]]:
        return dict(self._states)

    def release_memory(self) -> None:
        return None
