"""The modules a check consulted (the persistent cache's key) come from one pass of the
engine (``Database.reached``) and equal what ``module_reads`` finds by following reads."""

from __future__ import annotations

import pathlib

from tycheck.service.incremental import _consulted, check_q
from tycheck.service.reads import CHECK_PARTS, module_reads
from tycheck.service.session import Session


def test_reached_equals_module_reads(tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.py").write_text(
        "import b\nfrom c import K\n\n"
        "class D(K):\n    def m(self) -> int:\n        return b.f(1) + self.k\n\n"
        "def use(x: b.B) -> str:\n    return x.name\n"
    )
    (tmp_path / "b.py").write_text(
        "class B:\n    name: str = ''\n\ndef f(x: int) -> int:\n    return x\n"
    )
    (tmp_path / "c.py").write_text("import b\n\nclass K(b.B):\n    k: int = 0\n")
    session = Session(["a.py", "b.py", "c.py"], cwd=str(tmp_path))
    assert session.check().stdout == "Success: no issues found in 3 source files\n"
    assert session._state is not None
    db = session._state.db
    for name in ("a", "b", "c"):
        expected = module_reads(db, check_q, (name,), name, follow=CHECK_PARTS)
        assert _consulted(db, name) == expected
    assert {("i", "b"), ("i", "c")} <= set(_consulted(db, "a"))
