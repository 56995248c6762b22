"""Disjoint bases (PEP 800): classes that no class can inherit from together.

A class is a disjoint base when it is decorated ``@disjoint_base`` (typeshed marks ``int``,
``str``, ``bytes``...) or defines non-empty ``__slots__`` of its own. Two classes can have a
common subclass only when the nearest disjoint bases in their MROs are related; otherwise
``isinstance`` cannot narrow one to the other (the branch is unreachable).
"""

from __future__ import annotations

import ast

from tycheck.checker.core.program import Program

# ``__slots__`` written as a literal mypy understands.
_SLOT_DISPLAYS = (ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict)


def can_share_subclass(p: Program, a: str, b: str) -> bool:
    """Whether classes ``a`` and ``b`` (full names) may have a common subclass."""
    base_a = disjoint_base_of(p, a)
    base_b = disjoint_base_of(p, b)
    if base_a is None or base_b is None or base_a == base_b:
        return True
    return _has_base(p, base_a, base_b) or _has_base(p, base_b, base_a)


def disjoint_base_of(p: Program, fullname: str) -> str | None:
    """The first disjoint base in the MRO of ``fullname`` (None: only ``object``)."""
    info = p.class_info(fullname)
    mro = info.mro if info is not None and info.mro else (fullname,)
    for name in mro:
        if p.memo("disjoint-base", name, lambda n=name: _is_disjoint_base(p, n), False):
            return name
    return None


def _has_base(p: Program, sub: str, base: str) -> bool:
    info = p.class_info(sub)
    return info is not None and base in info.mro


def _is_disjoint_base(p: Program, fullname: str) -> bool:
    found = p.class_node(fullname)
    if found is None:
        return False
    node = found[1]
    if any(_decorator_name(d) == "disjoint_base" for d in node.decorator_list):
        return True
    own = _slots(node)
    if not own:
        return False
    info = p.class_info(fullname)
    inherited: set[str] = set()
    for base in info.bases if info is not None else ():
        base_node = p.class_node(base.fullname)
        inherited |= (_slots(base_node[1]) or set()) if base_node is not None else set()
    if info is not None and any(_no_slots(p, b) for b in info.mro[1:-1]):
        return False  # a base without __slots__: instances have a __dict__ anyway
    return bool(own - inherited)


def _no_slots(p: Program, fullname: str) -> bool:
    found = p.class_node(fullname)
    return found is None or _slots(found[1]) is None


def _slots(node: ast.ClassDef) -> set[str] | None:
    """The names in the class's own ``__slots__`` literal (without ``__dict__``); None when
    it has none."""
    for s in node.body:
        if (
            isinstance(s, ast.Assign)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name)
            and s.targets[0].id == "__slots__"
            and isinstance(s.value, _SLOT_DISPLAYS)
        ):
            v = s.value
            items: list[ast.expr | None] = (
                [v]
                if isinstance(v, ast.Constant)
                else list(v.keys if isinstance(v, ast.Dict) else v.elts)
            )
            return {
                i.value
                for i in items
                if isinstance(i, ast.Constant)
                and isinstance(i.value, str)
                and i.value != "__dict__"
            }
    return None


def _decorator_name(d: ast.expr) -> str | None:
    if isinstance(d, ast.Name):
        return d.id
    if isinstance(d, ast.Attribute):
        return d.attr
    return None
