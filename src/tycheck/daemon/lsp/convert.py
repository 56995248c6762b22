"""tycheck's messages as LSP values: URIs, ranges, diagnostics with their code links.

Positions stay as tycheck prints them, made 0-based: the same line and column a user reads in
``tycheck --show-column-numbers --show-error-end`` output, minus one on each.
"""

from __future__ import annotations

import os
from urllib.parse import quote, unquote, urlparse

from lsprotocol import types

from tycheck.service.editor import Message

SOURCE = "tycheck"
CODE_DOCS = "https://mypy.readthedocs.io/en/stable/_refs.html#code-"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
}


def uri_to_path(uri: str) -> str | None:
    """The absolute path of a ``file:`` URI, None for any other scheme (unsaved, remote...)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]
    return os.path.normpath(path)


def path_to_uri(path: str) -> str:
    return "file://" + quote(os.path.abspath(path).replace(os.sep, "/"))


def message_range(msg: Message) -> types.Range:
    if msg.end_column < 0:  # a message without a column covers its whole line
        return types.Range(types.Position(msg.line, 0), types.Position(msg.line + 1, 0))
    return types.Range(
        types.Position(msg.line, msg.column), types.Position(msg.end_line, msg.end_column)
    )


def to_diagnostic(msg: Message, uri: str) -> types.Diagnostic:
    """One printed message; the notes printed after it become related information."""
    related = [
        types.DiagnosticRelatedInformation(
            types.Location(
                uri, types.Range(types.Position(n.line, n.column), types.Position(n.line, n.column))
            ),
            n.message,
        )
        for n in msg.notes
    ]
    # A note's code is never printed (``misc``): it would only be noise in an editor.
    code = msg.code if msg.severity != "note" else None
    return types.Diagnostic(
        range=message_range(msg),
        message=msg.message,
        severity=_SEVERITY.get(msg.severity, types.DiagnosticSeverity.Error),
        code=code,
        code_description=types.CodeDescription(href=CODE_DOCS + code) if code else None,
        source=SOURCE,
        related_information=related or None,
    )


def to_diagnostics(messages: tuple[Message, ...], uri: str) -> list[types.Diagnostic]:
    return [to_diagnostic(m, uri) for m in messages]
