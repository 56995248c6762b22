"""Micro-benchmark of the engine's hot and warm paths (run it; it only prints).

    python tests/engine/bench_engine.py

Not a timed test: machines differ. It reports calls per second for
* hot: a memo verified in the current revision, called from inside a query;
* top: the same from top level (no dependency to record);
* revalidate: a whole graph validated after an unrelated input change;
* cold: first computation of many small queries.
"""

from __future__ import annotations

import time

from tycheck.engine import Database, query


@query
def leaf(db: Database, i: int) -> int:
    return db.read_input(i % 100) + i


@query
def fan_in(db: Database, n: int, calls: int) -> int:
    total = 0
    for i in range(calls):
        total += leaf(db, i % n)
    return total


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} calls/s"


_PLAIN: dict[tuple[int, ...], int] = {(i,): i for i in range(1_000)}


def plain(db: object, *args: int) -> int:
    """Baseline: a bare function doing one dict lookup (machine-speed yardstick)."""
    return _PLAIN[args]


def main() -> None:
    calls = 2_000_000
    start = time.perf_counter()
    for i in range(calls):
        plain(None, i % 1_000)
    base = time.perf_counter() - start
    print(f"baseline (plain function + dict lookup): {_rate(calls, base)}")

    db = Database()
    for i in range(100):
        db.set_input(i, i)
    n = 1_000

    start = time.perf_counter()
    for i in range(n * 50):
        leaf(db, i)
    cold = time.perf_counter() - start
    print(f"cold executions:  {_rate(n * 50, cold)}")

    fan_in(db, n, 1)  # warm the leaves' memos
    start = time.perf_counter()
    fan_in(db, n, calls)
    hot = time.perf_counter() - start
    print(f"hot (in a query): {_rate(calls, hot)}  ({hot / base:.1f}x baseline)")

    start = time.perf_counter()
    for i in range(calls):
        leaf(db, i % n)
    top = time.perf_counter() - start
    print(f"hot (top level):  {_rate(calls, top)}  ({top / base:.1f}x baseline)")

    db.set_input("unrelated", 1)
    start = time.perf_counter()
    for i in range(n * 50):
        leaf(db, i)
    reval = time.perf_counter() - start
    print(f"revalidate:       {_rate(n * 50, reval)}")


if __name__ == "__main__":
    main()
