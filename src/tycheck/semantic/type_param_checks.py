"""The semantic analyzer's errors about PEP 695 type parameters (mypy reports them [misc]).

- a parameter named twice in one list, or again by a definition nested in one that declares
  it: '"T" already defined as a type parameter';
- ``nonlocal T`` reaching a type parameter, and assignments to it then:
  'nonlocal binding not allowed for type parameter "T"', '"T" is a type variable and only
  valid in type context';
- a one-element constraint tuple ``[T: (int,)]``;
- ``Generic[...]``/``Protocol[...]`` among the bases of a class with a parameter list.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from tycheck.semantic.node_index import own_nodes, statements_of_type

Problem = tuple[int, int, str]
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_PARAMETERISED = (*_DEFS, getattr(ast, "TypeAlias", None))  # the nodes with a parameter list


def type_param_problems(tree: ast.Module) -> list[Problem]:
    if not any(_params(n) for kind in _PARAMETERISED for n in statements_of_type(tree, kind)):
        return []  # every problem here needs a type parameter list somewhere in the module
    out: list[Problem] = []
    _Walker(out).visit_body(tree.body, [], [])
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def _params(node: ast.AST) -> list[ast.AST]:
    return list(getattr(node, "type_params", None) or ())


def _name(param: ast.AST) -> str:
    return str(getattr(param, "name", ""))


@dataclass
class _Frame:
    """A function body: its own type parameters and the names it binds."""

    params: set[str]
    bound: set[str] = field(default_factory=set)


class _Walker:
    def __init__(self, out: list[Problem]) -> None:
        self.out = out

    def report(self, node: ast.AST, text: str) -> None:
        self.out.append((getattr(node, "lineno", 1), getattr(node, "col_offset", 0), text))

    def visit_body(
        self, body: list[ast.stmt], declared: list[set[str]], frames: list[_Frame]
    ) -> None:
        for stmt in body:
            for node in _statements_and_defs(stmt):
                self.visit_def(node, declared, frames)

    def visit_def(self, node: ast.AST, declared: list[set[str]], frames: list[_Frame]) -> None:
        own = self.check_params(node, declared)
        if isinstance(node, ast.ClassDef):
            if own:
                self.check_bases(node)
            self.visit_body(node.body, declared + [own], frames)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            frame = _Frame(own, _bound_names(node))
            self.check_nonlocals(node, frame, frames)
            self.visit_body(node.body, declared + [own], frames + [frame])

    def check_params(self, node: ast.AST, declared: list[set[str]]) -> set[str]:
        own: set[str] = set()
        for param in _params(node):
            name = _name(param)
            if name in own or any(name in d for d in declared):
                self.report(node, f'"{name}" already defined as a type parameter')
            own.add(name)
            bound = getattr(param, "bound", None)
            if isinstance(bound, ast.Tuple) and len(bound.elts) == 1:
                self.report(node, "Type variable must have at least two constrained types")
        return own

    def check_bases(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            if not isinstance(base, ast.Subscript):
                continue
            head = base.value
            last = head.id if isinstance(head, ast.Name) else getattr(head, "attr", "")
            if last == "Generic":
                self.report(node, "Generic[...] base class is redundant")
            elif last == "Protocol":
                self.report(node, 'No arguments expected for "Protocol" base class')

    def check_nonlocals(self, node: ast.AST, frame: _Frame, outer: list[_Frame]) -> None:
        for stmt in _own_statements(node):
            if not isinstance(stmt, ast.Nonlocal):
                continue
            for name in stmt.names:
                if _reaches_type_param(name, frame, outer):
                    self.report(stmt, f'nonlocal binding not allowed for type parameter "{name}"')
                    for target in _assigned(node, name):
                        self.report(
                            target, f'"{name}" is a type variable and only valid in type context'
                        )


def _reaches_type_param(name: str, frame: _Frame, outer: list[_Frame]) -> bool:
    """Whether ``nonlocal name`` in ``frame`` binds a type parameter: the function's own,
    or an enclosing function's unless that function binds the name itself first."""
    if name in frame.params:
        return True
    for f in reversed(outer):
        if name in f.bound:
            return False
        if name in f.params:
            return True
    return False


def _statements_and_defs(stmt: ast.stmt) -> list[ast.AST]:
    """The definitions and ``type`` statements in ``stmt`` at this level (inside if/for/try
    blocks too)."""
    if isinstance(stmt, _DEFS) or type(stmt).__name__ == "TypeAlias":
        return [stmt]
    found: list[ast.AST] = []
    for child in ast.iter_child_nodes(stmt):
        if isinstance(child, ast.stmt):
            found.extend(_statements_and_defs(child))
        elif isinstance(child, (ast.excepthandler, ast.match_case)):
            for sub in child.body:
                found.extend(_statements_and_defs(sub))
    return found


def _own_statements(node: ast.AST) -> list[ast.AST]:
    """Every node of a function body, not entering nested definitions or lambdas."""
    return own_nodes(node)  # walked once, shared by both callers


def _bound_names(node: ast.AST) -> set[str]:
    """Names a function binds locally (parameters, assignments, definitions, imports)."""
    names: set[str] = set()
    args = getattr(node, "args", None)
    if isinstance(args, ast.arguments):
        for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if a is not None:
                names.add(a.arg)
    declared_elsewhere: set[str] = set()
    for n in _own_statements(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            names.add(n.id)
        elif isinstance(n, _DEFS):
            names.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, (ast.Nonlocal, ast.Global)):
            declared_elsewhere.update(n.names)
    return names - declared_elsewhere


def _assigned(node: ast.AST, name: str) -> list[ast.AST]:
    found = [
        n
        for n in _own_statements(node)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
    ]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))
