#!/usr/bin/env python3
"""Differential harness on real code: mypy 2.4.1 (the oracle) against tycheck.

It installs a set of popular, typed, pure-Python packages with their dependencies into
venvs of their own (``bench/.data/realcode-venv``, and ``realcode-venv-b`` for the second
group), copies each package's installed source
directories into a tree of their own (``bench/.data/realcode/trees/<dist>/``: a checker run
inside site-packages would see its neighbours as sources) and runs both checkers on each tree,
cold, with ``--python-executable`` pointing at that venv, so that imports resolve to the same
installed dependencies for both.

Each package is checked twice:

* ``default``: default flags (an empty ``[mypy]`` config, so that no config file of an
  enclosing directory applies);
* ``own``: the package's own mypy configuration, taken from its sdist (``pyproject.toml``
  ``[tool.mypy]``, ``mypy.ini``, ``.mypy.ini`` or ``setup.cfg``) and written as a ``mypy.ini``
  without the settings that name files or plugins or change the output format (``files``,
  ``plugins``, ``mypy_path``, ``exclude``, ``pretty``, ...; see ``DROPPED``).  Packages
  whose sdist has no mypy configuration have no ``own`` run.

Reported per package and run: the lines that tycheck prints and mypy does not (``extra``, a
multiset difference of the diagnostic lines, summary line excluded; whether the summary lines
are equal is a column of its own), the lines that mypy prints
and tycheck does not (``missing``), crashes (``INTERNAL ERROR``, a traceback, a timeout, or
exit code 2 with nothing on stdout) and the tycheck/mypy wall-time ratio.  The extra lines are
then grouped by message pattern (quoted names replaced by ``"_"``) to show the largest causes.

``trees`` mode adds the two public trees of issue 7 from ``bench/.data`` (``bench/fetch.py``):
mypy's own tree (default flags, ``--exclude mypy/typeshed/``, both checkers pointed at the oracle's
interpreter) and rich (default flags, and its own strict config).  mypy's outputs are kept in
``bench/.data/realcode/mypy-runs`` and reused while the oracle, command and config are the same
(``--fresh-mypy`` reruns them); its wall time is then the one measured when it ran.

Results: ``bench/results/<date>-realcode.md`` (tables) and ``bench/results/<date>-realcode.json``
(every extra and missing line, for comparisons).  ``--compare OLD.json`` prints the change of
extra/missing counts per package against an earlier result (run it after a checker change).

    .venv/bin/python bench/realcode.py                 # set up (first time) and run all
    .venv/bin/python bench/realcode.py --only click,attrs --modes default
    .venv/bin/python bench/realcode.py --compare bench/results/2026-12-03-realcode.json
"""

from __future__ import annotations

import argparse
import configparser
import datetime
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import tomllib
from collections import Counter
from dataclasses import asdict, dataclass, field

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
DATA_DIR = os.path.join(BENCH_DIR, ".data")
VENV_B = "realcode-venv-b"
WORK_DIR = os.path.join(DATA_DIR, "realcode")
RESULTS_DIR = os.path.join(BENCH_DIR, "results")
# mypy's outputs, keyed by command, config and oracle (see ``oracle_run``).
MYPY_CACHE = os.path.join(WORK_DIR, "mypy-runs")
COLD = ["--no-incremental", "--cache-dir=/dev/null"]
DEFAULT_ORACLE = os.environ.get("TYCHECK_ORACLE_PYTHON") or os.path.join(
    DATA_DIR, "oracle-venv", "bin", "python"
)


@dataclass(frozen=True)
class Package:
    """A distribution to check: its pinned version and the import packages it installs."""

    dist: str
    version: str
    dirs: tuple[str, ...]
    kind: str
    # The venv it is installed in (a directory of bench/.data). The second group has a venv
    # of its own, so that adding it changed nothing the first group's runs see.
    venv: str = "realcode-venv"


