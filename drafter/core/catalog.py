"""Loads report kinds and the indicator catalog from templates/ (TOML), naming the file on error."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from drafter.core.models import Catalog, ReportKind
from drafter.errors import TemplateDataError


def templates_dir() -> Path:
    """The bundled templates/ folder (next to the package in a checkout or editable install)."""
    return Path(__file__).resolve().parents[2] / "templates"


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise TemplateDataError(f"无法读取模板文件 {path}：请检查文件是否存在。") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateDataError(f"模板文件 {path} 格式有误（{exc}）：请修正后重试。") from exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def load_kind_file(path: Path) -> ReportKind:
    """Load and validate one report kind file."""
    data = _read_toml(path)
    try:
        return ReportKind.model_validate(data)
    except ValidationError as exc:
        raise TemplateDataError(f"报告类型文件 {path.name} 有误（{_first_error(exc)}）：请修正后重试。") from exc


def load_kinds(*extra_dirs: Path) -> dict[str, ReportKind]:
    """All report kinds of templates/kinds and of any extra folders (a workspace's kinds/), by id."""
    folder = templates_dir() / "kinds"
    kinds: dict[str, ReportKind] = {}
    files = sorted(folder.glob("*.toml"))
    for extra in extra_dirs:
        files.extend(sorted(extra.glob("*.toml")))
    for path in files:
        kind = load_kind_file(path)
        if kind.id in kinds:
            raise TemplateDataError(f"报告类型 {kind.id} 在 {path.name} 中重复定义：请改用其他 id。")
        kinds[kind.id] = kind
    if not kinds:
        raise TemplateDataError(f"{folder} 中没有报告类型文件：请至少提供一个 .toml 文件。")
    return kinds


def load_catalog_file(path: Path) -> Catalog:
    """Load and validate an indicator catalog file (`[[indicator]]` tables)."""
    data = _read_toml(path)
    try:
        return Catalog(indicators=data.get("indicator", []))
    except ValidationError as exc:
        raise TemplateDataError(f"指标目录 {path.name} 有误（{_first_error(exc)}）：请修正后重试。") from exc


@cache
def default_catalog() -> Catalog:
    """The bundled catalog, loaded once."""
    return load_catalog_file(templates_dir() / "indicators.toml")
