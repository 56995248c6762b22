from typing import Optional
class A:
    locals: list[Optional[dict[str, int]]]
    def f(self) -> int:
        assert self.locals[-1] is not None
        return self.locals[-1].get("x", 0)
    def g(self, t: tuple[int | None, str | None]) -> str:
        if t[-1] is not None:
            return t[-1]
        if t[-2] is not None:
            reveal_type(t[-2])
        return ""
    def h(self, xs: list[int | None]) -> None:
        if xs[-1] is not None:
            xs[-1] = None
            reveal_type(xs[-1])
