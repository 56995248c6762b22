"""Which names of a class body a statement of that body can read.

mypy lets code in a class body see a name the body defines only textually after its
definition, so that ``X = X`` or a method's default ``socket.AF_INET`` inside
``def socket(...)`` reads the outer name. Classes, and names imported from other modules,
are always visible.
"""

from __future__ import annotations

import ast

from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, Namespace, Symbol


def start_line(node: ast.AST) -> int:
    """The first line of a definition, its decorators included."""
    decorators = getattr(node, "decorator_list", None) or []
    return min([getattr(node, "lineno", 0)] + [d.lineno for d in decorators])


def visible_at(sym: Symbol, line: int, stmt: ast.AST | None = None) -> bool:
    """Whether the class-body symbol ``sym`` is visible at ``line`` of the body, inside the
    definition ``stmt`` when one is being analysed (a method's defaults)."""
    if sym.kind in (CLASS, IMPORTED, MODULE) or sym.node is None:
        return True
    if stmt is not None and (stmt is sym.node or any(d is stmt for d in sym.defs)):
        return False  # a definition (or one overload item) does not see itself
    return start_line(sym.node) < line


def method_defs(ns: Namespace) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every ``def`` of a class body in source order, those in statically reachable
    ``if``/``else``/``try`` blocks included (``if FREE_THREADED: def _incr(self): ...``)."""
    out = [
        d
        for sym in ns.names.values()
        if sym.kind == FUNC
        for d in sym.defs
        if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    return sorted(out, key=lambda d: (d.lineno, d.col_offset))


def holding_def(
    ns: Namespace | None, body: list[ast.stmt], name: str | None, line: int
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The def named ``name`` whose lines hold ``line`` (where an attribute is assigned): a
    property setter rather than its getter, a def inside an ``if`` of the class body too."""
    defs = method_defs(ns) if ns is not None else body
    for d in defs:
        if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)) and d.name == name:
            if d.lineno <= line <= (d.end_lineno or d.lineno):
                return d
    return None
