"""Benchmark: ``tycheckd`` against dmypy 2.4.1, with real client processes, in one run.

Three modes:

``--tree rich`` / ``--tree mypy`` (real trees; both: ``--tree rich,mypy``)
    Copies the tree from ``bench/.data`` (never edited in place), once per tool, and runs
    each tool's client in its copy:

    1. ``run``: cold daemon start + full check;
    2. ``body``: ``recheck`` after a one-line edit inside a function body of a leaf module
       (and after its undo: every toggle is a sample);
    3. ``noop``: ``recheck`` with nothing changed;
    4. ``sig``: ``recheck`` after a widely used function gains a parameter with a default
       (rich: ``rich.cells.cell_len``; mypy: ``mypy.types.get_proper_type``), then
       ``undo``: ``recheck`` after restoring it.

    Each check is timed by the client's wall time and by the server's own time from
    ``--perf-stats-file`` (tycheckd: ``total``; dmypy: the sum of its phase timings).
    After ``sig`` and after ``undo`` the daemon's output is compared with a cold batch run
    of the same tool on the same tree (``tycheck`` resp. ``mypy --no-incremental``).

``--tree generated``
    The original mode: a generated chain of ``--modules`` modules, cold / noop / edit /
    iface rechecks, median of ``--repeat``.

``--memory-cycles N``
    ``N`` rechecks of rich against tycheckd, alternating a body edit and its undo on
    ``rich/prompt.py``; prints the server's VmRSS (``/proc/<pid>/status``, pid from the
    status file) at the start, every 100 cycles and at the end.

Results (markdown) are printed and, with ``--out FILE``, written to FILE.

Usage::

    python bench/daemon.py --tree rich [--repeat 1] [--out bench/results/DATE-daemon-rich.md]
    python bench/daemon.py --tree mypy --repeat 1
    python bench/daemon.py --memory-cycles 1000
    python bench/daemon.py --tree generated [--modules 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch import tree_root  # noqa: E402
from measure import command_text  # noqa: E402

# Console scripts beside the oracle interpreter ($TYCHECK_ORACLE_PYTHON, else setup_oracle.sh's venv).
_ORACLE_BIN = os.path.dirname(
    os.environ.get("TYCHECK_ORACLE_PYTHON")
    or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), ".data", "oracle-venv", "bin", "python"
    )
)
DMYPY = os.path.join(_ORACLE_BIN, "dmypy")
MYPY = os.path.join(_ORACLE_BIN, "mypy")
# The daemon records no extra keys for these; dmypy's phases do not overlap.
DMYPY_PHASES = (
    "update_sources_time",
    "build_time",
    "find_changes_time",
    "fg_update_time",
    "refresh_suppressed_time",
    "find_added_suppressed_time",
    "cleanup_time",
)
COLD_MYPY = ["--no-incremental", "--cache-dir=/dev/null"]


# -- trees and edits ---------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Text replacements in one file (each ``old`` must occur exactly once)."""

    path: str
    pairs: tuple[tuple[str, str], ...]

    def apply(self, root: Path, undo: bool = False) -> None:
        target = root / self.path
        text = target.read_text()
        for old, new in self.pairs:
            a, b = (new, old) if undo else (old, new)
            if text.count(a) != 1:
                raise RuntimeError(f"{self.path}: expected one {a!r}, found {text.count(a)}")
            text = text.replace(a, b)
        target.write_text(text)
        # Push the mtime forward so that every change is seen even within one second.
        st = target.stat()
        os.utime(target, (st.st_atime + 2, st.st_mtime + 2))


@dataclass(frozen=True)
class Tree:
    """A real package to check, its check arguments and the two edits."""

    name: str
    source: str
    args: tuple[str, ...]
    body: Edit
    sig: Edit


