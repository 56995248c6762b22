"""Static truth of conditions: ``sys.version_info``, ``sys.platform``, ``TYPE_CHECKING``,
``--always-true``/``--always-false``. Used to skip unreachable branches the way mypy does."""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass

TRUE, FALSE, UNKNOWN = 1, 0, -1
# mypy distinguishes "true at type-check time only" (TYPE_CHECKING) from always true: both
# make the else-branch unreachable for us.
MYPY_TRUE, MYPY_FALSE = 2, 3


@dataclass(frozen=True)
class ReachOptions:
    """The options that decide static conditions."""

    python_version: tuple[int, int]
    platform: str
    always_true: tuple[str, ...] = ()
    always_false: tuple[str, ...] = ()


_CMP = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_sys_attr(node: ast.expr, attr: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == attr
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def infer_condition(expr: ast.expr, opts: ReachOptions) -> int:
    """TRUE, FALSE, MYPY_TRUE, MYPY_FALSE or UNKNOWN for a branch condition."""
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        r = infer_condition(expr.operand, opts)
        return {TRUE: FALSE, FALSE: TRUE, MYPY_TRUE: MYPY_FALSE, MYPY_FALSE: MYPY_TRUE}.get(
            r, UNKNOWN
        )
    if isinstance(expr, ast.BoolOp):
        results = [infer_condition(v, opts) for v in expr.values]
        if isinstance(expr.op, ast.And):
            if any(r in (FALSE, MYPY_FALSE) for r in results):
                return next(r for r in results if r in (FALSE, MYPY_FALSE))
            if all(r in (TRUE, MYPY_TRUE) for r in results):
                return MYPY_TRUE if MYPY_TRUE in results else TRUE
            return UNKNOWN
        if any(r in (TRUE, MYPY_TRUE) for r in results):
            return next(r for r in results if r in (TRUE, MYPY_TRUE))
        if all(r in (FALSE, MYPY_FALSE) for r in results):
            return MYPY_FALSE if MYPY_FALSE in results else FALSE
        return UNKNOWN
    name = _name_of(expr)
    if name is not None:
        if name in opts.always_true:
            return TRUE
        if name in opts.always_false:
            return FALSE
        if name in ("TYPE_CHECKING", "MYPY"):
            return MYPY_TRUE
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        return _compare(expr.left, expr.ops[0], expr.comparators[0], opts)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        # sys.platform.startswith("linux")
        f = expr.func
        if f.attr == "startswith" and _is_sys_attr(f.value, "platform") and len(expr.args) == 1:
            arg = expr.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return TRUE if opts.platform.startswith(arg.value) else FALSE
    return UNKNOWN


def _compare(left: ast.expr, op: ast.cmpop, right: ast.expr, opts: ReachOptions) -> int:
    fn = _CMP.get(type(op))
    if fn is None:
        return UNKNOWN
    if (
        _is_sys_attr(left, "platform")
        and isinstance(right, ast.Constant)
        and isinstance(right.value, str)
    ):
        if type(op) not in (ast.Eq, ast.NotEq):
            return UNKNOWN
        return TRUE if fn(opts.platform, right.value) else FALSE
    version = _version_operand(left, opts)
    if version is not None and isinstance(right, ast.Tuple):
        other = _int_tuple(right)
        if other is None:
            return UNKNOWN
        return (
            TRUE
            if fn(version[: len(other)] if len(other) <= len(version) else version, other)
            else FALSE
        )
    if isinstance(left, ast.Subscript) and _is_sys_attr(left.value, "version_info"):
        idx = left.slice
        if (
            isinstance(idx, ast.Constant)
            and isinstance(idx.value, int)
            and isinstance(right, ast.Constant)
        ):
            if idx.value in (0, 1) and isinstance(right.value, int):
                return TRUE if fn(opts.python_version[idx.value], right.value) else FALSE
    return UNKNOWN


def _version_operand(node: ast.expr, opts: ReachOptions) -> tuple[int, ...] | None:
    if _is_sys_attr(node, "version_info"):
        return tuple(opts.python_version)
    if isinstance(node, ast.Subscript) and _is_sys_attr(node.value, "version_info"):
        sl = node.slice
        if isinstance(sl, ast.Slice) and sl.lower is None and sl.step is None:
            if isinstance(sl.upper, ast.Constant) and isinstance(sl.upper.value, int):
                return tuple(opts.python_version)[: sl.upper.value]
    return None


def _int_tuple(node: ast.Tuple) -> tuple[int, ...] | None:
    out: list[int] = []
    for elt in node.elts:
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, int)):
            return None
        out.append(elt.value)
    return tuple(out)


def branch_bodies(node: ast.If, opts: ReachOptions) -> tuple[bool, bool]:
    """Whether the if-body and the else-body are reachable, statically."""
    r = infer_condition(node.test, opts)
    if r in (TRUE, MYPY_TRUE):
        return True, False
    if r in (FALSE, MYPY_FALSE):
        return False, True
    return True, True


def live_module_body(body: list[ast.stmt], opts: ReachOptions) -> list[ast.stmt]:
    """A module's statements up to the first top-level ``assert`` that always fails.

    ``assert sys.platform == "win32"`` at the top of a module means the rest of it is never
    analysed on other platforms (nor are its imports followed), as in mypy; only the module
    level counts, asserts in functions and branches do not cut anything.
    """
    for i, stmt in enumerate(body):
        if isinstance(stmt, ast.Assert) and infer_condition(stmt.test, opts) in (FALSE, MYPY_FALSE):
            return body[: i + 1]
    return body


def reachable_first(node: ast.If, opts: ReachOptions) -> tuple[list[ast.stmt], list[ast.stmt]]:
    """The if-body and else-body, the statically reachable one first (body first if both are)."""
    body_live, else_live = branch_bodies(node, opts)
    if else_live and not body_live:
        return node.orelse, node.body
    return node.body, node.orelse
