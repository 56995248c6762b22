"""Inline ``# mypy:`` comments, with the texts from mypy's check-inline-config.test."""

from __future__ import annotations

from tycheck.inputs.inline import (
    STRICT_NOT_SUPPORTED,
    apply_inline_config,
    find_inline_comments,
    parse_inline_config,
    split_directive,
)
from tycheck.inputs.options import Options


def test_find_only_lines_starting_with_prefix() -> None:
    src = "# mypy: a\n  # mypy: b\nx = 1  # mypy: c\n# mypy: d"
    assert find_inline_comments(src) == [(1, "a"), (4, "d")]
    assert find_inline_comments("x = 1\n") == []


def test_simple_flags_and_inversions() -> None:
    src = "\n# mypy: disallow-any-generics, no-warn-no-return\n"
    opts, errors = apply_inline_config(src, Options())
    assert errors == []
    assert opts.disallow_any_generics and not opts.warn_no_return


def test_values_with_spaces_and_numbers() -> None:
    src = "# mypy: disallow-any-generics = true, warn-no-return = 0\n"
    opts, errors = apply_inline_config(src, Options())
    assert errors == [] and opts.disallow_any_generics and not opts.warn_no_return


def test_quoted_list_value() -> None:
    opts, errors = apply_inline_config('# mypy: always-false="FOO,BAR"\n', Options())
    assert errors == [] and opts.always_false == ("FOO", "BAR")


def test_allow_and_disallow_invert() -> None:
    base = Options(disallow_any_generics=True, allow_untyped_globals=True)
    opts, errors = apply_inline_config(
        "# mypy: allow-any-generics, disallow-untyped-globals\n", base
    )
    assert errors == []
    assert not opts.disallow_any_generics and not opts.allow_untyped_globals


def test_error_texts() -> None:
    src = (
        "# mypy: invalid-whatever\n"
        "# mypy: no-warn-no-return; no-strict-optional\n"
        "# mypy: always-true=FOO,BAR\n"
        '# mypy: always-true="FOO,BAR\n'
        "# mypy: skip-file\n"
        "# mypy: strict\n"
        "# mypy: no-always-true\n"
        "# mypy: python-version=3.10  # comment\n"
        "# mypy: AMONGUS\n"
        "# mypy: html-report=x\n"
    )
    _, errors = parse_inline_config(src)
    assert errors == [
        (1, "Unrecognized option: invalid_whatever = True"),
        (2, "Unrecognized option: no_warn_no_return; no_strict_optional = True"),
        (3, "Unrecognized option: bar = True"),
        (4, "Unterminated quote in configuration comment"),
        (5, "Unrecognized option: skip_file = True"),
        (6, STRICT_NOT_SUPPORTED),
        (7, "Can not invert non-boolean key always_true"),
        (8, "python_version not supported in inline configuration"),
        (9, "Unrecognized option: amongus = True"),
        (10, "Reports not supported in inline configuration"),
    ]


def test_error_codes_accumulate_and_enable_wins() -> None:
    src = (
        '# mypy: disable-error-code="truthy-bool, ignore-without-code"\n'
        "# mypy: disable-error-code=name-defined\n"
        "# mypy: enable-error-code=name-defined\n"
    )
    overrides, errors = parse_inline_config(src)
    assert errors == []
    assert overrides["disable_error_code"] == ["ignore-without-code", "name-defined", "truthy-bool"]
    opts, _ = apply_inline_config(src, Options())
    assert opts.is_code_enabled("name-defined", True)
    assert not opts.is_code_enabled("truthy-bool", True)


def test_inline_overrides_config_enabled_codes() -> None:
    base = Options(enabled_error_codes=frozenset({"ignore-without-code", "truthy-bool"}))
    opts, _ = apply_inline_config('# mypy: disable-error-code="truthy-bool"\n', base)
    assert not opts.is_code_enabled("truthy-bool", False)
    assert opts.is_code_enabled("ignore-without-code", False)


def test_invalid_line_does_not_drop_other_lines() -> None:
    opts, errors = apply_inline_config(
        "# mypy: disable-error-code=name-defined\n# mypy: AMONGUS\n", Options()
    )
    assert errors == [(2, "Unrecognized option: amongus = True")]
    assert not opts.is_code_enabled("name-defined", True)


def test_split_directive() -> None:
    assert split_directive('a, b="x,y", c') == (["a", "b=x,y", "c"], [])
    assert split_directive("a,") == (["a"], [])


def test_no_comments_keeps_options() -> None:
    base = Options(strict_optional=False)
    opts, errors = apply_inline_config("x = 1\n", base)
    assert opts is base and errors == []
