"""Partial types: ``x = []`` (or ``{}``, ``set()``) waits for a later statement to say what
the collection holds.

``x.append(1)``, ``x.add(1)``, ``x.extend([1])``, ``x.update(...)`` and ``x[k] = v`` complete
the type. Reading the variable any other way, or reaching the end of the function with the
type still unknown, gives mypy's "Need type annotation" error at the assignment that created
it, and the variable becomes ``list[Any]`` (and so on).

Only variables of a function are handled here; module-level variables are read by other
modules and functions through their inferred declaration.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tycheck.checker.core import messages as msg
from tycheck.checker.declare.names import walk_body
from tycheck.types.model import (
    AnyType,
    Instance,
    NeverType,
    NoneType,
    PartialType,
    TupleType,
    Type,
    strip_literal,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.semantic.symbols import Symbol

PARTIAL_CLASSES = ("builtins.list", "builtins.dict", "builtins.set", "collections.OrderedDict")

# Methods whose argument is one item of the collection.
ITEM_METHODS = {
    "builtins.list": ("append",),
    "builtins.set": ("add", "discard"),
}

# Methods whose argument is another collection of the given classes.
CONTAINER_METHODS = {
    "builtins.list": {"extend": ("builtins.list",)},
    "builtins.dict": {"update": ("builtins.dict",)},
    "collections.OrderedDict": {"update": ("builtins.dict",)},
    "builtins.set": {"update": ("builtins.set", "builtins.list")},
}

# Hints name the class the way a user would annotate it.
HINT_NAMES = {"builtins.list": "list", "builtins.dict": "dict", "builtins.set": "set"}


def is_empty_collection(t: Type) -> bool:
    """An instance of a collection class whose arguments nothing determined (``set()``)."""
    return (
        isinstance(t, Instance)
        and t.fullname in PARTIAL_CLASSES
        and bool(t.args)
        and all(
            isinstance(a, NeverType) or (isinstance(a, AnyType) and a.reason == "special")
            for a in t.args
        )
    )


DEFAULTDICT = "collections.defaultdict"


def undetermined_call(t: Type) -> bool:
    """``set()``: a collection whose arguments nothing determined (Never). Unlike an empty
    display's, an Any argument here came from the call (``list(a)`` of an Any ``a``)."""
    return is_empty_collection(t) and all(not isinstance(a, AnyType) for a in t.args)  # type: ignore[union-attr]


def call_partial(t: Type, name: str) -> PartialType | None:
    """The partial type ``x = set()`` or ``x = defaultdict(list)`` starts, if any: an empty
    collection, or a defaultdict whose keys nothing determined and whose values are a
    class with no arguments (``int``) or one undetermined one (``list[Never]``)."""
    if undetermined_call(t):
        return PartialType(t.fullname, name)  # type: ignore[union-attr]
    if not (isinstance(t, Instance) and t.fullname == DEFAULTDICT and len(t.args) == 2):
        return None
    key, value = t.args
    if not isinstance(key, NeverType) or not isinstance(value, Instance):
        return None
    if len(value.args) > 1 or any(not isinstance(a, NeverType) for a in value.args):
        return None
    return PartialType(DEFAULTDICT, name, value)


def fixed_type(chk: "Evaluator", p: PartialType) -> Type:
    """What an unresolved partial type becomes: the class with Any arguments."""
    info = chk.p.class_info(p.fullname) if p.fullname else None
    n = len(info.type_vars) if info else 1
    return Instance(p.fullname or "builtins.object", tuple(AnyType("special") for _ in range(n)))


def hint(p: PartialType) -> str | None:
    if p.fullname is None:
        return "<type> | None"
    name = HINT_NAMES.get(p.fullname)
    if name is None:
        return None
    return f"{name}[<type>, <type>]" if name == "dict" else f"{name}[<type>]"


def report_unresolved(chk: "Evaluator", name: str, p: PartialType) -> Type:
    """Report a partial type nothing completed; the variable gets the Any-filled type."""
    site = chk.partial_sites.pop(name, None)
    fixed = fixed_type(chk, p)
    permissive = chk.func is None and bool(getattr(chk.p.options, "allow_untyped_globals", False))
    if site is not None and not permissive:
        shown = name.rsplit(".", 1)[-1]  # mypy names an attribute without its "self."
        chk.fail(site, Message(msg.need_annotation(shown, hint(p)), codes.VAR_ANNOTATED))
    set_type(chk, name, fixed)
    return fixed


