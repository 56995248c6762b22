"""Parsing of mypy's data-driven ``.test`` files into :class:`Case` values.

The format: ``[case NAME]`` headers, then sections such as ``[file x.py]``,
``[out]``, ``[out2]``, ``[builtins fixtures/list.pyi]`` or ``[delete x.py.2]``.
Expected messages come from ``[out]`` and from inline ``# E:``/``# N:``/``# W:``
comments.  The behaviour follows ``../shared/tools/mypy_cases.py`` (check mode),
which is the reference our verdicts must agree with.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Union

# A case header: the name, then optional markers in a fixed order.
_CASE_NAME = re.compile(
    r"(?P<name>[a-zA-Z_0-9]+)"
    r"(?P<writescache>-writescache)?"
    r"(?P<only_when>-only_when_cache|-only_when_nocache)?"
    r"(?P<skip_norm>-skip_path_normalization)?"
    r"(-(?P<platform>posix|windows))?"
    r"(?P<skip>-skip)?"
    r"(?P<xfail>-xfail)?"
)
_CASE_SPLIT = re.compile(r"^\[case ([^]+)]+)\][ \t]*$\n", flags=re.DOTALL | re.MULTILINE)
_INLINE = re.compile(r"^([ENW]):((?P<col>\d+):)? (?P<message>.*)$")
_SEVERITY = {"E": "error", "N": "note", "W": "warning"}
_FIXTURE_MODULE = {"builtins": "builtins.pyi", "typing": "typing.pyi", "_typeshed": "_typeshed.pyi"}

# An expected [outfile]: literal text, or a regex for [outfile-re].
OutfileExpectation = Union[str, "re.Pattern[str]"]


class Unsupported(Exception):
    """The harness emulation cannot run this case (counted apart from failures)."""


@dataclass
class Section:
    """One ``[id arg]`` section of a case with its (cleaned) lines."""

    id: str
    arg: str | None
    data: list[str]


@dataclass
class Case:
    """One test case; :func:`parse_case` fills the fields after ``raw``."""

    file: str
    path: str
    name: str
    line: int
    raw: str
    writescache: bool = False
    only_when: str | None = None
    platform: str | None = None
    skip: bool = False
    xfail: bool = False
    input: list[str] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    output_inline_start: int = 0
    output2: dict[int, list[str]] = field(default_factory=dict)
    files: list[tuple[str, str]] = field(default_factory=list)
    output_files: list[tuple[str, OutfileExpectation]] = field(default_factory=list)
    deleted_paths: dict[int, set[str]] = field(default_factory=dict)

    @property
    def case_id(self) -> str:
        """The id used in reports and in ``passing.txt``: ``file::name``."""
        return f"{self.file}::{self.name}"

    @property
    def main_text(self) -> str:
        """The main program (the text before the first section)."""
        return "\n".join(self.input)


def split_cases(path: str) -> list[Case]:
    """Split a ``.test`` file into unparsed cases, remembering each header's line."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    parts = _CASE_SPLIT.split(data)
    line_no = parts[0].count("\n") + 1
    cases: list[Case] = []
    for header, body in zip(parts[1::2], parts[2::2]):
        m = _CASE_NAME.fullmatch(header)
        if m is None:
            raise ValueError(f"invalid case header {header!r} in {path}")
        cases.append(
            Case(
                file=os.path.basename(path),
                path=path,
                name=m.group("name"),
                line=line_no,
                raw=body,
                writescache=bool(m.group("writescache")),
                only_when=m.group("only_when"),
                platform=m.group("platform"),
                skip=bool(m.group("skip")),
                xfail=bool(m.group("xfail")),
            )
        )
        line_no += body.count("\n") + 1
    return cases


def _rstrip_lines(lines: list[str]) -> list[str]:
    """Strip trailing whitespace of each line and drop trailing empty lines."""
    out = [re.sub(r"\s+$", "", s) for s in lines]
    while out and out[-1] == "":
        out.pop()
    return out


def _join_continuations(lines: list[str]) -> list[str]:
    """Join lines ending in a backslash with the next (leading spaces removed)."""
    out: list[str] = []
    continued = False
    for s in lines:
        text = re.sub(r"\\$", "", s)
        if continued:
            out[-1] += re.sub("^ +", "", text)
        else:
            out.append(text)
        continued = s.endswith("\\")
    return out


