"""Plain values exchanged between the service's queries and the tools (inspect, suggest)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tycheck.checker.api import Analysis, BodyChecker, Program, SourceModule
from tycheck.semantic.symbols import Symbol

from tycheck.types.model import (
    CallableType,
    Instance,
    LiteralType,
    ModuleType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
)


@dataclass(frozen=True)
class ModuleView:
    """A module of the checked program as the tools see it."""

    name: str
    path: str  # as messages print it (relative to the working directory when inside it)
    tree: ast.Module
    is_package: bool = False


@dataclass(frozen=True)
class Location:
    """Where a definition is, printed as ``path:line:column:name`` (column as mypy prints it)."""

    path: str
    line: int
    column: int
    name: str

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.column}:{self.name}"


@dataclass(frozen=True)
class FunctionView:
    """A function or method that ``suggest`` works on."""

    module: ModuleView
    node: ast.FunctionDef | ast.AsyncFunctionDef
    qualname: str  # Class.method or function, without the module
    class_fullname: str | None
    signature: CallableType  # as declared: Any where unannotated
    is_method: bool  # the first parameter is self/cls (not a staticmethod)
    is_classmethod: bool = False
    is_staticmethod: bool = False

    @property
    def fullname(self) -> str:
        return f"{self.module.name}.{self.qualname}"


@dataclass(frozen=True)
class Actual:
    """One argument at a call site: its kind (ARG_* of types.model), keyword name, type."""

    kind: int
    name: str | None
    type: Type


@dataclass(frozen=True)
class CallSite:
    """A call of the target function: where it is and the arguments mapped to each formal."""

    path: str
    line: int
    formals: tuple[tuple[Actual, ...], ...]  # per formal parameter (self excluded)


@dataclass
class Trial:
    """What checking the target with one guessed signature gave."""

    errors: int
    types: Mapping[ast.AST, Type] = field(default_factory=dict)


def map_actuals(
    actual_kinds: list[int],
    actual_names: list[str | None],
    formal_kinds: list[int],
    formal_names: list[str | None],
) -> list[list[int]]:
    """Which actual arguments (by index) each formal parameter receives.

    Positional actuals fill positional formals in order, then ``*args``; a keyword fills the
    formal of that name, else ``**kwargs``; ``*x`` feeds every positional formal left and
    ``**x`` every formal not yet filled that takes a keyword.
    """
    from tycheck.types.model import NAMED, NAMED_OPT, OPT, POS, STAR, STAR2

    out: list[list[int]] = [[] for _ in formal_kinds]
    positional = [i for i, k in enumerate(formal_kinds) if k in (POS, OPT)]
    star = next((i for i, k in enumerate(formal_kinds) if k == STAR), None)
    star2 = next((i for i, k in enumerate(formal_kinds) if k == STAR2), None)
    next_pos = 0
    for j, kind in enumerate(actual_kinds):
        if kind == POS:
            if next_pos < len(positional):
                out[positional[next_pos]].append(j)
                next_pos += 1
            elif star is not None:
                out[star].append(j)
        elif kind == STAR:
            for i in positional[next_pos:]:
                out[i].append(j)
            next_pos = len(positional)
            if star is not None:
                out[star].append(j)
        elif kind == NAMED:
            name = actual_names[j]
            target = next(
                (
                    i
                    for i, (k, n) in enumerate(zip(formal_kinds, formal_names))
                    if n == name and k in (POS, OPT, NAMED, NAMED_OPT)
                ),
                star2,
            )
            if target is not None:
                out[target].append(j)
        elif kind == STAR2:
            for i, k in enumerate(formal_kinds):
                if k in (POS, OPT, NAMED, NAMED_OPT) and not out[i]:
                    out[i].append(j)
            if star2 is not None:
                out[star2].append(j)
    return out


def instance_classes(t: Type, metaclass: Callable[[str], str]) -> list[str]:
    """The classes whose attributes an expression of type ``t`` has (mypy's fallbacks)."""
    if isinstance(t, Instance):
        return [t.fullname]
    if isinstance(t, TupleType):
        return [t.fallback.fullname]
    if isinstance(t, (TypedDictType, LiteralType)):
        return [t.fallback.fullname]
    if isinstance(t, CallableType):
        if t.is_type_obj and t.type_obj_name:
            return [metaclass(t.type_obj_name)]
        return ["builtins.function"]
    if isinstance(t, Overloaded):
        return ["builtins.function"]
    if isinstance(t, TypeType) and isinstance(t.item, Instance):
        return [metaclass(t.item.fullname)]
    if isinstance(t, TypeVarType):
        if t.values:
            return [c for v in t.values for c in instance_classes(v, metaclass)]
        return instance_classes(t.upper_bound, metaclass)
    if isinstance(t, UnionType):
        return [c for item in t.items for c in instance_classes(item, metaclass)]
    if isinstance(t, ModuleType):
        return ["types.ModuleType"]
    return []


# The definition a node is checked in: ("module", None, None) or ("func", def node, class).
Region = tuple[str, "ast.AST | None", "str | None"]


class ProgramAccess(Protocol):
    """What the helpers of ``service.queries`` (definitions, type fix-ups) use of it."""

    program: Program
    analysis: Analysis
    hidden: dict[ast.AST, Type]

    def view(self, mod: SourceModule) -> ModuleView: ...

    def class_mro(self, fullname: str) -> tuple[str, ...]: ...

    def metaclass(self, fullname: str) -> str: ...

    def symbol_module(self, sym: Symbol) -> SourceModule | None: ...

    def checker_for(self, mod: SourceModule, region: Region) -> BodyChecker: ...
