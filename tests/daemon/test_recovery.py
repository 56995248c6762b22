"""A real daemon over a real socket recovers from what the fuzzer and fault injection found.

Each test reproduces a fault of issue 12 with real client and daemon processes and the real
service session, and compares the daemon's answers with cold batch runs:

- an unreadable file (undecodable bytes, a dangling symlink, ``chmod 000``) is a structural
  change: once it is readable again, the daemon's answer is the cold one;
- ``recheck --update FILE`` never counts a module twice, however the path is spelt, and
  ``tycheck p p/box.py`` stops with mypy's "Duplicate module named" error;
- a permission change alone (same mtime, same size) is seen;
- two edits of the same size within one clock tick are both seen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import Project

BOX = "X = 1\n"
USER = "from . import box\ny: str = box.X\n"
USER_ERROR = (
    'p/user.py:2: error: Incompatible types in assignment (expression has type "int", '
    'variable has type "str")  [assignment]\n'
)
CHECKED_3 = USER_ERROR + "Found 1 error in 1 file (checked 3 source files)\n"


def batch(project: Project, *args: str) -> tuple[str, str, int]:
    proc = subprocess.run(
        [sys.executable, "-m", "tycheck", *args],
        cwd=project.root,
        env=project.env,
        capture_output=True,
        text=True,
        timeout=120,
        **project.identity(),
    )
    return proc.stdout, proc.stderr, proc.returncode


def answer(proc: subprocess.CompletedProcess[str]) -> tuple[str, str, int]:
    return proc.stdout.removeprefix("Daemon started\n"), proc.stderr, proc.returncode


def make_package(p: Project) -> None:
    p.write("p/__init__.py", "")
    p.write("p/box.py", BOX)
    p.write("p/user.py", USER)


def test_undecodable_file_then_restored(real_project: Project) -> None:
    p = real_project
    make_package(p)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    (p.root / "p" / "box.py").write_bytes(b"\xff\n")
    undecodable = answer(p.run("run", "--", "p"))
    assert undecodable == batch(p, "p")
    assert undecodable[0].startswith("p/box.py: error: Cannot decode file: ")
    assert undecodable[0].endswith("Found 1 error in 1 file (errors prevented further checking)\n")
    assert undecodable[2] == 2
    p.write("p/box.py", BOX)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)


def test_dangling_symlink_then_restored(real_project: Project) -> None:
    p = real_project
    make_package(p)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    box = p.root / "p" / "box.py"
    box.unlink()
    box.symlink_to("nowhere.py")
    missing = answer(p.run("run", "--", "p"))
    assert missing == batch(p, "p")
    assert missing[0].startswith("p/box.py: error: Cannot read file: ")
    box.unlink()
    p.write("p/box.py", BOX)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)


def test_chmod_000_then_touch_then_restored(unprivileged_project: Project) -> None:
    p = unprivileged_project
    make_package(p)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    box = p.root / "p" / "box.py"
    os.chmod(box, 0)
    os.utime(box)
    unreadable = answer(p.run("run", "--", "p"))
    assert unreadable == batch(p, "p")
    assert unreadable[0].startswith("p/box.py: error: Cannot read file: Permission denied")
    os.chmod(box, 0o644)
    os.utime(box)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)


def test_permission_change_alone_is_seen(unprivileged_project: Project) -> None:
    """``chmod`` changes neither mtime nor size: the mode is part of the stat signature."""
    p = unprivileged_project
    make_package(p)
    box = p.root / "p" / "box.py"
    old = box.stat()
    # An mtime well in the past, so that no racy-file rule re-reads the file anyway.
    os.utime(box, (old.st_atime, time.time() - 3600))
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    before = box.stat()
    os.chmod(box, 0)
    assert (box.stat().st_mtime, box.stat().st_size) == (before.st_mtime, before.st_size)
    res = answer(p.run("run", "--", "p"))
    assert res == batch(p, "p")
    assert res[0].startswith("p/box.py: error: Cannot read file: Permission denied")
    os.chmod(box, 0o644)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)


def test_recheck_update_never_counts_a_module_twice(real_project: Project) -> None:
    p = real_project
    make_package(p)
    assert answer(p.run("run", "--", "p")) == (CHECKED_3, "", 1)
    for spelling in ("p/box.py", "p/box.py", "./p/box.py", str(p.root / "p" / "box.py")):
        assert answer(p.run("recheck", "--update", spelling)) == (CHECKED_3, "", 1)
    # A new file inside the directory target is one more module, counted once.
    p.write("p/extra.py", "Z = 2\n")
    checked_4 = USER_ERROR + "Found 1 error in 1 file (checked 4 source files)\n"
    assert answer(p.run("recheck", "--update", "p/extra.py")) == (checked_4, "", 1)
    assert answer(p.run("recheck", "--update", "./p/extra.py")) == (checked_4, "", 1)
    assert batch(p, "p") == (checked_4, "", 1)


def test_recheck_update_of_files_given_one_by_one(real_project: Project) -> None:
    p = real_project
    make_package(p)
    files = ("p/__init__.py", "p/box.py", "p/user.py")
    assert answer(p.run("run", "--", *files)) == (CHECKED_3, "", 1)
    assert answer(p.run("recheck", "--update", "./p/user.py", str(p.root / "p/box.py"))) == (
        CHECKED_3,
        "",
        1,
    )


DUPLICATE = (
    'p/box.py: error: Duplicate module named "p.box" (also at "{other}")\n'
    "p/box.py: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#mapping-file-paths-to-modules for more info\n"
    "p/box.py: note: Common resolutions include:\n"
    "p/box.py: note:     a) using `--exclude` to avoid checking one of them,\n"
    "p/box.py: note:     b) adding `__init__.py` somewhere,\n"
    "p/box.py: note:     c) using `--explicit-package-bases` or adjusting `MYPYPATH`\n"
    "Found 1 error in 1 file (errors prevented further checking)\n"
)


def test_duplicate_module_on_the_command_line(real_project: Project) -> None:
    """mypy 2.4.1 prints exactly this (checked against the oracle in tests/cli)."""
    p = real_project
    make_package(p)
    assert batch(p, "p", "p/box.py") == (DUPLICATE.format(other="p/box.py"), "", 2)
    assert batch(p, "p", "./p/box.py") == (DUPLICATE.format(other="p/box.py"), "", 2)
    absolute = str(p.root / "p" / "box.py")
    assert batch(p, absolute, "p") == (DUPLICATE.format(other=absolute), "", 2)
    assert answer(p.run("run", "--", "p", "p/box.py")) == (
        DUPLICATE.format(other="p/box.py"),
        "",
        2,
    )


def test_two_same_size_edits_within_one_second_are_both_seen(real_project: Project) -> None:
    """dmypy 2.4.1 answers the second check with the first text's (stale) result."""
    p = real_project
    path = p.root / "a.py"
    path.write_text("x: int = 1\n")
    assert answer(p.run("run", "--", "a.py"))[2] == 0
    path.write_text("x: str = 1\n")
    first = answer(p.run("run", "--", "a.py"))
    path.write_text("x: int = 2\n")
    second = answer(p.run("run", "--", "a.py"))
    assert first[2] == 1 and second == ("Success: no issues found in 1 source file\n", "", 0)


