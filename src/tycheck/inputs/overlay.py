"""Unsaved editor buffers laid over another file system (the disk, usually).

A language server keeps the text of every open document; the checker must see that text,
not the disk's, and an importing module must see it too. ``OverlayFileSystem`` answers every
``FileSystem`` call from the open buffers first and from the underlying file system otherwise.
Closing a buffer makes the disk's text visible again. Nothing is ever written.

Each buffer carries the editor's version number. ``stat`` reports a modification time made
from a private generation counter, so the session's "stat first, then hash" refresh notices
every new version (and the return to the disk's file after a close) without comparing text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tycheck.inputs.fs import FileStat, FileSystem


@dataclass(frozen=True)
class Buffer:
    """One open document: its text, the editor's version and the overlay's generation."""

    text: str
    version: int
    generation: int
    data: bytes


class OverlayFileSystem:
    """A ``FileSystem`` whose open buffers (by absolute, normalised path) hide the base's files."""

    def __init__(self, base: FileSystem) -> None:
        self.base = base
        self._buffers: dict[str, Buffer] = {}
        self._generation = 0

    # -- the editor's side ---------------------------------------------------------------

    @staticmethod
    def key(path: str) -> str:
        return os.path.normpath(os.path.abspath(path))

    def set_buffer(self, path: str, text: str, version: int) -> bool:
        """Open or update a buffer; True when the checker's view of the file changed."""
        key = self.key(path)
        old = self._buffers.get(key)
        if old is not None and old.text == text:
            if old.version != version:
                self._buffers[key] = Buffer(text, version, old.generation, old.data)
            return False
        self._generation += 1
        self._buffers[key] = Buffer(
            text, version, self._generation, text.encode("utf-8", "surrogatepass")
        )
        return True

    def close_buffer(self, path: str) -> bool:
        """Drop a buffer (the disk's text shows again); True when one was open."""
        return self._buffers.pop(self.key(path), None) is not None

    def buffer(self, path: str) -> Buffer | None:
        return self._buffers.get(self.key(path))

    def version(self, path: str) -> int | None:
        """The editor's version of the open buffer at ``path``, None when it is not open."""
        buf = self._buffers.get(self.key(path))
        return None if buf is None else buf.version

    def open_paths(self) -> tuple[str, ...]:
        return tuple(sorted(self._buffers))

    # -- the FileSystem protocol -------------------------------------------------------------

    def read_bytes(self, path: str) -> bytes | None:
        buf = self._buffers.get(self.key(path))
        return buf.data if buf is not None else self.base.read_bytes(path)

    def stat(self, path: str) -> FileStat | None:
        buf = self._buffers.get(self.key(path))
        if buf is None:
            return self.base.stat(path)
        # A negative time never equals a real file's, so opening and closing are noticed too.
        return FileStat(-float(buf.generation), len(buf.data), False)

    def is_file(self, path: str) -> bool:
        return self.key(path) in self._buffers or self.base.is_file(path)

    def is_dir(self, path: str) -> bool:
        if self.base.is_dir(path):
            return True
        prefix = self.key(path) + os.sep
        return any(p.startswith(prefix) for p in self._buffers)

    def listdir(self, path: str) -> tuple[str, ...] | None:
        """The base's entries plus open buffers not yet saved in this directory."""
        listed = self.base.listdir(path)
        directory = self.key(path)
        extra = {os.path.basename(p) for p in self._buffers if os.path.dirname(p) == directory}
        if not extra:
            return listed
        return tuple(sorted(set(listed or ()) | extra))
