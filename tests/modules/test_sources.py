"""Source discovery from command-line targets (expected results checked against mypy 2.4.1)."""

from __future__ import annotations

import os

import pytest

from tycheck.inputs.interpreter import InterpreterDirs
from tycheck.modules.failure import SourceError
from tycheck.modules.sources import BuildSource, find_duplicate, find_sources
from tycheck.service.api import Targets

from .helpers import ROOT, SITE, FakeOptions, tree

TREE = [
    "a/b/__init__.py",
    "a/b/c.py",
    "a/x.py",
    "top.py",
    "top.pyi",
    "ns/inner/mod.py",
    "ns/pk/__init__.py",
    "ns/pk/z.py",
    "d/.hidden/h.py",
    "d/__pycache__/p.py",
    "d/site-packages/s.py",
    "d/node_modules/n.py",
    "d/ok.py",
    "d/ok/__init__.py",
    "d/ok/m.py",
    "d/build/g.py",
    "d/z.txt",
    "d/k.pyi",
    "d/k.py",
    "d/k/__init__.pyi",
    "bad-name/__init__.py",
    "bad-name/q.py",
    "bad2-x/q.py",
    "foo-stubs/__init__.pyi",
    "foo-stubs/m.pyi",
    "emptyish/x.txt",
    "scr",
    "sub/pkg/__init__.py",
    "sub/pkg/w.py",
    "sub/plain/v.py",
]
FS = tree([f"{ROOT}/{p}" for p in TREE])
NO_SITE = InterpreterDirs()


def run(
    files: list[str], cwd: str = ROOT, **opts: object
) -> list[tuple[str | None, str, str | None]]:
    options = FakeOptions(**opts)  # type: ignore[arg-type]
    found = find_sources(
        Targets(files=tuple(files)), options, FS, cwd, environ={}, site_packages=NO_SITE
    )
    return [(s.path, s.module, s.base_dir) for s in found]


def test_files_get_module_names_from_packages() -> None:
    assert run(["a/b/c.py", "a/x.py", "./top.py", "a/b/__init__.py"]) == [
        ("a/b/c.py", "b.c", f"{ROOT}/a"),
        ("a/x.py", "x", f"{ROOT}/a"),
        ("top.py", "top", ROOT),
        ("a/b/__init__.py", "b", f"{ROOT}/a"),
    ]


def test_namespace_dirs_continue_a_name_only_below_a_package() -> None:
    assert run(["ns/inner/mod.py", "ns/pk/z.py"]) == [
        ("ns/inner/mod.py", "mod", f"{ROOT}/ns/inner"),
        ("ns/pk/z.py", "pk.z", f"{ROOT}/ns"),
    ]


def test_explicit_package_bases() -> None:
    assert run(["ns/inner/mod.py", "sub/plain/v.py"], explicit_package_bases=True) == [
        ("ns/inner/mod.py", "ns.inner.mod", ROOT),
        ("sub/plain/v.py", "sub.plain.v", ROOT),
    ]
    assert run(["../plain/v.py", "w.py"], cwd=f"{ROOT}/sub/pkg", explicit_package_bases=True) == [
        ("../plain/v.py", "v", f"{ROOT}/sub/plain"),
        # The working directory is an explicit base, so the climb stops there.
        ("w.py", "w", f"{ROOT}/sub/pkg"),
    ]


def test_stub_only_directory_names_drop_the_suffix() -> None:
    assert run(["foo-stubs/m.pyi"]) == [("foo-stubs/m.pyi", "foo.m", ROOT)]


def test_scripts_and_missing_files_are_main() -> None:
    assert run(["scr", "nonexist.py"]) == [
        ("scr", "__main__", None),
        ("nonexist.py", "nonexist", ROOT),
    ]
    assert run(["scr"], scripts_are_modules=True) == [("scr", "scr", None)]


def test_directory_walk_order_and_skips() -> None:
    assert run(["d"]) == [
        ("d/build/g.py", "g", f"{ROOT}/d/build"),
        ("d/k/__init__.pyi", "k", f"{ROOT}/d"),
        ("d/ok/__init__.py", "ok", f"{ROOT}/d"),
        ("d/ok/m.py", "ok.m", f"{ROOT}/d"),
    ]


def test_exclude_patterns() -> None:
    assert run(["d"], exclude=["build/", r"ok/m\.py$"]) == [
        ("d/k/__init__.pyi", "k", f"{ROOT}/d"),
        ("d/ok/__init__.py", "ok", f"{ROOT}/d"),
    ]


def test_invalid_exclude_pattern() -> None:
    with pytest.raises(SourceError) as info:
        run(["d"], exclude=["("])
    assert info.value.message.startswith(
        "error: The exclude ( is an invalid regular expression, because: "
    )
    assert info.value.exit_code == 2


def test_namespace_packages_off() -> None:
    assert run(["ns/inner/mod.py", "sub"], namespace_packages=False) == [
        ("ns/inner/mod.py", "mod", f"{ROOT}/ns/inner"),
        ("sub/pkg/__init__.py", "pkg", f"{ROOT}/sub"),
        ("sub/pkg/w.py", "pkg.w", f"{ROOT}/sub"),
        ("sub/plain/v.py", "v", f"{ROOT}/sub/plain"),
    ]


