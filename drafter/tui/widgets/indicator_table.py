"""The indicators of the current part as a table, with one editor line for the highlighted row.

One DataTable scales to the eighty-odd indicators of a part; a field widget per indicator did not
(mounting them took seconds). Enter edits a row, Enter again applies and moves to the next row,
Space keeps a value carried from last year, Ctrl+L inserts the indicator into the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static

from drafter.core.models import IndicatorSpec, IndicatorValue
from drafter.core.numbers import format_value, format_with_unit, parse_user_number


@dataclass(frozen=True)
class IndicatorRow:
    """What one row shows (attributes down from the screen)."""

    spec: IndicatorSpec
    value: IndicatorValue | None
    last_year: float | None
    change: str

    @property
    def state(self) -> str:
        if self.spec.derived:
            return "自动计算"
        if self.value is None:
            return "未填"
        if self.value.origin == "carried":
            return "待确认" if not self.value.confirmed else "已确认"
        return "已填写"

    def cells(self) -> tuple[str, str, str, str, str]:
        current = "—" if self.value is None or self.value.value is None else format_with_unit(self.value.value, self.spec)
        last = "—" if self.last_year is None else format_with_unit(self.last_year, self.spec)
        marker = "●" if self.state == "待确认" else " "
        return (f"{marker}{self.spec.name}", current, last, self.change, self.state)


COLUMNS = (("指标", 15), ("本年", 8), ("上年", 8), ("同比", 12), ("状态", 6))
"""Column labels and fixed widths in cells (a stable layout whatever the values)."""


class IndicatorTable(Vertical):
    """A table of indicator rows and an editor line; posts messages, never touches the draft."""

    @dataclass
    class ValueSubmitted(Message):
        """The clerk typed a value and pressed Enter (not validated yet)."""

        table: IndicatorTable
        indicator_id: str
        text: str

        @property
        def control(self) -> IndicatorTable:
            return self.table

    @dataclass
    class ConfirmRequested(Message):
        """Keep a carried value as it is."""

        table: IndicatorTable
        indicator_id: str

        @property
        def control(self) -> IndicatorTable:
            return self.table

    @dataclass
    class InsertRequested(Message):
        """Insert this indicator's slot into the text at the cursor."""

        table: IndicatorTable
        indicator_id: str

        @property
        def control(self) -> IndicatorTable:
            return self.table

    BINDINGS = [
        Binding("ctrl+l", "insert_slot", "插入正文", id="insert_slot"),
        Binding("space", "confirm", "确认沿用", id="confirm_value"),
        Binding("escape", "back_to_table", "返回列表", id="back_to_table", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: dict[str, IndicatorRow] = {}
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        table: DataTable = DataTable(id="indicator-rows", cursor_type="row", zebra_stripes=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        yield table
        with Horizontal(id="indicator-editor"):
            yield Label("", id="editing-name", markup=False)
            yield Input(placeholder="新数值", id="indicator-input", compact=True)
            yield Label("", id="editing-unit", markup=False)
        yield Static("", id="indicator-message", markup=False)

    @property
    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def show_rows(self, rows: list[IndicatorRow]) -> None:
        """Replace the rows (new part)."""
        self.rows = {r.spec.id: r for r in rows}
        self._rebuild()

    def update_rows(self, rows: list[IndicatorRow]) -> None:
        """Refresh values in place (after an edit): derived rates, 同比, states."""
        table = self.query_one(DataTable)
        for row in rows:
            self.rows[row.spec.id] = row
            if row.spec.id in table.rows:
                for column_key, text in zip(table.columns, row.cells(), strict=True):
                    table.update_cell(row.spec.id, column_key, text)
        self._show_editor()

    def filter(self, text: str) -> None:
        """Show only indicators whose name or aliases contain `text`."""
        self.filter_text = text.strip()
        self._rebuild()

    def _visible(self) -> list[IndicatorRow]:
        needle = self.filter_text
        return [
            r for r in self.rows.values()
            if not needle or needle in r.spec.name or any(needle in a for a in r.spec.aliases)
        ]

    def _rebuild(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in self._visible():
            table.add_row(*row.cells(), key=row.spec.id)
        self.display = True
        self._show_editor()

    def _show_editor(self) -> None:
        indicator_id = self.current_id
        row = self.rows.get(indicator_id) if indicator_id else None
        field = self.query_one("#indicator-input", Input)
        self.query_one("#editing-name", Label).update(row.spec.name if row else "")
        self.query_one("#editing-unit", Label).update("" if row is None else ("%" if row.spec.type == "percent" else row.spec.unit))
        field.disabled = row is None or row.spec.derived
        if not field.has_focus:
            text = "" if row is None or row.value is None or row.value.value is None else format_value(row.value.value, row.spec)
            with field.prevent(Input.Changed):
                field.value = text.rstrip("%")
        self.show_message("")

    def show_message(self, message: str, error: bool = False) -> None:
        note = self.query_one("#indicator-message", Static)
        note.update(message)
        note.set_class(error, "-error")
        self.set_class(error, "-invalid")

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_editor()

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.rows.get(str(event.row_key.value))
        if row is None:
            return
        if row.spec.derived:
            self.show_message(f"「{row.spec.name}」由组成指标自动计算，请修改组成指标。")
            return
        field = self.query_one("#indicator-input", Input)
        field.focus()
        field.select_all()

    @on(Input.Changed, "#indicator-input")
    def typed(self, event: Input.Changed) -> None:
        """Say at once when what is being typed cannot be a value (applied only on Enter)."""
        event.stop()
        row = self.rows.get(self.current_id or "")
        if row is None or not event.input.has_focus:
            return
        try:
            if event.value.strip():
                parse_user_number(event.value, row.spec)
        except ValueError as exc:
            self.show_message(str(exc), error=True)
        else:
            self.show_message("按回车确定，Esc 取消。")

    @on(Input.Submitted, "#indicator-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.current_id is not None:
            self.post_message(self.ValueSubmitted(self, self.current_id, event.value))

    def value_accepted(self) -> None:
        """The screen applied the value: go back to the table, one row down."""
        table = self.query_one(DataTable)
        table.focus()
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_back_to_table(self) -> None:
        self.query_one(DataTable).focus()
        self._show_editor()

    def action_confirm(self) -> None:
        if self.current_id is not None:
            self.post_message(self.ConfirmRequested(self, self.current_id))

    def action_insert_slot(self) -> None:
        if self.current_id is not None:
            self.post_message(self.InsertRequested(self, self.current_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.query_one(DataTable).has_focus
        return True

    def move_to(self, indicator_id: str) -> None:
        """Highlight a row (e.g. from the review screen)."""
        table = self.query_one(DataTable)
        if indicator_id in table.rows:
            table.move_cursor(row=table.get_row_index(indicator_id))
