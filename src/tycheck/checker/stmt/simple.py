"""Simple statements: expression statements, return, raise, assert, del, imports, nested defs and classes."""

from __future__ import annotations

import ast

from tycheck.checker.checks import exceptions
from tycheck.checker.classes.enums import check_enum_extension
from tycheck.checker.core import messages as msg
from tycheck.checker.core.evaluator import Evaluator
from tycheck.checker.flow.closure import last_assignment_line
from tycheck.checker.infer import noneret
from tycheck.checker.infer import typeddicts
from tycheck.checker.infer.decorators import check_decorated
from tycheck.checker.infer.expr_access import module_getattr_type
from tycheck.checker.infer.solve import infer_context_dependent
from tycheck.checker.stmt.locals import context_dependent, note_unchecked_class_body
from tycheck.semantic.reach import FALSE, MYPY_FALSE, infer_condition
from tycheck.semantic.class_scope import start_line, visible_at
from tycheck.semantic.symbols import IMPORTED, Symbol
from tycheck.types.model import (
    AnyType,
    CallableType,
    Instance,
    DeletedType,
    ModuleType,
    NeverType,
    NoneType,
    TypedDictType,
    Type,
    union_items,
)
from tycheck.types.subst import expand
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message


def lookup_name_type_outer(
    chk: Evaluator, name: str, node: ast.AST, def_line: int | None = None
) -> Type | None:
    """The type of an enclosing function's variable, read from a nested function at ``def_line``.

    The enclosing function is being checked at the nested definition, so its state holds
    the narrowings there; they are kept when nothing rebinds the name later (``closure.py``).
    """
    if chk.func is None:
        return None if chk.class_fullname else None
    if name in chk.locals:
        if (
            name in chk.state
            and def_line is not None
            and chk.p.memo(
                "last-assign",
                (chk.mod.name, id(chk.func), name),
                lambda: last_assignment_line(chk.func, name),  # type: ignore[arg-type]
            )
            < def_line
        ):
            return chk.state[name]
        if name in chk.declared:
            return chk.declared[name]
        if name in chk.state:
            return chk.state[name]
        sym = chk.local_symbol(name)
        if sym is not None:
            return chk.members.symbol_type(sym)
        return AnyType("special")
    if chk.outer is not None:
        return lookup_name_type_outer(chk.outer, name, node, def_line)
    return None


def class_name_visible(chk: Evaluator, sym: Symbol, method: ast.AST | None = None) -> bool:
    """Class-body code (or the defaults of ``method``) sees only the class-body names defined
    before it (``semantic/class_scope.py``), unless no outer name is there instead."""
    if method is not None:
        seen = visible_at(sym, start_line(method), method)
    else:
        seen = chk.stmt_line is None or visible_at(sym, chk.stmt_line)
    return seen or (
        chk.p.module_symbol(chk.mod.name, sym.name) is None
        and chk.p.module_symbol("builtins", sym.name) is None
    )


def global_type(chk: Evaluator, name: str) -> Type | None:
    if chk.func is None and chk.class_fullname:
        ns = chk.p.class_namespace(chk.class_fullname)
        if ns is not None and name in ns.names and class_name_visible(chk, ns.names[name]):
            if name in chk.declared:
                return chk.declared[name]
            return chk.members.symbol_type(ns.names[name], chk.class_fullname)
    if chk.func is None and not chk.class_fullname and name in chk.declared:
        return chk.declared[name]
    sym = chk.mod.ns.get(name) or chk.p.module_symbol(chk.mod.name, name)
    if sym is not None:
        rs = chk.p.resolve(sym)
        if rs is None:
            # Imported from a module that is not followed (missing or skipped).
            unfollowed = (
                sym.kind == IMPORTED and sym.target is not None and chk.p.module(sym.target) is None
            )
            if sym.kind == IMPORTED and sym.target is not None and not unfollowed:
                target = chk.p.module(sym.target)
                if (
                    target is not None
                    and target.ns.get("__getattr__") is not None
                    and chk.p.module(f"{sym.target}.{sym.attr}") is None
                ):
                    return module_getattr_type(chk, sym.target)
            return AnyType("unimported" if unfollowed else "special")
        return chk.members.symbol_type(rs)
    bsym = chk.p.module_symbol("builtins", name)
    if bsym is not None:
        rs = chk.p.resolve(bsym)
        return chk.members.symbol_type(rs) if rs else AnyType("special")
    if name in ("reveal_type", "reveal_locals", "__builtins__"):
        return AnyType("special")
    return None