# Pure-Python distributions that ship py.typed (checked by hand when the list was made).
PACKAGES: tuple[Package, ...] = (
    Package("attrs", "26.1.0", ("attr", "attrs"), "data classes"),
    Package("click", "8.5.1", ("click",), "CLI"),
    Package("typer", "0.29.2", ("typer",), "CLI"),
    Package("httpx", "0.29.0", ("httpx",), "HTTP client"),
    Package("httpcore", "1.0.9", ("httpcore",), "HTTP client"),
    Package("h11", "0.16.0", ("h11",), "HTTP protocol"),
    Package("starlette", "1.10.0", ("starlette",), "web framework"),
    Package("flask", "3.1.3", ("flask",), "web framework"),
    Package("werkzeug", "3.1.9", ("werkzeug",), "web framework"),
    Package("jinja2", "3.1.6", ("jinja2",), "templates"),
    Package("itsdangerous", "2.2.0", ("itsdangerous",), "web"),
    Package("blinker", "1.9.0", ("blinker",), "signals"),
    Package("anyio", "4.16.0", ("anyio",), "async"),
    Package("trio", "0.35.0", ("trio",), "async"),
    Package("packaging", "26.4", ("packaging",), "build tools"),
    Package("pluggy", "1.7.0", ("pluggy",), "build tools"),
    Package("tomlkit", "0.15.2", ("tomlkit",), "data"),
    Package("structlog", "26.1.0", ("structlog",), "logging"),
    Package("more-itertools", "11.2.1", ("more_itertools",), "data"),
    Package("platformdirs", "4.14.9", ("platformdirs",), "system"),
    Package("filelock", "4.3.1", ("filelock",), "system"),
    Package("pathspec", "1.1.1", ("pathspec",), "build tools"),
    Package("markdown-it-py", "4.3.0", ("markdown_it",), "text"),
    # Second group (2026-12-03 night): other kinds of code, for fixes that generalise.
    Package("urllib3", "2.8.0", ("urllib3",), "HTTP client", VENV_B),
    Package("cattrs", "26.2.1", ("cattrs", "cattr"), "serialization", VENV_B),
    Package("marshmallow", "4.4.0", ("marshmallow",), "serialization", VENV_B),
    Package("yarl", "1.25.1", ("yarl",), "URLs", VENV_B),
    Package("multidict", "7.2.1", ("multidict",), "data", VENV_B),
    Package("tenacity", "9.2.1", ("tenacity",), "retrying", VENV_B),
    Package("pyjwt", "2.15.1", ("jwt",), "auth", VENV_B),
    Package("rich-click", "1.9.9", ("rich_click",), "CLI", VENV_B),
    Package("uvicorn", "0.55.0", ("uvicorn",), "ASGI server", VENV_B),
    Package("asgiref", "3.13.0", ("asgiref",), "async", VENV_B),
    Package("humanize", "4.17.0", ("humanize",), "text", VENV_B),
    Package("websockets", "17.4", ("websockets",), "network protocol", VENV_B),
)

# Settings of a package's own config that are not about type checking, or that name files,
# plugins or directories of the package's repository (absent from the installed tree).
DROPPED = frozenset(
    {
        "files",
        "packages",
        "modules",
        "plugins",
        "mypy_path",
        "exclude",
        "exclude_gitignore",
        "python_executable",
        "cache_dir",
        "incremental",
        "sqlite_cache",
        "cache_fine_grained",
        "pretty",
        "color_output",
        "error_summary",
        "show_error_context",
        "show_column_numbers",
        "show_error_end",
        "show_absolute_path",
        "show_traceback",
        "raise_exceptions",
        "junit_xml",
        "html_report",
        "txt_report",
        "xml_report",
        "linecount_report",
        "any_exprs_report",
        "cobertura_xml_report",
        "lineprecision_report",
        "linecoverage_report",
        "memory_xml_report",
        "warn_unused_configs",
        "verbosity",
        "install_types",
        "non_interactive",
        "custom_typeshed_dir",
        "site_packages",
        "namespace_packages",
        "explicit_package_bases",
        "num_workers",
    }
)
CRASH_MARKERS = ("INTERNAL ERROR", "Traceback (most recent call last)")


# ---------------------------------------------------------------------------------------
# Setup: the venv, the trees and the configs.


def venv_python(venv: str = "realcode-venv") -> str:
    return os.path.join(DATA_DIR, venv, "bin", "python")


