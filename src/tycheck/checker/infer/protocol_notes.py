"""The notes that explain why a type does not implement a protocol.

When an assignment, argument or return fails because the expected type is a protocol, mypy
follows the error with notes: the members the type lacks, the members whose types conflict
(``Expected:``/``Got:`` with signatures for methods), and members whose kind is wrong
(read-only where the protocol wants a settable variable, instance vs class variable, ...).
This module computes those notes as plain strings (indentation included); callers attach them
to the error they just reported. Anything it cannot describe precisely yields no note.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.semantic.symbols import FUNC, VAR
from tycheck.types.display import (
    MessageFormatter,
    find_overlaps,
    format_type,
    format_types,
    pretty_callable,
)
from tycheck.types.model import (
    POS,
    AnyType,
    CallableType,
    Instance,
    NeverType,
    Overloaded,
    TupleType,
    Type,
    UnionType,
)

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

OFFSET = "    "
MAX_ITEMS = 2  # at most this many missing members, conflicts and flag problems are shown

# Member flags, as mypy distinguishes them.
IS_VAR = "var"
IS_SETTABLE = "settable"
IS_CLASSVAR = "classvar"
IS_CLASS_OR_STATIC = "class_or_static"


def protocol_notes(chk: Evaluator, actual: Type, expected: Type) -> list[str]:
    """Notes for ``actual`` failing to match ``expected`` (or a protocol in an expected union)."""
    out: list[str] = []
    for exp in expected.items if isinstance(expected, UnionType) else (expected,):
        if isinstance(exp, Instance) and _is_protocol(chk, exp.fullname):
            try:
                out.extend(_notes_for(chk, actual, exp))
            except RecursionError:
                return []
    return out


def call_note(chk: Evaluator, actual: Type, expected: Type) -> list[str]:
    """``"C.__call__" has type "def __call__(self, x: int) -> int"`` when an instance of a
    class is passed where a callable is expected (or the callable misses a callback protocol)."""
    if isinstance(expected, CallableType) and isinstance(actual, Instance):
        call = chk.p.member_type(actual, "__call__")
        if isinstance(call, (CallableType, Overloaded)):
            return [f'"{format_type(actual)}.__call__" has type {_quoted_signature(call)}']
    if (
        isinstance(actual, (CallableType, Overloaded))
        and isinstance(expected, Instance)
        and _is_protocol(chk, expected.fullname)
    ):
        members = chk.p.protocol_members(expected.fullname) or ()
        if "__call__" in members:
            call = chk.p.member_type(expected, "__call__")
            if isinstance(call, (CallableType, Overloaded)) and not chk.p.relations.is_subtype(
                actual, call
            ):
                return [f'"{format_type(expected)}.__call__" has type {_quoted_signature(call)}']
    return []


def _quoted_signature(t: CallableType | Overloaded) -> str:
    """mypy's verbose type of a ``__call__``: ``def`` form once a parameter has a name."""
    if isinstance(t, Overloaded):
        return "overloaded function"
    if any(not (k == POS and n is None) for k, n in zip(t.arg_kinds, t.arg_names)):
        return f'"{_signature(t)}"'
    return f'"{format_type(t)}"'


def _is_protocol(chk: Evaluator, fullname: str) -> bool:
    info = chk.p.class_info(fullname)
    return info is not None and info.is_protocol


