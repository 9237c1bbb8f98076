"""Numbers that contradict each other: rates against their parts, parts against wholes, totals.

Rounding rule: a rate written with d decimals agrees with its parts when it equals the true
value rounded half-up to d decimals. A rate equal to the true value cut off (truncated) to d
decimals is a warning, not an error — some offices truncate on purpose so that 99.58% does not
read as 100% — and the fix offers two decimals. Anything else is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from drafter.checks.context import CheckedReport
from drafter.checks.figures import Mention
from drafter.checks.findings import Finding
from drafter.core.models import IndicatorSpec

Verdict = Literal["ok", "truncated", "wrong"]

_FORMULA = re.compile(r"^\s*(\w+)\s*/\s*(\w+)\s*\*\s*100\s*$")
_BOUNDED_RATE = re.compile(
    r"(?:成功|办结|满意|出庭应诉|败诉|纠错|通过|覆盖|公开|报备|备案|合格|结案|知晓|及时|办复|整改|"
    r"答复|化解|调解和解|审查备案)率$|满意度$"
)
_SENTENCE_END = "。！？\n"
WINDOW = 220
"""How far back (characters) a rate's parts may stand in its sentence."""


def written_decimal(report: CheckedReport, mention: Mention) -> Decimal:
    """The rate as written, keeping its number of decimals (`97.60` has two)."""
    start, end = mention.figure.number_span
    return Decimal(report.clean.text[start:end].replace(",", ""))


def rate_verdict(written: Decimal, part: float, whole: float) -> tuple[Verdict, Decimal]:
    """Whether a written rate agrees with part/whole, and the true value (percent)."""
    true = Decimal(repr(part)) / Decimal(repr(whole)) * 100
    exponent = written.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-decimals)
    if written == true.quantize(quantum, rounding=ROUND_HALF_UP):
        return "ok", true
    if written == true.quantize(quantum, rounding=ROUND_DOWN):
        return "truncated", true
    return "wrong", true


def _plain(value: Decimal, decimals: int = 2) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _count(value: float) -> str:
    return f"{value:g}" if value < 1e15 else str(value)


def _sentence_start(text: str, offset: int) -> int:
    return max(max(text.rfind(ch, 0, offset) for ch in _SENTENCE_END) + 1, offset - WINDOW)


def _sentence_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find(ch, offset) for ch in _SENTENCE_END) if i != -1]
    return min(ends) if ends else len(text)


def _before(report: CheckedReport, index: int) -> list[Mention]:
    """Count figures in the same sentence before mention `index`, nearest first."""
    mention = report.mentions[index]
    floor = _sentence_start(report.clean.text, mention.figure.span[0])
    found = []
    for other in reversed(report.mentions[:index]):
        if other.figure.span[0] < floor:
            break
        if other.is_count:
            found.append(other)
    return found


def _previous_rate_end(report: CheckedReport, index: int) -> int:
    for other in reversed(report.mentions[:index]):
        if other.is_rate:
            return other.figure.span[1]
    return 0


def _rate_span(mention: Mention) -> tuple[int, int]:
    start, end = mention.figure.number_span
    return start, end + 1


def _pair_for(mention: Mention, candidates: list[Mention], report: CheckedReport):
    """(part, whole) mentions for a catalog rate, or None."""
    spec = mention.spec
    if spec is None or spec.formula is None:
        return None
    match = _FORMULA.match(spec.formula)
    if not match or match.group(1) not in report.catalog or match.group(2) not in report.catalog:
        return None
    part_spec = report.catalog.get(match.group(1))
    whole_spec = report.catalog.get(match.group(2))
    part = next((c for c in candidates if c.could_be(part_spec)), None)
    whole = next((c for c in candidates if c is not part and c.could_be(whole_spec)), None)
    return (part, whole) if part is not None and whole is not None else None


def _generic_pair(candidates: list[Mention], since: int):
    """The two figures right before a rate (after any earlier rate), when they look like its
    part and whole."""
    candidates = [c for c in candidates if c.figure.span[0] >= since]
    if len(candidates) < 2:
        return None
    part, whole = candidates[0], candidates[1]
    if part.figure.unit != whole.figure.unit or part.value > whole.value:
        return None
    return part, whole


def _other_base(mention: Mention, candidates: list[Mention], written: Decimal) -> bool:
    """True when the rate agrees with some other pair of the sentence (a different base, such as
    cases received instead of cases closed): then it is a choice of base, not a contradiction."""
    for part in candidates:
        for whole in candidates:
            if part is whole or part.figure.unit != whole.figure.unit:
                continue
            fits = whole.value > 0 and part.value <= whole.value
            if fits and rate_verdict(written, part.value, whole.value)[0] == "ok":
                return True
    return False


