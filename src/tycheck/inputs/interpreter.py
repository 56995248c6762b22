"""Ask a Python interpreter where its installed packages live (``--python-executable``).

This is the one place in tycheck that starts a subprocess. The answer is two lists of
absolute directories: the interpreter's ``sys.path`` without the standard library (stdlib
comes from typeshed instead) and its site-packages directories (user site first). Answers are
cached per executable for the life of the process, since asking costs a process start.
"""

from __future__ import annotations

import ast
import functools
import os
import site
import sys
import sysconfig
from dataclasses import dataclass


@dataclass(frozen=True)
class InterpreterDirs:
    """Where an interpreter finds installed code."""

    sys_path: tuple[str, ...] = ()
    site_packages: tuple[str, ...] = ()


class InterpreterError(Exception):
    """The executable could not be run; ``message`` is what the user should see."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Run inside the target interpreter. It must work on any Python 3 that users point us at,
# so it sticks to the standard library and old syntax. The first sys.path entry is the
# directory of the running script (or the cwd for -c), which is not an install location,
# unless safe-path mode (3.11+) suppressed it.
_PROBE = r"""
import os, site, sys, sysconfig
def site_dirs():
    if hasattr(site, "getsitepackages"):
        res = list(site.getsitepackages())
        if hasattr(site, "getusersitepackages") and site.ENABLE_USER_SITE:
            res.insert(0, site.getusersitepackages())
        return res
    return [sysconfig.get_paths()["purelib"]]
def path_dirs():
    stdlib = sysconfig.get_path("stdlib")
    skip = set([
        os.path.join(sys.base_exec_prefix, getattr(sys, "platlibdir", "lib"),
                     "python%d%d.zip" % sys.version_info[:2]),
        stdlib,
        os.path.join(stdlib, "lib-dynload"),
    ])
    first = 0 if getattr(sys.flags, "safe_path", False) else 1
    dirs = [os.path.abspath(p) for p in sys.path[first:]]
    return [p for p in dirs if p not in skip]
print(repr((path_dirs(), site_dirs())))
"""


def _site_dirs_here() -> list[str]:
    if hasattr(site, "getsitepackages"):
        dirs = list(site.getsitepackages())
        if hasattr(site, "getusersitepackages") and site.ENABLE_USER_SITE:
            dirs.insert(0, site.getusersitepackages())
        return dirs
    return [sysconfig.get_paths()["purelib"]]


def _sys_path_here() -> list[str]:
    stdlib = sysconfig.get_path("stdlib")
    skip = {
        os.path.join(
            sys.base_exec_prefix,
            getattr(sys, "platlibdir", "lib"),
            f"python{sys.version_info.major}{sys.version_info.minor}.zip",
        ),
        stdlib,
        os.path.join(stdlib, "lib-dynload"),
    }
    # The first entry is our own script's directory (or the cwd), not an install location.
    first = 0 if sys.flags.safe_path else 1
    dirs = [os.path.abspath(p) for p in sys.path[first:]]
    return [p for p in dirs if p not in skip]


def _ask_subprocess(executable: str) -> InterpreterDirs:
    import subprocess  # only for another interpreter: not worth its import time on every run

    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    try:
        out = subprocess.run(
            [executable, "-c", _PROBE],
            env=env,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except OSError as err:
        reason = os.strerror(err.errno) if err.errno is not None else str(err)
        raise InterpreterError(f"mypy: Invalid python executable '{executable}': {reason}") from err
    except subprocess.CalledProcessError as err:
        detail = (err.stderr or b"").decode(errors="replace").strip()
        raise InterpreterError(
            f"Invalid python executable '{executable}': {detail or 'probe failed'}"
        ) from err
    sys_path, site_packages = ast.literal_eval(out.strip())
    return InterpreterDirs(tuple(sys_path), tuple(site_packages))


@functools.cache
def search_dirs(python_executable: str | None) -> InterpreterDirs:
    """The package directories of ``python_executable`` (nothing for None).

    Raises ``InterpreterError`` when the executable cannot be started.
    """
    if python_executable is None:
        return InterpreterDirs()
    if python_executable == sys.executable:
        return InterpreterDirs(tuple(_sys_path_here()), tuple(_site_dirs_here()))
    return _ask_subprocess(python_executable)
