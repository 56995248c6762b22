"""``# type: ignore`` comments: finding them in source, and applying them to diagnostics.

Finding follows the rules of the parser mypy 2.4.1 uses (checked against it by hand):

* the comment must *start* with ``#``, optional blanks, ``type:``, optional blanks, ``ignore``
  (``# noqa # type: ignore`` is not an ignore); a type comment may be followed by one
  (``# type: int  # type: ignore``);
* right after ``ignore`` comes the end of the comment, blanks, ``[`` or ``#``; anything else
  (``ignore_me``, ``ignore,``) makes it an ordinary type comment, not an ignore;
* ``[a, b]`` lists codes; ``[]`` means "all"; after the optional tag only blanks or a further
  ``#`` comment may follow, else the comment is reported as ``Invalid "type: ignore" comment``;
* a second ignore in the trailing comment is reported as ``Multiple type ignores on the same
  line`` (the first one counts);
* an ignore on a line before the module's first statement ignores the whole file.

Applying follows mypy's rules for which lines cover a diagnostic, disabled codes, the notes
about codes not covered, and the ``unused-ignore`` / ``ignore-without-code`` errors.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from tycheck.errors.codes import ERROR_CODES, SUB_CODES, parent_of
from tycheck.errors.diagnostics import Diagnostic

# The codes of one ignore comment in source order; None for a bare ``# type: ignore``.
IgnoreCodes = tuple[str, ...] | None
IgnoreMap = Mapping[int, IgnoreCodes]

INVALID_IGNORE: Final = 'Invalid "type: ignore" comment'
MULTIPLE_IGNORES: Final = "Multiple type ignores on the same line"
MODULE_IGNORE_WITH_CODES: Final = (
    "Type ignore with error code is not supported for modules; "
    'use `# mypy: disable-error-code="{}"`'
)

# "type:" then "ignore" at the start of a comment's text (after the "#").
_IGNORE_HEAD = re.compile(r"[ \t\f]*type:[ \t\f]*ignore")
# Text every ignore comment contains: files without it need no tokenizing.
_CANDIDATE = re.compile(r"type:[ \t\f]*ignore")
# A type comment's own trailing comment starting with an ignore.
_TYPE_COMMENT = re.compile(r"[ \t\f]*type:[^#]*#")
# Characters that may not appear inside one code of the [...] list.
_BAD_CODE_CHARS = re.compile(r"[\s.\[#]")


@dataclass(frozen=True)
class IgnoreProblem:
    """A malformed ignore comment; reported as a non-blocking ``syntax`` error."""

    line: int
    column: int  # as mypy reports it: the 0-based index of the '#' plus one
    message: str


@dataclass(frozen=True)
class IgnoreScan:
    """All ignore comments of one file.

    ``lines`` maps a line to its ignore (the module-level ignore, if any, is not in it);
    ``module_ignore_line`` is the line of a whole-file ignore; ``module_ignore_codes`` the codes
    it named (an error: codes are not supported there).
    """

    lines: Mapping[int, IgnoreCodes] = field(default_factory=dict)
    module_ignore_line: int | None = None
    module_ignore_codes: IgnoreCodes = None
    problems: tuple[IgnoreProblem, ...] = ()

    @property
    def ignores_module(self) -> bool:
        return self.module_ignore_line is not None


class _Invalid(Exception):
    """The text after ``ignore`` is not a valid tag."""


def _parse_tag(rest: str) -> tuple[IgnoreCodes, str]:
    """Split the text after ``ignore`` into its codes and the trailing comment text."""
    stripped = rest.lstrip(" \t\f")
    codes: IgnoreCodes = None
    if stripped.startswith("["):
        close = stripped.find("]")
        if close < 0:
            raise _Invalid
        names = [c.strip() for c in stripped[1:close].split(",")]
        if any(_BAD_CODE_CHARS.search(n) for n in names):
            raise _Invalid
        codes = tuple(n for n in names if n) or None
        stripped = stripped[close + 1 :].lstrip(" \t\f")
    if stripped and not stripped.startswith("#"):
        raise _Invalid
    return codes, stripped


def _ignore_in_comment(text: str) -> str | None:
    """If comment ``text`` (after its '#') holds an ignore, the text after ``ignore``."""
    if _starts_ignore(text):
        head = _IGNORE_HEAD.match(text)
        assert head is not None
        return text[head.end() :]
    if _IGNORE_HEAD.match(text) is not None:
        # "ignore_me" and the like: an ordinary type comment.
        return None
    typed = _TYPE_COMMENT.match(text)
    if typed is None:
        return None
    # A type comment: only an ignore right after its first '#' counts.
    rest = text[typed.end() :]
    return _ignore_in_comment(rest) if _starts_ignore(rest) else None


def _starts_ignore(text: str) -> bool:
    """Whether ``text`` (after a '#') is itself the start of an ignore comment."""
    head = _IGNORE_HEAD.match(text)
    if head is None:
        return False
    after = text[head.end() :]
    return not after or after[0] in " \t\f[#"


def _scan_comment(line: int, col: int, text: str) -> tuple[IgnoreCodes, list[IgnoreProblem]] | None:
    """Parse one comment token: its ignore codes and any problems; None if it is no ignore."""
    after = _ignore_in_comment(text[1:])
    if after is None:
        return None
    problem_col = col + 1
    try:
        codes, trailing = _parse_tag(after)
    except _Invalid:
        return None, [IgnoreProblem(line, problem_col, INVALID_IGNORE)]
    problems: list[IgnoreProblem] = []
    if trailing.startswith("#") and _starts_ignore(trailing[1:]):
        problems.append(IgnoreProblem(line, problem_col, MULTIPLE_IGNORES))
    return codes, problems


@dataclass
class _Collector:
    lines: dict[int, IgnoreCodes] = field(default_factory=dict)
    invalid: set[int] = field(default_factory=set)
    problems: list[IgnoreProblem] = field(default_factory=list)
    first_statement: int | None = None


_NON_STATEMENT = frozenset(
    {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.ENCODING,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
)


def _collect(source: str) -> _Collector:
    out = _Collector()
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    try:
        for tok in tokens:
            if tok.type == tokenize.COMMENT:
                _record_comment(out, tok.start[0], tok.start[1], tok.string)
            elif tok.type not in _NON_STATEMENT and out.first_statement is None:
                out.first_statement = tok.start[0]
    except (tokenize.TokenError, SyntaxError):
        # A file that does not tokenize fails to parse; its blocking error is reported
        # elsewhere and the ignores found so far are as good as any.
        pass
    return out


def _collect_with_tree(source: str, tree: ast.Module) -> _Collector:
    """What ``_collect`` finds, looking only at the lines that may hold an ignore."""
    out = _Collector()
    first = tree.body[0]
    decorators = getattr(first, "decorator_list", None) or []
    out.first_statement = min([first.lineno] + [d.lineno for d in decorators])
    lines = source.splitlines()
    candidates = sorted({source.count("\n", 0, m.start()) + 1 for m in _CANDIDATE.finditer(source)})
    strings = _string_spans(tree, set(candidates))
    for number in candidates:
        text = lines[number - 1] if number <= len(lines) else ""
        col = _comment_start(text, strings.get(number, ()))
        if col is not None:
            _record_comment(out, number, col, text[col:])
    return out


def _string_spans(tree: ast.Module, wanted: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Per wanted line, the character spans covered by string literals (whole lines: -1..inf)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    lo, hi = min(wanted), max(wanted)
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        end = getattr(node, "end_lineno", None)
        if end is not None and (end < lo or node.lineno > hi):  # type: ignore[attr-defined]
            continue
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and end is not None:
            if isinstance(node, ast.JoinedStr) or isinstance(node.value, (str, bytes)):
                start = node.lineno  # type: ignore[attr-defined]
                for line in range(start, end + 1):
                    if line in wanted:
                        a = node.col_offset if line == start else -1  # type: ignore[attr-defined]
                        b = node.end_col_offset if line == end else 1 << 30  # type: ignore[attr-defined]
                        spans.setdefault(line, []).append((a, b))
                continue
        stack.extend(ast.iter_child_nodes(node))
    return spans


def _comment_start(text: str, spans: Sequence[tuple[int, int]]) -> int | None:
    """The column of the first ``#`` on the line outside string literals (byte spans)."""
    col = text.find("#")
    encoded = None if text.isascii() else text.encode("utf-8")
    while col >= 0:
        at = col if encoded is None else len(text[:col].encode("utf-8"))
        if not any(a <= at < b for a, b in spans):
            return col
        col = text.find("#", col + 1)
    return None


