"""Tests of the conformance runner itself, on a tiny fake mypy data tree and fake
checker entry points (so they need neither mypy's data nor a working tycheck)."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import pytest

from . import runner
from .cases import parse_case, split_cases
from .execute import Paths
from .pool import RunSettings, run_cases

CASES = """\
-- a comment line
[case Clean]
x = 1

[case InlineError]
x: int = '' # E: Incompatible types in assignment
[file b.py]
y = 1 # N: a note

[case WithOut]
# flags: --strict-optional
reveal_type(1)
[builtins fixtures/list.pyi]
[out]
main:2: note: Revealed type is "builtins.int"
[out version>=3.99]
main:2: note: never selected

[case Hang]
hang

[case Exit]
exit

[case Boom]
boom

[case Skipped-skip]
x = 1

[case IncrementalStep]
import b
[file b.py]
[file b.py.2]
x = 1
[out2]
tmp/b.py:1: error: step two
"""


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    unit = tmp_path / "test-data" / "unit"
    (unit / "lib-stub").mkdir(parents=True)
    (unit / "lib-stub" / "builtins.pyi").write_text("class object: ...\n")
    (unit / "fixtures").mkdir()
    (unit / "fixtures" / "list.pyi").write_text("class list: ...\n")
    stdlib = tmp_path / "mypy" / "typeshed" / "stdlib"
    stdlib.mkdir(parents=True)
    (stdlib / "builtins.pyi").write_text("# real\n")
    (stdlib / "os").mkdir()
    (stdlib / "os" / "__init__.pyi").write_text("")
    (stdlib / "VERSIONS").write_text("builtins: 3.0-\n")
    (unit / "check-fake.test").write_text(CASES)
    return Paths(str(tmp_path))


def fake_main(
    argv: list[str],
    *,
    stdout: TextIO,
    stderr: TextIO,
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Prints the expected output of the fake cases, misbehaves on request."""
    assert cwd == os.getcwd() and environ is not None
    assert environ["MYPYPATH"] == "tmp" and os.environ["MYPYPATH"] == "tmp"
    assert argv[0] == "--custom-typeshed-dir" and os.path.isdir(argv[1] + "/stdlib")
    if "main" not in argv:
        return 0
    text = Path("main").read_text()
    if text.startswith("hang"):
        time.sleep(60)
    if text.startswith("exit"):
        os._exit(3)
    if text.startswith("boom"):
        raise RuntimeError("checker bug")
    if "reveal_type" in text:
        assert "--strict-optional" in argv and "--no-incremental" in argv
        # The fixture wins over lib-stub and typeshed in the overlay.
        assert Path(argv[1], "stdlib", "builtins.pyi").read_text() == "class list: ...\n"
        print('main:2: note: Revealed type is "builtins.int"', file=stdout)
    if "x: int" in text:
        print("main:1: error: Incompatible types in assignment", file=stdout)
        print("tmp/b.py:1: note: a note", file=stdout)
    if "import b" in text and "x = 1" in Path("tmp/b.py").read_text():
        print("tmp/b.py:1: error: step two", file=stdout)
    return 1 if stdout.tell() else 0


def silent_main(
    argv: list[str],
    *,
    stdout: TextIO,
    stderr: TextIO,
    cwd: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    return 0


def _run(paths: Paths, main: object, timeout: float = 20.0) -> dict[str, dict]:
    cases = runner.select_cases(paths, ["check-fake.test"])
    settings = RunSettings(paths=paths, runtime=(3, 11), timeout=timeout, max_tasks=3)
    return run_cases(cases, main, settings, jobs=2)  # type: ignore[arg-type]


def test_parse_inline_messages_and_versions(paths: Paths) -> None:
    cases = {c.name: c for c in split_cases(os.path.join(paths.unit_dir, "check-fake.test"))}
    assert cases["Clean"].line == 2 and cases["Skipped"].skip
    c = cases["InlineError"]
    parse_case(c, paths.mypy_src, (3, 11))
    assert c.output == [
        "main:1: error: Incompatible types in assignment",
        "tmp/b.py:1: note: a note",
    ]
    w = cases["WithOut"]
    parse_case(w, paths.mypy_src, (3, 11))
    assert w.output == ['main:2: note: Revealed type is "builtins.int"']
    assert ("tmp/builtins.pyi", "class list: ...\n") in w.files


def test_verdicts_with_fake_checker(paths: Paths) -> None:
    res = _run(paths, fake_main, timeout=5.0)
    status = {k.split("::")[1]: v["status"] for k, v in res.items()}
    assert status == {
        "Clean": "pass",
        "InlineError": "pass",
        "WithOut": "pass",
        "IncrementalStep": "pass",
        "Hang": "error",
        "Exit": "error",
        "Boom": "error",
        "Skipped": "unsupported",
    }
    assert res["check-fake.test::Hang"]["reason"] == "timeout"
    assert "worker died" in res["check-fake.test::Exit"]["reason"]
    assert "checker bug" in res["check-fake.test::Boom"]["stderr"]


def test_silent_checker_fails_cases_with_expected_output(paths: Paths) -> None:
    res = _run(paths, silent_main)
    assert res["check-fake.test::Clean"]["status"] == "pass"
    fail = res["check-fake.test::InlineError"]
    assert fail["status"] == "fail" and fail["actual"] == []
    assert fail["expected"][0].startswith("main:1: error")
    assert res["check-fake.test::IncrementalStep"]["step"] == 2


def test_missing_entry_point_fails_every_case(paths: Paths) -> None:
    cases = runner.select_cases(paths, ["check-fake.test"], name_regex="Clean")
    res = runner.execute(cases, paths, entry="no_such_module_xyz:main")
    assert [r["status"] for r in res.values()] == ["error"]


def test_cli_writes_passing_list(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "passing.txt"
    rc = runner.main(
        [
            "--mypy-src",
            paths.mypy_src,
            "--files",
            "check-fake.test",
            "--cases",
            "Clean|Inline",
            "--entry",
            f"{__name__}:fake_main",
            "--write-passing",
            str(out),
            "-q",
        ]
    )
    assert rc == 0
    assert out.read_text() == "check-fake.test::Clean\ncheck-fake.test::InlineError\n"
    assert "2 passed, 0 failed, 0 skipped" in capsys.readouterr().out
