"""The one thread that owns the checking session.

A check can take seconds (the first one of a workspace, or after a signature change); the
event loop must keep reading messages meanwhile, so the session lives on this thread and the
loop awaits its results. One thread keeps the session single-threaded without locks.
It is a daemon thread: ``exit`` never waits for a check to finish. Its stack is the deep
one of ``service.deep_stack``, shared with the batch command and the daemon.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from tycheck.service.deep_stack import start_deep_thread

T = TypeVar("T")


class SerialWorker:
    """Runs submitted callables one at a time, in order, on a daemon thread."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[
            tuple[Callable[[], Any], asyncio.Future[Any], asyncio.AbstractEventLoop]
        ] = queue.SimpleQueue()
        # Deeply nested user code recurses deeply in the checker: the worker runs on the
        # deep stack every front end uses (checks then run inline on it, not on a thread
        # of their own), and inspect/hover requests get it too.
        thread = start_deep_thread(self._serve, "tycheck-lsp-worker")
        if thread is None:  # the platform refused the large stack
            thread = threading.Thread(target=self._serve, name="tycheck-lsp-worker", daemon=True)
            thread.start()
        self._thread = thread

    def run(self, fn: Callable[[], T]) -> asyncio.Future[T]:
        """Schedule ``fn``; the future resolves (on the calling loop) with its result or error."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put((fn, future, loop))
        return future

    def _serve(self) -> None:
        while True:
            fn, future, loop = self._jobs.get()
            try:
                result = fn()
            except (
                BaseException
            ) as exc:  # handed to the awaiting request, which answers with an error
                loop.call_soon_threadsafe(_settle, future, None, exc)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)


def _settle(future: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if future.cancelled():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)
