# A generic or overloaded function passed for a callable parameter is matched against the
# parameter once the other arguments solved it (``map(os.path.abspath, paths)``); a generic
# class object passed for ``type[T]`` gives T with Any arguments.
import os
from typing import Any, Callable, Mapping, TypeVar

T = TypeVar("T")
T2 = TypeVar("T2")


def get(d: Mapping[str, Any], expected_type: type[T], key: str) -> T | None:
    raise NotImplementedError


def get_as(d: Mapping[str, Any], expected: type[T], target: Callable[[T], T2], key: str) -> T2:
    raise NotImplementedError


def validate(data: Mapping[str, Any]) -> Mapping[str, str]:
    return data


def f(d: Mapping[str, Any], paths: tuple[str, ...], raw: list[bytes]) -> None:
    reveal_type(tuple(map(os.path.abspath, paths)))
    reveal_type(list(map(os.path.basename, raw)))
    reveal_type(get(d, dict, "k"))
    reveal_type(get_as(d, dict, validate, "hashes"))
    reveal_type(get_as(d, str, int, "size"))
