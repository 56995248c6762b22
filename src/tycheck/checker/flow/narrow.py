"""Narrowing: what a condition tells about the types of names when it is true or false.

``condition_maps`` returns two maps (true branch, false branch) from reference keys to narrowed
types; ``None`` for a map means that branch cannot be taken. Comparisons other than ``len(x)``
and ``type(x)`` ones are narrowed in ``compare.py``.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import parse_type_string
from tycheck.checker.flow.binder import literal_index, ref_key
from tycheck.checker.flow.disjoint import can_share_subclass
from tycheck.checker.flow.compare import compare_maps, walrus_target
from tycheck.checker.flow.length import len_maps
from tycheck.semantic.reach import FALSE, MYPY_FALSE, MYPY_TRUE, TRUE, infer_condition
from tycheck.types.subst import proper_items
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

TypeMap = "dict[str, Type] | None"


class Narrower:
    """Computes narrowing maps for conditions in one body."""

    def __init__(self, chk: "Evaluator") -> None:
        self.chk = chk
        self.rel = chk.p.relations
        # (key, type) pairs a TypeGuard call forced (see type_guards.py): an ``or`` of such a
        # narrowing keeps a type variable's declared type, as mypy does.
        self.guard_forced: set[tuple[str, Type]] = set()

    def condition_maps(self, e: ast.expr) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        static = infer_condition(e, self.chk.reach)
        if static in (TRUE, MYPY_TRUE):
            return {}, None
        if static in (FALSE, MYPY_FALSE):
            return None, {}
        try:
            yes, no = self._maps(e)
        except RecursionError:
            return {}, {}
        return self.propagate_up(yes), self.propagate_up(no)

    def propagate_up(self, m: dict[str, Type] | None) -> dict[str, Type] | None:
        """Narrow the union parents of narrowed members: ``x.tag == 'a'`` narrows ``x`` too.

        A union member of the parent survives when its own type for the member overlaps the
        narrowed type; when no member survives or one cannot be looked up, nothing changes.
        """
        if not m:
            return m
        out = dict(m)
        for key, t in m.items():
            node = parse_type_string(key, 1)  # a reference key is an expression; parses are cached
            if node is None:
                continue
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                parent = node.value
                parent_key = ref_key(parent)
                parent_t = out.get(parent_key) if parent_key is not None else None
                if parent_t is None:
                    parent_t = self.current(parent)
                if parent_key is None or not isinstance(parent_t, UnionType):
                    break
                kept: list[Type] = []
                for item in parent_t.items:
                    member = self._replay_lookup(node, item)
                    if member is None:
                        kept = []
                        break
                    if self.rel.is_overlapping(member, t):
                        kept.append(item)
                if not kept:
                    break
                t = make_union(kept)
                out[parent_key] = t
                node = parent
        return out

    def _replay_lookup(self, node: ast.expr, parent: Type) -> Type | None:
        if isinstance(node, ast.Attribute):
            if isinstance(parent, AnyType):
                return parent
            if not isinstance(parent, (Instance, TupleType)):
                return None
            with self.chk.quiet():
                found = self.chk.member_access_one(parent, node.attr, node, report=False)
            return found
        idx = literal_index(node.slice) if isinstance(node, ast.Subscript) else None
        if type(idx) is int:
            if isinstance(parent, TupleType):
                return parent.items[idx] if -len(parent.items) <= idx < len(parent.items) else None
        return None

    def _maps(self, e: ast.expr) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
            yes, no = self.condition_maps(e.operand)
            return no, yes
        if isinstance(e, ast.BoolOp):
            return self._boolop(e)
        if isinstance(e, ast.Call):
            return self._call(e)
        if isinstance(e, ast.Compare) and len(e.ops) == 1:
            return self._compare(e.left, e.ops[0], e.comparators[0])
        if isinstance(e, ast.NamedExpr):
            key = ref_key(e.target)
            if key is not None:
                # The binding may have been dropped with the state of an enclosing ``and``
                # (``c and (z := f())``): read the name's type again, declared if need be.
                t = self.current(e.target)
                if t is None:
                    return {}, {}
                return self._truthiness(key, t)
            return {}, {}
        key = ref_key(e)
        if key is not None:
            t = self.current(e)
            if t is None:
                return {}, {}
            return self._truthiness(key, t)
        return self._value_truthiness(e)

    def _value_truthiness(
        self, e: ast.expr
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        """No names to narrow, but a branch is impossible when the value is always truthy/falsy."""
        if isinstance(e, ast.Constant) and type(e.value) in (bool, int):
            return ({}, None) if e.value else (None, {})
        if isinstance(e, ast.Constant):
            return {}, {}
        with self.chk.quiet():
            t = self.chk.infer(e)
        if isinstance(t, (AnyType, NeverType)):
            return {}, {}
        yes = self.restrict_truthiness(t, truthy=True)
        no = self.restrict_truthiness(t, truthy=False)
        return (None if isinstance(yes, NeverType) else {}), (
            None if isinstance(no, NeverType) else {}
        )

    def current(self, e: ast.expr) -> Type | None:
        key = ref_key(e)
        if key is None:
            return None
        if key in self.chk.state:
            return proper_items(self.chk.state[key])  # recursive alias hook
        with self.chk.quiet():
            return proper_items(self.chk.infer(e))

    def _truthiness(
        self, key: str, t: Type
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        yes = self.restrict_truthiness(t, truthy=True)
        no = self.restrict_truthiness(t, truthy=False)
        return ({key: yes} if not isinstance(yes, NeverType) else None), (
            {key: no} if not isinstance(no, NeverType) else None
        )

    def restrict_truthiness(self, t: Type, truthy: bool) -> Type:
        """The part of ``t`` that can be truthy (or falsy)."""
        out: list[Type] = []
        for item in union_items(t):
            if isinstance(item, NoneType):
                if not truthy:
                    out.append(item)
                continue
            lit = (
                item.last_known_value
                if isinstance(item, Instance)
                else item
                if isinstance(item, LiteralType)
                else None
            )
            if lit is not None:
                if bool(lit.value) == truthy:
                    out.append(item)
                continue
            if isinstance(item, Instance) and item.fullname == "builtins.bool":
                out.append(LiteralType(truthy, Instance("builtins.bool")))
                continue
            if not truthy and not self.can_be_falsy(item):
                continue
            if truthy and isinstance(item, TupleType) and not item.items:
                continue
            out.append(item)
        return make_union(out) if out else NeverType()

    def can_be_falsy(self, t: Type) -> bool:
        if isinstance(t, (CallableType, Overloaded, TypeType)):
            return False
        if isinstance(t, TupleType):
            return not t.items
        if isinstance(t, Instance):
            info = self.chk.p.class_info(t.fullname)
            if info is None or info.has_any_base:
                return True
            if self.chk.members.find_member(t.fullname, "__bool__") is not None:
                return True
            if self.chk.members.find_member(t.fullname, "__len__") is not None:
                return True
            # Without __bool__/__len__ only a final class is always truthy: an instance of
            # any other class may be of a subclass that defines them (mypy's rule).
            return not info.is_final
        return True

    def _boolop(self, e: ast.BoolOp) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        maps = []
        saved = dict(self.chk.state)
        for v in e.values:
            yes, no = self.condition_maps(v)
            maps.append((yes, no))
            # Later operands see the narrowing of earlier ones.
            self.chk.apply_map(yes if isinstance(e.op, ast.And) else no)
        self.chk.state.clear()
        self.chk.state.update(saved)
        if isinstance(e.op, ast.And):
            yes_all: dict[str, Type] | None = {}
            for y, _ in maps:
                if y is None or yes_all is None:
                    yes_all = None
                    break
                yes_all.update(y)
            no_any = self._or_maps([n for _, n in maps])
            return yes_all, no_any
        no_all: dict[str, Type] | None = {}
        for _, n in maps:
            if n is None or no_all is None:
                no_all = None
                break
            no_all.update(n)
        yes_any = self._or_maps([y for y, _ in maps])
        return yes_any, no_all

    def _or_maps(self, maps: list[dict[str, Type] | None]) -> dict[str, Type] | None:
        live = [m for m in maps if m is not None]
        if not live:
            return None
        keys = set(live[0])
        for m in live[1:]:
            keys &= set(m)
        if len(live) > 1 and self.guard_forced:
            keys = {k for k in keys if not self._guard_keeps_declared(k, [m[k] for m in live])}
        return {k: make_union([m[k] for m in live]) for k in keys}

    def _guard_keeps_declared(self, key: str, types: list[Type]) -> bool:
        """A TypeGuard narrowing or-ed with another, of a value declared as a type variable."""
        if not any((key, t) in self.guard_forced for t in types):
            return False
        try:
            node = ast.parse(key, mode="eval").body
        except SyntaxError:
            return False
        current = self.current(node)
        return current is not None and any(isinstance(i, TypeVarType) for i in union_items(current))

    def _call(self, e: ast.Call) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        from tycheck.checker.flow.guards import guard_call_maps

        builtin = self.chk.lookup_symbol_expr(e.func) if isinstance(e.func, ast.Name) else None
        # isinstance, issubclass and callable have their own narrowing (typeshed also spells
        # callable as a TypeIs, whose generic meet would lose the members' signatures).
        if builtin is None or builtin.fullname not in (
            "builtins.isinstance",
            "builtins.issubclass",
            "builtins.callable",
        ):
            guarded = guard_call_maps(self, e)
            if guarded is not None:
                return guarded
        if not isinstance(e.func, ast.Name) or len(e.args) < 1:
            return {}, {}
        sym = self.chk.lookup_symbol_expr(e.func)
        fullname = sym.fullname if sym is not None else None
        target = walrus_target(e.args[0])
        key = ref_key(target)
        if key is None:
            return {}, {}
        if fullname in ("builtins.isinstance", "builtins.issubclass") and len(e.args) == 2:
            current = self.current(target)
            if current is None:
                return {}, {}
            wanted = self.isinstance_types(e.args[1])
            if wanted is None and fullname == "builtins.isinstance" and self._any_class(e.args[1]):
                # A class of type Any (an unfollowed import): the value is Any where it holds.
                return {key: AnyType("special")}, {}
            if wanted is None:
                return {}, {}
            if fullname == "builtins.issubclass":
                return self._issubclass(key, current, wanted)
            return self.narrow_isinstance(key, current, wanted)
        if fullname == "builtins.callable" and len(e.args) == 1:
            current = self.current(target)
            if current is None:
                return {}, {}
            yes, no = [], []
            for item in union_items(current):
                if isinstance(item, (CallableType, Overloaded, TypeType)):
                    yes.append(item)
                elif (
                    isinstance(item, Instance)
                    and self.chk.members.find_member(item.fullname, "__call__") is not None
                ):
                    yes.append(item)
                elif (
                    isinstance(item, (AnyType, TypeVarType))
                    or isinstance(item, Instance)
                    and item.fullname == "builtins.object"
                ):
                    yes.append(item)
                    no.append(item)
                else:
                    no.append(item)
            return ({key: make_union(yes)} if yes else None), (
                {key: make_union(no)} if no else None
            )
        if (
            fullname == "builtins.hasattr"
            and len(e.args) == 2
            and isinstance(e.args[1], ast.Constant)
            and isinstance(e.args[1].value, str)
        ):
            current = self.current(target)
            if current is None:
                return {}, {}
            return self._hasattr(key, current, e.args[1].value, target)
        return {}, {}

    def _hasattr(
        self, key: str, current: Type, name: str, node: ast.expr
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        """``hasattr(x, "name")``: members without the attribute gain it in the if branch,
        members with it leave the else branch.

        mypy gives such a member an extra attribute of type Any; the type model has no
        place for that yet, so the member becomes Any (no false errors, less checking)."""
        with_attr: list[Type] = []
        without_attr: list[Type] = []
        with self.chk.quiet():
            for item in union_items(current):
                if (
                    isinstance(item, AnyType)
                    or self.chk.member_access_one(item, name, node, report=False) is None
                ):
                    without_attr.append(item)
                else:
                    with_attr.append(item)
        if not without_attr:
            return {}, {}
        yes = {key: make_union(with_attr + [AnyType("special")])}
        if not isinstance(current, UnionType):
            return yes, {}
        return yes, {key: make_union(without_attr)}

    def isinstance_types(self, e: ast.expr) -> list[Type] | None:
        if isinstance(e, ast.Tuple):
            out: list[Type] = []
            for el in e.elts:
                got = self.isinstance_types(el)
                if got is None:
                    return None
                out.extend(got)
            return out
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            a = self.isinstance_types(e.left)
            b = self.isinstance_types(e.right)
            return None if a is None or b is None else a + b
        if isinstance(e, ast.Constant) and e.value is None:
            return [NoneType()]
        arg = self.type_call_arg(e)
        if arg is not None:
            return self._types_of_type_call(arg)
        with self.chk.quiet():
            t = self.chk.infer(e)
        if isinstance(t, AnyType) and isinstance(e, (ast.Name, ast.Attribute)):
            return self._alias_types(e)
        out2: list[Type] = []
        for item in union_items(t):
            if isinstance(item, CallableType) and item.is_type_obj and item.type_obj_name:
                out2.append(self.erased_instance(item.type_obj_name))
            elif (
                isinstance(item, Overloaded)
                and item.items
                and item.items[0].is_type_obj
                and item.items[0].type_obj_name
            ):
                out2.append(self.erased_instance(item.items[0].type_obj_name))  # type: ignore[arg-type]
            elif isinstance(item, TypeType):
                out2.append(item.item)
            elif isinstance(item, TupleType):
                for sub in item.items:
                    if isinstance(sub, CallableType) and sub.is_type_obj and sub.type_obj_name:
                        out2.append(self.erased_instance(sub.type_obj_name))
                    else:
                        return None
            else:
                return None
        return out2

    def _any_class(self, e: ast.expr) -> bool:
        if not isinstance(e, (ast.Name, ast.Attribute)):
            return False
        with self.chk.quiet():
            return isinstance(self.chk.infer(e), AnyType)

    def _types_of_type_call(self, arg: ast.expr) -> list[Type] | None:
        """``isinstance(y, type(x))``: ``y`` is of the class of ``x`` (a type variable stays)."""
        with self.chk.quiet():
            t = self.chk.infer(arg)
        out: list[Type] = []
        for item in union_items(t):
            if isinstance(item, (Instance, TypeVarType, NoneType)):
                out.append(item)
            else:
                return None
        return out

    def _alias_types(self, e: ast.expr) -> list[Type] | None:
        """``isinstance(x, AB)`` where ``AB = A | B`` is a type alias: its classes."""
        sym = self.chk.lookup_symbol_expr(e)
        target = self.chk.ev.alias_target(sym) if sym is not None else None
        if target is None:
            return None
        out: list[Type] = []
        for item in union_items(target):
            if isinstance(item, NoneType):
                out.append(item)
            elif isinstance(item, Instance):
                out.append(self.erased_instance(item.fullname))
            else:
                return None
        return out

    def erased_instance(self, fullname: str) -> Instance:
        if fullname == "builtins.NoneType" or fullname == "types.NoneType":
            return NoneType()  # type: ignore[return-value]
        info = self.chk.p.class_info(fullname)
        return Instance(
            fullname, tuple(AnyType("special") for _ in (info.type_vars if info else ()))
        )

    def narrow_isinstance(
        self, key: str, current: Type, wanted: list[Type]
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        yes: list[Type] = []
        no: list[Type] = []
        for item in union_items(current):
            if isinstance(item, AnyType):
                yes.extend(wanted)
                no.append(item)
                continue
            matched = False
            for w in wanted:
                if self.rel.is_subtype(
                    strip_literal(item) if not isinstance(item, LiteralType) else item, w
                ) and not isinstance(w, AnyType):
                    yes.append(item)
                    matched = True
                    break
            if matched:
                continue
            base = item.upper_bound if isinstance(item, TypeVarType) else item
            narrowed_any = False
            for w in wanted:
                if self.rel.is_subtype(w, base):
                    # A type variable keeps its identity with the narrower bound.
                    yes.append(
                        replace(item, upper_bound=w, values=())
                        if isinstance(item, TypeVarType) and not item.values
                        else w
                        if not isinstance(item, TypeVarType)
                        else item
                    )
                    narrowed_any = True
                elif (
                    isinstance(base, Instance)
                    and isinstance(w, Instance)
                    and self.overlap_possible(base, w)
                ):
                    yes.append(w)
                    narrowed_any = True
            no.append(item)
        yes_t = make_union(yes) if yes else None
        no_t = make_union(no) if no else None
        return ({key: yes_t} if yes_t is not None else None), (
            {key: no_t} if no_t is not None else None
        )

    def overlap_possible(self, a: Instance, b: Instance) -> bool:
        ia = self.chk.p.class_info(a.fullname)
        ib = self.chk.p.class_info(b.fullname)
        if ia is None or ib is None:
            return True
        if ia.is_final or ib.is_final:
            return False
        return can_share_subclass(self.chk.p, a.fullname, b.fullname)

    def _issubclass(
        self, key: str, current: Type, wanted: list[Type]
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        """``issubclass(c, C)``: the classes ``c`` may be are narrowed as instances would be
        (a plain ``type`` is ``type[object]``); Any stays Any in both branches."""
        inner: list[Type] = []
        anys: list[Type] = []
        for item in union_items(current):
            if isinstance(item, TypeType):
                inner.append(item.item)
            elif isinstance(item, AnyType):
                anys.append(item)
            elif isinstance(item, Instance) and item.fullname == "builtins.type":
                inner.append(Instance("builtins.object"))
            else:
                return {}, {}
        if not inner:
            return {}, {}
        yes, no = self.narrow_isinstance(key, make_union(inner), wanted)

        def as_classes(m: dict[str, Type] | None) -> dict[str, Type] | None:
            if m is None:
                return {key: make_union(anys)} if anys else None
            return {
                k: make_union([TypeType(i) for i in union_items(t)] + anys) for k, t in m.items()
            }

        return as_classes(yes), as_classes(no)

    def _compare(
        self, left: ast.expr, op: ast.cmpop, right: ast.expr
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None]:
        by_len = len_maps(self, left, op, right)
        if by_len is not None:
            return by_len
        by_type = self._type_call_maps(left, op, right)
        if by_type is not None:
            return by_type
        return compare_maps(self, left, op, right)

    def type_call_arg(self, e: ast.expr) -> ast.expr | None:
        """The argument of ``type(x)``, or None when ``e`` is not such a call."""
        if not (
            isinstance(e, ast.Call)
            and isinstance(e.func, ast.Name)
            and len(e.args) == 1
            and not e.keywords
            and not isinstance(e.args[0], ast.Starred)
        ):
            return None
        sym = self.chk.lookup_symbol_expr(e.func)
        return e.args[0] if sym is not None and sym.fullname == "builtins.type" else None

    def _type_call_maps(
        self, left: ast.expr, op: ast.cmpop, right: ast.expr
    ) -> tuple[dict[str, Type] | None, dict[str, Type] | None] | None:
        """``type(x) is C`` (or ``==``): ``x`` is a ``C`` where it holds. The other branch
        narrows nothing: ``x`` may be of a subclass of ``C``, unless ``C`` is final."""
        if not isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)):
            return None
        negate = isinstance(op, (ast.IsNot, ast.NotEq))
        for operand, other in ((left, right), (right, left)):
            arg = self.type_call_arg(operand)
            if arg is None:
                continue
            target = walrus_target(arg)
            key = ref_key(target)
            current = self.current(target) if key is not None else None
            if key is None or current is None or isinstance(other, ast.Tuple):
                return {}, {}
            if not all(
                isinstance(i, (Instance, TypeVarType, AnyType, NoneType, LiteralType))
                for i in union_items(current)
            ):
                return {}, {}  # a class object, a callable: its class is a metaclass
            wanted = self.isinstance_types(other)
            if wanted is None or len(wanted) != 1 or not isinstance(wanted[0], Instance):
                return {}, {}
            yes, no = self.narrow_isinstance(key, current, wanted)
            info = self.chk.p.class_info(wanted[0].fullname)
            if info is None or not info.is_final:
                no = {}
            return (no, yes) if negate else (yes, no)
        return None

    def enum_members(self, fullname: str) -> list[object]:
        from tycheck.types.display import EnumMember
        from tycheck.semantic.symbols import VAR

        ns = self.chk.p.class_namespace(fullname)
        if ns is None:
            return []
        return [
            EnumMember(n)
            for n, s in ns.names.items()
            if s.kind == VAR
            and not n.startswith("_")
            and s.annotation is None
            and s.value is not None
        ]
