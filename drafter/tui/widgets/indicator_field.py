"""One indicator: its name, an input for this year's value, last year's value and the change."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from drafter.core.models import IndicatorSpec, IndicatorValue
from drafter.core.numbers import format_value, format_with_unit


class IndicatorField(Widget):
    """An editable indicator field; derived indicators are read-only."""

    @dataclass
    class Changed(Message):
        """The clerk typed a new value (not yet validated)."""

        field: IndicatorField
        indicator_id: str
        text: str

        @property
        def control(self) -> IndicatorField:
            return self.field

    @dataclass
    class Confirmed(Message):
        """The clerk pressed Enter on a carried value to keep it."""

        field: IndicatorField
        indicator_id: str

        @property
        def control(self) -> IndicatorField:
            return self.field

    @dataclass
    class InsertRequested(Message):
        """The clerk asked to insert this indicator's slot into the text at the cursor."""

        field: IndicatorField
        indicator_id: str

        @property
        def control(self) -> IndicatorField:
            return self.field

    BINDINGS = [Binding("ctrl+l", "insert_slot", "插入正文", id="insert_slot")]

    error: reactive[str] = reactive("", init=False)
    """The message shown when the typed value was refused."""

    def __init__(self, spec: IndicatorSpec, value: IndicatorValue | None, last_year: float | None, change: str):
        super().__init__(id=f"ind-{spec.id}", classes="indicator-field")
        self.spec = spec
        self._value = value
        self._last_year = last_year
        self._change = change

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Horizontal(classes="indicator-row"):
            yield Label(spec.name, classes="indicator-name", markup=False)
            text = "" if self._value is None or self._value.value is None else format_value(self._value.value, spec)
            yield Input(
                text.rstrip("%"),
                placeholder="计算中" if spec.derived else "未填",
                disabled=spec.derived,
                compact=True,
                classes="indicator-input",
                id=f"input-{spec.id}",
            )
            yield Label("%" if spec.type == "percent" else spec.unit, classes="indicator-unit", markup=False)
        yield Static(self._detail(), classes="indicator-detail", markup=False)
        yield Static("", classes="indicator-error", markup=False)
        self._apply_state()

    def _detail(self) -> str:
        last = "上年—" if self._last_year is None else f"上年{format_with_unit(self._last_year, self.spec)}"
        return "｜".join(part for part in (last, self._change, self._state_text()) if part)

    def _state_text(self) -> str:
        value = self._value
        if self.spec.derived:
            return "自动计算"
        if value is None:
            return ""
        if value.origin == "carried" and not value.confirmed:
            return "待确认"
        if value.origin == "carried":
            return "已确认"
        return ""

    def _apply_state(self) -> None:
        value = self._value
        self.set_class(value is not None and value.origin == "carried" and not value.confirmed, "-unconfirmed")
        self.set_class(self.spec.derived, "-derived")

    def update(self, value: IndicatorValue | None, last_year: float | None, change: str) -> None:
        """Show a new state (attributes down from the screen); keeps what is being typed."""
        self._value, self._last_year, self._change = value, last_year, change
        if not self.is_mounted:
            return
        field_input = self.query_one(Input)
        if self.spec.derived or not field_input.has_focus:
            text = "" if value is None or value.value is None else format_value(value.value, self.spec)
            with field_input.prevent(Input.Changed):
                field_input.value = text.rstrip("%")
        self.query_one(".indicator-detail", Static).update(self._detail())
        self._apply_state()

    def watch_error(self, error: str) -> None:
        self.set_class(bool(error), "-invalid")
        self.query_one(".indicator-error", Static).update(error)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.input.has_focus:
            return  # set by the program (mount, refresh), not typed
        self.post_message(self.Changed(self, self.spec.id, event.value))

    def action_insert_slot(self) -> None:
        self.post_message(self.InsertRequested(self, self.spec.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Confirmed(self, self.spec.id))
