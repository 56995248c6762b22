"""The overlay of unsaved editor buffers over another file system."""

from __future__ import annotations

import os

from tycheck.inputs.fs import MemoryFileSystem
from tycheck.inputs.overlay import OverlayFileSystem

ROOT = os.path.abspath("proj")


def test_buffers_hide_the_disk_until_closed() -> None:
    disk = MemoryFileSystem({f"{ROOT}/a.py": "x = 1\n"})
    fs = OverlayFileSystem(disk)
    before = fs.stat(f"{ROOT}/a.py")
    assert fs.set_buffer(f"{ROOT}/a.py", "x = 'é'\n", 3)
    assert fs.read_bytes(f"{ROOT}/a.py") == "x = 'é'\n".encode()
    assert fs.version(f"{ROOT}/a.py") == 3
    during = fs.stat(f"{ROOT}/a.py")
    assert during is not None and during != before and during.size == len("x = 'é'\n".encode())
    # The same text under a new version is not a change for the checker.
    assert not fs.set_buffer(f"{ROOT}/a.py", "x = 'é'\n", 4) and fs.version(f"{ROOT}/a.py") == 4
    assert fs.stat(f"{ROOT}/a.py") == during
    assert fs.close_buffer(f"{ROOT}/a.py") and not fs.close_buffer(f"{ROOT}/a.py")
    assert fs.read_bytes(f"{ROOT}/a.py") == b"x = 1\n" and fs.stat(f"{ROOT}/a.py") == before
    assert disk.read_bytes(f"{ROOT}/a.py") == b"x = 1\n"  # never written


def test_an_unsaved_new_file_is_listed_and_found() -> None:
    disk = MemoryFileSystem({f"{ROOT}/a.py": ""})
    fs = OverlayFileSystem(disk)
    fs.set_buffer(f"{ROOT}/pkg/new.py", "y = 2\n", 1)
    assert fs.is_file(f"{ROOT}/pkg/new.py") and fs.is_dir(f"{ROOT}/pkg")
    assert fs.listdir(f"{ROOT}/pkg") == ("new.py",)
    assert fs.listdir(ROOT) == ("a.py",)  # directories come from the base only
    # Relative and unnormalised spellings name the same buffer.
    assert fs.read_bytes(os.path.relpath(f"{ROOT}/pkg/./new.py")) == b"y = 2\n"
