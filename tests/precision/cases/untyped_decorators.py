# mypy: disallow-untyped-decorators, disallow-any-decorated
"""Decorators reached from an unfollowed import are untyped, and so is the function they make."""
import functools

import nosuchpkg as pytest  # type: ignore[import-not-found]
from nosuchpkg.deco import deco  # type: ignore[import-not-found]


@pytest.mark.skipif(True, reason="x")
def test_a() -> None: ...


@pytest.fixture
def fx() -> int:
    return 1


@deco
def g() -> None: ...


@deco
def untyped(x):
    return x


@functools.lru_cache
def typed() -> int:
    return 1


skip_unix = pytest.mark.skipif(True, reason="y")


@skip_unix
def test_b() -> None: ...
