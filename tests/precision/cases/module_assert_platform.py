import sys
from typing import TYPE_CHECKING
x: int = 1
assert not TYPE_CHECKING or sys.platform == "win32"
from ctypes import windll
y: int = "no"
def f() -> None:
    assert sys.platform == "win32"
    z: int = "no"
