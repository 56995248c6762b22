"""mypy's ``fine-grained*.test`` cases through tycheckd's command handler, in-process.

What ``../shared/tools/mypy_cases.py --mode daemon`` does with real client processes, done
with one ``CommandHandler`` per case (the daemon's request dispatcher over a real session):
step 1 is the initial ``run``, each later step applies the ``.N`` files and runs again,
``# suggestN:``/``# inspectN:`` lines become ``suggest``/``inspect`` requests after their
step, and the outputs (joined with ``==``, ``tmp/`` stripped) are compared with ``[out]``.

Usage (a case list for the ratchet, or a quick look at failures)::

    python -m tests.conformance.daemon_mode --files fine-grained-suggest.test,fine-grained-inspect.test
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import shlex
import sys
from typing import Any

from tycheck import __version__
from tycheck.daemon.handlers import CommandHandler

from . import harness
from .casedir import CaseDir, write_file
from .cases import Case, Unsupported, parse_case, split_cases
from .execute import Paths, inside

Result = dict[str, Any]
# Lines the client prints about the daemon itself, not part of any output.
_NOISE = re.compile(r"^(Daemon started|Daemon stopped|Restarting: .*)$")


def requests_of(kind: str, text: str, step: int) -> list[tuple[str, str]]:
    """(flags, target) of the ``# suggest:``/``# inspect:`` lines of one step."""
    step_bit = "1?" if step == 1 else str(step)
    chars = r"a-zA-Z0-9_\-./=?^ " if kind == "suggest" else r"a-zA-Z0-9_\-=?^ "
    regex = f"# {kind}{step_bit}: (--[{chars}]+ )*([a-zA-Z0-9_.:/?^ ]+)$"
    return re.findall(regex, text, flags=re.MULTILINE)


def daemon_args(case: Case, flags: list[str] | None) -> list[str]:
    """The checker options the fine-grained harness uses."""
    args = list(flags or [])
    args.append("--no-site-packages")
    if flags is None or "--show-error-codes" not in flags:
        args.append("--hide-error-codes")
    if flags is None or all(f.split("=")[0] != "--python-version" for f in flags):
        ver = harness.case_python_version(case)
        args += ["--python-version", f"{ver[0]}.{ver[1]}"]
    if not case.name.endswith("_no_empty"):
        args.append("--allow-empty-bodies")
    args.append("--local-partial-types")
    if not re.search("flags:.*--follow-imports", case.main_text):
        args.append("--follow-imports=error")
    return args + ["--show-traceback", "--no-error-summary"]


def parse_flags(text: str) -> dict[str, object]:
    """A client's ``suggest``/``inspect`` flags as request fields."""
    fields: dict[str, object] = {}
    verbosity = 0
    for word in shlex.split(text):
        if word in ("-v", "--verbose"):
            verbosity += 1
            continue
        if re.fullmatch(r"-v+", word):
            verbosity += len(word) - 1
            continue
        name, _, value = word.lstrip("-").partition("=")
        key = name.replace("-", "_")
        if key in ("limit", "max_guesses"):
            fields[key] = int(value)
        elif key == "flex_any":
            fields[key] = float(value)
        elif key in ("show", "use_fixme"):
            fields[key] = value
        else:
            fields[key] = True
    fields["verbosity"] = verbosity
    return fields


def answer_lines(res: dict[str, Any]) -> list[str]:
    if "error" in res:
        return str(res["error"]).strip().split("\n")
    text = str(res.get("out", "")) + str(res.get("err", ""))
    return text.strip().split("\n") if text.strip() else [""]


