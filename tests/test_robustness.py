"""Bad uploads, crashes mid-write, a page serving while the index is rebuilt, and questions answered while a
plan is being indexed."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import PLANS

from assistant.errors import DocumentError, InputError
from assistant.index.embed import HashingEmbedder
from assistant.index.indexer import build_index
from assistant.pipeline import Assistant
from assistant.uploads import safe_filename


class SlowEmbedder(HashingEmbedder):
    """Embedding passages takes time, as with the real model, so indexing overlaps with questions."""

    def __init__(self, delay: float = 0.0):
        super().__init__()
        self.delay = delay

    def encode(self, texts, kind="passage"):
        if kind == "passage" and self.delay:
            time.sleep(self.delay)
        return super().encode(texts, kind)


# ------------------------------------------------------------------ uploads


@pytest.mark.parametrize("name,data,pattern", [
    ("empty.txt", b"", r"empty.txt.*文件为空.*empty"),
    ("binary.txt", b"\x00\x01\x02\xff" * 100, r"binary.txt.*not a text document.*give a UTF-8"),
    ("plan.exe", "第一章 总则\n内容。".encode(), r"plan.exe.*unsupported type.*allowed"),
    ("old.doc", b"xx", r"old.doc.*另存为 .docx"),
    ("big.txt", b"x" * (1024 * 1024 + 1), r"big.txt.*too large|big.txt.*文件过大.*limit"),
    ("broken.pdf", b"%PDF-1.4 garbage", r"broken.pdf.*PDF.*try again"),
])
def test_bad_uploads_are_refused_clearly_and_keep_nothing(corpus_copy, name, data, pattern):
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    before = a.doc_ids
    with pytest.raises((InputError, DocumentError), match=pattern):
        a.add_document(data, name)
    assert a.doc_ids == before
    assert not corpus_copy.uploads_dir.exists() or not [p for p in corpus_copy.uploads_dir.iterdir()]
    assert "3700" in a.ask("高新区外贸进出口总额目标").answer  # the rest keeps working


def test_upload_name_cannot_escape_and_gbk_plan_is_read(corpus_copy):
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    report = a.add_document((PLANS / "gbk_plan.txt").read_bytes(), "../../etc/计划 v1.txt")
    stored = [p for p in corpus_copy.uploads_dir.iterdir() if not p.name.startswith(".")]  # .owner-*: who added it
    assert [p.name for p in stored] == ["计划_v1.txt"] and report.doc_id == "计划_v1"
    assert report.indicator_rows == 6
    assert report.warnings and all(".upload-" not in w for w in report.warnings)
    assert any("计划_v1.txt:" in w and "missing cell" in w for w in report.warnings), report.warnings
    assert safe_filename("..\\..\\a\x00b.TXT") == "ab.txt"
    again = a.add_document((PLANS / "gbk_plan.txt").read_bytes(), "copy.txt")
    assert again.duplicate_of == "计划_v1.txt" and len(list(corpus_copy.uploads_dir.glob("[!.]*"))) == 1


def test_crash_while_storing_an_upload_leaves_nothing_half_written(corpus_copy, monkeypatch):
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder())

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("assistant.uploads.os.replace", crash)
    with pytest.raises(OSError):
        a.add_document((PLANS / "pian_plan.txt").read_bytes(), "pian.txt")
    monkeypatch.undo()
    assert [p.name for p in corpus_copy.uploads_dir.iterdir()] == []
    b = Assistant.open(corpus_copy, embedder=HashingEmbedder())  # a restart finds a consistent corpus
    assert set(b.doc_ids) == {"gaoxin", "yuzhong"}


def test_uploaded_plans_survive_a_restart(corpus_copy):
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    a.add_document((PLANS / "pian_plan.txt").read_bytes(), "pian.txt")
    b = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    assert "pian" in b.doc_ids and b.build_id == a.build_id


# ------------------------------------------------------------------ index switched under a serving page


def test_page_switches_to_a_new_build_between_requests(corpus_copy):
    serving = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    old = serving.build_id
    assert serving.refresh_if_changed() is False
    shutil.copy(PLANS / "numbered_plan.md", corpus_copy.corpus)
    build_index(corpus_copy.sources, corpus_copy.index_dir, HashingEmbedder())  # `assistant build` elsewhere
    assert serving.refresh_if_changed() is True and serving.build_id != old
    assert "numbered_plan" in serving.doc_ids
    # a build still being written is invisible
    (corpus_copy.index_dir / "builds" / ".tmp-unfinished").mkdir()
    assert serving.refresh_if_changed() is False


# ------------------------------------------------------------------ concurrency

QUESTIONS = ["高新区2025年外贸进出口总额目标是多少？", "渝中区外贸进出口额是多少", "渝中区专栏3有哪些项目？",
             "渝中区的保障措施有哪些？", "高新区实际利用外资目标", "渝中区外语标识覆盖率"]


def test_questions_are_answered_while_a_plan_is_indexed(corpus_copy):
    emb = SlowEmbedder()
    a = Assistant.open(corpus_copy, embedder=emb)
    single = {q: a.ask(q).answer for q in QUESTIONS}
    emb.delay = 2.0  # indexing the new plan now takes at least two seconds
    upload: dict[str, float] = {}
    asked: list[tuple[float, float, str, str]] = []
    errors: list[BaseException] = []

    def do_upload():
        upload["start"] = time.monotonic()
        a.add_document((PLANS / "pian_plan.txt").read_bytes(), "pian.txt")
        upload["end"] = time.monotonic()

    def do_ask(i: int):
        deadline = time.monotonic() + 3.0
        n = 0
        while time.monotonic() < deadline:
            q = QUESTIONS[(i + n) % len(QUESTIONS)]
            t0 = time.monotonic()
            try:
                ans = a.ask(q)
            except BaseException as e:  # noqa: BLE001
                errors.append(e)
                return
            asked.append((t0, time.monotonic(), q, ans.answer))
            n += 1

    threads = [threading.Thread(target=do_upload)] + [threading.Thread(target=do_ask, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    during = [x for x in asked if x[0] >= upload["start"] and x[1] <= upload["end"]]
    assert len(during) >= 10, f"only {len(during)} questions overlapped the upload"
    assert all(ans == single[q] for _, _, q, ans in asked), "an answer changed under load"
    assert "pian" in a.doc_ids


def test_upload_reports_progress_through_parsing_embedding_and_indexing(corpus_copy):
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    seen: list[tuple[float, str]] = []
    a.add_document((PLANS / "pian_plan.txt").read_bytes(), "pian.txt", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("embedding" in m for _, m in seen) and any("indexing" in m for _, m in seen)


def test_ask_switches_to_a_build_made_by_another_process(corpus_copy):
    serving = Assistant.open(corpus_copy, embedder=HashingEmbedder())
    shutil.copy(PLANS / "numbered_plan.md", corpus_copy.corpus)
    build_index(corpus_copy.sources, corpus_copy.index_dir, HashingEmbedder())
    ans = serving.ask("人才资源总量2025年目标是多少？")  # the next request notices the new build
    assert "numbered_plan" in serving.doc_ids and "160" in ans.answer and ans.citations[0].doc_id == "numbered_plan"


def test_feedback_survives_a_process_killed_mid_write(tmp_path):
    import os
    import signal
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "feedback.sqlite"
    root = str(Path(__file__).resolve().parent.parent)
    code = "\n".join([
        f"import sys; sys.path.insert(0, {root!r})",
        "from assistant.feedback import FeedbackStore",
        f"s = FeedbackStore({str(db)!r})",
        "i = 0",
        "while True:",
        "    s.add(f'问题{i}', '回答' * 200, i % 2 == 0, '意见', '[]'); i += 1",
    ])
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (db.exists() and db.stat().st_size > 100_000):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    from assistant.feedback import FeedbackStore

    rows = FeedbackStore(db).recent(5)
    assert rows and all(r.answer == "回答" * 200 for r in rows)  # every stored row is whole
