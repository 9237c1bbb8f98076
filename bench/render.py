"""Benchmark: our GB/T 9704 DOCX export against docxtpl rendering the same report.

Run from the repository root:

    .venv/bin/python bench/render.py [--runs 15] [--chars 5000]

The report comes from `past_reports/*.txt` (GBK or UTF-8; lines classified with heading
patterns) or, without such files, from generated text. The docxtpl template is built in a
temporary folder with python-docx and carries the same styles as our output.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drafter.core.document import Block, ReportDocument

REPO = Path(__file__).resolve().parents[1]
HEADINGS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), "heading1"),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), "heading2"),
    (re.compile(r"^\d+[.．]"), "heading3"),
)
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _read(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _classify(text: str) -> ReportDocument:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, rest = lines[0], lines[1:]
    addressee = None
    if rest and rest[0].endswith(("：", ":")) and len(rest[0]) < 40:
        addressee, rest = rest[0].rstrip("：:"), rest[1:]
    date, issuers = "", []
    if rest and DATE.match(rest[-1]):
        date, rest = rest[-1], rest[:-1]
        while rest and len(rest[-1]) <= 20 and not re.search(r"[，。；：]", rest[-1]):
            issuers.insert(0, rest.pop())
    body = []
    for line in rest:
        kind = next((k for pattern, k in HEADINGS if pattern.match(line)), "paragraph")
        body.append(Block(kind, line))
    return ReportDocument(
        title, addressee, body, issuers or ["汀岚县人民政府"], date or "2026年1月8日"
    )


def _generated() -> ReportDocument:
    sentence = (
        "坚持依法行政,推进严格规范公正文明执法,全年办结行政复议案件189件,按时办结率达97.83%。"
    )
    body = []
    for part in range(1, 5):
        body.append(Block("heading1", f"{'一二三四'[part - 1]}、第{part}部分"))
        for sub in range(1, 4):
            body.append(Block("heading2", f"({'一二三'[sub - 1]})工作要点"))
            body.extend(Block("paragraph", sentence * 8) for _ in range(2))
    return ReportDocument(
        "青禾县2025年法治政府建设年度报告",
        "青禾市人民政府",
        body,
        ["青禾县人民政府"],
        "2026年1月8日",
    )


def _fit(doc: ReportDocument, chars: int) -> ReportDocument:
    """Repeat or cut the body so that it holds about `chars` characters."""
    body: list[Block] = []
    while sum(len(b.text) for b in body) < chars:
        for block in doc.body:
            if sum(len(b.text) for b in body) >= chars:
                break
            body.append(block)
    return ReportDocument(doc.title, doc.addressee, body, doc.issuers, doc.date)


def _report(chars: int) -> tuple[ReportDocument, str]:
    sources = sorted((REPO / "past_reports").glob("*.txt"))
    if sources:
        return _fit(_classify(_read(sources[0])), chars), sources[0].name
    return _fit(_generated(), chars), "generated text"


def _template(folder: Path) -> Path:
    """A docxtpl template with our styles: loops over body blocks and issuers."""
    from drafter.export.docx import build_docx

    branches = [Block("paragraph", "{%p for b in body %}")]
    for n, kind in enumerate(("heading1", "heading2", "heading3")):
        keyword = "if" if n == 0 else "elif"
        branches.append(Block("paragraph", f"{{%p {keyword} b.kind == '{kind}' %}}"))
        branches.append(Block(kind, "{{ b.text }}"))
    branches += [
        Block("paragraph", "{%p else %}"),
        Block("paragraph", "{{ b.text }}"),
        Block("paragraph", "{%p endif %}"),
        Block("paragraph", "{%p endfor %}"),
    ]
    skeleton = ReportDocument(
        title="{{ title }}",
        addressee="{{ addressee }}",
        body=branches,
        issuers=["{%p for i in issuers %}", "{{ i }}", "{%p endfor %}"],
        date="{{ date }}",
    )
    path = folder / "template.docx"
    document = build_docx(skeleton)
    properties = document.core_properties
    properties.title = properties.author = properties.last_modified_by = "drafter bench"
    document.save(str(path))
    return path


def _medians_ms(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median wall time of each action; runs alternate so that machine load hits both alike."""
    first()
    second()
    first_ms, second_ms = [], []
    for _ in range(runs):
        for action, timings in ((first, first_ms), (second, second_ms)):
            start = time.perf_counter()
            action()
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(first_ms), statistics.median(second_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--chars", type=int, default=5000)
    args = parser.parse_args()

    from docxtpl import DocxTemplate

    from drafter.export.docx import build_docx

    doc, source = _report(args.chars)
    characters = len(doc.title) + sum(len(b.text) for b in doc.body)
    context = {
        "title": doc.title,
        "addressee": doc.addressee,
        "body": [{"kind": b.kind, "text": b.text} for b in doc.body],
        "issuers": doc.issuers,
        "date": doc.date,
    }

    def ours() -> None:
        build_docx(doc).save(io.BytesIO())

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        template = _template(Path(tmp))

        def theirs() -> None:
            rendered = DocxTemplate(str(template))
            rendered.render(context)
            rendered.save(io.BytesIO())

        ours_ms, theirs_ms = _medians_ms(ours, theirs, args.runs)

    print(f"report: {source}, {len(doc.body)} blocks, {characters} characters")
    print(f"runs per renderer: {args.runs}, alternating (after one warm-up run each)")
    print(f"drafter build_docx + save, median: {ours_ms:8.2f} ms")
    print(f"docxtpl render + save, median:     {theirs_ms:8.2f} ms")
    print(f"ratio drafter/docxtpl:             {ours_ms / theirs_ms:8.2f}")


if __name__ == "__main__":
    main()
