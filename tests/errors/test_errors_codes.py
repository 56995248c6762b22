"""The error-code registry matches mypy 2.4.1's names, defaults and sub-codes."""

from __future__ import annotations

from tycheck.errors import codes


def test_registry_size_and_order() -> None:
    names = list(codes.ERROR_CODES)
    assert len(names) == 78
    assert names[:4] == ["attr-defined", "name-defined", "call-arg", "arg-type"]
    assert names[-1] == "deprecated"


def test_sub_codes() -> None:
    assert codes.code("method-assign").sub_code_of == "assignment"
    assert codes.code("import-untyped").sub_code_of == "import"
    assert codes.SUB_CODES["import"] == {"import-not-found", "import-untyped"}
    assert codes.SUB_CODES["misc"] == {
        "call-arg",
        "prop-decorator",
        "overload-overlap",
        "overload-cannot-match",
    }
    # "call-arg" itself is a top-level code; only some call messages sit under "misc".
    assert codes.code("call-arg").sub_code_of is None
    assert codes.parent_of("call-arg", 'Too many positional arguments for "f"') == "misc"
    assert codes.parent_of("call-arg", 'Missing positional argument "y"') is None


def test_default_enabled() -> None:
    off = {n for n, c in codes.ERROR_CODES.items() if not c.default_enabled}
    assert off == {
        "possibly-undefined",
        "redundant-expr",
        "truthy-bool",
        "truthy-iterable",
        "ignore-without-code",
        "unused-awaitable",
        "redundant-self",
        "unused-ignore",
        "explicit-override",
        "unimported-reveal",
        "mutable-override",
        "exhaustive-match",
        "deprecated",
    }


def test_is_code_enabled_rules() -> None:
    assert codes.is_code_enabled("arg-type")
    assert not codes.is_code_enabled("arg-type", disabled={"arg-type"})
    assert not codes.is_code_enabled("unused-ignore")
    assert codes.is_code_enabled("unused-ignore", enabled={"unused-ignore"})
    # A disabled parent switches its sub-codes off unless they are enabled by name.
    assert not codes.is_code_enabled("method-assign", disabled={"assignment"})
    assert codes.is_code_enabled("method-assign", {"method-assign"}, {"assignment"})
    assert codes.is_code_enabled("plugin-code")
    assert codes.invalid_code_names(["arg-type", "nope", "bad"]) == ["bad", "nope"]