def _record_comment(out: _Collector, line: int, col: int, text: str) -> None:
    parsed = _scan_comment(line, col, text)
    if parsed is None:
        return
    codes, problems = parsed
    out.problems.extend(problems)
    if problems and problems[0].message == INVALID_IGNORE:
        out.invalid.add(line)
        return
    out.lines[line] = codes


def scan_ignore_comments(source: str, tree: ast.Module | None = None) -> IgnoreScan:
    """Find every ignore comment in ``source`` and decide whether it ignores the whole file.

    With ``tree`` (the parsed ``source``, without syntax errors) no tokenizing is needed:
    the tree's string literals tell a ``#`` in a string from the start of a comment.
    """
    if "ignore" not in source or _CANDIDATE.search(source) is None:
        # Tokenizing is slow. Every ignore comment contains "type:", blanks and "ignore"
        # (see ``_IGNORE_HEAD``), so a file without that text has none to find.
        return IgnoreScan()
    found = _collect_with_tree(source, tree) if tree is not None and tree.body else _collect(source)
    lines = dict(found.lines)
    module_line: int | None = None
    module_codes: IgnoreCodes = None
    if lines and found.first_statement is not None:
        first = min(lines)
        if first < found.first_statement:
            module_line = first
            module_codes = lines.pop(first)
    return IgnoreScan(lines, module_line, module_codes, tuple(found.problems))


