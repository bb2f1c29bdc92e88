"""The page's public API through gradio_client against a real `python app.py` (fake embedder; marked slow: the
same functions are called in process in tests/test_app_handlers.py), the page's rendering rules, and the
feedback store.

Decision: an empty question (or a too long one, or an unknown plan id) is an error, not a refused answer:
/ask raises, gradio_client surfaces it as AppError carrying the Assistant's bilingual message.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, AppServer, assert_public_endpoints, load_app, write_plan
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from assistant.feedback import FeedbackStore, default_path
from assistant.types import DocMeta

CONTRACT_KEYS = {"id", "question", "answer", "refused", "citations", "indicators", "related", "score", "latency_ms"}
CITATION_KEYS = {"n", "doc_id", "doc_title", "heading_path", "text", "score"}
INDICATOR_Q = "高新区2025年外贸进出口总额目标是多少？"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with AppServer(tmp_path_factory.mktemp("app_api")) as app:
        yield app


@pytest.fixture(scope="module")
def client(server):
    return Client(server.url, verbose=False)


# ---------------------------------------------------------------- the endpoint list


@pytest.mark.slow
def test_public_endpoints_are_exactly_these(client):
    api = client.view_api(return_format="dict", print_info=False)
    assert_public_endpoints(api)


# ---------------------------------------------------------------- /ask


@pytest.mark.slow
def test_ask_returns_the_cli_json_contract_with_a_citation(client, server):
    got = client.predict(INDICATOR_Q, ["gaoxin", "yuzhong"], [], api_name="/ask")
    assert set(got) == CONTRACT_KEYS
    assert got["question"] == INDICATOR_Q and got["refused"] is False
    assert "3700" in got["answer"]
    assert got["citations"] and set(got["citations"][0]) == CITATION_KEYS
    assert got["citations"][0]["doc_id"] == "gaoxin"
    assert any(r["name"] == "外贸进出口总额" and r["target"] == 3700 for r in got["indicators"])

    # the same object as one line of `assistant ask --json` on the same index (latency aside)
    env = server.environment()
    cli = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", INDICATOR_Q], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    line = json.loads(cli.stdout.strip().splitlines()[-1])
    assert {k: v for k, v in line.items() if k != "latency_ms"} == {k: v for k, v in got.items() if k != "latency_ms"}


@pytest.mark.slow
def test_ask_with_only_a_question_searches_every_plan(client):
    got = client.predict("渝中区外贸进出口额2025年目标", api_name="/ask")
    assert set(got) == CONTRACT_KEYS and not got["refused"]
    assert "120" in got["answer"] and got["citations"][0]["doc_id"] == "yuzhong"


@pytest.mark.slow
def test_ask_follow_up_uses_history(client):
    history = [{"question": INDICATOR_Q, "answer": "3700亿元。"}]
    got = client.predict("那渝中区呢？", history=history, api_name="/ask")
    assert not got["refused"], got
    assert {c["doc_id"] for c in got["citations"]} == {"yuzhong"}
    assert "120" in got["answer"]


@pytest.mark.slow
def test_ask_docs_restricts_the_search(client):
    q = "2025年外贸进出口目标是多少？"  # names no plan: the plan filter decides
    both = client.predict(q, api_name="/ask")
    assert {c["doc_id"] for c in both["citations"]} == {"gaoxin", "yuzhong"}
    got = client.predict(q, docs=["yuzhong"], api_name="/ask")
    assert got["citations"] and {c["doc_id"] for c in got["citations"]} == {"yuzhong"}


@pytest.mark.slow
def test_empty_question_is_a_clear_error(client):
    with pytest.raises(AppError, match="问题为空"):
        client.predict("   ", api_name="/ask")


@pytest.mark.slow
def test_unknown_plan_is_a_clear_error(client):
    with pytest.raises(AppError, match="未知文档"):
        client.predict(INDICATOR_Q, docs=["nope"], api_name="/ask")


@pytest.mark.slow
def test_script_question_round_trips_as_text(client):
    q = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    got = client.predict(q, api_name="/ask")
    assert set(got) == CONTRACT_KEYS
    # the Assistant may echo the question as asked or with the markup dropped (understand.normalise_question)
    assert got["question"] in (q, "alert(1)")
    assert "<script" not in got["answer"] and "<img" not in got["answer"]


# ---------------------------------------------------------------- /indicators, /outline


@pytest.mark.slow
def test_indicators_returns_every_parsed_row(client):
    rows = client.predict(api_name="/indicators")
    assert len(rows) == 34
    assert {"doc_id", "name", "unit", "baseline", "target", "cumulative"} <= set(rows[0])
    assert len(client.predict("gaoxin", api_name="/indicators")) == 15
    assert any(r["name"] == "实际利用外资" and r["cumulative"] for r in rows)


@pytest.mark.slow
def test_outline_returns_the_heading_tree(client):
    text = client.predict("gaoxin", api_name="/outline")
    lines = text.splitlines()
    assert lines[0] == "# 重庆高新区内陆开放高地建设“十四五”规划 [gaoxin]"
    assert "第一章 发展基础和环境" in lines
    assert "  第一节 发展基础" in lines  # children indented two spaces per level
    both = client.predict(api_name="/outline")
    assert "[gaoxin]" in both and "[yuzhong]" in both


# ---------------------------------------------------------------- /upload (its own server: it changes the corpus)


@pytest.mark.slow
def test_upload_refuses_a_server_path_that_was_not_uploaded(server):
    import httpx

    forged = {"path": str(ROOT / "corpus" / "catalog.toml"), "meta": {"_type": "gradio.FileData"}}
    r = httpx.post(server.url + "gradio_api/call/upload", json={"data": [forged]}, timeout=30)
    events = httpx.get(server.url + f"gradio_api/call/upload/{r.json()['event_id']}", timeout=30).text
    assert "event: error" in events
    assert not server.uploads_dir.exists() or not any(server.uploads_dir.iterdir())


@pytest.mark.slow
def test_upload_then_ask_finds_the_new_plan_and_it_survives_a_restart(tmp_path):
    plan = write_plan(tmp_path / "in")
    bad = write_plan(tmp_path / "in", "old.doc", "x")
    big = write_plan(tmp_path / "in", "big.txt", "第一章 总则\n" + "规划正文。" * 90_000)  # ~1.3 MB
    with AppServer(tmp_path / "srv", env={"ASSISTANT_MAX_UPLOAD_MB": "1"}) as app:
        c = Client(app.url, verbose=False)
        report = c.predict(handle_file(str(plan)), api_name="/upload")
        assert "已添加" in report and "蓝莓" in report
        got = c.predict("测试区蓝莓种植面积到2025年要达到多少？", api_name="/ask")
        assert not got["refused"] and "8000" in got["answer"]
        assert got["citations"][0]["doc_id"] == "blueberry_plan"
        assert "第二章 重点项目" in c.predict("blueberry_plan", api_name="/outline")
        with pytest.raises(AppError, match=r"\.docx"):
            c.predict(handle_file(str(bad)), api_name="/upload")
        with pytest.raises((AppError, ValueError), match="文件过大|exceeds the maximum file size of 1048576"):
            c.predict(handle_file(str(big)), api_name="/upload")  # gradio's own limit is the app's
        assert "已存在" in c.predict(handle_file(str(plan)), api_name="/upload")  # same content twice
    assert (app.uploads_dir / "blueberry_plan.txt").is_file()
    with AppServer(tmp_path / "srv") as again:  # same folders: the plan was kept
        got = Client(again.url, verbose=False).predict("测试区蓝莓种植面积到2025年要达到多少？", api_name="/ask")
        assert "8000" in got["answer"]
        # what gradio kept of the posts (the refused one's partial file too) is gone after a restart
        assert not [p for p in (tmp_path / "srv" / "data" / "gradio-tmp").rglob("*") if p.is_file()]


# ---------------------------------------------------------------- the page's rendering and error mapping (in process)


class _FakeAssistant:
    """Just enough of Assistant for build_demo; ``ask`` does what the test says."""

    def __init__(self, documents, ask):
        from assistant.config import load_settings

        self.documents = documents
        self.settings = load_settings(env={})
        self._ask = ask

    @property
    def doc_ids(self):
        return [d.doc_id for d in self.documents]

    def document(self, doc_id):
        return next(d for d in self.documents if d.doc_id == doc_id)

    def ask(self, question, history=None, docs=None):
        return self._ask(question, history, docs)


def _evil_answer():
    from assistant.types import Answer, Citation

    text = "正文<script>alert(1)</script>重点句<img src=x onerror=alert(2)>。后文"
    cite = Citation(1, "d", "规划<b>一</b>", ("第一章 <i>x</i>",), text, 1.0,
                    highlight="重点句<img src=x onerror=alert(2)>。")
    return Answer("q", "答案：\\<script\\>alert\\(1\\)\\</script\\> <img src=x> [1]", False, citations=(cite,),
                  related=(cite,))


def test_render_answer_escapes_plan_text_and_marks_the_cited_sentence():
    from assistant.web.render import md_text, render_answer

    out = render_answer(_evil_answer())
    assert "<script" not in out and "<img" not in out and "<b>一" not in out and "<i>x" not in out
    assert "<mark>重点句&lt;img src=x onerror=alert(2)&gt;。</mark>" in out
    assert '<details class="cite"><summary><b>[1]</b> 《规划&lt;b&gt;一&lt;/b&gt;》 › 第一章 &lt;i&gt;x&lt;/i&gt;' in out
    assert "可能相关" in out and "cite-list related" in out
    assert "\n" not in out.split("\n\n", 1)[1].replace("\n\n", "")  # each HTML block is one line
    assert md_text("<script>**x**") == "&lt;script&gt;\\*\\*x\\*\\*"


def test_comparison_tables_keep_citation_markers_out_of_the_table(tmp_path):
    from assistant.answer.render import render
    from assistant.answer.structured import Evidence, Part
    from assistant.answer.understand import Question

    q = Question("q", "q", (), (), "comparison", (), frozenset(), True, False)
    part = Part(lines=["| 规划 | 2025年 |", "|---|---|", "| 高新区 | 3700 |"],
                evidence=[Evidence("gaoxin", ("表",), "序号 | 2025年\n1 | 3700")])
    doc = type("D", (), {"meta": DocMeta("d", "规划")})()
    md = render(q, [part], {"gaoxin": doc}, False, long_ok=True).answer
    assert md.split("\n")[:3] == ["| 规划 | 2025年 |", "|---|---|", "| 高新区 | 3700 |"] and "[1]" in md.split("\n")[-1]


def test_chat_maps_errors_to_messages_never_tracebacks(tmp_path):
    from assistant.errors import InputError
    from assistant.web.handlers import PageHandlers

    seen = []

    def ask(question, history, docs):
        seen.append((question, history, docs))
        if question == "boom":
            raise RuntimeError("secret internals")
        if question == "bad":
            raise InputError("问题过长 / the question is too long <b>")
        return _evil_answer()

    respond = PageHandlers(_FakeAssistant((), ask), feedback=FeedbackStore(tmp_path / "fb.sqlite")).respond
    _, messages, turns = respond("ok", ["d"], [])
    assert messages[1]["content"].startswith("答案：") and not turns[0]["error"]
    _, messages, turns = respond("bad", ["d"], turns)
    assert turns[-1]["error"] and "问题过长" in messages[-1]["content"] and "<b>" not in messages[-1]["content"]
    _, messages, turns = respond("boom", ["d"], turns)
    assert "内部错误" in messages[-1]["content"] and "secret" not in messages[-1]["content"]
    _, messages, turns = respond("ok", ["d"], turns)
    assert len(turns) == 4 and len(messages) == 8
    assert seen[-1] == ("ok", [{"question": "ok", "answer": _evil_answer().answer}], ["d"])  # errors are not history


def test_launch_address_is_passed_only_when_chosen_explicitly(tmp_path):
    from assistant.config import load_settings

    app = load_app()
    none = tmp_path / "none.toml"
    plain = app.parse_args([])
    assert app.launch_address(plain, load_settings(none, env={}), {}) == {}  # gradio honours GRADIO_SERVER_*
    flags = app.parse_args(["--host", "0.0.0.0", "--port", "9001"])
    assert app.launch_address(flags, load_settings(none, env={}), {}) == {"server_name": "0.0.0.0", "server_port": 9001}
    env = {"ASSISTANT_PORT": "7999"}
    assert app.launch_address(plain, load_settings(none, env=env), env) == {"server_port": 7999}


# ---------------------------------------------------------------- feedback store


def test_feedback_store_insert_and_recent(tmp_path):
    path = tmp_path / "sub" / "fb.sqlite"
    store = FeedbackStore(path)
    assert not path.exists()  # nothing is created before first use
    a = store.add("问题一", "答案一", True, "", "[]")
    b = store.add("问题二", "答案二", False, "数字不对", json.dumps([{"n": 1}]))
    assert b > a
    recent = store.recent(10)
    assert [f.question for f in recent] == ["问题二", "问题一"]
    assert recent[0].helpful is False and recent[0].comment == "数字不对" and json.loads(recent[0].citations_json)
    assert store.recent(1)[0].id == b
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_feedback_survives_reopening(tmp_path):
    path = tmp_path / "fb.sqlite"
    store = FeedbackStore(path)
    store.add("q", "a", True, "好", "[]")
    store.close()
    again = FeedbackStore(path)
    assert [(f.question, f.helpful, f.comment) for f in again.recent(5)] == [("q", True, "好")]
    again.add("q2", "a2", False)
    assert len(again.recent(5)) == 2


def test_feedback_concurrent_inserts_from_threads(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite")
    errors = []

    def work(t):
        try:
            for i in range(25):
                store.add(f"q{t}-{i}", "a", i % 2 == 0, "", "[]")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    rows = store.recent(1000)
    assert len(rows) == 200 and len({r.id for r in rows}) == 200
    # a second store on the same file (another process in real life) sees them all
    assert len(FeedbackStore(tmp_path / "fb.sqlite").recent(1000)) == 200


def test_feedback_default_path_follows_the_environment(tmp_path):
    assert default_path({"ASSISTANT_FEEDBACK": str(tmp_path / "x.sqlite")}) == tmp_path / "x.sqlite"
    assert default_path({}) == ROOT / "data" / "feedback.sqlite"
    assert os.fspath(default_path({})).endswith("feedback.sqlite")


def test_the_page_stores_feedback_where_assistant_feedback_says(tmp_path):
    """The page's store follows ASSISTANT_FEEDBACK like default_path does (the subprocess tests rely on it)."""
    from assistant.config import load_settings
    from assistant.web.handlers import PageHandlers

    env = {"ASSISTANT_FEEDBACK": str(tmp_path / "fb.sqlite"), "ASSISTANT_DATA_DIR": str(tmp_path / "d")}
    settings = load_settings(tmp_path / "none.toml", env=env)
    assert settings.feedback_path == tmp_path / "fb.sqlite" == default_path(env)
    assert load_settings(tmp_path / "none.toml", env={"ASSISTANT_DATA_DIR": str(tmp_path / "d")}).feedback_path \
        == tmp_path / "d" / "feedback.sqlite"
    assert PageHandlers(_FakeAssistant((), None), settings).feedback.path == tmp_path / "fb.sqlite"
