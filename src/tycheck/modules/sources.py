"""Turn command-line targets into the list of source modules to check (mypy's rules).

* A ``.py``/``.pyi`` file gets its module name by climbing parent directories that are
  packages: ``a/b/c.py`` is ``b.c`` when ``a/b/__init__.py`` exists and ``a`` has none. With
  namespace packages a directory without ``__init__`` continues the name only if some
  ancestor is a package or an explicit package base; the climb never passes a directory
  whose name is not an identifier.
* A directory is walked recursively (sorted so that a package's ``__init__`` comes first and
  ``x.pyi`` shadows ``x.py``), skipping hidden entries, ``__pycache__``, ``site-packages``,
  ``node_modules`` and ``--exclude`` matches.
* Any other file named on the command line is a script: module ``__main__``.
* ``-p`` packages are expanded through the search paths, ``-m`` modules are taken as given,
  ``-c`` text is module ``__main__`` without a file.

File-system access goes through a ``FileSystem`` with absolute paths built from ``cwd``;
reported paths keep the spelling the user gave.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tycheck.inputs.fs import FileSystem
from tycheck.inputs.interpreter import InterpreterDirs
from tycheck.modules.exclude import matches_exclude
from tycheck.modules.failure import SourceError
from tycheck.modules.gitignore import GitignoreMatcher
from tycheck.modules.resolve import PY_SUFFIXES, ModuleFinder, ModuleNotFound, ModuleNotFoundReason
from tycheck.modules.search import SearchOptions, absolute, mypy_path_entries, module_search_paths
from tycheck.modules.typeshed_versions import StdlibVersions, Version

MAPPING_DOC = (
    "https://mypy.readthedocs.io/en/stable/running_mypy.html#mapping-file-paths-to-modules"
)
INSTALLED_PACKAGES_DOC = "https://mypy.readthedocs.io/en/stable/installed_packages.html"
SKIPPED_NAMES = ("__pycache__", "site-packages", "node_modules")


class TargetsLike(Protocol):
    """What to check (``tycheck.service.api.Targets`` has this shape)."""

    @property
    def files(self) -> Sequence[str]: ...

    @property
    def modules(self) -> Sequence[str]: ...

    @property
    def packages(self) -> Sequence[str]: ...

    @property
    def command(self) -> str | None: ...


class SourceOptions(SearchOptions, Protocol):
    """The options read while finding sources (attribute names are mypy's)."""

    @property
    def namespace_packages(self) -> bool: ...

    @property
    def explicit_package_bases(self) -> bool: ...

    @property
    def exclude(self) -> Sequence[str]: ...

    @property
    def scripts_are_modules(self) -> bool: ...

    @property
    def exclude_gitignore(self) -> bool: ...

    @property
    def python_version(self) -> Version: ...


@dataclass(frozen=True)
class BuildSource:
    """One module to check: a file (``path``), program text (``text``) or a module name only.

    ``base_dir`` is the absolute directory the module's package is rooted at; it becomes a
    search-path entry.
    """

    path: str | None
    module: str
    text: str | None = None
    base_dir: str | None = None

    @property
    def display_path(self) -> str:
        """The name used in messages (``<string>`` for ``-c`` text)."""
        return self.path if self.path is not None else "<string>"


def _sort_key(name: str) -> tuple[bool, int, str]:
    """Directory-walk order: ``__init__`` first; then ``x`` < ``x.pyi`` < ``x.py``."""
    stem, suffix = os.path.splitext(name)
    if suffix in PY_SUFFIXES:
        return stem != "__init__", PY_SUFFIXES.index(suffix), stem
    return stem != "__init__", -1, name


def _join_module(parent: str, child: str) -> str:
    return f"{parent}.{child}" if parent else child


def _strip_py(name: str) -> str | None:
    for suffix in PY_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def _normalise_base(root: str, cwd: str) -> str:
    return absolute(root or os.curdir, cwd).rstrip(os.sep) or os.sep


class SourceFinder:
    """Names files and walks directories given on the command line."""

    def __init__(
        self, fs: FileSystem, options: SourceOptions, cwd: str, environ: Mapping[str, str]
    ) -> None:
        self.fs = fs
        self.cwd = cwd
        self.namespace_packages = options.namespace_packages
        self.exclude = tuple(options.exclude)
        self.gitignore = GitignoreMatcher(fs) if options.exclude_gitignore else None
        self.explicit_bases: frozenset[str] | None = None
        self._crawled: dict[str, tuple[str, str] | None] = {}
        if options.explicit_package_bases:
            roots = mypy_path_entries(options, environ) + [cwd]
            self.explicit_bases = frozenset(_normalise_base(r, cwd) for r in roots)

    def _abs(self, path: str) -> str:
        return absolute(path, self.cwd)

    def find_in_dir(self, path: str) -> list[BuildSource]:
        """All sources under a directory, in mypy's order."""
        sources: list[BuildSource] = []
        seen: set[str] = set()
        names = sorted(self.fs.listdir(self._abs(path)) or (), key=_sort_key)
        for name in names:
            if name in SKIPPED_NAMES or name.startswith("."):
                continue
            sub = os.path.join(path, name)
            is_dir = self.fs.is_dir(self._abs(sub))
            if matches_exclude(sub, self.exclude, self.cwd, is_dir):
                continue
            if self.gitignore is not None and self.gitignore.matches(sub, self.cwd):
                continue
            if is_dir:
                inner = self.find_in_dir(sub)
                if inner:
                    # A package directory shadows a same-named module next to it.
                    seen.add(name)
                    sources.extend(inner)
                continue
            stem, suffix = os.path.splitext(name)
            if stem not in seen and suffix in PY_SUFFIXES:
                seen.add(stem)
                module, base_dir = self.crawl_up(sub)
                sources.append(BuildSource(sub, module, None, base_dir))
        return sources

    def crawl_up(self, path: str) -> tuple[str, str]:
        """Module name and absolute base directory of a ``.py[i]`` file."""
        parent, filename = os.path.split(self._abs(path))
        name = _strip_py(filename) or filename
        parent_module, base_dir = self.crawl_up_dir(parent)
        if name == "__init__":
            return parent_module, base_dir
        return _join_module(parent_module, name), base_dir

    def crawl_up_dir(self, directory: str) -> tuple[str, str]:
        return self._crawl(directory) or ("", directory)

    def _crawl(self, directory: str) -> tuple[str, str] | None:
        # Sibling files share their ancestors, so each directory is judged once.
        if directory not in self._crawled:
            self._crawled[directory] = self._crawl_uncached(directory)
        return self._crawled[directory]

    def _crawl_uncached(self, directory: str) -> tuple[str, str] | None:
        """(module prefix, base dir) if ``directory`` is clearly inside a package root.

        None means the directory is not part of a package (so it is itself a root).
        """
        if (
            self.explicit_bases is not None
            and _normalise_base(directory, self.cwd) in self.explicit_bases
        ):
            return "", directory
        parent, name = os.path.split(directory)
        name = name.removesuffix("-stubs")
        init = self._init_file(directory)
        if init is not None:
            if not name.isidentifier():
                raise SourceError(
                    f"{name} contains {os.path.basename(init)} but is not a valid Python package name",
                    2,
                )
            prefix, base_dir = self.crawl_up_dir(parent)
            return _join_module(prefix, name), base_dir
        if not name or not parent or not name.isidentifier() or not self.namespace_packages:
            return None
        # A directory without __init__ is a namespace package only below a real package or
        # an explicit base.
        above = self._crawl(parent)
        if above is None:
            return None
        prefix, base_dir = above
        return _join_module(prefix, name), base_dir

    def _init_file(self, directory: str) -> str | None:
        for init in ("__init__.pyi", "__init__.py"):
            path = os.path.join(directory, init)
            if self.fs.is_file(path):
                return path
        return None


def sources_from_files(
    paths: Sequence[str],
    options: SourceOptions,
    fs: FileSystem,
    cwd: str,
    environ: Mapping[str, str],
    *,
    allow_empty_dir: bool = False,
) -> list[BuildSource]:
    """Sources for files and directories named on the command line."""
    finder = SourceFinder(fs, options, cwd, environ)
    sources: list[BuildSource] = []
    for raw in paths:
        path = os.path.normpath(raw)
        if path.endswith(PY_SUFFIXES):
            module, base_dir = finder.crawl_up(path)
            sources.append(BuildSource(path, module, None, base_dir))
        elif fs.is_dir(absolute(path, cwd)):
            found = finder.find_in_dir(path)
            if not found and not allow_empty_dir:
                raise SourceError(f"There are no .py[i] files in directory '{path}'", 2)
            sources.extend(found)
        else:
            module = os.path.basename(path) if options.scripts_are_modules else "__main__"
            sources.append(BuildSource(path, module, None, None))
    return sources


def sources_from_modules(
    modules: Sequence[str],
    packages: Sequence[str],
    finder: ModuleFinder,
    exclude: Sequence[str] = (),
) -> list[BuildSource]:
    """Sources for ``-p`` packages (expanded) followed by ``-m`` modules (resolved later)."""
    sources: list[BuildSource] = []
    for package in packages:
        if os.sep in package or (os.altsep and os.altsep in package):
            raise SourceError(f"Package name '{package}' cannot have a slash in it.", 2)
        found = finder.find_recursive(package, exclude)
        if not found:
            raise _package_not_found(package, finder)
        sources.extend(BuildSource(f.path, f.module) for f in found)
    sources.extend(BuildSource(None, module) for module in modules)
    return sources


def _package_not_found(package: str, finder: ModuleFinder) -> SourceError:
    result = finder.find(package)
    if (
        isinstance(result, ModuleNotFound)
        and result.reason is ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS
    ):
        return SourceError(
            f"Package '{package}' cannot be type checked due to missing py.typed marker.\n"
            f"See {INSTALLED_PACKAGES_DOC} for more details",
            2,
        )
    return SourceError(f"Can't find package '{package}'", 2)


def find_sources(
    targets: TargetsLike,
    options: SourceOptions,
    fs: FileSystem,
    cwd: str,
    *,
    environ: Mapping[str, str] | None = None,
    site_packages: InterpreterDirs | None = None,
    stdlib_versions: StdlibVersions | None = None,
) -> list[BuildSource]:
    """The sources to check, like mypy's target processing; raises ``SourceError``.

    Modules/packages take precedence over command text, which takes precedence over files
    (the command line allows only one kind; rejecting mixtures is the CLI's job).
    """
    env = os.environ if environ is None else environ
    if targets.modules or targets.packages:
        paths = module_search_paths(
            options=options, cwd=cwd, environ=env, site_packages=site_packages
        )
        finder = ModuleFinder(
            paths,
            fs,
            python_version=options.python_version,
            stdlib_versions=stdlib_versions,
            namespace_packages=options.namespace_packages,
            cwd=cwd,
            exclude_gitignore=options.exclude_gitignore,
        )
        return sources_from_modules(targets.modules, targets.packages, finder, options.exclude)
    if targets.command is not None:
        return [BuildSource(None, "__main__", targets.command, None)]
    return sources_from_files(targets.files, options, fs, cwd, env)


@dataclass(frozen=True)
class DuplicateModule:
    """Two sources with the same module name: a blocking error reported at ``path``."""

    module: str
    path: str
    other_path: str

    def messages(self) -> list[tuple[str, str]]:
        """(severity, text) lines, reported without a line number."""
        return [
            ("error", f'Duplicate module named "{self.module}" (also at "{self.other_path}")'),
            ("note", f"See {MAPPING_DOC} for more info"),
            ("note", "Common resolutions include:"),
            ("note", "    a) using `--exclude` to avoid checking one of them,"),
            ("note", "    b) adding `__init__.py` somewhere,"),
            ("note", "    c) using `--explicit-package-bases` or adjusting `MYPYPATH`"),
        ]


def find_duplicate(sources: Sequence[BuildSource]) -> DuplicateModule | None:
    """The first source whose module name was already taken by an earlier source.

    ``-m`` modules (no path, no text) are resolved later and are left to the caller.
    """
    seen: dict[str, str] = {}
    for source in sources:
        if source.path is None and source.text is None:
            continue
        earlier = seen.get(source.module)
        if earlier is not None:
            return DuplicateModule(source.module, source.display_path, earlier)
        seen[source.module] = source.display_path
    return None
