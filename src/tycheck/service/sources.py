"""Source texts: decoding a file's bytes, parsed modules kept by text, a module's options.

Helpers of ``incremental.py`` with no engine state of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from tycheck.checker.api import SourceModule

if TYPE_CHECKING:
    from tycheck.inputs.options import Options


def decode_source(data: bytes) -> str:
    """Source bytes to text: a BOM or a PEP 263 coding cookie decides, else UTF-8."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"  # undecodable first lines: let the decoder say what is wrong
    text = data.decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


class ParseCache:
    """Parsed modules by (path, text): stubs shared by every session of the process, user
    files kept in their latest version only, so memory stays flat across edits."""

    _shared: dict[tuple[str, str], SourceModule] = {}
    SHARED_LIMIT = 4000

    def __init__(self, is_stable: "Callable[[str], bool]") -> None:
        self.is_stable = is_stable
        self.latest: dict[str, tuple[str, SourceModule]] = {}

    def get(self, key: tuple[str, str]) -> SourceModule | None:
        path, text = key
        if self.is_stable(path):
            return self._shared.get(key)
        got = self.latest.get(path)
        return got[1] if got is not None and got[0] == text else None

    def __setitem__(self, key: tuple[str, str], mod: SourceModule) -> None:
        path, text = key
        if self.is_stable(path):
            if len(self._shared) >= self.SHARED_LIMIT:
                self._shared.clear()
            self._shared[key] = mod
        else:
            self.latest[path] = (text, mod)


def module_options(
    options: "Options", name: str, text: str
) -> "tuple[Options, list[tuple[int, str]]]":
    """A module's options: its config sections, then its own ``# mypy:`` comments (and their errors)."""
    from tycheck.inputs.inline import apply_inline_config

    opts = options.for_module(name)
    if "# mypy:" not in text:
        return opts, []
    return apply_inline_config(text, opts)
