"""Several asks about one task in one message: each asked year of a task's staged aims. Fast: hand-written plan."""

from assistant.answer.numeric import goal_answer
from assistant.answer.understand import understand
from assistant.ingest.parser import parse
from assistant.types import DocMeta, RawDocument, SourceLine

STAGED_PLAN = """某县“十五五”水利发展规划（2026-2030年）
一、主要任务
（一）推进河道巡查
健全县、乡两级巡查体系。到2027年底，完成70%以上重点河段巡查建档；到2030年底，实现重点河段巡查建档全覆盖。
（二）提升灌溉能力
到2027年底，新建高效节水灌溉面积2万亩。
"""


def _plan():
    raw = RawDocument("w.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(STAGED_PLAN.split("\n"), 1)))
    return parse(raw, DocMeta("w", "某县“十五五”水利发展规划（2026-2030年）"))


def test_a_staged_task_asked_for_two_years_is_answered_for_each():
    doc = _plan()
    q = understand("河段巡查建档到2027年底要完成多少，2030年呢", [], [doc.meta], lambda t: [(t, "x")])
    ans = goal_answer(q, {"w": doc}, ("w",), ["河段", "巡查", "建档"])
    assert "70%" in ans.answer and "全覆盖" in ans.answer


def test_one_year_asked_still_gives_one_goal_per_plan():
    doc = _plan()
    q = understand("河段巡查建档到2027年底要完成多少", [], [doc.meta], lambda t: [(t, "x")])
    ans = goal_answer(q, {"w": doc}, ("w",), ["河段", "巡查", "建档"])
    assert "70%" in ans.answer and "全覆盖" not in ans.answer


BOX_PLAN = """某省数字农业行动计划（2026-2028年）
二、主要任务
（一）夯实数字底座
加快建设农业数据网络。
专栏1 农业物联网感知体系提升工程
推动县级感知站点建设，力争全省建成30个区域感知中心。支持甲市、乙市开展感知数据服务平台建设。
"""


def test_a_number_of_a_box_named_by_its_title_and_kind_is_the_boxs_sentence():
    from assistant.answer.lists import box_number_answer

    raw = RawDocument("b.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(BOX_PLAN.split("\n"), 1)))
    doc = parse(raw, DocMeta("b", "某省数字农业行动计划（2026-2028年）"))
    q = understand("物联网感知提升工程要建几个区域感知中心", [], [doc.meta], lambda t: [(t, "x")])
    ans = box_number_answer(q, {"b": doc}, ("b",), ["物联网", "感知", "提升", "工程", "区域"])
    assert ans is not None and "30个" in ans.answer
    other = understand("物联网感知提升任务要建几个区域感知中心", [], [doc.meta], lambda t: [(t, "x")])
    assert box_number_answer(other, {"b": doc}, ("b",), ["物联网", "感知", "提升", "区域"]) is None  # not its kind


def test_a_body_asked_by_its_short_name_is_found_under_its_full_name():
    from assistant.answer.synonyms import present

    assert present("发改委", "市发展改革委要牵头做好调度。")
    assert present("住建局", "责任单位：住房和城乡建设局")


DEPOT_PLAN = """某市充电设施布局规划（2026-2030年）
三、分区布局
东湖片区现有充电站20座；本轮布局30座，其中新建12座，改建8座，迁建10座；规划期末共50座。
西山片区现有充电站5座。
"""


def test_a_total_asked_with_how_it_splits_is_the_sentence_breaking_it_down():
    from assistant.answer.lists import breakdown_answer
    from assistant.types import Chunk, Hit

    raw = RawDocument("d.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(DEPOT_PLAN.split("\n"), 1)))
    doc = parse(raw, DocMeta("d", "某市充电设施布局规划（2026-2030年）"))
    sec = next(s for s in doc.sections if s.title.endswith("分区布局"))
    text = DEPOT_PLAN.split("\n", 3)[2] + "\n" + DEPOT_PLAN.split("\n")[3]
    hit = Hit(Chunk("c0", "d", "section", sec.id, sec.path, text, text), 1.0, 1)
    q = understand("东湖片区本轮布局多少座充电站，怎么拆分的", [], [doc.meta], lambda t: [(t, "x")])
    ans = breakdown_answer(q, {"d": doc}, ("d",), object(), ["东湖片区", "充电站", "布局"], None, [hit])
    assert ans is not None and "新建12座" in ans.answer and "50座" in ans.answer and "现有充电站20座" in ans.answer
    one = understand("西山片区有多少座充电站，怎么拆分的", [], [doc.meta], lambda t: [(t, "x")])
    assert breakdown_answer(one, {"d": doc}, ("d",), object(), ["西山片区", "充电站"], None, [hit]) is None


def test_clauses_joined_by_a_semicolon_read_as_one_sentence():
    from assistant.text.sentences import full_sentences

    assert full_sentences("甲3座；乙4座。丙5座。") == ["甲3座；乙4座。", "丙5座。"]


def _row(name: str, value: float):
    from assistant.types import IndicatorRow

    return IndicatorRow("p", "表2 投资估算", None, None, name, "亿元", None, None, None, None, str(value), value,
                        None, False, (), (), "s", None, ("类型", "投资"), (name, str(value)), 1)


def test_a_total_investment_asked_is_the_tables_total_row_not_one_part():
    from assistant.answer.indicators import Match
    from assistant.answer.lexicon import lexicon
    from assistant.answer.numeric import _totals_of

    rows = [_row("光伏", 1.5), _row("风电", 2.5), _row("合计", 4.0)]
    assert lexicon().regex("ask_total").search("这两类项目总投资多少")
    assert not lexicon().regex("ask_total").search("光伏投资多少")
    got = _totals_of([Match(rows[0], 0.8), Match(rows[1], 0.8)], rows)
    assert [m.row.name for m in got] == ["合计"]
    assert [m.row.name for m in _totals_of([Match(rows[0], 0.8)], rows[:2])] == ["光伏"]  # no total row: as matched


def test_a_list_asked_of_a_box_named_only_by_title_and_kind_is_left_to_the_sentence_listing():
    from assistant.answer.lists import box_list_answer

    raw = RawDocument("b.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(BOX_PLAN.split("\n"), 1)))
    doc = parse(raw, DocMeta("b", "某省数字农业行动计划（2026-2028年）"))
    q = understand("物联网感知提升工程支持哪些城市建服务平台", [], [doc.meta], lambda t: [(t, "x")])
    assert box_list_answer(q, {"b": doc}, ("b",)) is None
