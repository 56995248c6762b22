"""Finding and reading mypy-style configuration files.

Supports ``mypy.ini``, ``.mypy.ini``, ``pyproject.toml`` (``[tool.mypy]`` plus
``[[tool.mypy.overrides]]``) and ``setup.cfg`` (``[mypy]``), searched like mypy 2.4.1: from
the working directory upwards until a directory holding ``.git`` or ``.hg``, then the user's
config files. Problems are reported with mypy's exact texts as stderr lines and are never
fatal, matching mypy.

Values are written into a mutable "builder" dictionary keyed by option field name that uses
mypy's mutable shapes (lists, dicts); the command line layer freezes it into ``Options`` once
everything has been applied. File access goes through a ``FileSystem``.
"""

from __future__ import annotations

import argparse
import configparser
import fnmatch
import os
import re
import tomllib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from tycheck.inputs.fs import FileSystem, RealFileSystem, content_hash
from tycheck.inputs.options import PER_MODULE_OPTIONS, PYTHON3_VERSION_MIN

CONFIG_NAMES: Final = ("mypy.ini", ".mypy.ini")
SHARED_CONFIG_NAMES: Final = ("pyproject.toml", "setup.cfg")
REPORTER_NAMES: Final = (
    "linecount",
    "any-exprs",
    "linecoverage",
    "memory-xml",
    "cobertura-xml",
    "xml",
    "xslt-html",
    "xslt-txt",
    "html",
    "txt",
    "lineprecision",
)
MAX_AUTO_WORKERS: Final = 8

Converter = Callable[[Any], object]
Section = Mapping[str, Any]


class VersionTypeError(argparse.ArgumentTypeError):
    """An unsupported (too old) Python version; ``fallback`` is used when read from config."""

    def __init__(self, message: str, *, fallback: tuple[int, int]) -> None:
        super().__init__(message)
        self.fallback = fallback


class ConfigTOMLValueError(ValueError):
    """A structurally wrong ``[[tool.mypy.overrides]]`` table."""


# ------------------------------------------------------------------------- value parsers


def parse_version(v: str | float) -> tuple[int, int]:
    """Parse ``x.y``; 2.7 is let through so the caller can give its dedicated message."""
    m = re.match(r"\A(\d)\.(\d+)\Z", str(v))
    if not m:
        raise argparse.ArgumentTypeError(f"Invalid python version '{v}' (expected format: 'x.y')")
    major, minor = int(m.group(1)), int(m.group(2))
    if major == 3:
        if minor < PYTHON3_VERSION_MIN[1]:
            msg = "Python 3.{} is not supported (must be {}.{} or higher)".format(
                minor, *PYTHON3_VERSION_MIN
            )
            if isinstance(v, float):
                msg += ". You may need to put quotes around your Python version"
            raise VersionTypeError(msg, fallback=PYTHON3_VERSION_MIN)
    elif not (major == 2 and minor == 7):
        raise argparse.ArgumentTypeError(f"Python major version '{major}' out of range (must be 3)")
    return major, minor


def parse_num_workers(v: str | int) -> int:
    """An integer, or ``auto`` for the number of usable CPUs (capped)."""
    value = v.strip() if isinstance(v, str) else v
    if value == "auto":
        return min(MAX_AUTO_WORKERS, os.cpu_count() or 1)
    try:
        return int(value)
    except (TypeError, ValueError) as err:
        raise argparse.ArgumentTypeError(
            f"Invalid number of workers '{v}' (expected an integer or 'auto')"
        ) from err


def split_commas(value: str) -> list[str]:
    """Split on commas, dropping one empty trailing item (a trailing comma is allowed)."""
    items = value.split(",")
    if items and items[-1] == "":
        items.pop()
    return items


def try_split(v: object, split_regex: str = ",") -> list[str]:
    """A string split on ``split_regex``, or a list of strings, each stripped."""
    if isinstance(v, str):
        items = [p.strip() for p in re.split(split_regex, v)]
        if items and items[-1] == "":
            items.pop()
        return items
    if isinstance(v, Sequence):
        result = []
        for p in v:
            if not isinstance(p, str):
                raise argparse.ArgumentTypeError(
                    "Expected a list or a stringified version thereof, but got: "
                    f"'{p}', of type {type(p).__name__}. (As an element of the list.)"
                )
            result.append(p.strip())
        return result
    raise argparse.ArgumentTypeError(
        "Expected a list or a stringified version thereof, but got: "
        f"'{v}', of type {type(v).__name__}."
    )


