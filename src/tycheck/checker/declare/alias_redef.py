"""A module-level type alias (or module alias) assigned again: ``Cannot assign multiple types
to name`` (``multiple modules``).

Once ``A = <type>`` has made ``A`` a type alias, a later plain ``A = ...`` of the same module
(a fallback in ``except ImportError:``, the other branch of an ``if``) does not define an alias
and is reported, as mypy's semantic analyzer does [misc]. Statically unreachable branches are
skipped. A call on the right is left alone: mypy exempts the calls it analyses itself
(``TypeVar(...)``, ``NamedTuple(...)``...), and telling them apart is not worth a false error.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.symbols import MODULE, VAR

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def multiple_types_message(name: str) -> Message:
    return Message(
        f'Cannot assign multiple types to name "{name}" without an explicit "type[...]" annotation',
        codes.MISC,
    )


def check_alias_redefinitions(chk: "Evaluator", reach: ReachOptions) -> None:
    """Report each module-level plain assignment to a name that is already a type alias."""
    for stmt in _module_assignments(chk.mod.tree.body, reach):
        target = stmt.targets[0]
        assert isinstance(target, ast.Name)
        sym = chk.mod.ns.get(target.id)
        if sym is None or sym.kind != VAR or sym.node is stmt or sym.line >= stmt.lineno:
            continue
        if chk.ev.alias_target(sym) is not None:
            chk.fail(target, multiple_types_message(target.id))
            continue
        first, now = _module_of(chk, sym.value), _module_of(chk, stmt.value)
        if first is not None and now is not None and first != now:
            chk.fail(stmt, multiple_modules_message(target.id))


def _module_of(chk: "Evaluator", value: ast.expr | None) -> str | None:
    """The module a plain name refers to (``m = json``), or None."""
    if not isinstance(value, ast.Name):
        return None
    sym = chk.mod.ns.get(value.id)
    rs = chk.p.resolve(sym) if sym is not None else None
    return (rs.target or rs.fullname) if rs is not None and rs.kind == MODULE else None


def multiple_modules_message(name: str) -> Message:
    return Message(
        f'Cannot assign multiple modules to name "{name}" '
        'without explicit "types.ModuleType" annotation',
        codes.MISC,
    )


def _module_assignments(body: list[ast.stmt], reach: ReachOptions) -> list[ast.Assign]:
    """``name = value`` statements of a module's top level and its reachable blocks."""
    out: list[ast.Assign] = []
    for stmt in body:
        if isinstance(stmt, ast.Assign):
            single = len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            if single and stmt.type_comment is None and not isinstance(stmt.value, ast.Call):
                out.append(stmt)
        elif isinstance(stmt, ast.If):
            body_live, else_live = branch_bodies(stmt, reach)
            out += _module_assignments(stmt.body, reach) if body_live else []
            out += _module_assignments(stmt.orelse, reach) if else_live else []
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            blocks = [stmt.body, stmt.orelse, stmt.finalbody]  # type: ignore[attr-defined]
            blocks += [h.body for h in stmt.handlers]  # type: ignore[attr-defined]
            for block in blocks:
                out += _module_assignments(block, reach)
        elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While)):
            out += _module_assignments(stmt.body, reach)
            out += _module_assignments(getattr(stmt, "orelse", []), reach)
    return out
