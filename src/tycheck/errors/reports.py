"""Machine-readable reports: ``-O json`` lines and the ``--junit-xml`` document.

Both return strings; writing files is the CLI's business (through ``inputs/``).

JSON: one object per error with the keys ``file, line, column, end_line, end_column,
message, hint, code, severity`` in that order. Notes at the same (file, line, column) as the
preceding error become its ``hint`` (joined by newlines); other notes stand alone. Columns
are 0-based there, unlike the text output.

JUnit: one test case for the whole run (``--junit-format global``) or one per file with
messages (``per_file``); a run with no messages is a single passing case.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.render import OptionsView, Row, file_rows, group_by_file


@dataclass
class _JsonRecord:
    row: Row
    hints: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        r = self.row
        return json.dumps(
            {
                "file": r.path,
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
                "message": r.message,
                "hint": "\n".join(self.hints) if self.hints else None,
                "code": r.code,
                "severity": r.severity,
            }
        )


def json_records(rows: Iterable[Row]) -> list[str]:
    """JSON lines for rows (already ordered), folding notes into their error's hint."""
    records: list[_JsonRecord] = []
    last_error_at: dict[tuple[str, int, int], _JsonRecord] = {}
    for row in rows:
        where = (row.path, row.line, row.column)
        if row.severity == "note":
            owner = last_error_at.get(where)
            if owner is not None:
                owner.hints.append(row.message)
                continue
            records.append(_JsonRecord(row))
        else:
            record = _JsonRecord(row)
            records.append(record)
            last_error_at[where] = record
    return [record.to_json() for record in records]


def format_json_lines(
    diags: Sequence[Diagnostic], *, options_view: OptionsView, base_dir: str | None = None
) -> list[str]:
    """``-O json`` output for ``diags``, one string per line, files in first-message order."""
    out: list[str] = []
    for group in group_by_file(diags).values():
        out.extend(json_records(file_rows(group, options_view, base_dir=base_dir)))
    return out


_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<testsuite errors="{errors}" failures="{failures}" name="mypy" skips="0" '
    'tests="{tests}" time="{time:.3f}">\n'
)
_FAILURE_CASE = (
    '  <testcase classname="mypy" file="{file}" line="1" name="{name}" time="{time:.3f}">\n'
    '    <failure message="mypy produced messages">{text}</failure>\n'
    "  </testcase>\n"
)
_PASS_CASE = (
    '  <testcase classname="mypy" file="mypy" line="1" name="{name}" time="{time:.3f}">\n'
    "  </testcase>\n"
)
_FOOTER = "</testsuite>\n"


def junit_xml(
    elapsed: float,
    serious: bool,
    messages_by_file: Mapping[str | None, Sequence[str]],
    python_version: tuple[int, int],
    platform: str,
) -> str:
    """The JUnit XML document mypy writes for ``--junit-xml``.

    ``messages_by_file`` maps a file to its output lines (None: the whole run, used by the
    global format and for usage errors); ``serious`` marks a run that failed before checking
    (blocking error on stderr), counted as errors rather than failures.
    """
    version = f"{python_version[0]}_{python_version[1]}"
    count = len(messages_by_file)
    xml = _HEADER.format(
        errors=count if serious else 0,
        failures=0 if serious else count,
        time=elapsed,
        tests=count or 1,
    )
    base_name = f"mypy-py{version}-{platform}"
    if not messages_by_file:
        xml += _PASS_CASE.format(name=base_name, time=elapsed)
    for filename, messages in messages_by_file.items():
        # Imported here: xml.sax pulls in urllib, http and ssl, too slow for every run.
        from xml.sax.saxutils import escape

        text = escape("\n".join(messages))
        if filename is None:
            xml += _FAILURE_CASE.format(file="mypy", name=base_name, time=elapsed, text=text)
        else:
            name = f"{base_name} {filename}"
            xml += _FAILURE_CASE.format(file=filename, name=name, time=elapsed, text=text)
    return xml + _FOOTER


def junit_messages(
    all_lines: Sequence[str],
    lines_by_file: Mapping[str, Sequence[str]],
    junit_format: str = "global",
) -> dict[str | None, list[str]]:
    """The ``messages_by_file`` argument of :func:`junit_xml` for a junit format."""
    if junit_format == "global":
        return {None: list(all_lines)} if all_lines else {}
    return {path: list(lines) for path, lines in lines_by_file.items() if lines}