def set_type(chk: "Evaluator", name: str, t: Type) -> None:
    if "." not in name:  # attributes ("self.x") live in the flow state only
        chk.declared[name] = t
    chk.state[name] = t
    chk.partial_sites.pop(name, None)


def _partial_key(e: ast.expr) -> str | None:
    """The name a partial type is tracked under: ``x`` or ``self.x``."""
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
        return f"{e.value.id}.{e.attr}"
    return None


def _enclosing(chk: "Evaluator") -> "Evaluator | None":
    # The checker of the enclosing function, when ``chk`` checks a nested one.
    outer = getattr(chk, "outer", None)
    return outer if outer is not None and outer.func is not None else None


def partial_owner(chk: "Evaluator", name: str) -> "Evaluator | None":
    """The checker holding the unresolved partial ``name``: this one, or, for a plain name
    that this function does not bind, an enclosing function's (mypy completes ``x = []``
    from a nested function; ``--local-partial-types`` only keeps module and class scopes
    apart from functions)."""
    c: Evaluator | None = chk
    while c is not None:
        if name in c.partial_sites:
            return c
        if "." in name or name in c.locals:
            return None
        c = _enclosing(c)
    return None


def has_partials(chk: "Evaluator") -> bool:
    """Whether this function or an enclosing one has a partial type waiting."""
    c: Evaluator | None = chk
    while c is not None:
        if c.partial_sites:
            return True
        c = _enclosing(c)
    return False


def current_partial(chk: "Evaluator", name: str) -> PartialType | None:
    """The unresolved collection partial type of ``name``, if any."""
    owner = partial_owner(chk, name)
    if owner is None:
        return None
    t = owner.state.get(name)
    if isinstance(t, PartialType) and t.fullname is not None:
        return t
    return None


def complete(chk: "Evaluator", name: str, t: Type) -> None:
    """Give the partial ``name`` its full type, in the function that holds it."""
    set_type(partial_owner(chk, name) or chk, name, t)


def try_complete_by_call(chk: "Evaluator", e: ast.Call) -> None:
    """``x.append(v)`` and friends on a partial ``x``: give ``x`` its full type."""
    f = e.func
    if not isinstance(f, ast.Attribute) or len(e.args) != 1 or e.keywords:
        return
    if isinstance(e.args[0], ast.Starred):
        return
    if isinstance(f.value, ast.Subscript):
        _complete_defaultdict_by_call(chk, f.value, f.attr, e.args[0])
        return
    name = _partial_key(f.value)
    if name is None:
        return
    p = current_partial(chk, name)
    if p is None or p.fullname is None:
        return
    t = _completed_by_call(chk, p.fullname, f.attr, e.args[0])
    if t is not None:
        complete(chk, name, t)


def _completed_by_call(
    chk: "Evaluator", fullname: str, method: str, arg_node: ast.expr
) -> Instance | None:
    """The type ``x.method(arg)`` gives a collection ``x`` of class ``fullname`` still empty."""
    if method in ITEM_METHODS.get(fullname, ()):
        item = _quiet(chk, arg_node)
        return Instance(fullname, (strip_literal(item),)) if _usable(item) else None
    allowed = CONTAINER_METHODS.get(fullname, {}).get(method)
    if not allowed:
        return None
    arg = _quiet(chk, arg_node)
    if not (
        isinstance(arg, Instance) and arg.fullname in allowed and all(_usable(a) for a in arg.args)
    ):
        return None
    if fullname in ("builtins.dict", "collections.OrderedDict") and len(arg.args) != 2:
        return None
    return Instance(fullname, tuple(strip_literal(a) for a in arg.args))


def _complete_defaultdict_by_call(
    chk: "Evaluator", target: ast.Subscript, method: str, arg_node: ast.expr
) -> None:
    """``d[k].append(v)`` on a partial ``d = defaultdict(list)``: keys are k's type, values
    what the call makes of the empty value (``list[v's type]``)."""
    name = _partial_key(target.value)
    p = current_partial(chk, name) if name is not None else None
    if name is None or p is None or p.fullname != DEFAULTDICT:
        return
    vt = p.value_type
    if not isinstance(vt, Instance):
        return
    value = _completed_by_call(chk, vt.fullname, method, arg_node)
    if value is None:
        return
    key = _quiet(chk, target.slice)
    if _usable(key):
        complete(chk, name, Instance(DEFAULTDICT, (strip_literal(key), value)))


