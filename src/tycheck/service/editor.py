"""A session for an editor: open buffers over the disk, answers per file.

The language server (``daemon/lsp``) keeps one ``EditorService`` per workspace folder. It
wraps the very ``Session`` the command line and the daemon use, so an editor sees exactly
what ``tycheck`` prints for the same text; the only additions are the overlay of unsaved
buffers (``inputs/overlay.py``) and the regrouping of the printed rows per file, with the
notes that belong to an error attached to it.

Nothing here is thread-safe: the server calls it from one worker thread only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tycheck.errors.render import Row, file_rows, group_by_file
from tycheck.inputs.fs import RealFileSystem
from tycheck.inputs.overlay import OverlayFileSystem
from tycheck.service.api import CheckOutcome, Targets
from tycheck.service.session import Session, options_fingerprint

# The files that configure a workspace, in mypy's order of discovery.
CONFIG_NAMES = ("mypy.ini", ".mypy.ini", "pyproject.toml", "setup.cfg")


@dataclass(frozen=True)
class Note:
    """A note printed after an error, 0-based like every position here."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Message:
    """One printed message of a file: 0-based start and (exclusive) end, code, attached notes.

    ``end_column`` is -1 for a message without a column: it covers its whole line.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    severity: str
    message: str
    code: str | None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class EditorResult:
    """One check: the outcome as ``tycheck`` prints it, and its messages by absolute path."""

    outcome: CheckOutcome
    files: Mapping[str, tuple[Message, ...]]
    # Every checked source (absolute), with or without messages: clearing needs them.
    checked: frozenset[str] = field(default_factory=frozenset)


class EditorService:
    """The workspace's session plus the overlay of open buffers."""

    def __init__(
        self, root: str, args: Sequence[str] = (), environ: Mapping[str, str] | None = None
    ) -> None:
        self.root = os.path.abspath(root)
        self.args = list(args)
        self.environ = dict(os.environ if environ is None else environ)
        self.overlay = OverlayFileSystem(RealFileSystem())
        self.session = self._new_session()
        self._fingerprint = options_fingerprint(self.args, self.root, self.environ)
        self._changed: set[str] = set()
        self._disk_changed = False
        self._config_seen = self._config_signature()

    def _new_session(self) -> Session:
        """A session as ``tycheck ARGS`` run in the root; no target means the whole root."""
        session = Session(
            self.args, cwd=self.root, environ=self.environ, fs=self.overlay, require_targets=False
        )
        t = session.targets
        if not (t.files or t.modules or t.packages or t.command is not None):
            session.targets = Targets(files=(".",))
        return session

    @property
    def config_file(self) -> str | None:
        """The config file the session read (absolute), if any."""
        found = self.session.line.config_file
        return None if found is None else os.path.join(self.root, found)

    def _config_signature(self) -> tuple[object, ...]:
        """What the config files look like on disk (stat only): a change means reload."""
        names = [os.path.join(self.root, n) for n in CONFIG_NAMES]
        if self.config_file is not None and self.config_file not in names:
            names.append(self.config_file)
        return tuple(self.overlay.base.stat(n) for n in names)

    def config_changed(self) -> bool:
        """Whether a config file changed on disk since it was last read (even unreported)."""
        return self._config_signature() != self._config_seen

    def reload_config(self) -> bool:
        """Read the config again; a new session when the effective options changed.

        Raises ``UsageError`` for a config that no longer parses (the old session stays,
        and this config is not read again until it changes).
        """
        self._config_seen = self._config_signature()
        fingerprint = options_fingerprint(self.args, self.root, self.environ)
        if fingerprint == self._fingerprint:
            return False
        self.session = self._new_session()
        self._fingerprint = fingerprint
        return True

    # -- buffers -------------------------------------------------------------------------

    def set_buffers(self, buffers: Mapping[str, tuple[int, str]]) -> None:
        """Make the open buffers exactly ``buffers`` (absolute path -> (version, text))."""
        wanted = {OverlayFileSystem.key(p): v for p, v in buffers.items()}
        for path in self.overlay.open_paths():
            if path not in wanted and self.overlay.close_buffer(path):
                self._changed.add(path)
        for path, (version, text) in wanted.items():
            if self.overlay.set_buffer(path, text, version):
                self._changed.add(path)

    def disk_changed(self) -> None:
        """Files may have changed on disk: the next check re-observes every file it read."""
        self._disk_changed = True

    def version(self, path: str) -> int | None:
        return self.overlay.version(path)

    # -- checking ------------------------------------------------------------------------

    def check(self) -> EditorResult:
        """Check the workspace with the current buffers; what changed is re-analysed only."""
        if self._disk_changed:
            self.session.apply_changes()
        else:
            self.session.apply_changes(changed=sorted(self._changed))
        self._changed = set()
        self._disk_changed = False
        outcome = self.session.check()
        files = {path: tuple(messages_of(rows)) for path, rows in self._rows(outcome).items()}
        checked = frozenset(
            os.path.normpath(os.path.join(self.root, p)) for p in outcome.checked_files if p
        )
        return EditorResult(outcome, files, checked)

    def release_memory(self) -> None:
        """Drop what the last check no longer reaches; call it after publishing a check."""
        self.session.release_memory()

    def _rows(self, outcome: CheckOutcome) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for path, group in group_by_file(outcome.diagnostics).items():
            full = os.path.normpath(os.path.join(self.root, path))
            out.setdefault(full, []).extend(file_rows(group, self.session.options))
        return out


def messages_of(rows: Sequence[Row]) -> list[Message]:
    """Rows of one file as messages: notes on an error's line right after it belong to it."""
    out: list[Message] = []
    for row in rows:
        if row.line < 0 and row.severity == "note":
            continue  # "In function ..." context rows locate nothing
        line = max(row.line - 1, 0)
        column = max(row.column, 0)
        last = out[-1] if out else None
        if (
            row.severity == "note"
            and last is not None
            and last.severity == "error"
            and last.line == line
        ):
            notes = last.notes + (Note(line, column, row.message),)
            out[-1] = Message(
                last.line,
                last.column,
                last.end_line,
                last.end_column,
                last.severity,
                last.message,
                last.code,
                notes,
            )
            continue
        end_line = max(row.end_line - 1, line)
        end_column = row.end_column if row.end_column >= 0 else column + 1
        if row.column < 0:
            end_line, end_column = line, -1  # no column: the whole line (-1: its end)
        out.append(Message(line, column, end_line, end_column, row.severity, row.message, row.code))
    return out
