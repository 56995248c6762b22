"""Hover, definition and type definition over stdio, on unsaved text, as ``inspect`` answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import diagnostics_until, open_doc, start, uri, write

pytestmark = pytest.mark.asyncio

LIB = "class C:\n    def meth(self, x: int) -> str:\n        return str(x)\n\ndef f() -> int:\n    return 1\n"
# Unsaved: the disk has only the first line, so answers must come from the buffer.
MAIN = "import lib\nfrom lib import C\n\nn = lib.f()\nc = C()\ns = c.meth(n)\nprint(len(s))\n"


async def open_project(client: LanguageClient, root: Path) -> str:
    write(root, {"lib.py": LIB, "main.py": "import lib\n"})
    await start(client, root)
    open_doc(client, root, "main.py", MAIN)
    await diagnostics_until(client, uri(root, "main.py"), lambda d: not d)
    return uri(root, "main.py")


def at(doc: str, line: int, character: int) -> types.TextDocumentPositionParams:
    return types.TextDocumentPositionParams(
        types.TextDocumentIdentifier(doc), types.Position(line, character)
    )


async def test_hover_names_the_innermost_type(client: LanguageClient, tmp_path: Path) -> None:
    doc = await open_project(client, tmp_path)
    p = at(doc, 5, 7)  # on "meth" of s = c.meth(n)
    got = await client.text_document_hover_async(types.HoverParams(p.text_document, p.position))
    assert got is not None and isinstance(got.contents, types.MarkupContent)
    assert got.contents.value == "```python\nCallable[[int], str]\n```"
    assert got.range == types.Range(types.Position(5, 4), types.Position(5, 10))
    p = at(doc, 3, 0)  # the target n
    got = await client.text_document_hover_async(types.HoverParams(p.text_document, p.position))
    assert got is not None and "int" in got.contents.value  # type: ignore[union-attr]
    p = at(doc, 2, 0)  # an empty line: no expression
    assert (
        await client.text_document_hover_async(types.HoverParams(p.text_document, p.position))
        is None
    )


async def test_definition_reaches_other_modules_and_stubs(
    client: LanguageClient, tmp_path: Path
) -> None:
    doc = await open_project(client, tmp_path)
    p = at(doc, 3, 8)  # f of lib.f()
    got = await client.text_document_definition_async(
        types.DefinitionParams(p.text_document, p.position)
    )
    assert got == [
        types.Location(
            uri(tmp_path, "lib.py"), types.Range(types.Position(4, 0), types.Position(4, 0))
        )
    ]
    p = at(doc, 5, 7)  # meth
    got = await client.text_document_definition_async(
        types.DefinitionParams(p.text_document, p.position)
    )
    assert got == [
        types.Location(
            uri(tmp_path, "lib.py"), types.Range(types.Position(1, 4), types.Position(1, 4))
        )
    ]
    p = at(doc, 6, 7)  # len: typeshed's builtins stub
    got = await client.text_document_definition_async(
        types.DefinitionParams(p.text_document, p.position)
    )
    assert isinstance(got, list) and len(got) == 1 and got[0].uri.endswith("/builtins.pyi")  # type: ignore[union-attr]


async def test_type_definition_is_the_class_of_the_type(
    client: LanguageClient, tmp_path: Path
) -> None:
    doc = await open_project(client, tmp_path)
    p = at(doc, 4, 0)  # c = C(): c is a C
    got = await client.text_document_type_definition_async(
        types.TypeDefinitionParams(p.text_document, p.position)
    )
    assert got == [
        types.Location(
            uri(tmp_path, "lib.py"), types.Range(types.Position(0, 0), types.Position(0, 0))
        )
    ]
    p = at(doc, 5, 0)  # s is a str: typeshed
    got = await client.text_document_type_definition_async(
        types.TypeDefinitionParams(p.text_document, p.position)
    )
    assert isinstance(got, list) and got[0].uri.endswith("/builtins.pyi")  # type: ignore[union-attr]
