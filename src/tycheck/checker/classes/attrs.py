"""Classes made by the ``attrs`` library: their attributes and the ``__init__`` it generates.

A class decorated with ``attr.s``/``attr.attrs``/``attr.dataclass``/``attrs.define``/
``attrs.frozen`` (and aliases) gets an ``__init__`` with one parameter per attribute. Attributes
are ``x = attr.ib()``/``attrs.field()`` assignments and, with ``auto_attribs``, every annotated
name. The parameter drops leading underscores (``_x`` -> ``x``) unless ``alias=`` names it;
``init=False`` leaves an attribute out, ``kw_only`` makes it keyword-only (placed last), a
``converter`` makes the parameter take the converter's argument type. Inherited attributes come
first; one redefined by the subclass moves to the subclass's position. Frozen classes make their
attributes read-only. Whatever we cannot read with certainty degrades to ``Any`` (or to no
synthesized signature at all), so unusual uses never produce errors.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tycheck.checker.classes.dataclasses import _const_bool, _is_special
from tycheck.semantic.symbols import CLASS, FUNC, VAR
from tycheck.types.model import (
    POS,
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    make_union,
)
from tycheck.types.subst import expand

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import MemberAccess as Members

# Decorator -> (auto_attribs default (None: detect), frozen default).
ATTRS_MAKERS: dict[str, tuple[bool | None, bool]] = {
    "attr.s": (False, False),
    "attr.attrs": (False, False),
    "attr.attributes": (False, False),
    "attr.dataclass": (True, False),
    "attr.define": (None, False),
    "attr.mutable": (None, False),
    "attrs.define": (None, False),
    "attrs.mutable": (None, False),
    "attr.frozen": (None, True),
    "attrs.frozen": (None, True),
}
ORDER_METHODS = ("__lt__", "__le__", "__gt__", "__ge__")
ATTRIB_MAKERS = ("attr.ib", "attr.attrib", "attr.attr", "attr.field", "attrs.field")


@dataclass(frozen=True)
class AttrsOptions:
    """The decorator's options that shape the generated class."""

    init: bool
    kw_only: bool
    auto_attribs: bool | None
    frozen: bool
    order: bool
    match_args: bool = True
    slots: bool = False
    eq: bool | None = None
    hash: bool | None = None
    # Some option is computed: the class is made by attrs, but its shape is unknown.
    opaque: bool = False


@dataclass(frozen=True)
class AttrsField:
    """One attribute as the generated ``__init__`` sees it."""

    name: str
    param_name: str
    type: Type
    has_default: bool
    kw_only: bool
    init: bool
    # No annotation, ``type=`` or converter says the type (``--disallow-untyped-defs`` reports it).
    untyped: bool = field(default=False, compare=False)
    # The defining statement (where errors about the attribute go); None when inherited.
    node: ast.stmt | None = field(default=None, compare=False)


def _maker_name(members: "Members", d: ast.expr, scope) -> str | None:  # type: ignore[no-untyped-def]
    target = d.func if isinstance(d, ast.Call) else d
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return None
    sym = members.ev.lookup_expr(target, scope)
    if sym is None:
        return None
    if sym.fullname in ATTRS_MAKERS:
        return sym.fullname
    name = members.ev._decorator_name(d, scope)
    return name if name in ATTRS_MAKERS else None


def attrs_options(members: "Members", fullname: str) -> AttrsOptions | None:
    """The decorator's options if the class is made by attrs, else None (memoised: asked for
    every attribute assignment and constructor call)."""
    return members.p.memo("attrs_options", fullname, lambda: _attrs_options(members, fullname))


def _attrs_options(members: "Members", fullname: str) -> AttrsOptions | None:
    found = members.p.class_node(fullname)
    scope = members.ev.class_scope(fullname) if found is not None else None
    if found is None or scope is None:
        return None
    for d in found[1].decorator_list:
        maker = _maker_name(members, d, scope)
        if maker is None:
            continue
        auto_attribs, frozen = ATTRS_MAKERS[maker]
        opts: dict[str, bool | None] = {
            "init": True,
            "kw_only": False,
            "auto_attribs": auto_attribs,
            "frozen": frozen,
            "cmp": None,
            "eq": None,
            "order": None,
            "match_args": True,
            "slots": auto_attribs is None,
            "hash": None,
            "unsafe_hash": None,
        }
        if isinstance(d, ast.Call):
            for kw in d.keywords:
                if kw.arg in opts:
                    v = _const_bool(kw.value)
                    if v is None and not (
                        isinstance(kw.value, ast.Constant)
                        and kw.value.value is None
                        and kw.arg in ("auto_attribs", "cmp", "eq", "order", "hash", "unsafe_hash")
                    ):
                        continue  # not a literal: reported, and the default applies (as mypy)
                    opts[kw.arg] = v
        return AttrsOptions(
            bool(opts["init"]),
            bool(opts["kw_only"]),
            opts["auto_attribs"],
            bool(opts["frozen"]),
            _order(opts),
            bool(opts["match_args"]),
            bool(opts["slots"]),
            opts["eq"],
            _hash_option(opts),
        )
    return None


