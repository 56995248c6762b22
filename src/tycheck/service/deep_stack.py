"""Run the analysis on a thread with a deep stack, the same way in every front end.

Deeply nested user code (``'a' + 'a' + ...`` with 20,000 terms, a 3,000-long attribute
chain) is nested just as deeply in its syntax tree, and both ``ast.parse`` and the
checker's tree walks recurse once per level. The main thread's stack (8 MiB by default) and
the interpreter's default recursion limit (1,000) allow a few thousand levels at best, and
the batch command and the daemon used to set different limits, so they disagreed.

Every check therefore runs on a worker thread whose stack is large enough for
``RECURSION_LIMIT`` Python frames, with that one recursion limit for the whole process.
The stack is virtual memory: only the pages a deep check really touches are used. Checks
stay one at a time: the caller waits for the worker.
"""

from __future__ import annotations

import sys
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

# Python frames allowed at once; ``ast.parse`` allows three times as many tree levels.
RECURSION_LIMIT = 120_000
# Bytes of stack for the worker: a generous bound on the C stack used per Python frame
# (about 2 KiB when recursion passes through C code) times the limit, plus slack.
STACK_BYTES = 512 * 1024 * 1024


def raise_recursion_limit() -> None:
    """Set the process's recursion limit to the shared value (never lower it)."""
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)


# Marks the threads started here: work already on one runs inline, not on another thread.
_state = threading.local()


def on_deep_stack() -> bool:
    """Is the current thread one that ``start_deep_thread`` started?"""
    return bool(getattr(_state, "deep", False))


def start_deep_thread(target: Callable[[], None], name: str) -> threading.Thread | None:
    """Start a daemon thread running ``target`` on a ``STACK_BYTES`` stack, with the shared
    recursion limit; None if the platform refuses a stack that large.

    A daemon thread: an interrupted caller (Ctrl-C) or a server's exit must not wait for it.
    """
    raise_recursion_limit()

    def run() -> None:
        _state.deep = True
        target()

    previous = threading.stack_size()
    try:
        threading.stack_size(STACK_BYTES)
        thread = threading.Thread(target=run, name=name, daemon=True)
        thread.start()
    except (RuntimeError, ValueError, MemoryError):
        return None
    finally:
        threading.stack_size(previous)
    return thread


def run_with_deep_stack(func: Callable[[], T]) -> T:
    """Call ``func`` on a deep-stack thread and return its result.

    Exceptions propagate to the caller. On a deep-stack thread already (the language
    server's worker) the call runs inline. If the platform refuses a thread that large, the
    call runs on the current thread (deep inputs may then fail, shallow ones are unaffected).
    """
    raise_recursion_limit()
    if on_deep_stack():
        return func()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(func())
        except BaseException as err:  # re-raised in the caller's thread
            failure.append(err)

    worker = start_deep_thread(target, "tycheck-check")
    if worker is None:
        return func()
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0]