TREES = {
    "rich": Tree(
        "rich",
        tree_root("rich", "15.0.0"),
        ("rich",),
        # rich/prompt.py is imported by no other rich module.
        Edit(
            "rich/prompt.py",
            (
                (
                    'return Text(f"({default})", "prompt.default")',
                    'return Text(f"[{default}]", "prompt.default")',
                ),
            ),
        ),
        # cell_len is called from 11 rich modules.
        Edit(
            "rich/cells.py",
            (
                (
                    'def cell_len(text: str, unicode_version: str = "auto") -> int:',
                    'def cell_len(text: str, unicode_version: str = "auto", '
                    "bench_extra: int = 0) -> int:",
                ),
            ),
        ),
    ),
    "mypy": Tree(
        "mypy",
        tree_root("mypy", "2.4.1"),
        ("--exclude", "mypy/typeshed/", "mypy"),
        # mypy/test/testcheck.py is imported by no other module.
        Edit("mypy/test/testcheck.py", (("idx = step - 2", "idx = step - 3"),)),
        # get_proper_type is overloaded: the parameter goes into both overloads and the body.
        Edit(
            "mypy/types.py",
            (
                (
                    "def get_proper_type(typ: None) -> None: ...",
                    "def get_proper_type(typ: None, bench_extra: int = 0) -> None: ...",
                ),
                (
                    "def get_proper_type(typ: Type) -> ProperType: ...",
                    "def get_proper_type(typ: Type, bench_extra: int = 0) -> ProperType: ...",
                ),
                (
                    "def get_proper_type(typ: Type | None) -> ProperType | None:",
                    "def get_proper_type(typ: Type | None, bench_extra: int = 0) -> ProperType | None:",
                ),
            ),
        ),
    ),
}


def copy_tree(tree: Tree, dest: Path) -> Path:
    """A private copy of the tree's package directory and config files."""
    dest.mkdir(parents=True, exist_ok=True)
    for entry in os.listdir(tree.source):
        src = os.path.join(tree.source, entry)
        if entry in ("rich", "mypy"):
            shutil.copytree(
                src, dest / entry, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache")
            )
        elif os.path.isfile(src):
            shutil.copy2(src, dest / entry)
    return dest


# -- running the clients -------------------------------------------------------------------


@dataclass
class Check:
    """One client invocation."""

    wall: float
    server: float | None
    code: int
    out: str
    err: str


@dataclass
class Tool:
    """How to drive one daemon and its batch twin."""

    name: str
    client: list[str]
    batch: list[str]
    status_file: str
    env: dict[str, str] | None = None

    def server_time(self, stats: dict[str, object]) -> float | None:
        if self.name == "tycheckd":
            total = stats.get("total")
            return float(total) if isinstance(total, (int, float)) else None
        times = [
            float(v) for k, v in stats.items() if k in DMYPY_PHASES and isinstance(v, (int, float))
        ]
        return sum(times) if times else None


def tools(dmypy: str, mypy: str, tycheck_src: str | None = None) -> list[Tool]:
    """tycheckd first, then dmypy (each in its own tree copy).

    ``tycheck_src``: a frozen copy of ``src/`` to import tycheck from (PYTHONPATH), so that
    edits others make to the working tree during a long run cannot reach the cold batch runs.
    """
    py = sys.executable
    env = None
    if tycheck_src:
        env = dict(os.environ, PYTHONPATH=os.path.abspath(tycheck_src))
    return [
        Tool(
            "tycheckd",
            [py, "-m", "tycheck.cli.daemon_client"],
            [py, "-m", "tycheck"],
            ".tycheckd.json",
            env,
        ),
        # The console scripts, not ``python -m mypy``: in the mypy tree's copy ``-m`` would
        # import the copied (uncompiled) sources instead of the installed mypy.
        Tool("dmypy", [dmypy], [mypy, *COLD_MYPY], ".dmypy.json"),
    ]