def test_same_size_edit_with_the_same_mtime_is_seen(real_project: Project) -> None:
    """A coarse clock gives two quick edits one mtime; same size too: hash it again.

    The daemon reads the file within the same clock tick as the edits (a file whose mtime
    is not safely older than its reading is racy); the mtime is set a little ahead of now
    so that a slow start of the daemon on a loaded machine cannot make it look old.
    """
    p = real_project
    path = p.root / "a.py"
    stamp = time.time() + 30
    path.write_text("x: int = 1\n")
    os.utime(path, (stamp, stamp))
    assert answer(p.run("run", "--", "a.py"))[2] == 0
    path.write_text("x: str = 1\n")
    os.utime(path, (stamp, stamp))
    res = answer(p.run("run", "--", "a.py"))
    assert res == batch(p, "a.py") and res[2] == 1


PACKAGE_INIT = '''from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from p.console import Console


def get_console() -> "Console":
    from p.console import Console

    return Console()


def show() -> None:
    """Show it."""
    console = get_console()
    console.print("x")
'''
CONSOLE = "class Console:\n    def print(self, text: str) -> None:\n        pass\n"


def test_body_edit_in_a_package_init_keeps_its_submodules_classes(real_project: Project) -> None:
    """Found by the fuzzer on rich: after an edit of ``rich/__init__.py``, ``Console`` had
    lost its methods (the package's facts were forgotten, its submodules' half-forgotten)."""
    p = real_project
    p.write("p/__init__.py", PACKAGE_INIT)
    p.write("p/console.py", CONSOLE)
    clean = ("Success: no issues found in 2 source files\n", "", 0)
    assert answer(p.run("run", "--", "p")) == clean
    p.write(
        "p/__init__.py",
        PACKAGE_INIT.replace('    """Show it."""\n', '    _fz1 = 1\n    """Show it."""\n'),
    )
    assert answer(p.run("run", "--", "p")) == clean == batch(p, "p")
    p.write("p/__init__.py", PACKAGE_INIT)
    assert answer(p.run("recheck", "--update", "p/__init__.py")) == clean
