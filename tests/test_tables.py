"""Tables read by meaning, in every layout: pipe tables, tab-separated rows, one cell per line, and the
SourceTable blocks of Word, PDF and HTML readers; the table-cell answers and the `tables --json` shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.index.chunk import ChunkSettings, document_chunks
from assistant.ingest import load_document
from assistant.ingest.parser import parse
from assistant.ingest.read_text import text_blocks
from assistant.ingest.table_model import column_years, read_shape
from assistant.types import DocMeta, RawDocument, SourceLine, SourceTable

DATA = Path(__file__).parent / "data" / "tables"


def table(doc, number):
    return next(t for t in doc.tables if t.number == number)


def rows(t):
    return [dict(r.cells) for r in t.records]


@pytest.fixture(scope="module")
def pipe():
    return load_document(DATA / "pipe_plan.txt")


def test_pipe_table_decorative_row_br_bold_and_escapes(pipe):
    t = table(pipe, "表1-1")
    assert t.name == "各区充电站现状" and t.heading_path == ("第一章 发展现状",)
    assert t.columns == ("地区", "充电站数量（座）", "充电桩（根）")  # empty first row skipped, <br> and ** dropped
    assert rows(t)[1]["充电桩（根）"] == "[150]"  # \[150\] unescaped, the cumulative mark kept
    assert t.records[1].value("充电桩（根）") == 150
    assert [r.kind for r in t.records] == ["data", "data", "total"]
    assert t.notes == ("注：[ ]内为五年累计数。",)
    assert dict(t.units)["充电站数量（座）"] == "座"


def test_misaligned_two_row_header_is_placed_by_the_body(pipe):
    t = table(pipe, "表2-1")
    assert t.columns == ("区县", "现状站（座）", "本次规划（座）/新建（座）", "本次规划（座）/迁建（座）",
                         "本次规划（座）/合计（座）", "规划期末（座）")
    assert rows(t)[0] == {"区县": "东区", "现状站（座）": "10", "本次规划（座）/新建（座）": "2",
                          "本次规划（座）/迁建（座）": "1", "本次规划（座）/合计（座）": "3", "规划期末（座）": "13"}
    assert t.records[-1].kind == "total" and t.records[-1].key == "全市合计"
    assert dict(t.years)["规划期末（座）"] == 2025  # resolved from the plan's own period (2021-2025年)


def test_caption_over_two_lines_and_group_rows(pipe):
    t = table(pipe, "表2-2")
    assert t.name == "分年度新增发展规划测算"
    assert [(r.key, r.group) for r in t.records] == [("2024", "电力方面"), ("2025", "电力方面")]


def test_caption_apart_from_its_table_and_caption_without_table(pipe):
    t = table(pipe, "表3-1")
    assert t.heading_path == ("第三章 保障措施",) and len(t.records) == 2
    assert not any(x.number == "表2-3" for x in pipe.tables)  # never invented
    assert any("表2-3" in w and "names no table" in w for w in pipe.warnings)


def test_project_table_yields_projects(pipe):
    names = [p.name for p in pipe.projects]
    assert names == ["东区超充站", "西区换电站"]
    assert "建设地点：东区" in pipe.projects[0].description and "序号" not in pipe.projects[0].description


def test_tab_separated_and_one_cell_per_line():
    doc = load_document(DATA / "cells_plan.txt")
    t1, t2 = doc.tables
    assert t1.columns == ("街道", "充电桩（根）", "充电站（座）") and t1.records[-1].kind == "total"
    assert t2.columns == ("年份", "目标值（座）") and [r.key for r in t2.records] == ["2024", "2025"]


def _source_table_doc(rows_, title="表1 分区目标"):
    raw = RawDocument("x.docx", "docx", (SourceLine(1, "第一章 目标"), SourceLine(2, title),
                                         SourceTable(3, rows_), SourceLine(4, "正文。")))
    return parse(raw, DocMeta("x", "某市规划（2021-2025年）"))


@pytest.mark.parametrize("top", [("地区", "本次规划", "本次规划", "规划期末"), ("地区", "本次规划", "", "规划期末")])
def test_word_html_merged_header_repeated_or_blank(top):
    doc = _source_table_doc((top, ("地区", "新建", "迁建", "规划期末"), ("东区", "2", "1", "13"), ("合计", "2", "1", "13")))
    t = doc.tables[0]
    assert t.columns == ("地区", "本次规划/新建", "本次规划/迁建", "规划期末")
    assert [r.kind for r in t.records] == ["data", "total"]


def test_title_row_above_the_real_header():
    doc = _source_table_doc((("各区充电设施", "", ""), ("地区", "充电站（座）", "充电桩（根）"), ("东区", "3", "40")),
                            title="表1 概况")
    t = doc.tables[0]
    assert t.columns == ("地区", "充电站（座）", "充电桩（根）") and rows(t) == [
        {"地区": "东区", "充电站（座）": "3", "充电桩（根）": "40"}]


def test_same_column_name_twice_is_told_apart():
    shape = read_shape([(("年份", "全市总量（万辆）", "增长率", "城区总量（万辆）", "增长率"), 1),
                        (("2020", "10", "5%", "4", "6%"), 2)])
    assert shape.columns == ("年份", "全市总量（万辆）", "增长率（全市）", "城区总量（万辆）", "增长率（城区）")


def test_period_words_resolve_to_the_plans_own_years():
    assert dict(column_years(("目标值", "现状值", "2023年"), (2026, 2030))) == {"目标值": 2030, "现状值": 2025,
                                                                                "2023年": 2023}


def test_indicator_table_still_gives_indicator_rows():
    doc = _source_table_doc((("序号", "指标", "单位", "2020年", "2025年", "属性"), ("1", "充电桩数量", "根", "10", "30", "预期性")))
    t = doc.tables[0]
    assert len(doc.indicators) == 1 and t.indicator_rows == (0,)


def test_text_blocks_turn_pipe_tables_into_source_tables():
    blocks = text_blocks(["正文", "| a | b |", "| --- | --- |", "| 1 | \\[2\\] |", "后文"])
    assert isinstance(blocks[1], SourceTable) and blocks[1].rows == (("a", "b"), ("1", "[2]"))
    assert [b.lineno for b in blocks if isinstance(b, SourceLine)] == [1, 5]


def test_rows_of_other_tables_become_chunks_with_title_and_header(pipe):
    chunks = [c for c in document_chunks(pipe, ChunkSettings()) if c.kind == "table_row"]
    east = next(c for c in chunks if "表1-1" in c.text and "东区" in c.text)
    assert "地区 | 充电站数量（座） | 充电桩（根）" in east.text and "东区 | 12 | 300" in east.text
    assert "充电桩（根） 300" in east.embed_text


def test_tables_json_shape(tmp_path, capsys):
    (tmp_path / "plan.txt").write_text((DATA / "pipe_plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["tables", "--corpus", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    t = next(x for x in out if x["number"] == "表2-1")
    assert set(t) == {"doc_id", "table_id", "number", "title", "heading_path", "columns", "rows", "notes",
                      "indicator_rows"}
    assert t["rows"][2] == {"cells": dict(zip(t["columns"], ["全市合计", "30", "6", "1", "7", "37"], strict=True)),
                            "values": dict(zip(t["columns"], [None, 30, 6, 1, 7, 37], strict=True)),
                            "group": None, "kind": "total"}


# ------------------------------------------------------------------ answers from cells (fake embedder)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("tables")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "pipe_plan.txt").write_text((DATA / "pipe_plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


@pytest.mark.parametrize("question,value,table_", [
    ("东区规划期末加油站有多少座？", "13座", "表2-1"),
    ("规划期末加油站合计多少座？", "37座", "表2-1"),  # the total row of the table whose column is asked
    ("表1-1中西区充电桩多少根？", "150根（五年累计数，表中记作[150]）", "表1-1"),
    ("表1-1里充电站合计多少座？", "20座", "表1-1"),  # the table named scopes the 合计
    ("2025年新增充电桩多少根？", "120根", "表2-2"),
])
def test_table_cell_answers_cite_table_and_row(assistant, question, value, table_):
    from assistant.answer.guard import unsupported_numbers

    ans = assistant.ask(question)
    text = ans.answer.replace("\\", "")
    assert not ans.refused and value in text, ans.answer
    assert table_ in ans.citations[0].heading_path[-1]
    assert not unsupported_numbers(ans.answer, [c.text for c in ans.citations], question)


def test_a_row_no_table_has_is_not_answered_from_a_table(assistant):
    ans = assistant.ask("北区规划期末加油站有多少座？")
    assert "13座" not in ans.answer and "24座" not in ans.answer


def test_a_count_of_other_things_does_not_answer(assistant):
    """多少辆 counts vehicles: the row's 现状站（座） counts stations (lexicon role thing_unit)."""
    ans = assistant.ask("东区现状汽车有多少辆？")
    assert "10座" not in ans.answer and "12座" not in ans.answer, ans.answer


