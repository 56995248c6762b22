"""Assignments: ``=``, annotated and augmented assignment, unpacking, declared types of targets."""

from __future__ import annotations

import ast

from tycheck.checker.checks.overrides import check_variable_override
from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import Evaluator, record_type
from tycheck.checker.declare.names import special_name
from tycheck.checker.flow.binder import invalidate, ref_key
from tycheck.checker.infer import typeddicts
from tycheck.checker.infer.attrassign import REJECTED, attribute_lvalue_type
from tycheck.checker.declare.final_members import final_assignment_errors
from tycheck.checker.infer.expr_access import setitem_value_context
from tycheck.checker.infer.expr_base import BINOP_METHODS
from tycheck.checker.infer.expr_ops import binary_op
from tycheck.checker.infer.partials import (
    call_partial,
    complete_nonlocal,
    ambiguous_never_to_any,
    has_partials,
    none_initialized,
    start_attribute_partial,
    try_complete_by_augassign,
    try_complete_by_setitem,
)
from tycheck.checker.infer.solve import infer_with_union_fallback
from tycheck.checker.stmt.control import declared_iterable_item
from tycheck.checker.stmt.locals import note_unchecked_annotation
from tycheck.semantic.symbols import CLASS, FUNC, IMPORTED, MODULE, VAR, Symbol
from tycheck.semantic.synthetic import synthetic_class
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    TypedDictType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message


def unpack_types(chk: Evaluator, t: Type, n: int, target: ast.expr) -> list[Type]:
    elts = target.elts if isinstance(target, (ast.Tuple, ast.List)) else []
    star = next((i for i, e in enumerate(elts) if isinstance(e, ast.Starred)), None)
    if isinstance(t, TupleType):
        if star is None:
            if len(t.items) != n:
                if len(t.items) > n:
                    chk.fail(
                        target,
                        Message(
                            f"Too many values to unpack ({n} expected, {len(t.items)} provided)",
                            codes.MISC,
                        ),
                    )
                else:
                    chk.fail(
                        target,
                        Message(
                            f"Need more than {len(t.items)} value{'s' if len(t.items) != 1 else ''} to unpack ({n} expected)",
                            codes.MISC,
                        ),
                    )
                return [AnyType("error")] * n
            return list(t.items)
        before = list(t.items[:star])
        after_n = n - star - 1
        if len(t.items) < n - 1:
            return [AnyType("error")] * n
        mid = list(t.items[star : len(t.items) - after_n])
        after = list(t.items[len(t.items) - after_n :]) if after_n else []
        return (
            before + [chk.join_all([strip_literal(x) for x in mid]) if mid else NeverType()] + after
        )
    if isinstance(t, AnyType):
        return [t] * n
    if isinstance(t, UnionType):
        # Each member unpacks on its own; position by position, the results join.
        # Tuples of another length are left out silently: ``len(x) == 2`` checks
        # would have narrowed them away, and that narrowing is not implemented yet.
        fitting = [
            i
            for i in t.items
            if not (isinstance(i, TupleType) and star is None and len(i.items) != n)
        ]
        if not fitting:
            return [AnyType("special")] * n
        per_item = [chk.unpack_types(i, n, target) for i in fitting]
        return [make_union([types[k] for types in per_item]) for k in range(n)]
    if isinstance(t, Instance) and not t.args:
        info = chk.p.class_info(t.fullname)
        if info is not None and info.tuple_base is not None:
            return chk.unpack_types(info.tuple_base, n, target)
    item = declared_iterable_item(chk, t)
    if item is None:
        item = chk.iter_item_type(t, target, report=False)
    if isinstance(item, AnyType) and item.reason == "error":
        # Unpacking says so in its own words (mypy's type_not_iterable).
        chk.fail(target, Message(msg.object_not_iterable(t), codes.MISC))
    return [item] * n


# -- assignment --------------------------------------------------------------------


