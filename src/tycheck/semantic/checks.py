"""Errors that mypy's semantic analyzer reports before type checking.

The walk replays how mypy fills its symbol tables, scope by scope (module, class bodies,
function bodies), to find names bound twice in an incompatible way ("Name "f" already defined
on line N" [no-redef]), attributes of ``self`` declared twice, and statements in the wrong
place ('"break" outside loop', '"return" outside function', '"yield" outside function').

Like mypy, ordinary semantic errors are not reported inside unannotated functions (unless
--check-untyped-defs), while the blocking ones always are. Function bodies are walked after
the scope that contains them, as mypy defers them, so a method sees every name of its class.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable

from tycheck.semantic.definition_checks import (
    DefinitionChecks,
    DEFINITIONS,
    DefinitionMemo,
    Emitted,
    self_contained,
)
from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.symbols import resolve_relative, target_names
from tycheck.semantic.except_star import except_star_jumps
from tycheck.semantic.syntax_versions import newer_syntax
from tycheck.semantic.type_param_checks import type_param_problems
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

# Kinds of bindings.
VAR = "var"
FUNC = "func"  # a single def, decorated or not
GROUP = "group"  # overloads or a property with its setter: several defs, one symbol
CLASS = "class"
MODULE = "module"  # a module object bound by an import
IMPORTED = "imported"  # a name imported from another module
UNRESOLVED = "unresolved"  # an import that could not be followed
ALIAS = "alias"  # ``type X = ...``
OVERLOAD = "overload"  # a function with @overload items (maybe spread over if-statements)

Emit = Callable[[int, int, str, "str | None", bool], None]
ModuleExists = Callable[[str], bool]
ImportedKind = Callable[[str, str], "str | None"]


@dataclass
class Binding:
    """What a name is bound to in one scope, as far as redefinition rules care."""

    kind: str
    line: int = -1
    local: bool = True  # defined in this module, so its line is worth citing
    explicit: bool = False  # a variable declared with a type
    key: object = None  # identity of an imported symbol
    name: str = ""
    final: bool = False  # declared with Final


@dataclass
class Scope:
    """One symbol table: a module, a class body or a function body."""

    kind: str  # "module", "class", "function"
    names: dict[str, Binding] = field(default_factory=dict)
    checked: bool = True  # errors are reported (not inside an unannotated function)
    outer_names: set[str] = field(default_factory=set)  # global / nonlocal declarations
    class_has_bases: bool = False
    parent: "Scope | None" = None


def already_defined(noun: str, name: str, old: Binding) -> str:
    """mypy's wording, citing the first definition when it is in this module."""
    if old.kind == MODULE:
        extra = " (by an import)"
    elif old.line > 0 and old.local and old.kind != UNRESOLVED:
        extra = f" on line {old.line}"
    else:
        extra = " (possibly by an import)"
    return f'{noun} "{name}" already defined{extra}'