def stmt_Expr(chk: Evaluator, s: ast.Expr) -> None:
    v = s.value
    noneret.allow_none(chk, v)
    t = chk.infer(v)
    if isinstance(v, ast.Call) and isinstance(t, NeverType):
        chk.unreachable = True
    if isinstance(v, ast.Call) and isinstance(t, NoneType) and False:
        pass


def stmt_Pass(chk: Evaluator, s: ast.Pass) -> None:
    pass


def stmt_Return(chk: Evaluator, s: ast.Return) -> None:
    expected = chk.expected_return()
    if s.value is not None and (
        isinstance(expected, (NoneType, AnyType)) or chk.sig is None or chk.func is None
    ):
        noneret.allow_none(chk, s.value)
    if s.value is not None and context_dependent(s.value):
        t = infer_context_dependent(chk, s.value, expected)
    elif s.value is not None:
        t = chk.infer(s.value, expected)
    else:
        t = NoneType()
    chk.return_types.append(t)
    if expected is not None and chk.func is not None:
        check_return(chk, s, t, expected)
    chk.unreachable = True


def check_return(chk: Evaluator, s: ast.Return, t: Type, expected: Type) -> None:
    if isinstance(expected, AnyType):
        return
    if chk.sig is not None and chk.sig.implicit:
        return
    if s.value is not None and returns_any(chk, s.value, t):
        if (
            chk.options.warn_return_any
            and warns_returning_any(chk, s.value, expected)
            and (not isinstance(t, AnyType) or any_from_declarations(chk, s.value))
        ):
            text = f'Returning Any from function declared to return "{chk.fmt(expected)}"'
            chk.fail(s, Message(text, codes.NO_ANY_RETURN))
        return
    if s.value is None:
        if not isinstance(expected, (NoneType, AnyType)) and not chk.p.relations.is_subtype(
            NoneType(), expected
        ):
            chk.fail(s, em.RETURN_VALUE_EXPECTED)
        return
    if isinstance(expected, NoneType) and not isinstance(t, (NoneType, AnyType)):
        if not (isinstance(s.value, ast.Constant) and s.value.value is None):
            chk.fail(s.value, em.NO_RETURN_VALUE_EXPECTED)
        return
    if not chk.p.relations.is_subtype(t, expected):
        chk.fail(s.value, Message(msg.incompatible_return(t, expected), codes.RETURN_VALUE))
        chk.protocol_notes(s.value, t, expected, codes.RETURN_VALUE)


# Binary operator methods, where ``return NotImplemented`` is how they decline.
BINARY_OPERATOR_METHODS = frozenset(
    [f"__{op}__" for op in ("divmod", "eq", "ne", "lt", "le", "gt", "ge")]
    + [
        f"__{prefix}{op}__"
        for op in (
            "add",
            "and",
            "div",
            "floordiv",
            "lshift",
            "matmul",
            "mod",
            "mul",
            "or",
            "pow",
            "rshift",
            "sub",
            "truediv",
            "xor",
        )
        for prefix in ("", "i", "r")
    ]
)
NOT_IMPLEMENTED_CLASSES = ("builtins._NotImplementedType", "types.NotImplementedType")


def returns_any(chk: Evaluator, value: ast.expr, t: Type) -> bool:
    """The returned value is ``Any`` (``NotImplemented`` counts as ``Any``, as in mypy)."""
    if isinstance(t, AnyType):
        return True
    return isinstance(t, Instance) and t.fullname in NOT_IMPLEMENTED_CLASSES


