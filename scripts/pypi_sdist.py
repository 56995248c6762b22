"""Download and unpack a source distribution from PyPI (standard library only).

Used by ``scripts/fetch_mypy_data.py`` and ``bench/fetch.py``.  The sdist URL and
its sha256 come from PyPI's JSON API (the per-release endpoint, falling back to
the project endpoint, since some mirrors serve only the latter); if that fails,
``pip download --no-binary :all:`` is tried.  Unpacking is idempotent: a
``.complete`` marker in the target directory means there is nothing to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

PYPI = os.environ.get("TYCHECK_PYPI_URL", "https://pypi.org").rstrip("/")
MARKER = ".complete"


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as resp:
        return json.load(resp)


def sdist_info(name: str, version: str) -> tuple[str, str | None]:
    """(absolute URL, sha256 or None) of the sdist of ``name==version``."""
    release_url = f"{PYPI}/pypi/{name}/{version}/json"
    try:
        files, base = _get_json(release_url)["urls"], release_url
    except (urllib.error.URLError, KeyError, ValueError):
        base = f"{PYPI}/pypi/{name}/json"
        files = _get_json(base)["releases"].get(version, [])
    for f in files:
        if f.get("packagetype") == "sdist":
            return urllib.parse.urljoin(base, f["url"]), f.get("digests", {}).get("sha256")
    raise LookupError(f"no sdist for {name}=={version} on {PYPI}")


def _download(url: str, sha256: str | None, dest: str) -> None:
    digest = hashlib.sha256()
    with urllib.request.urlopen(url, timeout=300) as resp, open(dest, "wb") as out:
        while chunk := resp.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    if sha256 and digest.hexdigest() != sha256:
        raise ValueError(f"sha256 mismatch for {url}")


def _pip_download(name: str, version: str, workdir: str) -> str:
    """Fallback: let pip fetch the sdist (it reads the local index configuration)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--no-build-isolation",
            f"{name}=={version}",
            "-d",
            workdir,
        ],
        check=True,
    )
    for n in os.listdir(workdir):
        if n.endswith((".tar.gz", ".zip")):
            return os.path.join(workdir, n)
    raise LookupError(f"pip did not download an sdist of {name}=={version}")


def fetch_archive(name: str, version: str, workdir: str) -> str:
    """Download the sdist into ``workdir``; return the archive's path."""
    try:
        url, sha = sdist_info(name, version)
        path = os.path.join(workdir, os.path.basename(urllib.parse.urlparse(url).path))
        _download(url, sha, path)
        return path
    except (urllib.error.URLError, LookupError, ValueError, OSError) as e:
        print(f"PyPI JSON download failed ({e}); trying pip download", file=sys.stderr)
        return _pip_download(name, version, workdir)


def _extract(archive: str, into: str) -> None:
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")  # refuses links and paths leaving `into`
        else:  # pragma: no cover - Python < 3.11.4
            tar.extractall(into)


def ensure_sdist(name: str, version: str, target: str, archive: str | None = None) -> str:
    """Make ``target`` hold the unpacked ``name==version`` sdist; return ``target``.

    ``archive`` names an already downloaded ``.tar.gz`` to unpack instead."""
    target = os.path.abspath(target)
    if os.path.exists(os.path.join(target, MARKER)):
        return target
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix=".fetch-") as work:
        archive = archive or fetch_archive(name, version, work)
        unpack = os.path.join(work, "unpacked")
        _extract(archive, unpack)
        entries = os.listdir(unpack)
        top = os.path.join(unpack, entries[0]) if len(entries) == 1 else unpack
        open(os.path.join(top, MARKER), "w").close()
        if os.path.exists(target):
            shutil.rmtree(target)  # an earlier run was interrupted
        os.replace(top, target)
    return target
