"""Benchmark of the reviewer: checking a 20,000-character report, parser and tagger already loaded.

The report is the 2025 sample with the bodies of the seed reports inserted into its first part,
cut to 20,000 characters. Run: `.venv/bin/python bench/check.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from drafter.checks import check_text
from drafter.corpus.read import read_report
from drafter.corpus.structure import parse_report

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SIZE = 20_000


def build_report(size: int = SIZE) -> tuple[str, str]:
    """(this year's report of `size` characters, last year's sample report)."""
    sample = read_report(next((REPO / "past_reports").glob("*2025*.txt"))).text
    last_year = read_report(next((REPO / "past_reports").glob("*2024*.docx"))).text
    bodies = []
    for path in sorted(SEEDS.glob("*.txt")):
        structure = parse_report(read_report(path).text)
        start, end = structure.body_span
        bodies.append(structure.clean.text[start:end])
    lines = sample.split("\n")
    head, tail = lines[:5], lines[5:]
    filler = "\n".join(bodies)
    room = size - len(sample) - 1
    text = "\n".join(head) + "\n" + filler[:room] + "\n" + "\n".join(tail)
    return text[:size] if len(text) > size else text, last_year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    text, last_year = build_report()
    check_text(text)
    for label, kwargs in (
        ("report alone", {}),
        ("with last year's report", {"last_year_text": last_year}),
    ):
        times = []
        findings = []
        for _ in range(max(args.runs, 10)):
            start = time.perf_counter()
            findings = check_text(text, **kwargs)
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"{label}: {len(text)} characters, {len(findings)} findings, "
            f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, "
            f"max {max(times):.1f} ms over {len(times)} runs"
        )


if __name__ == "__main__":
    main()
