"""Module resolution on in-memory trees (expected results checked against mypy 2.4.1)."""

from __future__ import annotations

from tycheck.modules.resolve import (
    INSTALLED,
    MYPY_PATH,
    SOURCE,
    STUB_PACKAGE,
    TYPESHED,
    ModuleFile,
    ModuleFinder,
    ModuleNotFound,
    ModuleNotFoundReason,
    find_module,
)
from tycheck.modules.search import SearchPaths

from .helpers import ROOT, SITE, TYPESHED as TS, VERSIONS, tree

STDLIB = [
    f"{TS}/builtins.pyi",
    f"{TS}/os/__init__.pyi",
    f"{TS}/os/path.pyi",
    f"{TS}/tomllib.pyi",
    f"{TS}/dataclasses.pyi",
    f"{TS}/asyncio/__init__.pyi",
    f"{TS}/asyncio/taskgroups.pyi",
]


def finder(
    files: list[str],
    *,
    py: tuple[str, ...] = (ROOT,),
    mp: tuple[str, ...] = (),
    pkg: tuple[str, ...] = (),
    version: tuple[int, int] = (3, 12),
    namespace: bool = True,
    cwd: str | None = None,
) -> ModuleFinder:
    paths = SearchPaths(python_path=py, mypy_path=mp, package_path=pkg, typeshed_path=(TS,))
    return ModuleFinder(
        paths,
        tree(files + STDLIB),
        python_version=version,
        stdlib_versions=VERSIONS,
        namespace_packages=namespace,
        cwd=cwd,
    )


def path_of(result: ModuleFile | ModuleNotFound) -> str:
    assert isinstance(result, ModuleFile), result
    return result.path


def reason_of(result: ModuleFile | ModuleNotFound) -> ModuleNotFoundReason:
    assert isinstance(result, ModuleNotFound), result
    return result.reason


def test_stub_beats_source_and_package_beats_module() -> None:
    f = finder(
        [
            f"{ROOT}/b.py",
            f"{ROOT}/b.pyi",
            f"{ROOT}/p.py",
            f"{ROOT}/p/__init__.py",
            f"{ROOT}/p/m.py",
            f"{ROOT}/p/m.pyi",
        ]
    )
    b = f.find("b")
    assert b == ModuleFile("b", f"{ROOT}/b.pyi", is_stub=True, is_package=False, kind=SOURCE)
    p = f.find("p")
    assert path_of(p) == f"{ROOT}/p/__init__.py" and isinstance(p, ModuleFile) and p.is_package
    assert path_of(f.find("p.m")) == f"{ROOT}/p/m.pyi"


def test_namespace_packages() -> None:
    files = [f"{ROOT}/ns/x.py", f"{ROOT}/deep/a/b.py"]
    f = finder(files)
    ns = f.find("ns")
    assert isinstance(ns, ModuleFile) and ns.path == f"{ROOT}/ns" and ns.is_namespace
    assert path_of(f.find("ns.x")) == f"{ROOT}/ns/x.py"
    assert path_of(f.find("deep.a.b")) == f"{ROOT}/deep/a/b.py"
    off = finder(files, namespace=False)
    assert reason_of(off.find("ns")) is ModuleNotFoundReason.NOT_FOUND
    assert reason_of(off.find("ns.x")) is ModuleNotFoundReason.NOT_FOUND


def test_missing_init_in_the_middle_without_namespace_packages() -> None:
    f = finder([f"{ROOT}/pkg/__init__.py", f"{ROOT}/pkg/sub/y.py"], namespace=False)
    assert reason_of(f.find("pkg.sub.y")) is ModuleNotFoundReason.NOT_FOUND
    assert path_of(finder([f"{ROOT}/pkg/__init__.py", f"{ROOT}/pkg/sub/y.py"]).find("pkg.sub.y"))


def test_typeshed_respects_python_version() -> None:
    assert reason_of(finder([], version=(3, 10)).find("tomllib")) is ModuleNotFoundReason.NOT_FOUND
    found = finder([], version=(3, 11)).find("tomllib")
    assert isinstance(found, ModuleFile) and found.kind == TYPESHED and found.is_stub
    # A submodule entry of its own governs the submodule.
    assert isinstance(finder([], version=(3, 10)).find("asyncio.taskgroups"), ModuleNotFound)
    assert path_of(finder([]).find("os.path")) == f"{TS}/os/path.pyi"