def stmt_Assign(chk: Evaluator, s: ast.Assign) -> None:
    if synthetic_class(s) is not None:
        return  # a class definition in disguise (NamedTuple('P', ...)): see semantic/synthetic.py
    first = s.targets[0]
    declared = None
    if s.type_comment:
        note_unchecked_annotation(chk, s)
    if s.type_comment and isinstance(first, ast.Name):
        declared = chk.analyze_type_expr(
            ast.Constant(s.type_comment, lineno=s.lineno, col_offset=s.col_offset)
        )
    elif s.type_comment and isinstance(first, ast.Tuple):
        ct = chk.analyze_type_expr(ast.Constant(s.type_comment)) if False else None
    # mypy checks a chained assignment's last target first: its type is the context.
    last = s.targets[-1]
    ctx = declared if declared is not None else target_context(chk, last)
    if (
        ctx is None
        and isinstance(last, (ast.Tuple, ast.List))
        and not isinstance(s.value, (ast.Tuple, ast.List))
    ):
        t = infer_for_unpacking(chk, last, s.value)
    else:
        t = (
            infer_with_union_fallback(chk, s.value, ctx)
            if isinstance(ctx, UnionType)
            else chk.infer(s.value, ctx)
        )
    for target in s.targets:
        chk.assign_to(target, t, s.value, s, declared=declared, infer_decl=True)
        if (
            isinstance(target, ast.Name)
            and chk.func is None
            and chk.class_fullname
            and declared is None
        ):
            check_variable_override(chk, target, s.value, None, s)


def infer_for_unpacking(chk: Evaluator, target: ast.Tuple | ast.List, value: ast.expr) -> Type:
    """``a, b = f(x)``: infer without context; if that gives a tuple, infer again with the
    targets' declared types as context (mypy's lvalue_type_for_inference)."""
    if any(isinstance(e, ast.Starred) for e in target.elts):
        return chk.infer(value)
    with chk.quiet():
        first = chk.infer(value)
    if not isinstance(first, TupleType) or len(first.items) != len(target.elts):
        return chk.infer(value)
    items: list[Type] = []
    for el, rv in zip(target.elts, first.items):
        declared = target_context(chk, el) if isinstance(el, (ast.Name, ast.Attribute)) else None
        items.append(declared if declared is not None else rv)
    return chk.infer(
        value, TupleType(tuple(items), Instance("builtins.tuple", (AnyType("special"),)))
    )


def target_context(chk: Evaluator, target: ast.expr) -> Type | None:
    if isinstance(target, ast.Name):
        d = chk.declared_type_of(target.id)
        # A variable known only as None is (like a partial type) no useful context.
        if d is not None and not isinstance(d, (PartialType, NoneType)):
            return d
    if isinstance(target, ast.Attribute):
        with chk.quiet():
            base = chk.infer(target.value)
            # What an assignment expects (a descriptor's __set__ value, a property
            # setter's) comes first; the attribute's read type otherwise.
            lvalue = attribute_lvalue_type(chk, base, target)
            t = (
                lvalue
                if lvalue is not None and lvalue is not REJECTED
                else chk.member_access(base, target.attr, target, report=False)
            )
        if not isinstance(t, AnyType):
            return t
    if isinstance(target, ast.Subscript):
        return setitem_value_context(chk, target)
    return None


def stmt_AnnAssign(chk: Evaluator, s: ast.AnnAssign) -> None:
    note_unchecked_annotation(chk, s)
    scope_classes = chk.scope.classes
    t_decl = chk.analyze_type_expr(s.annotation)
    spec = final_classvar(chk, s.annotation)
    if spec == "bare":
        t_decl = None  # type: ignore[assignment]
    if isinstance(s.target, ast.Name):
        name = s.target.id
        if chk.func is None and chk.class_fullname and t_decl is not None:
            check_variable_override(chk, s.target, s.value, t_decl, s)
        if t_decl is not None:
            chk.declared[name] = t_decl
        if s.value is not None:
            t = (
                infer_with_union_fallback(chk, s.value, t_decl)
                if isinstance(t_decl, UnionType)
                else chk.infer(s.value, t_decl)
            )
            if t_decl is None:
                chk.declared[name] = strip_literal(t) if spec != "bare" else t
                chk.state[name] = t
                return
            check_assignment_compat(chk, t, t_decl, s.value)
            # A declaration does not narrow: ``x: int | None = None`` leaves ``int | None``.
            invalidate(chk.state, name)
        return
    if s.value is not None:
        t = chk.infer(s.value, t_decl)
        chk.assign_to(s.target, t, s.value, s, declared=t_decl)
    else:
        chk.infer(
            s.target.value if isinstance(s.target, (ast.Attribute, ast.Subscript)) else s.target
        )


def final_classvar(chk: Evaluator, ann: ast.expr) -> str | None:
    target = ann.value if isinstance(ann, ast.Subscript) else ann
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return None
    sym = chk.lookup_symbol_expr(target)
    spec = special_name(sym.fullname) if sym else None
    if spec in ("Final", "ClassVar") and not isinstance(ann, ast.Subscript):
        return "bare"
    return None