def parse_sections(raw: str, name: str) -> list[Section]:
    """Split a case body into sections; the first is the main program."""
    sections: list[Section] = []
    current: Section | None = None
    data: list[str] = []

    def close() -> None:
        if current is not None:
            current.data = _rstrip_lines(_join_continuations(data))
            sections.append(current)

    for line in ["", f"[case {name}]"] + raw.split("\n"):
        stripped = line.strip()
        if line.startswith("[") and stripped.endswith("]"):
            close()
            ident, _, arg = stripped[1:-1].partition(" ")
            current = Section(ident, arg if arg else None, [])
            data = []
        elif line.startswith("\\["):
            data.append(line[1:])
        elif line.startswith("----"):
            data.append(line[2:])  # an escaped "--" line
        elif not line.startswith("--"):
            data.append(line)  # "--" lines are comments
    close()
    return sections


def inline_messages(lines: list[str], path: str) -> list[str]:
    """Expected messages from ``# E:``/``# N:``/``# W:`` comments in ``lines``."""
    out: list[str] = []
    for i, text in enumerate(lines):
        for chunk in text.split(" # ")[1:]:
            m = _INLINE.search(chunk.strip())
            if m is None:
                continue
            message = m.group("message").replace("\\#", "#")
            col = f"{m.group('col')}:" if m.group("col") else ""
            out.append(f"{path}:{i + 1}:{col} {_SEVERITY[m.group(1)]}: {message}")
    return out


def version_matches(conditions: list[str], runtime: tuple[int, ...]) -> bool:
    """Whether ``[out version>=3.12]``-style conditions hold for ``runtime``.

    As in the reference, the last condition decides."""
    ok = True
    for cond in conditions:
        if not cond.startswith("version"):
            continue
        op, ver = cond[7:9], tuple(int(x) for x in cond[9:].split("."))
        if op == ">=":
            ok = runtime >= ver
        elif op == "==":
            ok = runtime[: len(ver)] == ver
        elif op == "< ":
            ok = runtime < ver
        else:
            raise Unsupported(f"bad version check {cond!r}")
    return ok


def parse_case(case: Case, mypy_src: str, runtime: tuple[int, ...]) -> None:
    """Fill the parsed fields of ``case``; ``<ROOT>`` expands to ``mypy_src``."""
    sections = parse_sections(case.raw, case.name)
    data_dir = os.path.dirname(case.path)
    output: list[str] = []
    for sec in sections[1:]:
        text = "\n".join(sec.data).replace("<ROOT>", mypy_src)
        if sec.id in ("file", "fixture"):
            case.files.append((posixpath.join("tmp", _arg(sec)), text))
        elif sec.id == "outfile":
            case.output_files.append((posixpath.join("tmp", _arg(sec)), text))
        elif sec.id == "outfile-re":
            case.output_files.append(
                (posixpath.join("tmp", _arg(sec)), re.compile(text.rstrip(), re.S))
            )
        elif sec.id in _FIXTURE_MODULE:
            with open(os.path.join(data_dir, _arg(sec)), encoding="utf8") as f:
                case.files.append((posixpath.join("tmp", _FIXTURE_MODULE[sec.id]), f.read()))
        elif re.match(r"(stale|rechecked|targets)[0-9]*$", sec.id):
            pass  # internal harness checks, invisible from outside
        elif sec.id == "delete":
            m = re.match(r"(.*)\.([0-9]+)$", _arg(sec))
            if m is None:
                raise Unsupported("invalid delete section")
            case.deleted_paths.setdefault(int(m.group(2)), set()).add(
                posixpath.join("tmp", m.group(1))
            )
        elif re.match(r"out[0-9]*$", sec.id):
            conds = sec.arg.split(",") if sec.arg else []
            if version_matches(conds, runtime):
                lines = [ln.replace("<ROOT>", mypy_src) for ln in sec.data]
                if sec.id in ("out", "out1"):
                    output = lines
                else:
                    case.output2[int(sec.id[3:])] = lines
        elif sec.id == "triggered" and sec.arg is None:
            pass  # fine-grained only
        else:
            raise Unsupported(f"unknown section [{sec.id}]")
    case.output_inline_start = len(output)
    case.input = sections[0].data
    output += inline_messages(case.input, "main")
    for path, contents in case.files:
        output += inline_messages(contents.split("\n"), path)
    case.output = output


def _arg(sec: Section) -> str:
    if sec.arg is None:
        raise Unsupported(f"section [{sec.id}] needs an argument")
    return sec.arg
