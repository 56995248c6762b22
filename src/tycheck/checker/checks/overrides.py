"""Method override checks: a method redefined in a subclass must accept what the base accepts.

For each method of a class and each class after it in the MRO that defines the same name,
the bound signatures are compared as mypy does: first the whole signature, then (when the
shapes agree) argument by argument and the return type, falling back to the generic
"Signature of ... incompatible" message with both signatures as notes.
Anything we cannot model precisely (decorators, properties, overloads against
non-overloads) is skipped: a missed error is better than a false one.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.checks.method_info import (
    SKIPPED,
    FUNC_DEFS,
    is_private,
    method_info,
)
from tycheck.checker.checks.multiple_inheritance import check_multiple_inheritance
from tycheck.checker.declare.typeddict import is_typeddict_class
from tycheck.checker.core import messages as msg
from tycheck.checker.declare.names import is_annotated
from tycheck.semantic.symbols import VAR
from tycheck.types.display import format_types, pretty_callable
from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    OPT,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    Overloaded,
    PartialType,
    Type,
    strip_literal,
)
from tycheck.types.subst import has_type_vars
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def check_method_overrides(chk: "Evaluator", node: ast.ClassDef, fullname: str) -> None:
    """Report incompatible method overrides in the body of class ``fullname``."""
    check_multiple_inheritance(chk, node, fullname)
    info = chk.p.class_info(fullname)
    ns = chk.p.class_namespace(fullname)
    if info is None or ns is None or len(info.mro) < 2:
        return
    self_inst = Instance(fullname, tuple(info.type_vars))
    for stmt in node.body:
        if not isinstance(stmt, FUNC_DEFS) or stmt.name in SKIPPED or is_private(stmt.name):
            continue
        if not is_annotated(stmt):
            continue  # mypy leaves unannotated overrides alone
        sym = ns.names.get(stmt.name)
        if sym is None or not sym.defs or sym.defs[0] is not stmt:
            continue
        mine = method_info(chk, fullname, sym)
        if mine is None:
            continue
        override = chk.members.class_member_type(self_inst, stmt.name)
        if not isinstance(override, (CallableType, Overloaded)):
            continue
        saved, chk.stmt_line = chk.stmt_line, stmt.lineno  # an ignore on the def line covers
        for base in info.mro[1:]:
            _check_against_base(chk, stmt, mine[1], override, self_inst, base)
        chk.stmt_line = saved


def _check_against_base(
    chk: "Evaluator",
    stmt: ast.FunctionDef | ast.AsyncFunctionDef,
    decos: list[str],
    override: CallableType | Overloaded,
    self_inst: Instance,
    base: str,
) -> None:
    base_ns = chk.p.class_namespace(base)
    if base_ns is None or stmt.name not in base_ns.names:
        return
    bsym = chk.p.resolve(base_ns.names[stmt.name]) or base_ns.names[stmt.name]
    theirs = method_info(chk, base, bsym)
    if theirs is None:
        return
    base_inst = chk.p.relations.map_to_supertype(self_inst, base)
    if base_inst is None:
        return
    original = chk.members.class_member_type(base_inst, stmt.name)
    if not isinstance(original, (CallableType, Overloaded)):
        return
    if isinstance(override, Overloaded) or isinstance(original, Overloaded):
        # FIXME: overload items restricted by a self annotation (``self: IO[bytes]``) must be
        # dropped for the subclass before comparing (rich's NullFile(IO[str]).write).
        if not _self_restricted(chk, base, stmt.name):
            _check_overloaded(chk, stmt, decos, override, original, base, theirs)
        return
    if _accepts_anything(original):
        return
    orig_cls_static = any(d in ("builtins.staticmethod", "builtins.classmethod") for d in theirs[1])
    over_cls_static = any(d in ("builtins.staticmethod", "builtins.classmethod") for d in decos)
    fail = not chk.p.relations.is_override_subtype(override, original)
    if orig_cls_static and not over_cls_static:
        fail = True
    if not fail:
        return
    base_name = base.rsplit(".", 1)[-1] if base.rsplit(".", 1)[0] == chk.mod.name else base
    emitted = False
    if len(override.arg_types) == len(original.arg_types) and _min_args(override) == _min_args(
        original
    ):
        emitted = _detailed(chk, stmt, override, original, base_name, decos)
    if not emitted:
        _signature_incompatible(
            chk, stmt, override, original, base_name, theirs[0], theirs[1], decos
        )


def _check_overloaded(
    chk: "Evaluator",
    stmt: ast.FunctionDef | ast.AsyncFunctionDef,
    decos: list[str],
    override: CallableType | Overloaded,
    original: CallableType | Overloaded,
    base: str,
    theirs: tuple[ast.FunctionDef | ast.AsyncFunctionDef, list[str]],
) -> None:
    """A plain method overriding an overloaded one must match every item; only the general
    message is given. An overloaded override is not compared: mypy accepts overloads whose
    items together cover a union, which the subtype relation does not model."""
    if isinstance(override, Overloaded) or override.variables:
        return
    if any(_accepts_anything(i) for i in _items(original)):
        return
    if chk.p.relations.is_override_subtype(override, original):
        return
    base_name = base.rsplit(".", 1)[-1] if base.rsplit(".", 1)[0] == chk.mod.name else base
    _signature_incompatible(chk, stmt, override, original, base_name, theirs[0], theirs[1], decos)


def _self_restricted(chk: "Evaluator", base: str, name: str) -> bool:
    """Whether a def of ``base.name`` annotates its first parameter (a self-type restriction)."""
    ns = chk.p.class_namespace(base)
    sym = ns.names.get(name) if ns is not None else None
    for d in sym.defs if sym is not None else ():
        if isinstance(d, FUNC_DEFS):
            params = d.args.posonlyargs + d.args.args
            if params and params[0].annotation is not None:
                return True
    return sym is None


def _items(t: CallableType | Overloaded) -> tuple[CallableType, ...]:
    return t.items if isinstance(t, Overloaded) else (t,)


def _accepts_anything(c: CallableType) -> bool:
    """``(*args: Any, **kwargs: Any)``: mypy lets any signature override it."""
    kinds = dict(zip(c.arg_kinds, c.arg_types))
    return (
        STAR in kinds
        and STAR2 in kinds
        and isinstance(kinds[STAR], AnyType)
        and isinstance(kinds[STAR2], AnyType)
    )


def _min_args(c: CallableType) -> int:
    return sum(1 for k in c.arg_kinds if k in (POS, NAMED))


def _detailed(
    chk: "Evaluator",
    stmt: ast.FunctionDef | ast.AsyncFunctionDef,
    override: CallableType,
    original: CallableType,
    base_name: str,
    decos: list[str],
) -> bool:
    rel = chk.p.relations
    emitted = False
    params = list(stmt.args.posonlyargs) + list(stmt.args.args)
    bound = 0 if "builtins.staticmethod" in decos else 1
    for i, (sub_kind, super_kind) in enumerate(zip(override.arg_kinds, original.arg_kinds)):
        if sub_kind in (POS, OPT) and super_kind in (POS, OPT):
            sub_t, super_t = override.arg_types[i], original.arg_types[i]
        elif sub_kind in (NAMED, NAMED_OPT) and super_kind in (NAMED, NAMED_OPT):
            name = override.arg_names[i]
            if name not in original.arg_names:
                continue
            sub_t, super_t = (
                override.arg_types[i],
                original.arg_types[original.arg_names.index(name)],
            )
        else:
            continue
        if override.variables or isinstance(sub_t, AnyType):
            continue  # generic overrides: the erased comparison is not modelled
        if rel.is_subtype(super_t, sub_t):
            continue
        ctx: ast.AST = stmt
        if not decos and i + bound < len(params):
            ctx = params[i + bound]
        chk.fail(
            ctx,
            Message(
                msg.arg_incompatible_with_supertype(i + 1, stmt.name, base_name, super_t),
                codes.OVERRIDE,
            ),
        )
        if stmt.name != "__post_init__":
            chk.note(ctx, em.THIS_VIOLATES_THE_LISKOV_SUBSTITUTION_PRINCIPLE)
            chk.note(
                ctx,
                em.SEE_HTTPS_MYPY_READTHEDOCS_IO_EN,
            )
        emitted = True
    if not override.variables and not rel.is_subtype(override.ret_type, original.ret_type):
        chk.fail(
            stmt,
            Message(
                msg.return_incompatible_with_supertype(
                    stmt.name, override.ret_type, base_name, original.ret_type
                ),
                codes.OVERRIDE,
            ),
        )
        emitted = True
    return emitted


def _pretty_bound(
    c: CallableType | Overloaded, first_param: str | None, decos: list[str]
) -> list[str]:
    """mypy's notes for a bound method: the decorator line, then ``def f(self, x: int) -> R``
    (each item of an overload after an ``@overload`` line)."""
    if isinstance(c, Overloaded):
        return [
            line
            for item in c.items
            for line in ["@overload"] + _pretty_bound(item, first_param, decos)
        ]
    lines: list[str] = []
    if "builtins.classmethod" in decos:
        lines.append("@classmethod")
    elif "builtins.staticmethod" in decos:
        lines.append("@staticmethod")
    text = pretty_callable(c)
    if first_param and "builtins.staticmethod" not in decos:
        head, sep, rest = text.partition("(")
        text = head + sep + first_param + (", " + rest if not rest.startswith(")") else rest)
    lines.append(text)
    return lines


def _first_param(f: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    params = list(f.args.posonlyargs) + list(f.args.args)
    return params[0].arg if params else None


def _signature_incompatible(
    chk: "Evaluator",
    stmt: ast.FunctionDef | ast.AsyncFunctionDef,
    override: CallableType | Overloaded,
    original: CallableType | Overloaded,
    base_name: str,
    base_def: ast.FunctionDef | ast.AsyncFunctionDef,
    base_decos: list[str],
    decos: list[str],
) -> None:
    chk.fail(
        stmt,
        Message(
            f'Signature of "{stmt.name}" incompatible with supertype "{base_name}"', codes.OVERRIDE
        ),
    )
    chk.note(stmt, em.SUPERCLASS)
    for line in _pretty_bound(original, _first_param(base_def), base_decos):
        chk.note(stmt, Message("         " + line, codes.OVERRIDE))
    chk.note(stmt, em.SUBCLASS)
    for line in _pretty_bound(override, _first_param(stmt), decos):
        chk.note(stmt, Message("         " + line, codes.OVERRIDE))


# Names whose type a subclass may change freely.
_FREE_VARIABLES = (
    "__slots__",
    "__deletable__",
    "__match_args__",
    "__hash__",
    "__doc__",
    "__module__",
    "__qualname__",
)


def check_variable_override(
    chk: "Evaluator",
    target: ast.Name,
    value: ast.expr | None,
    declared: Type | None,
    stmt: ast.stmt,
) -> None:
    """``x = value`` or ``x: T`` in a class body against ``x`` in the bases.

    Reports "Incompatible types in assignment (... base class "B" defined the type as ...)"
    once per statement, for the first base that disagrees."""
    cls = chk.class_fullname
    if cls is None or chk.func is not None or is_private(target.id) or target.id in _FREE_VARIABLES:
        return
    info = chk.p.class_info(cls)
    ns = chk.p.class_namespace(cls)
    if info is None or ns is None or len(info.mro) < 2 or target.id not in ns.names:
        return
    if is_typeddict_class(info):
        return  # breadth hook: TypedDict keys are compared by declare/typeddict_defs.py
    sym = ns.names[target.id]
    if sym.kind != VAR:
        return
    if sym.annotation is not None and sym.node is not stmt:
        return  # an annotated variable is compared at its declaration only
    self_inst = Instance(cls, tuple(info.type_vars))
    for base in info.mro[1:]:
        base_t = _base_variable_type(chk, self_inst, base, target.id)
        if base_t is None:
            continue
        compare = declared
        if compare is None and value is not None:
            with chk.quiet():
                compare = strip_literal(chk.infer(value, base_t))
        if compare is None or isinstance(compare, (CallableType, Overloaded, AnyType)):
            return
        if not chk.p.relations.is_subtype(compare, base_t):
            got, expected = format_types(compare, base_t)
            base_name = base.rsplit(".", 1)[-1]
            chk.fail(
                value if value is not None else target,
                Message(
                    f'Incompatible types in assignment (expression has type "{got}", base class "{base_name}" defined the type as "{expected}")',
                    codes.ASSIGNMENT,
                ),
            )
        return


def _base_variable_type(chk: "Evaluator", self_inst: Instance, base: str, name: str) -> Type | None:
    """The type of variable ``name`` declared in class ``base`` as seen from the subclass."""
    base_ns = chk.p.class_namespace(base)
    sym = base_ns.names.get(name) if base_ns is not None else None
    if sym is None:
        return None
    rsym = chk.p.resolve(sym) or sym
    if rsym.kind != VAR or (
        rsym.annotation is None and rsym.value is None and not rsym.type_comment
    ):
        return None
    base_inst = chk.p.relations.map_to_supertype(self_inst, base)
    if base_inst is None:
        return None
    t = chk.members.class_member_type(base_inst, name)
    if (
        t is None
        or isinstance(t, (AnyType, CallableType, Overloaded, PartialType))
        or has_type_vars(t, lambda v: True)
    ):
        return None
    return t
