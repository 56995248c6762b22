"""Assigning a Final name through global/nonlocal, in checked and unchecked functions."""
from typing import Final
X: Final = False
def f():
    global X
    X = True
def g() -> None:
    Y: Final = 1
    def h() -> None:
        nonlocal Y
        Y = 2
