"""Words staff use for what the plans say in other words. Pure data plus one lookup; used when matching
indicator names and when checking that a passage covers a question's key terms."""

from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    ("进出口总额", "进出口额", "外贸总额", "外贸额", "进出口值", "外贸进出口值", "进出口规模", "外贸规模"),
    ("利用外资", "外资利用", "吸引外资", "引进外资", "利用外资额"),
    ("500强", "五百强"),
    ("服务贸易额", "服务贸易总额", "服贸额", "服务贸易规模"),
    ("企业数", "企业数量", "企业个数", "家企业"),
    ("里程", "总里程", "长度", "总长"),
    ("道路", "公路", "路网"),
    ("展会", "展览会", "博览会", "展览"),
    ("外籍人员", "外国人", "外籍人士"),
    ("外国", "国外", "国境外", "境外", "海外"),
    ("覆盖率", "覆盖比例"),
    ("比赛", "赛事", "竞赛"),
    ("医院", "医疗"),
    ("学校", "教育"),
    ("高校", "大学"),
    ("公司", "企业"),
    ("引进", "引育", "吸引", "招引"),
    ("人才", "人员"),
    ("打造", "建设", "建成"),
    ("角色", "定位", "作用"),
    ("游戏", "网游"),
    ("场馆", "体育馆", "场地"),
)
_INDEX: dict[str, tuple[str, ...]] = {}
for _g in GROUPS:
    for _w in _g:
        _INDEX[_w] = tuple(dict.fromkeys(_INDEX.get(_w, ()) + tuple(x for x in _g if x != _w)))


def synonyms(word: str) -> tuple[str, ...]:
    """Other words for ``word`` (empty when none are known)."""
    return _INDEX.get(word, ())
