"""A process pool for cases: one case at a time per worker, a deadline per case.

Workers are forked (they inherit the imported checker) and ``chdir`` into each
case's directory, so cases never share a working directory.  A case that
exceeds its timeout gets its worker killed and counts as an error; so does a
worker that dies.  Either way a fresh worker takes its place and the run goes on.
Workers are also replaced after ``max_tasks`` cases to bound leaked state.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from .cases import Case
from .execute import MainFunction, Paths, run_check_case

Result = dict[str, Any]
_CTX = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class RunSettings:
    """What every worker needs to run a case."""

    paths: Paths
    runtime: tuple[int, ...]
    timeout: float = 120.0
    tmp_root: str | None = None
    keep_failed: bool = False
    max_tasks: int = 200


def run_case_safely(case: Case, main: MainFunction, settings: RunSettings) -> Result:
    """Run one case and time it; a runner bug becomes an ``error`` result."""
    t0 = time.monotonic()
    try:
        res = run_check_case(
            case, settings.paths, main, settings.runtime, settings.tmp_root, settings.keep_failed
        )
    except Exception as e:  # noqa: BLE001 - report and go on with the next case
        res = {
            "status": "error",
            "reason": f"runner exception: {type(e).__name__}: {e}",
            "stderr": traceback.format_exc()[-3000:],
        }
    res["time"] = round(time.monotonic() - t0, 3)
    return res


def _worker_loop(conn: Connection, main: MainFunction, settings: RunSettings) -> None:
    while True:
        try:
            case = conn.recv()
        except EOFError:
            return
        if case is None:
            return
        conn.send(run_case_safely(case, main, settings))


@dataclass(eq=False)
class _Slot:
    proc: BaseProcess
    conn: Connection
    case: Case | None = None
    deadline: float = 0.0
    done: int = 0


class CasePool:
    """Runs cases on ``jobs`` forked workers; see the module docstring."""

    def __init__(self, main: MainFunction, settings: RunSettings, jobs: int) -> None:
        self.main = main
        self.settings = settings
        self.slots = [self._spawn() for _ in range(max(1, jobs))]

    def _spawn(self) -> _Slot:
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(
            target=_worker_loop, args=(child, self.main, self.settings), daemon=True
        )
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _replace(self, slot: _Slot, kill: bool) -> None:
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        slot.conn.close()
        slot.proc.join(5)
        index = next(i for i, s in enumerate(self.slots) if s is slot)
        self.slots[index] = self._spawn()

    def run(self, cases: Iterable[Case], on_result: Callable[[Case, Result], None]) -> None:
        """Run all ``cases``, calling ``on_result`` as each finishes."""
        pending = list(cases)
        pending.reverse()  # pop() from the end keeps the original order
        while pending or any(s.case is not None for s in self.slots):
            for slot in self.slots:
                if slot.case is None and pending:
                    slot.case = pending.pop()
                    slot.deadline = time.monotonic() + self.settings.timeout
                    slot.conn.send(slot.case)
            self._collect(on_result)

    def _collect(self, on_result: Callable[[Case, Result], None]) -> None:
        busy = [s for s in self.slots if s.case is not None]
        wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
        ready = multiprocessing.connection.wait([s.conn for s in busy], timeout=wait_for)
        for slot in busy:
            case = slot.case
            assert case is not None
            if slot.conn in ready:
                try:
                    res: Result = slot.conn.recv()
                except (EOFError, OSError):
                    slot.proc.join(5)
                    res = {
                        "status": "error",
                        "reason": f"worker died (exit code {slot.proc.exitcode})",
                    }
                    slot.case = None
                    self._replace(slot, kill=True)
                    on_result(case, res)
                    continue
                slot.case = None
                slot.done += 1
                if slot.done >= self.settings.max_tasks:
                    slot.conn.send(None)
                    self._replace(slot, kill=False)
                on_result(case, res)
            elif time.monotonic() >= slot.deadline:
                slot.case = None
                self._replace(slot, kill=True)
                on_result(
                    case, {"status": "error", "reason": "timeout", "time": self.settings.timeout}
                )

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        for slot in self.slots:
            slot.proc.join(5)
            if slot.proc.is_alive():
                slot.proc.kill()
                slot.proc.join()
            slot.conn.close()


def run_cases(
    cases: list[Case],
    main: MainFunction,
    settings: RunSettings,
    jobs: int,
    on_result: Callable[[Case, Result], None] | None = None,
) -> dict[str, Result]:
    """Run ``cases`` on a pool; return the results by case id."""
    results: dict[str, Result] = {}

    def record(case: Case, res: Result) -> None:
        results[case.case_id] = res
        if on_result is not None:
            on_result(case, res)

    pool = CasePool(main, settings, jobs)
    try:
        pool.run(cases, record)
    finally:
        pool.close()
    return results
