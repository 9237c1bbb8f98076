"""The draft database: transactions, revisions, and survival of kill -9 mid-save."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from drafter.core.models import Draft
from drafter.store import Store, YearValue


def make_draft(text: str = "", year: int = 2026) -> Draft:
    return Draft(kind="county_government", county="测试县", year=year, issuers=["测试县人民政府"],
                 title="标题", parts={"measures_and_results": text})


def test_save_and_load_roundtrip(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    draft = make_draft("正文")
    assert store.save_draft(draft) is True
    assert store.load_draft("测试县", 2026) == draft
    assert store.save_draft(draft) is False, "saving an unchanged draft records nothing"
    assert store.load_draft("测试县", 2025) is None
    assert store.draft_years("测试县") == [2026]


def test_revisions_let_the_clerk_go_back(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    for text in ("第一稿", "第二稿", "第三稿"):
        store.save_draft(make_draft(text))
    revisions = store.revisions("测试县", 2026)
    assert len(revisions) == 3
    oldest = store.load_revision(revisions[-1].id)
    assert oldest.parts["measures_and_results"] == "第一稿"


def test_year_values_replace_per_year(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    store.set_year_values("测试县", 2025, {"a": YearValue(1, False, "x"), "b": YearValue(2, True, "x")})
    store.set_year_values("测试县", 2025, {"a": YearValue(3, False, "y")})
    assert store.year_values("测试县", 2025) == {"a": YearValue(3.0, False, "y")}
    assert store.value_years("测试县") == [2025]


def test_wal_mode(tmp_path):
    Store(tmp_path / "db.sqlite3").close()
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


WRITER = textwrap.dedent(
    """
    import sys
    from drafter.core.models import Draft
    from drafter.store import Store
    store = Store(__import__("pathlib").Path(sys.argv[1]))
    i = int(sys.argv[2])
    while True:
        i += 1
        text = f"第{i}次保存" + "内容" * (i % 500)
        store.save_draft(Draft(kind="k", county="测试县", year=2026, issuers=["x"], title="t",
                               parts={"p": text}, values={}))
        print(i, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_mid_save_never_loses_a_committed_save(tmp_path):
    db = tmp_path / "db.sqlite3"
    rng = random.Random(9704)
    last_committed = 0
    for _round in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(last_committed)],
            stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        lines_wanted = rng.randint(1, 40)
        seen = []
        deadline = time.monotonic() + 30
        while len(seen) < lines_wanted and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(int(line))
        time.sleep(rng.random() * 0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert seen, "the writer saved nothing before being killed"
        with sqlite3.connect(db) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = Store(db)
        draft = store.load_draft("测试县", 2026)
        store.close()
        assert draft is not None
        saved = int(draft.parts["p"].split("次")[0][1:])
        assert saved >= seen[-1], "a save that reported success was lost"
        assert draft.parts["p"] == f"第{saved}次保存" + "内容" * (saved % 500), "the draft is torn"
        last_committed = saved
