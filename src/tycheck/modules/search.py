"""Where modules are searched for, in mypy's order (PEP 561).

Four groups of directories, searched by ``resolve.find_module`` in a fixed precedence:

* ``python_path``: the roots of the files being checked and the working directory;
* ``mypy_path``: ``$MYPYPATH`` then the ``mypy_path`` option;
* ``package_path``: the target interpreter's ``sys.path`` and site-packages (stub packages
  ``foo-stubs``, packages with ``py.typed``, partial stub packages);
* ``typeshed_path``: typeshed's standard-library stubs, then the third-party stubs that mypy
  treats as built in (``mypy-extensions``, ``librt``).

The standard-library stubs are those bundled with ``typeshed_client`` and the built-in
third-party stubs are vendored from typeshed's ``stubs/`` in ``bundled_stubs/`` (with
typeshed's licence), unless ``custom_typeshed_dir`` names another typeshed checkout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tycheck.inputs.fs import FileSystem
from tycheck.inputs.interpreter import InterpreterDirs, InterpreterError, search_dirs
from tycheck.modules.failure import SourceError

IMPORTS_DOC = "https://mypy.readthedocs.io/en/stable/running_mypy.html#how-mypy-handles-imports"


class SearchOptions(Protocol):
    """The options read here (attribute names are mypy's)."""

    @property
    def mypy_path(self) -> Sequence[str]: ...

    @property
    def custom_typeshed_dir(self) -> str | None: ...

    @property
    def python_executable(self) -> str | None: ...

    @property
    def no_site_packages(self) -> bool: ...


class HasBaseDir(Protocol):
    """A source whose package root should be searched (``sources.BuildSource``)."""

    @property
    def base_dir(self) -> str | None: ...


@dataclass(frozen=True)
class SearchPaths:
    """The four groups of absolute directories, each in search order."""

    python_path: tuple[str, ...] = ()
    mypy_path: tuple[str, ...] = ()
    package_path: tuple[str, ...] = ()
    typeshed_path: tuple[str, ...] = ()


def absolute(path: str, cwd: str) -> str:
    """``os.path.abspath`` relative to ``cwd`` instead of the process's working directory."""
    return os.path.normpath(os.path.join(cwd, path))


def bundled_typeshed_dir() -> str:
    """The typeshed directory shipped inside ``typeshed_client`` (stdlib stubs and VERSIONS).

    This is tycheck's own installation, not user code, so its location is taken from the
    package's ``__file__`` rather than through a ``FileSystem``.
    """
    import typeshed_client

    return os.path.join(os.path.dirname(os.path.abspath(typeshed_client.__file__)), "typeshed")


# Distributions of typeshed's ``stubs/`` that are searched like the standard library, as mypy
# does for its own runtime dependencies (so ``import mypy_extensions`` needs no install).
BUILTIN_THIRD_PARTY_STUBS: tuple[str, ...] = ("mypy-extensions", "librt")


def bundled_third_party_dirs() -> tuple[str, ...]:
    """Our vendored copies of ``BUILTIN_THIRD_PARTY_STUBS`` (package data, like typeshed's)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bundled_stubs")
    return tuple(os.path.join(root, dist) for dist in BUILTIN_THIRD_PARTY_STUBS)


def stdlib_dir(custom_typeshed_dir: str | None, cwd: str) -> str:
    """The directory holding the stdlib ``.pyi`` files and ``VERSIONS``."""
    if custom_typeshed_dir:
        return os.path.join(absolute(custom_typeshed_dir, cwd), "stdlib")
    return bundled_typeshed_dir()


def typeshed_dirs(custom_typeshed_dir: str | None, fs: FileSystem, cwd: str) -> tuple[str, ...]:
    """The typeshed part of the search path; raises ``SourceError`` for a broken custom dir."""
    if not custom_typeshed_dir:
        return (bundled_typeshed_dir(), *bundled_third_party_dirs())
    root = absolute(custom_typeshed_dir, cwd)
    stdlib = os.path.join(root, "stdlib")
    if not fs.is_dir(stdlib) or not fs.is_file(os.path.join(stdlib, "VERSIONS")):
        raise SourceError(
            f"error: --custom-typeshed-dir does not point to a valid typeshed ({root})", 2
        )
    # A full typeshed also carries stubs that mypy treats as built in.
    return (stdlib, *(os.path.join(root, "stubs", dist) for dist in BUILTIN_THIRD_PARTY_STUBS))


def mypy_path_entries(options: SearchOptions, environ: Mapping[str, str]) -> list[str]:
    """``$MYPYPATH`` entries first, then the configured ``mypy_path``."""
    env = environ.get("MYPYPATH", "")
    entries = env.split(os.pathsep) if env else []
    entries.extend(options.mypy_path)
    return entries


def interpreter_dirs(options: SearchOptions) -> InterpreterDirs:
    """Ask the target interpreter (if any) for its package directories."""
    if options.no_site_packages:
        return InterpreterDirs()
    try:
        return search_dirs(options.python_executable)
    except InterpreterError as err:
        raise SourceError(err.message, 2) from err


def _check_site_not_in_mypy_path(site_dirs: Sequence[str], mypy_path: Sequence[str]) -> None:
    """Installed packages must not be reachable through MYPYPATH (they would lose PEP 561)."""
    seps = [os.sep] + ([os.altsep] if os.altsep else [])
    for site in site_dirs:
        if site in mypy_path or any(p.startswith(site + s) for p in mypy_path for s in seps):
            raise SourceError(
                f"{site} is in the MYPYPATH. Please remove it.\nSee {IMPORTS_DOC} for more info",
                1,
            )


def _python_path(sources: Sequence[HasBaseDir], cwd: str, typeshed: Sequence[str]) -> list[str]:
    """Package roots of the sources, later roots first, and the working directory last."""
    roots: list[str] = []
    for source in sources:
        if source.base_dir and source.base_dir not in roots:
            roots.append(source.base_dir)
    # The working directory is always searched (after the roots), as mypy does.
    if cwd not in typeshed:
        roots.insert(0, cwd)
    return list(reversed(roots))


def compute_search_paths(
    *,
    sources: Sequence[HasBaseDir],
    options: SearchOptions,
    fs: FileSystem,
    cwd: str,
    environ: Mapping[str, str],
    site_packages: InterpreterDirs | None = None,
) -> SearchPaths:
    """Compute the search paths for a run, like mypy's ``compute_search_paths``.

    ``site_packages`` may be given to avoid asking the interpreter (tests, the daemon's
    cached answer); otherwise ``options.python_executable`` is asked once per process.
    Raises ``SourceError`` for an invalid custom typeshed, an unusable interpreter or
    site-packages listed in MYPYPATH.
    """
    typeshed = typeshed_dirs(options.custom_typeshed_dir, fs, cwd)
    python_path = _python_path(sources, cwd, typeshed)
    mypy_path = mypy_path_entries(options, environ)
    dirs = site_packages if site_packages is not None else interpreter_dirs(options)
    _check_site_not_in_mypy_path(dirs.site_packages, mypy_path)
    return SearchPaths(
        python_path=tuple(absolute(p, cwd) for p in python_path),
        mypy_path=tuple(absolute(p, cwd) for p in mypy_path),
        package_path=tuple(absolute(p, cwd) for p in dirs.sys_path + dirs.site_packages),
        typeshed_path=tuple(absolute(p, cwd) for p in typeshed),
    )


def module_search_paths(
    *,
    options: SearchOptions,
    cwd: str,
    environ: Mapping[str, str],
    site_packages: InterpreterDirs | None = None,
) -> SearchPaths:
    """The search paths used to expand ``-m``/``-p`` targets (no typeshed, no site-packages).

    mypy resolves command-line modules against the working directory, MYPYPATH and the
    interpreter's ``sys.path`` only.
    """
    dirs = site_packages if site_packages is not None else interpreter_dirs(options)
    return SearchPaths(
        python_path=(absolute(cwd, cwd),),
        mypy_path=tuple(absolute(p, cwd) for p in mypy_path_entries(options, environ)),
        package_path=tuple(absolute(p, cwd) for p in dirs.sys_path),
        typeshed_path=(),
    )
