"""Parameter compatibility of two signatures: may ``left`` be called wherever ``right`` is?

Each parameter is seen as a *formal argument*: its name (None when it cannot be passed by
keyword), its position (None when it cannot be passed by position), its type and whether it
is required. Every argument a caller of ``right`` may pass must find a matching parameter of
``left`` that accepts its type (parameters are contravariant), and every parameter ``left``
requires must be supplied by such a caller. ``*args``/``**kwargs`` stand for any number of
unnamed positions or names. This follows mypy's rules, so the same assignments are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tycheck.types.model import (
    NAMED,
    NAMED_OPT,
    OPT,
    POS,
    STAR,
    STAR2,
    AnyType,
    CallableType,
    Type,
    union_items,
)


@dataclass(frozen=True)
class Formal:
    """One parameter as a caller sees it."""

    name: str | None
    pos: int | None
    type: Type
    required: bool


def formals(c: CallableType) -> list[Formal]:
    """The non-star parameters of ``c``; positions end at the first keyword-only or star."""
    out: list[Formal] = []
    positional = True
    for i, (k, n, t) in enumerate(zip(c.arg_kinds, c.arg_names, c.arg_types)):
        if k in (NAMED, NAMED_OPT, STAR, STAR2):
            positional = False
        if k in (STAR, STAR2):
            continue
        out.append(Formal(n, i if positional else None, t, k in (POS, NAMED)))
    return out


def _star(c: CallableType, kind: int) -> Formal | None:
    for k, t in zip(c.arg_kinds, c.arg_types):
        if k == kind:
            return Formal(None, None, t, False)
    return None


def by_name(c: CallableType, name: str | None) -> Formal | None:
    if name is None:
        return None
    seen_star = False
    for i, (k, n, t) in enumerate(zip(c.arg_kinds, c.arg_names, c.arg_types)):
        if k in (NAMED, NAMED_OPT, STAR, STAR2):
            seen_star = True
        if k in (STAR, STAR2):
            continue
        if n == name:
            return Formal(name, None if seen_star else i, t, k in (POS, NAMED))
    kw = _star(c, STAR2)
    return Formal(name, None, kw.type, False) if kw is not None else None


def by_position(c: CallableType, pos: int | None) -> Formal | None:
    if pos is None:
        return None
    if pos < len(c.arg_kinds) and c.arg_kinds[pos] in (POS, OPT):
        return Formal(c.arg_names[pos], pos, c.arg_types[pos], c.arg_kinds[pos] == POS)
    var = _star(c, STAR)
    return Formal(None, pos, var.type, False) if var is not None else None


def corresponding(c: CallableType, model: Formal) -> Formal | None:
    """The parameter of ``c`` that receives what a caller passes for ``model``."""
    n = by_name(c, model.name)
    p = by_position(c, model.pos)
    if n is None or p is None:
        return n if n is not None else p
    if n != p and not (n.required or p.required) and p.name is None and n.pos is None:
        # ``*args`` and ``**kwargs`` (or a positional-only and a keyword-only parameter)
        # together stand for one parameter passed either way: merge them.
        return Formal(n.name, p.pos, _narrower(n.type, p.type), False)
    return n


def _narrower(a: Type, b: Type) -> Type:
    """The narrower of two types when one is a member of the other union (else ``a``)."""
    if a in union_items(b):
        return a
    if b in union_items(a):
        return b
    return a


def _is_any(t: Type) -> bool:
    return isinstance(t, AnyType)


def params_compatible(
    left: CallableType,
    right: CallableType,
    is_subtype: Callable[[Type, Type], bool],
    ignore_pos_names: bool = False,
    *,
    proper: bool = False,
    partial: bool = False,
) -> bool:
    """Whether ``left``'s parameters accept every call ``right``'s parameters allow.

    ``proper`` drops the leniency for ``...`` and ``(*args: Any, **kwargs: Any)``;
    ``partial`` asks only whether *some* calls fit both (optional parameters may be left
    out), as the overload definition checks do.
    """
    if right.is_ellipsis_args and not proper:
        return True
    # The names of an untyped function's parameters are no promise.
    ignore_pos_names = ignore_pos_names or left.implicit or right.implicit
    rk = right.arg_kinds
    # ``(*args: Any, **kwargs: Any)`` accepts anything, and so does a callable ending that way.
    if list(rk) == [STAR, STAR2] and all(_is_any(t) for t in right.arg_types) and not proper:
        return True
    trivial_suffix = (
        list(rk[-2:]) == [STAR, STAR2]
        and all(_is_any(t) for t in right.arg_types[-2:])
        and not proper
    )
    trivial_vararg = (
        bool(rk)
        and rk[-1] == STAR
        and _is_any(right.arg_types[-1])
        and all(k in (POS, OPT, STAR) for k in left.arg_kinds)
        and not proper
    )
    ls, ls2, rs, rs2 = (
        _star(left, STAR),
        _star(left, STAR2),
        _star(right, STAR),
        _star(right, STAR2),
    )

    def incompatible(l: Formal | None, r: Formal | None) -> bool:
        if r is None:
            return False
        if l is None:
            return not partial and not trivial_suffix
        return not is_subtype(r.type, l.type)

    if (incompatible(ls, rs) and not trivial_vararg) or incompatible(ls2, rs2):
        return False
    for r in formals(right):
        l = corresponding(left, r)
        if l is None and partial and not r.required:
            continue
        if l is None or not args_compatible(l, r, is_subtype, ignore_pos_names, partial):
            return False
    if trivial_suffix:
        return True
    if rs2 is not None:
        # Keywords only ``left`` names reach it through ``right``'s ``**kwargs``.
        right_names = {n for n in right.arg_names if n is not None}
        for n, k in zip(left.arg_names, left.arg_kinds):
            if n is None or k in (STAR, STAR2) or n in right_names:
                continue
            l = by_name(left, n)
            assert l is not None
            if partial and not l.required:
                continue
            if not args_compatible(
                l, Formal(n, None, rs2.type, False), is_subtype, ignore_pos_names, partial
            ):
                return False
    if rs is not None and not trivial_vararg:
        # Extra positions a caller of ``right`` may fill through its ``*args``.
        i = rk.index(STAR)
        synth = Formal(None, None, rs.type, False)
        while i < len(left.arg_kinds) and left.arg_kinds[i] in (POS, OPT):
            if partial and left.arg_kinds[i] == OPT:
                break
            l = by_position(left, i)
            assert l is not None
            if not args_compatible(
                l, Formal(None, i, synth.type, False), is_subtype, ignore_pos_names, partial
            ):
                return False
            i += 1
    for l in formals(left):
        rn, rp = by_name(right, l.name), by_position(right, l.pos)
        # One parameter of ``left`` fed by two different ones of ``right``.
        if rn is not None and rp is not None and rn != rp and (rn.required or rp.required):
            return False
        if l.required and rp is None and rn is None:
            return False
    return True


def args_compatible(
    left: Formal,
    right: Formal,
    is_subtype: Callable[[Type, Type], bool],
    ignore_pos_names: bool,
    partial: bool = False,
) -> bool:
    # Two required parameters must match whatever ``partial`` says.
    partial = partial and not (left.required and right.required)
    if right.name is not None and left.name != right.name and not (partial and left.name is None):
        if not ignore_pos_names or right.pos is None:
            return False
    if right.pos is not None and left.pos != right.pos:
        return False
    if not partial and not right.required and left.required:
        return False
    if partial and not left.required and not right.required:
        return True
    return is_subtype(right.type, left.type)