def test_other_thing_compares_measure_words_that_name_the_thing():
    from assistant.answer.quantity import other_thing

    assert other_thing("辆", "座") and other_thing("辆", "万座")
    assert not other_thing("座", "座") and not other_thing("个", "座") and not other_thing("辆", "万辆")


# ------------------------------------------------------------------ the real plans (slow)

REAL = Path(__file__).parent.parent / "eval" / "realplans" / "corpus"
EXPECTED = Path(__file__).parent / "data" / "expected" / "realplans"


@pytest.mark.slow
@pytest.mark.parametrize("command", ["tables", "indicators"])
def test_real_plans_tables_and_indicators_match_the_checked_in_expectations(command, capsys):
    """tests/data/expected/realplans/*.json were generated once and read against the plan text (every total row
    checked against the sum of its column, the merged headers of 表4-1/4-2 by the rows' own sums)."""
    assert main([command, "--corpus", str(REAL), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == json.loads((EXPECTED / f"{command}.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_real_plans_table_cells_answered_from_the_right_table(tmp_path):
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    a = Assistant.open(load_settings(env={}, corpus=REAL, index=tmp_path / "index", uploads=tmp_path / "up"))
    ans = a.ask("重庆中心城区规划期末加油站合计多少座？")
    assert "596" in ans.answer and "2109" not in ans.answer and "表4-1" in ans.citations[0].heading_path[-1]
    ans = a.ask("长春市要建几座换电站？")
    assert "75" in ans.answer and "表 3-1" in ans.citations[0].heading_path[-1]


def test_tables_and_indicators_commands_are_model_free():
    import subprocess
    import sys

    code = ("import sys; from assistant.cli import main; "
            f"main(['tables', '--corpus', {str(DATA)!r}, '--json']); main(['indicators', '--corpus', {str(DATA)!r}]); "
            "bad = [m for m in ('torch', 'sentence_transformers', 'faiss') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr.decode()[-500:]
