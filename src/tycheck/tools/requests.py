"""The daemon's ``inspect`` and ``suggest`` requests, answered over a live session.

Each request builds a ``SessionAnalyzer`` (which first brings the session's inputs up to
date, so an edited file is answered for its new text), runs the tool, and turns every
outcome into a daemon answer: ``{"out", "err", "status"}`` or ``{"error"}``. An exception
inside a tool is a bug: it is reported as an internal error for this request only.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from typing import Any

from tycheck.service.queries import NoProgram, SessionAnalyzer
from tycheck.tools.inspection import InspectOptions, answer_inspect
from tycheck.tools.suggestion import SuggestOptions, answer_suggest

Answer = dict[str, object]

NOT_CHECKED = {
    "inspect": 'Command "inspect" is only valid after a "check" command (that produces no parse errors)',
    "suggest": "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)",
}


def not_checked(command: str) -> Answer:
    """The answer before any successful check."""
    return {"error": NOT_CHECKED[command]}


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def inspect_request(session: Any, data: Mapping[str, object]) -> Answer:
    """``inspect``: the type, attributes or definition at ``data["location"]``."""
    show = str(data.get("show") or "type")
    if show not in ("type", "attrs", "definition"):
        return {"error": f"Unknown inspection kind: {show}"}
    options = InspectOptions(
        show=show,
        verbosity=_int(data.get("verbosity")),
        limit=_int(data.get("limit")),
        include_span=bool(data.get("include_span")),
        include_kind=bool(data.get("include_kind")),
        include_object_attrs=bool(data.get("include_object_attrs")),
        union_attrs=bool(data.get("union_attrs")),
        force_reload=bool(data.get("force_reload")),
    )
    return _guarded(
        "inspect", session, lambda a: answer_inspect(a, str(data.get("location") or ""), options)
    )


def suggest_request(session: Any, data: Mapping[str, object]) -> Answer:
    """``suggest``: a signature (or the call sites) of ``data["function"]``."""
    flex = data.get("flex_any")
    options = SuggestOptions(
        json=bool(data.get("json")),
        no_errors=bool(data.get("no_errors")),
        no_any=bool(data.get("no_any")),
        flex_any=float(flex)
        if isinstance(flex, (int, float)) and not isinstance(flex, bool)
        else None,
        callsites=bool(data.get("callsites")),
        use_fixme=str(data["use_fixme"]) if data.get("use_fixme") else None,
        max_guesses=_int(data.get("max_guesses")) or None,
    )
    return _guarded(
        "suggest", session, lambda a: answer_suggest(a, str(data.get("function") or ""), options)
    )


def _guarded(command: str, session: Any, run: Any) -> Answer:
    try:
        analyzer = SessionAnalyzer(session)
    except (NoProgram, AttributeError, TypeError):
        return not_checked(command)
    try:
        answer: Answer = run(analyzer)
        return answer
    except Exception:  # a bug in a tool fails this request only
        text = f"INTERNAL ERROR in {command}: please report the bug.\n"
        if getattr(getattr(session, "options", None), "show_traceback", False):
            text += traceback.format_exc()
        return {"out": "", "err": text, "status": 2}
