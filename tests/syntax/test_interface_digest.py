"""The interface digest: equal for edits other modules cannot see, different for the rest.

Both ways of computing it (from the tree alone, and from the tree plus the module's text)
must draw the line in the same place.
"""

from __future__ import annotations

import ast

import pytest

from tycheck.syntax.interface import interface_digest

BASE = (
    "import os\n\n"
    "class A(Base, metaclass=M):\n"
    "    '''Doc.'''\n"
    "    attr: int = 1\n\n"
    "    @property\n"
    "    def f(self, x: int = 1, *a: str, k: 'T' = ..., **kw) -> int:  # type: ignore\n"
    "        self.y = 1\n"
    "        if x:\n"
    "            self.z: str = ''\n"
    "        return x\n\n"
    "def g(caf\u00e9: str = '\u00e9') -> None:\n"
    "    pass\n"
)

INVISIBLE = [
    ("        return x\n", "        return x + 1\n"),
    ("import os\n", "\n\nimport os\n"),
    ("        if x:\n", "        x += 1\n        if x:\n"),
]

VISIBLE = [
    ("x: int = 1", "x: int = 2"),
    ("*a: str", "*a: int"),
    ("k: 'T' = ...", "k: 'U' = ..."),
    ("-> int:", "-> str:"),
    ("self.y = 1", "self.y = ''"),
    ("self.y = 1", "self .w = 1"),
    ("            self.z: str = ''", "            self.z: int = 0"),
    ("        return x\n", "        yield x\n"),
    ("    pass\n", "    return None\n"),
    ("    @property\n", ""),
    ("metaclass=M", "metaclass=N"),
    ("attr: int = 1", "attr: int = 2"),
    ("'\u00e9'", "'e'"),
]


def digests(source: str) -> tuple[str, str]:
    tree = ast.parse(source, type_comments=True)
    return interface_digest(tree), interface_digest(tree, source)


@pytest.mark.parametrize("old, new", INVISIBLE)
def test_edits_other_modules_cannot_see_keep_the_digest(old: str, new: str) -> None:
    assert BASE.count(old) == 1
    assert digests(BASE) == digests(BASE.replace(old, new))


@pytest.mark.parametrize("old, new", VISIBLE)
def test_visible_edits_change_the_digest_both_ways(old: str, new: str) -> None:
    assert BASE.count(old) == 1
    before, after = digests(BASE), digests(BASE.replace(old, new))
    assert before[0] != after[0] and before[1] != after[1]
