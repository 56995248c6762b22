"""Where the daemon gets its analysis: the service layer's ``Session``.

The daemon reaches the checker only through ``tycheck.service.session``. The module that
provides ``Session`` and ``options_fingerprint`` can be replaced by setting the
environment variable ``TYCHECKD_SESSION_MODULE`` to another importable module with the
same two names; the end-to-end tests use this to run real daemon processes over a small
fake, and embedders can use it to wrap the session. The variable is read in the process
that uses it, so a spawned daemon inherits the client's choice through its environment.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any, Protocol

from tycheck.service.api import CheckOutcome, Targets

SESSION_MODULE_ENV = "TYCHECKD_SESSION_MODULE"
DEFAULT_SESSION_MODULE = "tycheck.service.session"


class SessionLike(Protocol):
    """The part of ``tycheck.service.session.Session`` the daemon uses."""

    targets: Targets
    fingerprint: str
    export_types: bool

    def check(self, targets: Targets | None = None) -> CheckOutcome: ...

    def apply_changes(
        self, changed: Sequence[str] | None = None, removed: Sequence[str] | None = None
    ) -> None: ...

    def file_states(self) -> dict[str, tuple[float, int, str]]: ...

    def release_memory(self) -> None: ...


def session_module(environ: Mapping[str, str] | None = None) -> ModuleType:
    """Import the module providing ``Session`` and ``options_fingerprint``."""
    env = os.environ if environ is None else environ
    return importlib.import_module(env.get(SESSION_MODULE_ENV) or DEFAULT_SESSION_MODULE)


def make_session(
    argv: Sequence[str],
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    require_targets: bool = True,
) -> SessionLike:
    """Build a session from checker flags and targets; may raise ``UsageError``.

    ``require_targets=False`` is for ``tycheckd start -- FLAGS``, where files come later;
    it is passed on only if the session accepts it.
    """
    factory: Any = session_module().Session
    extra = _targets_optional(factory, require_targets)
    session: SessionLike = factory(list(argv), cwd=cwd, environ=_as_dict(environ), **extra)
    return session


def fingerprint_of(
    argv: Sequence[str],
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
    require_targets: bool = True,
) -> str:
    """The options fingerprint ``argv`` would give, without building a session."""
    func: Any = session_module().options_fingerprint
    extra = _targets_optional(func, require_targets)
    result: str = func(list(argv), cwd=cwd, environ=_as_dict(environ), **extra)
    return result


def _targets_optional(func: Any, require_targets: bool) -> dict[str, bool]:
    """``{"require_targets": False}`` when wanted and supported by ``func``, else ``{}``."""
    if require_targets:
        return {}
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return {}
    return {"require_targets": False} if "require_targets" in params else {}


def _as_dict(environ: Mapping[str, str] | None) -> dict[str, str] | None:
    return None if environ is None else dict(environ)
