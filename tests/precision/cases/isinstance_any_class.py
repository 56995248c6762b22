# isinstance against a class of type Any (an import that is not followed, as the
# exceptiongroup backport under python_version 3.10 in trio) makes the value Any where it holds.
from typing import Any
from not_a_module_anywhere import BaseGroup
C: Any
def f(removed: BaseException | None, x: int | None) -> None:
    pending: list[BaseException | None] = [removed]
    for e in pending:
        if isinstance(e, BaseGroup):
            pending.extend(e.exceptions)
    if isinstance(x, C):
        reveal_type(x)
    else:
        reveal_type(x)
