"""``tycheckd``: the command-line client of the tycheck daemon, with dmypy's commands.

Every command talks to the daemon named by the status file (``--status-file``, default
``.tycheckd.json``). Texts and exit codes are dmypy's: problems with the status file are
printed on stderr with exit 2 ("No status file found", "Daemon has died"), a check prints
the daemon's stdout and stderr verbatim and exits with the check's code.

Checker flags are passed after ``--``, as with dmypy: ``tycheckd run -- --strict pkg/``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from tycheck import __version__
from tycheck.daemon.client import DaemonGone, request
from tycheck.daemon.process import run_daemon, spawn_daemon
from tycheck.daemon.reports import write_junit_xml, write_perf_stats
from tycheck.daemon.status import (
    DEFAULT_STATUS_FILE,
    BadStatus,
    check_status,
    clean_stale,
    command_line,
    get_status,
    is_daemon_process,
    is_running,
    kill_process,
    process_alive,
    read_status,
    remove_socket_dir,
    status_lock,
)

PROG = "tycheckd"
BUSY = f"Daemon may be busy processing; if this persists, consider {PROG} kill"
# How many times ``run`` finds (or starts) a daemon again when the one it asked went away
# or needed a restart: other clients running in parallel may stop and replace daemons.
RUN_ATTEMPTS = 20

Action = Callable[[argparse.Namespace], None]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` on stderr and exit (with 2 unless told otherwise)."""
    print(message, file=sys.stderr)
    sys.exit(code)


# -- lifecycle commands ----------------------------------------------------------------


def do_start(args: argparse.Namespace) -> None:
    """Start the daemon; it must not be running already."""
    with status_lock(args.status_file):
        if is_running(args.status_file):
            fail("Daemon is still alive")
        start_server(args)


def do_restart(args: argparse.Namespace) -> None:
    """Stop the daemon if it runs (politely), then start it."""
    with status_lock(args.status_file):
        restart_server(args)


def ensure_running(args: argparse.Namespace) -> None:
    """Start the daemon unless one runs; parallel callers start exactly one between them."""
    if is_running(args.status_file):
        return
    with status_lock(args.status_file):
        if not is_running(args.status_file):
            start_server(args)


def restart_server(args: argparse.Namespace) -> None:
    """Stop (ignoring a missing or dead daemon) and start again with ``args.flags``."""
    try:
        do_stop(args)
    except BadStatus:
        pass
    start_server(args)


def start_server(args: argparse.Namespace) -> None:
    """Spawn a detached daemon and wait until it serves; exit on failure."""
    clean_stale(args.status_file)
    result = spawn_daemon(args.status_file, args.flags, args.timeout, args.log_file)
    if result.exit_code:
        sys.stderr.write(result.output)
        sys.exit(result.exit_code)
    sys.stdout.write(result.output)
    print("Daemon started")


def do_stop(args: argparse.Namespace) -> None:
    """Ask the daemon to stop, and wait (briefly) until its process is gone."""
    pid, _ = get_status(args.status_file)
    response = request(args.status_file, "stop", timeout=5)
    if "error" in response:
        show_stats(response)
        fail(BUSY)
    _wait_for_exit(pid, 5.0)
    print("Daemon stopped")


def do_kill(args: argparse.Namespace) -> None:
    """Kill the daemon process (SIGKILL) and remove its socket, if it is our daemon."""
    pid, socket_path = get_status(args.status_file)
    reason = not_our_daemon(args.status_file, pid)
    if reason is not None:
        fail(f"Refusing to kill process {pid}: {reason}")
    try:
        kill_process(pid)
    except OSError as err:
        fail(str(err))
    if _wait_for_exit(pid, 2.0):
        remove_socket_dir(socket_path)
    print("Daemon killed")


def not_our_daemon(status_file: str, pid: int) -> str | None:
    """Why ``pid`` is not the daemon of ``status_file`` (a reused pid?), or None if it is.

    Its command line must be a tycheck daemon's for this status file, and if something
    answers on the socket it must be that same process.
    """
    if not is_daemon_process(pid, status_file):
        argv = command_line(pid)
        shown = " ".join(argv) if argv else "unknown"
        return f"it is not a tycheck daemon for {status_file} (command line: {shown})"
    answer = request(status_file, "status", timeout=2)
    answered = answer.get("pid")
    if isinstance(answered, int) and answered != pid:
        return f"the daemon on its socket is process {answered}"
    return None


