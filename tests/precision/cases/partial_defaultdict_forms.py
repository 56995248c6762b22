from collections import defaultdict


def f() -> None:
    d = defaultdict(list)
    reveal_type(d)


def g() -> None:
    d = defaultdict(list)
    d["a"] = [1]
    reveal_type(d)
    e = defaultdict(int)
    e["a"] = "s"


def h() -> None:
    d = defaultdict(set)
    d[1].add("x")
    reveal_type(d)
    e = defaultdict(list)
    e[2].extend([1])
    reveal_type(e)
    k = defaultdict(lambda: 0)
    k["a"] = 3
    reveal_type(k)
    z = defaultdict(dict)
    z[1]["a"] = 2


def n() -> None:
    x = {}

    def inner(**kw: int) -> None:
        nonlocal x
        x = kw

    reveal_type(x)
