"""The checker's fixed messages: each text paired with its error code.

``fail``/``note`` take a ``Message``, never a bare string and code, so a message's code is
chosen where the message is defined and a misspelled code name fails at import (the codes are
``ErrorCode`` constants of ``codes.py``). Texts with parts that vary are built where they are
reported, as ``Message(text, codes.X)``; the wording functions live in
``checker/core/messages.py``. The texts match mypy's exactly: they are an interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tycheck.errors import codes
from tycheck.errors.codes import ErrorCode


@dataclass(frozen=True, slots=True)
class Message:
    """A diagnostic's text and its error code (None for the few messages mypy shows without one)."""

    text: str
    code: ErrorCode | None = None

    @property
    def code_name(self) -> str | None:
        """The code as written in output and in ``# type: ignore[...]``."""
        return self.code.name if self.code is not None else None

    def with_code(self, code: ErrorCode | None) -> Message:
        return Message(self.text, code)


ALIAS_ARGUMENT_TO_ATTRS_FIELD_MUST: Final = Message(
    '"alias" argument to attrs field must be a string literal', codes.LITERAL_REQUIRED
)
AN_OVERLOADED_FUNCTION_OUTSIDE_A_STUB: Final = Message(
    "An overloaded function outside a stub file must have an implementation", codes.NO_OVERLOAD_IMPL
)
ARGUMENT_1_FOR_SUPER_MUST_BE: Final = Message(
    'Argument 1 for "super" must be a type object; got "None"', codes.MISC
)
ARGUMENT_1_FOR_SUPER_MUST_BE_MISC: Final = Message(
    'Argument 1 for "super" must be a type object; got a non-type instance', codes.MISC
)
ARGUMENT_2_FOR_SUPER_NOT_AN: Final = Message(
    'Argument 2 for "super" not an instance of argument 1', codes.MISC
)
BOTH_LEFT_AND_RIGHT_OPERANDS_ARE: Final = Message(
    "Both left and right operands are unions", codes.OPERATOR
)
CANNOT_ASSIGN_TO_A_METHOD: Final = Message("Cannot assign to a method", codes.METHOD_ASSIGN)
CANNOT_COMBINE_AUTOMATIC_FIELD_NUMBERING_AND: Final = Message(
    "Cannot combine automatic field numbering and manual field specification", codes.STR_FORMAT
)
CANNOT_REDEFINE_AN_EXISTING_NAME_AS: Final = Message(
    "Cannot redefine an existing name as final", None
)
CAN_T_PASS_BOTH_CONVERT_AND: Final = Message(
    'Can\'t pass both "convert" and "converter".', codes.MISC
)
CAN_T_PASS_BOTH_DEFAULT_AND: Final = Message(
    'Can\'t pass both "default" and "factory".', codes.MISC
)
CLASS_CANNOT_SUBCLASS_VALUE_OF_TYPE: Final = Message(
    'Class cannot subclass value of type "Any"', codes.MISC
)
CONVERT_IS_DEPRECATED_USE_CONVERTER: Final = Message(
    "convert is deprecated, use converter", codes.MISC
)
C_REQUIRES_INT_OR_CHAR: Final = Message('":c" requires int or char', codes.STR_FORMAT)
DICTIONARY_KEYS_IN_BYTES_FORMATTING_MUST: Final = Message(
    "Dictionary keys in bytes formatting must be bytes, not strings", codes.STR_FORMAT
)
DON_T_MIX_CMP_WITH_EQ: Final = Message('Don\'t mix "cmp" with "eq" and "order"', codes.MISC)
EQ_MUST_BE_TRUE_IF_ORDER: Final = Message("eq must be True if order is True", codes.MISC)
EXPECTED_KEYWORD_ARGUMENTS_OR_DICT_IN: Final = Message(
    "Expected keyword arguments, {...}, or dict(...) in TypedDict constructor", codes.MISC
)
EXPECTED_TYPEDDICT_KEY_TO_BE_STRING: Final = Message(
    "Expected TypedDict key to be string literal", codes.MISC
)
EXPLICIT_ANY: Final = Message('Explicit "Any" is not allowed', codes.EXPLICIT_ANY)
FLIPPING_THE_ORDER_OF_OVERLOADS_WILL: Final = Message(
    "Flipping the order of overloads will fix this error", codes.OVERLOAD_OVERLAP
)
FORMAT_CHARACTER_B_IS_ONLY_SUPPORTED: Final = Message(
    'Format character "b" is only supported on bytes patterns', codes.STR_FORMAT
)
IF_IT_IS_MEANT_TO_BE: Final = Message(
    "If it is meant to be abstract, add 'abc.ABCMeta' as an explicit metaclass", codes.MISC
)
IF_X_B_ABC_THEN_S: Final = Message(
    'If x = b\'abc\' then "%s" % x produces "b\'abc\'", not "abc". If this is desired behavior use "%r" % x. Otherwise, decode the bytes',
    codes.STR_BYTES_SAFE,
)
IMPLICIT_RETURN_IN_FUNCTION_WHICH_DOES: Final = Message(
    "Implicit return in function which does not return", codes.MISC
)
MISSING_RETURN_STATEMENT: Final = Message("Missing return statement", codes.RETURN)
NON_DEFAULT_ATTRIBUTES_NOT_ALLOWED_AFTER: Final = Message(
    "Non-default attributes not allowed after default attributes.", codes.MISC
)
NOT_ALL_ARGUMENTS_CONVERTED_DURING_STRING: Final = Message(
    "Not all arguments converted during string formatting", codes.STR_FORMAT
)
NOT_ENOUGH_ARGUMENTS_FOR_FORMAT_STRING: Final = Message(
    "Not enough arguments for format string", codes.STR_FORMAT
)
NO_RETURN_VALUE_EXPECTED: Final = Message("No return value expected", codes.RETURN_VALUE)
NUMERIC_FLAGS_ARE_ONLY_ALLOWED_FOR: Final = Message(
    "Numeric flags are only allowed for numeric types", codes.STR_FORMAT
)
ONLY_RUNTIME_CHECKABLE_PROTOCOLS_CAN_BE: Final = Message(
    "Only @runtime_checkable protocols can be used with instance and class checks", codes.MISC
)
ON_PYTHON_3_B_S_REQUIRES: Final = Message(
    "On Python 3 b'%s' requires bytes, not string", codes.STR_FORMAT
)
POSSIBLE_OVERLOAD_VARIANTS: Final = Message("Possible overload variants:", codes.CALL_OVERLOAD)
RETURN_OUTSIDE_FUNCTION: Final = Message('"return" outside function', codes.MISC)
RETURN_VALUE_EXPECTED: Final = Message("Return value expected", codes.RETURN_VALUE)
REVEAL_TYPE_ALWAYS_OUTPUTS_ANY_IN: Final = Message(
    "'reveal_type' always outputs 'Any' in unchecked functions", codes.MISC
)
SEE_HTTPS_MYPY_READTHEDOCS_IO_EN: Final = Message(
    "See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides",
    codes.OVERRIDE,
)
SINGLE_OVERLOAD_DEFINITION_MULTIPLE_REQUIRED: Final = Message(
    "Single overload definition, multiple required", codes.MISC
)
SLICE_STEP_CANNOT_BE_ZERO: Final = Message("Slice step cannot be zero", codes.MISC)
STRING_INTERPOLATION_CONTAINS_BOTH_STARS_AND: Final = Message(
    "String interpolation contains both stars and mapping keys", codes.STR_FORMAT
)
STRING_INTERPOLATION_MIXES_SPECIFIER_WITH_AND: Final = Message(
    "String interpolation mixes specifier with and without mapping keys", codes.STR_FORMAT
)
SUBCLASS: Final = Message("     Subclass:", codes.OVERRIDE)
SUPERCLASS: Final = Message("     Superclass:", codes.OVERRIDE)
SUPER_ONLY_ACCEPTS_POSITIONAL_ARGUMENTS: Final = Message(
    '"super" only accepts positional arguments', codes.MISC
)
SUPER_OUTSIDE_OF_A_METHOD_IS: Final = Message(
    '"super()" outside of a method is not supported', codes.MISC
)
SUPER_REQUIRES_ONE_OR_TWO_POSITIONAL: Final = Message(
    '"super()" requires one or two positional arguments in enclosing function', codes.MISC
)
SUPER_WITH_A_SINGLE_ARGUMENT_NOT: Final = Message(
    '"super" with a single argument not supported', codes.MISC
)
TARGET_CLASS_HAS_NO_BASE_CLASS: Final = Message("Target class has no base class", codes.MISC)
THIS_VIOLATES_THE_LISKOV_SUBSTITUTION_PRINCIPLE: Final = Message(
    "This violates the Liskov substitution principle", codes.OVERRIDE
)
TOO_MANY_ARGUMENTS_FOR_SUPER: Final = Message('Too many arguments for "super"', codes.MISC)
TOO_MANY_NAMES_FOR_ONE_ATTRIBUTE: Final = Message("Too many names for one attribute", codes.MISC)
TUPLE_INDEX_OUT_OF_RANGE: Final = Message("Tuple index out of range", codes.MISC)
UNSUPPORTED_ARGUMENT_1_FOR_SUPER: Final = Message('Unsupported argument 1 for "super"', codes.MISC)
UNSUPPORTED_ARGUMENT_2_FOR_SUPER: Final = Message('Unsupported argument 2 for "super"', codes.MISC)
UNSUPPORTED_CONVERTER_ONLY_NAMED_FUNCTIONS_TYPES: Final = Message(
    "Unsupported converter, only named functions, types and lambdas are currently supported",
    codes.MISC,
)
VARARGS_NOT_SUPPORTED_WITH_SUPER: Final = Message('Varargs not supported with "super"', codes.MISC)
WANTS_INT: Final = Message("* wants int", codes.STR_FORMAT)
