"""Typeshed's ``stdlib/VERSIONS`` file: which standard-library modules exist in which Python.

Each non-comment line reads ``module: 3.8-`` or ``module: 3.0-3.11``. A lookup of a dotted
name uses the entry for the exact name when there is one, and otherwise the entry of the
top-level package (intermediate packages are not consulted, matching mypy). Typeshed is never
consulted for a version older than 3.10, the oldest version its stubs describe.
"""

from __future__ import annotations

from dataclasses import dataclass

Version = tuple[int, int]

# Typeshed dropped the stubs of older Pythons; checks for an older target use this version.
OLDEST_TYPESHED_VERSION: Version = (3, 10)


@dataclass(frozen=True)
class VersionRange:
    """The first Python version that has a module and, if it was removed, the last one."""

    first: Version
    last: Version | None

    def contains(self, version: Version) -> bool:
        return version >= self.first and (self.last is None or version <= self.last)


class VersionsFormatError(ValueError):
    """A VERSIONS line that cannot be parsed."""


def _parse_version(text: str) -> Version:
    parts = text.strip().split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise VersionsFormatError(f"bad version {text!r}")
    return int(parts[0]), int(parts[1])


def parse_versions(text: str) -> dict[str, VersionRange]:
    """Parse the content of a VERSIONS file into module -> range."""
    result: dict[str, VersionRange] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        module, sep, spec = line.partition(":")
        if not sep:
            raise VersionsFormatError(f"missing ':' in {raw!r}")
        first_text, _, last_text = spec.partition("-")
        last = _parse_version(last_text) if last_text.strip() else None
        result[module.strip()] = VersionRange(_parse_version(first_text), last)
    return result


def typeshed_version(python_version: Version) -> Version:
    """The version used to query VERSIONS for a given target version."""
    return max(python_version, OLDEST_TYPESHED_VERSION)


@dataclass(frozen=True)
class StdlibVersions:
    """The parsed VERSIONS table with mypy's lookup rules."""

    ranges: dict[str, VersionRange]

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.ranges.items())))

    @classmethod
    def from_text(cls, text: str) -> StdlibVersions:
        return cls(parse_versions(text))

    def entry_for(self, module: str) -> VersionRange | None:
        """The range that governs ``module``: its own entry, else its top-level package's."""
        found = self.ranges.get(module)
        if found is not None:
            return found
        return self.ranges.get(module.partition(".")[0])

    def use_typeshed(self, module: str, python_version: Version) -> bool:
        """Whether typeshed's stdlib directory may be searched for ``module``.

        Modules that VERSIONS does not mention may be searched too: the search then simply
        fails unless a stub happens to exist.
        """
        entry = self.entry_for(module)
        if entry is None:
            return True
        return entry.contains(typeshed_version(python_version))

    def exists(self, module: str, python_version: Version) -> bool:
        """Whether ``module`` is a standard-library module in ``python_version``."""
        entry = self.entry_for(module)
        return entry is not None and entry.contains(typeshed_version(python_version))

    def top_level_modules(self, python_version: Version | None = None) -> frozenset[str]:
        """Public top-level stdlib names (for "Did you mean" suggestions).

        Private names and names of two letters or fewer are left out, as they mostly produce
        noise when suggested.
        """
        names: set[str] = set()
        for module, entry in self.ranges.items():
            if python_version is not None and not entry.contains(python_version):
                continue
            top = module.partition(".")[0]
            if top.startswith("_") or len(top) <= 2:
                continue
            names.add(top)
        return frozenset(names)
