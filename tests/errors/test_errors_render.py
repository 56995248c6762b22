"""Text rendering, --pretty, context notes, summaries; expectations are mypy 2.4.1's output."""

from __future__ import annotations

from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.render import (
    display_path,
    exit_code,
    format_diagnostic_lines,
    format_summary,
    local_context,
    soft_wrap,
    summary_line,
    trim_source_line,
)

from errors_testkit import Opts

B_PY = """\
def g(
    x: int,
) -> int:
    if x:
        return 1

class A:
    def m(self) -> None:
        pass
class B(A):
    def m(self,
          x: int) -> None:
        pass
import nonexist
def h() -> int:
    reveal_type(1)
    return "a"
"""

G = local_context(None, "g")
BM = local_context("B", "m")
H = local_context(None, "h")
SIG = 'Signature of "m" incompatible with supertype "A"'
NOT_FOUND = 'Cannot find implementation or library stub for module named "nonexist"'
MISSING_IMPORTS = "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports"
RETVAL = 'Incompatible return value type (got "str", expected "int")'


def _b(
    line: int,
    col: int,
    end: tuple[int, int],
    sev: str,
    msg: str,
    code: str | None,
    ctx: tuple[str, str] | None,
) -> Diagnostic:
    return Diagnostic("b.py", line, col, sev, msg, code, end[0], end[1], context=ctx)  # type: ignore[arg-type]


B_DIAGS = [
    _b(1, 0, (5, 16), "error", "Missing return statement", "return", G),
    _b(11, 4, (13, 12), "error", SIG, "override", BM),
    _b(11, 4, (13, 12), "note", "     Superclass:", "override", BM),
    _b(11, 4, (13, 12), "note", "         def m(self) -> None", "override", BM),
    _b(11, 4, (13, 12), "note", "     Subclass:", "override", BM),
    _b(11, 4, (13, 12), "note", "         def m(self, x: int) -> None", "override", BM),
    _b(14, 0, (14, 1), "error", NOT_FOUND, "import-not-found", None),
    _b(14, 0, (14, 1), "note", MISSING_IMPORTS, "import-not-found", None),
    _b(16, 16, (16, 17), "note", 'Revealed type is "Literal[1]?"', None, H),
    _b(17, 11, (17, 14), "error", RETVAL, "return-value", H),
]


def _render(diags: list[Diagnostic], opts: Opts, width: int = 80) -> list[str]:
    sources = {"b.py": B_PY.splitlines(), "p.py": P_PY.splitlines()}
    return format_diagnostic_lines(
        diags, options_view=opts, source_lines=sources.get, terminal_width=width
    )


def test_plain_output() -> None:
    assert _render(B_DIAGS, Opts()) == [
        "b.py:1: error: Missing return statement  [return]",
        'b.py:11: error: Signature of "m" incompatible with supertype "A"  [override]',
        "b.py:11: note:      Superclass:",
        "b.py:11: note:          def m(self) -> None",
        "b.py:11: note:      Subclass:",
        "b.py:11: note:          def m(self, x: int) -> None",
        f"b.py:14: error: {NOT_FOUND}  [import-not-found]",
        f"b.py:14: note: {MISSING_IMPORTS}",
        'b.py:16: note: Revealed type is "Literal[1]?"',
        f"b.py:17: error: {RETVAL}  [return-value]",
    ]


def test_order_is_by_line_then_column_keeping_emission_order() -> None:
    shuffled = list(reversed(B_DIAGS[6:])) + B_DIAGS[:6]
    # Same line and column keep their relative (emission) order: import note after error
    # only if emitted after it, so restore that pair's order.
    shuffled = [d for d in shuffled if d.line != 14] + B_DIAGS[6:8]
    assert _render(shuffled, Opts()) == _render(B_DIAGS, Opts())


def test_pretty_context_end_at_width_80() -> None:
    opts = Opts(show_error_end=True, show_column_numbers=True, show_error_context=True, pretty=True)
    expected = """\
b.py: note: In function "g":
b.py:1:1:5:16: error: Missing return statement  [return]
    def g(
    ^~~~~~
b.py: note: In member "m" of class "B":
b.py:11:5:13:12: error: Signature of "m" incompatible with supertype "A" 
[override]
        def m(self,
        ^~~~~~~~~~~
b.py:11:5:13:12: note:      Superclass:
b.py:11:5:13:12: note:          def m(self) -> None
b.py:11:5:13:12: note:      Subclass:
b.py:11:5:13:12: note:          def m(self, x: int) -> None
b.py: note: At top level:
b.py:14:1:14:1: error: Cannot find implementation or library stub for module
named "nonexist"  [import-not-found]
    import nonexist
    ^
b.py:14:1:14:1: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports
b.py: note: In function "h":
b.py:16:17:16:17: note: Revealed type is "Literal[1]?"
b.py:17:12:17:14: error: Incompatible return value type (got "str", expected
"int")  [return-value]
        return "a"
               ^~~"""
    assert "\n".join(_render(B_DIAGS, opts)) == expected


