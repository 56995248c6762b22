"""VERSIONS parsing and mypy's lookup rules."""

from __future__ import annotations

import pytest

from tycheck.modules.typeshed_versions import (
    StdlibVersions,
    VersionRange,
    VersionsFormatError,
    parse_versions,
)

from .helpers import VERSIONS


def test_parse_open_and_closed_ranges() -> None:
    parsed = parse_versions("a: 3.8-  # trailing comment\nb: 3.0-3.9\n\n# only comment\n")
    assert parsed == {"a": VersionRange((3, 8), None), "b": VersionRange((3, 0), (3, 9))}


def test_parse_rejects_garbage() -> None:
    with pytest.raises(VersionsFormatError):
        parse_versions("a 3.8-")
    with pytest.raises(VersionsFormatError):
        parse_versions("a: three-")


def test_exact_entry_wins_over_top_level() -> None:
    assert not VERSIONS.use_typeshed("asyncio.taskgroups", (3, 10))
    assert VERSIONS.use_typeshed("asyncio.taskgroups", (3, 11))
    # A submodule without its own entry follows its top-level package.
    assert VERSIONS.use_typeshed("asyncio.events", (3, 10))


def test_removed_module() -> None:
    assert VERSIONS.exists("distutils", (3, 11))
    assert not VERSIONS.exists("distutils", (3, 12))
    assert not VERSIONS.exists("distutils.core", (3, 12))


def test_old_targets_are_checked_as_310() -> None:
    # Typeshed has no stubs older than 3.10, so 3.8 sees what 3.10 sees.
    assert VERSIONS.exists("os", (3, 8))
    assert not VERSIONS.exists("tomllib", (3, 8))
    assert VERSIONS.exists("dataclasses", (3, 6))


def test_unlisted_module_may_be_searched_but_does_not_exist() -> None:
    assert VERSIONS.use_typeshed("not_stdlib", (3, 12))
    assert not VERSIONS.exists("not_stdlib", (3, 12))


def test_top_level_modules_for_suggestions() -> None:
    table = StdlibVersions.from_text(
        "json: 3.0-\n_thread: 3.0-\nre: 3.0-\ntomllib: 3.11-\njson.decoder: 3.0-\n"
    )
    # Private names and very short names (re) are never suggested.
    assert table.top_level_modules((3, 12)) == frozenset({"json", "tomllib"})
    assert table.top_level_modules((3, 10)) == frozenset({"json"})


def test_real_bundled_versions_file_parses() -> None:
    from tycheck.inputs.fs import RealFileSystem
    from tycheck.modules.resolve import load_stdlib_versions
    from tycheck.modules.search import bundled_typeshed_dir

    table = load_stdlib_versions(RealFileSystem(), bundled_typeshed_dir())
    assert table.exists("tomllib", (3, 11))
    assert not table.exists("tomllib", (3, 10))
    assert table.exists("os.path", (3, 12))