def test_relative_to_cwd() -> None:
    assert run(["w.py", "../plain/v.py", "."], cwd=f"{ROOT}/sub/pkg") == [
        ("w.py", "pkg.w", f"{ROOT}/sub"),
        ("../plain/v.py", "v", f"{ROOT}/sub/plain"),
        ("./__init__.py", "pkg", f"{ROOT}/sub"),
        ("./w.py", "pkg.w", f"{ROOT}/sub"),
    ]


def test_errors() -> None:
    with pytest.raises(SourceError) as info:
        run(["bad-name/q.py"])
    assert (
        info.value.message == "bad-name contains __init__.py but is not a valid Python package name"
    )
    # Without an __init__, an invalid directory name just stops the climb.
    assert run(["bad2-x/q.py"]) == [("bad2-x/q.py", "q", f"{ROOT}/bad2-x")]
    with pytest.raises(SourceError) as info:
        run(["emptyish"])
    assert info.value == SourceError("There are no .py[i] files in directory 'emptyish'", 2)


def test_command_text() -> None:
    options = FakeOptions()
    found = find_sources(
        Targets(command="x = 1"), options, FS, ROOT, environ={}, site_packages=NO_SITE
    )
    assert found == [BuildSource(None, "__main__", "x = 1", None)]
    assert found[0].display_path == "<string>"


def packages_fs() -> tuple[FakeOptions, InterpreterDirs]:
    return FakeOptions(), InterpreterDirs(sys_path=(SITE,), site_packages=(SITE,))


def test_packages_and_modules() -> None:
    fs = tree(
        [
            f"{ROOT}/p/__init__.py",
            f"{ROOT}/p/m.py",
            f"{SITE}/q/__init__.py",
            f"{SITE}/q/py.typed",
            f"{SITE}/u/__init__.py",
        ]
    )
    options, dirs = packages_fs()
    found = find_sources(
        Targets(modules=("zz",), packages=("p", "q")),
        options,
        fs,
        ROOT,
        environ={},
        site_packages=dirs,
    )
    assert [(s.path, s.module) for s in found] == [
        (f"{ROOT}/p/__init__.py", "p"),
        (f"{ROOT}/p/m.py", "p.m"),
        (f"{SITE}/q/__init__.py", "q"),
        (None, "zz"),
    ]
    with pytest.raises(SourceError) as info:
        find_sources(Targets(packages=("nope",)), options, fs, ROOT, environ={}, site_packages=dirs)
    assert info.value == SourceError("Can't find package 'nope'", 2)
    with pytest.raises(SourceError) as info:
        find_sources(Targets(packages=("u",)), options, fs, ROOT, environ={}, site_packages=dirs)
    assert info.value.message == (
        "Package 'u' cannot be type checked due to missing py.typed marker.\n"
        "See https://mypy.readthedocs.io/en/stable/installed_packages.html for more details"
    )
    with pytest.raises(SourceError) as info:
        find_sources(
            Targets(packages=(f"a{os.sep}b",)), options, fs, ROOT, environ={}, site_packages=dirs
        )
    assert info.value.message == "Package name 'a/b' cannot have a slash in it."


def test_packages_use_mypypath() -> None:
    fs = tree(["/mp/p/__init__.py"])
    options, dirs = packages_fs()
    found = find_sources(
        Targets(packages=("p",)), options, fs, ROOT, environ={"MYPYPATH": "/mp"}, site_packages=dirs
    )
    assert [s.path for s in found] == ["/mp/p/__init__.py"]


def test_duplicate_modules() -> None:
    sources = [
        BuildSource("a/m.py", "m", None, "/x/a"),
        BuildSource(None, "m"),
        BuildSource("b/m.py", "m", None, "/x/b"),
    ]
    dup = find_duplicate(sources)
    assert dup is not None and dup.path == "b/m.py"
    assert dup.messages() == [
        ("error", 'Duplicate module named "m" (also at "a/m.py")'),
        (
            "note",
            "See https://mypy.readthedocs.io/en/stable/running_mypy.html#mapping-file-paths-to-modules for more info",
        ),
        ("note", "Common resolutions include:"),
        ("note", "    a) using `--exclude` to avoid checking one of them,"),
        ("note", "    b) adding `__init__.py` somewhere,"),
        ("note", "    c) using `--explicit-package-bases` or adjusting `MYPYPATH`"),
    ]
    assert find_duplicate(sources[:2]) is None


def test_real_directory(tmp_path: object) -> None:
    from pathlib import Path

    from tycheck.inputs.fs import RealFileSystem

    root = Path(str(tmp_path))
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "mod.py").write_text("")
    found = find_sources(
        Targets(files=("pkg",)),
        FakeOptions(),
        RealFileSystem(),
        str(root),
        environ={},
        site_packages=NO_SITE,
    )
    assert [(s.path, s.module, s.base_dir) for s in found] == [
        ("pkg/__init__.py", "pkg", str(root)),
        ("pkg/mod.py", "pkg.mod", str(root)),
    ]
