"""How the tools spell types.

``inspect`` prints types as error messages do, with full names from ``-vv`` on.
``suggest`` prints them as annotations one could paste (dmypy's PyAnnotate spelling):
``module.Class``, ``module:Outer.Inner`` for nested classes, builtins without a module,
``Tuple[...]`` for tuples, ``X | None`` for optionals and ``Callable[..., R]`` when the
parameters cannot be written as a list.
"""

from __future__ import annotations

from collections.abc import Callable

from tycheck.types.display import MessageFormatter, collect_named, pretty_callable
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
    LiteralType,
    NeverType,
    NoneType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    UnionType,
)


class _InspectFormatter(MessageFormatter):
    """The message spelling at a verbosity: full names from 2 on; from 1 on, a parameter
    with a name or a default turns a ``Callable[[...], R]`` into a ``def (...)``."""

    def __init__(
        self,
        verbosity: int,
        fullnames: set[str] | None = None,
        first_param: Callable[[CallableType], str | None] | None = None,
    ) -> None:
        super().__init__(fullnames)
        self.verbosity = verbosity
        self.first_param = first_param

    def name(self, fullname: str) -> str:
        return fullname if self.verbosity >= 2 else super().name(fullname)

    def _as_type(self, kind: int, name: str | None) -> bool:
        return (kind == POS and name is None) or (self.verbosity == 0 and kind in (POS, OPT))

    def fmt(self, t: Type) -> str:
        if isinstance(t, TypeVarType) and self.verbosity >= 2:
            return t.fullname or t.name
        if (
            isinstance(t, Overloaded)
            and t.items
            and t.items[0].is_type_obj
            and isinstance(t.items[0].ret_type, Instance)
        ):
            return (
                f"type[{self.fmt(t.items[0].ret_type)}]"  # an overloaded constructor is its class
            )
        return super().fmt(t)

    def callable(self, t: CallableType) -> str:
        if t.is_type_obj and isinstance(t.ret_type, Instance):
            return f"type[{self.fmt(t.ret_type)}]"
        ret = self.ret_text(t)
        if t.is_ellipsis_args:
            return f"Callable[..., {ret}]"
        if not all(self._as_type(k, n) for k, n in zip(t.arg_kinds, t.arg_names)):
            # The def form always spells its types briefly, whatever the verbosity.
            return self._with_bound_param(pretty_callable(t, MessageFormatter(self.fullnames)), t)
        return f"Callable[[{', '.join(self.fmt(a) for a in t.arg_types)}], {ret}]"

    def _with_bound_param(self, text: str, t: CallableType) -> str:
        """mypy's ``def`` form of a bound method still names the parameter that was bound
        (``def f(self, x: int)``), taken from the definition."""
        if not t.bound_self or t.is_type_obj or self.first_param is None:
            return text
        first = self.first_param(t)
        name = (t.name or "").split(" ")[0]
        at = text.find(f"{name}(", 4)
        if not first or at < 0:
            return text
        at += len(name) + 1
        return text[:at] + first + ("" if text[at] == ")" else ", ") + text[at:]


