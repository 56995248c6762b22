"""``--exclude-gitignore``: wildmatch patterns (checked against pathspec) and tree walks."""

from __future__ import annotations

import pytest

from tycheck.inputs.interpreter import InterpreterDirs
from tycheck.modules.gitignore import is_ignored, parse_gitignore
from tycheck.modules.sources import find_sources
from tycheck.service.api import Targets

from .helpers import FakeOptions, tree


@pytest.mark.parametrize(
    ("patterns", "ignored", "kept"),
    [
        ("build/", ["build/", "x/build/", "x/build/y.py"], ["build", "builder/"]),
        ("*.log", ["a.log", "d/a.log", "logs/x.log"], ["a.logx"]),
        ("/top.py", ["top.py"], ["x/top.py"]),
        ("a/**/b", ["a/b", "a/x/y/b", "a/b/c"], ["b", "x/a/b"]),
        ("**/deep", ["deep", "q/deep/", "q/deep/r"], ["deeper"]),
        ("docs/**", ["docs/", "docs/x"], ["docs"]),
        ("foo/*.py", ["foo/a.py"], ["foo/x/a.py"]),
        ("x?z\n[ab]c.py", ["xyz", "ac.py"], ["x/z", "cc.py"]),
        ("\\#hash\nlit\\*", ["#hash", "lit*"], ["litx"]),
        ("*.log\n!keep.log", ["a.log"], ["keep.log"]),
        ("# comment\n\n   ", [], ["# comment", "x"]),
    ],
)
def test_patterns(patterns: str, ignored: list[str], kept: list[str]) -> None:
    spec = parse_gitignore(patterns)
    for path in ignored:
        assert is_ignored(spec, path), path
    for path in kept:
        assert not is_ignored(spec, path), path


def test_walk_with_nested_ignore_files() -> None:
    # Same tree as a manual run of mypy --exclude-gitignore, with the same result.
    fs = tree(
        {
            "/p/.git/HEAD": "",
            "/p/.gitignore": "build/\n*.gen.py\n",
            "/p/.git/info/exclude": "ignored_by_info.py\n",
            "/p/sub/.gitignore": "gen/\n!keep.gen.py\n",
            "/p/src/a.py": "",
            "/p/src/build/b.py": "",
            "/p/src/x.gen.py": "",
            "/p/ignored_by_info.py": "",
            "/p/ok.py": "",
            "/p/sub/gen/g.py": "",
            "/p/sub/keep/keep.gen.py": "",
            "/p/sub/keep/k.py": "",
        }
    )
    options = FakeOptions(exclude_gitignore=True)
    found = find_sources(
        Targets(files=(".",)), options, fs, "/p", environ={}, site_packages=InterpreterDirs()
    )
    # Each ignore file decides on its own: a negation in sub/ cannot undo the root's match.
    assert [s.path for s in found] == ["./src/a.py", "./sub/keep/k.py", "./ok.py"]
    everything = find_sources(
        Targets(files=(".",)), FakeOptions(), fs, "/p", environ={}, site_packages=InterpreterDirs()
    )
    assert len(everything) == 8
