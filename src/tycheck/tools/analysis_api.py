"""The one interface between the tools (``inspect``, ``suggest``) and the type checker.

The tools read syntax trees and symbol tables themselves; everything that needs the checker's
inference goes through ``Analyzer``, which the service layer implements over a live session
(``tycheck.service.queries``). Types are computed on demand for the definitions a request
touches; a trial signature is checked on scratch state that is thrown away afterwards, so a
tool never changes what the next check prints.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from typing import Protocol

from tycheck.service.query_data import CallSite, FunctionView, Location, ModuleView, Trial
from tycheck.types.model import CallableType, Type

__all__ = ["Analyzer", "CallSite", "FunctionView", "Location", "ModuleView", "Trial"]


class Analyzer(Protocol):
    """What the tools need from the checker (implemented by ``service.queries``)."""

    # -- modules and symbols -------------------------------------------------------
    def module_by_path(self, path: str) -> ModuleView | None: ...

    def module(self, name: str) -> ModuleView | None: ...

    def is_module(self, name: str) -> bool: ...

    def module_names(self, name: str) -> list[str]: ...

    def class_mro(self, fullname: str) -> tuple[str, ...]: ...

    def class_names(self, fullname: str) -> list[str]: ...

    def metaclass(self, fullname: str) -> str: ...

    def generated_defaults(self, fullname: str) -> int: ...

    # -- types on demand -----------------------------------------------------------
    def expression_types(
        self, module: ModuleView, nodes: Sequence[ast.AST]
    ) -> dict[ast.AST, Type]: ...

    def definitions(
        self, module: ModuleView, node: ast.expr, types: Mapping[ast.AST, Type]
    ) -> list[Location]: ...

    # -- suggest ------------------------------------------------------------------
    def function(
        self,
        module: ModuleView,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        qualname: str,
        class_fullname: str | None,
    ) -> FunctionView: ...

    def parent_signature(self, func: FunctionView) -> CallableType | None: ...

    def call_sites(self, func: FunctionView) -> list[CallSite]: ...

    def try_signature(self, func: FunctionView, signature: CallableType) -> Trial: ...

    def join(self, types: Sequence[Type]) -> Type: ...

    def union(self, types: Sequence[Type]) -> Type: ...

    def truth_part(self, module: ModuleView, t: Type, truthy: bool) -> Type: ...

    def meet(self, types: Sequence[Type]) -> Type: ...
