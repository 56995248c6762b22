"""Files that module search cannot use do not disturb a long-lived session.

A session (the daemon's) records the listing of each searched directory; a changed listing
meant a fresh program. Logs and editor files appearing in the project root (a searched
directory) must keep the program; a new module must still be seen.
"""

from __future__ import annotations

import os
import pathlib

from tycheck.inputs.fs import MemoryFileSystem, ModuleSearchFS, RealFileSystem
from tycheck.service.session import Session


def _tree(root: pathlib.Path) -> None:
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "stubs-stubs").mkdir()
    (root / "dotted.dir").mkdir()
    (root / "m.py").write_text("")
    (root / "s.pyi").write_text("")
    (root / "py.typed").write_text("")
    (root / "notes.txt").write_text("")
    (root / ".hidden").mkdir()
    (root / ".swp.py").write_text("")


def test_listing_keeps_directories_sources_and_markers_only(tmp_path: pathlib.Path) -> None:
    _tree(tmp_path)
    expected = ("dotted.dir", "m.py", "pkg", "py.typed", "s.pyi", "stubs-stubs")
    assert ModuleSearchFS(RealFileSystem()).listdir(str(tmp_path)) == expected
    memory = MemoryFileSystem(
        {
            os.path.join("r", p): ""
            for p in ("pkg/__init__.py", "m.py", "s.pyi", "py.typed", "notes.txt", ".x/a.py")
        }
    )
    assert ModuleSearchFS(memory).listdir("r") == ("m.py", "pkg", "py.typed", "s.pyi")
    assert ModuleSearchFS(RealFileSystem()).listdir(str(tmp_path / "absent")) is None


def test_followed_symlink_to_a_directory_is_listed(tmp_path: pathlib.Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    assert ModuleSearchFS(RealFileSystem()).listdir(str(tmp_path)) == ("link", "real")


def test_unrelated_file_keeps_the_program_and_a_new_module_is_seen(
    tmp_path: pathlib.Path,
) -> None:
    (tmp_path / "a.py").write_text("import b\n")
    session = Session(["a.py", "--cache-dir=/dev/null"], cwd=str(tmp_path))
    first = session.check()
    assert 'Cannot find implementation or library stub for module named "b"' in first.stdout
    state = session.program_state(None)
    program = state.program()[0]

    (tmp_path / "build.log").write_text("noise")
    (tmp_path / ".a.py.swp").write_text("noise")
    session.apply_changes()
    again = session.check()
    assert again.stdout == first.stdout
    assert state.program()[0] is program  # nothing module search reads changed

    (tmp_path / "b.py").write_text("x: int = 'no'\n")
    session.apply_changes()
    third = session.check()
    assert "Cannot find implementation" not in third.stdout
    assert state.program()[0] is not program