def test_user_code_shadows_stdlib_but_stdlib_shadows_installed_backports() -> None:
    f = finder([f"{ROOT}/os.py", f"{SITE}/dataclasses.py", f"{SITE}/py.typed"], pkg=(SITE,))
    assert path_of(f.find("os")) == f"{ROOT}/os.py"
    assert path_of(f.find("dataclasses")) == f"{TS}/dataclasses.pyi"


def test_mypy_path_comes_before_source_roots() -> None:
    f = finder([f"/mp/a.py", f"{ROOT}/a.py", f"{ROOT}/b.py"], mp=("/mp",))
    a = f.find("a")
    assert isinstance(a, ModuleFile) and a.path == "/mp/a.py" and a.kind == MYPY_PATH
    assert path_of(f.find("b")) == f"{ROOT}/b.py"


SITE_FILES = [
    f"{SITE}/typed/__init__.py",
    f"{SITE}/typed/py.typed",
    f"{SITE}/typed/m.py",
    f"{SITE}/untyped/__init__.py",
    f"{SITE}/untyped/m.py",
    f"{SITE}/untyped_mod.py",
    f"{SITE}/stubbed/__init__.py",
    f"{SITE}/stubbed-stubs/__init__.pyi",
    f"{SITE}/stubbed-stubs/m.pyi",
    f"{SITE}/part/__init__.py",
    f"{SITE}/part/a.py",
    f"{SITE}/part/b.py",
    f"{SITE}/part/py.typed",
    f"{SITE}/part-stubs/__init__.pyi",
    f"{SITE}/part-stubs/a.pyi",
    f"{SITE}/nsp/sub/__init__.py",
    f"{SITE}/nsp/sub/py.typed",
    f"{SITE}/nsp/sub/x.py",
    f"{SITE}/requests/__init__.py",
    f"{SITE}/only-stubs/__init__.pyi",
]


def site_finder() -> ModuleFinder:
    paths = SearchPaths(package_path=(SITE,), typeshed_path=(TS,))
    fs = tree({**{p: "" for p in SITE_FILES + STDLIB}, f"{SITE}/part-stubs/py.typed": "partial\n"})
    return ModuleFinder(paths, fs, python_version=(3, 12), stdlib_versions=VERSIONS)


def test_installed_packages_pep561() -> None:
    f = site_finder()
    typed = f.find("typed.m")
    assert (
        isinstance(typed, ModuleFile)
        and typed.kind == INSTALLED
        and typed.path == f"{SITE}/typed/m.py"
    )
    for name in ("untyped", "untyped.m", "untyped_mod", "untyped.nope"):
        assert reason_of(f.find(name)) is ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS
    assert reason_of(f.find("typed.nope")) is ModuleNotFoundReason.NOT_FOUND


def test_stub_packages_and_partial_stubs() -> None:
    f = site_finder()
    stubbed = f.find("stubbed")
    assert isinstance(stubbed, ModuleFile) and stubbed.kind == STUB_PACKAGE
    assert stubbed.path == f"{SITE}/stubbed-stubs/__init__.pyi"
    assert path_of(f.find("stubbed.m")) == f"{SITE}/stubbed-stubs/m.pyi"
    assert path_of(f.find("only")) == f"{SITE}/only-stubs/__init__.pyi"
    # A partial stub package falls back to the runtime package for what it lacks.
    assert path_of(f.find("part.a")) == f"{SITE}/part-stubs/a.pyi"
    assert path_of(f.find("part.b")) == f"{SITE}/part/b.py"


def test_namespace_ancestor_of_typed_subpackage() -> None:
    f = site_finder()
    assert path_of(f.find("nsp.sub.x")) == f"{SITE}/nsp/sub/x.py"
    assert path_of(f.find("nsp")) == f"{SITE}/nsp"


def test_known_stub_distribution_not_installed() -> None:
    f = site_finder()
    # requests is installed but untyped; a known stub distribution exists for it.
    assert reason_of(f.find("requests")) is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
    assert reason_of(f.find("yaml")) is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
    assert reason_of(f.find("yaml.x")) is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
    assert reason_of(f.find("google.protobuf")) is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
    assert reason_of(f.find("google.other")) is ModuleNotFoundReason.NOT_FOUND


