"""Daemon lifecycle faults of issue 12, each reproduced with real processes over a real socket.

- parallel ``run``s with no daemon running leave exactly one daemon, and all succeed, with
  the same flags or alternating ones (a lock on the status file);
- a client that connects and says nothing blocks nobody else;
- ``kill`` refuses to signal a process that is not our daemon (a stale status file whose pid
  was reused), and says why;
- a client gives up on a stopped (SIGSTOP) daemon with a clear message;
- a daemon whose status file is deleted or replaced exits; killed daemons' socket
  directories are removed by the next daemon that starts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import Project
from tycheck.daemon.protocol import connect, receive_message, send_message
from tycheck.daemon.status import process_alive

CLEAN_OUT = "Success: no issues found in 1 source file\n"


def status_data(project: Project) -> dict[str, object]:
    return json.loads((project.root / ".tycheckd.json").read_text())


def daemons_of(project: Project) -> list[int]:
    """Live daemon processes serving this project's status file (orphans included)."""
    status_file = str(project.root / ".tycheckd.json")
    found = []
    for entry in os.listdir("/proc"):
        try:
            argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"tycheck.daemon" in argv and status_file.encode() in argv and process_alive(int(entry)):
            found.append(int(entry))
    return found


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def wait_until(predicate: object, limit: float = 15.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_parallel_runs_start_exactly_one_daemon(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    clients = [project.popen("run", "--", "a.py") for _ in range(10)]
    try:
        results = [(c.communicate(timeout=120), c.returncode) for c in clients]
        for (out, err), code in results:
            assert (out.removeprefix("Daemon started\n"), err, code) == (CLEAN_OUT, "", 0)
        assert sum(out.startswith("Daemon started\n") for (out, _), _ in results) == 1
        time.sleep(1.0)  # an orphan would still be alive now
        assert daemons_of(project) == [status_data(project)["pid"]]
    finally:
        kill_all(daemons_of(project))


def test_parallel_runs_with_alternating_flags(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    flags = [["--", "a.py"], ["--", "--strict", "a.py"]] * 3
    clients = [project.popen("run", *f) for f in flags]
    try:
        for client in clients:
            out, err = client.communicate(timeout=180)
            assert (err, client.returncode) == ("", 0)
            assert out.endswith(CLEAN_OUT)
        time.sleep(1.0)
        assert daemons_of(project) == [status_data(project)["pid"]]
    finally:
        kill_all(daemons_of(project))


def test_a_silent_client_blocks_nobody(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    assert project.run("start").returncode == 0
    with connect(str(status_data(project)["connection_name"]), 5):
        # Connected, and saying nothing: others are still served at once.
        started = time.monotonic()
        res = project.run("status")
        assert (res.stdout, res.stderr, res.returncode) == ("Daemon is up and running\n", "", 0)
        res = project.run("check", "a.py")
        assert (res.stdout, res.returncode) == (CLEAN_OUT, 0)
        # The daemon's read deadline for a request is 30 s; nobody waited for it.
        assert time.monotonic() - started < 20


def test_status_answers_while_a_request_runs(project: Project) -> None:
    assert project.run("start").returncode == 0
    with connect(str(status_data(project)["connection_name"]), 30) as busy:
        send_message(busy, {"command": "hang", "seconds": 8})
        time.sleep(0.5)
        started = time.monotonic()
        res = project.run("status")
        assert (res.stdout, res.returncode) == ("Daemon is up and running\n", 0)
        assert time.monotonic() - started < 6  # well before the hang ends
        # The busy request gets heartbeats, then its answer.
        frames = [receive_message(busy)]
        while not frames[-1].get("final"):
            frames.append(receive_message(busy))
    assert frames[0] == {} and len(frames) >= 3


def test_kill_spares_an_unrelated_process(project: Project, tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        fake_socket = tmp_path / "not-a-socket"
        fake_socket.write_text("")
        (project.root / ".tycheckd.json").write_text(
            json.dumps({"pid": other.pid, "connection_name": str(fake_socket)})
        )
        res = project.run("kill")
        assert res.returncode == 2
        assert res.stderr.startswith(
            f"Refusing to kill process {other.pid}: it is not a tycheck daemon for "
        )
        assert "import time; time.sleep(120)" in res.stderr
        time.sleep(0.5)
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_kill_spares_another_status_files_daemon(project: Project) -> None:
    """A live daemon, but of another status file: not the one this status file started."""
    assert project.run("start", status_file="other.json").returncode == 0
    (project.root / ".tycheckd.json").write_text((project.root / "other.json").read_text())
    pid = int(status_data(project)["pid"])  # type: ignore[arg-type]
    res = project.run("kill")
    assert res.returncode == 2 and res.stderr.startswith(f"Refusing to kill process {pid}: ")
    assert process_alive(pid)
    assert project.run("kill", status_file="other.json").stdout == "Daemon killed\n"


def test_run_against_a_stopped_daemon_gives_up(project: Project) -> None:
    project.write("a.py", "x = 1\n")
    assert project.run("start").returncode == 0
    pid = int(status_data(project)["pid"])  # type: ignore[arg-type]
    os.kill(pid, signal.SIGSTOP)
    try:
        project.env["TYCHECKD_CLIENT_TIMEOUT"] = "3"
        started = time.monotonic()
        res = project.run("run", "--", "a.py", timeout=60)
        assert time.monotonic() - started < 30
        assert res.returncode == 2
        assert res.stderr == (
            f"Daemon (pid {pid}) is stopped (SIGSTOP?) and did not answer within 3 seconds; "
            f"resume it with 'kill -CONT {pid}' or use tycheckd kill\n"
        )
        assert project.run("kill").stdout == "Daemon killed\n"
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def test_daemon_exits_when_its_status_file_is_deleted(project: Project) -> None:
    assert project.run("start").returncode == 0
    data = status_data(project)
    (project.root / ".tycheckd.json").unlink()
    assert wait_until(lambda: not process_alive(int(data["pid"])))  # type: ignore[arg-type]
    assert not os.path.exists(os.path.dirname(str(data["connection_name"])))


def test_daemon_exits_when_its_status_file_is_replaced(project: Project) -> None:
    assert project.run("start").returncode == 0
    first = status_data(project)
    # A second daemon on another status file, whose status then replaces the first one's.
    assert project.run("start", status_file="second.json").returncode == 0
    os.replace(project.root / "second.json", project.root / ".tycheckd.json")
    assert wait_until(lambda: not process_alive(int(first["pid"])))  # type: ignore[arg-type]
    assert not os.path.exists(os.path.dirname(str(first["connection_name"])))
    assert status_data(project)["pid"] != first["pid"]


def test_killed_daemons_socket_dirs_are_cleaned_up(project: Project) -> None:
    assert project.run("start").returncode == 0
    data = status_data(project)
    directory = os.path.dirname(str(data["connection_name"]))
    os.kill(int(data["pid"]), signal.SIGKILL)  # type: ignore[arg-type]
    assert wait_until(lambda: not process_alive(int(data["pid"])))  # type: ignore[arg-type]
    assert os.path.isdir(directory)  # a killed process cleans up nothing itself
    assert project.run("start", status_file="next.json").returncode == 0
    assert not os.path.exists(directory)
    assert project.run("stop", status_file="next.json").returncode == 0
