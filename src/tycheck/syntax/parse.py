"""Parsing a module's text into a tree, with its syntax error (if any) as a value.

Parsing never raises: a text that does not parse gives an empty module and the error's
position and message, which the checker reports as mypy does (a blocking ``[syntax]`` error).

Syntax newer than the target version but known to the running interpreter (PEP 695 type
parameters under ``--python-version 3.11`` on Python 3.12) is parsed anyway, as mypy's parser
does; the semantic checks then report each use (``semantic/syntax_versions.py``). Syntax the
running interpreter cannot parse at all gets an error naming the Python version it needs.
"""

from __future__ import annotations

import ast
import re
import sys

SyntaxProblem = tuple[int, int, str]  # (line, 0-based column, message)

# What CPython says when only ``feature_version`` stands in the way.
_VERSION_GATE = re.compile(r"only supported in Python 3\.\d+ and greater")

# Statements of Python 3.12 (PEP 695) an older parser cannot read, by the text of their line.
_NEWER = (
    (re.compile(r"\s*type\s+\w+\s*(\[.*)?=\s*\S"), '"type" statements', (3, 12)),
    (
        re.compile(r"\s*(async\s+def|def|class)\s+\w+\s*\["),
        "Improved type parameter syntax",
        (3, 12),
    ),
)


def parse_module(
    text: str, path: str, python_version: tuple[int, int]
) -> tuple[ast.Module, SyntaxProblem | None]:
    """The tree of ``text`` as Python ``python_version`` reads it, or an empty tree and the error."""
    feature = python_version if python_version >= (3, 7) else None
    try:
        tree = ast.parse(text, filename=path, type_comments=True, feature_version=feature)
        return (tree, None) if ":=" not in text else _walrus_in_class(tree)
    except SyntaxError as e:
        if _VERSION_GATE.search(e.msg or ""):
            try:
                return ast.parse(text, filename=path, type_comments=True), None
            except SyntaxError:
                pass
        line = e.lineno or 1
        return _empty(), (
            line,
            (e.offset or 1) - 1,
            _newer_syntax(text, line, python_version) or e.msg,
        )
    except (ValueError, RecursionError, MemoryError) as e:
        # Null bytes, or nesting too deep for the parser itself.
        return _empty(), (1, 0, str(e))


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _walrus_in_class(tree: ast.Module) -> tuple[ast.Module, SyntaxProblem | None]:
    """The compiler's error for ``:=`` in a comprehension of a class body (the parser accepts
    it; mypy reports it as a blocking syntax error)."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        stack: list[ast.AST] = list(cls.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(node, _COMPREHENSIONS):
                first_iter = node.generators[0].iter
                for sub in ast.walk(node):
                    if isinstance(sub, ast.NamedExpr) and not _within(sub, first_iter):
                        msg = "Assignment expression within a comprehension cannot be used in a class body"
                        return _empty(), (sub.lineno, sub.col_offset, msg)
            stack.extend(ast.iter_child_nodes(node))
    return tree, None


def _within(node: ast.AST, container: ast.AST) -> bool:
    return any(sub is node for sub in ast.walk(container))


def _empty() -> ast.Module:
    return ast.Module(body=[], type_ignores=[])


def _newer_syntax(text: str, line: int, target: tuple[int, int]) -> str | None:
    """mypy's message when line ``line`` holds syntax newer than the running interpreter."""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    runtime = sys.version_info[:2]
    for pattern, feature, needs in _NEWER:
        if runtime < needs and pattern.match(source):
            if tuple(target) < needs:
                return (
                    f"{feature}: requires Python {needs[0]}.{needs[1]} or newer "
                    f"(current target: Python {target[0]}.{target[1]})"
                )
            return (
                f"{feature}: requires Python {needs[0]}.{needs[1]} or newer to parse "
                f"(tycheck runs on Python {runtime[0]}.{runtime[1]})"
            )
    return None
