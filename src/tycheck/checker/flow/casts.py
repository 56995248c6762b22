"""``--warn-redundant-casts``: a ``cast`` to the type its value already has at that point of the flow."""

from __future__ import annotations

import ast

from tycheck.checker.core.evaluator import Evaluator
from tycheck.errors import codes
from tycheck.errors.messages import Message
from tycheck.types.model import Instance, LiteralType, NoneType, Type, union_items


def check_redundant_cast(chk: Evaluator, call: ast.Call, source: Type, target: Type) -> None:
    """Report ``cast(T, value)`` where ``value`` is already exactly ``T`` (mypy's same type).

    A literal's remembered value (``"x"`` is ``str``) does not count. Types holding ``Any``
    are never the same (and tycheck's ``Any`` may stand for inference it does not have).
    Only plain types are compared (see ``_plain``).
    """
    if not chk.options.warn_redundant_casts:
        return
    if not (_plain(source) and _plain(target)):
        return
    if _items(source) == _items(target):
        text = f'Redundant cast to "{chk.fmt(target)}"'
        chk.fail(call, Message(text, codes.REDUNDANT_CAST))


def _plain(t: Type) -> bool:
    """Instances (with plain arguments), literals and None, or unions of them, with no Any.

    Other kinds of types (callables, tuples, type objects, type variables) are left alone:
    where tycheck infers them less precisely than mypy, a cast would look redundant.
    """
    for item in union_items(t):
        if isinstance(item, Instance):
            if not all(_plain(a) for a in item.args):
                return False
        elif not isinstance(item, (LiteralType, NoneType)):
            return False
    return True


def _items(t: Type) -> frozenset[Type]:
    """A union's members without order (``A | B`` is ``B | A``), remembered literals dropped."""
    return frozenset(
        Instance(i.fullname, i.args) if isinstance(i, Instance) else i for i in union_items(t)
    )
