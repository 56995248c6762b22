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

from tycheck.checker.core import messages as msg
from tycheck.types.display import format_types as _format_types
from tycheck.types.model import (
    AnyType,
    Instance,
    LiteralType,
    NeverType,
    NoneType,
    TupleType,
    Type,
    TypeVarType,
    UnionType,
    strip_literal,
)
from tycheck.errors import codes, messages as em
from tycheck.errors.messages import Message

if TYPE_CHECKING:
    from tycheck.checker.core.evaluator import Evaluator


def format_types(*ts: Type) -> list[str]:
    """Types as they appear in messages (quoted as mypy quotes them)."""
    return [msg.quote_type(t) for t in _format_types(*ts)]


CODE = codes.STR_FORMAT


def _format_error(text: str) -> Message:
    return Message(text, CODE)


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
        Spec(
            m.group("key"),
            m.group("width") or "",
            m.group("precision") or "",
            m.group("type") or "",
        )
        for m in _SPEC_RE.finditer(fmt)
    ]


# A check of one replacement: given its type and (when known) its expression, report errors.
Checker = Callable[[Type, "ast.expr | None"], None]


class PercentFormat:
    """Checks one ``literal % replacements`` expression."""

    def __init__(self, chk: "Evaluator", e: ast.BinOp, fmt: str | bytes) -> None:
        self.chk = chk
        self.e = e
        self.is_bytes = isinstance(fmt, bytes)
        self.fmt = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
        self.reported: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------

    def fail(self, node: ast.AST, message: Message) -> None:
        # One message once per expression (the union case checks the same specifiers repeatedly).
        if message.text in self.reported:
            return
        self.reported.add(message.text)
        self.chk.fail(node, message)

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
            return self.has_component(t.upper_bound, fullname) or any(
                self.has_component(v, fullname) for v in t.values
            )
        if isinstance(t, UnionType):
            return any(self.has_component(i, fullname) for i in t.items)
        return False

    # -- entry -------------------------------------------------------------------------------

    def check(self) -> Type:
        specs = parse_specs(self.fmt)
        has_key = any(s.key is not None for s in specs)
        if has_key and any(s.has_star() for s in specs):
            self.fail(self.e.left, em.STRING_INTERPOLATION_CONTAINS_BOTH_STARS_AND)
            self.chk.infer(self.e.right)
        elif has_key and not all(s.key is not None or s.conv == "%" for s in specs):
            self.fail(self.e.left, em.STRING_INTERPOLATION_MIXES_SPECIFIER_WITH_AND)
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
                self.fail(node, em.FORMAT_CHARACTER_B_IS_ONLY_SUPPORTED)
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
        self.fail(node, _format_error(f'Unsupported format character "{conv}"'))
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
            out.append(
                self.c_checker(expected)
                if s.conv == "c"
                else self.regular_checker(expected, s.conv)
            )
        return out

    def star_checker(self, t: Type, node: ast.expr | None) -> None:
        if not self.is_subtype(t, self.named("builtins.int")):
            self.fail(self.e.right, em.WANTS_INT)

    def regular_checker(self, expected: Type, conv: str) -> Checker:
        def check(t: Type, node: ast.expr | None) -> None:
            if not self.is_subtype(t, expected):
                got, exp = format_types(strip_literal(t), expected)
                self.fail(
                    self.e.right,
                    _format_error(
                        msg.incompatible_string_interpolation(got, "placeholder has type", exp)
                    ),
                )
            elif conv == "s":
                self.s_special_cases(t, self.e.right)

        return check

    def c_checker(self, expected: Type) -> Checker:
        what = (
            '"%c" requires an integer in range(256) or a single byte'
            if self.is_bytes
            else '"%c" requires int or char'
        )

        def check(t: Type, node: ast.expr | None) -> None:
            if not self.is_subtype(t, expected):
                (got,) = format_types(strip_literal(t))
                self.fail(self.e.right, _format_error(f"{what} (expression has type {got})"))
                return
            # A literal string or bytes must hold exactly one character.
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (str, bytes))
                and len(node.value) != 1
            ):
                if not self.is_bytes or isinstance(node.value, bytes):
                    self.fail(self.e.right, _format_error(what))

        return check

    def s_special_cases(self, t: Type, node: ast.AST) -> None:
        if not self.is_bytes and self.has_component(t, "builtins.bytes"):
            self.fail(
                node,
                em.IF_X_B_ABC_THEN_S,
            )
        elif self.is_bytes and self.has_component(t, "builtins.str"):
            self.fail(node, em.ON_PYTHON_3_B_S_REQUIRES)

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

    def check_against(
        self, checkers: list[Checker], rhs: Type, nodes: list[ast.expr] | None
    ) -> None:
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
                if isinstance(iterable, AnyType) or self.is_subtype(
                    rhs, Instance("typing.Iterable", (AnyType("special"),))
                ):
                    return  # any iterable might hold enough items
            self.fail(self.e.right, em.NOT_ENOUGH_ARGUMENTS_FOR_FORMAT_STRING)
        elif len(checkers) < len(reps):
            self.fail(self.e.right, em.NOT_ALL_ARGUMENTS_CONVERTED_DURING_STRING)
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
            k is not None and isinstance(k, ast.Constant) and isinstance(k.value, (str, bytes))
            for k in r.keys
        ):
            self.check_dict_literal(specs, r)
            return
        key = "builtins.bytes" if self.is_bytes else "builtins.str"
        if (
            self.chk.p.class_info("_typeshed.SupportsKeysAndGetItem") is None
            or self.chk.p.class_info(key) is None
        ):
            self.chk.infer(r)
            return
        expected = Instance("_typeshed.SupportsKeysAndGetItem", (Instance(key), AnyType("special")))
        rhs = self.chk.infer(r, expected)
        # An argument inferred as Never (an empty or not understood collection) is no evidence.
        if isinstance(rhs, Instance) and any(isinstance(a, NeverType) for a in rhs.args):
            return
        if not self.is_subtype(rhs, expected):
            got, exp = format_types(strip_literal(rhs), expected)
            self.fail(
                r,
                _format_error(
                    f"Format requires a mapping (expression has type {got}, expected type for mapping is {exp})"
                ),
            )
            self.chk.protocol_notes(r, rhs, expected, CODE)

    def check_dict_literal(self, specs: list[Spec], r: ast.Dict) -> None:
        mapping: dict[str, Type] = {}
        for k, v in zip(r.keys, r.values):
            assert isinstance(k, ast.Constant)
            if self.is_bytes and not isinstance(k.value, bytes):
                self.fail(self.e.left, em.DICTIONARY_KEYS_IN_BYTES_FORMATTING_MUST)
            kv = k.value
            mapping[kv.decode("latin-1") if isinstance(kv, bytes) else kv] = self.chk.infer(v)
        for s in specs:
            if s.conv == "%":
                continue
            assert s.key is not None
            if s.key not in mapping:
                self.fail(r, _format_error(f'Key "{s.key}" not found in mapping'))
                return
            t = mapping[s.key]
            expected = self.expected_type(s.conv)
            if expected is None:
                return
            if not self.is_subtype(t, expected):
                got, exp = format_types(strip_literal(t), expected)
                self.fail(
                    r,
                    _format_error(
                        msg.incompatible_string_interpolation(
                            got, f"placeholder with key '{s.key}' has type", exp
                        )
                    ),
                )
            elif s.conv == "s":
                self.s_special_cases(t, self.e.left)


