"""``tycheckd suggest``: a draft signature for an unannotated (or partly annotated) function.

Candidates for each parameter come from its call sites (their join and their union), its
default value, and how the body uses it (the meet of the parameter types it is passed to);
a method may also take the signature of the method it overrides. Every combination (up to
``--max-guesses``) is checked against the body and the callers; the one with the fewest
errors wins, then the one with the fewest ``Any``/union/``None`` parts. The return type is
found the same way from the types of the ``return`` statements under the chosen guess.
"""

from __future__ import annotations

import ast
import itertools
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tycheck.tools.analysis_api import Analyzer, CallSite, FunctionView, ModuleView
from tycheck.tools.locations import (
    FunctionAtLine,
    FunctionByName,
    LocationError,
    parse_suggest_target,
)
from tycheck.tools.signature_refine import (
    MISSING,
    any_score_callable,
    refine_callable,
    refine_type,
    score_callable,
    suggestion_any,
)
from tycheck.tools.type_text import AnnotationFormatter
from tycheck.types.model import (
    NAMED,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Instance,
    NoneType,
    TupleType,
    Type,
    UnionType,
    strip_literal,
)


class SuggestionFailure(Exception):
    """No suggestion: ``str(err)`` is dmypy's message."""


@dataclass(frozen=True)
class SuggestOptions:
    """The flags of ``suggest``."""

    json: bool = False
    no_errors: bool = False
    no_any: bool = False
    flex_any: float | None = None
    callsites: bool = False
    use_fixme: str | None = None
    max_guesses: int | None = None