def _slots(members: "Members", mro: tuple[str, ...]) -> Type | None:
    """``__slots__`` of a slotted attrs class: one string per attribute (bases must be slotted too)."""
    opts = attrs_options(members, mro[0])
    if opts is None or not opts.slots:
        return None
    for base in mro[1:]:
        base_opts = attrs_options(members, base)
        if base != "builtins.object" and (base_opts is None or not base_opts.slots):
            return None
    fields = all_fields(members, mro[0])
    if fields is None:
        return None
    str_t = Instance("builtins.str")
    return TupleType(tuple(str_t for _ in fields), Instance("builtins.tuple", (str_t,)))


def _match_args(members: "Members", cls: str) -> Type | None:
    """``__match_args__``: the positional ``__init__`` parameters' names, as literal strings."""
    opts = attrs_options(members, cls)
    fields = all_fields(members, cls)
    if opts is None or fields is None or not opts.match_args:
        return AnyType("special") if opts is not None and opts.opaque else None
    str_t = Instance("builtins.str")
    items = tuple(
        Instance("builtins.str", (), LiteralType(f.param_name, str_t))
        for f in fields
        if f.init and not f.kw_only
    )
    return TupleType(items, Instance("builtins.tuple", (str_t,)))


def _hash_option(opts: dict[str, bool | None]) -> bool | None:
    """``unsafe_hash`` wins over ``hash`` when given; None when neither is."""
    if opts["frozen"]:
        # Frozen classes are hashable unless either option says otherwise.
        return opts["hash"] is not False and opts["unsafe_hash"] is not False
    return opts["unsafe_hash"] if opts["unsafe_hash"] is not None else opts["hash"]


def attrs_hash(members: "Members", fullname: str) -> str | None:
    """What attrs makes of ``__hash__``: "none" (unhashable: eq without hash), "object"
    (``object.__hash__``), or None for the ordinary lookup."""
    info = members.p.class_info(fullname)
    for cls in info.mro if info is not None else (fullname,):
        ns = members.p.class_namespace(cls)
        if ns is not None and "__hash__" in ns.names:
            return None
        opts = attrs_options(members, cls)
        if opts is None:
            continue
        hashable = True if is_frozen(members, cls) and opts.hash is not False else opts.hash
        if hashable is None and opts.eq is False:
            continue
        return "object" if hashable else "none"
    return None


def _order(opts: dict[str, bool | None]) -> bool:
    """Whether ordering methods are generated: ``cmp`` wins, else ``order`` (defaulting to ``eq``)."""
    if opts["cmp"] is not None:
        return bool(opts["cmp"])
    eq = True if opts["eq"] is None else opts["eq"]
    return bool(eq if opts["order"] is None else opts["order"])


def attrs_missing_member(members: "Members", inst: Instance, name: str) -> Type | None:
    """Members attrs adds without declaring them: ``__attrs_attrs__`` (Any) and the ordering
    methods (``other`` must be of the same type as the instance)."""
    info = members.p.class_info(inst.fullname)
    mro = info.mro if info is not None else (inst.fullname,)
    if name == "__attrs_attrs__":
        return (
            AnyType("special") if any(attrs_options(members, c) is not None for c in mro) else None
        )
    if name == "__slots__":
        return _slots(members, mro)
    if name in ("__attrs_init__", "__match_args__"):
        cls = next((c for c in mro if attrs_options(members, c) is not None), None)
        if cls is None:
            return None
        if name == "__match_args__":
            return _match_args(members, cls)
        init = (
            members._attrs_constructor(inst.fullname, cls, inst)
            if cls == inst.fullname or not inst.args
            else None
        )
        if not isinstance(init, CallableType) or init.is_ellipsis_args:
            return AnyType("special")
        return CallableType(init.arg_types, init.arg_kinds, init.arg_names, NoneType(), name=name)
    if name not in ORDER_METHODS:
        return None
    for cls in mro:
        opts = attrs_options(members, cls)
        if opts is not None and opts.order:
            bool_t = (
                Instance("builtins.bool")
                if members.p.class_info("builtins.bool")
                else AnyType("special")
            )
            return CallableType((inst,), (POS,), ("other",), bool_t, name=name)
    return None


