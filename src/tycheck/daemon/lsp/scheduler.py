"""When to check, and what to tell the editor afterwards.

Every edit, open, close, save or watched-file change marks the workspace dirty; one task then
waits ``debounce`` seconds (edits arriving meanwhile join the same check) and checks on the
worker thread with a snapshot of the open buffers. Edits that arrive during a check make one
more check after it, never a queue of them.

After a check the scheduler pushes ``textDocument/publishDiagnostics`` for every file whose
diagnostics changed (an edit in one module can change another's) and for every open file
edited since the last push, with the document version the check saw; the same lists answer
pull requests (``textDocument/diagnostic``).
"""

from __future__ import annotations

import asyncio
import logging
import traceback
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types

from tycheck.daemon.lsp.convert import path_to_uri, to_diagnostics, uri_to_path
from tycheck.daemon.lsp.worker import SerialWorker
from tycheck.service.api import UsageError
from tycheck.service.editor import EditorResult, EditorService

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

log = logging.getLogger(__name__)
T = TypeVar("T")
RELEASE_IDLE = 1.0  # seconds without edits before memory is swept
RELEASE_EVERY = 20  # checks without such a pause before it is swept anyway


@dataclass
class Settings:
    """Server behaviour chosen by the editor (``initializationOptions``); never checker options."""

    args: list[str] = field(
        default_factory=list
    )  # extra command-line flags and targets, as for tycheck
    debounce: float = 0.025
    push: bool = True  # False: the editor pulls (``"diagnosticMode": "pull"``)

    @classmethod
    def from_options(cls, options: object) -> "Settings":
        got = options if isinstance(options, dict) else {}
        settings = cls()
        args = got.get("args")
        if isinstance(args, list) and all(isinstance(a, str) for a in args):
            settings.args = list(args)
        debounce = got.get("debounceMs")
        if isinstance(debounce, (int, float)) and debounce >= 0:
            settings.debounce = debounce / 1000
        settings.push = got.get("diagnosticMode") != "pull"
        return settings


@dataclass
class Published:
    """What the editor was last told about one file."""

    diagnostics: list[types.Diagnostic]
    result_id: str


