"""The order in which mypy loads modules and the order in which it processes them.

mypy prints the diagnostics of each file when it has processed it, so the order of files in
its output is its processing order. We compute the same order from the import graph of every
module the run reaches (stubs and installed packages included, since their depth decides
which sources are ready first):

* **Load order.** Sources in command-line order, then every module in the order it is first
  imported, breadth first. Import errors are reported while loading, so the once-per-run
  import notes go with the first failed import in this order.
* **Processing order.** The strongly connected components of the graph, dependencies first,
  level by level: a level holds the components whose dependencies are all in earlier levels,
  and within a level the component loaded last goes first. Inside a component, edges of the
  weakest kind (imports in functions, then ``import x``, ...) are dropped until it splits,
  and the parts are ordered the same way; a component that does not split goes last-loaded
  first.

Edges carry the strength of the import that made them (lower is stronger): ``from x import
y`` at module level, then ``import x`` at module level, then imports inside functions and
the parent packages named by a dotted import, then imports only seen by type checkers
(``if TYPE_CHECKING:``). Every module but ``builtins`` depends on ``builtins``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tycheck.semantic.reach import MYPY_TRUE, ReachOptions, branch_bodies, infer_condition
from tycheck.semantic.symbols import resolve_relative

FROM_IMPORT = 5
PLAIN_IMPORT = 10
WEAK_IMPORT = 20  # inside a function, or a parent package of a dotted import
CHECKER_ONLY = 25  # under ``if TYPE_CHECKING:``
ALL_EDGES = 99


class ModuleLike(Protocol):
    """What the graph needs of a parsed module (``checker.program.SourceModule``)."""

    @property
    def name(self) -> str: ...

    @property
    def tree(self) -> ast.Module: ...

    @property
    def is_package(self) -> bool: ...


@dataclass(frozen=True)
class ImportEdge:
    """A module named by an import statement, with the statement's strength and line."""

    target: str
    strength: int
    line: int


def module_imports(mod: ModuleLike, reach: ReachOptions) -> list[ImportEdge]:
    """The modules ``mod`` imports (reachable statements only), in statement order."""
    out: list[ImportEdge] = []
    _collect(mod, mod.tree.body, reach, top_level=True, checker_only=False, out=out)
    return out


def import_edges(mod: ModuleLike, reach: ReachOptions) -> list[ImportEdge]:
    """``module_imports``, or the edges ``mod`` already carries (``import_edges``: from a cache)."""
    known: Sequence[ImportEdge] | None = getattr(mod, "import_edges", None)
    return list(known) if known is not None else module_imports(mod, reach)


def _collect(
    mod: ModuleLike,
    body: Sequence[ast.stmt],
    reach: ReachOptions,
    *,
    top_level: bool,
    checker_only: bool,
    out: list[ImportEdge],
) -> None:
    def strength(top: int) -> int:
        if not top_level:
            return WEAK_IMPORT
        return CHECKER_ONLY if checker_only else top

    for stmt in body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                out.append(ImportEdge(alias.name, strength(PLAIN_IMPORT), stmt.lineno))
                parts = alias.name.split(".")
                for n in range(1, len(parts)):
                    out.append(ImportEdge(".".join(parts[:n]), strength(WEAK_IMPORT), stmt.lineno))
        elif isinstance(stmt, ast.ImportFrom):
            base = resolve_relative(mod.name, stmt.module, stmt.level, mod.is_package)
            if base is None:
                continue
            out.append(ImportEdge(base, strength(FROM_IMPORT), stmt.lineno))
            for alias in stmt.names:
                if alias.name != "*":
                    out.append(
                        ImportEdge(f"{base}.{alias.name}", strength(FROM_IMPORT), stmt.lineno)
                    )
        elif isinstance(stmt, ast.If):
            if_ok, else_ok = branch_bodies(stmt, reach)
            only = checker_only or infer_condition(stmt.test, reach) == MYPY_TRUE
            if if_ok:
                _collect(mod, stmt.body, reach, top_level=top_level, checker_only=only, out=out)
            if else_ok:
                _collect(
                    mod, stmt.orelse, reach, top_level=top_level, checker_only=checker_only, out=out
                )
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _collect(mod, stmt.body, reach, top_level=False, checker_only=checker_only, out=out)
        else:
            for sub in _nested_bodies(stmt):
                _collect(mod, sub, reach, top_level=top_level, checker_only=checker_only, out=out)


