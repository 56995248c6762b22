"""``-n N``: worker processes check shares of a cold run into the cache; output as a serial run."""

from __future__ import annotations

import json
import os
import pathlib
import sys

import pytest

from tycheck.service import workers
from tycheck.service.session import Session

PARALLEL = ["-n", "2", "--local-partial-types"]


def make(root: pathlib.Path, count: int = 12) -> set[str]:
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "m0.py").write_text("def base(x: int) -> int:\n    return x\n")
    for i in range(1, count):
        (root / "pkg" / f"m{i}.py").write_text(
            f"from pkg.m{i - 1} import *\nfrom pkg.m0 import base\n\n"
            f"def f{i}(y: int) -> str:\n    return base(y)\n"
        )
    return {"pkg"} | {f"pkg.m{i}" for i in range(count)}


def serial(root: pathlib.Path) -> str:
    return (
        Session(["pkg", "--local-partial-types", "--cache-dir=/dev/null"], cwd=str(root))
        .check()
        .stdout
    )


def test_shares_are_consecutive_and_balanced_by_size() -> None:
    modules = [(f"m{i}", 10) for i in range(10)]
    shares = workers.plan_shares(modules, 2)
    assert shares == [[f"m{i}" for i in range(5)], [f"m{i}" for i in range(5, 10)]]
    assert workers.plan_shares([("big", 90), ("a", 5), ("b", 5)], 2) == [["big"], ["a", "b"]]
    assert workers.plan_shares(modules[:1], 3) == [["m0"]]


def test_parallel_run_prints_the_serial_output_and_reuses_the_workers_results(
    tmp_path: pathlib.Path,
) -> None:
    modules = make(tmp_path)
    expected = serial(tmp_path)
    assert 'Incompatible return value type (got "int", expected "str")' in expected
    session = Session(["pkg", *PARALLEL], cwd=str(tmp_path))
    out = session.check()
    assert out.stdout == expected
    assert session._state is not None and session._state.cache is not None
    hits = session._state.cache.hits
    # A cold run: every hit is a module a worker checked, and they are a real share.
    assert hits and hits < modules


def test_a_failing_worker_costs_time_never_the_answer(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path)
    expected = serial(tmp_path)
    monkeypatch.setattr(
        workers.WorkerPool, "command", staticmethod(lambda argv: [sys.executable, "-c", "exit(3)"])
    )
    session = Session(["pkg", *PARALLEL], cwd=str(tmp_path))
    assert session.check().stdout == expected
    assert session._state is not None and session._state.cache is not None
    assert session._state.cache.hits == set()


def test_a_worker_checks_its_share_into_the_cache_and_prints_nothing(
    tmp_path: pathlib.Path,
) -> None:
    make(tmp_path)
    environ = {**os.environ, workers.ENV: json.dumps(["pkg.m3", "pkg.m4"])}
    out = Session(["pkg", *PARALLEL], cwd=str(tmp_path), environ=environ).check()
    assert (out.stdout, out.stderr, out.exit_code) == ("", "", 0)
    session = Session(["pkg", "--local-partial-types"], cwd=str(tmp_path))
    assert session.check().stdout == serial(tmp_path)
    assert session._state is not None and session._state.cache is not None
    assert session._state.cache.hits == {"pkg.m3", "pkg.m4"}


def test_no_workers_for_a_serial_run_or_a_few_modules(tmp_path: pathlib.Path) -> None:
    assert workers.start_workers(["x"], str(tmp_path), {}, [("a", 1)] * 20, 1) == (
        None,
        ["a"] * 20,
    )
    pool, own = workers.start_workers(["x"], str(tmp_path), {}, [("a", 1)] * 3, 4)
    assert pool is None and own == ["a"] * 3
