"""Rendering diagnostics as mypy 2.4.1 prints them, byte for byte.

The pipeline for one file is: order (by line and column, emission order breaking ties),
remove repeated messages, interleave the ``--show-error-context`` notes, then format each row
(``path:line[:col[:end_line:end_col]]: severity: message  [code]``) and, with ``--pretty``, add
the source line with a ``^~~~`` marker and fit everything to the terminal width.

Rows are plain tuples shaped like mypy's error tuples so that the text formatter here and the
JSON formatter in :mod:`tycheck.errors.reports` share one ordering.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple, Protocol

from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.ignores import effective_code

# Notes that normally stand alone, so their code is worth printing.
SHOW_NOTE_CODES: Final = frozenset({"annotation-unchecked", "deprecated"})
CODE_LINK_PREFIX: Final = "See https://mypy.rtfd.io/en/stable/_refs.html#code-"
SOURCE_OFFSET: Final = 4
CODE_START: Final = " " * SOURCE_OFFSET
DEFAULT_COLUMNS: Final = 80
# Columns kept on each side of the error when a long source line is trimmed.
MINIMUM_WIDTH: Final = 20


class OptionsView(Protocol):
    """The output options read here, named as in mypy's ``Options``."""

    @property
    def show_column_numbers(self) -> bool: ...

    @property
    def show_error_end(self) -> bool: ...

    @property
    def hide_error_codes(self) -> bool: ...

    @property
    def show_error_context(self) -> bool: ...

    @property
    def pretty(self) -> bool: ...

    @property
    def show_absolute_path(self) -> bool: ...

    @property
    def color_output(self) -> bool: ...


class Row(NamedTuple):
    """One output message; ``line == -1`` for the context notes that have no position."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: str
    message: str
    code: str | None


# ---------------------------------------------------------------- local context encoding


def local_context(type_name: str | None, function_name: str | None) -> tuple[str, str] | None:
    """Encode mypy's (enclosing class, enclosing function) pair for ``Diagnostic.context``.

    ``("function", f)``, ``("class", C)``, ``("member", "C.m")``; None at top level.
    """
    if function_name is None:
        return None if type_name is None else ("class", type_name)
    if type_name is None:
        return ("function", function_name)
    return ("member", f"{type_name}.{function_name}")


def decode_context(context: tuple[str, str] | None) -> tuple[str | None, str | None]:
    """The (class name, function name) pair of a ``Diagnostic.context``."""
    if context is None:
        return None, None
    kind, name = context
    if kind == "function":
        return None, name
    if kind == "class":
        return name, None
    type_name, _, function_name = name.rpartition(".")
    return type_name, function_name


# ---------------------------------------------------------------- ordering and duplicates


def _priority(diag: Diagnostic) -> int:
    # The documentation link goes after the other notes of its error.
    if diag.severity == "note" and diag.message.startswith(CODE_LINK_PREFIX):
        return 20
    return 0


def sort_diagnostics(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Order one file's messages by line and column, keeping emission order for ties.

    ``diags`` is in emission order; ``sequence`` refines it when set. Within a run at the same
    span and code, the documentation link note moves last.
    """
    ordered = sorted(diags, key=lambda d: (d.line, d.column, d.sequence))
    result: list[Diagnostic] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and _same_spot(ordered[end - 1], ordered[end]):
            end += 1
        result.extend(sorted(ordered[start:end], key=_priority))
        start = end
    return result


def _same_spot(a: Diagnostic, b: Diagnostic) -> bool:
    return (a.line, a.column, a.end_line, a.end_column, a.code) == (
        b.line,
        b.column,
        b.end_line,
        b.end_column,
        b.code,
    )