def is_frozen(members: "Members", fullname: str) -> bool:
    """Frozen by its decorator or through a frozen attrs base."""
    info = members.p.class_info(fullname)
    for cls in info.mro if info is not None else (fullname,):
        opts = attrs_options(members, cls)
        if opts is not None and opts.frozen:
            return True
    return False


def _attrib_call(members: "Members", value: ast.expr | None, scope) -> ast.Call | None:  # type: ignore[no-untyped-def]
    if isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute)):
        sym = members.ev.lookup_expr(value.func, scope)
        if sym is not None and sym.fullname in ATTRIB_MAKERS:
            return value
    return None


def _kwarg(call: ast.Call, name: str) -> ast.expr | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def _detect_auto_attribs(members: "Members", body: list[ast.stmt], scope) -> bool:  # type: ignore[no-untyped-def]
    """``define`` uses annotations unless some ``attr.ib()`` has none."""
    for stmt in body:
        if isinstance(stmt, ast.Assign) and _attrib_call(members, stmt.value, scope) is not None:
            return False
    return True


OPTIONAL_CONVERTERS = ("attr.converters.optional", "attrs.converters.optional")


def _converter_type(members: "Members", conv: ast.expr, scope) -> Type | None:  # type: ignore[no-untyped-def]
    """The ``__init__`` parameter type a converter gives (its first parameter's type);
    None for a converter attrs' plugin does not support (mypy reports those)."""
    optional = False
    if (
        isinstance(conv, ast.Call)
        and isinstance(conv.func, (ast.Name, ast.Attribute))
        and conv.args
    ):
        sym = members.ev.lookup_expr(conv.func, scope)
        if sym is not None and sym.fullname in OPTIONAL_CONVERTERS:
            conv, optional = conv.args[0], True
    if isinstance(conv, ast.Lambda):
        return AnyType("special")
    if isinstance(conv, ast.Subscript) and isinstance(conv.value, (ast.Name, ast.Attribute)):
        # A parameterised class (``Other[int]``): supported, its type is not modelled yet.
        base = members.ev.lookup_expr(conv.value, scope)
        base = (members.p.resolve(base) or base) if base is not None else None
        return AnyType("special") if base is None or base.kind == CLASS else None
    if not isinstance(conv, (ast.Name, ast.Attribute)):
        return None
    sym = members.ev.lookup_expr(conv, scope)
    rsym = (members.p.resolve(sym) or sym) if sym is not None else None
    if rsym is None:
        if isinstance(conv, ast.Attribute) and isinstance(conv.value, ast.Name):
            owner = members.ev.lookup_expr(conv.value, scope)
            if owner is not None and (members.p.resolve(owner) or owner).kind == VAR:
                return None  # a bound method of some object
        return AnyType("special")
    if rsym.kind == CLASS:
        t = members.type_object(rsym.fullname)
    elif rsym.kind == FUNC:
        t = members.symbol_type(rsym)
    else:
        return None
    init_t: Type = AnyType("special")
    if isinstance(t, CallableType):
        if t.arg_types and not t.variables:
            init_t = t.arg_types[0]
    elif isinstance(t, Overloaded):
        # The overloads that can take one argument.
        firsts = [
            i.arg_types[0]
            for i in t.items
            if i.arg_types and not i.variables and all(k != POS for k in i.arg_kinds[1:])
        ]
        if firsts and len(firsts) == sum(1 for i in t.items if i.arg_types):
            init_t = make_union(firsts)
    if optional and not isinstance(init_t, AnyType):
        init_t = make_union([init_t, NoneType()])
    return init_t


def attrib_type_argument(members: "Members", value: ast.expr, scope) -> Type | None:  # type: ignore[no-untyped-def]
    """The type ``type=`` gives an unannotated ``attr.ib()`` attribute, if any."""
    call = _attrib_call(members, value, scope)
    type_arg = _kwarg(call, "type") if call is not None else None
    return members.ev.analyze(type_arg, scope) if type_arg is not None else None


