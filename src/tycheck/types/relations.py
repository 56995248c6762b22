"""Subtyping, joins and meets.

The relations are conservative in the direction that matters for a checker that must never
invent an error: where a rule is not implemented (an exotic protocol, a ParamSpec), the
answer is "compatible".
"""

from __future__ import annotations

from typing import Protocol

from tycheck.types.callable_compat import params_compatible
from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    OPT,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    ClassTypeInfo,
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
)
from tycheck.types.subst import expand
from tycheck.types import recursive

OBJECT = "builtins.object"

# mypyc's native integers (mypy_extensions.i64...) and int convert both ways.
NATIVE_INTS = tuple(f"mypy_extensions.{n}" for n in ("i64", "i32", "i16", "u8"))

# Numeric promotions mypy applies without any base class saying so.  A class promotes to
# what any class of its MRO promotes to (bool is an int, so it is a float too); the native
# integers promote to int only, not on to float.
PROMOTIONS: dict[str, tuple[str, ...]] = {
    "builtins.int": ("builtins.float", "builtins.complex", *NATIVE_INTS),
    "builtins.float": ("builtins.complex",),
    **{name: ("builtins.int",) for name in NATIVE_INTS},
}


class TypeContext(Protocol):
    """What relations need from the program: classes, and members for structural checks."""

    strict_optional: bool

    def class_info(self, fullname: str) -> ClassTypeInfo | None: ...

    def protocol_members(self, fullname: str) -> tuple[str, ...] | None: ...

    def member_type(self, t: Type, name: str, self_type: Type | None = None) -> Type | None: ...

    def call_signature(self, t: Type) -> CallableType | Overloaded | None: ...


