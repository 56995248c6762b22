import sys

if sys.platform == "win32":
    from os import unlink_win


def f(p: str, x: int) -> None:
    if sys.platform == "win32" and unlink_win(p):
        pass
    y = x is None and x.foo
    reveal_type(y)
    z = sys.platform == "win32" or 3
    reveal_type(z)
    w = sys.platform != "win32" or unlink_win(p)
    reveal_type(w)
