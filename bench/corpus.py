"""Benchmark of the past-report engine on synthetic corpora of 100, 1,000 and 5,000 reports.

Each synthetic report recombines the sample reports (past_reports/, and the seeds in
../shared/seeds when present, read at run time, never copied): parts and paragraphs drawn from
different reports, clauses of sentences swapped between reports, figures varied, county names
and years changed. Reports are written as .txt (half UTF-8, half GB18030) to a temp folder.

For each size, a child process imports the folder into a fresh workspace and reports: import
throughput (MB/s of file bytes) next to `jieba.lcut` over the same texts in the same process,
index size on disk, peak memory (ru_maxrss of the child), and suggest latency p50/p95 over 200
queries. `--compare-index` also builds our own BM25 (postings table, scores summed in SQL) over
the same terms and measures it against FTS5, the engine kept in `drafter.corpus.index`.
`--stages N` first times each import stage alone, in one process, on N reports: extraction,
phrase building (phrases, search terms, MinHash signatures) and index writes into a fresh file.

    .venv/bin/python bench/corpus.py                      # 100, 1000, 5000 reports
    .venv/bin/python bench/corpus.py --sizes 100 1000 --compare-index
    .venv/bin/python bench/corpus.py --sizes 100 --stages 300
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUERIES = [
    ("行政复议", "复议"), ("行政诉讼 败诉", "诉"), ("负责人出庭应诉", "出庭"), ("规范性文件 备案", "规范性文件"),
    ("执法证件", "执法"), ("普法宣传", "普法"), ("法律援助", "援助"), ("人民调解", "调解"),
    ("12345热线", "热线"), ("政务服务 网办", "政务服务"), ("重大行政决策", "决策"), ("合法性审核", "合法性"),
    ("法治督察", "督察"), ("案卷评查", "案卷"), ("涉企检查", "检查"), ("法律顾问", "顾问"),
]  # fmt: skip
SYLLABLES = "安宁平川河山阳泉清源丰泽云岚汀兴和永嘉禾溪桐林枫石湖峰松柏海东西南北中华明德崇义"
KIND_HEADINGS = {
    "measures_and_results": [
        "主要举措和成效",
        "工作开展情况",
        "{year}年法治政府建设主要举措及成效",
    ],
    "shortcomings_and_causes": ["存在的不足和原因", "存在的问题和短板", "存在的问题及原因分析"],
    "first_responsible_person_duties": ["党政主要负责人履行推进法治建设第一责任人职责情况"],
    "next_year_plan": ["{next_year}年工作打算", "下一步工作安排", "下一年度工作计划"],
}
CN = "一二三四五六七八九十"


def load_sources() -> list[dict]:
    """Parts of the sample reports: kind -> list of (level-2 heading, body lines)."""
    from drafter.corpus.read import read_report
    from drafter.corpus.structure import parse_report

    files = sorted((REPO / "past_reports").glob("*.[td][xo][tc]*"))
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    sources = []
    for path in files:
        structure = parse_report(read_report(path).text)
        text = structure.clean.text
        parts: dict[str, list[tuple[str, list[str]]]] = {}
        for section in structure.sections:
            if section.level == 1 and section.kind in KIND_HEADINGS:
                body = text[section.body_span[0] : section.body_span[1]]
                blocks: list[tuple[str, list[str]]] = []
                for line in body.split("\n"):
                    if re.match(r"^（[一二三四五六七八九十]+）", line) and len(line) < 50:
                        blocks.append((re.sub(r"^（.+?）", "", line), []))
                    elif line.strip():
                        if not blocks:
                            blocks.append(("", []))
                        blocks[-1][1].append(line)
                parts.setdefault(section.kind, []).extend(blocks)
        names = {n for n in re.findall(r"[\u4e00-\u9fff]{1,3}[县区]", structure.title or "")}
        sources.append({"parts": parts, "names": names, "year": structure.year})
    return sources


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    number = match.group(0)
    value = float(number)
    if "." in number:
        new = (
            min(100.0, value * rng.uniform(0.9, 1.1))
            if value <= 100
            else value * rng.uniform(0.6, 1.4)
        )
        return f"{new:.{len(number.split('.')[1])}f}"
    if 1990 <= value <= 2100:
        return number
    return str(max(1, round(value * rng.uniform(0.6, 1.4))))


def synthetic_report(
    rng: random.Random, sources: list[dict], clause_pool: dict[str, list[str]]
) -> str:
    county = "".join(rng.sample(SYLLABLES, 2)) + rng.choice("县县县区")
    year = rng.randint(2018, 2025)
    lines = [
        rng.choice(
            [
                f"{county}人民政府关于{year}年法治政府建设情况的报告",
                f"{county}{year}年法治政府建设年度报告",
            ]
        )
    ]
    lines.append(
        f"{year}年，{county}坚持以习近平新时代中国特色社会主义思想为指导，全面落实习近平法治思想。现将有关情况报告如下："
    )
    kinds = list(KIND_HEADINGS)
    for number, kind in enumerate(kinds):
        heading = rng.choice(KIND_HEADINGS[kind]).format(year=year, next_year=year + 1)
        lines.append(f"{CN[number]}、{heading}")
        blocks = [b for s in sources for b in s["parts"].get(kind, [])]
        for sub, (title, body) in enumerate(
            rng.sample(blocks, min(len(blocks), rng.randint(3, 6)))
        ):
            if title:
                lines.append(f"（{CN[sub]}）{title}")
            for line in body:
                if rng.random() < 0.6:
                    clauses = line.split("，")
                    for i in range(len(clauses)):
                        if rng.random() < 0.35:
                            clauses[i] = rng.choice(clause_pool[kind])
                    line = "，".join(clauses)
                lines.append(line)
    lines += [f"{county}人民政府", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
    text = "\n".join(lines)
    for source in sources:
        for name in source["names"]:
            text = text.replace(name, county)
    return re.sub(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", lambda m: _vary_number(m, rng), text)


def build_corpus(size: int, folder: Path, seed: int = 7) -> int:
    sources = load_sources()
    pool: dict[str, list[str]] = {}
    for source in sources:
        for kind, blocks in source["parts"].items():
            pool.setdefault(kind, []).extend(
                c for _, body in blocks for line in body for c in line.split("，") if len(c) > 6
            )
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(size):
        text = synthetic_report(rng, sources, pool)
        data = text.encode("utf-8" if i % 2 else "gb18030")
        (folder / f"r{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def measure_suggest(ws, draft) -> dict:
    """Latency and precision of 200 suggest calls (every fifth one without a query)."""
    from drafter.corpus.suggest import suggest

    rng = random.Random(3)
    timings, precision, tops = [], [], []
    kinds = [p.kind for p in ws.kind.parts if p.kind != "other"]
    for i in range(200):
        query, expect = QUERIES[i % len(QUERIES)]
        part = "measures_and_results" if i % 4 else rng.choice(kinds)
        if i % 5 == 0:
            draft = draft.model_copy(
                update={"parts": {**draft.parts, part: "全面推进依法行政，" + query}}
            )
            query = None
        started = time.perf_counter()
        found = suggest(ws, draft, part, query, limit=10)
        timings.append(time.perf_counter() - started)
        tops.append([s.phrase_id for s in found])
        if query is not None and part == "measures_and_results" and found:
            precision.append(sum(expect in s.text for s in found) / len(found))
    timings.sort()
    return {
        "p50_ms": 1000 * statistics.median(timings),
        "p95_ms": 1000 * timings[int(0.95 * len(timings)) - 1],
        "precision_at_10": statistics.mean(precision) if precision else 0.0,
        "tops": tops,
    }


K1, B = 1.2, 0.75


def build_own_bm25(index) -> float:
    """Our own BM25 postings (the engine measured against FTS5), built from the stored terms."""
    from collections import Counter

    started = time.perf_counter()
    db = index.db
    db.execute("BEGIN")
    db.execute("DROP TABLE IF EXISTS bench_bm25_postings")
    db.execute(
        "CREATE TABLE bench_bm25_postings (term TEXT NOT NULL, phrase_id INTEGER NOT NULL,"
        " tf INTEGER NOT NULL, length INTEGER NOT NULL, PRIMARY KEY (term, phrase_id)) WITHOUT ROWID"
    )
    for phrase_id, tokens in db.execute("SELECT id, tokens FROM phrases").fetchall():
        words = tokens.split()
        db.executemany(
            "INSERT INTO bench_bm25_postings VALUES (?, ?, ?, ?)",
            [(t, phrase_id, n, len(words)) for t, n in Counter(words).items()],
        )
    db.execute("DROP TABLE IF EXISTS bench_bm25_terms")
    db.execute(
        "CREATE TABLE bench_bm25_terms AS SELECT term, count(*) AS df FROM bench_bm25_postings GROUP BY term"
    )
    db.execute("CREATE UNIQUE INDEX bench_bm25_terms_term ON bench_bm25_terms (term)")
    db.execute("COMMIT")
    return time.perf_counter() - started


def own_bm25_search(index, part: str, words, limit: int):
    """`CorpusIndex.search` with our own BM25 in SQL instead of FTS5 (same terms, same pruning)."""
    import math

    from drafter.corpus.index import PART_CODES, CorpusIndex
    from drafter.corpus.phrases import bigrams_of

    if not words:
        return CorpusIndex.search(index, part, words, limit)
    code = PART_CODES[part]
    n, avgdl = index.part_size(part)

    def df_of(terms):
        marks = ",".join("?" * len(terms))
        sql = f"SELECT term, df FROM bench_bm25_terms WHERE term IN ({marks})"
        return dict(index.db.execute(sql, list(terms)).fetchall())

    terms = list(dict.fromkeys(code + w for w in words))
    df = df_of(terms)
    missing = [code + g for t in terms if t not in df for g in bigrams_of(t[1:])]
    if missing:
        df.update(df_of(missing))
    rare = {t: d for t, d in df.items() if d <= 0.2 * n} or (
        {min(df, key=df.__getitem__): min(df.values())} if df else {}
    )
    if not rare:
        return []
    idf = [(t, math.log(1 + (n - d + 0.5) / (d + 0.5))) for t, d in rare.items()]
    rows = index.db.execute(
        f"WITH q(term, idf) AS (VALUES {','.join('(?, ?)' for _ in idf)}) SELECT p.phrase_id,"
        f" sum(q.idf * p.tf * {K1 + 1} / (p.tf + {K1} * (1 - {B} + {B} * p.length / ?))) AS score"
        " FROM q JOIN bench_bm25_postings p ON p.term = q.term GROUP BY p.phrase_id"
        " ORDER BY score DESC LIMIT ?",
        (*[x for pair in idf for x in pair], avgdl, limit),
    ).fetchall()
    return index._hits(rows)


def table_mb(index, prefix: str) -> float:
    rows = index.db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    return sum(size for name, size in rows if name.startswith(prefix)) / 1e6


def child(folder: Path, compare: bool, baseline_files: int) -> dict:
    """Import `folder` into a fresh workspace and measure (runs in its own process)."""
    import jieba

    from drafter.corpus.library import import_paths, open_index
    from drafter.corpus.read import decode_text
    from drafter.workspace import Workspace, WorkspaceConfig

    files = sorted(folder.glob("*.txt"))
    total_bytes = sum(f.stat().st_size for f in files)
    root = Path(tempfile.mkdtemp(prefix="drafter-bench-ws-"))
    ws = Workspace.init(root / "ws", WorkspaceConfig(county="安宁县", issuers=["安宁县人民政府"]))
    started = time.perf_counter()
    summary = import_paths(ws, [folder], workers=os.cpu_count() or 1)
    import_seconds = time.perf_counter() - started
    index = open_index(ws)
    counts = index.counts()
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_mb = (root / "ws" / ".drafter" / "drafter.sqlite3").stat().st_size / 1e6
    draft = ws.draft(2025)
    engines = {"fts5": {"index_mb": table_mb(index, "phrase_fts"), **measure_suggest(ws, draft)}}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if compare:
        from drafter.corpus.index import CorpusIndex

        engines["fts5"]["build_s"] = index.rebuild()
        engines["bm25"] = {
            "build_s": build_own_bm25(index),
            "index_mb": table_mb(index, "bench_bm25"),
        }
        fts5_search = CorpusIndex.search
        CorpusIndex.search = own_bm25_search  # type: ignore[method-assign]
        engines["bm25"].update(measure_suggest(ws, draft))
        CorpusIndex.search = fts5_search  # type: ignore[method-assign]
        overlap = [
            len(set(a) & set(b)) / max(1, len(a))
            for a, b in zip(engines["fts5"]["tops"], engines["bm25"]["tops"], strict=True)
        ]
        engines["bm25"]["overlap_at_10"] = statistics.mean(overlap)
    for engine in engines.values():
        engine.pop("tops")
    index.close()
    ws.close()
    shutil.rmtree(root, ignore_errors=True)
    sample = files[:baseline_files]
    texts = [decode_text(f.read_bytes())[0] for f in sample]
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_seconds = time.perf_counter() - started
    return {
        "reports": len(files), "mb": total_bytes / 1e6, "imported": len(summary.imported),
        "failed": len(summary.failed), "import_s": import_seconds,
        "import_mbps": total_bytes / 1e6 / import_seconds,
        "jieba_mbps": sum(f.stat().st_size for f in sample) / 1e6 / jieba_seconds,
        "db_mb": db_mb, "phrases": counts["phrases"], "sources": counts["sources"],
        "peak_mb": peak_mb, "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "store_s": summary.store_seconds,
        "p50_ms": engines["fts5"]["p50_ms"], "p95_ms": engines["fts5"]["p95_ms"], "engines": engines,
    }  # fmt: skip


def stages(folder: Path, count: int) -> dict:
    """MB/s of each import stage alone in this process, over the first `count` files."""
    from drafter.core.catalog import default_catalog
    from drafter.corpus import segment
    from drafter.corpus.extract import extract_report
    from drafter.corpus.index import CorpusIndex
    from drafter.corpus.phrase_writes import phrase_rows
    from drafter.corpus.phrases import report_phrases
    from drafter.corpus.read import read_report
    from drafter.corpus.report_entries import report_county, report_values
    from drafter.corpus.report_table import ReportRecord
    from drafter.corpus.search_terms import index_tokens

    catalog = default_catalog()
    segment.tag("预热")
    files = sorted(folder.glob("*.txt"))[:count]
    mb = sum(f.stat().st_size for f in files) / 1e6
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    reports = [extract_report(read_report(f)) for f in files]
    seconds["extraction"] = time.perf_counter() - started
    started = time.perf_counter()
    entries = []
    for f, report in zip(files, reports, strict=True):
        county = report_county(report)
        phrases = report_phrases(report, catalog, county)
        entries.append(
            (
                ReportRecord(0, f.name, f.name, 0, county, report.structure.year, None, None),
                report_values(report, catalog),
                phrase_rows([(p, index_tokens(p.text)) for p in phrases]),
            )
        )
    seconds["phrases"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="drafter-bench-stage-") as tmp:
        index = CorpusIndex(Path(tmp) / "index.sqlite3")
        started = time.perf_counter()
        for i in range(0, len(entries), 32):
            batch = entries[i : i + 32]
            index.transaction(lambda batch=batch: [index.add_report(*e) for e in batch])
        seconds["index_writes"] = time.perf_counter() - started
        index.close()
    return {"reports": len(files), "mb": mb} | {k: mb / v for k, v in seconds.items()}


def run_child(folder: Path, compare: bool, baseline_files: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        str(folder),
        "--baseline-files",
        str(baseline_files),
    ]
    out = subprocess.run(
        command + (["--compare-index"] if compare else []),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--compare-index", action="store_true", help="also build and measure our own BM25"
    )
    parser.add_argument(
        "--baseline-files", type=int, default=300, help="files for the jieba.lcut baseline"
    )
    parser.add_argument(
        "--stages", type=int, default=0, help="first time each stage alone on this many reports"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stages-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.stages_child:
            print(json.dumps(stages(args.child, args.stages_child)))
        else:
            print(json.dumps(child(args.child, args.compare_index, args.baseline_files)))
        return
    if args.stages:
        with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
            folder = Path(tmp) / "stages"
            build_corpus(args.stages, folder)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), "--stages-child", str(args.stages)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"stages alone, one process, {r['reports']} reports ({r['mb']:.1f} MB):"
                f" extraction {r['extraction']:.2f} MB/s | phrases, terms, signatures"
                f" {r['phrases']:.2f} MB/s | index writes (fresh file) {r['index_writes']:.2f} MB/s",
                flush=True,
            )
    results = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus{size}"
            started = time.perf_counter()
            total = build_corpus(size, folder)
            print(
                f"built {size} reports, {total / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            r = run_child(folder, args.compare_index, args.baseline_files)
            results.append(r)
            print(
                f"{size:5} reports {r['mb']:6.1f} MB | import {r['import_mbps']:.3f} MB/s ({r['import_s']:.0f} s,"
                f" of which index writes {r['store_s']:.0f} s, failed {r['failed']}; jieba.lcut {r['jieba_mbps']:.2f} MB/s)"
                f" | db {r['db_mb']:.1f} MB,"
                f" phrases {r['phrases']} | peak {r['peak_mb']:.0f} MB (workers {r['worker_peak_mb']:.0f} MB each)"
                f" | suggest p50 {r['p50_ms']:.1f} ms"
                f" p95 {r['p95_ms']:.1f} ms",
                flush=True,
            )
            for name, e in r["engines"].items():
                extra = (
                    f" overlap@10 with fts5 {e['overlap_at_10']:.2f}"
                    if "overlap_at_10" in e
                    else ""
                )
                build = f" build {e['build_s']:.2f} s" if "build_s" in e else ""
                print(
                    f"      {name}: index {e['index_mb']:.1f} MB{build} | p50 {e['p50_ms']:.1f} ms p95 {e['p95_ms']:.1f} ms"
                    f" | P@10 {e['precision_at_10']:.2f}{extra}",
                    flush=True,
                )
    if len(results) >= 2:
        first, last = results[0], results[-1]
        print(
            f"growth from {first['reports']} to {last['reports']} reports (x{last['reports'] / first['reports']:g}):"
        )
        for key in (
            "mb",
            "import_mbps",
            "db_mb",
            "phrases",
            "peak_mb",
            "worker_peak_mb",
            "p50_ms",
            "p95_ms",
        ):
            print(
                f"  {key:12} {first[key]:10.2f} -> {last[key]:10.2f}  (x{last[key] / first[key]:.2f})"
            )


if __name__ == "__main__":
    main()