def check_percent_format(chk: "Evaluator", e: ast.BinOp) -> Type | None:
    """The type of ``e`` if it is ``literal % x`` (checked here), else None."""
    if not (
        isinstance(e.op, ast.Mod)
        and isinstance(e.left, ast.Constant)
        and isinstance(e.left.value, (str, bytes))
    ):
        return None
    chk.infer(e.left)
    return PercentFormat(chk, e, e.left.value).check()


# -- str.format() -----------------------------------------------------------------------------

# A standard replacement field: field[!conversion][:format_spec]; the spec follows the builtin
# format mini-language. The field may carry .attr / [index] accessors after its key.
_FIELD = r"(?P<field>(?P<key>[^.[!:]*)(?P<accessors>[^:!]+)?)"
_CONVERSION = r"(?P<conversion>![^:])?"
_STD_SPEC = (
    r"(?P<format_spec>:(?P<fill_align>.?[<>=^])?"
    r"(?P<flags>[+\- ]?#?0?)(?P<width>\d+)?[_,]?(?P<precision>\.\d+)?(?P<type>.)?)?"
)
_NEW_RE = re.compile(_FIELD + _CONVERSION + _STD_SPEC, re.DOTALL)
_NEW_CUSTOM_RE = re.compile(_FIELD + _CONVERSION + r"(?P<format_spec>:.*)?", re.DOTALL)

_NUMERIC_NEW = {"b", "d", "o", "e", "E", "f", "F", "g", "G", "n", "x", "X", "%"}
_INT_ONLY_NEW = {"b", "d", "o", "x", "X"}

