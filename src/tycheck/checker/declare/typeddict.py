"""TypedDict classes as types: which classes are TypedDicts and which items they declare.

A class is a TypedDict when ``TypedDict`` (or another TypedDict class) is among its bases;
``typeeval.py`` marks such classes with a ``("typeddict", True)`` entry in their facts and
gives them the stubs' ``_TypedDict`` class as a base, so members like ``keys`` resolve there.
The items (with their required and read-only keys) are computed lazily here, from the base
TypedDicts and the class body, because an item may mention the class itself.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core.program import Program
from tycheck.types.model import (
    ANONYMOUS_TYPEDDICT_FALLBACKS,
    AliasCell,
    TypeAliasType,
    NAMED,
    NAMED_OPT,
    AnyType,
    CallableType,
    ClassTypeInfo,
    Instance,
    Type,
    TypedDictType,
)
from tycheck.types.subst import expand

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import DeclaredTypes as TypeEvaluator
    from tycheck.checker.declare.names import TypeScope

QUALIFIERS = ("Required", "NotRequired", "ReadOnly")
MARK = ("typeddict", True)


def typeddict_fallback(p: Program) -> str | None:
    """The stubs' ``_TypedDict`` class every TypedDict derives from, or None if missing."""

    def compute() -> str | None:
        for name in ANONYMOUS_TYPEDDICT_FALLBACKS:
            if p.class_node(name) is not None:
                return name
        return None

    return p.memo("typeddict-fallback", None, compute)


def is_typeddict_class(info: ClassTypeInfo | None) -> bool:
    return info is not None and MARK in info.extra


def drop_redundant_typeddict_base(p: Program, bases: list[Instance]) -> list[Instance]:
    """``class B(TypedDict, A)`` with A a TypedDict: the explicit TypedDict adds nothing."""
    if any(
        b.fullname not in ANONYMOUS_TYPEDDICT_FALLBACKS
        and is_typeddict_class(p.class_info(b.fullname))
        for b in bases
    ):
        return [b for b in bases if b.fullname not in ANONYMOUS_TYPEDDICT_FALLBACKS]
    return bases


def typeddict_of_instance(ev: "TypeEvaluator", inst: Instance) -> Type:
    """The TypedDict type that ``inst`` (an instance of a TypedDict class) stands for."""
    td = typeddict_type(ev, inst.fullname)
    if td is None:
        return _recursive_reference(ev, inst)
    info = ev.p.class_info(inst.fullname)
    if info is None or not info.type_vars:
        return td
    mapping: dict[int | str, Type] = {
        tv.id: inst.args[i] if i < len(inst.args) else AnyType("special")
        for i, tv in enumerate(info.type_vars)
    }
    return expand(td, mapping)


def _recursive_reference(ev: "TypeEvaluator", inst: Instance) -> Type:
    """A TypedDict that mentions itself while its items are computed: a reference that the
    finished type fills in (``Any`` for a generic one, not modelled yet)."""
    open_cells: dict[str, AliasCell] | None = getattr(ev, "_alias_open", None)
    cell = open_cells.get(inst.fullname) if open_cells is not None else None
    if cell is None or inst.args:
        return AnyType("special")
    return TypeAliasType(inst.fullname, (), cell)


