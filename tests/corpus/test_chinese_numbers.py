from __future__ import annotations

import pytest

from drafter.corpus.chinese_numbers import parse_chinese_integer, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("三千二百", 3200),
        ("三万", 30000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
        ("二〇二四", 2024),
        ("两", 2),
    ],
)
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("189", 189),
        ("1,234", 1234),
        ("97.83", 97.83),
        ("10万", 100000),
        ("16.76万", 167600),
        ("184.18万", 1841800),
        ("2亿", 200000000),
        ("十", 10),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "万", "nan", "inf", "十x"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
