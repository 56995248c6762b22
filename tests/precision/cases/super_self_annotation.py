# ``super()`` with ``self`` annotated by a class that is not a subclass of the current one
# (a metaclass's ``cls: type[T]`` included) is mypy's "not an instance" error; a type
# variable bound by a base (``self: T``) goes through the current class.
from typing import Any, TypeVar


class Base:
    def f(self) -> int:
        return 1


T = TypeVar("T", bound=Base)


class A(Base):
    def f(self: Base) -> int:
        return super().f()

    def g(self: T) -> T:
        super().f()
        return self


class Meta(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return super().__call__(*args, **kwargs)
