"""``tycheckd inspect``: the type, attributes or definition of the expressions at a location.

Answers are dmypy's: one line per expression (innermost first for a position, exactly one
for a span), optional ``Kind:span -> `` prefixes, and its messages with exit status 1 when an
expression has no known type or definition. Types are computed on demand by the
``Analyzer`` for the definitions that hold the expressions, so no ``--export-types`` is needed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tycheck.service.query_data import instance_classes
from tycheck.tools.analysis_api import Analyzer, ModuleView
from tycheck.tools.expr_spans import ChainOp, Site, find_enclosing, find_exact
from tycheck.tools.locations import (
    LocationError,
    check_python_file,
    check_span_order,
    parse_inspect_location,
)
from tycheck.tools.type_text import format_inspect_type
from tycheck.types.model import (
    CallableType,
    Instance,
    ModuleType,
    NeverType,
    Type,
    TypeType,
    make_union,
    union_items,
)

Answer = dict[str, object]


@dataclass(frozen=True)
class InspectOptions:
    """The flags of ``inspect``."""

    show: str = "type"
    verbosity: int = 0
    limit: int = 0
    include_span: bool = False
    include_kind: bool = False
    include_object_attrs: bool = False
    union_attrs: bool = False
    force_reload: bool = False


class Inspector:
    """Runs one inspection against an ``Analyzer``."""

    def __init__(self, analyzer: Analyzer, options: InspectOptions) -> None:
        self.a = analyzer
        self.o = options
        self.types: Mapping[ast.AST, Type] = {}
        self.module: ModuleView | None = None

    def run(self, location: str) -> Answer:
        """The daemon's answer: ``out``/``status``, or ``error`` for a bad location."""
        try:
            loc = parse_inspect_location(location)
            check_python_file(loc.path)
        except LocationError as err:
            return {"error": str(err)}
        module = self.a.module_by_path(loc.path)
        if module is None:
            return {"out": f"Unknown module: {loc.path}\n", "err": "", "status": 1}
        self.module = module
        try:
            check_span_order(loc)
        except LocationError as err:
            return {"error": str(err)}
        method = {"type": self.type_of, "attrs": self.attrs_of, "definition": self.definition_of}[
            self.o.show
        ]
        if loc.end is not None:
            answer = self.by_span(module, loc.line, loc.column, loc.end, method)
        else:
            answer = self.by_position(module, loc.line, loc.column, method)
        if self.o.show == "definition" and answer.get("out") == "":
            answer = {
                "out": f"No name or member expressions at {location.split(':', 1)[1]}",
                "err": "",
                "status": 1,
            }
        answer["out"] = str(answer["out"]) + "\n"
        return answer

    def by_span(
        self,
        module: ModuleView,
        line: int,
        column: int,
        end: tuple[int, int],
        method: Callable[[Site], tuple[str, bool]],
    ) -> Answer:
        site = find_exact(module.tree, line, column, end[0], end[1])
        if site is None:
            return {
                "out": f"Can't find expression at span {line}:{column}:{end[0]}:{end[1]}",
                "err": "",
                "status": 1,
            }
        self.types = self.a.expression_types(module, self._nodes_for([site]))
        text, ok = method(site)
        return {"out": text, "err": "", "status": 0 if ok else 1}

    def by_position(
        self, module: ModuleView, line: int, column: int, method: Callable[[Site], tuple[str, bool]]
    ) -> Answer:
        sites = self.generated_sites(module, line, column) + find_enclosing(
            module.tree, line, column
        )
        if not sites:
            return {
                "out": f"Can't find any expressions at position {line}:{column}",
                "err": "",
                "status": 1,
            }
        self.types = self.a.expression_types(module, self._nodes_for(sites))
        lines: list[str] = []
        status = 0
        for site in sites:
            text, ok = method(site)
            if not ok:
                status = 1
            if text:
                lines.append(text)
        if self.o.limit:
            lines = lines[: self.o.limit]
        return {"out": "\n".join(lines), "err": "", "status": status}

    def generated_sites(self, module: ModuleView, line: int, column: int) -> list[Site]:
        """The ``...`` defaults of the methods mypy adds to each dataclass enclosing the
        position: they sit in the class body without a position of their own, so dmypy
        lists them (untyped, outermost) wherever the position falls inside the class."""
        out: list[Site] = []
        for fullname in _enclosing_classes(module.tree, module.name, line, column - 1):
            for _ in range(self.a.generated_defaults(fullname)):
                out.append(Site(ast.Constant(...), "EllipsisExpr", -1, -1, -1, -1, True))
        return out

    def _nodes_for(self, sites: list[Site]) -> list[ast.AST]:
        nodes: list[ast.AST] = []
        for site in sites:
            if isinstance(site.node, ChainOp):  # not in the checked tree: ask for its parts
                nodes += [site.node.chain, *site.node.values]
            elif not site.synthetic:
                nodes.append(site.node)
        if self.o.show == "definition":
            nodes += [s.node.value for s in sites if isinstance(s.node, ast.Attribute)]
        return nodes

    # -- the three inspections ---------------------------------------------------------

    def prefixed(self, text: str, site: Site) -> str:
        parts = []
        if self.o.include_kind:
            parts.append(site.kind)
        if self.o.include_span:
            parts.append(site.span())
        return (":".join(parts) + " -> " + text) if parts else text

    def missing_type(self, site: Site) -> str:
        hint = "" if self.o.force_reload else " or try --force-reload"
        return f'No known type available for "{site.kind}" (maybe unreachable{hint})'

    def type_at(self, site: Site) -> Type | None:
        """The type recorded for the expression; for the tail of an ``and``/``or`` chain
        (which the checker does not record), the type built from its operands."""
        node = site.node
        if not isinstance(node, ChainOp):
            return self.types.get(node)
        exact = self.chain_tail_type(node)
        return exact if exact is not None else self.chain_tail_guess(node)

    def chain_tail_type(self, node: ChainOp) -> Type | None:
        """``v[k] op ... op v[n-1]`` as mypy types the nested binary expression: for ``and``
        the falsy part of each operand but the last, then the last; ``or`` keeps the truthy
        parts. Each operand's recorded type is already narrowed by the operands before it,
        so the parts are exact. None when an operand is itself an opposite chain (whose
        part the checker computes from its own last operand) or has no type."""
        assert self.module is not None
        is_and = isinstance(node.op, ast.And)
        parts: list[Type] = []
        for j, value in enumerate(node.values):
            t = self.types.get(value)
            last = j == len(node.values) - 1
            if t is None:
                if last:
                    break  # never evaluated: every path left the chain before it
                return None
            if last:
                parts.append(t)
                continue
            if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.And) != is_and:
                return None
            part = self.a.truth_part(self.module, t, truthy=not is_and)
            if not isinstance(part, NeverType):
                parts.append(part)
        return self.a.union(parts) if parts else None

    def chain_tail_guess(self, node: ChainOp) -> Type | None:
        """The part of the whole chain's type that the tail's operands can give."""
        whole = self.types.get(node.chain)
        if whole is None:
            return None
        operands = [self.types.get(v) for v in node.values]
        found = {item for t in operands if t is not None for item in union_items(t)}
        kept = [item for item in union_items(whole) if item in found]
        return make_union(kept) if kept else whole

    def type_of(self, site: Site) -> tuple[str, bool]:
        t = self.type_at(site)
        if t is None:
            return self.missing_type(site), False
        text = format_inspect_type(t, self.o.verbosity, self.first_param)
        return self.prefixed(text, site), True

    def first_param(self, t: CallableType) -> str | None:
        """The first parameter of the method ``t`` was bound from, read from its class."""
        module = self.a.module(t.def_module) if t.def_module else None
        name = (t.name or "").split(" ")[0]
        if module is None or not t.from_method or not name:
            return None
        for cls in ast.walk(module.tree):
            if not isinstance(cls, ast.ClassDef) or cls.name != t.from_method:
                continue
            for func in cls.body:
                if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and func.name == name:
                    params = func.args.posonlyargs + func.args.args
                    return params[0].arg if params else None
        return None

    def attrs_of(self, site: Site) -> tuple[str, bool]:
        t = self.type_at(site)
        if t is None:
            return self.missing_type(site), False
        entries: list[str] = []
        if isinstance(t, ModuleType):
            names = [n for n in self.a.module_names(t.name) if n != "__builtins__"]
            entries.append(f'"<{t.name}>": [' + ", ".join(f'"{n}"' for n in names) + "]")
        if isinstance(t, CallableType) and t.is_type_obj and t.type_obj_name:
            entries += self._render(self.collect_attrs([t.type_obj_name]))
        elif isinstance(t, TypeType) and isinstance(t.item, Instance):
            entries += self._render(self.collect_attrs([t.item.fullname]))
        classes = instance_classes(t, self.a.metaclass) or ["builtins.object"]
        entries += self._render(self.collect_attrs(classes))
        return self.prefixed("{" + ", ".join(entries) + "}", site), True

    def _render(self, table: list[tuple[str, list[str]]]) -> list[str]:
        out = []
        for cls, names in table:
            shown = cls if self.o.verbosity >= 1 else cls.rsplit(".", 1)[-1]
            out.append(f'"{shown}": [' + ", ".join(f'"{n}"' for n in names) + "]")
        return out

    def collect_attrs(self, classes: list[str]) -> list[tuple[str, list[str]]]:
        """Attribute names per class of each variant's MRO; common ones unless --union-attrs."""
        per_variant: list[dict[str, list[str]]] = []
        for cls in classes:
            mro = list(self.a.class_mro(cls)) or [cls]
            if not self.o.include_object_attrs and mro[-1] == "builtins.object":
                mro = mro[:-1]
            per_variant.append({base: sorted(self.a.class_names(base)) for base in mro})
        common = set().union(*per_variant[0].values()) if per_variant else set()
        for variant in per_variant[1:]:
            common &= set().union(*variant.values())
        combined: dict[str, list[str]] = {}
        for variant in per_variant:
            for base, names in variant.items():
                if base not in combined:
                    combined[base] = [n for n in names if self.o.union_attrs or n in common]
        order = _mro_sorted(list(combined), self.a.class_mro)
        return [(base, combined[base]) for base in order if combined[base]]

    def definition_of(self, site: Site) -> tuple[str, bool]:
        if not isinstance(site.node, (ast.Name, ast.Attribute)) or site.kind != (
            "NameExpr" if isinstance(site.node, ast.Name) else "MemberExpr"
        ):
            return "", True
        assert self.module is not None
        found = self.a.definitions(self.module, site.node, self.types)
        if not found:
            return f'Cannot find definition for "{site.kind}" at {site.span()}', False
        return self.prefixed(", ".join(loc.render() for loc in found), site), True


