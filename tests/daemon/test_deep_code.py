"""Deeply nested code gets the same, correct answer from the daemon and the batch run.

Before issue 12 the daemon kept Python's default recursion limit: 5,000 added terms or a
3,000-long attribute chain failed "during ast construction" (exit 2) while the batch run
checked them; at 20,000 terms the batch run failed too, with an INTERNAL ERROR. Checks now
run on a deep-stack thread with one recursion limit in both front ends.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from conftest import Project
from tycheck.service.deep_stack import RECURSION_LIMIT, run_with_deep_stack


def terms(n: int) -> str:
    return " + ".join(["'a'"] * n)


FILES = {
    "sum5k.py": f"s: str = {terms(5_000)}\n",
    "sum20k.py": f"s: str = {terms(20_000)}\n",
    "bad20k.py": f"s: int = {terms(20_000)}\n",
    "chain3k.py": 'class C:\n    c: "C"\n\nx = C()\ny: int = x' + ".c" * 3_000 + "\n",
}
EXPECTED = (
    # Files print in mypy's processing order (service/module_order.py).
    'chain3k.py:5: error: Incompatible types in assignment (expression has type "C", '
    'variable has type "int")  [assignment]\n'
    'bad20k.py:1: error: Incompatible types in assignment (expression has type "str", '
    'variable has type "int")  [assignment]\n'
    "Found 2 errors in 2 files (checked 4 source files)\n"
)


def test_deep_expressions_in_daemon_and_batch(real_project: Project) -> None:
    p = real_project
    for name, text in FILES.items():
        p.write(name, text)
    res = p.run("run", "--", *FILES, timeout=600)
    assert (res.stdout, res.stderr, res.returncode) == ("Daemon started\n" + EXPECTED, "", 1)
    batch = subprocess.run(
        [sys.executable, "-m", "tycheck", *FILES],
        cwd=p.root,
        env=p.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (batch.stdout, batch.stderr, batch.returncode) == (EXPECTED, "", 1)


def test_deep_stack_returns_and_raises_like_a_call() -> None:
    assert run_with_deep_stack(lambda: threading.current_thread().name) == "tycheck-check"
    assert sys.getrecursionlimit() >= RECURSION_LIMIT

    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_with_deep_stack(fail)


def test_deep_stack_allows_deep_python_recursion() -> None:
    def depth(n: int) -> int:
        return 0 if n == 0 else 1 + depth(n - 1)

    assert run_with_deep_stack(lambda: depth(RECURSION_LIMIT - 1_000)) == RECURSION_LIMIT - 1_000


def test_language_server_worker_uses_the_same_deep_stack() -> None:
    # One mechanism: the language server's worker thread is a deep-stack thread, and the
    # checks it runs stay on it (no second thread per check).
    import asyncio

    from tycheck.daemon.lsp.worker import SerialWorker

    def deep() -> tuple[str, int]:
        def depth(n: int) -> int:
            return 0 if n == 0 else 1 + depth(n - 1)

        inner = run_with_deep_stack(lambda: threading.current_thread().name)
        return inner, depth(RECURSION_LIMIT - 1_000)

    async def main() -> tuple[str, int]:
        return await SerialWorker().run(deep)

    assert asyncio.run(main()) == ("tycheck-lsp-worker", RECURSION_LIMIT - 1_000)
