"""Fuzz the daemon against cold runs: seeded random edits on a real tree.

A copy of the tree (never the original) gets one random edit per step: a statement in a
function body, a changed signature, a renamed definition, a syntax error, a new module (some
in import cycles), a deleted module, a stub shadowing a module, undecodable bytes, an
unreadable file, a same-size edit made within the same second, or the undoing of an earlier
edit. After each step the daemon checks the tree (``tycheckd run -- PKG`` or
``tycheckd recheck --update ... --remove ...``) and so does a cold ``tycheck PKG``; their
stdout, stderr and exit code must be identical.

Usage::

    python scripts/daemon_fuzz.py --tree bench/.data/rich-15.0.0 --package rich \\
        --steps 500 --seed 1 --mode mixed --log fuzz.jsonl [--warm-cold] [--jobs 6]

``--jobs N`` runs the cold checks of N steps at once, each on a copy of the tree as it was
at its step (the daemon still sees the edits one by one); ``--warm-cold`` runs them in
helper processes, each a fresh batch session (see ``WarmCold``), and every 50th step also in
a new process, to check the helpers.

Exit code 0 when every step agreed, 1 on a mismatch (each is printed and logged), 2 when
the daemon died or a tool could not run. ``--mode`` is ``run``, ``recheck`` or ``mixed``
(alternating). The same seed on the same tree replays the same edits.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

STATUS_FILE = ".fuzz-tycheckd.json"
# Cold runs neither read nor write a persistent cache: they are the reference.
COLD_FLAGS = ("--cache-dir=/dev/null",)


@dataclass
class Edit:
    """What one step did: a description, and the paths (relative) it changed or removed."""

    kind: str
    detail: str
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # A second edit, made right after a daemon check of the first one.
    followup: Callable[[], None] | None = None


class Tree:
    """The working copy and what it takes to undo each edit."""

    def __init__(self, root: Path, package: str, rng: random.Random) -> None:
        self.root = root
        self.package = package
        self.rng = rng
        self.original: dict[str, bytes] = {
            str(p.relative_to(root)): p.read_bytes() for p in sorted((root / package).rglob("*.py"))
        }
        self.created: set[str] = set()
        self.locked: set[str] = set()
        # Files whose edit stops the whole check (syntax error, undecodable, unreadable).
        # At most one at a time, and soon undone: otherwise they pile up and every later
        # step compares nothing but the first blocking error.
        self.blockers: set[str] = set()
        self.counter = 0

    # -- helpers ---------------------------------------------------------------------

    def modules(self) -> list[str]:
        """Python files currently present (sorted, so a seed replays the same choices)."""
        return sorted(
            str(p.relative_to(self.root)) for p in (self.root / self.package).rglob("*.py")
        )

    def text(self, rel: str) -> str | None:
        try:
            return (self.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def parsed(self) -> tuple[str, str, ast.Module] | None:
        """A random present, readable, parseable module."""
        candidates = [m for m in self.modules() if m not in self.locked]
        self.rng.shuffle(candidates)
        for rel in candidates[:20]:
            text = self.text(rel)
            if text is None:
                continue
            try:
                return rel, text, ast.parse(text)
            except SyntaxError:
                continue
        return None

    def fresh(self) -> int:
        self.counter += 1
        return self.counter

    def module_name(self, rel: str) -> str:
        name = rel[: -len(".py")].replace(os.sep, ".")
        return name[: -len(".__init__")] if name.endswith(".__init__") else name

    # -- edits -------------------------------------------------------------------------

    def edit_body(self) -> Edit | None:
        got = self.parsed()
        if got is None:
            return None
        rel, text, tree = got
        funcs = [
            n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        if not funcs:
            return None
        func = self.rng.choice(funcs)
        first = func.body[0]
        lines = text.splitlines(keepends=True)
        if first.lineno == func.lineno:  # a one-line body: leave it alone
            return None
        indent = re.match(r"\s*", lines[first.lineno - 1]).group(0)  # type: ignore[union-attr]
        n = self.fresh()
        stmt = self.rng.choice([f"_fz{n} = {n}", f'_fz{n}: int = "fz{n}"', f"_fz{n}: str = {n}"])
        lines.insert(first.lineno - 1, f"{indent}{stmt}\n")
        self.write(rel, "".join(lines))
        return Edit("body", f"{rel}:{first.lineno} {stmt}", changed=[rel])

    def edit_signature(self) -> Edit | None:
        got = self.parsed()
        if got is None:
            return None
        rel, text, tree = got
        funcs = [
            n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        if not funcs:
            return None
        func = self.rng.choice(funcs)
        lines = text.splitlines(keepends=True)
        line = lines[func.lineno - 1]
        n = self.fresh()
        param = self.rng.choice([f"fz{n}: int", f"fz{n}: int = 0", f"fz{n}: str = 1"])
        if self.blockers:
            param = f"fz{n}: int"  # never a second blocking edit (see below)
        pattern = re.compile(
            r"(def\s+" + re.escape(func.name) + r"\s*(\[[^\]]*\])?\(\s*((self|cls)\b\s*,?\s*)?)"
        )
        match = pattern.search(line)
        if match is None:
            return None
        head = match.group(1)
        if match.group(3) and not head.rstrip().endswith(","):
            head = head.rstrip() + ", "
        rest = line[match.end() :]
        sep = "" if rest.lstrip().startswith(")") else ", "
        lines[func.lineno - 1] = line[: match.start()] + head + param + sep + rest
        self.write(rel, "".join(lines))
        if "=" in param and sep:
            # A default before parameters without one is a blocking error (mypy reports it
            # as a syntax error): undone soon, like the other blocking edits.
            self.blockers.add(rel)
        return Edit("signature", f"{rel}:{func.lineno} {func.name}(+{param})", changed=[rel])

    def edit_rename(self) -> Edit | None:
        got = self.parsed()
        if got is None:
            return None
        rel, text, tree = got
        defs = [
            n
            for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        if not defs:
            return None
        node = self.rng.choice(defs)
        lines = text.splitlines(keepends=True)
        line = lines[node.lineno - 1]
        new = f"{node.name}_fz{self.fresh()}"
        lines[node.lineno - 1] = re.sub(r"\b" + re.escape(node.name) + r"\b", new, line, count=1)
        self.write(rel, "".join(lines))
        return Edit("rename", f"{rel}: {node.name} -> {new}", changed=[rel])

    def edit_syntax_error(self) -> Edit | None:
        got = self.parsed()
        if got is None:
            return None
        rel, text, _ = got
        self.write(rel, text + "\ndef _fz_broken(:\n    pass\n")
        self.blockers.add(rel)
        return Edit("syntax-error", rel, changed=[rel])

    def _top_names(self) -> tuple[str, str] | None:
        got = self.parsed()
        if got is None:
            return None
        rel, _, tree = got
        names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        if not names:
            return None
        return self.module_name(rel), self.rng.choice(names)

    def edit_new_module(self) -> Edit | None:
        n = self.fresh()
        rel = os.path.join(self.package, f"fz_mod{n}.py")
        lines = ["from __future__ import annotations\n"]
        target = self._top_names()
        if target is not None:
            module, name = target
            lines.append(f"from {module} import {name}\n")
            lines.append(f"_use{n}: int = {name}\n")
        others = sorted(c for c in self.created if c.endswith(".py") and (self.root / c).exists())
        changed = [rel]
        if others and self.rng.random() < 0.5:
            # An import cycle between this module and an earlier new one.
            other = self.rng.choice(others)
            other_mod = self.module_name(other)
            lines.append(f"import {other_mod}\n")
            lines.append(f"def fz_f{n}() -> int:\n    return {other_mod}.fz_g()\n")
            text = self.text(other) or ""
            self.write(
                other,
                text + f"import {self.module_name(rel)}\n\ndef fz_g() -> str:\n    return 'x'\n",
            )
            changed.append(other)
        self.write(rel, "".join(lines))
        self.created.add(rel)
        return Edit("new-module", f"{rel} ({len(changed) - 1} cycle edit)", changed=changed)

    def edit_delete(self) -> Edit | None:
        candidates = [
            m for m in self.modules() if not m.endswith("__init__.py") and m not in self.locked
        ]
        if not candidates:
            return None
        rel = self.rng.choice(candidates)
        (self.root / rel).unlink()
        self.blockers.discard(rel)
        return Edit("delete", rel, removed=[rel])

    def edit_stub(self) -> Edit | None:
        got = self.parsed()
        if got is None:
            return None
        rel, _, tree = got
        stub = rel + "i"
        names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        body = "from typing import Any\n" + "".join(
            f"{name}: Any\n" for name in names[: self.rng.randint(0, len(names))]
        )
        self.write(stub, body)
        self.created.add(stub)
        return Edit("stub", stub, changed=[stub])

    def edit_undecodable(self) -> Edit | None:
        candidates = [m for m in self.modules() if m not in self.locked]
        if not candidates:
            return None
        rel = self.rng.choice(candidates)
        self.write(rel, b"\xff\n")
        self.blockers.add(rel)
        return Edit("undecodable", rel, changed=[rel])

    def edit_unreadable(self) -> Edit | None:
        candidates = [m for m in self.modules() if m not in self.locked]
        if not candidates:
            return None
        rel = self.rng.choice(candidates)
        os.chmod(self.root / rel, 0)
        self.locked.add(rel)
        self.blockers.add(rel)
        return Edit("unreadable", rel, changed=[rel])

    def edit_same_size(self) -> Edit | None:
        """Two edits of one file within a second that keep its size: both must be seen."""
        got = self.parsed()
        if got is None:
            return None
        rel, text, _ = got
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if not digits:
            return None
        i = self.rng.choice(digits)
        first = str((int(text[i]) + self.rng.randint(1, 8)) % 10)
        second = str(
            (int(first) + 1) % 10
            if str((int(first) + 1) % 10) != text[i]
            else (int(first) + 2) % 10
        )
        self.write(rel, text[:i] + first + text[i + 1 :])

        def again() -> None:
            self.write(rel, text[:i] + second + text[i + 1 :])

        return Edit(
            "same-size", f"{rel}@{i} {text[i]}->{first}->{second}", changed=[rel], followup=again
        )

    def edit_restore(self) -> Edit | None:
        """Undo: restore an original file, or delete a file this run created."""
        current = set(self.modules()) | {c for c in self.created if (self.root / c).exists()}
        dirty = sorted(
            rel
            for rel, data in self.original.items()
            if rel in self.locked or rel not in current or (self.root / rel).read_bytes() != data
        )
        created = sorted(c for c in self.created if (self.root / c).exists())
        if not dirty and not created:
            return None
        if dirty and (not created or self.rng.random() < 0.7):
            return self._undo(self.rng.choice(dirty))
        return self._undo(self.rng.choice(created))

    def restore_blocker(self) -> Edit | None:
        """Undo one of the edits that block the whole check."""
        if not self.blockers:
            return None
        return self._undo(self.rng.choice(sorted(self.blockers)))

    def _undo(self, rel: str) -> Edit:
        """Put back an original file, or delete a file this run created."""
        if rel in self.locked:
            os.chmod(self.root / rel, 0o644)
            self.locked.discard(rel)
        self.blockers.discard(rel)
        if rel in self.original:
            self.write(rel, self.original[rel])
            return Edit("restore", rel, changed=[rel])
        (self.root / rel).unlink()
        return Edit("restore", f"delete {rel}", removed=[rel])


EDIT_WEIGHTS = {
    "edit_body": 6,
    "edit_signature": 4,
    "edit_rename": 2,
    "edit_syntax_error": 1,
    "edit_new_module": 2,
    "edit_delete": 1,
    "edit_stub": 1,
    "edit_undecodable": 1,
    "edit_unreadable": 1,
    "edit_same_size": 2,
    "edit_restore": 7,
}


BLOCKING_EDITS = frozenset({"edit_syntax_error", "edit_undecodable", "edit_unreadable"})


def random_edit(tree: Tree) -> Edit:
    names = list(EDIT_WEIGHTS)
    weights = [EDIT_WEIGHTS[n] for n in names]
    if tree.blockers and tree.rng.random() < 0.5:
        undo = tree.restore_blocker()
        if undo is not None:
            return undo
    for _ in range(50):
        name = tree.rng.choices(names, weights)[0]
        if tree.blockers and name in BLOCKING_EDITS:
            continue
        edit: Edit | None = getattr(tree, name)()
        if edit is not None:
            return edit
    raise RuntimeError("no edit applies to this tree")


# -- running the tools ---------------------------------------------------------------------


def run_tool(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> tuple[str, str, int]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return proc.stdout, proc.stderr, proc.returncode


def daemon_check(
    tree: Tree, mode: str, edit: Edit, env: dict[str, str], timeout: float
) -> tuple[str, str, int]:
    client = [sys.executable, "-m", "tycheck.cli.daemon_client", "--status-file", STATUS_FILE]
    if mode == "run":
        argv = client + ["run", "--", tree.package]
    else:
        argv = client + ["recheck"]
        if edit.changed:
            argv += ["--update", *edit.changed]
        if edit.removed:
            argv += ["--remove", *edit.removed]
    out, err, code = run_tool(argv, tree.root, env, timeout)
    return out.removeprefix("Daemon started\n"), err, code


def cold_check(
    root: Path, package: str, env: dict[str, str], timeout: float
) -> tuple[str, str, int]:
    """A cold ``tycheck PKG`` in a new process."""
    return run_tool([sys.executable, "-m", "tycheck", *COLD_FLAGS, package], root, env, timeout)


class WarmCold:
    """Cold runs in one long-lived helper process: each request is a fresh batch session
    (``tycheck.cli.batch.main``) with an empty engine database; only the process-wide cache
    of parsed typeshed stubs, keyed by their text, stays warm. That saves the interpreter
    start and the stub parsing of every step on a loaded machine."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--serve-cold"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def check(self, root: Path, package: str) -> tuple[str, str, int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"argv": [*COLD_FLAGS, package], "cwd": str(root)}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the cold-run helper died")
        out, err, code = json.loads(line)
        return out, err, code

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(30)


