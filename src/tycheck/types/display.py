"""How types are printed: the short form of error messages and the verbose form of reveal_type.

Both forms are part of the interface we share with mypy, so the spelling here follows
mypy's output exactly (``int | None``, ``def (x: builtins.int) -> builtins.str``,
``Literal[1]?``, ``tuple[int, ...]``).
"""

from __future__ import annotations

from typing import Callable, Iterable

from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    OPT,
    POS,
    STAR,
    STAR2,
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
    TypeAliasType,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
)
from tycheck.types.subst import expand_alias

MAX_UNION_ITEMS = 10


def short_name(fullname: str) -> str:
    return fullname.rsplit(".", 1)[-1]


def literal_value_repr(t: LiteralType, name_of: Callable[[Instance], str]) -> str:
    """The value inside ``Literal[...]``: repr for str/int/bool, ``Cls.MEMBER`` for enums."""
    value = t.value
    if isinstance(value, EnumMember):
        return f"{name_of(t.fallback)}.{value.name}"
    if isinstance(value, bytes):
        return "b" + repr(value.decode("latin-1")) if False else repr(value)
    return repr(value)


class EnumMember:
    """The value of an enum literal: only its name matters."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnumMember) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("enum", self.name))

    def __repr__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# Message form
# ---------------------------------------------------------------------------


def collect_named(t: Type, out: dict[str, set[str]]) -> None:
    """Record short name -> full names of every class and type variable inside ``t``."""
    if isinstance(t, Instance):
        out.setdefault(short_name(t.fullname), set()).add(t.fullname)
        for a in t.args:
            collect_named(a, out)
    elif isinstance(t, TypeVarType):
        if t.id == 0 and t.name == "Self":
            return  # a class's Self variable is never confused with typing.Self in mypy's text
        out.setdefault(t.name, set()).add(t.fullname)
    elif isinstance(t, (TupleType,)):
        for a in t.items:
            collect_named(a, out)
        collect_named(t.fallback, out)
    elif isinstance(t, UnionType):
        for a in t.items:
            collect_named(a, out)
    elif isinstance(t, CallableType):
        for a in t.arg_types:
            collect_named(a, out)
        collect_named(t.ret_type, out)
    elif isinstance(t, Overloaded):
        for item in t.items:
            collect_named(item, out)
    elif isinstance(t, TypeType):
        collect_named(t.item, out)
    elif isinstance(t, LiteralType):
        collect_named(t.fallback, out)
    elif isinstance(t, TypedDictType):
        if t.is_anonymous:
            for _, a in t.items:
                collect_named(a, out)
        else:
            collect_named(t.fallback, out)


# Names from ``typing`` that a user might define too: printing ``Any`` for a user class
# called Any would be misleading, so such classes print with their module.  Only the names
# mypy suggests importing from typing count (a class named ``Type`` prints as ``Type``).
TYPING_NAMES = frozenset(
    {
        "Any",
        "Callable",
        "Dict",
        "Iterable",
        "Iterator",
        "List",
        "Optional",
        "Set",
        "Tuple",
        "TypeVar",
        "Union",
        "cast",
    }
)


def find_overlaps(types: Iterable[Type]) -> set[str]:
    """Full names that share a short name with another name in the message."""
    seen: dict[str, set[str]] = {}
    for t in types:
        collect_named(t, seen)
    for short, fulls in seen.items():
        if short in TYPING_NAMES:
            fulls.add("typing." + short)
    overlaps: set[str] = set()
    for fulls in seen.values():
        if len(fulls) > 1:
            overlaps.update(fulls)
    return overlaps


class MessageFormatter:
    """Formats types the way mypy's error messages do."""

    def __init__(self, fullnames: set[str] | None = None) -> None:
        self.fullnames = fullnames or set()

    def name(self, fullname: str) -> str:
        return fullname if fullname in self.fullnames else short_name(fullname)

    def fmt(self, t: Type) -> str:
        if isinstance(t, Instance):
            return self.instance(t)
        if isinstance(t, TypeAliasType):
            # A recursive alias is named, never expanded, in messages.
            if not t.args:
                return t.name
            return f"{t.name}[{', '.join(self.fmt(a) for a in t.args)}]"
        if isinstance(t, AnyType):
            return "Any"
        if isinstance(t, NoneType):
            return "None"
        if isinstance(t, NeverType):
            return "Never"
        if isinstance(t, TypeVarType):
            return self.name(t.fullname) if t.fullname in self.fullnames else t.name
        if isinstance(t, TupleType):
            if t.fallback.fullname != "builtins.tuple":
                return self.instance(t.fallback)
            return f"tuple[{', '.join(self.fmt(i) for i in t.items) or '()'}]"
        if isinstance(t, LiteralType):
            return f"Literal[{literal_value_repr(t, self.instance)}]"
        if isinstance(t, UnionType):
            return self.union(t)
        if isinstance(t, TypeType):
            return f"type[{self.fmt(t.item)}]"
        if isinstance(t, CallableType):
            return self.callable(t)
        if isinstance(t, Overloaded):
            first = t.items[0] if t.items else None
            if first is not None and first.is_type_obj and isinstance(first.ret_type, Instance):
                return self.callable(first)  # a class object: ``type[C]``, as for one signature
            return "overloaded function"
        if isinstance(t, ModuleType):
            return "Module"
        if isinstance(t, DeletedType):
            return "<deleted>"
        if isinstance(t, PartialType):
            return "None" if t.fullname is None else self.name(t.fullname) + "[?]"
        if isinstance(t, TypedDictType):
            if not t.is_anonymous:
                return self.instance(t.fallback)
            return (
                "TypedDict({"
                + ", ".join(typeddict_item_label(t, k) + ": " + self.fmt(v) for k, v in t.items)
                + "})"
            )
        return "object"

    def instance(self, t: Instance) -> str:
        if t.fullname == "types.ModuleType":
            return "Module"
        if t.fullname == "typing._SpecialForm":
            return "<typing special form>"
        base = self.name(t.fullname)
        if not t.args:
            return base
        if t.fullname == "builtins.tuple":
            return f"tuple[{self.fmt(t.args[0])}, ...]"
        return f"{base}[{', '.join(self.fmt(a) for a in t.args)}]"

    def union(self, t: UnionType) -> str:
        items = [strip_known(i) for i in t.items]
        dedup: list[Type] = []
        for i in items:
            if i not in dedup:
                dedup.append(i)
        if len(dedup) == 1:
            return self.fmt(dedup[0])
        literals = [i for i in dedup if isinstance(i, LiteralType)]
        others = [i for i in dedup if not isinstance(i, LiteralType)]
        if len(literals) > 1:
            lit = "Literal[{}]".format(
                ", ".join(literal_value_repr(x, self.instance) for x in literals)
            )
            if len(others) == 1 and isinstance(others[0], NoneType):
                return f"{lit} | None"
            if others:
                return f"{lit} | {' | '.join(self.union_items(others))}"
            return lit
        non_none = [i for i in dedup if not isinstance(i, NoneType)]
        if len(non_none) == 1 and len(dedup) > 1:
            return f"{self.fmt(non_none[0])} | None"
        return " | ".join(self.union_items(dedup))

    def union_items(self, items: list[Type]) -> list[str]:
        formatted = [self.fmt(i) for i in items]
        strs = [s for s in formatted if s != "None"]
        if len(strs) > MAX_UNION_ITEMS:
            more = len(strs) - MAX_UNION_ITEMS // 2
            strs = strs[: MAX_UNION_ITEMS // 2] + [f"<{more} more items>"]
        if "None" in formatted:
            strs.append("None")
        return strs

    def ret_text(self, t: CallableType) -> str:
        """The return type as written: ``TypeGuard[X]``/``TypeIs[X]`` rather than ``bool``."""
        if t.type_guard is not None:
            return f"TypeGuard[{self.fmt(t.type_guard)}]"
        if t.type_is is not None:
            return f"TypeIs[{self.fmt(t.type_is)}]"
        return self.fmt(t.ret_type)

    def callable(self, t: CallableType) -> str:
        if t.is_type_obj and isinstance(t.ret_type, Instance):
            return f"type[{self.fmt(t.ret_type)}]"
        ret = self.ret_text(t)
        if t.is_ellipsis_args:
            return f"Callable[..., {ret}]"
        simple = all(k in (POS,) and True for k in t.arg_kinds)
        if not simple or any(k == STAR or k == STAR2 for k in t.arg_kinds):
            return pretty_callable(t, self)
        if any(k != POS for k in t.arg_kinds):
            return pretty_callable(t, self)
        args = ", ".join(self.fmt(a) for a in t.arg_types)
        return f"Callable[[{args}], {ret}]"


def typeddict_item_label(t: TypedDictType, key: str) -> str:
    """``'x'``, with ``?`` for a key that may be missing and ``=`` for a read-only one."""
    return repr(key) + ("" if key in t.required else "?") + ("=" if key in t.readonly else "")


def strip_known(t: Type) -> Type:
    if isinstance(t, Instance) and t.last_known_value is not None:
        return Instance(t.fullname, t.args)
    return t


def format_params(
    t: CallableType, fmt: Callable[[Type], str], default_suffix: str, *, mark_positional_only: bool
) -> list[str]:
    """The parameters of a signature as mypy prints them: ``*``/``**`` markers, the bare
    ``*`` before keyword-only ones, a default marker, and (in notes) ``/`` after
    positional-only ones."""
    parts: list[str] = []
    star_seen = False
    slash_done = not mark_positional_only
    n = len(t.arg_types)
    for i, (typ, kind, name) in enumerate(zip(t.arg_types, t.arg_kinds, t.arg_names)):
        s = ""
        if kind in (NAMED, NAMED_OPT) and not star_seen:
            parts.append("*")
            star_seen = True
        if kind == STAR:
            s += "*"
            star_seen = True
        if kind == STAR2:
            s += "**"
        if name:
            s += name + ": "
        s += fmt(typ)
        if kind in (OPT, NAMED_OPT):
            s += default_suffix
        parts.append(s)
        if (
            not slash_done
            and kind in (POS, OPT)
            and name is None
            and (
                i == n - 1 or t.arg_names[i + 1] is not None or t.arg_kinds[i + 1] not in (POS, OPT)
            )
        ):
            parts.append("/")
            slash_done = True
    return parts


def pretty_callable(t: CallableType, f: MessageFormatter | None = None) -> str:
    """``def [T] f(x: int, *, y: str = ...) -> None``, as mypy prints signatures in notes."""
    f = f or MessageFormatter()
    parts = format_params(t, f.fmt, " = ...", mark_positional_only=True)
    sig = f"({', '.join(parts)}) -> {f.ret_text(t)}"
    name = (t.name or "").split(" ")[0]
    prefix = f"[{', '.join(tv_decl(v, f.fmt) for v in t.variables)}] " if t.variables else ""
    return f"def {prefix}{name}{sig}"


def tv_decl(v: TypeVarType, fmt: Callable[[Type], str]) -> str:
    if v.values:
        return f"{v.name} in ({', '.join(fmt(x) for x in v.values)})"
    if not (isinstance(v.upper_bound, Instance) and v.upper_bound.fullname == "builtins.object"):
        return f"{v.name} <: {fmt(v.upper_bound)}"
    return v.name


def format_types(*types: Type) -> list[str]:
    """Format several types of one message, spelling out names that would be ambiguous."""
    f = MessageFormatter(find_overlaps(types))
    return [f.fmt(t) for t in types]


def format_type(t: Type) -> str:
    return format_types(t)[0]


def quoted(t: Type) -> str:
    return f'"{format_type(t)}"'


# ---------------------------------------------------------------------------
# reveal_type form (verbose: full names everywhere)
# ---------------------------------------------------------------------------


class VerboseFormatter:
    """Formats types as ``reveal_type`` shows them with ``reveal_verbose_types``."""

    def __init__(self, verbose: bool = True) -> None:
        self.verbose = verbose
        # Recursive alias references being expanded: met again inside, one prints "...".
        self.open_aliases: list[TypeAliasType] = []
        # TypedDict classes being printed: a reference to one of them inside prints "...".
        self.open_typeddicts: list[str] = []

    def name(self, fullname: str) -> str:
        # Without verbose types only the builtins module is left out.
        if self.verbose or not fullname.startswith("builtins."):
            return fullname
        return fullname[len("builtins.") :]

    def fmt(self, t: Type) -> str:
        if isinstance(t, Instance):
            if t.last_known_value is not None:
                return self.fmt(t.last_known_value) + "?"
            if t.fullname == "builtins.tuple" and t.args:
                return f"{self.name('builtins.tuple')}[{self.fmt(t.args[0])}, ...]"
            if t.args:
                return f"{self.name(t.fullname)}[{', '.join(self.fmt(a) for a in t.args)}]"
            return self.name(t.fullname)
        if isinstance(t, TypeAliasType):
            return self.alias(t)
        if isinstance(t, AnyType):
            return "Any"
        if isinstance(t, NoneType):
            return "None"
        if isinstance(t, NeverType):
            return "Never"
        if isinstance(t, TypeVarType):
            return f"{t.name}`{t.id}" if self.verbose else t.name
        if isinstance(t, TupleType):
            items = ", ".join(self.fmt(i) for i in t.items) or "()"
            if t.fallback.fullname != "builtins.tuple":
                return f"tuple[{items}, fallback={self.fmt(t.fallback)}]"
            return f"tuple[{items}]"
        if isinstance(t, LiteralType):
            return f"Literal[{literal_value_repr(t, lambda i: self.name(i.fullname))}]"
        if isinstance(t, UnionType):
            # Callable items are parenthesized: their "-> R" would otherwise swallow the rest.
            return " | ".join(
                f"({self.fmt(i)})" if isinstance(i, CallableType) else self.fmt(i) for i in t.items
            )
        if isinstance(t, TypeType):
            return f"type[{self.fmt(t.item)}]"
        if isinstance(t, CallableType):
            return self.callable(t)
        if isinstance(t, Overloaded):
            return f"Overload({', '.join(self.callable(i) for i in t.items)})"
        if isinstance(t, ModuleType):
            return f"types.ModuleType"
        if isinstance(t, PartialType):
            return "None" if t.fullname is None else f"<partial {self.name(t.fullname)}[?]>"
        if isinstance(t, DeletedType):
            return f"<Deleted '{t.name}'>"
        if isinstance(t, TypedDictType):
            self.open_typeddicts.append(t.fallback.fullname)
            try:
                items = ", ".join(
                    typeddict_item_label(t, k) + ": " + self.fmt(v) for k, v in t.items
                )
            finally:
                self.open_typeddicts.pop()
            name = self.name(t.fallback.fullname)
            prefix = "" if t.is_anonymous else (repr(name) if self.verbose else name) + ", "
            return f"TypedDict({prefix}{{{items}}})"
        return "object"

    def alias(self, t: TypeAliasType) -> str:
        """A recursive alias shows its target, and "..." where it recurs with equal arguments."""
        if t in self.open_aliases or (not t.args and t.fullname in self.open_typeddicts):
            return "..."
        self.open_aliases.append(t)
        try:
            return self.fmt(expand_alias(t))
        finally:
            self.open_aliases.pop()

    def ret_text(self, t: CallableType) -> str:
        """The return type as written: ``TypeGuard[X]``/``TypeIs[X]`` rather than ``bool``."""
        if t.type_guard is not None:
            return f"TypeGuard[{self.fmt(t.type_guard)}]"
        if t.type_is is not None:
            return f"TypeIs[{self.fmt(t.type_is)}]"
        return self.fmt(t.ret_type)

    def callable(self, t: CallableType) -> str:
        parts = format_params(t, self.fmt, " =", mark_positional_only=False)
        s = f"({', '.join(parts)})"
        if not isinstance(t.ret_type, NoneType):
            s += f" -> {self.ret_text(t)}"
        if t.variables:
            s = f"[{', '.join(tv_decl(v, self.fmt) for v in t.variables)}] {s}"
        return f"def {s}"


def reveal(t: Type, verbose: bool = True) -> str:
    return VerboseFormatter(verbose).fmt(t)