def check_rates(report: CheckedReport) -> Iterator[Finding]:
    """A derived rate against its part and whole, with the rounding as written."""
    for index, mention in enumerate(report.mentions):
        if not mention.is_rate or mention.figure.approx or "率" not in mention.figure.name:
            continue
        candidates = [c for c in _before(report, index) if not c.figure.approx]
        pair = _pair_for(mention, candidates, report)
        known = pair is not None
        if pair is None:
            pair = _generic_pair(candidates, _previous_rate_end(report, index))
        if pair is None:
            continue
        part, whole = pair
        if whole.value <= 0 or part.value > whole.value:
            continue
        written = written_decimal(report, mention)
        verdict, true = rate_verdict(written, part.value, whole.value)
        name = mention.figure.name
        basis = f"按{part.figure.name}{_count(part.value)}÷{whole.figure.name}{_count(whole.value)}"
        if verdict == "truncated":
            exponent = written.as_tuple().exponent
            decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            rounded = _plain(true, decimals)
            yield report.finding(
                "consistency.rate_rounding",
                "warning",
                _rate_span(mention),
                f"{name}写作{written}%，{basis}计算为{_plain(true)}%，四舍五入应为{rounded}%："
                f"建议写作{_plain(true)}%。",
                fix=f"{_plain(true)}%",
            )
        elif verdict == "wrong" and known and not _other_base(mention, candidates, written):
            yield report.finding(
                "consistency.rate_mismatch",
                "error",
                _rate_span(mention),
                f"{name}写作{written}%，但{basis}计算应为{_plain(true)}%：请核对这三个数。",
            )


def check_rate_bounds(report: CheckedReport) -> Iterator[Finding]:
    """A success, closure or satisfaction rate above 100%."""
    for mention in report.mentions:
        if not mention.is_rate or mention.value <= 100:
            continue
        bounded = (
            mention.spec is not None and mention.spec.type == "percent" and mention.strong
        ) or (_BOUNDED_RATE.search(mention.figure.name) is not None)
        if bounded:
            yield report.finding(
                "consistency.rate_over_100",
                "error",
                _rate_span(mention),
                f"{mention.figure.name}为{_count(mention.value)}%，超过了100%：请核对数值。",
            )


def _same_sentence(report: CheckedReport, mention: Mention) -> list[Mention]:
    text = report.clean.text
    start = _sentence_start(text, mention.figure.span[0])
    end = _sentence_end(text, mention.figure.span[1])
    return [m for m in report.mentions if start <= m.figure.span[0] and m.figure.span[1] <= end]


def check_part_whole(report: CheckedReport) -> Iterator[Finding]:
    """A part larger than its whole (败诉 more than 审结) in the same sentence."""
    for mention in report.mentions:
        spec = mention.spec
        if spec is None or spec.whole is None or mention.figure.approx or not mention.strong:
            continue
        whole_spec = report.catalog.get(spec.whole)
        whole = next(
            (
                m
                for m in _same_sentence(report, mention)
                if m is not mention
                and m.strong
                and m.spec is not None
                and m.spec.id == whole_spec.id
                and not m.figure.approx
            ),
            None,
        )
        if whole is not None and mention.value > whole.value:
            yield report.finding(
                "consistency.part_exceeds_whole",
                "error",
                mention.figure.span,
                f"{mention.figure.name}{_count(mention.value)}{mention.figure.unit}多于"
                f"{whole.figure.name}{_count(whole.value)}{whole.figure.unit}：请核对这两个数。",
            )


def _components(report: CheckedReport, total: Mention, spec: IndicatorSpec) -> dict[str, Mention]:
    found: dict[str, Mention] = {}
    text = report.clean.text
    end = _sentence_end(text, total.figure.span[1])
    for mention in report.mentions:
        if mention.figure.span[0] < total.figure.span[1] or mention.figure.span[1] > end:
            continue
        for component_id in spec.sum_of:
            if component_id not in found and mention.could_be(report.catalog.get(component_id)):
                found[component_id] = mention
                break
    return found


def check_totals(report: CheckedReport) -> Iterator[Finding]:
    """A catalog total (`sum_of`) whose parts, listed after it, do not add up."""
    for mention in report.mentions:
        spec = mention.spec
        if spec is None or not spec.sum_of or mention.figure.approx:
            continue
        found = _components(report, mention, spec)
        if len(found) < 2 or any(m.figure.approx for m in found.values()):
            continue
        total = sum(m.value for m in found.values())
        complete = len(found) == len(spec.sum_of)
        if total > mention.value or (complete and total != mention.value):
            listed = "、".join(f"{m.figure.name}{_count(m.value)}" for m in found.values())
            yield report.finding(
                "consistency.sum_mismatch",
                "error",
                mention.figure.span,
                f"{mention.figure.name}{_count(mention.value)}{mention.figure.unit}，"
                f"但分项{listed}合计{_count(total)}：请核对合计与分项。",
            )


def check_conflicting_values(report: CheckedReport) -> Iterator[Finding]:
    """The same indicator, named alike and in the same unit, with two values in one report."""
    first: dict[tuple[str, str, str], Mention] = {}
    for mention in report.mentions:
        spec = mention.spec
        if spec is None or not mention.strong or mention.figure.approx:
            continue
        if spec.type == "percent" and mention.value == 100:
            continue
        key = (spec.id, mention.figure.name, mention.figure.unit)
        earlier = first.setdefault(key, mention)
        if earlier is not mention and earlier.value != mention.value:
            yield report.finding(
                "consistency.conflicting_values",
                "warning",
                mention.figure.span,
                f"「{spec.name}」在前文写作{earlier.figure.text}，此处为{mention.figure.text}："
                "请确认两处口径是否一致。",
            )
