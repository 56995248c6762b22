"""The shared syntax index answers exactly what the walks it replaced answered."""

from __future__ import annotations

import ast
import pathlib

import tycheck
from tycheck.semantic.node_index import (
    IdentityCache,
    own_nodes,
    statements_by_type,
    statements_of_type,
    walk,
)

SAMPLE = """
import os
from typing import *
def f(x, *, y=lambda z: z):
    try:
        pass
    except* ValueError:
        for i in x:
            if i:
                break
            else:
                continue
    class C:
        def m(self):
            global g
            return [w async for w in g]
    match x:
        case [a, *rest] if a:
            with open(a) as fh:
                while fh:
                    del a
        case _:
            nonlocal_x = (yield)
async def h():
    async with a as b:
        async for c in b:
            raise c from None
"""


def _own_nodes_by_hand(node: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    stack = list(getattr(node, "body", []))
    while stack:
        n = stack.pop()
        out.append(n)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return out


def _trees() -> list[ast.Module]:
    root = pathlib.Path(tycheck.__file__).parent
    files = sorted(root.glob("checker/**/*.py"))[:40]
    return [ast.parse(SAMPLE)] + [ast.parse(p.read_text()) for p in files]


def test_walk_and_statement_index_match_ast_walk() -> None:
    for tree in _trees():
        everything = list(ast.walk(tree))
        assert walk(tree) == everything
        groups = statements_by_type(tree)
        statements = [n for n in everything if isinstance(n, ast.stmt)]
        assert sorted(map(id, (n for g in groups.values() for n in g))) == sorted(
            map(id, statements)
        )
        for kind, nodes in groups.items():
            assert all(type(n) is kind for n in nodes)
        assert statements_of_type(tree, None) == []
        assert statements_of_type(tree, ast.Module) == []


def test_own_nodes_match_a_walk_that_stops_at_definitions() -> None:
    for tree in _trees():
        for node in walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                assert own_nodes(node) == _own_nodes_by_hand(node)


def test_identity_cache_keeps_its_nodes_and_forgets_the_oldest() -> None:
    cache: IdentityCache[int] = IdentityCache(2)
    calls: list[int] = []

    def value(n: int) -> int:
        calls.append(n)
        return n

    a, b, c = ast.Pass(), ast.Pass(), ast.Pass()
    assert cache.get(a, lambda: value(1)) == 1
    assert cache.get(a, lambda: value(9)) == 1  # kept
    cache.get(b, lambda: value(2))
    cache.get(c, lambda: value(3))  # a is the oldest: forgotten
    assert cache.get(a, lambda: value(4)) == 4
    assert calls == [1, 2, 3, 4]
