"""The error and notes reported for an import that could not be resolved (mypy's texts).

Each failure yields one error and some notes. The notes other than "Did you mean" are
reported only once per run (mypy's ``only_once``): the documentation link appears after the
first failed import only, however many imports fail.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from typing import NamedTuple

from tycheck.modules.resolve import ModuleNotFoundReason
from tycheck.modules.stub_packages import stub_distribution

MISSING_IMPORTS_DOC = "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports"

IMPORT_NOT_FOUND = "import-not-found"
IMPORT_UNTYPED = "import-untyped"
IMPORT = "import"

# Import names of the most downloaded PyPI projects, offered as "Did you mean" corrections
# together with the standard library's public top-level modules.
POPULAR_MODULES: frozenset[str] = frozenset(
    """
    PIL aiobotocore aiohappyeyeballs aiohttp aiosignal annotated_types anyio attrs awscli
    boto3 botocore cachetools certifi cffi charset_normalizer click colorama cryptography
    dateutil dotenv et_xmlfile filelock frozenlist fsspec google googleapis_common_protos
    greenlet grpc grpc_status grpc_tools h11 httpcore httpx idna importlib_metadata iniconfig
    jinja2 jmespath jsonschema jsonschema_specifications markdown_it markupsafe mdurl multidict
    numpy oauthlib openpyxl opentelemetry packaging pandas pathspec pip platformdirs pluggy
    propcache protobuf psutil pyarrow pyasn1 pyasn1_modules pycparser pydantic pydantic_core
    pygments pyjwt pyparsing pytest pytz referencing requests requests_oauthlib rich rpds rsa
    s3fs s3transfer scipy setuptools six sqlalchemy starlette tomli tqdm trove_classifiers
    typing_extensions typing_inspection tzdata urllib3 virtualenv wheel wrapt yaml yandexcloud
    yarl zipp
    """.split()
)


class ImportMessage(NamedTuple):
    """One line of the report: severity ("error"/"note"), text, code, and once-per-run."""

    severity: str
    message: str
    code: str | None
    only_once: bool


def error_code(reason: ModuleNotFoundReason) -> str:
    if reason is ModuleNotFoundReason.NOT_FOUND:
        return IMPORT_NOT_FOUND
    if reason in (
        ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS,
        ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED,
    ):
        return IMPORT_UNTYPED
    return IMPORT


def _error_text(module: str, reason: ModuleNotFoundReason) -> str:
    if reason is ModuleNotFoundReason.FOUND_WITHOUT_TYPE_HINTS:
        return (
            f'Skipping analyzing "{module}": module is installed, but missing library stubs '
            "or py.typed marker"
        )
    if reason is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED:
        return f'Library stubs not installed for "{module}"'
    return f'Cannot find implementation or library stub for module named "{module}"'


def _notes(module: str, reason: ModuleNotFoundReason, daemon: bool) -> list[str]:
    if reason is ModuleNotFoundReason.WRONG_WORKING_DIRECTORY:
        return ["You may be running mypy in a subpackage, mypy should be run on the package root"]
    if reason is ModuleNotFoundReason.APPROVED_STUBS_NOT_INSTALLED:
        notes = [f'Hint: "python3 -m pip install {stub_distribution(module)}"']
        if not daemon:
            notes.append('(or run "mypy --install-types" to install all missing stub packages)')
        return notes + [MISSING_IMPORTS_DOC]
    return [MISSING_IMPORTS_DOC]


def _upper_bound_ratio(a: str, b: str) -> float:
    """A cheap upper bound of ``SequenceMatcher.ratio`` to discard hopeless candidates."""
    return 2.0 * min(len(a), len(b)) / (len(a) + len(b))


def close_matches(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` candidates similar to ``name`` (ratio > 0.75), best first."""
    if not name:
        return []
    pool = [c for c in candidates if _upper_bound_ratio(name, c) > 0.75]
    if len(pool) >= 50:
        pool = [c for c in pool if abs(len(c) - len(name)) <= 1]
    ratios = {c: difflib.SequenceMatcher(a=name, b=c).ratio() for c in pool}
    good = [c for c, r in ratios.items() if r > 0.75]
    return sorted(good, key=lambda c: (-ratios[c], c))[:limit]


def quoted_alternatives(names: list[str], conjunction: str = "or") -> str:
    """``"a"``, ``"a" or "b"``, ``"a", "b" or "c"``."""
    quoted = [f'"{n}"' for n in names]
    if len(quoted) <= 2:
        return f" {conjunction} ".join(quoted)
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]


def _suggestion(module: str, known_modules: Collection[str]) -> str | None:
    top = module.partition(".")[0]
    if top.startswith("_"):
        return None
    matches = [m for m in close_matches(top, known_modules) if m.lower() != top.lower()]
    return f"Did you mean {quoted_alternatives(matches)}?" if matches else None


def module_not_found_report(
    module: str,
    reason: ModuleNotFoundReason,
    *,
    daemon: bool = False,
    known_modules: Collection[str] | None = None,
) -> list[ImportMessage]:
    """The error and notes for a failed import of ``module``.

    ``known_modules`` (popular and stdlib top-level names; see ``known_module_names``)
    enables the "Did you mean" note for a plain not-found module. Leave it None when the
    error code is disabled, the line's error is ignored or simple messages are preferred.
    """
    code = error_code(reason)
    report = [ImportMessage("error", _error_text(module, reason), code, False)]
    if reason is ModuleNotFoundReason.NOT_FOUND and known_modules is not None:
        hint = _suggestion(module, known_modules)
        if hint is not None:
            report.append(ImportMessage("note", hint, code, False))
    report.extend(ImportMessage("note", n, code, True) for n in _notes(module, reason, daemon))
    return report


def module_not_found_messages(
    module: str,
    reason: ModuleNotFoundReason,
    *,
    daemon: bool = False,
    known_modules: Collection[str] | None = None,
) -> list[tuple[str, str, str | None]]:
    """(severity, message, code) triples of ``module_not_found_report``."""
    return [
        (m.severity, m.message, m.code)
        for m in module_not_found_report(module, reason, daemon=daemon, known_modules=known_modules)
    ]


def known_module_names(stdlib_top_level: Iterable[str]) -> frozenset[str]:
    """Candidates for "Did you mean": popular PyPI modules plus the given stdlib names."""
    return POPULAR_MODULES | frozenset(stdlib_top_level)
