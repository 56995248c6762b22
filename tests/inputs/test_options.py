"""Options: mypy-compatible fields and defaults, per-module resolution, overrides, fingerprint."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.oracle import needs_oracle, oracle_python
from tycheck.inputs.options import (
    FrozenMap,
    Options,
    compile_module_glob,
    default_values,
    freeze,
)

ORACLE_PY = oracle_python()


def _with_sections(sections: dict[str, dict[str, object]], **kw: object) -> Options:
    return Options(per_module_options=freeze(sections), **kw)  # type: ignore[arg-type]


@needs_oracle()
def test_fields_and_defaults_match_mypy() -> None:
    script = (
        "import json, sys\n"
        "from mypy.options import Options\n"
        "o = Options()\n"
        "d = {k: v for k, v in o.snapshot().items() if not callable(v)}\n"
        "print(json.dumps(d, default=lambda v: sorted(v) if isinstance(v, set) else repr(v)))\n"
    )
    out = subprocess.run([ORACLE_PY, "-c", script], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = default_values()
    missing = set(theirs) - set(ours)
    assert not missing, f"fields mypy has that we lack: {sorted(missing)}"
    for name, value in theirs.items():
        if name in ("python_executable",):
            continue  # depends on the interpreter running each program
        mine = ours[name]
        if isinstance(mine, (tuple, frozenset, FrozenMap)):
            mine = (
                sorted(mine)
                if isinstance(mine, frozenset)
                else (dict(mine) if isinstance(mine, FrozenMap) else list(mine))
            )
        assert json.loads(json.dumps(mine)) == value, name


def test_options_are_hashable_and_compare_by_value() -> None:
    a = _with_sections({"foo.*": {"ignore_errors": True}}, always_true=("X",))
    b = _with_sections({"foo.*": {"ignore_errors": True}}, always_true=("X",))
    assert a == b and hash(a) == hash(b)
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != Options().fingerprint()
    # The memo does not take part in equality.
    a.for_module("foo.bar")
    assert a == b


def test_fingerprint_is_stable_across_processes() -> None:
    code = (
        "from tycheck.inputs.options import Options, freeze\n"
        "print(Options(python_version=(3, 11), platform='linux', python_executable='x',"
        " enabled_error_codes=frozenset({'a','b','c'})).fingerprint())"
    )
    env = dict(os.environ, PYTHONHASHSEED="1")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    env["PYTHONHASHSEED"] = "2"
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if first.returncode != 0:
        pytest.skip("tycheck not importable by the system python")
    assert first.stdout == second.stdout


def test_concrete_section_beats_wildcard_and_inherits_from_it() -> None:
    o = _with_sections(
        {
            "foo.bar": {"warn_return_any": True},
            "foo.*": {"ignore_errors": True, "warn_return_any": False},
        }
    )
    bar = o.for_module("foo.bar")
    assert bar.warn_return_any is True and bar.ignore_errors is True
    other = o.for_module("foo.baz.qux")
    assert other.ignore_errors is True and other.warn_return_any is False
    # A 'foo.*' section covers the package 'foo' itself too.
    assert o.for_module("foo").ignore_errors is True
    assert o.for_module("foobar").ignore_errors is False
    assert o.for_module("unrelated") is o


def test_deeper_wildcard_inherits_from_shallower() -> None:
    o = _with_sections({"a.b.*": {"strict_optional": False}, "a.*": {"check_untyped_defs": True}})
    m = o.for_module("a.b.c")
    assert m.strict_optional is False and m.check_untyped_defs is True
    assert o.for_module("a.x").strict_optional is True


def test_unstructured_globs_apply_last_in_file_order() -> None:
    o = _with_sections(
        {
            "*.tests": {"ignore_errors": True},
            "pkg.*": {"ignore_errors": False, "warn_no_return": False},
            "pkg.*.tests": {"ignore_errors": False},
        }
    )
    m = o.for_module("pkg.sub.tests")
    assert m.ignore_errors is False  # the later glob wins over '*.tests'
    assert m.warn_no_return is False  # inherited from pkg.*
    assert o.for_module("x.tests").ignore_errors is True
    # '.*' in a glob matches zero components too.
    assert compile_module_glob("pkg.*.tests").match("pkg.tests")


def test_for_module_is_memoised() -> None:
    o = _with_sections({"foo.*": {"ignore_errors": True}})
    assert o.for_module("foo.x") is o.for_module("foo.x")


def test_error_code_overrides_follow_mypy_rules() -> None:
    base = Options(enabled_error_codes=frozenset({"truthy-bool"}))
    off = base.with_overrides({"disable_error_code": ["truthy-bool"]})
    assert not off.is_code_enabled("truthy-bool", False)
    both = base.with_overrides(
        {"disable_error_code": ["name-defined"], "enable_error_code": ["name-defined"]}
    )
    assert both.is_code_enabled("name-defined", True)
    assert both.is_code_enabled("truthy-bool", False)
    assert Options().is_code_enabled("misc", True)
    assert not Options().is_code_enabled("ignore-without-code", False)
    sub = Options(disabled_error_codes=frozenset({"assignment"}))
    assert not sub.is_code_enabled("method-assign", True, sub_code_of="assignment")


def test_with_overrides_marks_per_module_ignore_missing_imports() -> None:
    o = Options().with_overrides({"ignore_missing_imports": True, "always_true": ["A"]})
    assert o.ignore_missing_imports and o.ignore_missing_imports_per_module
    assert o.always_true == ("A",)


def test_unused_sections() -> None:
    o = _with_sections({"used": {}, "unused": {}, "pkg.*": {}, "*.glob": {}, "other.*": {}})
    unused = o.unused_config_sections(["used", "pkg.a", "x.glob"])
    assert unused == ["unused", "other.*"]