def client_check(tool: Tool, cwd: Path, command: list[str], timeout: float = 3600) -> Check:
    """Run one client check command with ``--perf-stats-file`` and time it."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        stats_path = f.name
    try:
        cmd = tool.client + [command[0], "--perf-stats-file", stats_path, *command[1:]]
        start = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=tool.env
        )
        wall = time.perf_counter() - start
        try:
            with open(stats_path, encoding="utf-8") as sf:
                stats = json.load(sf)
        except (OSError, ValueError):
            stats = {}
    finally:
        os.unlink(stats_path)
    if proc.returncode not in (0, 1):
        raise RuntimeError(
            f"{tool.name} {command[0]} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return Check(wall, tool.server_time(stats), proc.returncode, proc.stdout, proc.stderr)


def batch_check(tool: Tool, cwd: Path, args: tuple[str, ...]) -> Check:
    """A cold batch run of the tool's checker on the tree as it is now."""
    start = time.perf_counter()
    proc = subprocess.run(
        tool.batch + list(args), cwd=cwd, capture_output=True, text=True, timeout=7200, env=tool.env
    )
    wall = time.perf_counter() - start
    return Check(wall, None, proc.returncode, proc.stdout, proc.stderr)


def daemon_pid(cwd: Path, tool: Tool) -> int:
    with open(cwd / tool.status_file, encoding="utf-8") as f:
        return int(json.load(f)["pid"])


def vm_rss_mib(pid: int) -> float:
    """The process's resident memory from /proc/<pid>/status."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for {pid}")


def stop(tool: Tool, cwd: Path) -> None:
    subprocess.run(tool.client + ["stop"], cwd=cwd, capture_output=True, timeout=120, env=tool.env)


# -- comparing outputs ---------------------------------------------------------------------


def message_lines(out: str) -> Counter[str]:
    """The output's diagnostic lines, without the summary line (order ignored)."""
    return Counter(line for line in out.splitlines() if line and not _is_summary(line))


def _is_summary(line: str) -> bool:
    # The client's own lines ("Daemon started", "Restarting: ...") are not the check's.
    return line.startswith(("Found ", "Success: ", "Daemon started", "Restarting: "))


def error_lines(out: str) -> Counter[str]:
    return Counter(line for line in out.splitlines() if ": error:" in line)


def summary(out: str) -> str:
    found = [line for line in out.splitlines() if _is_summary(line)]
    return found[-1] if found else "(no summary)"


def error_count(out: str) -> int:
    return sum(1 for line in out.splitlines() if ": error:" in line)


@dataclass
class Comparison:
    """A daemon answer against a cold batch run on the same tree."""

    label: str
    daemon_errors: int
    cold_errors: int
    equal: bool
    errors_equal: bool
    only_daemon: int
    only_cold: int
    daemon_summary: str
    cold_summary: str
    diff_sample: list[str] = field(default_factory=list)


def compare(label: str, daemon: Check, cold: Check) -> Comparison:
    a, b = message_lines(daemon.out), message_lines(cold.out)
    extra, missing = a - b, b - a
    sample = [f"+ {line}" for line in sorted(extra)[:5]] + [
        f"- {line}" for line in sorted(missing)[:5]
    ]
    return Comparison(
        label,
        error_count(daemon.out),
        error_count(cold.out),
        a == b,
        error_lines(daemon.out) == error_lines(cold.out),
        sum(extra.values()),
        sum(missing.values()),
        summary(daemon.out),
        summary(cold.out),
        sample,
    )


# -- the real-tree benchmark ---------------------------------------------------------------


@dataclass
class ToolResult:
    name: str
    steps: dict[str, list[Check]] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)
    rss_mib: float | None = None
    error: str | None = None