def test_submodule_of_installed_known_stubs_is_plain_not_found() -> None:
    fs_files = [f"{SITE}/yaml-stubs/__init__.pyi"]
    f = finder(fs_files, py=(), pkg=(SITE,))
    assert path_of(f.find("yaml")) == f"{SITE}/yaml-stubs/__init__.pyi"
    assert reason_of(f.find("yaml.nothere")) is ModuleNotFoundReason.NOT_FOUND


def test_near_miss_prefers_highest_init() -> None:
    files = ["/x/foo/bar.py", "/y/foo/__init__.py", "/y/foo/baz.py", "/z/foo/bar/__init__.py"]
    f = finder(files, py=("/x", "/y", "/z"))
    assert path_of(f.find("foo.bar")) == "/x/foo/bar.py"
    assert path_of(f.find("foo")) == "/y/foo/__init__.py"
    assert path_of(f.find("foo.baz")) == "/y/foo/baz.py"


def test_wrong_working_directory() -> None:
    files = [f"{ROOT}/pkg/__init__.py", f"{ROOT}/pkg/sub/__init__.py", f"{ROOT}/pkg/other.py"]
    f = finder(files, py=(f"{ROOT}/pkg/sub",), cwd=f"{ROOT}/pkg/sub")
    assert reason_of(f.find("pkg.other")) is ModuleNotFoundReason.WRONG_WORKING_DIRECTORY
    assert reason_of(f.find("nothing")) is ModuleNotFoundReason.NOT_FOUND
    # The fast path (used for -p expansion) does not look upwards.
    g = finder(files, py=(f"{ROOT}/pkg/sub",), cwd=f"{ROOT}/pkg/sub")
    assert reason_of(g.find("pkg.other", fast_path=True)) is ModuleNotFoundReason.NOT_FOUND


def test_follow_untyped_imports() -> None:
    paths = SearchPaths(package_path=(SITE,))
    fs = tree([f"{SITE}/untyped/__init__.py", f"{SITE}/untyped/m.py"])
    f = ModuleFinder(paths, fs, python_version=(3, 12), follow_untyped_imports=lambda m: True)
    assert path_of(f.find("untyped.m")) == f"{SITE}/untyped/m.py"


def test_results_are_memoised_until_cleared() -> None:
    fs = tree([f"{ROOT}/a.py"])
    f = ModuleFinder(SearchPaths(python_path=(ROOT,)), fs, python_version=(3, 12))
    assert path_of(f.find("a")) == f"{ROOT}/a.py"
    fs.write(f"{ROOT}/a.pyi", "")
    assert path_of(f.find("a")) == f"{ROOT}/a.py"
    f.clear()
    assert path_of(f.find("a")) == f"{ROOT}/a.pyi"


def test_find_module_function() -> None:
    fs = tree([f"{ROOT}/a.py"])
    found = find_module("a", SearchPaths(python_path=(ROOT,)), fs, python_version=(3, 12))
    assert path_of(found) == f"{ROOT}/a.py"


def test_find_recursive_for_packages() -> None:
    files = [
        f"{ROOT}/p/__init__.py",
        f"{ROOT}/p/a.py",
        f"{ROOT}/p/a.pyi",
        f"{ROOT}/p/b.py",
        f"{ROOT}/p/sub/__init__.py",
        f"{ROOT}/p/sub/c.py",
        f"{ROOT}/p/.hid/x.py",
        f"{ROOT}/p/__pycache__/x.py",
        f"{ROOT}/p/ns/d.py",
        f"{ROOT}/p/data.txt",
        f"{ROOT}/p/b.c.py",
    ]
    f = finder(files, cwd=ROOT)
    found = [(m.module, m.path.removeprefix(ROOT + "/")) for m in f.find_recursive("p")]
    assert found == [
        ("p", "p/__init__.py"),
        ("p.a", "p/a.pyi"),
        ("p.b", "p/b.py"),
        ("p.ns", "p/ns"),
        ("p.ns.d", "p/ns/d.py"),
        ("p.sub", "p/sub/__init__.py"),
        ("p.sub.c", "p/sub/c.py"),
    ]
    without_ns = finder(files, cwd=ROOT, namespace=False).find_recursive("p")
    assert "p.ns.d" not in [m.module for m in without_ns]
    excluded = f.find_recursive("p", exclude=["sub/"])
    assert "p.sub.c" not in [m.module for m in excluded]