def _def_position(node: ast.AST) -> tuple[int, int]:
    """Where mypy places a definition: a decorated function at its first decorator."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
        d = node.decorator_list[0]
        return d.lineno, d.col_offset
    return getattr(node, "lineno", 1), getattr(node, "col_offset", 0)


def _is_final_annotation(ann: ast.expr) -> bool:
    head = ann.value if isinstance(ann, ast.Subscript) else ann
    if isinstance(head, ast.Attribute):
        return head.attr == "Final"
    return isinstance(head, ast.Name) and head.id == "Final"


def _is_bare_final(ann: ast.expr) -> bool:
    return _is_final_annotation(ann) and not isinstance(ann, ast.Subscript)


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    out = []
    for d in node.decorator_list:
        e = d.func if isinstance(d, ast.Call) else d
        out.append(
            e.attr if isinstance(e, ast.Attribute) else e.id if isinstance(e, ast.Name) else ""
        )
    return out


class SemanticChecker:
    """Walks one module the way mypy's semantic analyzer binds names."""

    def __init__(
        self,
        module: str,
        is_package: bool,
        reach: ReachOptions,
        emit: Emit,
        module_exists: ModuleExists,
        imported_kind: ImportedKind,
        star_names: "Callable[[str], list[str]]" = lambda base: [],
        *,
        check_untyped_defs: bool = False,
        allow_redefinition: bool = False,
        definition_memo: DefinitionMemo | None = None,
    ) -> None:
        self.module = module
        self.is_package = is_package
        self.reach = reach
        self.emit = emit
        self.module_exists = module_exists
        self.imported_kind = imported_kind
        self.star_names = star_names
        self.check_untyped_defs = check_untyped_defs
        self.allow_redefinition = allow_redefinition
        self.deferred: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, Scope | None]] = []
        self.module_scope = Scope("module")
        self.definition_memo = definition_memo
        # Module-level definitions whose errors come from the memo, by id() of their node.
        self.memoized: dict[int, DefinitionChecks] = {}
        self.replayed: list[Emitted] = []  # their deferred errors, emitted after the walk

    # -- entry -------------------------------------------------------------------------

    def run(self, tree: ast.Module) -> None:
        rest = []
        for stmt in tree.body:
            found = None
            if self.definition_memo is not None and isinstance(stmt, DEFINITIONS):
                found = self.definition_memo(stmt)
            if found is None:
                rest.append(stmt)
            else:
                self.memoized[id(stmt)] = found
        early = self.early_problems(ast.Module(body=rest, type_ignores=[]))
        for found in self.memoized.values():
            early.extend(found.early)
        # Each pass in source order, as one pass over the whole tree reports them.
        early.sort(key=lambda p: (p[0], p[1][0], p[1][1]))
        for _, emitted in early:
            self.emit(*emitted)
        self.walk_scope(tree.body, self.module_scope)
        for emitted in self.replayed:
            self.emit(*emitted)
        self.walk_deferred()

    def early_problems(self, tree: ast.Module) -> list[tuple[int, Emitted]]:
        """The syntax passes over ``tree``: newer syntax, except* jumps, type parameters."""
        out: list[tuple[int, Emitted]] = [
            (0, (line, col, text, codes.SYNTAX.name, False))  # newer than the target version
            for line, col, text in newer_syntax(tree, self.reach.python_version)
        ]
        for kind, found in enumerate((except_star_jumps(tree), type_param_problems(tree)), 1):
            out.extend(
                (kind, (line, col, text, codes.MISC.name, False)) for line, col, text in found
            )
        return out

    def walk_deferred(self) -> None:
        # Function bodies come after the module's top level (mypy defers them).
        while self.deferred:
            batch, self.deferred = self.deferred, []
            for func, enclosing, cls in batch:
                self.walk_function(func, enclosing, cls)

    def check_definition(self, stmt: ast.stmt) -> DefinitionChecks | None:
        """The errors of module-level definition ``stmt`` as ``run`` on its whole module
        emits them; None when they depend on the rest of the module (``self_contained``)."""
        if not self_contained(stmt):
            return None
        early = self.early_problems(ast.Module(body=[stmt], type_ignores=[]))
        saved = self.emit
        inline: list[Emitted] = []
        deferred: list[Emitted] = []
        try:
            self.emit = lambda *e: inline.append(e)  # type: ignore[assignment,arg-type]
            if isinstance(stmt, ast.ClassDef):
                body_scope = self.class_scope(stmt, self.module_scope)
                self.walk_block(stmt.body, body_scope, depth=0, loops=0, cls=body_scope)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if "no_type_check" not in _decorator_names(stmt):
                    self.deferred.append((stmt, self.module_scope, None))
            self.emit = lambda *e: deferred.append(e)  # type: ignore[assignment,arg-type]
            self.walk_deferred()
        finally:
            self.emit = saved
        return DefinitionChecks(tuple(early), tuple(inline), tuple(deferred))

    # -- reporting -----------------------------------------------------------------------

    def fail(self, scope: Scope, line: int, col: int, message: Message) -> None:
        if scope.checked:
            self.emit(line, col, message.text, message.code_name, False)

    def blocker(self, line: int, col: int, message: str) -> None:
        self.emit(line, col, message, None, True)

    # -- scopes --------------------------------------------------------------------------

    def walk_scope(self, body: list[ast.stmt], scope: Scope, cls: Scope | None = None) -> None:
        self.walk_block(body, scope, depth=0, loops=0, cls=cls)

    def walk_function(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, enclosing: Scope, cls: Scope | None
    ) -> None:
        # mypy drops ordinary semantic errors inside unannotated functions.
        scope = Scope(
            "function", checked=_annotated(func) or self.check_untyped_defs, parent=enclosing
        )
        a = func.args
        for p in (
            list(a.posonlyargs)
            + list(a.args)
            + ([a.vararg] if a.vararg else [])
            + list(a.kwonlyargs)
            + ([a.kwarg] if a.kwarg else [])
        ):
            scope.names[p.arg] = Binding(
                VAR, p.lineno, explicit=p.annotation is not None, name=p.arg
            )
        self_name = None
        if cls is not None and "staticmethod" not in _decorator_names(func):
            params = list(a.posonlyargs) + list(a.args)
            self_name = params[0].arg if params else None
        self.walk_block(
            func.body, scope, depth=0, loops=0, cls=None, self_name=self_name, method_class=cls
        )

    # -- statements ----------------------------------------------------------------------

    def walk_block(
        self,
        body: list[ast.stmt],
        scope: Scope,
        depth: int,
        loops: int,
        cls: Scope | None,
        self_name: str | None = None,
        method_class: Scope | None = None,
    ) -> None:
        i = 0
        while i < len(body):
            stmt = body[i]
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                j = i + 1
                # A decorated def starts a group (overloads, a property and its setter) that
                # takes the following defs of the same name: one symbol, no redefinition.
                if stmt.decorator_list and stmt.name != "_":
                    while (
                        j < len(body)
                        and isinstance(body[j], (ast.FunctionDef, ast.AsyncFunctionDef))
                        and body[j].name == stmt.name
                    ):  # type: ignore[attr-defined]
                        j += 1
                group = body[i:j]
                if any("overload" in _decorator_names(f) for f in group):  # type: ignore[arg-type]
                    # Overloads may continue in if-statements that mypy merges into one
                    # definition; their redefinitions are left to the overload checks.
                    scope.names.setdefault(stmt.name, Binding(OVERLOAD, name=stmt.name))
                    if scope.names[stmt.name].kind != OVERLOAD:
                        self.bind_def(stmt, True, scope, depth)
                else:
                    self.bind_def(stmt, len(group) > 1, scope, depth)
                for f in group:
                    if "no_type_check" in _decorator_names(f):  # type: ignore[arg-type]
                        continue  # mypy does not analyze its body
                    memoized = self.memoized.get(id(f))
                    if memoized is not None:
                        self.replayed.extend(memoized.deferred)
                        continue
                    self.deferred.append((f, scope, scope if scope.kind == "class" else None))  # type: ignore[arg-type]
                i = j
                continue
            self.walk_stmt(stmt, scope, depth, loops, cls, self_name, method_class)
            i += 1

    def walk_stmt(
        self,
        stmt: ast.stmt,
        scope: Scope,
        depth: int,
        loops: int,
        cls: Scope | None,
        self_name: str | None,
        method_class: Scope | None,
    ) -> None:
        nested = (scope, depth + 1, loops, cls, self_name, method_class)
        if isinstance(stmt, ast.ClassDef):
            self.bind(
                scope,
                stmt.name,
                Binding(CLASS, stmt.lineno, name=stmt.name),
                stmt.lineno,
                stmt.col_offset,
                new_kind=CLASS,
                conditional=depth > 0,
            )
            memoized = self.memoized.get(id(stmt))
            if memoized is not None:
                for emitted in memoized.inline:
                    self.emit(*emitted)
                self.replayed.extend(memoized.deferred)
            else:
                body_scope = self.class_scope(stmt, scope)
                self.walk_block(stmt.body, body_scope, depth=0, loops=0, cls=body_scope)
            self.check_exprs(
                stmt.bases + [k.value for k in stmt.keywords] + stmt.decorator_list, scope
            )
        elif isinstance(stmt, ast.Assign):
            self.check_exprs([stmt.value], scope)
            explicit = stmt.type_comment is not None
            if self.identity_assignment(stmt, scope):
                return
            for t in stmt.targets:
                self.check_final_reassign(t, stmt, scope)
            for t in stmt.targets:
                self.bind_target(t, scope, explicit, stmt, self_name, method_class)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.check_exprs([stmt.value], scope)
            self.bind_annotated(stmt, scope, self_name, method_class)
        elif isinstance(stmt, ast.AugAssign):
            self.check_exprs([stmt.value], scope)
            self.check_final_reassign(stmt.target, stmt, scope)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            self.check_exprs([stmt.iter], scope)
            self.bind_target(
                stmt.target, scope, stmt.type_comment is not None, stmt, self_name, method_class
            )
            self.walk_block(stmt.body, scope, depth + 1, loops + 1, cls, self_name, method_class)
            self.walk_block(stmt.orelse, *nested)
        elif isinstance(stmt, ast.While):
            self.check_exprs([stmt.test], scope)
            self.walk_block(stmt.body, scope, depth + 1, loops + 1, cls, self_name, method_class)
            self.walk_block(stmt.orelse, *nested)
        elif isinstance(stmt, ast.If):
            self.check_exprs([stmt.test], scope)
            if_ok, else_ok = branch_bodies(stmt, self.reach)
            if if_ok:
                self.walk_block(stmt.body, *nested)
            if else_ok:
                self.walk_block(stmt.orelse, *nested)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.check_exprs([item.context_expr], scope)
                if item.optional_vars is not None:
                    self.bind_target(
                        item.optional_vars, scope, False, stmt, self_name, method_class
                    )
            self.walk_block(stmt.body, *nested)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            self.walk_block(stmt.body, *nested)  # type: ignore[attr-defined]
            for h in stmt.handlers:  # type: ignore[attr-defined]
                if h.name:
                    self.bind(
                        scope,
                        h.name,
                        Binding(VAR, h.lineno, name=h.name),
                        h.lineno,
                        h.col_offset,
                        new_kind=VAR,
                        conditional=True,
                    )
                self.walk_block(h.body, *nested)
            self.walk_block(stmt.orelse, *nested)  # type: ignore[attr-defined]
            self.walk_block(stmt.finalbody, *nested)  # type: ignore[attr-defined]
        elif isinstance(stmt, ast.Match):
            self.check_exprs([stmt.subject], scope)
            for case in stmt.cases:
                self.walk_block(case.body, *nested)
        elif isinstance(stmt, ast.Import):
            self.bind_import(stmt, scope, depth)
        elif isinstance(stmt, ast.ImportFrom):
            self.bind_import_from(stmt, scope, depth)
        elif isinstance(stmt, (ast.Global, ast.Nonlocal)):
            scope.outer_names.update(stmt.names)
        elif isinstance(stmt, (ast.Break, ast.Continue)):
            if loops == 0:
                word = "break" if isinstance(stmt, ast.Break) else "continue"
                self.blocker(stmt.lineno, stmt.col_offset, f'"{word}" outside loop')
        elif isinstance(stmt, ast.Return):
            if scope.kind != "function":
                self.fail(scope, stmt.lineno, stmt.col_offset, em.RETURN_OUTSIDE_FUNCTION)
            if stmt.value is not None:
                self.check_exprs([stmt.value], scope)
        elif isinstance(stmt, ast.Expr):
            self.check_exprs([stmt.value], scope)
        elif hasattr(ast, "TypeAlias") and isinstance(stmt, getattr(ast, "TypeAlias")):
            name = stmt.name.id  # type: ignore[attr-defined]
            self.bind(
                scope,
                name,
                Binding(ALIAS, stmt.lineno, name=name),
                stmt.lineno,
                stmt.col_offset,
                new_kind=ALIAS,
                conditional=depth > 0,
            )

    def class_scope(self, stmt: ast.ClassDef, scope: Scope) -> Scope:
        """The scope of class ``stmt``'s body, inside ``scope``."""
        return Scope(
            "class",
            checked=scope.checked,
            parent=scope,
            class_has_bases=any(
                not (isinstance(b, ast.Name) and b.id == "object") for b in stmt.bases
            )
            or bool(stmt.keywords),
        )

    def check_final_reassign(self, t: ast.expr, stmt: ast.stmt, scope: Scope) -> None:
        """A module or local name declared ``Final`` is assigned again."""
        if scope.kind == "class" or not isinstance(t, ast.Name):
            return
        old = scope.names.get(t.id)
        if t.id in scope.outer_names:
            # ``global X`` / ``nonlocal X``: the binding assigned is the enclosing one.
            outer = scope.parent
            while outer is not None and (outer.kind == "class" or t.id not in outer.names):
                outer = outer.parent
            old = outer.names.get(t.id) if outer is not None else None
        if old is not None and old.final:
            # mypy's checker reports it, in unchecked functions too.
            text = f'Cannot assign to final name "{t.id}"'
            self.emit(stmt.lineno, stmt.col_offset, text, codes.MISC.name, False)

    def identity_assignment(self, stmt: ast.Assign, scope: Scope) -> bool:
        """``X = X`` for a name not yet bound here: mypy binds nothing (or the builtin)."""
        if not (
            len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Name)
        ):
            return False
        name = stmt.targets[0].id
        if name != stmt.value.id or name in scope.names or stmt.type_comment is not None:
            return False
        if self.imported_kind("builtins", name) is not None:
            scope.names[name] = Binding(UNRESOLVED, -1, local=False, name=name)
        return True

    # -- expressions: only yield placement ---------------------------------------------------

    def check_exprs(self, exprs: list[ast.expr], scope: Scope) -> None:
        if scope.kind == "function":
            return
        for e in exprs:
            self._check_yield(e, in_comprehension=False)

    def _check_yield(self, e: ast.AST, in_comprehension: bool) -> None:
        if isinstance(e, ast.Lambda):
            return  # a function scope of its own
        if isinstance(e, (ast.Yield, ast.YieldFrom)):
            word = "yield" if isinstance(e, ast.Yield) else "yield from"
            where = (
                "inside comprehension or generator expression"
                if in_comprehension
                else "outside function"
            )
            self.blocker(e.lineno, e.col_offset, f'"{word}" {where}')
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            # The first iterable is evaluated outside the comprehension's scope.
            gens = e.generators
            self._check_yield(gens[0].iter, in_comprehension)
            rest: list[ast.AST] = [g.iter for g in gens[1:]] + [c for g in gens for c in g.ifs]
            rest += [e.key, e.value] if isinstance(e, ast.DictComp) else [e.elt]
            for sub in rest:
                self._check_yield(sub, True)
            return
        for child in ast.iter_child_nodes(e):
            self._check_yield(child, in_comprehension)

    # -- bindings ------------------------------------------------------------------------

    def bind_def(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, is_group: bool, scope: Scope, depth: int
    ) -> None:
        line, col = _def_position(node)
        kind = GROUP if is_group else FUNC
        self.bind(
            scope,
            node.name,
            Binding(kind, line, name=node.name),
            line,
            col,
            new_kind=kind,
            conditional=depth > 0,
        )

    def bind(
        self,
        scope: Scope,
        name: str,
        new: Binding,
        line: int,
        col: int,
        *,
        new_kind: str,
        conditional: bool,
        explicit: bool = False,
    ) -> None:
        old = scope.names.get(name)
        if old is None:
            scope.names[name] = new
            return
        if old.kind == OVERLOAD and new_kind in (FUNC, GROUP):
            return
        if new_kind == VAR:
            if explicit and not (self.allow_redefinition and old.kind == VAR):
                self.fail(
                    scope, line, col, Message(already_defined("Name", name, old), codes.NO_REDEF)
                )
            return
        if new_kind == FUNC:
            if name == "_" and old.kind in (FUNC, GROUP):
                return
            if conditional and old.kind in (FUNC, GROUP, VAR, IMPORTED, UNRESOLVED):
                # A conditional variant of a function or a variable (mypy checks the
                # signatures match instead); a conditional overload item merges into its
                # group.
                return
        self.fail(scope, line, col, Message(already_defined("Name", name, old), codes.NO_REDEF))

    def bind_target(
        self,
        t: ast.expr,
        scope: Scope,
        explicit: bool,
        stmt: ast.stmt,
        self_name: str | None,
        method_class: Scope | None,
    ) -> None:
        if isinstance(t, ast.Name):
            self.bind_name(t, scope, explicit, False)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for elt in t.elts:
                self.bind_target(elt, scope, explicit, stmt, self_name, method_class)
        elif isinstance(t, ast.Starred):
            self.bind_target(t.value, scope, explicit, stmt, self_name, method_class)
        elif (
            isinstance(t, ast.Attribute)
            and self_name
            and method_class is not None
            and isinstance(t.value, ast.Name)
            and t.value.id == self_name
        ):
            self.bind_attribute(t, scope, method_class, explicit)

    def bind_name(self, t: ast.Name, scope: Scope, explicit: bool, is_final: bool) -> None:
        name = t.id
        if name in scope.outer_names:
            if explicit:
                outer = None
                parent = scope.parent
                while parent is not None and outer is None:
                    if parent.kind != "class":
                        outer = parent.names.get(name)
                    parent = parent.parent
                self.fail(
                    scope,
                    t.lineno,
                    t.col_offset,
                    Message(
                        already_defined("Name", name, outer or Binding(UNRESOLVED)), codes.NO_REDEF
                    ),
                )
            return
        if is_final and name in scope.names:
            self.fail(scope, t.lineno, t.col_offset, em.CANNOT_REDEFINE_AN_EXISTING_NAME_AS)
        self.bind(
            scope,
            name,
            Binding(VAR, t.lineno, explicit=explicit, name=name, final=is_final),
            t.lineno,
            t.col_offset,
            new_kind=VAR,
            conditional=False,
            explicit=explicit,
        )

    def bind_annotated(
        self, stmt: ast.AnnAssign, scope: Scope, self_name: str | None, method_class: Scope | None
    ) -> None:
        t = stmt.target
        final = _is_final_annotation(stmt.annotation)
        # A bare ``Final`` leaves the type to inference: not an explicit declaration.
        explicit = not _is_bare_final(stmt.annotation)
        if isinstance(t, ast.Name):
            self.bind_name(t, scope, explicit, final)
        elif (
            isinstance(t, ast.Attribute)
            and self_name
            and method_class is not None
            and isinstance(t.value, ast.Name)
            and t.value.id == self_name
        ):
            if final and t.attr in method_class.names:
                self.fail(scope, t.lineno, t.col_offset, em.CANNOT_REDEFINE_AN_EXISTING_NAME_AS)
            self.bind_attribute(t, scope, method_class, explicit, declares=explicit or final)

    def bind_attribute(
        self, t: ast.Attribute, scope: Scope, cls: Scope, explicit: bool, declares: bool = False
    ) -> None:
        old = cls.names.get(t.attr)
        if old is not None:
            if explicit and old.kind == VAR and not old.explicit:
                self.fail(
                    scope,
                    t.lineno,
                    t.col_offset,
                    Message(already_defined("Attribute", t.attr, old), codes.NO_REDEF),
                )
            return
        if explicit or declares or not cls.class_has_bases:
            # An inferred attribute of a subclass may belong to a base: only classes without
            # bases are sure to define it here.
            cls.names[t.attr] = Binding(VAR, t.lineno, explicit=False, name=t.attr)

    def bind_import(self, stmt: ast.Import, scope: Scope, depth: int) -> None:
        for alias in stmt.names:
            local = alias.asname or alias.name.split(".")[0]
            target = alias.name if alias.asname else alias.name.split(".")[0]
            if self.module_exists(target):
                new = Binding(MODULE, stmt.lineno, local=False, key=("module", target), name=local)
            else:
                new = Binding(UNRESOLVED, -1, local=False, key=("unresolved",), name=local)
            self.bind_imported(scope, local, new, stmt)

    def bind_import_from(self, stmt: ast.ImportFrom, scope: Scope, depth: int) -> None:
        base = resolve_relative(self.module, stmt.module, stmt.level, self.is_package)
        if base is None:
            return
        for alias in stmt.names:
            if alias.name == "*":
                for name in self.star_names(base):
                    found = self.imported_kind(base, name) or ""
                    if found.startswith("symbol:") and found.split(":")[1] == self.module:
                        continue  # a name of this module coming back through an import cycle
                    old = scope.names.get(name)
                    if found == "module" and old is not None and old.kind == MODULE:
                        # ``import sys`` here and in the star-imported module: most likely the
                        # same module object, which mypy accepts (a clash of two different
                        # modules goes unreported rather than guessed at).
                        continue
                    self.bind_imported(
                        scope,
                        name,
                        Binding(IMPORTED, -1, local=False, key=("symbol", base, name), name=name),
                        stmt,
                    )
                continue
            local = alias.asname or alias.name
            found = self.imported_kind(base, alias.name)
            if found == "module":
                new = Binding(
                    MODULE,
                    stmt.lineno,
                    local=False,
                    key=("module", f"{base}.{alias.name}"),
                    name=local,
                )
            elif found is not None:
                # "symbol:<defining module>:<line>": an import of this very module cites the
                # line of the definition; in a class body the import makes a variable there.
                parts = found.split(":")
                # A plain "symbol" (its definition not located) cites no line.
                origin, line = (parts[1], parts[2]) if len(parts) == 3 else ("", "-1")
                if scope.kind == "class":
                    new = Binding(
                        IMPORTED,
                        stmt.lineno,
                        local=True,
                        key=("symbol", base, alias.name),
                        name=local,
                    )
                    new.kind = VAR
                else:
                    new = Binding(
                        IMPORTED,
                        int(line) if origin == self.module else -1,
                        local=origin == self.module,
                        key=("symbol", base, alias.name),
                        name=local,
                    )
            else:
                new = Binding(UNRESOLVED, -1, local=False, key=("unresolved",), name=local)
            self.bind_imported(scope, local, new, stmt)

    def bind_imported(self, scope: Scope, name: str, new: Binding, stmt: ast.stmt) -> None:
        old = scope.names.get(name)
        if old is None:
            scope.names[name] = new
            return
        if new.kind == UNRESOLVED:
            if old.kind == UNRESOLVED:
                return
            self.fail(
                scope,
                stmt.lineno,
                stmt.col_offset,
                Message(already_defined("Name", name, old), codes.NO_REDEF),
            )
            return
        if old.kind == MODULE and new.kind == MODULE and old.key == new.key:
            return
        if old.kind == MODULE:
            self.fail(
                scope,
                stmt.lineno,
                stmt.col_offset,
                Message(already_defined("Name", name, old), codes.NO_REDEF),
            )
            return
        # An import over a variable, function or class is checked as an assignment; other
        # cases (overloads, type variables) are left alone rather than guessed at.
        return


def _annotated(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
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
