"""The persistent cache: a second run reuses results, and always answers like a cold run.

Each scenario compares a run that uses the cache with a run that has none
(``--cache-dir=/dev/null``) on the same files: warm, relocated with new mtimes, after a body
edit and after a signature edit, with a cache from another version or other options, with
damaged entries, with two runs at once, and through a remote (fsspec) cache.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from tycheck.service import module_cache
from tycheck.service.session import Session

FILES = {
    "pkg/__init__.py": "",
    "pkg/base.py": "class Base:\n    def size(self) -> int:\n        return 1\n\ndef helper(x: int) -> int:\n    y = x + 1\n    return y\n",
    "pkg/use.py": "from pkg.base import Base, helper\n\nclass Child(Base):\n    pass\n\nv: str = helper(1)\nw: int = Child().size()\n",
    "pkg/leaf.py": "import pkg.use\n\ndef f() -> None:\n    x: int = ''  # type: ignore[assignment]\n    pkg.use.w + ''\n",
    "pkg/clean.py": "import os\n\nPATH = os.path.join('a', 'b')\n",
}


def make(root: pathlib.Path, files: dict[str, str] = FILES) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def run(
    root: pathlib.Path, *extra: str, environ: dict[str, str] | None = None
) -> tuple[str, set[str]]:
    """Output of one fresh session, and the modules whose result came from the cache."""
    session = Session(["pkg", *extra], cwd=str(root), environ=environ)
    out = session.check()
    assert out.stderr == ""
    cache = session._state.cache if session._state is not None else None
    return out.stdout, set(cache.hits) if cache is not None else set()


def cold(root: pathlib.Path, *extra: str) -> str:
    return run(root, "--cache-dir=/dev/null", *extra)[0]


def edit(root: pathlib.Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


MODULES = {"pkg", "pkg.base", "pkg.use", "pkg.leaf", "pkg.clean"}


def test_second_run_reuses_every_result_and_prints_the_cold_output(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    expected = cold(tmp_path)
    assert "error" in expected  # modules with errors are cached like the others
    first, hits = run(tmp_path)
    assert (first, hits) == (expected, set())
    second, hits = run(tmp_path)
    assert second == expected
    assert hits == MODULES
    # Only tycheck's own subdirectory of the cache directory holds entries.
    assert sorted(os.listdir(tmp_path / ".mypy_cache")) == [".gitignore", "CACHEDIR.TAG", "tycheck"]


def test_relocated_copy_with_new_mtimes_reuses_the_cache(tmp_path: pathlib.Path) -> None:
    make(tmp_path / "a")
    run(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b", copy_function=shutil.copy)
    out, hits = run(tmp_path / "b")
    assert hits == MODULES
    assert out == cold(tmp_path / "b")


def test_body_edit_rechecks_only_the_edited_module(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    run(tmp_path)
    edit(tmp_path, "pkg/base.py", "    y = x + 1\n", "    y = x + 2\n    z: str = y\n")
    out, hits = run(tmp_path)
    assert hits == MODULES - {"pkg.base"}
    assert out == cold(tmp_path)
    assert (
        'pkg/base.py:7: error: Incompatible types in assignment (expression has type "int", variable has type "str")'
        in out
    )


def test_warm_run_parses_only_what_it_rechecks(tmp_path: pathlib.Path) -> None:
    """The output order comes from the cached import edges: no module is parsed for it."""
    make(tmp_path)
    run(tmp_path)
    session = Session(["pkg"], cwd=str(tmp_path))
    assert session.check().stdout == cold(tmp_path)
    assert session._state is not None and session._state._program is None
    edit(tmp_path, "pkg/base.py", "    y = x + 1\n", "    y = x + 2\n")
    session = Session(["pkg"], cwd=str(tmp_path))
    assert session.check().stdout == cold(tmp_path)
    program = session._state._program if session._state is not None else None
    assert program is not None
    parsed = {name for name, mod in program._modules.items() if mod is not None}
    assert parsed & MODULES == {"pkg.base"}


def test_signature_edit_rechecks_the_modules_that_use_it(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    run(tmp_path)
    edit(tmp_path, "pkg/base.py", "def helper(x: int) -> int:", "def helper(x: int) -> str:")
    out, hits = run(tmp_path)
    assert hits == {"pkg", "pkg.clean", "pkg.leaf"}
    assert out == cold(tmp_path)
    edit(tmp_path, "pkg/base.py", "    def size(self) -> int:", "    def size(self) -> str:")
    out, hits = run(tmp_path)
    # leaf reads use's interface, which did not change (w is declared int there).
    assert "pkg.use" not in hits and "pkg.base" not in hits
    assert out == cold(tmp_path)


def test_created_and_deleted_modules_are_seen(tmp_path: pathlib.Path) -> None:
    files = dict(FILES, **{"pkg/clean.py": "import pkg.extra\n\nx: int = pkg.extra.V\n"})
    make(tmp_path, files)
    first, _ = run(tmp_path)
    assert first == cold(tmp_path) and "import-not-found" in first
    (tmp_path / "pkg" / "extra.py").write_text("V = 'text'\n")
    out, hits = run(tmp_path)
    assert "pkg.clean" not in hits
    assert out == cold(tmp_path)
    (tmp_path / "pkg" / "extra.py").unlink()
    assert run(tmp_path)[0] == first


def test_cache_of_another_version_or_other_options_is_not_used(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path)
    run(tmp_path)
    out, hits = run(tmp_path, "--strict")
    assert hits == set()
    assert out == cold(tmp_path, "--strict")
    monkeypatch.setattr(module_cache, "__version__", "999.0")
    out, hits = run(tmp_path)
    assert hits == set() and out == cold(tmp_path)
    monkeypatch.setattr(module_cache, "__version__", module_cache.__version__)
    monkeypatch.setattr(module_cache, "_CODE_DIGEST", "another build of the checker")
    assert run(tmp_path)[1] == set()


def test_output_options_share_the_cache(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    run(tmp_path)
    out, hits = run(tmp_path, "--show-column-numbers", "--pretty")
    assert hits == MODULES
    assert out == cold(tmp_path, "--show-column-numbers", "--pretty")


@pytest.mark.parametrize("damage", ["truncate", "corrupt", "empty"])
def test_damaged_entries_are_misses_never_errors(tmp_path: pathlib.Path, damage: str) -> None:
    make(tmp_path)
    expected, _ = run(tmp_path)
    entries = [
        p for p in (tmp_path / ".mypy_cache" / "tycheck" / "objects").rglob("*") if p.is_file()
    ]
    assert entries
    for p in entries:
        data = p.read_bytes()
        p.write_bytes(
            {"truncate": data[: len(data) // 2], "corrupt": data[:-2] + b"]}", "empty": b""}[damage]
        )
    out, hits = run(tmp_path)
    assert out == expected and hits == set()
    # The damaged entries were replaced: the next run is warm again.
    assert run(tmp_path) == (expected, MODULES)


def test_no_incremental_writes_but_does_not_read_and_devnull_does_neither(
    tmp_path: pathlib.Path,
) -> None:
    make(tmp_path)
    expected, hits = run(tmp_path, "--no-incremental")
    assert hits == set() and (tmp_path / ".mypy_cache" / "tycheck").is_dir()
    assert run(tmp_path, "--no-incremental") == (expected, set())
    assert run(tmp_path)[1] == MODULES
    shutil.rmtree(tmp_path / ".mypy_cache")
    assert run(tmp_path, "--cache-dir=/dev/null") == (expected, set())
    assert not (tmp_path / ".mypy_cache").exists()


def test_cache_dir_option_and_environment_variable(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    run(tmp_path, "--cache-dir", "elsewhere")
    assert (tmp_path / "elsewhere" / "tycheck" / "objects").is_dir()
    assert run(tmp_path, "--cache-dir", "elsewhere")[1] == MODULES
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "from-env"))
    run(tmp_path, environ=env)
    assert (tmp_path / "from-env" / "tycheck" / "objects").is_dir()
    assert run(tmp_path, environ=env)[1] == MODULES
    assert not (tmp_path / ".mypy_cache").exists()


def test_remote_cache_shared_between_two_checkouts(tmp_path: pathlib.Path) -> None:
    url = f"file://{tmp_path / 'bucket'}"
    make(tmp_path / "ci")
    env = dict(os.environ, TYCHECK_REMOTE_CACHE=url, TYCHECK_REMOTE_CACHE_WRITE="1")
    expected, _ = run(tmp_path / "ci", environ=env)
    # A developer's checkout elsewhere: no local cache, the remote is read through.
    shutil.copytree(
        tmp_path / "ci",
        tmp_path / "dev",
        copy_function=shutil.copy,
        ignore=shutil.ignore_patterns(".mypy_cache"),
    )
    out, hits = run(tmp_path / "dev", environ=dict(os.environ, TYCHECK_REMOTE_CACHE=url))
    assert (out, hits) == (expected, MODULES)
    assert (tmp_path / "dev" / ".mypy_cache" / "tycheck" / "objects").is_dir()


def test_two_concurrent_runs_on_one_cache(tmp_path: pathlib.Path) -> None:
    make(tmp_path)
    expected = cold(tmp_path)
    cmd = [sys.executable, "-m", "tycheck", "pkg"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    for _ in range(2):  # an empty cache, then a warm one
        procs = [
            subprocess.Popen(
                cmd,
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                text=True,
            )
            for _ in range(2)
        ]
        # Generous: on a loaded machine two cold interpreters (without byte-compiled
        # modules when PYTHONDONTWRITEBYTECODE is set) took minutes; a lock-up still fails.
        results = [p.communicate(timeout=900) for p in procs]
        assert [r for r in results] == [(expected, "")] * 2
    assert run(tmp_path) == (expected, MODULES)
    leftovers = [p for p in (tmp_path / ".mypy_cache").rglob("*.tmp")]
    assert leftovers == []


def test_body_edit_rechecks_only_the_edited_function(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tycheck.checker.api import Analysis

    body = "\n".join(f"def f{i}(x: int) -> int:\n    return x + {i}\n" for i in range(6))
    make(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/many.py": body + "\nclass K:\n    def m(self) -> str:\n        return 1\n",
        },
    )
    expected_before, _ = run(tmp_path)
    edit(tmp_path, "pkg/many.py", "return x + 3\n", "return x + 'three'\n")
    checked: list[str] = []
    original = Analysis.check_function

    def spy(self: Analysis, mod: object, node: object, *args: object, **kwargs: object) -> object:
        checked.append(node.name)  # type: ignore[attr-defined]
        return original(self, mod, node, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Analysis, "check_function", spy)
    out, hits = run(tmp_path)
    assert checked == ["f3"]
    assert out == cold(tmp_path) != expected_before
    # Lines inserted above move every function: their results are not reused at old lines.
    checked.clear()
    edit(tmp_path, "pkg/many.py", "def f0", "import os\n\ndef f0")
    out, _ = run(tmp_path)
    assert len(checked) == 7 and out == cold(tmp_path)


def test_long_lived_session_starts_from_the_cache_and_rechecks_only_edits(
    tmp_path: pathlib.Path,
) -> None:
    """What the daemon does: a warm start checks nothing; an edit re-checks what it reaches."""
    make(tmp_path)
    run(tmp_path)
    session = Session(["pkg"], cwd=str(tmp_path))
    first = session.check()
    assert session._state is not None and session._state.cache is not None
    assert session._state.cache.hits == MODULES and first.stdout == cold(tmp_path)
    edit(tmp_path, "pkg/base.py", "    y = x + 1\n", "    y = x + 'one'\n")
    session.apply_changes()
    second = session.check()
    assert second.stdout == cold(tmp_path) != first.stdout
    executed = session._state.db.stats()["check_q"]["executions"]
    assert executed == len(MODULES) + 1  # the warm start's lookups, then pkg.base alone
    # What the long-lived session checked went into the cache for the next run.
    assert run(tmp_path) == (second.stdout, MODULES)


def test_a_body_that_becomes_trivial_reaches_the_modules_that_call_it_through_super(
    tmp_path: pathlib.Path,
) -> None:
    base = "from abc import abstractmethod\n\nclass Base:\n    @abstractmethod\n    def meth(self) -> int:\n        return 0\n"
    make(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/b.py": base,
            "pkg/main.py": "from pkg.b import Base\n\nclass Sub(Base):\n    def meth(self) -> int:\n        return super().meth()\n",
        },
    )
    first, _ = run(tmp_path)
    edit(tmp_path, "pkg/b.py", "        return 0\n", "        ...\n")
    out, hits = run(tmp_path)
    assert "pkg.main" not in hits
    assert out == cold(tmp_path) != first
    assert "with trivial body via super() is unsafe" in out


def test_first_recheck_after_a_cold_start_looks_for_no_module_again(
    tmp_path: pathlib.Path,
) -> None:
    """The cache directory exists before the first run lists the project directory, so the
    daemon's first recheck does not see a new directory and resolve every module again."""
    make(tmp_path)
    session = Session(["pkg"], cwd=str(tmp_path))
    session.check()
    assert session._state is not None
    events = session._state.db.events
    events.enabled = True
    events.clear()
    edit(tmp_path, "pkg/base.py", "    y = x + 1\n", "    y = x + 22\n")
    session.apply_changes()
    assert session.check().stdout == cold(tmp_path)
    executed = {name.rsplit(".", 1)[-1] for name, _ in events.executed()}
    assert "resolve_q" not in executed
    assert "check_q" in executed
