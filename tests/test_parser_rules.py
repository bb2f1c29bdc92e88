"""Parser rules on small hand-written inputs, and the nothing-lost guarantee on the bundled plans."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import document_texts

from assistant.ingest import load_corpus, load_document
from assistant.ingest.catalog import derive_short_names, derive_title
from assistant.ingest.forms import clean, heading_form
from assistant.ingest.outline import render_outline
from assistant.ingest.parser import parse
from assistant.text.numbers import cn_to_int, normalise_years, parse_value
from assistant.types import DocMeta, RawDocument, SourceLine, SourceTable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def raw_of(text: str, path: str = "plan.txt") -> RawDocument:
    return RawDocument(path, "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))


def parse_text(text: str, doc_id: str = "t"):
    return parse(raw_of(text), DocMeta(doc_id, doc_id))


# ------------------------------------------------------------------ line rules


@pytest.mark.parametrize("line,kind,display", [
    ("第一章  发展基础和环境", "zhang", "第一章 发展基础和环境"),
    ("第十二节 加强宣传引导", "jie", "第十二节 加强宣传引导"),
    ("第二篇 主要任务", "pian", "第二篇 主要任务"),
    ("第三部分 空间布局", "pian", "第三部分 空间布局"),
    ("前  言", "preface", "前言"),
    ("一、发展基础", "cn_num", "一、发展基础"),
    ("（一）发展机遇。", "paren_cn", "（一）发展机遇"),
    ("（一）开放平台体系更加健全。自贸试验区建设深入推进。", "paren_cn", "（一）开放平台体系更加健全"),
    ("1.优势和机遇", "arabic", "1.优势和机遇"),
    ("2．问题和挑战", "arabic", "2．问题和挑战"),
    ("（3）建设数字服务出口基地", "paren_arabic", "（3）建设数字服务出口基地"),
    ("②培育外贸主体", "circled", "②培育外贸主体"),
])
def test_heading_forms(line, kind, display):
    f = heading_form(clean(line))
    assert f is not None and f.kind == kind and f.display == display


@pytest.mark.parametrize("line", [
    "当今世界正经历百年未有之大变局，新一轮科技革命和产业变革深入发展。",
    "1.带有很长很长的内容而且没有句号的列表项目，这一行的长度已经超过了四十个字符，所以它不是一个标题而是正文",
    "3.7",
    "第一章的内容说明了很多事情，并且以句号结尾。",
    "2025年全区外贸进出口额达到120亿元",
    "4. 建设软件人才实训基地，联合高校和培训机构定向培养人才。",  # one whole sentence: a list item
])
def test_body_lines_are_not_headings(line):
    assert heading_form(clean(line)) is None


def test_clean_removes_debris_and_keeps_content():
    assert clean("[bookmark: _Toc16966][bookmark: _Toc10330]第一章  发展基础\u200b") == "第一章 发展基础"
    assert clean("\t[7.76]\u3000") == "[7.76]"


@pytest.mark.parametrize("raw,value", [
    ("[7.76]", 7.76), ("【6700】", 6700.0), ("１２０", 120.0), ("2,900", 2900.0), ("1.5万", 15000.0),
    (">30", None), ("6人（含）以下", None), ("", None), ("三十", 30.0),
])
def test_parse_value(raw, value):
    assert parse_value(raw) == value


def test_chinese_numerals_and_lookalike_years():
    assert cn_to_int("十四") == 14 and cn_to_int("二十") == 20 and cn_to_int("二〇三五") == 2035
    assert normalise_years("二О三五年远景目标") == "2035年远景目标"  # Cyrillic О as in the 渝中 plan


# ------------------------------------------------------------------ structure

SMALL = """前言
本规划是全区开放工作的指导文件。
第一章 总体要求
一、发展目标
到2025年，外贸进出口额达到120亿元，实际利用外资累计达到【25】亿美元。
表1 主要指标
\t序号
\t指标
\t单位
\t2020年
\t2025年

\t一、开放平台

\t1
\t外贸进出口额
\t亿元
\t90.1
\t120

\t2
\t实际利用外资
\t【23.8】
\t【25】

注：带【】为五年累计数
第二章 主要任务
一、建设开放平台
强化平台支撑。加快建设一批开放平台。
专栏1 重点项目
1.中新产业园：建设中新合作产业园区。

2.国际商务中心：扩大服务范围。

