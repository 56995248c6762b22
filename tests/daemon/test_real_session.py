"""End-to-end daemon tests over the real service session (tycheck.service.session).

These check that the daemon's output is exactly the batch checker's, before and after
edits, so that daemon and batch runs can never drift apart.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import Project

BAD = 'x: int = "a"\n'
GOOD = "x: int = 1\n"
BAD_OUT = (
    'a.py:1: error: Incompatible types in assignment (expression has type "str", '
    'variable has type "int")  [assignment]\n'
    "Found 1 error in 1 file (checked 1 source file)\n"
)


def batch(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tycheck", *args],
        cwd=project.root,
        env=project.env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_matches_batch_output_across_edits(real_project: Project) -> None:
    p = real_project
    p.write("a.py", BAD)
    res = p.run("run", "--", "a.py")
    assert (res.stdout, res.returncode) == ("Daemon started\n" + BAD_OUT, 1)
    expected = batch(p, "a.py")
    assert (expected.stdout, expected.returncode) == (BAD_OUT, 1)
    p.write("a.py", GOOD)
    res = p.run("recheck")
    assert (res.stdout, res.stderr, res.returncode) == (
        "Success: no issues found in 1 source file\n",
        "",
        0,
    )
    p.write("a.py", BAD)
    res = p.run("check", "a.py")
    assert (res.stdout, res.returncode) == (BAD_OUT, 1)
    res = p.run("run", "--", "--show-column-numbers", "a.py")
    assert res.stdout.startswith(
        "Restarting: configuration changed\nDaemon stopped\nDaemon started\n"
    )
    rest = res.stdout.split("Daemon started\n", 1)[1]
    assert rest == batch(p, "--show-column-numbers", "a.py").stdout
    assert p.run("stop").returncode == 0


def test_usage_errors_match_batch(real_project: Project) -> None:
    p = real_project
    p.write("a.py", GOOD)
    res = p.run("run", "--", "--bogus-flag", "a.py")
    expected = batch(p, "--bogus-flag", "a.py")
    assert (res.stderr, res.returncode) == (expected.stderr, expected.returncode)


def test_missing_file_matches_batch(real_project: Project) -> None:
    p = real_project
    p.write("a.py", GOOD)
    assert p.run("run", "--", "a.py").returncode == 0
    res = p.run("check", "missing.py")
    expected = batch(p, "missing.py")
    assert (res.stdout, res.stderr, res.returncode) == (
        expected.stdout,
        expected.stderr,
        expected.returncode,
    )


def test_run_checks_the_files_it_names(real_project: Project) -> None:
    p = real_project
    p.write("foo.py", BAD)
    p.write("bar.py", GOOD)
    assert "foo.py:1: error" in p.run("run", "--", "foo.py").stdout
    assert p.run("run", "--", "bar.py").stdout == "Success: no issues found in 1 source file\n"
    # Same flags as the daemon's start: still the files named now, not the last ones.
    res = p.run("run", "--", "foo.py")
    assert res.stdout.startswith("foo.py:1: error") and res.returncode == 1
    res = p.run("run", "--")
    assert (res.stderr, res.returncode) == (
        "mypy-daemon: error: Missing target module, package, files, or command.\n",
        2,
    )
    assert p.run("stop").returncode == 0


def test_daemon_starts_from_the_batch_cache_with_use_fine_grained_cache(
    real_project: Project,
) -> None:
    p = real_project
    p.write("a.py", BAD)
    assert batch(p, "a.py").stdout == BAD_OUT  # builds the cache
    res = p.run("start", "--", "--use-fine-grained-cache")
    assert (res.stdout, res.returncode) == ("Daemon started\n", 0)
    res = p.run("check", "a.py")
    assert (res.stdout, res.returncode) == (BAD_OUT, 1)
    p.write("a.py", GOOD)
    res = p.run("recheck")
    assert res.stdout == "Success: no issues found in 1 source file\n"
    # Only the daemon takes the flag, as with mypy and dmypy.
    assert batch(p, "--use-fine-grained-cache", "a.py").returncode == 2
    assert p.run("stop").returncode == 0


def test_recheck_update_of_a_missing_file_is_quiet_until_it_appears(
    real_project: Project,
) -> None:
    # dmypy takes an updated file that does not exist as a module that is gone
    # (daemon.test, testDaemonRecheck): no "Cannot read file" error.
    p = real_project
    p.write("a.py", GOOD)
    assert p.run("start").returncode == 0
    assert p.run("check", "a.py").returncode == 0
    res = p.run("recheck", "--update", "later.py")
    assert (res.stdout, res.stderr, res.returncode) == (
        "Success: no issues found in 1 source file\n",
        "",
        0,
    )
    assert p.run("recheck", "--update", "--remove").returncode == 0
    # Once it exists, the next recheck checks it as a target.
    p.write("later.py", BAD.replace("x", "later"))
    res = p.run("recheck")
    assert res.stdout.endswith("Found 1 error in 1 file (checked 2 source files)\n")
    assert res.stdout.startswith("later.py:1: error: Incompatible types")
    # --remove forgets it again.
    res = p.run("recheck", "--remove", "later.py")
    assert res.stdout == "Success: no issues found in 1 source file\n"
    assert p.run("stop").returncode == 0


def test_recheck_remove_forgets_a_pending_missing_file(real_project: Project) -> None:
    p = real_project
    p.write("a.py", GOOD)
    assert p.run("start").returncode == 0
    assert p.run("check", "a.py").returncode == 0
    assert p.run("recheck", "--update", "later.py").returncode == 0
    assert p.run("recheck", "--remove", "later.py").returncode == 0
    p.write("later.py", BAD.replace("x", "later"))
    res = p.run("recheck")
    assert res.stdout == "Success: no issues found in 1 source file\n"
    assert p.run("stop").returncode == 0


def test_recheck_update_of_a_deleted_file_in_a_directory_target(real_project: Project) -> None:
    # The file is gone, so it is no target of its own; but the directory's check must see
    # that it went away.
    p = real_project
    p.write("pkg/__init__.py", "")
    p.write("pkg/a.py", GOOD)
    p.write("pkg/b.py", "from pkg.a import x\n")
    assert p.run("start").returncode == 0
    assert p.run("check", "pkg").returncode == 0
    (p.root / "pkg" / "a.py").unlink()
    res = p.run("recheck", "--update", "pkg/a.py")
    expected = batch(p, "pkg")
    assert (res.stdout, res.returncode) == (expected.stdout, expected.returncode)
    assert res.returncode == 1
    assert p.run("stop").returncode == 0
