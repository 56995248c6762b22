import os
from typing import Optional

provided = os.getenv("X", None)
if provided:
    PREFIX = provided
else:
    PREFIX = "/default"

mode = os.getenv("M")
if mode is None:
    mode = "fast"
MODE = mode


class A:
    def __init__(self, xs: Optional[list[int]] = None, name: str | None = None, flag: bool = False) -> None:
        if xs is None:
            xs = []
        self.xs = xs
        if flag:
            if name is not None:
                self.name = name
        label = name
        if not label:
            label = "anon"
        self.label = label
        try:
            n = name or "x"
            self.n = n
        except ValueError:
            pass
        for _ in range(3):
            name = None
        self.later = name

    def use(self) -> None:
        reveal_type(self.xs)
        reveal_type(self.name)
        reveal_type(self.label)
        reveal_type(self.n)
        reveal_type(self.later)


reveal_type(PREFIX)
reveal_type(MODE)


def g() -> None:
    reveal_type(PREFIX)
    reveal_type(MODE)
