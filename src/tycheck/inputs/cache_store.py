"""The persistent result cache on disk: content-addressed, immutable entries.

An entry is a blob named by a hex digest chosen by the caller (a hash of everything the
stored value depends on), so two runs that compute the same key store the same value and
caches merge by copying files. The layout under ``<cache-dir>/tycheck/`` is
``objects/<first two hex digits>/<digest>``, beside (never inside) mypy's own files.

Robustness rules, each tested:

* a write goes to a uniquely named temporary file in the entry's directory, then
  ``os.replace`` renames it: readers see the old entry, the new one, or none, never half;
* concurrent writers never lock: both renames succeed and the last one wins, which is
  harmless because equal keys carry equal values;
* every entry carries a checksum of its key and payload, so a truncated or corrupt file is
  a miss (and is removed), never an error; so is any ``OSError``;
* entries a run uses are touched at most once a day, and a run prunes entries nobody used
  for ``max_age_days`` once a day, so the directory does not grow without bound.

An optional remote store (any ``fsspec`` URL: ``s3://``, ``gs://``, ``memory://``,
``file://``...) sits behind the local one: a local miss reads through to it and, when asked,
new entries are written back. ``fsspec`` is an optional extra (``tycheck[remote]``).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any, Mapping, Protocol

MAGIC = b"TYC1\n"
SUBDIR = "tycheck"
DAY = 86400.0
#: The ``.gitignore`` and ``CACHEDIR.TAG`` that keep a cache directory out of version control
#: and out of backups, written (like mypy does) when we create the directory.
GITIGNORE = "# Automatically created by tycheck\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by tycheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def entry_key(*parts: object) -> str:
    """A hex digest of ``parts`` (JSON-serialisable values): the name of an entry."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def encode_entry(key: str, payload: bytes) -> bytes:
    """The bytes stored for ``payload`` under ``key``: a header, a checksum, the payload."""
    check = hashlib.sha256(key.encode("ascii") + payload).hexdigest().encode("ascii")
    return MAGIC + check + b"\n" + payload


def decode_entry(key: str, data: bytes) -> bytes | None:
    """The payload of stored ``data``, or None when it is not a whole entry for ``key``."""
    if not data.startswith(MAGIC):
        return None
    head_end = len(MAGIC) + 64
    if len(data) <= head_end or data[head_end : head_end + 1] != b"\n":
        return None
    payload = data[head_end + 1 :]
    check = hashlib.sha256(key.encode("ascii") + payload).hexdigest().encode("ascii")
    return payload if check == data[len(MAGIC) : head_end] else None


