"""Declared types: annotations into types, classes into class facts, defs into signatures.

Everything a module exposes to others is computed here from its symbol table, without
looking into function bodies (except ``self.x = ...`` assignments, which declare attributes),
so an edit inside a body never changes another module's view of it.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from tycheck.checker.core.evaluator import CheckContext
from tycheck.checker.declare.names import (
    ALIASES,
    TypeScope,
    _looks_like_type,
    parse_type_string,
    special_name,
)
from tycheck.checker.declare import type_params
from tycheck.checker.declare.variance import infer_variances
from tycheck.checker.declare.typevars import _collect_tvs, _rename_templates, bind_free_tvars
from tycheck.checker.declare.namedtuple_bases import subscripted_namedtuple_base
from tycheck.checker.core.program import SourceModule
from tycheck.checker.declare.signatures import Signatures
from tycheck.semantic.symbols import CLASS, MODULE, VAR, Symbol
from tycheck.types.display import EnumMember
from tycheck.types.model import (
    AliasCell,
    TypeAliasType,
    any_args_callable,
    POS,
    ANY,
    AnyType,
    CallableType,
    ClassTypeInfo,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
    make_union,
)
from tycheck.types.subst import expand, has_type_vars
from tycheck.checker.declare.typeddict import (
    drop_redundant_typeddict_base,
    is_typeddict_class,
    typeddict_fallback,
    typeddict_of_instance,
)


class TypeEvaluator(Signatures):
    """Turns annotations, class definitions and defs into types; memoised per program."""

    def __init__(self, ctx: "CheckContext") -> None:
        self.ctx = ctx
        self.p = ctx.program
        self._tv_counter = 0
        # Aliases being evaluated: a reference to one of them inside its own definition is
        # a recursive alias reference (``TypeAliasType``) rather than a cycle.
        self._alias_open: dict[str, AliasCell] = {}
        self._alias_used: set[str] = set()

    # -- names ----------------------------------------------------------------

    def lookup(self, name: str, scope: TypeScope) -> Symbol | None:
        tp = type_params.lookup(self, name, scope)  # PEP 695 parameters bound by the scope
        if tp is not None:
            return tp
        if scope.local_lookup is not None:
            sym = scope.local_lookup(name)
            if sym is not None:
                return self.p.resolve(sym)
        for cls in reversed(scope.classes):
            ns = self.p.class_namespace(cls)
            if ns is not None and name in ns.names:
                return self.p.resolve(ns.names[name])
        sym = scope.module.ns.get(name)
        if sym is None:
            sym = self.p.module_symbol(scope.module.name, name)
        if sym is None:
            sym = self.p.module_symbol("builtins", name)
        return self.p.resolve(sym)

    def lookup_expr(self, expr: ast.expr, scope: TypeScope) -> Symbol | None:
        """Resolve ``a`` or ``a.b.c`` to a symbol (through modules and classes)."""
        if isinstance(expr, ast.Name):
            return self.lookup(expr.id, scope)
        if isinstance(expr, ast.Attribute):
            base = self.lookup_expr(expr.value, scope)
            if base is None:
                return None
            if base.kind == MODULE and base.target:
                sym = self.p.module_symbol(base.target, expr.attr)
                if sym is None and self.p.module(f"{base.target}.{expr.attr}") is not None:
                    return Symbol(
                        expr.attr,
                        MODULE,
                        f"{base.target}.{expr.attr}",
                        target=f"{base.target}.{expr.attr}",
                    )
                return self.p.resolve(sym)
            if base.kind == CLASS:
                ns = self.p.class_namespace(base.fullname)
                if ns is not None:
                    return self.p.resolve(ns.get(expr.attr))
        return None

    # -- type expressions --------------------------------------------------------

    def analyze(self, expr: ast.expr | None, scope: TypeScope) -> Type:
        if expr is None:
            return AnyType("unannotated")
        try:
            return self._analyze(expr, scope)
        except RecursionError:
            return AnyType("error")

    def analyze_string(self, text: str, scope: TypeScope, line: int = 1) -> Type:
        node = parse_type_string(text, line)
        if node is None:
            return AnyType("error")
        return self.analyze(node, scope)

    def _analyze(self, e: ast.expr, scope: TypeScope) -> Type:
        if isinstance(e, ast.Constant):
            if e.value is None:
                return NoneType()
            if isinstance(e.value, str):
                return self.analyze_string(e.value, scope, getattr(e, "lineno", 1))
            if e.value is Ellipsis:
                return AnyType("special")
            return AnyType("error")
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
            return make_union([self._analyze(e.left, scope), self._analyze(e.right, scope)])
        if isinstance(e, (ast.Name, ast.Attribute)):
            return self.analyze_name(e, scope, ())
        if isinstance(e, ast.Subscript):
            args = list(e.slice.elts) if isinstance(e.slice, ast.Tuple) else [e.slice]
            return self.analyze_name(e.value, scope, tuple(args), subscripted=True)
        return AnyType("error")

    def analyze_name(
        self, e: ast.expr, scope: TypeScope, args: tuple[ast.expr, ...], subscripted: bool = False
    ) -> Type:
        sym = self.lookup_expr(e, scope)
        if sym is None:
            return AnyType("error")
        special = special_name(sym.fullname)
        if special is not None:
            return self.special_form(special, args, scope, subscripted)
        if sym.kind == CLASS:
            return self.instance_from_class(sym.fullname, args, scope, subscripted)
        if sym.kind == VAR:
            tv = self.typevar_of(sym, scope)
            if tv is not None:
                return tv
            cell = self._alias_open.get(sym.fullname)
            if cell is not None:
                self._alias_used.add(sym.fullname)
                targs = tuple(self._analyze(a, scope) for a in args)
                return TypeAliasType(sym.fullname, targs, cell)
            alias = self.alias_target(sym)
            if alias is not None:
                if args and isinstance(alias, Instance) and not alias.args:
                    return self.instance_from_class(alias.fullname, args, scope, subscripted)
                order = type_params.alias_order(self, sym)  # PEP 695: the declared order
                if args:
                    targs = [self._analyze(a, scope) for a in args]
                    return self.apply_alias_args(alias, targs, order)
                # A generic alias used bare has Any for its variables (as a bare generic class).
                return self.apply_alias_args(alias, [], order)
        return AnyType("error")

    def apply_alias_args(
        self, alias: Type, args: list[Type], order: list[TypeVarType] | None = None
    ) -> Type:
        tvs: list[TypeVarType] = []
        _collect_tvs(alias, tvs)
        if order:
            tvs = order
            args = list(type_params.with_defaults(tuple(order), tuple(args)))
        if not tvs:
            return alias
        # Templates all have id 0: they are told apart by full name.
        mapping = {
            tv.fullname if tv.id == 0 else tv.id: args[i] if i < len(args) else ANY
            for i, tv in enumerate(tvs)
        }
        return expand(alias, mapping)

    def instance_from_class(
        self, fullname: str, args: tuple[ast.expr, ...], scope: TypeScope, subscripted: bool
    ) -> Type:
        t = self._instance_from_class(fullname, args, scope, subscripted)
        if isinstance(t, Instance) and is_typeddict_class(self.p.class_info(fullname)):
            return typeddict_of_instance(self, t)
        return t

    def _instance_from_class(
        self, fullname: str, args: tuple[ast.expr, ...], scope: TypeScope, subscripted: bool
    ) -> Type:
        if fullname == "builtins.tuple" and subscripted:
            return self.tuple_type(args, scope)
        if fullname == "dataclasses.InitVar" and subscripted and len(args) == 1:
            return self._analyze(args[0], scope)  # an init-only field has the type it wraps
        if fullname == "builtins.type" and subscripted and len(args) == 1:
            return self.type_type(self._analyze(args[0], scope))
        info = self.p.class_info(fullname)
        n = len(info.type_vars) if info is not None else 0
        if info is not None and info.tuple_base is not None and not n:
            return info.tuple_base
        if not subscripted:
            if n:
                # mypy's "omitted generics" Any: not an undetermined argument (``x = cast(list, y)``
                # is no empty collection waiting for its type).
                return Instance(
                    fullname, tuple(tv.default or AnyType("omitted") for tv in info.type_vars)
                )
            return Instance(fullname)
        targs = tuple(self._analyze(a, scope) for a in args)
        if info is not None and len(targs) < n:
            targs = type_params.with_defaults(info.type_vars, targs)  # PEP 696 defaults
        if n != len(targs):
            return Instance(fullname, tuple(AnyType("error") for _ in range(n)))
        return Instance(fullname, targs)

    def tuple_type(self, args: tuple[ast.expr, ...], scope: TypeScope) -> Type:
        if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
            return Instance("builtins.tuple", (self._analyze(args[0], scope),))
        if len(args) == 1 and isinstance(args[0], ast.Tuple) and not args[0].elts:
            return TupleType((), Instance("builtins.tuple", (NeverType(),)))
        items = tuple(self._analyze(a, scope) for a in args)
        if any(self.is_unpack(a, scope) for a in args):
            # A variadic item (``*Ts``, ``Unpack[Ts]``): TypeVarTuple is not solved yet.
            return Instance("builtins.tuple", (AnyType("unsupported"),))
        return TupleType(
            items, Instance("builtins.tuple", (self.p.relations.join_all(list(items)),))
        )

    def is_unpack(self, e: ast.expr, scope: TypeScope) -> bool:
        """Whether ``e`` is a variadic item: ``*Ts`` or ``Unpack[...]``."""
        if isinstance(e, ast.Starred):
            return True
        if not isinstance(e, ast.Subscript):
            return False
        sym = self.lookup_expr(e.value, scope)
        return sym is not None and special_name(sym.fullname) == "Unpack"

    def type_type(self, item: Type) -> Type:
        if isinstance(item, UnionType):
            return make_union([TypeType(i) for i in item.items])
        return TypeType(item)

    def special_form(
        self, name: str, args: tuple[ast.expr, ...], scope: TypeScope, subscripted: bool
    ) -> Type:
        a = lambda i: self._analyze(args[i], scope)  # noqa: E731
        if name in ALIASES:
            full = ALIASES[name]
            if full == "builtins.type" and subscripted and len(args) == 1:
                return self.type_type(a(0))
            return self.instance_from_class(full, args, scope, subscripted)
        if name == "Any":
            return AnyType("explicit")
        if name == "Optional" and len(args) == 1:
            return make_union([a(0), NoneType()])
        if name == "Union":
            return make_union([a(i) for i in range(len(args))])
        if name == "Tuple":
            if not subscripted:
                return Instance("builtins.tuple", (AnyType("omitted"),))
            return self.tuple_type(args, scope)
        if name in ("NoReturn", "Never"):
            return NeverType(is_noreturn=True)
        if name == "Callable":
            return self.callable_type(args, scope)
        if name == "Literal":
            return (
                make_union([self.literal_item(x, scope) for x in args])
                if args
                else AnyType("error")
            )
        if name in (
            "ClassVar",
            "Final",
            "Required",
            "NotRequired",
            "ReadOnly",
            "Annotated",
            "TypeGuard",
            "TypeIs",
        ):
            if name in ("TypeGuard", "TypeIs"):
                return Instance("builtins.bool")
            return a(0) if args else AnyType("special")
        if name == "Self":
            return scope.self_type or AnyType("error")
        if name == "LiteralString":
            return Instance("builtins.str")
        return AnyType("special")

    def literal_item(self, e: ast.expr, scope: TypeScope) -> Type:
        if isinstance(e, ast.Constant):
            v = e.value
            if v is None:
                return NoneType()
            if isinstance(v, bool):
                return LiteralType(v, Instance("builtins.bool"))
            if isinstance(v, int):
                return LiteralType(v, Instance("builtins.int"))
            if isinstance(v, str):
                return LiteralType(v, Instance("builtins.str"))
            if isinstance(v, bytes):
                return LiteralType(v, Instance("builtins.bytes"))
        if (
            isinstance(e, ast.UnaryOp)
            and isinstance(e.op, ast.USub)
            and isinstance(e.operand, ast.Constant)
            and isinstance(e.operand.value, int)
        ):
            return LiteralType(-e.operand.value, Instance("builtins.int"))
        if isinstance(e, ast.Attribute):
            sym = self.lookup_expr(e.value, scope)
            if sym is not None and sym.kind == CLASS:
                return LiteralType(EnumMember(e.attr), Instance(sym.fullname))
        t = self._analyze(e, scope)
        if isinstance(t, (LiteralType, UnionType, NoneType)):
            return t
        return AnyType("error")

    def callable_type(self, args: tuple[ast.expr, ...], scope: TypeScope) -> Type:
        if len(args) != 2:
            return any_args_callable(AnyType("special"))
        params, ret = args
        ret_t = self._analyze(ret, scope)
        guard = self.return_guard(ret, scope)
        if guard is not None:
            # Build the plain signature, then attach the guard to it.
            c0 = self.callable_type((params, ast.Constant(None)), scope)
            if isinstance(c0, CallableType):
                kw = {"type_guard": guard[1]} if guard[0] == "TypeGuard" else {"type_is": guard[1]}
                c1 = replace(c0, ret_type=ret_t, **kw)  # type: ignore[arg-type]
                if c1.variables:
                    # The guard's templates become the variables the parameters were bound to.
                    renamed = _rename_templates(c1, {v.fullname: v for v in c1.variables})
                    assert isinstance(renamed, CallableType)
                    c1 = renamed
                    return c1
                return bind_free_tvars(c1) if scope.bind_callable_tvars else c1
        if (isinstance(params, ast.Constant) and params.value is Ellipsis) or (
            # ``Callable[[*Ts], R]``: until TypeVarTuple is solved, any parameters fit.
            isinstance(params, ast.List) and any(self.is_unpack(x, scope) for x in params.elts)
        ):
            return any_args_callable(ret_t)
        if isinstance(params, ast.List):
            types = tuple(self._analyze(x, scope) for x in params.elts)
            c = CallableType(types, tuple(POS for _ in types), tuple(None for _ in types), ret_t)
            return bind_free_tvars(c) if scope.bind_callable_tvars else c
        from tycheck.checker.declare.paramspec import param_spec_callable

        ps = param_spec_callable(self, params, ret_t, scope)
        if ps is not None:
            return ps
        return any_args_callable(ret_t)

    # -- type variables and aliases ---------------------------------------------------

    def typevar_template(self, sym: Symbol) -> TypeVarType | None:
        """The TypeVar declared by ``T = TypeVar('T', ...)``, with id 0."""
        if type_params.is_type_param(sym):
            return type_params.template(self, sym)
        if sym.kind != VAR or not isinstance(sym.value, ast.Call):
            return None
        call = sym.value
        mod = self._module_of(sym)
        if mod is None:
            return None
        scope = TypeScope(mod)
        callee = self.lookup_expr(call.func, scope)
        if callee is None or special_name(callee.fullname) != "TypeVar":
            return None

        def compute() -> TypeVarType:
            values = tuple(self._analyze(v, scope) for v in call.args[1:])
            bound: Type = Instance("builtins.object")
            variance = 0
            default = None
            for kw in call.keywords:
                if kw.arg == "bound":
                    bound = self._analyze(kw.value, scope)
                elif (
                    kw.arg == "covariant"
                    and isinstance(kw.value, ast.Constant)
                    and kw.value.value is True
                ):
                    variance = 1
                elif (
                    kw.arg == "contravariant"
                    and isinstance(kw.value, ast.Constant)
                    and kw.value.value is True
                ):
                    variance = 2
                elif kw.arg == "default":
                    default = self._analyze(kw.value, scope)
            return TypeVarType(sym.name, sym.fullname, 0, bound, values, variance, default)

        return self.p.memo("typevar", sym.fullname, compute)

    def typevar_of(self, sym: Symbol, scope: TypeScope) -> TypeVarType | None:
        tmpl = self.typevar_template(sym)
        if tmpl is None:
            return None
        bound = scope.typevars.get(sym.fullname)
        if bound is not None:
            return bound
        if scope.allow_unbound_tvars:
            return tmpl
        return None

    def module_of(self, sym: Symbol) -> SourceModule | None:
        """The module that defines ``sym`` (the longest module prefix of its full name)."""
        return self._module_of(sym)

    def _module_of(self, sym: Symbol) -> SourceModule | None:
        full = sym.fullname
        parts = full.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = self.p.module(".".join(parts[:i]))
            if mod is not None:
                return mod
        return None

    def _is_type_alias_annotation(self, sym: Symbol) -> bool:
        """Whether ``sym`` is annotated ``TypeAlias``, however imported (``as _TA``, ``t.TypeAlias``)."""
        ann = sym.annotation
        if not isinstance(ann, (ast.Name, ast.Attribute)):
            return False
        if (ann.id if isinstance(ann, ast.Name) else ann.attr) == "TypeAlias":
            return True  # the common spelling needs no lookup
        mod = self._module_of(sym)
        found = self.lookup_expr(ann, TypeScope(mod)) if mod is not None else None
        return found is not None and special_name(found.fullname) == "TypeAlias"

    def alias_target(self, sym: Symbol) -> Type | None:
        """If ``sym`` is ``A = <type expression>`` at module level, the type it names."""
        if sym.kind != VAR or sym.value is None or sym.type_comment is not None:
            return None
        if sym.annotation is not None and not self._is_type_alias_annotation(sym):
            return None
        value = sym.value
        if (
            sym.annotation is not None
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            # An explicit alias may be spelled as a string: ``X: TypeAlias = "int | str"``.
            parsed = parse_type_string(value.value, getattr(value, "lineno", 1))
            if parsed is None:
                return None
            value = parsed
        if not _looks_like_type(value):
            return None
        mod = self._module_of(sym)
        if mod is None:
            return None
        cell = self._alias_open.get(sym.fullname)
        if cell is not None:
            self._alias_used.add(sym.fullname)
            return TypeAliasType(sym.fullname, (), cell)

        def compute() -> Type | None:
            scope = TypeScope(mod, allow_unbound_tvars=True)
            own = type_params.register(self, sym.fullname, sym.node, scope)  # PEP 695 alias
            scope.typevars.update({tv.fullname: tv for tv in own})
            if isinstance(value, (ast.Name, ast.Attribute)):
                target = self.lookup_expr(value, scope)
                if target is None:
                    return None
                if (
                    target.kind == CLASS
                    or special_name(target.fullname) in ALIASES
                    or special_name(target.fullname) in ("Any",)
                ):
                    return self._analyze(value, scope)
                if target.kind == VAR and target is not sym:
                    return self.alias_target(target)
                return None
            if isinstance(value, ast.Subscript):
                base = self.lookup_expr(value.value, scope)
                if base is None or not (
                    base.kind == CLASS
                    or special_name(base.fullname)
                    or self.alias_target(base) is not None
                ):
                    return None
            t = self._analyze(value, scope)
            return t

        def compute_open() -> Type | None:
            cell = AliasCell()
            self._alias_open[sym.fullname] = cell
            try:
                t = compute()
            finally:
                del self._alias_open[sym.fullname]
            if sym.fullname not in self._alias_used or t is None:
                return t
            self._alias_used.discard(sym.fullname)
            return self._close_recursive_alias(sym, t, cell)

        return self.p.memo("alias", sym.fullname, compute_open)

    def _close_recursive_alias(self, sym: Symbol, t: Type, cell: AliasCell) -> Type:
        """The reference that stands for the recursive alias ``sym`` whose target is ``t``;
        ``Any`` for a target that names itself as a union member, or that nests its own type
        variables in a reference to itself (its expansion would never end)."""
        refs: list[TypeAliasType] = []
        _alias_refs(t, sym.fullname, refs)
        top = t.items if isinstance(t, UnionType) else (t,)
        if any(isinstance(i, TypeAliasType) and i.fullname == sym.fullname for i in top):
            return AnyType("error")
        if any(not isinstance(a, TypeVarType) and has_type_vars(a) for r in refs for a in r.args):
            return AnyType("error")
        params: list[TypeVarType] = []
        _collect_tvs(t, params)
        if params or type_params.alias_order(self, sym):
            # Generic recursive aliases are not modelled yet: each traversal that renames
            # type variables would have to see through the reference. They recur as Any.
            return _cut_refs(t, sym.fullname)
        cell.target = t
        return TypeAliasType(sym.fullname, (), cell)

    # -- classes -----------------------------------------------------------------

    def class_scope(self, fullname: str) -> TypeScope | None:
        found = self.p.class_node(fullname)
        if found is None:
            return None
        mod, node = found
        outer = self.enclosing_classes(mod, fullname)
        scope = TypeScope(mod, outer, allow_unbound_tvars=True)
        scope.typevars.update(type_params.class_param_templates(self, fullname, scope))
        return scope

    def enclosing_classes(self, mod: SourceModule, fullname: str) -> tuple[str, ...]:
        out: list[str] = []
        qual = mod.classes.get(fullname, (None, mod.name))[1]
        while qual in mod.classes:
            out.append(qual)
            qual = mod.classes[qual][1]
        return tuple(reversed(out))

    def compute_class_info(self, fullname: str) -> ClassTypeInfo | None:
        found = self.p.class_node(fullname)
        if found is None:
            return None
        mod, node = found
        scope = self.class_scope(fullname)
        assert scope is not None
        bases: list[Instance] = []
        declared_tvs: list[TypeVarType] | None = None
        seen_tvs: list[TypeVarType] = []
        has_any = False
        is_protocol = False
        tuple_base = None
        extra: list[tuple[str, object]] = []
        for b in node.bases:
            target = self.lookup_expr(b.value if isinstance(b, ast.Subscript) else b, scope)
            spec = special_name(target.fullname) if target is not None else None
            if spec in ("Generic", "Protocol"):
                if spec == "Protocol":
                    is_protocol = True
                if isinstance(b, ast.Subscript):
                    elts = b.slice.elts if isinstance(b.slice, ast.Tuple) else [b.slice]
                    declared_tvs = []
                    for el in elts:
                        t = self._analyze(el, scope)
                        if isinstance(t, TypeVarType):
                            declared_tvs.append(t)
                continue
            if spec == "NamedTuple" or (
                target is not None and target.fullname == "collections.namedtuple"
            ):
                tuple_base, nt_fields = self.namedtuple_fields(node, scope, fullname)
                extra.append(("nt_fields", nt_fields))
                bases.append(
                    Instance(
                        "builtins.tuple",
                        (
                            self.p.relations.join_all(list(tuple_base.items))
                            if tuple_base.items
                            else AnyType("special"),
                        ),
                    )
                )
                continue
            if spec == "TypedDict":
                fallback = typeddict_fallback(self.p)
                if fallback is None:
                    has_any = True  # no _TypedDict class in these stubs: degrade to Any
                elif fallback not in (x.fullname for x in bases):
                    bases.append(Instance(fallback))
                    extra.append(("typeddict", True))
                continue
            if spec == "Any" or target is None and not isinstance(b, ast.Subscript):
                has_any = True
                continue
            t = self._analyze(b, scope)
            t = subscripted_namedtuple_base(self.p.class_info, t)  # hook (pinfer4)
            if isinstance(t, TypedDictType):
                # A TypedDict base: this class is a TypedDict too (its items: typeddicts.py).
                t = t.fallback
                if ("typeddict", True) not in extra:
                    extra.append(("typeddict", True))
            if isinstance(t, TupleType):
                # A tuple base (Tuple[int, str] or a named tuple): instances are tuples
                # whose fallback is this class.
                tuple_base = TupleType(t.items, Instance(fullname))
                t = (
                    t.fallback
                    if t.fallback.fullname != "builtins.tuple"
                    else Instance("builtins.tuple", t.fallback.args)
                )
            if isinstance(t, Instance):
                if t.fullname == fullname:
                    continue
                bases.append(t)
                _collect_tvs(t, seen_tvs)
            else:
                has_any = True
        if ("typeddict", True) in extra:
            bases = drop_redundant_typeddict_base(self.p, bases)
        if type_params.type_params(node):  # PEP 695: the class's own parameters
            own = list(scope.typevars.values())
            declared_tvs = infer_variances(self, fullname, node, own, bases, scope)
        tv_list = declared_tvs if declared_tvs is not None else seen_tvs
        tvs = tuple(replace(tv, id=i + 1) for i, tv in enumerate(tv_list))
        # Re-analyse bases with the class's own numbering of its type variables.
        if tvs:
            mapping = {tv.fullname: tv for tv in tvs}
            bases = [self._renumber(b, mapping) for b in bases]  # type: ignore[misc]
            if tuple_base is not None:  # a generic named tuple's items use the same numbering
                tuple_base = self._renumber(tuple_base, mapping)  # type: ignore[assignment]
        if not bases and fullname != "builtins.object":
            bases.append(Instance("builtins.object"))
        mro = self.linearize(fullname, bases)
        metaclass = None
        for kw in node.keywords:
            if kw.arg == "metaclass":
                mt = self._analyze(kw.value, scope)
                if isinstance(mt, Instance):
                    metaclass = mt
        is_final = any(self._decorator_name(d, scope) in ("final",) for d in node.decorator_list)
        for base in mro[1:]:
            binfo = self.p.class_info(base)
            if binfo is not None and binfo.has_any_base:
                has_any = True
            if metaclass is None and binfo is not None and binfo.metaclass is not None:
                metaclass = binfo.metaclass
        if is_protocol and (metaclass is None or metaclass.fullname == "builtins.type"):
            metaclass = Instance("abc.ABCMeta")  # as in mypy, protocols (and subclasses) have it
        is_enum = "enum.Enum" in mro
        return ClassTypeInfo(
            fullname=fullname,
            type_vars=tvs,
            bases=tuple(bases),
            mro=mro,
            is_protocol=is_protocol,
            is_final=is_final,
            is_enum=is_enum,
            tuple_base=tuple_base,
            metaclass=metaclass,
            has_any_base=has_any,
            extra=tuple(extra),
        )

    def namedtuple_fields(
        self, node: ast.ClassDef, scope: TypeScope, fullname: str
    ) -> tuple[TupleType, tuple[tuple[str, bool], ...]]:
        """The item types of a named tuple class and its fields (name, has a default)."""
        items: list[Type] = []
        fields: list[tuple[str, bool]] = []
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                items.append(self.analyze(stmt.annotation, scope))
                fields.append((stmt.target.id, stmt.value is not None))
        return TupleType(tuple(items), Instance(fullname)), tuple(fields)

    def _renumber(self, t: Type, mapping: dict[str, TypeVarType]) -> Type:
        tvs: list[TypeVarType] = []
        _collect_tvs(t, tvs)
        # Keyed by full name: the variables of a base are unnumbered templates (all id 0).
        return (
            expand(t, {tv.fullname: mapping[tv.fullname] for tv in tvs if tv.fullname in mapping})
            if tvs
            else t
        )

    def _decorator_name(self, d: ast.expr, scope: TypeScope) -> str | None:
        target = d.func if isinstance(d, ast.Call) else d
        sym = self.lookup_expr(target, scope)
        if sym is None:
            return None
        return special_name(sym.fullname) or sym.fullname

    def linearize(self, fullname: str, bases: list[Instance]) -> tuple[str, ...]:
        seqs: list[list[str]] = []
        for b in bases:
            info = self.p.class_info(b.fullname)
            seqs.append(
                list(info.mro) if info is not None and info.mro else [b.fullname, "builtins.object"]
            )
        seqs.append([b.fullname for b in bases])
        out = [fullname]
        seqs = [s for s in seqs if s]
        while seqs:
            for s in seqs:
                head = s[0]
                if not any(head in other[1:] for other in seqs):
                    break
            else:
                # Inconsistent hierarchy: fall back to a depth-first order.
                for s in seqs:
                    for c in s:
                        if c not in out:
                            out.append(c)
                return tuple(out)
            out.append(head)
            seqs = [[c for c in s if c != head] for s in seqs]
            seqs = [s for s in seqs if s]
        return tuple(out)

    def self_instance(self, class_fullname: str) -> Instance:
        info = self.p.class_info(class_fullname)
        return Instance(class_fullname, tuple(info.type_vars) if info else ())


def _alias_refs(t: Type, fullname: str, out: list[TypeAliasType]) -> None:
    """The references to the alias ``fullname`` inside ``t`` (not inside other aliases)."""
    if isinstance(t, TypeAliasType):
        if t.fullname == fullname:
            out.append(t)
        for a in t.args:
            _alias_refs(a, fullname, out)
    elif isinstance(t, Instance):
        for a in t.args:
            _alias_refs(a, fullname, out)
    elif isinstance(t, (UnionType, TupleType)):
        for a in t.items:
            _alias_refs(a, fullname, out)
    elif isinstance(t, TypedDictType):
        for _, a in t.items:
            _alias_refs(a, fullname, out)
    elif isinstance(t, CallableType):
        for a in (*t.arg_types, t.ret_type):
            _alias_refs(a, fullname, out)
    elif isinstance(t, TypeType):
        _alias_refs(t.item, fullname, out)


def _cut_refs(t: Type, fullname: str) -> Type:
    """``t`` with each reference to the alias ``fullname`` replaced by ``Any``."""
    if isinstance(t, TypeAliasType):
        return AnyType("special") if t.fullname == fullname else t
    if isinstance(t, Instance):
        if not t.args:
            return t
        return Instance(t.fullname, tuple(_cut_refs(a, fullname) for a in t.args))
    if isinstance(t, UnionType):
        return make_union([_cut_refs(i, fullname) for i in t.items])
    if isinstance(t, TupleType):
        return TupleType(tuple(_cut_refs(i, fullname) for i in t.items), t.fallback)
    if isinstance(t, TypedDictType):
        items = tuple((k, _cut_refs(v, fullname)) for k, v in t.items)
        return replace(t, items=items)
    if isinstance(t, CallableType):
        return replace(
            t,
            arg_types=tuple(_cut_refs(a, fullname) for a in t.arg_types),
            ret_type=_cut_refs(t.ret_type, fullname),
        )
    if isinstance(t, TypeType):
        return TypeType(_cut_refs(t.item, fullname))
    return t