def _annotation(stmt: ast.stmt) -> ast.expr | None:
    if isinstance(stmt, ast.AnnAssign):
        return stmt.annotation
    if isinstance(stmt, ast.Assign) and stmt.type_comment:
        try:
            return ast.parse(stmt.type_comment, mode="eval").body
        except SyntaxError:
            return None
    return None


def _field_from_attrib(
    members: "Members",
    name: str,
    stmt: ast.stmt | None,
    call: ast.Call,
    scope,
    kw_only_default: bool,
) -> AttrsField | None:
    # A value that is not a literal is reported; the default applies (as mypy).
    init = _const_bool(_kwarg(call, "init") or ast.Constant(True))
    kw_only = _const_bool(_kwarg(call, "kw_only") or ast.Constant(kw_only_default))
    init = True if init is None else init
    kw_only = kw_only_default if kw_only is None else kw_only
    has_default = (
        bool(call.args)
        or _kwarg(call, "default") is not None
        or _kwarg(call, "factory") is not None
    )
    ann = _annotation(stmt) if stmt is not None else None
    type_arg = _kwarg(call, "type")
    t: Type = AnyType("special")
    if ann is not None:
        t = members.ev.analyze(ann, scope)
    elif type_arg is not None:
        t = members.ev.analyze(type_arg, scope)
    conv = _kwarg(call, "converter") or _kwarg(call, "convert")
    if conv is not None:
        t = _converter_type(members, conv, scope) or AnyType("special")
    alias = _kwarg(call, "alias")
    param = (
        alias.value
        if isinstance(alias, ast.Constant) and isinstance(alias.value, str)
        else name.lstrip("_")
    )
    untyped = ann is None and type_arg is None and conv is None
    return AttrsField(name, param, t, has_default, kw_only, init, untyped=untyped, node=stmt)


def own_fields(members: "Members", fullname: str, opts: AttrsOptions) -> list[AttrsField] | None:
    """Attributes declared in the class body itself, in order; None when we cannot tell."""
    found = members.p.class_node(fullname)
    scope = members.ev.class_scope(fullname)
    if found is None or scope is None:
        return None
    # Annotations in the body see the class's own names (nested classes, aliases).
    scope.classes = scope.classes + (fullname,)
    info = members.p.class_info(fullname)
    if info is not None:
        scope.typevars.update({tv.fullname: tv for tv in info.type_vars})
    body = found[1].body
    auto_attribs = (
        opts.auto_attribs
        if opts.auto_attribs is not None
        else _detect_auto_attribs(members, body, scope)
    )
    out: dict[str, AttrsField] = {}
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _apply_default_decorators(stmt, out)
            continue
        pairs = _assigned_pairs(stmt)
        if pairs is None:
            continue  # several names for one attribute: attrs makes none (reported separately)
        for name, value in pairs:
            call = _attrib_call(members, value, scope)
            attr: AttrsField | None
            if call is not None:
                if auto_attribs and not isinstance(stmt, ast.AnnAssign):
                    continue  # mypy drops it (and asks for an annotation)
                attr = _field_from_attrib(
                    members, name, stmt if len(pairs) == 1 else None, call, scope, opts.kw_only
                )
                if attr is None:
                    return None
                attr = replace(attr, node=stmt)
            elif auto_attribs and isinstance(stmt, ast.AnnAssign):
                if _is_special(members, stmt.annotation, scope, ("ClassVar",)):
                    continue
                if not isinstance(stmt.annotation, ast.Subscript) and _is_special(
                    members, stmt.annotation, scope, ("Final",)
                ):
                    continue  # a bare ``Final`` has no declared type: not an attribute
                t = members.ev.analyze(stmt.annotation, scope)
                attr = AttrsField(
                    name, name.lstrip("_"), t, stmt.value is not None, opts.kw_only, True, node=stmt
                )
            else:
                continue
            if not auto_attribs and name in out:
                del out[name]  # redefined: the later definition takes the later position
            out[name] = attr
    return list(out.values())


