"""Import failures as mypy reports them: once per module and file, most dotted first, and
their once-per-run notes (outputs measured with mypy 2.4.1)."""

from __future__ import annotations

import io
from pathlib import Path

from tycheck.cli.batch import main
from tycheck.errors.diagnostics import Diagnostic
from tycheck.modules.import_report import arrange_import_failures, failed_module, is_once_per_run

NF = "Cannot find implementation or library stub for module named"
SEE = "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports"


def err(line: int, module: str) -> Diagnostic:
    return Diagnostic("m.py", line, 0, "error", f'{NF} "{module}"', "import-not-found")


def note(line: int, text: str) -> Diagnostic:
    return Diagnostic("m.py", line, 0, "note", text, "import-not-found")


def test_failed_module_and_once_notes() -> None:
    assert failed_module(err(1, "a.b")) == "a.b"
    assert (
        failed_module(
            Diagnostic(
                "m.py", 1, 0, "error", 'Library stubs not installed for "yaml"', "import-untyped"
            )
        )
        == "yaml"
    )
    assert failed_module(note(1, SEE)) is None
    assert is_once_per_run(SEE) and is_once_per_run('Hint: "python3 -m pip install types-PyYAML"')
    assert not is_once_per_run('Did you mean "json"?')


def test_repeats_dropped_and_dotted_first() -> None:
    diags = [err(1, "y"), note(1, SEE), err(1, "x.sub"), err(1, "x"), err(2, "y"), err(3, "x")]
    out = arrange_import_failures(diags)
    assert [(d.line, d.message.split('"')[1] if d.severity == "error" else "see") for d in out] == [
        (1, "x.sub"),
        (1, "y"),
        (1, "see"),
        (1, "x"),
    ]
    assert [d.only_once for d in out if d.severity == "note"] == [True]


def check(tmp_path: Path, files: dict[str, str], *args: str) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    out = io.StringIO()
    main(
        [
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--no-site-packages",
            "--python-version",
            "3.11",
            *args,
        ],
        stdout=out,
        stderr=io.StringIO(),
        cwd=str(tmp_path),
    )
    return out.getvalue()


def test_notes_once_per_run_in_load_order(tmp_path: Path) -> None:
    files = {
        "a.py": "import b\nimport pygments.token\nimport yaml\nimport missing_one\nimport missing_one\n",
        "b.py": "import missing_two\nimport yaml\nimport reqests\n",
    }
    assert check(tmp_path, files, "a.py", "b.py") == (
        f'b.py:1: error: {NF} "missing_two"  [import-not-found]\n'
        'b.py:2: error: Library stubs not installed for "yaml"  [import-untyped]\n'
        f'b.py:3: error: {NF} "reqests"  [import-not-found]\n'
        'b.py:3: note: Did you mean "requests"?\n'
        'a.py:2: error: Library stubs not installed for "pygments.token"  [import-untyped]\n'
        'a.py:2: note: Hint: "python3 -m pip install types-Pygments"\n'
        'a.py:2: note: (or run "mypy --install-types" to install all missing stub packages)\n'
        f"a.py:2: note: {SEE}\n"
        'a.py:2: error: Library stubs not installed for "pygments"  [import-untyped]\n'
        'a.py:3: error: Library stubs not installed for "yaml"  [import-untyped]\n'
        'a.py:3: note: Hint: "python3 -m pip install types-PyYAML"\n'
        f'a.py:4: error: {NF} "missing_one"  [import-not-found]\n'
        "Found 7 errors in 2 files (checked 2 source files)\n"
    )


def test_an_ignored_failure_does_not_use_up_the_note(tmp_path: Path) -> None:
    files = {"m.py": "import missing_a.b  # type: ignore\nimport missing_c\n"}
    assert check(tmp_path, files, "m.py") == (
        f'm.py:2: error: {NF} "missing_c"  [import-not-found]\n'
        f"m.py:2: note: {SEE}\n"
        "Found 1 error in 1 file (checked 1 source file)\n"
    )
