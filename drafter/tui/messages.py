"""Messages that workers post to the screens, and that screens post up to the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from drafter.core.models import Draft
from drafter.tui.widgets.phrase_list import PhraseEntry


@dataclass
class DraftSaved(Message):
    """A save finished; `draft` is what was written."""

    draft: Draft
    saved_at: str


@dataclass
class SaveFailed(Message):
    message: str


@dataclass
class ExportFinished(Message):
    path: Path


@dataclass
class ExportFailed(Message):
    message: str


@dataclass
class ExportReady(Message):
    """The review before an export is done; `errors` are sentences to show before exporting."""

    errors: list[str]


@dataclass
class SuggestionsReady(Message):
    """Suggestions looked up for the lookup numbered `serial` (older ones are dropped)."""

    serial: int
    entries: list[PhraseEntry]
    error: str | None


@dataclass
class ImportFinished(Message):
    """The past reports were imported in the background; `message` is the summary sentence."""

    message: str
    changed: bool
    failures: list[str]


@dataclass
class ImportFailed(Message):
    message: str


@dataclass
class YearChosen(Message):
    """The clerk chose a year to draft (`carry_text`: start each part from last year's text)."""

    year: int
    carry_text: bool
