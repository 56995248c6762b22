"""Write the report files a check asked for (``--lineprecision-report DIR``, ``--xml-report DIR``).

Runs after a batch check over the session's last program: every command-line source (as mypy,
which reports on sources only) is classified line by line by ``tools.line_precision``, with the
expression types computed on demand by the service's queries. The texts come from
``errors.precision_reports``; the files are written through ``inputs``.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from tycheck.errors.precision_reports import (
    KIND_NAMES,
    FileStats,
    LineInfo,
    lineprecision_text,
    xml_file,
    xml_index,
)
from tycheck.inputs.fs import write_text
from tycheck.service.queries import NoProgram, SessionAnalyzer
from tycheck.tools.line_precision import EMPTY, ModuleFacts, classify_lines, kind_counts
from tycheck.types.model import AnyType

IMPLEMENTED = frozenset({"lineprecision", "xml"})
_ANY_NAMES = {
    "explicit": "Explicit",
    "unannotated": "Unannotated",
    "error": "Error",
    "special": "Special Form",
    "unimported": "Unimported",
    "unsupported": "Implementation Artifact",
}


def write_reports(session: Any) -> str:
    """Write the implemented reports the options name; the notes to print about them."""
    wanted = {k: v for k, v in session.options.report_dirs.items() if k in IMPLEMENTED}
    if not wanted:
        return ""
    try:
        analyzer = SessionAnalyzer(session)
    except NoProgram:
        return ""
    files = collect(analyzer, session.cwd, with_lines="xml" in wanted)
    notes = []
    for kind, directory in sorted(wanted.items()):
        out_dir = os.path.join(session.cwd, directory)
        if kind == "lineprecision":
            write_text(os.path.join(out_dir, "lineprecision.txt"), lineprecision_text(files))
        else:
            index = os.path.join(out_dir, "index.xml")
            for stats in files:
                page = os.path.join(out_dir, "xml", stats.path + ".xml")
                stylesheet = os.path.relpath("mypy-html.xslt", stats.path)
                write_text(page, xml_file(stats, stylesheet))
            write_text(index, xml_index(files))
            notes.append(f"Generated XML report: {os.path.abspath(index)}\n")
    return "".join(notes)


def collect(analyzer: SessionAnalyzer, cwd: str, with_lines: bool) -> list[FileStats]:
    """The precision counts of every command-line source that mypy would report on."""
    files = []
    for view in analyzer.source_views():
        path = os.path.relpath(os.path.join(cwd, view.path), cwd)
        if _skipped(path):
            continue
        facts = ModuleFacts(
            view,
            analyzer.module_types(view),
            analyzer.has_module,
            lambda node, v=view: analyzer.signature_of(v, node),  # type: ignore[misc]
        )
        result = classify_lines(facts)
        text_lines = _lines(analyzer.module_text(view))
        stats = FileStats(view.name, path, kind_counts(result.kinds, len(text_lines)))
        if with_lines:
            for number, content in enumerate(text_lines, 1):
                kind = KIND_NAMES[result.kinds.get(number, EMPTY)]
                info = _any_info(result.anys.get(number, []))
                stats.lines.append(LineInfo(number, content, kind, info))
        files.append(stats)
    return files


def _skipped(path: str) -> bool:
    """Files mypy leaves out of reports: outside the working directory, under a ``stubs``
    directory, or the core stubs."""
    if path.startswith(".."):
        return True
    if "stubs" in path.split(os.sep):
        return True
    return os.path.basename(path) in ("abc.pyi", "typing.pyi", "builtins.pyi")


def _lines(text: str) -> list[str]:
    """The file's lines as a reader sees them (universal newlines, no line ends)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _any_info(anys: list[AnyType]) -> str:
    if not anys:
        return "No Anys on this line!"
    counts = Counter(_ANY_NAMES.get(a.reason, "Explicit") for a in anys)
    return "Any Types on this line: " + "".join(f"\n{n} (x{c})" for n, c in counts.items())
