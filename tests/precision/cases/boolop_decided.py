import sys
def f(n: list[int], s: str) -> None:
    reveal_type(sys.version_info >= (3, 12) and n)
    reveal_type(sys.version_info < (3, 12) or n)
    reveal_type(isinstance(s, str) or s.foo)
    reveal_type(s is None and s.foo)
    y = sys.platform == "win32" and undefined_thing(1)
    reveal_type(y)
