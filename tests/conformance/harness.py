"""What mypy's test harness adds around a case: options, config, output clean-up.

The harness builds ``Options`` in-process; we express the same through the
command line and a config file, exactly as the reference runner
(``../shared/tools/mypy_cases.py``, check mode, typeshed stub mode) does.
"""

from __future__ import annotations

import json
import os
import re

from .cases import Case, Unsupported

# The harness's settings that have no command-line flag.
HARNESS_KEYS = ("reveal_verbose_types = True",)
# Under the harness a module's __spec__ is builtins.object; with follow_imports=skip
# for importlib.machinery a checker falls back to object too, instead of deferring.
HARNESS_SECTIONS = {"importlib.machinery": ["follow_imports = skip"]}
_INJECT_MARK = "# injected by mypy_cases.py"
_CONFIG_NAMES = ("mypy.ini", "setup.cfg", "pyproject.toml", "config.ini")
DEFAULT_MIN_PYTHON = (3, 10)


def check_supported(case: Case, runtime: tuple[int, ...]) -> None:
    """Raise :class:`Unsupported` for cases the reference also leaves out."""
    if case.skip:
        raise Unsupported("-skip marker")
    if case.xfail:
        raise Unsupported("-xfail marker")
    if case.platform == "windows":
        raise Unsupported("windows-only")
    if case.name.endswith("_parallel_only"):
        raise Unsupported("parallel-only (--num-workers) case")
    m = re.search(r"python3([0-9]+)\.test$", case.file)
    if m and (3, int(m.group(1))) > runtime:
        raise Unsupported(f"needs Python 3.{m.group(1)} runtime")
    if _needs_plugin(case):
        raise Unsupported("custom mypy plugin")
    if re.search(r"^# flags[0-9]*:.*--custom-typeshed-dir", case.main_text, flags=re.M):
        raise Unsupported("case sets its own --custom-typeshed-dir (use --stub-mode fixtures)")
    if case.file == "check-modules-case.test":
        raise Unsupported("needs case-insensitive file system")


def _needs_plugin(case: Case) -> bool:
    for path, content in case.files:
        base = os.path.basename(re.sub(r"\.[0-9]+$", "", path))
        if base in _CONFIG_NAMES or base.endswith((".ini", ".toml", ".cfg")):
            if re.search(r"^\s*plugins\s*=", content, flags=re.M):
                return True
    return False


def is_incremental(case: Case) -> bool:
    return (
        "incremental" in case.name.lower() or "incremental" in case.file or "serialize" in case.file
    )


def find_flags(text: str, step: int) -> list[str] | None:
    """``# flags:`` of the case, or ``# flagsN:`` at step N when present."""
    m = re.search("# flags: (.*)$", text, flags=re.MULTILINE)
    if step > 1:
        m = re.search(f"# flags{step}: (.*)$", text, flags=re.MULTILINE) or m
    return m.group(1).split() if m else None


def find_module_targets(text: str, step: int) -> list[str] | None:
    """``-m`` arguments from ``# cmd: mypy -m a b`` (``# cmdN:`` at step N)."""
    m = re.search("# cmd: mypy -m ([a-zA-Z0-9_. ]+)$", text, flags=re.M)
    if step > 1:
        m = re.search(f"# cmd{step}: mypy -m ([a-zA-Z0-9_. ]+)$", text, flags=re.M) or m
    if m is None:
        return None
    args: list[str] = []
    for mod in m.group(1).split(" "):
        args += ["-m", mod]
    return args


def case_python_version(case: Case) -> tuple[int, int]:
    m = re.search(r"python3([0-9]+)\.test$", case.file)
    if m:
        return max((3, int(m.group(1))), DEFAULT_MIN_PYTHON)
    return DEFAULT_MIN_PYTHON


