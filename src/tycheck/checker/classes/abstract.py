"""Abstract classes: which attributes leave a class abstract, and instantiating one.

A class is abstract when some name along its MRO, first seen (nearest class wins), is an
``@abstractmethod`` (or abstract property), or, in a protocol class outside a stub, a method
with a trivial body or a member declared without a value. Calling such a class object directly
(not through a ``type[A]`` value) is reported.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.semantic.symbols import FUNC, VAR, Symbol
from tycheck.types.model import CallableType, NoneType
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

ABSTRACT_DECORATORS = ("abc.abstractmethod", "abc.abstractproperty")
OVERLOAD_DECORATORS = ("overload", "typing.overload", "typing_extensions.overload")
EXPLICIT, IMPLICIT = 1, 2


def _is_overload_item(
    chk: "Evaluator", node: ast.FunctionDef | ast.AsyncFunctionDef, scope: object
) -> bool:
    return any(d in OVERLOAD_DECORATORS for d in chk.members.decorator_names(node, scope))


def _func_status(
    chk: "Evaluator", sym: Symbol, owner: str, is_protocol: bool, is_stub: bool
) -> int:
    """0, EXPLICIT or IMPLICIT: how abstract the function ``sym`` of class ``owner`` is."""
    defs = [d for d in sym.defs if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not defs:
        return 0
    first = defs[0]
    scope = chk.ev.class_scope(owner)
    if scope is None:
        return 0
    decos = chk.members.decorator_names(first, scope)
    if any(d in ABSTRACT_DECORATORS for d in decos):
        return EXPLICIT
    if any(d in OVERLOAD_DECORATORS for d in decos):
        # Only the first item counts; a protocol's overloads without an implementation are
        # abstract, with one they are not (even when its body is trivial).
        if is_protocol and not is_stub and all(_is_overload_item(chk, d, scope) for d in defs):
            return EXPLICIT
        return 0
    if is_protocol and not is_stub and is_trivial_body(first.body):
        return IMPLICIT
    return 0


def _has_value_elsewhere(ns_sym: Symbol, node: ast.ClassDef, name: str) -> bool:
    """A protocol member declared without a value but assigned somewhere in the class body."""
    for stmt in ast.walk(node):
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Name) and t.id == name:
                    return True
                if (
                    isinstance(t, ast.Attribute)
                    and t.attr == name
                    and isinstance(t.value, ast.Name)
                ):
                    return True
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
            t = stmt.target
            if isinstance(t, ast.Name) and t.id == name:
                return True
            if isinstance(t, ast.Attribute) and t.attr == name and isinstance(t.value, ast.Name):
                return True
    return False


def _var_status(chk: "Evaluator", sym: Symbol, owner: str, is_protocol: bool) -> int:
    """A protocol member ``x: T`` with no value anywhere in the class is abstract."""
    if not is_protocol or not isinstance(sym.node, ast.AnnAssign) or sym.node.value is not None:
        return 0
    if not isinstance(sym.node.target, ast.Name):
        return 0
    found = chk.p.class_node(owner)
    if found is None or _has_value_elsewhere(sym, found[1], sym.name):
        return 0
    return EXPLICIT


def abstract_attributes(chk: "Evaluator", fullname: str) -> list[tuple[str, int]]:
    """The abstract attributes of class ``fullname``, sorted by name, with their status."""

    def compute() -> list[tuple[str, int]]:
        info = chk.p.class_info(fullname)
        if info is None:
            return []
        concrete: set[str] = set()
        out: list[tuple[str, int]] = []
        declared: set[str] = set()
        abstract_vars: set[str] = set()
        for cls in info.mro:
            ns = chk.p.class_namespace(cls)
            if ns is not None:
                declared.update(ns.names)
                cinfo = chk.p.class_info(cls)
                if cinfo is not None and cinfo.is_protocol:
                    abstract_vars.update(
                        n
                        for n, sym in ns.names.items()
                        if sym.kind == VAR and _var_status(chk, sym, cls, True)
                    )
        for cls in info.mro:
            ns = chk.p.class_namespace(cls)
            found = chk.p.class_node(cls)
            if ns is None or found is None:
                continue
            cinfo = chk.p.class_info(cls)
            is_protocol = cinfo is not None and cinfo.is_protocol
            for name, sym in ns.names.items():
                if name not in concrete:
                    status = 0
                    if sym.kind == FUNC:
                        status = _func_status(chk, sym, cls, is_protocol, found[0].is_stub)
                    elif sym.kind == VAR:
                        status = _var_status(chk, sym, cls, is_protocol)
                    if status:
                        out.append((name, status))
                concrete.add(name)
            # ``self.x = ...`` defines x in the class when no base declares it, when it is
            # annotated, or when a base declares it as a protocol member without a value.
            for n, isym in chk.members.instance_attrs(cls).items():
                if n not in declared or isym.annotation is not None or n in abstract_vars:
                    concrete.add(n)
        return sorted(out)

    return chk.p.memo("abstract-attrs", fullname, compute, on_cycle=[])


def _can_return_none(chk: "Evaluator", fullname: str, name: str) -> bool:
    """Does the nearest definition of method ``name`` declare a return type that admits None?"""
    if not chk.p.strict_optional:
        return False
    found = chk.members.find_member(fullname, name)
    if found is None:
        return False
    sym, owner = found
    defs = [d for d in sym.defs if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))]
    node = chk.p.class_node(owner)
    # A property with a setter has no single definition to look at: not noted.
    if (
        not defs
        or node is None
        or _is_property_with_accessors(chk, defs)
        or defs[-1].returns is None
    ):
        return False
    sig = chk.ev.signature(node[0], defs[-1], owner)
    if not isinstance(sig, CallableType):
        return False
    return chk.p.relations.is_subtype(NoneType(), sig.ret_type)


def check_instantiation(chk: "Evaluator", e: ast.Call, fullname: str) -> None:
    """Report calling the abstract class object ``fullname``."""
    info = chk.p.class_info(fullname)
    if info is None or info.is_protocol or chk.p.relations.has_any_base(fullname):
        return
    attrs = abstract_attributes(chk, fullname)
    if not attrs:
        return
    names = [n for n, _ in attrs]
    chk.fail(
        e,
        Message(
            msg.cannot_instantiate_abstract(fullname.rsplit(".", 1)[-1], names), codes.ABSTRACT
        ),
    )
    with_none = [
        n for n, status in attrs if status == IMPLICIT and _can_return_none(chk, fullname, n)
    ]
    if with_none:
        chk.note(e, Message(msg.implicitly_abstract_note(with_none), codes.ABSTRACT))


def _is_property_with_accessors(
    chk: "Evaluator", defs: list[ast.FunctionDef | ast.AsyncFunctionDef]
) -> bool:
    return len(defs) > 1 and any(
        isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter")
        for d in defs[1].decorator_list
    )


def _trivial_for_super(chk: "Evaluator", sym: Symbol, owner: str) -> bool:
    """Is the definition ``super().name`` reaches an abstract one with a trivial body?"""
    found = chk.p.class_node(owner)
    scope = chk.ev.class_scope(owner)
    if found is None or found[0].is_stub or scope is None:
        return False
    info = chk.p.class_info(owner)
    is_protocol = info is not None and info.is_protocol
    defs = [d for d in sym.defs if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not defs or _is_property_with_accessors(chk, defs):
        return False
    first = defs[0]
    if _is_overload_item(chk, first, scope):
        impls = [d for d in defs if not _is_overload_item(chk, d, scope)]
        if impls:
            impl = impls[-1]
            abstract = is_protocol or any(
                d in ABSTRACT_DECORATORS for d in chk.members.decorator_names(impl, scope)
            )
            return abstract and is_trivial_body(impl.body)
        if is_protocol:
            return False
        return all(
            any(n in ABSTRACT_DECORATORS for n in chk.members.decorator_names(d, scope))
            for d in defs
        )
    if len(defs) > 1:
        return False
    abstract = is_protocol or any(
        d in ABSTRACT_DECORATORS for d in chk.members.decorator_names(first, scope)
    )
    return abstract and is_trivial_body(first.body)


def check_super_access(chk: "Evaluator", e: ast.Attribute, inst_cls: str, after: str) -> None:
    """``super().name`` reaching an abstract method whose body is trivial (it would return None)."""
    found = chk.members.find_member(inst_cls, e.attr, after)
    if found is None:
        return
    sym, owner = found
    rsym = chk.p.resolve(sym) or sym
    if rsym.kind != FUNC or rsym is not sym:
        return
    if _trivial_for_super(chk, sym, owner):
        chk.fail(e, Message(msg.unsafe_super(e.attr, owner.rsplit(".", 1)[-1]), codes.SAFE_SUPER))


def check_class_status(chk: "Evaluator", node: ast.ClassDef, fullname: str, is_stub: bool) -> None:
    """A final class left abstract; in a stub, a class abstract only through its bases
    without declaring an ABCMeta metaclass (likely an oversight)."""
    info = chk.p.class_info(fullname)
    if info is None or chk.p.relations.has_any_base(fullname):
        return
    attrs = abstract_attributes(chk, fullname)
    if not attrs:
        return
    names = ", ".join(f'"{n}"' for n, _ in attrs)
    display = fullname
    if is_stub and not info.is_protocol and not any(k.arg == "metaclass" for k in node.keywords):
        ns = chk.p.class_namespace(fullname)
        own = ns.names if ns is not None else {}
        if not any(n in own for n, _ in attrs):
            chk.fail(node, Message(f"Class {display} has abstract attributes {names}", codes.MISC))
            chk.note(
                node,
                em.IF_IT_IS_MEANT_TO_BE,
            )
    if info.is_final:
        chk.fail(
            node, Message(f"Final class {display} has abstract attributes {names}", codes.MISC)
        )


def is_trivial_body(body: list[ast.stmt]) -> bool:
    stmts = list(body)
    if (
        stmts
        and isinstance(stmts[0], ast.Expr)
        and isinstance(stmts[0].value, ast.Constant)
        and isinstance(stmts[0].value.value, str)
    ):
        stmts = stmts[1:]
    if not stmts:
        return True
    if len(stmts) == 1:
        s = stmts[0]
        if isinstance(s, ast.Pass):
            return True
        if (
            isinstance(s, ast.Expr)
            and isinstance(s.value, ast.Constant)
            and s.value.value is Ellipsis
        ):
            return True
        if isinstance(s, ast.Raise) and s.exc is not None:
            exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
            if isinstance(exc, ast.Name) and exc.id == "NotImplementedError":
                return True
    return False
