"""``--lineprecision-report`` and ``--xml-report``: real batch checks, reports read back."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tycheck.cli.batch import main
from tycheck.errors.precision_reports import FileStats, lineprecision_text, xml_index

PROGRAM = '''\
"""Docstring."""
from typing import Any, List
import missing_module  # type: ignore

def typed(x: int, y: List[Any]) -> None:
    pass

def untyped(a):
    return a

class C:
    def m(self, x: int, y: Any = 0) -> None:
        self.m(1)
        self.m(1, 2)
        if x is None:
            raise ValueError
'''


def run(tmp_path: Path, *flags: str) -> tuple[int, str, str]:
    (tmp_path / "prog.py").write_text(PROGRAM)
    out, err = io.StringIO(), io.StringIO()
    argv = ["--no-incremental", "--cache-dir=/dev/null", *flags, "prog.py"]
    code = main(argv, stdout=out, stderr=err, cwd=str(tmp_path))
    return code, out.getvalue(), err.getvalue()


def line_kinds(page: str) -> dict[int, str]:
    found = re.findall(r'number="(\d+)" precision="(\w+)"', page)
    return {int(n): kind for n, kind in found}


def test_lineprecision_report_counts_each_kind(tmp_path: Path) -> None:
    # The expected table is what mypy 2.4.1 writes for PROGRAM.
    code, out, err = run(tmp_path, "--lineprecision-report", "out")
    assert code == 0, out + err
    assert "lineprecision" not in err  # implemented: no "accepted but not supported" note
    text = (tmp_path / "out" / "lineprecision.txt").read_text()
    assert text.splitlines() == [
        "Name  Lines  Precise  Imprecise  Any  Empty  Unanalyzed",
        "-------------------------------------------------------",
        "prog     16        5          1    5      4           1",
    ]


def test_xml_report_classifies_lines(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, "--xml-report", "xo")
    assert code == 0
    assert out.endswith(f"Generated XML report: {tmp_path / 'xo' / 'index.xml'}\n")
    index = (tmp_path / "xo" / "index.xml").read_text()
    assert '<file module="prog" name="prog.py" total="16" any="5" empty="4" imprecise="1"' in index
    kinds = line_kinds((tmp_path / "xo" / "xml" / "prog.py.xml").read_text())
    assert kinds[1] == "empty"  # docstring
    assert kinds[2] == "precise"  # import found
    assert kinds[3] == "any"  # import not found
    assert kinds[5] == "imprecise"  # List[Any] parameter
    assert (kinds[8], kinds[9]) == ("any", "any")  # unchecked function
    assert (kinds[13], kinds[14]) == ("precise", "any")  # Any formal receives an argument
    assert kinds[16] == "unanalyzed"  # unreachable


def test_table_widths_follow_the_longest_module_name() -> None:
    files = [
        FileStats("a_long_module", "a_long_module.py", [1, 0, 2, 0, 0]),
        FileStats("b", "b.py", [0, 0, 0, 0, 1]),
    ]
    lines = lineprecision_text(files).splitlines()
    assert lines[0] == "Name           Lines  Precise  Imprecise  Any  Empty  Unanalyzed"
    assert lines[1] == "-" * len(lines[0])
    assert lines[2] == "a_long_module      3        2          0    0      1           0"
    assert lines[3] == "b                  1        0          0    1      0           0"
    assert lineprecision_text([]) == ""


def test_xml_index_escapes_and_orders_attributes() -> None:
    index = xml_index([FileStats('q"m', "dir/q m.py", [1, 1, 1, 1, 1])])
    assert index == (
        '<?xml-stylesheet type="text/xsl" href="mypy-html.xslt"?>'
        '<mypy-report-index name="index"><file module="q&quot;m" name="dir/q%20m.py" total="5"'
        ' any="1" empty="1" imprecise="1" precise="1" unanalyzed="1"/></mypy-report-index>'
    )
