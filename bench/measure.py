"""Run one command in a fresh wrapper process and measure it (shared by the benchmarks).

The wrapper (this file run as a script) starts the command as its only child, so
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is that command's peak RSS.  It writes the
command's stdout/stderr to files and a JSON record (wall time, peak RSS, exit code)
to a third file.  ``bench/daemon.py`` can reuse :func:`measure`.
"""

from __future__ import annotations

import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """One run of a command."""

    wall_s: float
    peak_rss_mb: float
    exit_code: int
    stdout: str
    stderr: str
    # User + system CPU seconds of the command: steadier than wall time on a busy machine.
    cpu_s: float = 0.0


def measure(
    cmd: list[str], cwd: str, env: dict[str, str] | None = None, timeout: float = 3600.0
) -> Measurement:
    """Run ``cmd`` in ``cwd`` under a fresh wrapper process and measure it."""
    with tempfile.TemporaryDirectory(prefix="tycheck-bench-") as tmp:
        out, err, rec = (os.path.join(tmp, n) for n in ("out", "err", "rec.json"))
        subprocess.run(
            [sys.executable, os.path.abspath(__file__), out, err, rec, cwd, "--", *cmd],
            env=env,
            check=True,
            timeout=timeout,
        )
        with open(rec, encoding="utf-8") as f:
            data = json.load(f)
        with open(out, encoding="utf-8", errors="replace") as f:
            stdout = f.read()
        with open(err, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
    return Measurement(
        data["wall_s"],
        data["peak_rss_kb"] / 1024.0,
        data["exit_code"],
        stdout,
        stderr,
        data.get("cpu_s", 0.0),
    )


def _wrapper(argv: list[str]) -> int:
    out, err, rec, cwd, sep, *cmd = argv
    assert sep == "--" and cmd
    with open(out, "wb") as fo, open(err, "wb") as fe:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # kilobytes on Linux
    with open(rec, "w", encoding="utf-8") as f:
        json.dump(
            {
                "wall_s": wall,
                "peak_rss_kb": usage.ru_maxrss,
                "exit_code": proc.returncode,
                "cpu_s": usage.ru_utime + usage.ru_stime,
            },
            f,
        )
    return 0


if __name__ == "__main__":
    sys.exit(_wrapper(sys.argv[1:]))


def command_text(cmd: list[str]) -> str:
    """``cmd`` as a report shows it, without one machine's paths: the oracle interpreter is
    ``$TYCHECK_ORACLE_PYTHON`` and a path inside the checkout is relative to the checkout."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    oracle = os.environ.get("TYCHECK_ORACLE_PYTHON")
    parts = []
    for part in cmd:
        if oracle and part == oracle:
            parts.append("$TYCHECK_ORACLE_PYTHON")
        elif os.path.isabs(part) and part.startswith(root + os.sep):
            parts.append(shlex.quote(os.path.relpath(part, root)))
        else:
            parts.append(shlex.quote(part))
    return " ".join(parts)


def write_report(report: str, out: str | None, bench_dir: str, kind: str) -> str:
    """Print ``report`` and write it to ``out``, else to ``results/<today>-<kind>.md``."""
    import datetime

    path = out or os.path.join(
        bench_dir, "results", f"{datetime.date.today().isoformat()}-{kind}.md"
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    print(f"written to {path}", file=sys.stderr)
    return path
