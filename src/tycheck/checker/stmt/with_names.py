"""Names that each ``with ... as name`` of a function binds afresh.

mypy lets a function bind one name in several ``with`` statements with different types
(``with open(p, "rb") as f: ...`` then ``with open(p, "w") as f: ...``): each such binding is
a separate variable, provided the name is used only inside those statements. Any other use
of the name in the function (a parameter, a plain assignment, a read outside the ``with``
bodies, an import), or any nested ``def``/``class`` in the function, keeps the one variable.

``fresh_with_targets`` finds the target nodes that start such a new variable; the checker
forgets the name's declared type there instead of checking the value against it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class _Scan:
    """The walk over one function body."""

    bound: list[str] = field(default_factory=list)  # names bound by the enclosing withs
    targets: dict[str, list[ast.Name]] = field(default_factory=dict)  # first binding nodes
    skipped: set[str] = field(default_factory=set)
    nested_scope: bool = False

    def stmt(self, s: ast.stmt) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.nested_scope = True
            return
        if isinstance(s, (ast.With, ast.AsyncWith)):
            self.with_stmt(s)
            return
        if isinstance(s, (ast.Import, ast.ImportFrom)):
            self.skipped.update((a.asname or a.name).split(".")[0] for a in s.names)
            return
        if isinstance(s, (ast.Global, ast.Nonlocal)):
            self.skipped.update(s.names)
            return
        for child in ast.iter_child_nodes(s):
            self.node(child)

    def node(self, n: ast.AST) -> None:
        if isinstance(n, ast.stmt):
            self.stmt(n)
        elif isinstance(n, ast.Name):
            if n.id not in self.bound:
                self.skipped.add(n.id)
        elif isinstance(n, ast.ExceptHandler):
            if n.name:
                self.skipped.add(n.name)
            for child in ast.iter_child_nodes(n):
                self.node(child)
        else:
            for child in ast.iter_child_nodes(n):
                self.node(child)

    def with_stmt(self, s: ast.With | ast.AsyncWith) -> None:
        for item in s.items:
            self.node(item.context_expr)
        depth = len(self.bound)
        for item in s.items:
            if item.optional_vars is not None:
                self.target(item.optional_vars)
        for b in s.body:
            self.stmt(b)
        del self.bound[depth:]

    def target(self, t: ast.expr) -> None:
        if isinstance(t, ast.Name):
            if t.id not in self.bound:
                self.targets.setdefault(t.id, []).append(t)
                self.bound.append(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for el in t.elts:
                self.target(el)
        elif isinstance(t, ast.Starred):
            self.target(t.value)
        else:
            self.node(t)


def fresh_with_targets(func: FuncNode) -> frozenset[int]:
    """The ids of the ``ast.Name`` targets of ``with`` statements that bind a new variable."""
    scan = _Scan()
    a = func.args
    for p in a.posonlyargs + a.args + a.kwonlyargs + [x for x in (a.vararg, a.kwarg) if x]:
        scan.skipped.add(p.arg)
    for s in func.body:
        scan.stmt(s)
    if scan.nested_scope:
        return frozenset()
    return frozenset(
        id(node)
        for name, nodes in scan.targets.items()
        if len(nodes) > 1 and name not in scan.skipped
        for node in nodes
    )


_last: list[tuple[FuncNode, frozenset[int]]] = []


def starts_new_variable(func: FuncNode | None, target: ast.Name) -> bool:
    """Whether ``target`` (a ``with`` target in ``func``) binds a new variable of its name.

    The answer for the last function asked is kept: its ``with`` statements come in a row.
    """
    if func is None:
        return False
    if not _last or _last[0][0] is not func:
        _last[:] = [(func, fresh_with_targets(func))]
    return id(target) in _last[0][1]
