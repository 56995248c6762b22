"""Undeclared cycles raise CycleError; declared ones iterate to a fixpoint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tycheck.engine import CYCLE_ITERATION_LIMIT, CycleError, Database, query


@query
def ping(db: Database, n: int) -> int:
    return pong(db, n) + 1


@query
def pong(db: Database, n: int) -> int:
    if db.read_input("loop"):
        return ping(db, n)
    return 0


def test_undeclared_cycle_raises_with_path() -> None:
    db = Database()
    db.set_input("loop", True)
    with pytest.raises(CycleError) as info:
        ping(db, 1)
    assert str(info.value) == "query cycle: ping(1) -> pong(1) -> ping(1)"
    assert info.value.cycle == [("ping", (1,)), ("pong", (1,)), ("ping", (1,))]
    # The database survives: fixing the input makes the query work.
    db.set_input("loop", False)
    assert ping(db, 1) == 1
    assert pong(db, 1) == 0


def test_cycle_entered_from_the_middle_names_that_entry() -> None:
    db = Database()
    db.set_input("loop", True)
    with pytest.raises(CycleError, match=r"pong\(2\) -> ping\(2\) -> pong\(2\)"):
        pong(db, 2)


# Reachability over a graph held in inputs: the classic fixpoint.
def _reach_initial(db: Database, node: str) -> frozenset[str]:
    return frozenset({node})


@query(cycle_initial=_reach_initial)
def reach(db: Database, node: str) -> frozenset[str]:
    result = {node}
    for succ in db.read_input(("edges", node)):
        result |= reach(db, succ)
    return frozenset(result)


@query
def reach_size(db: Database, node: str) -> int:
    return len(reach(db, node))


def _graph_db(edges: dict[str, tuple[str, ...]], log: bool = False) -> Database:
    db = Database(log_events=log)
    for node, succs in edges.items():
        db.set_input(("edges", node), succs)
    return db


def _closure(edges: dict[str, tuple[str, ...]], node: str) -> frozenset[str]:
    seen, todo = {node}, [node]
    while todo:
        for succ in edges[todo.pop()]:
            if succ not in seen:
                seen.add(succ)
                todo.append(succ)
    return frozenset(seen)


def test_declared_self_cycle_reaches_fixpoint() -> None:
    edges = {"a": ("b",), "b": ("c",), "c": ("a", "d"), "d": ()}
    db = _graph_db(edges)
    assert reach(db, "a") == frozenset("abcd")
    assert reach(db, "b") == frozenset("abcd")
    assert reach(db, "d") == frozenset("d")
    assert reach_size(db, "c") == 4


def test_settled_cycle_revalidates_without_running() -> None:
    edges = {"a": ("b",), "b": ("a",), "x": ()}
    db = _graph_db(edges, log=True)
    reach_size(db, "a")
    db.events.clear()
    db.set_input(("edges", "x"), ("x",))
    assert reach_size(db, "a") == 2
    assert reach(db, "b") == frozenset("ab")
    assert db.events.executed() == []


def test_edit_inside_cycle_recomputes_whole_group() -> None:
    edges = {"a": ("b",), "b": ("a",), "c": ()}
    db = _graph_db(edges)
    assert reach(db, "a") == frozenset("ab")
    db.set_input(("edges", "b"), ("a", "c"))
    # Ask the member first, then the head.
    assert reach(db, "b") == frozenset("abc")
    assert reach(db, "a") == frozenset("abc")


def test_edit_breaking_the_cycle() -> None:
    edges = {"a": ("b",), "b": ("a",)}
    db = _graph_db(edges)
    assert reach(db, "a") == frozenset("ab")
    db.set_input(("edges", "b"), ())
    assert reach(db, "b") == frozenset("b")
    assert reach(db, "a") == frozenset("ab")
    db.set_input(("edges", "b"), ("a",))
    assert reach(db, "a") == frozenset("ab")
    assert reach(db, "b") == frozenset("ab")


def _count_initial(db: Database) -> int:
    return 0


@query(cycle_initial=_count_initial)
def never_settles(db: Database) -> int:
    return never_settles(db) + 1


def test_iteration_is_capped_and_keeps_last_value() -> None:
    db = Database()
    assert never_settles(db) == CYCLE_ITERATION_LIMIT
    assert db.stats()["never_settles"]["executions"] == CYCLE_ITERATION_LIMIT
    assert never_settles(db) == CYCLE_ITERATION_LIMIT


@query(cycle_initial=_reach_initial)
def reach_or_fail(db: Database, node: str) -> frozenset[str]:
    if db.read_input("fail") and node == "b":
        raise RuntimeError("boom")
    result = {node}
    for succ in db.read_input(("edges", node)):
        result |= reach_or_fail(db, succ)
    return frozenset(result)


def test_exception_inside_a_cycle_leaves_database_usable() -> None:
    db = _graph_db({"a": ("b",), "b": ("a",)})
    db.set_input("fail", False)
    assert reach_or_fail(db, "a") == frozenset("ab")
    db.set_input("fail", True)
    with pytest.raises(RuntimeError):
        reach_or_fail(db, "a")
    db.set_input("fail", False)
    assert reach_or_fail(db, "a") == frozenset("ab")
    assert reach_or_fail(db, "b") == frozenset("ab")


NODES = "abcde"
edge_lists = st.lists(st.sampled_from(NODES), max_size=3, unique=True).map(tuple)
graphs = st.fixed_dictionaries({n: edge_lists for n in NODES})


@settings(max_examples=150, deadline=None)
@given(
    first=graphs,
    edits=st.lists(st.tuples(st.sampled_from(NODES), edge_lists), max_size=6),
    order=st.permutations(list(NODES)),
)
def test_incremental_equals_cold_on_random_edits(
    first: dict[str, tuple[str, ...]],
    edits: list[tuple[str, tuple[str, ...]]],
    order: list[str],
) -> None:
    edges = dict(first)
    db = _graph_db(edges)
    for node in order:
        assert reach(db, node) == _closure(edges, node)
    for node, succs in edits:
        edges[node] = succs
        db.set_input(("edges", node), succs)
        for query_node in order:
            assert reach(db, query_node) == _closure(edges, query_node)
            assert reach_size(db, query_node) == len(_closure(edges, query_node))
        order = order[1:] + order[:1]


# Mutual recursion through a second query without its own cycle_initial.
@query(cycle_initial=_reach_initial)
def reach2(db: Database, node: str) -> frozenset[str]:
    return frozenset({node}) | successors_reach(db, node)


@query
def successors_reach(db: Database, node: str) -> frozenset[str]:
    result: frozenset[str] = frozenset()
    for succ in db.read_input(("edges", node)):
        result |= reach2(db, succ)
    return result


@settings(max_examples=150, deadline=None)
@given(
    first=graphs,
    edits=st.lists(st.tuples(st.sampled_from(NODES), edge_lists), max_size=6),
    order=st.permutations(list(NODES)),
    sweep=st.booleans(),
)
def test_mutual_recursion_incremental_equals_cold(
    first: dict[str, tuple[str, ...]],
    edits: list[tuple[str, tuple[str, ...]]],
    order: list[str],
    sweep: bool,
) -> None:
    edges = dict(first)
    db = _graph_db(edges)
    for node in order:
        assert reach2(db, node) == _closure(edges, node)
    for node, succs in edits:
        edges[node] = succs
        db.set_input(("edges", node), succs)
        for query_node in order[:3]:
            assert reach2(db, query_node) == _closure(edges, query_node)
        if sweep:
            db.sweep()
        for query_node in order:
            assert reach2(db, query_node) == _closure(edges, query_node)
