"""The lines of a module that are never analysed: statically dead branches and the tail of a
module after a top-level ``assert`` that always fails.

mypy never reports an unused ``# type: ignore`` on such a line (it did not look there), so the
ignore report needs them. They are computed on first use only: most files have no ignore that
would be reported unused, and a cached run has no tree at hand.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from tycheck.syntax.parse import parse_module
from tycheck.semantic.reach import FALSE, MYPY_FALSE, ReachOptions, branch_bodies, infer_condition


def _first_line(stmt: ast.stmt) -> int:
    """Where a statement starts as mypy numbers it: a decorated function at its first decorator."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.decorator_list:
        return stmt.decorator_list[0].lineno
    return stmt.lineno


def _block_lines(body: list[ast.stmt]) -> range:
    """The lines a block spans, from its first statement to the end of its last."""
    if not body:
        return range(0)
    end = body[-1].end_lineno or body[-1].lineno
    return range(_first_line(body[0]), end + 1)


def _child_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested directly in a statement (an ``if`` is handled by the caller)."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(stmt, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    for case in getattr(stmt, "cases", ()):
        yield case.body


def _cut_after(stmt: ast.stmt, opts: ReachOptions) -> bool:
    """Whether ``stmt`` is a top-level ``assert`` that always fails (nothing after it is analysed)."""
    return isinstance(stmt, ast.Assert) and infer_condition(stmt.test, opts) in (FALSE, MYPY_FALSE)


class _Collector:
    """Walks every block, as mypy's first semantic pass does, collecting the dead ones."""

    def __init__(self, opts: ReachOptions) -> None:
        self.opts = opts
        self.lines: set[int] = set()

    def module(self, body: list[ast.stmt]) -> None:
        for i, stmt in enumerate(body):
            self.statement(stmt)
            if _cut_after(stmt, self.opts):
                self.lines.update(_block_lines(body[i + 1 :]))
                return

    def block(self, body: list[ast.stmt], live: bool = True) -> None:
        if not live:
            self.lines.update(_block_lines(body))
            return
        for stmt in body:
            self.statement(stmt)

    def statement(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.If):
            body_live, else_live = branch_bodies(stmt, self.opts)
            self.block(stmt.body, body_live)
            self.block(stmt.orelse, else_live)
            return
        for block in _child_blocks(stmt):
            self.block(block)


def skipped_lines(tree: ast.Module, opts: ReachOptions) -> frozenset[int]:
    """Every line of ``tree`` inside a block mypy skips for these options."""
    collector = _Collector(opts)
    collector.module(tree.body)
    return frozenset(collector.lines)


class SkippedLines:
    """``skipped_lines`` of a module's text, parsed (when no tree is given) on the first question."""

    def __init__(self, text: str, tree: ast.Module | None, opts: ReachOptions) -> None:
        self._text = text
        self._tree = tree
        self._opts = opts
        self._lines: frozenset[int] | None = None

    def _get(self) -> frozenset[int]:
        if self._lines is None:
            tree = self._tree
            if tree is None or not tree.body or _cut_after(tree.body[-1], self._opts):
                # The program cuts a module's body after a failing assert, in place: the lines
                # it dropped are needed here, so the text is parsed again.
                # A text that does not parse gives an empty tree: nothing was analysed there.
                tree = parse_module(self._text, "<ignores>", self._opts.python_version)[0]
            self._lines = skipped_lines(tree, self._opts)
        return self._lines

    def __contains__(self, line: object) -> bool:
        return line in self._get()

    def __iter__(self) -> Iterator[int]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
