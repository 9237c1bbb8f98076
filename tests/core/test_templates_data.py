"""The bundled data: indicator catalog, county report kind, sample workspace and sample reports."""

from __future__ import annotations

import ast
import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from drafter.core.catalog import load_catalog_file, load_kind_file
from drafter.core.models import REQUIRED_KINDS, Catalog, IndicatorSpec
from drafter.workspace import WorkspaceConfig

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
PAST = REPO / "past_reports"
SEEDS = REPO / ".." / "shared" / "seeds"
ALLOWED_FORMULA_NODES = (ast.Expression, ast.BinOp, ast.Name, ast.Load, ast.Constant)
ALLOWED_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
PLACEHOLDERS = {"county", "year", "next_year", "issuer", "city"}


@pytest.fixture(scope="module")
def bundled_catalog() -> Catalog:
    return load_catalog_file(TEMPLATES / "indicators.toml")


@pytest.fixture(scope="module")
def workspace_config() -> dict:
    with (REPO / "drafter.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def figures() -> list[dict]:
    with (REPO / "tests" / "data" / "sample_figures.toml").open("rb") as fh:
        return tomllib.load(fh)["report"]


def _report_text(name: str) -> str:
    path = PAST / name
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    return path.read_bytes().decode("gbk")


def _formula_names(formula: str) -> set[str]:
    tree = ast.parse(formula, mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            assert isinstance(node.op, ALLOWED_OPERATORS), formula
        elif not isinstance(node, ALLOWED_FORMULA_NODES + ALLOWED_OPERATORS):
            raise AssertionError(f"{formula}: {type(node).__name__} not allowed")
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _evaluate(node: ast.AST, values: dict[str, float]) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, values)
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(values[node.id])
    assert isinstance(node, ast.BinOp)
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    operations = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
    return operations.get(type(node.op), left / right if right else float("nan"))


def _decimals(value: float) -> int:
    text = repr(value)
    return 0 if float(value).is_integer() else len(text.split(".")[1])


def _written_forms(value: float, spec: IndicatorSpec) -> list[str]:
    """How a value can be written: `2300`, `97.67`, `12万`, `3.68万`."""
    number = int(value) if float(value).is_integer() else value
    forms = [f"{number}"]
    if spec.type != "percent" and value >= 10000:
        forms.append(f"{Decimal(repr(value)) / 10000:f}".rstrip("0").rstrip(".") + "万")
    return forms


# ---------------------------------------------------------------- catalog


def test_catalog_is_large_and_ids_are_snake_case(bundled_catalog: Catalog) -> None:
    assert len(bundled_catalog.indicators) >= 45
    for spec in bundled_catalog.indicators:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", spec.id), spec.id
        assert re.search(r"[\u4e00-\u9fff]", spec.name), spec.name


def test_aliases_are_short_phrases_owned_by_one_indicator(bundled_catalog: Catalog) -> None:
    owner: dict[str, str] = {}
    for spec in bundled_catalog.indicators:
        assert spec.aliases, spec.id
        for alias in spec.aliases:
            assert 1 < len(alias) <= 16 and not re.search(r"[，。；]", alias), alias
            assert not alias[-1].isdigit(), alias
            assert alias not in owner, f"{alias} in {owner.get(alias)} and {spec.id}"
            owner[alias] = spec.id


def test_derived_formulas_name_existing_ids_only(bundled_catalog: Catalog) -> None:
    ids = {spec.id for spec in bundled_catalog.indicators}
    derived = [spec for spec in bundled_catalog.indicators if spec.derived]
    assert len(derived) >= 5
    for spec in derived:
        names = _formula_names(spec.formula)
        assert names, spec.formula
        assert names <= ids, names - ids
        assert spec.id not in names
        assert all(not bundled_catalog.get(n).derived for n in names), spec.id


@pytest.mark.parametrize(
    ("rate", "numerator", "denominator"),
    [
        ("mediation_success_rate", "mediation_success", "mediation_cases"),
        ("lawsuit_loss_rate", "lawsuit_lost", "lawsuit_concluded"),
        ("court_appearance_rate", "court_appearance", "court_appearance_required"),
        ("review_correction_rate", "review_corrected", "review_concluded"),
        ("on_time_rate", "service_on_time", "service_handled"),
    ],
)
def test_required_rates_are_part_over_whole(
    bundled_catalog: Catalog, rate: str, numerator: str, denominator: str
) -> None:
    spec = bundled_catalog.get(rate)
    assert spec.type == "percent" and spec.max == 100
    assert _formula_names(spec.formula) == {numerator, denominator}
    assert bundled_catalog.get(numerator).whole == denominator
    tree = ast.parse(spec.formula, mode="eval")
    assert _evaluate(tree, {numerator: 7, denominator: 130}) == pytest.approx(5.3846, abs=1e-3)


def test_ranges_and_units_are_sane(bundled_catalog: Catalog) -> None:
    for spec in bundled_catalog.indicators:
        assert spec.min >= 0, spec.id
        assert spec.max is not None and spec.max > spec.min, spec.id
        if spec.type == "percent":
            assert spec.unit == "%" and spec.max == 100
        if spec.type == "money":
            assert spec.unit in {"元", "万元"}
        for part in spec.sum_of:
            assert bundled_catalog.get(part).whole == spec.id, part


@pytest.mark.parametrize(
    ("phrase", "indicator"),
    [
        ("办结行政复议案件", "review_concluded"),
        ("注销执法证件", "permits_cancelled"),
        ("按时办结率", "on_time_rate"),
        ("败诉率", "lawsuit_loss_rate"),
        ("行政机关负责人出庭应诉率", "court_appearance_rate"),
        ("减免公证费", "notary_fees_waived"),
        ("调解成功", "mediation_success"),
        ("备案规范性文件", "normative_filed"),
        ("受理法律援助案件", "legal_aid_cases"),
        ("受理热线工单", "hotline_tickets"),
    ],
)
def test_seed_phrasings_are_aliases(bundled_catalog: Catalog, phrase: str, indicator: str) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("shared/seeds not available")
    assert any(phrase in s.read_text(encoding="utf-8") for s in seeds), phrase
    assert phrase in bundled_catalog.get(indicator).aliases


# ---------------------------------------------------------------- report kind and workspace_config


def test_county_kind_has_the_required_parts() -> None:
    kind = load_kind_file(TEMPLATES / "kinds" / "county_government.toml")
    assert kind.id == "county_government"
    assert kind.title_patterns[0] == "{county}人民政府关于{year}年度法治政府建设情况的报告"
    assert kind.opening.endswith("现将有关情况报告如下：")
    assert {"{county}", "{year}"} <= set(re.findall(r"\{\w+\}", kind.opening))
    by_id = {part.id: part for part in kind.parts}
    assert set(by_id) == {*REQUIRED_KINDS, "other"}
    for part in kind.parts:
        assert part.kind == part.id
        assert part.required == (part.id != "other")
        assert 4 <= len(part.subheadings) <= 8
        assert len(re.findall(r"[。；]", part.guidance)) >= 3
    for text in [*kind.title_patterns, *kind.addressee_options, *(p.heading for p in kind.parts)]:
        assert set(re.findall(r"\{(\w+)\}", text)) <= PLACEHOLDERS


def test_workspace_config_is_consistent(workspace_config: dict) -> None:
    county, city = workspace_config["county"], workspace_config["city"]
    assert county.endswith("县") and city.endswith("市")
    assert (TEMPLATES / "kinds" / f"{workspace_config['kind']}.toml").is_file()
    assert workspace_config["issuers"] == [f"{county}人民政府"]
    assert workspace_config["addressee"] == f"中共{city}委、{city}人民政府"
    assert WorkspaceConfig.model_validate(workspace_config).county == county


# ---------------------------------------------------------------- sample reports


def test_sample_reports_have_the_real_shape(workspace_config: dict, figures: list[dict]) -> None:
    assert [r["year"] for r in figures] == [2024, 2025]
    for report in figures:
        year = report["year"]
        assert report["file"].startswith(f"{workspace_config['county']}{year}年")
        text = _report_text(report["file"])
        lines = [line for line in text.splitlines() if line.strip()]
        assert workspace_config["county"] in lines[0] and str(year) in lines[0]
        assert lines[1] == workspace_config["addressee"] + "："
        assert lines[2].startswith(f"{year}年") and lines[2].endswith("现将有关情况报告如下：")
        headings = [line[0] for line in lines if re.match(r"[一二三四五]、", line)]
        assert headings[:4] == ["一", "二", "三", "四"]
        assert sum(bool(re.match(r"（[一二三四五六七八九]）", line)) for line in lines) >= 8
        assert any(re.match(r"\d\.", line) for line in lines)
        assert "一是" in text and "二是" in text
        assert lines[-2] == workspace_config["issuers"][0]
        assert re.fullmatch(rf"{year + 1}年[1-3]月[1-9]\d?日", lines[-1])
        assert 3000 <= len(re.findall(r"[\u4e00-\u9fff]", text)) <= 6000
        assert not re.search(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]", text)


def test_gbk_sample_is_not_utf8() -> None:
    data = (PAST / "汀岚县2025年法治政府建设年度报告.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "现将有关情况报告如下" in data.decode("gbk")


def test_every_figure_is_written_in_its_report(
    bundled_catalog: Catalog, figures: list[dict]
) -> None:
    for report in figures:
        text = _report_text(report["file"])
        approx = set(report.get("approx", []))
        assert approx <= set(report["values"])
        for indicator_id, value in report["values"].items():
            spec = bundled_catalog.get(indicator_id)
            marker = "[余多]" if indicator_id in approx else ""
            found = any(
                re.search(rf"(?<![\d.]){re.escape(form)}{marker}{re.escape(spec.unit)}", text)
                for form in _written_forms(value, spec)
            )
            assert found, f"{report['file']}: {indicator_id} = {value}{spec.unit}"
            assert spec.min <= value <= spec.max, indicator_id


def test_figures_follow_an_alias(bundled_catalog: Catalog, figures: list[dict]) -> None:
    """Each figure sits next to a phrase of the catalog, so extraction can name it."""
    for report in figures:
        text = _report_text(report["file"])
        for indicator_id, value in report["values"].items():
            spec = bundled_catalog.get(indicator_id)
            phrases = "|".join(re.escape(p) for p in [spec.name, *spec.aliases])
            numbers = "|".join(re.escape(f) for f in _written_forms(value, spec))
            near = rf"(?:{phrases})[^，。；\d]{{0,6}}(?:{numbers})|(?<![\d.])(?:{numbers})[^，。；\d]{{0,2}}(?:{phrases})"
            assert re.search(near, text), f"{report['file']}: {indicator_id}"


def test_parts_and_totals_are_consistent(bundled_catalog: Catalog, figures: list[dict]) -> None:
    for report in figures:
        values = report["values"]
        for indicator_id, value in values.items():
            spec = bundled_catalog.get(indicator_id)
            if spec.whole in values:
                assert value <= values[spec.whole], indicator_id
            if spec.sum_of and all(p in values for p in spec.sum_of):
                assert value == sum(values[p] for p in spec.sum_of), indicator_id


def test_derived_rates_agree_with_their_parts(
    bundled_catalog: Catalog, figures: list[dict]
) -> None:
    checked = 0
    for report in figures:
        values = report["values"]
        for spec in bundled_catalog.indicators:
            if not spec.derived or spec.id not in values:
                continue
            assert _formula_names(spec.formula) <= set(values), spec.id
            exact = _evaluate(ast.parse(spec.formula, mode="eval"), values)
            written = values[spec.id]
            quantum = Decimal(1).scaleb(-_decimals(written))
            rounded = Decimal(repr(exact)).quantize(quantum, rounding=ROUND_HALF_UP)
            assert rounded == Decimal(repr(written)).quantize(quantum), f"{spec.id}: {exact}"
            checked += 1
    assert checked >= 10


def test_figures_change_between_years_but_not_all(figures: list[dict]) -> None:
    last_year, this_year = (r["values"] for r in figures)
    common = set(last_year) & set(this_year)
    same = {k for k in common if last_year[k] == this_year[k]}
    assert len(common) >= 40
    assert 1 <= len(same) <= len(common) // 4
