"""Shutdown and exit; the server keeps serving after a request fails."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import diagnostics_until, open_doc, start, uri, write

pytestmark = pytest.mark.asyncio


async def test_shutdown_then_exit_ends_the_process_cleanly(client: LanguageClient, tmp_path: Path) -> None:
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
