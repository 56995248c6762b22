"""Small helpers of expression inference: literal instances and operator method tables."""

from __future__ import annotations

import ast

from tycheck.types.model import Instance, LiteralType, Type

BINOP_METHODS: dict[type, tuple[str, str, str]] = {
    ast.Add: ("__add__", "__radd__", "+"),
    ast.Sub: ("__sub__", "__rsub__", "-"),
    ast.Mult: ("__mul__", "__rmul__", "*"),
    ast.MatMult: ("__matmul__", "__rmatmul__", "@"),
    ast.Div: ("__truediv__", "__rtruediv__", "/"),
    ast.FloorDiv: ("__floordiv__", "__rfloordiv__", "//"),
    ast.Mod: ("__mod__", "__rmod__", "%"),
    ast.Pow: ("__pow__", "__rpow__", "**"),
    ast.LShift: ("__lshift__", "__rlshift__", "<<"),
    ast.RShift: ("__rshift__", "__rrshift__", ">>"),
    ast.BitAnd: ("__and__", "__rand__", "&"),
    ast.BitOr: ("__or__", "__ror__", "|"),
    ast.BitXor: ("__xor__", "__rxor__", "^"),
}

CMP_METHODS: dict[type, tuple[str, str, str]] = {
    ast.Lt: ("__lt__", "__gt__", "<"),
    ast.LtE: ("__le__", "__ge__", "<="),
    ast.Gt: ("__gt__", "__lt__", ">"),
    ast.GtE: ("__ge__", "__le__", ">="),
}


def lit(value: object, fullname: str) -> Instance:
    return Instance(fullname, (), LiteralType(value, Instance(fullname)))


def _target_names(t: ast.expr) -> list[str]:
    from tycheck.semantic.symbols import target_names

    return target_names(t)


def _undetermined(t: Type) -> bool:
    """An empty collection's type, which context would determine (``list[Never]``)."""
    from tycheck.checker.infer.partials import ambiguous_never_to_any, is_empty_collection

    return is_empty_collection(t) or ambiguous_never_to_any(t) is not None
