"""Checking a draft: the draft is composed into report text, checked, and each finding is
mapped back to one field of one part; safe fixes are applied to the stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from drafter.checks.context import DraftFacts
from drafter.checks.findings import DraftFinding, Finding
from drafter.core.compose import chinese_ordinal, included_parts, part_heading
from drafter.core.drafts import plain_values
from drafter.core.models import Catalog, Draft, ReportKind
from drafter.core.numbers import format_date, format_value
from drafter.core.render import SLOT_CLOSE, render_slotted, split_slots
from drafter.errors import ValueProblem

OPENING = "__opening__"
CLOSING = "__closing__"


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    part_id: str
    field: str


def _compose(draft: Draft, kind: ReportKind, catalog: Catalog) -> tuple[str, list[_Segment]]:
    """The draft as report text, with where each field of each part lies in it."""
    values = plain_values(draft)
    pieces: list[str] = []
    segments: list[_Segment] = []
    pos = 0

    def add(text: str, part_id: str | None = None, field: str = "", prefix: str = "") -> None:
        nonlocal pos
        if pieces:
            pieces.append("\n")
            pos += 1
        pieces.append(prefix + text)
        if part_id is not None:
            segments.append(
                _Segment(pos + len(prefix), pos + len(prefix) + len(text), part_id, field)
            )
        pos += len(prefix) + len(text)

    add(draft.title, OPENING, "title")
    if draft.addressee:
        add(draft.addressee, OPENING, "addressee")
        pieces.append("：")
        pos += 1
    add(render_slotted(draft.opening, values, catalog, "mark"), OPENING, "text")
    for number, part_id in enumerate(included_parts(draft, kind), start=1):
        add(part_heading(draft, kind, part_id), part_id, "heading", f"{chinese_ordinal(number)}、")
        rendered = render_slotted(draft.parts.get(part_id, ""), values, catalog, "mark")
        add(rendered, part_id, "text")
    if kind.closing:
        add(kind.closing, CLOSING, "closing")
    add("\n".join(draft.issuers), CLOSING, "issuers")
    if draft.date is not None:
        add(format_date(draft.date), CLOSING, "date")
    return "".join(pieces), segments


def _locate(finding: Finding, segments: list[_Segment]) -> _Segment:
    for segment in segments:
        if segment.start <= finding.start <= segment.end:
            return segment
    following = [s for s in segments if s.start >= finding.start]
    return following[0] if following else segments[-1]


def check_draft(
    draft: Draft,
    kind: ReportKind,
    catalog: Catalog,
    last_year_values: Mapping[str, float] | None,
    last_year_text: str | None = None,
) -> list[DraftFinding]:
    """Check a draft as it would print (unfilled slots marked `【待填：…】`).

    Offsets of each finding index the rendered text of its `part_id` and `field`; after a fix
    is applied the draft must be checked again.
    """
    from drafter.checks import prepare, run_checks

    text, segments = _compose(draft, kind, catalog)
    report = prepare(
        text,
        last_year_text=last_year_text,
        last_year_values=last_year_values,
        catalog=catalog,
        year=draft.year,
        date=draft.date,
        kind=draft.kind,
    )
    filled = frozenset(
        kind.part(s.part_id).kind
        for s in segments
        if s.field == "text"
        and s.part_id not in (OPENING, CLOSING)
        and text[s.start : s.end].strip()
    )
    heading_spans = {
        kind.part(s.part_id).kind: (report.clean_offset(s.start), report.clean_offset(s.end))
        for s in segments
        if s.field == "heading"
    }
    report = replace(report, draft=DraftFacts(filled, heading_spans))
    found: list[DraftFinding] = []
    for finding in run_checks(report):
        segment = _locate(finding, segments)
        start = max(finding.start, segment.start) - segment.start
        end = max(min(finding.end, segment.end) - segment.start, start)
        part = finding.part
        if segment.part_id not in (OPENING, CLOSING):
            part = kind.part(segment.part_id).kind
        line = text.count("\n", segment.start, segment.start + start) + 1
        found.append(
            DraftFinding(
                **{**finding.__dict__, "start": start, "end": end, "part": part, "line": line},
                part_id=segment.part_id,
                field=segment.field,  # type: ignore[arg-type]
            )
        )
    return found


def _literal_offset(
    stored: str, draft: Draft, catalog: Catalog, start: int, end: int
) -> int | None:
    """Offset in stored text of rendered [start, end) when it lies in literal text, else None."""
    values = plain_values(draft)
    rendered_pos = stored_pos = 0
    for piece in split_slots(stored, catalog):
        if isinstance(piece, str):
            stored_pos = stored.find(piece, stored_pos)
            if stored_pos < 0:
                return None
            if rendered_pos <= start and end <= rendered_pos + len(piece):
                return stored_pos + (start - rendered_pos)
            rendered_pos += len(piece)
            stored_pos += len(piece)
            continue
        value = values.get(piece.id)
        shown = f"【待填：{piece.name}】" if value is None else format_value(value, piece)
        if start < rendered_pos + len(shown) and rendered_pos < end:
            return None
        rendered_pos += len(shown)
        stored_pos = stored.find(SLOT_CLOSE, stored_pos) + 1
    return None


def _fixed(stored: str, finding: DraftFinding, offset: int | None) -> str:
    length = finding.end - finding.start
    if offset is None or stored[offset : offset + length] != finding.excerpt:
        if not finding.excerpt or stored.count(finding.excerpt) != 1:
            raise ValueProblem("这处修改涉及指标数值或原文已改动：请在正文或指标栏中手动修改。")
        offset = stored.index(finding.excerpt)
    return stored[:offset] + (finding.fix or "") + stored[offset + length :]


def apply_fix(
    draft: Draft, finding: DraftFinding, catalog: Catalog, kind: ReportKind | None = None
) -> Draft:
    """The draft with a finding's safe fix applied to the stored text.

    Only spans in literal text are changed; a span touching an indicator slot is refused.

    Raises:
        ValueProblem: the finding has no fix, or its span is no longer where it was or covers
            an indicator slot.
    """
    if finding.fix is None:
        raise ValueProblem("这条提示没有可以自动应用的修改：请手动修改。")
    if finding.field == "text":
        if finding.part_id == OPENING:
            stored = draft.opening
            offset = _literal_offset(stored, draft, catalog, finding.start, finding.end)
            return draft.model_copy(update={"opening": _fixed(stored, finding, offset)})
        stored = draft.parts.get(finding.part_id, "")
        offset = _literal_offset(stored, draft, catalog, finding.start, finding.end)
        parts = {**draft.parts, finding.part_id: _fixed(stored, finding, offset)}
        return draft.model_copy(update={"parts": parts})
    if finding.field == "title":
        return draft.model_copy(update={"title": _fixed(draft.title, finding, finding.start)})
    if finding.field == "addressee" and draft.addressee:
        addressee = _fixed(draft.addressee, finding, finding.start)
        return draft.model_copy(update={"addressee": addressee})
    if finding.field == "heading" and kind is not None:
        heading = part_heading(draft, kind, finding.part_id)
        headings = {**draft.headings, finding.part_id: _fixed(heading, finding, finding.start)}
        return draft.model_copy(update={"headings": headings})
    raise ValueProblem("这处内容由系统生成，不能直接修改：请在对应的设置中修改。")


def stored_span(draft: Draft, finding: DraftFinding, catalog: Catalog) -> tuple[int, int] | None:
    """Where a finding in a part's text lies in the stored text (for jumping to it in the editor).

    None when the finding is not in part text or its span covers an indicator slot.
    """
    if finding.field != "text":
        return None
    stored = draft.opening if finding.part_id == OPENING else draft.parts.get(finding.part_id, "")
    offset = _literal_offset(stored, draft, catalog, finding.start, finding.end)
    if offset is None:
        return None
    return offset, offset + (finding.end - finding.start)
