#!/usr/bin/env python3
"""Profile one ``tycheck`` run in-process (cProfile sees the deep-stack worker thread).

``python bench/profile_run.py [-o OUT.prof] [--top N] [--cpu] -- ARGS...`` from the tree to check:
the batch command's check runs on a worker thread, which ``python -m cProfile`` does not
see; this runs the same session with the profiler enabled inside that thread and prints the
top functions by self and by cumulative time (and writes the raw profile with ``-o``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-o", "--out", help="write the raw profile here")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with the process's CPU clock: on a loaded machine wall time counts waiting",
    )
    parser.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args()
    args = ns.args[1:] if ns.args[:1] == ["--"] else ns.args
    start = time.perf_counter()
    from tycheck.service import deep_stack, session

    imported = time.perf_counter() - start
    profiler = cProfile.Profile(time.process_time) if ns.cpu else cProfile.Profile()
    original = deep_stack.run_with_deep_stack

    def profiled(fn):  # type: ignore[no-untyped-def]
        def inner():  # type: ignore[no-untyped-def]
            profiler.enable()
            try:
                return fn()
            finally:
                profiler.disable()

        return original(inner)

    session.run_with_deep_stack = profiled  # type: ignore[assignment]
    s = session.Session(args)
    outcome = s.check()
    total = time.perf_counter() - start
    sys.stdout.write(outcome.stdout.splitlines()[-1] + "\n" if outcome.stdout else "")
    print(f"imports {imported:.2f} s, total {total:.2f} s (profiled)")
    if ns.out:
        profiler.dump_stats(ns.out)
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats(key).print_stats(ns.top)
        print(buf.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