def bench_tree(
    tree: Tree, tool: Tool, base: Path, repeat: int, log: Callable[[str], None]
) -> ToolResult:
    """Steps 1-4 and the cold comparisons for one tool on its own copy of ``tree``."""
    root = copy_tree(tree, base / f"{tree.name}-{tool.name}")
    res = ToolResult(tool.name)
    log_file = str(base / f"{tree.name}-{tool.name}.log")

    def step(name: str, command: list[str]) -> Check:
        check = client_check(tool, root, command)
        res.steps.setdefault(name, []).append(check)
        log(
            f"  {tool.name} {name}: wall {check.wall:.2f}s server {_fmt(check.server)} "
            f"exit {check.code} {summary(check.out)}"
        )
        return check

    try:
        first = step("run", ["run", "--log-file", log_file, "--", *tree.args])
        for i in range(repeat):
            tree.body.apply(root)
            step("body", ["recheck"])
            tree.body.apply(root, undo=True)
            step("body", ["recheck"])
        for i in range(repeat):
            step("noop", ["recheck"])
        res.rss_mib = vm_rss_mib(daemon_pid(root, tool))
        for i in range(repeat):
            tree.sig.apply(root)
            after_sig = step("sig", ["recheck"])
            if i == 0:
                cold = batch_check(tool, root, tree.args)
                log(
                    f"  {tool.name} cold batch on edited tree: {cold.wall:.1f}s {summary(cold.out)}"
                )
                res.comparisons.append(compare("after signature edit", after_sig, cold))
            tree.sig.apply(root, undo=True)
            after_undo = step("undo", ["recheck"])
            if i == 0:
                cold = batch_check(tool, root, tree.args)
                log(
                    f"  {tool.name} cold batch on original tree: {cold.wall:.1f}s {summary(cold.out)}"
                )
                res.comparisons.append(compare("after undo", after_undo, cold))
                res.comparisons.append(compare("initial run vs cold", first, cold))
    except Exception as exc:  # report and carry on with the other tool
        res.error = f"{type(exc).__name__}: {exc}"
        log(f"  {tool.name} FAILED: {res.error}")
        if os.path.exists(log_file):
            log(f"  daemon log {log_file}:\n" + Path(log_file).read_text()[-4000:])
    finally:
        stop(tool, root)
    return res


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _median(checks: list[Check], attr: str) -> float | None:
    values = [getattr(c, attr) for c in checks if getattr(c, attr) is not None]
    return statistics.median(values) if values else None


STEP_LABELS = {
    "run": "1. initial run (cold start + full check)",
    "body": "2. recheck after body edit of a leaf module (edit and undo)",
    "sig": "3. recheck after signature change",
    "undo": "3b. recheck after undoing the signature change",
    "noop": "4. no-change recheck",
}


def tree_report(tree: Tree, results: list[ToolResult], repeat: int) -> str:
    ours, theirs = results
    lines = [
        f"## {tree.name}: `{' '.join(tree.args)}`",
        "",
        f"Body edit: `{tree.body.path}`; signature edit: `{tree.sig.path}`; "
        f"{repeat} repetition(s), medians (body: 2 samples per repetition). "
        "Server time: tycheckd `total`, dmypy the sum of its phase timings from "
        '`--perf-stats-file`; "(wall)": none reported, client wall time instead.',
        "",
        "| step | tycheckd wall s | dmypy wall s | wall ratio | tycheckd server s | dmypy server s | server ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in STEP_LABELS.items():
        row = [label]
        walls = [_median(r.steps.get(key, []), "wall") for r in (ours, theirs)]
        servers = [_median(r.steps.get(key, []), "server") for r in (ours, theirs)]
        # dmypy reports no phase timings for a cold start: fall back to the client's time.
        marks = ["" if s is not None or w is None else " (wall)" for s, w in zip(servers, walls)]
        servers = [w if s is None else s for s, w in zip(servers, walls)]
        row += [_fmt(walls[0]), _fmt(walls[1]), _ratio(walls[0], walls[1])]
        row += [
            _fmt(servers[0]) + marks[0],
            _fmt(servers[1]) + marks[1],
            _ratio(servers[0], servers[1]),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        f"Daemon RSS after the no-change rechecks (VmRSS): tycheckd {_fmt(ours.rss_mib)} MiB, "
        f"dmypy {_fmt(theirs.rss_mib)} MiB.",
        "",
        "| tool | comparison | daemon errors | cold errors | all lines equal | error lines equal | only daemon | only cold | daemon summary | cold summary |",
        "| --- | --- | ---: | ---: | --- | --- | ---: | ---: | --- | --- |",
    ]
    for r in results:
        for c in r.comparisons:
            lines.append(
                f"| {r.name} | {c.label} | {c.daemon_errors} | {c.cold_errors} | "
                f"{'yes' if c.equal else 'NO'} | {'yes' if c.errors_equal else 'NO'} | {c.only_daemon} | {c.only_cold} | "
                f"{c.daemon_summary} | {c.cold_summary} |"
            )
    for r in results:
        if r.error:
            lines += ["", f"**{r.name} failed**: `{r.error}`"]
        for c in r.comparisons:
            if c.diff_sample:
                lines += [
                    "",
                    f"{r.name}, {c.label} (first differences, + daemon only, - cold only):",
                    "```",
                    *c.diff_sample,
                    "```",
                ]
    return "\n".join(lines) + "\n"


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}"


