"""Texts reported for unresolved imports (mypy's exact wording)."""

from __future__ import annotations

from tycheck.modules.messages import (
    known_module_names,
    module_not_found_messages,
    module_not_found_report,
)
from tycheck.modules.resolve import ModuleNotFoundReason as R
from tycheck.modules.stub_packages import stub_distribution

DOC = "See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports"


def test_not_found() -> None:
    assert module_not_found_messages("x.y", R.NOT_FOUND) == [
        (
            "error",
            'Cannot find implementation or library stub for module named "x.y"',
            "import-not-found",
        ),
        ("note", DOC, "import-not-found"),
    ]


def test_untyped_installed() -> None:
    assert module_not_found_messages("pkg", R.FOUND_WITHOUT_TYPE_HINTS) == [
        (
            "error",
            'Skipping analyzing "pkg": module is installed, but missing library stubs or py.typed marker',
            "import-untyped",
        ),
        ("note", DOC, "import-untyped"),
    ]


def test_known_stubs_not_installed() -> None:
    assert module_not_found_messages("yaml", R.APPROVED_STUBS_NOT_INSTALLED) == [
        ("error", 'Library stubs not installed for "yaml"', "import-untyped"),
        ("note", 'Hint: "python3 -m pip install types-PyYAML"', "import-untyped"),
        (
            "note",
            '(or run "mypy --install-types" to install all missing stub packages)',
            "import-untyped",
        ),
        ("note", DOC, "import-untyped"),
    ]
    daemon = module_not_found_messages("yaml", R.APPROVED_STUBS_NOT_INSTALLED, daemon=True)
    assert [m for _, m, _ in daemon] == [
        'Library stubs not installed for "yaml"',
        'Hint: "python3 -m pip install types-PyYAML"',
        DOC,
    ]


def test_wrong_working_directory() -> None:
    assert module_not_found_messages("a.b", R.WRONG_WORKING_DIRECTORY) == [
        ("error", 'Cannot find implementation or library stub for module named "a.b"', "import"),
        (
            "note",
            "You may be running mypy in a subpackage, mypy should be run on the package root",
            "import",
        ),
    ]


def test_notes_are_once_per_run_except_suggestions() -> None:
    known = known_module_names(["collections", "json"])
    report = module_not_found_report("colections.abc", R.NOT_FOUND, known_modules=known)
    assert [(m.severity, m.message, m.only_once) for m in report] == [
        (
            "error",
            'Cannot find implementation or library stub for module named "colections.abc"',
            False,
        ),
        ("note", 'Did you mean "collections"?', False),
        ("note", DOC, True),
    ]


def test_suggestions() -> None:
    known = known_module_names(["json", "jsonschema"])
    msgs = [m for _, m, _ in module_not_found_messages("reqests", R.NOT_FOUND, known_modules=known)]
    assert 'Did you mean "requests"?' in msgs
    # Private names, exact case-insensitive matches and hopeless names get no suggestion.
    for name in ("_reqests", "Requests", "zzzzzzzz"):
        msgs = [m for _, m, _ in module_not_found_messages(name, R.NOT_FOUND, known_modules=known)]
        assert not any(m.startswith("Did you mean") for m in msgs)
    # No suggestions unless known modules are given.
    assert len(module_not_found_messages("reqests", R.NOT_FOUND)) == 2


def test_stub_distribution_table() -> None:
    assert stub_distribution("yaml") == "types-PyYAML"
    assert stub_distribution("requests.adapters") == "types-requests"
    assert stub_distribution("google.protobuf.message") == "types-protobuf"
    assert stub_distribution("google.cloud.ndb") == "types-google-cloud-ndb"
    assert stub_distribution("google.cloud.storage") is None
    assert stub_distribution("pandas") == "pandas-stubs"
    assert stub_distribution("numpy") is None