class Relations:
    """Subtype and join/meet computations against one program's classes."""

    def __init__(self, ctx: TypeContext) -> None:
        self.ctx = ctx
        self._proto_stack: list[tuple[Type, str]] = []
        # Set while checking overload definitions: int is then no subtype of float.
        self.ignore_promotions = False

    # -- class hierarchy -------------------------------------------------

    def mro(self, fullname: str) -> tuple[str, ...]:
        info = self.ctx.class_info(fullname)
        return info.mro if info is not None and info.mro else (fullname, OBJECT)

    def map_to_supertype(self, inst: Instance, target: str) -> Instance | None:
        """View ``inst`` as an instance of its base class ``target`` (with that base's arguments)."""
        if inst.fullname == target:
            return inst
        return self._map(inst, target, 0)

    def _map(self, inst: Instance, target: str, depth: int) -> Instance | None:
        if depth > 50:
            return None
        info = self.ctx.class_info(inst.fullname)
        if info is None:
            return Instance(target) if target == OBJECT else None
        mapping = {
            tv.id: (inst.args[i] if i < len(inst.args) else AnyType("special"))
            for i, tv in enumerate(info.type_vars)
        }
        for base in info.bases:
            b = expand(base, mapping)
            assert isinstance(b, Instance)
            if b.fullname == target:
                return b
            found = self._map(b, target, depth + 1)
            if found is not None:
                return found
        if target == OBJECT:
            return Instance(OBJECT)
        return None

    def has_any_base(self, fullname: str) -> bool:
        info = self.ctx.class_info(fullname)
        return info is not None and info.has_any_base

    # -- subtyping ----------------------------------------------------------

    def is_subtype(self, left: Type, right: Type) -> bool:
        if left == right:
            return True
        if recursive.is_alias_ref(left, right):
            return recursive.alias_subtype(self, left, right)
        if isinstance(right, (AnyType, PartialType, DeletedType)) or isinstance(
            left, (AnyType, PartialType, DeletedType)
        ):
            return True
        if isinstance(left, NeverType):
            return True
        if isinstance(right, UnionType):
            if isinstance(left, UnionType):
                return all(self.is_subtype(i, right) for i in left.items)
            if isinstance(left, TypeVarType) and any(left == i for i in right.items):
                return True
            if any(self.is_subtype(left, i) for i in right.items):
                return True
            # A type variable's values (or bound) may spread over several members.
            if isinstance(left, TypeVarType):
                if left.values:
                    return all(self.is_subtype(v, right) for v in left.values)
                return isinstance(left.upper_bound, UnionType) and self.is_subtype(
                    left.upper_bound, right
                )
            return False
        if isinstance(left, UnionType):
            return all(self.is_subtype(i, right) for i in left.items)
        if isinstance(right, Instance) and right.fullname == OBJECT:
            return True
        if isinstance(left, NoneType):
            if not self.ctx.strict_optional:
                return True
            if isinstance(right, NoneType):
                return True
            if isinstance(right, Instance):
                return right.fullname in (
                    "typing.Hashable",
                    "builtins.object",
                ) or self._none_implements(right)
            return False
        if isinstance(right, NoneType):
            return False
        if isinstance(left, TypeVarType):
            if isinstance(right, TypeVarType) and right.id == left.id:
                return True
            if left.values:
                return all(self.is_subtype(v, right) for v in left.values)
            return self.is_subtype(left.upper_bound, right)
        if isinstance(right, TypeVarType):
            return False
        if isinstance(left, LiteralType):
            if isinstance(right, LiteralType):
                return left == right
            return self.is_subtype(left.fallback, right)
        if isinstance(right, LiteralType):
            if isinstance(left, Instance) and left.last_known_value is not None:
                return left.last_known_value == right
            return False
        if isinstance(left, Instance) and left.last_known_value is not None:
            left = strip_literal(left)
        if isinstance(left, TupleType):
            return self._tuple_subtype(left, right)
        if isinstance(left, TypedDictType):
            return self._typeddict_subtype(left, right)
        if isinstance(right, TypedDictType):
            # Only a TypedDict is a TypedDict (an instance of a class with an Any base may be).
            return isinstance(left, Instance) and self.has_any_base(left.fullname)
        if isinstance(left, Instance):
            return self._instance_subtype(left, right)
        if isinstance(left, CallableType):
            return self._callable_left(left, right)
        if isinstance(left, Overloaded):
            if isinstance(right, CallableType):
                return any(self.is_subtype(i, right) for i in left.items)
            if isinstance(right, Overloaded):
                return all(any(self.is_subtype(li, ri) for li in left.items) for ri in right.items)
            if (
                left.items
                and left.items[0].is_type_obj
                and (
                    isinstance(right, TypeType)
                    or (isinstance(right, Instance) and right.fullname == "builtins.type")
                )
            ):
                # A class with an overloaded constructor is a type object, like a plain one.
                return self._callable_left(left.items[0], right)
            return self.is_subtype(Instance("builtins.function"), right)
        if isinstance(left, TypeType):
            return self._type_type_left(left, right)
        if isinstance(left, ModuleType):
            if isinstance(right, Instance):
                return right.fullname in ("types.ModuleType", OBJECT) or self._structural(
                    left, right
                )
            # Any module is a types.ModuleType (mypy's class attributes ``json_module = json``
            # hold one); reassigning a module alias is a semantic error of its own.
            return isinstance(right, ModuleType)
        return True

    def promotes_to(self, left: str, right: str) -> bool:
        """Whether class ``left`` converts to class ``right`` by a numeric promotion."""
        info = self.ctx.class_info(right)
        if info is not None and info.is_protocol:
            return False
        if right in PROMOTIONS.get(left, ()):
            return True
        return any(right in PROMOTIONS.get(base, ()) for base in self.mro(left)[1:])

    def _instance_subtype(self, left: Instance, right: Type) -> bool:
        if self.has_any_base(left.fullname):
            return True
        if isinstance(right, Instance):
            if left.fullname == right.fullname:
                return self._args_compatible(left, right)
            if not self.ignore_promotions and self.promotes_to(left.fullname, right.fullname):
                return True
            if right.fullname in self.mro(left.fullname):
                mapped = self.map_to_supertype(left, right.fullname)
                if mapped is None:
                    return True
                return self._args_compatible(mapped, right)
            return self._structural(left, right)
        if isinstance(right, TupleType):
            if self._is_any_tuple(left, right.fallback.fullname):
                return True
            # An instance of a named tuple class seen without its items (E.X of an enum
            # deriving from a named tuple): compare the classes.
            if right.fallback.fullname != "builtins.tuple":
                return self.is_subtype(left, right.fallback)
            return False
        if isinstance(right, CallableType):
            sig = self.ctx.call_signature(left)
            if sig is None:
                return False
            return self.is_subtype(sig, right)
        if isinstance(right, TypeType):
            if left.fullname == "builtins.type":
                return True
            return False
        return False

    def _is_any_tuple(self, left: Instance, fallback: str) -> bool:
        """``tuple[Any, ...]`` (or a subclass of it) fits every tuple shape whose class it has:
        its length is as unknown as its items, like ``Any`` among tuples."""
        if left.fullname != fallback and fallback not in self.mro(left.fullname):
            return False
        mapped = (
            left
            if left.fullname == "builtins.tuple"
            else self.map_to_supertype(left, "builtins.tuple")
        )
        return mapped is not None and len(mapped.args) == 1 and isinstance(mapped.args[0], AnyType)

    def _typeddict_subtype(self, left: TypedDictType, right: Type) -> bool:
        if isinstance(right, Instance):
            return self.is_subtype(left.fallback, right)
        if not isinstance(right, TypedDictType):
            return False
        # Structural: every key of ``right`` is in ``left`` with a compatible declaration
        # (extra keys of ``left`` are fine); the classes do not matter.
        for key, rt in right.items:
            lt = left.item_type(key)
            if lt is None:
                return False
            r_mutable = key not in right.readonly
            if key in right.required and key not in left.required:
                return False
            if r_mutable and key in left.readonly:
                return False
            if r_mutable and key not in right.required and key in left.required:
                return False
            ok = self.is_equivalent(lt, rt) if r_mutable else self.is_subtype(lt, rt)
            if not ok:
                return False
        return True

    def _args_compatible(self, left: Instance, right: Instance) -> bool:
        if not left.args or not right.args:
            return True
        info = self.ctx.class_info(right.fullname)
        tvs = info.type_vars if info is not None else ()
        for i, (la, ra) in enumerate(zip(left.args, right.args)):
            variance = tvs[i].variance if i < len(tvs) else 0
            if variance == 1:
                ok = self.is_subtype(la, ra)
            elif variance == 2:
                ok = self.is_subtype(ra, la)
            else:
                ok = self.is_equivalent(la, ra)
            if not ok:
                return False
        return True

    def is_equivalent(self, a: Type, b: Type) -> bool:
        return self.is_subtype(a, b) and self.is_subtype(b, a)

    def _none_implements(self, right: Instance) -> bool:
        """None implements a protocol asking for nothing but ``__hash__``/``__str__`` (mypy)."""
        info = self.ctx.class_info(right.fullname)
        if info is None or not info.is_protocol:
            return False
        members = self.ctx.protocol_members(right.fullname)
        return members is None or all(m in ("__hash__", "__str__") for m in members)

    def _structural(self, left: Type, right: Instance) -> bool:
        info = self.ctx.class_info(right.fullname)
        if info is None or not info.is_protocol:
            return False
        key = (left, right.fullname)
        if key in self._proto_stack:
            return True  # assume compatible while checking a recursive protocol
        members = self.ctx.protocol_members(right.fullname)
        if members is None:
            return True
        self._proto_stack.append(key)
        try:
            for name in members:
                # The protocol's members see ``self`` as the type being checked (mypy).
                want = self.ctx.member_type(
                    right, name, left if isinstance(left, Instance) else None
                )
                have = self.ctx.member_type(left, name)
                if have is None:
                    return False
                if want is None:
                    continue
                if not self.is_subtype(have, want):
                    return False
            return True
        finally:
            self._proto_stack.pop()

    def _tuple_subtype(self, left: TupleType, right: Type) -> bool:
        if isinstance(right, TupleType):
            if len(left.items) != len(right.items):
                return False
            if right.fallback.fullname != "builtins.tuple" and not self.is_subtype(
                left.fallback, right.fallback
            ):
                return False  # a plain tuple is not a named tuple
            return all(self.is_subtype(a, b) for a, b in zip(left.items, right.items))
        if isinstance(right, Instance):
            if right.fullname == "typing.Sized":
                return True
            # mypy: a tuple is one of these whatever the stubs say, item by item.
            if (
                right.fullname
                in (
                    "builtins.tuple",
                    "typing.Sequence",
                    "typing.Iterable",
                    "typing.Container",
                    "typing.Reversible",
                )
                and right.args
            ):
                return all(self.is_subtype(item, right.args[0]) for item in left.items)
            if right.fullname == "typing.Collection" and right.args:
                item = self.join_all(list(left.items)) if left.items else NeverType()
                return self.is_subtype(item, right.args[0]) and self.is_subtype(
                    left.fallback
                    if left.fallback.fullname != "builtins.tuple"
                    else Instance("builtins.tuple", (item,)),
                    Instance(right.fullname, (right.args[0],)),
                )
            return self.is_subtype(left.fallback, right)
        return False

    def _type_type_left(self, left: TypeType, right: Type) -> bool:
        if isinstance(right, TypeType):
            return self.is_subtype(left.item, right.item)
        if isinstance(right, Instance):
            if right.fullname in ("builtins.type", OBJECT):
                return True
            if isinstance(left.item, Instance):
                info = self.ctx.class_info(left.item.fullname)
                if info is not None and info.metaclass is not None:
                    # The metaclass's methods bind ``cls`` to this class (``set(MyEnum)``).
                    return self.is_subtype(info.metaclass, right) or self._structural(left, right)
            return self._structural(left, right)
        if isinstance(right, CallableType):
            if isinstance(left.item, Instance):
                return self.is_subtype(left.item, right.ret_type) or isinstance(
                    right.ret_type, AnyType
                )
            return True
        return False

    def _callable_left(self, left: CallableType, right: Type) -> bool:
        if isinstance(right, CallableType):
            return self.callable_subtype(left, right)
        if isinstance(right, Overloaded):
            return all(self.callable_subtype(left, r) for r in right.items)
        if isinstance(right, Instance):
            if right.fullname in ("builtins.function", OBJECT):
                return True
            if left.is_type_obj and right.fullname == "builtins.type":
                return True
            if self._structural(left, right):
                return True  # a callback protocol (``__call__``) takes the constructor
            if left.is_type_obj and isinstance(left.ret_type, Instance):
                # A class object meets other protocols through its class-level members
                # (staticmethods, classmethods, class attributes), like ``type[C]``.
                return self._type_type_left(TypeType(left.ret_type), right)
            return False
        if isinstance(right, TypeType):
            if left.is_type_obj:
                return self.is_subtype(left.ret_type, right.item)
            return False
        return False

    def callable_subtype(self, left: CallableType, right: CallableType) -> bool:
        """Is a function of type ``left`` usable where ``right`` is expected?"""
        if not self._guards_compatible(left, right):
            return False
        if left.variables:
            return True  # generic left (``list`` as a factory): would need inference; be lenient
        if not self.is_subtype(left.ret_type, right.ret_type):
            return False
        if right.is_ellipsis_args or left.is_ellipsis_args or left.variables or right.variables:
            return True
        if right.is_type_obj and not left.is_type_obj:
            return False
        return params_compatible(left, right, self.is_subtype, self.ignore_pos_arg_names)

    def _guards_compatible(self, left: CallableType, right: CallableType) -> bool:
        """An expected ``TypeGuard``/``TypeIs`` callable needs one of the same kind: a
        ``TypeGuard`` type is covariant, a ``TypeIs`` type invariant (its false branch
        narrows too). Generic guards are left to inference."""
        generic = bool(left.variables or right.variables)
        if right.type_guard is not None:
            if left.type_guard is None:
                return False
            return generic or self.is_subtype(left.type_guard, right.type_guard)
        if right.type_is is not None:
            if left.type_is is None:
                return False
            return (
                generic
                or self.is_subtype(left.type_is, right.type_is)
                and self.is_subtype(right.type_is, left.type_is)
            )
        return True

    # Overrides may rename positional parameters (mypy checks them with this set).
    ignore_pos_arg_names = False

    def is_override_subtype(self, left: Type, right: Type) -> bool:
        """``is_subtype`` where positional parameters may be renamed."""
        saved = self.ignore_pos_arg_names
        self.ignore_pos_arg_names = True
        try:
            return self.is_subtype(left, right)
        finally:
            self.ignore_pos_arg_names = saved

    # -- joins and meets ------------------------------------------------------

    def join(self, a: Type, b: Type) -> Type:
        if a == b:
            return a
        if recursive.is_alias_ref(a, b):
            return recursive.alias_join(self, a, b)
        if isinstance(a, AnyType):
            return a
        if isinstance(b, AnyType):
            return b
        if isinstance(a, NeverType):
            return b
        if isinstance(b, NeverType):
            return a
        if isinstance(a, (PartialType, DeletedType)):
            return b
        if isinstance(b, (PartialType, DeletedType)):
            return a
        if isinstance(a, NoneType) or isinstance(b, NoneType):
            if not self.ctx.strict_optional:
                return b if isinstance(a, NoneType) else a
            return make_union([a, b])
        if isinstance(a, UnionType) or isinstance(b, UnionType):
            if self.is_subtype(a, b):
                return b
            if self.is_subtype(b, a):
                return a
            return make_union([a, b])
        if isinstance(a, LiteralType) and isinstance(b, LiteralType):
            if a.fallback == b.fallback:
                return a.fallback
            return self.join(a.fallback, b.fallback)
        if isinstance(a, LiteralType):
            return self.join(a.fallback, b)
        if isinstance(b, LiteralType):
            return self.join(a, b.fallback)
        a, b = strip_literal(a), strip_literal(b)
        if a == b:
            return a
        if isinstance(a, TypedDictType) and isinstance(b, TypedDictType):
            return self.join_typeddicts(a, b)
        if isinstance(a, TypedDictType):
            return self.join(a.fallback, b)
        if isinstance(b, TypedDictType):
            return self.join(a, b.fallback)
        if isinstance(a, TupleType) and isinstance(b, TupleType):
            if (
                len(a.items) == len(b.items)
                and a.fallback.fullname == b.fallback.fullname == "builtins.tuple"
            ):
                items = tuple(self.join(x, y) for x, y in zip(a.items, b.items))
                return TupleType(items, Instance("builtins.tuple", (self.join_all(list(items)),)))
            return self.join(self.tuple_fallback(a), self.tuple_fallback(b))
        if isinstance(a, TupleType):
            return self.join(self.tuple_fallback(a), b)
        if isinstance(b, TupleType):
            return self.join(a, self.tuple_fallback(b))
        if isinstance(a, TypeVarType) or isinstance(b, TypeVarType):
            if self.is_subtype(a, b):
                return b
            if self.is_subtype(b, a):
                return a
            ua = a.upper_bound if isinstance(a, TypeVarType) else a
            ub = b.upper_bound if isinstance(b, TypeVarType) else b
            return self.join(ua, ub)
        if isinstance(a, Instance) and isinstance(b, Instance):
            return self.join_instances(a, b)
        if isinstance(a, TypeType) and isinstance(b, TypeType):
            return TypeType(self.join(a.item, b.item))
        if (isinstance(a, Overloaded) or isinstance(b, Overloaded)) and (
            _class_object(a) and _class_object(b)
        ):
            # Two class objects, one with an overloaded constructor: mypy joins no items of
            # different arity, so ``[str, object]`` is ``list[type]`` (their metaclasses).
            return a if a == b else self.join(self.fallback(a), self.fallback(b))
        if isinstance(a, CallableType) and isinstance(b, CallableType):
            if a.is_type_obj or b.is_type_obj:
                return self.join(self.callable_fallback(a), self.callable_fallback(b))
            if self.is_subtype(a, b):
                return b
            if self.is_subtype(b, a):
                return a
            if len(a.arg_types) == len(b.arg_types) and a.arg_kinds == b.arg_kinds:
                from dataclasses import replace

                args = tuple(self.meet(x, y) for x, y in zip(a.arg_types, b.arg_types))
                # A name survives only where both agree (keyword-only ones must keep theirs).
                names = tuple(
                    x if x == y or k in (NAMED, NAMED_OPT) else None
                    for x, y, k in zip(a.arg_names, b.arg_names, a.arg_kinds)
                )
                return replace(
                    a,
                    arg_types=args,
                    arg_names=names,
                    ret_type=self.join(a.ret_type, b.ret_type),
                    name=None,
                )
            return Instance("builtins.function")
        if self.is_subtype(a, b):
            return b
        if self.is_subtype(b, a):
            return a
        return self.join(self.fallback(a), self.fallback(b))

    def fallback(self, t: Type) -> Instance:
        if isinstance(t, Instance):
            return t
        if isinstance(t, TupleType):
            return self.tuple_fallback(t)
        if isinstance(t, (CallableType, Overloaded)):
            items = t.items if isinstance(t, Overloaded) else (t,)
            if items and all(i.is_type_obj for i in items):  # a class object, even overloaded
                return self.class_object_fallback(items[0])
            return Instance("builtins.function")
        if isinstance(t, TypeType):
            return Instance("builtins.type")
        if isinstance(t, LiteralType):
            return t.fallback
        if isinstance(t, ModuleType):
            return Instance("types.ModuleType")
        if isinstance(t, TypedDictType):
            return t.fallback
        return Instance(OBJECT)

    def join_typeddicts(self, a: TypedDictType, b: TypedDictType) -> Type:
        """The items both declare alike, as an anonymous TypedDict (mypy's join)."""
        if self.is_subtype(a, b):
            return b
        if self.is_subtype(b, a):
            return a
        items: list[tuple[str, Type]] = []
        required: set[str] = set()
        readonly: set[str] = set()
        for key, at in a.items:
            bt = b.item_type(key)
            if bt is None or not self.is_equivalent(at, bt):
                continue
            if (key in a.required) != (key in b.required):
                continue
            items.append((key, at))
            if key in a.required:
                required.add(key)
            if key in a.readonly or key in b.readonly:
                readonly.add(key)
        fallback = self.join(a.fallback, b.fallback)
        anon = next((c for c in self.mro(a.fallback.fullname) if c.endswith("._TypedDict")), None)
        if anon is None:
            return fallback
        return TypedDictType(tuple(items), frozenset(required), frozenset(readonly), Instance(anon))

    def fallback_of_typeddict(self, t: TypedDictType) -> Instance:
        """The ``_TypedDict`` class above a TypedDict, where its methods are declared."""
        anon = next((c for c in self.mro(t.fallback.fullname) if c.endswith("._TypedDict")), None)
        return Instance(anon) if anon is not None else t.fallback

    def callable_fallback(self, t: CallableType) -> Instance:
        return self.class_object_fallback(t) if t.is_type_obj else Instance("builtins.function")

    def metaclass_of(self, t: CallableType) -> Instance:
        """What a class object is an instance of: its metaclass (``ABCMeta``), else ``type``."""
        info = self.ctx.class_info(t.type_obj_name) if t.type_obj_name else None
        return info.metaclass if info is not None and info.metaclass else Instance("builtins.type")

    def class_object_fallback(self, t: CallableType) -> Instance:
        """The class a class object joins as: ``type`` (mypy's join of class objects whose
        constructors differ; its metaclasses would make ``{A: 1, B: 2}`` keys ``ABCMeta``)."""
        return Instance("builtins.type")

    def tuple_fallback(self, t: TupleType) -> Instance:
        if t.fallback.fullname != "builtins.tuple":
            return t.fallback
        item = self.join_all(list(t.items)) if t.items else NeverType()
        return Instance("builtins.tuple", (item,))

    def join_all(self, types: list[Type]) -> Type:
        if not types:
            return NeverType()
        result = types[0]
        for t in types[1:]:
            result = self.join(result, t)
        return result

    def join_instances(self, a: Instance, b: Instance) -> Type:
        if a.fullname == b.fullname:
            if a.args == b.args:
                return a
            info = self.ctx.class_info(a.fullname)
            tvs = info.type_vars if info else ()
            args: list[Type] = []
            for i, (x, y) in enumerate(zip(a.args, b.args)):
                variance = tvs[i].variance if i < len(tvs) else 0
                if isinstance(x, AnyType) or isinstance(y, AnyType):
                    args.append(x if isinstance(x, AnyType) else y)
                elif variance == 1:
                    args.append(self.join(x, y))
                elif self.is_equivalent(x, y):
                    args.append(x)
                else:
                    # mypy: a class joined with itself over differing invariant arguments
                    # is object (join(list[int], list[str]) is object, not Sequence[object]).
                    return Instance(OBJECT)
            return Instance(a.fullname, tuple(args))
        if self.promotes_to(b.fullname, a.fullname):
            return a
        if self.promotes_to(a.fullname, b.fullname):
            return b
        mro_b = self.mro(b.fullname)
        related = a.fullname in mro_b or b.fullname in self.mro(a.fullname)
        if (self.has_any_base(a.fullname) or self.has_any_base(b.fullname)) and not related:
            # An Any base could be anything; a nominal relation still decides (E(D) and D join to D).
            return AnyType("special")
        # Prefer a common base that is not a protocol, in a's MRO order.
        candidates = [c for c in self.mro(a.fullname) if c in mro_b]
        best: Type = Instance(OBJECT)
        for c in candidates:
            info = self.ctx.class_info(c)
            if info is not None and info.is_protocol:
                continue
            ma = self.map_to_supertype(a, c)
            mb = self.map_to_supertype(b, c)
            if ma is None or mb is None:
                continue
            best = self.join_instances(ma, mb)
            break
        return best

    def meet(self, a: Type, b: Type) -> Type:
        if a == b:
            return a
        if recursive.is_alias_ref(a, b):
            return recursive.alias_meet(self, a, b)
        if isinstance(a, AnyType):
            return b
        if isinstance(b, AnyType):
            return a
        if isinstance(a, UnionType):
            items = [self.meet(i, b) for i in a.items]
            return make_union([i for i in items if not isinstance(i, NeverType)])
        if isinstance(b, UnionType):
            items = [self.meet(a, i) for i in b.items]
            return make_union([i for i in items if not isinstance(i, NeverType)])
        if self.is_subtype(a, b):
            return a
        if self.is_subtype(b, a):
            return b
        return NeverType()

    def is_overlapping(self, a: Type, b: Type) -> bool:
        """Could a value have both types (used for comparisons and unreachable branches)?"""
        if recursive.is_alias_ref(a, b):
            return recursive.alias_overlapping(self, a, b)
        if isinstance(a, (AnyType, TypeVarType)) or isinstance(b, (AnyType, TypeVarType)):
            return True
        if isinstance(a, UnionType):
            return any(self.is_overlapping(i, b) for i in a.items)
        if isinstance(b, UnionType):
            return any(self.is_overlapping(a, i) for i in b.items)
        if self.is_subtype(a, b) or self.is_subtype(b, a):
            return True
        if isinstance(a, TypedDictType) or isinstance(b, TypedDictType):
            # A TypedDict is a dict at run time: it may equal any mapping (mypy says so too).
            other = b if isinstance(a, TypedDictType) else a
            return not isinstance(other, (NoneType, LiteralType)) and not (
                isinstance(other, Instance) and other.last_known_value is not None
            )
        if isinstance(a, LiteralType) and isinstance(b, LiteralType):
            return a == b
        fa, fb = self.fallback(strip_literal(a)), self.fallback(strip_literal(b))
        if isinstance(a, NoneType) or isinstance(b, NoneType):
            return False
        if fa.fullname == fb.fullname:
            return True
        return (
            fa.fullname in self.mro(fb.fullname)
            or fb.fullname in self.mro(fa.fullname)
            or self._protocolish(fa)
            or self._protocolish(fb)
        )

    def _protocolish(self, t: Instance) -> bool:
        info = self.ctx.class_info(t.fullname)
        return info is not None and (info.is_protocol or not info.is_final) and False


def _class_object(t: Type) -> bool:
    """A class used as a value: a constructor signature, overloaded or not."""
    items = t.items if isinstance(t, Overloaded) else (t,) if isinstance(t, CallableType) else ()
    return bool(items) and all(i.is_type_obj for i in items)