# -- memory mode -----------------------------------------------------------------------------


def bench_memory(
    cycles: int,
    base: Path,
    log: Callable[[str], None],
    tool: Tool,
    publish: Callable[[str], None] = lambda text: None,
) -> str:
    """``cycles`` rechecks of rich against tycheckd, alternating a body edit and its undo.

    ``publish`` receives the report so far after every sample, so an interrupted run
    still leaves its numbers behind.
    """
    tree = TREES["rich"]
    root = copy_tree(tree, base / "rich-memory")
    samples: list[tuple[int, float, float]] = []
    try:
        first = client_check(
            tool, root, ["run", "--log-file", str(base / "memory.log"), "--", *tree.args]
        )
        pid = daemon_pid(root, tool)
        samples.append((0, vm_rss_mib(pid), first.wall))
        log(f"  cycle 0: VmRSS {samples[-1][1]:.1f} MiB (after the initial run, {first.wall:.1f}s)")
        publish(memory_report(cycles, tree, samples))
        walls: list[float] = []
        for i in range(1, cycles + 1):
            tree.body.apply(root, undo=(i % 2 == 0))
            walls.append(client_check(tool, root, ["recheck"]).wall)
            if i % 100 == 0 or i == cycles or i in (1, 10):
                samples.append((i, vm_rss_mib(pid), statistics.median(walls[-100:])))
                log(
                    f"  cycle {i}: VmRSS {samples[-1][1]:.1f} MiB, median recheck {samples[-1][2]:.2f}s"
                )
                publish(memory_report(cycles, tree, samples))
    finally:
        stop(tool, root)
    return memory_report(cycles, tree, samples)


def memory_report(cycles: int, tree: Tree, samples: list[tuple[int, float, float]]) -> str:
    done = samples[-1][0] if samples else 0
    lines = [
        f"## Memory: rechecks of rich against tycheckd ({done} of {cycles} done)",
        "",
        f"Alternating a body edit of `{tree.body.path}` and its undo; VmRSS of the daemon "
        "from `/proc/<pid>/status` (cycle 0: after the initial run).",
        "",
        "| cycle | VmRSS MiB | median recheck wall s (last <=100) |",
        "| ---: | ---: | ---: |",
    ]
    lines += [f"| {c} | {rss:.1f} | {wall:.2f} |" for c, rss, wall in samples]
    if len(samples) > 2:
        lines += [
            "",
            f"Growth from cycle 1 to cycle {done}: {samples[-1][1] - samples[1][1]:+.1f} MiB; "
            f"from the initial run: {samples[-1][1] - samples[0][1]:+.1f} MiB.",
        ]
    return "\n".join(lines) + "\n"


# -- the generated-project benchmark ---------------------------------------------------------


def make_project(root: Path, modules: int) -> list[str]:
    """Write ``modules`` modules, each importing and calling the previous one."""
    files = []
    for i in range(modules):
        lines = ["from __future__ import annotations", ""]
        if i:
            lines += [f"from mod{i - 1} import func{i - 1}, Thing{i - 1}", ""]
        lines += [
            f"class Thing{i}:",
            "    def __init__(self, n: int) -> None:",
            "        self.n = n",
            "",
            "    def double(self) -> int:",
            "        return self.n * 2",
            "",
            "",
            f"def func{i}(x: int) -> int:",
            f"    t = Thing{i}(x)",
            "    return t.double() + 1",
            "",
        ]
        if i:
            lines += [f"value{i}: int = func{i - 1}({i}) + Thing{i - 1}({i}).double()", ""]
        name = f"mod{i}.py"
        (root / name).write_text("\n".join(lines))
        files.append(name)
    return files


