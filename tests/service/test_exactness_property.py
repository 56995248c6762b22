"""Invariant 7, tested on generated edit sequences: an incremental recheck prints exactly
what a cold run prints on the same tree, after any sequence of edits, creations and deletions.

Each example builds a three-module project from snippets that import each other, then applies
a few random operations (rewrite a module, delete it, create it again) and compares, after
each, the output of one long-lived session with a fresh session's. The number of examples is
``TYCHECK_PROPERTY_EXAMPLES`` (default 200).
"""

from __future__ import annotations

import os
import pathlib
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tycheck.service.api import Targets
from tycheck.service.session import Session

MODULES = ("m0", "m1", "m2")


def snippets(i: int, j: int) -> list[str]:
    """Code for module ``m{i}`` that may use module ``m{j}``."""
    return [
        f"def f{i}(x: int) -> int:\n    return x + 1\n",
        f"def f{i}(x: str) -> int:\n    return len(x)\n",
        f"def f{i}(x: int) -> str:\n    return x\n",
        f"from m{j} import f{j}\n\ndef g{i}() -> int:\n    return f{j}(1)\n",
        f"import m{j}\n\nx{i} = m{j}.f{j}(2)\n",
        f"class C{i}:\n    def __init__(self) -> None:\n        self.v = 1\n",
        f"class C{i}:\n    def __init__(self) -> None:\n        self.v = ''\n",
        f"from m{j} import C{j}\n\ny{i}: int = C{j}().v\n",
        f"import m{j}\n\nreveal_type(m{j}.x{j})\n",
        f"def h{i}(c: 'C{i}') -> None:\n    c.v = 2\n",
    ]


@st.composite
def module_text(draw: st.DrawFn, i: int) -> str:
    j = draw(st.sampled_from([k for k in range(len(MODULES)) if k != i]))
    parts = draw(st.lists(st.sampled_from(snippets(i, j)), min_size=1, max_size=4))
    return "\n".join(parts)


@st.composite
def operation(draw: st.DrawFn) -> tuple[str, int, str]:
    i = draw(st.integers(0, len(MODULES) - 1))
    kind = draw(st.sampled_from(["write", "write", "write", "delete"]))
    return kind, i, draw(module_text(i)) if kind == "write" else ""


def write(root: pathlib.Path, name: str, text: str, tick: list[float]) -> None:
    path = root / f"{name}.py"
    path.write_text(text)
    tick[0] += 10
    os.utime(path, (tick[0], tick[0]))


def targets(root: pathlib.Path) -> Targets:
    return Targets(files=tuple(sorted(p.name for p in root.glob("m*.py"))))


def outputs(root: pathlib.Path, session: Session) -> tuple[str, str]:
    t = targets(root)
    if not t.files:
        return "", ""
    session.apply_changes()
    warm = session.check(t).stdout
    # The reference runs with no persistent cache at all: truly cold.
    cold = Session([*t.files, "--cache-dir=/dev/null"], cwd=str(root)).check().stdout
    return warm, cold


N = int(os.environ.get("TYCHECK_PROPERTY_EXAMPLES", "200"))


@settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(
    initial=st.tuples(*(module_text(i) for i in range(len(MODULES)))),
    ops=st.lists(operation(), min_size=1, max_size=5),
)
def test_incremental_equals_cold(initial: tuple[str, ...], ops: list[tuple[str, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        tick = [1_000_000.0]
        for i, text in enumerate(initial):
            write(root, MODULES[i], text, tick)
        session = Session([f"{m}.py" for m in MODULES], cwd=str(root))
        session.check()
        for kind, i, text in ops:
            if kind == "write":
                write(root, MODULES[i], text, tick)
            elif (root / f"{MODULES[i]}.py").exists():
                (root / f"{MODULES[i]}.py").unlink()
            warm, cold = outputs(root, session)
            assert warm == cold, f"after {kind} m{i}:\n--- incremental\n{warm}--- cold\n{cold}"
