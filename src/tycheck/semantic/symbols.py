"""Symbol tables: what each name in a module or class body refers to.

A table is built from the syntax tree without evaluating any type; the checker resolves a
symbol's type lazily, when something reads it. Nothing is written onto the tree: symbols point
at nodes, and the tables are side tables owned by the module's analysis.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from tycheck.semantic.reach import ReachOptions, branch_bodies
from tycheck.semantic.synthetic import FACTORIES, FACTORY_MODULES, synthetic_class

# Symbol kinds.
CLASS = "class"
FUNC = "func"
VAR = "var"
MODULE = "module"  # import a.b / import a.b as c
IMPORTED = "imported"  # from m import n


@dataclass(eq=False)
class Symbol:
    """One name's binding in a namespace.

    ``node`` is the defining statement (ClassDef, FunctionDef, Assign, AnnAssign, For target...);
    for functions ``defs`` holds every def of that name in order (overloads, property setters);
    ``target`` is the module (and ``attr`` the name) an import refers to.
    """

    name: str
    kind: str
    fullname: str
    node: ast.AST | None = None
    defs: list[ast.AST] = field(default_factory=list)
    annotation: ast.expr | None = None
    type_comment: str | None = None
    value: ast.expr | None = None
    target: str | None = None
    attr: str | None = None
    module_public: bool = True
    implicit: bool = False  # defined by the interpreter (__name__, __file__...)
    conditional: bool = False
    in_class_body: bool = False
    explicit_reexport: bool = False
    line: int = 0


@dataclass(eq=False)
class Namespace:
    """Names bound at one level (module or class body), in definition order."""

    names: dict[str, Symbol] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)
    all_names: list[str] | None = None  # __all__, when given

    def get(self, name: str) -> Symbol | None:
        return self.names.get(name)


class NamespaceBuilder:
    """Walks a module or class body and records its bindings."""

    def __init__(
        self, module: str, prefix: str, opts: ReachOptions, is_stub: bool, is_package: bool = False
    ) -> None:
        self.module = module
        self.prefix = prefix
        self.opts = opts
        self.is_stub = is_stub
        self.is_package = is_package
        self.ns = Namespace()
        self.in_class = prefix != module

    def build(self, body: list[ast.stmt]) -> Namespace:
        self.visit_block(body, conditional=False)
        return self.ns

    def define(self, sym: Symbol) -> None:
        old = self.ns.names.get(sym.name)
        if old is None:
            self.ns.names[sym.name] = sym
            return
        if old.kind == FUNC and sym.kind == FUNC:
            old.defs.extend(sym.defs)
            return
        if (
            old.kind == VAR
            and sym.kind == VAR
            and old.annotation is None
            and sym.annotation is not None
        ):
            self.ns.names[sym.name] = sym
            return
        if old.kind in (VAR,) and sym.kind in (VAR,):
            return
        if old.implicit:
            self.ns.names[sym.name] = sym
            return
        # A later definition of another kind: the first stays (mypy reports redefinitions).
        return

    def visit_block(self, body: list[ast.stmt], conditional: bool) -> None:
        for stmt in body:
            self.visit(stmt, conditional)

    def fullname(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    def visit(self, stmt: ast.stmt, conditional: bool) -> None:
        if isinstance(stmt, ast.ClassDef):
            self.define(
                Symbol(
                    stmt.name,
                    CLASS,
                    self.fullname(stmt.name),
                    stmt,
                    [stmt],
                    conditional=conditional,
                    line=stmt.lineno,
                )
            )
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.define(
                Symbol(
                    stmt.name,
                    FUNC,
                    self.fullname(stmt.name),
                    stmt,
                    [stmt],
                    conditional=conditional,
                    line=stmt.lineno,
                )
            )
        elif isinstance(stmt, ast.AnnAssign):
            if isinstance(stmt.target, ast.Name):
                self.define(
                    Symbol(
                        stmt.target.id,
                        VAR,
                        self.fullname(stmt.target.id),
                        stmt,
                        annotation=stmt.annotation,
                        value=stmt.value,
                        conditional=conditional,
                        line=stmt.lineno,
                    )
                )
        elif isinstance(stmt, ast.Assign):
            self.visit_assign(stmt, conditional)
        elif isinstance(stmt, ast.AugAssign):
            if isinstance(stmt.target, ast.Name):
                if stmt.target.id == "__all__" and isinstance(stmt.op, ast.Add):
                    self.update_all("extend", stmt.value)
                self.define(
                    Symbol(
                        stmt.target.id,
                        VAR,
                        self.fullname(stmt.target.id),
                        stmt,
                        conditional=conditional,
                        line=stmt.lineno,
                    )
                )
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self.define(
                        Symbol(
                            alias.asname,
                            MODULE,
                            alias.name,
                            stmt,
                            target=alias.name,
                            conditional=conditional,
                            explicit_reexport=alias.asname == alias.name,
                            line=stmt.lineno,
                        )
                    )
                else:
                    top = alias.name.split(".")[0]
                    existing = self.ns.names.get(top)
                    if existing is None or existing.kind != MODULE:
                        self.define(
                            Symbol(
                                top,
                                MODULE,
                                top,
                                stmt,
                                target=top,
                                conditional=conditional,
                                line=stmt.lineno,
                            )
                        )
        elif isinstance(stmt, ast.ImportFrom):
            self.visit_import_from(stmt, conditional)
        elif isinstance(stmt, ast.If):
            if_ok, else_ok = branch_bodies(stmt, self.opts)
            if if_ok:
                self.visit_block(stmt.body, True)
            if else_ok:
                self.visit_block(stmt.orelse, True)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            for name in target_names(stmt.target):
                self.define(
                    Symbol(name, VAR, self.fullname(name), stmt, conditional=True, line=stmt.lineno)
                )
            self.visit_block(stmt.body, True)
            self.visit_block(stmt.orelse, True)
        elif isinstance(stmt, ast.While):
            self.visit_block(stmt.body, True)
            self.visit_block(stmt.orelse, True)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if item.optional_vars is not None:
                    for name in target_names(item.optional_vars):
                        self.define(
                            Symbol(
                                name,
                                VAR,
                                self.fullname(name),
                                stmt,
                                conditional=conditional,
                                line=stmt.lineno,
                            )
                        )
            self.visit_block(stmt.body, conditional)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            self.visit_block(stmt.body, True)  # type: ignore[attr-defined]
            for h in stmt.handlers:  # type: ignore[attr-defined]
                if h.name:
                    self.define(
                        Symbol(
                            h.name, VAR, self.fullname(h.name), h, conditional=True, line=h.lineno
                        )
                    )
                self.visit_block(h.body, True)
            self.visit_block(stmt.orelse, True)  # type: ignore[attr-defined]
            self.visit_block(stmt.finalbody, conditional)  # type: ignore[attr-defined]
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                for name in pattern_names(case.pattern):
                    self.define(
                        Symbol(
                            name, VAR, self.fullname(name), stmt, conditional=True, line=stmt.lineno
                        )
                    )
                self.visit_block(case.body, True)
        elif isinstance(stmt, ast.Expr):
            call = stmt.value
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "__all__"
                and len(call.args) == 1
            ):
                self.update_all(call.func.attr, call.args[0])
            self.visit_expr_names(stmt.value, conditional)
        elif hasattr(ast, "TypeAlias") and isinstance(stmt, getattr(ast, "TypeAlias")):
            name = stmt.name.id  # type: ignore[attr-defined]
            self.define(
                Symbol(
                    name,
                    VAR,
                    self.fullname(name),
                    stmt,
                    value=stmt.value,
                    conditional=conditional,
                    line=stmt.lineno,
                )
            )  # type: ignore[attr-defined]

    def update_all(self, method: str, arg: ast.expr) -> None:
        """``__all__ += [...]``, ``__all__.append/extend/remove(...)`` at module level."""
        if self.in_class or self.ns.all_names is None:
            return
        if method == "extend":
            names = string_list(arg)
            if names is not None:
                self.ns.all_names = self.ns.all_names + names
        elif (
            method in ("append", "remove")
            and isinstance(arg, ast.Constant)
            and isinstance(arg.value, str)
        ):
            if method == "append":
                self.ns.all_names = self.ns.all_names + [arg.value]
            elif arg.value in self.ns.all_names:
                self.ns.all_names = [n for n in self.ns.all_names if n != arg.value]

    def visit_expr_names(self, expr: ast.expr, conditional: bool) -> None:
        # Walrus targets at module level bind names too.
        for node in ast.walk(expr):
            if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                self.define(
                    Symbol(
                        node.target.id,
                        VAR,
                        self.fullname(node.target.id),
                        node,
                        value=node.value,
                        conditional=conditional,
                        line=node.lineno,
                    )
                )
            if isinstance(
                node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
            ):
                break

    def renamed_factory(self, stmt: ast.Assign) -> str | None:
        """The factory a renamed import stands for in ``E = _Enum('E', ...)``, or None."""
        func = stmt.value.func if isinstance(stmt.value, ast.Call) else None
        if not isinstance(func, ast.Name):
            return None
        sym = self.ns.names.get(func.id)
        if sym is None or sym.kind != IMPORTED or sym.attr is None:
            return None
        if sym.target in FACTORY_MODULES and sym.attr in FACTORIES:
            return sym.attr
        return None

    def visit_assign(self, stmt: ast.Assign, conditional: bool) -> None:
        synth = synthetic_class(stmt, self.renamed_factory(stmt))
        if synth is not None:
            # ``P = NamedTuple('P', ...)`` and friends define a class.
            self.define(
                Symbol(
                    synth.name,
                    CLASS,
                    self.fullname(synth.name),
                    synth,
                    [synth],
                    conditional=conditional,
                    line=stmt.lineno,
                )
            )
            return
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                name = target.id
                if name == "__all__" and not self.in_class:
                    self.ns.all_names = string_list(stmt.value)
                comment = stmt.type_comment if len(stmt.targets) == 1 else None
                self.define(
                    Symbol(
                        name,
                        VAR,
                        self.fullname(name),
                        stmt,
                        value=stmt.value,
                        type_comment=comment,
                        conditional=conditional,
                        line=stmt.lineno,
                    )
                )
            else:
                for name in target_names(target):
                    self.define(
                        Symbol(
                            name,
                            VAR,
                            self.fullname(name),
                            stmt,
                            conditional=conditional,
                            line=stmt.lineno,
                            type_comment=stmt.type_comment,
                        )
                    )

    def visit_import_from(self, stmt: ast.ImportFrom, conditional: bool) -> None:
        base = resolve_relative(self.module, stmt.module, stmt.level, self.is_package)
        if base is None:
            return
        for alias in stmt.names:
            if alias.name == "*":
                self.ns.star_imports.append(base)
                continue
            local = alias.asname or alias.name
            self.define(
                Symbol(
                    local,
                    IMPORTED,
                    f"{base}.{alias.name}",
                    stmt,
                    target=base,
                    attr=alias.name,
                    conditional=conditional,
                    explicit_reexport=alias.asname is not None and alias.asname == alias.name,
                    line=stmt.lineno,
                )
            )


def resolve_relative(module: str, name: str | None, level: int, is_package: bool) -> str | None:
    """The absolute module named by ``from <dots><name> import``, or None if it escapes the top."""
    if level == 0:
        return name
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    drop = level - 1
    if drop > len(parts):
        return None
    if drop:
        parts = parts[: len(parts) - drop]
    if name:
        parts.append(name)
    if not parts:
        return None
    return ".".join(parts)


def target_names(target: ast.expr) -> list[str]:
    """Names bound by an assignment target (``a``, ``a, (b, *c)``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        out: list[str] = []
        for elt in target.elts:
            out.extend(target_names(elt))
        return out
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def pattern_names(p: ast.pattern) -> list[str]:
    out: list[str] = []
    for node in ast.walk(p):
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            out.append(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            out.append(node.rest)
    return out


def string_list(expr: ast.expr | None) -> list[str] | None:
    if isinstance(expr, (ast.List, ast.Tuple)):
        out = []
        for elt in expr.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                out.append(elt.value)
            else:
                return None
        return out
    return None


def build_module_namespace(
    tree: ast.Module, module: str, opts: ReachOptions, is_stub: bool, is_package: bool
) -> Namespace:
    ns = NamespaceBuilder(module, module, opts, is_stub, is_package).build(tree.body)
    for implicit in (
        "__name__",
        "__file__",
        "__doc__",
        "__package__",
        "__spec__",
        "__dict__",
        "__annotations__",
        "__path__",
    ):
        if implicit not in ns.names and (implicit != "__path__" or is_package):
            ns.names[implicit] = Symbol(implicit, VAR, f"{module}.{implicit}", implicit=True)
    if module == "builtins" and "__debug__" not in ns.names:
        # The interpreter's constant is in no stub; checkers give it the type ``bool``.
        ann = ast.Name("bool", ast.Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)
        ns.names["__debug__"] = Symbol("__debug__", VAR, "builtins.__debug__", annotation=ann)
    return ns


def build_class_namespace(
    node: ast.ClassDef, module: str, fullname: str, opts: ReachOptions, is_stub: bool
) -> Namespace:
    b = NamespaceBuilder(module, fullname, opts, is_stub)
    b.in_class = True
    ns = b.build(node.body)
    for sym in ns.names.values():
        sym.in_class_body = True
    return ns
