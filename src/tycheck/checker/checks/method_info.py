"""Which methods the override checks compare: plain methods, with the decorators they model.

Shared by ``overrides.py`` (a method against the bases it overrides) and
``multiple_inheritance.py`` (an inherited method against a later base's).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.semantic.symbols import FUNC, Symbol
from tycheck.types.model import CallableType

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# mypy never compares these with the base class's versions.
SKIPPED = ("__init__", "__new__", "__init_subclass__", "__post_init__")
# Decorators whose effect on the signature we model exactly.
PLAIN_DECORATORS = (
    "builtins.staticmethod",
    "builtins.classmethod",
    "abc.abstractmethod",
    "final",
    "override",
    "typing_extensions.override",
    "overload",
)
FUNC_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def is_private(name: str) -> bool:
    return name.startswith("__") and not name.endswith("__")


def method_info(
    chk: "Evaluator", owner: str, sym: Symbol
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, list[str]] | None:
    """The first def of a plain method (no property or unknown decorator) and its decorators."""
    if sym.kind != FUNC or not sym.defs or not isinstance(sym.defs[0], FUNC_DEFS):
        return None
    scope = chk.ev.class_scope(owner)
    if scope is None:
        return None
    first = sym.defs[0]
    decos = chk.members.decorator_names(first, scope)
    if any(d not in PLAIN_DECORATORS for d in decos):
        return None
    found = chk.p.class_node(owner)
    if found is None:
        return None
    sig = chk.ev.signature(found[0], first, owner)
    if not isinstance(sig, CallableType) or sig.variables:
        return None  # generic and self-typed methods: binding is not compared precisely yet
    return first, decos
