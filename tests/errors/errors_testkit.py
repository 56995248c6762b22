"""Shared helpers for the errors-layer tests: a stand-in for the options object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Opts:
    """The output flags, with mypy's defaults."""

    show_column_numbers: bool = False
    show_error_end: bool = False
    hide_error_codes: bool = False
    show_error_context: bool = False
    pretty: bool = False
    show_absolute_path: bool = False
    color_output: bool = False
