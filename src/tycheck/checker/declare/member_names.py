"""The names a class declares itself, and the "maybe ...?" they suggest for a missing attribute.

mypy suggests close spellings of a missing instance attribute among the names the class's
own body and its methods (``self.x = ...``) declare, not the inherited ones; ``add`` also
suggests ``append``/``extend`` where the class has them.
"""

from __future__ import annotations

from tycheck.checker.core.evaluator import MemberAccess
from tycheck.modules.messages import close_matches, quoted_alternatives
from tycheck.types.model import Instance

# Misspellings common enough to be suggested whatever their similarity.
COMMON_MISTAKES: dict[str, tuple[str, ...]] = {"add": ("append", "extend")}


def own_names(members: MemberAccess, fullname: str) -> set[str]:
    """The names of a class: its body's and its instance attributes'."""
    ns = members.p.class_namespace(fullname)
    names = {n for n, s in ns.names.items() if not s.implicit} if ns is not None else set()
    return names | set(members.instance_attrs(fullname))


def attribute_suggestion(members: MemberAccess, inst: Instance, name: str) -> str:
    """What follows ``"C" has no attribute "name"``: ``; maybe "x"?`` (up to three names),
    then `` (not iterable)`` for ``__iter__`` (``__aiter__``: not async iterable)."""
    names = own_names(members, inst.fullname)
    names.discard(name)
    matches = [m for m in COMMON_MISTAKES.get(name, ()) if m in names]
    matches += close_matches(name, names)
    if name == "__aiter__" and matches == ["__iter__"]:
        matches = []
    maybe = f"; maybe {quoted_alternatives(matches)}?" if matches else ""
    return maybe + NOT_ITERABLE.get(name, "")


NOT_ITERABLE = {"__iter__": " (not iterable)", "__aiter__": " (not async iterable)"}