def typeddict_type(ev: "TypeEvaluator", fullname: str) -> TypedDictType | None:
    """The items of TypedDict class ``fullname`` (in terms of its own type variables)."""
    info = ev.p.class_info(fullname)
    if not is_typeddict_class(info):
        return None
    assert info is not None

    def compute() -> TypedDictType | None:
        found = ev.p.class_node(fullname)
        scope = ev.class_scope(fullname)
        if found is None or scope is None:
            return None
        node = found[1]
        items: dict[str, Type] = {}
        required: set[str] = set()
        readonly: set[str] = set()
        for base in info.bases:
            inherited = _base_items(ev, base)
            if inherited is None:
                continue
            for k, t in inherited.items:
                items[k] = t
                required.discard(k)
                readonly.discard(k)
            required |= inherited.required
            readonly |= inherited.readonly
        total = _is_total(node)
        mapping = {tv.fullname: tv for tv in info.type_vars}
        for stmt in node.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
                continue
            ann, quals = strip_qualifiers(ev, stmt.annotation, scope)
            t = ev.analyze(ann, scope)
            key = stmt.target.id
            items[key] = ev._renumber(t, mapping) if mapping else t
            is_required = total
            if "Required" in quals:
                is_required = True
            elif "NotRequired" in quals:
                is_required = False
            required.discard(key)
            readonly.discard(key)
            if is_required:
                required.add(key)
            if "ReadOnly" in quals:
                readonly.add(key)
        fallback = Instance(fullname, tuple(info.type_vars))
        return TypedDictType(
            tuple(items.items()), frozenset(required), frozenset(readonly), fallback
        )

    def compute_open() -> TypedDictType | None:
        open_cells: dict[str, AliasCell] | None = getattr(ev, "_alias_open", None)
        if open_cells is None or info.type_vars:
            return compute()
        cell = AliasCell()
        open_cells[fullname] = cell
        try:
            td = compute()
        finally:
            del open_cells[fullname]
        cell.target = td
        return td

    return ev.p.memo("typeddict", fullname, compute_open, on_cycle=None)


def _base_items(ev: "TypeEvaluator", base: Instance) -> TypedDictType | None:
    """A TypedDict base's items, with the base's type arguments put in."""
    if base.fullname in ANONYMOUS_TYPEDDICT_FALLBACKS:
        return None
    t = (
        typeddict_of_instance(ev, base)
        if is_typeddict_class(ev.p.class_info(base.fullname))
        else None
    )
    return t if isinstance(t, TypedDictType) else None


def _is_total(node: ast.ClassDef) -> bool:
    for kw in node.keywords:
        if kw.arg == "total" and isinstance(kw.value, ast.Constant) and kw.value.value is False:
            return False
    return True


def strip_qualifiers(
    ev: "TypeEvaluator", ann: ast.expr, scope: "TypeScope"
) -> tuple[ast.expr, set[str]]:
    """``NotRequired[ReadOnly[int]]`` -> (``int``, {NotRequired, ReadOnly}); looks through
    ``Annotated`` and string annotations."""
    from tycheck.checker.declare.names import parse_type_string, special_name

    quals: set[str] = set()
    node = ann
    while True:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parsed = parse_type_string(node.value, getattr(node, "lineno", 1))
            if not isinstance(parsed, ast.Subscript):
                break
            node = parsed
        if not isinstance(node, ast.Subscript):
            break
        sym = ev.lookup_expr(node.value, scope)
        name = special_name(sym.fullname) if sym is not None else None
        if name in QUALIFIERS:
            quals.add(name)
            node = node.slice
            continue
        if name == "Annotated" and isinstance(node.slice, ast.Tuple) and node.slice.elts:
            node = node.slice.elts[0]
            continue
        break
    return node, quals


def typeddict_constructor(td: TypedDictType, fullname: str, variables: tuple) -> CallableType:  # type: ignore[type-arg]
    """The class object's signature: one keyword argument per item."""
    return CallableType(
        tuple(t for _, t in td.items),
        tuple(NAMED if k in td.required else NAMED_OPT for k, _ in td.items),
        tuple(k for k, _ in td.items),
        td,
        name=fullname.rsplit(".", 1)[-1],
        is_type_obj=True,
        type_obj_name=fullname,
        variables=variables,
    )


def typeddict_in_split(p: Program, key: str, current: Type) -> tuple[Type, Type]:
    """Narrow ``current`` by ``key in x``: where true the key is present (a TypedDict that
    cannot have it goes, unless a subclass might add it); where false a TypedDict that
    requires it goes."""
    from tycheck.types.model import NeverType, make_union, union_items

    yes: list[Type] = []
    no: list[Type] = []
    for item in union_items(current):
        if not isinstance(item, TypedDictType):
            yes.append(item)
            no.append(item)
            continue
        value = item.item_type(key)
        if value is not None:
            if not isinstance(value, NeverType):  # NotRequired[Never]: the key is never there
                yes.append(item)
        else:
            info = p.class_info(item.fallback.fullname)
            if not (info is not None and info.is_final):
                yes.append(item)
        if key not in item.required:
            no.append(item)
    return make_union(yes), make_union(no)
