"""The modules layer driven by the real ``Options`` (integration with inputs/options.py)."""

from __future__ import annotations

from tycheck.inputs.interpreter import InterpreterDirs
from tycheck.inputs.options import Options
from tycheck.modules.resolve import (
    ModuleFile,
    ModuleNotFound,
    ModuleNotFoundReason,
    finder_for_options,
)
from tycheck.modules.search import compute_search_paths
from tycheck.modules.sources import find_sources
from tycheck.service.api import Targets

from .helpers import ROOT, SITE, tree


def test_sources_search_and_resolve_with_real_options() -> None:
    fs = tree([f"{ROOT}/app/__init__.py", f"{ROOT}/app/main.py", f"{SITE}/lib/__init__.py"])
    options = Options(python_version=(3, 12), python_executable=None)
    dirs = InterpreterDirs(site_packages=(SITE,))
    sources = find_sources(
        Targets(files=("app",)), options, fs, ROOT, environ={}, site_packages=dirs
    )
    assert [s.module for s in sources] == ["app", "app.main"]
    paths = compute_search_paths(
        sources=sources, options=options, fs=fs, cwd=ROOT, environ={}, site_packages=dirs
    )
    finder = finder_for_options(paths, fs, options, cwd=ROOT)
    assert isinstance(finder.find("app.main"), ModuleFile)
    lib = finder.find("lib")
    assert (
        isinstance(lib, ModuleNotFound)
        and lib.reason is ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS
    )


def test_follow_untyped_imports_option() -> None:
    fs = tree([f"{SITE}/lib/__init__.py"])
    options = Options(python_version=(3, 12), python_executable=None, follow_untyped_imports=True)
    paths = compute_search_paths(
        sources=[],
        options=options,
        fs=fs,
        cwd=ROOT,
        environ={},
        site_packages=InterpreterDirs(site_packages=(SITE,)),
    )
    found = finder_for_options(paths, fs, options, cwd=ROOT).find("lib")
    assert isinstance(found, ModuleFile) and found.path == f"{SITE}/lib/__init__.py"
