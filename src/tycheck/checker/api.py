"""The checker's entry points for the service layer, importable from one stable place.

``Analysis`` checks modules of one program; ``Program`` holds the parsed modules and the
facts computed about them (``is_fact`` tells its engine queries apart); ``SourceModule`` is one parsed module; ``Located`` is where a
module's file was found. The service imports these from here, never from the sub-packages,
so the checker's inside can move without touching the service.

``Analysis`` and the names ``inspect`` and ``suggest`` use (``service/queries.py``) are
loaded on first access: they import the whole checker, which a run answered entirely from the
persistent cache never needs. For those tools: ``ExpressionSink`` (while its ``receive`` is
set, every inferred expression and bound name is reported with its type), ``BodyChecker``,
``TypeScope`` and ``is_annotated`` (to read annotations where they stand), ``simplify_union``
and ``dataclass_options``.
"""

import importlib
from typing import TYPE_CHECKING, Any

from tycheck.checker.core.facts import is_fact
from tycheck.checker.core.program import Located, Program, SourceModule

if TYPE_CHECKING:
    from tycheck.checker.classes.dataclasses import dataclass_options
    from tycheck.checker.core.evaluator import ExpressionSink
    from tycheck.checker.declare.names import TypeScope, is_annotated
    from tycheck.checker.driver.analysis import Analysis
    from tycheck.checker.flow.binder import simplify_union
    from tycheck.checker.stmt.checker import BodyChecker

# Name -> the module that defines it, imported on first access.
_LAZY = {
    "Analysis": "tycheck.checker.driver.analysis",
    "BodyChecker": "tycheck.checker.stmt.checker",
    "ExpressionSink": "tycheck.checker.core.evaluator",
    "TypeScope": "tycheck.checker.declare.names",
    "is_annotated": "tycheck.checker.declare.names",
    "simplify_union": "tycheck.checker.flow.binder",
    "dataclass_options": "tycheck.checker.classes.dataclasses",
}

__all__ = ["Located", "Program", "SourceModule", "is_fact", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
