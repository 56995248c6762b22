from typing import final


class A: ...


@final
class F: ...


def f(a: A, b: int, fa: F) -> None:
    reveal_type(a or b)
    reveal_type(a and b)
    reveal_type(fa or b)
    if not a:
        reveal_type(a)
