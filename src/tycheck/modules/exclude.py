"""``--exclude`` regular expressions, applied to paths found while walking directories.

A path is matched in its cwd-relative form with ``/`` separators, and directories get a
trailing ``/`` so that a pattern like ``build/`` skips a directory but not ``build.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from tycheck.modules.failure import SourceError

_RE_DOC = "https://docs.python.org/3/library/re.html"


def _invalid_pattern(pattern: str, err: re.error) -> SourceError:
    hint = (
        "\n(Hint: use / as a path separator, even if you're on Windows!)" if "\\" in pattern else ""
    )
    return SourceError(
        f"error: The exclude {pattern} is an invalid regular expression, because: {err}"
        f"{hint}\nFor more information on Python's flavor of regex, see: {_RE_DOC}",
        2,
    )


def exclude_subject(path: str, cwd: str, is_dir: bool) -> str:
    """The string the patterns are searched in."""
    absolute = os.path.normpath(os.path.join(cwd, path))
    subject = os.path.relpath(absolute, cwd).replace(os.sep, "/")
    return subject + "/" if is_dir else subject


def matches_exclude(path: str, patterns: Sequence[str], cwd: str, is_dir: bool) -> bool:
    """Whether any pattern is found in the path; raises ``SourceError`` for a bad pattern."""
    if not patterns:
        return False
    subject = exclude_subject(path, cwd, is_dir)
    for pattern in patterns:
        try:
            if re.search(pattern, subject):
                return True
        except re.error as err:
            raise _invalid_pattern(pattern, err) from err
    return False
