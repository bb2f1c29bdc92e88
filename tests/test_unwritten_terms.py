"""A question term no plan writes is the asker's wording unless it names a thing: the retrieval-only answer's
decision (assistant/answer/context.py ``TermWeights.said``, assistant/answer/support.py ``support``'s
``unwritten`` keys, assistant/answer/compose.py ``_figure_checks``' unwritten measure), on hand-written lines and a
fake index."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.compose import _figure_checks
from assistant.answer.context import ASKERS_SHARE, TermWeights
from assistant.answer.structured import Evidence
from assistant.answer.support import scattered, support
from assistant.answer.understand import understand
from assistant.types import DocMeta

WRITTEN = {"应急": 2.0, "志愿者": 3.0, "注册": 3.0, "装机": 3.0}  # idf of the words the fake plans write
UNSEEN = 6.0


class _Index:
    def idf(self, term: str) -> float:
        return WRITTEN.get(term, UNSEEN)


class _Tagger:
    """One word per term: 气电多 read as a noun and a numeral (not one name), the others as one noun."""

    def tag(self, text: str):
        return [("气电", "n"), ("多", "m")] if text == "气电多" else [(text, "n")]


def test_a_term_no_plan_writes_weighs_little_in_the_decision_unless_it_is_one_name():
    w = TermWeights(_Index(), _Tagger())
    assert w.said("装机") == w("装机")  # written: a line lacking it states another measure
    assert w.said("气电多") == ASKERS_SHARE * w("气电多")  # the asker's wording (气电多弄出), not a thing
    assert w.said("京东方") == w("京东方")  # one name no plan writes: the plans lack that thing


LINE = "鼓励社会组织参与应急管理工作，到2030年全省注册应急志愿者达到15万人。"
TERMS = ["应急", "志愿者", "注册人数"]


def _w(t: str) -> float:
    return float(min(len(t), 4))


def test_an_unwritten_key_is_named_by_most_of_its_characters():
    ev = Evidence("y", (), LINE, highlight=LINE)
    strict = support([ev], TERMS, _w, keys=["注册人数"], measure=lambda text: True)
    assert not strict.answers  # as written, no line names 注册人数
    loose = support([ev], TERMS, _w, keys=["注册人数"], measure=lambda text: True,
                    unwritten=lambda t: t == "注册人数")
    assert loose.answers  # no plan writes it: 注册…人 names it
    absent = support([ev], [*TERMS, "京东方"], _w, keys=["京东方"], measure=lambda text: True,
                     unwritten=lambda t: t == "京东方")
    assert not absent.answers  # a name whose characters the line lacks is not there


def test_scattered_counts_the_characters_anywhere():
    assert scattered("注册人数", LINE) == 0.75
    assert scattered("京东方", LINE) == 0.0


def test_an_unwritten_measure_of_no_kind_is_stated_by_most_of_its_characters():
    q = understand("应急志愿者注册人数2030年是多少", [], [DocMeta("a", "a")], lambda s: [(c, "x") for c in s])
    weights = {"应急": 4.0, "志愿者": 9.0, "注册人数": 2.0}
    _, states = _figure_checks(q, {}, TERMS, lambda t: weights[t], None, None, lambda t: t in WRITTEN,
                               lambda t: t in WRITTEN)
    assert states(LINE)
    assert not states("到2030年全省应急救援队伍达到120支。")
    _, named_only = _figure_checks(q, {}, TERMS, lambda t: weights[t], None, None)  # every word written
    assert not named_only(LINE)  # a measure the plans write is stated only by naming it


PLAN = """云江省应急体系建设规划（2026—2030年）

一、发展目标

到2030年，全省应急管理体系更加完善。

二、主要任务

（一）壮大社会应急力量

鼓励和引导社会组织、志愿者队伍参与应急管理工作，到2030年全省注册应急志愿者达到15万人。

（二）建设应急物资储备库

新建省级应急物资储备库3个，到2030年物资储备总值达到8亿元。
"""


@pytest.fixture(scope="module")
def relief(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("relief"), PLAN, "relief_plan.txt")


def test_a_figure_asked_in_the_askers_own_words_is_answered(relief):
    ans = relief.ask("应急志愿者注册人数2030年那个数是多少？")
    assert not ans.refused and "15万人" in ans.answer


def test_a_thing_no_plan_names_is_still_refused(relief):
    ans = relief.ask("应急无人机2030年要配备多少架？")
    assert ans.refused
