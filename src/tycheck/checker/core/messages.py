"""The texts of the checker's messages, matching mypy's wording exactly.

One function per message keeps the wording in one place; callers pass types, never strings
they formatted themselves, so names that would be ambiguous get spelled out consistently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from tycheck.types.display import format_types
from tycheck.types.model import Instance, Type, union_items

if TYPE_CHECKING:
    from tycheck.types.relations import Relations


def incompatible_assignment(value: Type, target: Type) -> str:
    v, t = format_types(value, target)
    return f"Incompatible types in assignment (expression has type {quote_type(v)}, variable has type {quote_type(t)})"


def incompatible_default(name: str, default: Type, param: Type) -> str:
    d, p = format_types(default, param)
    return f'Incompatible default for parameter "{name}" (default has type "{d}", parameter has type "{p}")'


def callee_name(name: str | None, of_class: str | None) -> str:
    if name is None:
        return ""
    if of_class:
        return f'"{name}" of "{of_class}"'
    return f'"{name}"'


def arg_type_text(arg_label: str, callee: str, actual: str, formal: str) -> str:
    """``Argument 1 to "f" has ...``; ``arg_label`` is a position or a quoted keyword."""
    target = f" to {callee}" if callee else ""
    return f"Argument {arg_label}{target} has incompatible type {quote_type(actual)}; expected {quote_type(formal)}"


def invariance_notes(rel: "Relations", actual: Type, expected: Type) -> list[str]:
    """The notes explaining that ``list`` and ``dict`` are invariant, when that is the cause."""
    notes: list[str] = []
    for exp in union_items(expected):
        if not (isinstance(actual, Instance) and isinstance(exp, Instance)):
            continue
        if (
            actual.fullname == exp.fullname == "builtins.list"
            and len(actual.args) == len(exp.args) == 1
        ):
            if rel.is_subtype(actual.args[0], exp.args[0]):
                notes.append(
                    '"list" is invariant -- see https://mypy.readthedocs.io/en/stable/common_issues.html#variance'
                )
                notes.append('Consider using "Sequence" instead, which is covariant')
        elif (
            actual.fullname == exp.fullname == "builtins.dict"
            and len(actual.args) == len(exp.args) == 2
        ):
            if rel.is_equivalent(actual.args[0], exp.args[0]) and rel.is_subtype(
                actual.args[1], exp.args[1]
            ):
                notes.append(
                    '"dict" is invariant -- see https://mypy.readthedocs.io/en/stable/common_issues.html#variance'
                )
                notes.append(
                    'Consider using "Mapping" instead, which is covariant in the value type'
                )
    return notes


def too_many_args(callee: str) -> str:
    return f"Too many arguments for {callee}" if callee else "Too many arguments"


def too_many_positional(callee: str) -> str:
    return (
        f"Too many positional arguments for {callee}" if callee else "Too many positional arguments"
    )


def too_few_args(callee: str) -> str:
    return f"Too few arguments for {callee}" if callee else "Too few arguments"


def missing_positional(names: list[str], callee: str) -> str:
    s = "s" if len(names) > 1 else ""
    quoted = ", ".join(f'"{n}"' for n in names)
    suffix = f" in call to {callee}" if callee else ""
    return f"Missing positional argument{s} {quoted}{suffix}"


def missing_named(names: list[str], callee: str) -> str:
    s = "s" if len(names) > 1 else ""
    quoted = ", ".join(f'"{n}"' for n in names)
    suffix = f" for {callee}" if callee else ""
    return f"Missing named argument{s} {quoted}{suffix}"


def unexpected_keyword(name: str, callee: str) -> str:
    suffix = f" for {callee}" if callee else ""
    return f'Unexpected keyword argument "{name}"{suffix}'


def multiple_values(name: str, callee: str) -> str:
    prefix = f"{callee} gets" if callee else "Function gets"
    return f'{prefix} multiple values for keyword argument "{name}"'


def has_no_attribute(t: Type, name: str) -> str:
    (s,) = format_types(t)
    return f'"{s}" has no attribute "{name}"'


def union_has_no_attribute(item: Type, union: Type, name: str) -> str:
    i, u = format_types(item, union)
    return f'Item "{i}" of "{u}" has no attribute "{name}"'


def not_callable(t: Type) -> str:
    (s,) = format_types(t)
    return f'"{s}" not callable'


def name_not_defined(name: str) -> str:
    return f'Name "{name}" is not defined'


def incompatible_return(got: Type, expected: Type) -> str:
    g, e = format_types(got, expected)
    return f'Incompatible return value type (got "{g}", expected "{e}")'


def quote_type(text: str) -> str:
    """Quote a formatted type as mypy does: module types and a few others stay bare."""
    if (
        text in ("Module", "overloaded function", "<deleted>")
        or text.startswith("Module ")
        or text.endswith("?")
    ):
        return text
    return f'"{text}"'


def unsupported_operands(op: str, left: Type, right: Type) -> str:
    l, r = format_types(left, right)
    return f"Unsupported operand types for {op} ({quote_type(l)} and {quote_type(r)})"


def unsupported_left(op: str, left: Type) -> str:
    (l,) = format_types(left)
    return f"Unsupported left operand type for {op} ({quote_type(l)})"


def unsupported_unary(op: str, t: Type) -> str:
    """``-x``, ``+x`` (named "unary") and ``~x`` on a type without the method."""
    (s,) = format_types(t)
    label = f"unary {op}" if op in ("-", "+") else op
    return f"Unsupported operand type for {label} ({quote_type(s)})"


def operand_from_union(side: str, original: Type) -> str:
    (s,) = format_types(original)
    return f"{side} operand is of type {quote_type(s)}"


def not_indexable(t: Type) -> str:
    (s,) = format_types(t)
    return f'Value of type "{s}" is not indexable'


def invalid_index(index: Type, base: Type, expected: Type) -> str:
    i, b, e = format_types(index, base, expected)
    return f'Invalid index type "{i}" for "{b}"; expected type "{e}"'


def callee_returns_no_value(label: str) -> str:
    """``label`` is a quoted callee (``"g" of "A"``), or empty for an unnamed one."""
    return f"{label or 'Function'} does not return a value (it only ever returns None)"


def need_annotation(name: str, hint: str | None) -> str:
    if hint:
        return f'Need type annotation for "{name}" (hint: "{name}: {hint} = ...")'
    return f'Need type annotation for "{name}"'


def not_iterable(t: Type) -> str:
    (s,) = format_types(t)
    return f'"{s}" has no attribute "__iter__" (not iterable)'


def module_has_no_attribute(module: str, name: str, alternatives: "Iterable[str]" = ()) -> str:
    return f'Module "{module}" has no attribute "{name}"' + maybe_suggestion(name, alternatives)


def maybe_suggestion(name: str, alternatives: "Iterable[str]") -> str:
    """``; maybe "x"?`` naming up to three close spellings of ``name``, or nothing."""
    from tycheck.modules.messages import close_matches, quoted_alternatives

    matches = close_matches(name, [a for a in alternatives if a != name])
    return f"; maybe {quoted_alternatives(matches)}?" if matches else ""


def string_list(items: list[str]) -> str:
    """``a, b and c``; past five items the middle ones are summarised, as mypy does."""
    if len(items) == 1:
        return items[0]
    if len(items) <= 5:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return f"{', '.join(items[:2])}, ... and {items[-1]} ({len(items) - 3} methods suppressed)"


def cannot_instantiate_abstract(cls: str, attrs: list[str]) -> str:
    s = "s" if len(attrs) > 1 else ""
    names = string_list([f'"{a}"' for a in attrs])
    return f'Cannot instantiate abstract class "{cls}" with abstract attribute{s} {names}'


def unsafe_super(method: str, cls: str) -> str:
    return f'Call to abstract method "{method}" of "{cls}" with trivial body via super() is unsafe'


def implicitly_abstract_note(attrs: list[str]) -> str:
    quoted = [f'"{a}"' for a in attrs]
    if len(quoted) == 1:
        return f"{quoted[0]} is implicitly abstract because it has an empty function body. If it is not meant to be abstract, explicitly `return` or `return None`."
    return f"The following methods were marked implicitly abstract because they have empty function bodies: {string_list(quoted)}. If they are not meant to be abstract, explicitly `return` or `return None`."


def return_incompatible_with_supertype(name: str, sub: Type, base: str, sup: Type) -> str:
    s, t = format_types(sub, sup)
    return (
        f'Return type "{s}" of "{name}" incompatible with return type "{t}" in supertype "{base}"'
    )


def arg_incompatible_with_supertype(n: int, name: str, base: str, sup: Type) -> str:
    (t,) = format_types(sup)
    return f'Argument {n} of "{name}" is incompatible with supertype "{base}"; supertype defines the argument type as "{t}"'


def undefined_in_superclass(name: str) -> str:
    return f'"{name}" undefined in superclass'


def cant_assign_to_classvar(name: str) -> str:
    return f'Cannot assign to class variable "{name}" via instance'


def read_only_property(name: str, class_name: str) -> str:
    return f'Property "{name}" defined in "{class_name}" is read-only'


def incompatible_capture(captured: Type, declared: Type) -> str:
    a, b = format_types(captured, declared)
    return f'Incompatible types in capture pattern (pattern captures type "{a}", variable has type "{b}")'


def list_item(index: int, item: Type, expected: Type) -> str:
    a, e = format_types(item, expected)
    return f'List item {index} has incompatible type "{a}"; expected "{e}"'


def dict_entry(
    index: int, key: Type, value: Type, exp_key: Type, exp_value: Type, key_ok: bool, value_ok: bool
) -> str:
    """mypy names each side plainly when it fits, and distinctly when it does not."""
    k, ek = (
        (format_types(key)[0], format_types(exp_key)[0]) if key_ok else format_types(key, exp_key)
    )
    v, ev = (
        (format_types(value)[0], format_types(exp_value)[0])
        if value_ok
        else format_types(value, exp_value)
    )
    return f'Dict entry {index} has incompatible type "{k}": "{v}"; expected "{ek}": "{ev}"'


# -- TypedDict ------------------------------------------------------------------------


def typeddict_key_list(keys: list[str], short: bool = False) -> str:
    """``key "x"``, ``keys ("x", "y")``, ``no keys``; ``TypedDict key ...`` unless short."""
    td = "" if short else "TypedDict "
    if not keys:
        return f"no {td}keys"
    if len(keys) == 1:
        return f'{td}key "{keys[0]}"'
    return f"{td}keys ({', '.join(chr(34) + k + chr(34) for k in keys)})"


def typeddict_item_names(keys: list[str]) -> str:
    shown = [f'"{k}"' for k in keys[:5]]
    return "(" + ", ".join(shown) + (", ...)" if len(keys) > 5 else ")")


def typeddict_missing_keys(keys: list[str], td: Type) -> str:
    (t,) = format_types(td)
    return f'Missing {typeddict_key_list(keys, short=True)} for TypedDict "{t}"'


def typeddict_extra_keys(keys: list[str], td: Type) -> str:
    (t,) = format_types(td)
    return f'Extra {typeddict_key_list(keys, short=True)} for TypedDict "{t}"'


def typeddict_expected_keys(expected: list[str], actual: list[str]) -> str:
    found = typeddict_key_list(actual, short=True)
    if actual and set(actual) < set(expected):
        found = f"only {found}"
    return f"Expected {typeddict_key_list(expected)} but found {found}"


def typeddict_item_incompatible(key: str, got: Type, expected: Type) -> str:
    g, e = format_types(got, expected)
    return f'Incompatible types (expression has type "{g}", TypedDict item "{key}" has type "{e}")'


def typeddict_no_key(td: Type, key: str) -> str:
    (t,) = format_types(td)
    return f'TypedDict "{t}" has no key "{key}"'


def typeddict_invalid_key(key: str, keys: list[str]) -> str:
    return f'"{key}" is not a valid TypedDict key; expected one of {typeddict_item_names(keys)}'


def typeddict_key_must_be_literal(keys: list[str]) -> str:
    return f"TypedDict key must be a string literal; expected one of {typeddict_item_names(keys)}"


def typeddict_value_incompatible(key: str, got: Type, expected: Type) -> str:
    g, e = format_types(got, expected)
    return f'Value of "{key}" has incompatible type "{g}"; expected "{e}"'


def typeddict_key_cannot_be_deleted(td: Type, key: str, anonymous: bool) -> str:
    if anonymous:
        return f'TypedDict key "{key}" cannot be deleted'
    (t,) = format_types(td)
    return f'Key "{key}" of TypedDict "{t}" cannot be deleted'


def typeddict_readonly_mutated(keys: list[str]) -> str:
    verb = "is" if len(keys) == 1 else "are"
    return f"ReadOnly {typeddict_key_list(sorted(keys))} TypedDict {verb} mutated"


def object_not_iterable(t: Type) -> str:
    return f'"{format_types(t)[0]}" object is not iterable'


def cannot_inherit_from_final(base_name: str) -> str:
    return f'Cannot inherit from final class "{base_name}"'


def incompatible_string_interpolation(got: str, placeholder_label: str, expected: str) -> str:
    """Both types already formatted; the label says which placeholder (plain or with a key)."""
    return f"Incompatible types in string interpolation (expression has type {got}, {placeholder_label} {expected})"


def guard_needs_positional(is_type_is: bool) -> str:
    """A ``TypeGuard``/``TypeIs`` function without a required positional parameter."""
    return (
        '"TypeIs" functions must have a positional argument'
        if is_type_is
        else "TypeGuard functions must have a positional argument"
    )


def narrowed_not_subtype(narrowed: Type, input_type: Type) -> str:
    a, b = format_types(narrowed, input_type)
    return f'Narrowed type "{a}" is not a subtype of input type "{b}"'


def guard_call_needs_positional(is_type_is: bool) -> str:
    return f"Type {'narrower' if is_type_is else 'guard'} requires positional argument"
