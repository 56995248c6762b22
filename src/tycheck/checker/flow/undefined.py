"""``possibly-undefined``: a name read where only some paths through its scope have bound it.

A pass of its own over a module's tree after the module is checked (mypy runs it the same
way, apart from type checking). Each scope (module, class, function, and a comprehension,
which starts from its enclosing scope's state) keeps a stack of branching statements; each
branch knows the names every path through it binds (``must``), those some path binds
(``may``), and whether it ends in a jump (``skipped``: ``return``, ``raise``, ``break``,
``continue``, ``assert False``, a call that never returns). Where a statement's branches meet,
a name bound by all the branches that go on is bound; one bound by some is possibly unbound.

A name read while possibly unbound is reported once. A name bound in another branch of the
enclosing statements but not on this path is reported inside a loop or a ``try`` (elsewhere
it is mypy's ``used-before-def``, which this pass does not report), as is a name read in a
loop before the loop body binds it. Functions that are not checked (no annotations, without
``--check-untyped-defs``) are passed over.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tycheck.checker.declare.names import is_annotated
from tycheck.types.model import CallableType, NeverType, Overloaded

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

# Names every module has without binding them.
_MODULE_NAMES = frozenset(
    {"__name__", "__doc__", "__file__", "__package__", "__spec__", "__path__", "__dict__"}
    | {"__annotations__", "__builtins__", "__loader__"}
)
_BUILTINS = frozenset(dir(builtins))
# The attribute of an ``ast.If`` where the checker notes the branches its types rule out.
DEAD_BRANCHES = "_tycheck_dead_branches"


@dataclass
class _Branch:
    must: set[str] = field(default_factory=set)
    may: set[str] = field(default_factory=set)
    skipped: bool = False

    def copy(self) -> _Branch:
        return _Branch(set(self.must), set(self.may), self.skipped)


class _Statement:
    """A statement with branches: ``if``/``elif``/``else``, a loop, ``try``, ``match``."""

    def __init__(self, start: _Branch | None = None) -> None:
        self.start = _Branch(set(start.must), set(start.may)) if start else _Branch()
        self.branches = [self.start.copy()]

    def next_branch(self) -> None:
        self.branches.append(self.start.copy())

    def done(self) -> _Branch:
        bound = set().union(*(b.must | b.may for b in self.branches))
        going_on = [b for b in self.branches if not b.skipped]
        must = set.intersection(*(b.must for b in going_on)) if going_on else set()
        return _Branch(must, bound - must, not going_on)


@dataclass
class _Scope:
    stmts: list[_Statement]
    kind: str  # "module", "class", "function" or "comprehension"
    # Reads of names not yet bound in this scope: a later binding in a loop makes them
    # possibly unbound (the loop may run again).
    early_reads: dict[str, list[ast.Name]] = field(default_factory=dict)


class _Tracker:
    """The branch states of the scopes being walked; ``report(node, name)`` receives each
    possibly unbound read."""

    def __init__(self, report: Callable[[ast.Name, str], None]) -> None:
        self.report = report
        self.scopes = [_Scope([_Statement(_Branch(set(_MODULE_NAMES)))], "module")]
        # Per enclosing loop: None without a ``break``, else the names bound at every one.
        self.loops: list[set[str] | None] = []
        self.try_depth = 0
        self.no_skip = False  # a ``finally`` is reached even from jumping branches
        self.in_finally = False

    # -- the state ------------------------------------------------------------------

    @property
    def scope(self) -> _Scope:
        return self.scopes[-1]

    @property
    def branch(self) -> _Branch:
        return self.scope.stmts[-1].branches[-1]

    def start(self) -> None:
        self.scope.stmts.append(_Statement(self.branch))

    def next_branch(self) -> None:
        self.scope.stmts[-1].next_branch()

    def end(self) -> None:
        result = self.scope.stmts.pop().done()
        b = self.branch
        if result.skipped:
            b.skipped = True  # every branch jumped: what they bound does not go on
            return
        b.must |= result.must
        b.may |= result.may
        b.may -= b.must
        b.skipped |= result.skipped

    def skip(self) -> None:
        if len(self.scope.stmts) > 1 and not self.no_skip:
            self.scope.stmts[-1].branches[-1].skipped = True

    def bind(self, name: str) -> None:
        if self.scope.kind != "class":
            for node in self.scope.early_reads.pop(name, []):
                if self.loops:
                    self.report(node, name)
        self.branch.must.add(name)
        self.branch.may.discard(name)

    def unbind(self, name: str) -> None:
        self.branch.must.discard(name)
        self.branch.may.discard(name)

    def enter(self, kind: str) -> None:
        start = self.branch if kind == "comprehension" else None
        self.scopes.append(_Scope([_Statement(start)], kind))

    # -- reads ----------------------------------------------------------------------

    def read(self, node: ast.Name) -> None:
        name = node.id
        if name in _BUILTINS and self.scope.kind == "module":
            return
        b = self.branch
        if name in b.may and self.in_finally == self.no_skip:
            self.report(node, name)
            self.bind(name)  # once per name
        elif name not in b.must and name not in b.may:
            elsewhere = any(name in br.must for stmt in self.scope.stmts for br in stmt.branches)
            if elsewhere:
                if self.loops or self.try_depth > 0:
                    self.report(node, name)
            else:
                self.scope.early_reads.setdefault(name, []).append(node)

    def snapshot(self) -> tuple[object, ...]:
        scopes = [
            _Scope(
                [self.copy_statement(s) for s in sc.stmts],
                sc.kind,
                {k: list(v) for k, v in sc.early_reads.items()},
            )
            for sc in self.scopes
        ]
        return (scopes, list(self.loops), self.no_skip, self.in_finally)

    @staticmethod
    def copy_statement(s: _Statement) -> _Statement:
        new = _Statement(s.start)
        new.branches = [b.copy() for b in s.branches]
        return new

    def restore(self, saved: tuple[object, ...]) -> None:
        self.scopes, self.loops, self.no_skip, self.in_finally = saved  # type: ignore[assignment]
        self.loops = [None if x is None else set(x) for x in self.loops]


class UndefinedNames:
    """The pass over one module; ``report(node, name)`` receives each possibly unbound read."""

    def __init__(
        self,
        report: Callable[[ast.Name, str], None],
        never_returns: Callable[[ast.expr], bool],
        reach: Callable[[ast.If], tuple[bool, bool]],
        check_untyped: bool,
    ) -> None:
        self.t = _Tracker(report)
        self.never_returns = never_returns
        self.reach = reach
        self.check_untyped = check_untyped

    # -- the walk -------------------------------------------------------------------

    def visit(self, node: ast.AST) -> None:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is not None:
            method(node)
        else:
            self.generic(node)

    def generic(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.visit(child)

    def body(self, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            self.visit(s)

    def target(self, t: ast.expr) -> None:
        """Bind the names of an assignment target, then read what it reads."""
        self.bind_target(t)
        self.visit(t)

    def bind_target(self, t: ast.expr) -> None:
        if isinstance(t, ast.Name):
            self.t.bind(t.id)
        elif isinstance(t, ast.Starred):
            self.bind_target(t.value)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for el in t.elts:
                self.bind_target(el)

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Store):  # ``del x`` reads ``x`` too
            self.t.read(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.t.read(node.target)  # ``x += 1`` binds nothing new
        else:
            self.visit(node.target)
        self.visit(node.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            self.bind_target(t)
        self.visit(node.value)
        for t in node.targets:
            self.visit(t)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.bind_target(node.target)
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind_target(node.target)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self.t.bind(name)

    visit_Nonlocal = visit_Global

    def visit_Import(self, node: ast.Import) -> None:
        for al in node.names:
            self.t.bind(al.asname or al.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for al in node.names:
            if al.name != "*":
                self.t.bind(al.asname or al.name)

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        if_ok, else_ok = self.reach(node)
        body_dead, else_dead = getattr(node, DEAD_BRANCHES, (False, False))
        if_ok, else_ok = if_ok and not body_dead, else_ok and not else_dead
        self.t.start()
        if if_ok:
            self.body(node.body)
            self.t.next_branch()
        if else_ok:
            self.body(node.orelse)
        else:
            self.t.skip()
        self.t.end()

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.target(node.target)
        self.loop(node.body, node.orelse, runs_once=False, for_loop=True)

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> None:
        self.visit(node.test)
        test = node.test
        always = isinstance(test, ast.Constant) and bool(test.value) and test.value is not Ellipsis
        self.loop(node.body, node.orelse, runs_once=always, for_loop=False)

    def loop(
        self, body: list[ast.stmt], orelse: list[ast.stmt], runs_once: bool, for_loop: bool
    ) -> None:
        self.t.start()
        self.t.loops.append(None)
        self.body(body)
        if not runs_once:
            self.t.next_branch()  # the body may not run at all
        self.t.end()
        at_break = self.t.loops[-1]
        if orelse:
            # With a ``break`` in the loop, the ``else`` runs only on some paths.
            if at_break is not None:
                self.t.start()
                if for_loop:
                    for name in at_break:
                        self.t.bind(name)
                self.t.next_branch()
            self.body(orelse)
            if at_break is not None:
                self.t.end()
        self.t.loops.pop()

    def visit_Break(self, node: ast.Break) -> None:
        if self.t.loops:
            here = self.t.branch.must
            seen = self.t.loops[-1]
            self.t.loops[-1] = set(here) if seen is None else seen & here
        self.t.skip()

    def visit_Continue(self, node: ast.Continue) -> None:
        self.t.skip()

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.t.skip()

    def visit_Raise(self, node: ast.Raise) -> None:
        self.generic(node)
        self.t.skip()

    def visit_Assert(self, node: ast.Assert) -> None:
        self.generic(node)
        test = node.test
        if isinstance(test, ast.Constant) and (test.value is False or test.value == 0):
            self.t.skip()

    def visit_Expr(self, node: ast.Expr) -> None:
        self.visit(node.value)
        if self.never_returns(node.value):
            self.t.skip()

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.target(item.optional_vars)
        self.body(node.body)

    visit_AsyncWith = visit_With

    def visit_Try(self, node: ast.Try) -> None:
        self.t.try_depth += 1
        if node.finalbody:
            # A first walk for the ``finally`` only, where jumps in the other clauses do
            # not count; then the walk that the code after the statement sees.
            saved = self.t.snapshot()
            self.t.no_skip = True
            self.try_clauses(node)
            self.t.restore(saved)
        self.try_clauses(node)
        self.t.try_depth -= 1

    visit_TryStar = visit_Try

    def try_clauses(self, node: ast.Try) -> None:
        self.t.start()
        self.body(node.body)
        self.body(node.orelse)
        for h in node.handlers:
            self.t.next_branch()
            if h.type is not None:
                self.visit(h.type)
            if h.name:
                self.t.bind(h.name)
            self.body(h.body)
            if h.name:
                self.t.unbind(h.name)
        self.t.end()
        if node.finalbody:
            self.t.in_finally = True
            self.body(node.finalbody)
            self.t.in_finally = False

    def visit_Match(self, node: ast.Match) -> None:
        self.visit(node.subject)
        self.t.start()
        for case in node.cases:
            self.visit(case.pattern)
            if case.guard is not None:
                self.visit(case.guard)
            self.body(case.body)
            if not _catch_all(case.pattern):
                self.t.next_branch()
        self.t.end()

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.name is not None:
            self.t.bind(node.name)
        self.generic(node)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name is not None:
            self.t.bind(node.name)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for d in node.decorator_list:
            self.visit(d)
        self.t.bind(node.name)
        if not (self.check_untyped or is_annotated(node)):
            return
        a = node.args
        for d in list(a.defaults) + [d for d in a.kw_defaults if d is not None]:
            self.visit(d)
        self.function_scope(a, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        a = node.args
        for d in list(a.defaults) + [d for d in a.kw_defaults if d is not None]:
            self.visit(d)
        self.function_scope(a, [ast.Expr(node.body)])

    def function_scope(self, a: ast.arguments, body: list[ast.stmt]) -> None:
        # The loops and ``try`` blocks around a nested function still count in it (mypy).
        self.t.enter("function")
        for p in a.posonlyargs + a.args + a.kwonlyargs + [x for x in (a.vararg, a.kwarg) if x]:
            self.t.bind(p.arg)
        self.body(body)
        self.t.scopes.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.t.bind(node.name)
        self.t.enter("class")  # mypy reads the decorators and bases in the class's scope
        for e in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(e)
        self.body(node.body)
        self.t.scopes.pop()

    def comprehension(self, node: ast.expr, parts: list[ast.expr]) -> None:
        gens: list[ast.comprehension] = node.generators  # type: ignore[attr-defined]
        self.visit(gens[0].iter)  # evaluated in the enclosing scope
        self.t.enter("comprehension")
        for i, g in enumerate(gens):
            if i:
                self.visit(g.iter)
            self.target(g.target)
            for cond in g.ifs:
                self.visit(cond)
        for p in parts:
            self.visit(p)
        self.t.scopes.pop()

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self.comprehension(node, [node.elt])

    visit_SetComp = visit_ListComp
    visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self.comprehension(node, [node.key, node.value])


def _catch_all(p: ast.pattern) -> bool:
    if isinstance(p, ast.MatchAs):
        return p.pattern is None
    if isinstance(p, ast.MatchOr):
        return any(_catch_all(x) for x in p.patterns)
    return False


def check_possibly_undefined(
    chk: Evaluator, tree: ast.Module, reach: object, options: object
) -> None:
    """Run the pass over a checked module when ``possibly-undefined`` is enabled for it."""
    from tycheck.errors import codes
    from tycheck.errors.messages import Message
    from tycheck.semantic.reach import branch_bodies

    enabled = getattr(options, "is_code_enabled", None)
    if enabled is None or not enabled(codes.POSSIBLY_UNDEFINED.name, False):
        return

    def report(node: ast.Name, name: str) -> None:
        chk.emit(
            node, "error", Message(f'Name "{name}" may be undefined', codes.POSSIBLY_UNDEFINED)
        )

    def never_returns(e: ast.expr) -> bool:
        if not isinstance(e, ast.Call):
            return False
        with chk.quiet():
            callee = chk.infer(e.func)
        items = callee.items if isinstance(callee, Overloaded) else (callee,)
        return all(
            isinstance(c, CallableType)
            and isinstance(c.ret_type, NeverType)
            and c.ret_type.is_noreturn
            for c in items
        )

    walker = UndefinedNames(
        report,
        never_returns,
        lambda node: branch_bodies(node, reach),  # type: ignore[arg-type]
        bool(getattr(options, "check_untyped_defs", False)),
    )
    walker.body(tree.body)
