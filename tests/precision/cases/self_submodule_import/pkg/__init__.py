from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import testing
from . import other
