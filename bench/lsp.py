"""Benchmark: change-to-diagnostics latency of ``tycheckd lsp``, next to ``tycheckd recheck``.

For each tree (``shop``: the README's example project; ``rich``; ``mypy``) and each edit
(a body edit in a leaf module, imported by nobody; a body edit in a core module, imported
widely), on a private copy of the tree:

* **lsp**: a real ``tycheckd lsp`` process driven over stdio by a pygls client, as an editor
  drives it: ``initialize`` with the copy as workspace folder, wait for the first check,
  ``didOpen`` the edited file, then alternately send the edit and its undo as
  ``didChange`` (nothing is written to disk) and time each ``didChange`` until the
  ``publishDiagnostics`` for that document version arrives (the server's default debounce
  included). The server's VmRSS is read at the start and at the end of the samples.
* **recheck**: a ``tycheckd`` daemon on another copy; the same edit and undo written to
  disk, each timed as the wall time of ``tycheckd recheck --update FILE`` and as the
  server's own ``total`` from ``--perf-stats-file``.

Usage::

    python bench/lsp.py [--tree shop,rich,mypy] [--samples 10] [--out bench/results/DATE-lsp.md]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon import TREES, Edit, copy_tree  # noqa: E402

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "tycheck.cli.daemon_client", "lsp"]
DAEMON = [sys.executable, "-m", "tycheck.cli.daemon_client"]


@dataclass(frozen=True)
class Case:
    tree: str
    kind: str  # "leaf" or "core"
    edit: Edit


SHOP = REPO / "examples" / "shop"
CASES = [
    Case("shop", "leaf", Edit("main.py", (("total = cart.total()", "total = cart.total() * 1"),))),
    Case(
        "shop",
        "core",
        Edit(
            "models.py",
            (
                (
                    "return sum(i.price for i in self.items)",
                    "return sum(i.price for i in self.items) + 0.0",
                ),
            ),
        ),
    ),
    Case("rich", "leaf", TREES["rich"].body),
    Case(
        "rich",
        "core",
        Edit("rich/cells.py", (("    if len(text) < 512:", "    if len(text) < 511:"),)),
    ),
    Case("mypy", "leaf", TREES["mypy"].body),
    Case(
        "mypy",
        "core",
        Edit(
            "mypy/types.py",
            (
                (
                    "    while isinstance(typ, TypeAliasType):",
                    "    while isinstance(typ, (TypeAliasType)):",
                ),
            ),
        ),
    ),
]


@dataclass
class LspRun:
    """What one language-server session measured."""

    first: float
    latencies: list[float]
    rss_series: list[float | None]
    disk_untouched: bool
    exit_code: int
    exit_s: float


@dataclass
class RecheckRun:
    walls: list[float]
    servers: list[float]


def tree_args(tree: str) -> list[str]:
    return ["main.py", "models.py"] if tree == "shop" else list(TREES[tree].args)


def copy_of(tree: str, dest: Path) -> Path:
    if tree == "shop":
        dest.mkdir(parents=True)
        for name in ("main.py", "models.py"):
            (dest / name).write_text((SHOP / name).read_text())
        return dest
    return copy_tree(TREES[tree], dest)


def edited(text: str, edit: Edit) -> str:
    for old, new in edit.pairs:
        assert text.count(old) == 1, (edit.path, old)
        text = text.replace(old, new)
    return text


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# -- the language server ----------------------------------------------------------------------


class Probe:
    """A pygls client that records when each document version's diagnostics arrive."""

    def __init__(self) -> None:
        self.client = LanguageClient("tycheck-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.arrived.setdefault((params.uri, params.version), time.perf_counter())
            self.event.set()

        @self.client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def progress_create(params: types.WorkDoneProgressCreateParams) -> None:
            return None

        @self.client.feature(types.PROGRESS)
        def progress(params: types.ProgressParams) -> None:
            if isinstance(params.value, dict) and params.value.get("kind") == "end":
                self.arrived[("progress-end", None)] = time.perf_counter()
                self.event.set()

    async def wait_for(self, key: tuple[str, int | None], timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while key not in self.arrived:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), max(0.01, deadline - time.perf_counter()))
        return self.arrived[key]


