"""What a check reports: a finding with its severity, span, message and an optional safe fix.

The JSON form (`finding_to_json`, `findings_document`) is a stable contract for editors and CI
jobs; it is documented in drafter/checks/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from drafter.core.models import PartKind

Severity = Literal["error", "warning", "hint"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "hint")
SEVERITY_LABELS: dict[Severity, str] = {"error": "错误", "warning": "警告", "hint": "提示"}
JSON_VERSION = 1
"""Bumped only when a key of the JSON output changes meaning or disappears."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a report text.

    `start`/`end` are character offsets (Unicode code points) into the checked text;
    `fix`, when set, is safe to put in place of `text[start:end]`.
    """

    code: str
    """Stable identifier, `family.name` (`consistency.rate_mismatch`)."""
    severity: Severity
    part: PartKind | None
    """The required-contents kind of the level-1 part the span lies in, if any."""
    start: int
    end: int
    excerpt: str
    """`text[start:end]`, or a short quote when the span is empty."""
    message: str
    """One Chinese sentence: what is wrong and what to do."""
    fix: str | None = None
    line: int = 0
    """1-based line of `start` in the checked text (0 until `run_checks` fills it)."""


@dataclass(frozen=True)
class DraftFinding(Finding):
    """A finding in a draft: offsets index the rendered text of one field of one part."""

    part_id: str = "__opening__"
    """The draft's part id; `__opening__` for the title, addressee and opening paragraph,
    `__closing__` for the closing sentence, issuers and date."""
    field: Literal["text", "heading", "title", "addressee", "closing", "issuers", "date"] = "text"
    """Which text of the part the offsets index: `text` is the part's (or opening's) body
    rendered with `missing="mark"`."""


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error (the CLI then exits with 1)."""
    return any(f.severity == "error" for f in findings)


def exit_code(findings: Iterable[Finding]) -> int:
    """1 when any finding is an error, else 0."""
    return 1 if has_errors(findings) else 0


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Number of findings per severity, every severity present."""
    result = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        result[finding.severity] += 1
    return result


def finding_to_json(finding: Finding) -> dict:
    """The JSON object of one finding (keys always present, in this order)."""
    data = {
        "code": finding.code,
        "severity": finding.severity,
        "part": finding.part,
        "start": finding.start,
        "end": finding.end,
        "line": finding.line,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "fix": finding.fix,
    }
    if isinstance(finding, DraftFinding):
        data["part_id"] = finding.part_id
        data["field"] = finding.field
    return data


def findings_to_json(findings: Iterable[Finding]) -> list[dict]:
    """JSON objects of findings, in the order given."""
    return [finding_to_json(f) for f in findings]


def findings_document(
    findings: Sequence[Finding], *, source: str | None = None, year: int | None = None
) -> dict:
    """The whole JSON document `drafter check --json` prints."""
    return {
        "version": JSON_VERSION,
        "source": source,
        "year": year,
        "counts": counts(findings),
        "findings": findings_to_json(findings),
    }


def format_finding(finding: Finding) -> str:
    """One line for a terminal: `第12行 [错误] 消息「摘录」`."""
    where = f"第{finding.line}行 " if finding.line else ""
    excerpt = finding.excerpt.replace("\n", " ")
    if len(excerpt) > 30:
        excerpt = excerpt[:29] + "…"
    quoted = f"「{excerpt}」" if excerpt else ""
    fix = f"（建议改为「{finding.fix}」）" if finding.fix is not None else ""
    return f"{where}[{SEVERITY_LABELS[finding.severity]}] {finding.message}{quoted}{fix}"


def sort_key(finding: Finding) -> tuple[int, int, int, str]:
    return (finding.start, SEVERITIES.index(finding.severity), finding.end, finding.code)
