"""Resolve a dotted module name to a file, with mypy's precedence rules.

Order of search: MYPYPATH, then the source roots and working directory, then typeshed's
stdlib (only for modules that exist in the target Python version), then stub-only packages
(``foo-stubs``) and finally installed packages that carry a ``py.typed`` marker. Within one
directory a stub package beats a regular package, a package (``__init__``) beats a plain
module and ``.pyi`` beats ``.py``. With namespace packages enabled, a directory without
``__init__`` is a package too, but only when no regular match exists anywhere.

When nothing is found, the reason says how to explain it to the user (see ``messages.py``).
``ModuleFinder`` memoises per name; it is cheap to call for every import.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from tycheck.inputs.fs import FileSystem
from tycheck.modules.exclude import matches_exclude
from tycheck.modules.gitignore import GitignoreMatcher
from tycheck.modules.search import SearchPaths, stdlib_dir
from tycheck.modules.stub_packages import stub_distribution
from tycheck.modules.typeshed_versions import StdlibVersions, Version

PY_SUFFIXES: tuple[str, ...] = (".pyi", ".py")
INIT_NAMES: tuple[str, ...] = ("__init__.pyi", "__init__.py")

# Where a module was found. "namespace" is never used alone: a namespace package keeps the
# kind of the search-path group it was found in, and ``ModuleFile.is_namespace`` tells.
SOURCE = "source"
MYPY_PATH = "mypy_path"
TYPESHED = "typeshed"
STUB_PACKAGE = "stub_package"
INSTALLED = "installed"


class ModuleNotFoundReason(Enum):
    """Why a module could not be resolved; decides the error message and code."""

    NOT_FOUND = 0
    # Code for it is installed, but has neither stubs nor a py.typed marker.
    FOUND_WITHOUT_TYPE_HINTS = 1
    # Not found, but it would be found if run from a parent directory (cwd is in a package).
    WRONG_WORKING_DIRECTORY = 2
    # A stub distribution for it is known on PyPI but is not installed.
    APPROVED_STUBS_NOT_INSTALLED = 3


@dataclass(frozen=True)
class ModuleFile:
    """A resolved module: a ``.py``/``.pyi`` file, or a directory for a namespace package."""

    module: str
    path: str
    is_stub: bool
    is_package: bool
    kind: str

    @property
    def is_namespace(self) -> bool:
        return not self.path.endswith(PY_SUFFIXES)


@dataclass(frozen=True)
class ModuleNotFound:
    """A failed lookup and its reason."""

    module: str
    reason: ModuleNotFoundReason


ModuleResult = ModuleFile | ModuleNotFound

# A directory to look for the last name component in, whether every enclosing package
# must have an __init__ there, and the kind of the search-path group it belongs to.
_Candidate = tuple[str, bool, str]


def is_init_file(path: str) -> bool:
    return os.path.basename(path) in INIT_NAMES


def _make_file(module: str, path: str, kind: str) -> ModuleFile:
    is_package = is_init_file(path) or not path.endswith(PY_SUFFIXES)
    return ModuleFile(module, path, path.endswith(".pyi"), is_package, kind)


class ModuleFinder:
    """Finds modules on fixed search paths; results are memoised per module name.

    The finder holds no reference to options: the caller passes the few switches it needs.
    ``follow_untyped_imports(name)`` answers the per-module option of that name. ``cwd``
    enables the "run from the package root" hint (``WRONG_WORKING_DIRECTORY``).
    """

    def __init__(
        self,
        search_paths: SearchPaths,
        fs: FileSystem,
        *,
        python_version: Version,
        stdlib_versions: StdlibVersions | None = None,
        namespace_packages: bool = True,
        follow_untyped_imports: Callable[[str], bool] | None = None,
        cwd: str | None = None,
        exclude_gitignore: bool = False,
    ) -> None:
        self.search_paths = search_paths
        self.fs = fs
        self.python_version = python_version
        self.stdlib_versions = stdlib_versions or StdlibVersions({})
        self.namespace_packages = namespace_packages
        self.follow_untyped_imports = follow_untyped_imports or (lambda _name: False)
        self.cwd = cwd
        self._gitignore = GitignoreMatcher(fs) if exclude_gitignore else None
        self._results: dict[str, ModuleResult] = {}
        # Per search-path group: first name component -> directories holding such an entry.
        self._toplevel: dict[tuple[str, ...], dict[str, list[str]]] = {}
        # Namespace packages that are ancestors of an installed typed package found so far.
        self._ns_ancestors: dict[str, str] = {}
        # Per directory, its last listing and the same names as a set (see ``_names_in``).
        self._listings: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
        # Per parent directory of ``cwd``, a finder searching only there (``_found_in_parent_dir``).
        self._parent_probes: dict[str, ModuleFinder] = {}

    def clear(self) -> None:
        """Forget all results (after the file system changed)."""
        self._results.clear()
        self._toplevel.clear()
        self._ns_ancestors.clear()
        self._listings.clear()
        self._parent_probes.clear()

    # -- public lookups --------------------------------------------------------------

    def find(self, module: str, *, fast_path: bool = False) -> ModuleResult:
        """Resolve ``module``; ``fast_path`` skips the costly parent-directory diagnosis."""
        cached = self._results.get(module)
        if cached is not None:
            return cached
        use_typeshed = self.stdlib_versions.use_typeshed(module, self.python_version)
        result, cacheable = self._find(module, use_typeshed)
        if not cacheable:
            return result
        if (
            not fast_path
            and isinstance(result, ModuleNotFound)
            and result.reason is ModuleNotFoundReason.NOT_FOUND
            and self._found_in_parent_dir(module)
        ):
            result = ModuleNotFound(module, ModuleNotFoundReason.WRONG_WORKING_DIRECTORY)
        self._results[module] = result
        return result

    def find_recursive(self, module: str, exclude: Sequence[str] = ()) -> list[ModuleFile]:
        """A module and, for a package, all its submodules (used for ``-p``).

        Unlike directory crawling for file arguments, each submodule is resolved through
        ``find`` so that stub/source precedence matches imports.
        """
        found = self.find(module, fast_path=True)
        if isinstance(found, ModuleNotFound):
            return []
        result = [found]
        if is_init_file(found.path):
            package_dir = os.path.dirname(found.path)
        elif self.fs.is_dir(found.path):
            package_dir = found.path
        else:
            return result
        result.extend(self._submodules(module, package_dir, exclude))
        return result

    def _submodules(
        self, module: str, package_dir: str, exclude: Sequence[str]
    ) -> list[ModuleFile]:
        found: list[ModuleFile] = []
        seen: set[str] = set()
        for name in sorted(self.fs.listdir(package_dir) or ()):
            if name in ("__pycache__", "site-packages", "node_modules") or name.startswith("."):
                continue
            sub = os.path.join(package_dir, name)
            is_dir = self.fs.is_dir(sub)
            if self.cwd is not None and matches_exclude(sub, exclude, self.cwd, is_dir):
                continue
            if self._gitignore is not None and self._gitignore.matches(sub, self.cwd or os.sep):
                continue
            if is_dir:
                # Only descend into packages (any directory, with namespace packages).
                if self.namespace_packages or any(
                    self.fs.is_file(os.path.join(sub, init)) for init in INIT_NAMES
                ):
                    seen.add(name)
                    found.extend(self.find_recursive(f"{module}.{name}", exclude))
                continue
            stem, suffix = os.path.splitext(name)
            if stem == "__init__" or stem in seen or "." in stem or suffix not in PY_SUFFIXES:
                continue
            seen.add(stem)
            found.extend(self.find_recursive(f"{module}.{stem}", exclude))
        return found

    # -- search-path helpers ---------------------------------------------------------

    def _toplevel_dirs(self, lib_path: tuple[str, ...], first: str) -> list[str]:
        """Entries of ``lib_path`` holding something named ``first`` (extension ignored).

        Listing each directory once and indexing by name makes the common case (the first
        component rules out almost every directory) cheap. False positives are fine.
        """
        index = self._toplevel.get(lib_path)
        if index is None:
            index = {}
            for directory in lib_path:
                for name in self.fs.listdir(directory) or ():
                    index.setdefault(os.path.splitext(name)[0], []).append(directory)
            self._toplevel[lib_path] = index
        return index.get(first, [])

    def _names_in(self, directory: str) -> frozenset[str] | None:
        """The entry names of ``directory`` (None: it cannot be listed).

        One listing answers every "is there a ``x.py``, ``x.pyi``, ``x/``, ``x-stubs/``?"
        probe of a lookup that misses, where each probe was a ``stat``: most names a run
        looks up are not modules (``from a import Name`` asks for ``a.Name`` too). The
        listing is read through ``fs`` on every call, so a tracking file system records it
        as a dependency each time; only the set built from it is remembered.
        """
        listing = self.fs.listdir(directory)
        if listing is None:
            return None
        memo = self._listings.get(directory)
        if memo is None or (memo[0] is not listing and memo[0] != listing):
            memo = (listing, frozenset(listing))
            self._listings[directory] = memo
        return memo[1]

    def _is_file_in(self, directory: str, name: str) -> bool:
        """``fs.is_file(directory/name)``, without a ``stat`` when the listing lacks ``name``."""
        names = self._names_in(directory)
        if names is not None and name not in names:
            return False
        return self.fs.is_file(os.path.join(directory, name))

    def _is_dir_at(self, path: str) -> bool:
        """``fs.is_dir(path)``, without a ``stat`` when its parent's listing lacks it."""
        parent, name = os.path.split(path)
        names = self._names_in(parent) if name and parent else None
        if names is not None and name not in names:
            return False
        return self.fs.is_dir(path)

    def _lib_path_dirs(self, module: str, lib_path: tuple[str, ...], kind: str) -> list[_Candidate]:
        """Directories ``<entry>/a/b`` (for ``a.b.c``) that exist under ``lib_path``."""
        components = module.split(".")
        chain = os.sep.join(components[:-1])
        found: list[_Candidate] = []
        for entry in self._toplevel_dirs(lib_path, components[0]):
            directory = os.path.join(entry, chain) if chain else entry
            if self._is_dir_at(directory):
                found.append((directory, True, kind))
        return found

    def _verify(self, module: str, path: str) -> bool:
        """Whether every package enclosing ``module`` has an ``__init__`` file."""
        return self._init_levels(module, path)[1]

    def _init_levels(self, module: str, path: str) -> tuple[int, bool]:
        """(highest enclosing level with an ``__init__``, whether all levels have one)."""
        directory = os.path.dirname(path) if is_init_file(path) else path
        highest, complete = 0, True
        for level in range(module.count(".")):
            directory = os.path.dirname(directory)
            if any(self._is_file_in(directory, init) for init in INIT_NAMES):
                highest = level + 1
            else:
                complete = False
        return highest, complete

    # -- the search itself -----------------------------------------------------------

    def _installed_candidates(
        self, module: str
    ) -> tuple[list[_Candidate], list[_Candidate], bool, bool]:
        """Stub-package and inline-typed candidates from site-packages.

        Returns (stub dirs, inline dirs, found untyped code, result may be cached).
        """
        components = module.split(".")
        first = components[0]
        package_path = self.search_paths.package_path
        holders = {
            directory
            for name in (first, first + "-stubs")
            for directory, _, _ in self._lib_path_dirs(name, package_path, INSTALLED)
        }
        stubs: list[_Candidate] = []
        inline: list[_Candidate] = []
        untyped, cacheable = False, True
        for pkg_dir in package_path:
            if pkg_dir not in holders:
                continue
            self._stub_package_candidates(pkg_dir, components, stubs, inline)
            match = self._typed_package_dir(module, pkg_dir)
            if isinstance(match, ModuleNotFoundReason):
                if match is ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS:
                    # A typed subpackage of a namespace package may appear later, so an
                    # "untyped" verdict must not be remembered.
                    untyped, cacheable = True, False
            else:
                inline.append(match)
                self._note_ns_ancestors(components, match[0])
        return stubs, inline, untyped, cacheable

    def _stub_package_candidates(
        self, pkg_dir: str, components: list[str], stubs: list[_Candidate], inline: list[_Candidate]
    ) -> None:
        stub_root = os.path.join(pkg_dir, components[0] + "-stubs")
        if not self.fs.is_dir(stub_root):
            return
        # The directory holding the last component, inside the stub tree; for a top-level
        # module that is site-packages itself (where ``<name>-stubs/__init__.pyi`` is).
        stub_components = [components[0] + "-stubs", *components[1:]]
        directory = os.path.join(pkg_dir, *stub_components[:-1])
        if not self.fs.is_dir(directory):
            return
        marker = os.path.join(stub_root, "py.typed")
        data = self.fs.read_bytes(marker) if self.fs.is_file(marker) else None
        if data is not None and data.decode(errors="replace").strip() == "partial":
            # A partial stub package falls back to the runtime package for missing modules,
            # and need not have __init__.pyi files of its own.
            runtime = os.path.join(pkg_dir, *components[:-1])
            inline.append((runtime, True, INSTALLED))
            stubs.append((directory, False, STUB_PACKAGE))
        else:
            stubs.append((directory, True, STUB_PACKAGE))

    def _typed_package_dir(self, module: str, pkg_dir: str) -> _Candidate | ModuleNotFoundReason:
        """Where to look for ``module`` inside an installed package with ``py.typed``."""
        components = module.split(".")
        path = pkg_dir
        plausible = False
        for index, component in enumerate(components):
            path = os.path.join(path, component)
            if self.fs.is_file(os.path.join(path, "py.typed")):
                # Below a typed top-level package every level must be a regular package;
                # a marker deeper down means the levels above are namespace packages.
                return os.path.join(pkg_dir, *components[:-1]), index == 0, INSTALLED
            is_dir = self.fs.is_dir(path)
            if not plausible and (is_dir or self.fs.is_file(path + ".py")):
                plausible = True
            if not is_dir:
                break
        if not plausible:
            return ModuleNotFoundReason.NOT_FOUND
        if self.follow_untyped_imports(module):
            return os.path.join(pkg_dir, *components[:-1]), False, INSTALLED
        return ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS

    def _note_ns_ancestors(self, components: list[str], directory: str) -> None:
        for depth in range(1, len(components)):
            ancestor = ".".join(components[:-depth])
            if ancestor not in self._ns_ancestors and self.fs.is_dir(directory):
                self._ns_ancestors[ancestor] = directory
            directory = os.path.dirname(directory)

    def _candidates(self, module: str, use_typeshed: bool) -> tuple[list[_Candidate], bool, bool]:
        stubs, inline, untyped, cacheable = self._installed_candidates(module)
        paths = self.search_paths
        found = self._lib_path_dirs(module, paths.mypy_path, MYPY_PATH)
        found += self._lib_path_dirs(module, paths.python_path, SOURCE)
        if use_typeshed:
            # The stdlib comes before installed packages so that PyPI backports of stdlib
            # modules (dataclasses, say) do not shadow it.
            found += self._lib_path_dirs(module, paths.typeshed_path, TYPESHED)
        return found + stubs + inline, untyped, cacheable

    def _find(self, module: str, use_typeshed: bool) -> tuple[ModuleResult, bool]:
        """The lookup proper: (result, whether it may be memoised)."""
        candidates, untyped, cacheable = self._candidates(module, use_typeshed)
        last = module.rpartition(".")[2]
        near_misses: list[tuple[str, str]] = []
        for directory, verify, kind in candidates:
            base = os.path.join(directory, last)
            hit = self._match_in_dir(module, base, verify, kind, near_misses)
            if hit is not None:
                return _make_file(module, hit, kind), True
        if self.namespace_packages and near_misses:
            # Prefer the miss whose enclosing packages have an __init__ highest up; the first
            # on the search path wins ties.
            levels = [self._init_levels(module, path)[0] for path, _ in near_misses]
            path, kind = near_misses[levels.index(max(levels))]
            return _make_file(module, path, kind), True
        ancestor = self._ns_ancestors.get(module)
        if ancestor is not None:
            return _make_file(module, ancestor, INSTALLED), True
        return self._not_found(module, untyped, cacheable)

    def _match_in_dir(
        self, module: str, base: str, verify: bool, kind: str, near_misses: list[tuple[str, str]]
    ) -> str | None:
        """The file for ``module`` at ``base`` (``dir/name``), if one qualifies."""
        directory, last = os.path.split(base)
        names = self._names_in(directory)
        if names is not None and not (
            last in names
            or last + "-stubs" in names
            or any(last + suffix in names for suffix in PY_SUFFIXES)
        ):
            return None  # nothing of that name here: no need to probe each spelling
        stub_init = base + "-stubs" + os.sep + "__init__.pyi"
        if self.fs.is_file(stub_init):
            if not verify or self._verify(module, stub_init):
                return stub_init
            near_misses.append((stub_init, kind))
        has_init = False
        for init in INIT_NAMES:
            path = os.path.join(base, init)
            if self.fs.is_file(path):
                has_init = True
                if not verify or self._verify(module, path):
                    return path
                near_misses.append((path, kind))
        if self.namespace_packages and not has_init and self.fs.is_dir(base):
            near_misses.append((base, kind))
        for suffix in PY_SUFFIXES:
            path = base + suffix
            if self.fs.is_file(path):
                if not verify or self._verify(module, path):
                    return path
                near_misses.append((path, kind))
        return None

    def _not_found(self, module: str, untyped: bool, cacheable: bool) -> tuple[ModuleResult, bool]:
        dist = stub_distribution(module)
        if dist is not None:
            return ModuleNotFound(module, self._approved_stub_reason(module, dist)), True
        if untyped:
            return ModuleNotFound(module, ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS), cacheable
        return ModuleNotFound(module, ModuleNotFoundReason.NOT_FOUND), True

    def _approved_stub_reason(self, module: str, dist: str) -> ModuleNotFoundReason:
        """Missing known stubs, unless only a submodule of installed stubs is missing."""
        components = module.split(".")
        for end in range(1, len(components)):
            parent = ".".join(components[:end])
            if stub_distribution(parent) == dist:
                break
        else:
            return ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
        parent_result = self.find(parent)
        if (
            isinstance(parent_result, ModuleNotFound)
            and parent_result.reason is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
        ):
            return ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED
        return ModuleNotFoundReason.NOT_FOUND

    def _found_in_parent_dir(self, module: str) -> bool:
        """Whether ``module`` would resolve if the checker ran from a parent directory.

        Climbs while the current directory is itself a package (holds an ``__init__``).
        Every name that is not a module gets here, so the climb reuses one probe finder
        per directory (its index of the directory is built once) and the listings' sets.
        """
        if self.cwd is None:
            return False
        directory = self.cwd
        while True:
            names = self._names_in(directory)
            if names is None or not any(init in names for init in INIT_NAMES):
                return False
            parent = os.path.dirname(directory)
            if parent == directory:
                return False
            directory = parent
            if isinstance(self._parent_probe(directory)._find(module, False)[0], ModuleFile):
                return True

    def _parent_probe(self, directory: str) -> ModuleFinder:
        probe = self._parent_probes.get(directory)
        if probe is None:
            probe = ModuleFinder(
                SearchPaths(python_path=(directory,)),
                self.fs,
                python_version=self.python_version,
                stdlib_versions=self.stdlib_versions,
                namespace_packages=self.namespace_packages,
                follow_untyped_imports=self.follow_untyped_imports,
            )
            self._parent_probes[directory] = probe
        return probe