def narrow_on_assign(chk: Evaluator, key: str, t: Type, declared: Type) -> None:
    if isinstance(declared, AnyType):
        chk.state.pop(key, None)
        return
    if (
        isinstance(t, AnyType)
        and isinstance(declared, UnionType)
        and any(isinstance(i, NoneType) for i in declared.items)
    ):
        # An untyped value replacing None (``x = untyped()`` for ``x: T | None``):
        # None's place goes to Any, as mypy's binder does.
        chk.state[key] = make_union([t if isinstance(i, NoneType) else i for i in declared.items])
        invalidate(chk.state, key + "\0")
        return
    if isinstance(declared, UnionType) or isinstance(t, NeverType):
        if chk.p.relations.is_subtype(t, declared) and not isinstance(t, AnyType):
            chk.state[key] = narrowed_assigned(chk, t, declared)
        else:
            chk.state.pop(key, None)
        invalidate(chk.state, key + "\0")
        return
    if (
        isinstance(declared, Instance)
        and isinstance(t, Instance)
        and strip_literal(t) != strip_literal(declared)
        and chk.p.relations.is_subtype(t, declared)
    ):
        # A value of a subclass narrows (``x: Sequence[str]``; ``x = []`` is a list).
        chk.state[key] = strip_literal(t) if declared.last_known_value is None else t
        invalidate(chk.state, key + "\0")
        return
    if (
        isinstance(declared, (CallableType, Overloaded, TypeType, TupleType))
        and not isinstance(t, AnyType)
        and t != declared
        and chk.p.relations.is_subtype(t, declared)
    ):
        # Any other declared type narrows to a value of a subtype as well (mypy's binder):
        # ``app: Callable[...]``; ``app = Wrapper(app)`` is a ``Wrapper`` from then on.
        chk.state[key] = strip_literal(t)
        invalidate(chk.state, key + "\0")
        return
    chk.state.pop(key, None)


def narrowed_assigned(chk: Evaluator, t: Type, declared: Type) -> Type:
    # Keep literal types only where the declaration mentions literals.
    if isinstance(t, Instance) and t.last_known_value is not None:
        if any(isinstance(i, LiteralType) for i in union_items(declared)):
            return t.last_known_value
        return strip_literal(t)
    if isinstance(t, UnionType):
        return make_union([narrowed_assigned(chk, i, declared) for i in t.items])
    return t


def check_assignment_compat(chk: Evaluator, t: Type, declared: Type, node: ast.AST) -> bool:
    if not chk.p.relations.is_subtype(t, declared):
        chk.fail(node, Message(msg.incompatible_assignment(t, declared), codes.ASSIGNMENT))
        for note in msg.invariance_notes(chk.p.relations, t, declared):
            chk.note(node, Message(note, codes.ASSIGNMENT))
        chk.protocol_notes(node, t, declared, codes.ASSIGNMENT)
        return False
    return True


