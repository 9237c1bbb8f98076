"""Any text can be checked: no exception, spans inside the text, excerpts that match."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.checks import check_text

ALPHABET = list(
    '一二三四五六七八九十（）()、.，,。：:；“”"《》年月日率件次%-～0123456789\n 报告情况存在问题下步工作安排'
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gives_well_formed_findings(text):
    for finding in check_text(text):
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.excerpt:
            assert finding.excerpt == text[finding.start : finding.end]
        assert finding.severity in ("error", "warning", "hint")
        assert finding.message.endswith("。")