_BYTES_IN_FORMAT = (
    'If x = b\'abc\' then f"{x}" or "{}".format(x) produces "b\'abc\'", not "abc". '
    'If this is desired behavior, use f"{x!r}" or "{!r}".format(x). Otherwise, decode the bytes'
)


@dataclass
class Field:
    """One replacement field of a str.format() string."""

    key: str
    accessors: str
    conversion: str | None
    format_spec: str | None
    custom_spec: bool
    flags: str
    conv: str


class FormatError(Exception):
    """A format string mypy rejects; the message is reported once, checking stops."""


def _targets(fmt: str) -> list[str]:
    """The raw text inside each top-level {...} (doubled braces are literal text)."""
    out: list[str] = []
    cur = ""
    depth = 0
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if not depth:
            if c == "{":
                if i + 1 < len(fmt) and fmt[i + 1] == "{":
                    i += 1
                else:
                    depth = 1
            elif c == "}":
                if i + 1 < len(fmt) and fmt[i + 1] == "}":
                    i += 1
                else:
                    raise FormatError("Invalid conversion specifier in format string: unexpected }")
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            if depth:
                cur += c
            else:
                out.append(cur)
                cur = ""
        i += 1
    if depth:
        raise FormatError("Invalid conversion specifier in format string: unmatched {")
    return out


def parse_fields(fmt: str, nested: bool = False) -> list[Field]:
    """The replacement fields in order, nested ones (in a format spec) after their parent."""
    fields: list[Field] = []
    for target in _targets(fmt):
        custom = False
        m = _NEW_RE.fullmatch(target)
        if m is None:
            m = _NEW_CUSTOM_RE.fullmatch(target)
            custom = True
        if m is None:
            raise FormatError("Invalid conversion specifier in format string")
        key = m.group("key") or ""
        if "{" in key or "}" in key:
            raise FormatError("Conversion value must not contain { or }")
        spec = m.group("format_spec")
        groups = m.groupdict()
        fields.append(
            Field(
                key,
                m.group("accessors") or "",
                m.group("conversion"),
                spec,
                custom,
                groups.get("flags") or "",
                groups.get("type") or "",
            )
        )
        if spec and custom and ("{" in spec or "}" in spec):
            if nested:
                raise FormatError("Formatting nesting must be at most two levels deep")
            fields.extend(parse_fields(spec, nested=True))
    return fields


