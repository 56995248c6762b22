"""Shutdown and exit; the server keeps serving after a request fails."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import change_doc, diagnostics_until, open_doc, start, uri, write

pytestmark = pytest.mark.asyncio


async def test_shutdown_then_exit_ends_the_process_cleanly(
    client: LanguageClient, tmp_path: Path
) -> None:
    write(tmp_path, {"a.py": "x: int = 1\n"})
    await start(client, tmp_path)
    open_doc(client, tmp_path, "a.py", 'x: int = ""\n')
    await diagnostics_until(client, uri(tmp_path, "a.py"), lambda d: len(d) == 1)
    assert await client.shutdown_async(None) is None
    client.exit(None)
    server = client._server
    assert server is not None
    assert await asyncio.wait_for(server.wait(), 10) == 0
    client.capabilities = None  # already shut down: the fixture must not do it again
    assert (tmp_path / "a.py").read_text() == "x: int = 1\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, str(Path(__file__).with_name("failing_server.py"))]
    )
)
async def failing(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_a_failing_request_answers_an_error_and_the_server_keeps_serving(
    failing: LanguageClient, tmp_path: Path
) -> None:
    client = failing
    write(tmp_path, {"a.py": "x = 1\n"})
    await start(client, tmp_path)
    open_doc(client, tmp_path, "a.py", "x = 1\n")
    await diagnostics_until(client, uri(tmp_path, "a.py"), lambda d: not d)
    with pytest.raises(JsonRpcInternalError, match="deliberate failure"):
        await client.text_document_hover_async(
            types.HoverParams(
                types.TextDocumentIdentifier(uri(tmp_path, "a.py")), types.Position(0, 0)
            )
        )
    assert any("deliberate failure" in m.message for m in client.log_messages)
    # Still serving: an edit gets its diagnostics.
    change_doc(client, tmp_path, "a.py", 'x: int = ""\n', 2)
    diags = await diagnostics_until(client, uri(tmp_path, "a.py"), lambda d: len(d) == 1)
    assert diags[0].code == "assignment"