def complete_nonlocal(chk: "Evaluator", name: str, t: Type) -> None:
    """``x = value`` in a nested function that declares ``x`` nonlocal. Where the enclosing
    function holds ``x = {}``, a value of the partial's own class completes it there; where
    it already gave ``x`` a type, that type is this assignment's declared type (``x = {}``
    here then starts no partial type of its own)."""
    owner = _nonlocal_owner(chk, name)
    if owner is None:
        return
    p = current_partial(owner, name)
    if p is not None:
        if isinstance(t, Instance) and t.fullname == p.fullname and all(_usable(a) for a in t.args):
            complete(owner, name, strip_literal(t))
            return
        # Another class: the partial needs an annotation, and then takes Any arguments.
        fixed = report_unresolved(owner, name, p)
        if name not in chk.declared:
            chk.declared[name] = fixed
        return
    outer = owner.declared.get(name)
    if (
        outer is not None
        and not isinstance(outer, PartialType)
        and name not in chk.declared
        and (is_empty_collection(t) or isinstance(t, NoneType))
    ):
        # Only where the value would start a partial type of this function's own.
        chk.declared[name] = outer


def _nonlocal_owner(chk: "Evaluator", name: str) -> "Evaluator | None":
    """The checker of the enclosing function binding ``name``, which ``chk``'s function
    declares nonlocal."""
    if chk.func is None or name not in chk.globals_decl:
        return None
    if not any(isinstance(n, ast.Nonlocal) and name in n.names for n in walk_body(chk.func)):
        return None
    c = _enclosing(chk)
    while c is not None and name not in c.locals:
        c = _enclosing(c)
    return c


def try_complete_by_setitem(chk: "Evaluator", target: ast.Subscript, value: Type) -> bool:
    """``x[k] = v`` on a partial dict ``x``; True when it completed the type."""
    name = _partial_key(target.value)
    if name is None:
        return False
    p = current_partial(chk, name)
    if p is None or p.fullname not in ("builtins.dict", "collections.OrderedDict", DEFAULTDICT):
        return False
    key = _quiet(chk, target.slice)
    if not (_usable(key) and _usable(value)):
        return False
    if p.value_type is not None and not _same_values(chk, strip_literal(value), p.value_type):
        return False
    complete(chk, name, Instance(p.fullname, (strip_literal(key), strip_literal(value))))
    return True


# Augmented assignments that complete a partial collection with a collection of its class.
AUGMENTED_OPS = {("builtins.list", ast.Add), ("builtins.set", ast.BitOr)}


def try_complete_by_augassign(chk: "Evaluator", s: ast.AugAssign) -> None:
    """``x += [1]`` on a partial list, ``x |= {1}`` on a partial set: the value's type is x's."""
    name = _partial_key(s.target)
    p = current_partial(chk, name) if name is not None else None
    if name is None or p is None or (p.fullname, type(s.op)) not in AUGMENTED_OPS:
        return
    value = _quiet(chk, s.value)
    if (
        isinstance(value, Instance)
        and value.fullname == p.fullname
        and all(_usable(a) for a in value.args)
    ):
        complete(chk, name, value)


def finish_scope(chk: "Evaluator") -> None:
    """At the end of a function: every collection still partial needs an annotation."""
    for name in list(chk.partial_sites):
        t = chk.state.get(name) if "." in name else chk.declared.get(name)
        if isinstance(t, PartialType) and t.fullname is not None:
            report_unresolved(chk, name, t)
        else:
            chk.partial_sites.pop(name, None)


def _same_values(chk: "Evaluator", value: Type, default: Type) -> bool:
    """Whether a value stored in a partial defaultdict is of its default's type (mypy counts
    ``list[int]`` the same as the undetermined ``list[Never]``)."""
    if isinstance(default, Instance) and default.args and isinstance(value, Instance):
        if all(isinstance(a, NeverType) for a in default.args):
            return value.fullname == default.fullname
    rel = chk.p.relations
    return rel.is_subtype(value, default) and rel.is_subtype(default, value)