class FormatCall:
    """Checks one ``'literal'.format(...)`` call."""

    def __init__(self, chk: "Evaluator", call: ast.Call, fmt: str) -> None:
        self.chk = chk
        self.call = call
        self.fmt = fmt
        self.pct = PercentFormat.__new__(PercentFormat)  # shares the type helpers
        self.pct.chk = chk
        self.pct.reported = set()

    def fail(self, message: Message | str) -> None:
        """Report at the call; a plain text is a ``str-format`` error, as most here are."""
        self.chk.fail(
            self.call, message if isinstance(message, Message) else Message(message, CODE)
        )

    def check(self) -> None:
        try:
            fields = parse_fields(self.fmt)
        except FormatError as err:
            self.fail(str(err))
            return
        if not self.number(fields):
            return
        reps = self.find_replacements(fields)
        for f, rep in zip(fields, reps):
            if rep is None:
                continue
            node, actual = rep
            if node is not None:
                actual = self.infer_quietly(node)
            if actual is not None and f.accessors:
                actual = self.apply_accessors(f, actual)
                node = None
            if actual is not None:
                self.check_field(f, node, actual)

    def apply_accessors(self, f: Field, base: Type) -> Type | None:
        """The type of ``arg.attr[index]...`` for a field with accessors; None after an error."""
        field = f.key + f.accessors
        try:
            tree = ast.parse("__format_field__" + f.accessors, mode="eval").body
        except SyntaxError:
            self.fail(f'Syntax error in format specifier "{field}"')
            return None
        ops: list[tuple[str, object]] = []
        node = tree
        while not (isinstance(node, ast.Name) and node.id == "__format_field__"):
            if isinstance(node, ast.Attribute):
                ops.append(("attr", node.attr))
                node = node.value
            elif isinstance(node, ast.Subscript):
                index = node.slice
                if isinstance(index, ast.Name):
                    ops.append(("index", index.id))  # '{0[name]}' indexes with the string 'name'
                elif (
                    isinstance(index, ast.Constant)
                    and isinstance(index.value, int)
                    and not isinstance(index.value, bool)
                ):
                    ops.append(("index", index.value))
                else:
                    self.fail(f'Invalid index expression in format field accessor "{f.accessors}"')
                    return None
                node = node.value
            else:
                self.fail(
                    f'Only index and member expressions are allowed in format field accessors; got "{field}"'
                )
                return None
        t = base
        for kind, value in reversed(ops):
            if kind == "attr":
                assert isinstance(value, str)
                t = self.chk.member_access(t, value, self.call)
            else:
                const = ast.Constant(value=value)
                ast.copy_location(const, self.call)
                t = self.chk.index_type(t, self.chk.infer(const), self.call, const)
        return t

    def number(self, fields: list[Field]) -> bool:
        """Give automatically numbered fields their numbers; False after an error."""
        if any(f.key.isdecimal() for f in fields) and not all(f.key for f in fields):
            self.fail(em.CANNOT_COMBINE_AUTOMATIC_FIELD_NUMBERING_AND)
            return False
        n = 0
        for f in fields:
            if not f.key:
                f.key = str(n)
                n += 1
        return True

    def find_replacements(
        self, fields: list[Field]
    ) -> list[tuple[ast.expr | None, Type | None] | None]:
        """For each field its argument (expression, or the item type of *args/**kwargs)."""
        positional = [a for a in self.call.args if not isinstance(a, ast.Starred)]
        stars = [a for a in self.call.args if isinstance(a, ast.Starred)]
        named = {k.arg: k.value for k in self.call.keywords if k.arg is not None}
        star2 = [k.value for k in self.call.keywords if k.arg is None]
        used: set[int] = set()
        out: list[tuple[ast.expr | None, Type | None] | None] = []
        for f in fields:
            expr: ast.expr | None = None
            if f.key.isdecimal():
                i = int(f.key)
                if i < len(positional):
                    expr = positional[i]
                elif stars:
                    out.append((None, self.container_item(stars[0].value, "typing.Sequence", 0)))
                    continue
                else:
                    self.fail(f"Cannot find replacement for positional format specifier {f.key}")
            else:
                if f.key in named:
                    expr = named[f.key]
                elif star2:
                    out.append((None, self.container_item(star2[0], "typing.Mapping", 1)))
                    continue
                else:
                    self.fail(f'Cannot find replacement for named format specifier "{f.key}"')
            if expr is None:
                out.append(None)
            else:
                used.add(id(expr))
                out.append((expr, None))
        if len(used) < len(positional) + len(named):
            self.fail(em.NOT_ALL_ARGUMENTS_CONVERTED_DURING_STRING)
        return out

    def container_item(self, node: ast.expr, base: str, index: int) -> Type | None:
        t = self.infer_quietly(node)
        if isinstance(t, Instance):
            mapped = self.chk.p.relations.map_to_supertype(t, base)
            if mapped is not None and len(mapped.args) > index:
                return mapped.args[index]
        return None

    def infer_quietly(self, node: ast.expr) -> Type | None:
        """The type of an argument already checked by the call; None if re-inference is unsafe."""
        if any(
            isinstance(n, (ast.NamedExpr, ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom))
            for n in ast.walk(node)
        ):
            return None
        result: list[Type] = []
        # The argument was checked already: this second look must change nothing.
        saved_state = dict(self.chk.state)
        saved_unreachable = self.chk.unreachable
        with self.chk.quiet():
            result.append(self.chk.infer(node))
        self.chk.state.clear()
        self.chk.state.update(saved_state)
        self.chk.unreachable = saved_unreachable
        return result[0] if result else None

    def has_custom(self, t: Type, name: str, check_all: bool = False) -> bool:
        """Whether the type's ``name`` method comes from a user class (not builtins/typing)."""
        t = strip_literal(t)
        if isinstance(t, TupleType):
            t = t.fallback
        if isinstance(t, Instance):
            for cls in self.chk.p.relations.mro(t.fullname):
                ns = self.chk.p.class_namespace(cls)
                if ns is not None and ns.get(name) is not None:
                    return not cls.startswith(("builtins.", "typing."))
            return False
        if isinstance(t, UnionType):
            results = [self.has_custom(i, name, check_all) for i in t.items]
            return all(results) if check_all else any(results)
        if isinstance(t, (TypeVarType, NoneType)):
            return False
        # Any and anything not understood: assume a custom method (no error).
        return True

    def check_field(self, f: Field, node: ast.expr | None, actual: Type) -> None:
        spec = f.format_spec
        if spec and f.custom_spec and "{" not in spec and "}" not in spec:
            if f.conversion or not self.has_custom(actual, "__format__", check_all=True):
                self.fail(f'Unrecognized format specification "{spec[1:]}"')
                return
        expected = self.expected_type(f.conv) if f.conv else AnyType("special")
        if f.conversion is not None:
            if f.conversion[1] not in "rsa":
                self.fail(
                    f'Invalid conversion type "{f.conversion[1]}", must be one of "r", "s" or "a"'
                )
            actual = Instance("builtins.str")
        if expected is None:
            return
        for item in (
            strip_literal(actual).items
            if isinstance(strip_literal(actual), UnionType)
            else (actual,)
        ):  # type: ignore[union-attr]
            if self.has_custom(item, "__format__") and not isinstance(item, AnyType):
                continue
            if isinstance(item, AnyType):
                continue
            if not self.pct.is_subtype(item, expected):
                got, exp = format_types(strip_literal(item), expected)
                self.fail(msg.incompatible_string_interpolation(got, "placeholder has type", exp))
            self.special_checks(f, node, item)

    def expected_type(self, conv: str) -> Type | None:
        named = self.pct.named
        if conv in ("a", "s", "r"):
            return AnyType("special")
        if conv in _NUMERIC_NEW:
            if conv in _INT_ONLY_NEW:
                return named("builtins.int")
            i, fl = named("builtins.int"), named("builtins.float")
            return (
                AnyType("special")
                if isinstance(i, AnyType) or isinstance(fl, AnyType)
                else UnionType((i, fl))
            )
        if conv == "c":
            i, s = named("builtins.int"), named("builtins.str")
            return (
                AnyType("special")
                if isinstance(i, AnyType) or isinstance(s, AnyType)
                else UnionType((i, s))
            )
        self.fail(f'Unsupported format character "{conv}"')
        return None

    def special_checks(self, f: Field, node: ast.expr | None, actual: Type) -> None:
        if f.conv == "c":
            value = node.value if isinstance(node, ast.Constant) else None
            t = self.infer_quietly(node) if node is not None and value is None else None
            if isinstance(t, Instance) and t.last_known_value is not None:
                value = t.last_known_value.value
            if isinstance(value, (str, bytes)) and len(value) != 1:
                self.fail(em.C_REQUIRES_INT_OR_CHAR)
        if (not f.conv or f.conv == "s") and not f.conversion:
            if self.pct.has_component(actual, "builtins.bytes") and not self.has_custom(
                actual, "__str__"
            ):
                self.fail(Message(_BYTES_IN_FORMAT, codes.STR_BYTES_SAFE))
        if f.flags:
            numeric = UnionType((Instance("builtins.int"), Instance("builtins.float")))
            if (f.conv and f.conv not in _NUMERIC_NEW) or (
                not f.conv
                and not self.pct.is_subtype(actual, numeric)
                and not self.has_custom(actual, "__format__")
            ):
                self.fail(em.NUMERIC_FLAGS_ARE_ONLY_ALLOWED_FOR)