def assign_to(
    chk: Evaluator,
    target: ast.expr,
    t: Type,
    value: ast.expr | None,
    stmt: ast.AST,
    declared: Type | None = None,
    infer_decl: bool = False,
) -> None:
    if isinstance(target, ast.Attribute):
        record_type(target, strip_literal(t))  # an assignment target is an expression too
    if isinstance(target, ast.Name):
        assign_name(chk, target, t, value, declared)
        bound = chk.declared.get(target.id)
        record_type(
            target,
            bound if bound is not None and not isinstance(bound, PartialType) else strip_literal(t),
        )
    elif isinstance(target, (ast.Tuple, ast.List)):
        if (
            value is not None
            and isinstance(value, (ast.Tuple, ast.List))
            and not any(isinstance(e, ast.Starred) for e in target.elts + value.elts)
            and len(value.elts) == len(target.elts)
        ):
            # Item by item (a list display too: ``a, b = [A(), B()]`` gives a: A, b: B).
            if isinstance(t, TupleType) and len(t.items) == len(value.elts):
                item_types = list(t.items)
            else:
                with chk.quiet():
                    item_types = [chk.infer(vn) for vn in value.elts]
            for el, vt, vn in zip(target.elts, item_types, value.elts):
                chk.assign_to(el, vt, vn, stmt)
            return
        items = chk.unpack_types(t, len(target.elts), target)
        # mypy reports an item that does not fit its target at the unpacked value.
        saved_ctx = chk.unpack_context
        chk.unpack_context = value if value is not None else saved_ctx
        try:
            for el, it in zip(target.elts, items):
                if isinstance(el, ast.Starred):
                    chk.assign_to(
                        el.value, Instance("builtins.list", (strip_literal(it),)), None, stmt
                    )
                else:
                    chk.assign_to(el, it, None, stmt)
        finally:
            chk.unpack_context = saved_ctx
    elif isinstance(target, ast.Attribute):
        if start_attribute_partial(chk, target, value, t):
            return
        base = chk.infer(target.value)
        for text in final_assignment_errors(chk, base, target, stmt):  # hook: final_members
            chk.fail(target, Message(text, codes.MISC))
        lvalue = attribute_lvalue_type(chk, base, target)
        if lvalue is REJECTED:
            return
        if lvalue is not None:
            expected: Type | None = lvalue
        else:
            expected = (
                chk.member_access(base, target.attr, target, report=True)
                if not is_self_attr_def(chk, target)
                else self_attr_declared(chk, target)
            )
        if expected is not None and not isinstance(expected, AnyType):
            node = value if value is not None else (chk.unpack_context or target)
            key = ref_key(target)
            if check_assignment_compat(chk, t, expected, node):
                if key is not None:
                    narrow_on_assign(chk, key, t, expected)
            elif key is not None:
                invalidate(chk.state, key)  # a rejected value: the attribute is as declared
        key = ref_key(target)
        if key is not None and (expected is None or isinstance(expected, AnyType)):
            chk.state.pop(key, None)
    elif isinstance(target, ast.Subscript):
        if has_partials(chk) and try_complete_by_setitem(chk, target, t):
            return
        base = chk.infer(target.value)
        index = chk.infer(target.slice)
        check_setitem(chk, base, index, t, target, value)
    elif isinstance(target, ast.Starred):
        chk.assign_to(target.value, t, value, stmt)


def is_self_attr_def(chk: Evaluator, target: ast.Attribute) -> bool:
    return False


def self_attr_declared(chk: Evaluator, target: ast.Attribute) -> Type | None:
    return None


def check_setitem(
    chk: Evaluator,
    base: Type,
    index: Type,
    value: Type,
    node: ast.Subscript,
    value_node: ast.expr | None,
) -> None:
    for item in union_items(base):
        if isinstance(item, (AnyType, NeverType)):
            continue
        if (
            isinstance(item, TypeVarType)
            and isinstance(item.upper_bound, TypedDictType)
            and not item.values
        ):
            item = item.upper_bound
        if isinstance(item, TypedDictType):
            typeddicts.set_item(chk, item, index, node.slice, value, value_node or node)
            continue
        m = chk.member_access_one(item, "__setitem__", node, report=False)
        if m is None:
            chk.fail(
                node,
                Message(
                    f'Unsupported target for indexed assignment ("{chk.fmt(item)}")', codes.INDEX
                ),
            )
            continue
        if isinstance(m, CallableType) and len(m.arg_types) >= 2 and not m.variables:
            if not chk.p.relations.is_subtype(index, m.arg_types[0]):
                chk.fail(
                    node.slice, Message(msg.invalid_index(index, item, m.arg_types[0]), codes.INDEX)
                )
            elif not chk.p.relations.is_subtype(value, m.arg_types[1]):
                a, f = chk.fmts(value, m.arg_types[1])
                chk.fail(
                    value_node or node,
                    Message(
                        f'Incompatible types in assignment (expression has type "{a}", target has type "{f}")',
                        codes.ASSIGNMENT,
                    ),
                )
        elif isinstance(m, Overloaded):
            r = chk.try_call(m, [index, value])
            if r is None:
                pass


