"""Required contents: a part (its own heading) for each of items 1-4 of the annual report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from drafter.checks.context import CheckedReport, DraftFacts
from drafter.checks.findings import Finding
from drafter.core.models import REQUIRED_KINDS

ITEM_NAMES = {
    "measures_and_results": "主要举措和成效",
    "shortcomings_and_causes": "存在的不足和原因",
    "first_responsible_person_duties": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year_plan": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
ITEM_NUMBERS = {kind: index for index, kind in enumerate(ITEM_NAMES, start=1)}


def check_required_parts(report: CheckedReport) -> Iterator[Finding]:
    """A missing part for items 1-4 is an error; an item found only as a sub-heading is a hint."""
    if report.draft is not None:
        yield from _draft_parts(report, report.draft)
        return
    structure = report.structure
    anchor = structure.body_span[0]
    for kind in REQUIRED_KINDS:
        index = structure.required_sections.get(kind)
        name = ITEM_NAMES[kind]
        if index is None:
            finding = report.finding(
                "required.missing_part",
                "error",
                (anchor, anchor),
                f"缺少第{ITEM_NUMBERS[kind]}项必备内容「{name}」：请为它单列一个一级标题并写明具体情况。",
                excerpt="",
            )
            yield replace(finding, part=kind)
            continue
        section = structure.sections[index]
        if section.level > 1:
            yield report.finding(
                "required.part_in_subsection",
                "hint",
                section.heading_span,
                f"「{name}」只以二级标题出现在其他部分中：建议单列为一级标题。",
            )


def _draft_parts(report: CheckedReport, facts: DraftFacts) -> Iterator[Finding]:
    for kind in REQUIRED_KINDS:
        if kind in facts.filled_kinds:
            continue
        span = facts.part_heading_spans.get(kind, (report.body[0], report.body[0]))
        finding = report.finding(
            "required.missing_part",
            "error",
            span,
            f"第{ITEM_NUMBERS[kind]}项必备内容「{ITEM_NAMES[kind]}」还没有内容：请补写这一部分。",
        )
        yield replace(finding, part=kind)
