# __dataclass_fields__ of a dataclass and its subclasses (rich-click's
# self.__dataclass_fields__.pop(...)).
from dataclasses import dataclass


@dataclass
class Conf:
    x: int = 1

    def __post_init__(self) -> None:
        self.__dataclass_fields__.pop("x", None)


class Sub(Conf):
    pass


class Plain:
    pass


reveal_type(Conf.__dataclass_fields__)
reveal_type(Sub().__dataclass_fields__)
Plain().__dataclass_fields__