def assign_name(
    chk: Evaluator, target: ast.Name, t: Type, value: ast.expr | None, declared: Type | None
) -> None:
    name = target.id
    if declared is not None:
        chk.declared[name] = declared
        check_assignment_compat(chk, t, declared, value or chk.unpack_context or target)
        invalidate(chk.state, name)  # declarations do not narrow
        return
    if (
        name == "_"
        and chk.func is not None
        and isinstance(chk.declared.get(name, AnyType()), AnyType)
    ):
        # A local "_" is a throwaway: each assignment may give it a new type.
        chk.declared[name] = AnyType("special")
        chk.state.pop(name, None)
        return
    complete_nonlocal(chk, name, t)  # hook (pinfer3): the enclosing function's partial type
    decl = chk.declared_type_of(name)
    if (
        isinstance(decl, NoneType)
        and (chk.func is None or name in chk.globals_decl)
        and none_initialized(
            class_sym(chk, name)
            if chk.class_fullname and chk.func is None
            else chk.mod.ns.get(name)
        )
    ):
        widen_none(chk, name, t)
        return
    if decl is None and chk.func is None:
        # Module or class level: the first binding defines the variable's type.
        sym = class_sym(chk, name) if chk.class_fullname else chk.mod.ns.get(name)
        if (
            sym is not None
            and sym.kind == VAR
            and sym.node is not None
            and getattr(sym.node, "lineno", -1) != getattr(target, "lineno", -2)
        ):
            decl = (
                chk.members.symbol_type(sym, chk.class_fullname)
                if chk.class_fullname
                else chk.members.symbol_type(sym)
            )
            if isinstance(decl, AnyType) and decl.reason == "special":
                decl = None
            elif isinstance(decl, NoneType) and none_initialized(sym) and name not in chk.declared:
                widen_none(chk, name, t)
                return
        elif sym is not None and sym.kind in (FUNC, CLASS, MODULE, IMPORTED) and False:
            decl = None
    if decl is None:
        inferred = infer_declared(chk, name, t, value)
        if (
            isinstance(inferred, PartialType)
            and inferred.fullname is not None
            and (chk.func is not None or not chk.class_fullname)
        ):
            chk.partial_sites[name] = target
        elif isinstance(inferred, NeverType) and value is not None:
            # ``x = f()`` where ``f`` never returns: no type to give ``x``.
            chk.fail(target, Message(msg.need_annotation(name, None), codes.VAR_ANNOTATED))
            inferred = t = AnyType("special")
        elif (
            not isinstance(inferred, PartialType)
            and (fixed := ambiguous_never_to_any(inferred)) is not None
        ):
            chk.fail(target, Message(msg.need_annotation(name, None), codes.VAR_ANNOTATED))
            inferred = t = fixed
        chk.declared[name] = inferred
        if chk.func is not None and not isinstance(inferred, PartialType):
            chk.frames.record_declaration(name)
        chk.state[name] = t if not isinstance(inferred, PartialType) else inferred
        if isinstance(inferred, PartialType):
            # A None partial reads as None (and joins as None where branches meet).
            chk.state[name] = inferred if inferred.fullname is not None else NoneType()
        else:
            chk.state.pop(name, None) if not isinstance(inferred, UnionType) else None
            if isinstance(t, Instance) and t.last_known_value is not None:
                chk.state.pop(name, None)
        return
    if isinstance(decl, PartialType):
        if decl.fullname is None:
            if isinstance(t, NoneType):
                # Another ``x = None`` tells nothing new: x stays partial.
                chk.state[name] = NoneType()
                return
            # x = None, then x = <something>: x is Optional of it.
            chk.declared[name] = make_union([strip_literal(t), NoneType()])
            chk.state[name] = strip_literal(t)
            return
        chk.declared[name] = strip_literal(t)
        chk.state.pop(name, None)
        return
    if none_in_sibling_branch(chk, name, value, decl):
        decl = chk.declared[name] = make_union([decl, NoneType()])
    # A rejected value leaves the name's narrowed type as it was (mypy's binder), unless that
    # is an isinstance stand-in outside the declaration (mypy's intersection would be inside).
    if check_assignment_compat(chk, t, decl, value or chk.unpack_context or target):
        narrow_on_assign(chk, name, t, decl)
    elif name in chk.state and not chk.p.relations.is_subtype(chk.state[name], decl):
        chk.state.pop(name)


def none_in_sibling_branch(chk: Evaluator, name: str, value: ast.expr | None, decl: Type) -> bool:
    """``x = None`` where the local ``x`` was inferred in another branch of the same if, loop
    or try: mypy makes the variable optional rather than rejecting the None."""
    if chk.func is None or name not in chk.locals or name in chk.globals_decl:
        return False
    if not (isinstance(value, ast.Constant) and value.value is None) or isinstance(
        decl, (AnyType, NoneType)
    ):
        return False
    return chk.frames.in_sibling_branch(name)


