"""Checks of classes made by ``attrs``, and the signature of ``attrs.evolve``.

The class model itself (options, fields, the generated ``__init__``) is in ``attrs.py``; this
module reports misuse of it: bad decorator and ``attr.ib`` arguments, unannotated attributes
under ``auto_attribs``, and ``evolve`` on a non-attrs value.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING
from tycheck.checker.core import messages as msg
from tycheck.types.model import (
    NAMED_OPT,
    POS,
    AnyType,
    CallableType,
    Instance,
    Type,
    TypeVarType,
    UnionType,
)
from tycheck.types.display import format_type
from tycheck.types.subst import expand
from tycheck.checker.classes.attrs import (
    _attrib_call,
    _converter_type,
    _detect_auto_attribs,
    _kwarg,
    _maker_name,
    all_fields,
    attrs_options,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.checker.core.evaluator import MemberAccess as Members


def check_attrs_class(
    chk: "Evaluator", node: ast.ClassDef, fullname: str, disallow_untyped_defs: bool = False
) -> None:
    """Errors attrs classes have beyond ordinary classes: an attribute without a default after
    one with a default, ``attr.ib()`` without annotation under ``auto_attribs``, and one
    ``attr.ib()`` bound to several names."""
    opts = attrs_options(chk.members, fullname)
    scope = chk.members.ev.class_scope(fullname)
    if opts is None or opts.opaque or scope is None:
        return
    auto_attribs = (
        opts.auto_attribs
        if opts.auto_attribs is not None
        else _detect_auto_attribs(chk.members, node.body, scope)
    )
    _check_decorator_arguments(chk, node, scope)
    for stmt in node.body:
        for sub in ast.walk(stmt) if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else ():
            call = _attrib_call(chk.members, sub, scope) if isinstance(sub, ast.Call) else None
            if call is not None:
                _check_attrib_call(chk, call, scope)
        if not isinstance(stmt, ast.Assign):
            continue
        if auto_attribs:
            for name in _unannotated_attrib_names(chk.members, stmt, scope):
                chk.fail(stmt, Message(msg.need_annotation(name, None), codes.VAR_ANNOTATED))
        elif len(stmt.targets) > 1 and _attrib_call(chk.members, stmt.value, scope) is not None:
            chk.fail(stmt, em.TOO_MANY_NAMES_FOR_ONE_ATTRIBUTE)
    fields = all_fields(chk.members, fullname)
    if fields is None:
        return
    if disallow_untyped_defs:
        for f in fields:
            if (
                f.untyped
                and f.init
                and f.node is not None
                and any(f.node is st for st in node.body)
            ):
                chk.fail(f.node, Message(msg.need_annotation(f.name, None), codes.VAR_ANNOTATED))
    last_default = False
    for f in fields:
        if not f.init or f.kw_only:
            continue
        if not f.has_default and last_default:
            own = f.node is not None and any(f.node is s for s in node.body)
            chk.fail(
                f.node if own else node,
                em.NON_DEFAULT_ATTRIBUTES_NOT_ALLOWED_AFTER,
            )
        last_default |= f.has_default


def _unannotated_attrib_names(members: "Members", stmt: ast.Assign, scope) -> list[str]:  # type: ignore[no-untyped-def]
    names: list[str] = []
    for target in stmt.targets:
        if isinstance(target, ast.Name) and _attrib_call(members, stmt.value, scope) is not None:
            names.append(target.id)
        elif (
            isinstance(target, ast.Tuple)
            and isinstance(stmt.value, ast.Tuple)
            and len(target.elts) == len(stmt.value.elts)
        ):
            names.extend(
                e.id
                for e, v in zip(target.elts, stmt.value.elts)
                if isinstance(e, ast.Name) and _attrib_call(members, v, scope) is not None
            )
    return names


_OPTIONAL_BOOL_OPTIONS = ("cmp", "eq", "order", "auto_attribs")


_BOOL_OPTIONS = ("init", "kw_only", "frozen", "slots", "match_args")


def _is_literal(e: ast.expr, allow_none: bool) -> bool:
    return isinstance(e, ast.Constant) and (
        isinstance(e.value, bool) or (allow_none and e.value is None)
    )


def _check_decorator_arguments(chk: "Evaluator", node: ast.ClassDef, scope) -> None:  # type: ignore[no-untyped-def]
    """The decorator's options must be literals; ``cmp`` excludes ``eq``/``order``."""
    for d in node.decorator_list:
        if not isinstance(d, ast.Call) or _maker_name(chk.members, d, scope) is None:
            continue
        given = {k.arg: k.value for k in d.keywords if k.arg is not None}
        for name, value in given.items():
            if name in _OPTIONAL_BOOL_OPTIONS and not _is_literal(value, True):
                chk.fail(
                    d,
                    Message(
                        f'"{name}" argument must be a True, False, or None literal',
                        codes.LITERAL_REQUIRED,
                    ),
                )
            elif name in _BOOL_OPTIONS and not _is_literal(value, False):
                chk.fail(
                    value,
                    Message(
                        f'"{name}" argument must be a True or False literal', codes.LITERAL_REQUIRED
                    ),
                )
        consts = {n: v.value for n, v in given.items() if isinstance(v, ast.Constant)}
        if consts.get("cmp") is not None and (
            consts.get("eq") is not None or consts.get("order") is not None
        ):
            chk.fail(d, em.DON_T_MIX_CMP_WITH_EQ)
        elif (
            consts.get("cmp") is None and consts.get("eq") is False and consts.get("order") is True
        ):
            chk.fail(d, em.EQ_MUST_BE_TRUE_IF_ORDER)


