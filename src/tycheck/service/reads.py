"""What a check read: the modules whose resolution or interface a query consulted.

Followed through the queries a module's check is made of and through the program's facts
(``checker/core/facts.py``), which record the modules they consult; the persistent cache
keys a stored result by these.
"""

from __future__ import annotations

from typing import Callable, Hashable

from tycheck.checker.api import is_fact
from tycheck.engine import Database
from tycheck.service.module_cache import Dep


# What a module's check reads through (besides the program's facts, always followed).
CHECK_PARTS = (
    "check_q",
    "function_q",
    "function_text_q",
    "class_q",
    "class_text_q",
    "module_options_q",
)


def module_reads(
    db: Database,
    fn: Callable[..., object],
    args: tuple[Hashable, ...],
    name: str,
    follow: tuple[str, ...],
) -> tuple[Dep, ...]:
    """The resolutions and interfaces of modules other than ``name`` that ``fn(*args)`` read,
    directly or through the queries named in ``follow`` and the facts it read."""
    found: set[Dep] = set()
    seen: set[tuple[object, tuple[Hashable, ...]]] = set()
    work: list[tuple[object, tuple[Hashable, ...]]] = [(fn, args)]
    while work:
        node = work.pop()
        if node in seen:
            continue
        seen.add(node)
        for info, dep_args in db.reads(*node):  # type: ignore[arg-type]
            if info.name in ("resolve_q", "interface_q"):
                if dep_args[0] != name:
                    found.add(("r" if info.name == "resolve_q" else "i", str(dep_args[0])))
            elif info.name in follow or is_fact(info):
                work.append((info, dep_args))
    return tuple(sorted(found))
