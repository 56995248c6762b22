"""Where a name or attribute is defined, for ``inspect --show definition``.

A name is looked up as Python scopes it: the parameters and local bindings of the
enclosing functions, a class body it appears in directly, the module, then builtins; an
attribute through the type of its base (a module, a class object, or the classes of an
instance type, in MRO order). Positions are printed as mypy prints its definitions:
``path:line:column:name``; a decorated function named directly is at its first decorator,
reached as a member it is at its ``def`` line with column 0.
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Mapping

from tycheck.checker.api import SourceModule
from tycheck.service.query_data import Location, ProgramAccess, instance_classes
from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, Symbol
from tycheck.types.model import CallableType, ModuleType, Type, TypeType, Instance


FuncNode = ast.FunctionDef | ast.AsyncFunctionDef
_PARENTS: "weakref.WeakKeyDictionary[ast.Module, dict[ast.AST, ast.AST]]" = (
    weakref.WeakKeyDictionary()
)


class DefinitionFinder:
    """Definition lookups over one analyzer's program."""

    def __init__(self, analyzer: ProgramAccess) -> None:
        self.a = analyzer

    def find(
        self, mod: SourceModule, node: ast.expr, types: Mapping[ast.AST, Type]
    ) -> list[Location]:
        if isinstance(node, ast.Name):
            found = self.name_definition(mod, node)
            return [found] if found is not None else []
        if isinstance(node, ast.Attribute):
            return self.member_definitions(node, types.get(node.value))
        return []

    # -- names ------------------------------------------------------------------------

    def parents(self, mod: SourceModule) -> dict[ast.AST, ast.AST]:
        """Each node's parent; kept with the tree (a new text is a new tree)."""
        table = _PARENTS.get(mod.tree)
        if table is None:
            table = {}
            for parent in ast.walk(mod.tree):
                for child in ast.iter_child_nodes(parent):
                    table[child] = parent
            _PARENTS[mod.tree] = table
        return table

    def name_definition(self, mod: SourceModule, node: ast.Name) -> Location | None:
        parents = self.parents(mod)
        scope = parents.get(node)
        first = True
        while scope is not None:
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if _declares_global(scope, node.id):
                    break
                local = _local_binding(scope, node.id)
                if local is not None:
                    return Location(self.path(mod), local[0], local[1], node.id)
            elif isinstance(scope, ast.ClassDef) and first:
                full = self.a.program.local_class_fullname(mod, scope)
                ns = self.a.program.class_namespace(full)
                sym = ns.get(node.id) if ns is not None else None
                if sym is not None:
                    return self.symbol_location(self.a.program.resolve(sym), member=False)
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                first = False
            scope = parents.get(scope)
        p = self.a.program
        sym = p.module_symbol(mod.name, node.id) or p.module_symbol("builtins", node.id)
        return self.symbol_location(p.resolve(sym), member=False)

    def path(self, mod: SourceModule) -> str:
        return self.a.view(mod).path

    # -- members ---------------------------------------------------------------------

    def member_definitions(self, node: ast.Attribute, base: Type | None) -> list[Location]:
        if base is None:
            return []
        p = self.a.program
        if isinstance(base, ModuleType):
            sym = p.resolve(p.module_symbol(base.name, node.attr))
            if sym is None and p.module(f"{base.name}.{node.attr}") is not None:
                sym = Symbol(
                    node.attr, MODULE, f"{base.name}.{node.attr}", target=f"{base.name}.{node.attr}"
                )
            found = self.symbol_location(sym, member=True)
            return [found] if found is not None else []
        out: list[Location] = []
        for cls in instance_classes(base, self.a.metaclass):
            self._add(out, self.class_member(cls, node.attr))
        if not out:
            owner = _class_object(base)
            if owner is not None:
                self._add(out, self.class_member(owner, node.attr))
        return out

    @staticmethod
    def _add(out: list[Location], found: Location | None) -> None:
        if found is not None and found not in out:
            out.append(found)

    def class_member(self, cls: str, name: str) -> Location | None:
        p = self.a.program
        for base in self.a.class_mro(cls):
            ns = p.class_namespace(base)
            sym = ns.get(name) if ns is not None else None
            if sym is None:
                sym = self.a.analysis.members.instance_attrs(base).get(name)
            if sym is not None:
                return self.symbol_location(p.resolve(sym) or sym, member=True)
        return None

    # -- symbols -> locations -------------------------------------------------------------

    def symbol_location(self, sym: Symbol | None, member: bool) -> Location | None:
        if sym is None or sym.kind == IMPORTED:
            return None
        if sym.kind == MODULE:
            target = self.a.program.module(sym.target or sym.fullname)
            if target is None:
                return None
            return Location(
                self.path(target), 1, 1, (sym.target or sym.fullname).rsplit(".", 1)[-1]
            )
        mod = self.a.symbol_module(sym)
        if mod is None or sym.node is None:
            return None
        pos = _position(sym, member)
        if pos is None:
            return None
        return Location(self.path(mod), pos[0], pos[1], sym.name)