def harness_args(case: Case, flags: list[str] | None) -> list[str]:
    """The case's flags plus the options the harness sets for check cases."""
    args = list(flags or [])
    args.append("--no-site-packages")
    if flags is None or "--show-error-codes" not in flags:
        args.append("--hide-error-codes")
    if flags is None or all(f.split("=")[0] != "--python-version" for f in flags):
        major, minor = case_python_version(case)
        args += ["--python-version", f"{major}.{minor}"]
    if "columns" in case.file:
        args.append("--show-column-numbers")
    if "errorcodes" in case.file:
        args.append("--show-error-codes")
    if "abstract" not in case.file and not case.name.endswith("_no_empty"):
        args.append("--allow-empty-bodies")
    if case.name.endswith(("_old_parser", "_old_parser_cached")):
        args.append("--no-native-parser")
    args += ["--show-traceback", "--no-error-summary"]
    return args


def harness_keys(case: Case) -> list[str]:
    if case.name.endswith("_no_verbose_reveal"):
        return [
            k for k in HARNESS_KEYS if not k.replace(" ", "").startswith("reveal_verbose_types=")
        ]
    return list(HARNESS_KEYS)


def config_file_from_flags(flags: list[str]) -> str | None:
    for i, f in enumerate(flags):
        if f == "--config-file" and i + 1 < len(flags):
            return flags[i + 1]
        if f.startswith("--config-file="):
            return f.split("=", 1)[1]
    return None


def config_text(keys: list[str], sections: dict[str, list[str]]) -> str:
    """An ini config with ``keys`` under ``[mypy]`` and per-module sections."""
    text = "[mypy]\n" + "".join(k + "\n" for k in keys)
    for mod, skeys in sections.items():
        text += f"[mypy-{mod}]\n" + "".join(k + "\n" for k in skeys)
    return text


def _toml_value(kv: str) -> str:
    key, value = (x.strip() for x in kv.split("=", 1))
    if value in ("True", "False"):
        return f"{key} = {value.lower()}"
    if re.fullmatch(r"-?[0-9]+", value):
        return f"{key} = {value}"
    return f"{key} = {json.dumps(value)}"


