"""Ignore comments: recognition as mypy 2.4.1's parser does it, and their application.

The expected outputs below were produced by running mypy 2.4.1 on the same sources.
"""

from __future__ import annotations

from tycheck.errors.codes import is_code_enabled
from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.ignores import (
    IgnoreOptions,
    apply_ignores,
    filter_by_codes,
    find_ignore_comments,
    ignore_comment_diagnostics,
    scan_ignore_comments,
)
from tycheck.errors.render import format_diagnostic_lines, summary_line

from errors_testkit import Opts

RECOGNITION = """\
a = 1 #type:ignore
b = 1 #  type:   ignore   [ x ,y]
c = 1 # type: ignore[]
d = 1 # TYPE: IGNORE
e = 1 # type: ignore_me
f = 1 # type: ignore, foo
h = 1 # type: ignore[x] # type: ignore[y]
i = 1 # type: ignore[x] extra
k = 1 # type:ignore[a][b]
m = 1 #\ttype:\tignore
n = 1 # noqa # type: ignore
o = []  # type: list[int]  # type: ignore
p = 1 # type: ignore[x-y, z_1]
q = 1 # type: ignore[A.b]
r = 1 # type: ignore # type: ignored
s = "# type: ignore"
"""


def test_recognition_matches_mypy_parser() -> None:
    scan = scan_ignore_comments(RECOGNITION)
    assert dict(scan.lines) == {
        1: None,
        2: ("x", "y"),
        3: None,
        7: ("x",),
        10: None,
        12: None,
        13: ("x-y", "z_1"),
        15: None,
    }
    assert [(p.line, p.column, p.message) for p in scan.problems] == [
        (7, 7, "Multiple type ignores on the same line"),
        (8, 7, 'Invalid "type: ignore" comment'),
        (9, 7, 'Invalid "type: ignore" comment'),
        (14, 7, 'Invalid "type: ignore" comment'),
    ]
    assert scan.module_ignore_line is None


def test_module_level_ignore() -> None:
    scan = scan_ignore_comments("# c\n# type: ignore\n@dec\n# type: ignore\ndef f(): pass\n")
    assert scan.module_ignore_line == 2
    assert dict(scan.lines) == {4: None}
    # A file with no statement keeps its ignore as an ordinary one.
    assert find_ignore_comments("# type: ignore\n") == {1: None}
    # A docstring is a statement.
    assert scan_ignore_comments('"""d"""\n# type: ignore\n').module_ignore_line is None


def test_module_level_ignore_with_codes_is_an_error() -> None:
    scan = scan_ignore_comments('# type: ignore[misc, arg-type]\nx: int = "s"\n')
    diags = ignore_comment_diagnostics("m3.py", scan)
    out = format_diagnostic_lines(diags, options_view=Opts(), source_lines=lambda p: None)
    assert out == [
        "m3.py:1: error: Type ignore with error code is not supported for modules; "
        'use `# mypy: disable-error-code="misc, arg-type"`  [syntax]'
    ]


A_PY = """\
def f(x: int, y: int) -> int:
    return x

f(  # type: ignore
  "a",
  1)
f(
  "a",  # type: ignore
  1)
f(
  "a",
  1)  # type: ignore
x: int = (  # type: ignore
   "s")
y: int = (
   "s")  # type: ignore
z = f("a")  # type: ignore[attr-defined]
w = f("a")  # type: ignore[attr-defined, arg-type]
v = 1  # type: ignore
u = 1  # type: ignore[misc, arg-type]
"""

ARG = 'Argument 1 to "f" has incompatible type "str"; expected "int"'
ASSIGN = 'Incompatible types in assignment (expression has type "str", variable has type "int")'
MISSING = 'Missing positional argument "y" in call to "f"'


def _d(line: int, col: int, end: int, msg: str, code: str) -> Diagnostic:
    return Diagnostic("a.py", line, col, "error", msg, code, line, end)


