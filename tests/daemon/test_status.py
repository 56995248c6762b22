"""Unit tests for the status file, liveness and stale detection."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tycheck.daemon.status import (
    SOCKET_NAME,
    BadStatus,
    StatusInfo,
    check_status,
    clean_stale,
    get_status,
    is_running,
    make_socket_dir,
    process_alive,
    read_status,
    remove_socket_dir,
    remove_status_if_owned,
    write_status,
)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def socket_path() -> str:
    directory = make_socket_dir()
    path = os.path.join(directory, SOCKET_NAME)
    Path(path).touch()
    yield path
    remove_socket_dir(path)


def test_write_is_private_and_readable(tmp_path: Path, socket_path: str) -> None:
    path = tmp_path / "st.json"
    write_status(str(path), StatusInfo(os.getpid(), socket_path, "1.0", "fp"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_status(str(path)) == {
        "pid": os.getpid(),
        "connection_name": socket_path,
        "version": "1.0",
        "fingerprint": "fp",
    }
    assert get_status(str(path)) == (os.getpid(), socket_path)
    assert is_running(str(path))
    # No temporary files are left next to it.
    assert [p.name for p in tmp_path.iterdir()] == ["st.json"]


def test_write_replaces_atomically(tmp_path: Path, socket_path: str) -> None:
    path = tmp_path / "st.json"
    path.write_text("garbage")
    os.chmod(path, 0o644)
    write_status(str(path), StatusInfo(1, socket_path, "v", "f"))
    assert json.loads(path.read_text())["pid"] == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_socket_dir_is_private() -> None:
    directory = make_socket_dir()
    try:
        assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
        assert os.path.basename(directory).startswith("tycheckd-")
        # The pid file lets a later daemon tell a killed daemon's leftovers from a live one.
        assert (Path(directory) / "pid").read_text() == f"{os.getpid()}\n"
    finally:
        remove_socket_dir(os.path.join(directory, "tycheckd.sock"))
    assert not os.path.exists(directory)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadStatus, match="^No status file found$"):
        read_status(str(tmp_path / "nope.json"))
    assert not is_running(str(tmp_path / "nope.json"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "Malformed status file"),
        ("[1]", "Invalid status file \\(not a dict\\)"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "st.json"
    path.write_text(text)
    with pytest.raises(BadStatus, match=message):
        read_status(str(path))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Invalid status file \\(no pid field\\)"),
        ({"pid": "12"}, "pid field is not an int"),
        ({"pid": True}, "pid field is not an int"),
        ({"pid": os.getpid()}, "Invalid status file \\(no connection_name field\\)"),
        ({"pid": os.getpid(), "connection_name": 3}, "connection_name field is not a string"),
    ],
)
def test_invalid_contents(data: dict[str, object], message: str) -> None:
    with pytest.raises(BadStatus, match=message):
        check_status(data)


def test_dead_pid_means_daemon_has_died(socket_path: str) -> None:
    with pytest.raises(BadStatus, match="^Daemon has died$"):
        check_status({"pid": dead_pid(), "connection_name": socket_path})


def test_missing_socket_means_daemon_has_died(tmp_path: Path) -> None:
    with pytest.raises(BadStatus, match="^Daemon has died$"):
        check_status({"pid": os.getpid(), "connection_name": str(tmp_path / "gone.sock")})


def test_process_alive() -> None:
    assert process_alive(os.getpid())
    assert not process_alive(dead_pid())
    assert not process_alive(0)
    assert not process_alive(-5)


def test_zombie_counts_as_dead() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    # Not reaped yet: a zombie once it has exited.
    for _ in range(200):
        if not process_alive(proc.pid):
            break
        time.sleep(0.01)
    try:
        if os.path.exists(f"/proc/{proc.pid}/stat"):
            assert not process_alive(proc.pid)
    finally:
        proc.wait()


def test_clean_stale_removes_file_and_socket_dir(tmp_path: Path) -> None:
    directory = make_socket_dir()
    sock = os.path.join(directory, SOCKET_NAME)
    Path(sock).touch()
    path = tmp_path / "st.json"
    write_status(str(path), StatusInfo(dead_pid(), sock, "v", "f"))
    clean_stale(str(path))
    assert not path.exists()
    assert not os.path.exists(directory)


def test_clean_stale_leaves_a_live_daemon_alone(tmp_path: Path, socket_path: str) -> None:
    path = tmp_path / "st.json"
    write_status(str(path), StatusInfo(os.getpid(), socket_path, "v", "f"))
    clean_stale(str(path))
    assert path.exists()
    assert os.path.exists(socket_path)


def test_clean_stale_removes_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "st.json"
    path.write_text("{{{")
    clean_stale(str(path))
    assert not path.exists()


def test_remove_socket_dir_never_touches_foreign_directories(tmp_path: Path) -> None:
    victim = tmp_path / "important"
    victim.mkdir()
    (victim / SOCKET_NAME).write_text("keep me")
    remove_socket_dir(str(victim / SOCKET_NAME))
    assert (victim / SOCKET_NAME).read_text() == "keep me"


def test_remove_socket_dir_keeps_unexpected_files() -> None:
    directory = make_socket_dir()
    other = os.path.join(directory, "other")
    Path(other).write_text("x")
    remove_socket_dir(os.path.join(directory, SOCKET_NAME))
    assert os.path.exists(other)
    os.unlink(other)
    os.rmdir(directory)


def test_remove_status_only_if_owned(tmp_path: Path, socket_path: str) -> None:
    path = tmp_path / "st.json"
    write_status(str(path), StatusInfo(12345, socket_path, "v", "f"))
    remove_status_if_owned(str(path), 999)
    assert path.exists()
    remove_status_if_owned(str(path), 12345)
    assert not path.exists()


def test_stale_socket_dirs_are_swept(tmp_path: Path) -> None:
    from tycheck.daemon.status import remove_stale_socket_dirs

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name, pid in (("tycheckd-dead", dead.pid), ("tycheckd-notours", os.getpid())):
        (tmp_path / name).mkdir()
        (tmp_path / name / "pid").write_text(f"{pid}\n")
        (tmp_path / name / "tycheckd.sock").write_text("")
    (tmp_path / "tycheckd-young").mkdir()  # no pid file yet: a daemon may be starting
    (tmp_path / "tycheckd-old").mkdir()  # no pid file, old, nobody listening
    os.utime(tmp_path / "tycheckd-old", (time.time() - 3600, time.time() - 3600))
    (tmp_path / "unrelated").mkdir()
    assert remove_stale_socket_dirs((str(tmp_path),)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tycheckd-young", "unrelated"]