def _enclosing_classes(tree: ast.Module, prefix: str, line: int, column: int) -> list[str]:
    """Full names of the classes (nested in classes only) whose body covers the 0-based
    position, outermost first. mypy's search enters a class body only between the start
    of its first statement and the end of its last one (where the added methods go)."""
    found: list[str] = []
    body: list[ast.stmt] = tree.body
    while True:
        inner = [
            c
            for c in body
            if isinstance(c, ast.ClassDef)
            and (c.body[0].lineno, c.body[0].col_offset) <= (line, column)
            and (c.body[-1].end_lineno or 0, c.body[-1].end_col_offset or 0) >= (line, column)
        ]
        if not inner:
            return found
        prefix = f"{prefix}.{inner[0].name}"
        found.append(prefix)
        body = inner[0].body


def _mro_sorted(bases: list[str], mro_of: Callable[[str], tuple[str, ...]]) -> list[str]:
    """Subclasses before their bases; unrelated classes keep their order (a stable sort)."""
    out: list[str] = []
    for base in bases:
        pos = len(out)
        for i, seen in enumerate(out):
            if seen in mro_of(base)[1:]:
                pos = i
                break
        out.insert(pos, base)
    return out


def answer_inspect(analyzer: Analyzer, location: str, options: InspectOptions) -> Answer:
    """Entry point for the daemon."""
    return Inspector(analyzer, options).run(location)
