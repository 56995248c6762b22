"""The daemon's commands: what each request does to the session, and what it answers.

Answers follow dmypy's response shapes, which the client interprets:

- a check (``run``, ``check``, ``recheck``) answers ``{"out", "err", "status"}``: the
  batch checker's stdout, stderr and exit code, plus ``stats`` (phase timings);
- a failure the user can act on answers ``{"error": message}`` (the client prints it and
  exits 2);
- ``run`` with other options or another tycheck version answers ``{"restart": reason}``.

The session is built lazily from the daemon's start flags. If a check raises (a bug: the
service layer is meant to catch analysis failures itself) the session is dropped and the
next request rebuilds it cold, so one bug can never leave stale state behind.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any, Iterable

from tycheck import __version__
from tycheck.daemon.backend import SessionLike, fingerprint_of, make_session
from tycheck.inputs.fs import RealFileSystem
from tycheck.service.api import CheckOutcome, Targets, UsageError

Response = dict[str, Any]


class CommandHandler:
    """Runs one request at a time against a long-lived session."""

    def __init__(
        self,
        flags: Sequence[str],
        cwd: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.flags = server_flags(flags)
        self.cwd = cwd or os.getcwd()
        self.environ = dict(os.environ if environ is None else environ)
        self.started = time.time()
        self.requests = 0
        self._session: SessionLike | None = None
        self._last_targets: Targets | None = None
        # ``recheck --update`` files that did not exist (see ``_settle_absent``).
        self._absent: dict[str, str] = {}
        # Whether a check has succeeded far enough (no blocking error) for inspect/suggest.
        self._analysed = False
        self.fingerprint = ""

    # -- session management -------------------------------------------------------------

    @property
    def session(self) -> SessionLike:
        """The live session, built on first use (may raise UsageError)."""
        if self._session is None:
            self._session = make_session(self.flags, self.cwd, self.environ, require_targets=False)
            self.fingerprint = self._session.fingerprint
        return self._session

    def open_session(self) -> None:
        """Build the session now, so that bad start flags fail the start, not a later check."""
        _ = self.session

    def drop_session(self) -> None:
        """Forget all analysis state; the next request starts cold."""
        self._session = None
        self._analysed = False

    def metadata(self) -> Response:
        """Fields every answer carries (the client's ``--junit-xml`` needs them)."""
        version = f"{sys.version_info[0]}_{sys.version_info[1]}"
        return {"platform": sys.platform, "python_version": version}

    # -- dispatch ----------------------------------------------------------------------

    def handle(self, command: str, data: dict[str, Any]) -> Response:
        """Run ``command`` with the request's arguments (unknown keys are ignored)."""
        self.requests += 1
        method = getattr(self, "cmd_" + command, None)
        if method is None:
            return {"error": f"Unrecognized command '{command}'"}
        result: Response = method(data)
        return result

    # -- commands ----------------------------------------------------------------------

    def cmd_status(self, data: dict[str, Any]) -> Response:
        """Liveness plus a few statistics; optionally dump the file states as JSON."""
        res: Response = {
            "pid": os.getpid(),
            "version": __version__,
            "uptime": round(time.time() - self.started, 3),
            "requests": self.requests,
        }
        res.update(memory_info())
        dump = data.get("fswatcher_dump_file")
        if isinstance(dump, str) and dump:
            states = self._session.file_states() if self._session is not None else {}
            with open(dump, "w", encoding="utf-8") as f:
                f.write(json.dumps({path: list(state) for path, state in states.items()}))
        return res

    def cmd_run(self, data: dict[str, Any]) -> Response:
        """Check ``args`` (flags + targets), asking for a restart if the options changed."""
        args = server_flags(str(a) for a in data.get("args") or [])
        environ = data.get("environ")
        env = dict(environ) if isinstance(environ, dict) else self.environ
        if data.get("version") != __version__:
            return {"restart": "tycheck version changed"}
        try:
            if fingerprint_of(args, self.cwd, env) != self.session.fingerprint:
                return {"restart": "configuration changed"}
            targets = self._targets_of(args, env)
        except UsageError as err:
            return usage_response(err)
        if not (
            targets.files or targets.modules or targets.packages or targets.command is not None
        ):
            return {
                "out": "",
                # dmypy's wording and prefix: scripts parse this line (the product name
                # stays in --help and version texts only).
                "err": "mypy-daemon: error: Missing target module, package, files, or command.\n",
                "status": 2,
            }
        self._absent.clear()
        return self._check(targets, bool(data.get("export_types")))

    def cmd_check(self, data: dict[str, Any]) -> Response:
        """Check the given files and directories with the daemon's options."""
        files = tuple(str(f) for f in data.get("files") or [])
        self._absent.clear()
        return self._check(Targets(files=files), bool(data.get("export_types")))

    def cmd_recheck(self, data: dict[str, Any]) -> Response:
        """Check the previous targets again, with optional --update/--remove hints."""
        if self._last_targets is None:
            return {"error": "Command 'recheck' is only valid after a 'check' command"}
        update = _str_list(data.get("update"))
        remove = _str_list(data.get("remove"))
        export = bool(data.get("export_types"))
        named = list(update or [])
        update, remove = self._settle_absent(update, remove)
        if update is None and remove is None:
            return self._check(self._last_targets, export)
        # Sessions that know module identities revise by them; others compare paths.
        try:
            revise = getattr(self.session, "revise_targets", None) or revise_targets
        except UsageError as err:
            return usage_response(err)
        targets = revise(self._last_targets, update or [], remove or [])
        # Every named file is a hint, held back or not: a deleted file inside a directory
        # target must still be seen as changed.
        changed = list(dict.fromkeys([*(update or []), *named]))
        return self._check(targets, export, hints=(changed, remove or []))

    def _settle_absent(
        self, update: list[str] | None, remove: list[str] | None
    ) -> tuple[list[str] | None, list[str] | None]:
        """Hold back ``--update`` files that do not exist and are no target yet.

        dmypy takes such a file as a module that is gone: nothing is reported and nothing
        is counted. It stays pending, and joins the targets on the first recheck that finds
        it on disk; ``--remove`` forgets it.
        """
        for path in remove or []:
            self._absent.pop(os.path.normpath(path), None)
        arrived = [p for p in self._absent.values() if self._exists(p)]
        for path in arrived:
            del self._absent[os.path.normpath(path)]
        if update is None and not arrived:
            return update, remove
        known = (
            {os.path.normpath(f) for f in self._last_targets.files} if self._last_targets else set()
        )
        kept = list(arrived)
        for path in update or []:
            if self._exists(path) or os.path.normpath(path) in known:
                kept.append(path)
            else:
                self._absent[os.path.normpath(path)] = path
        return kept, remove

    def _exists(self, path: str) -> bool:
        """Whether ``path`` (relative to the daemon's directory) is a file now."""
        fs = getattr(self._session, "fs", None) or RealFileSystem()
        return bool(fs.is_file(os.path.join(self.cwd, path)))

    def cmd_hang(self, data: dict[str, Any]) -> Response:
        """Block for a while (100 s unless told otherwise): a debugging aid."""
        seconds = data.get("seconds", 100)
        time.sleep(float(seconds) if isinstance(seconds, (int, float)) else 100.0)
        return {}

    def cmd_suggest(self, data: dict[str, Any]) -> Response:
        """A draft signature for a function, or its call sites (``tools.suggestion``)."""
        from tycheck.tools import (
            requests,
        )  # the checker is loaded by the server only, not by clients

        if not self._analysed or self._session is None:
            return requests.not_checked("suggest")
        try:
            return requests.suggest_request(self._session, data)
        finally:
            self._session.release_memory()

    def cmd_inspect(self, data: dict[str, Any]) -> Response:
        """The type, attributes or definition of expressions (``tools.inspection``)."""
        from tycheck.tools import (
            requests,
        )  # the checker is loaded by the server only, not by clients

        if not self._analysed or self._session is None:
            return requests.not_checked("inspect")
        # No sweep of the engine's memos afterwards (it cost more than the answer on a large
        # tree): an inspection adds only facts a check would compute, and the next check
        # sweeps.
        return requests.inspect_request(self._session, data)

    # -- helpers -----------------------------------------------------------------------

    def _targets_of(self, args: list[str], environ: Mapping[str, str]) -> Targets:
        """The targets named by ``args`` (parsed afresh: the session's own targets follow
        whatever it checked last, not what these flags name)."""
        return make_session(args, self.cwd, environ, require_targets=False).targets

    def _check(
        self,
        targets: Targets,
        export_types: bool,
        hints: tuple[list[str], list[str]] | None = None,
    ) -> Response:
        """Bring the session up to date and check ``targets``.

        ``hints`` are (changed, removed) paths from ``recheck --update/--remove``; without
        them the session detects changes itself. A session that raises is discarded
        before the error propagates.
        """
        try:
            session = self.session
            if hints is None:
                session.apply_changes()
            else:
                session.apply_changes(changed=hints[0], removed=hints[1])
            previous = session.export_types
            session.export_types = previous or export_types
            try:
                outcome = session.check(targets)
            finally:
                session.export_types = previous
            session.release_memory()
        except UsageError as err:
            return usage_response(err)
        except BaseException:
            self.drop_session()
            raise
        self._last_targets = targets
        self._analysed = self._analysed or outcome.exit_code != 2
        return outcome_response(outcome)


def outcome_response(outcome: CheckOutcome) -> Response:
    """The answer for a finished check."""
    return {
        "out": outcome.stdout,
        "err": outcome.stderr,
        "status": outcome.exit_code,
        "stats": dict(outcome.timings),
    }


def usage_response(err: UsageError) -> Response:
    """The answer for bad flags or targets: the message on stderr with its exit code."""
    message = err.message if err.message.endswith("\n") or not err.message else err.message + "\n"
    return {"out": err.stdout, "err": message, "status": err.exit_code}


def revise_targets(previous: Targets, update: Sequence[str], remove: Sequence[str]) -> Targets:
    """Drop removed files from ``previous`` and append updated files it lacks (by path;
    the real session revises by module identity, see ``Session.revise_targets``)."""
    removed = {os.path.normpath(p) for p in remove}
    files = [f for f in previous.files if os.path.normpath(f) not in removed]
    known = {os.path.normpath(f) for f in files}
    # Stubs first, as a .pyi shadows its .py when both are added in one go.
    for path in sorted(update, key=lambda p: os.path.splitext(p)[1], reverse=True):
        if os.path.normpath(path) not in known and os.path.normpath(path) not in removed:
            files.append(path)
            known.add(os.path.normpath(path))
    return Targets(
        files=tuple(files),
        modules=previous.modules,
        packages=previous.packages,
        command=previous.command,
    )


def memory_info() -> Response:
    """Current and peak resident memory of the daemon, in MiB."""
    info: Response = {"platform_machine": platform.machine()}
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # ru_maxrss is KiB on Linux, bytes on macOS.
        info["memory_maxrss_mib"] = round(
            peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1
        )
    except (ImportError, OSError):
        pass
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
        info["memory_rss_mib"] = round(pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024), 1)
    except (OSError, ValueError, IndexError):
        pass
    return info


def _str_list(value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


#: Flags only the daemon takes (dmypy's server options), removed before the checker's own
#: parsing. ``--use-fine-grained-cache``: start from the persistent cache; every session
#: does, so accepting it is all there is to do.
SERVER_ONLY_FLAGS = frozenset({"--use-fine-grained-cache"})


def server_flags(flags: Iterable[str]) -> list[str]:
    """The checker flags among a daemon's flags."""
    return [f for f in flags if f not in SERVER_ONLY_FLAGS]
