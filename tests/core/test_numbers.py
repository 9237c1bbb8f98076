"""Parsing what the clerk types, formatting for reports, and year-over-year changes."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.core.numbers import (
    format_change,
    format_date,
    format_value,
    parse_user_number,
    round_half_up,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("189", 189), ("1,234", 1234), ("１２３", 123), (" 45件", 45), ("1.2万", 12000), ("0", 0)],
)
def test_parse_counts(typed, expected, catalog):
    assert parse_user_number(typed, catalog.get("review_concluded")) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-3", "负数"), ("abc", "不是数字"), ("1.5", "整数"), ("nan", "不是"), ("", "不是数字")],
)
def test_bad_counts_are_refused_in_chinese(typed, message, catalog):
    with pytest.raises(ValueError, match=message):
        parse_user_number(typed, catalog.get("review_concluded"))


def test_rate_over_100_percent_is_refused(catalog):
    spec = catalog.get("mediation_success_rate")
    with pytest.raises(ValueError, match="100%"):
        parse_user_number("130%", spec)
    assert parse_user_number("97.5%", spec) == 97.5


def test_format_value_per_type(catalog):
    assert format_value(12345, catalog.get("review_concluded")) == "12345"
    assert format_value(97.8349, catalog.get("mediation_success_rate")) == "97.83%"
    assert format_value(100.0, catalog.get("mediation_success_rate")) == "100%"


def test_round_half_up_not_bankers():
    assert round_half_up(0.125, 2) == 0.13
    assert round_half_up(2.5, 0) == 3


def test_format_date_has_no_zero_padding():
    assert format_date(dt.date(2026, 1, 8)) == "2026年1月8日"


def test_format_change(catalog):
    count = catalog.get("review_concluded")
    rate = catalog.get("mediation_success_rate")
    assert format_change(225, 200, count) == "同比+12.5%"
    assert format_change(180, 200, count) == "同比-10%"
    assert format_change(200, 200, count) == "持平"
    assert format_change(5, None, count) == "新增"
    assert format_change(98.5, 97, rate) == "同比+1.5个百分点"
