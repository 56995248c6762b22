"""mypy's load and processing orders of modules (each expectation measured with mypy 2.4.1)."""

from __future__ import annotations

import ast
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from tycheck.cli.batch import main
from tycheck.semantic.reach import ReachOptions
from tycheck.service.module_order import (
    ModuleGraph,
    import_skeleton,
    module_imports,
    strongly_connected,
)

REACH = ReachOptions((3, 12), "linux", (), ())


@dataclass(frozen=True)
class FakeModule:
    name: str
    tree: ast.Module
    is_package: bool = False


def graph(sources: list[str], files: dict[str, str]) -> ModuleGraph:
    mods = {n: FakeModule(n, ast.parse(textwrap.dedent(t))) for n, t in files.items()}
    return ModuleGraph.build(sources, mods.get, REACH)


def test_independent_sources_go_last_loaded_first() -> None:
    files = {"builtins": "", "a": "", "b": "", "c": ""}
    assert graph(["a", "b", "c"], files).processing_order() == ["builtins", "c", "b", "a"]


def test_dependencies_first_and_deeper_dependencies_later() -> None:
    files = {
        "builtins": "",
        "json": "import builtins",
        "a": "import json",
        "b": "",
        "c": "import a",
    }
    g = graph(["c", "b", "a"], files)
    assert g.load_order == ["c", "b", "a", "builtins", "json"]
    # Level by level; within a level the module loaded last goes first.
    assert g.processing_order() == ["builtins", "json", "b", "a", "c"]


def test_cycle_splits_on_the_weaker_import() -> None:
    # d imports from e (a strong edge), e imports d: e goes first whatever the order given.
    files = {"builtins": "", "d": "from e import x", "e": "import d"}
    assert graph(["d", "e"], files).processing_order() == ["builtins", "e", "d"]
    assert graph(["e", "d"], files).processing_order() == ["builtins", "e", "d"]
    # A cycle of equal edges does not split: last loaded first.
    files = {"builtins": "", "a": "import b", "b": "import a"}
    assert graph(["a", "b"], files).processing_order() == ["builtins", "b", "a"]


def test_function_imports_and_unreachable_imports() -> None:
    files = {
        "builtins": "",
        "json": "",
        "w": "def f():\n    import json\n",
        "v": "import sys\nif sys.version_info < (3, 8):\n    import json\n",
    }
    g = graph(["w", "v"], files)
    assert g.edges["w"] == {"json": 20, "builtins": 20}
    assert "json" not in g.edges["v"]


def test_strongly_connected_is_iterative() -> None:
    n = 5000
    comps = strongly_connected(
        [str(i) for i in range(n)], lambda v: [str(int(v) + 1)] if int(v) < n - 1 else ["0"]
    )
    assert len(comps) == 1 and len(comps[0]) == n


def run(tmp_path: Path, files: dict[str, str], *args: str) -> str:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    out = io.StringIO()
    main(
        ["--no-incremental", "--cache-dir=/dev/null", "--no-site-packages", *args],
        stdout=out,
        stderr=io.StringIO(),
        cwd=str(tmp_path),
    )
    return "".join(line.split(":")[0] + "\n" for line in out.getvalue().splitlines()[:-1])


def test_files_print_in_mypy_processing_order(tmp_path: Path) -> None:
    err = 'x: int = ""\n'
    files = {"a.py": "import json\n" + err, "b.py": err, "c.py": "import email.mime.text\n" + err}
    assert run(tmp_path, files, "c.py", "b.py", "a.py") == "b.py\na.py\nc.py\n"
    files = {"pkg/__init__.py": err, "pkg/mod.py": err, "z.py": err}
    assert (
        run(tmp_path, files, "z.py", "pkg/__init__.py", "pkg/mod.py")
        == "pkg/mod.py\npkg/__init__.py\nz.py\n"
    )


def test_import_skeleton_keeps_the_imports_of_a_stub() -> None:
    text = textwrap.dedent("""\
        import sys
        from typing import (
            Any,  # comment (
            TypeVar,
        )
        class C:
            import json
            if sys.version_info >= (3, 12):
                x: int
        if sys.version_info >= (3, 12):
            from os import path
        else:
            try:
                import tomllib
            except ImportError:
                def f() -> None: ...
        def g():
            import re
        """)
    full = FakeModule("m", ast.parse(text))
    skeleton = import_skeleton("m", text, False)
    assert skeleton is not None

    def edges(mod: FakeModule | object) -> list[tuple[str, int]]:
        return [(e.target, e.strength) for e in module_imports(mod, REACH)]  # type: ignore[arg-type]

    # Imports inside def and class bodies are left out (stubs have none there).
    assert edges(skeleton) == [e for e in edges(full) if e[0] not in ("json", "re")]
    assert ("os.path", 5) in edges(skeleton) and ("tomllib", 10) not in edges(skeleton)
