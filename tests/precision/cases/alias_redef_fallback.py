# A type alias assigned again in an except/else branch: mypy's semantic analyzer reports it
# [misc] (pyjwt's `AllowedRSAKeys = Never  # type: ignore[misc]`, urllib3).
import sys
from typing import Union

try:
    from decimal import Context, Decimal

    Keys = Union[Decimal, Context]
    Third = Union[int, str]
except ModuleNotFoundError:
    from typing import Never

    Keys = Never
    Third = int

if sys.version_info >= (3, 8):
    Native = int
else:
    Native = str  # unreachable: not reported

Plain = None
Plain = 3


def f(k: Keys) -> None:
    reveal_type(k)
