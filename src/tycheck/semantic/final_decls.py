"""Declarations with ``Final`` that lack a value: mypy's semantic-analysis errors.

``x: Final`` with no value leaves nothing to infer the type from; ``x: Final[int]`` with no
value is only allowed in a class body (when ``__init__`` sets it) or in a stub.
Only plain module-level and class-level statements (and ``self.x: Final`` in methods) are
looked at, so declarations under conditions are never wrongly reported.
"""

from __future__ import annotations

import ast
from typing import Callable
from tycheck.errors import codes
from tycheck.semantic.final_forms import check_final_forms

Emit = Callable[[int, int, str, "str | None", bool], None]

OMITTED_TYPE = "Type in Final[...] can only be omitted if there is an initializer"
NO_VALUE = "Final name must be initialized with a value"


def _final_head(ann: ast.expr) -> str | None:
    """``bare`` for ``Final``, ``subscripted`` for ``Final[...]``, else None."""
    head = ann.value if isinstance(ann, ast.Subscript) else ann
    named = (isinstance(head, ast.Name) and head.id == "Final") or (
        isinstance(head, ast.Attribute)
        and head.attr == "Final"
        and isinstance(head.value, ast.Name)
        and head.value.id in ("typing", "typing_extensions", "t")
    )
    if not named:
        return None
    return "subscripted" if isinstance(ann, ast.Subscript) else "bare"


def _set_in_init(cls: ast.ClassDef, name: str) -> bool:
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__":
            for node in ast.walk(stmt):
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else [node.target]
                    if isinstance(node, (ast.AnnAssign, ast.AugAssign))
                    else []
                )
                if any(
                    isinstance(t, ast.Attribute) and t.attr == name
                    for target in targets
                    for t in ast.walk(target)  # ``self.x, self.y = ...`` sets both
                ):
                    return True
    return False


def _is_special_class(cls: ast.ClassDef) -> bool:
    """NamedTuple, TypedDict, dataclass-like and Protocol classes have their own rules."""
    names = [b.value if isinstance(b, ast.Subscript) else b for b in cls.bases] + [
        d.func if isinstance(d, ast.Call) else d for d in cls.decorator_list
    ]
    return bool(cls.keywords) or any(
        not isinstance(n, (ast.Name, ast.Attribute))
        or (n.id if isinstance(n, ast.Name) else n.attr)
        in (
            "NamedTuple",
            "TypedDict",
            "Protocol",
            "dataclass",
            "Enum",
            "s",
            "attrs",
            "attributes",
            "define",
            "frozen",
            "mutable",
        )
        for n in names
    )


def _check_ann(
    stmt: ast.AnnAssign, emit: Emit, in_class: ast.ClassDef | None, is_stub: bool
) -> None:
    if stmt.value is not None:
        return
    kind = _final_head(stmt.annotation)
    if kind == "bare":
        emit(stmt.lineno, stmt.col_offset, OMITTED_TYPE, codes.MISC.name, False)
    elif (
        kind == "subscripted"
        and not is_stub
        and isinstance(stmt.target, ast.Name)
        and not _wraps_classvar(stmt.annotation)
    ):
        if in_class is None or not _set_in_init(in_class, stmt.target.id):
            emit(stmt.lineno, stmt.col_offset, NO_VALUE, codes.MISC.name, False)


def _wraps_classvar(ann: ast.expr) -> bool:
    """``Final[ClassVar[...]]``: reported as a misplaced qualifier instead (final_forms.py)."""
    inner = ann.slice if isinstance(ann, ast.Subscript) else None
    head = inner.value if isinstance(inner, ast.Subscript) else inner
    return (isinstance(head, ast.Name) and head.id == "ClassVar") or (
        isinstance(head, ast.Attribute) and head.attr == "ClassVar"
    )


def check_final_declarations(
    tree: ast.Module, is_stub: bool, emit: Emit, python_version: tuple[int, int] = (3, 9)
) -> None:
    """Report ``Final`` declarations without a value at module level and in class bodies, and
    misplaced ``Final``/``@final`` anywhere (``final_forms.py``)."""
    check_final_forms(tree, is_stub, emit, python_version)
    for stmt in tree.body:
        if isinstance(stmt, ast.AnnAssign):
            _check_ann(stmt, emit, None, is_stub)
        elif isinstance(stmt, ast.ClassDef) and not _is_special_class(stmt):
            for sub in stmt.body:
                if isinstance(sub, ast.AnnAssign):
                    _check_ann(sub, emit, stmt, is_stub)
                elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and sub.args.args:
                    self_name = sub.args.args[0].arg
                    for node in sub.body:
                        if (
                            isinstance(node, ast.AnnAssign)
                            and node.value is None
                            and isinstance(node.target, ast.Attribute)
                            and isinstance(node.target.value, ast.Name)
                            and node.target.value.id == self_name
                            and _final_head(node.annotation) == "bare"
                        ):
                            emit(node.lineno, node.col_offset, OMITTED_TYPE, codes.MISC.name, False)