async def lsp_samples(case: Case, root: Path, samples: int) -> LspRun:
    probe = Probe()
    await probe.client.start_io(*SERVER)
    server = probe.client._server
    assert server is not None
    caps = types.ClientCapabilities(window=types.WindowClientCapabilities(work_done_progress=True))
    started = time.perf_counter()
    await probe.client.initialize_async(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri(),
            initialization_options={"args": tree_args(case.tree)},
        )
    )
    probe.client.initialized(types.InitializedParams())
    await probe.wait_for(("progress-end", None), 3600)
    first = time.perf_counter() - started
    uri = (root / case.edit.path).as_uri()
    text = (root / case.edit.path).read_text()
    probe.client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text))
    )
    await probe.wait_for((uri, 1), 600)
    latencies = []
    rss_series = [rss_mib(server.pid)]
    for version in range(2, samples + 2):
        new = edited(text, case.edit) if version % 2 == 0 else text
        change = types.TextDocumentContentChangeWholeDocument(text=new)
        t0 = time.perf_counter()
        probe.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
            )
        )
        latencies.append(await probe.wait_for((uri, version), 600) - t0)
        if (version - 1) % 100 == 0:
            rss_series.append(rss_mib(server.pid))
    rss_series.append(rss_mib(server.pid))
    t0 = time.perf_counter()
    await probe.client.shutdown_async(None)
    probe.client.exit(None)
    code = await asyncio.wait_for(server.wait(), 60)
    exit_s = time.perf_counter() - t0
    unchanged = (root / case.edit.path).read_text() == text
    return LspRun(first, latencies, rss_series, unchanged, code, exit_s)


# -- the daemon -------------------------------------------------------------------------------


def recheck_samples(case: Case, root: Path, samples: int) -> RecheckRun:
    status = str(root / ".tycheckd.json")
    stats = str(root / "perf.json")
    run = lambda *a: subprocess.run(
        [*DAEMON, "--status-file", status, *a], cwd=root, capture_output=True, text=True
    )  # noqa: E731
    run("start", "--", *tree_args(case.tree))
    run("check", *tree_args(case.tree)[-1:])  # the first (cold) check
    walls, servers = [], []
    target = root / case.edit.path
    original = target.read_text()
    try:
        for i in range(samples):
            target.write_text(edited(original, case.edit) if i % 2 == 0 else original)
            st = target.stat()
            os.utime(target, (st.st_atime + 2 + i, st.st_mtime + 2 + i))
            t0 = time.perf_counter()
            run("recheck", "--perf-stats-file", stats, "--update", case.edit.path)
            walls.append(time.perf_counter() - t0)
            total = json.loads(Path(stats).read_text()).get("total")
            servers.append(float(total) if isinstance(total, (int, float)) else float("nan"))
    finally:
        run("kill")
    return RecheckRun(walls, servers)


# -- report -----------------------------------------------------------------------------------


def mib(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f}"


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--tree", default="shop,rich,mypy")
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument(
        "--no-recheck", action="store_true", help="skip the tycheckd recheck comparison"
    )
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    trees = args.tree.split(",")
    rows: list[tuple[Case, LspRun, RecheckRun | None]] = []
    with tempfile.TemporaryDirectory(prefix="tycheck-lsp-bench-") as tmp:
        for n, case in enumerate(c for c in CASES if c.tree in trees):
            lsp = asyncio.run(
                lsp_samples(case, copy_of(case.tree, Path(tmp) / f"lsp{n}"), args.samples)
            )
            daemon = (
                None
                if args.no_recheck
                else recheck_samples(
                    case, copy_of(case.tree, Path(tmp) / f"daemon{n}"), args.samples
                )
            )
            rows.append((case, lsp, daemon))
            print(f"{case.tree} {case.kind}: lsp median {ms(lsp.latencies)} ms", file=sys.stderr)
    lines = [
        f"# tycheckd lsp: change-to-diagnostics latency ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"- machine: {os.cpu_count()} CPUs, load average at end {os.getloadavg()[0]:.2f}; {args.samples} samples per row (edit, undo, ...)",
        "- lsp: didChange -> publishDiagnostics of that version (default debounce included); recheck: `tycheckd recheck --update FILE` wall, and the server's `total`",
        "",
        "| tree | edit | file | lsp first check s | lsp median ms | lsp min ms | lsp max ms | recheck wall ms | recheck server ms | lsp RSS MiB start -> end | disk untouched | shutdown+exit |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for case, lsp, daemon in rows:
        lat = lsp.latencies
        recheck = f"{ms(daemon.walls)} | {ms(daemon.servers)}" if daemon else "- | -"
        lines.append(
            f"| {case.tree} | {case.kind} body | `{case.edit.path}` | {lsp.first:.1f} | {ms(lat)} | {min(lat) * 1000:.0f} | {max(lat) * 1000:.0f} | "
            f"{recheck} | {mib(lsp.rss_series[0])} -> {mib(lsp.rss_series[-1])} | {'yes' if lsp.disk_untouched else 'NO'} | "
            f"code {lsp.exit_code} in {lsp.exit_s:.2f} s |"
        )
    for case, lsp, _ in rows:
        if len(lsp.rss_series) > 3:
            shown = ", ".join(mib(v) for v in lsp.rss_series[:-1])
            lines.append(f"\n{case.tree} {case.kind}: lsp VmRSS MiB every 100 edits: {shown}")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
