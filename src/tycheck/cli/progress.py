"""The progress line: one line on stderr, rewritten in place, for long runs on a terminal.

It appears only when stderr is a terminal, after the run has lasted a second, and at most
ten times a second; it is erased before the results are printed, so a terminal ends up with
exactly mypy's output, and stdout is never touched. ``--no-progress`` turns it off.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Mapping, TextIO

DELAY = 1.0
INTERVAL = 0.1


class ProgressLine:
    """Shows ``checked N/M modules`` on ``stream`` once a run is slow enough to need it."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < DELAY or now - self.last < INTERVAL:
            return
        self.last = now
        text = f"tycheck: checked {done}/{total} modules"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = max(self.width, len(text))

    def finish(self) -> None:
        """Erase the line, if one was shown."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def progress_for(
    stream: TextIO, enabled: bool, environ: Mapping[str, str] | None = None
) -> ProgressLine | None:
    """A progress line on ``stream`` when it is a terminal that can redraw, else None."""
    env = os.environ if environ is None else environ
    if not enabled or env.get("TERM") == "dumb":
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return ProgressLine(stream)
