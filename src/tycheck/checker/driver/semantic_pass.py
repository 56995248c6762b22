"""The semantic analyzer's errors of one module, each module-level definition's from a memo.

``SemanticChecker`` walks the module; a def or class whose errors need nothing of the rest
of the module (``semantic/definition_checks.py``) is looked up in a supplied engine query
keyed by its text, so a one-line edit of a huge module re-walks only the edited definition
(issue 12, point 9). An entry records the line its definition started on and is moved to
where the definition is now; one whose messages name a line, or fall outside its
definition, is valid only for the module text it was computed in.
"""

from __future__ import annotations

import ast
import re
from typing import Callable

from tycheck.checker.core.facts import fact_query
from tycheck.checker.core.program import Program, SourceModule
from tycheck.errors.diagnostics import Diagnostic
from tycheck.semantic.checks import SemanticChecker
from tycheck.semantic.definition_checks import DefinitionChecks, DefinitionMemo
from tycheck.semantic.final_decls import check_final_declarations
from tycheck.semantic.reach import ReachOptions

ImportedKind = Callable[[str, str], "str | None"]
StarNames = Callable[[str], "list[str]"]

# A message that names a line ("already defined on line 3") or a local class ("C@3").
_NAMES_A_LINE = re.compile(r"line \d|@\d")

# The memo: (module, is package, options, definition text) -> (first line, checks, moves?).
_DEFINITION_FACT = fact_query("semantic-definition")

Entry = tuple[int, "DefinitionChecks | None", bool]


def semantic_checks(
    p: Program,
    reach: ReachOptions,
    options: object,
    mod: SourceModule,
    imported_kind: ImportedKind,
    star_names: StarNames,
    out: list[Diagnostic],
) -> bool:
    """Report the semantic analyzer's errors (redefinitions, misplaced statements) into
    ``out``; True on a blocker."""
    found_blocker = False

    def emit(line: int, col: int, text: str, code: str | None, blocker: bool) -> None:
        nonlocal found_blocker
        found_blocker = found_blocker or blocker
        out.append(
            Diagnostic(
                mod.path,
                line,
                col,
                "error",
                text,
                code,
                module=mod.name,
                blocker=blocker,
                origin_line=line,
            )
        )

    def checker(emit: Callable[[int, int, str, str | None, bool], None]) -> SemanticChecker:
        return SemanticChecker(
            mod.name,
            mod.is_package,
            reach,
            emit,
            lambda name: p.module(name) is not None,
            imported_kind,
            star_names,
            check_untyped_defs=bool(getattr(options, "check_untyped_defs", False)),
            allow_redefinition=bool(
                getattr(options, "allow_redefinition", False)
                or getattr(options, "allow_redefinition_old", False)
            ),
        )

    whole = checker(emit)
    whole.definition_memo = _memo(p, reach, options, mod, checker)
    whole.run(mod.tree)
    check_final_declarations(mod.tree, mod.is_stub, emit, reach.python_version)
    return found_blocker


def _memo(
    p: Program,
    reach: ReachOptions,
    options: object,
    mod: SourceModule,
    checker: Callable[..., SemanticChecker],
) -> DefinitionMemo:
    lines = mod.text.split("\n")
    settings = (
        mod.name,
        mod.is_package,
        reach,
        bool(getattr(options, "check_untyped_defs", False)),
        bool(getattr(options, "allow_redefinition", False)),
        bool(getattr(options, "allow_redefinition_old", False)),
    )

    def alone(stmt: ast.stmt) -> DefinitionChecks | None:
        return checker(_no_emit).check_definition(stmt)

    def lookup(stmt: ast.stmt) -> DefinitionChecks | None:
        first, last = _span(stmt)
        text = "\n".join(lines[first - 1 : last])

        def compute() -> Entry:
            found = alone(stmt)
            moves = found is None or _moves(found, first, last)
            if not moves:
                # A message naming a line may name one outside the definition (an import of
                # this module's own name): valid only for this text of the whole module.
                try:
                    p.db.read_input(("file", mod.path))
                except KeyError:  # a program without file inputs (tests): nothing to track
                    pass
            return first, found, moves

        entry: Entry | None = p.db.supplied(_DEFINITION_FACT, (settings + (text,),), compute)
        if entry is None:  # asked while being computed: cannot happen, but never guess
            return alone(stmt)
        anchor, found, moves = entry
        if found is None or anchor == first:
            return found
        return found.moved(first - anchor) if moves else alone(stmt)

    return lookup


def _span(stmt: ast.stmt) -> tuple[int, int]:
    first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
    return first, stmt.end_lineno or stmt.lineno


def _moves(found: DefinitionChecks, first: int, last: int) -> bool:
    """Whether ``found`` stays true, moved, wherever its definition moves."""
    return all(first <= line <= last for line in found.lines()) and not any(
        _NAMES_A_LINE.search(text) for text in found.texts()
    )


def _no_emit(line: int, col: int, text: str, code: str | None, blocker: bool) -> None:
    """A definition's own walk collects its errors; nothing reaches the module's list."""
