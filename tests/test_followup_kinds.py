"""Reading a later ask against the one before it: another thing of the kind just asked of ("企业级平台呢" after
"…对双跨平台最多奖补多少钱") is asked the same question; a duty asked after a where is asked of the where's
subject, not with its where; a plan named by its title's words joined by 的 is that one plan. Pure rules."""

from __future__ import annotations

import pytest

from assistant.answer.understand import asked_of, casual_names, understand
from assistant.types import DocMeta

TAGS = {"样例省": "ns", "样例县": "ns", "双跨平台": "n", "企业级": "b", "行业型": "b", "平台": "n", "省里": "s",
        "最多": "d", "奖补": "n", "多少钱": "m", "支持": "v", "工业": "n", "互联网": "n", "若干": "m", "政策": "n",
        "加油站": "n", "规划": "n", "原则": "n", "废钢": "n", "用量": "n", "电炉钢": "n", "占比": "n"}


def _tag(text: str) -> list[tuple[str, str]]:
    """Longest match over the words of TAGS with their tags, else one character: the tagger's cut of these
    questions."""
    out, i = [], 0
    while i < len(text):
        w = next((w for w in sorted(TAGS, key=len, reverse=True) if text.startswith(w, i)), text[i])
        out.append((w, TAGS.get(w, "x")))
        i += len(w)
    return out


@pytest.mark.parametrize(("question", "subject"), [
    ("样例方案里碳预算管理是放在哪一部分讲的？", "样例方案里碳预算管理"),
    ("样例规划里加油站选址要求在哪一节？", "样例规划里加油站选址要求"),
    ("碳预算管理写在哪", "碳预算管理")])
def test_what_a_where_question_asks_about_is_its_words_before_the_where(question, subject):
    assert asked_of(question) == subject


METAS = [DocMeta("a", "样例省支持工业互联网发展若干政策", short_names=("样例省",))]


@pytest.mark.parametrize("question", ["责任单位有哪些", "由哪些部门负责", "谁牵头"])
def test_a_duty_asked_after_a_where_is_asked_of_the_wheres_subject(question):
    q = understand(question, [("样例省政策里碳预算管理是放在哪一部分讲的？", "")], METAS, _tag)
    assert "碳预算管理" in q.resolved and "哪一部分" not in q.resolved and q.intent != "location", q


@pytest.mark.parametrize("follow", ["企业级平台呢？", "那企业级平台呢", "行业型平台呢"])
def test_a_thing_of_the_kind_just_asked_of_is_asked_the_same_question(follow):
    q = understand(follow, [("样例省对双跨平台省里最多奖补多少钱？", "")], METAS, _tag)
    thing = follow.strip("那呢？")
    assert thing in q.resolved and "奖补" in q.resolved and "双跨平台" not in q.resolved, q.resolved


def test_a_thing_of_the_kind_with_a_measure_of_its_own_is_not_swapped_in():
    q = understand("废钢用量呢", [("样例省电炉钢占比要提到多少？", "")], METAS, _tag)
    assert "用量" in q.resolved, q.resolved  # not 样例省废钢占比要提到多少


def test_a_plan_named_with_its_title_words_joined_by_of_is_that_plan():
    metas = [DocMeta("plan", "样例省工业互联网创新发展行动计划", short_names=("样例省",)),
             DocMeta("policy", "支持工业互联网发展若干政策", issuer="样例省人民政府办公厅")]
    for text in ("样例省支持工业互联网的若干政策里，双跨平台奖补多少", "样例省支持工业互联网若干政策里，双跨平台奖补多少"):
        assert understand(text, [], metas, _tag).docs == ("policy",), text
    county = [DocMeta("c", "样例县加油站布局规划", short_names=("样例县",))]
    named = casual_names("样例县加油站规划的规划原则帮我列一下", county, _tag)
    assert [n for n, _ in named] == ["样例县加油站规划"]  # a plan named whole, then what it says: 的 joins nothing
