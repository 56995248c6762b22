"""Import failures of one file arranged as mypy reports them, and its once-per-run notes.

The checker reports a failed import at every statement that names the module. mypy reports
each missing module once per file, at the first statement that imports it (as a parent
package of a dotted import too), and it reports a file's failures with the most dotted module
names first, statement order breaking ties. The notes that follow a failure (``Hint: ...``,
``(or run "mypy --install-types" ...)``, ``See ...#missing-imports``) are printed once per
run: the session keeps the first of each in mypy's load order (``service/module_order.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tycheck.errors.diagnostics import Diagnostic
from tycheck.modules.messages import IMPORT, IMPORT_NOT_FOUND, IMPORT_UNTYPED, MISSING_IMPORTS_DOC

_FAILURE = re.compile(
    r'^(?:Cannot find implementation or library stub for module named "(?P<a>[^"]+)"'
    r'|Library stubs not installed for "(?P<b>[^"]+)"'
    r'|Skipping analyzing "(?P<c>[^"]+)": module is installed, but missing library stubs or py\.typed marker)$'
)
_CODES = (IMPORT_NOT_FOUND, IMPORT_UNTYPED, IMPORT)


def is_once_per_run(message: str) -> bool:
    """Whether an import note is printed only the first time it occurs in a run."""
    return (
        message == MISSING_IMPORTS_DOC
        or message.startswith('Hint: "python3 -m pip install ')
        or message.startswith('(or run "mypy --install-types"')
    )


def failed_module(diag: Diagnostic) -> str | None:
    """The module of an import-failure error, or None for any other diagnostic."""
    if diag.severity != "error" or diag.code not in _CODES:
        return None
    m = _FAILURE.match(diag.message)
    return (m.group("a") or m.group("b") or m.group("c")) if m else None


def _groups(diags: Sequence[Diagnostic]) -> list[tuple[str | None, list[Diagnostic]]]:
    """Split into runs: an import failure with the notes after it, or any other diagnostic."""
    out: list[tuple[str | None, list[Diagnostic]]] = []
    for d in diags:
        module = failed_module(d)
        attached = (
            module is None
            and out
            and out[-1][0] is not None
            and d.severity == "note"
            and d.line == out[-1][1][0].line
            and d.code in _CODES
        )
        if attached:
            out[-1][1].append(d)
        else:
            out.append((module, [d]))
    return out


def arrange_import_failures(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    """One file's diagnostics with its import failures as mypy reports them (see above)."""
    groups = _groups(diags)
    seen: set[str] = set()
    failures: list[tuple[str, list[Diagnostic]]] = []
    for module, group in sorted(
        ((m, g) for m, g in groups if m is not None), key=lambda mg: mg[1][0].line
    ):
        if module not in seen:
            seen.add(module)
            failures.append((module, group))
    failures.sort(key=lambda mg: -mg[0].count("."))
    slots = iter(failures)
    out: list[Diagnostic] = []
    for module, group in groups:
        if module is None:
            out.extend(group)
            continue
        # Each slot of a failure takes the next failure in report order (slots beyond the
        # kept failures are the repeated ones, dropped).
        nxt = next(slots, None)
        if nxt is not None:
            out.extend(_mark_once(d) for d in nxt[1])
    return out


def _mark_once(diag: Diagnostic) -> Diagnostic:
    if diag.severity == "note" and not diag.only_once and is_once_per_run(diag.message):
        return replace(diag, only_once=True)
    return diag