# The typing names whose short form mypy spells out when a class shares it.
_HINT_NAMES = frozenset(
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


def _overlaps(t: Type) -> set[str]:
    seen: dict[str, set[str]] = {}
    collect_named(t, seen)
    for short, fulls in seen.items():
        if short in _HINT_NAMES:
            fulls.add("typing." + short)
    return {f for fulls in seen.values() if len(fulls) > 1 for f in fulls}


def _simplified(t: Type) -> Type:
    """A union without the literals its own items already cover (``Literal[False] | bool``
    is ``bool``), as mypy stores unions."""
    if not isinstance(t, UnionType):
        return t
    plain = {i.fullname for i in t.items if isinstance(i, Instance)}
    items = tuple(
        i for i in t.items if not (isinstance(i, LiteralType) and i.fallback.fullname in plain)
    )
    return items[0] if len(items) == 1 else UnionType(items)


def format_inspect_type(
    t: Type, verbosity: int, first_param: Callable[[CallableType], str | None] | None = None
) -> str:
    """The type as ``inspect`` prints it, quoted unless mypy leaves it bare. ``first_param``
    names the bound first parameter of a method's definition."""
    t = _simplified(t)
    text = _InspectFormatter(verbosity, _overlaps(t), first_param).fmt(t)
    if (
        text in ("Module", "overloaded function", "<deleted>")
        or text.startswith("Module ")
        or text.endswith("?")
    ):
        return text
    return f'"{text}"'


def is_tricky_callable(t: CallableType) -> bool:
    """Parameters that ``Callable[[...], R]`` cannot spell (stars, keyword-only, ``...``)."""
    return t.is_ellipsis_args or any(k in (STAR, STAR2, NAMED, NAMED_OPT) for k in t.arg_kinds)


class AnnotationFormatter:
    """The ``suggest`` spelling, relative to the module the function lives in."""

    def __init__(
        self,
        module: str | None,
        is_module: Callable[[str], bool],
        names_in: Callable[[str], list[str]],
        fixme: str | None = None,
    ) -> None:
        self.module = module
        self.is_module = is_module
        self.names_in = names_in
        self.fixme = fixme
        self._local_names: set[str] | None = None

    def top(self, t: Type) -> str:
        """A whole parameter or return type (``--use-fixme`` replaces a bare Any only)."""
        if self.fixme and isinstance(t, AnyType):
            return self.fixme
        return self.fmt(t)

    def fmt(self, t: Type) -> str:
        if isinstance(t, AnyType):
            return t.reason[len("missing:") :] if t.reason.startswith("missing:") else "Any"
        if isinstance(t, NoneType):
            return "None"
        if isinstance(t, NeverType):
            return "Any"
        if isinstance(t, Instance):
            return self.instance(t)
        if isinstance(t, LiteralType):
            return (
                f"Literal[{t.value!r}]"
                if isinstance(t.value, (str, int, bool))
                else self.instance(t.fallback)
            )
        if isinstance(t, TupleType):
            if t.fallback.fullname != "builtins.tuple":
                return self.instance(t.fallback)
            return f"Tuple[{', '.join(self.fmt(i) for i in t.items)}]"
        if isinstance(t, TypedDictType):
            return self.instance(t.fallback)
        if isinstance(t, UnionType):
            non_none = [i for i in t.items if not isinstance(i, NoneType)]
            if len(t.items) == 2 and len(non_none) == 1:
                return f"{self.fmt(non_none[0])} | None"
            return " | ".join(self.fmt(i) for i in t.items)
        if isinstance(t, CallableType):
            args = (
                "..."
                if is_tricky_callable(t)
                else "[" + ", ".join(self.fmt(a) for a in t.arg_types) + "]"
            )
            return f"Callable[{args}, {self.fmt(t.ret_type)}]"
        if isinstance(t, Overloaded):
            return "Overload(" + ", ".join(self.fmt(i) for i in t.items) + ")"
        if isinstance(t, TypeType):
            return f"Type[{self.fmt(t.item)}]"
        if isinstance(t, TypeVarType):
            return t.name
        return "Any"

    def split(self, fullname: str) -> tuple[str, str]:
        """(module, object path inside it): the longest prefix that is a module."""
        parts = fullname.split(".")
        for i in range(len(parts) - 1, 0, -1):
            head = ".".join(parts[:i])
            if self.is_module(head):
                return head, ".".join(parts[i:])
        return parts[0], ".".join(parts[1:])

    def local_names(self) -> set[str]:
        if self._local_names is None:
            self._local_names = set(self.names_in(self.module)) if self.module else set()
        return self._local_names

    def instance(self, t: Instance) -> str:
        mod, obj = self.split(t.fullname)
        # A class imported into the function's module is named through that module.
        if (
            self.module
            and obj.split(".")[0] in self.local_names()
            and mod not in self.local_names()
        ):
            mod = self.module
        if (mod, obj) == ("builtins", "tuple"):
            item = self.fmt(t.args[0]) if t.args else "Any"
            return f"Tuple[{item}, ...]"
        if t.args:
            obj += "[" + ", ".join(self.fmt(a) for a in t.args) + "]"
        if mod == "builtins":
            return obj
        return mod + ("." if "." not in obj else ":") + obj