def _notes_for(chk: Evaluator, actual: Type, proto: Instance) -> list[str]:
    p = chk.p
    if isinstance(actual, TupleType) and proto.fullname in ("typing.Iterable", "typing.Sequence"):
        return []
    if any(isinstance(a, NeverType) for a in proto.args):
        return []  # failed inference (Iterable[Never]): notes would only confuse
    skip: tuple[str, ...] = ()
    left: Type = actual
    if isinstance(actual, TupleType):
        left = actual  # members are looked up on the tuple's fallback
    elif isinstance(actual, CallableType) and not actual.is_type_obj:
        left = Instance("builtins.function")
        skip = ("__call__",)
    elif not isinstance(actual, Instance):
        return []  # class objects, modules, typed dicts: not described (yet)
    subject = p.relations.tuple_fallback(left) if isinstance(left, TupleType) else left
    assert isinstance(subject, Instance)
    members = sorted(p.protocol_members(proto.fullname) or ())
    if not members:
        return []
    out: list[str] = []
    missing = [m for m in members if m not in skip and p.member_type(left, m) is None]
    subject_name = subject.fullname.rsplit(".", 1)[-1]
    proto_name = proto.fullname.rsplit(".", 1)[-1]
    if (
        missing
        and (len(missing) < len(members) or missing == ["__call__"])
        and len(missing) <= MAX_ITEMS
    ):
        out.append(
            f'"{subject_name}" is missing following "{proto_name}" protocol member{"s" if len(missing) > 1 else ""}:'
        )
        out.append(OFFSET + ", ".join(missing))
    elif len(missing) > MAX_ITEMS or len(missing) == len(members):
        return out
    conflicts = _conflicts(chk, left, proto, members)
    if conflicts and _show_conflicts(chk, subject, proto):
        out.append(f"Following member(s) of {_quoted(subject)} have conflicts:")
        for name, got, exp in conflicts[:MAX_ITEMS]:
            out.extend(_conflict_lines(name, got, exp))
        if len(conflicts) > MAX_ITEMS:
            out.append(OFFSET + f"<{len(conflicts) - MAX_ITEMS} more conflict(s) not shown>")
    out.extend(_flag_notes(chk, subject, proto, members, proto_name))
    return out


def _quoted(t: Type) -> str:
    return f'"{format_type(t)}"'


def _show_conflicts(chk: Evaluator, subject: Instance, proto: Instance) -> bool:
    """mypy leaves the conflicts out when only the protocol's type arguments are wrong."""
    sub_info = chk.p.class_info(subject.fullname)
    proto_info = chk.p.class_info(proto.fullname)
    if sub_info is None or proto_info is None or not sub_info.type_vars or not proto_info.type_vars:
        return True
    erased = Instance(proto.fullname, tuple(AnyType("special") for _ in proto_info.type_vars))
    return not chk.p.relations.is_subtype(subject, erased)


def _conflicts(
    chk: Evaluator, left: Type, proto: Instance, members: list[str]
) -> list[tuple[str, Type, Type]]:
    p = chk.p
    rel = p.relations
    out: list[tuple[str, Type, Type]] = []
    subject = rel.tuple_fallback(left) if isinstance(left, TupleType) else left
    for name in members:
        if name in ("__init__", "__new__"):
            continue
        exp = p.member_type(proto, name, subject if isinstance(subject, Instance) else None)
        got = p.member_type(left, name)
        if exp is None or got is None:
            continue
        if not rel.is_override_subtype(got, exp):
            out.append((name, got, exp))
            continue
        # A settable protocol member is also written through: its type must accept the
        # protocol's (both ways, for plain variables).
        if IS_SETTABLE in member_flags(chk, proto.fullname, name) and isinstance(subject, Instance):
            if not rel.is_subtype(exp, got):
                out.append((name, got, exp))
    return out


def _conflict_lines(name: str, got: Type, exp: Type) -> list[str]:
    if (
        not isinstance(exp, (CallableType, Overloaded))
        or not isinstance(got, (CallableType, Overloaded))
        or (isinstance(exp, CallableType) and exp.is_type_obj)
    ):
        e, g = format_types(exp, got)
        return [OFFSET + f'{name}: expected "{e}", got "{g}"']
    lines = [OFFSET + "Expected:"]
    lines.extend(_signature_lines(exp))
    lines.append(OFFSET + "Got:")
    lines.extend(_signature_lines(got))
    return lines


def _signature_lines(t: CallableType | Overloaded) -> list[str]:
    if isinstance(t, CallableType):
        return [2 * OFFSET + _signature(t)]
    lines: list[str] = []
    for item in t.items:
        lines.append(2 * OFFSET + "@overload")
        lines.append(2 * OFFSET + _signature(item))
    return lines


