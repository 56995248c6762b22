"""Fixtures for the language server tests: ``tycheckd lsp`` driven over stdio by pytest-lsp.

``client`` is a started server that has not been initialized yet: a test writes its project
first (``write``), then calls ``start`` with the project as workspace folder. At teardown the
client sends ``shutdown`` and ``exit`` (the shutdown test checks the exit code itself).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "tycheck.cli.daemon_client", "lsp"]
TIMEOUT = 60.0


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def uri(root: Path, name: str) -> str:
    return (root / name).as_uri()


async def start(
    client: LanguageClient,
    root: Path,
    options: dict[str, Any] | None = None,
    editor: str = "neovim",
) -> types.InitializeResult:
    """Initialize with ``root`` as the workspace folder and a real editor's capabilities."""
    registrations: list[types.Registration] = []
    client.registrations = registrations  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # as an editor does: accept
        registrations.extend(params.registrations)

    return await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
            initialization_options={"debounceMs": 10, **(options or {})},
        )
    )


def open_doc(client: LanguageClient, root: Path, name: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri(root, name), "python", version, text)
        )
    )


def change_doc(client: LanguageClient, root: Path, name: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri(root, name)),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics_until(
    client: LanguageClient,
    doc_uri: str,
    done: Callable[[Sequence[types.Diagnostic]], bool],
    timeout: float = TIMEOUT,
) -> Sequence[types.Diagnostic]:
    """The pushed diagnostics of ``doc_uri`` once ``done`` accepts them (fails after ``timeout``)."""

    async def wait() -> Sequence[types.Diagnostic]:
        while not (doc_uri in client.diagnostics and done(client.diagnostics[doc_uri])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[doc_uri])

    return await asyncio.wait_for(wait(), timeout)


def messages(diags: Sequence[types.Diagnostic]) -> list[tuple[int, int, int, int, str, str | None]]:
    return [
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message,
            d.code,
        )
        for d in diags
    ]  # type: ignore[misc]
