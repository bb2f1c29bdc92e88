"""The aim of a part the question points at by words of its title (城市建设那章，最后想建成个什么样的城市; 物流那块
要打造成什么; 最后那部分的目标), not by its number: the sentences stating that part's aim, not the plan-wide goal
(assistant/answer/parttopic.py ``pointed_aim_answer``)."""

from __future__ import annotations

import pytest

PLAN = """某区对外开放“十四五”规划

第一章 发展基础和目标

第一节 发展目标

到2025年，基本建成内陆开放示范区，开放型经济水平显著提高。

第二章 打造现代物流枢纽

坚持通道带物流，到2025年，建成西部陆海新通道重要物流分拨中心。

第一节 完善物流设施

建设多式联运中心，完善冷链仓储设施。

第二节 培育物流主体

引进供应链龙头企业，培育本地物流企业。

第三章 加快建设国际化城市

丰富城市服务功能，提升城市宜居品质，打造国际化、绿色化、智能化现代城市的“新样板”。

第一节 完善国际化配套

建设国际学校和国际医院。

第二节 提升城市品质

推进城市更新，建设公园绿地。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from tests.conftest import plans_assistant

    return plans_assistant(tmp_path_factory.mktemp("pointed"), {"plan.txt": PLAN})


@pytest.mark.parametrize("question", ["城市建设那章，最后想把这个区建成个什么样的城市？", "国际化城市那一章的目标是什么",
                                      "城市那部分要打造成啥样"])
def test_the_pointed_part_states_its_aim(assistant, question):
    ans = assistant.ask(question)
    assert "新样板" in ans.answer, ans.answer
    assert "内陆开放示范区" not in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["物流那章最终要建成什么", "物流枢纽那一块的目标是啥"])
def test_another_part_states_its_own(assistant, question):
    ans = assistant.ask(question)
    assert "物流分拨中心" in ans.answer, ans.answer