def check_format_call(chk: "Evaluator", call: ast.Call) -> None:
    """Check ``'literal'.format(...)``: field syntax, argument matching and placeholder types."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "format"):
        return
    if isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
        FormatCall(chk, call, func.value.value).check()
    elif isinstance(func.value, (ast.Name, ast.Attribute)):
        # A Final name or Literal-typed value, or a str-valued enum member.
        t = FormatCall(chk, call, "").infer_quietly(func.value)
        value = _literal_str(chk, t) if t is not None else None
        if value is not None:
            FormatCall(chk, call, value).check()


def _literal_str(chk: "Evaluator", t: Type) -> str | None:
    lit_value = (
        t.last_known_value if isinstance(t, Instance) else t if isinstance(t, LiteralType) else None
    )
    if lit_value is None:
        return None
    if isinstance(lit_value.value, str) and lit_value.fallback.fullname == "builtins.str":
        return lit_value.value
    info = chk.p.class_info(lit_value.fallback.fullname)
    found = chk.p.class_node(lit_value.fallback.fullname)
    member = getattr(lit_value.value, "name", None)  # an enum literal's value is its member
    if info is None or not info.is_enum or found is None or not isinstance(member, str):
        return None
    # The enum member's value, when it is assigned a plain string in the class body.
    for stmt in found[1].body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == member
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            return stmt.value.value
    return None


def check_fstring_value(
    chk: "Evaluator", node: ast.JoinedStr, value: ast.FormattedValue, t: Type
) -> None:
    """f"{x}" with bytes x (no !r/!s/!a conversion) prints the bytes repr, as "{}".format(x) does."""
    if value.conversion != -1:
        return
    helper = FormatCall(chk, ast.Call(func=ast.Name(id="format"), args=[], keywords=[]), "")
    if helper.pct.has_component(t, "builtins.bytes") and not helper.has_custom(t, "__str__"):
        chk.fail(node, Message(_BYTES_IN_FORMAT, codes.STR_BYTES_SAFE))
