# A call or an await that never returns ends the flow wherever the statement holds it
# (trio _highlevel_ssl_helpers.py: ``await trio.serve_listeners(...)`` in a NoReturn function).
from typing import NoReturn
async def serve() -> NoReturn:
    raise RuntimeError
def stop() -> NoReturn:
    raise RuntimeError
async def serve_over_tcp() -> NoReturn:
    await serve()
async def result() -> int:
    x = await serve()
def printed() -> int:
    print(stop())
def either(flag: bool) -> int:
    y = stop() if flag else 1
    z = flag or stop()
