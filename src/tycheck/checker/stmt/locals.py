"""What a function body binds locally, and helpers shared by the statement checks."""

from __future__ import annotations

import ast

from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.declare.names import walk_body
from tycheck.errors import codes
from tycheck.errors.messages import Message


def context_dependent(e: ast.expr) -> bool:
    """Expressions whose type strongly depends on the context (calls and displays)."""
    if isinstance(e, ast.Await):
        return isinstance(e.value, ast.Call)
    return isinstance(e, (ast.Call, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.BinOp))


def scan_locals(
    func: ast.FunctionDef | ast.AsyncFunctionDef,
) -> tuple[frozenset[str], frozenset[str]]:
    """(names bound in the function's own scope, names it declares global/nonlocal)."""
    a = func.args
    names: set[str] = {
        p.arg
        for p in list(a.posonlyargs)
        + list(a.args)
        + list(a.kwonlyargs)
        + [x for x in (a.vararg, a.kwarg) if x]
    }
    declared: set[str] = set()
    for node in walk_body(func):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for al in node.names:
                if al.name != "*":
                    names.add((al.asname or al.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return frozenset(names - declared), frozenset(declared)


def scan_nonlocals(func: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names the function's own scope declares ``nonlocal``."""
    return frozenset(
        name for node in walk_body(func) if isinstance(node, ast.Nonlocal) for name in node.names
    )


# mypy's note at an annotation it does not check (in an untyped function's body).
ANNOTATION_UNCHECKED_NOTE = Message(
    "By default the bodies of untyped functions are not checked, consider using "
    "--check-untyped-defs",
    codes.ANNOTATION_UNCHECKED,
)


def note_unchecked_annotation(chk: Evaluator, s: ast.stmt) -> None:
    """An annotated assignment where bodies are not checked: mypy's ``annotation-unchecked``."""
    if not chk.checking and chk.func is not None:
        chk.note(s, ANNOTATION_UNCHECKED_NOTE, reveal=True)  # shown although unchecked


def note_unchecked_class_body(chk: Evaluator, body: list[ast.stmt]) -> None:
    """A class defined in an untyped function: its annotations are not checked either."""
    for s in body:
        if isinstance(s, ast.AnnAssign) or (isinstance(s, ast.Assign) and s.type_comment):
            note_unchecked_annotation(chk, s)
        elif isinstance(s, ast.ClassDef):
            note_unchecked_class_body(chk, s.body)
