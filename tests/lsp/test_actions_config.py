"""Code actions (ignore an error, disable a code in the file) and config reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import change_doc, diagnostics_until, open_doc, start, uri, write

pytestmark = pytest.mark.asyncio


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = edit.range.start, edit.range.end
        offset = lambda p: sum(len(x) for x in lines[: p.line]) + p.character  # noqa: E731
        flat = "".join(lines)
        flat = flat[: offset(start)] + edit.new_text + flat[offset(end) :]
        lines = flat.splitlines(keepends=True)
    return "".join(lines)


async def actions_for(
    client: LanguageClient, doc_uri: str, diags: list[types.Diagnostic]
) -> dict[str, list[types.TextEdit]]:
    got = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(doc_uri),
            diags[0].range,
            types.CodeActionContext(diagnostics=diags),
        )
    )
    out: dict[str, list[types.TextEdit]] = {}
    for action in got or []:
        assert isinstance(action, types.CodeAction) and action.kind == types.CodeActionKind.QuickFix
        assert action.edit is not None and action.edit.changes is not None
        out[action.title] = list(action.edit.changes[doc_uri])
    return out


async def test_code_actions_fix_what_they_say(client: LanguageClient, tmp_path: Path) -> None:
    text = 'def f(x: int) -> None: ...\n\nf("a")  # a comment\nf(None)  # type: ignore[misc]\n'
    write(tmp_path, {"a.py": text})
    await start(client, tmp_path)
    doc = uri(tmp_path, "a.py")
    open_doc(client, tmp_path, "a.py", text)
    diags = await diagnostics_until(client, doc, lambda d: len(d) == 2)
    first = await actions_for(client, doc, [diags[0]])
    assert sorted(first) == [
        'Disable error code "arg-type" in this file',
        'Ignore this error: "# type: ignore[arg-type]"',
    ]
    ignored = apply(text, first['Ignore this error: "# type: ignore[arg-type]"'])
    assert ignored.splitlines()[2] == 'f("a")  # type: ignore[arg-type]  # a comment'
    # An existing ignore with other codes is extended.
    second = await actions_for(client, doc, [diags[1]])
    extended = apply(ignored, second['Ignore this error: "# type: ignore[arg-type]"'])
    assert extended.splitlines()[3] == "f(None)  # type: ignore[misc, arg-type]"
    change_doc(client, tmp_path, "a.py", extended, 2)
    assert await diagnostics_until(client, doc, lambda d: not d) == []
    # Disabling the code at the top of the file silences both.
    disabled = apply(text, first['Disable error code "arg-type" in this file'])
    assert disabled.splitlines()[0] == '# mypy: disable-error-code="arg-type"'
    change_doc(client, tmp_path, "a.py", disabled, 3)
    assert await diagnostics_until(client, doc, lambda d: not d) == []
    # The server never writes: the disk still has the original text.
    assert (tmp_path / "a.py").read_text() == text


async def test_config_reload_on_watched_file_change(client: LanguageClient, tmp_path: Path) -> None:
    write(tmp_path, {"mypy.ini": "[mypy]\n", "a.py": "def f(x):\n    return x\n"})
    await start(client, tmp_path, editor="visual-studio-code")
    doc = uri(tmp_path, "a.py")
    open_doc(client, tmp_path, "a.py", "def f(x):\n    return x\n")
    await diagnostics_until(client, doc, lambda d: not d)
    # The server asked the editor to watch the config files.
    watched = [
        w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]
    ]  # type: ignore[attr-defined]
    assert "**/mypy.ini" in watched and "**/*.py" in watched
    (tmp_path / "mypy.ini").write_text("[mypy]\ndisallow_untyped_defs = True\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri(tmp_path, "mypy.ini"), types.FileChangeType.Changed)]
        )
    )
    diags = await diagnostics_until(client, doc, lambda d: len(d) == 1)
    assert (diags[0].message, diags[0].code) == (
        "Function is missing a type annotation",
        "no-untyped-def",
    )
    # A bad value is reported as the command line reports it; the rest of the config applies.
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\ndisallow_untyped_defs = True\npython_version = banana\n"
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri(tmp_path, "mypy.ini"), types.FileChangeType.Changed)]
        )
    )
    change_doc(client, tmp_path, "a.py", "def f(x):\n    return x\n\ndef g(y):\n    return y\n", 2)
    diags = await diagnostics_until(client, doc, lambda d: len(d) == 2)
    assert [m.message for m in client.messages] == [
        "mypy.ini: [mypy]: python_version: Invalid python version 'banana' (expected format: 'x.y')"
    ]


async def test_config_change_seen_without_file_watching(
    client: LanguageClient, tmp_path: Path
) -> None:
    # Neovim's capabilities here: no dynamic registration of file watchers.
    write(tmp_path, {"pyproject.toml": "[tool.mypy]\n", "a.py": "def f(x):\n    return x\n"})
    await start(client, tmp_path, editor="neovim")
    doc = uri(tmp_path, "a.py")
    open_doc(client, tmp_path, "a.py", "def f(x):\n    return x\n")
    await diagnostics_until(client, doc, lambda d: not d)
    assert client.registrations == []  # type: ignore[attr-defined]
    (tmp_path / "pyproject.toml").write_text("[tool.mypy]\ndisallow_untyped_defs = true\n")
    change_doc(client, tmp_path, "a.py", "def f(x):\n    return x\n\n", 2)
    diags = await diagnostics_until(client, doc, lambda d: len(d) == 1)
    assert diags[0].code == "no-untyped-def"