class Store(Protocol):
    """What the service needs of a cache: bytes in and out by key, and a last word."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, payload: bytes) -> None: ...

    def close(self) -> None: ...


class LocalStore:
    """Entries as files under ``root``; see the module docstring for the rules."""

    def __init__(
        self, root: str, *, read: bool = True, write: bool = True, max_age_days: float = 30.0
    ) -> None:
        self.root = root
        self.read = read
        self.write = write
        self.max_age_days = max_age_days
        self.objects = os.path.join(root, "objects")
        self._made_dirs: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.writes = 0

    def path_of(self, key: str) -> str:
        return os.path.join(self.objects, key[:2], key)

    def get(self, key: str) -> bytes | None:
        if not self.read:
            return None
        path = self.path_of(key)
        try:
            with open(path, "rb") as f:
                data = f.read()
                st = os.fstat(f.fileno())
        except OSError:
            self.misses += 1
            return None
        payload = decode_entry(key, data)
        if payload is None:
            self.misses += 1
            self._discard(path)
            return None
        self.hits += 1
        if self.write and time.time() - st.st_mtime > DAY:
            self._touch(path)
        return payload

    def put(self, key: str, payload: bytes) -> None:
        if not self.write:
            return
        path = self.path_of(key)
        directory = os.path.dirname(path)
        tmp = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        try:
            if directory not in self._made_dirs:
                self._prepare(directory)
            with open(tmp, "wb") as f:
                f.write(encode_entry(key, payload))
            os.replace(tmp, path)
            self.writes += 1
        except OSError:
            # A read-only or full disk costs speed, never correctness.
            self._discard(tmp)

    def create(self) -> None:
        """Make the cache directory now, before the run looks at the directories around it.

        A cache directory that appeared halfway through the first run would change the
        listing of the project directory, and a daemon's first recheck would then look for
        every module again.
        """
        if self.write:
            try:
                self._prepare(self.objects)
            except OSError:
                pass  # a read-only place: the first write will say nothing either

    def _prepare(self, directory: str) -> None:
        cache_dir = os.path.dirname(self.root)
        if not os.path.isdir(cache_dir):
            os.makedirs(cache_dir, exist_ok=True)
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                _write_if_missing(os.path.join(cache_dir, name), text)
        os.makedirs(directory, exist_ok=True)
        self._made_dirs.add(directory)

    def close(self) -> None:
        """Prune once a day (the stamp file's mtime says when it was last done)."""
        if not self.write or not os.path.isdir(self.objects):
            return
        stamp = os.path.join(self.root, "last-prune")
        try:
            if time.time() - os.stat(stamp).st_mtime < DAY:
                return
        except OSError:
            pass
        _write_if_missing(stamp, "")
        self._touch(stamp)
        self.prune(self.max_age_days * DAY)

    def prune(self, max_age_seconds: float) -> int:
        """Remove entries unused for ``max_age_seconds`` (and stale temporary files)."""
        now = time.time()
        removed = 0
        try:
            shards = os.listdir(self.objects)
        except OSError:
            return 0
        for shard in shards:
            directory = os.path.join(self.objects, shard)
            try:
                names = os.listdir(directory)
            except OSError:
                continue
            for name in names:
                path = os.path.join(directory, name)
                limit = min(max_age_seconds, 3600.0) if name.endswith(".tmp") else max_age_seconds
                try:
                    if now - os.stat(path).st_mtime > limit:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue
        return removed

    @staticmethod
    def _touch(path: str) -> None:
        try:
            os.utime(path)
        except OSError:
            pass

    @staticmethod
    def _discard(path: str) -> None:
        try:
            os.unlink(path)
        except OSError:
            pass


class RemoteStore:
    """Entries in any ``fsspec`` file system, same layout and format as ``LocalStore``."""

    def __init__(
        self, url: str, *, write: bool = False, storage_options: Mapping[str, Any] | None = None
    ) -> None:
        import fsspec  # the optional extra: imported only when a remote cache is asked for

        self.fs, self.root = fsspec.core.url_to_fs(url, **dict(storage_options or {}))
        self.write = write
        self.hits = 0
        self.writes = 0

    def _path(self, key: str) -> str:
        return f"{self.root.rstrip('/')}/objects/{key[:2]}/{key}"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.fs.cat_file(self._path(key))
        except Exception:  # any backend's "not found" or network failure: a miss
            return None
        payload = decode_entry(key, bytes(data))
        if payload is not None:
            self.hits += 1
        return payload

    def put(self, key: str, payload: bytes) -> None:
        if not self.write:
            return
        path = self._path(key)
        try:
            # Always written: results are immutable anyway, and the few hint entries (see
            # service/module_cache.py) should carry the latest hint.
            self.fs.makedirs(path.rpartition("/")[0], exist_ok=True)
            self.fs.pipe_file(path, encode_entry(key, payload))
            self.writes += 1
        except Exception:  # a remote that refuses writes costs sharing, not the run
            return

    def close(self) -> None:
        return


class LayeredStore:
    """A local store in front of a remote one: read through, optionally write back."""

    def __init__(self, local: Store, remote: Store) -> None:
        self.local = local
        self.remote = remote

    def get(self, key: str) -> bytes | None:
        payload = self.local.get(key)
        if payload is None:
            payload = self.remote.get(key)
            if payload is not None:
                self.local.put(key, payload)
        return payload

    def put(self, key: str, payload: bytes) -> None:
        self.local.put(key, payload)
        self.remote.put(key, payload)

    def close(self) -> None:
        self.local.close()
        self.remote.close()


def cache_root(cache_dir: str, cwd: str) -> str:
    """Where tycheck's entries live for ``--cache-dir``: its own subdirectory."""
    base = cache_dir if os.path.isabs(cache_dir) else os.path.join(cwd, cache_dir)
    return os.path.join(base, SUBDIR)


def open_store(
    cache_dir: str, incremental: bool, cwd: str, environ: Mapping[str, str]
) -> Store | None:
    """The store a run uses, or None for no cache at all.

    ``--cache-dir=/dev/null`` turns the cache off; ``--no-incremental`` keeps writing it but
    reads nothing (as mypy does). ``TYCHECK_REMOTE_CACHE`` names an ``fsspec`` URL read
    through on local misses; ``TYCHECK_REMOTE_CACHE_WRITE=1`` also writes new entries there.
    """
    if not cache_dir or os.path.abspath(os.path.join(cwd, cache_dir)) == os.devnull:
        return None
    local = LocalStore(cache_root(cache_dir, cwd), read=incremental)
    local.create()
    url = environ.get("TYCHECK_REMOTE_CACHE", "").strip()
    if not url or not incremental:
        return local
    try:
        remote = RemoteStore(
            url, write=environ.get("TYCHECK_REMOTE_CACHE_WRITE", "") in ("1", "true", "yes")
        )
    except Exception:  # fsspec missing or a bad URL: run on the local cache alone
        return local
    return LayeredStore(local, remote)


def tree_digest(root: str, suffix: str) -> str:
    """A digest of the names and contents of the files ending in ``suffix`` under ``root``."""
    h = hashlib.blake2b(digest_size=16)
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith(suffix):
                path = os.path.join(directory, name)
                h.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\x00")
                with open(path, "rb") as f:
                    h.update(hashlib.blake2b(f.read(), digest_size=16).digest())
    return h.hexdigest()


def _write_if_missing(path: str, text: str) -> None:
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(text)
    except OSError:
        pass