def _signature(t: CallableType) -> str:
    """``def f(self, x: int) -> int``: a bound method shows its (untyped) ``self``."""
    text = pretty_callable(t, MessageFormatter(find_overlaps([t])))
    if t.bound_self and not t.is_type_obj:
        name = (t.name or "").split(" ")[0]
        head = f"{name}("
        at = text.find(head)
        if at >= 0:
            rest = text[at + len(head) :]
            text = text[: at + len(head)] + ("self" if rest.startswith(")") else "self, ") + rest
    return text


# -- member flags --------------------------------------------------------------------------


def member_flags(chk: Evaluator, class_fullname: str, name: str) -> set[str]:
    """mypy's flags of a member: a variable, settable, a class variable, a class/static method."""
    found = chk.members.find_member(class_fullname, name)
    if found is None:
        return set()
    sym, owner = found
    rsym = chk.p.resolve(sym) or sym
    if rsym.kind == FUNC:
        first = rsym.defs[0] if rsym.defs else None
        scope = chk.members.ev.class_scope(owner)
        if not isinstance(first, (ast.FunctionDef, ast.AsyncFunctionDef)) or scope is None:
            return set()
        decos = chk.members.decorator_names(first, scope)
        if "builtins.staticmethod" in decos or "builtins.classmethod" in decos:
            return {IS_CLASS_OR_STATIC}
        from tycheck.checker.classes.members import PROPERTY_DECORATORS

        if any(d in PROPERTY_DECORATORS for d in decos):
            has_setter = any(
                isinstance(d, ast.Attribute) and d.attr == "setter"
                for node in rsym.defs
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                for d in node.decorator_list
            )
            return {IS_VAR, IS_SETTABLE} if has_setter else {IS_VAR}
        return set()
    if rsym.kind == VAR:
        flags = {IS_VAR}
        ann = rsym.annotation
        head = ann.value if isinstance(ann, ast.Subscript) else ann
        head_name = (
            head.id
            if isinstance(head, ast.Name)
            else head.attr
            if isinstance(head, ast.Attribute)
            else None
        )
        if head_name != "Final":
            flags.add(IS_SETTABLE)
        if head_name == "ClassVar":
            flags.add(IS_CLASSVAR)
        return flags
    return set()


def _flag_notes(
    chk: Evaluator, subject: Instance, proto: Instance, members: list[str], proto_name: str
) -> list[str]:
    out: list[str] = []
    shown = 0
    for name in members:
        if chk.members.find_member(subject.fullname, name) is None:
            continue
        sub = member_flags(chk, subject.fullname, name)
        sup = member_flags(chk, proto.fullname, name)
        bad = (
            (IS_CLASSVAR in sub and IS_CLASSVAR not in sup and IS_SETTABLE in sup)
            or (IS_CLASSVAR in sup and IS_CLASSVAR not in sub)
            or (IS_SETTABLE in sup and IS_SETTABLE not in sub)
            or (IS_CLASS_OR_STATIC in sup and IS_CLASS_OR_STATIC not in sub)
        )
        if not bad:
            continue
        shown += 1
        if shown > MAX_ITEMS:
            break
        if IS_CLASSVAR in sub and IS_CLASSVAR not in sup:
            out.append(
                f"Protocol member {proto_name}.{name} expected instance variable, got class variable"
            )
        if IS_CLASSVAR in sup and IS_CLASSVAR not in sub:
            out.append(
                f"Protocol member {proto_name}.{name} expected class variable, got instance variable"
            )
        if IS_SETTABLE in sup and IS_SETTABLE not in sub:
            out.append(
                f"Protocol member {proto_name}.{name} expected settable variable, got read-only attribute"
            )
        if IS_CLASS_OR_STATIC in sup and IS_CLASS_OR_STATIC not in sub:
            out.append(f"Protocol member {proto_name}.{name} expected class or static method")
    return out
