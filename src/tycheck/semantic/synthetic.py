"""Class statements made up for calls that define classes.

``P = NamedTuple('P', [('x', int)])``, ``namedtuple('P', 'x y')``, ``TypedDict('TD', {...})``,
``NewType('N', int)`` and ``Enum('E', 'A B')`` each define a class. Rather than teach every
part of the checker a second way to define classes, the symbol table binds such a name to a
``SyntheticClassDef``: the class statement the call stands for, built from the call's
arguments (the original expression nodes are shared, never modified). The checker then sees
an ordinary class whose base is the factory (``typing.NamedTuple``, ``collections.namedtuple``,
``enum.Enum``...), and recognises the factory when it computes the class's facts.
"""

from __future__ import annotations

import ast

# Final name of the callee -> kind of class it makes.
FACTORIES = {
    "NamedTuple": "NamedTuple",
    "namedtuple": "namedtuple",
    "TypedDict": "TypedDict",
    "NewType": "NewType",
    "Enum": "Enum",
    "IntEnum": "Enum",
    "StrEnum": "Enum",
    "Flag": "Enum",
    "IntFlag": "Enum",
}

# An annotation that names nothing: it evaluates to Any (namedtuple fields are untyped).
ANY_MARKER = "__tycheck_untyped_field__"


class SyntheticClassDef(ast.ClassDef):
    """A class statement standing for a class-defining call; ``kind`` names the factory kind
    and ``origin`` is the assignment statement holding the call."""

    kind: str
    origin: ast.stmt


# id(statement) -> (statement, class): one class node per statement, so the symbol table and
# the program's class index agree on identity. The statement is kept to pin its id.
_CACHE: dict[int, tuple[ast.stmt, SyntheticClassDef | None]] = {}
_CACHE_LIMIT = 50000


def callee_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


# Modules whose factories a renamed import may name (``from enum import Enum as _Enum``).
FACTORY_MODULES = frozenset(
    {"enum", "typing", "typing_extensions", "collections", "mypy_extensions"}
)


def synthetic_class(stmt: ast.stmt, factory: str | None = None) -> SyntheticClassDef | None:
    """The class that ``Name = Factory('Name', ...)`` defines, or None.

    ``factory`` is the factory's own name when the callee is a renamed import of it; the
    symbol table passes it on its first visit, and later callers get the cached class.
    """
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return None
    value = stmt.value
    if not isinstance(value, ast.Call):
        return None
    cached = _CACHE.get(id(stmt))
    if cached is not None and cached[0] is stmt:
        return cached[1]
    factory = factory or callee_name(value.func)
    if factory not in FACTORIES:
        return None
    node = _build(stmt, value, factory)
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[id(stmt)] = (stmt, node)
    return node


def _target_name(stmt: ast.Assign | ast.AnnAssign) -> str | None:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return None
    return targets[0].id


def _str(e: ast.expr | None) -> str | None:
    return e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else None


def _build(
    stmt: ast.Assign | ast.AnnAssign, call: ast.Call, factory: str
) -> SyntheticClassDef | None:
    name = _target_name(stmt)
    kind = FACTORIES[factory]
    if name is None or not call.args:
        return None
    body: list[ast.stmt] | None
    bases: list[ast.expr] = [call.func]
    keywords: list[ast.keyword] = []
    if kind == "namedtuple":
        body = _namedtuple_body(call)
    elif kind == "NamedTuple":
        body = _typed_fields_body(call)
    elif kind == "TypedDict":
        body = _typeddict_body(call)
        keywords = [k for k in call.keywords if k.arg == "total"]
    elif kind == "NewType":
        if len(call.args) != 2:
            return None
        bases = [call.args[1]]
        body = [_newtype_init(call.args[1])]
    else:
        body = _enum_body(call)
    if body is None:
        return None
    node = SyntheticClassDef(
        name=name,
        bases=bases,
        keywords=keywords,
        body=body or [ast.Pass()],
        decorator_list=[],
        type_params=[],
    )
    node.kind = kind
    node.origin = stmt
    for sub in ast.walk(node):
        if sub is call.func or any(sub is b for b in bases):
            continue
        if not hasattr(sub, "lineno") or getattr(sub, "lineno", None) is None:
            ast.copy_location(sub, stmt)
    ast.copy_location(node, stmt)
    return node


def _field(name: str, annotation: ast.expr, has_default: bool) -> ast.AnnAssign:
    value = ast.Constant(Ellipsis) if has_default else None
    return ast.AnnAssign(
        target=ast.Name(name, ast.Store()), annotation=annotation, value=value, simple=1
    )