def any_from_declarations(chk: Evaluator, value: ast.expr, depth: int = 0) -> bool:
    """Whether the ``Any`` of ``value`` surely comes from the code's declarations.

    Inference that tycheck does not implement yet degrades to ``Any`` (some generic calls,
    overloads, decorated functions, attributes inferred from such calls): a warning about
    that ``Any`` would be a false error. So only an ``Any`` spelt in an annotation counts:
    a parameter or variable annotated ``Any``, an item of ``dict[str, Any]``, a call of a
    plain function declared ``-> Any``, an attribute of those or declared ``Any``.
    """
    if depth > 3:
        return False
    with chk.quiet():
        if isinstance(value, ast.Attribute) and any_from_declarations(chk, value.value, depth + 1):
            return True  # an attribute of a declared Any
        t = chk.infer(value)
        if not (isinstance(t, AnyType) and t.reason in ("explicit", "omitted")):
            return False
        if isinstance(value, ast.Name):
            return _annotated_name(chk, value.id)
        if isinstance(value, ast.Attribute):
            return not isinstance(chk.infer(value.value), AnyType)
        if isinstance(value, ast.Subscript):
            base = chk.infer(value.value)
            return isinstance(base, Instance) and any(  # a subclass too (``Config(dict)``)
                c in EXPLICIT_ITEM_CONTAINERS for c in chk.p.relations.mro(base.fullname)
            )
        if isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute)):
            callee = chk.infer(value.func)
            return (
                isinstance(callee, CallableType)
                and not callee.is_type_obj
                and not callee.variables
                and isinstance(callee.ret_type, AnyType)
                and callee.ret_type.reason == "explicit"
            )
    return False


# Containers whose item type is their type argument as written.
EXPLICIT_ITEM_CONTAINERS = frozenset(
    {"builtins.dict", "builtins.list", "typing.Mapping", "typing.MutableMapping", "typing.Sequence"}
)


def _annotated_name(chk: Evaluator, name: str) -> bool:
    """A parameter or variable of the current function annotated ``Any``."""
    func = chk.func
    if func is None or name not in chk.locals:
        return False
    a = func.args
    for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]:
        if p.arg == name:
            return p.annotation is not None
    sym = chk.local_syms.get(name) if chk.local_syms else None
    return sym is not None and sym.annotation is not None


def warns_returning_any(chk: Evaluator, value: ast.expr, expected: Type) -> bool:
    """``--warn-return-any``: the declared type is not ``Any``-like or ``object``."""
    if any(isinstance(i, AnyType) for i in union_items(expected)):
        return False
    if isinstance(expected, Instance) and expected.fullname == "builtins.object":
        return False
    name = chk.func.name if chk.func is not None else ""
    return not (
        name in BINARY_OPERATOR_METHODS
        and isinstance(value, ast.Name)
        and value.id == "NotImplemented"
    )


def stmt_Raise(chk: Evaluator, s: ast.Raise) -> None:
    exceptions.check_raise(chk, s)
    chk.unreachable = True


def stmt_Assert(chk: Evaluator, s: ast.Assert) -> None:
    chk.infer(s.test)
    yes, no = chk.narrow.condition_maps(s.test)
    if s.msg is not None and no is not None:
        # The message runs only when the test failed: check it with the test negated.
        saved = dict(chk.state)
        chk.state.update(no)
        chk.infer(s.msg)
        chk.state = saved
    if yes is None:
        chk.unreachable = True
        # ``assert sys.platform == ...`` makes the rest of the block silently unreachable.
        if infer_condition(s.test, chk.reach) in (FALSE, MYPY_FALSE):
            chk.unreachable_silent = True
    else:
        chk.state.update(yes)


def stmt_Delete(chk: Evaluator, s: ast.Delete) -> None:
    for t in s.targets:
        if isinstance(t, ast.Name):
            chk.state[t.id] = DeletedType(t.id)
        elif isinstance(t, ast.Subscript):
            base = chk.infer(t.value)
            index = chk.infer(t.slice)
            if isinstance(base, TypedDictType):
                typeddicts.delete_item(chk, base, index, t.slice)
        elif isinstance(t, ast.Attribute):
            chk.infer(t.value)