class Suggester:
    """Finds the target, its call sites, and the best signature."""

    def __init__(self, analyzer: Analyzer, options: SuggestOptions) -> None:
        self.a = analyzer
        self.o = options
        self.flex_any = 1.0 if options.no_any else options.flex_any
        self.max_guesses = options.max_guesses or 64

    # -- finding the function -----------------------------------------------------------

    def find(self, key: str) -> FunctionView:
        try:
            target = parse_suggest_target(key)
        except LocationError as err:
            raise SuggestionFailure(str(err)) from None
        if isinstance(target, FunctionAtLine):
            return self.find_at_line(target)
        return self.find_by_name(target)

    def find_by_name(self, target: FunctionByName) -> FunctionView:
        parts = target.dotted.split(".")
        for i in range(len(parts), 0, -1):
            module = self.a.module(".".join(parts[:i]))
            if module is not None:
                break
        else:
            raise SuggestionFailure(f"Cannot find module for {target.dotted}")
        components = parts[i:]
        if not components:
            raise SuggestionFailure(f"Object {target.dotted} is not a function")
        body: list[ast.stmt] = module.tree.body
        cls: str | None = None
        for j, name in enumerate(components[:-1]):
            node = _binding(body, name)
            so_far = f"{module.name}.{'.'.join(components[: j + 1])}"
            if node is None:
                raise SuggestionFailure(f"Unknown class {so_far}")
            if not isinstance(node, ast.ClassDef):
                raise SuggestionFailure(f"Object {so_far} is not a class")
            body, cls = node.body, so_far
        found = _binding(body, components[-1])
        if found is None:
            kind = "method" if len(components) > 1 else "function"
            raise SuggestionFailure(f"Unknown {kind} {target.dotted}")
        if not isinstance(found, (ast.FunctionDef, ast.AsyncFunctionDef)):
            raise SuggestionFailure(f"Object {target.dotted} is not a function")
        return self.a.function(module, found, ".".join(components), cls)

    def find_at_line(self, target: FunctionAtLine) -> FunctionView:
        module = self.a.module_by_path(target.path)
        if module is None:
            raise SuggestionFailure("Unknown module: " + _module_name_guess(target.path))
        best: tuple[int, ast.FunctionDef | ast.AsyncFunctionDef, str, str | None] | None = None
        for node, qual, cls in _definitions(module.tree.body, "", None, module.name):
            line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            if line <= target.line and (best is None or line > best[0]):
                best = (line, node, qual, cls)
        if best is None:
            raise SuggestionFailure(f"Cannot find a function at line {target.line}")
        return self.a.function(module, best[1], best[2], best[3])

    # -- call sites ------------------------------------------------------------------------

    def callsites_text(self, func: FunctionView) -> str:
        fmt = self.formatter(None)
        lines: list[str] = []
        for site in self.a.call_sites(func):
            line = f"{site.path}:{site.line}: {format_call_args(site, fmt)}"
            if line not in lines:
                lines.append(line)
        return "\n".join(lines)

    def formatter(self, module: str | None) -> AnnotationFormatter:
        return AnnotationFormatter(module, self.a.is_module, self.a.module_names, self.o.use_fixme)

    # -- the suggestion ---------------------------------------------------------------------

    def suggest(self, func: FunctionView) -> str:
        sig = self.best_signature(func)
        fmt = self.formatter(func.module.name)
        start = 1 if func.is_method else 0
        arg_types = [fmt.top(t) for t in sig.arg_types[start:]]
        ret = fmt.top(sig.ret_type)
        if not self.o.json:
            return f"({', '.join(arg_types)}) -> {ret}"
        name = func.qualname
        if func.is_classmethod or func.is_staticmethod:
            name = name.split(".", 1)[-1]
        obj = {
            "func_name": name,
            "line": func.node.lineno,
            "path": os.path.abspath(func.module.path),
            "samples": 0,
            "signature": {"arg_types": arg_types, "return_type": ret},
        }
        return json.dumps([obj], sort_keys=True)

    def starting_type(self, func: FunctionView) -> CallableType:
        sig = func.signature
        if sig.implicit:
            ret: Type = suggestion_any()
            if isinstance(sig.ret_type, Instance) and sig.ret_type.fullname == "typing.Coroutine":
                ret = replace(sig.ret_type, args=sig.ret_type.args[:2] + (ret,))  # an async def
            return replace(
                sig, arg_types=tuple(suggestion_any() for _ in sig.arg_types), ret_type=ret
            )
        marked = _mark_suggestion_anys(sig)
        params = _params(func.node)
        if len(params) != len(marked.arg_types):
            return marked
        # An annotation naming a failed import keeps that name (it is no plain Any).
        named = [
            self.missing_name(func.module, p.annotation, t) for p, t in zip(params, sig.arg_types)
        ]
        return replace(
            marked,
            arg_types=tuple(
                AnyType(MISSING + n) if n else t for n, t in zip(named, marked.arg_types)
            ),
        )

    def missing_name(self, module: ModuleView, annotation: ast.expr | None, t: Type) -> str | None:
        """``mod.Name`` when an annotation names something imported from a missing module."""
        if (
            not isinstance(t, AnyType)
            or t.reason == "explicit"
            or not isinstance(annotation, ast.Name)
        ):
            return None
        stmt = _binding(module.tree.body, annotation.id)
        if (
            isinstance(stmt, ast.ImportFrom)
            and stmt.level == 0
            and stmt.module
            and not self.a.is_module(stmt.module)
        ):
            return f"{module.name}.{annotation.id}"
        return None

    def best_signature(self, func: FunctionView) -> CallableType:
        base = self.starting_type(func)
        first = self.a.try_signature(func, base)
        if self.o.no_errors and first.errors:
            raise SuggestionFailure("Function does not typecheck.")
        sites = self.a.call_sites(func)
        uses = arg_uses(func, first.types)
        defaults = default_types(func, first.types)
        options = self.arg_options(func, base, defaults, sites, uses)
        guesses = [
            refine_callable(base, replace(base, arg_types=tuple(x)))
            for x in itertools.islice(itertools.product(*options), self.max_guesses)
        ]
        parent = self.a.parent_signature(func)
        if parent is not None:
            guesses.append(parent)
        guesses = self.filtered(guesses, func.is_method, ignore_return=True)
        best, _ = self.find_best(func, guesses)
        trial = self.a.try_signature(func, best)
        returns = return_types(func.node, trial.types)
        ret_options = self.combinations(returns) if returns else [NoneType()]
        guesses = [replace(best, ret_type=refine_type(best.ret_type, t)) for t in ret_options]
        guesses = self.filtered(guesses, func.is_method, ignore_return=False)
        best, errors = self.find_best(func, guesses)
        if self.o.no_errors and errors:
            raise SuggestionFailure("No annotation without errors")
        return best

    def arg_options(
        self,
        func: FunctionView,
        base: CallableType,
        defaults: list[Type | None],
        sites: list[CallSite],
        uses: list[list[Type]],
    ) -> list[list[Type]]:
        options: list[list[Type]] = []
        for i in range(len(base.arg_kinds)):
            if i == 0 and func.is_method:
                options.append([suggestion_any()])
                continue
            k = i - int(func.is_method)
            from_calls = [
                a.type
                for s in sites
                if k < len(s.formals)
                for a in s.formals[k]
                if not _implicit_any(a.type)
            ]
            from_uses = [t for t in uses[i] if not _implicit_any(t)]
            default = defaults[i]
            if default is not None:
                from_calls.append(default)
                if from_uses:
                    from_uses.append(default)
            if from_calls and all(isinstance(t, NoneType) for t in from_calls):
                choices: list[Type] = [UnionType((from_calls[0], AnyType("explicit")))]
            elif from_calls:
                choices = self.combinations(from_calls)
            else:
                choices = [AnyType("explicit")]
            if from_uses:
                choices.append(self.a.meet(from_uses))
            options.append(choices)
        return options

    def combinations(self, types: Sequence[Type]) -> list[Type]:
        """The join and the union of ``types`` (one of them when they agree)."""
        plain = [strip_literal(t) for t in types]
        joined, union = self.a.join(plain), self.a.union(plain)
        return [joined] if joined == union else [joined, union]

    def filtered(
        self, guesses: list[CallableType], is_method: bool, ignore_return: bool
    ) -> list[CallableType]:
        if self.flex_any is None:
            return guesses
        return [
            g for g in guesses if any_score_callable(g, is_method, ignore_return) >= self.flex_any
        ]

    def find_best(
        self, func: FunctionView, guesses: list[CallableType]
    ) -> tuple[CallableType, int]:
        if not guesses:
            raise SuggestionFailure("No guesses that match criteria!")
        errors = [self.a.try_signature(func, g).errors for g in guesses]
        index = min(range(len(guesses)), key=lambda i: (errors[i], score_callable(guesses[i])))
        return guesses[index], errors[index]