def test_pretty_context_at_width_60() -> None:
    opts = Opts(show_column_numbers=True, show_error_context=True, pretty=True)
    lines = "\n".join(_render(B_DIAGS, opts, width=60)).splitlines()
    assert lines[5:7] == [
        'b.py:11:5: error: Signature of "m" incompatible with',
        'supertype "A"  [override]',
    ]
    assert lines[-4:] == [
        "b.py:17:12: error: Incompatible return value type (got",
        '"str", expected "int")  [return-value]',
        '        return "a"',
        "               ^~~",
    ]


P_PY = (
    "def f(x: int) -> None: ...\n"
    'f("a very long string literal that goes on and on and on and on and on and on and on'
    ' and on and on")\n'
    "class C:\n"
    "\tdef m(self) -> int:\n"
    '\t\treturn "x"\n'
)


def test_pretty_trims_long_lines_and_expands_tabs() -> None:
    diags = [
        Diagnostic(
            "p.py",
            2,
            2,
            "error",
            'Argument 1 to "f" has incompatible type "str"; expected "int"',
            "arg-type",
            2,
            99,
        ),
        Diagnostic(
            "p.py",
            5,
            9,
            "error",
            RETVAL.replace('"a"', '"x"'),
            "return-value",
            5,
            12,
            context=local_context("C", "m"),
        ),
    ]
    opts = Opts(show_error_end=True, show_column_numbers=True, show_error_context=True, pretty=True)
    assert (
        "\n".join(_render(diags, opts, width=60))
        == """\
p.py:2:3:2:99: error: Argument 1 to "f" has incompatible
type "str"; expected "int"  [arg-type]
    f("a very long string literal that goes on and on ...
      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~...
p.py: note: In member "m" of class "C":
p.py:5:10:5:12: error: Incompatible return value type (got
"str", expected "int")  [return-value]
                    return "x"
                           ^~~"""
    )


def test_hide_error_codes_and_note_codes() -> None:
    diags = [
        Diagnostic("a.py", 1, 0, "error", "bad", "misc"),
        Diagnostic("a.py", 2, 0, "error", "uncoded", None),
        Diagnostic("a.py", 3, 0, "note", "By default the bodies ...", "annotation-unchecked"),
    ]
    assert _render(diags, Opts()) == [
        "a.py:1: error: bad  [misc]",
        "a.py:2: error: uncoded  [misc]",
        "a.py:3: note: By default the bodies ...  [annotation-unchecked]",
    ]
    assert _render(diags, Opts(hide_error_codes=True))[0] == "a.py:1: error: bad"


def test_duplicates_removed_per_line() -> None:
    d = Diagnostic("a.py", 1, 0, "error", "dup", "misc")
    moved = Diagnostic("a.py", 1, 5, "error", "dup", "misc")
    assert _render([d, d, moved], Opts()) == ["a.py:1: error: dup  [misc]"]


def test_unknown_column_and_paths() -> None:
    d = Diagnostic("./pkg/../a.py", 4, -1, "error", "Unused", "unused-ignore")
    assert _render([d], Opts(show_column_numbers=True)) == [
        "a.py:4: error: Unused  [unused-ignore]"
    ]
    assert display_path("/w/p/a.py", Opts(), base_dir="/w") == "p/a.py"
    assert display_path("a.py", Opts(show_absolute_path=True), base_dir="/w") == "/w/a.py"


def test_summaries() -> None:
    assert format_summary(1, 1, 1) == "Found 1 error in 1 file (checked 1 source file)"
    assert format_summary(3, 2, 5) == "Found 3 errors in 2 files (checked 5 source files)"
    assert format_summary(0, 0, 2) == "Success: no issues found in 2 source files"
    assert (
        format_summary(1, 1, 3, blockers=True)
        == "Found 1 error in 1 file (errors prevented further checking)"
    )
    notes_only = ['r.py:1: note: Revealed type is "Literal[1]?"']
    assert summary_line(notes_only, 1) == "Success: no issues found in 1 source file"
    assert exit_code(notes_only) == 0
    assert summary_line([], 1, hide_success=True) is None
    errors = ["a.py:1: error: x  [misc]", "b.py:2: error: y  [misc]", "b.py:2: note: n"]
    assert summary_line(errors, 4) == "Found 2 errors in 2 files (checked 4 source files)"
    assert exit_code(errors) == 1 and exit_code(errors, blockers=True) == 2


def test_wrapping_helpers() -> None:
    assert soft_wrap('aa "b c d" ee', 8, 0) == 'aa\n"b c d"\nee'
    # Near the end: only the start is cut (the window never shrinks below 2 * 20 + 1).
    assert trim_source_line("x" * 100, 30, 80, 20) == ("..." + "x" * 41, 56)
    # In the middle: both ends are cut around the column.
    line = "".join(chr(97 + i % 26) for i in range(100))
    assert trim_source_line(line, 50, 60, 20) == ("..." + line[31:81] + "...", 28)
    assert trim_source_line("short", 50, 2, 20) == ("short", 0)