class _Runner:
    """One case in its directory, with its handler."""

    def __init__(self, case: Case, cd: CaseDir) -> None:
        self.case = case
        self.cd = cd
        self.text = case.main_text
        self.environ = harness.case_environ(dict(os.environ), cd.root)
        flags = harness.find_flags(self.text, 1)
        self.args = (
            ["--custom-typeshed-dir", cd.overlay] + self._config(flags) + daemon_args(case, flags)
        )
        self.handler: CommandHandler | None = None

    def _config(self, flags: list[str] | None) -> list[str]:
        keys, sections = harness.harness_keys(self.case), dict(harness.HARNESS_SECTIONS)
        own = harness.config_file_from_flags(flags or [])
        if not own:
            own = next(
                (n for n, _ in self.case.files if re.search(r"(mypy\.ini|pyproject\.toml)$", n)),
                None,
            )
        if own:
            harness.inject_config(os.path.join(self.cd.root, own), keys, sections)
            return ["--config-file", own]
        write_file(self.cd.root, ".harness/mypy.ini", harness.config_text(keys, sections))
        return ["--config-file", os.path.join(self.cd.root, ".harness", "mypy.ini")]

    def files(self, step: int) -> list[str]:
        m = re.search("# cmd: mypy ([a-zA-Z0-9_./ ]+)$", self.text, flags=re.M)
        alt = re.search(f"# cmd{step}: mypy ([a-zA-Z0-9_./ ]+)$", self.text, flags=re.M)
        m = alt or m
        if m:
            return [posixpath.join("tmp", p) for p in m.group(1).strip().split()]
        # A command line cannot pass an empty directory: leave it out then.
        has_py = any(
            n.endswith((".py", ".pyi"))
            for _, _, names in os.walk(os.path.join(self.cd.root, "tmp"))
            for n in names
        )
        return ["tmp/main", "tmp"] if has_py else ["tmp/main"]

    def run_step(self, step: int) -> list[str]:
        argv = self.args + self.files(step)
        if self.handler is None:
            self.handler = CommandHandler(argv, cwd=self.cd.root, environ=self.environ)
        res = self.handler.handle(
            "run", {"version": __version__, "args": argv, "environ": self.environ}
        )
        if "restart" in res:
            self.handler = CommandHandler(argv, cwd=self.cd.root, environ=self.environ)
            res = self.handler.handle(
                "run", {"version": __version__, "args": argv, "environ": self.environ}
            )
        if "error" in res:
            lines = [str(res["error"])]
        else:
            lines = [ln for ln in str(res["out"]).splitlines() if not _NOISE.match(ln)]
            if not lines and res.get("status") not in (0, 1):
                lines = str(res.get("err", "")).splitlines()
        lines = harness.drop_injected_sections(
            harness.clean_up(lines), dict(harness.HARNESS_SECTIONS)
        )
        out = [re.sub("^tmp/", "", ln) for ln in lines]
        for flags, target in requests_of("suggest", self.text, step):
            fields = parse_flags(flags)
            fields["function"] = target.strip()
            got = answer_lines(self.handler.handle("suggest", fields))
            root = os.path.realpath(self.cd.root) + os.sep
            out += [
                re.sub(
                    "^tmp/",
                    "",
                    ln.replace(root, "").replace(os.path.abspath(self.cd.root) + os.sep, ""),
                )
                for ln in got
            ]
        for flags, location in requests_of("inspect", self.text, step):
            fields = parse_flags(flags)
            fields.setdefault("show", "type")
            fields["location"] = location.strip()
            out += answer_lines(self.handler.handle("inspect", fields))
        return out


def run_case(case: Case, paths: Paths) -> Result:
    """Run one fine-grained case; ``{"status": "pass"|"fail"|"unsupported"|"error", ...}``."""
    try:
        harness.check_supported(case, sys.version_info[:2])
        if case.only_when == "-only_when_cache":
            raise Unsupported("only_when_cache (cache suite only)")
    except Unsupported as err:
        return {"status": "unsupported", "reason": str(err)}
    cd = CaseDir(case, paths.lib_stub, paths.typeshed)
    try:
        runner = _Runner(case, cd)
        write_file(cd.root, "tmp/main", case.main_text)
        last = max(list(cd.steps) + [1])
        if not cd.steps and not case.deleted_paths:
            last = 2
        actual: list[str] = []
        with inside(cd.root, runner.environ):
            for step in range(1, last + 1):
                if step > 1:
                    cd.apply_step(step)
                    actual.append("==")
                actual += runner.run_step(step)
        actual = [ln.replace("\\", "/") for ln in actual]
        if actual != case.output:
            return {"status": "fail", "expected": case.output, "actual": actual}
        return {"status": "pass"}
    except Exception as err:  # noqa: BLE001 - a crash is a result, not a runner failure
        return {"status": "error", "reason": f"{type(err).__name__}: {err}"}
    finally:
        cd.cleanup()


def load_cases(paths: Paths, files: list[str]) -> list[Case]:
    cases: list[Case] = []
    for name in files:
        for case in split_cases(os.path.join(paths.unit_dir, name)):
            try:
                parse_case(case, paths.mypy_src, sys.version_info[:2])
            except Unsupported:
                pass
            cases.append(case)
    return cases


def main(argv: list[str] | None = None) -> int:
    from .runner import find_mypy_src

    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", default="fine-grained-suggest.test,fine-grained-inspect.test")
    ap.add_argument("--cases", help="regex on case names")
    ap.add_argument("--show-failures", type=int, default=0)
    ap.add_argument("--passing-out", help="write the passing ids here (sorted)")
    args = ap.parse_args(argv)
    src = find_mypy_src()
    if src is None:
        print("mypy test data not found (set TYCHECK_MYPY_SRC)", file=sys.stderr)
        return 2
    paths = Paths(src)
    results: dict[str, Result] = {}
    for case in load_cases(paths, args.files.split(",")):
        if args.cases and not re.search(args.cases, case.name):
            continue
        results[case.case_id] = run_case(case, paths)
    counts: dict[str, int] = {}
    for res in results.values():
        counts[res["status"]] = counts.get(res["status"], 0) + 1
    shown = 0
    for cid, res in results.items():
        if res["status"] in ("fail", "error") and shown < args.show_failures:
            shown += 1
            print(f"--- {cid}: {res['status']}\n{json.dumps(res, indent=1)}")
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    if args.passing_out:
        with open(args.passing_out, "w", encoding="utf-8") as f:
            f.writelines(
                f"{cid}\n" for cid in sorted(c for c, r in results.items() if r["status"] == "pass")
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
