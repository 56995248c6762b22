# ``x is y`` narrows x to what its type shares with y's (trio _core/_run.py: an exception
# compared by identity in a ``finally``); nothing shared narrows nothing.
import sys
def close(e: BaseException | None) -> BaseException | None: ...
def exit_(exc: BaseException | None, o: object, i: int | None, s: str) -> bool:
    r = close(exc)
    if r is None:
        return True
    try:
        raise r
    finally:
        _, value, _ = sys.exc_info()
        assert value is r
        value.__context__ = None
        if i is s:
            reveal_type(i)
        if o is i:
            reveal_type(o)
        if o is not i:
            reveal_type(o)