# What the checker reports for A_PY before ignores (mypy's output with the comments removed).
A_RAW = [
    _d(5, 2, 5, ARG, "arg-type"),
    _d(8, 2, 5, ARG, "arg-type"),
    _d(11, 2, 5, ARG, "arg-type"),
    _d(14, 3, 6, ASSIGN, "assignment"),
    _d(16, 3, 6, ASSIGN, "assignment"),
    _d(17, 4, 10, MISSING, "call-arg"),
    _d(17, 6, 9, ARG, "arg-type"),
    _d(18, 4, 10, MISSING, "call-arg"),
    _d(18, 6, 9, ARG, "arg-type"),
]

A_EXPECTED = """\
a.py:4: error: Unused "type: ignore" comment  [unused-ignore]
a.py:5:3: error: Argument 1 to "f" has incompatible type "str"; expected "int"  [arg-type]
a.py:8: error: "type: ignore" comment without error code (consider "type: ignore[arg-type]" instead)  [ignore-without-code]
a.py:11:3: error: Argument 1 to "f" has incompatible type "str"; expected "int"  [arg-type]
a.py:12: error: Unused "type: ignore" comment  [unused-ignore]
a.py:13: error: Unused "type: ignore" comment  [unused-ignore]
a.py:14:4: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]
a.py:16: error: "type: ignore" comment without error code (consider "type: ignore[assignment]" instead)  [ignore-without-code]
a.py:17: error: Unused "type: ignore" comment  [unused-ignore]
a.py:17:5: error: Missing positional argument "y" in call to "f"  [call-arg]
a.py:17:5: note: Error code "call-arg" not covered by "type: ignore[attr-defined]" comment
a.py:17:5: note: See https://mypy.rtfd.io/en/stable/_refs.html#code-call-arg for more info
a.py:17:7: error: Argument 1 to "f" has incompatible type "str"; expected "int"  [arg-type]
a.py:17:7: note: Error code "arg-type" not covered by "type: ignore[attr-defined]" comment
a.py:18: error: Unused "type: ignore[attr-defined]" comment  [unused-ignore]
a.py:18:5: error: Missing positional argument "y" in call to "f"  [call-arg]
a.py:18:5: note: Error code "call-arg" not covered by "type: ignore[attr-defined, arg-type]" comment
a.py:19: error: Unused "type: ignore" comment  [unused-ignore]
a.py:20: error: Unused "type: ignore[misc, arg-type]" comment  [unused-ignore]
Found 15 errors in 1 file (checked 1 source file)
"""


def _enabled(*extra: str):  # type: ignore[no-untyped-def]
    return lambda name: is_code_enabled(name, enabled=set(extra))


def test_apply_ignores_matches_mypy() -> None:
    """--warn-unused-ignores --enable-error-code ignore-without-code --show-column-numbers
    --show-error-code-links"""
    options = IgnoreOptions(
        code_enabled=_enabled("ignore-without-code"),
        report_unused=True,
        warn_unused_ignores=True,
        code_links=True,
    )
    kept = apply_ignores("a.py", A_RAW, scan_ignore_comments(A_PY), options)
    lines = format_diagnostic_lines(
        kept, options_view=Opts(show_column_numbers=True), source_lines=lambda p: None
    )
    summary = summary_line(lines, 1)
    assert "\n".join([*lines, summary or ""]) + "\n" == A_EXPECTED


def test_bare_ignores_without_unused_warning() -> None:
    options = IgnoreOptions(code_enabled=_enabled("ignore-without-code"))
    kept = apply_ignores("a.py", A_RAW, scan_ignore_comments(A_PY), options)
    without_code = [d.line for d in kept if d.code == "ignore-without-code"]
    # Unused bare ignores are reported too when unused ones are not warned about.
    assert without_code == [4, 8, 12, 13, 16, 19]
    assert [d for d in kept if d.line == 4][
        0
    ].message == '"type: ignore" comment without error code'


def test_disabled_code_does_not_use_the_ignore() -> None:
    source = 'x: int = "s"  # type: ignore\n'
    raw = [Diagnostic("m.py", 1, 9, "error", ASSIGN, "assignment", 1, 12)]
    options = IgnoreOptions(
        code_enabled=lambda n: is_code_enabled(n, disabled={"assignment"}), report_unused=True
    )
    kept = apply_ignores("m.py", raw, scan_ignore_comments(source), options)
    assert [d.message for d in kept] == ['Unused "type: ignore" comment']


