"""End-to-end tests: real ``tycheckd`` client processes talking to a real daemon process
over its Unix socket, with the fake session (see conftest.py and fake_session.py)."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tycheck.daemon.protocol import connect, encode_message, receive_message, send_message
from tycheck.daemon.status import process_alive

from conftest import Project
from tests.oracle import require_module

ERROR_OUT = (
    "a.py:1: error: Found an ERROR marker  [misc]\n"
    "Found 1 error in 1 file (checked 1 source file)\n"
)
CLEAN_OUT = "Success: no issues found in 1 source file\n"


def status_data(project: Project, name: str = ".tycheckd.json") -> dict[str, object]:
    return json.loads((project.root / name).read_text())


def wait_until(predicate: object, limit: float = 10.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_start_status_stop(project: Project) -> None:
    res = project.run("start")
    assert (res.stdout, res.stderr, res.returncode) == ("Daemon started\n", "", 0)
    status_file = project.root / ".tycheckd.json"
    assert stat.S_IMODE(status_file.stat().st_mode) == 0o600
    data = status_data(project)
    sock = str(data["connection_name"])
    assert stat.S_IMODE(os.stat(os.path.dirname(sock)).st_mode) == 0o700
    res = project.run("status")
    assert (res.stdout, res.returncode) == ("Daemon is up and running\n", 0)
    res = project.run("start")
    assert (res.stderr, res.returncode) == ("Daemon is still alive\n", 2)
    res = project.run("stop")
    assert (res.stdout, res.returncode) == ("Daemon stopped\n", 0)
    assert not process_alive(int(data["pid"]))  # type: ignore[arg-type]
    assert not status_file.exists()
    assert not os.path.exists(os.path.dirname(sock))
    res = project.run("status")
    assert (res.stdout, res.stderr, res.returncode) == ("", "No status file found\n", 2)


def test_commands_without_a_daemon(project: Project) -> None:
    for args in (["check", "a.py"], ["recheck"], ["stop"], ["kill"], ["hang"]):
        res = project.run(*args)
        assert (res.stderr, res.returncode) == ("No status file found\n", 2), args


def test_run_check_recheck_after_edit(project: Project) -> None:
    project.write("a.py", "x = 1  # ERROR\n")
    project.write("b.py", "y = 2\n")
    res = project.run("run", "--", "a.py")
    assert res.stdout == "Daemon started\n" + ERROR_OUT
    assert res.returncode == 1
    res = project.run("run", "--", "a.py")
    assert (res.stdout, res.returncode) == (ERROR_OUT, 1)
    project.write("a.py", "x = 1\n")
    res = project.run("recheck")
    assert (res.stdout, res.stderr, res.returncode) == (CLEAN_OUT, "", 0)
    project.write("a.py", "x = 1  # ERROR again\n")
    res = project.run("check", "a.py", "b.py")
    assert res.returncode == 1
    assert res.stdout.endswith("Found 1 error in 1 file (checked 2 source files)\n")
    res = project.run("recheck", "--remove", "a.py")
    assert (res.stdout, res.returncode) == (CLEAN_OUT, 0)
    res = project.run("recheck", "--update", "a.py")
    assert res.returncode == 1


def test_recheck_before_check(project: Project) -> None:
    project.run("start")
    res = project.run("recheck")
    assert res.stderr == "Command 'recheck' is only valid after a 'check' command\n"
    assert res.returncode == 2


def test_run_restarts_when_configuration_changes(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    project.run("run", "--", "a.py")
    first = status_data(project)["pid"]
    res = project.run("run", "--", "--strict", "a.py")
    assert res.stdout == (
        "Restarting: configuration changed\nDaemon stopped\nDaemon started\n" + CLEAN_OUT
    )
    assert res.returncode == 0
    assert status_data(project)["pid"] != first
    # A config file edit is a configuration change too.
    project.write("fake.ini", "[mypy]\n")
    res = project.run("run", "--", "--strict", "a.py")
    assert res.stdout.startswith("Restarting: configuration changed\n")


def test_run_with_a_bad_flag(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    res = project.run("run", "--", "--bogus", "a.py")
    assert res.returncode == 2
    assert "unrecognized arguments: --bogus" in res.stderr
    assert not (project.root / ".tycheckd.json").exists()


def test_start_with_a_bad_flag_reports_the_usage_error(project: Project) -> None:
    res = project.run("start", "--", "--bogus")
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.endswith("tycheck: error: unrecognized arguments: --bogus\n")
    assert not (project.root / ".tycheckd.json").exists()


def test_kill_then_stale_status(project: Project) -> None:
    project.run("start")
    data = status_data(project)
    res = project.run("kill")
    assert (res.stdout, res.returncode) == ("Daemon killed\n", 0)
    assert not process_alive(int(data["pid"]))  # type: ignore[arg-type]
    assert not os.path.exists(os.path.dirname(str(data["connection_name"])))
    res = project.run("status")
    assert (res.stderr, res.returncode) == ("Daemon has died\n", 2)
    res = project.run("start")
    assert (res.stdout, res.returncode) == ("Daemon started\n", 0)
    assert status_data(project)["pid"] != data["pid"]


def test_stale_status_file_with_dead_pid(project: Project) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    (project.root / ".tycheckd.json").write_text(
        json.dumps({"pid": proc.pid, "connection_name": "/nonexistent/tycheckd.sock"})
    )
    res = project.run("status")
    assert (res.stderr, res.returncode) == ("Daemon has died\n", 2)
    project.write("a.py", "x = 1\n")
    res = project.run("run", "--", "a.py")
    assert (res.stdout, res.returncode) == ("Daemon started\n" + CLEAN_OUT, 0)


def test_malformed_status_file(project: Project) -> None:
    (project.root / ".tycheckd.json").write_text("{not json")
    res = project.run("status")
    assert res.returncode == 2
    assert res.stderr.startswith("Malformed status file")
    assert project.run("start").returncode == 0


def test_inactivity_timeout(project: Project) -> None:
    res = project.run("start", "--timeout", "1")
    assert res.returncode == 0
    pid = int(status_data(project)["pid"])  # type: ignore[arg-type]
    assert wait_until(lambda: not process_alive(pid), 10)
    assert not (project.root / ".tycheckd.json").exists()


def test_concurrent_clients_queue(project: Project) -> None:
    project.write("a.py", "x = 1  # ERROR SLEEP\n")
    project.write("b.py", "y = 2\n")
    project.run("start")
    clients = [project.popen("check", "a.py") for _ in range(3)]
    clients += [project.popen("check", "b.py") for _ in range(2)]
    results = [(c.communicate(timeout=60), c.returncode) for c in clients]
    for (out, err), code in results[:3]:
        assert (err, code) == ("", 1)
        assert out.startswith("a.py:1: error: Found an ERROR marker  [misc]\n")
    for (out, err), code in results[3:]:
        assert (out, err, code) == (CLEAN_OUT, "", 0)


def test_internal_error_keeps_the_daemon_alive(project: Project) -> None:
    log = project.root / "daemon.log"
    project.write("a.py", "x = 1\n")
    project.write("boom.py", "RAISE\n")
    project.run("start", "--log-file", str(log))
    res = project.run("check", "boom.py")
    assert res.returncode == 2
    assert "Internal error in tycheckd while handling 'check'" in res.stderr
    assert "RuntimeError: fake session exploded" in res.stderr
    assert project.run("status").returncode == 0
    res = project.run("check", "a.py")
    assert (res.stdout, res.returncode) == (CLEAN_OUT, 0)
    text = log.read_text()
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: fake session exploded" in text


def test_misbehaving_clients_leave_it_healthy(project: Project) -> None:
    project.write("a.py", "x = 1  # SLEEP\n")
    project.run("start")
    sock_path = str(status_data(project)["connection_name"])
    # A client that sends garbage.
    with connect(sock_path, 5) as sock:
        sock.sendall(b"\x00\x00\x00\x05hello")
        answer = receive_message(sock)
    assert answer["error"] == "Bad request: Data received is not valid JSON"
    # A client that connects and hangs up at once.
    connect(sock_path, 5).close()
    # A client that dies in the middle of a frame.
    with connect(sock_path, 5) as sock:
        sock.sendall(encode_message({"command": "status"})[:6])
    # A client that asks for a slow check and vanishes before the answer.
    with connect(sock_path, 5) as sock:
        send_message(sock, {"command": "check", "files": ["a.py"]})
    res = project.run("status")
    assert (res.stdout, res.returncode) == ("Daemon is up and running\n", 0)
    res = project.run("check", "a.py")
    assert (res.stdout, res.returncode) == (CLEAN_OUT, 0)


def test_reports_and_custom_status_file(project: Project) -> None:
    project.write("a.py", "x = 1  # ERROR\n")
    res = project.run(
        "run",
        "--junit-xml",
        "out/junit.xml",
        "--perf-stats-file",
        "perf.json",
        "--",
        "a.py",
        status_file="custom.json",
    )
    assert res.returncode == 1
    assert (project.root / "custom.json").exists()
    assert not (project.root / ".tycheckd.json").exists()
    junit = (project.root / "out/junit.xml").read_text()
    assert '<testsuite errors="0" failures="1" name="mypy" skips="0" tests="1"' in junit
    assert "Found an ERROR marker" in junit
    assert "check" in json.loads((project.root / "perf.json").read_text())
    res = project.run(
        "status", "-v", "--fswatcher-dump-file", "dump.json", status_file="custom.json"
    )
    assert res.returncode == 0
    assert "pid" in res.stdout and res.stdout.endswith("Daemon is up and running\n")
    dump = json.loads((project.root / "dump.json").read_text())
    assert [os.path.basename(p) for p in dump] == ["a.py"]
    assert project.run("stop", status_file="custom.json").stdout == "Daemon stopped\n"


def test_hang_times_out_on_the_client(project: Project) -> None:
    project.run("start")
    res = project.run("hang")
    assert (res.stdout, res.returncode) == ("{'error': 'timed out'}\n", 0)
    res = project.run("stop")
    assert res.returncode == 2
    assert res.stderr.endswith(
        "Daemon may be busy processing; if this persists, consider tycheckd kill\n"
    )
    assert project.run("kill").returncode == 0


def test_inspect_and_suggest_before_a_check(project: Project) -> None:
    res = project.run("suggest", "mod.func")
    assert (res.stderr, res.returncode) == ("No status file found\n", 2)
    project.run("start")
    res = project.run("suggest", "mod.func")
    assert (res.stderr, res.returncode) == (
        "Command 'suggest' is only valid after a 'check' command (that produces no parse errors)\n",
        2,
    )
    res = project.run("inspect", "a.py:1:1")
    assert (res.stderr, res.returncode) == (
        'Command "inspect" is only valid after a "check" command (that produces no parse errors)\n',
        2,
    )


def test_foreground_daemon(project: Project) -> None:
    proc = project.popen("daemon", "--log-file", "fg.log")
    try:
        assert wait_until(lambda: (project.root / ".tycheckd.json").exists(), 20)
        assert project.run("status").returncode == 0
        assert status_data(project)["pid"] == proc.pid
        assert project.run("stop").returncode == 0
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "listening on" in (project.root / "fg.log").read_text()


def test_sigterm_cleans_up(project: Project) -> None:
    project.run("start")
    data = status_data(project)
    os.kill(int(data["pid"]), signal.SIGTERM)  # type: ignore[arg-type]
    assert wait_until(lambda: not (project.root / ".tycheckd.json").exists(), 10)
    assert wait_until(lambda: not os.path.exists(str(data["connection_name"])), 10)


def test_watch_rechecks_on_edits(project: Project) -> None:
    require_module("watchfiles")
    project.write("a.py", "x = 1  # ERROR\n")
    proc = project.popen("watch", "--", "a.py")
    assert proc.stdout is not None
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert lines == ["Daemon started\n"] + ERROR_OUT.splitlines(keepends=True)
        # The watcher is set up after the first check: on a loaded machine that can take
        # longer than any fixed pause, and an edit before it is missed. Edit again (a new
        # mtime each time) until the check after an edit arrives, for at most a minute.
        deadline = time.monotonic() + 60
        line = ""
        while not line and time.monotonic() < deadline:
            project.write("a.py", "x = 1\n")
            if select.select([proc.stdout], [], [], 2.0)[0]:
                line = proc.stdout.readline()
        assert line == CLEAN_OUT
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.parametrize(
    "command",
    [
        "start",
        "restart",
        "status",
        "stop",
        "kill",
        "check",
        "run",
        "recheck",
        "watch",
        "suggest",
        "inspect",
        "hang",
        "daemon",
    ],
)
def test_help(project: Project, command: str) -> None:
    res = project.run(command, "--help")
    assert res.returncode == 0
    assert res.stdout.startswith(f"usage: tycheckd {command}")


def test_version_and_usage(project: Project) -> None:
    assert project.run("--version").stdout == "tycheckd 0.1.0\n"
    assert project.run().stdout.startswith("usage: tycheckd")


def test_restart(project: Project) -> None:
    res = project.run("restart")
    assert (res.stdout, res.returncode) == ("Daemon started\n", 0)
    first = status_data(project)["pid"]
    res = project.run("restart", "--", "--strict")
    assert (res.stdout, res.returncode) == ("Daemon stopped\nDaemon started\n", 0)
    assert status_data(project)["pid"] != first
    assert not process_alive(int(first))  # type: ignore[arg-type]
