"""``python -m tycheck.daemon``: the daemon server's own entry point.

This is what ``tycheckd start``/``run`` spawn (a fresh interpreter, detached into its own
session). It understands only the server half of the command line::

    python -m tycheck.daemon [--status-file FILE] daemon [--timeout N] [--log-file FILE]
                             [--detached] [-- FLAGS]

The client commands (start, stop, status, check...) live in the ``tycheckd`` script.
"""

from __future__ import annotations

import argparse
import sys

from tycheck.daemon.process import run_daemon
from tycheck.daemon.status import DEFAULT_STATUS_FILE


def build_parser() -> argparse.ArgumentParser:
    """The server entry point's argument parser."""
    parser = argparse.ArgumentParser(
        prog="python -m tycheck.daemon", description="Run the tycheck daemon server"
    )
    parser.add_argument("--status-file", default=DEFAULT_STATUS_FILE)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("daemon", help="Run daemon in foreground")
    p.add_argument("--timeout", metavar="TIMEOUT", type=int)
    p.add_argument("--log-file", metavar="FILE")
    p.add_argument("--detached", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("flags", metavar="FLAG", nargs="*")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the server command line and serve until stopped."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return run_daemon(args.status_file, args.flags, args.timeout, args.log_file, args.detached)


if __name__ == "__main__":
    sys.exit(main())
