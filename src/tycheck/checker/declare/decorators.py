"""Decorated functions: the type a ``def`` has after its decorators are applied.

A decorator is a call: the innermost one receives the function's signature and each outer
one the result of the one below. A decorator whose type is unknown (``Any``, an untyped
``def``) makes the result ``Any``, so nothing is reported about the function's uses. The
decorators the checker understands by themselves (``staticmethod``, ``overload``,
``property``...) are skipped here; a few typed decorators whose signatures need features the
checker lacks (``ParamSpec``) still degrade to ``Any``.
"""

from __future__ import annotations

import ast

from tycheck.types.model import STAR, STAR2, AnyType, CallableType

# Decorators with a meaning of their own: they leave the signature as it is.
TRANSPARENT = frozenset(
    {
        "overload",
        "final",
        "override",
        "builtins.staticmethod",
        "builtins.classmethod",
        "abc.abstractmethod",
        "typing.no_type_check",
        "typing_extensions.deprecated",
        "warnings.deprecated",
        "functools.total_ordering",
        "typing.type_check_only",
        "builtins.property",
        "functools.cached_property",
        "abc.abstractproperty",
        "enum.unique",
        "enum.property",
        "typing_extensions.override",
        "typing.final",
        "typing_extensions.final",
        "typing.override",
        "typing.overload",
        "typing_extensions.overload",
    }
)

# Typed decorators whose signatures use features not modelled yet: the result is Any.
OPAQUE = frozenset(
    {
        "contextlib.contextmanager",
        "contextlib.asynccontextmanager",
        "functools.lru_cache",
        "functools.cache",
        "types.coroutine",
        "asyncio.coroutine",
        "functools.singledispatch",
        "functools.singledispatchmethod",
    }
)


NO_TYPE_CHECK = frozenset({"typing.no_type_check", "typing_extensions.no_type_check"})


def no_type_check_signature(
    node: ast.FunctionDef | ast.AsyncFunctionDef, class_fullname: str | None
) -> CallableType:
    """A ``@no_type_check`` function accepts anything and returns Any, whatever it says."""
    any_t = AnyType("special")
    owner = class_fullname.rsplit(".", 1)[-1] if class_fullname else None
    return CallableType(
        (any_t, any_t),
        (STAR, STAR2),
        (None, None),
        any_t,
        name=node.name,
        implicit=True,
        from_method=owner,
    )


def is_transparent(name: str | None, d: ast.expr) -> bool:
    """Whether decorator ``d`` (resolved to ``name``) keeps the signature unchanged."""
    if name in TRANSPARENT:
        return True
    # ``@x.setter``/``@x.getter``/``@x.deleter`` belong to a property.
    return isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter")
