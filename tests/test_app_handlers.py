"""The page's public API called in process: PageHandlers' methods that gradio serves as /ask, /indicators, /outline
and /upload, on the bundled plans indexed once per session with the fake embedder. tests/test_app_api.py (slow) checks the same
over HTTP against `python app.py`; what only a server can show (a forged upload path) stays there.

Decision: an empty question (or a too long one, or an unknown plan id) is an error, not a refused answer: the
endpoint raises gr.Error carrying the Assistant's bilingual message (gradio_client surfaces it as AppError).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import assert_public_endpoints, load_app, write_plan

CONTRACT_KEYS = {"id", "question", "answer", "refused", "citations", "indicators", "related", "score", "latency_ms"}
CITATION_KEYS = {"n", "doc_id", "doc_title", "heading_path", "text", "score"}
INDICATOR_Q = "高新区2025年外贸进出口总额目标是多少？"
BLUEBERRY_Q = "测试区蓝莓种植面积到2025年要达到多少？"


@pytest.fixture(scope="module")
def demo(assistant):
    return load_app().build_demo(assistant)


def methods(handlers):
    return {name: getattr(handlers, name) for name in ("ask", "indicators", "outline", "upload")}


@pytest.fixture(scope="module")
def api(demo):
    return methods(demo.handlers)


def gr_error():
    import gradio as gr

    return gr.Error


# ---------------------------------------------------------------- the endpoint list


def test_public_endpoints_are_exactly_these(demo):
    api = demo.get_api_info()  # what gradio_client's view_api() reads from /info
    assert_public_endpoints(api)


# ---------------------------------------------------------------- /ask


def test_ask_returns_the_cli_json_contract_with_a_citation(api, bundled_settings, capsys, monkeypatch):
    from assistant.cli import main

    got = api["ask"](INDICATOR_Q, ["gaoxin", "yuzhong"], [])
    assert set(got) == CONTRACT_KEYS
    assert got["question"] == INDICATOR_Q and got["refused"] is False
    assert "3700" in got["answer"]
    assert got["citations"] and set(got["citations"][0]) == CITATION_KEYS
    assert got["citations"][0]["doc_id"] == "gaoxin"
    assert any(r["name"] == "外贸进出口总额" and r["target"] == 3700 for r in got["indicators"])

    # the same object as `assistant ask --json` on the same index (latency aside)
    monkeypatch.setenv("ASSISTANT_MODEL", "hashing")
    assert main(["ask", "--index", str(bundled_settings.index_dir), "--json", INDICATOR_Q]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {k: v for k, v in line.items() if k != "latency_ms"} == {k: v for k, v in got.items() if k != "latency_ms"}


def test_ask_with_only_a_question_searches_every_plan(api):
    got = api["ask"]("渝中区外贸进出口额2025年目标")
    assert set(got) == CONTRACT_KEYS and not got["refused"]
    assert "120" in got["answer"] and got["citations"][0]["doc_id"] == "yuzhong"


def test_ask_follow_up_uses_history(api):
    got = api["ask"]("那渝中区呢？", history=[{"question": INDICATOR_Q, "answer": "3700亿元。"}])
    assert not got["refused"], got
    assert {c["doc_id"] for c in got["citations"]} == {"yuzhong"}
    assert "120" in got["answer"]


def test_ask_docs_restricts_the_search(api):
    q = "2025年外贸进出口目标是多少？"  # names no plan: the plan filter decides
    assert {c["doc_id"] for c in api["ask"](q)["citations"]} == {"gaoxin", "yuzhong"}
    got = api["ask"](q, docs=["yuzhong"])
    assert got["citations"] and {c["doc_id"] for c in got["citations"]} == {"yuzhong"}
    assert api["ask"](q, docs="yuzhong")["citations"] == got["citations"]  # one id as a plain string


def test_bad_input_is_a_clear_error(api):
    with pytest.raises(gr_error(), match="问题为空"):
        api["ask"]("   ")
    with pytest.raises(gr_error(), match="问题过长"):
        api["ask"]("问" * 10_000)
    with pytest.raises(gr_error(), match="未知文档"):
        api["ask"](INDICATOR_Q, docs=["nope"])
    with pytest.raises(gr_error(), match="history"):
        api["ask"](INDICATOR_Q, history="那渝中区呢？")


def test_script_question_round_trips_as_text(api):
    q = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    got = api["ask"](q)
    assert set(got) == CONTRACT_KEYS
    # the Assistant may echo the question as asked or with the markup dropped (understand.normalise_question)
    assert got["question"] in (q, "alert(1)")
    assert "<script" not in got["answer"] and "<img" not in got["answer"]


# ---------------------------------------------------------------- /indicators, /outline


def test_indicators_returns_every_parsed_row(api):
    rows = api["indicators"]()
    assert len(rows) == 34
    assert {"doc_id", "name", "unit", "baseline", "target", "cumulative"} <= set(rows[0])
    assert len(api["indicators"]("gaoxin")) == 15
    assert any(r["name"] == "实际利用外资" and r["cumulative"] for r in rows)
    with pytest.raises(gr_error(), match="未知文档"):
        api["indicators"]("nope")


def test_outline_returns_the_heading_tree(api):
    lines = api["outline"]("gaoxin").splitlines()
    assert lines[0] == "# 重庆高新区内陆开放高地建设“十四五”规划 [gaoxin]"
    assert "第一章 发展基础和环境" in lines
    assert "  第一节 发展基础" in lines  # children indented two spaces per level
    both = api["outline"]()
    assert "[gaoxin]" in both and "[yuzhong]" in both


# ---------------------------------------------------------------- /upload (a copy of the corpus: it changes it)


def test_upload_then_ask_finds_the_new_plan_and_it_survives_a_restart(corpus_copy, tmp_path):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    app = load_app()
    inbox = Path(os.environ["GRADIO_TEMP_DIR"]) / tmp_path.name  # the page reads uploads only from Gradio's folder
    plan = write_plan(inbox)
    bad = write_plan(inbox, "old.doc", "x")
    big = write_plan(inbox, "big.txt", "第一章 总则\n" + "规划正文。" * 90_000)  # ~1.3 MB, limit 1 MB
    a = Assistant.open(corpus_copy, embedder=HashingEmbedder(), rebuild=False)
    demo = app.build_demo(a)
    upload, ask, outline = demo.handlers.upload, demo.handlers.ask, demo.handlers.outline
    report = upload(str(plan))
    assert "已添加" in report and "蓝莓" in report
    got = ask(BLUEBERRY_Q)
    assert not got["refused"] and "8000" in got["answer"]
    assert got["citations"][0]["doc_id"] == "blueberry_plan"
    assert "第二章 重点项目" in outline("blueberry_plan")
    with pytest.raises(gr_error(), match=r"\.docx"):
        upload(str(bad))
    with pytest.raises(gr_error(), match="文件过大"):
        upload(str(big))
    with pytest.raises(gr_error(), match="缺少文件"):
        upload(None)
    assert not plan.exists(), "a handled upload is deleted from Gradio's folder"
    plan = write_plan(inbox)
    assert "已存在" in upload(str(plan))  # same content twice
    assert [p.name for p in corpus_copy.uploads_dir.glob("[!.]*")] == ["blueberry_plan.txt"]
    with pytest.raises(gr_error(), match="不是本次上传的文件"):
        upload(str(write_plan(tmp_path / "elsewhere")))  # a server path typed into the call is not read
    again = Assistant.open(corpus_copy, embedder=HashingEmbedder(), rebuild=False)  # a restart keeps the plan
    assert "8000" in load_app().build_demo(again).handlers.ask(BLUEBERRY_Q)["answer"]


# ---------------------------------------------------------------- while the index is being built


def test_the_page_answers_building_until_the_index_is_ready(assistant, bundled_settings, tmp_path):
    import threading

    from assistant.feedback import FeedbackStore
    from assistant.startup import BackgroundOpen

    release = threading.Event()

    def opener(report):
        report(0.3, "嵌入 / embedding 30/100")
        release.wait(30)
        return assistant

    opening = BackgroundOpen(opener)
    demo = load_app().build_demo(opening, feedback=FeedbackStore(tmp_path / "fb.sqlite"), settings=bundled_settings)
    h = demo.handlers
    opening.start()
    while opening.status().state == "loading":
        opening.join(0.05)

    # a question meanwhile: a notice in the chat, not an error, the question kept in the box to ask again
    box, messages, turns = h.respond(INDICATOR_Q, [], [])
    assert box == {"__type__": "update"}
    assert "正在建立索引（30%" in messages[-1]["content"] and "error" not in messages[-1]["content"]
    assert turns[-1]["error"]  # not history for a follow-up, nothing to give feedback on
    with pytest.raises(gr_error(), match="正在建立索引"):
        h.ask(INDICATOR_Q)
    state = h.page_state()
    assert "正在建立索引" in state[0]["value"] and state[0]["visible"] and state[1].active
    assert h.indicator_views(None, "")[0]["value"] == []

    release.set()
    opening.join(30)
    state = h.page_state()
    assert state[0]["visible"] is False and state[1].active is False
    assert state[2]["value"] == ["gaoxin", "yuzhong"]
    examples = [e["text"] for e in state[7]["examples"]]
    assert len(examples) == 4 and all(q in state[6] for q in examples)
    assert "3700" in h.ask(INDICATOR_Q, ["gaoxin"])["answer"]
    _, messages, turns = h.respond(examples[0], ["gaoxin", "yuzhong"], turns)
    assert not turns[-1]["error"]


def test_the_page_shows_a_failed_build_and_stops_polling(bundled_settings, tmp_path):
    from assistant.errors import IndexError_
    from assistant.feedback import FeedbackStore
    from assistant.startup import BackgroundOpen

    def opener(report):
        raise IndexError_("语料目录中没有可用文档 / no plans in corpus")

    opening = BackgroundOpen(opener)
    opening.run()
    h = load_app().build_demo(opening, feedback=FeedbackStore(tmp_path / "fb.sqlite"),
                              settings=bundled_settings).handlers
    state = h.page_state()
    assert "索引建立失败" in state[0]["value"] and state[1].active is False
    _, messages, _ = h.respond(INDICATOR_Q, ["gaoxin"], [])
    assert "未能回答" in messages[-1]["content"] and "no plans" in messages[-1]["content"]