def _check_attrib_call(chk: "Evaluator", call: ast.Call, scope) -> None:  # type: ignore[no-untyped-def]
    """Arguments of ``attr.ib()`` attrs rejects when it makes the class."""
    conv = _kwarg(call, "converter") or _kwarg(call, "convert")
    if conv is not None and _converter_type(chk.members, conv, scope) is None:
        chk.fail(
            conv,
            em.UNSUPPORTED_CONVERTER_ONLY_NAMED_FUNCTIONS_TYPES,
        )
    for name in ("init", "kw_only"):
        value = _kwarg(call, name)
        if value is not None and not _is_literal(value, False):
            chk.fail(
                value,
                Message(
                    f'"{name}" argument must be a True or False literal', codes.LITERAL_REQUIRED
                ),
            )
    if _kwarg(call, "default") is not None and _kwarg(call, "factory") is not None:
        chk.fail(call, em.CAN_T_PASS_BOTH_DEFAULT_AND)
    if _kwarg(call, "convert") is not None:
        if _kwarg(call, "converter") is not None:
            chk.fail(call, em.CAN_T_PASS_BOTH_CONVERT_AND)
        else:
            chk.fail(call, em.CONVERT_IS_DEPRECATED_USE_CONVERTER)
    alias = _kwarg(call, "alias")
    if alias is not None and not (isinstance(alias, ast.Constant) and isinstance(alias.value, str)):
        chk.fail(call, em.ALIAS_ARGUMENT_TO_ATTRS_FIELD_MUST)


EVOLVE_FUNCTIONS = ("attr.evolve", "attr.assoc", "attrs.evolve", "attrs.assoc")


def evolve_signature(chk: "Evaluator", e: ast.Call) -> tuple[CallableType, str] | None:
    """``attr.evolve(inst, **changes)`` on an attrs instance: a signature taking the instance's
    ``__init__`` parameters by keyword, and the type to name it by ("evolve" of "C").
    None (the stub's own signature) for anything else."""
    if not isinstance(e.func, (ast.Name, ast.Attribute)):
        return None
    sym = chk.ev.lookup_expr(e.func, chk.scope)
    if sym is None or sym.fullname not in EVOLVE_FUNCTIONS:
        return None
    inst_args = [a for a in e.args[:1]] + [k.value for k in e.keywords if k.arg == "inst"]
    if len(inst_args) != 1 or isinstance(inst_args[0], ast.Starred):
        return None
    with chk.quiet():
        inst_t = chk.infer(inst_args[0])
    found = _evolve_fields(chk, e, inst_t, inst_t, inst_t)
    if found is None or len(found) != 1:
        return None  # Any, an error reported, or a union of several classes (not modelled)
    params = list(found[0].items())
    sig = CallableType(
        (inst_t,) + tuple(t for _, t in params),
        (POS,) + tuple(NAMED_OPT for _ in params),
        ("inst",) + tuple(n for n, _ in params),
        inst_t,
        name=sym.fullname.rsplit(".", 1)[-1],
    )
    return sig, format_type(inst_t)


def _evolve_fields(
    chk: "Evaluator", e: ast.Call, t: Type, display: Type, parent: Type
) -> list[dict[str, Type]] | None:
    """The ``__init__`` parameters (name -> type) of each attrs class ``t`` can be; reports
    items that are not attrs classes; None when some item is Any or not an attrs class."""
    if isinstance(t, AnyType):
        return None
    if isinstance(t, UnionType):
        out: list[dict[str, Type]] | None = []
        for item in t.items:
            got = _evolve_fields(chk, e, item, item, parent)
            out = out + got if out is not None and got is not None else None
        return out
    if isinstance(t, TypeVarType):
        return _evolve_fields(chk, e, t.upper_bound, display, parent)
    if isinstance(t, Instance):
        info = chk.p.class_info(t.fullname)
        cls = (
            next((c for c in info.mro if attrs_options(chk.members, c) is not None), None)
            if info is not None
            else None
        )
        if cls is not None:
            init = chk.members._attrs_constructor(
                t.fullname, cls, Instance(t.fullname, tuple(info.type_vars))
            )
            if not isinstance(init, CallableType) or init.is_ellipsis_args:
                return None
            mapping = chk.members.class_mapping(t.fullname, t)
            return [
                {
                    n: (expand(a, mapping) if mapping else a)
                    for n, a in zip(init.arg_names, init.arg_types)
                    if n is not None
                }
            ]
    _fail_not_attrs(chk, e, display, parent)
    return None


def _fail_not_attrs(chk: "Evaluator", e: ast.Call, t: Type, parent: Type) -> None:
    name = format_type(t)
    if parent is t:
        if isinstance(t, TypeVarType):
            text = (
                f'Argument 1 to "evolve" has a variable type "{name}" not bound to an attrs class'
            )
        else:
            text = f'Argument 1 to "evolve" has incompatible type "{name}"; expected an attrs class'
    elif isinstance(t, TypeVarType):
        text = f'Argument 1 to "evolve" has type "{format_type(parent)}" whose item "{name}" is not bound to an attrs class'
    else:
        text = f'Argument 1 to "evolve" has incompatible type "{format_type(parent)}" whose item "{name}" is not an attrs class'
    chk.fail(e, Message(text, codes.MISC))
