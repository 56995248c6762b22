"""Match statement patterns: what a pattern matches, what it leaves over, what it captures.

``PatternChecker.check(pattern, subject)`` returns a ``PatternResult``: the subject type
narrowed to what the pattern can match (``Never`` when it cannot match), the type that is
left for the following cases, and the types bound to capture names.  Where a pattern is not
understood, the result is conservative: the subject is kept on both sides and captures are
``Any``, so that no false error follows.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tycheck.types.model import (
    AnyType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    TupleType,
    Type,
    TypeVarType,
    make_union,
    strip_literal,
    union_items,
)
from tycheck.errors import codes
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator

NEVER = NeverType()
# Classes whose single positional sub-pattern matches the subject itself (PEP 634).
SELF_MATCHING = frozenset(
    f"builtins.{n}"
    for n in (
        "bool",
        "bytearray",
        "bytes",
        "dict",
        "float",
        "frozenset",
        "int",
        "list",
        "set",
        "str",
        "tuple",
    )
)
NON_SEQUENCE = frozenset({"builtins.str", "builtins.bytes", "builtins.bytearray"})


@dataclass
class PatternResult:
    type: Type
    rest: Type
    captures: dict[str, Type] = field(default_factory=dict)


def _any() -> AnyType:
    return AnyType("special")


class PatternChecker:
    """Pattern types for one ``Evaluator``."""

    def __init__(self, chk: "Evaluator") -> None:
        self.chk = chk
        self.rel = chk.p.relations

    def check(self, p: ast.pattern, subject: Type) -> PatternResult:
        method = getattr(self, "p_" + type(p).__name__, None)
        if method is None:
            return self.unknown(p, subject)
        try:
            return method(p, subject)  # type: ignore[no-any-return]
        except RecursionError:
            return self.unknown(p, subject)

    def unknown(self, p: ast.pattern, subject: Type) -> PatternResult:
        from tycheck.semantic.symbols import pattern_names

        return PatternResult(subject, subject, {n: _any() for n in pattern_names(p)})

    def infer_muted(self, e: ast.expr) -> Type:
        with self.chk.quiet():
            return self.chk.infer(e)

    # -- simple patterns ------------------------------------------------------------------------

    def p_MatchAs(self, p: ast.MatchAs, subject: Type) -> PatternResult:
        if p.pattern is None:
            res = PatternResult(subject, NEVER, {})
        else:
            res = self.check(p.pattern, subject)
        if p.name is not None and not isinstance(res.type, NeverType):
            res.captures[p.name] = res.type
        elif p.name is not None:
            res.captures[p.name] = NEVER
        return res

    def p_MatchOr(self, p: ast.MatchOr, subject: Type) -> PatternResult:
        matched: list[Type] = []
        captures: dict[str, list[Type]] = {}
        rest = subject
        for sub in p.patterns:
            r = self.check(sub, rest)
            matched.append(r.type)
            for n, t in r.captures.items():
                captures.setdefault(n, []).append(t)
            rest = r.rest
        return PatternResult(
            make_union(matched), rest, {n: make_union(ts) for n, ts in captures.items()}
        )

    def p_MatchSingleton(self, p: ast.MatchSingleton, subject: Type) -> PatternResult:
        if p.value is None:
            yes: list[Type] = []
            no: list[Type] = []
            for item in union_items(subject):
                if isinstance(item, NoneType):
                    yes.append(item)
                elif isinstance(item, (AnyType, TypeVarType)):
                    # A type variable may be bound to None: it stays itself on both sides.
                    yes.append(item)
                    no.append(item)
                elif isinstance(item, Instance) and item.fullname == "builtins.object":
                    yes.append(NoneType())
                    no.append(item)
                else:
                    no.append(item)
            return PatternResult(make_union(yes), make_union(no))
        return self.literal_split(subject, LiteralType(p.value, Instance("builtins.bool")))

    def p_MatchValue(self, p: ast.MatchValue, subject: Type) -> PatternResult:
        value = self.infer_muted(p.value)
        lit = (
            value
            if isinstance(value, LiteralType)
            else value.last_known_value
            if isinstance(value, Instance)
            else None
        )
        if lit is not None:
            return self.literal_split(subject, lit)
        if isinstance(value, AnyType):
            return PatternResult(subject, subject)
        yes: list[Type] = []
        for item in union_items(subject):
            if isinstance(item, AnyType):
                yes.append(value)
            elif self.rel.is_subtype(item, value):
                yes.append(item)
            elif self.rel.is_subtype(value, item):
                yes.append(value)
            elif self.maybe_equal(item, value):
                yes.append(item)
        return PatternResult(make_union(yes), subject)

    def maybe_equal(self, a: Type, b: Type) -> bool:
        """Whether values of two unrelated types might still compare equal."""
        a, b = strip_literal(a), strip_literal(b)
        if isinstance(a, Instance) and isinstance(b, Instance):
            builtin = a.fullname.startswith("builtins.") and b.fullname.startswith("builtins.")
            if builtin or (
                self.chk.p.class_info(a.fullname) and self.chk.p.class_info(a.fullname).is_enum
            ):  # type: ignore[union-attr]
                return False
            return True
        if isinstance(a, NoneType) or isinstance(b, NoneType):
            return False
        return True

    def literal_split(self, subject: Type, lit: LiteralType) -> PatternResult:
        yes: list[Type] = []
        no: list[Type] = []
        fallback = lit.fallback.fullname
        for item in union_items(subject):
            il = (
                item
                if isinstance(item, LiteralType)
                else item.last_known_value
                if isinstance(item, Instance)
                else None
            )
            if il is not None:
                if il == lit:
                    yes.append(item)
                elif il.fallback.fullname == fallback or not self.maybe_equal(
                    il.fallback, lit.fallback
                ):
                    no.append(item)
                else:
                    yes.append(item)
                    no.append(item)
                continue
            if isinstance(item, Instance) and item.fullname == fallback:
                info = self.chk.p.class_info(fallback)
                if info is not None and info.is_enum:
                    members = self.chk.narrow.enum_members(fallback)
                    yes.append(lit)
                    if members:
                        no.extend(LiteralType(m, item) for m in members if m != lit.value)
                    else:
                        no.append(item)
                    continue
                if fallback == "builtins.bool":
                    yes.append(lit)
                    no.append(LiteralType(not lit.value, item))
                    continue
                yes.append(lit)
                no.append(item)
                continue
            if isinstance(item, AnyType):
                yes.append(item)
                no.append(item)
                continue
            if isinstance(item, NoneType):
                no.append(item)
                continue
            if isinstance(item, Instance) and self.rel.is_subtype(lit.fallback, item):
                yes.append(lit)
                no.append(item)
                continue
            if isinstance(item, Instance) and self.rel.is_subtype(item, lit.fallback):
                yes.append(item)  # bool against an int literal
                no.append(item)
                continue
            if isinstance(item, Instance) and not self.maybe_equal(item, lit.fallback):
                no.append(item)
                continue
            yes.append(item)
            no.append(item)
        return PatternResult(make_union(yes), make_union(no))

    # -- class patterns ---------------------------------------------------------------------------

    def p_MatchClass(self, p: ast.MatchClass, subject: Type) -> PatternResult:
        wanted = self.chk.narrow.isinstance_types(p.cls)
        if wanted is None or not wanted:
            return self.unknown(p, subject)
        yes_map, no_map = self.chk.narrow.narrow_isinstance("\0", subject, wanted)
        matched = yes_map["\0"] if yes_map is not None else NEVER
        rest = no_map["\0"] if no_map is not None else NEVER
        if any(
            not self.rel.is_subtype(m, strip_literal(item))
            for m in union_items(matched)
            for item in [subject]
        ):
            # An unrelated class would need an intersection type, which we do not model.
            return self.unknown(p, subject)
        captures: dict[str, Type] = {}
        refutable = False
        cls_name = (
            wanted[0].fullname if len(wanted) == 1 and isinstance(wanted[0], Instance) else None
        )
        for i, sub in enumerate(p.patterns):
            if isinstance(matched, NeverType):
                captures.update({n: NEVER for n in self.unknown(sub, NEVER).captures})
                continue
            if cls_name in SELF_MATCHING and i == 0 and len(p.patterns) == 1:
                r = self.check(sub, matched)
                matched = r.type
            else:
                attr = self.match_arg_name(cls_name, i)
                if attr is None:
                    r = self.unknown(sub, _any())
                else:
                    r = self.check(sub, self.attribute_type(matched, attr, p))
                if not isinstance(r.rest, NeverType):
                    refutable = True
                if isinstance(r.type, NeverType):
                    matched = NEVER
            captures.update(r.captures)
        for name, sub in zip(p.kwd_attrs, p.kwd_patterns):
            if isinstance(matched, NeverType):
                captures.update({n: NEVER for n in self.unknown(sub, NEVER).captures})
                continue
            r = self.check(sub, self.attribute_type(matched, name, p))
            if not isinstance(r.rest, NeverType):
                refutable = True
            if isinstance(r.type, NeverType):
                matched = NEVER
            captures.update(r.captures)
        if refutable:
            rest = subject
        return PatternResult(matched, rest, captures)

    def match_arg_name(self, cls_name: str | None, index: int) -> str | None:
        if cls_name is None:
            return None
        from tycheck.semantic.symbols import VAR

        for klass in self.rel.mro(cls_name):
            ns = self.chk.p.class_namespace(klass)
            sym = ns.get("__match_args__") if ns is not None else None
            if sym is None:
                continue
            value = getattr(sym, "value", None)
            if sym.kind == VAR and isinstance(value, ast.Tuple):
                elts = value.elts
                if (
                    index < len(elts)
                    and isinstance(elts[index], ast.Constant)
                    and isinstance(elts[index].value, str)
                ):
                    return elts[index].value  # type: ignore[no-any-return]
            return None
        return None

    def attribute_type(self, t: Type, name: str, node: ast.AST) -> Type:
        with self.chk.quiet():
            try:
                return self.chk.member_access(t, name, node, report=False)
            except Exception:  # noqa: BLE001 - an unknown attribute only loses precision
                return _any()

    # -- sequences and mappings ---------------------------------------------------------------------

    def p_MatchSequence(self, p: ast.MatchSequence, subject: Type) -> PatternResult:
        star = next((i for i, s in enumerate(p.patterns) if isinstance(s, ast.MatchStar)), None)
        n = len(p.patterns)
        matched: list[Type] = []
        rest: list[Type] = []
        captures: dict[str, list[Type]] = {}
        for item in union_items(subject):
            elems = self.sequence_elements(item, n, star)
            if elems is None:
                rest.append(item)
                continue
            refutable = not (isinstance(item, TupleType) and star is None)
            sub_types: list[Type] = []
            ok = True
            for sub, et in zip(p.patterns, elems):
                if isinstance(sub, ast.MatchStar):
                    if sub.name is not None:
                        captures.setdefault(sub.name, []).append(Instance("builtins.list", (et,)))
                    sub_types.append(et)
                    continue
                r = self.check(sub, et)
                for name, ct in r.captures.items():
                    captures.setdefault(name, []).append(ct)
                if isinstance(r.type, NeverType):
                    ok = False
                if not isinstance(r.rest, NeverType):
                    refutable = True
                sub_types.append(r.type)
            if ok:
                matched.append(self.rebuild_sequence(item, sub_types, star))
            if refutable or not ok:
                rest.append(item)
        return PatternResult(
            make_union(matched), make_union(rest), {k: make_union(v) for k, v in captures.items()}
        )

    def sequence_elements(self, item: Type, n: int, star: int | None) -> list[Type] | None:
        """Element types for each sub-pattern, or None when ``item`` cannot match."""
        if isinstance(item, AnyType):
            return [_any()] * n
        if isinstance(item, TupleType):
            if star is None:
                return list(item.items) if len(item.items) == n else None
            if len(item.items) < n - 1:
                return None
            after = n - star - 1
            mid = list(item.items[star : len(item.items) - after])
            mid_t = self.rel.join_all([strip_literal(x) for x in mid]) if mid else NEVER
            return list(item.items[:star]) + [mid_t] + list(item.items[len(item.items) - after :])
        if isinstance(item, TypeVarType):
            return (
                None
                if not isinstance(item.upper_bound, Instance)
                else self.sequence_elements(item.upper_bound, n, star)
            )
        if isinstance(item, Instance):
            if item.fullname in NON_SEQUENCE:
                return None
            if item.fullname == "builtins.object":
                return [Instance("builtins.object")] * n
            seq = self.rel.map_to_supertype(item, "typing.Sequence")
            if seq is None or not seq.args:
                return None
            return [seq.args[0]] * n
        return None

    def rebuild_sequence(self, item: Type, sub_types: list[Type], star: int | None) -> Type:
        if isinstance(item, TupleType) and star is None:
            return TupleType(tuple(sub_types), item.fallback) if hasattr(item, "fallback") else item
        if isinstance(item, Instance) and item.fullname in ("builtins.object", "typing.Sequence"):
            elem = self.rel.join_all([strip_literal(t) for t in sub_types]) if sub_types else _any()
            if isinstance(elem, NeverType):
                elem = _any()
            return Instance("typing.Sequence", (elem,))
        return item

    def p_MatchMapping(self, p: ast.MatchMapping, subject: Type) -> PatternResult:
        captures: dict[str, Type] = {}
        value_t: Type = _any()
        for item in union_items(subject):
            if isinstance(item, Instance):
                m = self.rel.map_to_supertype(item, "typing.Mapping")
                if m is not None and len(m.args) == 2:
                    value_t = m.args[1]
        for sub in p.patterns:
            r = self.check(sub, value_t)
            captures.update(r.captures)
        if p.rest is not None:
            captures[p.rest] = Instance("builtins.dict", (_any(), _any()))
        return PatternResult(subject, subject, captures)


def _capture_nodes(p: ast.pattern) -> dict[str, ast.pattern]:
    """The pattern node binding each capture name (for error positions)."""
    out: dict[str, ast.pattern] = {}
    for node in ast.walk(p):
        name = (
            getattr(node, "name", None) if isinstance(node, (ast.MatchAs, ast.MatchStar)) else None
        )
        if name is not None:
            out.setdefault(name, node)
    return out


def check_match(chk: "Evaluator", s: ast.Match) -> None:
    """Check a ``match`` statement: narrow the subject case by case and bind the captures."""
    from tycheck.checker.flow.binder import ref_key
    from tycheck.checker.core.messages import incompatible_capture
    from tycheck.types.model import PartialType

    subject_t = chk.infer(s.subject)
    subject_expr = s.subject.target if isinstance(s.subject, ast.NamedExpr) else s.subject
    key = ref_key(subject_expr)
    pc = PatternChecker(chk)
    # First pass: a capture variable not declared before gets the union of its captures.
    inferred: dict[str, list[Type]] = {}
    for case in s.cases:
        for name, t in pc.check(case.pattern, subject_t).captures.items():
            inferred.setdefault(name, []).append(t)
    for name, ts in inferred.items():
        if chk.declared_type_of(name) is None and name not in chk.state:
            live = [strip_literal(t) for t in ts if not isinstance(t, NeverType)]
            chk.declared[name] = make_union(live) if live else _any()
    before = dict(chk.state)
    current = subject_t
    results: list[dict[str, Type] | None] = []
    for case in s.cases:
        chk.state = dict(before)
        if key is not None:
            chk.state[key] = current
        r = pc.check(case.pattern, current)
        if isinstance(r.type, NeverType):
            results.append(chk.run_branch(case.body, None, chk.state, silent=False))
            continue
        if key is not None:
            chk.state[key] = r.type
        nodes = _capture_nodes(case.pattern)
        for name, t in r.captures.items():
            decl = chk.declared.get(name) or chk.declared_type_of(name)
            if isinstance(t, NeverType):
                continue
            if (
                decl is not None
                and not isinstance(decl, (AnyType, PartialType))
                and not chk.p.relations.is_subtype(t, decl)
            ):
                chk.fail(
                    nodes.get(name, case.pattern),
                    Message(incompatible_capture(t, decl), codes.ASSIGNMENT),
                )
                continue
            chk.state[name] = t
        start = dict(chk.state)
        yes: dict[str, Type] | None = {}
        if case.guard is not None:
            chk.infer(case.guard)
            yes, _ = chk.narrow.condition_maps(case.guard)
        results.append(chk.run_branch(case.body, yes, start, silent=False))
        if case.guard is None:
            current = r.rest
    if isinstance(current, NeverType):
        results.append(None)
    else:
        fall = dict(before)
        if key is not None and current != subject_t:
            fall[key] = current
        results.append(fall)
    chk.finish_branches(results)
