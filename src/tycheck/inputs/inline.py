"""Inline configuration: ``# mypy: flag, key=value`` comment lines at the start of a line.

Each comment is read like a config section: dashes become underscores, a bare name means
``True``, values may be double-quoted to contain commas, and ``no-``/``allow-``/``show-``
prefixes invert a boolean. Problems become (line, message) pairs reported as errors in the
file, with mypy's texts.
"""

from __future__ import annotations

import configparser
from collections.abc import Mapping
from typing import Any

from tycheck.inputs import config as cfg
from tycheck.inputs.options import Options, builder_values

PREFIX = "# mypy: "

STRICT_NOT_SUPPORTED = (
    'Setting "strict" not supported in inline configuration: specify it in '
    "a configuration file instead, or set individual inline flags "
    '(see "mypy -h" for the list of flags enabled in strict mode)'
)


def find_inline_comments(source: str) -> list[tuple[int, str]]:
    """(1-based line, text after the prefix) for every line starting with ``# mypy: ``."""
    if PREFIX not in source:
        return []
    return [
        (i + 1, line[len(PREFIX) :])
        for i, line in enumerate(source.split("\n"))
        if line.startswith(PREFIX)
    ]


def split_directive(text: str) -> tuple[list[str], list[str]]:
    """Split on commas outside double quotes; returns (parts, error messages)."""
    parts: list[str] = []
    current: list[str] = []
    errors: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == ",":
            parts.append("".join(current).strip())
            current = []
        elif ch == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                current.append(text[i])
                i += 1
            if i == len(text):
                errors.append("Unterminated quote in configuration comment")
                current.clear()
        else:
            current.append(ch)
        i += 1
    if current:
        parts.append("".join(current).strip())
    return parts, errors


def directive_to_entries(text: str) -> tuple[dict[str, str], list[str]]:
    """One comment's ``name -> value`` pairs in config-file spelling, plus split errors."""
    entries: dict[str, str] = {}
    parts, errors = split_directive(text)
    for part in parts:
        if "=" in part:
            name, value = (x.strip() for x in part.split("=", 1))
        else:
            name, value = part, "True"
        entries[name.replace("-", "_")] = value
    return entries, errors


def parse_inline_comments(
    comments: list[tuple[int, str]], template: Options | None = None
) -> tuple[dict[str, object], list[tuple[int, str]]]:
    """Option overrides from the comments and (line, message) errors, in mypy's order.

    Error-code lists accumulate across comment lines; other keys: the last one wins.
    """
    options = template if template is not None else Options()
    current = builder_values(options)
    ctx = cfg.default_context()
    types = cfg.ini_config_types(ctx)
    errors: list[tuple[int, str]] = []
    overrides: dict[str, object] = {"enable_error_code": [], "disable_error_code": []}
    for lineno, text in comments:
        section, line_errors = _one_comment(text, current, types)
        errors.extend((lineno, msg) for msg in line_errors)
        for key in ("enable_error_code", "disable_error_code"):
            new, old = section.get(key), overrides.get(key, [])
            if isinstance(new, list) and isinstance(old, list):
                section[key] = sorted(set(new + old))
        overrides.update(section)
    return overrides, errors


def _one_comment(
    text: str, current: Mapping[str, object], types: Mapping[str, cfg.Converter]
) -> tuple[dict[str, object], list[str]]:
    entries, split_errors = directive_to_entries(text)
    errors: list[str] = []
    if "python_version" in entries:
        errors.append("python_version not supported in inline configuration")
        del entries["python_version"]
    # configparser gives the same key normalisation (lower case) as a config file.
    parser = configparser.RawConfigParser()
    parser["dummy"] = entries
    errors.extend(split_errors)
    strict_found = False

    def set_strict_flags() -> None:
        nonlocal strict_found
        strict_found = True

    messages: list[str] = []
    section: dict[str, Any]
    section, reports = cfg.parse_section(
        "", current, set_strict_flags, dict(parser["dummy"]), types, messages
    )
    errors.extend(line for msg in messages for line in msg.split("\n") if line)
    if reports:
        errors.append("Reports not supported in inline configuration")
    if strict_found:
        errors.append(STRICT_NOT_SUPPORTED)
    return section, errors


def parse_inline_config(
    source: str, template: Options | None = None
) -> tuple[dict[str, object], list[tuple[int, str]]]:
    """Find and parse a file's ``# mypy:`` comments: (overrides, errors).

    Apply the overrides with ``options.with_overrides(overrides)``; an empty comment list
    gives empty overrides so the file's options stay as they are.
    """
    comments = find_inline_comments(source)
    if not comments:
        return {}, []
    return parse_inline_comments(comments, template)


def apply_inline_config(source: str, options: Options) -> tuple[Options, list[tuple[int, str]]]:
    """The file's effective options after its inline comments, and the comments' errors."""
    overrides, errors = parse_inline_config(source, options)
    if not overrides:
        return options, errors
    return options.with_overrides(overrides), errors
