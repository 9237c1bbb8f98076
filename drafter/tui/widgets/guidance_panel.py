"""The guidance of the current part: what it must say and typical sub-headings."""

from __future__ import annotations

from textual.widgets import Static

from drafter.core.models import PartSpec


def guidance_text(spec: PartSpec | None) -> str:
    if spec is None:
        return "标题、主送机关和开头段落。开头写明年度、指导思想和总体成效，通常以“现将有关情况报告如下：”结尾。"
    lines = [spec.guidance]
    if spec.subheadings:
        lines.append("常见小标题：" + "；".join(f"（{i}）{h}" for i, h in zip("一二三四五六七八九十", spec.subheadings, strict=False)))
    return "\n".join(lines)


class GuidancePanel(Static):
    """Plain text (never markup) guidance for a part."""

    def __init__(self, spec: PartSpec | None, **kwargs) -> None:
        super().__init__(guidance_text(spec), markup=False, **kwargs)
        self.border_title = "写作指引"

    def show(self, spec: PartSpec | None) -> None:
        self.update(guidance_text(spec))
