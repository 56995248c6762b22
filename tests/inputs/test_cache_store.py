"""The on-disk cache store: atomic, checksummed, lock-free, prunable, optionally remote."""

from __future__ import annotations

import os
import pathlib
import threading
import time

import fsspec

from tycheck.inputs.cache_store import (
    LayeredStore,
    LocalStore,
    RemoteStore,
    cache_root,
    entry_key,
    open_store,
)

KEY = entry_key("module", "a", 1)


def test_put_then_get_round_trips_and_layout_is_sharded(tmp_path: pathlib.Path) -> None:
    store = LocalStore(str(tmp_path / "c" / "tycheck"))
    store.put(KEY, b"payload")
    assert store.get(KEY) == b"payload"
    assert os.path.isfile(tmp_path / "c" / "tycheck" / "objects" / KEY[:2] / KEY)
    # The cache directory gets the markers that keep it out of git and backups.
    assert (tmp_path / "c" / ".gitignore").read_text().endswith("*\n")
    assert (
        (tmp_path / "c" / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert not [
        n
        for n in os.listdir(tmp_path / "c" / "tycheck" / "objects" / KEY[:2])
        if n.endswith(".tmp")
    ]


def test_truncated_or_corrupt_entry_is_a_miss_and_is_removed(tmp_path: pathlib.Path) -> None:
    store = LocalStore(str(tmp_path))
    for damage in (
        lambda b: b[: len(b) - 3],
        lambda b: b[:10],
        lambda b: b"",
        lambda b: b[:-1] + b"X",
    ):
        store.put(KEY, b"some payload bytes")
        path = store.path_of(KEY)
        data = pathlib.Path(path).read_bytes()
        pathlib.Path(path).write_bytes(damage(data))
        assert store.get(KEY) is None
        assert not os.path.exists(path)


def test_entry_stored_under_another_key_is_a_miss(tmp_path: pathlib.Path) -> None:
    store = LocalStore(str(tmp_path))
    other = entry_key("other")
    store.put(other, b"x")
    os.makedirs(os.path.dirname(store.path_of(KEY)), exist_ok=True)
    os.replace(store.path_of(other), store.path_of(KEY))
    assert store.get(KEY) is None


def test_concurrent_writers_of_one_key_never_leave_a_broken_entry(tmp_path: pathlib.Path) -> None:
    payload = os.urandom(200_000)
    seen: list[bytes | None] = []

    def writer() -> None:
        store = LocalStore(str(tmp_path))
        for _ in range(30):
            store.put(KEY, payload)
            seen.append(store.get(KEY))

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen and all(s == payload for s in seen)
    assert LocalStore(str(tmp_path)).get(KEY) == payload


def test_read_only_and_write_only_modes(tmp_path: pathlib.Path) -> None:
    LocalStore(str(tmp_path), read=False).put(KEY, b"v")
    assert LocalStore(str(tmp_path), read=False).get(KEY) is None
    assert LocalStore(str(tmp_path)).get(KEY) == b"v"
    LocalStore(str(tmp_path), write=False).put(entry_key("new"), b"w")
    assert LocalStore(str(tmp_path)).get(entry_key("new")) is None


def test_prune_removes_entries_unused_for_long_and_keeps_the_rest(tmp_path: pathlib.Path) -> None:
    store = LocalStore(str(tmp_path))
    old, new = entry_key("old"), entry_key("new")
    store.put(old, b"o")
    store.put(new, b"n")
    past = time.time() - 40 * 86400
    os.utime(store.path_of(old), (past, past))
    assert store.prune(30 * 86400) == 1
    assert store.get(old) is None and store.get(new) == b"n"
    # close() prunes at most once a day: the stamp is written, a second close does nothing.
    store.put(old, b"o")
    os.utime(store.path_of(old), (past, past))
    store.close()
    assert store.get(old) is None
    store.put(old, b"o")
    os.utime(store.path_of(old), (past, past))
    store.close()
    assert store.get(old) == b"o"


def test_a_hit_on_an_old_entry_refreshes_its_age(tmp_path: pathlib.Path) -> None:
    store = LocalStore(str(tmp_path))
    store.put(KEY, b"v")
    past = time.time() - 10 * 86400
    os.utime(store.path_of(KEY), (past, past))
    assert store.get(KEY) == b"v"
    assert time.time() - os.stat(store.path_of(KEY)).st_mtime < 3600


def test_open_store_honours_devnull_no_incremental_and_its_own_subdirectory(
    tmp_path: pathlib.Path,
) -> None:
    assert open_store(os.devnull, True, str(tmp_path), {}) is None
    assert open_store("", True, str(tmp_path), {}) is None
    store = open_store(".mypy_cache", False, str(tmp_path), {})
    assert isinstance(store, LocalStore) and not store.read and store.write
    assert cache_root(".mypy_cache", str(tmp_path)) == str(tmp_path / ".mypy_cache" / "tycheck")


def test_remote_memory_store_read_through_and_write_back(tmp_path: pathlib.Path) -> None:
    url = "memory://tycheck-test-remote"
    fsspec.filesystem("memory").rm(url, recursive=True) if fsspec.filesystem("memory").exists(
        url
    ) else None
    writer = LayeredStore(LocalStore(str(tmp_path / "one")), RemoteStore(url, write=True))
    writer.put(KEY, b"shared")
    # Another machine: empty local cache, read-only remote.
    local = LocalStore(str(tmp_path / "two"))
    reader = LayeredStore(local, RemoteStore(url))
    assert reader.get(KEY) == b"shared"
    assert local.get(KEY) == b"shared"  # read through: now local too
    reader.put(entry_key("mine"), b"local only")
    assert RemoteStore(url).get(entry_key("mine")) is None


def test_remote_local_filesystem_url_uses_the_same_layout(tmp_path: pathlib.Path) -> None:
    remote = RemoteStore(f"file://{tmp_path / 'bucket'}", write=True)
    remote.put(KEY, b"v")
    # Caches merge by copying: the remote's objects are valid local entries.
    assert LocalStore(str(tmp_path / "bucket")).get(KEY) == b"v"
    pathlib.Path(LocalStore(str(tmp_path / "bucket")).path_of(KEY)).write_bytes(b"TYC1\nbroken")
    assert RemoteStore(f"file://{tmp_path / 'bucket'}").get(KEY) is None


def test_open_store_with_remote_environment(tmp_path: pathlib.Path) -> None:
    env = {"TYCHECK_REMOTE_CACHE": "memory://tycheck-env-remote", "TYCHECK_REMOTE_CACHE_WRITE": "1"}
    store = open_store(".mypy_cache", True, str(tmp_path), env)
    assert isinstance(store, LayeredStore)
    store.put(KEY, b"v")
    assert RemoteStore("memory://tycheck-env-remote").get(KEY) == b"v"
    # A bad URL (unknown protocol) costs the sharing, never the run.
    assert isinstance(
        open_store(".mypy_cache", True, str(tmp_path), {"TYCHECK_REMOTE_CACHE": "nosuchproto://x"}),
        LocalStore,
    )
