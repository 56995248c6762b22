"""The batch command's output formats: text, ``-O json`` and ``--junit-xml``, like mypy's."""

from __future__ import annotations

import io
import sys
import json
import pathlib

import pytest

from tycheck.cli.batch import main
from tycheck.service import deep_stack

SOURCE = "x: int = ''\nreveal_type(x)\n"


def run(tmp_path: pathlib.Path, *flags: str) -> tuple[int, str]:
    (tmp_path / "a.py").write_text(SOURCE)
    out, err = io.StringIO(), io.StringIO()
    code = main([*flags, "a.py"], stdout=out, stderr=err, cwd=str(tmp_path))
    return code, out.getvalue()


def test_text_output(tmp_path: pathlib.Path) -> None:
    code, out = run(tmp_path)
    assert code == 1
    assert out == (
        'a.py:1: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]\n'
        'a.py:2: note: Revealed type is "int"\n'
        "Found 1 error in 1 file (checked 1 source file)\n"
    )


def test_json_output(tmp_path: pathlib.Path) -> None:
    code, out = run(tmp_path, "-O", "json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert records[0] == {
        "file": "a.py",
        "line": 1,
        "column": 9,
        "end_line": 1,
        "end_column": 11,
        "message": 'Incompatible types in assignment (expression has type "str", variable has type "int")',
        "hint": None,
        "code": "assignment",
        "severity": "error",
    }
    assert records[1]["severity"] == "note"


def test_junit_xml(tmp_path: pathlib.Path) -> None:
    code, _ = run(tmp_path, "--junit-xml", "report.xml")
    xml = (tmp_path / "report.xml").read_text()
    assert code == 1
    assert '<testsuite errors="0" failures="1" name="mypy" skips="0" tests="1"' in xml
    assert "a.py:1: error: Incompatible types in assignment" in xml


def test_missing_file_is_a_blocking_error(tmp_path: pathlib.Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["nofile.py"], stdout=out, stderr=err, cwd=str(tmp_path))
    assert code == 2
    assert out.getvalue() == (
        "nofile.py: error: Cannot read file: No such file or directory\n"
        "Found 1 error in 1 file (errors prevented further checking)\n"
    )


def test_undecodable_file_is_a_blocking_error(tmp_path: pathlib.Path) -> None:
    (tmp_path / "enc.py").write_bytes(b"\xff\xfe = 1\n")
    out, err = io.StringIO(), io.StringIO()
    code = main(["enc.py"], stdout=out, stderr=err, cwd=str(tmp_path))
    assert code == 2
    assert out.getvalue().startswith(
        "enc.py: error: Cannot decode file: 'utf-8' codec can't decode byte 0xff"
    )


def test_coding_cookie_is_honoured(tmp_path: pathlib.Path) -> None:
    (tmp_path / "lat.py").write_bytes(b'# -*- coding: latin-1 -*-\nx = "\xe9"\nreveal_type(x)\n')
    out, err = io.StringIO(), io.StringIO()
    assert main(["lat.py"], stdout=out, stderr=err, cwd=str(tmp_path)) == 0
    assert 'Revealed type is "str"' in out.getvalue()


def test_deeply_nested_expression_is_a_syntax_error_not_a_crash(tmp_path: pathlib.Path) -> None:
    (tmp_path / "deep.py").write_text("x = " + "(" * 500 + "1" + ")" * 500 + "\n")
    out, err = io.StringIO(), io.StringIO()
    code = main(["deep.py"], stdout=out, stderr=err, cwd=str(tmp_path))
    assert code == 2
    assert "[syntax]" in out.getvalue()
    assert "Traceback" not in err.getvalue()


def test_internal_error_names_file_and_line(tmp_path: pathlib.Path, monkeypatch: "object") -> None:
    from tycheck.checker.stmt.checker import STMT_CHECKS

    def boom(chk: object, s: object) -> None:
        raise RuntimeError("simulated checker bug")

    monkeypatch.setitem(STMT_CHECKS, "Pass", boom)  # type: ignore[attr-defined]
    (tmp_path / "a.py").write_text("x = 1\npass\n")
    out, err = io.StringIO(), io.StringIO()
    code = main(["a.py"], stdout=out, stderr=err, cwd=str(tmp_path))
    assert code == 2
    assert err.getvalue().startswith("a.py:2: error: INTERNAL ERROR")
    assert "use --show-traceback" in err.getvalue()
    err2 = io.StringIO()
    main(["--show-traceback", "a.py"], stdout=io.StringIO(), stderr=err2, cwd=str(tmp_path))
    assert "RuntimeError: simulated checker bug" in err2.getvalue()


def test_recursion_too_deep_in_a_statement_is_an_internal_error_not_silence(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checks run on a deep stack (service/deep_stack.py) that handles 5,000 terms; with the
    # limit held at 10,000 frames, inferring the sum recurses deeper than allowed: that
    # statement's check is reported as an internal error at its line (exit 2), never
    # silently skipped.
    monkeypatch.setattr(deep_stack, "RECURSION_LIMIT", 10000)
    (tmp_path / "deep.py").write_text("a = 1\nx = " + " + ".join(["a"] * 5000) + "\n")
    out, err, err2 = io.StringIO(), io.StringIO(), io.StringIO()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10000)  # as the console entry point does
    try:
        code = main(["deep.py"], stdout=out, stderr=err, cwd=str(tmp_path))
        main(["--show-traceback", "deep.py"], stdout=io.StringIO(), stderr=err2, cwd=str(tmp_path))
    finally:
        sys.setrecursionlimit(limit)
    assert code == 2
    assert err.getvalue().startswith("deep.py:2: error: INTERNAL ERROR")
    assert "RecursionError" in err2.getvalue()


def test_unsupported_flag_is_reported_not_dropped(tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--pdb", "a.py"], stdout=out, stderr=err, cwd=str(tmp_path)) == 0
    assert (
        err.getvalue()
        == "tycheck: note: --pdb is accepted but not supported yet; it has no effect\n"
    )
