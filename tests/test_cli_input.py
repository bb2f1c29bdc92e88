"""The command line checks its input before any model is loaded, prints plain text, and keeps library
loggers quiet (one handler, no DEBUG lines) unless --verbose."""

from __future__ import annotations

import logging

import pytest

from assistant import cli
from assistant.answer.structured import escape_md, plain_text
from assistant.logs import setup_logging, tame


@pytest.fixture()
def no_model(monkeypatch, tmp_path):
    """Loading a model fails loudly: a check that needs it is not an early check."""
    def boom(*_a, **_k):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr("assistant.index.embed.load_embedder", boom)
    monkeypatch.setattr("assistant.pipeline.Assistant.open", boom)
    monkeypatch.setenv("ASSISTANT_INDEX", str(tmp_path / "index"))


@pytest.mark.parametrize("argv, message", [
    (["ask", ""], "问题为空"),
    (["ask", "  \t "], "问题为空"),
    (["ask", "问" * 2001], "问题过长"),
    (["ask"], "缺少问题"),
    (["ask", "--doc", "nosuchplan", "发展目标"], "nosuchplan"),
    (["ask", "--json", "--batch", "/nonexistent/batch.jsonl"], "无法读取批量文件"),
    (["search", " "], "问题为空"),
])
def test_bad_input_is_refused_before_any_model(no_model, capsys, argv, message):
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_plain_text_undoes_markdown_escapes_and_bold():
    md = f"**{escape_md('重庆 · 指标[7.76]')}**：2025年 {escape_md('[300]*')} (a_b)"
    assert plain_text(md) == "重庆 · 指标[7.76]：2025年 [300]* (a_b)"
    assert plain_text(escape_md("a\\\\b <c> `d` #e |f| !g ~h")) == "a\\\\b <c> `d` #e |f| !g ~h"


def test_render_text_is_plain(monkeypatch):
    from assistant.types import Answer

    ans = Answer(question="q", answer="**甲 · 乙**：\\[7.76\\]", refused=False)
    assert cli.render_text(ans).splitlines()[0] == "甲 · 乙：[7.76]"


def test_library_loggers_quiet_and_one_handler():
    jieba_like = logging.getLogger("jieba")
    jieba_like.setLevel(logging.DEBUG)  # what jieba does on import
    jieba_like.addHandler(logging.StreamHandler())
    setup_logging(verbose=False)
    setup_logging(verbose=False)
    root = logging.getLogger()
    assert sum(getattr(h, "assistant_handler", False) for h in root.handlers) == 1
    assert jieba_like.level == logging.WARNING and not jieba_like.handlers
    setup_logging(verbose=True)
    assert root.level == logging.INFO
    tame("bm25s")
    assert logging.getLogger("bm25s").level == logging.DEBUG
    setup_logging(verbose=False)
