# mypy: warn-unused-ignores
"""Ignores on lines mypy skips (dead platform and version branches, after a failing assert)."""
import sys
from typing import TYPE_CHECKING

def f() -> None:
    if sys.platform == "win32":
        x = 1  # type: ignore[attr-defined]
        if True:
            y = 2  # type: ignore
    else:
        z = 3  # type: ignore[misc]

if sys.version_info < (3, 8):
    a = 1  # type: ignore
elif sys.version_info >= (3, 9):
    b = 1  # type: ignore
else:
    c = 1  # type: ignore

if TYPE_CHECKING:
    pass
else:
    d = 1  # type: ignore

class C:
    if sys.platform != "linux":
        @property  # type: ignore
        def p(self) -> int:  # type: ignore
            return 1  # type: ignore

assert sys.platform == "win32"
e = 1  # type: ignore
