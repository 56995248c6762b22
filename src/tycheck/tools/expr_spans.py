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
        return {
            str: "StrExpr",
            bytes: "BytesExpr",
            int: "IntExpr",
            float: "FloatExpr",
            complex: "ComplexExpr",
        }.get(type(value), "Expression")
    if isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.FormattedValue) for v in node.values
    ):
        return "CallExpr"  # mypy reads an f-string with fields as a str.join call
    if isinstance(node, ast.BoolOp):  # ChainOp too
        return "OpExpr"
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
        span = _span(node)
        if span is None:
            continue
        line, col, end_line, end_col = span
        yield Site(node, expr_kind(node), line, col, end_line, end_col)
        if isinstance(node, (ast.ListComp, ast.SetComp)):
            inner = ast.GeneratorExp(node.elt, node.generators)
            yield Site(
                inner,
                "GeneratorExpr",
                node.lineno,
                node.col_offset,
                end_line,
                end_col,
                synthetic=True,
            )


def _span(node: ast.expr) -> tuple[int, int, int, int] | None:
    """mypy's span of ``node``: Python's, except for a binary operation, which mypy spans
    from its left operand's start to its right operand's end, so that parentheses around
    an operand (``(x) * (y + 1)``) lie outside it."""
    if isinstance(node, ast.BinOp):
        left, right = _span(node.left), _span(node.right)
        if left is not None and right is not None:
            return left[0], left[1], right[2], right[3]
    end_line = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    if end_line is None or end_col is None:
        return None
    return node.lineno, node.col_offset, end_line, end_col


class ChainOp(ast.BoolOp):
    """The tail ``v[k] op ... op v[n-1]`` of a chain ``v[0] op v[1] op ... op v[n-1]``.

    mypy reads a chain of ``and``/``or`` as nested binary expressions, right-associated:
    ``a and b and c`` is ``a and (b and c)``, the inner one spanning from ``b`` to the end.
    The inner ones are expressions of their own for ``inspect``; Python's tree has one
    node, so each inner one is this synthetic node (never part of a checked tree), which
    remembers the chain it comes from.
    """

    chain: ast.BoolOp


def _chain_tail(chain: ast.BoolOp, k: int) -> ChainOp:
    tail = ChainOp(op=chain.op, values=chain.values[k:])
    tail.chain = chain
    ast.copy_location(tail, chain)
    tail.lineno, tail.col_offset = chain.values[k].lineno, chain.values[k].col_offset
    return tail


def _expressions(node: ast.AST, lines: tuple[int, int] | None) -> Iterator[ast.expr]:
    """Pre-order walk over what mypy treats as expressions."""
    for child in _children(node):
        if lines is not None and hasattr(child, "lineno"):
            end = getattr(child, "end_lineno", None) or child.lineno
            if end < lines[0] or _first_line(child) > lines[1]:
                continue
        if isinstance(child, ast.expr):
            yield child
            if isinstance(child, ast.Constant):
                continue
            if isinstance(child, ast.BoolOp) and len(child.values) > 2:
                yield from _chain(child, lines)
                continue
        yield from _expressions(child, lines)


def _chain(chain: ast.BoolOp, lines: tuple[int, int] | None) -> Iterator[ast.expr]:
    """The operands of a chain, each inner binary expression before its left operand
    (mypy's pre-order over ``v0 op (v1 op (v2 op v3))``)."""
    last = len(chain.values) - 1
    for k, value in enumerate(chain.values):
        if 0 < k < last:
            yield _chain_tail(chain, k)
        yield from _expressions(_Operand(value), lines)


class _Operand(ast.AST):
    """A holder whose only child is one operand, so the walk treats it as any child."""

    _fields = ("value",)

    def __init__(self, value: ast.expr) -> None:
        super().__init__()
        self.value = value


def _first_line(node: ast.AST) -> int:
    """Where a statement begins: a decorated definition at its first decorator."""
    decorators = getattr(node, "decorator_list", None)
    if decorators:
        return min(node.lineno, decorators[0].lineno)  # type: ignore[attr-defined, no-any-return]
    return node.lineno  # type: ignore[attr-defined, no-any-return]


def _children(node: ast.AST) -> Iterator[ast.AST]:
    """Children in evaluation-ish order, without annotations."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from (d for d in node.decorator_list if _last_name(d) not in REMOVED_DECORATORS)
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
        # No decorators: mypy's class starts at its ``class`` keyword, after them, and a
        # search never enters a class that starts after the position.
        # mypy turns Generic[...] and Protocol[...] bases into types: no expressions left.
        yield from (
            b
            for b in node.bases
            if not (isinstance(b, ast.Subscript) and _last_name(b.value) in ("Generic", "Protocol"))
        )
        for kw in node.keywords:
            yield kw.value
        yield from node.body
        return
    if isinstance(node, ast.JoinedStr):
        # Only the values of the fields are expressions (the text and format specs are not).
        yield from (v.value for v in node.values if isinstance(v, ast.FormattedValue))
        return
    if isinstance(node, ast.keyword):
        yield node.value
        return
    if isinstance(node, ast.arg):
        return
    yield from ast.iter_child_nodes(node)


# Decorators mypy's semantic analysis takes out of a definition: no expressions remain.
REMOVED_DECORATORS = frozenset(
    {
        "abstractmethod",
        "coroutine",
        "staticmethod",
        "classmethod",
        "override",
        "property",
        "abstractproperty",
        "cached_property",
        "DynamicClassAttribute",
    }
)


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _argument_defaults(args: ast.arguments) -> Iterator[ast.expr]:
    yield from args.defaults
    yield from (d for d in args.kw_defaults if d is not None)


def find_exact(
    tree: ast.AST, line: int, column: int, end_line: int, end_column: int
) -> Site | None:
    """The outermost expression whose span is exactly this (1-based, inclusive) span."""
    for site in iter_sites(tree, (line, end_line)):
        if (site.line, site.column + 1, site.end_line, site.end_column) == (
            line,
            column,
            end_line,
            end_column,
        ):
            return site
    return None


def find_enclosing(tree: ast.AST, line: int, column: int) -> list[Site]:
    """Every expression covering the 1-based position, innermost first."""
    found = [s for s in iter_sites(tree, (line, line)) if s.encloses(line, column - 1)]
    return list(reversed(found))
