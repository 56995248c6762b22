"""Jumps out of an ``except*`` handler: ``return``, and ``break``/``continue`` of a loop
outside it, which PEP 654 forbids (mypy: '"return" not allowed in except* block' [misc]).

A nested function, lambda or class starts afresh; a loop inside the handler makes its own
``break``/``continue`` legal again. Reported in every function, annotated or not, as mypy does.
"""

from __future__ import annotations

import ast

from tycheck.semantic.node_index import statements_of_type

Problem = tuple[int, int, str]


def except_star_jumps(tree: ast.Module) -> list[Problem]:
    out: list[Problem] = []
    for node in statements_of_type(
        tree, getattr(ast, "TryStar", None)
    ):  # the shared walk of the module
        for handler in node.handlers:  # type: ignore[attr-defined]
            for stmt in handler.body:
                _walk(stmt, in_loop=False, out=out)
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def _walk(node: ast.AST, in_loop: bool, out: list[Problem]) -> None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
        return
    if type(node).__name__ == "TryStar":
        return  # its own handlers are visited from the top (each reported once)
    if isinstance(node, ast.Return):
        out.append((node.lineno, node.col_offset, '"return" not allowed in except* block'))
    elif isinstance(node, (ast.Break, ast.Continue)) and not in_loop:
        word = "break" if isinstance(node, ast.Break) else "continue"
        out.append((node.lineno, node.col_offset, f'"{word}" not allowed in except* block'))
    if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
        for child in node.body:
            _walk(child, True, out)
        for child in node.orelse:
            _walk(child, in_loop, out)
        return
    for child in ast.iter_child_nodes(node):
        _walk(child, in_loop, out)
