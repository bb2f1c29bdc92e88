"""Characters an OCR tool reads for others of like shape (士地 for 土地, 干兆 for 千兆): search and term matching read
the character meant where the misread one makes no word; quotes keep the plan's own characters."""

from __future__ import annotations

import pytest

from assistant.text.tokenize import Tokenizer
from tests.conftest import plan_assistant


@pytest.fixture(scope="module")
def tk():
    return Tokenizer()


@pytest.mark.parametrize("text, read", [
    ("按照士地出让收益的10％计提", "按照土地出让收益的10％计提"),
    ("中小学干兆网络接入率", "中小学千兆网络接入率"),
    ("严禁末经审核的应用程序", "严禁未经审核的应用程序"),
    ("课余和节假曰向社区开放", "课余和节假日向社区开放"),
    ("己经区人民政府审议通过", "已经区人民政府审议通过"),
])
def test_a_misread_character_that_makes_no_word_reads_as_meant(tk, text, read):
    assert tk.read_glyphs(text) == read


@pytest.mark.parametrize("text", ["若干意见", "博士后流动站", "以天下为己任", "加强入河排污口监管", "干细胞存储",
                                  "人口和入口", "期末考试", "纳入规划", "干活年龄段"])
def test_real_words_with_those_characters_stay(tk, text):
    assert tk.read_glyphs(text) == text


PLAN = "\n".join([
    "东城区教育发展规划",
    "第一章　数字校园",
    "第一节　网络安全",
    "　　加强校园网络安全建设，网络安全监测覆盖率达到95%，建立网络安全应急机制，开展网络安全培训。",
    "第二节　网络接入",
    "　　中小学干兆网络接入率达到100%，建成智慧校园30所。",
    "第三节　网络教研",
    "　　推进网络教研，网络课程资源达到800门，网络教研覆盖率达到90%。",
    "第二章　保障措施",
    "第一节　经费保障",
    "　　落实教育费附加和地方教育附加，教育资金足额计提，计提比例达到15％。",
    "　　按照士地出让收益的10％计提教育资金。",
    "第二节　校园开放",
    "　　学校体育场地在课余和节假曰向社区开放，开放率达到90％以上。",
    "　　学校图书馆在寒暑假向学生开放，开放率达到60％以上。",
])


@pytest.mark.parametrize("question, quoted", [
    ("土地出让收益按多少计提", "士地出让收益的10％"),
    ("千兆网络接入率要达到多少", "干兆网络接入率达到100%"),
    ("节假日开放率达到多少", "节假曰向社区开放"),
])
def test_a_question_finds_the_passage_the_ocr_misread_and_quotes_it_as_written(tmp_path, question, quoted):
    a = plan_assistant(tmp_path, PLAN).ask(question)
    assert not a.refused and quoted in a.answer, a.answer


@pytest.mark.parametrize("question", ["千兆网络怎么样", "千兆网络有什么要求"])
def test_the_misread_passage_comes_first_over_passages_sharing_only_the_other_words(tmp_path, question):
    a = plan_assistant(tmp_path, PLAN).ask(question)
    assert a.answer.startswith("中小学干兆网络接入率达到100%"), a.answer
