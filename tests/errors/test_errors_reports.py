"""-O json lines and --junit-xml documents, as mypy 2.4.1 writes them."""

from __future__ import annotations

from tycheck.errors.diagnostics import Diagnostic
from tycheck.errors.render import format_diagnostic_lines, local_context
from tycheck.errors.reports import format_json_lines, junit_messages, junit_xml

from errors_testkit import Opts
from test_errors_render import B_DIAGS

B_JSON = [
    '{"file": "b.py", "line": 1, "column": 0, "end_line": 5, "end_column": 16, "message": "Missing return statement", "hint": null, "code": "return", "severity": "error"}',
    '{"file": "b.py", "line": 11, "column": 4, "end_line": 13, "end_column": 12, "message": "Signature of \\"m\\" incompatible with supertype \\"A\\"", "hint": "     Superclass:\\n         def m(self) -> None\\n     Subclass:\\n         def m(self, x: int) -> None", "code": "override", "severity": "error"}',
    '{"file": "b.py", "line": 14, "column": 0, "end_line": 14, "end_column": 1, "message": "Cannot find implementation or library stub for module named \\"nonexist\\"", "hint": "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports", "code": "import-not-found", "severity": "error"}',
    '{"file": "b.py", "line": 16, "column": 16, "end_line": 16, "end_column": 17, "message": "Revealed type is \\"Literal[1]?\\"", "hint": null, "code": "misc", "severity": "note"}',
    '{"file": "b.py", "line": 17, "column": 11, "end_line": 17, "end_column": 14, "message": "Incompatible return value type (got \\"str\\", expected \\"int\\")", "hint": null, "code": "return-value", "severity": "error"}',
]


def test_json_matches_mypy() -> None:
    assert format_json_lines(B_DIAGS, options_view=Opts()) == B_JSON


def test_json_context_notes_stand_alone() -> None:
    diags = [
        Diagnostic("p.py", 2, 2, "error", "a", "arg-type", 2, 99),
        Diagnostic(
            "p.py", 5, 9, "error", "b", "return-value", 5, 12, context=local_context("C", "m")
        ),
    ]
    lines = format_json_lines(diags, options_view=Opts(show_error_context=True))
    assert lines[1] == (
        '{"file": "p.py", "line": -1, "column": -1, "end_line": -1, "end_column": -1, '
        '"message": "In member \\"m\\" of class \\"C\\":", "hint": null, "code": null, '
        '"severity": "note"}'
    )


B_TEXT = """\
b.py:1: error: Missing return statement  [return]
b.py:11: error: Signature of "m" incompatible with supertype "A"  [override]
b.py:11: note:      Superclass:
b.py:11: note:          def m(self) -&gt; None
b.py:11: note:      Subclass:
b.py:11: note:          def m(self, x: int) -&gt; None
b.py:14: error: Cannot find implementation or library stub for module named "nonexist"  [import-not-found]
b.py:14: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports
b.py:16: note: Revealed type is "Literal[1]?"
b.py:17: error: Incompatible return value type (got "str", expected "int")  [return-value]"""


def _b_lines() -> list[str]:
    return format_diagnostic_lines(B_DIAGS, options_view=Opts(), source_lines=lambda p: None)


def test_junit_global() -> None:
    lines = _b_lines()
    xml = junit_xml(1.5, False, junit_messages(lines, {"b.py": lines}), (3, 11), "linux")
    assert xml == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<testsuite errors="0" failures="1" name="mypy" skips="0" tests="1" time="1.500">\n'
        '  <testcase classname="mypy" file="mypy" line="1" name="mypy-py3_11-linux" time="1.500">\n'
        f'    <failure message="mypy produced messages">{B_TEXT}</failure>\n'
        "  </testcase>\n"
        "</testsuite>\n"
    )


def test_junit_per_file_and_pass() -> None:
    r_lines = ['r.py:1: note: Revealed type is "Literal[1]?"']
    by_file = {"r.py": r_lines, "b.py": _b_lines()}
    xml = junit_xml(0.25, False, junit_messages([], by_file, "per_file"), (3, 12), "linux")
    assert xml.splitlines()[1] == (
        '<testsuite errors="0" failures="2" name="mypy" skips="0" tests="2" time="0.250">'
    )
    assert xml.splitlines()[2] == (
        '  <testcase classname="mypy" file="r.py" line="1" name="mypy-py3_12-linux r.py" '
        'time="0.250">'
    )
    passing = junit_xml(0.0, False, {}, (3, 11), "linux")
    assert passing.splitlines()[1:3] == [
        '<testsuite errors="0" failures="0" name="mypy" skips="0" tests="1" time="0.000">',
        '  <testcase classname="mypy" file="mypy" line="1" name="mypy-py3_11-linux" time="0.000">',
    ]
    serious = junit_xml(0.0, True, {None: ["error: bad"]}, (3, 11), "linux")
    assert 'errors="1" failures="0"' in serious


def test_json_unused_ignore_has_no_position() -> None:
    from tycheck.errors.ignores import unused_ignore_errors

    diags = unused_ignore_errors("d.py", {1: None}, {})
    assert format_json_lines(diags, options_view=Opts()) == [
        '{"file": "d.py", "line": 1, "column": -1, "end_line": 1, "end_column": -1, '
        '"message": "Unused \\"type: ignore\\" comment", "hint": null, "code": "unused-ignore", '
        '"severity": "error"}'
    ]