def _namedtuple_body(call: ast.Call) -> list[ast.stmt] | None:
    spec = (
        call.args[1]
        if len(call.args) > 1
        else next((k.value for k in call.keywords if k.arg == "field_names"), None)
    )
    names: list[str] = []
    if _str(spec) is not None:
        names = [n for n in _str(spec).replace(",", " ").split() if n]  # type: ignore[union-attr]
    elif isinstance(spec, (ast.List, ast.Tuple)):
        for el in spec.elts:
            s = _str(el)
            if s is None:
                return None
            names.append(s)
    else:
        return None
    n_defaults = 0
    for k in call.keywords:
        if k.arg == "defaults":
            if isinstance(k.value, (ast.List, ast.Tuple)):
                n_defaults = len(k.value.elts)
            else:
                return None
    first_default = len(names) - n_defaults
    return [
        _field(n, ast.Name(ANY_MARKER, ast.Load()), i >= first_default) for i, n in enumerate(names)
    ]


def _typed_fields_body(call: ast.Call) -> list[ast.stmt] | None:
    out: list[ast.stmt] = []
    if len(call.args) > 1:
        spec = call.args[1]
        if not isinstance(spec, (ast.List, ast.Tuple)):
            return None
        for el in spec.elts:
            if not isinstance(el, ast.Tuple) or len(el.elts) != 2 or _str(el.elts[0]) is None:
                return None
            out.append(_field(_str(el.elts[0]), el.elts[1], False))  # type: ignore[arg-type]
    for k in call.keywords:
        if k.arg is None:
            return None
        out.append(_field(k.arg, k.value, False))
    return out


def _typeddict_body(call: ast.Call) -> list[ast.stmt] | None:
    out: list[ast.stmt] = []
    if len(call.args) > 1:
        spec = call.args[1]
        if not isinstance(spec, ast.Dict):
            return None
        for key, value in zip(spec.keys, spec.values):
            if _str(key) is None:
                return None
            out.append(_field(_str(key), value, False))  # type: ignore[arg-type]
    for k in call.keywords:
        if k.arg is None:
            return None
        if k.arg != "total":
            out.append(_field(k.arg, k.value, False))
    return out


def _newtype_init(base: ast.expr) -> ast.FunctionDef:
    args = ast.arguments(
        posonlyargs=[ast.arg("self"), ast.arg("item", annotation=base)],
        args=[],
        vararg=None,
        kwonlyargs=[],
        kw_defaults=[],
        kwarg=None,
        defaults=[],
    )
    return ast.FunctionDef(
        name="__init__",
        args=args,
        body=[ast.Expr(ast.Constant(Ellipsis))],
        decorator_list=[],
        returns=ast.Constant(None),
        type_comment=None,
        type_params=[],
    )


def _enum_body(call: ast.Call) -> list[ast.stmt] | None:
    spec = (
        call.args[1]
        if len(call.args) > 1
        else next((k.value for k in call.keywords if k.arg in ("names", "value")), None)
    )
    # (name, value expression of the call or None when the call gives no value)
    names: list[tuple[str, ast.expr | None]] = []
    if _str(spec) is not None:
        names = [(n, None) for n in _str(spec).replace(",", " ").split() if n]  # type: ignore[union-attr]
    elif isinstance(spec, (ast.List, ast.Tuple)):
        for el in spec.elts:
            if (
                isinstance(el, (ast.Tuple, ast.List))
                and len(el.elts) == 2
                and _str(el.elts[0]) is not None
            ):
                names.append((_str(el.elts[0]), el.elts[1]))  # type: ignore[arg-type]
            elif _str(el) is not None:
                names.append((_str(el), None))  # type: ignore[arg-type]
            else:
                return None
    elif isinstance(spec, ast.Dict):
        for key, value in zip(spec.keys, spec.values):
            if _str(key) is None:
                return None
            names.append((_str(key), value))  # type: ignore[arg-type]
    else:
        return None
    # A member without a value from the call gets a made-up constant; the checker reads the
    # value of such a member as unknown (see ``is_made_up_value``).
    return [
        ast.Assign(
            targets=[ast.Name(n, ast.Store())],
            value=v if v is not None else ast.Constant(i + 1),
            type_comment=None,
        )
        for i, (n, v) in enumerate(names)
    ]


def is_made_up_value(node: ast.AST, value: ast.AST | None) -> bool:
    """Is ``value`` (of a member of synthetic class ``node``) made up rather than written?"""
    if not isinstance(node, SyntheticClassDef) or value is None:
        return False
    return not any(sub is value for sub in ast.walk(node.origin))
