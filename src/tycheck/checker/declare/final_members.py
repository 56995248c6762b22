"""Final attributes: an attribute declared ``Final`` is never assigned after its declaration.

``x: Final = 1`` in a class body, or ``self.x: Final = 1`` in a method, declares a final
attribute; any later assignment to it, through an instance, the class or a subclass, is
mypy's 'Cannot assign to final attribute "x"'. The one exception: ``x: Final[int]`` declared
without a value in the class body is given its value in that class's ``__init__``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import TypeScope, special_name
from tycheck.semantic.symbols import VAR, Symbol
from tycheck.types.model import CallableType, Instance, ModuleType, Type, TypeType

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def _class_of(base: Type) -> str | None:
    """The class whose attribute an assignment to ``base.attr`` sets."""
    if isinstance(base, Instance):
        return base.fullname
    if isinstance(base, TypeType) and isinstance(base.item, Instance):
        return base.item.fullname
    if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
        return base.type_obj_name
    return None


def is_final_symbol(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    """Whether ``sym`` (a member of the class ``owner``) is annotated ``Final``."""
    ann = sym.annotation
    if sym.kind != VAR or ann is None:
        return False
    head = ann.value if isinstance(ann, ast.Subscript) else ann
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return False
    scope = chk.ev.class_scope(owner)
    if scope is None:
        return False
    found = chk.ev.lookup_expr(head, scope)
    return found is not None and special_name(found.fullname) == "Final"


def final_declaration(chk: "Evaluator", cls: str, name: str) -> tuple[Symbol, str] | None:
    """The ``Final`` declaration of the attribute ``name`` in ``cls`` or a base class (a
    subclass that assigns the name again does not lift it), and the class declaring it."""
    for c in chk.p.relations.mro(cls):
        found = chk.members.find_member(c, name)
        if found is not None and found[1] == c and is_final_symbol(chk, found[0], c):
            return found
    return None


def final_assignment_errors(
    chk: "Evaluator", base: Type, target: ast.Attribute, stmt: ast.AST | None
) -> list[str]:
    """mypy's errors for assigning to ``target`` (whose object has type ``base``) when it is a
    final attribute (or a module's final name) set again after its declaration."""
    if isinstance(base, ModuleType):
        sym = chk.p.resolve(chk.p.module_symbol(base.name, target.attr))
        mod = chk.p.module(sym.fullname.rsplit(".", 1)[0]) if sym is not None else None
        if sym is None or mod is None or not _is_final_in_module(chk, sym, mod):
            return []
        return [f'Cannot assign to final name "{target.attr}"']
    cls = _class_of(base)
    if cls is None or chk.p.relations.has_any_base(cls):
        return []
    found = final_declaration(chk, cls, target.attr)
    if found is None:
        return []
    sym, owner = found
    if isinstance(stmt, ast.AnnAssign) and stmt.target is target:
        return []  # a declaration: its own errors are reported elsewhere
    in_owner = chk.class_fullname == owner
    line = getattr(stmt, "lineno", 0)
    if in_owner and getattr(sym.node, "lineno", sym.line) > line:
        return []  # assigned before the Final declaration (reported there)
    func = chk.func
    if (
        in_owner
        and sym.value is None
        and sym.in_class_body
        and func is not None
        and func.name == "__init__"
        and _first_assignment(func, target.attr) == line
    ):
        return []  # ``x: Final[int]`` in the body, its value given in ``__init__``
    out = []
    first = chk.members.find_member(cls, target.attr)
    if not isinstance(base, Instance) and first == found and not sym.in_class_body:
        out.append(f'Cannot access final instance attribute "{target.attr}" on class object')
    return out + [f'Cannot assign to final attribute "{target.attr}"']


def _is_final_in_module(chk: "Evaluator", sym: Symbol, mod: object) -> bool:
    ann = sym.annotation
    if sym.kind != VAR or ann is None:
        return False
    head = ann.value if isinstance(ann, ast.Subscript) else ann
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return False
    found = chk.ev.lookup_expr(head, TypeScope(mod))  # type: ignore[arg-type]
    return found is not None and special_name(found.fullname) == "Final"


def _first_assignment(func: ast.AST, attr: str) -> int:
    """The line of the first ``<name>.attr = ...`` in a method's body."""
    lines = [
        node.lineno
        for node in ast.walk(func)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(
            isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            for t in ast.walk(target)
        )
    ]
    return min(lines, default=0)


# -- overrides ---------------------------------------------------------------------------

_FuncDef = (ast.FunctionDef, ast.AsyncFunctionDef)


def _is_final_method(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    """A method decorated ``@final`` (on any of its definitions: an overload's implementation)."""
    scope = chk.ev.class_scope(owner)
    if scope is None:
        return False
    return any(
        isinstance(d, _FuncDef) and "final" in chk.members.decorator_names(d, scope)
        for d in sym.defs
    )


def _base_member(chk: "Evaluator", cls: str, name: str) -> tuple[Symbol, str] | None:
    """``name`` as the nearest base class of ``cls`` declares it."""
    for base in chk.p.relations.mro(cls)[1:]:
        found = chk.members.find_member(base, name)
        if found is not None and found[1] == base:
            return found
    return None


def _is_final_member(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    return is_final_symbol(chk, sym, owner) or _is_final_method(chk, sym, owner)


def _is_writable(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    """A plain variable, or a property with a setter."""
    if sym.kind == VAR:
        return not is_final_symbol(chk, sym, owner)
    return len(sym.defs) > 1 and all(isinstance(d, _FuncDef) for d in sym.defs)


def _overridden(chk: "Evaluator", cls: str, name: str) -> tuple[Symbol, str] | None:
    found = _base_member(chk, cls, name)
    if found is None or name.startswith("__") and not name.endswith("__"):
        return None
    return found


def final_override_errors(
    chk: "Evaluator", node: ast.ClassDef, fullname: str
) -> list[tuple[ast.AST, str]]:
    """mypy's errors for a class body that redefines a base class's final attribute, or makes
    a base class's writable attribute final: (where, message) in source order."""
    out: list[tuple[ast.AST, str]] = []
    if chk.p.relations.has_any_base(fullname):
        return out
    ns = chk.p.class_namespace(fullname)
    _multiple_inheritance(chk, node, fullname, out)
    for stmt in node.body:
        if isinstance(stmt, _FuncDef):
            sym = ns.names.get(stmt.name) if ns is not None else None
            if sym is None or not sym.defs or sym.defs[0] is not stmt:
                continue
            where: ast.AST = stmt.decorator_list[0] if stmt.decorator_list else stmt
            mine_final = _is_final_method(chk, sym, fullname)
            _override_error(chk, fullname, stmt.name, mine_final, where, out)
            if stmt.name == "__init__" and stmt.args.args:
                _init_declarations(chk, fullname, stmt, out)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            sym = ns.names.get(stmt.target.id) if ns is not None else None
            mine_final = sym is not None and is_final_symbol(chk, sym, fullname)
            if mine_final and sym is not None and sym.node is not stmt:
                continue
            _override_error(chk, fullname, stmt.target.id, mine_final, stmt, out, name_form=True)
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Name):
                    _override_error(chk, fullname, t.id, False, stmt, out, name_form=True)
    return out


def _override_error(
    chk: "Evaluator",
    cls: str,
    name: str,
    mine_final: bool,
    where: ast.AST,
    out: list[tuple[ast.AST, str]],
    name_form: bool = False,
) -> None:
    found = _overridden(chk, cls, name)
    if found is None:
        return
    sym, owner = found
    if _is_final_member(chk, sym, owner):
        if name_form and not mine_final and sym.kind == VAR:
            out.append((where, f'Cannot assign to final name "{name}"'))
        else:
            base = owner.rsplit(".", 1)[-1]
            out.append(
                (
                    where,
                    f'Cannot override final attribute "{name}" '
                    f'(previously declared in base class "{base}")',
                )
            )
    elif mine_final and _is_writable(chk, sym, owner):
        out.append((where, f'Cannot override writable attribute "{name}" with a final one'))


def _init_declarations(
    chk: "Evaluator", cls: str, func: ast.AST, out: list[tuple[ast.AST, str]]
) -> None:
    """``self.x: Final = ...`` in ``__init__`` redefining a base class's final ``x``."""
    assert isinstance(func, _FuncDef)
    self_name = func.args.args[0].arg
    scope = chk.ev.class_scope(cls)
    for sub in ast.walk(func):
        if not (
            isinstance(sub, ast.AnnAssign)
            and isinstance(sub.target, ast.Attribute)
            and isinstance(sub.target.value, ast.Name)
            and sub.target.value.id == self_name
            and scope is not None
        ):
            continue
        head = sub.annotation.value if isinstance(sub.annotation, ast.Subscript) else sub.annotation
        found = (
            chk.ev.lookup_expr(head, scope) if isinstance(head, (ast.Name, ast.Attribute)) else None
        )
        if found is not None and special_name(found.fullname) == "Final":
            base = _overridden(chk, cls, sub.target.attr)
            if base is not None and _is_final_member(chk, *base):
                _override_error(chk, cls, sub.target.attr, True, sub, out)


def _own_names(chk: "Evaluator", cls: str) -> set[str]:
    ns = chk.p.class_namespace(cls)
    names = set(ns.names) if ns is not None else set()
    return names | set(chk.members.instance_attrs(cls))


def _multiple_inheritance(
    chk: "Evaluator", node: ast.ClassDef, fullname: str, out: list[tuple[ast.AST, str]]
) -> None:
    """A name two direct bases both define: the later base's final attribute is overridden by
    the earlier base's; the earlier base's final attribute overrides a later writable one."""
    info = chk.p.class_info(fullname)
    if info is None or len(info.bases) < 2:
        return
    bases = [b.fullname for b in info.bases]
    for i, first in enumerate(bases):
        for second in bases[i + 1 :]:
            for name in sorted(_own_names(chk, first) & _own_names(chk, second)):
                if name.startswith("__"):
                    continue
                a = chk.members.find_member(first, name)
                b = chk.members.find_member(second, name)
                if a is None or b is None or a[1] == b[1]:
                    continue
                if _is_final_member(chk, *b):
                    base = b[1].rsplit(".", 1)[-1]
                    out.append(
                        (
                            node,
                            f'Cannot override final attribute "{name}" '
                            f'(previously declared in base class "{base}")',
                        )
                    )
                elif _is_final_member(chk, *a) and _is_writable(chk, *b):
                    out.append(
                        (node, f'Cannot override writable attribute "{name}" with a final one')
                    )