def bench_generated(tool: Tool, base: Path, modules: int, repeat: int) -> dict[str, float | str]:
    """Cold run and warm rechecks on a generated project; stop the daemon afterwards."""
    root = base / f"generated-{tool.name}"
    root.mkdir(parents=True, exist_ok=True)
    files = make_project(root, modules)
    results: dict[str, float | str] = {}
    try:
        first = client_check(tool, root, ["run", "--", *files])
        results["cold"], results["exit"] = first.wall, str(first.code)
        steps = {
            "noop": Edit("mod3.py", ()),
            "edit": Edit("mod3.py", (("self.n * 2", "self.n * 3"),)),
            "iface": Edit("mod1.py", (("def func1(x: int)", "def func1(x: int, y: int = 0)"),)),
        }
        for name, change in steps.items():
            samples = []
            for i in range(repeat):
                if change.pairs:
                    change.apply(root, undo=bool(i % 2))
                samples.append(client_check(tool, root, ["recheck"]).wall)
            results[name] = statistics.median(samples)
        results["rss_mib"] = f"{vm_rss_mib(daemon_pid(root, tool)):.1f}"
    finally:
        stop(tool, root)
    return results


def generated_report(table: dict[str, dict[str, float | str]], modules: int, repeat: int) -> str:
    columns = ["cold", "noop", "edit", "iface", "rss_mib", "exit"]
    lines = [
        f"## Generated project: {modules} modules, median of {repeat} warm rechecks (seconds)",
        "",
        "| tool | " + " | ".join(columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for name, row in table.items():
        cells = [
            f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, ""))
            for c in columns
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _source_note(src: str | None) -> str:
    """Which tycheck code ran: the repository commit (and whether the tree was dirty)."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src"], cwd=repo, capture_output=True, text=True
    )
    note = f"commit {head.stdout.strip()}" + (
        " + uncommitted changes in src/" if dirty.stdout.strip() else ""
    )
    if src:
        return f"frozen copy `{src}` (repository at run start: {note}; the copy may be older)"
    return note + ", live working tree"


# -- main ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tree", default="generated", help="comma-separated: generated, rich, mypy"
    )
    parser.add_argument("--modules", type=int, default=40, help="generated project size")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory-cycles", type=int, default=0, help="run the memory mode instead")
    parser.add_argument("--dmypy", default=DMYPY)
    parser.add_argument("--mypy", default=MYPY)
    parser.add_argument(
        "--tycheck-src",
        metavar="DIR",
        help="import tycheck from this frozen copy of src/ (PYTHONPATH)",
    )
    parser.add_argument("--only", choices=["tycheckd", "dmypy"], help="run one tool only")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the copies and logs")
    parser.add_argument("--out", help="also write the markdown report to this file")
    args = parser.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tycheckd-bench-"))
    base.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    chosen = [
        t for t in tools(args.dmypy, args.mypy, args.tycheck_src) if args.only in (None, t.name)
    ]
    header = [
        f"# Daemon benchmark, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"- tycheckd: `{command_text(chosen[0].client) if chosen else ''}`; "
        f"dmypy: `{command_text([args.dmypy])}` "
        f"(cold batch: `tycheck`, `mypy {' '.join(COLD_MYPY)}`)",
        f"- tycheck source: {_source_note(args.tycheck_src)}",
        f"- machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()[0]:.2f}",
        "",
    ]
    sections: list[str] = []
    try:
        if args.memory_cycles:
            log(f"memory: {args.memory_cycles} cycles")

            def publish(text: str) -> None:
                if args.out:
                    Path(args.out).write_text("\n".join(header) + "\n" + text)

            sections.append(bench_memory(args.memory_cycles, base, log, chosen[0], publish))
        else:
            for name in args.tree.split(","):
                if name == "generated":
                    table = {
                        t.name: bench_generated(t, base, args.modules, args.repeat) for t in chosen
                    }
                    sections.append(generated_report(table, args.modules, args.repeat))
                    continue
                tree = TREES[name]
                log(f"{name}:")
                results = [bench_tree(tree, t, base, args.repeat, log) for t in chosen]
                if len(results) == 2:
                    sections.append(tree_report(tree, results, args.repeat))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    report = "\n".join(header) + "\n" + "\n".join(sections)
    print(report)
    if args.out:
        Path(args.out).write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
