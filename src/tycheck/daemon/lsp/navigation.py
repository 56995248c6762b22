"""Hover, go to definition and go to type definition (answered on the worker thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from tycheck.daemon.lsp.scheduler import Scheduler


async def hover(scheduler: "Scheduler", params: types.HoverParams) -> types.Hover | None:
    return None


async def definition(scheduler: "Scheduler", params: types.DefinitionParams) -> list[types.Location] | None:
    return None


async def type_definition(scheduler: "Scheduler", params: types.TypeDefinitionParams) -> list[types.Location] | None:
    return None
