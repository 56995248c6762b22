# ``x = None`` in a class body is completed by the class's own methods (mypy without
# local partial types): ``str | None``, and a subclass may assign a ``str``.
from typing import Callable


class Response:
    media_type = None
    charset = None
    size = None

    def __init__(self, media_type: str | None = None) -> None:
        if media_type is not None:
            self.media_type = media_type
        self.size = len(media_type or "")


class HTMLResponse(Response):
    media_type = "text/html"


class Other:
    value = None


class Sub(Other):
    def set(self) -> None:
        self.value = 1


reveal_type(Response.media_type)
reveal_type(Response().size)
reveal_type(Response.charset)


class Scope:
    pass


class AsyncScope(Scope):
    pass


class Group:
    def __init__(self) -> None:
        self.scope = Scope()


class AsyncGroup(Group):
    def __init__(self) -> None:
        self.scope: AsyncScope = AsyncScope()


reveal_type(AsyncGroup().scope)
