"""Names and scopes of type expressions: typing's special forms, where an annotation is evaluated, def helpers."""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field
from typing import Callable

from tycheck.checker.core.program import SourceModule
from tycheck.semantic.symbols import Symbol
from tycheck.types.model import Type, TypeVarType

TYPING_MODULES = (
    "typing",
    "typing_extensions",
    "collections.abc",
    "_collections_abc",
    "mypy_extensions",
)

# Generic aliases from typing that name builtin or collections classes.
ALIASES = {
    "List": "builtins.list",
    "Dict": "builtins.dict",
    "Set": "builtins.set",
    "FrozenSet": "builtins.frozenset",
    "Type": "builtins.type",
    "DefaultDict": "collections.defaultdict",
    "Deque": "collections.deque",
    "Counter": "collections.Counter",
    "ChainMap": "collections.ChainMap",
    "OrderedDict": "collections.OrderedDict",
    "Text": "builtins.str",
}

SPECIAL_FORMS = {
    "Any",
    "Optional",
    "Union",
    "Tuple",
    "Callable",
    "Literal",
    "ClassVar",
    "Final",
    "Annotated",
    "NoReturn",
    "Never",
    "Self",
    "Protocol",
    "Generic",
    "TypeGuard",
    "TypeIs",
    "Required",
    "NotRequired",
    "ReadOnly",
    "Unpack",
    "Concatenate",
    "LiteralString",
    "TypeAlias",
    "TypeVar",
    "ParamSpec",
    "TypeVarTuple",
    "NamedTuple",
    "TypedDict",
    "NewType",
    "overload",
    "cast",
    "reveal_type",
    "reveal_locals",
    "assert_type",
    "final",
    "TYPE_CHECKING",
    "TypeForm",
    "override",
    "Coroutine",
}


def special_name(fullname: str | None) -> str | None:
    """``typing.Optional`` and its twins -> ``Optional``; other names -> None."""
    if not fullname:
        return None
    mod, _, name = fullname.rpartition(".")
    if mod in TYPING_MODULES and (name in SPECIAL_FORMS or name in ALIASES):
        if name == "Coroutine":
            return None
        return name
    if fullname == "builtins.reveal_type" or fullname == "builtins.reveal_locals":
        return name
    return None


@dataclass
class TypeScope:
    """Where a type expression is evaluated: the module, the enclosing classes, type variables."""

    module: SourceModule
    classes: tuple[str, ...] = ()  # enclosing class full names, innermost last
    typevars: dict[str, TypeVarType] = field(
        default_factory=dict
    )  # TypeVar full name -> bound variable
    local_lookup: Callable[[str], Symbol | None] | None = None
    self_type: Type | None = None
    allow_unbound_tvars: bool = False
    # In a variable's annotation, type variables bound by nothing else belong to the
    # ``Callable[...]`` that mentions them (``x: Callable[[T], R]`` is generic in T).
    bind_callable_tvars: bool = False


def signature_annotations(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    a = node.args
    out: list[ast.expr] = []
    for p in (
        list(a.posonlyargs)
        + list(a.args)
        + ([a.vararg] if a.vararg else [])
        + list(a.kwonlyargs)
        + ([a.kwarg] if a.kwarg else [])
    ):
        if p.annotation is not None:
            out.append(p.annotation)
    if node.returns is not None:
        out.append(node.returns)
    if node.type_comment:
        try:
            ft = ast.parse(node.type_comment, mode="func_type")
            out.extend(ft.argtypes)
            out.append(ft.returns)
        except SyntaxError:
            pass
    return out


def is_annotated(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    if isinstance(node, ast.Lambda):
        return False
    if node.returns is not None or node.type_comment:
        return True
    a = node.args
    return any(
        p.annotation is not None
        for p in list(a.posonlyargs)
        + list(a.args)
        + list(a.kwonlyargs)
        + [x for x in (a.vararg, a.kwarg) if x]
    )


def _is_generator(node: ast.AST) -> bool:
    for sub in walk_body(node):
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            return True
    return False


def walk_body(node: ast.AST):  # type: ignore[no-untyped-def]
    """Nodes of a function body, not entering nested functions, classes or lambdas."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))


def _looks_like_type(e: ast.expr) -> bool:
    if isinstance(e, (ast.Name, ast.Attribute)):
        return True
    if isinstance(e, ast.Subscript):
        return isinstance(e.value, (ast.Name, ast.Attribute))
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitOr):
        return (
            _looks_like_type(e.left)
            and _looks_like_type(e.right)
            or (isinstance(e.left, ast.Constant) and e.left.value is None)
            or (isinstance(e.right, ast.Constant) and e.right.value is None)
        )
    return False


@functools.lru_cache(maxsize=4096)
def parse_type_string(text: str, line: int) -> ast.expr | None:
    """A string annotation parsed at ``line``; cached, and never modified after creation."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    ast.increment_lineno(node, line - 1)
    return node
