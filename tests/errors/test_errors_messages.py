"""The message registry: every checker message carries a registered code, never a bare string.

The checker and the semantic pass report through ``fail``/``note``/``emit`` with a ``Message``.
A text or code written as a string literal at a reporting call would bypass the registry (a
misspelled code would then only show up in output), so these tests read the source with
``ast`` and reject such calls. (Texts with varying parts are f-strings wrapped in
``Message(..., codes.X)``; the ``str.format`` checker's own ``fail`` takes them bare, all being
``str-format`` errors.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tycheck.errors import codes, messages
from tycheck.errors.codes import ERROR_CODES, ErrorCode
from tycheck.errors.messages import Message

SRC = Path(__file__).resolve().parents[2] / "src" / "tycheck"
REPORTING = {"fail", "fail_semantic", "note", "emit", "protocol_notes"}


def _string_literal_args(path: Path, root: Path = SRC) -> list[str]:
    """Reporting calls in ``path`` that pass a string literal (a text or a code name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if name not in REPORTING:
            continue
        args = list(node.args) + [k.value for k in node.keywords]
        if name == "emit" and len(node.args) >= 2:
            args = args[2:]  # the severity ("error"/"note") is not a message
        for a in args:
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


@pytest.mark.parametrize("layer", ["checker", "semantic"])
def test_reporting_calls_take_message_objects(layer: str) -> None:
    offenders = [
        hit for p in sorted((SRC / layer).rglob("*.py")) for hit in _string_literal_args(p)
    ]
    assert offenders == []


def test_the_scan_finds_a_literal_text_and_code(tmp_path: Path) -> None:
    # The scan itself must be able to fail: a call in the old style is found.
    bad = tmp_path / "probe.py"
    bad.write_text('def f(chk, node):\n    chk.fail(node, "Some text", "misc")\n')
    assert _string_literal_args(bad, tmp_path) == ["probe.py:2", "probe.py:2"]
    good = tmp_path / "good.py"
    good.write_text('def f(chk, node, m):\n    chk.emit(node, "error", m)\n')
    assert _string_literal_args(good, tmp_path) == []


def test_every_registered_message_has_a_registered_code() -> None:
    registered = {name: m for name, m in vars(messages).items() if isinstance(m, Message)}
    assert len(registered) > 50
    for name, m in registered.items():
        assert m.code is None or ERROR_CODES[m.code.name] is m.code, name
        assert m.text and m.text == m.text.strip(" \n") or m.text.startswith("     "), name


def test_every_error_code_has_a_constant() -> None:
    constants = {v.name for v in vars(codes).values() if isinstance(v, ErrorCode)}
    assert constants == set(ERROR_CODES)


def test_a_misspelled_code_fails_where_it_is_written() -> None:
    with pytest.raises(AttributeError):
        getattr(codes, "MSIC")
    assert Message("x", codes.MISC).code_name == "misc"
    assert Message("x").code_name is None
