"""Expressions of a module as dmypy's ``inspect`` sees them: kinds, spans, and search.

Python's ``ast`` and mypy's tree differ in names and in a few shapes; ``inspect`` prints
mypy's names (``NameExpr``, ``MemberExpr``, ``CallExpr``...) and mypy's spans
(``line:column:end_line:end_column``, 1-based and inclusive). This module maps one onto the
other, leaving out what mypy does not treat as an expression: annotations, keyword names,
the pieces of f-strings.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

_KINDS: dict[type, str] = {
    ast.Name: "NameExpr",
    ast.Attribute: "MemberExpr",
    ast.Call: "CallExpr",
    ast.BinOp: "OpExpr",
    ast.BoolOp: "OpExpr",
    ast.Compare: "ComparisonExpr",
    ast.UnaryOp: "UnaryExpr",
    ast.Subscript: "IndexExpr",
    ast.Slice: "SliceExpr",
    ast.Starred: "StarExpr",
    ast.Lambda: "LambdaExpr",
    ast.IfExp: "ConditionalExpr",
    ast.NamedExpr: "AssignmentExpr",
    ast.Await: "AwaitExpr",
    ast.Yield: "YieldExpr",
    ast.YieldFrom: "YieldFromExpr",
    ast.Tuple: "TupleExpr",
    ast.List: "ListExpr",
    ast.Dict: "DictExpr",
    ast.Set: "SetExpr",
    ast.ListComp: "ListComprehension",
    ast.SetComp: "SetComprehension",
    ast.DictComp: "DictionaryComprehension",
    ast.GeneratorExp: "GeneratorExpr",
    ast.JoinedStr: "StrExpr",
}


def expr_kind(node: ast.expr) -> str:
    """mypy's class name for the expression ``node``."""
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or isinstance(value, bool):
            return "NameExpr"
        if value is Ellipsis:
            return "EllipsisExpr"
        return {str: "StrExpr", bytes: "BytesExpr", int: "IntExpr", float: "FloatExpr", complex: "ComplexExpr"}.get(type(value), "Expression")
    if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
        return "CallExpr"  # mypy reads an f-string with fields as a str.join call
    return _KINDS.get(type(node), "Expression")


@dataclass(frozen=True)
class Site:
    """One expression: its node, mypy kind and span (0-based start column, exclusive end)."""

    node: ast.expr
    kind: str
    line: int
    column: int
    end_line: int
    end_column: int
    # mypy's list/set comprehension holds a generator expression with the same span, whose
    # type it never records: a site of its own with a node no checker sees.
    synthetic: bool = False

    def span(self) -> str:
        """The span as dmypy prints it: ``line:column:end_line:end_column``, 1-based inclusive."""
        return f"{self.line}:{self.column + 1}:{self.end_line}:{self.end_column}"

    def encloses(self, line: int, column: int) -> bool:
        """Does the expression cover the 0-based ``column`` of ``line``?"""
        if (self.line, self.column) > (line, column):
            return False
        return (self.end_line, self.end_column) >= (line, column)


def iter_sites(tree: ast.AST, lines: tuple[int, int] | None = None) -> Iterator[Site]:
    """Every expression in source order, an enclosing one before the ones inside it.

    With ``lines`` (first, last), only what overlaps those lines: other statements and
    expressions are skipped whole, which keeps a lookup in a large module cheap.
    """
    for node in _expressions(tree, lines):
        end_line = getattr(node, "end_lineno", None)
        end_col = getattr(node, "end_col_offset", None)
        if end_line is None or end_col is None:
            continue
        yield Site(node, expr_kind(node), node.lineno, node.col_offset, end_line, end_col)
        if isinstance(node, (ast.ListComp, ast.SetComp)):
            inner = ast.GeneratorExp(node.elt, node.generators)
            yield Site(inner, "GeneratorExpr", node.lineno, node.col_offset, end_line, end_col, synthetic=True)


def _expressions(node: ast.AST, lines: tuple[int, int] | None) -> Iterator[ast.expr]:
    """Pre-order walk over what mypy treats as expressions."""
    for child in _children(node):
        if lines is not None and hasattr(child, "lineno"):
            end = getattr(child, "end_lineno", None) or child.lineno
            if end < lines[0] or child.lineno > lines[1]:
                continue
        if isinstance(child, ast.expr):
            yield child
            if isinstance(child, (ast.JoinedStr, ast.Constant)):
                continue  # the parts of an f-string are not expressions of their own
        yield from _expressions(child, lines)


def _children(node: ast.AST) -> Iterator[ast.AST]:
    """Children in evaluation-ish order, without annotations."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from node.decorator_list
        yield from _argument_defaults(node.args)
        yield from node.body
        return
    if isinstance(node, ast.Lambda):
        yield from _argument_defaults(node.args)
        yield node.body
        return
    if isinstance(node, ast.AnnAssign):
        yield node.target
        if node.value is not None:
            yield node.value
        return
    if isinstance(node, ast.ClassDef):
        yield from node.decorator_list
        yield from node.bases
        for kw in node.keywords:
            yield kw.value
        yield from node.body
        return
    if isinstance(node, ast.keyword):
        yield node.value
        return
    if isinstance(node, ast.arg):
        return
    yield from ast.iter_child_nodes(node)


def _argument_defaults(args: ast.arguments) -> Iterator[ast.expr]:
    yield from args.defaults
    yield from (d for d in args.kw_defaults if d is not None)


def find_exact(tree: ast.AST, line: int, column: int, end_line: int, end_column: int) -> Site | None:
    """The outermost expression whose span is exactly this (1-based, inclusive) span."""
    for site in iter_sites(tree, (line, end_line)):
        if (site.line, site.column + 1, site.end_line, site.end_column) == (line, column, end_line, end_column):
            return site
    return None


def find_enclosing(tree: ast.AST, line: int, column: int) -> list[Site]:
    """Every expression covering the 1-based position, innermost first."""
    found = [s for s in iter_sites(tree, (line, line)) if s.encloses(line, column - 1)]
    return list(reversed(found))