def ensure_venvs(packages: tuple[Package, ...]) -> None:
    """Create each venv and install its pinned packages (pip skips what is there)."""
    for venv in sorted({p.venv for p in packages}):
        if not os.path.exists(venv_python(venv)):
            subprocess.run([sys.executable, "-m", "venv", os.path.join(DATA_DIR, venv)], check=True)
        pins = [f"{p.dist}=={p.version}" for p in packages if p.venv == venv]
        subprocess.run([venv_python(venv), "-m", "pip", "install", "--quiet", *pins], check=True)


def site_packages(venv: str) -> str:
    out = subprocess.run(
        [venv_python(venv), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def tree_dir(pkg: Package) -> str:
    return os.path.join(WORK_DIR, "trees", pkg.dist)


def ensure_tree(pkg: Package, site: str) -> str:
    """Copy the installed import packages of ``pkg`` into a directory of their own."""
    root = tree_dir(pkg)
    marker = os.path.join(root, f".{pkg.version}")
    if os.path.exists(marker):
        return root
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for d in pkg.dirs:
        shutil.copytree(
            os.path.join(site, d),
            os.path.join(root, d),
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.so"),
        )
    open(marker, "w").close()
    return root


def sdist_archive(pkg: Package) -> str | None:
    """The package's sdist (downloaded once with pip), or None when pip cannot get one."""
    sdir = os.path.join(WORK_DIR, "sdists")
    os.makedirs(sdir, exist_ok=True)
    stem = pkg.dist.replace("-", "[-_]")
    found = [
        p
        for p in glob.glob(os.path.join(sdir, "*.tar.gz"))
        if re.fullmatch(rf"(?i){stem}-{re.escape(pkg.version)}\.tar\.gz", os.path.basename(p))
    ]
    if not found:
        subprocess.run(
            [
                venv_python(),
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"{pkg.dist}=={pkg.version}",
                "-d",
                sdir,
            ],
            check=False,
        )
        return sdist_archive(pkg) if _has_archive(sdir, stem, pkg.version) else None
    return found[0]


def _has_archive(sdir: str, stem: str, version: str) -> bool:
    return any(
        re.fullmatch(rf"(?i){stem}-{re.escape(version)}\.tar\.gz", os.path.basename(p))
        for p in glob.glob(os.path.join(sdir, "*.tar.gz"))
    )


def _sdist_member(archive: str, name: str) -> str | None:
    """The text of a file at the root of the sdist, or None."""
    with tarfile.open(archive) as tar:
        for m in tar.getmembers():
            parts = m.name.split("/")
            if len(parts) == 2 and parts[1] == name and m.isfile():
                f = tar.extractfile(m)
                return f.read().decode("utf-8", "replace") if f else None
    return None


def _ini_value(value: object) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _ini_section(name: str, settings: dict[str, object]) -> list[str]:
    lines = [f"[{name}]"]
    lines += [f"{k} = {_ini_value(v)}" for k, v in settings.items() if k not in DROPPED]
    return lines + [""]


def config_from_pyproject(text: str) -> str | None:
    """``[tool.mypy]`` and its overrides, as mypy.ini text."""
    tool = tomllib.loads(text).get("tool", {}).get("mypy")
    if not isinstance(tool, dict):
        return None
    overrides = tool.pop("overrides", [])
    lines = _ini_section("mypy", tool)
    for ov in overrides:
        ov = dict(ov)
        modules = ov.pop("module")
        for mod in [modules] if isinstance(modules, str) else modules:
            lines += _ini_section(f"mypy-{mod}", ov)
    return "\n".join(lines)


def config_from_ini(text: str) -> str | None:
    """The ``[mypy]`` and ``[mypy-...]`` sections of a mypy.ini or setup.cfg, filtered."""
    cp = configparser.RawConfigParser()
    cp.read_string(text)
    sections = [s for s in cp.sections() if s == "mypy" or s.startswith("mypy-")]
    if "mypy" not in sections:
        return None
    lines: list[str] = []
    for s in sections:
        lines += _ini_section(s, dict(cp.items(s)))
    return "\n".join(lines)


def own_config(pkg: Package) -> tuple[str | None, str]:
    """(mypy.ini text or None, where it came from) for the package's own config."""
    archive = sdist_archive(pkg)
    if archive is None:
        return None, "no sdist"
    for name in ("mypy.ini", ".mypy.ini"):
        text = _sdist_member(archive, name)
        if text is not None and (cfg := config_from_ini(text)):
            return cfg, name
    text = _sdist_member(archive, "pyproject.toml")
    if text is not None and (cfg := config_from_pyproject(text)):
        return cfg, "pyproject.toml"
    text = _sdist_member(archive, "setup.cfg")
    if text is not None and (cfg := config_from_ini(text)):
        return cfg, "setup.cfg"
    return None, "none in sdist"


def write_config(pkg: Package, mode: str) -> tuple[str | None, str]:
    """The config file for a run (outside the tree, so the other run cannot pick it up)."""
    cdir = os.path.join(WORK_DIR, "configs")
    os.makedirs(cdir, exist_ok=True)
    if mode == "default":
        text, origin = "[mypy]\n", "empty"
    else:
        text, origin = own_config(pkg)
        if text is None:
            return None, origin
    path = os.path.join(cdir, f"{pkg.dist}-{mode}.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path, origin


# ---------------------------------------------------------------------------------------
# Running and comparing.


@dataclass
class RunResult:
    """One checker's run on one tree."""

    exit_code: int
    wall_s: float
    stdout: str
    stderr: str
    timed_out: bool = False

    def lines(self) -> list[str]:
        return diagnostic_lines(self.stdout)

    def crash(self) -> str | None:
        if self.timed_out:
            return "timeout"
        text = self.stdout + self.stderr
        for marker in CRASH_MARKERS:
            if marker in text:
                return marker
        if self.exit_code == 2 and not self.stdout.strip():
            return "exit 2: " + (self.stderr.strip().splitlines() or [""])[-1][:120]
        return None


def summary_line(output: str) -> str:
    """The closing ``Found ...``/``Success: ...`` line, or ""."""
    found = [ln for ln in output.splitlines() if ln.startswith(("Found ", "Success: "))]
    return found[-1] if found else ""


def file_sequence(lines: list[str]) -> list[str]:
    """The files of the output in the order they are printed."""
    out: list[str] = []
    for ln in lines:
        path = ln.split(":", 1)[0]
        if not out or out[-1] != path:
            out.append(path)
    return out


def same_order(a: list[str], b: list[str]) -> bool:
    """Whether the files both outputs print come in the same order."""
    fa, fb = file_sequence(a), file_sequence(b)
    return [f for f in fa if f in fb] == [f for f in fb if f in fa]


def diagnostic_lines(output: str) -> list[str]:
    """Output lines without the summary line."""
    return [ln for ln in output.splitlines() if not ln.startswith(("Found ", "Success: "))]


def run_checker(cmd: list[str], cwd: str, timeout: float) -> RunResult:
    """Run one checker in its own process group, killed whole on timeout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    return RunResult(proc.returncode, time.perf_counter() - t0, out, err, timed_out)


@dataclass
class Comparison:
    """The two checkers on one package in one mode."""

    package: str
    version: str
    mode: str
    config: str
    files: int
    mypy_lines: int
    tycheck_lines: int
    mypy_s: float
    tycheck_s: float
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    crash: str | None = None
    mypy_crash: str | None = None
    mypy_summary: str = ""
    tycheck_summary: str = ""
    same_file_order: bool = True

    @property
    def ratio(self) -> float:
        return self.tycheck_s / self.mypy_s if self.mypy_s else 0.0


def multiset_minus(a: list[str], b: list[str]) -> list[str]:
    """The lines of ``a`` left after removing those of ``b`` (with counts), in ``a``'s order."""
    budget = Counter(b)
    out = []
    for ln in a:
        if budget[ln] > 0:
            budget[ln] -= 1
        else:
            out.append(ln)
    return out


def oracle_run(cmd: list[str], tree: str, config: str, args: argparse.Namespace) -> RunResult:
    """mypy's run, reused from ``MYPY_CACHE`` when the oracle, command and config are the
    same (the oracle never changes between runs; only tycheck does).  ``--fresh-mypy`` reruns."""
    with open(config, encoding="utf-8") as f:
        key_text = json.dumps([cmd, tree, f.read(), os.path.realpath(args.mypy_python)])
    key = hashlib.sha256(key_text.encode()).hexdigest()[:24]
    path = os.path.join(MYPY_CACHE, key + ".json")
    if not args.fresh_mypy and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return RunResult(**json.load(f))
    result = run_checker(cmd, tree, args.timeout)
    if not result.timed_out:
        os.makedirs(MYPY_CACHE, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(asdict(result), f)
    return result


def compare(pkg: Package, mode: str, args: argparse.Namespace) -> Comparison | None:
    tree = ensure_tree(pkg, site_packages(pkg.venv))
    config, origin = write_config(pkg, mode)
    if config is None:
        print(f"  {pkg.dist} [{mode}]: skipped ({origin})", flush=True)
        return None
    python = venv_python(pkg.venv)
    flags = [*COLD, "--python-executable", python, "--config-file", config, *pkg.dirs]
    return compare_run(pkg.dist, pkg.version, mode, origin, tree, flags, config, pkg.dirs, args)


@dataclass(frozen=True)
class Tree:
    """A source tree of bench/.data checked as a whole (mypy's own tree, rich)."""

    name: str
    version: str
    mode: str
    subdir: str
    targets: tuple[str, ...]
    config: str | None  # a config file inside the tree, or None for an empty config


# The two public trees of issue 7, with the flags its acceptance checks use: mypy's tree with
# default flags against the oracle's interpreter; rich with default flags and its own config.
TREES: tuple[Tree, ...] = (
    Tree(
        "mypy-tree", "2.4.1", "default", "mypy-2.4.1", ("--exclude", "mypy/typeshed/", "mypy"), None
    ),
    Tree("rich", "15.0.0", "default", "rich-15.0.0", ("rich",), None),
    Tree("rich", "15.0.0", "strict", "rich-15.0.0", ("rich",), "pyproject.toml"),
)


def compare_tree(t: Tree, args: argparse.Namespace) -> Comparison | None:
    root = os.path.join(DATA_DIR, t.subdir)
    if not os.path.isdir(root):
        print(f"  {t.name} [{t.mode}]: skipped (no {root}; see bench/fetch.py)", flush=True)
        return None
    if t.config is None:
        config, origin = write_tree_config(t), "empty"
    else:
        config, origin = os.path.join(root, t.config), t.config
    flags = [*COLD, "--python-executable", args.mypy_python, "--config-file", config, *t.targets]
    dirs = tuple(x for x in t.targets if not x.startswith("-") and "/" not in x)
    return compare_run(t.name, t.version, t.mode, origin, root, flags, config, dirs, args)


def write_tree_config(t: Tree) -> str:
    cdir = os.path.join(WORK_DIR, "configs")
    os.makedirs(cdir, exist_ok=True)
    path = os.path.join(cdir, f"{t.name}-{t.mode}.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write("[mypy]\n")
    return path


def compare_run(
    dist: str,
    version: str,
    mode: str,
    origin: str,
    tree: str,
    flags: list[str],
    config: str,
    dirs: tuple[str, ...],
    args: argparse.Namespace,
) -> Comparison:
    """Both checkers on one tree with the same flags, and the difference of their outputs."""
    mypy = oracle_run([args.mypy_python, "-m", "mypy", *flags], tree, config, args)
    tyc = run_checker([*shlex.split(args.tycheck_cmd), *flags], tree, args.timeout)
    files = sum(
        len([f for f in fs if f.endswith((".py", ".pyi"))])
        for d in dirs
        for _, _, fs in os.walk(os.path.join(tree, d))
    )
    result = Comparison(
        dist,
        version,
        mode,
        origin,
        files,
        len(mypy.lines()),
        len(tyc.lines()),
        round(mypy.wall_s, 2),
        round(tyc.wall_s, 2),
        multiset_minus(tyc.lines(), mypy.lines()),
        multiset_minus(mypy.lines(), tyc.lines()),
        tyc.crash(),
        mypy.crash(),
        summary_line(mypy.stdout),
        summary_line(tyc.stdout),
        same_order(mypy.lines(), tyc.lines()),
    )
    print(
        f"  {dist} [{mode}]: mypy {result.mypy_lines} lines {result.mypy_s:.1f}s, "
        f"tycheck {result.tycheck_lines} lines {result.tycheck_s:.1f}s, "
        f"extra {len(result.extra)}, missing {len(result.missing)}"
        + (f", CRASH {result.crash}" if result.crash else ""),
        flush=True,
    )
    return result


# ---------------------------------------------------------------------------------------
# Reporting.

_LOCATION = re.compile(r"^[^:]+:\d+(?::\d+)?(?::\d+:\d+)?: ")
_QUOTED = re.compile(r'"[^"]*"')


def message_pattern(line: str) -> str:
    """A line without its location and with quoted names as ``"_"``, for grouping causes."""
    return _QUOTED.sub('"_"', _LOCATION.sub("", line))


def pattern_table(results: list[Comparison], limit: int, exact: bool = False) -> list[str]:
    """The most frequent extra messages: as patterns, or (``exact``) without location only."""
    groups: Counter[str] = Counter()
    where: dict[str, Counter[str]] = {}
    for r in results:
        for ln in r.extra:
            pat = _LOCATION.sub("", ln) if exact else message_pattern(ln)
            groups[pat] += 1
            where.setdefault(pat, Counter())[r.package] += 1
    out = ["| extra lines | message pattern | packages |", "|---:|---|---|"]
    for pat, n in groups.most_common(limit):
        pkgs = ", ".join(f"{p} {k}" for p, k in where[pat].most_common(4))
        out.append(f"| {n} | `{pat.replace('|', '/')}` | {pkgs} |")
    return out


TREE_NAMES = frozenset(t.name for t in TREES)


def run_table(results: list[Comparison], mode: str) -> list[str]:
    rows = results if mode == "trees" else [r for r in results if r.mode == mode]
    out = [
        f"### {mode}",
        "",
        "| package | config | files | mypy lines | tycheck lines | extra | missing | summary | file order | crash | mypy s | tycheck s | ratio |",
        "|---|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|",
    ]
    for r in rows:
        crash = r.crash or ("(mypy: " + r.mypy_crash + ")" if r.mypy_crash else "")
        out.append(
            f"| {r.package} {r.version} | {r.config} | {r.files} | {r.mypy_lines} | "
            f"{r.tycheck_lines} | {len(r.extra)} | {len(r.missing)} | "
            f"{'=' if r.mypy_summary == r.tycheck_summary else 'differs'} | "
            f"{'=' if r.same_file_order else 'differs'} | {crash} | "
            f"{r.mypy_s:.1f} | {r.tycheck_s:.1f} | {r.ratio:.1f} |"
        )
    clean = sum(1 for r in rows if not r.extra)
    out.append(
        f"| **all ({len(rows)})** | | {sum(r.files for r in rows)} | "
        f"{sum(r.mypy_lines for r in rows)} | {sum(r.tycheck_lines for r in rows)} | "
        f"{sum(len(r.extra) for r in rows)} | {sum(len(r.missing) for r in rows)} | "
        f"{sum(1 for r in rows if r.mypy_summary != r.tycheck_summary)} differ | "
        f"{sum(1 for r in rows if not r.same_file_order)} differ | "
        f"{sum(1 for r in rows if r.crash)} | {sum(r.mypy_s for r in rows):.1f} | "
        f"{sum(r.tycheck_s for r in rows):.1f} | |"
    )
    return out + ["", f"Packages with no extra line: {clean} of {len(rows)}.", ""]


def git_describe() -> str:
    out = subprocess.run(
        ["git", "-C", REPO_DIR, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", REPO_DIR, "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out.stdout.strip() + ("+dirty" if dirty else "")


def render_markdown(results: list[Comparison], meta: dict[str, object], limit: int) -> str:
    lines = [
        f"# Real code: tycheck against mypy 2.4.1 ({meta['date']})",
        "",
        f"tycheck `{meta['tycheck']}`. Cold runs "
        "(`--no-incremental --cache-dir=/dev/null`), both with `--python-executable` "
        "at the realcode venv. `extra`: lines tycheck prints and mypy does not; "
        "`missing`: the reverse (multisets, summary line excluded); `summary`: whether "
        "the summary lines are equal; `file order`: whether the files both print come in "
        "the same order; `ratio`: "
        "tycheck/mypy wall time. `default`: no config; `own`: the package's own mypy "
        "config from its sdist, less the settings in `DROPPED`.",
        "",
    ]
    for mode in ("default", "own"):
        if any(r.mode == mode for r in results if r.package not in TREE_NAMES):
            lines += run_table([r for r in results if r.package not in TREE_NAMES], mode)
    if any(r.package in TREE_NAMES for r in results):
        lines += run_table([r for r in results if r.package in TREE_NAMES], "trees")
    lines += ["## Extra lines by message pattern (all runs)", ""]
    lines += pattern_table(results, limit)
    lines += ["", "## Most frequent extra messages (location removed)", ""]
    lines += pattern_table(results, limit, exact=True)
    return "\n".join(lines) + "\n"


def compare_with(old_path: str, results: list[Comparison]) -> None:
    with open(old_path, encoding="utf-8") as f:
        old = {(r["package"], r["mode"]): r for r in json.load(f)["results"]}
    print(f"\nChange against {old_path} (extra, missing):")
    for r in results:
        o = old.get((r.package, r.mode))
        if o is None:
            continue
        de, dm = len(r.extra) - len(o["extra"]), len(r.missing) - len(o["missing"])
        if de or dm:
            print(
                f"  {r.package} [{r.mode}]: extra {len(o['extra'])} -> {len(r.extra)} "
                f"({de:+d}), missing {len(o['missing'])} -> {len(r.missing)} ({dm:+d})"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--mypy-python", default=DEFAULT_ORACLE)
    ap.add_argument("--tycheck-cmd", default=f"{shlex.quote(sys.executable)} -m tycheck")
    ap.add_argument(
        "--label",
        default=None,
        help="what the report calls the tycheck under test (default: git revision)",
    )
    ap.add_argument("--only", default="", help="comma-separated distributions")
    ap.add_argument(
        "--modes",
        default="default,own,trees",
        help="default, own (per package) and trees (mypy's tree, rich default and strict)",
    )
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per checker run")
    ap.add_argument("--patterns", type=int, default=30, help="message patterns to list")
    ap.add_argument(
        "--out", default=None, help="report path stem (default: results/<date>-realcode)"
    )
    ap.add_argument("--compare", default=None, help="an earlier result .json")
    ap.add_argument("--skip-install", action="store_true")
    ap.add_argument(
        "--fresh-mypy", action="store_true", help="rerun mypy instead of reusing its last output"
    )
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    packages = tuple(p for p in PACKAGES if not only or p.dist in only)
    if not args.skip_install:
        ensure_venvs(PACKAGES)
    results: list[Comparison] = []
    modes = args.modes.split(",")
    for pkg in packages:
        for mode in modes:
            if mode == "trees":
                continue
            r = compare(pkg, mode, args)
            if r is not None:
                results.append(r)
    if "trees" in modes:
        for t in TREES:
            if not only or t.name in only:
                found = compare_tree(t, args)
                if found is not None:
                    results.append(found)
    date = datetime.date.today().isoformat()
    meta: dict[str, object] = {
        "date": date,
        "tycheck": args.label or git_describe(),
        "mypy_python": "oracle",
        "packages": [asdict(p) for p in packages],
    }
    stem = args.out or os.path.join(RESULTS_DIR, f"{date}-realcode")
    report = render_markdown(results, meta, args.patterns)
    with open(stem + ".md", "w", encoding="utf-8") as f:
        f.write(report)
    with open(stem + ".json", "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "results": [asdict(r) for r in results]}, f, indent=1)
        f.write("\n")
    print(report)
    if args.compare:
        compare_with(args.compare, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
