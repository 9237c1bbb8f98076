"""Parsing of numbers as reports write them: Arabic digits, Chinese numerals and 万/亿 multipliers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def parse_chinese_integer(text: str) -> int:
    """Value of a Chinese numeral: `十` 10, `二十三` 23, `一百零五` 105, `三万` 30000, `二〇二四` 2024.

    Raises:
        ValueError: `text` is empty or holds a character that is not a Chinese numeral.
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in CHINESE_DIGITS:
            number = CHINESE_DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        else:
            section += number
            if BIG_UNITS[ch] == 10**8:
                total = (total + section) * 10**8
            else:
                total += (section or 1) * 10**4
            section = number = 0
    return total + section + number


def parse_number(text: str) -> float:
    """Value of a written number: `189`, `1,234`, `97.83`, `10万` 100000, `16.76万`, `十`, `2亿`.

    Raises:
        ValueError: `text` is not a number.
    """
    body = text.strip().replace(",", "").replace("，", "")
    multiplier = 1
    while body and body[-1] in BIG_UNITS and not _is_chinese(body[:-1]):
        multiplier *= BIG_UNITS[body[-1]]
        body = body[:-1]
    if not body:
        raise ValueError(f"not a number: {text!r}")
    if _is_chinese(body):
        return float(parse_chinese_integer(body) * multiplier)
    if not all(ch.isdigit() or ch == "." for ch in body) or body.count(".") > 1:
        raise ValueError(f"not a number: {text!r}")
    try:
        return float(Decimal(body) * multiplier)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def _is_chinese(text: str) -> bool:
    return bool(text) and all(ch in CHINESE_NUMERAL_CHARS for ch in text)
