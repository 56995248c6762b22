import errno
import sys
from . import other as tsocket
from typing import Any
def f() -> None: ...
