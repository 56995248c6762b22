# Attributes assigned in methods defined inside if/else of the class body (multidict's
# `if _FREE_THREADED: def _incr_version(self): self._version = ...`).
import itertools
import sys

_counter = itertools.count(1)
FREE_THREADED = bool(getattr(sys, "_is_gil_enabled", None))


class MultiDict:
    if FREE_THREADED:

        def _incr_version(self) -> None:
            self._version = next(_counter)

    else:

        def _incr_version(self) -> None:
            self._version = next(_counter)

    if sys.platform == "win32":

        def _only_windows(self) -> None:
            self._handle = 1

    def version(self) -> int:
        return self._version

    def handle(self) -> int:
        return self._handle


reveal_type(MultiDict()._version)
