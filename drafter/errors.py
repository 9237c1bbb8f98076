"""Errors the clerk can act on: each message is one Chinese sentence saying what is wrong and what to do."""

from __future__ import annotations

import traceback
from pathlib import Path


class DrafterError(Exception):
    """Base of every error drafter raises on purpose; `str(err)` is the sentence shown to the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TemplateDataError(DrafterError):
    """A file under templates/ (report kind, indicator catalog) is malformed."""


class WorkspaceError(DrafterError):
    """The workspace folder is missing, not a workspace, or locked by another process."""


class ValueProblem(DrafterError):
    """An indicator value or draft field the clerk entered is not acceptable."""


class StoreError(DrafterError):
    """The draft database cannot be opened, read or written."""


class RenderError(DrafterError):
    """Slotted text could not be rendered (unknown slot, missing value)."""


class ExportError(DrafterError):
    """A document could not be written under exports/."""


class ReadError(DrafterError):
    """A past report could not be read (wrong format, broken file, unknown encoding)."""


def log_traceback(root: Path, error: BaseException) -> Path | None:
    """Append an unexpected error's traceback to the workspace log (never to the screen).

    Returns the log file, or None when it cannot be written.
    """
    from drafter.paths import log_file

    target = log_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(error)) + "\n")
    except OSError:
        return None
    return target
