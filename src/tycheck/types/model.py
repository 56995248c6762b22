"""The type model: immutable values compared by equality.

Every type is a frozen dataclass, so query results holding types compare by value and an
unchanged result stops re-computation in the engine. Classes are referred to by their full
name (``builtins.int``); facts about a class (bases, members) live in ``ClassTypeInfo``,
looked up through a ``ClassLookup``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Union

# Argument kinds, as in a signature.
POS = 0  # positional (or keyword) with no default
OPT = 1  # positional with a default
STAR = 2  # *args
NAMED = 3  # keyword-only, no default
NAMED_OPT = 4  # keyword-only with default
STAR2 = 5  # **kwargs


@dataclass(frozen=True, slots=True)
class AnyType:
    """The dynamic type. ``reason`` tells where it came from ('explicit', 'unannotated',
    'error', 'special', 'omitted' (a generic written without its arguments), 'unimported',
    'unsupported'): some flags care, display never does. Two ``Any`` are equal whatever their
    reasons, as in mypy (a union of ``C[Any]`` from two origins has one item)."""

    reason: str = field(default="explicit", compare=False)


@dataclass(frozen=True, slots=True)
class NoneType:
    """The type of ``None``."""


@dataclass(frozen=True, slots=True)
class NeverType:
    """The bottom type (``Never``/``NoReturn``); ``ambiguous`` marks an empty-collection guess."""

    is_noreturn: bool = False


@dataclass(frozen=True, slots=True)
class LiteralType:
    """``Literal[value]``; ``fallback`` is the instance type of the value (``builtins.int``)."""

    value: object
    fallback: "Instance"

    def __eq__(self, other: object) -> bool:
        # True == 1 in Python, but Literal[True] is not Literal[1].
        return (
            isinstance(other, LiteralType)
            and type(self.value) is type(other.value)
            and self.value == other.value
            and self.fallback == other.fallback
        )

    def __hash__(self) -> int:
        return hash((type(self.value).__name__, self.value, self.fallback.fullname))


@dataclass(frozen=True, slots=True)
class Instance:
    """An instance of a class, with type arguments; ``last_known_value`` is the literal an
    expression had when inferred (printed ``Literal[1]?``)."""

    fullname: str
    args: tuple["Type", ...] = ()
    last_known_value: LiteralType | None = None


@dataclass(frozen=True, slots=True)
class TupleType:
    """A fixed-length tuple; ``fallback`` is ``builtins.tuple[join of items]`` or a named tuple class."""

    items: tuple["Type", ...]
    fallback: Instance


@dataclass(frozen=True, slots=True)
class TypeVarType:
    """A type variable. ``id`` > 0 for class variables, < 0 for function variables (mypy's
    convention, visible in ``reveal_type`` as ``T`-1``)."""

    name: str
    fullname: str
    id: int
    upper_bound: "Type"
    values: tuple["Type", ...] = ()
    variance: int = 0  # 0 invariant, 1 covariant, 2 contravariant
    default: "Type | None" = None


@dataclass(frozen=True, slots=True)
class CallableType:
    """A function signature."""

    arg_types: tuple["Type", ...]
    arg_kinds: tuple[int, ...]
    arg_names: tuple[str | None, ...]
    ret_type: "Type"
    name: str | None = None
    variables: tuple[TypeVarType, ...] = ()
    is_type_obj: bool = False  # a class object used as a constructor
    type_obj_name: str | None = None  # full name of that class
    implicit: bool = False  # unannotated function: every type is Any
    is_ellipsis_args: bool = False  # Callable[..., R]
    from_method: str | None = None  # "f" of "C" naming in messages: the class short name
    def_module: str | None = None
    bound_self: bool = False  # True when the first argument was bound already
    # ``Callable[P, R]`` / ``Concatenate[X, P]``: the full name of ``P``. Its parameters are
    # then ``*Any, **Any`` (after the Concatenate prefix) until a call binds ``P``.
    param_spec: str | None = None
    # ``-> TypeGuard[X]`` / ``-> TypeIs[X]``: the narrowed type X (``ret_type`` stays ``bool``).
    type_guard: "Type | None" = None
    type_is: "Type | None" = None

    def min_args(self) -> int:
        return sum(1 for k in self.arg_kinds if k == POS)


@dataclass(frozen=True, slots=True)
class Overloaded:
    """An overloaded function: its items in order."""

    items: tuple[CallableType, ...]


@dataclass(frozen=True, slots=True)
class UnionType:
    """A union of two or more types (flattened, no duplicates)."""

    items: tuple["Type", ...]


@dataclass(frozen=True, slots=True)
class TypedDictType:
    """A TypedDict: its items in declaration order, which keys are required and which are
    read-only. ``fallback`` is the TypedDict class (``__main__.Point``) or, for an anonymous
    one, ``typing._TypedDict``; members not special to TypedDicts are looked up there."""

    items: tuple[tuple[str, "Type"], ...]
    required: frozenset[str]
    readonly: frozenset[str]
    fallback: Instance

    def item_type(self, key: str) -> "Type | None":
        for k, t in self.items:
            if k == key:
                return t
        return None

    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.items)

    @property
    def is_anonymous(self) -> bool:
        return self.fallback.fullname in ANONYMOUS_TYPEDDICT_FALLBACKS


# The classes every TypedDict is a subclass of; a TypedDict whose fallback is one of them
# has no class of its own.
ANONYMOUS_TYPEDDICT_FALLBACKS = (
    "typing._TypedDict",
    "typing_extensions._TypedDict",
    "mypy_extensions._TypedDict",
)


@dataclass(frozen=True, slots=True)
class TypeType:
    """``type[C]``: the class object of C or a subclass."""

    item: "Type"


@dataclass(frozen=True, slots=True)
class ModuleType:
    """A module object (``import m``); attribute access reads the module's namespace."""

    name: str


@dataclass(frozen=True, slots=True)
class PartialType:
    """A variable initialised with an empty collection or None, waiting for more information."""

    fullname: str | None  # 'builtins.list', 'builtins.dict', 'builtins.set' or None for None
    var_key: str = ""
    value_type: "Type | None" = None  # a defaultdict's values: ``int``, or ``list[Never]``


@dataclass(frozen=True, slots=True)
class DeletedType:
    """The type of a name after ``del``."""

    name: str = ""


class AliasCell:
    """Where a recursive alias's definition is kept once known: filled after the alias's
    target has been evaluated (the references inside it were made before that)."""

    __slots__ = ("target", "params")

    def __init__(self) -> None:
        self.target: "Type | None" = None
        self.params: tuple[TypeVarType, ...] = ()


@dataclass(frozen=True, slots=True)
class TypeAliasType:
    """A reference to a recursive type alias (``JSON`` in ``JSON = str | list[JSON]``) with
    its arguments; it stands for the alias's target, expanded one level at a time on demand
    (``subst.expand_alias``), so that a type that mentions itself stays finite. Only
    recursive aliases are kept as references; the others are expanded when evaluated."""

    fullname: str
    args: tuple["Type", ...] = ()
    cell: AliasCell | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.fullname.rsplit(".", 1)[-1]


Type = Union[
    AnyType,
    NoneType,
    NeverType,
    LiteralType,
    Instance,
    TupleType,
    TypeVarType,
    CallableType,
    Overloaded,
    UnionType,
    TypeType,
    ModuleType,
    PartialType,
    DeletedType,
    TypedDictType,
    TypeAliasType,
]

ANY = AnyType("explicit")
ANY_UNANNOTATED = AnyType("unannotated")
ANY_ERROR = AnyType("error")
ANY_SPECIAL = AnyType("special")
ANY_UNSUPPORTED = AnyType("unsupported")
NONE = NoneType()
NEVER = NeverType()


@dataclass(frozen=True)
class ClassTypeInfo:
    """What the type relations need to know about a class."""

    fullname: str
    type_vars: tuple[TypeVarType, ...] = ()
    bases: tuple[Instance, ...] = ()
    mro: tuple[str, ...] = ()
    is_protocol: bool = False
    is_final: bool = False
    is_abstract: bool = False
    is_enum: bool = False
    tuple_base: TupleType | None = None  # named tuple classes
    metaclass: Instance | None = None
    has_any_base: bool = False  # inherits from Any: compatible with everything
    promote: tuple[str, ...] = ()  # int -> float -> complex style promotions
    extra: tuple[tuple[str, object], ...] = field(default=())


class ClassLookup(Protocol):
    """Finds class facts by full name; None for an unknown class."""

    def class_info(self, fullname: str) -> ClassTypeInfo | None: ...


def any_args_callable(ret: Type, **fields: object) -> "CallableType":
    """``def (*Any, **Any) -> ret``: a callable that takes any arguments (``Callable[..., R]``,
    and what stands for a signature that cannot be known); ``fields`` set its other fields."""
    return CallableType(
        (AnyType("special"), AnyType("special")),
        (STAR, STAR2),
        (None, None),
        ret,
        is_ellipsis_args=True,
        **fields,  # type: ignore[arg-type]
    )


def make_union(items: "list[Type] | tuple[Type, ...]") -> Type:
    """A union of ``items``, flattened and without duplicates; one item is itself, none Never."""
    flat: list[Type] = []
    for item in items:
        if isinstance(item, UnionType):
            for sub in item.items:
                if sub not in flat:
                    flat.append(sub)
        elif item not in flat:
            flat.append(item)
    if not flat:
        return NEVER
    if len(flat) == 1:
        return flat[0]
    # Never is absorbed by any other member.
    flat = [t for t in flat if not isinstance(t, NeverType)] or flat[:1]
    if len(flat) == 1:
        return flat[0]
    return UnionType(tuple(flat))


def union_items(t: Type) -> tuple[Type, ...]:
    """The members of a union, or the type itself."""
    return t.items if isinstance(t, UnionType) else (t,)


def strip_literal(t: Type) -> Type:
    """Forget an inferred literal value (``Literal[1]?`` becomes ``int``)."""
    if isinstance(t, Instance) and t.last_known_value is not None:
        return Instance(t.fullname, t.args)
    if isinstance(t, UnionType) and any(
        isinstance(i, Instance) and i.last_known_value is not None for i in t.items
    ):
        # ``Literal[0]? | Literal[1]?`` (an enum's values) is forgotten as ``int``.
        return make_union([strip_literal(i) for i in t.items])
    return t
