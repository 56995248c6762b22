"""The pygls language server behind ``tycheckd lsp``: handlers and start-up.

The workspace folder is the session's working directory: its mypy config is found as the
command line finds it, and it is read again when a config file changes
(``workspace/didChangeWatchedFiles``). ``initializationOptions`` only choose server
behaviour: ``args`` (extra tycheck flags or targets), ``debounceMs``, ``diagnosticMode``.

Every request handler logs a failure (``window/logMessage``) before pygls answers it with an
error response; the server keeps serving.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from tycheck import __version__
from tycheck.daemon.lsp.actions import code_actions
from tycheck.daemon.lsp.convert import SOURCE, uri_to_path
from tycheck.daemon.lsp.navigation import definition, hover, type_definition
from tycheck.daemon.lsp.scheduler import Scheduler, Settings
from tycheck.service.editor import CONFIG_NAMES

F = TypeVar("F", bound=Callable[..., Any])
WATCHED = ("**/*.py", "**/*.pyi", *(f"**/{name}" for name in CONFIG_NAMES))


class TycheckServer(LanguageServer):
    """A pygls server with the workspace root, the editor's settings and the scheduler."""

    def __init__(self, extra_args: Sequence[str] = ()) -> None:
        super().__init__(
            "tycheckd", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.extra_args = list(extra_args)
        self.root = os.getcwd()
        self.settings = Settings()
        self._scheduler: Scheduler | None = None

    @property
    def scheduler(self) -> Scheduler:
        if self._scheduler is None:  # a request before ``initialized``: start anyway
            self._scheduler = Scheduler(self, self.root, self.settings)
        return self._scheduler

    def report_server_error(self, error: Exception, source: Any) -> None:
        # Logged, never shown in a pop-up: requests already answer with an error.
        logging.getLogger(__name__).error("tycheckd lsp: %s", error)


def guarded(fn: F) -> F:
    """Log a request's failure to the editor, then let pygls answer with an error response."""

    @functools.wraps(fn)
    async def wrapper(server: TycheckServer, params: Any) -> Any:
        try:
            return await fn(server, params)
        except Exception:
            server.scheduler.log(
                types.MessageType.Error, f"tycheck: {fn.__name__} failed:\n{traceback.format_exc()}"
            )
            raise

    return wrapper  # type: ignore[return-value]


def workspace_root(params: types.InitializeParams) -> str:
    """The first workspace folder, else the root URI or path, else the current directory."""
    for folder in params.workspace_folders or ():
        path = uri_to_path(folder.uri)
        if path is not None:
            return path
    if params.root_uri:
        path = uri_to_path(params.root_uri)
        if path is not None:
            return path
    return params.root_path or os.getcwd()


def build_server(extra_args: Sequence[str] = ()) -> TycheckServer:
    server = TycheckServer(extra_args)
    _register_lifecycle(server)
    _register_documents(server)
    _register_queries(server)
    return server


def _register_lifecycle(server: TycheckServer) -> None:
    @server.feature(types.INITIALIZE)
    def on_initialize(ls: TycheckServer, params: types.InitializeParams) -> None:
        ls.root = workspace_root(params)
        ls.settings = Settings.from_options(params.initialization_options)
        ls.settings.args = ls.extra_args + ls.settings.args

    @server.feature(types.INITIALIZED)
    async def on_initialized(ls: TycheckServer, params: types.InitializedParams) -> None:
        ls.scheduler.schedule()  # the first check, with $/progress
        watched = (
            ls.client_capabilities.workspace
            and ls.client_capabilities.workspace.did_change_watched_files
        )
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            )
            registration = types.Registration(
                "tycheck-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams([registration]))
            except Exception as e:  # the editor will not tell us about disk changes; still serve
                ls.scheduler.log(types.MessageType.Warning, f"tycheck: cannot watch files: {e}")

    @server.feature(types.EXIT)
    def on_exit(ls: TycheckServer, params: None) -> None:
        # End the process now: nothing is left to save, and freeing a large program's heap
        # object by object at interpreter exit can take many seconds.
        code = 0 if getattr(ls.protocol, "_shutdown", False) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _register_documents(server: TycheckServer) -> None:
    # Opening, closing and saving also look at the disk again (stat, then hash): editors that
    # cannot watch files still see changes made outside them.
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TycheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.scheduler.disk_changed(config=False)
        ls.scheduler.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TycheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.scheduler.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TycheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.scheduler.disk_changed(config=False)  # back to the disk's text

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TycheckServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.scheduler.disk_changed(config=False)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: TycheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = {os.path.basename(uri_to_path(c.uri) or "") for c in params.changes}
        ls.scheduler.disk_changed(config=bool(names & set(CONFIG_NAMES)))


def _register_queries(server: TycheckServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier=SOURCE, inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    @guarded
    async def pull(
        ls: TycheckServer, params: types.DocumentDiagnosticParams
    ) -> types.DocumentDiagnosticReport:
        await ls.scheduler.settled()
        return ls.scheduler.report(params.text_document.uri, params.previous_result_id)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded
    async def actions(ls: TycheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        return code_actions(params.text_document.uri, doc.source, list(params.context.diagnostics))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    async def on_hover(ls: TycheckServer, params: types.HoverParams) -> types.Hover | None:
        return await hover(ls.scheduler, params)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    async def on_definition(
        ls: TycheckServer, params: types.DefinitionParams
    ) -> list[types.Location] | None:
        return await definition(ls.scheduler, params)

    @server.feature(types.TEXT_DOCUMENT_TYPE_DEFINITION)
    @guarded
    async def on_type_definition(
        ls: TycheckServer, params: types.TypeDefinitionParams
    ) -> list[types.Location] | None:
        return await type_definition(ls.scheduler, params)


def serve(tcp: str | None = None, extra_args: Sequence[str] = ()) -> int:
    """Run the server on stdio, or on ``HOST:PORT`` with ``tcp``, until the editor says exit."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.WARNING, format="tycheckd lsp: %(message)s"
    )
    # The batch command's limit (cli/batch.py): deeply nested code gets the same answer here.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    server = build_server(extra_args)
    if tcp is None:
        server.start_io()
        return 0
    host, sep, port = tcp.rpartition(":")
    if not sep or not port.isdigit():
        print(f"tycheckd lsp: --tcp needs HOST:PORT, got {tcp!r}", file=sys.stderr)
        return 2
    server.start_tcp(host or "127.0.0.1", int(port))
    return 0