def _quiet(chk: "Evaluator", e: ast.expr) -> Type:
    with chk.quiet():
        return chk.infer(e)


def _usable(t: Type) -> bool:
    """A type that may complete a partial one (mypy refuses types with Never or None inside)."""
    return not isinstance(t, (NeverType, PartialType)) and not (
        isinstance(t, Instance) and any(isinstance(a, NeverType) for a in t.args)
    )


def none_initialized(sym: "Symbol | None") -> bool:
    """A module or class variable whose first binding is a bare ``= None``: a partial None
    type, which later assignments widen to ``X | None`` instead of rejecting."""
    return (
        sym is not None
        and sym.annotation is None
        and not sym.type_comment
        and isinstance(sym.value, ast.Constant)
        and sym.value.value is None
    )


def start_attribute_partial(
    chk: "Evaluator", target: ast.Attribute, value: "ast.expr | None", t: Type
) -> bool:
    """``self.x = []`` defining an unannotated attribute in a method: a partial type that this
    method may complete (``self.x.append(1)``); True when it started one."""
    if (
        chk.func is None
        or not chk.class_fullname
        or value is None
        or not isinstance(target.value, ast.Name)
    ):
        return False
    args = chk.func.args.posonlyargs + chk.func.args.args
    if not args or target.value.id != args[0].arg:
        return False
    empty_display = (isinstance(value, (ast.List, ast.Set)) and not value.elts) or (
        isinstance(value, ast.Dict) and not value.keys
    )
    if not (
        undetermined_call(t)
        or (empty_display and isinstance(t, Instance) and t.fullname in PARTIAL_CLASSES)
    ):
        return False
    sym = chk.members.instance_attrs(chk.class_fullname).get(target.attr)
    if sym is None or sym.annotation is not None or sym.value is not value:
        return False
    if _declared_elsewhere(chk, chk.class_fullname, target.attr):
        return False
    key = f"{target.value.id}.{target.attr}"
    chk.state[key] = PartialType(t.fullname, key)  # type: ignore[union-attr]
    chk.partial_sites[key] = target
    return True


def _declared_elsewhere(chk: "Evaluator", class_fullname: str, attr: str) -> bool:
    """Whether ``attr`` has a definition besides this class's ``self.attr = ...``: a name in the
    class body (``deps: list[str]``) or anything in a base class. Then the assignment is not a
    new definition: the existing type is its context and no partial type starts."""
    info = chk.p.class_info(class_fullname)
    mro = info.mro if info is not None else (class_fullname,)
    for cls in mro:
        ns = chk.p.class_namespace(cls)
        if ns is not None and attr in ns.names and not _none_placeholder(ns.names[attr]):
            return True
        if cls != class_fullname and attr in chk.members.instance_attrs(cls):
            return True
    return False


def _none_placeholder(sym: "Symbol") -> bool:
    """``x = None`` without annotation in a class body: a placeholder that a method's
    assignment completes (still a partial type there)."""
    value = sym.value
    return (
        sym.annotation is None
        and sym.type_comment is None
        and isinstance(value, ast.Constant)
        and value.value is None
    )


def ambiguous_never_to_any(t: Type) -> Type | None:
    """``t`` with the Never arguments an unconstrained type variable left behind replaced by
    Any, or None when it has none (``x = f()`` giving ``list[Never]`` needs an annotation)."""
    found = False

    def visit(x: Type) -> Type:
        nonlocal found
        if isinstance(x, NeverType) and not x.is_noreturn:
            found = True
            return AnyType("special")
        if isinstance(x, Instance) and x.args:
            return Instance(x.fullname, tuple(visit(a) for a in x.args))
        if isinstance(x, TupleType):
            return TupleType(tuple(visit(i) for i in x.items), x.fallback)
        return x

    if isinstance(t, Instance) and t.args:
        fixed = Instance(t.fullname, tuple(visit(a) for a in t.args))
    elif isinstance(t, TupleType):
        fixed = TupleType(tuple(visit(i) for i in t.items), t.fallback)  # type: ignore[assignment]
    else:
        return None
    return fixed if found else None
