"""Quick fixes for a tycheck error: ignore it on its line, or disable its code in the file.

Both are pure text edits computed from the document the editor holds; the server never
writes a file, the editor applies the edit to its buffer.

* "Ignore": append ``# type: ignore[code]`` to the error's line, or add the code to the
  line's existing ``# type: ignore[...]``. The comment goes before any other comment of the
  line (Python only reads a type comment at the start of a comment) and never inside a
  multi-line string: then the next line of the reported expression that ends in code gets it.
* "Disable": add the code to the file's ``# mypy: disable-error-code="..."`` line, or insert
  one at the top (after a shebang or coding line).
"""

from __future__ import annotations

import io
import re
import tokenize

from lsprotocol import types

from tycheck.daemon.lsp.convert import SOURCE

_IGNORE = re.compile(r"#\s*type:\s*ignore(\[(?P<codes>[^\]]*)\])?")
_DISABLE = re.compile(
    r"^#\s*mypy:.*?disable-error-code\s*=\s*(?P<q>[\"']?)(?P<codes>[^\"'\n]*)(?P=q)"
)
_HEADER = re.compile(r"^(#!|#.*coding[:=])")


def code_actions(
    uri: str, text: str, diagnostics: list[types.Diagnostic]
) -> list[types.CodeAction]:
    """The fixes offered for the tycheck errors among ``diagnostics``."""
    lines = text.splitlines()
    layout = _Layout(text)
    out: list[types.CodeAction] = []
    for diag in diagnostics:
        code = diag.code if isinstance(diag.code, str) else None
        if diag.source != SOURCE or code is None or diag.severity != types.DiagnosticSeverity.Error:
            continue
        ignore = _ignore_edit(lines, layout, diag.range.start.line, diag.range.end.line, code)
        if ignore is not None:
            out.append(_action(f'Ignore this error: "# type: ignore[{code}]"', uri, ignore, diag))
        disable = _disable_edit(lines, code)
        if disable is not None:
            out.append(_action(f'Disable error code "{code}" in this file', uri, disable, diag))
    return out


def _action(title: str, uri: str, edit: types.TextEdit, diag: types.Diagnostic) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


class _Layout:
    """Where each line's comment starts, and which line ends fall inside a token (a string)."""

    def __init__(self, text: str) -> None:
        self.comments: dict[int, int] = {}  # 0-based line -> column of its comment
        self.open_ends: set[int] = set()  # 0-based lines whose end is inside a multi-line token
        self.ok = True
        try:
            for tok in tokenize.generate_tokens(io.StringIO(text).readline):
                if tok.type == tokenize.COMMENT:
                    self.comments[tok.start[0] - 1] = tok.start[1]
                elif tok.start[0] != tok.end[0] and tok.type not in (tokenize.NL, tokenize.NEWLINE):
                    self.open_ends.update(range(tok.start[0] - 1, tok.end[0] - 1))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            self.ok = False  # a broken file: fall back to reading each line alone

    def comment_column(self, line: int, text: str) -> int | None:
        if self.ok:
            return self.comments.get(line)
        found = text.find("#")
        return None if found < 0 else found


def _ignore_edit(
    lines: list[str], layout: _Layout, start: int, end: int, code: str
) -> types.TextEdit | None:
    line = next((n for n in range(start, max(start, end) + 1) if n not in layout.open_ends), start)
    if line >= len(lines):
        return None
    text = lines[line]
    column = layout.comment_column(line, text)
    comment = text[column:] if column is not None else ""
    found = _IGNORE.match(comment)
    if found is not None and column is not None:
        if found.group("codes") is None:
            return None  # a bare ignore already silences every code of the line
        codes = [c.strip() for c in found.group("codes").split(",") if c.strip()]
        if code in codes:
            return None
        at = column + found.end(1) - 1  # before the closing bracket
        return _insert(line, text, at, (", " if codes else "") + code)
    if column is not None:
        return _insert(line, text, column, f"# type: ignore[{code}]  ")
    return _insert(line, text, len(text.rstrip()), f"  # type: ignore[{code}]")


def _disable_edit(lines: list[str], code: str) -> types.TextEdit | None:
    for n, text in enumerate(lines):
        found = _DISABLE.match(text)
        if found is None:
            continue
        codes = [c.strip() for c in found.group("codes").split(",") if c.strip()]
        if code in codes:
            return None
        return _insert(n, text, found.end("codes"), (", " if codes else "") + code)
    top = 0
    while top < min(len(lines), 2) and _HEADER.match(lines[top]):
        top += 1
    pos = types.Position(top, 0)
    return types.TextEdit(types.Range(pos, pos), f'# mypy: disable-error-code="{code}"\n')


def _insert(line: int, text: str, column: int, new: str) -> types.TextEdit:
    pos = types.Position(line, utf16_column(text, column))
    return types.TextEdit(types.Range(pos, pos), new)


def utf16_column(text: str, column: int) -> int:
    """A column in characters as the editor counts it (UTF-16 code units)."""
    return len(text[:column].encode("utf-16-le")) // 2