def inject_config(path: str, keys: list[str], sections: dict[str, list[str]]) -> None:
    """Add the harness settings to the case's own config file (ini or toml), once."""
    if (not keys and not sections) or not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if _INJECT_MARK in text:
        return  # unchanged since an earlier step
    keys = keys + [_INJECT_MARK]
    text = (
        _inject_toml(text, keys, sections)
        if path.endswith(".toml")
        else _inject_ini(text, keys, sections)
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _inject_toml(text: str, keys: list[str], sections: dict[str, list[str]]) -> str:
    lines = [k if k.startswith("#") else _toml_value(k) for k in keys]
    m = re.search(r"^\[tool\.mypy\][ \t]*$", text, flags=re.M)
    if m:
        text = text[: m.end()] + "\n" + "\n".join(lines) + text[m.end() :]
    else:
        text = text.rstrip("\n") + "\n[tool.mypy]\n" + "\n".join(lines) + "\n"
    for mod, skeys in sections.items():
        text = (
            text.rstrip("\n")
            + "\n[[tool.mypy.overrides]]\n"
            + f'module = "{mod}"\n'
            + "".join(_toml_value(k) + "\n" for k in skeys)
        )
    return text


def _inject_ini(text: str, keys: list[str], sections: dict[str, list[str]]) -> str:
    m = re.search(r"^\[mypy\][ \t]*$", text, flags=re.M)
    if m:
        text = text[: m.end()] + "\n" + "\n".join(keys) + text[m.end() :]
    else:
        text = "[mypy]\n" + "\n".join(keys) + "\n" + text
    for mod, skeys in sections.items():
        text = text.rstrip("\n") + f"\n[mypy-{mod}]\n" + "".join(k + "\n" for k in skeys)
    return text


def case_environ(base: dict[str, str], root: str) -> dict[str, str]:
    """The environment of a check: ``MYPYPATH=tmp`` and no user configuration."""
    env = dict(base)
    for key in ("MYPYPATH", "MYPY_FORCE_COLOR", "FORCE_COLOR", "MYPY_CACHE_DIR", "PYTHONPATH"):
        env.pop(key, None)
    env.update(
        {
            "MYPYPATH": "tmp",
            "HOME": root,
            "XDG_CONFIG_HOME": os.path.join(root, ".xdg"),
            "TERM": "dumb",
            "NO_COLOR": "1",
            # The harness reads messages from the API, unwrapped.
            "MYPY_FORCE_TERMINAL_WIDTH": "10000",
        }
    )
    return env


# --- output normalisation -----------------------------------------------------

REPORT_NOTE = re.compile(r"^Generated [A-Za-z ]*report( \(via XSLT\))?: ")


def clean_up(lines: list[str]) -> list[str]:
    """Zero object addresses and strip trailing spaces and carriage returns."""
    out = []
    for s in lines:
        if "at 0x" in s:
            s = re.sub(r"(at 0x)\w+>", r"\g<1>000000000000>", s)
        s = re.sub(" +$", "", s)
        out.append(re.sub("\\r$", "", s))
    return out


def drop_injected_sections(lines: list[str], sections: dict[str, list[str]]) -> list[str]:
    """Remove our injected per-module sections from ``unused section(s)`` notes."""
    if not sections:
        return lines
    out = []
    for ln in lines:
        m = re.match(r"^(.*: note: unused section\(s\): )(.*)$", ln)
        if m:
            rest = m.group(2)
            for mod in sections:
                for pat in (f"[mypy-{mod}]", f"module = ['{mod}']"):
                    rest = rest.replace(", " + pat, "").replace(pat + ", ", "").replace(pat, "")
            if not rest.strip():
                continue
            ln = m.group(1) + rest
        out.append(ln)
    return out


def normalize_stub_paths(lines: list[str], overlay: str, lib_stub: str) -> list[str]:
    """Show messages in lib-stub files under lib-stub's path, as the harness does."""
    prefixes = (os.path.join(overlay, "stdlib") + "/", ".typeshed/stdlib/")
    out = []
    for ln in lines:
        for prefix in prefixes:
            if ln.startswith(prefix):
                rest = ln[len(prefix) :]
                if os.path.exists(os.path.join(lib_stub, rest.split(":", 1)[0])):
                    ln = os.path.join(lib_stub, rest)
                break
        out.append(ln)
    return out


def sort_expected(case: Case, expected: list[str], actual: list[str]) -> list[str]:
    """Order inline messages of extra files by the order files appear in ``actual``."""
    start = case.output_inline_start
    if not case.files or start == len(expected):
        return expected
    weights = {m.partition(":")[0]: i for i, m in enumerate(actual)}
    return expected[:start] + sorted(
        expected[start:], key=lambda m: weights.get(m.partition(":")[0], -1)
    )


def crashed(rc: int, err: str) -> bool:
    return rc not in (0, 1) and ("Traceback" in err or "INTERNAL ERROR" in err or rc < 0)


_TIMESTAMP = re.compile(r"\d{10}")


def check_output_files(case: Case, root: str) -> str | None:
    """Compare ``[outfile]`` sections with the files the check wrote."""
    for path, expected in case.output_files:
        rel = path[len("tmp/") :] if path.startswith("tmp/") else path
        full = os.path.join(root, rel)
        if not os.path.exists(full):
            return f"expected output file {rel} was not produced"
        with open(full, encoding="utf8") as f:
            actual = f.read()
        if isinstance(expected, re.Pattern):
            if expected.fullmatch(actual) is None:
                return f"output file {rel} did not match pattern"
            continue
        lines = [x.replace(os.path.join(root, "tmp"), "$PWD") for x in actual.splitlines()]
        lines = [_TIMESTAMP.sub("$TIMESTAMP", x) for x in lines]
        if clean_up(lines) != expected.splitlines():
            return f"output file {rel} differs"
    return None


def report_sources(root: str) -> list[str]:
    """The ``tmp/`` module files, passed as extra targets in report cases."""
    found = []
    for dirpath, _dirs, names in os.walk(os.path.join(root, "tmp")):
        for n in sorted(names):
            if n.endswith((".py", ".pyi")) and n not in ("builtins.pyi", "typing.pyi"):
                found.append(os.path.relpath(os.path.join(dirpath, n), root))
    return sorted(found)
