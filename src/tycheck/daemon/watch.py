"""File watching for ``tycheckd watch``: batches of changed paths from ``watchfiles``.

Only Python sources, stubs and configuration files matter to a check; everything else
(caches, editor swap files, the status file) is filtered out so it never triggers one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from threading import Event

CONFIG_NAMES = frozenset({"mypy.ini", ".mypy.ini", "setup.cfg", "pyproject.toml"})
SOURCE_SUFFIXES = (".py", ".pyi")


def relevant(path: str) -> bool:
    """True for files whose change can change a check's result."""
    name = os.path.basename(path)
    return name.endswith(SOURCE_SUFFIXES) or name in CONFIG_NAMES


def watch_changes(
    paths: Sequence[str], stop: Event | None = None, debounce_ms: int = 200
) -> Iterator[set[str]]:
    """Yield each batch of relevant changed paths under ``paths`` until ``stop`` is set.

    Raises ImportError with an installation hint when ``watchfiles`` is missing.
    """
    try:
        import watchfiles
    except ImportError as err:
        raise ImportError("tycheckd watch needs watchfiles: pip install 'tycheck[watch]'") from err

    def keep(change: object, path: str) -> bool:
        return relevant(path) and "__pycache__" not in path

    for batch in watchfiles.watch(
        *paths, watch_filter=keep, debounce=debounce_ms, stop_event=stop, raise_interrupt=False
    ):
        changed = {path for _, path in batch}
        if changed:
            yield changed
