"""The precision cases: minimal programs on which tycheck must print exactly what mypy prints.

Each case under ``cases/`` is either one file ``NAME.py`` (checked as ``NAME.py`` from
``cases/``) or a directory ``NAME/`` (checked from inside it with the arguments in its ``ARGS``
file).  ``expected/NAME.mypy`` holds mypy 2.4.1's stdout for the case (written by
``regen.py``, never by hand).  Where tycheck does not match mypy yet, ``expected/NAME.tycheck``
holds tycheck's output of today and ``fixme.txt`` says why (a FIXME per case); the test then
asserts today's output, so a change in either direction is seen.

Both checkers run with ``--no-site-packages`` so that the outputs do not depend on what the
interpreter running them has installed.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
FIXME = HERE / "fixme.txt"
FLAGS = ["--no-incremental", "--cache-dir=/dev/null", "--no-site-packages"]


@dataclass(frozen=True)
class Case:
    """One case: its name, where to run and the arguments naming its files."""

    name: str
    cwd: Path
    args: tuple[str, ...]

    @property
    def mypy_file(self) -> Path:
        return EXPECTED / f"{self.name}.mypy"

    @property
    def today_file(self) -> Path:
        return EXPECTED / f"{self.name}.tycheck"


def all_cases() -> list[Case]:
    out = []
    for entry in sorted(CASES.iterdir()):
        if entry.is_file() and entry.suffix == ".py":
            out.append(Case(entry.stem, CASES, (entry.name,)))
        elif entry.is_dir() and (entry / "ARGS").is_file():
            args = tuple(shlex.split((entry / "ARGS").read_text()))
            out.append(Case(entry.name, entry, args))
    return out


def run_tycheck(case: Case) -> str:
    """tycheck's stdout on the case (in this process)."""
    from tycheck.cli.batch import main

    out, err = io.StringIO(), io.StringIO()
    main([*FLAGS, *case.args], stdout=out, stderr=err, cwd=str(case.cwd))
    return out.getvalue()


def run_mypy(case: Case, oracle: str) -> str:
    """mypy's stdout on the case (the oracle interpreter in a child process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYPY")}
    proc = subprocess.run(
        [oracle, "-m", "mypy", *FLAGS, *case.args],
        cwd=case.cwd,
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed on {case.name}: {proc.stderr or proc.stdout}")
    return proc.stdout


def read_fixmes() -> dict[str, str]:
    """Case name -> its FIXME note (``NAME: note`` lines; ``#`` starts a comment line)."""
    notes: dict[str, str] = {}
    if FIXME.exists():
        for line in FIXME.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, note = line.partition(":")
                notes[name.strip()] = note.strip()
    return notes


def write_fixmes(notes: dict[str, str]) -> None:
    header = (
        "# Cases where tycheck does not print what mypy prints yet: NAME: FIXME why.\n"
        "# expected/NAME.tycheck holds today's output. When a fix makes a case match\n"
        "# mypy, delete both (or run tests/precision/regen.py --today).\n"
    )
    body = "".join(f"{name}: {note}\n" for name, note in sorted(notes.items()))
    FIXME.write_text(header + body)
