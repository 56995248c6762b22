"""The file system seen by the checker: the only code in tycheck that touches the disk.

Everything else reads files through a ``FileSystem`` so that the daemon can record each
observation as an engine input (and re-validate it after an edit), and tests can use an
in-memory tree.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FileStat:
    """What a stat call tells: enough to notice most edits without reading the file.

    ``mode`` is the permission bits and file type (``st_mode``): ``chmod 000`` changes
    neither mtime nor size, yet it makes a file unreadable.
    """

    mtime: float
    size: int
    is_dir: bool
    mode: int = 0

    def signature(self) -> tuple[float, int, int]:
        """What must stay equal for a file to count as unchanged without re-reading it."""
        return (self.mtime, self.size, self.mode)


class FileSystem(Protocol):
    """Read-only view of a file tree. Paths are strings, as given (relative to the cwd or absolute)."""

    def read_bytes(self, path: str) -> bytes | None:
        """The file's content, or None when it is missing or unreadable."""
        ...

    def stat(self, path: str) -> FileStat | None:
        """Modification time, size and mode, or None when the path does not exist."""
        ...

    def is_file(self, path: str) -> bool: ...

    def is_dir(self, path: str) -> bool: ...

    def listdir(self, path: str) -> tuple[str, ...] | None:
        """Sorted entry names, or None when the path is not a readable directory."""
        ...


class RealFileSystem:
    """The operating system's file system."""

    def read_bytes(self, path: str) -> bytes | None:
        try:
            with open(path, "rb") as f:
                return f.read()
        except (OSError, ValueError):
            return None

    def stat(self, path: str) -> FileStat | None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        import stat as stat_mod

        return FileStat(st.st_mtime, st.st_size, stat_mod.S_ISDIR(st.st_mode), st.st_mode)

    def is_file(self, path: str) -> bool:
        return os.path.isfile(path)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def listdir(self, path: str) -> tuple[str, ...] | None:
        try:
            return tuple(sorted(os.listdir(path)))
        except (OSError, ValueError):
            return None


class MemoryFileSystem:
    """An in-memory tree for tests: a mapping from normalised path to bytes."""

    def __init__(self, files: dict[str, bytes | str] | None = None) -> None:
        self.files: dict[str, bytes] = {}
        for path, content in (files or {}).items():
            self.write(path, content)

    def write(self, path: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[os.path.normpath(path)] = data

    def delete(self, path: str) -> None:
        self.files.pop(os.path.normpath(path), None)

    def read_bytes(self, path: str) -> bytes | None:
        return self.files.get(os.path.normpath(path))

    def stat(self, path: str) -> FileStat | None:
        norm = os.path.normpath(path)
        if norm in self.files:
            return FileStat(0.0, len(self.files[norm]), False)
        if self.is_dir(norm):
            return FileStat(0.0, 0, True)
        return None

    def is_file(self, path: str) -> bool:
        return os.path.normpath(path) in self.files

    def is_dir(self, path: str) -> bool:
        prefix = os.path.normpath(path)
        if prefix == ".":
            return bool(self.files)
        return any(p.startswith(prefix + os.sep) for p in self.files)

    def listdir(self, path: str) -> tuple[str, ...] | None:
        prefix = os.path.normpath(path)
        names: set[str] = set()
        for p in self.files:
            if prefix == ".":
                rest = p
            elif p.startswith(prefix + os.sep):
                rest = p[len(prefix) + 1 :]
            else:
                continue
            names.add(rest.split(os.sep, 1)[0])
        return tuple(sorted(names)) if names else None


class ModuleSearchFS:
    """``fs`` with listings cut to what module search can use: directories (packages,
    namespace packages, ``x-stubs``), ``.py``/``.pyi`` files and ``py.typed`` markers, never
    hidden entries.

    A long-lived session records each searched directory's listing as an input, and a changed
    listing means a file appeared or vanished: a fresh program. Logs, editor swap files and
    build output coming and going in a searched directory (the project root, or a directory
    on the interpreter's own ``sys.path``) then leave the listing, and all it decides, as
    they were."""

    def __init__(self, fs: FileSystem) -> None:
        self.fs = fs

    def read_bytes(self, path: str) -> bytes | None:
        return self.fs.read_bytes(path)

    def stat(self, path: str) -> FileStat | None:
        return self.fs.stat(path)

    def is_file(self, path: str) -> bool:
        return self.fs.is_file(path)

    def is_dir(self, path: str) -> bool:
        return self.fs.is_dir(path)

    def listdir(self, path: str) -> tuple[str, ...] | None:
        if type(self.fs) is RealFileSystem:
            return _module_entries_on_disk(path)
        names = self.fs.listdir(path)
        if names is None:
            return None
        return tuple(
            n
            for n in names
            if not n.startswith(".")
            and (_is_module_file(n) or self.fs.is_dir(os.path.join(path, n)))
        )


def _is_module_file(name: str) -> bool:
    return name.endswith((".py", ".pyi")) or name == "py.typed"


def _module_entries_on_disk(path: str) -> tuple[str, ...] | None:
    """``ModuleSearchFS.listdir`` on disk: the directory entry's type needs no ``stat``
    (except for a symbolic link, followed like ``os.path.isdir`` does)."""
    try:
        with os.scandir(path) as entries:
            names = [
                e.name
                for e in entries
                if not e.name.startswith(".") and (_is_module_file(e.name) or _entry_is_dir(e))
            ]
    except (OSError, ValueError):
        return None
    return tuple(sorted(names))


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def content_hash(data: bytes) -> str:
    """A stable digest of a file's bytes, used to tell a real edit from a touched file."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def write_text(path: str, text: str) -> None:
    """Write a report file (``--junit-xml``) atomically: a reader never sees half of it."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tycheck-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