def _class_object(t: Type) -> str | None:
    if isinstance(t, CallableType) and t.is_type_obj and t.type_obj_name:
        return t.type_obj_name
    if isinstance(t, TypeType) and isinstance(t.item, Instance):
        return t.item.fullname
    return None


def _position(sym: Symbol, member: bool) -> tuple[int, int] | None:
    """(line, column as printed) of a symbol's defining node."""
    node = sym.node
    if sym.kind == FUNC:
        candidates: list[ast.AST | None] = list(sym.defs) or [node]
        defs = [d for d in candidates if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))]
        if not defs:
            return None
        first = defs[0]
        overloaded = len(defs) > 1
        if first.decorator_list and (overloaded or not member):
            deco = first.decorator_list[0]
            return deco.lineno, deco.col_offset + 1
        if first.decorator_list:
            return first.lineno, 0
        return first.lineno, first.col_offset + 1
    if sym.kind == CLASS and isinstance(node, ast.ClassDef):
        return node.lineno, node.col_offset + 1
    if node is None:
        return None
    for target in _binding_targets(node):
        if isinstance(target, ast.Name) and target.id == sym.name:
            return target.lineno, target.col_offset + 1
        if isinstance(target, ast.Attribute) and target.attr == sym.name:
            return target.lineno, target.col_offset + 1
    return getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1


def _binding_targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        roots: list[ast.expr] = list(node.targets)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        roots = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        roots = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        roots = [i.optional_vars for i in node.items if i.optional_vars is not None]
    else:
        return []
    out: list[ast.expr] = []
    for root in roots:
        out += [n for n in ast.walk(root) if isinstance(n, (ast.Name, ast.Attribute))]
    return out


def _declares_global(func: ast.AST, name: str) -> bool:
    return any(
        isinstance(s, (ast.Global, ast.Nonlocal)) and name in s.names for s in _own_nodes(func)
    )


def _own_nodes(func: ast.AST) -> list[ast.AST]:
    """The nodes of a function's own scope (not inside nested functions or classes)."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop(0)
        out.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def _local_binding(
    func: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, name: str
) -> tuple[int, int] | None:
    """Where ``name`` is first bound in the function: a parameter or an assignment."""
    a = func.args
    for p in (
        list(a.posonlyargs)
        + list(a.args)
        + ([a.vararg] if a.vararg else [])
        + list(a.kwonlyargs)
        + ([a.kwarg] if a.kwarg else [])
    ):
        if p.arg == name:
            return p.lineno, p.col_offset + 1
    best: tuple[int, int] | None = None
    for node in _own_nodes(func):
        pos: tuple[int, int] | None = None
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            pos = (node.lineno, node.col_offset + 1)
        elif (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.name == name
        ):
            pos = (node.lineno, node.col_offset + 1)
        if pos is not None and (best is None or pos < best):
            best = pos
    return best