def widen_none(chk: Evaluator, name: str, t: Type) -> None:
    """``x = None`` earlier, now ``x = value``: x is ``value | None``, narrowed to value."""
    value = strip_literal(t)
    prev = chk.declared.get(name)
    base = prev if prev is not None and not isinstance(prev, PartialType) else NoneType()
    if isinstance(value, NoneType):
        chk.declared[name] = base
    else:
        # mypy spells the widened type with None last: ``int | None``.
        chk.declared[name] = (
            make_union([value, base]) if isinstance(base, NoneType) else make_union([base, value])
        )
    chk.state[name] = value


def class_sym(chk: Evaluator, name: str) -> Symbol | None:
    ns = chk.p.class_namespace(chk.class_fullname) if chk.class_fullname else None
    return ns.get(name) if ns else None


def infer_declared(chk: Evaluator, name: str, t: Type, value: ast.expr | None) -> Type:
    if isinstance(t, NoneType) and chk.func is not None and not local_partial_ok(chk):
        return PartialType(None, name)
    if (
        isinstance(t, Instance)
        and t.fullname in ("builtins.list", "builtins.dict", "builtins.set")
        and value is not None
        and (
            (isinstance(value, (ast.List, ast.Set)) and not value.elts)
            or (isinstance(value, ast.Dict) and not value.keys)
        )
        and all(isinstance(a, AnyType) for a in t.args)
    ):
        return PartialType(t.fullname, name)
    if isinstance(value, ast.Call) and (chk.func is not None or not chk.class_fullname):
        started = call_partial(t, name)  # hook (pinfer3): defaultdict(list) is partial too
        if started is not None:
            return started
    return strip_literal(t)


def local_partial_ok(chk: Evaluator) -> bool:
    return False


def stmt_AugAssign(chk: Evaluator, s: ast.AugAssign) -> None:
    try_complete_by_augassign(chk, s)
    if isinstance(s.target, ast.Attribute):
        with chk.quiet():
            owner = chk.infer(s.target.value)
        for text in final_assignment_errors(chk, owner, s.target, s):  # hook: final_members
            chk.fail(s.target, Message(text, codes.MISC))
    left = (
        chk.infer(s.target)
        if not isinstance(s.target, ast.Name)
        or chk.lookup_name_type(s.target.id, s.target) is not None
        else AnyType("error")
    )
    if isinstance(s.target, ast.Name) and chk.lookup_name_type(s.target.id, s.target) is None:
        chk.fail(s.target, Message(msg.name_not_defined(s.target.id), codes.NAME_DEFINED))
    method, rmethod, op = BINOP_METHODS[type(s.op)]
    imethod = "__i" + method[2:]
    result = None
    # With ``__iop__`` the statement is ``x = x.__iop__(y)``: its argument errors are a
    # call's, and only the result's fit to ``x`` is checked (mypy's in-place path).
    m = (
        chk.member_access_one(left, imethod, s, report=False)
        if isinstance(left, Instance)
        else None
    )
    if isinstance(m, (CallableType, Overloaded)):
        from tycheck.checker.core.actuals import Actual
        from tycheck.types.model import POS

        name, of_class = chk.callee_names(s.target, m)
        result = chk.calls.call_actuals(
            m, [Actual(s.value, POS, None)], s, name or imethod, of_class, None
        )
        fits = chk.p.relations.is_subtype(result, left)
        if not fits:
            chk.fail(s, Message(f"Result type of {op} incompatible in assignment", codes.MISC))
        if isinstance(s.target, ast.Name):
            # ``x = x.__iop__(y)``: the result narrows ``x`` as an assignment would.
            decl = chk.declared_type_of(s.target.id)
            if fits and decl is not None and not isinstance(decl, PartialType):
                narrow_on_assign(chk, s.target.id, result, decl)
            else:
                chk.state.pop(s.target.id, None)
        return
    right = chk.infer(s.value)
    if result is None:
        result = binary_op(chk, left, right, method, rmethod, op, s, s.target, s.value)
    if isinstance(s.target, ast.Name):
        decl = chk.declared_type_of(s.target.id) or chk.lookup_name_type(s.target.id, s.target)
        if (
            decl is not None
            and not isinstance(decl, (AnyType, PartialType))
            and not chk.p.relations.is_subtype(result, decl)
        ):
            chk.fail(s.value, Message(msg.incompatible_assignment(result, decl), codes.ASSIGNMENT))
        elif decl is not None and isinstance(decl, UnionType):
            chk.state[s.target.id] = strip_literal(result)
        else:
            chk.state.pop(s.target.id, None)
    elif isinstance(s.target, ast.Attribute):
        key = ref_key(s.target)
        if key:
            chk.state.pop(key, None)
