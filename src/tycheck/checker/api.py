"""The checker's entry points for the service layer, importable from one stable place.

``Analysis`` checks modules of one program; ``Program`` holds the parsed modules and the
facts computed about them; ``SourceModule`` is one parsed module; ``Located`` is where a
module's file was found. The service imports these from here, never from the sub-packages,
so the checker's inside can move without touching the service.
"""

from tycheck.checker.core.program import Located, Program, SourceModule
from tycheck.checker.driver.analysis import Analysis

__all__ = ["Analysis", "Located", "Program", "SourceModule"]
