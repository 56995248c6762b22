"""Module lookups answer misses from directory listings, and stay exact where listings fail."""

from __future__ import annotations

from tycheck.inputs.fs import MemoryFileSystem
from tycheck.modules.resolve import ModuleFile, ModuleFinder, ModuleNotFound, ModuleNotFoundReason
from tycheck.modules.search import SearchPaths

from .helpers import ROOT, VERSIONS, tree
from .helpers import TYPESHED as TS


class CountingFS:
    """A file system that counts the probes a finder makes of each kind."""

    def __init__(self, inner: MemoryFileSystem, *, unlistable: tuple[str, ...] = ()) -> None:
        self.inner = inner
        self.unlistable = unlistable
        self.probes: list[tuple[str, str]] = []

    def read_bytes(self, path: str) -> bytes | None:
        return self.inner.read_bytes(path)

    def stat(self, path: str):  # type: ignore[no-untyped-def]
        return self.inner.stat(path)

    def is_file(self, path: str) -> bool:
        self.probes.append(("is_file", path))
        return self.inner.is_file(path)

    def is_dir(self, path: str) -> bool:
        self.probes.append(("is_dir", path))
        return self.inner.is_dir(path)

    def listdir(self, path: str) -> tuple[str, ...] | None:
        # A directory without read permission cannot be listed, yet its files can be stat'ed.
        return None if path in self.unlistable else self.inner.listdir(path)


FILES = [f"{ROOT}/pkg/__init__.py", f"{ROOT}/pkg/mod.py", f"{TS}/builtins.pyi"]


def finder(fs: CountingFS, cwd: str | None = None) -> ModuleFinder:
    paths = SearchPaths(python_path=(ROOT,), typeshed_path=(TS,))
    return ModuleFinder(paths, fs, python_version=(3, 12), stdlib_versions=VERSIONS, cwd=cwd)


def test_a_name_that_is_not_a_module_costs_no_probe() -> None:
    fs = CountingFS(tree(FILES))
    f = finder(fs)
    # ``from pkg.mod import Name`` looks ``pkg.mod.Name`` up too.
    assert f.find("pkg.mod.Name") == ModuleNotFound("pkg.mod.Name", ModuleNotFoundReason.NOT_FOUND)
    assert f.find("pkg.absent") == ModuleNotFound("pkg.absent", ModuleNotFoundReason.NOT_FOUND)
    # Only the package directory itself is confirmed; no spelling of a missing name is probed.
    assert fs.probes == [("is_dir", f"{ROOT}/pkg")]
    found = f.find("pkg.mod")
    assert isinstance(found, ModuleFile) and found.path == f"{ROOT}/pkg/mod.py"
    assert fs.probes  # a hit is still confirmed by probing the file itself


def test_unlistable_directories_fall_back_to_probes() -> None:
    fs = CountingFS(tree(FILES), unlistable=(f"{ROOT}/pkg",))
    f = finder(fs)
    found = f.find("pkg.mod")
    assert isinstance(found, ModuleFile) and found.path == f"{ROOT}/pkg/mod.py"
    assert isinstance(f.find("pkg.absent"), ModuleNotFound)
    assert ("is_file", f"{ROOT}/pkg/absent.py") in fs.probes


def test_parent_directory_diagnosis_for_many_names() -> None:
    files = [f"{ROOT}/pkg/__init__.py", f"{ROOT}/pkg/sub/__init__.py", f"{ROOT}/pkg/other.py"]
    fs = CountingFS(tree(files + [f"{TS}/builtins.pyi"]))
    paths = SearchPaths(python_path=(f"{ROOT}/pkg/sub",), typeshed_path=(TS,))
    f = ModuleFinder(
        paths, fs, python_version=(3, 12), stdlib_versions=VERSIONS, cwd=f"{ROOT}/pkg/sub"
    )
    for _ in range(2):  # the second round reuses the probe finders of the first
        assert f.find("pkg.other") == ModuleNotFound(
            "pkg.other", ModuleNotFoundReason.WRONG_WORKING_DIRECTORY
        )
        assert f.find("nothing") == ModuleNotFound("nothing", ModuleNotFoundReason.NOT_FOUND)
        f.clear()
