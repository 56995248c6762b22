"""Shared fixtures for the modules tests: options objects and in-memory trees."""

from __future__ import annotations

from dataclasses import dataclass, field

from tycheck.inputs.fs import MemoryFileSystem
from tycheck.modules.typeshed_versions import StdlibVersions

ROOT = "/proj"
TYPESHED = "/typeshed/stdlib"
SITE = "/site"


@dataclass
class FakeOptions:
    """The option attributes the modules layer reads, with mypy's defaults."""

    mypy_path: list[str] = field(default_factory=list)
    custom_typeshed_dir: str | None = None
    python_executable: str | None = None
    no_site_packages: bool = False
    namespace_packages: bool = True
    explicit_package_bases: bool = False
    exclude: list[str] = field(default_factory=list)
    scripts_are_modules: bool = False
    exclude_gitignore: bool = False
    python_version: tuple[int, int] = (3, 12)


def tree(files: dict[str, str] | list[str]) -> MemoryFileSystem:
    """A memory file system from paths (empty content) or a path -> content mapping."""
    if isinstance(files, list):
        files = {path: "" for path in files}
    return MemoryFileSystem(dict(files))


VERSIONS = StdlibVersions.from_text(
    """
    # comment
    builtins: 3.0-
    os: 3.0-
    tomllib: 3.11-
    asyncio: 3.4-
    asyncio.taskgroups: 3.11-
    distutils: 3.0-3.11
    dataclasses: 3.7-
    """
)