def remove_duplicates(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop a message repeating an earlier one (same severity and text) on the same line."""
    seen: set[tuple[int, str, str]] = set()
    out: list[Diagnostic] = []
    for diag in diags:
        key = (diag.line, diag.severity, diag.message)
        if key not in seen:
            seen.add(key)
            out.append(diag)
    return out


# ---------------------------------------------------------------- rows


def _end_position(diag: Diagnostic) -> tuple[int, int]:
    """mypy's normalised end: never before the start, at least one column wide."""
    end_line = (
        diag.end_line if diag.end_line is not None and diag.end_line >= diag.line else diag.line
    )
    if diag.end_column is None:
        end_column = -1 if diag.column == -1 else diag.column + 1
    else:
        end_column = diag.end_column
    # Messages without a column (unused ignores) keep -1 for both, as mypy prints them.
    if end_line == diag.line and end_column <= diag.column and diag.column >= 0:
        end_column = diag.column + 1
    return end_line, end_column


def display_path(path: str, options: OptionsView, *, base_dir: str | None = None) -> str:
    """The path as printed: absolute with --show-absolute-path, else relative to ``base_dir``."""
    if options.show_absolute_path:
        if os.path.isabs(path) or base_dir is None:
            return os.path.normpath(path)
        return os.path.normpath(os.path.join(base_dir, path))
    path = os.path.normpath(path)
    if base_dir is not None:
        prefix = os.path.normpath(base_dir)
        if os.path.basename(prefix) != "":
            prefix += os.sep
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _context_row(path: str, message: str) -> Row:
    return Row(path, -1, -1, -1, -1, "note", message, None)


def _context_note(
    prev: tuple[str | None, str | None], cur: tuple[str | None, str | None]
) -> str | None:
    """The "In function ..." note announcing a change of enclosing scope, if any."""
    if cur == prev:
        return None
    type_name, function = cur
    if function is None:
        return "At top level:" if type_name is None else f'In class "{type_name}":'
    if type_name is None:
        return f'In function "{function}":'
    return f'In member "{function}" of class "{type_name}":'


def file_rows(
    diags: Sequence[Diagnostic], options: OptionsView, *, base_dir: str | None = None
) -> list[Row]:
    """The rows of one file: sorted, de-duplicated, with context notes when asked for."""
    rows: list[Row] = []
    prev: tuple[str | None, str | None] = (None, None)
    for diag in remove_duplicates(sort_diagnostics(diags)):
        path = display_path(diag.path, options, base_dir=base_dir)
        cur = decode_context(diag.context)
        if options.show_error_context:
            note = _context_note(prev, cur)
            if note is not None:
                rows.append(_context_row(path, note))
        end_line, end_column = _end_position(diag)
        code = effective_code(diag)
        rows.append(
            Row(
                path,
                diag.line,
                diag.column,
                end_line,
                end_column,
                diag.severity,
                diag.message,
                code,
            )
        )
        prev = cur
    return rows


def group_by_file(diags: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Split diagnostics per file, files in order of their first message."""
    groups: dict[str, list[Diagnostic]] = {}
    for diag in diags:
        groups.setdefault(diag.path, []).append(diag)
    return groups


# ---------------------------------------------------------------- text formatting


def _location(row: Row, options: OptionsView) -> str:
    if options.show_column_numbers and row.line >= 0 and row.column >= 0:
        loc = f"{row.path}:{row.line}:{1 + row.column}"
        if options.show_error_end and row.end_line >= 0 and row.end_column >= 0:
            loc += f":{row.end_line}:{row.end_column}"
        return loc
    if row.line >= 0:
        return f"{row.path}:{row.line}"
    return row.path


def format_row(row: Row, options: OptionsView) -> str:
    """One message line, without any source snippet."""
    text = f"{_location(row, options)}: {row.severity}: {row.message}"
    if (
        not options.hide_error_codes
        and row.code
        and (row.severity != "note" or row.code in SHOW_NOTE_CODES)
    ):
        text += f"  [{row.code}]"
    return text


def _snippet(row: Row, source: list[str]) -> list[str]:
    """The source line and its ``^~~~`` marker for an error row."""
    if row.line > len(source):
        return []
    raw = source[row.line - 1].rstrip("\r\n")
    expanded = raw.expandtabs()
    indent = len(raw) - len(raw.lstrip())
    column = max(row.column, indent)
    # Columns count characters of the tab-expanded line.
    column = len(raw[:column].expandtabs())
    end_column = len(raw[: row.end_column].expandtabs())
    if row.end_line == row.line and end_column > column:
        marker = "^" + "~" * (end_column - column - 1)
    elif row.end_line != row.line:
        marker = "^" + "~" * (len(expanded) - column - 1)
    else:
        marker = "^"
    return [CODE_START + expanded, " " * (SOURCE_OFFSET + column) + marker]


def format_rows(
    rows: Sequence[Row], options: OptionsView, source: list[str] | None = None
) -> list[str]:
    """Text lines for rows of one file; ``source`` feeds --pretty snippets."""
    out: list[str] = []
    for row in rows:
        out.append(format_row(row, options))
        if options.pretty and row.severity == "error" and source and row.line > 0:
            out.extend(_snippet(row, source))
    return out


def format_diagnostic_lines(
    diags: Sequence[Diagnostic],
    *,
    options_view: OptionsView,
    source_lines: Callable[[str], list[str] | None],
    base_dir: str | None = None,
    terminal_width: int | None = None,
) -> list[str]:
    """mypy's output lines for ``diags`` (any number of files, in first-message order).

    Each message is one list item; with --pretty a wrapped message contains newlines and its
    source line and marker are separate items, exactly like mypy's message list (the
    summary counts items). ``source_lines`` is only called with --pretty.
    """
    out: list[str] = []
    for path, group in group_by_file(diags).items():
        rows = file_rows(group, options_view, base_dir=base_dir)
        source = source_lines(path) if options_view.pretty else None
        lines = format_rows(rows, options_view, source)
        if options_view.pretty:
            lines = fit_in_terminal(lines, terminal_width or get_terminal_width())
        out.extend(lines)
    return out


# ---------------------------------------------------------------- --pretty fitting


def get_terminal_width() -> int:
    """MYPY_FORCE_TERMINAL_WIDTH, else the terminal's width, else 80."""
    forced = os.environ.get("MYPY_FORCE_TERMINAL_WIDTH", "0")
    try:
        width = int(forced)
    except ValueError:
        width = 0
    return width or shutil.get_terminal_size().columns or DEFAULT_COLUMNS


def split_words(message: str) -> list[str]:
    """Split at single spaces, never inside a double-quoted group (types stay whole)."""
    words: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in message:
        if ch == " " and not quoted:
            words.append("".join(current))
            current = []
            continue
        if ch == '"':
            quoted = not quoted
        current.append(ch)
    words.append("".join(current))
    return words


def soft_wrap(message: str, max_len: int, first_offset: int, num_indent: int = 0) -> str:
    """Greedy word wrap: the first line has ``first_offset`` columns taken already."""
    words = split_words(message)
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        room = max_len - (num_indent if lines else first_offset)
        if len(current) + 1 + len(word) <= room:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return ("\n" + " " * num_indent).join(lines)


def trim_source_line(line: str, max_len: int, col: int, min_width: int) -> tuple[str, int]:
    """Cut a long source line around ``col`` with "..." marks; return it and the shift."""
    max_len = max(max_len, 2 * min_width + 1)
    if len(line) <= max_len:
        return line, 0
    if col + min_width < max_len:
        return line[:max_len] + "...", 0
    if col < len(line) - min_width - 1:
        offset = col - max_len + min_width + 1
        return "..." + line[offset : col + min_width + 1] + "...", offset - 3
    return "..." + line[-max_len:], len(line) - max_len - 3


def is_marker_line(line: str) -> bool:
    stripped = line.lstrip()
    return line.startswith(CODE_START) and stripped.startswith("^") and set(stripped) <= {"^", "~"}


def fit_in_terminal(lines: list[str], width: int) -> list[str]:
    """Wrap error messages and trim source snippets to ``width`` columns."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not line.startswith(CODE_START) and ": error:" in line:
            loc, message = line.split("error:", 1)
            out[i] = loc + "error:" + soft_wrap(message, width, len(loc) + len("error: "))
        elif line.startswith(CODE_START) and not is_marker_line(line) and i + 1 < len(lines):
            out[i], out[i + 1] = _trim_snippet(line, lines[i + 1], width)
    return out


def _trim_snippet(source: str, marker_line: str, width: int) -> tuple[str, str]:
    text = source[SOURCE_OFFSET:]
    start = marker_line.index("^")
    column = start - SOURCE_OFFSET
    marker = marker_line[start : marker_line.rindex("~") + 1] if "~" in marker_line else "^"
    # Room for "..." on both sides of the kept part.
    trimmed, offset = trim_source_line(text, width - SOURCE_OFFSET - 6, column, MINIMUM_WIDTH)
    new_source = CODE_START + trimmed
    new_marker = " " * (SOURCE_OFFSET + column - offset) + marker
    if len(new_marker) > len(new_source) and len(marker) > 3:
        new_marker = new_marker[: len(new_source) - 3] + "..."
    return new_source, new_marker


# ---------------------------------------------------------------- summary and exit code


def plural_s(count: int) -> str:
    return "" if count == 1 else "s"


def format_summary(n_errors: int, n_files: int, n_sources: int, *, blockers: bool = False) -> str:
    """``Found N errors in M files (...)``, or ``Success: ...`` when there are no errors."""
    if n_errors == 0:
        return f"Success: no issues found in {n_sources} source file{plural_s(n_sources)}"
    text = f"Found {n_errors} error{plural_s(n_errors)} in {n_files} file{plural_s(n_files)}"
    if blockers:
        return text + " (errors prevented further checking)"
    return text + f" (checked {n_sources} source file{plural_s(n_sources)})"


def count_stats(lines: Sequence[str]) -> tuple[int, int, int]:
    """(errors, notes, files with errors) counted from output lines, as mypy counts them."""
    errors = [line for line in lines if ": error:" in line]
    files = {line.split(":")[0] for line in errors}
    notes = sum(1 for line in lines if ": note:" in line)
    return len(errors), notes, len(files)


def summary_line(
    lines: Sequence[str], n_sources: int, *, blockers: bool = False, hide_success: bool = False
) -> str | None:
    """The summary printed after ``lines``, or None when mypy prints none.

    Only notes still count as success. ``hide_success`` is set for machine-readable output
    (``-O json``), whose lines never count as errors, so only a blocker-free empty run would
    print a summary there, and mypy hides it.
    """
    n_errors, n_notes, n_files = count_stats(lines)
    if n_errors:
        return format_summary(n_errors, n_files, n_sources, blockers=blockers)
    if hide_success:
        return None
    if not lines or n_notes == len(lines):
        return format_summary(0, 0, n_sources)
    return None


def exit_code(lines: Sequence[str], *, blockers: bool = False) -> int:
    """0 when only notes (or nothing) were printed, 2 with a blocking error, else 1."""
    _, n_notes, _ = count_stats(lines)
    if lines and n_notes < len(lines):
        return 2 if blockers else 1
    return 0