def validate_package_allow_list(allow_list: list[str]) -> list[str]:
    """Entries are module prefixes such as ``foo.bar``: no globs, no paths."""
    for p in allow_list:
        msg = f"Invalid allow list entry: {p}"
        if "*" in p:
            raise argparse.ArgumentTypeError(
                f"{msg} (entries are already prefixes so must not contain *)"
            )
        if "\\" in p or "/" in p:
            raise argparse.ArgumentTypeError(
                f"{msg} (entries must be packages like foo.bar not directories or files)"
            )
    return allow_list


def _check_choice(choice: object, choices: Sequence[str]) -> str:
    if choice not in choices:
        raise argparse.ArgumentTypeError(
            "invalid choice '{}' (choose from {})".format(
                choice, ", ".join(f"'{x}'" for x in choices)
            )
        )
    return str(choice)


def check_follow_imports(choice: object) -> str:
    return _check_choice(choice, ("normal", "silent", "skip", "error"))


def check_junit_format(choice: object) -> str:
    return _check_choice(choice, ("global", "per_file"))


def convert_to_boolean(value: object) -> bool:
    """configparser's boolean spellings (yes/no, on/off, 1/0, true/false)."""
    if isinstance(value, bool):
        return value
    text = str(value)
    states = configparser.RawConfigParser.BOOLEAN_STATES
    if text.lower() not in states:
        raise ValueError(f"Not a boolean: {text}")
    return states[text.lower()]


# ------------------------------------------------------------------------- context


