"""Goal questions over small hand-written plans: a plan's purpose asked of the plan as a whole (not of an item
it names), a year's goal asked by the plan's own names, a goal running past its own year restated, the roles a
plan gives several kinds of things, an item led by its own name, a section named under another one, the parts a
goal section is divided into, a figure asked inside a named section, and the aim a guiding thought closes with."""

from __future__ import annotations

from assistant.answer.understand import understand
from assistant.types import Chunk, DocMeta, Hit, RawDocument, SourceLine


def _plan(doc_id: str, text: str, title: str = "", issuer: str | None = None):
    from assistant.ingest.parser import parse

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, title or doc_id, issuer=issuer))


def _q(question: str, *docs):
    return understand(question, [], [d.meta for d in docs], lambda t: [(c, "x") for c in t])


# ---------------------------------------------------------------- a year's goal, the plan as a whole

PILOT = ("一、建设目标\n（一）总体目标\n"
         "到2030年，绿色出行体系全面建立，公交分担率达到国内先进水平。客运碳排放强度处于全国前列，"
         "2030年前实现交通领域碳排放达峰。\n"
         "到2035年，全面形成低碳交通格局。\n"
         "二、主要任务\n1．推广新能源公交\n更新车辆。到2030年，新能源公交车占比达到100%。\n")
PILOT_TITLE = "低碳交通试点（甲市）实施方案"


def test_a_goal_runs_on_past_a_sentence_restating_its_own_year():
    doc = _plan("p", PILOT, PILOT_TITLE)
    by_year = {g.year: g.text for g in doc.goals if g.heading_path[-1] == "（一）总体目标"}
    assert "实现交通领域碳排放达峰" in by_year["2030"]
    assert "低碳交通格局" not in by_year["2030"] and "低碳交通格局" in by_year["2035"]


def test_a_years_goal_asked_by_the_plans_own_names_is_its_goal_sections_statement():
    from assistant.answer.aims import plan_topic
    from assistant.answer.numeric import goal_answer

    doc = _plan("p", PILOT, PILOT_TITLE)
    docs = {"p": doc}
    assert plan_topic(["甲市", "试点", "公交"], docs, ("p",)) == ["公交"]
    q = _q("甲市试点到2030年要做到什么程度", doc)
    ans = goal_answer(q, docs, ("p",), plan_topic(["甲市", "试点"], docs, ("p",)))
    assert ans is not None and "国内先进水平" in ans.answer and "碳排放达峰" in ans.answer
    assert "100%" not in ans.answer  # a task's figure for that year is not the plan's goal


# ---------------------------------------------------------------- why the plan was made

PURPOSE_PLAN = ("一、前言\n养老服务是重要民生。为补齐社区养老服务短板，切实提升老年人获得感，编制本规划。\n"
                "二、总体要求\n以新时代中国特色社会主义思想为指导，坚持以人民为中心，统筹城乡资源，"
                "加快补齐服务短板，为建成覆盖城乡的养老服务网络打下坚实基础。\n"
                "三、建设原则\n1．错峰互补\n日间照料与夜间托管错峰使用场地，为家庭照护者留出喘息时间。\n")


def test_what_a_plan_means_to_achieve_is_its_purpose_and_the_close_of_its_guiding_thought():
    from assistant.answer.aims import purpose_answer

    doc = _plan("a", PURPOSE_PLAN, "养老服务设施规划")
    ans = purpose_answer(_q("这份规划出台主要想解决啥？", doc), {"a": doc}, ("a",), [])
    assert ans is not None and "补齐社区养老服务短板" in ans.answer
    assert "覆盖城乡的养老服务网络" in ans.answer and "养老服务是重要民生" not in ans.answer


def test_the_purpose_of_an_item_the_plan_names_is_not_the_plans_purpose():
    from assistant.answer.aims import purpose_answer

    doc = _plan("a", PURPOSE_PLAN, "养老服务设施规划")
    assert purpose_answer(_q("建设原则里的错峰互补是为了啥？", doc), {"a": doc}, ("a",), ["错峰互补"]) is None
    # a year's or a part's aim is not the plan's purpose either
    assert purpose_answer(_q("这份规划到2030年想达成什么？", doc), {"a": doc}, ("a",), []) is None


def test_the_plans_issuer_and_title_words_leave_the_plan_as_a_whole_asked():
    from assistant.answer.aims import purpose_answer

    doc = _plan("a", PURPOSE_PLAN, "养老服务设施规划", issuer="民政局")
    ans = purpose_answer(_q("民政局出这个养老规划主要是想达成什么？", doc), {"a": doc}, ("a",), ["民政局"])
    assert ans is not None and "补齐社区养老服务短板" in ans.answer


# ---------------------------------------------------------------- roles, named items, nested sections

ROLES = ("一、总体思路\n坚持需求导向，以社区嵌入式机构为主体，以综合养老院为支撑，以上门服务为补充，"
         "推动养老服务一体化发展。\n努力建设成为全国养老服务示范区。\n")


