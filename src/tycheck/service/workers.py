"""Worker processes for ``-n N``: each checks a share of a run's modules into the cache.

A run with ``--num-workers N`` (N > 1) and a cache starts N - 1 copies of the same command,
each told (by the environment variable ``TYCHECK_WORKER_SHARE``) which modules to check.
A worker checks only those and stores their results in the persistent cache; it prints
nothing. Meanwhile the parent checks the first share itself; then it waits for the workers
and takes their modules through the cache like any other hit. Results travel only through
the cache (never through state inherited by ``fork``), and a hit is exact by construction,
so the output equals a serial run's; a worker that fails or stores nothing only costs the
parent the time to check its modules itself.

Shares are consecutive runs of modules in processing order (dependencies first), balanced by
text size: neighbours in that order tend to consult the same modules, which each process
then analyses once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Mapping, Sequence

ENV = "TYCHECK_WORKER_SHARE"

#: Fewer modules than this to check: starting processes would cost more than it saves.
MIN_MODULES = 8


def worker_share(environ: Mapping[str, str]) -> frozenset[str] | None:
    """The modules this process must check, when it is a worker (else None)."""
    raw = environ.get(ENV)
    if raw is None:
        return None
    try:
        names = json.loads(raw)
    except ValueError:
        return frozenset()
    return frozenset(str(n) for n in names) if isinstance(names, list) else frozenset()


def plan_shares(modules: Sequence[tuple[str, int]], processes: int) -> list[list[str]]:
    """``modules`` (name, size) cut into at most ``processes`` consecutive runs of similar size."""
    total = sum(max(size, 1) for _, size in modules)
    shares: list[list[str]] = [[]]
    filled = 0
    for name, size in modules:
        # Start the next share once this one holds its part of the whole.
        if shares[-1] and len(shares) < processes and filled >= total * len(shares) / processes:
            shares.append([])
        shares[-1].append(name)
        filled += max(size, 1)
    return shares


class WorkerPool:
    """Worker processes running ``argv`` again, one share each."""

    def __init__(
        self, argv: Sequence[str], cwd: str, environ: Mapping[str, str], shares: list[list[str]]
    ) -> None:
        self.assigned = frozenset(name for share in shares for name in share)
        self.procs: list[subprocess.Popen[bytes]] = []
        for share in shares:
            env = dict(environ)
            env[ENV] = json.dumps(share)
            try:
                proc = subprocess.Popen(
                    self.command(argv),
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                continue  # the parent checks this share itself
            self.procs.append(proc)

    @staticmethod
    def command(argv: Sequence[str]) -> list[str]:
        return [sys.executable, "-m", "tycheck", *argv]

    def wait(self) -> None:
        for proc in self.procs:
            proc.wait()

    def stop(self) -> None:
        """Kill workers still running (the parent was interrupted or failed)."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def start_workers(
    argv: Sequence[str],
    cwd: str,
    environ: Mapping[str, str],
    modules: Sequence[tuple[str, int]],
    processes: int,
) -> tuple[WorkerPool | None, list[str]]:
    """Start workers for all shares but the first; return them and the parent's own share."""
    if processes < 2 or len(modules) < MIN_MODULES:
        return None, [name for name, _ in modules]
    shares = plan_shares(modules, processes)  # as many as asked: ``-n auto`` counts the CPUs
    if len(shares) < 2:
        return None, shares[0] if shares else []
    return WorkerPool(argv, cwd, environ, shares[1:]), shares[0]