@dataclass
class ConfigContext:
    """Where paths are resolved and variables expanded while reading a config file."""

    cwd: str
    environ: dict[str, str]
    fs: FileSystem

    def expand_path(self, path: str) -> str:
        """``~`` and ``$VAR``/``${VAR}`` expansion against this context's environment."""
        return expand_vars(expand_user(path, self.environ), self.environ)

    def abspath(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def exists(self, path: str) -> bool:
        return self.fs.stat(self.abspath(path)) is not None

    def glob(self, pattern: str) -> list[str]:
        return glob_files(pattern, self.cwd, self.fs)

    def split_and_match_files_list(self, paths: Sequence[str]) -> list[str]:
        """Each entry expanded and globbed; a pattern matching nothing is kept as written."""
        expanded: list[str] = []
        for path in paths:
            path = self.expand_path(path.strip())
            matches = self.glob(path)
            expanded.extend(matches if matches else [path])
        return expanded


def expand_user(path: str, environ: Mapping[str, str]) -> str:
    if not path.startswith("~"):
        return path
    home = environ.get("HOME")
    if home is None:
        return os.path.expanduser(path)
    sep = path.find("/", 1)
    if sep == -1:
        sep = len(path)
    if sep != 1:  # ~user: leave to the OS
        return os.path.expanduser(path)
    return (home.rstrip("/") or "/") + path[sep:]


_VAR_RE: Final = re.compile(r"\$(\w+|\{[^}]*\})", re.ASCII)


def expand_vars(path: str, environ: Mapping[str, str]) -> str:
    """Like ``os.path.expandvars``, but reading the given environment; unknown names stay."""
    if "$" not in path:
        return path

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("{"):
            name = name[1:-1]
        return environ.get(name, m.group(0))

    return _VAR_RE.sub(repl, path)


def glob_files(pattern: str, cwd: str, fs: FileSystem) -> list[str]:
    """Recursive glob over a ``FileSystem``; results are spelled relative like the pattern."""
    absolute = pattern.startswith("/")
    parts = [p for p in pattern.split("/") if p]
    if not _has_magic(pattern):
        full = pattern if absolute else os.path.join(cwd, pattern)
        return [pattern] if fs.stat(full) is not None else []
    candidates = ["/"] if absolute else [""]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        candidates = _glob_step(candidates, part, last, cwd, fs)
    return sorted({c.rstrip("/") if c != "/" else c for c in candidates if c})


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def _glob_step(bases: list[str], part: str, last: bool, cwd: str, fs: FileSystem) -> list[str]:
    out: list[str] = []
    for base in bases:
        real = os.path.join(cwd, base) if not base.startswith("/") else base
        if part == "**":
            out.extend(_descendants(base, real or ".", fs, include_files=last))
        elif _has_magic(part):
            for name in fs.listdir(real or ".") or ():
                if name.startswith(".") and not part.startswith("."):
                    continue
                if fnmatch.fnmatchcase(name, part):
                    out.append(_join(base, name))
        else:
            cand = _join(base, part)
            if fs.stat(os.path.join(cwd, cand)) is not None:
                out.append(cand)
    if not last:
        out = [c for c in out if fs.is_dir(os.path.join(cwd, c))]
    return out


def _join(base: str, name: str) -> str:
    return name if base == "" else base.rstrip("/") + "/" + name


def _descendants(base: str, real: str, fs: FileSystem, include_files: bool) -> list[str]:
    """``base`` itself plus everything below it (hidden entries skipped), for ``**``."""
    found = [base] if (base or not include_files) else []
    for name in fs.listdir(real) or ():
        if name.startswith("."):
            continue
        child, child_real = _join(base, name), os.path.join(real, name)
        if fs.is_dir(child_real):
            found.extend(_descendants(child, child_real, fs, include_files))
        elif include_files:
            found.append(child)
    return found


# ------------------------------------------------------------------------- key types


def ini_config_types(ctx: ConfigContext) -> dict[str, Converter]:
    """Converters for keys whose type cannot be read off the option's default value."""

    def comma_list(s: str) -> list[str]:
        return [p.strip() for p in split_commas(s)]

    return {
        "python_version": parse_version,
        "custom_typing_module": str,
        "custom_typeshed_dir": ctx.expand_path,
        "mypy_path": lambda s: [ctx.expand_path(p.strip()) for p in re.split("[,:]", s)],
        "files": lambda s: ctx.split_and_match_files_list(split_commas(s)),
        "quickstart_file": ctx.expand_path,
        "junit_xml": ctx.expand_path,
        "junit_format": check_junit_format,
        "follow_imports": check_follow_imports,
        "no_site_packages": bool,
        "plugins": comma_list,
        "always_true": comma_list,
        "always_false": comma_list,
        "untyped_calls_exclude": lambda s: validate_package_allow_list(comma_list(s)),
        "enable_incomplete_feature": comma_list,
        "disable_error_code": comma_list,
        "enable_error_code": comma_list,
        "package_root": comma_list,
        "cache_dir": ctx.expand_path,
        "python_executable": ctx.expand_path,
        "strict": bool,
        "exclude": lambda s: [s.strip()],
        "packages": try_split,
        "modules": try_split,
        "num_workers": parse_num_workers,
    }


def toml_config_types(ctx: ConfigContext) -> dict[str, Converter]:
    """The TOML variants: lists may be real arrays."""

    def str_or_array(v: str | Sequence[str]) -> list[str]:
        if isinstance(v, str):
            return [v.strip()] if v.strip() else []
        return [p.strip() for p in v if p.strip()]

    types = ini_config_types(ctx)
    types.update(
        {
            "mypy_path": lambda s: [ctx.expand_path(p) for p in try_split(s, "[,:]")],
            "files": lambda s: ctx.split_and_match_files_list(try_split(s)),
            "junit_format": lambda s: check_junit_format(str(s)),
            "follow_imports": lambda s: check_follow_imports(str(s)),
            "plugins": try_split,
            "always_true": try_split,
            "always_false": try_split,
            "untyped_calls_exclude": lambda s: validate_package_allow_list(try_split(s)),
            "enable_incomplete_feature": try_split,
            "disable_error_code": try_split,
            "enable_error_code": try_split,
            "package_root": try_split,
            "exclude": str_or_array,
        }
    )
    return types


# ------------------------------------------------------------------------- sections

#: Keys that name an option field but must not be set from a config file.
_MISLEADING_KEYS: Final = {
    "enabled_error_codes": "enable_error_code",
    "disabled_error_codes": "disable_error_code",
}


def _resolve_key(key: str, template: Mapping[str, object]) -> tuple[str, bool, object] | None:
    """For a key that is not an option itself: the option it inverts, or None if unknown.

    Returns (option field, True, current value of that field).
    """
    if key.startswith("no_") and key[3:] in template:
        options_key = key[3:]
    elif key.startswith("allow") and "dis" + key in template:
        options_key = "dis" + key
    elif key.startswith("disallow") and key[3:] in template:
        options_key = key[3:]
    elif key.startswith("show_") and "hide_" + key[5:] in template:
        options_key = "hide_" + key[5:]
    else:
        return None
    return options_key, True, template.get(options_key)


def parse_section(
    prefix: str,
    template: Mapping[str, object],
    set_strict_flags: Callable[[], None],
    section: Section,
    config_types: Mapping[str, Converter],
    messages: list[str],
) -> tuple[dict[str, object], dict[str, str]]:
    """Convert one section's keys; returns (option values, report directories).

    ``template`` maps option fields to their current values: a field whose value is None
    and has no converter is not settable, exactly as in mypy.
    """
    results: dict[str, object] = {}
    report_dirs: dict[str, str] = {}
    for key in section:
        converted = _convert_key(
            key, prefix, template, section, config_types, messages, report_dirs
        )
        if converted is None:
            continue
        options_key, value = converted
        if key == "strict":
            if value:
                set_strict_flags()
            continue
        results[options_key] = value
    # Per-module sections override (rather than extend) the parent's error-code lists.
    results.setdefault("disable_error_code", [])
    results.setdefault("enable_error_code", [])
    return results, report_dirs


def _convert_key(
    key: str,
    prefix: str,
    template: Mapping[str, object],
    section: Section,
    config_types: Mapping[str, Converter],
    messages: list[str],
    report_dirs: dict[str, str],
) -> tuple[str, object] | None:
    """One key's (field, value), or None after reporting why it is skipped."""
    raw = section[key]
    invert = False
    options_key = "allow_redefinition" if key == "allow_redefinition_new" else key
    ct: Any
    if key in config_types:
        ct = config_types[key]
    elif key in _MISLEADING_KEYS:
        messages.append(
            f"{prefix}Unrecognized option: {key} = {raw} (did you mean {_MISLEADING_KEYS[key]}?)"
        )
        return None
    elif template.get(options_key) is not None:
        ct = type(template[options_key])
    else:
        if key.endswith("_report"):
            report_type = key[:-7].replace("_", "-")
            if report_type in REPORTER_NAMES:
                report_dirs[report_type] = str(raw)
            else:
                messages.append(f"{prefix}Unrecognized report type: {key}")
            return None
        if key.startswith("x_"):
            return None  # x_ keys are reserved for experiments and never reported
        resolved = _resolve_key(key, template)
        if resolved is None:
            messages.append(f"{prefix}Unrecognized option: {key} = {raw}")
            return None
        options_key, invert, dv = resolved
        if dv is None:
            messages.append(f"{prefix}Don't know what type {key} should have")
            return None
        ct = type(dv)
    return _apply_converter(key, options_key, raw, ct, invert, prefix, messages)


def _apply_converter(
    key: str,
    options_key: str,
    raw: object,
    ct: Any,
    invert: bool,
    prefix: str,
    messages: list[str],
) -> tuple[str, object] | None:
    try:
        if ct is bool:
            value: object = convert_to_boolean(raw)
            return options_key, (not value) if invert else value
        if invert:
            messages.append(f"{prefix}Can not invert non-boolean key {options_key}")
            return None
        try:
            return options_key, ct(raw)
        except VersionTypeError as err:
            messages.append(f"{prefix}{key}: {err}")
            return options_key, err.fallback
        except argparse.ArgumentTypeError as err:
            messages.append(f"{prefix}{key}: {err}")
            return None
    except (ValueError, TypeError) as err:
        messages.append(f"{prefix}{key}: {err}")
        return None


# ------------------------------------------------------------------------- files


def is_toml(filename: str) -> bool:
    return filename.lower().endswith(".toml")


@dataclass
class ParsedFile:
    """A config file that was found and parsed: its sections and converters."""

    path: str
    sections: dict[str, Section]
    config_types: dict[str, Converter]
    digest: str


def destructure_overrides(mypy_table: Mapping[str, Any]) -> dict[str, Any]:
    """Turn ``[[tool.mypy.overrides]]`` entries into ``mypy-<module>`` sections."""
    result: dict[str, Any] = {"mypy": dict(mypy_table)}
    if "overrides" not in mypy_table:
        return result
    overrides = mypy_table["overrides"]
    if not isinstance(overrides, list):
        raise ConfigTOMLValueError(
            "tool.mypy.overrides sections must be an array. Please make "
            "sure you are using double brackets like so: [[tool.mypy.overrides]]"
        )
    for override in overrides:
        for module in _override_modules(override):
            _merge_override(result, module, override)
    del result["mypy"]["overrides"]
    return result


def _override_modules(override: Mapping[str, Any]) -> list[str]:
    if "module" not in override:
        raise ConfigTOMLValueError(
            "toml config file contains a [[tool.mypy.overrides]] "
            "section, but no module to override was specified."
        )
    module = override["module"]
    if isinstance(module, str):
        return [module]
    if isinstance(module, list):
        return module
    raise ConfigTOMLValueError(
        "toml config file contains a [[tool.mypy.overrides]] "
        "section with a module value that is not a string or a list of strings"
    )


def _merge_override(result: dict[str, Any], module: str, override: Mapping[str, Any]) -> None:
    values = {k: v for k, v in override.items() if k != "module"}
    name = f"mypy-{module}"
    if name not in result:
        result[name] = values
        return
    for key, value in values.items():
        if key in result[name] and result[name][key] != value:
            raise ConfigTOMLValueError(
                "toml config file contains [[tool.mypy.overrides]] sections with conflicting "
                f"values. Module '{module}' has two different values for '{key}'"
            )
        result[name][key] = value


def parse_config_file_text(
    path: str, data: bytes, ctx: ConfigContext, messages: list[str]
) -> ParsedFile | None:
    """Parse one file's bytes; None when it is unusable or has no mypy settings."""
    digest = content_hash(data)
    sections: dict[str, Section]
    try:
        if is_toml(path):
            table = tomllib.loads(data.decode("utf-8", errors="replace")).get("tool", {})
            if not isinstance(table, dict) or "mypy" not in table:
                return None
            sections = destructure_overrides(table["mypy"])
            types = toml_config_types(ctx)
        else:
            parser = configparser.RawConfigParser()
            parser.read_string(data.decode("utf-8", errors="replace"), source=path)
            sections = {name: dict(parser[name]) for name in parser}
            types = ini_config_types(ctx)
    except (tomllib.TOMLDecodeError, configparser.Error, ConfigTOMLValueError) as err:
        messages.append(f"{path}: {err}")
        return None
    if os.path.basename(path) in SHARED_CONFIG_NAMES and "mypy" not in sections:
        return None
    return ParsedFile(path, sections, types, digest)


def _read_candidate(path: str, ctx: ConfigContext, messages: list[str]) -> ParsedFile | None:
    full = ctx.abspath(path)
    if ctx.fs.stat(full) is None:
        return None
    data = ctx.fs.read_bytes(full)
    if data is None:
        return None
    return parse_config_file_text(path, data, ctx, messages)


def user_config_files(environ: Mapping[str, str]) -> list[str]:
    """The per-user config files, most specific first."""
    names = ["~/.config/mypy/config", "~/.mypy.ini"]
    if environ.get("XDG_CONFIG_HOME"):
        names.insert(0, os.path.join(environ["XDG_CONFIG_HOME"], "mypy/config"))
    return [expand_user(n, environ) for n in names]


def find_config_file(ctx: ConfigContext, messages: list[str]) -> ParsedFile | None:
    """Search from the working directory upwards, then the user's files."""
    current = os.path.abspath(ctx.cwd)
    while True:
        for name in CONFIG_NAMES + SHARED_CONFIG_NAMES:
            candidate = os.path.relpath(os.path.join(current, name), ctx.cwd)
            found = _read_candidate(candidate, ctx, messages)
            if found is not None:
                return found
        if any(ctx.fs.stat(os.path.join(current, root)) is not None for root in (".git", ".hg")):
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for path in user_config_files(ctx.environ):
        found = _read_candidate(path, ctx, messages)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------------- applying


@dataclass
class ConfigLoad:
    """What reading the config produced besides the option values themselves."""

    config_file: str | None = None
    digest: str = ""
    messages: list[str] = field(default_factory=list)


def section_prefix(file_read: str, name: str) -> str:
    """How a per-module section is named in messages (TOML shows the module value)."""
    if is_toml(file_read):
        return f'{file_read}: [module = "{"-".join(name.split("-")[1:])}"]:'
    return f"{file_read}: [{name}]:"


def apply_config_file(
    values: MutableMapping[str, object],
    set_strict_flags: Callable[[], None],
    filename: str | None,
    ctx: ConfigContext,
) -> ConfigLoad:
    """Read the config (``filename`` or the searched-for one) into ``values``.

    ``values`` is the option builder (field name to value); ``ctx.environ`` gains
    ``MYPY_CONFIG_FILE_DIR`` for expansions, as mypy does.
    """
    load = ConfigLoad()
    parsed = (
        _read_candidate(filename, ctx, load.messages)
        if filename is not None
        else find_config_file(ctx, load.messages)
    )
    if parsed is None:
        return load
    file_read = parsed.path
    load.config_file, load.digest = file_read, parsed.digest
    values["config_file"] = file_read
    ctx.environ["MYPY_CONFIG_FILE_DIR"] = os.path.dirname(ctx.abspath(file_read))
    if "mypy" not in parsed.sections:
        if filename or os.path.basename(file_read) not in SHARED_CONFIG_NAMES:
            load.messages.append(f"{file_read}: No [mypy] section in config file")
    else:
        _apply_global_section(values, set_strict_flags, parsed, load.messages)
    for name, section in parsed.sections.items():
        if name.startswith("mypy-"):
            _apply_module_section(values, set_strict_flags, parsed, name, section, load.messages)
    return load


def _apply_global_section(
    values: MutableMapping[str, object],
    set_strict_flags: Callable[[], None],
    parsed: ParsedFile,
    messages: list[str],
) -> None:
    prefix = f"{parsed.path}: [mypy]: "
    updates, report_dirs = parse_section(
        prefix, values, set_strict_flags, parsed.sections["mypy"], parsed.config_types, messages
    )
    values.update(updates)
    reports = values.setdefault("report_dirs", {})
    assert isinstance(reports, dict)
    reports.update(report_dirs)


def _apply_module_section(
    values: MutableMapping[str, object],
    set_strict_flags: Callable[[], None],
    parsed: ParsedFile,
    name: str,
    section: Section,
    messages: list[str],
) -> None:
    prefix = section_prefix(parsed.path, name)
    updates, report_dirs = parse_section(
        prefix, values, set_strict_flags, section, parsed.config_types, messages
    )
    if report_dirs:
        names = ", ".join(s + "_report" for s in sorted(report_dirs))
        messages.append(f"{prefix} Per-module sections should not specify reports ({names})")
    extra = set(updates) - PER_MODULE_OPTIONS
    if extra:
        names = ", ".join(sorted(extra))
        messages.append(
            f"{prefix} Per-module sections should only specify per-module flags ({names})"
        )
        updates = {k: v for k, v in updates.items() if k in PER_MODULE_OPTIONS}
    per_module = values.setdefault("per_module_options", {})
    assert isinstance(per_module, dict)
    for glob in name[5:].split(","):
        # Slashes are accepted for backwards compatibility and mean dots.
        glob = glob.replace(os.sep, ".")
        if os.altsep:
            glob = glob.replace(os.altsep, ".")
        if any(c in glob for c in "?[]!") or any("*" in x and x != "*" for x in glob.split(".")):
            messages.append(
                f"{prefix} Patterns must be fully-qualified module names, optionally "
                "with '*' in some components (e.g spam.*.eggs.*)"
            )
        else:
            per_module[glob] = updates


def config_module_names(filename: str | None, modules: Sequence[str]) -> str:
    """How unused sections are listed in the ``unused section(s)`` note."""
    if not filename or not modules:
        return ""
    if not is_toml(filename):
        return ", ".join(f"[mypy-{module}]" for module in modules)
    return "module = ['%s']" % ("', '".join(sorted(modules)))


def unused_sections_note(filename: str | None, modules: Sequence[str]) -> str:
    """The full note line mypy prints with ``--warn-unused-configs``."""
    return f"{filename}: note: unused section(s): {config_module_names(filename, modules)}"


def default_context(
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    fs: FileSystem | None = None,
) -> ConfigContext:
    return ConfigContext(
        cwd=cwd if cwd is not None else os.getcwd(),
        environ=dict(environ if environ is not None else os.environ),
        fs=fs if fs is not None else RealFileSystem(),
    )