def format_call_args(site: CallSite, fmt: AnnotationFormatter) -> str:
    """``(str, arg=int, *list[str])``: the last actual mapped to each formal."""
    args: list[str] = []
    arg: str | None = None
    for actuals in site.formals:
        for actual in actuals:
            arg = fmt.fmt(actual.type)
            if actual.kind == STAR:
                arg = "*" + arg
            elif actual.kind == STAR2:
                arg = "**" + arg
            elif actual.kind == NAMED and actual.name:
                arg = f"{actual.name}={arg}"
        if arg is not None:
            args.append(arg)
    return f"({', '.join(args)})"


def _implicit_any(t: Type) -> bool:
    return isinstance(t, AnyType) and t.reason != "explicit"


def _mark_suggestion_anys(sig: CallableType) -> CallableType:
    return replace(
        sig, arg_types=tuple(_mark(t) for t in sig.arg_types), ret_type=_mark(sig.ret_type)
    )


def _mark(t: Type) -> Type:
    """Every Any inside ``t`` as one the suggestion may fill in."""
    if isinstance(t, AnyType):
        return suggestion_any()
    if isinstance(t, Instance):
        return replace(t, args=tuple(_mark(a) for a in t.args))
    if isinstance(t, UnionType):
        return UnionType(tuple(_mark(i) for i in t.items))
    if isinstance(t, TupleType):
        return replace(t, items=tuple(_mark(i) for i in t.items))
    if isinstance(t, CallableType):
        return _mark_suggestion_anys(t)
    return t


def _params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    a = node.args
    return (
        list(a.posonlyargs)
        + list(a.args)
        + ([a.vararg] if a.vararg else [])
        + list(a.kwonlyargs)
        + ([a.kwarg] if a.kwarg else [])
    )


