# mypy: warn-return-any
# Returning an item of a container whose Any comes from omitted type arguments, a subclass of
# a bare dict included (flask's Config(dict): app.config["SESSION_COOKIE_NAME"]).
from typing import Any


class Config(dict):  # type: ignore[type-arg]
    pass


class Typed(dict[str, Any]):
    pass


class Ints(dict[str, int]):
    pass


class App:
    def __init__(self) -> None:
        self.config = Config()


def cookie_name(app: App) -> str:
    return app.config["SESSION_COOKIE_NAME"]


def bare(d: dict) -> str:  # type: ignore[type-arg]
    return d["x"]


def bare_list(items: list) -> int:  # type: ignore[type-arg]
    return items[0]


def typed(c: Typed) -> str:
    return c["x"]


def ints(c: Ints) -> int:
    return c["x"]
