import re


def get() -> int | None: ...
def obj() -> object: ...
def use(x: int) -> None: ...


def f(c: bool, xs: list[int]) -> int:
    if (y := get()) is None:
        return 0
    use(y)
    while (w := get()) is not None:
        use(w)
    reveal_type(w)
    if not isinstance(o := obj(), int):
        return 1
    use(o)
    if (m := re.match("a", "b")) and m.group(0):
        reveal_type(m)
    g = (v for x in xs if (v := get()))
    reveal_type(g)
    if c or (z := get()) is None:
        return 2
    reveal_type(z)
    if not (k := get()):
        return 3
    reveal_type(k)
    use(y := get())
    return 0
