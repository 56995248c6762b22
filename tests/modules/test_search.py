"""Search-path computation and the interpreter probe."""

from __future__ import annotations

import os
import sys

import pytest

from tycheck.inputs.interpreter import InterpreterDirs, search_dirs
from tycheck.modules.failure import SourceError
from tycheck.modules.search import (
    SearchPaths,
    bundled_third_party_dirs,
    bundled_typeshed_dir,
    compute_search_paths,
    module_search_paths,
)
from tycheck.modules.sources import BuildSource

from .helpers import ROOT, FakeOptions, tree

DIRS = InterpreterDirs(sys_path=("/sp",), site_packages=("/site",))


def test_order_of_groups() -> None:
    sources = [
        BuildSource("a/x.py", "x", None, f"{ROOT}/a"),
        BuildSource("b/y.py", "y", None, f"{ROOT}/b"),
        BuildSource("a/z.py", "z", None, f"{ROOT}/a"),
        BuildSource(None, "m"),
    ]
    options = FakeOptions(mypy_path=["conf", "/abs"])
    paths = compute_search_paths(
        sources=sources,
        options=options,
        fs=tree([]),
        cwd=ROOT,
        environ={"MYPYPATH": f"env1{os.pathsep}/env2"},
        site_packages=DIRS,
    )
    assert paths == SearchPaths(
        # Later roots first; the working directory is searched last.
        python_path=(f"{ROOT}/b", f"{ROOT}/a", ROOT),
        mypy_path=(f"{ROOT}/env1", "/env2", f"{ROOT}/conf", "/abs"),
        package_path=("/sp", "/site"),
        # typeshed's stdlib, then the third-party stubs mypy bundles (mypy-extensions, librt).
        typeshed_path=(bundled_typeshed_dir(), *bundled_third_party_dirs()),
    )


def test_bundled_typeshed_has_stdlib() -> None:
    root = bundled_typeshed_dir()
    assert os.path.isfile(os.path.join(root, "VERSIONS"))
    assert os.path.isfile(os.path.join(root, "builtins.pyi"))


def test_custom_typeshed_dir() -> None:
    fs = tree(["/ts/stdlib/VERSIONS", "/ts/stdlib/builtins.pyi"])
    paths = compute_search_paths(
        sources=[],
        options=FakeOptions(custom_typeshed_dir="/ts"),
        fs=fs,
        cwd=ROOT,
        environ={},
        site_packages=DIRS,
    )
    assert paths.typeshed_path[0] == "/ts/stdlib"
    with pytest.raises(SourceError) as info:
        compute_search_paths(
            sources=[],
            options=FakeOptions(custom_typeshed_dir="nope"),
            fs=fs,
            cwd=ROOT,
            environ={},
            site_packages=DIRS,
        )
    assert info.value == SourceError(
        f"error: --custom-typeshed-dir does not point to a valid typeshed ({ROOT}/nope)", 2
    )


def test_site_packages_in_mypy_path_is_rejected() -> None:
    with pytest.raises(SourceError) as info:
        compute_search_paths(
            sources=[],
            options=FakeOptions(mypy_path=["/site/x"]),
            fs=tree([]),
            cwd=ROOT,
            environ={},
            site_packages=DIRS,
        )
    assert info.value.exit_code == 1
    assert info.value.message == (
        "/site is in the MYPYPATH. Please remove it.\n"
        "See https://mypy.readthedocs.io/en/stable/running_mypy.html#how-mypy-handles-imports"
        " for more info"
    )


def test_no_site_packages_skips_the_interpreter() -> None:
    options = FakeOptions(no_site_packages=True, python_executable="/does/not/exist")
    paths = compute_search_paths(sources=[], options=options, fs=tree([]), cwd=ROOT, environ={})
    assert paths.package_path == ()


def test_module_search_paths_for_command_line_modules() -> None:
    paths = module_search_paths(
        options=FakeOptions(mypy_path=["m"]), cwd=ROOT, environ={}, site_packages=DIRS
    )
    assert paths == SearchPaths((ROOT,), (f"{ROOT}/m",), ("/sp",), ())


def test_interpreter_probe_in_process_and_subprocess() -> None:
    from tycheck.inputs.interpreter import _ask_subprocess

    here = search_dirs(sys.executable)
    assert here.site_packages and all(os.path.isabs(p) for p in here.sys_path)
    # The subprocess probe must agree with the in-process answer for the same interpreter.
    there = _ask_subprocess(sys.executable)
    assert there.site_packages == here.site_packages
    assert set(here.site_packages) & set(there.sys_path)


def test_invalid_interpreter() -> None:
    options = FakeOptions(python_executable="/no/such/python")
    with pytest.raises(SourceError) as info:
        compute_search_paths(sources=[], options=options, fs=tree([]), cwd=ROOT, environ={})
    assert info.value == SourceError(
        "mypy: Invalid python executable '/no/such/python': No such file or directory", 2
    )
    assert search_dirs(None) == InterpreterDirs()
