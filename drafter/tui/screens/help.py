"""The help screen: what the tool does and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP_TEXT = """\
drafter 帮助

写作流程
  1. 左侧“报告结构”列出报告各部分：✓ 已写，○ 必备未写，· 可选。
  2. 中间是正文编辑区，下方是本部分的写作指引。每一行是一个段落；
     以“（一）”开头的行是二级标题，以“1.”开头的行是三级标题。
  3. 右侧“指标”列出本部分常用指标，已带入上年数值；带“●”的是“待确认”的沿用值。
     在指标上按回车输入新数值，再按回车确定；按空格表示沿用上年数值并确认；
     比率由分项自动计算；上方输入框可筛选指标。
  4. 在指标表中按 Ctrl+L 把该指标插入正文光标处（显示为⟦指标名⟧）；
     之后修改数值，正文随之更新。
  5. 右侧“建议”列出往年报告中的相关表述（Ctrl+G 进入），按回车插入正文，
     其中的数字会换成本年的指标。
  6. Ctrl+R 审查全文：缺少的必备部分、相互矛盾的数字、照抄上年的内容、日期和标点问题。
  7. Ctrl+O 导出 DOCX（GB/T 9704 版式）到 exports/ 文件夹，也可导出纯文本或 PDF。

所有修改自动保存，无需保存键；意外关闭后重新打开，内容不会丢失。

按键
  F1        帮助                 Ctrl+P    命令面板（所有操作）
  Ctrl+R    审查与预览           Ctrl+O    导出
  Ctrl+T    确认全部沿用值       Ctrl+L    在指标栏中：插入正文
  Ctrl+N    下一部分             Ctrl+B    上一部分
  Ctrl+G    往年表述建议         空格      确认沿用值（指标表中）
  F2        年度与工作区         F3        历史版本
  F10       切换明暗主题
  Ctrl+Z    撤销（编辑区）       Ctrl+Y    重做
  Tab       在各栏之间移动       Ctrl+Q    保存并退出

按 Esc 关闭本页。
"""


class HelpScreen(ModalScreen[None]):
    """Shows HELP_TEXT; Esc closes it."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "关闭", id="close_help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(HELP_TEXT, markup=False)

    def action_dismiss(self) -> None:
        self.dismiss()
