# A declared callable or class-object type narrows to the assigned value's type when that is
# a subtype (werkzeug serving.py: the WSGI app wrapped in a debugging middleware).
from typing import Any, Callable
App = Callable[[dict[str, Any]], bytes]
class Debugged:
    trusted: list[str]
    def __init__(self, app: App) -> None: ...
    def __call__(self, env: dict[str, Any]) -> bytes: return b""
class Base: ...
class Derived(Base):
    x = 1
def run(application: App, debug: bool, k: type[Base]) -> None:
    if debug:
        application = Debugged(application)
        application.trusted.append("x")
    reveal_type(application)
    k = Derived
    print(k.x)
