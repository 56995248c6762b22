"""The progress line: stderr only, terminals only, long runs only, erased at the end."""

from __future__ import annotations

import io
import pathlib

from tycheck.cli import batch
from tycheck.cli.progress import ProgressLine, progress_for


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_shown_only_after_a_second_and_erased_at_the_end() -> None:
    now = [0.0]
    stream = Tty()
    line = ProgressLine(stream, clock=lambda: now[0])
    line(1, 10)
    assert stream.getvalue() == ""
    now[0] = 1.5
    line(2, 10)
    line(3, 10)  # within the same tenth of a second: not redrawn
    assert stream.getvalue() == "\rtycheck: checked 2/10 modules"
    now[0] = 1.7
    line(10, 10)
    assert stream.getvalue().endswith("\rtycheck: checked 10/10 modules")
    line.finish()
    assert stream.getvalue().endswith("\r" + " " * len("tycheck: checked 10/10 modules") + "\r")


def test_only_on_a_terminal_and_not_with_no_progress() -> None:
    assert progress_for(io.StringIO(), True, {}) is None
    assert progress_for(Tty(), False, {}) is None
    assert progress_for(Tty(), True, {"TERM": "dumb"}) is None
    assert isinstance(progress_for(Tty(), True, {"TERM": "xterm"}), ProgressLine)


def test_stdout_is_the_same_with_or_without_progress(tmp_path: pathlib.Path) -> None:
    (tmp_path / "m.py").write_text("x: int = ''\n")
    outs = []
    for flags in ([], ["--no-progress"]):
        out, err = io.StringIO(), Tty()
        code = batch.main(
            [*flags, "--cache-dir=/dev/null", "m.py"],
            stdout=out,
            stderr=err,
            cwd=str(tmp_path),
            environ={"TERM": "xterm"},
        )
        outs.append((out.getvalue(), code))
        # Only the progress line may reach stderr (and only when the run takes over a second).
        assert err.getvalue().replace("\r", "\n").strip() == "" or err.getvalue().startswith(
            "\rtycheck: "
        )
    assert outs[0] == outs[1] and outs[0][1] == 1