def _nested_bodies(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        sub = getattr(stmt, name, None)
        if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
            yield sub
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    if isinstance(stmt, ast.Match):
        for case in stmt.cases:
            yield case.body


@dataclass(frozen=True)
class ImportSkeleton:
    """A module reduced to its import statements (for stubs the checker may never parse)."""

    name: str
    tree: ast.Module
    is_package: bool


_BLOCK = re.compile(r"(if|elif|else|try|except|finally)\b")
_IMPORT = re.compile(r"(import|from)\s")


def import_skeleton(name: str, text: str, is_package: bool) -> ImportSkeleton | None:
    """The module's imports and the ``if``/``try`` blocks around them, parsed; None if that
    reduction does not parse (the caller then parses the whole module).

    Stubs are large and mostly declarations: keeping only these lines makes the graph of
    typeshed cheap. Statements inside ``def`` and ``class`` bodies are left out, as in stubs
    imports live at module level.
    """
    kept: list[str] = []
    lines = text.splitlines()
    open_blocks: list[int] = [0]  # indentation of the bodies we keep
    depth = 0  # brackets still open on a kept statement
    for i, raw in enumerate(lines):
        if depth > 0:
            kept.append(raw)
            depth += _bracket_balance(raw)
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip())
        while open_blocks and indent < open_blocks[-1]:
            open_blocks.pop()
        if not open_blocks or indent != open_blocks[-1]:
            continue
        if _IMPORT.match(stripped):
            kept.append(raw)
            depth = _bracket_balance(raw)
        elif _BLOCK.match(stripped) and stripped.endswith(":"):
            body = _next_indent(lines, i + 1)
            kept.append(raw)
            kept.append(" " * max(body, indent + 1) + "pass")
            if body > indent:
                open_blocks.append(body)
    try:
        return ImportSkeleton(name, ast.parse("\n".join(kept) + "\n"), is_package)
    except SyntaxError:
        return None


def _bracket_balance(line: str) -> int:
    code = line.split("#", 1)[0]
    return code.count("(") - code.count(")")


def _next_indent(lines: list[str], start: int) -> int:
    for raw in lines[start:]:
        if raw.strip() and not raw.strip().startswith("#"):
            return len(raw) - len(raw.lstrip())
    return 0


def report_rank(name: str) -> int:
    """Where a failed or first import of ``name`` goes among a file's imports (lower first).

    mypy takes a file's imported modules with the most dotted names first; statement order
    breaks ties (measured with the oracle: see ``tests/service/test_module_order.py``).
    """
    return -name.count(".")


@dataclass
class ModuleGraph:
    """The import graph of every module reachable from the sources."""

    load_order: list[str] = field(default_factory=list)
    edges: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, sources: Iterable[str], load: Callable[[str], ModuleLike | None], reach: ReachOptions
    ) -> ModuleGraph:
        """Breadth first from ``sources``; ``load`` parses a module or says it is absent."""
        graph = cls()
        queue: list[str] = []
        for name in sources:
            if name not in graph.edges and load(name) is not None:
                graph._add(name, queue)
        for name in queue:
            mod = load(name)
            imports = import_edges(mod, reach) if mod is not None else []
            if name != "builtins":
                imports.append(ImportEdge("builtins", WEAK_IMPORT, 0))
            ranked = sorted(range(len(imports)), key=lambda i: report_rank(imports[i].target))
            deps = graph.edges[name]
            for i in ranked:
                edge = imports[i]
                if edge.target == name:
                    continue
                if edge.target not in graph.edges:
                    if load(edge.target) is None:
                        continue
                    graph._add(edge.target, queue)
                deps[edge.target] = min(edge.strength, deps.get(edge.target, ALL_EDGES))
        return graph

    def _add(self, name: str, queue: list[str]) -> None:
        self.edges[name] = {}
        self.load_order.append(name)
        queue.append(name)

    def processing_order(self) -> list[str]:
        """Every module of the graph, in mypy's processing order."""
        rank = {name: i for i, name in enumerate(self.load_order)}
        out: list[str] = []
        for component in self._sorted_components(self.load_order, ALL_EDGES, rank):
            out.extend(self._order_component(component, ALL_EDGES, rank))
        return out

    def _deps(self, name: str, within: set[str], limit: int) -> list[str]:
        return [d for d, s in self.edges[name].items() if s < limit and d in within]

    def _order_component(self, component: list[str], limit: int, rank: dict[str, int]) -> list[str]:
        if len(component) == 1:
            return component
        members = set(component)
        strengths = {
            s for n in component for d, s in self.edges[n].items() if d in members and s < limit
        }
        if len(strengths) <= 1:
            return sorted(component, key=lambda n: -rank[n])
        weakest = max(strengths)
        out: list[str] = []
        for part in self._sorted_components(component, weakest, rank):
            out.extend(self._order_component(part, weakest, rank))
        return out

    def _sorted_components(
        self, vertices: list[str], limit: int, rank: dict[str, int]
    ) -> list[list[str]]:
        """Components of the edges weaker than ``limit`` removed, dependencies first, by level."""
        within = set(vertices)
        components = strongly_connected(vertices, lambda n: self._deps(n, within, limit))
        owner = {n: i for i, comp in enumerate(components) for n in comp}
        needs: list[set[int]] = [set() for _ in components]
        for i, comp in enumerate(components):
            for n in comp:
                needs[i].update(owner[d] for d in self._deps(n, within, limit) if owner[d] != i)
        done: set[int] = set()
        out: list[list[str]] = []
        while len(done) < len(components):
            ready = [i for i in range(len(components)) if i not in done and needs[i] <= done]
            ready.sort(key=lambda i: -min(rank[n] for n in components[i]))
            out.extend(components[i] for i in ready)
            done.update(ready)
        return out


def strongly_connected(
    vertices: list[str], successors: Callable[[str], list[str]]
) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (import chains can be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in vertices:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for succ in it:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(successors(succ))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    comp.append(member)
                    if member == node:
                        break
                out.append(comp)
    return out
