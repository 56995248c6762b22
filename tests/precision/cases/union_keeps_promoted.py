def f(a: float, b: int) -> None:
    reveal_type(b if a else a)
    reveal_type(a if a else b)