def serve_cold() -> int:
    """The helper behind ``WarmCold``: one JSON request per line in, one answer per line out."""
    import io

    from tycheck.cli.batch import main as batch_main

    for line in sys.stdin:
        request = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        code = batch_main(request["argv"], stdout=out, stderr=err, cwd=request["cwd"])
        sys.stdout.write(json.dumps([out.getvalue(), err.getvalue(), code]) + "\n")
        sys.stdout.flush()
    return 0


def _copy_keeping_modes(src: str, dst: str) -> None:
    """Copy a file; one we cannot read is copied as an empty file with the same mode."""
    try:
        shutil.copy2(src, dst)
    except PermissionError:
        Path(dst).write_bytes(b"")
        os.chmod(dst, os.stat(src).st_mode & 0o7777)


class ColdRuns:
    """Cold runs of snapshots of the tree, ``jobs`` at a time, while the fuzzer goes on.

    Each step's tree is copied (a hundred files: cheap) and checked cold in the copy, so
    several cold runs proceed in parallel while the daemon, which must see the edits one
    by one, keeps the main thread. Every 50th step the warm helper's answer is also
    compared with a cold run in a new process.
    """

    def __init__(
        self, work: Path, package: str, env: dict[str, str], timeout: float, jobs: int, warm: bool
    ) -> None:
        self.work, self.package, self.env, self.timeout = work, package, env, timeout
        self.pool = ThreadPoolExecutor(max_workers=jobs)
        self.helpers: queue.Queue[WarmCold | None] = queue.Queue()
        for _ in range(jobs):
            self.helpers.put(WarmCold(env) if warm else None)
        self.jobs = jobs

    def submit(self, tree: Tree, step: int) -> "Future[tuple[tuple[str, str, int], bool, float]]":
        snapshot = self.work / f"snap-{step}"
        # The daemon's persistent cache stays behind: a cold run must not read it.
        ignore = shutil.ignore_patterns(".fuzz-tycheckd*", "__pycache__", ".mypy_cache")
        shutil.copytree(
            tree.root, snapshot, symlinks=True, ignore=ignore, copy_function=_copy_keeping_modes
        )
        return self.pool.submit(self._run, snapshot, step)

    def _run(self, snapshot: Path, step: int) -> tuple[tuple[str, str, int], bool, float]:
        helper = self.helpers.get()
        started = time.perf_counter()
        try:
            if helper is None:
                return (
                    cold_check(snapshot, self.package, self.env, self.timeout),
                    True,
                    time.perf_counter() - started,
                )
            result = helper.check(snapshot, self.package)
            seconds = time.perf_counter() - started
            agrees = (
                step % 50 != 0
                or cold_check(snapshot, self.package, self.env, self.timeout) == result
            )
            return result, agrees, seconds
        finally:
            self.helpers.put(helper)
            for path in snapshot.rglob("*"):
                if path.is_dir() and not path.is_symlink():
                    os.chmod(path, 0o755)
            shutil.rmtree(snapshot, ignore_errors=True)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        while not self.helpers.empty():
            helper = self.helpers.get()
            if helper is not None:
                helper.close()


