"""Recursive type aliases: kept as references, expanded on demand, shown as mypy does."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source, "--hide-error-codes")


JSON = """
from typing import Dict, List, Union
JSON = Union[str, List[JSON], Dict[str, JSON]]
"""


def test_reveal_shows_dots_where_the_alias_recurs() -> None:
    out = check(JSON + "x: JSON\nreveal_type(x)\n")
    assert out == 'm.py:5: note: Revealed type is "str | list[...] | dict[str, ...]"\n'


def test_nested_values_are_checked_against_the_alias() -> None:
    out = check(
        JSON
        + """
x: JSON = ["foo", {"bar": ["baz", {"q": "r"}]}]
class Bad: ...
y: JSON = ["foo", {"bar": [Bad()]}]
"""
    )
    # FIXME: mypy expands the expected type one level: "str | list[JSON] | dict[str, JSON]".
    assert out == 'm.py:7: error: List item 0 has incompatible type "Bad"; expected "JSON"\n'


def test_narrowing_sees_the_alias_members() -> None:
    out = check(
        JSON
        + """
def f(x: JSON) -> None:
    if isinstance(x, (list, dict)):
        return
    reveal_type(x)
    x.upper()
"""
    )
    assert out == 'm.py:8: note: Revealed type is "str"\n'


def test_alias_against_itself_and_by_name_in_messages() -> None:
    out = check(
        JSON
        + """
def f(x: JSON) -> JSON:
    y: JSON = x
    z: int = x
    return y
"""
    )
    assert out == (
        'm.py:7: error: Incompatible types in assignment (expression has type "JSON", '
        'variable has type "int")\n'
    )


def test_alias_that_is_a_union_member_of_itself_is_any() -> None:
    out = check(
        """
from typing import Union
A = Union[A, int]
x: A
reveal_type(x)
"""
    )
    # FIXME: mypy also reports "Invalid recursive alias: a union item of itself".
    assert out == 'm.py:5: note: Revealed type is "Any"\n'


def test_generic_recursive_alias_recurs_as_any() -> None:
    out = check(
        """
from typing import List, Sequence, TypeVar, Union
T = TypeVar("T")
Nested = Sequence[Union[T, Nested[T]]]
def flatten(arg: Nested[T]) -> List[T]:
    return []
reveal_type(flatten([1, [2, [3]]]))
"""
    )
    # FIXME: mypy keeps generic recursive aliases too and reveals "list[int]".
    assert out == 'm.py:7: note: Revealed type is "list[Any]"\n'


def test_recursive_typeddict_shows_dots_and_checks_items() -> None:
    out = check(
        """
from typing import List, TypedDict
class TD(TypedDict):
    x: int
    y: "TD"
td: TD
reveal_type(td)
s: str = td["y"]
reveal_type(td["y"]["y"]["x"])
class Ex(TypedDict):
    rec: List["Ex"]
e: Ex = {"rec": [{"rec": [1]}]}
"""
    )
    assert out == (
        "m.py:7: note: Revealed type is \"TypedDict(m.TD, {'x': int, 'y': ...})\"\n"
        'm.py:8: error: Incompatible types in assignment (expression has type "TD", '
        'variable has type "str")\n'
        'm.py:9: note: Revealed type is "int"\n'
        'm.py:12: error: List item 0 has incompatible type "int"; expected "Ex"\n'
    )
