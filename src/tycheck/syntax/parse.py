"""Parsing a module's text into a tree, with its syntax error (if any) as a value.

Parsing never raises: a text that does not parse gives an empty module and the error's
position and message, which the checker reports as mypy does (a blocking ``[syntax]`` error).
"""

from __future__ import annotations

import ast

SyntaxProblem = tuple[int, int, str]  # (line, 0-based column, message)


def parse_module(
    text: str, path: str, python_version: tuple[int, int]
) -> tuple[ast.Module, SyntaxProblem | None]:
    """The tree of ``text`` as Python ``python_version`` reads it, or an empty tree and the error."""
    try:
        feature = python_version if python_version >= (3, 7) else None
        return ast.parse(text, filename=path, type_comments=True, feature_version=feature), None
    except SyntaxError as e:
        return ast.Module(body=[], type_ignores=[]), (e.lineno or 1, (e.offset or 1) - 1, e.msg)
    except (ValueError, RecursionError, MemoryError) as e:
        # Null bytes, or nesting too deep for the parser itself.
        return ast.Module(body=[], type_ignores=[]), (1, 0, str(e))