二、扩大服务业开放
推进金融开放。支持外资金融机构落户。
"""


def test_small_plan_outline_rows_projects_goals():
    doc = parse_text(SMALL)
    assert render_outline(doc) == (
        "前言\n第一章 总体要求\n  一、发展目标\n    表1 主要指标\n"
        "第二章 主要任务\n  一、建设开放平台\n    专栏1 重点项目\n  二、扩大服务业开放\n"
    )
    rows = doc.indicators
    assert [r.name for r in rows] == ["外贸进出口额", "实际利用外资"]
    assert rows[0].category == "一、开放平台" and rows[0].unit == "亿元" and rows[0].target == 120.0
    short = rows[1]  # the unit cell is missing: warned, values still in their year columns
    assert short.unit is None and short.baseline_raw == "【23.8】" and short.target == 25.0 and short.cumulative
    assert any(w.startswith("plan.txt:21:") and "单位" in w for w in doc.warnings), doc.warnings
    assert rows[0].note == "注：带【】为五年累计数"
    assert [p.name for p in doc.projects] == ["中新产业园", "国际商务中心"]
    assert doc.projects[0].heading_path[-1] == "专栏1 重点项目"
    assert doc.goals[0].year == "2025" and "120" in doc.goals[0].numbers
    topics = [p.topic for s in doc.sections for p in s.paragraphs if p.topic]
    assert "强化平台支撑" in topics and "推进金融开放" in topics


def test_missing_chapter_inferred_from_table_number():
    text = "\n".join([
        "第一章 发展基础", "第一节 基础", "基础很好。", "第二节 环境", "环境复杂。",
        " 指导思想的内容在这里。", "第三节 发展目标", "表2-1 指标表", "\t序号", "\t指标", "\t2020", "\t2025", "",
        "\t1", "\t外资企业数（家）", "\t80", "\t200", "", "第三章 主要任务", "第一节 任务", "做事情。",
    ])
    doc = parse_text(text)
    assert render_outline(doc) == (
        "第一章 发展基础\n  第一节 基础\n  第二节 环境\n第二章（原文缺标题）\n  第三节 发展目标\n"
        "    表2-1 指标表\n第三章 主要任务\n  第一节 任务\n"
    )
    inferred = [s for s in doc.sections if s.inferred]
    assert len(inferred) == 1 and inferred[0].paragraphs[0].text == "指导思想的内容在这里。"
    assert doc.indicators[0].heading_path == ("第二章（原文缺标题）", "第三节 发展目标")


def test_missing_chapter_inferred_from_section_restart():
    text = "第一章 甲\n第一节 一\n内容。\n第二节 二\n内容。\n第一节 三\n内容。\n第三章 丙\n第一节 四\n内容。"
    assert render_outline(parse_text(text)) == (
        "第一章 甲\n  第一节 一\n  第二节 二\n第二章（原文缺标题）\n  第一节 三\n第三章 丙\n  第一节 四\n"
    )


def test_skipped_forms_cost_no_level_and_unknown_gap_is_warned():
    doc = parse_text("第一章 甲\n1.小标题\n内容。\n第三章 丙\n内容。")
    assert render_outline(doc) == "第一章 甲\n  1.小标题\n第三章 丙\n"
    assert any("chapter 2 heading appears missing" in w for w in doc.warnings)


def test_real_tables_and_styled_headings():
    raw = RawDocument("x.docx", "docx", (
        SourceLine(1, "总体要求", style_level=1),
        SourceLine(2, "主要指标", style_level=2),
        SourceLine(3, "表1 指标"),
        SourceTable(4, (("序号", "指标", "2020年", "2025年", "属性"), ("1", "服务贸易额（亿美元）", "20", "30", "预期性"))),
        SourceLine(5, "正文。"),
    ))
    doc = parse(raw, DocMeta("x", "x"))
    assert render_outline(doc) == "总体要求\n  主要指标\n    表1 指标\n"
    r = doc.indicators[0]
    assert (r.name, r.unit, r.baseline, r.target, r.attribute) == ("服务贸易额", "亿美元", 20.0, 30.0, "预期性")


# ------------------------------------------------------------------ catalog


def test_title_and_short_names_without_catalog(tmp_path):
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)  # no catalog.toml here
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    g = docs["gaoxin_open_highland_14th_fyp"].meta
    y = docs["yuzhong_open_highland_14th_fyp"].meta
    assert g.title == "重庆高新区内陆开放高地建设“十四五”规划" and "高新区" in g.short_names
    assert "渝中区" in y.title and y.title not in ("前言", "目录") and "渝中" in y.short_names
    assert not g.from_catalog


def test_numbered_run_with_sentence_items_is_a_list_not_headings():
    doc = parse_text("一、主要任务\n（一）做优软件业。以软件园为载体发展软件。\n\n1. 建设公共服务平台，为企业提供测试；\n"
                     "2. 实施揭榜挂帅；\n3. 支持软件企业上市挂牌融资。\n\n积极发展云服务。\n（二）培育新兴产业。发展人工智能。")
    assert [s.path[-1] for s in doc.sections if s.kind != "front"] == ["一、主要任务", "（一）做优软件业", "（二）培育新兴产业"]
    assert "3. 支持软件企业上市挂牌融资。" in next(s for s in doc.sections if s.path[-1] == "（一）做优软件业").text


def test_extra_table_columns_and_dash_unit():
    from assistant.answer.structured import extra_columns

    raw = RawDocument("p.md", "md", (
        SourceLine(1, "表1 主要指标"),
        SourceTable(2, (("序号", "类别", "指标名称", "单位", "2020年", "2025年", "年均增长（%）", "指标属性"),
                        ("1", "综合", "5G基站数", "个", "1800", "6000", "27.2", "预期性"),
                        ("2", "绿色", "数据中心PUE", "—", "1.5", "≤1.3", "—", "约束性"))),
    ))
    rows = parse(raw, DocMeta("p", "p")).indicators
    assert [r.unit for r in rows] == ["个", None]
    assert extra_columns(rows[0]) == [("年均增长（%）", "27.2")] and extra_columns(rows[1]) == []


def test_short_two_digit_years():
    assert normalise_years("20年那栏是多少，25年计划几次") == "2020年那栏是多少，2025年计划几次"
    assert normalise_years("20年来发展迅速，建设期20年间") == "20年来发展迅速，建设期20年间"


def test_derive_helpers():
    assert derive_short_names("渝中区“十四五”建设内陆开放高地规划") == ("渝中区", "渝中")
    assert derive_short_names("江州市临江区数字经济发展“十四五”规划") == ("江州市临江区", "临江区", "临江", "江州临江区",
                                                                    "江州临江")
    assert derive_short_names("重庆高新区内陆开放高地建设“十四五”规划") == ("重庆高新区", "高新区")
    assert derive_short_names("四川省成都市武侯区发展规划")[1:3] == ("武侯区", "武侯")
    assert "成都" not in derive_short_names("四川省成都市武侯区发展规划")  # never the city above the plan's place
    assert derive_short_names("吉林省电动汽车充换电基础设施发展规划（2021-2025年）") == ("吉林省", "吉林")
    raw = raw_of("前言\n本规划……是引领某某县“十四五”期间乡村振兴的纲领性文件。")
    assert derive_title(raw, "stem") == "某某县“十四五”乡村振兴规划"


# ------------------------------------------------------------------ nothing lost

HEADING_SHAPED = re.compile(r"^(第[一二三四五六七八九十\d]+[篇章节]\s|前言$|专栏\s*\d|表\s*\d+[-－]\d)")


@pytest.mark.parametrize("name", ["gaoxin_open_highland_14th_fyp.txt", "yuzhong_open_highland_14th_fyp.txt"])
def test_nothing_lost(name):
    doc = load_document(CORPUS / name)
    source = [clean(line) for line in (CORPUS / name).read_text(encoding="utf-8").split("\n")]
    source = [s for s in source if s]
    pieces = document_texts(doc)
    heads = {}
    for s in doc.sections:
        if not s.inferred and s.kind not in ("front", "box", "table"):
            heads[s.line_start] = s
    found = 0
    text_lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    aside = {p.lineno for p in (*doc.chrome, *doc.toc, *doc.repeats)}  # chrome counts as metadata
    for lineno, line in enumerate(text_lines, 1):
        c = clean(line)
        if not c:
            continue
        if lineno in aside:
            found += 1
            continue
        sec = heads.get(lineno)
        if sec is not None:  # a heading line: heading part + any body text on the same line
            rest = sec.paragraphs[0].text if sec.paragraphs and sec.paragraphs[0].lineno == lineno else ""
            head_src = c[: len(c) - len(rest)] if rest else c
            assert clean(head_src).replace(" ", "").startswith(sec.path[-1].replace(" ", "")[:6]), (lineno, c)
            found += 1
            continue
        assert c in pieces, f"line {lineno} lost: {c[:40]}"
        found += 1
    assert found == len(source)
    # each piece of body text is used once, and no section text holds a heading-shaped line
    body = [p.text for s in doc.sections for p in s.paragraphs]
    assert len(body) == len(set(body)) or all(len(b) < 8 for b in body if body.count(b) > 1)
    for s in doc.sections:
        for p in s.paragraphs:
            assert not HEADING_SHAPED.match(p.text), (s.path, p.text[:30])


def test_table_row_with_extra_cells_is_kept_and_warned():
    text = "表1 指标\n\t序号\n\t指标\n\t2020年\n\t2025年\n\n\t1\n\t外资企业数\n\t80\n\t200\n\t多余\n"
    doc = parse_text(text)
    row = doc.indicators[0]
    assert (row.name, row.baseline, row.target) == ("外资企业数", 80.0, 200.0)
    warning = next(w for w in doc.warnings if "extra" in w)
    assert warning.startswith("plan.txt:7:") and "多余" in warning and "ignored" in warning


def test_goal_paragraphs_under_a_targets_section_inherit_its_year():
    doc = parse_text("四、发展目标\n到2025年，数字经济增加值达到800亿元。\n（一）数字治理效能显著提升。政务服务网办率达到90%。\n"
                     "展望2035年，全面建成数字经济高地。\n前言\n规划期为2021—2025年，展望到2035年。")
    got = [(g.year, g.text[:8]) for g in doc.goals]
    assert got == [("2025", "到2025年，数"), ("2025", "政务服务网办率达"), ("2035", "展望2035年，")]


def test_frequent_compounds_join_the_user_dictionary():
    from assistant.text.tokenize import frequent_terms

    texts = ["大力发展数字经济，壮大数字经济核心产业。"] * 6 + ["工业互联网平台建设。"] * 6
    got = frequent_terms(texts)
    assert "数字经济" in got and "工业互联" not in got and "大力发展" not in got


def test_chained_compounds_keep_only_the_more_frequent():
    from assistant.text.tokenize import frequent_terms

    texts = ["推动数字经济企业发展。"] * 6 + ["壮大数字经济规模。"] * 6
    got = frequent_terms(texts)
    assert "数字经济" in got and "经济企业" not in got  # 数字经济 (12) beats 经济企业 (6)


def test_tokenizer_rules_cover_synonym_words(monkeypatch):
    import assistant.text.tokenize as tokenize
    from assistant.answer.lexicon import LEXICON_PATH, parse_lexicon

    before = tokenize.rules_version()
    text = LEXICON_PATH.read_text(encoding="utf-8") + '\n[[synonyms]]\nwords = ["甲乙", "丙丁"]\nexample = "甲乙呢"\n'
    monkeypatch.setattr(tokenize, "LEX", parse_lexicon(text))
    assert tokenize.rules_version() != before  # a synonym row is part of the lexicon's digest: the index is stale


def test_preface_sits_beside_top_level_headings_in_a_plan_without_chapters():
    doc = parse_text("某区交通规划\n前 言\n本规划……\n一、发展基础\n（一）发展成效\n正文。\n二、总体要求\n正文。")
    tops = [s.path[-1] for s in doc.sections if len(s.path) == 1 and s.kind not in ("front", "title")]
    assert tops == ["前言", "一、发展基础", "二、总体要求"]


def test_category_column_interim_year_and_dashed_principles():
    raw = RawDocument("p.txt", "txt", (
        SourceLine(1, "表1 主要指标"),
        SourceTable(2, (("类别", "序号", "指标", "单位", "2020年", "2023年", "2025年", "属性"),
                        ("基础设施", "1", "高速公路通车里程", "公里", "86", "98", "128", "预期性"),
                        ("2", "公路网密度", "公里/百平方公里", "182", "190", "200", "预期性"))),
        SourceLine(3, "——安全优先，守牢底线。坚持人民至上。"),
    ))
    doc = parse(raw, DocMeta("p", "p"))
    r1, r2 = doc.indicators
    assert (r1.category, r2.category, r2.seq) == ("基础设施", "基础设施", "2")
    assert (r2.baseline_year, r2.baseline_raw, r2.target_raw) == ("2020", "182", "200")  # 2023 is interim
    assert [v.year for v in r2.values] == ["2020", "2023", "2025"]
