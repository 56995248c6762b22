"""The texts of mypy's typing-precision reports: ``lineprecision.txt`` and the XML report.

The counts come from ``tools.line_precision``; this module only lays them out as mypy does
(the table's columns and widths, the XML elements and attribute order), and returns strings:
writing the files is the caller's business (through ``inputs/``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.request import pathname2url

# Column titles in the order of ``FileStats.counts`` after the line total.
KIND_NAMES = ("empty", "unanalyzed", "precise", "imprecise", "any")
_TABLE_TITLES = ("Lines", "Precise", "Imprecise", "Any", "Empty", "Unanalyzed")
_TABLE_ORDER = ("precise", "imprecise", "any", "empty", "unanalyzed")
# The XML index lists the kinds alphabetically, after the file's identity and total.
_XML_ORDER = ("any", "empty", "imprecise", "precise", "unanalyzed")


@dataclass(frozen=True)
class LineInfo:
    """One line of a file in the XML report."""

    number: int
    content: str
    kind: str  # one of KIND_NAMES
    any_info: str  # "No Anys on this line!" or the kinds of Any found on it


@dataclass
class FileStats:
    """The precision counts of one module (``counts`` indexed like ``KIND_NAMES``)."""

    module: str
    path: str  # relative to the working directory, as mypy names it in reports
    counts: list[int]
    lines: list[LineInfo] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, kind: str) -> int:
        return self.counts[KIND_NAMES.index(kind)]


def lineprecision_text(files: Sequence[FileStats]) -> str:
    """``lineprecision.txt``: one row per module, sorted by name, under a dashed header."""
    rows = sorted(files, key=lambda f: f.module)
    if not rows:
        return ""
    width = max(4, *(len(f.module) for f in rows))
    widths = (width, *(len(t) for t in _TABLE_TITLES))

    def row(cells: Sequence[object]) -> str:
        return "  ".join(_cell(c, w) for c, w in zip(cells, widths)) + "\n"

    header = row(("Name", *_TABLE_TITLES))
    out = [header, "-" * (len(header) - 1) + "\n"]
    for f in rows:
        out.append(row((f.module, f.total, *(f.count(k) for k in _TABLE_ORDER))))
    return "".join(out)


def _cell(value: object, width: int) -> str:
    # Names are left-aligned, numbers right-aligned (as str.format pads them).
    return f"{value:>{width}}" if isinstance(value, int) else f"{value!s:<{width}}"


def xml_index(files: Sequence[FileStats]) -> str:
    """``index.xml`` of ``--xml-report``: one ``file`` element per module, sorted by name."""
    parts = ['<?xml-stylesheet type="text/xsl" href="mypy-html.xslt"?>']
    parts.append('<mypy-report-index name="index">')
    for f in sorted(files, key=lambda f: f.module):
        attrs = [("module", f.module), ("name", pathname2url(f.path)), ("total", str(f.total))]
        attrs += [(k, str(f.count(k))) for k in _XML_ORDER]
        parts.append(f"<file {_attributes(attrs)}/>")
    parts.append("</mypy-report-index>")
    return "".join(parts)


def xml_file(stats: FileStats, stylesheet: str) -> str:
    """The XML page of one module: every line with its text and kind."""
    parts = [f'<?xml-stylesheet type="text/xsl" href="{pathname2url(stylesheet)}"?>']
    parts.append(
        f"<mypy-report-file {_attributes([('name', stats.path), ('module', stats.module)])}>"
    )
    for line in stats.lines:
        attrs = [
            ("any_info", line.any_info),
            ("content", line.content),
            ("number", str(line.number)),
            ("precision", line.kind),
        ]
        parts.append(f"<line {_attributes(attrs)}/>")
    parts.append("</mypy-report-file>")
    return "".join(parts)


def _attributes(pairs: Sequence[tuple[str, str]]) -> str:
    return " ".join(f'{name}="{_escape(value)}"' for name, value in pairs)


# What an XML serializer writes for these characters inside a double-quoted attribute.
_ATTRIBUTE_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\n": "&#10;",
    "\t": "&#9;",
}


def _escape(text: str) -> str:
    """An attribute value: markup characters escaped, other control characters (which XML
    cannot hold at all) shown as ``?``."""
    out = []
    for c in text:
        if c in _ATTRIBUTE_ESCAPES:
            out.append(_ATTRIBUTE_ESCAPES[c])
        else:
            out.append("?" if ord(c) < 32 else c)
    return "".join(out)
