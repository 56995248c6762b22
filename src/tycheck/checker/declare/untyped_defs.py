"""``--disallow-untyped-defs`` and ``--disallow-incomplete-defs``: functions missing annotations.

A function with no annotation at all (and no type comment) is "untyped"; one with some
annotations is "incomplete" when a parameter or the return type lacks one. The first parameter
of a method (``self``/``cls``) is typed implicitly, and so is the return of ``__init__`` and
``__init_subclass__`` once anything in their signature is annotated. Typeshed stubs are never
reported.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator
    from tycheck.types.model import CallableType, Type

RETURN_TYPE_EXPECTED = "Function is missing a return type annotation"
FUNCTION_TYPE_EXPECTED = "Function is missing a type annotation"
PARAM_TYPE_EXPECTED = "Function is missing a type annotation for one or more parameters"
USE_NONE_NOTE = 'Use "-> None" if function does not return a value'
ANY_DECORATED = "Function is untyped after decorator transformation"

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef
Report = Callable[[str, str], None]  # (severity, message), reported at the def


def _params(node: FuncNode) -> list[ast.arg]:
    a = node.args
    out = list(a.posonlyargs) + list(a.args)
    if a.vararg:
        out.append(a.vararg)
    out += list(a.kwonlyargs)
    if a.kwarg:
        out.append(a.kwarg)
    return out


def _is_static(node: FuncNode) -> bool:
    return any(
        isinstance(d, ast.Name)
        and d.id == "staticmethod"
        or isinstance(d, ast.Attribute)
        and d.attr == "staticmethod"
        for d in node.decorator_list
    )


# Dunder methods whose parameters are positional-only (mypy drops their names): all the
# operator and protocol methods except those that accept keywords (``__init__``, ``__new__``,
# ``__init_subclass__``, ``__call__``, ``__setattr__``).
_POSITIONAL_DUNDERS = frozenset(
    f"__{n}__"
    for n in (
        "abs complex contains buffer del delattr delitem enter exit float getattr getattribute "
        "getitem hex int invert iter len long neg oct pos release_buffer repr reversed setitem "
        "str add and divmod eq floordiv ge gt iadd iand idiv ifloordiv ilshift imatmul imod imul "
        "ior ipow irshift isub itruediv ixor le lshift lt matmul mod mul ne or pow radd rand rdiv "
        "rfloordiv rlshift rmatmul rmod rmul ror rpow rrshift rshift rsub rtruediv rxor sub "
        "truediv xor"
    ).split()
)


def _named_self(node: FuncNode, param: ast.arg) -> bool:
    """Whether the only parameter is a ``self``/``cls`` that keeps its name: mypy forgets the
    names of positional-only parameters (before ``/``, ``__x``, those of operator dunders),
    and then calls the function untyped rather than missing only its return type."""
    positional = (
        node.name in _POSITIONAL_DUNDERS
        or param in node.args.posonlyargs
        or (param.arg.startswith("__") and not param.arg.endswith("__"))
    )
    return param.arg in ("self", "cls") and not positional


def _has_value_return(node: FuncNode) -> bool:
    # A bare ``return`` or ``return None`` does not count.
    for sub in ast.walk(node):
        if isinstance(sub, ast.Return) and sub.value is not None:
            if not (isinstance(sub.value, ast.Constant) and sub.value.value is None) and not (
                isinstance(sub.value, ast.Name) and sub.value.id == "None"
            ):
                return True
    return False


def _is_generator(node: FuncNode) -> bool:
    from tycheck.checker.declare.names import walk_body

    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in walk_body(node))


def check_missing_annotations(
    node: FuncNode,
    in_class: bool,
    disallow_untyped: bool,
    disallow_incomplete: bool,
    report: Report,
) -> None:
    """Report what the two flags ask about this function's signature."""
    if not (disallow_untyped or disallow_incomplete):
        return
    params = _params(node)
    has_comment = node.type_comment is not None
    untyped = not has_comment and node.returns is None and all(p.annotation is None for p in params)
    if untyped:
        if not disallow_untyped:
            return
        if not params or (len(params) == 1 and _named_self(node, params[0])):
            report("error", RETURN_TYPE_EXPECTED)
            if not _has_value_return(node) and not _is_generator(node):
                report("note", USE_NONE_NOTE)
        else:
            report("error", FUNCTION_TYPE_EXPECTED)
        return
    if has_comment:
        return  # a signature comment types every parameter and the return
    implicit_none = in_class and node.name in ("__init__", "__init_subclass__")
    if node.returns is None and not implicit_none:
        report("error", RETURN_TYPE_EXPECTED)
    implicit_first = (
        in_class and not _is_static(node) and bool(node.args.posonlyargs or node.args.args)
    )
    typed_params = params[1:] if implicit_first else params
    if any(p.annotation is None for p in typed_params):
        report("error", PARAM_TYPE_EXPECTED)


