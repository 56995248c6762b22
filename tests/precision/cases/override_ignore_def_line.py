# mypy: warn-unused-ignores
# An override error about an argument on a later line of a multi-line def is covered by an
# ignore on the def line (uvicorn connection_made), whatever the class holds after it.
from __future__ import annotations

import asyncio


class HttpProtocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.cycle = None

    # Protocol interface
    def connection_made(  # type: ignore[override]
        self, transport: asyncio.Transport
    ) -> None:
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is None:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        pass
