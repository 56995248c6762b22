"""Checks of printf-style string interpolation (``'%d' % x``) on literal format strings.

Only a literal ``str``/``bytes`` left operand is checked, as mypy does. The format string is
split into conversion specifiers; their count is compared with the replacements and each
replacement's type with the type its placeholder accepts. Whatever is not understood (unknown
classes in the stubs, unusual replacement types) is left unchecked: no error.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from tycheck.checker import messages as msg
from tycheck.types.display import format_types as _format_types
from tycheck.types.model import (
    AnyType,
    Instance,
    NoneType,
    TupleType,
    Type,
    TypeVarType,
    UnionType,
    strip_literal,
)

if TYPE_CHECKING:
    from tycheck.checker.body import BodyChecker


def format_types(*ts: Type) -> list[str]:
    """Types as they appear in messages (quoted as mypy quotes them)."""
    return [msg.quote_type(t) for t in _format_types(*ts)]

CODE = "str-format"

# One printf-style conversion: %[(key)][flags][width][.precision][length]type. Deliberately a
# little wider than Python's own grammar so that bad type characters get a message.
_SPEC_RE = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?"
    r"(?P<flags>[#0\-+ ]*)"
    r"(?P<width>[1-9][0-9]*|\*)?"
    r"(?:\.(?P<precision>\*|[0-9]+)?)?"
    r"[hlL]?"
    r"(?P<type>.)?",
    re.DOTALL,
)

_INT_ONLY = {"o", "x", "X"}
_FLOAT_LIKE = {"e", "E", "f", "F", "g", "G"}
_NUMERIC = {"d", "i", "o", "u", "x", "X", "e", "E", "f", "F", "g", "G"}


@dataclass(frozen=True)
class Spec:
    """One conversion specifier of a % format string."""

    key: str | None
    width: str
    precision: str
    conv: str

    def has_star(self) -> bool:
        return self.width == "*" or self.precision == "*"


def parse_specs(fmt: str) -> list[Spec]:
    return [
        Spec(m.group("key"), m.group("width") or "", m.group("precision") or "", m.group("type") or "")
        for m in _SPEC_RE.finditer(fmt)
    ]


# A check of one replacement: given its type and (when known) its expression, report errors.
Checker = Callable[[Type, "ast.expr | None"], None]


class PercentFormat:
    """Checks one ``literal % replacements`` expression."""

    def __init__(self, chk: "BodyChecker", e: ast.BinOp, fmt: str | bytes) -> None:
        self.chk = chk
        self.e = e
        self.is_bytes = isinstance(fmt, bytes)
        self.fmt = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
        self.reported: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------

    def fail(self, node: ast.AST, message: str, code: str = CODE) -> None:
        # One message once per expression (the union case checks the same specifiers repeatedly).
        if message in self.reported:
            return
        self.reported.add(message)
        self.chk.fail(node, message, code)

    def named(self, fullname: str) -> Type:
        """An instance of a class, or Any where the stubs lack it (so nothing is reported)."""
        if self.chk.p.class_info(fullname) is None:
            return AnyType("special")
        return Instance(fullname)

    def is_subtype(self, t: Type, sup: Type) -> bool:
        return self.chk.p.relations.is_subtype(t, sup)

    def has_component(self, t: Type, fullname: str) -> bool:
        t = strip_literal(t)
        if isinstance(t, Instance):
            return fullname in self.chk.p.relations.mro(t.fullname)
        if isinstance(t, TypeVarType):
            return self.has_component(t.upper_bound, fullname) or any(self.has_component(v, fullname) for v in t.values)
        if isinstance(t, UnionType):
            return any(self.has_component(i, fullname) for i in t.items)
        return False

    # -- entry -------------------------------------------------------------------------------

    def check(self) -> Type:
        specs = parse_specs(self.fmt)
        has_key = any(s.key is not None for s in specs)
        if has_key and any(s.has_star() for s in specs):
            self.fail(self.e.left, "String interpolation contains both stars and mapping keys")
            self.chk.infer(self.e.right)
        elif has_key and not all(s.key is not None or s.conv == "%" for s in specs):
            self.fail(self.e.left, "String interpolation mixes specifier with and without mapping keys")
            self.chk.infer(self.e.right)
        elif has_key:
            self.check_mapping(specs)
        else:
            self.check_positional(specs)
        return Instance("builtins.bytes" if self.is_bytes else "builtins.str")

    # -- placeholder types -----------------------------------------------------------------------

    def expected_type(self, conv: str) -> Type | None:
        """The type a placeholder accepts, or None after reporting an unsupported one."""
        node = self.e.right
        if conv == "b":
            if not self.is_bytes:
                self.fail(node, 'Format character "b" is only supported on bytes patterns')
                return None
            return self.named("builtins.bytes")
        if conv in ("a", "s", "r"):
            return AnyType("special")
        if conv in _NUMERIC:
            if conv in _INT_ONLY:
                return self.named("builtins.int")
            extra = "typing.SupportsFloat" if conv in _FLOAT_LIKE else "typing.SupportsInt"
            items = (self.named("builtins.int"), self.named("builtins.float"), self.named(extra))
            if any(isinstance(i, AnyType) for i in items):
                return AnyType("special")
            return UnionType(items)
        if conv == "c":
            other = self.named("builtins.bytes" if self.is_bytes else "builtins.str")
            i = self.named("builtins.int")
            if isinstance(other, AnyType) or isinstance(i, AnyType):
                return AnyType("special")
            return UnionType((i, other))
        self.fail(node, f'Unsupported format character "{conv}"')
        return None

    def checkers(self, specs: list[Spec]) -> list[Checker] | None:
        out: list[Checker] = []
        for s in specs:
            if s.width == "*":
                out.append(self.star_checker)
            if s.precision == "*":
                out.append(self.star_checker)
            if s.conv == "%":
                continue
            expected = self.expected_type(s.conv)
            if expected is None:
                return None
            out.append(self.c_checker(expected) if s.conv == "c" else self.regular_checker(expected, s.conv))
        return out

    def star_checker(self, t: Type, node: ast.expr | None) -> None:
        if not self.is_subtype(t, self.named("builtins.int")):
            self.fail(self.e.right, "* wants int")

    def regular_checker(self, expected: Type, conv: str) -> Checker:
        def check(t: Type, node: ast.expr | None) -> None:
            if not self.is_subtype(t, expected):
                got, exp = format_types(strip_literal(t), expected)
                self.fail(self.e.right, msg.incompatible_string_interpolation(got, "placeholder has type", exp))
            elif conv == "s":
                self.s_special_cases(t, self.e.right)

        return check

    def c_checker(self, expected: Type) -> Checker:
        what = '"%c" requires an integer in range(256) or a single byte' if self.is_bytes else '"%c" requires int or char'

        def check(t: Type, node: ast.expr | None) -> None:
            if not self.is_subtype(t, expected):
                (got,) = format_types(strip_literal(t))
                self.fail(self.e.right, f"{what} (expression has type {got})")
                return
            # A literal string or bytes must hold exactly one character.
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) != 1:
                if not self.is_bytes or isinstance(node.value, bytes):
                    self.fail(self.e.right, what)

        return check

    def s_special_cases(self, t: Type, node: ast.AST) -> None:
        if not self.is_bytes and self.has_component(t, "builtins.bytes"):
            self.fail(
                node,
                'If x = b\'abc\' then "%s" % x produces "b\'abc\'", not "abc". '
                'If this is desired behavior use "%r" % x. Otherwise, decode the bytes',
                "str-bytes-safe",
            )
        elif self.is_bytes and self.has_component(t, "builtins.str"):
            self.fail(node, "On Python 3 b'%s' requires bytes, not string")

    # -- positional ----------------------------------------------------------------------------

    def check_positional(self, specs: list[Spec]) -> None:
        checkers = self.checkers(specs)
        rhs = self.chk.infer(self.e.right)
        if checkers is None:
            return
        nodes: list[ast.expr] | None = None
        r = self.e.right
        if isinstance(r, ast.Tuple) and not any(isinstance(x, ast.Starred) for x in r.elts):
            nodes = list(r.elts)
        self.check_against(checkers, rhs, nodes)

    def check_against(self, checkers: list[Checker], rhs: Type, nodes: list[ast.expr] | None) -> None:
        rhs = strip_literal(rhs)
        if isinstance(rhs, AnyType):
            return
        if isinstance(rhs, UnionType):
            for item in rhs.items:
                self.check_against(checkers, item, None)
            return
        if isinstance(rhs, TupleType):
            reps = list(rhs.items)
        elif isinstance(rhs, Instance) and rhs.fullname == "builtins.tuple":
            # A tuple of unknown length is assumed to have the right number of items.
            reps = [rhs.args[0] if rhs.args else AnyType("special")] * len(checkers)
        elif isinstance(rhs, (Instance, NoneType)):
            reps = [rhs]
        else:
            return  # unusual replacement types are left unchecked
        if len(checkers) > len(reps):
            if not isinstance(rhs, TupleType):
                iterable = self.named("typing.Iterable")
                if isinstance(iterable, AnyType) or self.is_subtype(rhs, Instance("typing.Iterable", (AnyType("special"),))):
                    return  # any iterable might hold enough items
            self.fail(self.e.right, "Not enough arguments for format string")
        elif len(checkers) < len(reps):
            self.fail(self.e.right, "Not all arguments converted during string formatting")
        elif len(checkers) == 1:
            if isinstance(rhs, TupleType) and len(rhs.items) == 1:
                checkers[0](rhs.items[0], nodes[0] if nodes else None)
            else:
                checkers[0](rhs, self.e.right)
        else:
            for i, (check, t) in enumerate(zip(checkers, reps)):
                check(t, nodes[i] if nodes is not None and isinstance(rhs, TupleType) else None)

    # -- mapping -------------------------------------------------------------------------------

    def check_mapping(self, specs: list[Spec]) -> None:
        r = self.e.right
        if isinstance(r, ast.Dict) and all(
            k is not None and isinstance(k, ast.Constant) and isinstance(k.value, (str, bytes)) for k in r.keys
        ):
            self.check_dict_literal(specs, r)
            return
        rhs = self.chk.infer(r)
        key = "builtins.bytes" if self.is_bytes else "builtins.str"
        if self.chk.p.class_info("_typeshed.SupportsKeysAndGetItem") is None or self.chk.p.class_info(key) is None:
            return
        expected = Instance("_typeshed.SupportsKeysAndGetItem", (Instance(key), AnyType("special")))
        if not self.is_subtype(rhs, expected):
            got, exp = format_types(strip_literal(rhs), expected)
            self.fail(r, f"Format requires a mapping (expression has type {got}, expected type for mapping is {exp})")
            self.chk.protocol_notes(r, rhs, expected, CODE)

    def check_dict_literal(self, specs: list[Spec], r: ast.Dict) -> None:
        mapping: dict[str, Type] = {}
        for k, v in zip(r.keys, r.values):
            assert isinstance(k, ast.Constant)
            if self.is_bytes and not isinstance(k.value, bytes):
                self.fail(self.e.left, "Dictionary keys in bytes formatting must be bytes, not strings")
            kv = k.value
            mapping[kv.decode("latin-1") if isinstance(kv, bytes) else kv] = self.chk.infer(v)
        for s in specs:
            if s.conv == "%":
                continue
            assert s.key is not None
            if s.key not in mapping:
                self.fail(r, f'Key "{s.key}" not found in mapping')
                return
            t = mapping[s.key]
            expected = self.expected_type(s.conv)
            if expected is None:
                return
            if not self.is_subtype(t, expected):
                got, exp = format_types(strip_literal(t), expected)
                self.fail(r, msg.incompatible_string_interpolation(got, f"placeholder with key '{s.key}' has type", exp))
            elif s.conv == "s":
                self.s_special_cases(t, self.e.left)


def check_percent_format(chk: "BodyChecker", e: ast.BinOp) -> Type | None:
    """The type of ``e`` if it is ``literal % x`` (checked here), else None."""
    if not (isinstance(e.op, ast.Mod) and isinstance(e.left, ast.Constant) and isinstance(e.left.value, (str, bytes))):
        return None
    chk.infer(e.left)
    return PercentFormat(chk, e, e.left.value).check()