def test_sub_code_covered_by_parent_and_narrower_hint() -> None:
    source = "import nonexist  # type: ignore[import]\n"
    msg = 'Cannot find implementation or library stub for module named "nonexist"'
    raw = [Diagnostic("m.py", 1, 0, "error", msg, "import-not-found", 1, 1)]
    options = IgnoreOptions(code_enabled=_enabled(), report_unused=True)
    kept = apply_ignores("m.py", raw, scan_ignore_comments(source), options)
    assert [d.message for d in kept] == [
        'Unused "type: ignore" comment, use narrower [import-not-found] instead of [import] code'
    ]


def test_notes_carry_their_code_and_uncoded_ones_count_as_misc() -> None:
    source = 'x: int = "s"  # type: ignore[arg-type]\nreveal_type(x)  # type: ignore[arg-type]\n'
    raw = [
        Diagnostic("n.py", 1, 9, "error", ASSIGN, "assignment", 1, 12),
        Diagnostic("n.py", 2, 12, "note", 'Revealed type is "int"', None, 2, 13),
    ]
    kept = apply_ignores("n.py", raw, scan_ignore_comments(source), IgnoreOptions(_enabled()))
    lines = format_diagnostic_lines(kept, options_view=Opts(), source_lines=lambda p: None)
    assert lines == [
        'n.py:1: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]',
        'n.py:1: note: Error code "assignment" not covered by "type: ignore[arg-type]" comment',
        'n.py:2: note: Revealed type is "int"',
        'n.py:2: note: Error code "misc" not covered by "type: ignore[arg-type]" comment',
    ]


def test_module_ignore_silences_everything_but_blockers() -> None:
    source = '# type: ignore\nimport nonexist\nx: int = "s"\ny = 1  # type: ignore\n'
    raw = [
        Diagnostic("c.py", 3, 9, "error", ASSIGN, "assignment", 3, 12),
        Diagnostic("c.py", 3, 0, "error", "invalid syntax", "syntax", blocker=True),
    ]
    options = IgnoreOptions(code_enabled=_enabled(), report_unused=True)
    kept = apply_ignores("c.py", raw, scan_ignore_comments(source), options)
    assert [d.message for d in kept] == ["invalid syntax"]


def test_only_once_across_files() -> None:
    seen: set[str] = set()
    note = Diagnostic("a.py", 1, 0, "note", "once", None, only_once=True)
    options = IgnoreOptions(code_enabled=_enabled())
    first = apply_ignores("a.py", [note, note], {}, options, seen_once=seen)
    second = apply_ignores("b.py", [note.with_path("b.py")], {}, options, seen_once=seen)
    assert len(first) == 1 and second == []


def test_filter_by_codes() -> None:
    diags = [
        Diagnostic("a.py", 1, 0, "error", "m", "truthy-bool"),
        Diagnostic("a.py", 2, 0, "error", "m", "arg-type"),
        Diagnostic("a.py", 3, 0, "error", "m", None),
    ]
    kept = filter_by_codes(diags, lambda n: is_code_enabled(n, disabled={"misc"}))
    assert [d.line for d in kept] == [2]


TRICKY = [
    RECOGNITION,
    '"""Doc\n# type: ignore\n"""\nx = 1  # type: ignore[misc]\n',
    '# type: ignore\n"""doc"""\n',
    "# type: ignore[misc]\n\n@dec\n# type: ignore\ndef f(): pass\n",
    "s = '''\n# type: ignore\n''' # type: ignore[a]\n",
    'x = f"{1}#{2}"  # type: ignore\ny = b"#"  # type: ignore[z]\n',
    "caf\u00e9 = '\u00e9#'  # type: ignore[x]\nt = 'type: ignore'  # other\n",
    "x = 1\n\\\n# type: ignore\n",
    "def f(\n    a,  # type: ignore\n    b='#',  # type: ignore[arg]\n): ...\n",
    "# just a comment\n# type: ignore\nimport os\n",
]


def test_scan_with_the_parsed_tree_finds_what_tokenizing_finds() -> None:
    import ast

    for source in TRICKY:
        assert scan_ignore_comments(
            source, ast.parse(source, type_comments=True)
        ) == scan_ignore_comments(source), source