def default_types(func: FunctionView, types: Mapping[ast.AST, Type]) -> list[Type | None]:
    """The type of each parameter's default value (None where it has none)."""
    a = func.node.args
    positional = list(a.posonlyargs) + list(a.args)
    defaults: dict[str, ast.expr] = {
        p.arg: d for p, d in zip(positional[len(positional) - len(a.defaults) :], a.defaults)
    }
    defaults.update({p.arg: d for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None})
    out: list[Type | None] = []
    for p in _params(func.node):
        d = defaults.get(p.arg)
        t = types.get(d) if d is not None else None
        out.append(strip_literal(t) if t is not None else None)
    return out


def arg_uses(func: FunctionView, types: Mapping[ast.AST, Type]) -> list[list[Type]]:
    """For each parameter, the parameter types of the calls it is passed to unchanged."""
    from tycheck.service.query_data import map_actuals

    names = [p.arg for p in _params(func.node)]
    found: dict[str, list[Type]] = {n: [] for n in names}
    for call in ast.walk(func.node):
        if not isinstance(call, ast.Call) or call is func.node:
            continue
        plain = [a for a in call.args if not isinstance(a, ast.Starred)]
        if len(plain) != len(call.args) or any(k.arg is None for k in call.keywords):
            continue
        actual_nodes: list[ast.expr] = plain + [k.value for k in call.keywords]
        if not any(isinstance(n, ast.Name) and n.id in found for n in actual_nodes):
            continue
        callee = types.get(call.func)
        if not isinstance(callee, CallableType):
            continue
        kinds = [0] * len(plain) + [NAMED] * len(call.keywords)
        keywords: list[str | None] = [None] * len(plain)
        keywords += [k.arg for k in call.keywords]
        mapping = map_actuals(kinds, keywords, list(callee.arg_kinds), list(callee.arg_names))
        for i, idxs in enumerate(mapping):
            for j in idxs:
                n = actual_nodes[j]
                if isinstance(n, ast.Name) and n.id in found:
                    found[n.id].append(callee.arg_types[i])
    return [found[n] for n in names]


def return_types(
    node: ast.FunctionDef | ast.AsyncFunctionDef, types: Mapping[ast.AST, Type]
) -> list[Type]:
    """The types of the function's own ``return`` values (nested functions left out)."""
    out: list[Type] = []

    def visit(n: ast.AST) -> None:  # depth first, in source order
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return
        if isinstance(n, ast.Return) and n.value is not None and n.value in types:
            out.append(types[n.value])
        for child in ast.iter_child_nodes(n):
            visit(child)

    for stmt in node.body:
        visit(stmt)
    return out


def _binding(body: list[ast.stmt], name: str) -> ast.stmt | None:
    """The last top-level binding of ``name`` in a body (a def, class or assignment)."""
    found: ast.stmt | None = None
    for stmt in body:
        if (
            isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and stmt.name == name
        ):
            found = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found = stmt
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            if any((al.asname or al.name.split(".")[0]) == name for al in stmt.names):
                found = stmt
        elif isinstance(stmt, ast.If):
            inner = _binding(stmt.body, name) or _binding(stmt.orelse, name)
            found = inner or found
    return found


def _definitions(body: list[ast.stmt], prefix: str, cls: str | None, module: str):  # type: ignore[no-untyped-def]
    """Every function and method of a module (not nested in functions), with qualnames."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield stmt, prefix + stmt.name, cls
        elif isinstance(stmt, ast.ClassDef):
            yield from _definitions(
                stmt.body, prefix + stmt.name + ".", f"{module}.{prefix}{stmt.name}", module
            )
        elif isinstance(stmt, ast.If):
            yield from _definitions(stmt.body + stmt.orelse, prefix, cls, module)


def _module_name_guess(path: str) -> str:
    base = os.path.splitext(os.path.normpath(path))[0]
    return base.replace(os.sep, ".")


def answer_suggest(analyzer: Analyzer, function: str, options: SuggestOptions) -> dict[str, object]:
    """Entry point for the daemon: ``out`` on success, ``error`` for a failure."""
    engine = Suggester(analyzer, options)
    try:
        func = engine.find(function)
        out = engine.callsites_text(func) if options.callsites else engine.suggest(func)
    except SuggestionFailure as err:
        return {"error": str(err)}
    if not out:
        out = "No suggestions"
    return {"out": out + "\n", "err": "", "status": 0}