def find_ignore_comments(source: str) -> dict[int, IgnoreCodes]:
    """Map each line carrying a ``# type: ignore`` to its codes (None: all codes).

    The whole-file ignore, if any, is left out; see :func:`scan_ignore_comments`.
    """
    return dict(scan_ignore_comments(source).lines)


def ignore_comment_diagnostics(
    path: str, scan: IgnoreScan, module: str | None = None
) -> list[Diagnostic]:
    """The errors about malformed ignore comments (reported by the parser in mypy)."""
    out = [
        Diagnostic(
            path, p.line, p.column, "error", p.message, "syntax", p.line, p.column + 1, module
        )
        for p in scan.problems
    ]
    if scan.module_ignore_line is not None and scan.module_ignore_codes:
        line = scan.module_ignore_line
        message = MODULE_IGNORE_WITH_CODES.format(", ".join(scan.module_ignore_codes))
        out.append(Diagnostic(path, line, 0, "error", message, "syntax", line, 1, module))
    return out


# Codes whose messages used to be reported as "misc": an ignore naming the old code gets a
# hint that it may be out of date.
_RENAMED_FROM: Final[Mapping[str, str]] = {"literal-required": "misc", "type-abstract": "misc"}

CODE_LINK_BASE: Final = "https://mypy.rtfd.io/en/stable/_refs.html#code"
# Codes whose messages explain themselves (or carry their own link): no documentation note.
NO_LINK_CODES: Final = frozenset(
    {"misc", "assignment", "arg-type", "return-value", "attr-defined", "name-defined", "override"}
)


