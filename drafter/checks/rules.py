"""Rule data of the checks (templates/checks/*.toml): formulations, deadlines, punctuation.

Each file is validated by pydantic on load; errors name the file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from drafter.checks.findings import Severity
from drafter.core.catalog import templates_dir
from drafter.errors import TemplateDataError


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Formulation(_Rule):
    """A meeting, plan or document name that dates a report."""

    id: str
    label: str
    pattern: str
    """Regular expression over the cleaned text."""
    valid_from: dt.date
    """The day it came into existence (meeting closed, document issued)."""
    outdated_from: dt.date | None = None
    """The day a newer formulation replaced it as current guidance."""
    not_yet_severity: Severity = "error"
    outdated_severity: Severity = "warning"
    advice: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"正则表达式有误：{exc}") from exc
        return pattern

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class Deadline(_Rule):
    """A day in the year after the year reported on by which the report must be out."""

    id: str
    name: str
    month: int
    day: int
    valid_from: dt.date
    severity: Severity = "error"
    basis: str
    kinds: list[str] = []
    """Report kinds it applies to; empty means every kind."""

    def due(self, year: int) -> dt.date:
        """The deadline for the report on `year`."""
        return dt.date(year + 1, self.month, self.day)


class Pair(_Rule):
    open: str
    close: str
    name: str


class Punctuation(_Rule):
    valid_from: dt.date
    pair: list[Pair]
    doubled: str
    range_dashes: str
    range_words: str
    range_mark: str


class _FormulationFile(_Rule):
    formulation: list[Formulation]


class _DeadlineFile(_Rule):
    deadline: list[Deadline]


@dataclass(frozen=True)
class Rules:
    """All rule data the checks use."""

    formulations: tuple[Formulation, ...]
    deadlines: tuple[Deadline, ...]
    punctuation: Punctuation


def _load(path: Path, model: type[_Rule]) -> _Rule:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise TemplateDataError(f"无法读取检查规则文件 {path}：请检查文件是否存在。") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateDataError(
            f"检查规则文件 {path.name} 格式有误（{exc}）：请修正后重试。"
        ) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise TemplateDataError(
            f"检查规则文件 {path.name} 有误（{where}: {err['msg']}）：请修正后重试。"
        ) from exc


def load_rules(folder: Path) -> Rules:
    """Load the three rule files of a folder.

    Raises:
        TemplateDataError: a file is missing or malformed (the message names it).
    """
    formulations = _load(folder / "formulations.toml", _FormulationFile)
    deadlines = _load(folder / "deadlines.toml", _DeadlineFile)
    punctuation = _load(folder / "punctuation.toml", Punctuation)
    return Rules(
        formulations=tuple(formulations.formulation),  # type: ignore[attr-defined]
        deadlines=tuple(deadlines.deadline),  # type: ignore[attr-defined]
        punctuation=punctuation,  # type: ignore[arg-type]
    )


@cache
def default_rules() -> Rules:
    """The bundled rules of templates/checks, loaded once."""
    return load_rules(templates_dir() / "checks")
