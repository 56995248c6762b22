"""How precisely each line of a module is typed, for ``--lineprecision-report`` and ``--xml-report``.

Every line gets one of five kinds, the worst seen on it winning (in this order): empty (blank,
comment, docstring), unanalyzed (the checker never reached it), precise, imprecise (a type
with ``Any`` inside it, such as ``list[Any]``) and any. What is counted follows mypy's
reports: the type of each name, attribute, call, operator, comparison, subscript and walrus
expression; literals (precise in a checked function, Any in an unchecked one); the declared
signature on a ``def`` line; a declared variable type; whether an import found its module;
and, at a call, the formal parameter types that received an argument. Annotations are not
expressions here, and class bases are not counted.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tycheck.tools.analysis_api import ModuleView
from tycheck.service.query_data import map_actuals
from tycheck.types.model import (
    NAMED,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
)

# Line kinds, worst last (indexes of ``errors.precision_reports.KIND_NAMES``).
EMPTY, UNANALYZED, PRECISE, IMPRECISE, ANY = range(5)

# Expressions whose own type counts (the others only contribute their parts).
_COUNTED = (
    ast.Name,
    ast.Attribute,
    ast.Call,
    ast.BinOp,
    ast.BoolOp,
    ast.Compare,
    ast.Subscript,
    ast.NamedExpr,
    ast.UnaryOp,
)
_TYPE_FACTORIES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple"})


@dataclass
class ModuleFacts:
    """What the classification needs to know about one module of the checked program."""

    view: ModuleView
    types: Mapping[ast.AST, Type]
    has_module: Callable[[str], bool]
    signature_of: Callable[[ast.FunctionDef | ast.AsyncFunctionDef], CallableType | None]


@dataclass
class LinePrecision:
    """The kind of every line of one module that has something counted on it."""

    facts: ModuleFacts
    kinds: dict[int, int] = field(default_factory=dict)
    anys: dict[int, list[AnyType]] = field(default_factory=dict)
    _checked: list[bool] = field(default_factory=lambda: [True])

    def run(self) -> dict[int, int]:
        for stmt in self.facts.view.tree.body:
            self.stmt(stmt)
        return self.kinds

    # -- recording ---------------------------------------------------------------------

    def mark(self, line: int, kind: int) -> None:
        if kind > self.kinds.get(line, EMPTY):
            self.kinds[line] = kind

    def mark_type(self, line: int, t: Type | None) -> None:
        """A type seen on ``line``; no type means the checker never got there."""
        if t is None:
            self.mark(line, UNANALYZED)
            return
        found = any_parts(t)
        if found:
            self.anys.setdefault(line, []).extend(found)
        if isinstance(t, AnyType):
            # A special form used as a value (List, Optional[int]) is not imprecision.
            self.mark(line, PRECISE if t.reason == "special" else ANY)
        elif has_any(t, into_callables=False):
            self.mark(line, IMPRECISE)
        else:
            self.mark(line, PRECISE)

    def mark_plain(self, node: ast.expr | ast.stmt) -> None:
        """A literal or a pass/break/continue: precise where the checker checks, else Any."""
        if isinstance(node, ast.expr) and node not in self.facts.types:
            self.mark(node.lineno, UNANALYZED)
        else:
            self.mark(node.lineno, PRECISE if self._checked[-1] else ANY)

    # -- statements --------------------------------------------------------------------

    def stmt(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node)
        elif isinstance(node, ast.ClassDef):
            self.mark(node.lineno, PRECISE)
            for deco in node.decorator_list:
                self.expr(deco)
            for inner in node.body:
                self.stmt(inner)
        elif isinstance(node, ast.Import):
            found = all(self.facts.has_module(alias.name) for alias in node.names)
            self.mark(node.lineno, PRECISE if found else ANY)
        elif isinstance(node, ast.ImportFrom):
            target = self.absolute(node)
            self.mark(node.lineno, PRECISE if target and self.facts.has_module(target) else ANY)
        elif isinstance(node, ast.Expr) and _is_text(node.value):
            pass  # a docstring (or a bare string) is an empty line
        elif isinstance(node, (ast.Pass, ast.Break, ast.Continue)):
            self.mark_plain(node)
        elif isinstance(node, ast.Assign) and _defines_type_variable(node.value):
            pass  # T = TypeVar("T") declares a type, it is no assignment
        elif isinstance(node, ast.AnnAssign):
            self.annotated(node)
        else:
            self.children(node)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for deco in node.decorator_list:
            self.expr(deco)
        annotated = _is_annotated(node)
        if annotated:
            sig = self.facts.signature_of(node)
            for t in (*sig.arg_types, sig.ret_type) if sig is not None else ():
                self.mark_type(node.lineno, t)
        else:
            self.mark(node.lineno, ANY)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.expr(default)
        self._checked.append(annotated and self._checked[-1])
        try:
            for inner in node.body:
                self.stmt(inner)
        finally:
            self._checked.pop()

    def annotated(self, node: ast.AnnAssign) -> None:
        """``x: T = value``: the declared type counts, the target is not an expression."""
        declared = self.facts.types.get(node.target)
        if declared is not None:
            self.mark_type(node.lineno, declared)
        else:
            explicit_any = isinstance(node.annotation, (ast.Name, ast.Attribute)) and (
                ast.unparse(node.annotation).rsplit(".", 1)[-1] == "Any"
            )
            self.mark(node.lineno, ANY if explicit_any else PRECISE)
        if node.value is not None:
            self.expr(node.value)

    def absolute(self, node: ast.ImportFrom) -> str | None:
        """The module a ``from`` import names, relative levels resolved (None: above the top)."""
        if not node.level:
            return node.module
        view = self.facts.view
        parts = view.name.split(".")
        keep = len(parts) - node.level + (1 if view.is_package else 0)
        if keep < 0 or keep == 0 and not node.module:
            return None
        base = parts[:keep]
        return ".".join(base + ([node.module] if node.module else []))

    def children(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self.stmt(child)
            elif isinstance(child, ast.expr):
                self.expr(child)
            elif isinstance(child, ast.AST):
                self.children(child)

    # -- expressions -------------------------------------------------------------------

    def expr(self, node: ast.expr) -> None:
        if isinstance(node, ast.Constant):
            self.mark_plain(node)
            return
        if isinstance(node, ast.Lambda):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    self.expr(default)
            self.expr(node.body)
            return
        if isinstance(node, _COUNTED):
            self.mark_type(node.lineno, self.facts.types.get(node))
        self.children(node)
        if isinstance(node, ast.Call):
            self.call_formals(node)

    def call_formals(self, call: ast.Call) -> None:
        """The formal parameters a call passes arguments to: Any or imprecise ones mark it."""
        callee = self.facts.types.get(call.func)
        if not isinstance(callee, CallableType):
            return  # overloads and unknown callees are not looked into
        kinds = [STAR if isinstance(a, ast.Starred) else POS for a in call.args]
        names: list[str | None] = [None] * len(call.args)
        for kw in call.keywords:
            kinds.append(STAR2 if kw.arg is None else NAMED)
            names.append(kw.arg)
        mapping = map_actuals(kinds, names, list(callee.arg_kinds), list(callee.arg_names))
        for formal, actuals in zip(callee.arg_types, mapping):
            if not actuals:
                continue
            if isinstance(formal, AnyType):
                self.mark(call.lineno, ANY)
            elif has_any(formal, into_callables=True):
                self.mark(call.lineno, IMPRECISE)


def classify_lines(facts: ModuleFacts) -> LinePrecision:
    """The line kinds of one module (``.kinds``), with the Any types seen per line."""
    result = LinePrecision(facts)
    result.run()
    return result


def kind_counts(kinds: Mapping[int, int], lines: int) -> list[int]:
    """How many of the ``lines`` lines are of each kind (indexed by kind)."""
    counts = [0] * (ANY + 1)
    for line in range(1, lines + 1):
        counts[kinds.get(line, EMPTY)] += 1
    return counts


def has_any(t: Type, into_callables: bool) -> bool:
    """Does ``t`` hold an ``Any`` (optionally not looking into callable types, whose Any
    parameters rarely mean trouble where the callable is used)?"""
    if isinstance(t, AnyType):
        # Inside another type even a "special" Any stands for omitted generics (bare list).
        return True
    return any(has_any(part, into_callables) for part in _parts(t, into_callables))


def any_parts(t: Type) -> list[AnyType]:
    """Every ``Any`` inside ``t`` (callables included), for the XML report's line notes."""
    if isinstance(t, AnyType):
        return [t]
    found: list[AnyType] = []
    for part in _parts(t, True):
        found += any_parts(part)
    return found


def _parts(t: Type, into_callables: bool) -> tuple[Type, ...]:
    if isinstance(t, Instance):
        return t.args
    if isinstance(t, (UnionType, TupleType)):
        return t.items
    if isinstance(t, TypedDictType):
        return tuple(v for _, v in t.items)
    if isinstance(t, TypeType):
        return (t.item,)
    if isinstance(t, TypeVarType):
        return (t.upper_bound, *t.values)
    if isinstance(t, CallableType) and into_callables:
        return (*t.arg_types, t.ret_type)
    if isinstance(t, Overloaded) and into_callables:
        return t.items
    if isinstance(t, LiteralType):
        return ()
    return ()


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))


def _defines_type_variable(value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name in _TYPE_FACTORIES


def _is_annotated(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Does the function declare any type (then the checker checks its body)?"""
    if node.returns is not None or node.type_comment:
        return True
    a = node.args
    params = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
    return any(p is not None and p.annotation is not None for p in params)
