"""The checker's entry points for the service layer, importable from one stable place.

``Analysis`` checks modules of one program; ``Program`` holds the parsed modules and the
facts computed about them; ``SourceModule`` is one parsed module; ``Located`` is where a
module's file was found. The service imports these from here, never from the sub-packages,
so the checker's inside can move without touching the service.

For ``inspect`` and ``suggest`` (``service/queries.py``) also: ``ExpressionSink`` (while
its ``receive`` is set, every inferred expression and bound name is reported with its
type), ``BodyChecker``, ``TypeScope`` and ``is_annotated`` (to read annotations where they
stand), ``simplify_union`` and ``dataclass_options``.
"""

from tycheck.checker.classes.dataclasses import dataclass_options
from tycheck.checker.core.evaluator import ExpressionSink
from tycheck.checker.core.program import Located, Program, SourceModule
from tycheck.checker.declare.names import TypeScope, is_annotated
from tycheck.checker.driver.analysis import Analysis
from tycheck.checker.flow.binder import simplify_union
from tycheck.checker.stmt.checker import BodyChecker

__all__ = [
    "Analysis", "BodyChecker", "ExpressionSink", "Located", "Program", "SourceModule", "TypeScope",
    "dataclass_options", "is_annotated", "simplify_union",
]
