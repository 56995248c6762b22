"""Config files: search order, typed conversion and mypy's diagnostics, via an in-memory tree."""

from __future__ import annotations

from tycheck.inputs.cmdline import parse_command_line
from tycheck.inputs.config import glob_files, unused_sections_note
from tycheck.inputs.fs import MemoryFileSystem

ENV = {"HOME": "/users/u", "PATH": "/usr/bin"}


def run(
    files: dict[str, str],
    argv: list[str] | None = None,
    cwd: str = "/proj",
    env: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    fs = MemoryFileSystem({"/proj/a.py": "x = 1\n", **files})
    return parse_command_line(
        argv if argv is not None else ["a.py"], cwd=cwd, environ=env or ENV, fs=fs
    )


def test_ini_conversion_and_messages() -> None:
    ini = (
        "[mypy]\n"
        "foo = bar\n"
        "enabled_error_codes = x\n"
        "warn_no_return = maybe\n"
        "python_version = 3.8\n"
        "html_report = out\n"
        "bogus_report = y\n"
        "x_anything = 1\n"
        "no_strict_optional = 1\n"
        "allow_any_generics = True\n"
        "no_always_true = 1\n"
        "output = json\n"
        "always_true = A, B,\n"
        "show_error_codes = False\n"
        "reveal_verbose_types = True\n"
        "[mypy-a.b*]\n"
        "foo=1\n"
        "[mypy-a.*.b]\n"
        "warn_return_any=1\n"
        "cache_dir = x\n"
        "html_report = y\n"
    )
    cl = run({"/proj/mypy.ini": ini})
    assert cl.config_file == "mypy.ini"
    assert list(cl.stderr_messages) == [
        "mypy.ini: [mypy]: Unrecognized option: foo = bar",
        "mypy.ini: [mypy]: Unrecognized option: enabled_error_codes = x (did you mean enable_error_code?)",
        "mypy.ini: [mypy]: warn_no_return: Not a boolean: maybe",
        "mypy.ini: [mypy]: python_version: Python 3.8 is not supported (must be 3.10 or higher)",
        "mypy.ini: [mypy]: Unrecognized report type: bogus_report",
        "mypy.ini: [mypy]: Can not invert non-boolean key always_true",
        "mypy.ini: [mypy]: Unrecognized option: output = json",
        "mypy.ini: [mypy-a.b*]:Unrecognized option: foo = 1",
        "mypy.ini: [mypy-a.b*]: Patterns must be fully-qualified module names, optionally with '*' in some components (e.g spam.*.eggs.*)",
        "mypy.ini: [mypy-a.*.b]: Per-module sections should not specify reports (html_report)",
        "mypy.ini: [mypy-a.*.b]: Per-module sections should only specify per-module flags (cache_dir)",
    ]
    o = cl.options
    assert o.python_version == (3, 10)  # the fallback for a too-old version
    assert o.strict_optional is False and o.disallow_any_generics is False
    assert o.always_true == ("A", "B")
    assert o.hide_error_codes is True and o.reveal_verbose_types is True
    assert dict(o.report_dirs) == {"html": "out"}
    assert "--html-report" in o.unsupported_flags
    assert dict(o.per_module_options["a.*.b"]) == {
        "warn_return_any": True,
        "disable_error_code": (),
        "enable_error_code": (),
    }
    assert cl.config_text_digest


def test_toml_with_overrides() -> None:
    toml = (
        "[tool.mypy]\n"
        'python_version = "3.12"\n'
        'files = ["a.py"]\n'
        'exclude = ["foo", "bar"]\n'
        'mypy_path = "$MYPY_CONFIG_FILE_DIR/stubs:~/x"\n'
        "strict = true\n"
        "disallow_untyped_defs = false\n"
        "[[tool.mypy.overrides]]\n"
        'module = ["m1", "m2.*"]\n'
        "ignore_errors = true\n"
        "bogus = 1\n"
        "[[tool.mypy.overrides]]\n"
        'module = "m1"\n'
        "warn_return_any = true\n"
    )
    cl = run({"/proj/pyproject.toml": toml}, argv=[])
    assert cl.stderr_messages == (
        'pyproject.toml: [module = "m1"]:Unrecognized option: bogus = 1',
        'pyproject.toml: [module = "m2.*"]:Unrecognized option: bogus = 1',
    )
    o = cl.options
    assert cl.targets.files == ("a.py",)
    assert o.mypy_path == ("/proj/stubs", "/users/u/x")
    assert o.exclude == ("foo", "bar")
    # strict applies first, explicit keys of the same section win.
    assert o.disallow_untyped_defs is False and o.check_untyped_defs is True
    m1 = o.for_module("m1")
    assert m1.ignore_errors and m1.warn_return_any
    assert o.for_module("m2.x").ignore_errors and not o.for_module("m3").ignore_errors


def test_toml_errors() -> None:
    cl = run({"/proj/pyproject.toml": "[tool.mypy\n"})
    assert cl.stderr_messages == (
        "pyproject.toml: Expected ']' at the end of a table declaration (at line 1, column 11)",
    )
    assert cl.config_file is None
    bad = "[tool.mypy]\n[tool.mypy.overrides]\nmodule='x'\n"
    cl = run({"/proj/pyproject.toml": bad})
    assert cl.stderr_messages == (
        "pyproject.toml: tool.mypy.overrides sections must be an array. Please make sure you "
        "are using double brackets like so: [[tool.mypy.overrides]]",
    )
    conflict = (
        "[tool.mypy]\n[[tool.mypy.overrides]]\nmodule='x'\nstrict_optional=true\n"
        "[[tool.mypy.overrides]]\nmodule='x'\nstrict_optional=false\n"
    )
    assert run({"/proj/pyproject.toml": conflict}).stderr_messages == (
        "pyproject.toml: toml config file contains [[tool.mypy.overrides]] sections with "
        "conflicting values. Module 'x' has two different values for 'strict_optional'",
    )


def test_search_order_and_shared_files_without_mypy() -> None:
    files = {
        "/proj/setup.cfg": "[metadata]\nname = x\n",
        "/proj/pyproject.toml": "[tool.black]\n",
        "/mypy.ini": "[mypy]\nwarn_unreachable = True\n",
    }
    cl = run(files)
    assert cl.config_file == "../mypy.ini" and cl.options.warn_unreachable
    files["/proj/.mypy.ini"] = "[mypy]\npretty = True\n"
    files["/proj/mypy.ini"] = "[mypy]\nshow_error_context = True\n"
    cl = run(files)
    assert cl.config_file == "mypy.ini" and cl.options.show_error_context
    assert not cl.options.pretty


def test_search_stops_at_repository_root_then_user_config() -> None:
    files = {
        "/proj/.git/HEAD": "ref",
        "/mypy.ini": "[mypy]\nwarn_unreachable = True\n",
        "/users/u/.config/mypy/config": "[mypy]\npretty = True\n",
    }
    cl = run(files)
    assert cl.config_file == "/users/u/.config/mypy/config"
    assert cl.options.pretty and not cl.options.warn_unreachable
    env = dict(ENV, XDG_CONFIG_HOME="/xdg")
    files["/xdg/mypy/config"] = "[mypy]\nshow_absolute_path = True\n"
    assert run(files, env=env).options.show_absolute_path


def test_no_mypy_section_and_explicit_file() -> None:
    cl = run({"/proj/mypy.ini": "[other]\nx = 1\n"})
    assert cl.stderr_messages == ("mypy.ini: No [mypy] section in config file",)
    cl = run({"/proj/custom.cfg": "[other]\n"}, argv=["--config-file", "custom.cfg", "a.py"])
    assert cl.stderr_messages == ("custom.cfg: No [mypy] section in config file",)
    # An empty --config-file disables config files.
    cl = run({"/proj/mypy.ini": "[mypy]\npretty = True\n"}, argv=["--config-file=", "a.py"])
    assert cl.config_file is None and not cl.options.pretty


def test_ini_syntax_error_is_reported_and_search_goes_on() -> None:
    cl = run({"/proj/mypy.ini": "no header\n", "/proj/setup.cfg": "[mypy]\npretty=1\n"})
    assert cl.stderr_messages[0].startswith("mypy.ini: File contains no section headers.")
    assert cl.config_file == "setup.cfg" and cl.options.pretty


def test_files_globbing_and_strict_in_module_section() -> None:
    files = {
        "/proj/src/p/m.py": "",
        "/proj/src/p/n.py": "",
        "/proj/src/q.txt": "",
        "/proj/mypy.ini": "[mypy]\nfiles = src/**/*.py, missing_*.py\n[mypy-x]\nstrict = True\n",
    }
    cl = run(files, argv=[])
    assert cl.targets.files == ("src/p/m.py", "src/p/n.py", "missing_*.py")
    # mypy applies 'strict' in a per-module section to the global options.
    assert cl.options.disallow_untyped_defs


def test_glob_files_direct() -> None:
    fs = MemoryFileSystem({"/r/a.py": "", "/r/.h.py": "", "/r/d/b.py": ""})
    assert glob_files("*.py", "/r", fs) == ["a.py"]
    assert glob_files("**/*.py", "/r", fs) == ["a.py", "d/b.py"]
    assert glob_files("d", "/r", fs) == ["d"]
    assert glob_files("nope", "/r", fs) == []


def test_unused_sections_note() -> None:
    assert unused_sections_note("mypy.ini", ["a", "b.*"]) == (
        "mypy.ini: note: unused section(s): [mypy-a], [mypy-b.*]"
    )
    assert unused_sections_note("pyproject.toml", ["b", "a"]) == (
        "pyproject.toml: note: unused section(s): module = ['a', 'b']"
    )
