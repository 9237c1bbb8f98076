"""Choose an export format; errors found by the reviewer are shown and must be confirmed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

FORMATS = (("docx", "DOCX（GB/T 9704 公文版式）"), ("txt", "纯文本（便于粘贴到网站）"), ("pdf", "PDF（经 LibreOffice 转换）"))


class ExportScreen(ModalScreen[str | None]):
    """Returns the chosen format, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="cancel_export")]

    def __init__(self, errors: list[str], pdf_available: bool, export_dir: str) -> None:
        super().__init__()
        self.errors = errors
        self.pdf_available = pdf_available
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(f"导出到 {self.export_dir}", markup=False, id="export-title")
            with RadioSet(id="formats"):
                for fmt, label in FORMATS:
                    disabled = fmt == "pdf" and not self.pdf_available
                    text = label + ("：未安装 LibreOffice，无法导出 PDF" if disabled else "")
                    yield RadioButton(text, value=fmt == "docx", disabled=disabled, id=f"fmt-{fmt}")
            if self.errors:
                lines = "\n".join(f"·{e}" for e in self.errors[:8])
                more = f"\n…另有 {len(self.errors) - 8} 项" if len(self.errors) > 8 else ""
                yield Static(
                    f"审查发现 {len(self.errors)} 个错误，建议先修改（Ctrl+R 查看）：\n{lines}{more}",
                    markup=False,
                    id="export-errors",
                )
            with Horizontal(id="export-buttons"):
                yield Button("仍然导出" if self.errors else "导出", id="do-export",
                             variant="warning" if self.errors else "primary")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel" if self.errors else "#do-export", Button).focus()

    @on(Button.Pressed, "#do-export")
    def do_export(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        self.dismiss(str(pressed.id).removeprefix("fmt-") if pressed else "docx")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
