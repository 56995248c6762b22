"""The names visible at a point, for ``Name "x" is not defined; did you mean "y"?``.

Like mypy: the locals of every enclosing function (parameters included), the class body's
names when directly in a class body, the module's globals and the public builtins; dunder
names are never suggested. No suggestion is made on a line carrying ``# type: ignore``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def names_in_scope(chk: "Evaluator") -> set[str]:
    names: set[str] = set()
    scope: "Evaluator | None" = chk
    while scope is not None:
        if scope.func is not None:
            names.update(scope.local_syms or ())
            a = scope.func.args
            for p in (
                list(a.posonlyargs)
                + list(a.args)
                + list(a.kwonlyargs)
                + [x for x in (a.vararg, a.kwarg) if x]
            ):
                names.add(p.arg)
        scope = scope.outer
    if chk.func is None and chk.class_fullname:
        ns = chk.p.class_namespace(chk.class_fullname)
        if ns is not None:
            names.update(ns.names)
    names.update(chk.mod.ns.names)
    builtins = chk.p.module("builtins")
    if builtins is not None:
        names.update(
            n for n in builtins.ns.names if not (len(n) > 1 and n[0] == "_" and n[1] != "_")
        )
    return {n for n in names if not n.startswith("__")}


def undefined_name_message(chk: "Evaluator", name: str, node: ast.AST) -> str:
    """``Name "x" is not defined``, with close spellings of ``x`` that are in scope."""
    from tycheck.checker.core import messages as msg

    text = msg.name_not_defined(name)
    if "." in name or (name.startswith("__") and name.endswith("__")):
        return text
    line = getattr(node, "lineno", 0)
    lines = chk.mod.text.splitlines()
    if 0 < line <= len(lines) and "# type: ignore" in lines[line - 1]:
        return text
    from tycheck.modules.messages import close_matches, quoted_alternatives

    matches = close_matches(name, names_in_scope(chk) - {name})
    return text + (f"; did you mean {quoted_alternatives(matches)}?" if matches else "")
