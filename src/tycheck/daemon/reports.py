"""Client-side report files for daemon checks: ``--junit-xml`` and ``--perf-stats-file``.

The JUnit file has the layout mypy's tools write (one test case for the whole run, named
after the Python version and platform), so CI systems that read mypy's report read ours.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<testsuite errors="{errors}" failures="{failures}" name="mypy" skips="0" '
    'tests="1" time="{time:.3f}">\n'
)
_PASS = (
    '  <testcase classname="mypy" file="mypy" line="1" name="mypy-py{ver}-{platform}" '
    'time="{time:.3f}">\n  </testcase>\n'
)
_FAIL = (
    '  <testcase classname="mypy" file="mypy" line="1" name="mypy-py{ver}-{platform}" '
    'time="{time:.3f}">\n    <failure message="mypy produced messages">{text}</failure>\n'
    "  </testcase>\n"
)
_FOOTER = "</testsuite>\n"


def junit_xml_text(
    seconds: float, serious: bool, messages: list[str], version: str, platform: str
) -> str:
    """The JUnit XML for one check: a pass, or one failure listing every message.

    ``serious`` (anything on stderr) counts the case as an error rather than a failure.
    """
    # Imported here: xml.sax pulls in urllib and email, too slow for every client start.
    from xml.sax.saxutils import escape

    failed = 1 if messages else 0
    xml = _HEADER.format(
        errors=failed if serious else 0, failures=0 if serious else failed, time=seconds
    )
    if messages:
        xml += _FAIL.format(
            text=escape("\n".join(messages)), ver=version, platform=platform, time=seconds
        )
    else:
        xml += _PASS.format(ver=version, platform=platform, time=seconds)
    return xml + _FOOTER


def write_junit_xml(path: str, response: Mapping[str, object], seconds: float) -> None:
    """Write the JUnit report for a check answer (creating parent directories)."""
    out = str(response.get("out", ""))
    err = str(response.get("err", ""))
    text = junit_xml_text(
        seconds,
        bool(err),
        (out + err).splitlines(),
        str(response.get("python_version", "")),
        str(response.get("platform", "")),
    )
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


def write_perf_stats(path: str, response: Mapping[str, object]) -> None:
    """Write the check's phase timings as a JSON object."""
    stats = response.get("stats", {})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(stats if isinstance(stats, dict) else {}, f)