class Scheduler:
    """Debounced checks on the worker thread, and the diagnostics they produce."""

    def __init__(self, server: "LanguageServer", root: str, settings: Settings) -> None:
        self.server = server
        self.root = root
        self.settings = settings
        self.worker = SerialWorker()
        self.loop = asyncio.get_running_loop()  # made by a handler: the server's loop
        self.service: EditorService | None = None
        self.published: dict[str, Published] = {}
        self._touched: set[str] = set()  # open files edited since their last push
        self._dirty = False
        self._disk = False
        self._config = False
        self._task: asyncio.Task[None] | None = None
        self._checks = 0
        self._stderr = ""  # shown once, not after every keystroke
        self._since_release = 0
        self._release_timer: asyncio.TimerHandle | None = None
        self._ids = 0

    # -- events ------------------------------------------------------------------------------

    def edited(self, uri: str) -> None:
        path = uri_to_path(uri)
        if path is not None:
            self._touched.add(path)
        self.schedule()

    def disk_changed(self, config: bool) -> None:
        self._disk = True
        self._config = self._config or config
        self.schedule()

    def schedule(self) -> None:
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = self.loop.create_task(self._run())

    async def settled(self) -> None:
        """Wait until every edit received so far has been checked."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def call(self, fn: Callable[[EditorService], T]) -> T | None:
        """Run ``fn`` on the worker with the session, once the buffers are checked."""
        await self.settled()
        service = self.service
        if service is None:
            return None
        return await self.worker.run(lambda: fn(service))

    # -- checking ------------------------------------------------------------------------------

    async def _run(self) -> None:
        await asyncio.sleep(self.settings.debounce)
        while self._dirty:
            self._dirty = False
            buffers = self._buffers()
            disk, config = self._disk, self._config
            self._disk = self._config = False
            touched, self._touched = self._touched, set()
            try:
                result = await self._check(buffers, disk, config)
            except Exception:
                self.log(
                    types.MessageType.Error, "tycheck: the check failed:\n" + traceback.format_exc()
                )
                continue
            if result is not None:
                self._publish(result, buffers, touched)
                self._since_release += 1
                if self._since_release >= RELEASE_EVERY:
                    await self._release()
        if self._release_timer is not None:
            self._release_timer.cancel()
        self._release_timer = self.loop.call_later(
            RELEASE_IDLE, lambda: self.loop.create_task(self._release_if_idle())
        )

    async def _release_if_idle(self) -> None:
        if self._since_release and (self._task is None or self._task.done()):
            await self._release()

    async def _release(self) -> None:
        """Memory stays flat: sweep what the checks no longer reach.

        Sweeping takes a while on a large program, and the next edit would wait for it: it
        runs when the editor has been quiet for ``RELEASE_IDLE`` seconds, or after
        ``RELEASE_EVERY`` checks without a pause.
        """
        service = self.service
        self._since_release = 0
        if service is None:
            return
        try:
            await self.worker.run(service.release_memory)
        except Exception:
            self.log(
                types.MessageType.Error,
                "tycheck: releasing memory failed:\n" + traceback.format_exc(),
            )

    async def _check(
        self, buffers: Mapping[str, tuple[int, str]], disk: bool, config: bool
    ) -> EditorResult | None:
        first = self._checks == 0
        self._checks += 1
        job = lambda: self._check_job(buffers, disk, config)  # noqa: E731
        if not first or not self._progress_supported():
            return await self.worker.run(job)
        token = str(uuid.uuid4())
        try:
            await self.server.work_done_progress.create_async(token)
        except Exception:  # the editor refused the token: check without progress
            return await self.worker.run(job)
        self.server.work_done_progress.begin(
            token, types.WorkDoneProgressBegin(title="tycheck", message="checking the workspace")
        )
        result: EditorResult | None = None
        try:
            result = await self.worker.run(job)
        finally:
            # The summary line tycheck prints ("Found 2 errors in 1 file ...").
            summary = (
                result.outcome.stdout.strip().rsplit("\n", 1)[-1] if result is not None else "done"
            )
            self.server.work_done_progress.end(token, types.WorkDoneProgressEnd(message=summary))
        return result

    def _check_job(
        self, buffers: Mapping[str, tuple[int, str]], disk: bool, config: bool
    ) -> EditorResult | None:
        """On the worker: (re)build the session if needed, sync the buffers, check."""
        try:
            if self.service is None:
                self.service = EditorService(self.root, self.settings.args)
            elif config or self.service.config_changed():
                self.service.reload_config()
        except UsageError as e:
            self.show(types.MessageType.Error, f"tycheck: {e.message.strip()}")
            if self.service is None:
                return None
        service = self.service
        service.set_buffers(buffers)
        if disk:
            service.disk_changed()
        result = service.check()
        if result.outcome.stderr and result.outcome.stderr != self._stderr:
            self.show(
                types.MessageType.Error, result.outcome.stderr.strip()
            )  # config problems, internal errors
        self._stderr = result.outcome.stderr
        return result

    def _buffers(self) -> dict[str, tuple[int, str]]:
        out: dict[str, tuple[int, str]] = {}
        for uri, doc in list(self.server.workspace.text_documents.items()):
            path = uri_to_path(uri)
            if path is not None:
                out[path] = (doc.version or 0, doc.source)
        return out

    # -- telling the editor ----------------------------------------------------------------------

    def _publish(
        self, result: EditorResult, buffers: Mapping[str, tuple[int, str]], touched: set[str]
    ) -> None:
        fresh = {
            path: to_diagnostics(msgs, path_to_uri(path))
            for path, msgs in result.files.items()
            if msgs
        }
        others_changed = False
        for path in sorted(set(fresh) | set(self.published) | (touched & set(buffers))):
            diags = fresh.get(path, [])
            old = self.published.get(path)
            if old is not None and old.diagnostics == diags and path not in touched:
                continue
            if old is None or old.diagnostics != diags:
                self._ids += 1
                others_changed = others_changed or path not in touched
                if diags:
                    self.published[path] = Published(diags, str(self._ids))
                else:
                    self.published.pop(path, None)
            if self.settings.push:
                version = buffers[path][0] if path in buffers else None
                self.server.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(path_to_uri(path), diags, version)
                )
        if others_changed and not self.settings.push and self._refresh_supported():
            self.server.workspace_diagnostic_refresh(None)

    def report(self, uri: str, previous: str | None) -> types.DocumentDiagnosticReport:
        """The pull answer for one document (after ``settled``)."""
        path = uri_to_path(uri)
        got = self.published.get(path) if path is not None else None
        result_id = got.result_id if got is not None else "empty"
        if previous == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=list(got.diagnostics) if got else [], result_id=result_id
        )

    def log(self, kind: types.MessageType, message: str) -> None:
        log.warning("%s", message)
        self._send(lambda: self.server.window_log_message(types.LogMessageParams(kind, message)))

    def show(self, kind: types.MessageType, message: str) -> None:
        self.log(kind, message)
        self._send(lambda: self.server.window_show_message(types.ShowMessageParams(kind, message)))

    def _send(self, fn: Callable[[], Any]) -> None:
        """Send from any thread: notifications are written by the event loop's thread."""
        loop = self.loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            fn()
        else:
            loop.call_soon_threadsafe(fn)

    # -- client capabilities --------------------------------------------------------------------

    def _progress_supported(self) -> bool:
        window = self.server.client_capabilities.window
        return bool(window and window.work_done_progress)

    def _refresh_supported(self) -> bool:
        ws = self.server.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
