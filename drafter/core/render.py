"""Slotted text: indicator slots inside part text, rendered by the one sandboxed jinja2 environment.

A slot is written `⟦指标名⟧` in stored text and is inserted by the tool. Whatever else the clerk typed
(`{{ ... }}`, `{% ... %}`, `{#`) is a value passed to the template, never template source, so it
comes out literally. Unknown names between the brackets stay literal text as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from drafter.core.models import Catalog, IndicatorSpec
from drafter.core.numbers import format_value, round_half_up
from drafter.errors import RenderError, TemplateDataError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

SLOT_OPEN, SLOT_CLOSE = "⟦", "⟧"
_SLOT_RE = re.compile(r"⟦([^⟦⟧\n]{1,40})⟧")

Missing = Literal["raise", "mark"]


@cache
def environment() -> SandboxedEnvironment:
    """The single sandboxed environment (strict undefined, no autoescape: output is plain text).

    jinja2 is imported here, on first use, to keep it off the start-up path.
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def slot(spec: IndicatorSpec) -> str:
    """The stored form of a slot for an indicator."""
    return f"{SLOT_OPEN}{spec.name}{SLOT_CLOSE}"


def split_slots(text: str, catalog: Catalog) -> list[str | IndicatorSpec]:
    """Split text into literal strings and the indicator specs of its slots."""
    pieces: list[str | IndicatorSpec] = []
    pos = 0
    for match in _SLOT_RE.finditer(text):
        spec = catalog.by_name(match.group(1).strip())
        if spec is None:
            continue
        if match.start() > pos:
            pieces.append(text[pos : match.start()])
        pieces.append(spec)
        pos = match.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def slot_ids(text: str, catalog: Catalog) -> list[str]:
    """Ids of the indicators slotted into a text, in order."""
    return [p.id for p in split_slots(text, catalog) if not isinstance(p, str)]


def render_slotted(
    text: str,
    values: Mapping[str, float | None],
    catalog: Catalog,
    missing: Missing = "raise",
) -> str:
    """Render slotted text with the given indicator values.

    Args:
        text: stored text with `⟦指标名⟧` slots.
        values: indicator id to value (None when not filled).
        catalog: the indicator catalog.
        missing: "raise" raises RenderError for an unfilled slot; "mark" writes `【待填：名称】`.

    Raises:
        RenderError: a slot has no value and `missing` is "raise".
    """
    pieces = split_slots(text, catalog)
    source = "".join(
        f"{{{{ literal[{i}] }}}}" if isinstance(p, str) else f"{{{{ fill({i}) }}}}" for i, p in enumerate(pieces)
    )
    literal = {i: p for i, p in enumerate(pieces) if isinstance(p, str)}
    specs = {i: p for i, p in enumerate(pieces) if not isinstance(p, str)}

    def fill(index: int) -> str:
        spec = specs[index]
        value = values.get(spec.id)
        if value is None:
            if missing == "mark":
                return f"【待填：{spec.name}】"
            raise RenderError(f"指标「{spec.name}」还没有数值：请在指标栏中填写后再导出。")
        return format_value(value, spec)

    return _template(source).render(literal=literal, fill=fill)


@lru_cache(maxsize=512)
def _template(source: str):
    """Compiled templates by shape: the source names only indexes, never clerk text, so the
    few shapes in use compile once."""
    return environment().from_string(source)


def fill_placeholders(pattern: str, **fields: object) -> str:
    """Fill `{county}`-style placeholders of template data; unknown placeholders stay as they are."""
    return re.sub(r"\{(\w+)\}", lambda m: str(fields.get(m.group(1), m.group(0))), pattern)


@cache
def _compiled(formula: str) -> Callable[..., object]:
    from jinja2.exceptions import TemplateError

    try:
        return environment().compile_expression(formula, undefined_to_none=False)
    except TemplateError as exc:
        raise TemplateDataError(f"指标公式「{formula}」无法解析：请检查 templates/indicators.toml。") from exc


def compute_derived(values: Mapping[str, float | None], catalog: Catalog) -> dict[str, float | None]:
    """Values of the derived indicators, computed from their parts and rounded per the catalog.

    A rate whose parts are missing, or whose denominator is zero, is None.
    """
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    known = {k: v for k, v in values.items() if v is not None}
    derived: dict[str, float | None] = {}
    for spec in catalog.indicators:
        if spec.formula is None:
            continue
        try:
            result = _compiled(spec.formula)(**known)
        except (UndefinedError, ZeroDivisionError, TypeError, SecurityError):
            derived[spec.id] = None
            continue
        derived[spec.id] = round_half_up(float(result), spec.digits) if isinstance(result, int | float) else None
    return derived


SHOWN_SEPARATOR = "："
"""Between an indicator's name and its current value in the editor's form of a slot."""
_SHOWN_SLOT_RE = re.compile(r"⟦([^⟦⟧：\n]{1,40})：[^⟦⟧\n]{0,40}⟧")


def show_slot_values(text: str, values: Mapping[str, float | None], catalog: Catalog) -> str:
    """The editor's form of stored text: each slot shows its current value, `⟦行政复议办结：64⟧`."""

    def shown(match: re.Match[str]) -> str:
        spec = catalog.by_name(match.group(1).strip())
        if spec is None:
            return match.group(0)
        value = values.get(spec.id)
        return f"{SLOT_OPEN}{spec.name}{SHOWN_SEPARATOR}{'待填' if value is None else format_value(value, spec)}{SLOT_CLOSE}"

    return _SLOT_RE.sub(shown, text)


def hide_slot_values(text: str, catalog: Catalog) -> str:
    """Stored text from the editor's form: the values shown in slots are dropped (they always come
    from the indicators, so typing inside a slot's value changes nothing)."""

    def hidden(match: re.Match[str]) -> str:
        spec = catalog.by_name(match.group(1).strip())
        return match.group(0) if spec is None else slot(spec)

    return _SHOWN_SLOT_RE.sub(hidden, text)