@dataclass
class Pending:
    """A step whose daemon answer waits for its cold run."""

    step: int
    mode: str
    edit: Edit
    daemon: tuple[str, str, int]
    daemon_s: float
    cold: "Future[tuple[tuple[str, str, int], bool, float]]"


def fuzz(
    source: Path,
    package: str,
    steps: int,
    seed: int,
    mode: str,
    log: Path | None,
    timeout: float,
    keep: bool,
    warm: bool = False,
    jobs: int = 1,
) -> int:
    """Run the fuzzer; returns the exit code (0 no mismatch, 1 mismatches, 2 failure)."""
    work = Path(tempfile.mkdtemp(prefix="tycheck-fuzz-"))
    root = work / "tree"
    shutil.copytree(
        source, root, ignore=shutil.ignore_patterns(".tycheckd*.json", "__pycache__", ".mypy_cache")
    )
    env = dict(os.environ)
    env.pop("TYCHECKD_SESSION_MODULE", None)
    tree = Tree(root, package, random.Random(seed))
    log_file = open(log, "a", encoding="utf-8") if log else None
    counts = {"mismatches": 0, "done": 0}
    failed = False
    started = time.time()
    colds = ColdRuns(work, package, env, timeout, max(jobs, 1), warm)
    pending: list[Pending] = []

    def settle(item: Pending) -> bool:
        """Compare one step with its cold run; False when the fuzzer must stop."""
        expected, helper_agrees, cold_s = item.cold.result()
        same = item.daemon == expected
        counts["done"] += 1
        record = {
            "step": item.step,
            "seed": seed,
            "mode": item.mode,
            "edit": item.edit.kind,
            "detail": item.edit.detail,
            "same": same,
            "daemon_s": round(item.daemon_s, 3),
            "cold_s": round(cold_s, 3),
            "exit": expected[2],
        }
        if not same:
            counts["mismatches"] += 1
            record.update(daemon=item.daemon, cold=expected)
            print(
                f"MISMATCH at step {item.step} ({item.mode}, {item.edit.kind}: {item.edit.detail})",
                file=sys.stderr,
            )
            print(f"  daemon: {item.daemon!r}\n  cold:   {expected!r}", file=sys.stderr)
        if log_file:
            log_file.write(json.dumps(record) + "\n")
            log_file.flush()
        print(
            f"step {item.step}/{steps} {item.mode:7} {item.edit.kind:12} {'ok' if same else 'MISMATCH'} "
            f"daemon {item.daemon_s:.2f}s cold {cold_s:.2f}s",
            flush=True,
        )
        if not helper_agrees:
            print(
                f"step {item.step}: the cold-run helper differs from a new process", file=sys.stderr
            )
            return False
        return "Traceback" not in item.daemon[1] and "INTERNAL ERROR" not in item.daemon[1]

    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        first = daemon_check(tree, "run", Edit("start", ""), env, timeout)
        pending.append(
            Pending(0, "run", Edit("start", "no edit"), first, 0.0, colds.submit(tree, 0))
        )
        for step in range(1, steps + 1):
            edit = random_edit(tree)
            step_mode = mode if mode != "mixed" else ("run" if step % 2 else "recheck")
            if edit.followup is not None:
                daemon_check(tree, step_mode, edit, env, timeout)
                edit.followup()
            t0 = time.perf_counter()
            daemon = daemon_check(tree, step_mode, edit, env, timeout)
            pending.append(
                Pending(
                    step,
                    step_mode,
                    edit,
                    daemon,
                    time.perf_counter() - t0,
                    colds.submit(tree, step),
                )
            )
            while len(pending) > 2 * colds.jobs or (pending and pending[0].cold.done()):
                if not settle(pending.pop(0)):
                    failed = True
                    break
            if failed:
                break
        while pending and not failed:
            failed = not settle(pending.pop(0))
    except subprocess.TimeoutExpired as err:
        print(f"a tool timed out: {err}", file=sys.stderr)
        failed = True
    finally:
        colds.close()
        run_tool(
            [
                sys.executable,
                "-m",
                "tycheck.cli.daemon_client",
                "--status-file",
                STATUS_FILE,
                "stop",
            ],
            root,
            env,
            30,
        )
        if log_file:
            log_file.close()
        for rel in tree.locked:
            if (root / rel).exists():
                os.chmod(root / rel, 0o644)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    done = counts["done"] - 1  # step 0 is the start, not an edit
    print(
        f"{done} steps, {counts['mismatches']} mismatches, {time.time() - started:.0f}s (seed {seed}, mode {mode})"
    )
    if failed:
        return 2
    return 1 if counts["mismatches"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, help="the tree to copy (never edited in place)")
    parser.add_argument("--package", help="the package directory to check, inside the tree")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=("run", "recheck", "mixed"), default="mixed")
    parser.add_argument("--log", type=Path, help="append one JSON line per step to this file")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per tool run")
    parser.add_argument("--keep", action="store_true", help="keep the working copy")
    parser.add_argument(
        "--warm-cold",
        action="store_true",
        help="cold runs in one helper process, each a fresh session (every 50th step also in a new process)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="cold runs in parallel (on copies of the tree)"
    )
    parser.add_argument("--serve-cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_cold:
        return serve_cold()
    if args.tree is None or args.package is None:
        parser.error("--tree and --package are required")
    return fuzz(
        args.tree,
        args.package,
        args.steps,
        args.seed,
        args.mode,
        args.log,
        args.timeout,
        args.keep,
        args.warm_cold,
        args.jobs,
    )


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM unwinds like an exception, so the daemon is stopped and the copy removed."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
