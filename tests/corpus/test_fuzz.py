"""Nothing a clerk can feed in makes the corpus code raise anything but ReadError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.corpus.clean import clean_text, find_damage
from drafter.corpus.extract import extract_text
from drafter.corpus.read import read_report
from drafter.corpus.structure import parse_report
from drafter.errors import ReadError

from .conftest import SEEDS

REPORT_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、.．，,。：:；“”《》%％余多万亿年月日件次人个元第")
    + list("0123456789 \n\t\u3000\u00a0报告法治政府县委人民调解率")
)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        return ["某县2025年法治政府建设年度报告\n一、主要举措和成效\n办结案件12件。"]
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _exercise(text: str) -> None:
    clean = clean_text(text)
    assert len(clean.offsets) == len(clean.text) + 1
    find_damage(text)
    parse_report(text)
    extract_text(text)


@SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    _exercise(text)


@SETTINGS
@given(st.text(alphabet=REPORT_ALPHABET, max_size=400))
def test_report_like_text(text: str) -> None:
    _exercise(text)


@SETTINGS
@given(st.data())
def test_mutated_seed_text(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(_seed_texts()))
    for _ in range(data.draw(st.integers(1, 6))):
        where = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "cut"]))
        if action == "delete":
            text = text[:where] + text[where + data.draw(st.integers(1, 20)) :]
        elif action == "insert":
            text = text[:where] + data.draw(st.text(REPORT_ALPHABET, max_size=10)) + text[where:]
        else:
            text = text[:where]
    _exercise(text)


@SETTINGS
@given(
    st.binary(max_size=3000),
    st.sampled_from([".txt", ".docx", ".html", ".doc", ".pdf", ".bin", ""]),
    st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"<html>", b"\xff\xfe"]),
)
def test_random_bytes(data: bytes, suffix: str, prefix: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        path.write_bytes(prefix + data)
        try:
            source = read_report(path)
        except ReadError:
            return
        _exercise(source.text)
