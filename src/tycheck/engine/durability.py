"""Durability levels of inputs.

An input's durability says how often it is expected to change: the workspace
changes on every keystroke, installed packages and typeshed almost never. The
database remembers, per level, the last revision in which an input of at least
that level changed, so a memo that read only durable inputs can be re-validated
without walking its dependencies.
"""

from __future__ import annotations

import enum


class Durability(enum.IntEnum):
    """How rarely an input changes; higher means more stable."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2


#: Number of durability levels; sizes the per-level "last changed" table.
LEVELS: int = len(Durability)

#: The durability of a computation that read no input at all: it can never change.
MAX_DURABILITY: int = int(Durability.HIGH)
