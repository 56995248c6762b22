import errno
import sys
from . import other as tsocket
from ._hl import *
from typing import Any
