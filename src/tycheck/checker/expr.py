"""Expression inference: the type of each expression, and the errors found on the way."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker import messages as msg
from tycheck.checker import abstract, noneret, operators, strict_equality
from tycheck.checker.attrs_classes import evolve_signature
from tycheck.checker.binder import ref_key, simplify_union
from tycheck.checker.reexport import is_hidden_import, not_exported_message
from tycheck.checker.scope_names import undefined_name_message
from tycheck.checker.string_format import check_format_call, check_fstring_value, check_percent_format
from tycheck.checker.untyped_defs import check_untyped_call
from tycheck.checker.infer import generic_through_class
from tycheck.checker.partials import current_partial, report_unresolved, try_complete_by_call
from tycheck.checker.superexpr import infer_super_attribute, is_super_attribute
from tycheck.checker.typeeval import ALIASES, special_name
from tycheck.checker import typeddicts
from tycheck.semantic.symbols import CLASS, FUNC, MODULE, VAR, Symbol
from tycheck.types.display import format_type, reveal
from tycheck.types.subst import has_type_vars
from tycheck.types.model import (
    AnyType,
    CallableType,
    DeletedType,
    Instance,
    LiteralType,
    ModuleType,
    NeverType,
    NoneType,
    Overloaded,
    PartialType,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
    strip_literal,
    union_items,
)

if TYPE_CHECKING:
    from tycheck.checker.body import BodyChecker

BINOP_METHODS: dict[type, tuple[str, str, str]] = {
    ast.Add: ("__add__", "__radd__", "+"),
    ast.Sub: ("__sub__", "__rsub__", "-"),
    ast.Mult: ("__mul__", "__rmul__", "*"),
    ast.MatMult: ("__matmul__", "__rmatmul__", "@"),
    ast.Div: ("__truediv__", "__rtruediv__", "/"),
    ast.FloorDiv: ("__floordiv__", "__rfloordiv__", "//"),
    ast.Mod: ("__mod__", "__rmod__", "%"),
    ast.Pow: ("__pow__", "__rpow__", "**"),
    ast.LShift: ("__lshift__", "__rlshift__", "<<"),
    ast.RShift: ("__rshift__", "__rrshift__", ">>"),
    ast.BitAnd: ("__and__", "__rand__", "&"),
    ast.BitOr: ("__or__", "__ror__", "|"),
    ast.BitXor: ("__xor__", "__rxor__", "^"),
}

CMP_METHODS: dict[type, tuple[str, str, str]] = {
    ast.Lt: ("__lt__", "__gt__", "<"),
    ast.LtE: ("__le__", "__ge__", "<="),
    ast.Gt: ("__gt__", "__lt__", ">"),
    ast.GtE: ("__ge__", "__le__", ">="),
}


def lit(value: object, fullname: str) -> Instance:
    return Instance(fullname, (), LiteralType(value, Instance(fullname)))


class ExprMixin:
    """Inference of expressions; mixed into ``BodyChecker``."""

    def infer(self: "BodyChecker", e: ast.expr, ctx: Type | None = None) -> Type:
        method = getattr(self, "infer_" + type(e).__name__, None)
        if method is None:
            for child in ast.iter_child_nodes(e):
                if isinstance(child, ast.expr):
                    self.infer(child)
            return AnyType("unsupported")
        t = method(e, ctx)
        return t

    # -- atoms -----------------------------------------------------------------

    def infer_Constant(self: "BodyChecker", e: ast.Constant, ctx: Type | None) -> Type:
        v = e.value
        if v is None:
            return NoneType()
        if isinstance(v, bool):
            return lit(v, "builtins.bool")
        if isinstance(v, int):
            return lit(v, "builtins.int")
        if isinstance(v, str):
            return lit(v, "builtins.str")
        if isinstance(v, bytes):
            return lit(v, "builtins.bytes")
        if isinstance(v, float):
            return Instance("builtins.float")
        if isinstance(v, complex):
            return Instance("builtins.complex")
        if v is Ellipsis:
            return Instance("builtins.ellipsis") if self.p.class_info("builtins.ellipsis") else AnyType("special")
        return AnyType("special")

    def infer_JoinedStr(self: "BodyChecker", e: ast.JoinedStr, ctx: Type | None) -> Type:
        for v in e.values:
            if isinstance(v, ast.FormattedValue):
                value_type = self.infer(v.value)
                check_fstring_value(self, e, v, value_type)
                if v.format_spec is not None:
                    self.infer(v.format_spec)
        return Instance("builtins.str")

    def infer_FormattedValue(self: "BodyChecker", e: ast.FormattedValue, ctx: Type | None) -> Type:
        self.infer(e.value)
        return Instance("builtins.str")

    def infer_Name(self: "BodyChecker", e: ast.Name, ctx: Type | None) -> Type:
        t = self.lookup_name_type(e.id, e)
        if t is None:
            self.fail_semantic(e, undefined_name_message(self, e.id, e), "name-defined")
            return AnyType("error")
        if isinstance(t, UnionType) and any(isinstance(i, PartialType) for i in t.items):
            t = self.declared.get(e.id, t)  # completed in another branch
        if isinstance(t, PartialType):
            resolved = self.declared.get(e.id)
            if resolved is not None and not isinstance(resolved, PartialType):
                return resolved
            if t.fullname is not None and e.id in self.partial_sites and not self.muted:
                return report_unresolved(self, e.id, t)
            return self.partial_as_type(e.id, t)
        if isinstance(t, DeletedType):
            self.fail(e, f'Trying to read deleted variable "{e.id}"', "misc")
            return AnyType("error")
        return t

    def partial_as_type(self: "BodyChecker", name: str, t: PartialType) -> Type:
        if t.fullname is None:
            return NoneType()
        info = self.p.class_info(t.fullname)
        n = len(info.type_vars) if info else 1
        return Instance(t.fullname, tuple(AnyType("special") for _ in range(n)))

    # -- attributes --------------------------------------------------------------

    def infer_Attribute(self: "BodyChecker", e: ast.Attribute, ctx: Type | None) -> Type:
        if is_super_attribute(e):
            return infer_super_attribute(self, e)
        key = ref_key(e)
        base = self.infer(e.value)
        if key is not None and key in self.state:
            t = self.state[key]
            if isinstance(t, PartialType) and t.fullname is not None:
                if key in self.partial_sites and not self.muted:
                    return report_unresolved(self, key, t)
                return self.partial_as_type(key, t)
            return t
        return self.member_access(base, e.attr, e, e.value)

    def member_access(self: "BodyChecker", base: Type, name: str, node: ast.AST, base_node: ast.expr | None = None, report: bool = True) -> Type:
        if isinstance(base, UnionType):
            results = []
            for item in base.items:
                t = self.member_access_one(item, name, node, report=False)
                if t is None:
                    if report:
                        self.fail(node, msg.union_has_no_attribute(item, base, name), "union-attr")
                    results.append(AnyType("error"))
                else:
                    results.append(t)
            return make_union(results)
        t = self.member_access_one(base, name, node, report=report)
        if t is None:
            return AnyType("error")
        return t

    def member_access_one(self: "BodyChecker", base: Type, name: str, node: ast.AST, report: bool = True) -> Type | None:
        if isinstance(base, (AnyType, PartialType, DeletedType)):
            return AnyType("special")
        if isinstance(base, NeverType):
            return NeverType()
        if isinstance(base, TypeVarType):
            if base.values:
                return make_union([self.member_access(v, name, node, report=report) for v in base.values])
            bound = base.upper_bound
            if isinstance(bound, Instance) and not self.p.relations.has_any_base(bound.fullname):
                # Methods with self types bind to the variable itself (``self.copy()`` is Self).
                t = self.members.class_member_type(bound, name, self_type=base)
                if t is not None:
                    return t
            return self.member_access_one(base.upper_bound, name, node, report)
        if isinstance(base, ModuleType):
            return self.module_attr(base, name, node, report)
        if isinstance(base, LiteralType):
            base = base.fallback
        if isinstance(base, Instance):
            if self.p.relations.has_any_base(base.fullname):
                t = self.members.class_member_type(base, name)
                return t if t is not None else AnyType("special")
            t = self.members.class_member_type(base, name)
            if t is None:
                ga = self.members.class_member_type(base, "__getattr__")
                if isinstance(ga, CallableType):
                    return ga.ret_type
                if isinstance(ga, AnyType):
                    return ga
                if report:
                    self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return None
            return t
        if isinstance(base, TypedDictType):
            # A TypedDict class declares no members of its own: look in _TypedDict, and
            # name the TypedDict in the error.
            special = typeddicts.special_member(self, base, name)
            if special is not None:
                return special
            anon = self.p.relations.fallback_of_typeddict(base)
            t = self.member_access_one(anon, name, node, report=False)
            if t is None and report:
                self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
            return t
        if isinstance(base, TupleType):
            fb = self.p.relations.tuple_fallback(base)
            return self.member_access_one(fb, name, node, report) if not isinstance(fb, AnyType) else AnyType("special")
        if isinstance(base, NoneType):
            t = self.members.class_member_type(Instance("builtins.object"), name) if name.startswith("__") else None
            if t is None:
                if report:
                    self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return None
            return t
        if isinstance(base, (CallableType, Overloaded)):
            if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
                info = self.p.class_info(base.type_obj_name)
                inst = Instance(base.type_obj_name, tuple(AnyType("special") for _ in (info.type_vars if info else ())))
                if isinstance(base.ret_type, Instance) and base.ret_type.fullname == base.type_obj_name:
                    inst = base.ret_type
                t = self.members.class_attribute(inst, name)
                if t is not None and base.variables:
                    # Through the unapplied generic class, its variables stay free: ``C.get``
                    # is ``def [T] () -> T``.
                    t = generic_through_class(t, base.variables)
                if t is None:
                    if self.p.relations.has_any_base(base.type_obj_name):
                        return AnyType("special")
                    if report:
                        self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return t
            if isinstance(base, Overloaded) and base.items and base.items[0].is_type_obj and base.items[0].type_obj_name:
                return self.member_access_one(base.items[0], name, node, report)
            t = self.members.class_member_type(Instance("builtins.function"), name)
            if t is None:
                if report:
                    self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return None
            return t
        if isinstance(base, TypeType):
            item = base.item
            if isinstance(item, Instance):
                t = self.members.class_attribute(item, name)
                if t is None:
                    if self.p.relations.has_any_base(item.fullname):
                        return AnyType("special")
                    if report:
                        self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return t
            if isinstance(item, TypeVarType) and not item.values and isinstance(item.upper_bound, Instance):
                # type[T]: the class attributes of T's upper bound.
                bound = item.upper_bound
                t = self.members.class_attribute(bound, name, self_type=item)
                if t is None:
                    if self.p.relations.has_any_base(bound.fullname):
                        return AnyType("special")
                    if report:
                        self.fail(node, msg.has_no_attribute(base, name), "attr-defined")
                return t
            return AnyType("special")
        return AnyType("special")

    def module_attr(self: "BodyChecker", base: ModuleType, name: str, node: ast.AST, report: bool) -> Type | None:
        mod = self.p.module(base.name)
        if mod is None:
            return AnyType("unimported")  # the module is not followed
        sym = self.p.module_symbol(base.name, name)
        if sym is None:
            sub = f"{base.name}.{name}"
            if self.p.module(sub) is not None and self.is_imported_submodule(sub):
                return ModuleType(sub)
            if mod.ns.get("__getattr__") is not None:
                return self.module_getattr_type(base.name)
            if self.p.module(sub) is not None:
                return ModuleType(sub)
            if report:
                self.fail(node, f'Module has no attribute "{name}"' + msg.maybe_suggestion(name, self.module_attr_alternatives(base.name)), "attr-defined")
            return None
        if report and is_hidden_import(self.p, base.name, name):
            self.fail(node, not_exported_message(base.name, name), "attr-defined")
        rs = self.p.resolve(sym)
        if rs is None:
            return AnyType("special")
        return self.members.symbol_type(rs)

    def module_getattr_type(self: "BodyChecker", module: str) -> Type:
        """What a module-level ``__getattr__`` gives for a name the module does not define."""
        sym = self.p.module_symbol(module, "__getattr__")
        rs = self.p.resolve(sym) if sym is not None else None
        t = self.members.symbol_type(rs) if rs is not None else None
        if isinstance(t, CallableType) and len(t.arg_types) == 1:
            return t.ret_type
        return AnyType("special")

    def module_attr_alternatives(self: "BodyChecker", module: str) -> list[str]:
        """What ``module.<name>`` could have meant: module object attributes and public names."""
        out: list[str] = []
        ns = self.p.class_namespace("types.ModuleType")
        if ns is not None:
            out.extend(ns.names)
        mod = self.p.module(module)
        if mod is not None:
            for n in mod.ns.names:
                if (mod.ns.all_names is None or n in mod.ns.all_names) and not is_hidden_import(self.p, module, n):
                    out.append(n)
        return out

    def is_imported_submodule(self: "BodyChecker", name: str) -> bool:
        return True

    # -- operators -----------------------------------------------------------------

    def infer_BinOp(self: "BodyChecker", e: ast.BinOp, ctx: Type | None) -> Type:
        formatted = check_percent_format(self, e)
        if formatted is not None:
            return formatted
        left = self.infer(e.left, ctx if isinstance(e.op, (ast.Add, ast.BitOr)) else None)
        right = self.infer(e.right, ctx if isinstance(e.op, (ast.Add, ast.BitOr)) else None)
        method, rmethod, op = BINOP_METHODS[type(e.op)]
        if isinstance(e.op, ast.Mod) and isinstance(strip_literal(left), Instance) and strip_literal(left).fullname in ("builtins.str", "builtins.bytes"):  # type: ignore[union-attr]
            return strip_literal(left)
        return self.binary_op(left, right, method, rmethod, op, e, e.left, e.right)

    def binary_op(self: "BodyChecker", left: Type, right: Type, method: str, rmethod: str, op: str, node: ast.AST, lnode: ast.AST, rnode: ast.AST) -> Type:
        return operators.binary_op(self, left, right, method, rmethod, op, node, lnode, rnode)

    def try_call(self: "BodyChecker", callee: Type, arg_types: list[Type]) -> Type | None:
        """The result of calling ``callee`` with positional arguments of these types, or None if it does not accept them."""
        items = callee.items if isinstance(callee, Overloaded) else (callee,)
        for item in items:
            if not isinstance(item, CallableType):
                return AnyType("special")
            r = self.calls.match_simple(item, arg_types)
            if r is not None:
                return r
        return None

    def infer_UnaryOp(self: "BodyChecker", e: ast.UnaryOp, ctx: Type | None) -> Type:
        t = self.infer(e.operand)
        if isinstance(e.op, ast.Not):
            return Instance("builtins.bool")
        if isinstance(t, AnyType):
            return t
        st = t
        if isinstance(e.op, ast.USub) and isinstance(t, Instance) and t.last_known_value is not None and isinstance(t.last_known_value.value, int) and not isinstance(t.last_known_value.value, bool):
            return lit(-t.last_known_value.value, t.fullname)
        name, op = {ast.USub: ("__neg__", "-"), ast.UAdd: ("__pos__", "+"), ast.Invert: ("__invert__", "~")}[type(e.op)]
        results = []
        for item in union_items(st):
            m = self.member_access_one(item, name, e, report=False)
            if isinstance(m, CallableType):
                results.append(m.ret_type)
            elif isinstance(m, (AnyType, Overloaded)):
                results.append(m.items[0].ret_type if isinstance(m, Overloaded) else m)
            else:
                self.fail(e, msg.unsupported_unary(op, st), "operator")
                return AnyType("error")
        return make_union(results)

    def infer_BoolOp(self: "BodyChecker", e: ast.BoolOp, ctx: Type | None) -> Type:
        types: list[Type] = []
        saved = dict(self.state)
        for i, v in enumerate(e.values):
            t = self.infer(v, ctx)
            last = i == len(e.values) - 1
            if not last:
                yes, no = self.narrow.condition_maps(v)
                keep = no if isinstance(e.op, ast.And) else yes
                falsy = self.narrow.restrict_truthiness(t, truthy=isinstance(e.op, ast.Or))
                if falsy is not None and not isinstance(falsy, NeverType):
                    types.append(falsy)
                self.apply_map(yes if isinstance(e.op, ast.And) else no)
            else:
                types.append(t)
        self.state.clear()
        self.state.update(saved)
        return make_union(types)

    def infer_Compare(self: "BodyChecker", e: ast.Compare, ctx: Type | None) -> Type:
        left = self.infer(e.left)
        lnode = e.left
        result: Type = Instance("builtins.bool")
        for op, comp in zip(e.ops, e.comparators):
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(comp, ast.Name) and current_partial(self, comp.id) is not None:
                # ``k in x`` neither completes nor uses up a partial ``x``.
                left = AnyType("special")
                continue
            right = self.infer(comp)
            if type(op) in CMP_METHODS:
                method, rmethod, sym = CMP_METHODS[type(op)]
                r = self.binary_op(left, right, method, rmethod, sym, e, e.left, comp)
                if len(e.ops) == 1:
                    result = r
            elif isinstance(op, (ast.In, ast.NotIn)):
                self.check_container(right, left, e)
            strict_equality.check_compare(self, op, left, right, lnode, comp, e)
            left, lnode = right, comp
        return result

    def check_container(self: "BodyChecker", container: Type, item: Type, node: ast.AST) -> None:
        for c in union_items(container):
            if isinstance(c, (AnyType, NeverType)):
                continue
            m = self.member_access_one(c, "__contains__", node, report=False)
            if m is None:
                it = self.member_access_one(c, "__iter__", node, report=False)
                if it is None:
                    self.fail(node, f'Unsupported right operand type for in ("{self.fmt(container)}")', "operator")
                    return

    # -- calls ---------------------------------------------------------------------

    def infer_Call(self: "BodyChecker", e: ast.Call, ctx: Type | None) -> Type:
        if self.partial_sites:
            try_complete_by_call(self, e)
        special = self.special_call(e, ctx)
        if special is not None:
            return special
        if isinstance(e.func, ast.Attribute) and e.func.attr in typeddicts.KEY_METHODS:
            handled = self.typeddict_method_call(e, ctx)
            if handled is not None:
                return handled
        if isinstance(e.func, ast.Name) and e.func.id == "dict" and not e.args and all(k.arg for k in e.keywords) and ctx is not None:
            td = typeddicts.typeddict_context_for_keys(ctx, [k.arg for k in e.keywords])  # type: ignore[misc]
            if td is not None:
                self.infer(e.func)
                return typeddicts.check_entries(self, td, [(k.arg, k.value) for k in e.keywords], e, None, ctx)  # type: ignore[misc]
        callee = self.infer(e.func)
        if isinstance(callee, CallableType) and callee.is_type_obj and isinstance(callee.ret_type, TypedDictType):
            return typeddicts.check_constructor_call(self, callee, e, ctx)
        name, of_class = self.callee_names(e.func, callee)
        evolved = evolve_signature(self, e) if isinstance(callee, CallableType) and name in ("evolve", "assoc") else None
        if evolved is not None:
            callee, of_class = evolved
        type_obj = callee.items[0] if isinstance(callee, Overloaded) and callee.items else callee
        if isinstance(type_obj, CallableType) and type_obj.is_type_obj and type_obj.type_obj_name:
            obj_info = self.p.class_info(type_obj.type_obj_name)
            if obj_info is not None and obj_info.is_protocol:
                self.fail(e, f'Cannot instantiate protocol class "{type_obj.type_obj_name.rsplit(".", 1)[-1]}"', "misc")
            elif obj_info is not None:
                abstract.check_instantiation(self, e, type_obj.type_obj_name)
        if name in ("isinstance", "issubclass") and len(e.args) == 2:
            self.check_runtime_protocol_test(e, e.args[1])
        if isinstance(callee, CallableType) and callee.implicit:
            check_untyped_call(self, e, callee, name, of_class)
        result = self.calls.check_call(callee, e.args, e.keywords, e, name, of_class, ctx)
        check_format_call(self, e)
        noneret.check_call_value(self, e, callee, result)
        return result

    def check_runtime_protocol_test(self: "BodyChecker", call: ast.Call, classes: ast.expr) -> None:
        """isinstance(x, P) needs P to be a @runtime_checkable protocol."""
        for el in classes.elts if isinstance(classes, ast.Tuple) else [classes]:
            if not isinstance(el, (ast.Name, ast.Attribute)):
                continue
            sym = self.lookup_symbol_expr(el)
            sym = (self.p.resolve(sym) or sym) if sym is not None else None
            if sym is None or sym.kind != "class":
                continue
            info = self.p.class_info(sym.fullname)
            found = self.p.class_node(sym.fullname)
            if info is None or not info.is_protocol or found is None:
                continue
            decos = [d.id if isinstance(d, ast.Name) else d.attr if isinstance(d, ast.Attribute) else "" for d in found[1].decorator_list]
            if not any(d in ("runtime_checkable", "runtime") for d in decos):
                self.fail(call, "Only @runtime_checkable protocols can be used with instance and class checks", "misc")

    def typeddict_method_call(self: "BodyChecker", e: ast.Call, ctx: Type | None) -> Type | None:
        """``td.get('key')`` and friends: typed by the key. The receiver is first inferred
        muted, so a receiver that is not a TypedDict is checked (once) the ordinary way."""
        assert isinstance(e.func, ast.Attribute)
        if not isinstance(e.func.value, (ast.Name, ast.Attribute, ast.Subscript)):
            return None
        was = self.muted
        self.muted = True
        try:
            base = self.infer(e.func.value)
        finally:
            self.muted = was
        if not isinstance(base, TypedDictType):
            return None
        self.infer(e.func.value)
        return typeddicts.method_call(self, base, e, ctx)

    def callee_names(self: "BodyChecker", func: ast.expr, callee: Type) -> tuple[str | None, str | None]:
        if isinstance(callee, (CallableType,)) and callee.name:
            if callee.is_type_obj or callee.implicit:
                # mypy names an unannotated method by its bare name.
                return callee.name, None
            return callee.name, callee.from_method
        if isinstance(callee, Overloaded) and callee.items and callee.items[0].name:
            first = callee.items[0]
            return first.name, None if first.is_type_obj else first.from_method
        # mypy names a callee only by its own signature: a variable of a Callable type
        # has no name, so its messages read "Too few arguments" with no "for ...".
        return None, None

    def special_call(self: "BodyChecker", e: ast.Call, ctx: Type | None) -> Type | None:
        f = e.func
        if not isinstance(f, (ast.Name, ast.Attribute)):
            return None
        sym = self.lookup_symbol_expr(f)
        name = special_name(sym.fullname) if sym is not None else None
        if name is None and isinstance(f, ast.Name) and f.id in ("reveal_type", "reveal_locals") and sym is None:
            name = f.id
        if name in ("reveal_type", "cast", "assert_type") and e.args:
            noneret.allow_none(self, e.args[-1] if name == "cast" else e.args[0])
        if name == "reveal_type" and len(e.args) == 1:
            t = self.infer(e.args[0], ctx)
            # mypy reports at the argument; an unchecked body infers nothing, so it shows Any.
            shown = t if self.checking else AnyType("special")
            self.note(e.args[0], f'Revealed type is "{reveal(shown, self.verbose_reveal)}"', code="misc", reveal=True)
            if not self.checking:
                self.note(e.args[0], "'reveal_type' always outputs 'Any' in unchecked functions", code="misc", reveal=True)
            return t
        if name == "reveal_locals":
            return NoneType()
        if name == "cast" and len(e.args) == 2:
            target = self.analyze_type_expr(e.args[0])
            self.infer(e.args[1])
            return target
        if name == "assert_type" and len(e.args) == 2:
            t = self.infer(e.args[0])
            target = self.analyze_type_expr(e.args[1])
            if self.checking and not self.p.relations.is_equivalent(t, target) or (self.checking and t != target and not isinstance(t, AnyType) and strip_literal(t) != target):
                if not (isinstance(t, AnyType) and isinstance(target, AnyType)) and strip_literal(t) != target and t != target:
                    a, b = self.fmts(t, target)
                    self.fail(e, f'Expression is of type "{a}", not "{b}"', "assert-type")
            return t
        if name in ("TypeVar", "NewType", "NamedTuple", "TypedDict", "ParamSpec", "TypeVarTuple"):
            for a in e.args[1:] if name == "TypeVar" else []:
                pass
            return AnyType("special")
        return None

    # -- containers ------------------------------------------------------------------

    def infer_List(self: "BodyChecker", e: ast.List, ctx: Type | None) -> Type:
        return self.collection("builtins.list", e.elts, ctx)

    def infer_Set(self: "BodyChecker", e: ast.Set, ctx: Type | None) -> Type:
        return self.collection("builtins.set", e.elts, ctx)

    def collection(self: "BodyChecker", fullname: str, elts: list[ast.expr], ctx: Type | None) -> Type:
        item_ctx = self.context_item(ctx, fullname, 0)
        items: list[Type] = []
        for el in elts:
            if isinstance(el, ast.Starred):
                t = self.infer(el.value)
                items.append(self.iter_item_type(t, el, report=True))
            else:
                items.append(self.infer(el, item_ctx))
        if item_ctx is not None and all(self.p.relations.is_subtype(t, item_ctx) for t in items):
            return Instance(fullname, (item_ctx,))
        if item_ctx is not None and fullname == "builtins.list" and not has_type_vars(item_ctx):
            # As for a call of ``def [T] (*T) -> list[T]``: the context fixes T and each
            # item is checked against it.
            for i, (el, t) in enumerate(zip(elts, items)):
                if not isinstance(el, ast.Starred) and not self.p.relations.is_subtype(t, item_ctx):
                    self.fail(el, msg.list_item(i, t, item_ctx), "list-item")
            return Instance(fullname, (item_ctx,))
        if not items:
            return Instance(fullname, (AnyType("special"),)) if item_ctx is None else Instance(fullname, (item_ctx,))
        joined = self.join_all([strip_literal(t) for t in items])
        return Instance(fullname, (joined,))

    def context_item(self: "BodyChecker", ctx: Type | None, fullname: str, index: int) -> Type | None:
        if ctx is None:
            return None
        for c in union_items(ctx):
            if isinstance(c, Instance):
                if c.fullname == fullname and len(c.args) > index:
                    return c.args[index]
                mapped = None
                info = self.p.class_info(fullname)
                if info is not None and c.fullname in info.mro and info.type_vars:
                    # Context is a base class (Sequence[int] for a list): map it back.
                    base = self.p.relations.map_to_supertype(Instance(fullname, tuple(info.type_vars)), c.fullname)
                    if base is not None:
                        for i, a in enumerate(base.args):
                            if isinstance(a, type(info.type_vars[index])) and a == info.type_vars[index] and i < len(c.args):
                                mapped = c.args[i]
                if mapped is not None:
                    return mapped
        return None

    def infer_Tuple(self: "BodyChecker", e: ast.Tuple, ctx: Type | None) -> Type:
        ctx_items: tuple[Type, ...] | None = None
        if isinstance(ctx, TupleType) and len(ctx.items) == len(e.elts):
            ctx_items = ctx.items
        items: list[Type] = []
        for i, el in enumerate(e.elts):
            if isinstance(el, ast.Starred):
                t = self.infer(el.value)
                if isinstance(t, TupleType):
                    items.extend(t.items)
                    continue
                item = self.iter_item_type(t, el, report=True)
                for rest in e.elts[i + 1 :]:
                    self.infer(rest.value if isinstance(rest, ast.Starred) else rest)
                return Instance("builtins.tuple", (self.join_all([strip_literal(x) for x in items] + [item]),))
            items.append(self.infer(el, ctx_items[i] if ctx_items else None))
        return self.make_tuple(items)

    def make_tuple(self: "BodyChecker", items: list[Type]) -> TupleType:
        fallback = Instance("builtins.tuple", (self.join_all([strip_literal(i) for i in items]) if items else NeverType(),))
        return TupleType(tuple(items), fallback)

    def infer_Dict(self: "BodyChecker", e: ast.Dict, ctx: Type | None) -> Type:
        td = typeddicts.typeddict_context(self, ctx, e)
        if td is not None:
            return typeddicts.check_dict_display(self, td, e, ctx)
        if typeddicts.ambiguous_typeddict_context(ctx, e):
            # Several TypedDicts of the expected union fit these keys: mypy picks by the values
            # (or reports the ambiguity); until we do, the display is Any, never a false error.
            for v in e.values:
                self.infer(v)
            return AnyType("unsupported")
        kctx = self.context_item(ctx, "builtins.dict", 0)
        vctx = self.context_item(ctx, "builtins.dict", 1)
        keys: list[Type] = []
        values: list[Type] = []
        for k, v in zip(e.keys, e.values):
            if k is None:
                t = self.infer(v)
                if isinstance(t, Instance) and t.fullname == "builtins.dict" and len(t.args) == 2:
                    keys.append(t.args[0])
                    values.append(t.args[1])
                else:
                    keys.append(AnyType("special"))
                    values.append(AnyType("special"))
                continue
            keys.append(self.infer(k, kctx))
            values.append(self.infer(v, vctx))
        if kctx is not None and vctx is not None and all(self.p.relations.is_subtype(k, kctx) for k in keys) and all(self.p.relations.is_subtype(v, vctx) for v in values):
            return Instance("builtins.dict", (kctx, vctx))
        if kctx is not None and vctx is not None and not has_type_vars(kctx) and not has_type_vars(vctx) and all(k is not None for k in e.keys):
            rel = self.p.relations
            for i, (kn, kt, vt) in enumerate(zip(e.keys, keys, values)):
                if not (rel.is_subtype(kt, kctx) and rel.is_subtype(vt, vctx)):
                    self.fail(kn, msg.dict_entry(i, kt, vt, kctx, vctx, rel.is_subtype(kt, kctx), rel.is_subtype(vt, vctx)), "dict-item")  # type: ignore[arg-type]
            return Instance("builtins.dict", (kctx, vctx))
        if not keys:
            return Instance("builtins.dict", (kctx or AnyType("special"), vctx or AnyType("special")))
        return Instance("builtins.dict", (self.join_all([strip_literal(k) for k in keys]), self.join_all([strip_literal(v) for v in values])))

    def comprehension_scope(self: "BodyChecker", generators: list[ast.comprehension]) -> dict[str, Type | None]:
        saved: dict[str, Type | None] = {}
        for g in generators:
            it = self.infer(g.iter)
            item = self.iter_item_type(it, g.iter, report=True) if not g.is_async else AnyType("special")
            for name in _target_names(g.target):
                if name not in saved:
                    saved[name] = self.state.get(name)
            self.bind_target(g.target, item)
            for cond in g.ifs:
                self.infer(cond)
                yes, _ = self.narrow.condition_maps(cond)
                self.apply_map(yes)
        return saved

    def restore_scope(self: "BodyChecker", saved: dict[str, Type | None]) -> None:
        for name, old in saved.items():
            self.comp_locals.discard(name)
            if old is None:
                self.state.pop(name, None)
            else:
                self.state[name] = old

    def bind_target(self: "BodyChecker", target: ast.expr, t: Type) -> None:
        if isinstance(target, ast.Name):
            self.comp_locals.add(target.id)
            self.state[target.id] = strip_literal(t)
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self.unpack_types(t, len(target.elts), target)
            for el, it in zip(target.elts, items):
                self.bind_target(el.value if isinstance(el, ast.Starred) else el, it if not isinstance(el, ast.Starred) else Instance("builtins.list", (it,)))

    def infer_ListComp(self: "BodyChecker", e: ast.ListComp, ctx: Type | None) -> Type:
        saved_state = dict(self.state)
        saved = self.comprehension_scope(e.generators)
        item_ctx = self.context_item(ctx, "builtins.list", 0)
        t = self.comp_item(self.infer(e.elt, item_ctx), item_ctx)
        self.restore_scope(saved)
        self.state.clear()
        self.state.update(saved_state)
        return Instance("builtins.list", (strip_literal(t),))

    def comp_item(self: "BodyChecker", t: Type, item_ctx: Type | None) -> Type:
        """A comprehension's item type: the context's item when the value fits it (as for
        ``[x]`` displays: ``xs: list[Proto] = [C() for _ in r]`` is a list of Proto)."""
        if item_ctx is not None and not isinstance(item_ctx, AnyType) and not has_type_vars(item_ctx) and self.p.relations.is_subtype(t, item_ctx):
            return item_ctx
        return t

    def infer_SetComp(self: "BodyChecker", e: ast.SetComp, ctx: Type | None) -> Type:
        saved_state = dict(self.state)
        saved = self.comprehension_scope(e.generators)
        item_ctx = self.context_item(ctx, "builtins.set", 0)
        t = self.comp_item(self.infer(e.elt, item_ctx), item_ctx)
        self.restore_scope(saved)
        self.state.clear()
        self.state.update(saved_state)
        return Instance("builtins.set", (strip_literal(t),))

    def infer_GeneratorExp(self: "BodyChecker", e: ast.GeneratorExp, ctx: Type | None) -> Type:
        saved_state = dict(self.state)
        saved = self.comprehension_scope(e.generators)
        item_ctx = self.context_item(ctx, "typing.Generator", 0) if self.p.class_info("typing.Generator") else None
        t = self.comp_item(self.infer(e.elt, item_ctx), item_ctx)
        self.restore_scope(saved)
        self.state.clear()
        self.state.update(saved_state)
        if self.p.class_info("typing.Generator"):
            return Instance("typing.Generator", (strip_literal(t), NoneType(), NoneType()))
        return AnyType("special")

    def infer_DictComp(self: "BodyChecker", e: ast.DictComp, ctx: Type | None) -> Type:
        saved_state = dict(self.state)
        saved = self.comprehension_scope(e.generators)
        kctx = self.context_item(ctx, "builtins.dict", 0)
        vctx = self.context_item(ctx, "builtins.dict", 1)
        k = self.comp_item(self.infer(e.key, kctx), kctx)
        v = self.comp_item(self.infer(e.value, vctx), vctx)
        self.restore_scope(saved)
        self.state.clear()
        self.state.update(saved_state)
        return Instance("builtins.dict", (strip_literal(k), strip_literal(v)))

    # -- misc -------------------------------------------------------------------------

    def infer_IfExp(self: "BodyChecker", e: ast.IfExp, ctx: Type | None) -> Type:
        self.infer(e.test)
        yes, no = self.narrow.condition_maps(e.test)
        saved = dict(self.state)
        self.apply_map(yes)
        a = self.infer(e.body, ctx) if yes is not None else None
        self.state.clear()
        self.state.update(saved)
        self.apply_map(no)
        b = self.infer(e.orelse, ctx) if no is not None else None
        self.state.clear()
        self.state.update(saved)
        if ctx is None and a is not None and b is not None and _undetermined(a) != _undetermined(b):
            # An empty collection in one branch takes the other branch's type as context
            # (mypy: ``[] if c else [1]`` is ``list[int]``).
            if _undetermined(a):
                self.apply_map(yes)
                a = self.infer(e.body, b)
            else:
                self.apply_map(no)
                b = self.infer(e.orelse, a)
            self.state.clear()
            self.state.update(saved)
        parts = [t for t in (a, b) if t is not None]
        if not parts:
            return NeverType()
        # mypy's simplified union: a branch absorbed by the other's type disappears
        # (literal-valued branches stay apart, as ``Literal[1]? | Literal[2]?``).
        def absorbed(a: Type, b: Type) -> bool:
            if any(isinstance(x, Instance) and x.last_known_value is not None for x in (a, b)):
                return a == b
            return self.p.relations.is_subtype(a, b)

        return simplify_union(parts, absorbed)

    def infer_Lambda(self: "BodyChecker", e: ast.Lambda, ctx: Type | None) -> Type:
        from tycheck.types.model import OPT, POS, STAR, STAR2, NAMED, NAMED_OPT

        a = e.args
        params = list(a.posonlyargs) + list(a.args)
        ctx_c = ctx if isinstance(ctx, CallableType) else None
        if ctx_c is not None and (ctx_c.type_guard is not None or ctx_c.type_is is not None):
            ctx_c = None  # a lambda is never a type guard: its context says nothing then
        types: list[Type] = []
        kinds: list[int] = []
        names: list[str | None] = []
        first_default = len(params) - len(a.defaults)
        for i, p in enumerate(params):
            t: Type = AnyType("unannotated")
            if ctx_c is not None and i < len(ctx_c.arg_types) and not ctx_c.is_ellipsis_args:
                t = ctx_c.arg_types[i]
            types.append(t)
            kinds.append(OPT if i >= first_default else POS)
            names.append(p.arg)
        if a.vararg:
            types.append(AnyType("unannotated")); kinds.append(STAR); names.append(a.vararg.arg)
        for p, d in zip(a.kwonlyargs, a.kw_defaults):
            types.append(AnyType("unannotated")); kinds.append(NAMED_OPT if d is not None else NAMED); names.append(p.arg)
        if a.kwarg:
            types.append(AnyType("unannotated")); kinds.append(STAR2); names.append(a.kwarg.arg)
        saved_state = dict(self.state)
        saved = {n: self.state.get(n) for n in names if n}
        for n, t in zip(names, types):
            if n:
                self.comp_locals.add(n)
                self.state[n] = t
        was = self.checking
        self.checking = was and ctx_c is not None
        noneret.allow_none(self, e.body)
        ret = self.infer(e.body, ctx_c.ret_type if ctx_c else None)
        self.checking = was
        for n, old in saved.items():
            self.comp_locals.discard(n)  # type: ignore[arg-type]
        self.state.clear()
        self.state.update(saved_state)
        if ctx_c is None:
            ret = AnyType("unannotated") if not True else ret
        return CallableType(tuple(types), tuple(kinds), tuple(names), strip_literal(ret) if ctx_c is None else ret, name="<lambda>", implicit=ctx_c is None)

    def infer_NamedExpr(self: "BodyChecker", e: ast.NamedExpr, ctx: Type | None) -> Type:
        t = self.infer(e.value, ctx)
        self.assign_to(e.target, t, e.value, e)
        return t

    def infer_Starred(self: "BodyChecker", e: ast.Starred, ctx: Type | None) -> Type:
        return self.infer(e.value)

    def infer_Await(self: "BodyChecker", e: ast.Await, ctx: Type | None) -> Type:
        t = self.infer(e.value)
        return self.awaited_type(t, e)

    def awaited_type(self: "BodyChecker", t: Type, node: ast.AST) -> Type:
        if isinstance(t, AnyType):
            return t
        if isinstance(t, Instance):
            for name in ("typing.Awaitable", "typing.Coroutine"):
                m = self.p.relations.map_to_supertype(t, name)
                if m is not None and m.args:
                    return m.args[-1]
            aw = self.member_access_one(t, "__await__", node, report=False)
            if isinstance(aw, CallableType) and isinstance(aw.ret_type, Instance) and len(aw.ret_type.args) == 3:
                return aw.ret_type.args[2]
        return AnyType("special")

    def infer_Yield(self: "BodyChecker", e: ast.Yield, ctx: Type | None) -> Type:
        if e.value is not None:
            self.infer(e.value)
        return AnyType("special")

    def infer_YieldFrom(self: "BodyChecker", e: ast.YieldFrom, ctx: Type | None) -> Type:
        t = self.infer(e.value)
        if isinstance(t, Instance) and t.fullname == "typing.Generator" and len(t.args) == 3:
            return t.args[2]
        return AnyType("special")

    def infer_Slice(self: "BodyChecker", e: ast.Slice, ctx: Type | None) -> Type:
        for part in (e.lower, e.upper, e.step):
            if part is not None:
                self.infer(part)
        return Instance("builtins.slice", (AnyType("special"),) * 3) if self.p.class_info("builtins.slice") and self.p.class_info("builtins.slice").type_vars else Instance("builtins.slice")  # type: ignore[union-attr]

    def infer_Subscript(self: "BodyChecker", e: ast.Subscript, ctx: Type | None) -> Type:
        key = ref_key(e)
        base = self.infer(e.value)
        if isinstance(base, CallableType) and base.is_type_obj and base.type_obj_name:
            enum_info = self.p.class_info(base.type_obj_name)
            if enum_info is not None and enum_info.is_enum and not enum_info.type_vars:
                # E['A']: the member named by a string (the metaclass's __getitem__).
                index = self.infer(e.slice)
                if not self.p.relations.is_subtype(index, Instance("builtins.str")):
                    self.fail(e.slice, f'Enum index should be a string (actual index type {msg.quote_type(format_type(index))})', "misc")
                return Instance(base.type_obj_name)
        if isinstance(base, (CallableType, Overloaded)) and (isinstance(base, Overloaded) or base.is_type_obj):
            # A generic class subscripted in an expression: list[int]() and friends.
            t = self.analyze_type_expr(e)
            if isinstance(t, TypedDictType):
                t = t.fallback
            if isinstance(t, Instance):
                return self.members.type_object(t.fullname, t)
            return AnyType("special")
        if isinstance(e.value, (ast.Name, ast.Attribute)):
            # Protocol[T], Generic[T], Literal[...] used as values: special forms, whatever
            # the stub happens to declare them as (the test stubs say ``Protocol = 0``).
            sym = self.lookup_symbol_expr(e.value)
            spec = special_name(sym.fullname) if sym is not None else None
            if spec is not None and spec not in ALIASES:
                return AnyType("special")
        index = self.infer(e.slice)
        if key is not None and key in self.state:
            return self.state[key]
        return self.index_type(base, index, e, e.slice)

    def index_type(self: "BodyChecker", base: Type, index: Type, node: ast.AST, index_node: ast.expr) -> Type:
        if isinstance(base, UnionType):
            return make_union([self.index_type(i, index, node, index_node) for i in base.items])
        if isinstance(base, (AnyType, NeverType)):
            return base
        if isinstance(base, TypeVarType) and isinstance(base.upper_bound, TypedDictType) and not base.values:
            base = base.upper_bound
        if isinstance(base, TypedDictType):
            return typeddicts.index_typeddict(self, base, index, index_node)
        if isinstance(base, TupleType):
            lk = index.last_known_value if isinstance(index, Instance) else (index if isinstance(index, LiteralType) else None)
            if lk is not None and isinstance(lk.value, int) and not isinstance(lk.value, bool):
                n = lk.value
                if -len(base.items) <= n < len(base.items):
                    return base.items[n]
                self.fail(node, "Tuple index out of range", "misc")
                return AnyType("error")
            if isinstance(index_node, ast.Slice):
                return self.slice_tuple(base, index_node)
            base = self.p.relations.tuple_fallback(base)
        if isinstance(base, TypeType) or (isinstance(base, CallableType) and base.is_type_obj):
            return AnyType("special")
        m = self.member_access_one(base, "__getitem__", node, report=False)
        if m is None:
            if isinstance(base, NoneType) or isinstance(base, Instance) or isinstance(base, (CallableType, Overloaded)):
                self.fail(node, msg.not_indexable(base), "index")
            return AnyType("error")
        if isinstance(m, AnyType):
            return m
        if isinstance(m, (CallableType, Overloaded)):
            r = self.try_call(m, [index])
            if r is not None:
                return r
            if isinstance(m, Overloaded) and isinstance(index, UnionType):
                # Union math: each member of a union index may pick its own item.
                per_item = [self.try_call(m, [i]) for i in index.items]
                if all(t is not None for t in per_item):
                    return make_union(per_item)  # type: ignore[arg-type]
            if isinstance(m, CallableType) and m.arg_types:
                self.fail(index_node, msg.invalid_index(index, base, m.arg_types[0]), "index")
                return AnyType("error")
            name_t = base
            self.fail(node, f'No overload variant of "__getitem__" of "{self.fmt(name_t)}" matches argument type "{self.fmt(index)}"', "call-overload")
            self.note(node, "Possible overload variants:", code="call-overload")
            from tycheck.types.display import pretty_callable

            for item in m.items if isinstance(m, Overloaded) else []:
                self.note(node, "    " + pretty_callable(item), code="call-overload")
            return AnyType("error")
        return AnyType("special")

    def slice_tuple(self: "BodyChecker", base: TupleType, s: ast.Slice) -> Type:
        def const(x: ast.expr | None) -> int | None | str:
            if x is None:
                return None
            if isinstance(x, ast.Constant) and isinstance(x.value, int):
                return x.value
            if isinstance(x, ast.UnaryOp) and isinstance(x.op, ast.USub) and isinstance(x.operand, ast.Constant) and isinstance(x.operand.value, int):
                return -x.operand.value
            return "?"

        lo, hi, st = const(s.lower), const(s.upper), const(s.step)
        if "?" in (lo, hi, st):
            return self.p.relations.tuple_fallback(base)
        if st == 0:
            self.fail(s, "Slice step cannot be zero", "misc")
            return AnyType("error")
        return self.make_tuple(list(base.items[lo:hi:st]))  # type: ignore[misc]


def _target_names(t: ast.expr) -> list[str]:
    from tycheck.semantic.symbols import target_names

    return target_names(t)


def _undetermined(t: Type) -> bool:
    """An empty collection's type, which context would determine (``list[Never]``)."""
    from tycheck.checker.partials import ambiguous_never_to_any, is_empty_collection

    return is_empty_collection(t) or ambiguous_never_to_any(t) is not None
