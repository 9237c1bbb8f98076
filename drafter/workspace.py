"""A workspace: one county's folder with its configuration, past reports, exports and database."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter import paths
from drafter.core.catalog import default_catalog, load_kinds
from drafter.core.drafts import CountyProfile, new_draft
from drafter.core.models import Catalog, Draft, ReportKind
from drafter.errors import DrafterError, WorkspaceError
from drafter.store import Store, YearValue


class WorkspaceConfig(BaseModel):
    """The contents of drafter.toml."""

    model_config = ConfigDict(extra="forbid")

    county: str = Field(min_length=1)
    """The county (or district) name, e.g. 青岚县."""
    kind: str = "county_government"
    issuers: list[str] = Field(min_length=1)
    """发文机关, one or more."""
    addressee: str | None = None
    """主送机关, without the trailing colon."""
    city: str | None = None


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class YearRow:
    """What the start screen shows for one year."""

    year: int
    has_report: bool
    draft: Draft | None
    parts_done: int
    parts_required: int


class Workspace:
    """An opened workspace; the store is opened on first use."""

    def __init__(self, root: Path, config: WorkspaceConfig, kinds: dict[str, ReportKind], catalog: Catalog):
        self.root = root
        self.config = config
        self.kinds = kinds
        self.catalog = catalog
        self._lock = None
        if config.kind not in kinds:
            raise WorkspaceError(f"drafter.toml 中的报告类型「{config.kind}」不存在：可选 {', '.join(kinds)}。")

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """Open the workspace in `root`.

        Raises:
            WorkspaceError: no drafter.toml there, or it is malformed.
        """
        path = paths.config_file(root)
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise WorkspaceError(f"{root} 不是 drafter 工作区：请先运行 drafter init {root}。") from None
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise WorkspaceError(f"无法读取 {path}（{exc}）：请检查该文件。") from exc
        try:
            config = WorkspaceConfig.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise WorkspaceError(f"{path.name} 中「{'.'.join(map(str, err['loc']))}」有误：{err['msg']}。") from exc
        return cls(root, config, load_kinds(paths.kinds_dir(root)), default_catalog())

    @classmethod
    def init(cls, root: Path, config: WorkspaceConfig) -> Workspace:
        """Make a new workspace folder for a county."""
        if paths.config_file(root).exists():
            raise WorkspaceError(f"{root} 已经是工作区：如需修改请直接编辑其中的 drafter.toml。")
        lines = [f"county = {_toml_string(config.county)}", f"kind = {_toml_string(config.kind)}"]
        lines.append("issuers = [" + ", ".join(_toml_string(i) for i in config.issuers) + "]")
        if config.addressee:
            lines.append(f"addressee = {_toml_string(config.addressee)}")
        if config.city:
            lines.append(f"city = {_toml_string(config.city)}")
        from drafter.fileio import atomic_write_text

        try:
            for folder in (root, paths.past_reports_dir(root), paths.exports_dir(root), paths.data_dir(root)):
                folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(paths.config_file(root), "\n".join(lines) + "\n")
            atomic_write_text(root / ".gitignore", ".drafter/\n")
        except OSError as exc:
            raise WorkspaceError(f"无法在 {root} 创建工作区（{exc}）：请检查路径和权限。") from exc
        return cls.open(root)

    @cached_property
    def store(self) -> Store:
        return Store(paths.database_file(self.root))

    @property
    def kind(self) -> ReportKind:
        return self.kinds[self.config.kind]

    @property
    def profile(self) -> CountyProfile:
        c = self.config
        return CountyProfile(county=c.county, issuers=list(c.issuers), addressee=c.addressee, city=c.city)

    @property
    def exports_dir(self) -> Path:
        return paths.exports_dir(self.root)

    @property
    def past_reports_dir(self) -> Path:
        return paths.past_reports_dir(self.root)

    def lock(self) -> None:
        """Take the workspace for this process (WorkspaceError if another drafter has it)."""
        from drafter.lock import WorkspaceLock

        if self._lock is None:
            self._lock = WorkspaceLock(self.root).acquire()

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # Values of past years

    def known_values(self, year: int) -> dict[str, float]:
        """Indicator values of `year`: from that year's draft, else from its imported report."""
        draft = self.store.load_draft(self.config.county, year)
        if draft is not None and draft.values:
            return {k: v.value for k, v in draft.values.items() if v.value is not None}
        return {k: v.value for k, v in self.store.year_values(self.config.county, year).items()}

    def last_year_text(self, year: int) -> str | None:
        """The text of the report before `year`, to spot copied sentences: last year's draft as it
        printed, else None."""
        draft = self.store.load_draft(self.config.county, year - 1)
        if draft is None:
            return None
        from drafter.core.compose import compose
        from drafter.export.text import render_text

        return render_text(compose(draft, self.kind, self.catalog, missing="mark"))

    def record_year_values(self, year: int, values: dict[str, YearValue]) -> None:
        self.store.set_year_values(self.config.county, year, values)

    def import_past_reports(self):
        """Import new or changed files of past_reports/ (unchanged ones are skipped by hash), so
        that last year's values come from what extraction yields.

        Returns the import summary.
        """
        from drafter.corpus.library import import_bundled

        return import_bundled(self)

    # Drafts

    def default_year(self, today: dt.date | None = None) -> int:
        """The year to draft: the one after the newest report or draft, else last year."""
        county = self.config.county
        if draft_years := self.store.draft_years(county):
            return draft_years[0]
        if value_years := self.store.value_years(county):
            return value_years[0] + 1
        today = today or dt.date.today()
        return today.year if today.month >= 11 else today.year - 1

    def draft(self, year: int, carry_text: bool = False) -> Draft:
        """The draft for `year`, created from the year before if there is none yet."""
        existing = self.store.load_draft(self.config.county, year)
        if existing is not None:
            return existing
        self.import_past_reports()  # last year's values come from its report (unchanged files are skipped)
        last_year_draft = self.store.load_draft(self.config.county, year - 1)
        draft = new_draft(
            self.kind,
            self.profile,
            year,
            self.catalog,
            last_year_values=self.known_values(year - 1),
            last_year_draft=last_year_draft,
            carry_text=carry_text,
            last_year_texts=self.report_texts(year - 1) if carry_text and last_year_draft is None else None,
        )
        self.store.save_draft(draft)
        return draft

    def report_texts(self, year: int) -> dict[str, str]:
        """Part id to the text of this county's imported report on `year` (empty when none)."""
        from drafter.corpus.last_year import part_texts_from_file
        from drafter.corpus.library import open_index

        index = open_index(self)
        try:
            records = [r for r in index.reports() if r.county == self.config.county and r.year == year]
        finally:
            index.close()
        for record in records:
            try:
                return part_texts_from_file(self.root / record.path, self.kind, self.catalog)
            except DrafterError:
                continue
        return {}

    def current_draft(self) -> Draft:
        return self.draft(self.default_year())

    def save(self, draft: Draft) -> bool:
        return self.store.save_draft(draft)

    def overview(self) -> list[YearRow]:
        """Each year with a past report or a draft, newest first."""
        county = self.config.county
        draft_years = set(self.store.draft_years(county))
        report_years = set(self.store.value_years(county))
        rows = []
        for year in sorted(draft_years | report_years, reverse=True):
            draft = self.store.load_draft(county, year) if year in draft_years else None
            rows.append(
                YearRow(
                    year=year,
                    has_report=year in report_years,
                    draft=draft,
                    parts_done=sum(1 for p in self.kind.parts if p.required and draft and draft.parts.get(p.id, "").strip()),
                    parts_required=sum(1 for p in self.kind.parts if p.required),
                )
            )
        return rows

    def export_name(self, draft: Draft, suffix: str) -> Path:
        return self.exports_dir / f"{draft.county}{draft.year}年法治政府建设年度报告{suffix}"