def _wait_for_exit(pid: int, limit: float) -> bool:
    """Poll until ``pid`` is gone (or a zombie); False if it outlived ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while process_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def do_status(args: argparse.Namespace) -> None:
    """Check that the daemon is alive and answers."""
    status = read_status(args.status_file)
    if args.verbose:
        show_stats(status)
    check_status(status)
    dump = os.path.abspath(args.fswatcher_dump_file) if args.fswatcher_dump_file else None
    response = request(args.status_file, "status", fswatcher_dump_file=dump, timeout=5)
    if args.verbose or "error" in response:
        show_stats(response)
    if "error" in response:
        fail(BUSY)
    print("Daemon is up and running")


# -- check commands --------------------------------------------------------------------


def do_run(args: argparse.Namespace) -> None:
    """Check, starting the daemon if needed and restarting it if its options differ."""
    sys.exit(run_once(args))


def run_once(args: argparse.Namespace) -> int:
    """One ``run``: print the check's output and return its exit code.

    Other clients may stop or replace the daemon at any moment (a ``run`` with other
    flags restarts it): a daemon that vanishes before answering is looked for again.
    """
    started = time.time()
    for _ in range(RUN_ATTEMPTS):
        try:
            ensure_running(args)
            pid, _ = get_status(args.status_file)
            response = _run_request(args)
        except (BadStatus, DaemonGone):
            time.sleep(0.05)
            continue
        if "restart" not in response:
            return check_output(response, args, time.time() - started)
        with status_lock(args.status_file):
            if _status_pid(args.status_file) == pid:  # else another client replaced it
                print(f"Restarting: {response['restart']}")
                sys.stdout.flush()
                restart_server(args)
    fail("Gave up: the daemon was stopped or restarted by other clients on every attempt")


def _status_pid(status_file: str) -> int | None:
    try:
        return get_status(status_file)[0]
    except BadStatus:
        return None


def _run_request(args: argparse.Namespace) -> dict[str, Any]:
    return request(
        args.status_file,
        "run",
        raise_gone=True,
        version=__version__,
        args=args.flags,
        export_types=args.export_types,
        environ=dict(os.environ),
    )


def do_check(args: argparse.Namespace) -> None:
    """Check the given files with the running daemon."""
    started = time.time()
    response = request(args.status_file, "check", files=args.files, export_types=args.export_types)
    sys.exit(check_output(response, args, time.time() - started))


def do_recheck(args: argparse.Namespace) -> None:
    """Check the previous targets again, honouring --update/--remove hints."""
    started = time.time()
    kwds: dict[str, Any] = {"export_types": args.export_types}
    if args.update is not None or args.remove is not None:
        kwds.update(update=args.update, remove=args.remove)
    response = request(args.status_file, "recheck", **kwds)
    sys.exit(check_output(response, args, time.time() - started))


def do_watch(args: argparse.Namespace) -> None:
    """Check once, then again after every relevant file change, until interrupted."""
    from tycheck.daemon.watch import watch_changes

    run_once(args)
    sys.stdout.flush()
    try:
        for _ in watch_changes([os.getcwd()]):
            run_once(args)
            sys.stdout.flush()
            sys.stderr.flush()
    except KeyboardInterrupt:
        pass
    except ImportError as err:
        fail(str(err))


def do_suggest(args: argparse.Namespace) -> None:
    """Ask the daemon for a signature suggestion (or the call sites of a function)."""
    fields = ("function", "json", "callsites", "no_errors", "no_any", "flex_any")
    kwds = {name: getattr(args, name) for name in fields + ("use_fixme", "max_guesses")}
    sys.exit(check_output(request(args.status_file, "suggest", **kwds), args, 0.0))


def do_inspect(args: argparse.Namespace) -> None:
    """Ask the daemon for the type, attributes or definition of expressions at a location."""
    fields = ("show", "location", "limit", "include_span", "include_kind")
    kwds = {name: getattr(args, name) for name in fields}
    kwds.update(
        verbosity=args.verbose,
        include_object_attrs=args.include_object_attrs,
        union_attrs=args.union_attrs,
        force_reload=args.force_reload,
    )
    sys.exit(check_output(request(args.status_file, "inspect", **kwds), args, 0.0))


def do_hang(args: argparse.Namespace) -> None:
    """Make the daemon sleep (a debugging aid); the client gives up after a second."""
    print(request(args.status_file, "hang", timeout=1))


def do_lsp(args: argparse.Namespace) -> None:
    """Serve the Language Server Protocol on stdio (or TCP) until the editor says exit."""
    try:
        from tycheck.daemon.lsp.server import serve
    except ImportError as e:
        fail(f"{PROG} lsp needs pygls and lsprotocol ({e}): pip install 'tycheck[lsp]'")
    sys.exit(serve(args.tcp, args.flags))


def do_daemon(args: argparse.Namespace) -> None:
    """Serve in the foreground."""
    sys.exit(run_daemon(args.status_file, args.flags, args.timeout, args.log_file))


def check_output(response: dict[str, Any], args: argparse.Namespace, seconds: float) -> int:
    """Print a check answer verbatim, write the requested reports, return the exit code."""
    if "error" in response:
        fail(str(response["error"]).rstrip("\n"))
    try:
        out, err, status = response["out"], response["err"], response["status"]
    except KeyError:
        fail(f"Response: {response}")
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    sys.stderr.flush()
    if getattr(args, "verbose", False) is True:
        show_stats(dict(response, roundtrip_time=seconds))
    if getattr(args, "junit_xml", None):
        write_junit_xml(args.junit_xml, response, seconds)
    if getattr(args, "perf_stats_file", None):
        write_perf_stats(args.perf_stats_file, response)
    return int(status)


def show_stats(response: Mapping[str, object]) -> None:
    """Print an answer's fields, one per line, as dmypy's ``status -v`` does."""
    for key, value in sorted(response.items()):
        if key in ("out", "err", "stdout", "stderr"):
            text = repr(value)[1:-1]
            if len(text) > 50:
                text = f"{text[:40]} ... {len(text) - 40} more characters"
            print("%-24s: %s" % (key, text))
            continue
        shown = "%.3f" % value if isinstance(value, float) else value
        print("%-24s: %10s" % (key, shown))


def main(argv: list[str]) -> int:
    """Run one ``tycheckd`` command; return its exit code."""
    parser = build_parser(ACTIONS)
    args = parser.parse_args(argv)
    action: Action | None = args.action
    if action is None:
        parser.print_usage()
        return 0
    if action is do_help:
        parser.print_help()
        return 0
    try:
        action(args)
    except BadStatus as err:
        print(err.args[0], file=sys.stderr)
        return 2
    except SystemExit as exit_:
        return _exit_code(exit_.code)
    except KeyboardInterrupt:
        return 130
    except Exception:
        traceback.print_exc()
        return 2
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def do_help(args: argparse.Namespace) -> None:
    """Print the full help (handled in ``main``, which owns the parser)."""


ACTIONS: dict[str, Action] = {
    "start": do_start,
    "restart": do_restart,
    "status": do_status,
    "stop": do_stop,
    "kill": do_kill,
    "check": do_check,
    "run": do_run,
    "recheck": do_recheck,
    "watch": do_watch,
    "suggest": do_suggest,
    "inspect": do_inspect,
    "hang": do_hang,
    "daemon": do_daemon,
    "lsp": do_lsp,
    "help": do_help,
}


def console_main() -> None:
    """Entry point of the ``tycheckd`` console script."""
    sys.exit(main(sys.argv[1:]))


# -- argument parsing ------------------------------------------------------------------


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str, **kwargs: Any) -> None:
        super().__init__(prog=prog, max_help_position=30, **kwargs)


def _add_lifecycle_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--log-file", metavar="FILE", type=str, help="Direct daemon stdout/stderr to FILE"
    )
    p.add_argument(
        "--timeout", metavar="TIMEOUT", type=int, help="Server shutdown timeout (in seconds)"
    )


def _add_check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="store_true", help="Print detailed status")
    p.add_argument("--junit-xml", help="Write junit.xml to the given file")
    p.add_argument("--perf-stats-file", help="write performance information to the given file")
    p.add_argument(
        "--export-types",
        action="store_true",
        help="Store types of all expressions in a shared location (useful for inspections)",
    )


def _add_flags(p: argparse.ArgumentParser, metavar: str, what: str) -> None:
    p.add_argument("flags", metavar=metavar, nargs="*", type=str, help=what)


def _add_suggest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "function",
        metavar="FUNCTION",
        help="Function specified as '[package.]module.[class.]function'",
    )
    p.add_argument("--json", action="store_true", help="Produce json that pyannotate can use")
    p.add_argument(
        "--no-errors", action="store_true", help="Only produce suggestions that cause no errors"
    )
    p.add_argument(
        "--no-any", action="store_true", help="Only produce suggestions that don't contain Any"
    )
    p.add_argument(
        "--flex-any", type=float, help="Allow anys in types if they go above a certain score"
    )
    p.add_argument(
        "--callsites", action="store_true", help="Find callsites instead of suggesting a type"
    )
    p.add_argument("--use-fixme", metavar="NAME", help="A dummy name to use instead of Any")
    p.add_argument("--max-guesses", type=int, help="Maximum number of types to try for a function")


def _add_inspect_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "location",
        metavar="LOCATION",
        help="Location as path/to/file.py:line:column[:end_line:end_column]",
    )
    p.add_argument(
        "--show",
        metavar="INSPECTION",
        default="type",
        choices=["type", "attrs", "definition"],
        help="What kind of inspection to run",
    )
    p.add_argument("--verbose", "-v", action="count", default=0, help="Increase type verbosity")
    p.add_argument(
        "--limit", metavar="NUM", type=int, default=0, help="Return at most NUM expressions"
    )
    p.add_argument("--include-span", action="store_true", help="Prepend each result with its span")
    p.add_argument("--include-kind", action="store_true", help="Prepend each result with its kind")
    p.add_argument(
        "--include-object-attrs", action="store_true", help='Include attributes of "object"'
    )
    p.add_argument(
        "--union-attrs", action="store_true", help="Include attributes valid for some types"
    )
    p.add_argument(
        "--force-reload", action="store_true", help="Re-check the file before inspection"
    )


def build_parser(actions: Mapping[str, Action]) -> argparse.ArgumentParser:
    """The ``tycheckd`` argument parser, each subcommand bound to its action."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Client for tycheck daemon mode", fromfile_prefix_chars="@"
    )
    parser.set_defaults(action=None)
    parser.add_argument(
        "--status-file", default=DEFAULT_STATUS_FILE, help="status file to retrieve daemon details"
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="Show program's version number and exit",
    )
    sub = parser.add_subparsers()

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, formatter_class=_HelpFormatter)
        p.set_defaults(action=actions[name])
        return p

    for name, text in (
        ("start", "Start daemon"),
        ("restart", "Restart daemon (stop or kill followed by start)"),
    ):
        p = add(name, text)
        _add_lifecycle_options(p)
        _add_flags(p, "FLAG", "Regular checker flags (precede with --)")
    p = add("status", "Show daemon status")
    p.add_argument("-v", "--verbose", action="store_true", help="Print detailed status")
    p.add_argument("--fswatcher-dump-file", help="Collect information about the current file state")
    add("stop", "Stop daemon (asks it politely to go away)")
    add("kill", "Kill daemon (kills the process)")
    p = add("check", "Check some files (requires daemon)")
    _add_check_options(p)
    p.add_argument("files", metavar="FILE", nargs="+", help="File (or directory) to check")
    p = add("run", "Check some files, [re]starting daemon if necessary")
    _add_check_options(p)
    _add_lifecycle_options(p)
    _add_flags(p, "ARG", "Regular checker flags and files (precede with --)")
    p = add(
        "recheck",
        "Re-check the previous list of files, with optional modifications (requires daemon)",
    )
    _add_check_options(p)
    p.add_argument(
        "--update",
        metavar="FILE",
        nargs="*",
        action="extend",
        help="Files in the run to add or check again (default: all from previous run)",
    )
    p.add_argument(
        "--remove", metavar="FILE", nargs="*", action="extend", help="Files to remove from the run"
    )
    p = add(
        "watch", "Check some files, then again after each change ([re]starting daemon if necessary)"
    )
    _add_check_options(p)
    _add_lifecycle_options(p)
    _add_flags(p, "ARG", "Regular checker flags and files (precede with --)")
    _add_suggest_options(
        add("suggest", "Suggest a signature or show call sites for a specific function")
    )
    _add_inspect_options(add("inspect", "Locate and statically inspect expression(s)"))
    add("hang", "Hang for 100 seconds")
    p = add("daemon", "Run daemon in foreground")
    _add_lifecycle_options(p)
    _add_flags(p, "FLAG", "Regular checker flags (precede with --)")
    p = add("lsp", "Run the language server (stdio; --tcp HOST:PORT for a socket)")
    p.add_argument("--tcp", metavar="HOST:PORT", help="Listen on a TCP socket instead of stdio")
    _add_flags(p, "FLAG", "Regular checker flags and targets (precede with --)")
    add("help", "Show this help")
    return parser


if __name__ == "__main__":
    console_main()