def test_the_roles_given_several_kinds_are_the_sentence_assigning_them():
    from assistant.answer.aims import role_answer

    doc = _plan("a", ROLES, "养老服务设施规划")
    q = _q("嵌入式机构、综合养老院、上门服务各自是什么定位", doc)
    ans = role_answer(q, {"a": doc}, ("a",), ["嵌入式", "养老院", "上门服务", "定位"], None)
    assert "以社区嵌入式机构为主体" in ans.answer and "以上门服务为补充" in ans.answer
    assert "需求导向" not in ans.answer  # the framing before the first role clause is left out
    # the area's own role, asked with no kinds named, is still what it means to become
    ans = role_answer(_q("规划给这里什么定位", doc), {"a": doc}, ("a",), ["定位"], None)
    assert "全国养老服务示范区" in ans.answer


ITEMS = ("一、实施路径\n统筹推进四个方面。\n"
         "一张网络。依托社区服务中心，织密十五分钟服务圈，实现助餐、助浴、助医的就近供给。\n"
         "一套标准。制定服务质量评价规范。\n")


def test_an_item_led_by_its_own_name_answers_what_it_is_for():
    from assistant.answer.aims import named_item_answer

    doc = _plan("a", ITEMS, "养老服务设施规划")
    docs = {"a": doc}
    q = _q("那个“一张网络”是做什么的？", doc)
    ans = named_item_answer(q, docs, ("a",), q.resolved)
    assert ans is not None and "十五分钟服务圈" in ans.answer and "服务质量评价" not in ans.answer
    q = _q("一张网络主要解决什么问题", doc)  # spelled whole, unquoted, and what the question is about
    assert "十五分钟服务圈" in named_item_answer(q, docs, ("a",), q.resolved, ["一张网络"]).answer
    q = _q("助浴服务在一张网络里有没有量化指标", doc)  # the name inside a question about something else
    assert named_item_answer(q, docs, ("a",), q.resolved, ["助浴", "一张网络", "量化指标"]) is None
    q = _q("养老服务设施规划里一张网络呢", doc)  # nothing asked beyond the plan's own names
    assert named_item_answer(q, docs, ("a",), q.resolved, ["养老服务"]) is None
    q = _q("四个方面都有哪些", doc)
    assert named_item_answer(q, docs, ("a",), q.resolved, ["四个方面"]) is None


def test_a_section_named_under_another_named_one_is_the_one_answered():
    from assistant.answer.sections import section_answer

    a = _plan("a", "一、建设原则\n1．节约集约\n集约利用土地。\n2．弹性预留\n为未来功能调整预留空间和接口。\n")
    b = _plan("b", "一、建设原则\n1．因地制宜\n结合地形布置。\n")
    docs = {"a": a, "b": b}
    ans = section_answer(_q("建设原则里的弹性预留，是为了啥", a, b), docs, ("a", "b"), [a.meta, b.meta])
    assert "预留空间和接口" in ans.answer
    assert "节约集约" not in ans.answer and "因地制宜" not in ans.answer


# ---------------------------------------------------------------- parts of a goal, figures inside a section

GOALS = ("一、总体要求\n（二）近期目标\n到2027年，养老服务体系基本建成。\n"
         "——服务网络更加健全。街道综合中心全覆盖。\n——服务质量明显提升。星级机构占比过半。\n"
         "——人才队伍不断壮大。持证护理员数量翻番。\n")


def test_the_parts_a_goal_section_is_divided_into_are_its_items():
    from assistant.answer.sections import parts_section_answer

    doc = _plan("a", GOALS, "养老服务设施规划")
    ans = parts_section_answer(_q("养老规划2027年的近期目标下面又分了哪几项？", doc), {"a": doc}, ("a",))
    assert ans is not None
    assert all(x in ans.answer for x in ("服务网络更加健全", "服务质量明显提升", "人才队伍不断壮大"))


def test_a_number_asked_inside_a_named_section_is_that_sections_figure():
    from assistant.answer.sections import section_figure_answer

    doc = _plan("c", "一、总体目标\n现有站点120处，本次共计新布局站点35处。\n二、汇总\n表1 汇总表\n| 区域 | 期末（处） |\n"
                     "| 合计 | 155 |\n")
    q = _q("规划的总体目标中，一共新布局多少处站点？", doc)
    ans = section_figure_answer(q, {"c": doc}, ("c",), [doc.meta], ["新布局", "站点"])
    assert ans is not None and "35处" in ans.answer and "155" not in ans.answer


def test_a_guiding_thoughts_final_aim_is_the_clause_its_aim_verb_opens():
    from assistant.answer.aims import aim_clause_answer

    text = ("以新时代中国特色社会主义思想为指导，立足区情。通过实施规划，加强统筹调控，进一步健全布局均衡、"
            "运营规范、保障有力的养老服务体系，促进事业健康发展。")
    doc = _plan("a", "一、指导思想\n" + text + "\n")
    hits = [Hit(Chunk("c0", "a", "section", "s", ("一、指导思想",), text, text), 1.0, 0)]
    q = _q("指导思想里最后想建成个什么样的服务体系", doc)
    ans = aim_clause_answer(q, {"a": doc}, hits, ["指导思想", "服务", "体系"], None)
    assert ans is not None and "布局均衡" in ans.answer and "保障有力" in ans.answer


