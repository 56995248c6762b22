"""Reporting code that the flow analysis found unreachable (``--warn-unreachable``).

The flow analysis itself lives in ``body.py`` (``Evaluator.unreachable``); this module
decides whether the first statement of an unreachable stretch deserves the
``Statement is unreachable`` error.  Code made unreachable by a *static* condition
(``sys.platform``, ``sys.version_info``, ``TYPE_CHECKING``, ``--always-false``) is never
reported: such code is intentionally platform- or version-specific.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.types.model import NeverType
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

UNREACHABLE_STATEMENT = "Statement is unreachable"


def warn_unreachable_enabled(chk: "Evaluator") -> bool:
    """Whether unreachable code is reported in the body ``chk`` checks."""
    if not getattr(chk.p.options, "warn_unreachable", False):
        return False
    # Bodies of unannotated functions are not checked, so nothing is reported there.
    return chk.checking and not chk.muted


def is_noop_for_reachability(chk: "Evaluator", s: ast.stmt) -> bool:
    """Statements that are fine to leave in unreachable code: raising, ``assert False``..."""
    if isinstance(s, ast.Raise):
        return True
    if isinstance(s, ast.Assert):
        return _is_false_literal(s.test)
    if isinstance(s, ast.Return):
        return isinstance(s.value, ast.Name) and s.value.id == "NotImplemented"
    if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
        # A call to a function that never returns (``assert_never(x)``, ``sys.exit()``).
        was_unreachable = chk.unreachable
        with chk.quiet():
            try:
                t = chk.infer(s.value)
            except RecursionError:
                return False
            finally:
                chk.unreachable = was_unreachable
        return isinstance(t, NeverType)
    return False


def _is_false_literal(e: ast.expr) -> bool:
    if isinstance(e, ast.Constant):
        return e.value is False or (type(e.value) is int and e.value == 0)
    return isinstance(e, ast.Name) and e.id == "False"


def report_unreachable(chk: "Evaluator", s: ast.stmt) -> None:
    """Report ``s``, the first statement of an unreachable stretch, when appropriate."""
    if chk.unreachable_silent or chk.unreachable_suppressed or not warn_unreachable_enabled(chk):
        return
    if is_noop_for_reachability(chk, s):
        return
    chk.emit(s, "error", Message(UNREACHABLE_STATEMENT, codes.UNREACHABLE))


def suppressed_in_function(
    func: ast.FunctionDef | ast.AsyncFunctionDef, variables: tuple[object, ...]
) -> bool:
    """Functions whose unreachable code is never reported.

    ``return; yield`` is the idiom for an empty generator: the ``yield`` is unreachable on
    purpose.  With value-restricted type variables a statement may be unreachable for one
    value only, and mypy reports nothing rather than judge each expansion separately.
    """
    if any(getattr(v, "values", ()) for v in variables):
        return True
    body = func.body
    if (
        len(body) != 2
        or not isinstance(body[0], ast.Return)
        or not _is_none_or_absent(body[0].value)
    ):
        return False
    second = body[1]
    return (
        isinstance(second, ast.Expr)
        and isinstance(second.value, ast.Yield)
        and _is_none_or_absent(second.value.value)
    )


def _is_none_or_absent(e: ast.expr | None) -> bool:
    return e is None or (isinstance(e, ast.Constant) and e.value is None)


# Subexpressions that are evaluated only on some paths: a Never call inside one does not end
# the statement's flow (mypy checks them in a frame of their own).
_CONDITIONAL = (ast.Lambda, ast.IfExp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def holds_never_call(s: ast.stmt, never_calls: set[int]) -> bool:
    """Whether a simple statement always evaluates a call (or an ``await``) whose type is
    Never, such as ``x = sys.exit()`` or ``await serve_forever()``: the code after it is
    unreachable, as after a ``raise``."""
    if isinstance(s, ast.Expr):
        roots: list[ast.expr] = [s.value]
    elif isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and s.value is not None:
        roots = [s.value]
    else:
        return False
    while roots:
        e = roots.pop()
        if id(e) in never_calls:
            return True
        if isinstance(e, _CONDITIONAL):
            continue
        if isinstance(e, ast.BoolOp):
            roots.append(e.values[0])  # the others may be skipped
            continue
        roots.extend(c for c in ast.iter_child_nodes(e) if isinstance(c, ast.expr))
    return False
