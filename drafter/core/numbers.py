"""Formatting of indicator values and dates for Chinese text (babel, zh_CN), and rounding helpers."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from drafter.core.models import IndicatorSpec

LOCALE = "zh_CN"


def round_half_up(value: float, digits: int) -> float:
    """Round like a person does (0.125 -> 0.13), not banker's rounding."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def format_value(value: float, spec: IndicatorSpec) -> str:
    """Format a value as it is written in a report: `189`, `97.83%`, `7850`.

    Official documents write counts without group separators; trailing zeros of decimals are dropped.
    """
    pattern = "0" if spec.type == "integer" else "0." + "#" * max(spec.digits, 1)
    if spec.type == "integer":
        value = round_half_up(value, 0)
    text = format_decimal(value, format=pattern, locale=LOCALE)
    if spec.type == "percent":
        return text + "%"
    return text


def format_with_unit(value: float, spec: IndicatorSpec) -> str:
    """A value with its unit, for display next to a field: `189件`, `97.83%`."""
    text = format_value(value, spec)
    return text if spec.type == "percent" else text + spec.unit


def format_date(day: dt.date) -> str:
    """成文日期 per GB/T 9704: Arabic numerals, full year, no zero padding (`2026年1月8日`)."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_change(current: float | None, last_year: float | None, spec: IndicatorSpec) -> str:
    """Year-over-year change as shown beside a field: `同比+12.5%`, `持平`, `新增`, `—`."""
    if current is None:
        return "—"
    if last_year is None:
        return "新增"
    if current == last_year:
        return "持平"
    if spec.type == "percent":
        delta = round_half_up(current - last_year, 2)
        return f"同比{delta:+g}个百分点"
    if last_year == 0:
        return "新增"
    change = round_half_up((current - last_year) / abs(last_year) * 100, 1)
    return f"同比{change:+g}%"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")


def parse_user_number(text: str, spec: IndicatorSpec) -> float:
    """Parse what the clerk typed into an indicator field (`1,234`, `１２３`, `98%`, `1.2万`).

    Raises:
        ValueError: with a Chinese sentence when the text is not a number or breaks the spec's range.
    """
    raw = text.strip().translate(_FULLWIDTH_DIGITS).replace(",", "").replace(" ", "")
    for suffix in (spec.unit, "%"):
        if suffix and raw.endswith(suffix):
            raw = raw[: -len(suffix)]
    factor = 1.0
    if raw.endswith("万"):
        raw, factor = raw[:-1], 10_000.0
    elif raw.endswith("亿"):
        raw, factor = raw[:-1], 100_000_000.0
    try:
        value = float(raw) * factor
    except ValueError:
        raise ValueError(f"「{text.strip()}」不是数字：请输入阿拉伯数字，例如 189 或 97.5。") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"「{text.strip()}」不是有效数字：请输入阿拉伯数字。")
    check_range(value, spec)
    if spec.type == "integer" and value != int(value):
        raise ValueError(f"「{spec.name}」是计数，应为整数：请去掉小数部分。")
    return value


def check_range(value: float, spec: IndicatorSpec) -> None:
    """Raise ValueError (Chinese sentence) when a value is outside the indicator's valid range."""
    if value < spec.min:
        if spec.min == 0:
            raise ValueError(f"「{spec.name}」不能为负数：请输入 0 或正数。")
        raise ValueError(f"「{spec.name}」不能小于 {spec.min:g}：请检查数值。")
    if spec.max is not None and value > spec.max:
        if spec.type == "percent":
            raise ValueError(f"「{spec.name}」是比率，不能超过 100%：请检查数值。")
        raise ValueError(f"「{spec.name}」不能大于 {spec.max:g}：请检查数值。")
