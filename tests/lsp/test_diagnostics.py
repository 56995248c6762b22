"""Diagnostics over stdio: unsaved buffers, edits reaching other files, push and pull, progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lsprotocol import types
import pytest
from pytest_lsp import LanguageClient

from tests.lsp.conftest import change_doc, diagnostics_until, messages, open_doc, start, uri, write

pytestmark = pytest.mark.asyncio

ASSIGN = 'Incompatible types in assignment (expression has type "str", variable has type "int")'


def tycheck_lines(root: Path, *args: str) -> list[str]:
    """What the command line prints for the project (the oracle of 'same text, same answer')."""
    run = subprocess.run(
        [sys.executable, "-m", "tycheck", "--show-column-numbers", "--show-error-end", *args],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return run.stdout.splitlines()[:-1]


async def test_unsaved_buffer_with_an_error(client: LanguageClient, tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "x: int = 1\n"})
    await start(client, tmp_path)
    open_doc(client, tmp_path, "a.py", 'x: int = 1\ny: int = "s"\n')
    diags = await diagnostics_until(client, uri(tmp_path, "a.py"), lambda d: len(d) == 1)
    assert messages(diags) == [(1, 9, 1, 12, ASSIGN, "assignment")]
    d = diags[0]
    assert d.severity == types.DiagnosticSeverity.Error and d.source == "tycheck"
    assert (
        d.code_description is not None
        and d.code_description.href
        == "https://mypy.readthedocs.io/en/stable/_refs.html#code-assignment"
    )
    # The disk was never written, and the fix clears the diagnostics.
    assert (tmp_path / "a.py").read_text() == "x: int = 1\n"
    change_doc(client, tmp_path, "a.py", "x: int = 1\ny: int = 2\n", 2)
    assert await diagnostics_until(client, uri(tmp_path, "a.py"), lambda d: not d) == []
    assert (tmp_path / "a.py").read_text() == "x: int = 1\n"


async def test_an_edit_changes_another_files_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    write(
        tmp_path,
        {
            "lib.py": "def f() -> int:\n    return 1\n",
            "main.py": "import lib\n\nn: int = lib.f()\n",
        },
    )
    await start(client, tmp_path)
    open_doc(client, tmp_path, "lib.py", "def f() -> int:\n    return 1\n")
    await diagnostics_until(client, uri(tmp_path, "lib.py"), lambda d: not d)
    change_doc(client, tmp_path, "lib.py", 'def f() -> str:\n    return "s"\n', 2)
    diags = await diagnostics_until(client, uri(tmp_path, "main.py"), lambda d: len(d) == 1)
    assert messages(diags) == [(2, 9, 2, 16, ASSIGN, "assignment")]
    # Closing the unsaved buffer returns to the disk's text: main.py is clean again.
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri(tmp_path, "lib.py")))
    )
    assert await diagnostics_until(client, uri(tmp_path, "main.py"), lambda d: not d) == []


async def test_same_answer_as_the_command_line(client: LanguageClient, tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/m.py": "from typing import List\n\ndef g(xs: List[int]) -> None:\n    xs.append('a')\n    reveal_type(xs)\n    undefined_name\n",
        "top.py": "from pkg.m import g\ng([1], 2)\nimport missing_module\n",
    }
    write(tmp_path, files)
    await start(client, tmp_path)
    expected = tycheck_lines(tmp_path, ".")
    for name in ("pkg/m.py", "top.py"):
        diags = await diagnostics_until(client, uri(tmp_path, name), lambda d: len(d) > 0)
        got = []
        for d in diags:
            severity = "error" if d.severity == types.DiagnosticSeverity.Error else "note"
            r = d.range
            code = f"  [{d.code}]" if d.code else ""
            got.append(
                f"{name}:{r.start.line + 1}:{r.start.character + 1}:{r.end.line + 1}:{r.end.character}: {severity}: {d.message}{code}"
            )
            got.extend(
                f"{name}:{r.start.line + 1}: note: {info.message}"
                for info in d.related_information or []
            )
        printed = [line for line in expected if line.startswith(name + ":")]
        # Notes attached to an error are printed without columns here; compare what both have.
        assert [g.split(": ", 1)[1] for g in got] == [p.split(": ", 1)[1] for p in printed]
        assert [g.split(":")[1] for g in got] == [p.split(":")[1] for p in printed]


async def test_pull_diagnostics_and_progress(client: LanguageClient, tmp_path: Path) -> None:
    write(tmp_path, {"a.py": 'x: int = "s"\n'})
    result = await start(client, tmp_path, editor="visual-studio-code")
    assert result.capabilities.diagnostic_provider is not None
    open_doc(client, tmp_path, "a.py", 'x: int = "s"\n')
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri(tmp_path, "a.py")))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert messages(report.items) == [(0, 9, 0, 12, ASSIGN, "assignment")]
    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            types.TextDocumentIdentifier(uri(tmp_path, "a.py")), previous_result_id=report.result_id
        )
    )
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    # The first check of the workspace reported $/progress: begin, then end.
    kinds = [type(v).__name__ for reports in client.progress_reports.values() for v in reports]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"


async def test_deeply_nested_expression_same_answer_as_the_command_line(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = "s: str = " + " + ".join(["'a'"] * 2000) + "\nn: int = s\n"
    write(tmp_path, {"deep.py": text})
    await start(client, tmp_path)
    expected = tycheck_lines(tmp_path, "deep.py")
    diags = await diagnostics_until(client, uri(tmp_path, "deep.py"), lambda d: len(d) > 0)
    assert expected == [
        'deep.py:2:10:2:10: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]'
    ]
    assert [(d.range.start.line + 1, d.message, d.code) for d in diags] == [
        (2, expected[0].split(": ", 2)[2].split("  [")[0], "assignment")
    ]