def check_untyped_call(
    chk: "Evaluator", e: ast.Call, callee: "CallableType", name: str | None, of_class: str | None
) -> None:
    """``--disallow-untyped-calls``: a typed context calling a function with no annotations.

    Functions whose full name is (or is inside) an ``--untyped-calls-exclude`` entry are allowed.
    """
    opts = chk.options
    if not getattr(opts, "disallow_untyped_calls", False) or not chk.checking:
        return
    fullname = ".".join(p for p in (callee.def_module, callee.from_method, callee.name) if p)
    for prefix in getattr(opts, "untyped_calls_exclude", ()) or ():
        if fullname == prefix or fullname.startswith(prefix + "."):
            return
    from tycheck.checker.core import messages as msg

    label = msg.callee_name(name, of_class) or "(unknown)"
    chk.fail(
        e, Message(f"Call to untyped function {label} in typed context", codes.NO_UNTYPED_CALL)
    )


def check_untyped_decorator(chk: "Evaluator", node: FuncNode, d: ast.expr, dtype: "Type") -> None:
    """``--disallow-untyped-decorators``: an annotated function wrapped by an untyped decorator."""
    opts = chk.options
    if not getattr(opts, "disallow_untyped_decorators", False):
        return
    from tycheck.checker.declare.names import is_annotated

    if not is_annotated(node) or not _is_untyped_decorator(chk, dtype, d):
        return
    chk.fail(
        d,
        Message(f'Untyped decorator makes function "{node.name}" untyped', codes.UNTYPED_DECORATOR),
    )


def _is_untyped_decorator(chk: "Evaluator", t: "Type", node: ast.AST) -> bool:
    from tycheck.types.model import AnyType, CallableType, Instance, Overloaded

    if isinstance(t, CallableType):
        return t.implicit
    if isinstance(t, Overloaded):
        return any(i.implicit for i in t.items)
    if isinstance(t, Instance):
        call = chk.member_access_one(t, "__call__", node, report=False)
        return (
            _is_untyped_decorator(chk, call, node)
            if isinstance(call, (CallableType, Overloaded))
            else False
        )
    # An ``Any`` decorator (an unfollowed import, say) erases the signature; an ``Any`` that
    # stands for a construct the checker does not model says nothing.
    return isinstance(t, AnyType) and (_real_any(t) or _from_real_any(chk, node))


def _real_any(t: "Type") -> bool:
    from tycheck.types.model import AnyType

    return isinstance(t, AnyType) and t.reason not in ("special", "unsupported")


def _from_real_any(chk: "Evaluator", node: ast.AST, depth: int = 0) -> bool:
    """Whether a decorator expression is reached from a name whose type is a real ``Any``
    (``pytest.mark.skipif(...)`` with ``pytest`` not followed, or a variable assigned such an
    expression): every attribute and call of an ``Any`` is ``Any`` too, in mypy as here,
    however the checker marked the steps."""
    from tycheck.semantic.symbols import VAR
    from tycheck.types.model import AnyType, ModuleType

    root = node
    while isinstance(root, (ast.Call, ast.Attribute, ast.Subscript)):
        root = root.func if isinstance(root, ast.Call) else root.value
    if not isinstance(root, ast.Name) or depth > 3:
        return False
    with chk.quiet():
        t = chk.infer(root)
    if isinstance(t, ModuleType):
        # A module that was not found (its import error ignored) stands for ``Any`` in mypy.
        return root is not node and chk.p.module(t.name) is None
    if _real_any(t):
        return root is not node
    if not isinstance(t, AnyType):
        return False
    # A variable holding such an expression (``skip_unix = pytest.mark.skipif(...)``).
    sym = chk.ev.lookup_expr(root, chk.scope)
    if sym is None or sym.kind != VAR or sym.annotation is not None or sym.value is None:
        return False
    return _from_real_any(chk, sym.value, depth + 1)


def check_any_decorated(chk: "Evaluator", node: FuncNode, decorators: list[ast.expr]) -> None:
    """``--disallow-any-decorated``: the function's decorated type is ``Any``.

    Only the sure case is reported: the outermost decorator is an untyped one (its result is
    ``Any`` whatever the function). A decorated type that merely contains ``Any`` is not.
    """
    if not getattr(chk.options, "disallow_any_decorated", False) or chk.mod.is_stub:
        return
    if not decorators:
        return
    with chk.quiet():
        outer = chk.infer(decorators[0])
    if _is_untyped_decorator(chk, outer, decorators[0]):
        chk.fail(node, Message(ANY_DECORATED, codes.MISC))