def stmt_Global(chk: Evaluator, s: ast.Global) -> None:
    pass


def stmt_Nonlocal(chk: Evaluator, s: ast.Nonlocal) -> None:
    pass


def stmt_Import(chk: Evaluator, s: ast.Import) -> None:
    for al in s.names:
        if chk.func is not None:
            name = (al.asname or al.name).split(".")[0]
            chk.declared[name] = ModuleType(al.name if al.asname else name)


def stmt_ImportFrom(chk: Evaluator, s: ast.ImportFrom) -> None:
    if chk.func is not None:
        from tycheck.semantic.symbols import resolve_relative

        base = resolve_relative(chk.mod.name, s.module, s.level, chk.mod.is_package)
        for al in s.names:
            if al.name == "*" or base is None:
                continue
            sym = chk.p.resolve(
                Symbol(al.name, IMPORTED, f"{base}.{al.name}", target=base, attr=al.name)
            )
            chk.declared[al.asname or al.name] = (
                chk.members.symbol_type(sym) if sym else AnyType("special")
            )


# -- nested definitions ------------------------------------------------------------------


def check_block_definition(chk: Evaluator, s: ast.stmt) -> bool:
    """A function or class in a module- or class-level ``try``/``with``/``for``/``while`` block
    (the driver walks only ``if`` blocks there): checked as if it stood in the body itself.
    False for a nested definition, and in a quiet replay of the statements (``flow/prefix``)."""
    if chk.func is not None or chk.muted:
        return False
    chk.ctx.driver.check_body(chk, chk.mod, [s], chk.class_fullname or None)
    return True


def stmt_FunctionDef(chk: Evaluator, s: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    if check_block_definition(chk, s):
        return
    for d in s.decorator_list:
        if (
            isinstance(d, ast.Attribute)
            and d.attr in ("setter", "getter", "deleter")
            and isinstance(d.value, ast.Name)
            and chk.func is None
            and chk.class_fullname
        ):
            continue  # @prop.setter: the property object is modelled by the class, not here
        if chk.func is None:
            chk.infer(d)  # a nested function's decorators are checked with it below
    if chk.func is not None:
        # A nested function: check it now, seeing this function's state as its closure.
        sig = chk.ev.signature(chk.mod, s, None, chk.scope)
        if chk.tv_subst:
            sig = expand(sig, chk.tv_subst)  # type: ignore[assignment]
        chk.declared[s.name] = check_decorated(chk, s, sig, None) if s.decorator_list else sig
        chk.state.pop(s.name, None)
        chk.ctx.driver.check_function(chk.mod, s, None, chk)


def stmt_ClassDef(chk: Evaluator, s: ast.ClassDef) -> None:
    if check_block_definition(chk, s):
        return
    for b in s.bases:
        # A base is a type expression (``Generic[T]``, ``List[int]``): only its head is
        # a value; subscripting a special form's runtime stand-in is no error.
        chk.infer(b.value if isinstance(b, ast.Subscript) else b)
    if s.bases:
        check_enum_extension(chk, s)
    if chk.func is not None:
        chk.declared[s.name] = AnyType("special")
        note_unchecked_class_body(chk, s.body)


def check_default_pairs(
    chk: Evaluator,
    func: ast.FunctionDef | ast.AsyncFunctionDef,
    pairs: list[tuple[ast.arg, ast.expr]],
) -> None:
    for p, d in pairs:
        if p.annotation is None:
            chk.infer(d)
            continue
        declared = chk.analyze_type_expr(p.annotation)
        t = chk.infer(d, declared)
        if (
            isinstance(d, ast.Constant)
            and d.value is Ellipsis
            and (chk.mod.is_stub or func_is_stub_like(chk, func))
        ):
            continue
        if not chk.p.relations.is_subtype(t, declared):
            chk.fail(d, Message(msg.incompatible_default(p.arg, t, declared), codes.ASSIGNMENT))


def func_is_stub_like(chk: Evaluator, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return True


stmt_AsyncFunctionDef = stmt_FunctionDef
