"""Precision and recall of indicator extraction against hand-labelled seed reports."""

from __future__ import annotations

import tomllib
from pathlib import Path

from drafter.corpus.extract import IndicatorMention, extract_report

from .conftest import seed_path

GOLD = Path(__file__).parent / "data" / "gold_indicators.toml"


def score(mentions: list[IndicatorMention], gold: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, misses); optional gold items count neither way."""
    used = [False] * len(mentions)
    hits = misses = 0
    for item in gold:
        found = next(
            (
                i
                for i, m in enumerate(mentions)
                if not used[i]
                and abs(m.value - item["value"]) < 1e-6
                and m.unit == item["unit"]
                and item["name"] in m.text
            ),
            None,
        )
        if found is not None:
            used[found] = True
            hits += not item.get("optional", False)
        elif not item.get("optional", False):
            misses += 1
    return hits, used.count(False), misses


def test_precision_and_recall_on_labelled_seeds() -> None:
    totals = [0, 0, 0]
    for seed in tomllib.loads(GOLD.read_text(encoding="utf-8"))["seed"]:
        report = extract_report(seed_path(seed["file"][:3]))
        for index, count in enumerate(score(list(report.indicators), seed["mentions"])):
            totals[index] += count
    hits, false_positives, misses = totals
    precision = hits / (hits + false_positives)
    recall = hits / (hits + misses)
    assert precision >= 0.95, (precision, totals)
    assert recall >= 0.90, (recall, totals)


def test_scoring_counts_misses_and_false_positives() -> None:
    report = extract_report("某县2025年报告\n一、主要举措和成效\n办结案件12件，调解纠纷30起。\n")
    gold = [
        {"value": 12, "unit": "件", "name": "办结"},
        {"value": 99, "unit": "件", "name": "受理"},
        {"value": 1, "unit": "次", "name": "", "optional": True},
    ]
    assert score(list(report.indicators), gold) == (1, 1, 1)
