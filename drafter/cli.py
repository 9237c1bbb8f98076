"""The command line: every command is a thin call into the core. Errors: one line on stderr."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from drafter import paths
from drafter.errors import DrafterError, log_traceback

log = logging.getLogger("drafter")

Handler = Callable[[argparse.Namespace], int]


def _workspace(args: argparse.Namespace):
    from drafter.workspace import Workspace

    ws = Workspace.open(paths.resolve_workspace(args.workspace))
    args.opened_workspace = ws
    ws.lock()
    summary = ws.import_past_reports()
    for outcome in summary.failed:
        print(f"提示：{outcome.reason}", file=sys.stderr)
    return ws


def _draft(ws, args: argparse.Namespace):
    year = getattr(args, "year", None) or ws.default_year()
    return ws.draft(year)


def _emit(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    from drafter.workspace import Workspace, WorkspaceConfig

    config = WorkspaceConfig(
        county=args.county, issuers=args.issuer or [f"{args.county}人民政府"], addressee=args.addressee,
        city=args.city, kind=args.kind,
    )
    ws = Workspace.init(Path(args.dir).expanduser().resolve(), config)
    print(f"已创建工作区：{ws.root}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    year = args.year or ws.default_year() + (1 if ws.store.draft_years(ws.config.county) else 0)
    if ws.store.load_draft(ws.config.county, year) is not None:
        raise DrafterError(f"{year} 年的草稿已经存在：请用 drafter show --year {year} 查看。")
    draft = ws.draft(year, carry_text=args.carry_text)
    if args.json:
        _emit({"year": draft.year, "title": draft.title, "carried": len(draft.values)})
    else:
        print(f"已创建 {draft.year} 年草稿「{draft.title}」，沿用上年指标 {len(draft.values)} 项（待确认）。")
    return 0


def _draft_summary(ws, draft) -> dict:
    from drafter.core.drafts import year_over_year
    from drafter.core.numbers import format_with_unit

    last = ws.known_values(draft.year - 1)
    changes = year_over_year(draft, ws.catalog, last)
    indicators = []
    for spec in ws.catalog.indicators:
        current = draft.values.get(spec.id)
        if current is None and spec.id not in last:
            continue
        indicators.append({
            "id": spec.id, "name": spec.name, "unit": spec.unit,
            "value": None if current is None else current.value,
            "display": None if current is None or current.value is None else format_with_unit(current.value, spec),
            "origin": None if current is None else current.origin,
            "confirmed": None if current is None else current.confirmed,
            "last_year": last.get(spec.id), "change": changes.get(spec.id),
        })
    parts = [
        {"id": p.id, "required": p.required, "chars": len(draft.parts.get(p.id, "").strip())}
        for p in ws.kind.parts
    ]
    return {"county": draft.county, "year": draft.year, "title": draft.title, "parts": parts,
            "indicators": indicators}


def cmd_show(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    draft = _draft(ws, args)
    summary = _draft_summary(ws, draft)
    if args.json:
        _emit(summary)
        return 0
    from drafter.core.compose import part_heading

    print(summary["title"])
    for part in summary["parts"]:
        mark = "✓" if part["chars"] else ("✗" if part["required"] else "·")
        print(f"  {mark} {part_heading(draft, ws.kind, part['id'])}（{part['chars']} 字）")
    for ind in summary["indicators"]:
        state = {"carried": "沿用上年，待确认" if not ind["confirmed"] else "沿用上年，已确认",
                 "typed": "已填写", "computed": "自动计算", None: "未填写"}.get(ind["origin"], ind["origin"])
        print(f"  {ind['name']}：{ind['display'] or '—'}（{state}；{ind['change']}）")
    return 0


def _find_indicator(ws, name: str):
    spec = ws.catalog.by_name(name) or (ws.catalog.get(name) if name in ws.catalog else None)
    if spec is None:
        raise DrafterError(f"没有名为「{name}」的指标：请用 drafter show 查看指标名称。")
    return spec


def cmd_set(args: argparse.Namespace) -> int:
    from drafter.core.drafts import confirm, set_value
    from drafter.core.numbers import parse_user_number

    ws = _workspace(args)
    draft = _draft(ws, args)
    if args.part:
        if args.part not in draft.parts:
            raise DrafterError(f"没有「{args.part}」这一部分：可选 {', '.join(draft.parts)}。")
        text = Path(args.text_file).read_text(encoding="utf-8") if args.text_file else (args.text or "")
        draft = draft.model_copy(update={"parts": {**draft.parts, args.part: text}})
    for name in args.confirm or []:
        spec = _find_indicator(ws, name)
        if spec.id not in draft.values:
            raise DrafterError(f"「{spec.name}」没有数值可确认：请先填写。")
        draft = confirm(draft, spec.id)
    if args.indicator:
        spec = _find_indicator(ws, args.indicator)
        if args.value is None:
            raise DrafterError("缺少数值：用法 drafter set 指标名 数值。")
        try:
            value = parse_user_number(args.value, spec)
        except ValueError as exc:
            raise DrafterError(str(exc)) from None
        draft = set_value(draft, ws.catalog, spec.id, value)
    ws.save(draft)
    print("已保存。")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from drafter.exporting import export_draft

    ws = _workspace(args)
    draft = _draft(ws, args)
    out = export_draft(ws, draft, args.format, Path(args.output) if args.output else None, overwrite=args.force)
    if args.json:
        _emit({"path": str(out)})
    else:
        print(f"已导出：{out}")
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from drafter.fileio import atomic_write_text

    ws = _workspace(args)
    data = _draft(ws, args).model_dump_json(indent=2)
    if args.output:
        atomic_write_text(Path(args.output), data + "\n")
        print(f"已导出：{args.output}")
    else:
        sys.stdout.write(data + "\n")
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from drafter.core.drafts import with_derived
    from drafter.core.models import Draft

    ws = _workspace(args)
    try:
        raw = Path(args.file).read_text(encoding="utf-8-sig")
        draft = Draft.model_validate_json(raw)
    except OSError as exc:
        raise DrafterError(f"无法读取 {args.file}（{exc.strerror}）：请检查路径。") from exc
    except (ValidationError, UnicodeDecodeError) as exc:
        raise DrafterError(f"{args.file} 不是有效的草稿 JSON：请使用 drafter export-json 导出的文件。") from exc
    if draft.county != ws.config.county:
        raise DrafterError(f"该草稿属于「{draft.county}」，与本工作区「{ws.config.county}」不符：请换一个工作区导入。")
    if ws.store.load_draft(draft.county, draft.year) is not None and not args.force:
        raise DrafterError(f"{draft.year} 年草稿已存在：如要覆盖请加 --force（旧版本仍保留在历史记录中）。")
    unknown = [k for k in draft.values if k not in ws.catalog]
    if unknown:
        raise DrafterError(f"草稿含有未知指标 {', '.join(unknown)}：请检查文件。")
    ws.save(with_derived(draft, ws.catalog))
    print(f"已导入 {draft.year} 年草稿。")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from drafter.corpus.extract import extract_path
    from drafter.corpus.read import iter_report_files

    if args.all:
        failures = 0
        for path in iter_report_files(Path(args.all)):
            try:
                result = extract_path(path)
            except DrafterError as exc:
                print(str(exc), file=sys.stderr)
                failures += 1
                continue
            sys.stdout.write(json.dumps({"file": str(path), **result}, ensure_ascii=False) + "\n")
        return 1 if failures else 0
    if not args.file:
        raise DrafterError("缺少文件：用法 drafter extract 文件 --json，或 drafter extract --all 文件夹。")
    result = extract_path(Path(args.file))
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2) + "\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from drafter.checks import (
        check_draft,
        exit_code,
        findings_document,
        format_finding,
        review_path,
    )

    if args.draft:
        ws = _workspace(args)
        draft = _draft(ws, args)
        findings = check_draft(draft, ws.kind, ws.catalog, ws.known_values(draft.year - 1), ws.last_year_text(draft.year))
        document = findings_document(findings, source=f"draft:{draft.year}", year=draft.year)
    else:
        if not args.file:
            raise DrafterError("缺少文件：用法 drafter check 文件，或 drafter check --draft。")
        review = review_path(Path(args.file), Path(args.last_year) if args.last_year else None)
        findings, document = review.findings, review.document()
    if args.json:
        _emit(document)
    else:
        shown: dict[str, int] = {}
        for finding in findings:
            shown[finding.code] = shown.get(finding.code, 0) + 1
            if shown[finding.code] <= 3:
                print(format_finding(finding))
        for code, count in shown.items():
            if count > 3:
                print(f"……{code} 同类问题另有 {count - 3} 处（--json 可列出全部）。")
        counts = document["counts"]
        print(f"共 {counts['error']} 个错误、{counts['warning']} 个警告、{counts['hint']} 个提示。")
    return exit_code(findings)


def cmd_serve(args: argparse.Namespace) -> int:
    from drafter.serve import serve

    return serve(paths.resolve_workspace(args.workspace), host=args.host, port=args.port, token=args.token)


def cmd_import(args: argparse.Namespace) -> int:
    from drafter.corpus.library import drop_missing, import_paths

    ws = _workspace(args)
    summary = import_paths(ws, [Path(p) for p in args.paths])
    dropped = drop_missing(ws) if args.drop_missing else []
    for outcome in summary.failed:
        print(outcome.reason, file=sys.stderr)
    if args.json:
        _emit({**summary.to_json(), "dropped_missing": dropped})
    else:
        print(summary.message())
        if dropped:
            print(f"已移除 {len(dropped)} 份已不存在的文件的记录。")
    return 1 if summary.failed and not (summary.imported or summary.replaced or summary.unchanged) else 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from drafter.corpus.suggest import suggest, suggestion_to_json

    ws = _workspace(args)
    draft = _draft(ws, args)
    kinds = {p.kind for p in ws.kind.parts}
    if args.part not in kinds:
        raise DrafterError(f"没有「{args.part}」这一类部分：可选 {', '.join(sorted(kinds))}。")
    found = suggest(ws, draft, args.part, args.query, args.limit)
    if args.json:
        _emit([suggestion_to_json(s) for s in found])
        return 0
    if not found:
        print("没有找到相关表述：换几个关键词试试，或先用 drafter import 导入往年报告。")
    for number, item in enumerate(found, start=1):
        source = item.sources[0] if item.sources else None
        origin = f"（{source.county or ''}{source.year or ''}年）" if source else ""
        print(f"{number}. {item.rendered}{origin}")
    return 0


def cmd_tui(args: argparse.Namespace) -> int:
    from drafter.tui.app import run

    return run(paths.resolve_workspace(args.workspace))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="drafter", description="法治政府建设年度报告起草工具")
    parser.add_argument("--workspace", "-w", help="工作区文件夹（默认：环境变量 DRAFTER_WORKSPACE、当前文件夹或示例县）")
    sub = parser.add_subparsers(dest="command")

    def add(name: str, handler: Handler, help_text: str, year: bool = True, json_flag: bool = True):
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        if year:
            p.add_argument("--year", type=int, help="报告年度（默认：当前草稿）")
        if json_flag:
            p.add_argument("--json", action="store_true", help="以 JSON 输出")
        return p

    p = add("init", cmd_init, "新建一个县的工作区", year=False, json_flag=False)
    p.add_argument("dir")
    p.add_argument("--county", required=True, help="县（区）名称，如 青岚县")
    p.add_argument("--issuer", action="append", help="发文机关，可多次给出")
    p.add_argument("--addressee", help="主送机关")
    p.add_argument("--city", help="所属市")
    p.add_argument("--kind", default="county_government", help="报告类型")
    p = add("new", cmd_new, "从上一年新建草稿")
    p.add_argument("--carry-text", action="store_true", help="沿用上一年各部分正文作为起点")
    add("show", cmd_show, "查看草稿概况与指标")
    p = add("set", cmd_set, "修改指标数值、确认沿用值或替换某部分正文", json_flag=False)
    p.add_argument("indicator", nargs="?", help="指标名称或 id")
    p.add_argument("value", nargs="?", help="数值")
    p.add_argument("--confirm", action="append", help="确认沿用上年的指标值")
    p.add_argument("--part", help="要替换正文的部分 id")
    p.add_argument("--text", help="新的正文")
    p.add_argument("--text-file", help="从 UTF-8 文本文件读取新的正文")
    p = add("render", cmd_render, "导出报告到 exports/")
    p.add_argument("--format", choices=["docx", "txt", "html", "pdf"], default="docx")
    p.add_argument("--output", "-o", help="输出文件（默认 exports/ 下按县名和年度命名）")
    p.add_argument("--force", action="store_true", help="覆盖同名文件")
    p = add("export-json", cmd_export_json, "把草稿导出为 JSON", json_flag=False)
    p.add_argument("--output", "-o")
    p = add("import-json", cmd_import_json, "从 JSON 导入草稿", year=False, json_flag=False)
    p.add_argument("file")
    p.add_argument("--force", action="store_true")
    p = add("extract", cmd_extract, "从往年报告中提取结构和指标", year=False)
    p.add_argument("file", nargs="?")
    p.add_argument("--all", metavar="DIR", help="逐个提取文件夹中的报告，每行一个 JSON")
    p = add("import", cmd_import, "导入往年报告（TXT、DOCX、HTML 或文件夹）", year=False)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--drop-missing", action="store_true", help="同时移除已被删除的文件的记录")
    p = add("suggest", cmd_suggest, "从往年报告中推荐表述（数字换成本年指标）")
    p.add_argument("--part", default="measures_and_results", help="部分类型，如 measures_and_results")
    p.add_argument("--query", help="关键词，如 行政复议")
    p.add_argument("--limit", type=int, default=10)
    p = add("check", cmd_check, "审查报告文件或草稿（有错误时退出码为 1）")
    p.add_argument("file", nargs="?")
    p.add_argument("--draft", action="store_true", help="审查工作区中的草稿")
    p.add_argument("--last-year", help="上一年的报告文件，用于发现照抄的内容")
    add("tui", cmd_tui, "打开界面", year=False, json_flag=False)
    p = add("serve", cmd_serve, "在浏览器中使用 drafter（textual-serve）", year=False, json_flag=False)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认只允许本机；其他地址需要访问口令）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--token", help="访问口令（不给则在需要时自动生成并显示）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `drafter` console script."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        handler: Handler = getattr(args, "handler", cmd_tui)
        return handler(args)
    except DrafterError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `drafter show | head`: the reader left, nothing is wrong
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # the outer edge: log the traceback, show one sentence
        where = log_traceback(paths.resolve_workspace(getattr(args, "workspace", None)), exc)
        hint = f"详细信息已记录到 {where}" if where else "详细信息无法记录"
        print(f"错误：drafter 内部出错（{hint}）：请把该文件发给维护人员。", file=sys.stderr)
        return 70
    finally:
        opened = getattr(args, "opened_workspace", None)
        if opened is not None:
            opened.close()


if __name__ == "__main__":
    sys.exit(main())
