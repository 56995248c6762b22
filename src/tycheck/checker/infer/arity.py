"""Matching a call's arguments to a signature's parameters, and the count errors.

``map_actuals`` says which actual arguments fill each formal parameter; ``arity_errors``
lists what is wrong with that mapping (too many or too few arguments, unknown or missing
keywords, duplicate values) as ``(message, code)`` pairs, so a caller trying overload items
can ask without reporting. Both follow mypy's rules, including its leniency: ``*args`` of
unknown length and ``**kwargs`` may fill any parameter and never count as extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from tycheck.checker.core import messages as msg
from tycheck.errors import codes
from tycheck.errors.codes import ErrorCode
from tycheck.modules.messages import close_matches, quoted_alternatives
from tycheck.types.model import NAMED, NAMED_OPT, POS, STAR, STAR2, CallableType, TupleType, Type


class ActualLike(Protocol):
    """What the mapping needs of an actual argument."""

    kind: int
    name: str | None
    type: Type | None


@dataclass(frozen=True)
class ArityError:
    """One count error: its message and error code."""

    message: str
    code: ErrorCode
    unexpected_keyword: bool = False


def map_actuals(c: CallableType, actuals: "list[ActualLike]") -> list[list[int]]:
    """For each formal of ``c``, the indexes of the actuals that fill it."""
    kinds, names = c.arg_kinds, c.arg_names
    n = len(kinds)
    formals: list[list[int]] = [[] for _ in kinds]
    unsure_kwargs: list[int] = []
    fi = 0
    for ai, a in enumerate(actuals):
        if a.kind == POS:
            if fi < n:
                if kinds[fi] not in (STAR, STAR2):
                    formals[fi].append(ai)
                    fi += 1
                elif kinds[fi] == STAR:
                    formals[fi].append(ai)
        elif a.kind == STAR:
            if isinstance(a.type, TupleType):
                # A fixed-length tuple fills exactly as many positions as it has items.
                for _ in a.type.items:
                    if fi >= n or kinds[fi] == STAR2:
                        break
                    formals[fi].append(ai)
                    if kinds[fi] != STAR:
                        fi += 1
            else:
                # An iterable of unknown length may fill every remaining position.
                while fi < n and kinds[fi] not in (NAMED, NAMED_OPT, STAR2):
                    formals[fi].append(ai)
                    if kinds[fi] == STAR:
                        break
                    fi += 1
        elif a.kind == NAMED:
            idx = names.index(a.name) if a.name in names else None
            if idx is not None and kinds[idx] != STAR:
                formals[idx].append(ai)
            elif STAR2 in kinds:
                formals[kinds.index(STAR2)].append(ai)
        else:
            # Which keys a ``**mapping`` holds is unknown: decide once the rest is placed.
            unsure_kwargs.append(ai)
    if unsure_kwargs:
        open_formals = [
            fi
            for fi in range(n)
            if (
                names[fi]
                and kinds[fi] != STAR
                and (not formals[fi] or actuals[formals[fi][0]].kind == STAR)
            )
            or kinds[fi] == STAR2
        ]
        for ai in unsure_kwargs:
            for fi in open_formals:
                formals[fi].append(ai)
    return formals


def arity_errors(
    c: CallableType,
    actuals: "list[ActualLike]",
    formals: list[list[int]],
    label: str,
    checked: bool,
    is_subtype: Callable[[Type, Type], bool],
) -> list[ArityError]:
    """What is wrong with the argument count of a call of ``c`` (``label`` names it)."""
    errors: list[ArityError] = []
    filled: dict[int, int] = {}
    for acts in formals:
        for ai in acts:
            filled[ai] = filled.get(ai, 0) + 1
    unexpected = False
    for ai, a in enumerate(actuals):
        t = a.type
        if (
            ai not in filled
            and a.kind != STAR2
            and (a.kind != STAR or (isinstance(t, TupleType) and t.items))
        ):
            if a.kind == NAMED:
                errors.append(
                    ArityError(_unexpected_keyword(c, a, label, is_subtype), codes.CALL_ARG, True)
                )
                unexpected = True
            else:
                errors.append(ArityError(msg.too_many_args(label), codes.CALL_ARG))
        elif a.kind == STAR and STAR not in c.arg_kinds and isinstance(t, TupleType):
            if filled.get(ai, 0) < len(t.items):
                errors.append(ArityError(msg.too_many_args(label), codes.CALL_ARG))
    for i, k in enumerate(c.arg_kinds):
        acts = formals[i]
        if k in (POS, NAMED) and not acts and not unexpected:
            if k == POS:
                errors.append(ArityError(_too_few(c, actuals, label), codes.CALL_ARG))
            else:
                errors.append(
                    ArityError(msg.missing_named([c.arg_names[i] or "?"], label), codes.CALL_ARG)
                )
        elif k not in (STAR, STAR2) and _is_duplicate(acts, actuals):
            if checked or isinstance(actuals[acts[0]].type, TupleType):
                errors.append(
                    ArityError(msg.multiple_values(c.arg_names[i] or "", label), codes.MISC)
                )
        elif k in (NAMED, NAMED_OPT) and acts and actuals[acts[0]].kind not in (NAMED, STAR2):
            errors.append(ArityError(msg.too_many_positional(label), codes.CALL_ARG))
    return _dedupe(errors)


def _too_few(c: CallableType, actuals: "list[ActualLike]", label: str) -> str:
    """mypy names the missing positional parameters when it can, else says "Too few"."""
    given_names = [a.name if a.kind == NAMED else None for a in actuals]
    n_positional = sum(1 for x in given_names if x is None)
    left = list(c.arg_names[n_positional : c.min_args()])
    missing = [x for x in left if x not in given_names]
    if label and missing and all(x is not None for x in missing):
        return msg.missing_positional([x for x in missing if x is not None], label)
    return msg.too_few_args(label)


def _unexpected_keyword(
    c: CallableType, a: "ActualLike", label: str, is_subtype: Callable[[Type, Type], bool]
) -> str:
    name = a.name or ""
    fitting: list[str] = []
    others: list[str] = []
    for t, n, k in zip(c.arg_types, c.arg_names, c.arg_kinds):
        if n is None or k == STAR:
            continue
        (fitting if a.type is not None and is_subtype(a.type, t) else others).append(n)
    matches = close_matches(name, fitting) or close_matches(name, others)
    text = msg.unexpected_keyword(name, label)
    if matches:
        text += f"; did you mean {quoted_alternatives(matches)}?"
    return text


def _is_duplicate(acts: list[int], actuals: "list[ActualLike]") -> bool:
    if len(acts) < 2:
        return False
    # ``f(*args, **kwargs)`` may well give each parameter one value at run time.
    if len(acts) == 2 and actuals[acts[0]].kind == STAR and actuals[acts[1]].kind == STAR2:
        return False
    return not all(actuals[i].kind == STAR2 for i in acts)


def _dedupe(errors: list[ArityError]) -> list[ArityError]:
    out: list[ArityError] = []
    for e in errors:
        if e not in out:
            out.append(e)
    return out