def _assigned_pairs(stmt: ast.stmt) -> list[tuple[str, ast.expr | None]] | None:
    """(name, value) for each simple name a class-body assignment binds; None for a chained
    assignment of an attribute maker (``a = b = attr.ib()``), which we do not model."""
    if isinstance(stmt, ast.AnnAssign):
        return [(stmt.target.id, stmt.value)] if isinstance(stmt.target, ast.Name) else []
    if not isinstance(stmt, ast.Assign):
        return []
    if len(stmt.targets) != 1:
        return None if isinstance(stmt.value, ast.Call) else []
    target = stmt.targets[0]
    if isinstance(target, ast.Name):
        return [(target.id, stmt.value)]
    if (
        isinstance(target, (ast.Tuple, ast.List))
        and isinstance(stmt.value, (ast.Tuple, ast.List))
        and len(target.elts) == len(stmt.value.elts)
    ):
        if all(isinstance(e, ast.Name) for e in target.elts):
            return [(e.id, v) for e, v in zip(target.elts, stmt.value.elts)]  # type: ignore[attr-defined]
    return []


def _apply_default_decorators(
    func: ast.FunctionDef | ast.AsyncFunctionDef, fields: dict[str, AttrsField]
) -> None:
    """``@x.default`` gives ``x`` a default."""
    for d in func.decorator_list:
        if (
            isinstance(d, ast.Attribute)
            and isinstance(d.value, ast.Name)
            and d.value.id in fields
            and d.attr == "default"
        ):
            f = fields[d.value.id]
            fields[d.value.id] = replace(f, has_default=True)


def is_attrib_decorator(members: "Members", class_fullname: str, d: ast.expr) -> bool:
    """``@x.default``/``@x.validator`` on a method of an attrs class where ``x`` is one of its
    ``attr.ib()`` attributes: attrs consumes these, so they are not type-checked."""
    if not (
        isinstance(d, ast.Attribute)
        and isinstance(d.value, ast.Name)
        and d.attr in ("default", "validator")
    ):
        return False
    if attrs_options(members, class_fullname) is None:
        return False
    found = members.p.class_node(class_fullname)
    scope = members.ev.class_scope(class_fullname)
    if found is None or scope is None:
        return False
    for stmt in found[1].body:
        target = (
            stmt.target
            if isinstance(stmt, ast.AnnAssign)
            else (
                stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
            )
        )
        if (
            isinstance(target, ast.Name)
            and target.id == d.value.id
            and _attrib_call(members, stmt.value, scope) is not None
        ):
            return True
    return False


def all_fields(members: "Members", fullname: str) -> list[AttrsField] | None:
    """Attributes of the attrs class and its attrs bases, in ``__init__`` order."""
    return members.p.memo("attrs_fields", fullname, lambda: _all_fields(members, fullname))


def _all_fields(members: "Members", fullname: str) -> list[AttrsField] | None:
    info = members.p.class_info(fullname)
    opts = attrs_options(members, fullname)
    if info is None or opts is None or opts.opaque:
        return None
    own = own_fields(members, fullname, opts)
    if own is None:
        return None
    taken = {f.name for f in own}
    inherited: list[AttrsField] = []
    self_inst = Instance(fullname, tuple(info.type_vars))
    for cls in info.mro[1:]:
        if attrs_options(members, cls) is None:
            continue
        base_fields = all_fields(members, cls)
        if base_fields is None:
            return None
        mapped = members.p.relations.map_to_supertype(self_inst, cls)
        mapping = members.class_mapping(cls, mapped)
        for f in base_fields:
            if f.name in taken:
                continue
            taken.add(f.name)
            t = expand(f.type, mapping) if mapping else f.type
            inherited.append(replace(f, type=t))
    return inherited + own


def attrs_init(members: "Members", fullname: str, inst: Instance) -> CallableType | None:
    """The generated constructor of an attrs class, or None if it has none we can build."""
    from tycheck.checker.classes.dataclasses import generated_init

    fields = all_fields(members, fullname)
    if fields is None:
        return None
    return generated_init(
        members,
        fullname,
        inst,
        [(f.param_name, f.type, f.has_default, f.kw_only) for f in fields if f.init],
    )


def frozen_owner(members: "Members", class_fullname: str, name: str) -> str | None:
    """The class reported as defining read-only ``name`` when it is an attribute of a frozen
    attrs class in ``class_fullname``'s MRO (the nearest such class), else None."""
    info = members.p.class_info(class_fullname)
    for cls in info.mro if info is not None else (class_fullname,):
        opts = attrs_options(members, cls)
        if opts is None or not is_frozen(members, cls):
            continue
        fields = all_fields(members, cls)
        if fields is not None and any(f.name == name for f in fields):
            return cls
    return None
