"""Location parsing and mypy's view of expressions (kinds, spans, search), on ``ast`` only."""

from __future__ import annotations

import ast

import pytest

from tycheck.tools.expr_spans import expr_kind, find_enclosing, find_exact, iter_sites
from tycheck.tools.locations import (
    FunctionAtLine,
    FunctionByName,
    InspectLocation,
    LocationError,
    check_span_order,
    parse_inspect_location,
    parse_suggest_target,
)


def test_inspect_locations() -> None:
    assert parse_inspect_location("a/b.py:3:4") == InspectLocation("a/b.py", 3, 4)
    assert parse_inspect_location("a.py:1:2:3:4") == InspectLocation("a.py", 1, 2, (3, 4))
    # A path may hold a colon of its own (a Windows drive).
    assert parse_inspect_location("C:/x.py:1:2:3:4") == InspectLocation("C:/x.py", 1, 2, (3, 4))
    for bad, message in [
        ("a.py:1", "Format should be file:line:column[:end_line:end_column]"),
        ("a.py:1:x", "invalid literal for int() with base 10: 'x'"),
        ("a:b:c:1:2:3:4", "Format should be file:line:column[:end_line:end_column]"),
    ]:
        with pytest.raises(LocationError) as err:
            parse_inspect_location(bad)
        assert str(err.value) == message
    # Three numbers read as a file "a.py:1" with two numbers.
    assert parse_inspect_location("a.py:1:2:3") == InspectLocation("a.py:1", 2, 3)


def test_span_order() -> None:
    check_span_order(InspectLocation("a.py", 1, 1, (1, 1)))  # one character is a span
    with pytest.raises(LocationError, match='"end_line" must not be before "line"'):
        check_span_order(InspectLocation("a.py", 3, 1, (1, 1)))
    with pytest.raises(LocationError, match='"end_column" must be after "column"'):
        check_span_order(InspectLocation("a.py", 3, 3, (3, 1)))


def test_suggest_targets() -> None:
    assert parse_suggest_target("pkg.mod.C.f") == FunctionByName("pkg.mod.C.f")
    assert parse_suggest_target("tmp/foo.py:12") == FunctionAtLine("tmp/foo.py", 12)
    for bad, message in [
        (
            "tmp/foo.py:7:8:9",
            "Malformed location for function: tmp/foo.py:7:8:9. Must be either package.module.Class.method or path/to/file.py:line",
        ),
        ("tmp/foo.py:bad", "Line number must be a number. Got bad"),
        ("tmp/foo.txt:1", "Source file is not a Python file"),
    ]:
        with pytest.raises(LocationError) as err:
            parse_suggest_target(bad)
        assert str(err.value) == message


def kinds(src: str) -> list[tuple[str, str]]:
    return [(s.kind, s.span()) for s in iter_sites(ast.parse(src))]


def test_kinds_follow_mypy_names() -> None:
    cases = {
        "x": "NameExpr",
        "None": "NameExpr",
        "True": "NameExpr",
        "1": "IntExpr",
        "1.5": "FloatExpr",
        "1j": "ComplexExpr",
        "'s'": "StrExpr",
        "b'b'": "BytesExpr",
        "...": "EllipsisExpr",
        "a.b": "MemberExpr",
        "f()": "CallExpr",
        "a + b": "OpExpr",
        "a and b": "OpExpr",
        "a < b": "ComparisonExpr",
        "-a": "UnaryExpr",
        "a[0]": "IndexExpr",
        "lambda: 0": "LambdaExpr",
        "a if b else c": "ConditionalExpr",
        "(a := 1)": "AssignmentExpr",
        "(a, b)": "TupleExpr",
        "[a]": "ListExpr",
        "{a: b}": "DictExpr",
        "{a}": "SetExpr",
        "[a for a in b]": "ListComprehension",
        "{a: a for a in b}": "DictionaryComprehension",
        "(a for a in b)": "GeneratorExpr",
        "f'{a}'": "CallExpr",
        "f'x'": "StrExpr",
    }
    for src, kind in cases.items():
        assert expr_kind(ast.parse(src, mode="eval").body) == kind, src


def test_annotations_and_keyword_names_are_not_expressions() -> None:
    src = "def f(x: int = 1) -> str:\n    y: list[int] = [x]\n    return g(k=y)\n"
    assert kinds(src) == [
        ("IntExpr", "1:16:1:16"),
        ("NameExpr", "2:5:2:5"),
        ("ListExpr", "2:20:2:22"),
        ("NameExpr", "2:21:2:21"),
        ("CallExpr", "3:12:3:17"),
        ("NameExpr", "3:12:3:12"),
        ("NameExpr", "3:16:3:16"),
    ]


def test_comprehension_hides_a_generator_with_the_same_span() -> None:
    sites = list(iter_sites(ast.parse("[a for a in b]")))
    assert [(s.kind, s.synthetic) for s in sites[:2]] == [
        ("ListComprehension", False),
        ("GeneratorExpr", True),
    ]


def test_search_by_position_and_span() -> None:
    tree = ast.parse("foo(a and b)\n")
    assert [(s.kind, s.span()) for s in find_enclosing(tree, 1, 5)] == [
        ("NameExpr", "1:5:1:5"),
        ("OpExpr", "1:5:1:11"),
        ("CallExpr", "1:1:1:12"),
    ]
    # One column past the end still counts, as in dmypy.
    assert [s.kind for s in find_enclosing(tree, 1, 4)] == ["NameExpr", "CallExpr"]
    found = find_exact(tree, 1, 5, 1, 11)
    assert found is not None and found.kind == "OpExpr"
    assert find_exact(tree, 1, 5, 1, 10) is None


def test_binary_operation_spans_from_operand_to_operand() -> None:
    # dmypy: `x * (1 - y)` ends at `y`, `(x) * y` starts at `x`; parentheses around an
    # operand lie outside the operation (a `not`, a comparison or an `and` keeps them).
    tree = ast.parse("r = x * (1 - y)\nq = (x) * y\nc = x < (y)\nb = x and (y)\n")
    assert [s.span() for s in find_enclosing(tree, 1, 5)] == ["1:5:1:5", "1:5:1:14"]
    assert [s.span() for s in find_enclosing(tree, 2, 6)] == ["2:6:2:6", "2:6:2:11"]
    assert [s.span() for s in find_enclosing(tree, 3, 5)] == ["3:5:3:5", "3:5:3:11"]
    assert [s.span() for s in find_enclosing(tree, 4, 5)] == ["4:5:4:5", "4:5:4:13"]
    assert find_exact(tree, 1, 5, 1, 15) is None
    found = find_exact(tree, 1, 10, 1, 14)
    assert found is not None and found.kind == "OpExpr"
