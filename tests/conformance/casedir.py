"""Laying a case out on disk, as the reference runner does in check mode.

Layout of a case directory ``D`` (the working directory of the check):

* ``D/main``: the main program, passed as the target ``main`` (reported as ``main``);
* ``D/tmp/...``: the ``[file]`` sections (``MYPYPATH=tmp``);
* ``D/.typeshed/stdlib``: a typeshed overlay of symlinks: the case's fixture files
  and core-module ``[file]`` sections, then mypy's ``lib-stub``, then the real
  typeshed, searched in that order (passed as ``--custom-typeshed-dir``).  The
  overlay itself is a symlink to a farm shared by all cases with the same inputs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile

from .cases import Case

# Modules a checker only accepts from typeshed, so the case's versions of them go
# into the overlay rather than into tmp/.
CORE_MODULES = frozenset(
    {
        "builtins",
        "typing",
        "types",
        "typing_extensions",
        "mypy_extensions",
        "_typeshed",
        "_collections_abc",
        "collections",
        "collections.abc",
        "sys",
        "abc",
    }
)
_STEP_SUFFIX = re.compile(r".*\.([0-9]+)$")


def write_file(root: str, rel: str, content: str, fudge_mtime: bool = False) -> None:
    """Write ``root/rel``; with ``fudge_mtime`` make sure the mtime moves forward."""
    target = os.path.join(root, rel)
    new_time = None
    if fudge_mtime and os.path.isfile(target):
        new_time = os.stat(target).st_mtime + 1
    os.makedirs(os.path.dirname(target), exist_ok=True)
    encoding = "latin-1" if os.path.splitext(rel)[0].endswith("_latin1") else "utf-8"
    with open(target, "w", encoding=encoding) as f:
        f.write(content)
    if new_time:
        os.utime(target, times=(new_time, new_time))


def module_of(rel: str) -> str | None:
    """``tmp/pkg/mod.pyi`` -> ``pkg.mod``; ``None`` for non-module files."""
    m = re.match(r"tmp/(.*)\.pyi?$", rel)
    if m is None:
        return None
    return re.sub(r"\.__init__$", "", m.group(1).replace("/", "."))


def _scan(sources: list[str]) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """Module files (first wins), package dirs (all, in order) and other entries."""
    files: dict[str, str] = {}
    dirs: dict[str, list[str]] = {}
    other: dict[str, str] = {}
    for src in sources:
        try:
            names = sorted(os.listdir(src))
        except FileNotFoundError:
            continue
        for name in names:
            full = os.path.join(src, name)
            if os.path.isdir(full):
                dirs.setdefault(name, []).append(full)
            elif re.search(r"\.pyi?$", name):
                stem = re.sub(r"\.pyi?$", "", name)
                if stem not in files and stem not in dirs:
                    files[stem] = full
            else:
                other.setdefault(name, full)
    return files, dirs, other


def merge_tree(dst: str, sources: list[str], as_package: bool = False) -> None:
    """Fill ``dst`` with symlinks that behave like a search along ``sources``.

    The first source defining module ``X`` wins; a package present in several
    sources is merged so its submodules are still found in later ones.  When a
    module file ``X.pyi`` hides a later package ``X/``, the package is kept without
    its ``__init__`` (its submodules resolve as a namespace package), unless
    namespace packages are off: then ``X.pyi`` becomes ``X/__init__.pyi``.
    """
    files, dirs, other = _scan(sources)
    os.makedirs(dst, exist_ok=True)
    for name, full in other.items():
        if name not in files and name not in dirs:
            os.symlink(full, os.path.join(dst, name))
    for stem, full in files.items():
        if not (as_package and stem in dirs):
            os.symlink(full, os.path.join(dst, os.path.basename(full)))
        if stem in dirs:
            sub = os.path.join(dst, stem)
            merge_tree(sub, dirs[stem], as_package)
            for init in ("__init__.pyi", "__init__.py"):
                if os.path.lexists(os.path.join(sub, init)):
                    os.unlink(os.path.join(sub, init))
            if as_package:
                os.symlink(full, os.path.join(sub, "__init__.pyi"))
    for stem, found in dirs.items():
        if stem in files:
            continue
        if len(found) == 1:
            os.symlink(found[0], os.path.join(dst, stem))
        else:
            merge_tree(os.path.join(dst, stem), found, as_package)


def overlay_key(files: dict[str, str], no_namespace: bool, lib_stub: str, typeshed: str) -> str:
    """Identifies an overlay by everything it is built from (and the layout version)."""
    data = repr(("v2", sorted(files.items()), no_namespace, lib_stub, typeshed))
    return hashlib.sha256(data.encode()).hexdigest()[:20]


def _rename_or_discard(building: str, final: str) -> None:
    try:
        os.rename(building, final)
    except OSError:  # another worker published it first
        shutil.rmtree(building, ignore_errors=True)


def _publish(final: str, files: dict[str, str], cache_root: str) -> str:
    """Write ``files`` under ``final`` (once, atomically); return ``final``."""
    if not os.path.isdir(final):
        building = tempfile.mkdtemp(prefix="build-", dir=cache_root)
        for rel, content in files.items():
            write_file(building, rel, content)
        _rename_or_discard(building, final)
    return final


class CaseDir:
    """A materialised case directory (see the module docstring)."""

    def __init__(
        self, case: Case, lib_stub: str, typeshed: str, tmp_root: str | None = None
    ) -> None:
        self.case = case
        self.lib_stub = lib_stub
        self.typeshed = typeshed
        self.root = tempfile.mkdtemp(prefix="tycheck-case-", dir=tmp_root)
        self.overlay = os.path.join(self.root, ".typeshed")
        os.mkdir(os.path.join(self.root, "tmp"))
        text = case.main_text + "".join(c for _, c in case.files)
        self.no_namespace = bool(
            re.search(r"--no-namespace-packages|namespace_packages\s*=\s*(False|false|0)", text)
        )
        # step number -> ("update", path, text) / ("delete", path, None)
        self.steps: dict[int, list[tuple[str, str, str | None]]] = {}
        overlay_files = self._write_initial_files()
        for num, paths in case.deleted_paths.items():
            for p in sorted(paths):
                self.steps.setdefault(num, []).append(("delete", p, None))
        self._build_overlay(overlay_files)

    def _write_initial_files(self) -> dict[str, str]:
        """Write step-1 files; return those that belong in the overlay."""
        overlay_files: dict[str, str] = {}
        for path, content in self.case.files:
            m = _STEP_SUFFIX.match(path)
            if m:
                target = re.sub(r"\.[0-9]+$", "", path)
                self.steps.setdefault(int(m.group(1)), []).append(("update", target, content))
            elif self.in_overlay(path):
                overlay_files[path[len("tmp/") :]] = content
            else:
                write_file(self.root, path, content)
        return overlay_files

    @staticmethod
    def in_overlay(path: str) -> bool:
        """Whether a ``tmp/`` file is a core module (or a package holding one)."""
        mod = module_of(path)
        if mod is None:
            return False
        return mod in CORE_MODULES or any(c.startswith(mod + ".") for c in CORE_MODULES)

    def _build_overlay(self, overlay_files: dict[str, str]) -> None:
        """Link ``D/.typeshed`` to a shared, machine-wide overlay for these inputs.

        Symlink farms are slow to create and depend only on their inputs, so each
        distinct overlay is built once (atomically, by rename) and reused."""
        key = overlay_key(overlay_files, self.no_namespace, self.lib_stub, self.typeshed)
        cache_root = os.path.join(tempfile.gettempdir(), "tycheck-overlays")
        cached = os.path.join(cache_root, key)
        if not os.path.isdir(cached):
            os.makedirs(cache_root, exist_ok=True)
            sources = [self.lib_stub, os.path.join(self.typeshed, "stdlib")]
            if overlay_files:
                # The case's own core modules live beside the farm, at a final path:
                # the farm's links must never point into a temporary build dir.
                sources.insert(0, _publish(cached + ".src", overlay_files, cache_root))
            building = tempfile.mkdtemp(prefix="build-", dir=cache_root)
            self._build_overlay_into(building, sources)
            _rename_or_discard(building, cached)
        os.symlink(cached, self.overlay)

    def _build_overlay_into(self, overlay_root: str, sources: list[str]) -> None:
        merge_tree(os.path.join(overlay_root, "stdlib"), sources, self.no_namespace)
        os.makedirs(os.path.join(overlay_root, "stubs"))
        for dist in ("mypy-extensions", "librt"):  # stub distributions mypy bundles
            src = os.path.join(self.typeshed, "stubs", dist)
            if os.path.isdir(src):
                os.symlink(src, os.path.join(overlay_root, "stubs", dist))

    def apply_step(self, num: int) -> None:
        """Write the ``.num`` files and delete the ``[delete x.num]`` paths."""
        for op, path, content in self.steps.get(num, []):
            if op == "update":
                assert content is not None
                self._update(path, content)
            else:
                full = os.path.join(self.root, path)
                if os.path.isdir(full):
                    shutil.rmtree(full)
                elif os.path.exists(full):
                    os.remove(full)

    def _update(self, path: str, content: str) -> None:
        if not self.in_overlay(path):
            write_file(self.root, path, content, fudge_mtime=True)
            return
        rel = os.path.join("stdlib", path[len("tmp/") :])
        if os.path.islink(self.overlay):
            # The overlay is shared: give this case a private copy before changing it.
            shared = os.path.realpath(self.overlay)
            os.unlink(self.overlay)
            shutil.copytree(shared, self.overlay, symlinks=True)
        target = os.path.join(self.overlay, rel)
        if os.path.islink(target):
            os.unlink(target)  # never write through into the shared typeshed
        write_file(self.overlay, rel, content, fudge_mtime=True)

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
