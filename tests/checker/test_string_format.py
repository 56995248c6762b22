"""Regression tests for string formatting checks ('%d' % x and str.format)."""

from __future__ import annotations

from tests.conftest import check_source


def check(source: str) -> str:
    return check_source(source)


def test_percent_counts_and_types() -> None:
    out = check(
        """
        from typing import Tuple
        s: str
        f: float
        t: Tuple[int, str]
        '%d' % s
        '%d %s' % t
        '%s' % t
        '%d %d %d' % (1, 2)
        '%x' % f
        '%.2f%%' % f
        """
    )
    assert out == (
        'm.py:6: error: Incompatible types in string interpolation (expression has type "str", '
        'placeholder has type "int | float | SupportsInt")  [str-format]\n'
        "m.py:8: error: Not all arguments converted during string formatting  [str-format]\n"
        "m.py:9: error: Not enough arguments for format string  [str-format]\n"
        'm.py:10: error: Incompatible types in string interpolation (expression has type "float", '
        'placeholder has type "int")  [str-format]\n'
    )


def test_percent_mapping_and_bytes() -> None:
    out = check(
        """
        from typing import Any, Dict, Mapping
        d: Dict[str, int]
        m: Mapping[str, Any]
        b: bytes
        '%(a)s' % d
        '%(a)s' % m
        '%(q)d' % {'a': 1}
        '%s' % b
        '%(a)d %d' % 1
        x = '%s' % (1,)
        reveal_type(x)
        """
    )
    assert out == (
        'm.py:8: error: Key "q" not found in mapping  [str-format]\n'
        """m.py:9: error: If x = b'abc' then "%s" % x produces "b'abc'", not "abc". If this is desired """
        'behavior use "%r" % x. Otherwise, decode the bytes  [str-bytes-safe]\n'
        "m.py:10: error: String interpolation mixes specifier with and without mapping keys  [str-format]\n"
        'm.py:12: note: Revealed type is "str"\n'
    )


def test_format_call_fields_and_types() -> None:
    out = check(
        """
        import datetime
        from typing import Any, Dict
        d: Dict[str, Any] = {}
        '{}'.format()
        '{named}'.format(0)
        '{0}, {}'.format(1, 2)
        '{:d}'.format('a')
        '}'.format()
        '{:%Y-%m-%d} {a} {b:>5}'.format(datetime.date.today(), **d)
        '{[a]} {.real} {:,}'.format({'a': 1}, 2, 3)
        '%(x)s %(y)d' % dict(x=1, y=2)
        """
    )
    assert out == (
        "m.py:5: error: Cannot find replacement for positional format specifier 0  [str-format]\n"
        'm.py:6: error: Cannot find replacement for named format specifier "named"  [str-format]\n'
        "m.py:6: error: Not all arguments converted during string formatting  [str-format]\n"
        "m.py:7: error: Cannot combine automatic field numbering and manual field specification  [str-format]\n"
        'm.py:8: error: Incompatible types in string interpolation (expression has type "str", '
        'placeholder has type "int")  [str-format]\n'
        "m.py:9: error: Invalid conversion specifier in format string: unexpected }  [str-format]\n"
    )
