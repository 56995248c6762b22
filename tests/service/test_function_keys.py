"""Saving a module's function items again hashes only the items that are new."""

from __future__ import annotations

import pathlib

from tycheck.errors.diagnostics import Diagnostic
from tycheck.inputs.cache_store import LocalStore
from tycheck.inputs.options import Options
from tycheck.service.module_cache import ModuleCache


def _cache(tmp_path: pathlib.Path) -> ModuleCache:
    cache = ModuleCache(LocalStore(str(tmp_path / "c")), Options(), str(tmp_path))
    cache.base = "b"
    return cache


def _item(n: int) -> tuple[str, tuple[tuple[str, str], ...], list[object], list[Diagnostic]]:
    return (f"base{n}", (("i", "m"),), [(("i", "m"), f"v{n}")], [])


def test_kept_items_are_not_hashed_again_and_the_saved_index_is_the_same(
    tmp_path: pathlib.Path,
) -> None:
    cache = _cache(tmp_path)
    hashed: list[str] = []
    real = cache.result_key

    def counting(name, digest, flags, deps):  # type: ignore[no-untyped-def]
        hashed.append(digest)
        return real(name, digest, flags, deps)

    cache.result_key = counting  # type: ignore[method-assign]
    a, b, c = _item(1), _item(2), _item(3)
    cache.save_functions("m", [a, b])
    assert hashed == ["base1", "base2"]
    cache.save_functions("m", [a, c])  # a kept, b gone, c new
    assert hashed == ["base1", "base2", "base3"]
    cache.save_functions("m", [_item(1)])  # an equal but new item: hashed again
    assert hashed[-1] == "base1"

    fresh = _cache(tmp_path)  # reads what was stored
    assert fresh._function_index("m")["base1"][1] == real("m", "base1", (), a[2])
