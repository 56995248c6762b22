"""The registry of error codes, the names users write in ``# type: ignore[...]``.

The set of names, their descriptions, which ones are off unless enabled, and which codes are
narrower "sub-codes" of another are an interface shared with mypy 2.4.1: config files and
ignore comments written for mypy must mean the same thing to us.

A sub-code (``method-assign`` under ``assignment``) is covered by an ignore of its parent and
is disabled when its parent is disabled, unless it is enabled explicitly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Mapping


@dataclass(frozen=True)
class ErrorCode:
    """One error code: its name, a one-line description and how it is enabled."""

    name: str
    description: str
    category: str = "General"
    default_enabled: bool = True
    sub_code_of: str | None = None

    def __str__(self) -> str:
        return self.name


# (name, description, default_enabled, parent). Order follows the upstream registry so that
# listings (e.g. documentation or --help output) come out in the familiar order.
_TABLE: Final[tuple[tuple[str, str, bool, str | None], ...]] = (
    ("attr-defined", "Check that attribute exists", True, None),
    ("name-defined", "Check that name is defined", True, None),
    ("call-arg", "Check number, names and kinds of arguments in calls", True, None),
    ("arg-type", "Check argument types in calls", True, None),
    ("call-overload", "Check that an overload variant matches arguments", True, None),
    ("valid-type", "Check that type (annotation) is valid", True, None),
    ("nonetype-type", "Check that type (annotation) is not NoneType", True, None),
    ("var-annotated", "Require variable annotation if type can't be inferred", True, None),
    ("override", "Check that method override is compatible with base class", True, None),
    ("return", "Check that function always returns a value", True, None),
    ("return-value", "Check that return value is compatible with signature", True, None),
    ("assignment", "Check that assigned value is compatible with target", True, None),
    ("method-assign", "Check that assignment target is not a method", True, "assignment"),
    ("type-arg", "Check that generic type arguments are present", True, None),
    ("type-var", "Check that type variable values are valid", True, None),
    ("union-attr", "Check that attribute exists in each item of a union", True, None),
    ("index", "Check indexing operations", True, None),
    ("operator", "Check that operator is valid for operands", True, None),
    ("list-item", "Check list items in a list expression [item, ...]", True, None),
    ("dict-item", "Check dict items in a dict expression {key: value, ...}", True, None),
    ("typeddict-item", "Check items when constructing TypedDict", True, None),
    (
        "typeddict-unknown-key",
        "Check unknown keys when constructing TypedDict",
        True,
        "typeddict-item",
    ),
    ("has-type", "Check that type of reference can be determined", True, None),
    ("import", "Require that imported module can be found or has stubs", True, None),
    ("import-not-found", "Require that imported module can be found", True, "import"),
    ("import-untyped", "Require that imported module has stubs", True, "import"),
    ("no-redef", "Check that each name is defined once", True, None),
    (
        "func-returns-value",
        "Check that called function returns a value in value context",
        True,
        None,
    ),
    ("abstract", "Prevent instantiation of classes with abstract attributes", True, None),
    (
        "type-abstract",
        "Require only concrete classes where Type[...] is expected",
        True,
        None,
    ),
    ("valid-newtype", "Check that argument 2 to NewType is valid", True, None),
    ("str-format", "Check that string formatting/interpolation is type-safe", True, None),
    (
        "str-bytes-safe",
        "Warn about implicit coercions related to bytes and string types",
        True,
        None,
    ),
    ("exit-return", "Warn about too general return type for '__exit__'", True, None),
    ("literal-required", "Check that value is a literal", True, None),
    ("unused-coroutine", "Ensure that all coroutines are used", True, None),
    (
        "empty-body",
        "A dedicated error code to opt out return errors for empty/trivial bodies",
        True,
        None,
    ),
    ("safe-super", "Warn about calls to abstract methods with empty/trivial bodies", True, None),
    ("top-level-await", "Warn about top level await expressions", True, None),
    ("await-not-async", 'Warn about "await" outside coroutine ("async def")', True, None),
    ("no-untyped-def", "Check that every function has an annotation", True, None),
    (
        "no-untyped-call",
        "Disallow calling functions without type annotations from annotated functions",
        True,
        None,
    ),
    ("redundant-cast", "Check that cast changes type of expression", True, None),
    ("assert-type", "Check that assert_type() call succeeds", True, None),
    (
        "comparison-overlap",
        "Check that types in comparisons and 'in' expressions overlap",
        True,
        None,
    ),
    ("no-any-unimported", 'Reject "Any" types from unfollowed imports', True, None),
    (
        "no-any-return",
        'Reject returning value with "Any" type if return type is not "Any"',
        True,
        None,
    ),
    ("unreachable", "Warn about unreachable statements or expressions", True, None),
    (
        "annotation-unchecked",
        "Notify about type annotations in unchecked functions",
        True,
        None,
    ),
    ("typeddict-readonly-mutated", "TypedDict's ReadOnly key is mutated", True, None),
    (
        "possibly-undefined",
        "Warn about variables that are defined only in some execution paths",
        False,
        None,
    ),
    ("redundant-expr", "Warn about redundant expressions", False, None),
    (
        "truthy-bool",
        "Warn about expressions that could always evaluate to true in boolean contexts",
        False,
        None,
    ),
    (
        "truthy-function",
        "Warn about function that always evaluate to true in boolean contexts",
        True,
        None,
    ),
    (
        "truthy-iterable",
        "Warn about Iterable expressions that could always evaluate to true in boolean contexts",
        False,
        None,
    ),
    ("str-unpack", "Warn about expressions that unpack str", True, None),
    ("name-match", "Check that type definition has consistent naming", True, None),
    (
        "no-overload-impl",
        "Check that overloaded functions outside stub files have an implementation",
        True,
        None,
    ),
    (
        "ignore-without-code",
        "Warn about '# type: ignore' comments which do not have error codes",
        False,
        None,
    ),
    ("unused-awaitable", "Ensure that all awaitable values are used", False, None),
    (
        "redundant-self",
        "Warn about redundant Self type annotations on method first argument",
        False,
        None,
    ),
    (
        "used-before-def",
        "Warn about variables that are used before they are defined",
        True,
        None,
    ),
    ("unused-ignore", "Ensure that all type ignores are used", False, None),
    (
        "explicit-override",
        "Require @override decorator if method is overriding a base class method",
        False,
        None,
    ),
    (
        "unimported-reveal",
        "Require explicit import from typing or typing_extensions for reveal_type",
        False,
        None,
    ),
    ("mutable-override", "Reject covariant overrides for mutable attributes", False, None),
    ("exhaustive-match", "Reject match statements that are not exhaustive", False, None),
    ("metaclass", "Ensure that metaclass is valid", True, None),
    (
        "maybe-unrecognized-str-typeform",
        "Error when a string is used where a TypeForm is expected but a string annotation "
        "cannot be recognized",
        True,
        None,
    ),
    ("syntax", "Report syntax errors", True, None),
    ("misc", "Miscellaneous other checks", True, None),
    ("overload-cannot-match", "Warn if an @overload signature can never be matched", True, "misc"),
    (
        "overload-overlap",
        "Warn if multiple @overload variants overlap in unsafe ways",
        True,
        "misc",
    ),
    ("prop-decorator", "Decorators on top of @property are not supported", True, "misc"),
    (
        "untyped-decorator",
        "Error if an untyped decorator makes a typed function untyped",
        True,
        None,
    ),
    (
        "narrowed-type-not-subtype",
        "Warn if a TypeIs function's narrowed type is not a subtype of the original type",
        True,
        None,
    ),
    ("explicit-any", "Warn about explicit Any type annotations", True, None),
    (
        "deprecated",
        "Warn when importing or using deprecated (overloaded) functions, methods or classes",
        False,
        None,
    ),
)


def _build_registry() -> dict[str, ErrorCode]:
    registry: dict[str, ErrorCode] = {}
    for name, description, enabled, parent in _TABLE:
        # Nesting is one level deep only: a parent is never itself a sub-code.
        assert parent is None or parent in registry, name
        registry[name] = ErrorCode(name, description, "General", enabled, parent)
    return registry


ERROR_CODES: Final[Mapping[str, ErrorCode]] = MappingProxyType(_build_registry())


def _build_sub_codes() -> dict[str, frozenset[str]]:
    children: dict[str, set[str]] = {}
    for ec in ERROR_CODES.values():
        if ec.sub_code_of is not None:
            children.setdefault(ec.sub_code_of, set()).add(ec.name)
    # "call-arg" doubles as a narrower form of "misc" for a few call errors ("Too many
    # positional arguments"), so "misc" lists it as a sub-code for the narrower-code hint.
    children.setdefault("misc", set()).add("call-arg")
    return {parent: frozenset(kids) for parent, kids in children.items()}


SUB_CODES: Final[Mapping[str, frozenset[str]]] = MappingProxyType(_build_sub_codes())

# Messages reported with "call-arg" that an ignore of "misc" also covers (see above).
CALL_ARG_MISC_PREFIXES: Final = ("Too many positional arguments",)


def code(name: str) -> ErrorCode:
    """The registered code called ``name`` (KeyError if there is none)."""
    return ERROR_CODES[name]


def invalid_code_names(names: Iterable[str]) -> list[str]:
    """The names in ``names`` that are not error codes, sorted (for the usage error)."""
    return sorted({n for n in names if n not in ERROR_CODES})


def parent_of(name: str, message: str | None = None) -> str | None:
    """The broader code that also covers ``name`` (for this message), or None."""
    ec = ERROR_CODES.get(name)
    if ec is not None and ec.sub_code_of is not None:
        return ec.sub_code_of
    if name == "call-arg" and message is not None and message.startswith(CALL_ARG_MISC_PREFIXES):
        return "misc"
    return None


def is_code_enabled(
    name: str,
    enabled: Collection[str] = (),
    disabled: Collection[str] = (),
    *,
    parent: str | None = None,
) -> bool:
    """Whether code ``name`` is reported under the given enable/disable lists.

    An explicit enable wins over a disable of the same code (the options layer already
    removes such codes from ``disabled``); a disabled parent turns its sub-codes off unless
    they are enabled by name. Unknown names (plugin codes) count as enabled by default.
    ``parent`` overrides the registered parent (for the "call-arg" under "misc" case).
    """
    if name in disabled:
        return False
    if name in enabled:
        return True
    ec = ERROR_CODES.get(name)
    parent_name = parent if parent is not None else (ec.sub_code_of if ec else None)
    if parent_name is not None and parent_name in disabled:
        return False
    return ec.default_enabled if ec is not None else True


def _constant(name: str) -> ErrorCode:
    return ERROR_CODES[name]


# One constant per code: a misspelled name fails at import where it is written.
ATTR_DEFINED: Final = _constant("attr-defined")
NAME_DEFINED: Final = _constant("name-defined")
CALL_ARG: Final = _constant("call-arg")
ARG_TYPE: Final = _constant("arg-type")
CALL_OVERLOAD: Final = _constant("call-overload")
VALID_TYPE: Final = _constant("valid-type")
VAR_ANNOTATED: Final = _constant("var-annotated")
OVERRIDE: Final = _constant("override")
RETURN: Final = _constant("return")
RETURN_VALUE: Final = _constant("return-value")
ASSIGNMENT: Final = _constant("assignment")
METHOD_ASSIGN: Final = _constant("method-assign")
TYPE_ARG: Final = _constant("type-arg")
TYPE_VAR: Final = _constant("type-var")
UNION_ATTR: Final = _constant("union-attr")
INDEX: Final = _constant("index")
OPERATOR: Final = _constant("operator")
LIST_ITEM: Final = _constant("list-item")
DICT_ITEM: Final = _constant("dict-item")
TYPEDDICT_ITEM: Final = _constant("typeddict-item")
HAS_TYPE: Final = _constant("has-type")
IMPORT: Final = _constant("import")
IMPORT_NOT_FOUND: Final = _constant("import-not-found")
IMPORT_UNTYPED: Final = _constant("import-untyped")
NO_REDEF: Final = _constant("no-redef")
FUNC_RETURNS_VALUE: Final = _constant("func-returns-value")
ABSTRACT: Final = _constant("abstract")
NO_UNTYPED_DEF: Final = _constant("no-untyped-def")
NO_UNTYPED_CALL: Final = _constant("no-untyped-call")
REDUNDANT_CAST: Final = _constant("redundant-cast")
ASSERT_TYPE: Final = _constant("assert-type")
COMPARISON_OVERLAP: Final = _constant("comparison-overlap")
NO_ANY_RETURN: Final = _constant("no-any-return")
UNREACHABLE: Final = _constant("unreachable")
ANNOTATION_UNCHECKED: Final = _constant("annotation-unchecked")
POSSIBLY_UNDEFINED: Final = _constant("possibly-undefined")
REDUNDANT_EXPR: Final = _constant("redundant-expr")
TRUTHY_BOOL: Final = _constant("truthy-bool")
TRUTHY_FUNCTION: Final = _constant("truthy-function")
IGNORE_WITHOUT_CODE: Final = _constant("ignore-without-code")
USED_BEFORE_DEF: Final = _constant("used-before-def")
UNUSED_IGNORE: Final = _constant("unused-ignore")
SYNTAX: Final = _constant("syntax")
MISC: Final = _constant("misc")
DEPRECATED: Final = _constant("deprecated")
NONETYPE_TYPE: Final = _constant("nonetype-type")
TYPEDDICT_UNKNOWN_KEY: Final = _constant("typeddict-unknown-key")
TYPE_ABSTRACT: Final = _constant("type-abstract")
VALID_NEWTYPE: Final = _constant("valid-newtype")
STR_FORMAT: Final = _constant("str-format")
STR_BYTES_SAFE: Final = _constant("str-bytes-safe")
EXIT_RETURN: Final = _constant("exit-return")
LITERAL_REQUIRED: Final = _constant("literal-required")
UNUSED_COROUTINE: Final = _constant("unused-coroutine")
EMPTY_BODY: Final = _constant("empty-body")
SAFE_SUPER: Final = _constant("safe-super")
TOP_LEVEL_AWAIT: Final = _constant("top-level-await")
AWAIT_NOT_ASYNC: Final = _constant("await-not-async")
NO_ANY_UNIMPORTED: Final = _constant("no-any-unimported")
TYPEDDICT_READONLY_MUTATED: Final = _constant("typeddict-readonly-mutated")
TRUTHY_ITERABLE: Final = _constant("truthy-iterable")
STR_UNPACK: Final = _constant("str-unpack")
NAME_MATCH: Final = _constant("name-match")
NO_OVERLOAD_IMPL: Final = _constant("no-overload-impl")
UNUSED_AWAITABLE: Final = _constant("unused-awaitable")
REDUNDANT_SELF: Final = _constant("redundant-self")
EXPLICIT_OVERRIDE: Final = _constant("explicit-override")
UNIMPORTED_REVEAL: Final = _constant("unimported-reveal")
MUTABLE_OVERRIDE: Final = _constant("mutable-override")
EXHAUSTIVE_MATCH: Final = _constant("exhaustive-match")
METACLASS: Final = _constant("metaclass")
MAYBE_UNRECOGNIZED_STR_TYPEFORM: Final = _constant("maybe-unrecognized-str-typeform")
OVERLOAD_CANNOT_MATCH: Final = _constant("overload-cannot-match")
OVERLOAD_OVERLAP: Final = _constant("overload-overlap")
PROP_DECORATOR: Final = _constant("prop-decorator")
UNTYPED_DECORATOR: Final = _constant("untyped-decorator")
NARROWED_TYPE_NOT_SUBTYPE: Final = _constant("narrowed-type-not-subtype")
EXPLICIT_ANY: Final = _constant("explicit-any")
