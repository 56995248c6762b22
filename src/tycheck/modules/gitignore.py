"""``--exclude-gitignore``: skip paths that the repository's ``.gitignore`` files ignore.

For a path being considered, the ``.gitignore`` files that apply are those of its directory
and every ancestor up to the repository root (the first directory holding ``.git``, or the
file-system root), plus the root's ``.git/info/exclude``. Each file's patterns are matched
against the path relative to that file's directory; in every file the last matching pattern
decides (``!`` re-includes). Directories are matched with a trailing ``/``.

Patterns follow git's wildmatch rules: ``*`` and ``?`` stay within one path segment, ``**``
spans segments, a pattern with an inner or leading ``/`` is anchored at its file's
directory, a trailing ``/`` matches directories only, and a match of a directory also covers
everything below it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tycheck.inputs.fs import FileSystem


@dataclass(frozen=True)
class GitignorePattern:
    regex: re.Pattern[str]
    negate: bool


def _glob_segment(segment: str) -> str:
    """Regex for one path segment of a wildmatch pattern."""
    out: list[str] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch == "\\" and i + 1 < len(segment):
            out.append(re.escape(segment[i + 1]))
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = segment.find("]", i + 2)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = segment[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def compile_pattern(line: str) -> GitignorePattern | None:
    """A compiled pattern, or None for blank and comment lines."""
    text = line.rstrip("\n").rstrip("\r")
    # Trailing spaces are ignored unless escaped.
    while text.endswith(" ") and not text.endswith("\\ "):
        text = text[:-1]
    if not text or text.startswith("#"):
        return None
    negate = text.startswith("!")
    if negate:
        text = text[1:]
    elif text.startswith("\\"):
        text = text[1:]
    dir_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    anchored = "/" in text
    segments = text.lstrip("/").split("/")
    regex = "^" if anchored else "^(?:.+/)?"
    if segments[0] == "**":
        regex, segments = "^(?:.+/)?", segments[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            regex += ".*" if last else "(?:.+/)?"
        else:
            regex += _glob_segment(segment) + ("" if last else "/")
    if segments and segments[-1] == "**":
        regex += "$"
    else:
        regex += "/.*$" if dir_only else "(?:/.*)?$"
    return GitignorePattern(re.compile(regex), negate)


def parse_gitignore(text: str) -> tuple[GitignorePattern, ...]:
    return tuple(p for p in map(compile_pattern, text.splitlines()) if p is not None)


def is_ignored(patterns: tuple[GitignorePattern, ...], relative: str) -> bool:
    """Whether the last pattern matching ``relative`` (``/``-separated) ignores it."""
    verdict = False
    for pattern in patterns:
        if pattern.regex.match(relative):
            verdict = not pattern.negate
    return verdict


class GitignoreMatcher:
    """Caches the ``.gitignore`` files seen per directory for one discovery."""

    def __init__(self, fs: FileSystem) -> None:
        self.fs = fs
        self._chains: dict[str, list[tuple[str, tuple[GitignorePattern, ...]]]] = {}

    def _read(self, path: str) -> tuple[GitignorePattern, ...] | None:
        data = self.fs.read_bytes(path) if self.fs.is_file(path) else None
        return None if data is None else parse_gitignore(data.decode("utf-8", errors="replace"))

    def chain(self, directory: str) -> list[tuple[str, tuple[GitignorePattern, ...]]]:
        """(directory, patterns) of the ignore files applying inside absolute ``directory``."""
        cached = self._chains.get(directory)
        if cached is not None:
            return cached
        parent = os.path.dirname(directory)
        result: list[tuple[str, tuple[GitignorePattern, ...]]] = []
        if parent == directory or self.fs.is_dir(os.path.join(directory, ".git")):
            info = self._read(os.path.join(directory, ".git", "info", "exclude"))
            if info is not None:
                result.append((directory, info))
        else:
            result.extend(self.chain(parent))
        own = self._read(os.path.join(directory, ".gitignore"))
        if own is not None:
            result.append((directory, own))
        self._chains[directory] = result
        return result

    def matches(self, path: str, cwd: str) -> bool:
        """Whether ``path`` (relative to ``cwd`` or absolute) is ignored by git."""
        absolute = os.path.normpath(os.path.join(cwd, path))
        for directory, patterns in self.chain(os.path.dirname(absolute)):
            relative = os.path.relpath(absolute, directory).replace(os.sep, "/")
            # mypy tests the relative path against the working directory (not the ignore
            # file's directory) to decide whether it is a directory; we do the same so
            # that the same paths are excluded.
            if self.fs.is_dir(os.path.join(cwd, relative)):
                relative += "/"
            if is_ignored(patterns, relative):
                return True
        return False
