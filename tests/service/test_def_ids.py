"""Function checks are keyed by definition id: moving a function does not re-run its check.

Read from the engine's event log: after lines are inserted above a function, its
``function_q`` is not executed again, and its diagnostics come out at the new lines, equal to
a cold run's.
"""

from __future__ import annotations

import ast
import os
import pathlib

from tycheck.errors.diagnostics import Diagnostic
from tycheck.service.def_ids import index_defs, position_dependent, rebase
from tycheck.service.session import Session

BODY = (
    "def f(x: int) -> int:\n"
    "    return ''\n"
    "\n"
    "class K:\n"
    "    def m(self) -> str:\n"
    "        return 1\n"
    "\n"
    "def g(x: int) -> int:\n"
    "    return ''\n"
)


def write(path: pathlib.Path, text: str) -> None:
    old = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    os.utime(path, (old + 10, old + 10))  # an edit within one clock tick must still be seen


def executed_functions(session: Session) -> set[str]:
    assert session._state is not None
    return {
        str(args[2])
        for name, args in session._state.db.events.executed()
        if name.endswith("function_q")
    }


def edit_and_check(tmp_path: pathlib.Path, before: str, after: str) -> tuple[Session, str]:
    write(tmp_path / "b.py", before)
    session = Session(["b.py"], cwd=str(tmp_path))
    session.check()
    assert session._state is not None
    session._state.db.events.enabled = True
    session._state.db.events.clear()
    write(tmp_path / "b.py", after)
    session.apply_changes()
    return session, session.check().stdout


def cold(tmp_path: pathlib.Path) -> str:
    return Session(["b.py"], cwd=str(tmp_path)).check().stdout


def test_lines_inserted_above_reuse_every_function_check(tmp_path: pathlib.Path) -> None:
    session, out = edit_and_check(tmp_path, BODY, "# a header\n\n" + BODY)
    assert executed_functions(session) == set()
    assert out == cold(tmp_path)
    assert "b.py:4: error: Incompatible return value type" in out
    assert "b.py:8: error: Incompatible return value type" in out
    assert "b.py:11: error: Incompatible return value type" in out


def test_editing_one_body_moves_the_functions_below_without_rechecking_them(
    tmp_path: pathlib.Path,
) -> None:
    after = BODY.replace("    return ''\n", "    y = x\n    return ''\n", 1)
    session, out = edit_and_check(tmp_path, BODY, after)
    assert executed_functions(session) == {"f"}
    assert out == cold(tmp_path)
    assert "b.py:10: error: Incompatible return value type" in out


def test_a_redefinition_is_the_next_ordinal() -> None:
    tree = ast.parse("def f(): ...\nclass C:\n    def f(self): ...\nif x:\n    def f(): ...\n")
    index = index_defs(tree)
    assert sorted(index.by_id) == [("f", 0), ("f", 1), ("f", 2)]
    assert [index.by_id[("f", i)].lineno for i in range(3)] == [1, 3, 5]


def test_rebase_moves_only_lines_of_the_functions_file() -> None:
    here = Diagnostic("b.py", 2, 4, "error", "m", end_line=3, origin_line=2)
    there = Diagnostic("a.py", 2, 4, "error", "m")
    moved = rebase(here, "b.py", 10)
    assert (moved.line, moved.end_line, moved.origin_line) == (12, 13, 12)
    assert rebase(there, "b.py", 10) == there


def test_results_naming_positions_depend_on_the_whole_text() -> None:
    inside = Diagnostic("b.py", 2, 0, "error", "Incompatible types", origin_line=2)
    assert not position_dependent([inside], "b.py", span=3)
    assert position_dependent([rebase(inside, "b.py", -2)], "b.py", span=3)  # a decorator line
    named = Diagnostic("b.py", 2, 0, "error", 'Name "x" already defined on line 7')
    assert position_dependent([named], "b.py", span=3)
    elsewhere = Diagnostic("a.py", 40, 0, "note", '"h" defined here')
    assert not position_dependent([elsewhere], "b.py", span=3)