def find_module(
    name: str,
    search_paths: SearchPaths,
    fs: FileSystem,
    *,
    python_version: Version,
    stdlib_versions: StdlibVersions | None = None,
    namespace_packages: bool = True,
    cwd: str | None = None,
) -> ModuleResult:
    """One uncached lookup (prefer a long-lived ``ModuleFinder`` for many)."""
    finder = ModuleFinder(
        search_paths,
        fs,
        python_version=python_version,
        stdlib_versions=stdlib_versions,
        namespace_packages=namespace_packages,
        cwd=cwd,
    )
    return finder.find(name)


def load_stdlib_versions(fs: FileSystem, stdlib_dir: str) -> StdlibVersions:
    """Read ``<stdlib_dir>/VERSIONS`` through ``fs`` (an empty table when it is missing)."""
    data = fs.read_bytes(os.path.join(stdlib_dir, "VERSIONS"))
    if data is None:
        return StdlibVersions({})
    return StdlibVersions.from_text(data.decode("utf-8", errors="replace"))


class FinderOptions(Protocol):
    """The options a finder is built from (``tycheck.inputs.options.Options`` fits)."""

    @property
    def python_version(self) -> Version: ...

    @property
    def namespace_packages(self) -> bool: ...

    @property
    def custom_typeshed_dir(self) -> str | None: ...

    def for_module(self, module: str) -> FinderOptions: ...

    @property
    def follow_untyped_imports(self) -> bool: ...


def finder_for_options(
    search_paths: SearchPaths,
    fs: FileSystem,
    options: FinderOptions,
    *,
    cwd: str | None,
    stdlib_versions: StdlibVersions | None = None,
) -> ModuleFinder:
    """A finder configured from options; VERSIONS is read from the configured typeshed."""
    if stdlib_versions is None:
        stdlib_versions = load_stdlib_versions(
            fs, stdlib_dir(options.custom_typeshed_dir, cwd or os.sep)
        )
    return ModuleFinder(
        search_paths,
        fs,
        python_version=options.python_version,
        stdlib_versions=stdlib_versions,
        namespace_packages=options.namespace_packages,
        # The per-module option decides, so a config section can enable it for one package.
        follow_untyped_imports=lambda module: options.for_module(module).follow_untyped_imports,
        cwd=cwd,
    )