@dataclass(frozen=True)
class IgnoreOptions:
    """The per-file flags that decide how ignores apply.

    ``code_enabled`` is the file's enable/disable rule for one code name (see
    :func:`tycheck.errors.codes.is_code_enabled`); it also decides whether
    ``ignore-without-code`` is reported. ``report_unused`` is mypy's condition
    "--warn-unused-ignores or unused-ignore enabled, and unused-ignore not disabled".
    """

    code_enabled: Callable[[str], bool]
    report_unused: bool = False
    warn_unused_ignores: bool = False
    ignore_errors: bool = False
    is_typeshed: bool = False
    # --show-error-code-links and not --hide-error-codes.
    code_links: bool = False


def effective_code(diag: Diagnostic) -> str | None:
    """The code a message counts under: an uncoded non-blocker counts as ``misc``."""
    if diag.code is not None:
        return diag.code
    return None if diag.blocker else "misc"


def ignore_span(diag: Diagnostic) -> Iterable[int]:
    """The lines whose ignore comment covers ``diag``.

    mypy lets any line of the reported expression (``line`` to ``end_line``) carry the
    comment. ``origin_line``, when set, marks a statement-level report: then the message's own
    first line and ``origin_line`` count (e.g. an override error inside a multi-line ``def``).
    """
    if diag.origin_line is not None:
        return dict.fromkeys((diag.line, diag.origin_line))
    last = diag.end_line if diag.end_line is not None and diag.end_line > diag.line else diag.line
    return range(diag.line, last + 1)


def _covers(codes: IgnoreCodes, code: str, message: str) -> bool:
    if codes is None:
        return True
    parent = parent_of(code, message)
    return code in codes or (parent is not None and parent in codes)


def _not_covered_note(diag: Diagnostic, code: str, codes: tuple[str, ...]) -> Diagnostic:
    message = f'Error code "{code}" not covered by "type: ignore[{", ".join(codes)}]" comment'
    old = _RENAMED_FROM.get(code)
    if old is not None and old in codes:
        message = f'Error code changed to {code}; "type: ignore" comment may be out of date'
    return replace(
        diag, severity="note", message=message, code=None, only_once=False, blocker=False
    )


@dataclass
class _FileState:
    # Messages already printed once (only_once notes and documentation links); shared by
    # all files of a run, as in mypy.
    seen_once: set[str]
    used: dict[int, list[str]] = field(default_factory=dict)
    out: list[Diagnostic] = field(default_factory=list)


def _code_link_note(diag: Diagnostic, code: str, state: _FileState) -> Diagnostic | None:
    if code in NO_LINK_CODES or code not in ERROR_CODES:
        return None
    message = f"See {CODE_LINK_BASE}-{code} for more info"
    if message in state.seen_once:
        return None
    state.seen_once.add(message)
    return replace(diag, severity="note", message=message, code=code, only_once=True, blocker=False)


def _apply_one(
    diag: Diagnostic,
    ignores: IgnoreMap,
    ignore_all: bool,
    options: IgnoreOptions,
    state: _FileState,
) -> None:
    code = effective_code(diag)
    if not diag.blocker:
        if code is not None and not options.code_enabled(code):
            return
        for line in ignore_span(diag):
            if line in ignores and code is not None and _covers(ignores[line], code, diag.message):
                state.used.setdefault(line, []).append(code)
                return
        if ignore_all:
            return
    if diag.only_once:
        if diag.message in state.seen_once:
            return
        state.seen_once.add(diag.message)
    state.out.append(diag)
    codes = ignores.get(diag.line)
    if codes and code is not None:
        state.out.append(_not_covered_note(diag, code, codes))
    if options.code_links and diag.code is not None:
        link = _code_link_note(diag, diag.code, state)
        if link is not None:
            state.out.append(link)


def _simple_error(path: str, line: int, message: str, code: str, module: str | None) -> Diagnostic:
    return Diagnostic(path, line, -1, "error", message, code, line, -1, module)


def _unused_message(codes: IgnoreCodes, used: set[str]) -> str | None:
    unused = [c for c in codes or () if c not in used]
    if codes is None and used:
        return None
    if codes and not unused:
        return None
    detail = f"[{', '.join(unused)}]" if codes and len(codes) > 1 else ""
    message = f'Unused "type: ignore{detail}" comment'
    for name in unused:
        narrower = sorted(used & SUB_CODES.get(name, frozenset()))
        if narrower:
            message += f", use narrower [{', '.join(narrower)}] instead of [{name}] code"
    return message