def test_the_goals_listed_for_a_topic_are_that_topics_goal():
    from types import SimpleNamespace

    from assistant.answer.compose import goal

    doc = _plan("a", "一、发展目标\n到2027年，养老服务体系基本建成。\n"
                     "——助餐服务全面覆盖。新建200个社区食堂，老年助餐点覆盖率达到90%。\n"
                     "——照护能力明显增强。护理型床位占比达到60%。\n", "养老服务设施规划")

    def ctx(text, terms):
        return SimpleNamespace(question=_q(text, doc), terms=tuple(terms), docs={"a": doc}, scope=("a",),
                               weight=None, plans=(), hits=(), metas=(doc.meta,))

    found = goal(ctx("养老规划在助餐服务上定了哪些目标？", ["助餐", "服务"]))
    assert found is not None and "200个社区食堂" in found.answer.answer and "60%" not in found.answer.answer
    assert goal(ctx("养老规划的目标有哪些？", [])) is None  # no topic: the goal section's list answers
    assert goal(ctx("列出养老规划发展目标中的各项目标", ["各项"])) is None  # the goal section named whole


def test_a_guiding_thought_under_its_own_heading_closes_with_the_plans_aim():
    from assistant.answer.aims import closing_aim

    doc = _plan("a", "一、总体要求\n（一）指导思想\n坚持系统观念，统筹存量与增量，统筹城区与乡镇，统筹机构与居家，统筹线上与线下，统筹政府与市场，"
                     "加快补齐短板，为建成覆盖城乡的养老服务网络打下坚实基础。\n"
                     "（二）基本原则\n坚持普惠优先。\n", "养老服务设施规划")
    sec, _, clause = closing_aim(doc)
    assert sec.title.endswith("指导思想") and clause.endswith("为建成覆盖城乡的养老服务网络打下坚实基础。")
    assert "坚持系统观念" not in clause  # the closing clauses, not the whole paragraph
    assert closing_aim(_plan("b", "一、基本原则\n坚持普惠优先。\n")) is None


# ---------------------------------------------------------------- a goal titled by the topic asked

TITLED_GOALS = ("一、总体要求\n（一）规划目标\n"
                "到2030年，基本建成现代化应急管理体系，救援力量更加专业，基层基础更加坚实，安全发展环境持续改善。\n"
                "——救援力量全面加强。专业救援队伍达到50支。\n"
                "——基层基础持续夯实。乡镇应急管理规范化建设达标率达到95%。\n")


def test_a_goal_led_by_a_title_naming_the_topic_outranks_the_overall_goal_naming_it_among_many():
    from assistant.answer.numeric import goal_answer

    doc = _plan("p", TITLED_GOALS, "样例省应急管理规划（2026—2030年）")
    ans = goal_answer(_q("基层这块到期末要实现什么目标？", doc), {"p": doc}, ("p",), ["基层"])
    assert ans is not None and "达标率达到95%" in ans.answer and "现代化应急管理体系" not in ans.answer
    whole = goal_answer(_q("到2030年总体要实现什么目标？", doc), {"p": doc}, ("p",), [])
    assert whole is not None and "现代化应急管理体系" in whole.answer


# ---------------------------------------------------------------- a measure stated for several periods

SOLAR = ("一、能源转型\n（一）可再生能源\n"
         "大力发展分布式光伏，推进建筑光伏一体化。做好海上风电项目合作开发。"
         "“十四五”期间累计新增光伏发电装机容量50万千瓦；到2030年，光伏发电装机容量达120万千瓦。\n"
         "（二）节能\n到2030年，单位产值能耗持续下降。\n")


def test_with_no_year_asked_every_target_stated_for_the_measure_is_quoted_with_its_period():
    from assistant.answer.numeric import goal_answer

    doc = _plan("s", SOLAR, "甲市碳达峰实施方案")
    docs = {"s": doc}
    for question, terms in [("甲市光伏装机目标", ["光伏", "装机"]), ("光伏发电装机要达到多少", ["光伏", "发电", "装机"]),
                            ("甲市光伏规划装多少", ["光伏"])]:
        ans = goal_answer(_q(question, doc), docs, ("s",), terms)
        assert ans is not None and "50万千瓦" in ans.answer and "120万千瓦" in ans.answer, (question, ans)
        assert "“十四五”期间" in ans.answer and "海上风电" not in ans.answer
    ans = goal_answer(_q("2030年光伏装机目标", doc), docs, ("s",), ["光伏", "装机"])
    assert "120万千瓦" in ans.answer and "50万千瓦" not in ans.answer  # a year asked: that year's target only


def test_other_periods_are_the_timed_figures_of_the_same_measure_around_the_goal():
    from assistant.answer.numeric import other_periods

    para = "大力发展光伏。2025年光伏装机达到30万千瓦；到2030年，光伏装机达120万千瓦。光伏产业产值达到500亿元。"
    before, after = other_periods(para, "到2030年，光伏装机达120万千瓦。", ["光伏", "装机"])
    assert before == ("2025年光伏装机达到30万千瓦；",) and after == ()  # 产值 is another measure; 大力发展 no figure
