"""One module-level definition's semantic errors, kept apart from its module's walk.

``SemanticChecker`` (``checks.py``) walks a whole module. A def or class whose walk reads
nothing of the module's scope gives the same errors wherever it stands, so its errors can be
found once per text (``SemanticChecker.check_definition``) and replayed, moved to where the
definition is now, while the module's walk skips its bodies (issue 12, point 9: a one-line
edit of a huge module must not re-walk every function in it).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable

# One emitted error: line, column, text, code, blocker.
Emitted = tuple[int, int, str, "str | None", bool]


@dataclass(frozen=True)
class DefinitionChecks:
    """The errors of one module-level def or class that need nothing of the rest of its
    module (see ``self_contained``), in the order ``run`` emits them:

    - ``early``: the syntax passes over its tree, each tagged with its pass (0, 1, 2);
    - ``inline``: a class body's walk (emitted where the module walk reaches the class);
    - ``deferred``: the walks of its function bodies (emitted after the module walk).
    """

    early: tuple[tuple[int, Emitted], ...]
    inline: tuple[Emitted, ...]
    deferred: tuple[Emitted, ...]

    def lines(self) -> list[int]:
        return [e[1][0] for e in self.early] + [e[0] for e in self.inline + self.deferred]

    def texts(self) -> list[str]:
        return [e[1][2] for e in self.early] + [e[2] for e in self.inline + self.deferred]

    def moved(self, delta: int) -> "DefinitionChecks":
        """The same errors ``delta`` lines further down."""
        if delta == 0:
            return self
        return DefinitionChecks(
            tuple((k, _moved(e, delta)) for k, e in self.early),
            tuple(_moved(e, delta) for e in self.inline),
            tuple(_moved(e, delta) for e in self.deferred),
        )


def _moved(e: Emitted, delta: int) -> Emitted:
    return (e[0] + delta, e[1], e[2], e[3], e[4])


# A memo of ``DefinitionChecks`` by definition: None means "walk it here".
DefinitionMemo = Callable[[ast.stmt], "DefinitionChecks | None"]

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def self_contained(stmt: ast.stmt) -> bool:
    """Whether a module-level definition's walk reads nothing of its module's scope: it
    declares no ``global``/``nonlocal`` name (the only way a walk looks outside its def)."""
    return isinstance(stmt, DEFINITIONS) and not any(
        isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(stmt)
    )


# The fields that hold statements (or the clauses that hold them), in ``_fields`` order.
_BLOCKS = ("body", "handlers", "orelse", "finalbody", "cases")


def walk_statements(node: ast.AST) -> list[ast.AST]:
    """``node`` and the statements nested in it, in ``ast.walk``'s order (breadth first), not
    entering expressions: a class is a statement, so this finds every class ``ast.walk``
    would, without visiting the expressions that make up most of a body."""
    out = [node]
    i = 0
    while i < len(out):
        current = out[i]
        i += 1
        for name in _BLOCKS:
            block = getattr(current, name, None)
            if isinstance(block, list):
                out.extend(block)
    return out