def unused_ignore_errors(
    path: str,
    ignores: IgnoreMap,
    used: Mapping[int, Collection[str]],
    skipped_lines: Collection[int] = (),
    module: str | None = None,
) -> list[Diagnostic]:
    """``Unused "type: ignore" comment`` errors for the ignores that covered nothing."""
    out: list[Diagnostic] = []
    for line, codes in ignores.items():
        if codes is not None and "unused-ignore" in codes:
            continue
        message = _unused_message(codes, set(used.get(line, ())))
        # ``skipped_lines`` may be computed on first use: ask it last.
        if message is not None and line not in skipped_lines:
            out.append(_simple_error(path, line, message, "unused-ignore", module))
    return out


def ignore_without_code_errors(
    path: str,
    ignores: IgnoreMap,
    used: Mapping[int, Collection[str]],
    warn_unused_ignores: bool,
    skipped_lines: Collection[int] = (),
    module: str | None = None,
) -> list[Diagnostic]:
    """``ignore-without-code`` errors for bare ignores, with a hint naming the codes used."""
    out: list[Diagnostic] = []
    for line, codes in ignores.items():
        if codes is not None:
            continue
        line_used = used.get(line, ())
        # An unused bare ignore is reported as unused instead, when that is on.
        if (warn_unused_ignores and not line_used) or line in skipped_lines:
            continue
        hint = ""
        if line_used:
            hint = f' (consider "type: ignore[{", ".join(sorted(set(line_used)))}]" instead)'
        message = f'"type: ignore" comment without error code{hint}'
        out.append(_simple_error(path, line, message, "ignore-without-code", module))
    return out


def apply_ignores(
    path: str,
    diagnostics: Sequence[Diagnostic],
    scan: IgnoreScan | IgnoreMap,
    options: IgnoreOptions,
    *,
    skipped_lines: Collection[int] = (),
    module: str | None = None,
    seen_once: set[str] | None = None,
) -> list[Diagnostic]:
    """The diagnostics of one file that survive its ignores, plus the ignore-related ones.

    ``diagnostics`` must be in emission order. Disabled codes are dropped first (without
    using up an ignore); a covered message is dropped and marks its ignore as used; a message
    on a line whose ignore names other codes gets the "not covered" note. Blocking errors are
    never ignored. Unused-ignore and ignore-without-code errors are appended at the end
    (rendering sorts by line). ``skipped_lines`` are lines the checker never looked at
    (unreachable platform or version branches): their ignores are never reported unused.
    ``seen_once`` carries the once-per-run messages across the files of one run.
    """
    if isinstance(scan, IgnoreScan):
        ignores, whole_file = scan.lines, scan.ignores_module
    else:
        ignores, whole_file = scan, False
    ignore_all = whole_file or options.ignore_errors
    state = _FileState(seen_once if seen_once is not None else set())
    for diag in diagnostics:
        _apply_one(diag, ignores, ignore_all, options, state)
    if ignore_all or options.is_typeshed:
        return state.out
    if options.report_unused:
        state.out.extend(unused_ignore_errors(path, ignores, state.used, skipped_lines, module))
    if options.code_enabled("ignore-without-code"):
        state.out.extend(
            ignore_without_code_errors(
                path, ignores, state.used, options.warn_unused_ignores, skipped_lines, module
            )
        )
    return state.out


def filter_by_codes(
    diags: Iterable[Diagnostic], enabled: Callable[[str], bool]
) -> list[Diagnostic]:
    """Drop the non-blocking diagnostics whose (effective) code is disabled."""
    out: list[Diagnostic] = []
    for diag in diags:
        code = effective_code(diag)
        if diag.blocker or code is None or enabled(code):
            out.append(diag)
    return out
