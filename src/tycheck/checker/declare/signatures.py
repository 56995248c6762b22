"""Signatures of defs: parameters and return types from annotations or type comments.

A part of the declared-types evaluator (``typeeval.TypeEvaluator`` inherits it): the scope a
def's annotations are read in (its type variables, ``Self``), the callable type built from
them, and the return type a ``TypeGuard``/``TypeIs`` narrows to.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from tycheck.checker.declare.names import (
    TypeScope,
    _is_generator,
    is_annotated,
    parse_type_string,
    signature_annotations,
    special_name,
)
from tycheck.checker.declare import type_params
from tycheck.checker.declare.typevars import _bind_return_callable_tvars
from tycheck.checker.core.program import Program, SourceModule
from tycheck.semantic.node_index import IdentityCache, walk
from tycheck.semantic.symbols import VAR
from tycheck.types.model import (
    any_args_callable,
    NAMED,
    NAMED_OPT,
    OPT,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Type,
    TypeType,
    TypeVarType,
)


class Signatures:
    """The signature half of ``TypeEvaluator``; the annotation half is its own methods."""

    p: Program

    def function_scope(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        outer: TypeScope | None = None,
    ) -> TypeScope:
        classes = (
            (self.enclosing_classes(mod, class_fullname) + (class_fullname,))
            if class_fullname
            else ()
        )
        tvs: dict[str, TypeVarType] = dict(outer.typevars) if outer else {}
        self_type = None
        if class_fullname:
            info = self.p.class_info(class_fullname)
            if info:
                for tv in info.type_vars:
                    tvs.setdefault(tv.fullname, tv)
            self_type = self.self_instance(class_fullname)
            lookup_scope = TypeScope(
                mod, classes, tvs, outer.local_lookup if outer else None, self_type
            )
            if not (info is not None and info.is_final) and self._uses_self_type(
                node, lookup_scope
            ):
                # ``Self`` in a method's signature is a type variable bounded by the class,
                # bound to the receiver on access (mypy's ``Self`0``).
                self_type = TypeVarType("Self", f"{class_fullname}.Self", 0, self_type)
        scope = TypeScope(mod, classes, tvs, outer.local_lookup if outer else None, self_type)
        type_params.bind_function_params(self, mod.name, node, class_fullname, scope)  # PEP 695
        # Type variables this signature introduces, numbered -1, -2... in order of appearance.
        # Numbering continues after the enclosing function's own variables.
        n = max((-tv.id for tv in tvs.values() if tv.id < 0), default=0)
        for in_string, name_node in _signature_names(node).refs:
            if in_string:
                sym = self.lookup(name_node.id, scope)  # type: ignore[attr-defined]
            else:
                sym = self.lookup_expr(name_node, scope)
            if sym is not None and sym.kind == VAR:
                tmpl = self.typevar_template(sym)
                if tmpl is not None and tmpl.fullname not in tvs:
                    n += 1
                    tvs[tmpl.fullname] = replace(tmpl, id=-n)
        return scope

    def _uses_self_type(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: TypeScope
    ) -> bool:
        """Whether a method's signature spells ``typing.Self`` (and can take it as a type variable).

        Static methods and an explicitly annotated first parameter keep the plain class
        (mypy reports those uses; degrading is the conservative choice)."""
        params = list(node.args.posonlyargs) + list(node.args.args)
        if not params or params[0].annotation is not None or params[0].type_comment:
            return False
        if any(
            self._decorator_name(d, scope) == "builtins.staticmethod" for d in node.decorator_list
        ):
            return False
        for n in _signature_names(node).self_refs:
            sym = self.lookup_expr(n, scope)
            if sym is not None and special_name(sym.fullname) == "Self":
                return True
        return False

    def signature(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        outer: TypeScope | None = None,
    ) -> CallableType:
        key = (mod.name, id(node))

        def compute() -> CallableType:
            return self._signature(mod, node, class_fullname, outer)

        return self.p.memo("sig", key, compute, on_cycle=None) or _any_callable(node.name)

    def _signature(
        self,
        mod: SourceModule,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        class_fullname: str | None,
        outer: TypeScope | None,
    ) -> CallableType:
        scope = self.function_scope(mod, node, class_fullname, outer)
        a = node.args
        is_static = any(
            self._decorator_name(d, scope) in ("builtins.staticmethod",)
            for d in node.decorator_list
        )
        is_class = any(
            self._decorator_name(d, scope) in ("builtins.classmethod",) for d in node.decorator_list
        ) or node.name in ("__new__", "__init_subclass__", "__class_getitem__")
        comment_types = self._type_comment_sig(node, scope)
        annotated = is_annotated(node) or comment_types is not None
        types: list[Type] = []
        kinds: list[int] = []
        names: list[str | None] = []
        params = list(a.posonlyargs) + list(a.args)
        n_defaults = len(a.defaults)
        first_default = len(params) - n_defaults
        for i, p in enumerate(params):
            kinds.append(OPT if i >= first_default else POS)
            names.append(
                None
                if i < len(a.posonlyargs) or (p.arg.startswith("__") and not p.arg.endswith("__"))
                else p.arg
            )
            types.append(
                self._param_type(p, i, scope, class_fullname, is_static, is_class, annotated)
            )
        if a.vararg is not None:
            kinds.append(STAR)
            names.append(a.vararg.arg)
            types.append(self._param_type(a.vararg, -1, scope, None, True, False, annotated))
        for p, d in zip(a.kwonlyargs, a.kw_defaults):
            kinds.append(NAMED_OPT if d is not None else NAMED)
            names.append(p.arg)
            types.append(self._param_type(p, -1, scope, None, True, False, annotated))
        if a.kwarg is not None:
            kinds.append(STAR2)
            names.append(a.kwarg.arg)
            types.append(self._param_type(a.kwarg, -1, scope, None, True, False, annotated))
        if comment_types is not None:
            arg_ts, ret_t = comment_types
            offset = len(types) - len(arg_ts)
            if offset in (0, 1) and arg_ts:
                types = types[:offset] + arg_ts
            ret = ret_t
        elif node.returns is not None:
            ret = self.analyze(node.returns, scope)
        elif node.name in ("__init__", "__init_subclass__") and annotated:
            ret = NoneType()
        else:
            ret = AnyType("unannotated")
        if isinstance(node, ast.AsyncFunctionDef) and (annotated or True):
            if not _is_generator(node):
                ret = Instance("typing.Coroutine", (AnyType("special"), AnyType("special"), ret))
        # An enclosing function's type variables are fixed here, not this signature's own.
        inherited = outer.typevars if outer is not None else {}
        variables = tuple(
            sorted(
                (tv for k, tv in scope.typevars.items() if tv.id < 0 and k not in inherited),
                key=lambda tv: -tv.id,
            )
        )
        if (
            isinstance(scope.self_type, TypeVarType)
            and class_fullname
            and (outer is None or outer.self_type != scope.self_type)
        ):
            variables = (scope.self_type,) + variables
        ret, variables = _bind_return_callable_tvars(ret, types, variables)
        guard = self.return_guard(node.returns, scope) if comment_types is None else None
        display = node.name
        if class_fullname:
            display = node.name
        return CallableType(
            tuple(types),
            tuple(kinds),
            tuple(names),
            ret,
            name=display,
            variables=variables,
            implicit=not annotated,
            from_method=class_fullname.rsplit(".", 1)[-1] if class_fullname else None,
            def_module=mod.name,
            type_guard=guard[1] if guard is not None and guard[0] == "TypeGuard" else None,
            type_is=guard[1] if guard is not None and guard[0] == "TypeIs" else None,
        )

    def return_guard(self, e: ast.expr | None, scope: TypeScope) -> tuple[str, Type] | None:
        """``("TypeGuard", X)`` / ``("TypeIs", X)`` when a return annotation is ``TypeGuard[X]``
        or ``TypeIs[X]`` (the return type itself is ``bool``); else None."""
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            e = parse_type_string(e.value, getattr(e, "lineno", 1))
        if not isinstance(e, ast.Subscript) or isinstance(e.slice, ast.Tuple):
            return None
        sym = self.lookup_expr(e.value, scope)
        special = special_name(sym.fullname) if sym is not None else None
        if special not in ("TypeGuard", "TypeIs"):
            return None
        return special, self.analyze(e.slice, scope)

    def _type_comment_sig(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: TypeScope
    ) -> tuple[list[Type], Type] | None:
        tc = node.type_comment
        if not tc:
            return None
        try:
            ft = ast.parse(tc, mode="func_type")
        except SyntaxError:
            return None
        args = [self.analyze(x, scope) for x in ft.argtypes]  # type: ignore[attr-defined]
        return args, self.analyze(ft.returns, scope)  # type: ignore[attr-defined]

    def _param_type(
        self,
        p: ast.arg,
        index: int,
        scope: TypeScope,
        class_fullname: str | None,
        is_static: bool,
        is_class: bool,
        annotated: bool,
    ) -> Type:
        if p.annotation is not None:
            return self.analyze(p.annotation, scope)
        if p.type_comment:
            return self.analyze_string(p.type_comment, scope)
        if index == 0 and class_fullname and not is_static:
            if isinstance(scope.self_type, TypeVarType):
                return TypeType(scope.self_type) if is_class else scope.self_type
            inst = self.self_instance(class_fullname)
            if is_class:
                return TypeType(inst)
            info = self.p.class_info(class_fullname)
            if info is not None and info.tuple_base is not None and not info.type_vars:
                # ``self`` in a named tuple's method is the tuple (unpacking, indexing).
                return info.tuple_base
            return inst
        return AnyType("unannotated")


def _any_callable(name: str) -> CallableType:
    return any_args_callable(AnyType("special"), name=name)


@dataclass(frozen=True)
class _Names:
    """The names a def's signature spells, found in one walk of its annotations.

    ``refs``: in walk order, each ``Name``/``Attribute`` of the annotations (``False``, looked
    up as an expression) and, at the place of a string annotation, the ``Name`` nodes of its
    parse (``True``, looked up by name): where the signature's type variables come from.
    ``self_refs``: the names ``Self`` (also as ``x.Self``), those of each annotation first,
    then those of its string parts."""

    refs: tuple[tuple[bool, ast.expr], ...]
    self_refs: tuple[ast.expr, ...]


_NAMES: IdentityCache[_Names] = IdentityCache(16384)  # a def is asked about in several phases


def _signature_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> _Names:
    return _NAMES.get(node, lambda: _collect_names(node))


def _collect_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> _Names:
    refs: list[tuple[bool, ast.expr]] = []
    self_refs: list[ast.expr] = []
    for ann in signature_annotations(node):
        parsed_roots: list[ast.AST] = []
        for n in walk(ann):
            if isinstance(n, (ast.Name, ast.Attribute)):
                refs.append((False, n))
                if _is_self(n):
                    self_refs.append(n)
            elif isinstance(n, ast.Constant) and isinstance(n.value, str):
                parsed = parse_type_string(n.value, 1)  # cached: shared with other readers
                if parsed is None:
                    continue
                parsed_roots.append(parsed)
                refs.extend((True, nn) for nn in walk(parsed) if isinstance(nn, ast.Name))
        for root in parsed_roots:
            self_refs.extend(
                nn
                for nn in walk(root)
                if isinstance(nn, (ast.Name, ast.Attribute)) and _is_self(nn)
            )
    return _Names(tuple(refs), tuple(self_refs))


def _is_self(n: ast.Name | ast.Attribute) -> bool:
    return (n.id if isinstance(n, ast.Name) else n.attr) == "Self"
