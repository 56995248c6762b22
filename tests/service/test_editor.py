"""EditorService: the session over open buffers, and its messages per file."""

from __future__ import annotations

from pathlib import Path

from tycheck.service.editor import EditorService, Message, Note


def test_buffers_are_checked_and_closing_returns_to_the_disk(tmp_path: Path) -> None:
    (tmp_path / "lib.py").write_text("def f() -> int:\n    return 1\n")
    (tmp_path / "main.py").write_text("import lib\nn: int = lib.f()\n")
    service = EditorService(str(tmp_path))
    assert service.check().files == {}
    service.set_buffers({str(tmp_path / "lib.py"): (2, 'def f() -> str:\n    return ""\n')})
    result = service.check()
    assert (
        result.outcome.stdout.splitlines()[0]
        == 'main.py:2: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]'
    )
    assert list(result.files) == [str(tmp_path / "main.py")]
    assert result.checked == {str(tmp_path / "lib.py"), str(tmp_path / "main.py")}
    assert service.version(str(tmp_path / "lib.py")) == 2
    service.set_buffers({})
    assert service.check().files == {}
    assert (tmp_path / "lib.py").read_text() == "def f() -> int:\n    return 1\n"


def test_notes_after_an_error_belong_to_it_and_others_stand_alone(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import not_there_at_all\nreveal_type(1)\n")
    result = EditorService(str(tmp_path)).check()
    printed = result.outcome.stdout.splitlines()
    assert printed[:3] == [
        'a.py:1: error: Cannot find implementation or library stub for module named "not_there_at_all"  [import-not-found]',
        "a.py:1: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports",
        'a.py:2: note: Revealed type is "Literal[1]?"',
    ]
    (error, note) = result.files[str(tmp_path / "a.py")]
    # Positions as `tycheck --show-column-numbers --show-error-end` prints them (1:1:1:1), 0-based.
    assert error == Message(
        0,
        0,
        0,
        1,
        "error",
        printed[0].split(": ", 2)[2].split("  [")[0],
        "import-not-found",
        (Note(0, 0, printed[1].split("note: ")[1]),),
    )
    assert (note.line, note.severity, note.message, note.notes) == (
        1,
        "note",
        'Revealed type is "Literal[1]?"',
        (),
    )


def test_config_change_on_disk_is_noticed(tmp_path: Path) -> None:
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    (tmp_path / "a.py").write_text("def f(x):\n    return x\n")
    service = EditorService(str(tmp_path))
    assert service.check().files == {} and not service.config_changed()
    (tmp_path / "mypy.ini").write_text("[mypy]\ndisallow_untyped_defs = True\n")
    assert service.config_changed() and service.reload_config()
    assert [m.code for m in service.check().files[str(tmp_path / "a.py")]] == ["no-untyped-def"]
