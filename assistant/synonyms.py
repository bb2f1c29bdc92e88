"""Words staff use for what the plans say in other words. Pure data plus one lookup; used when matching
indicator names and when checking that a passage covers a question's key terms."""

from __future__ import annotations

import functools
import re

GROUPS: tuple[tuple[str, ...], ...] = (
    ("进出口总额", "进出口额", "外贸总额", "外贸额", "进出口值", "外贸进出口值", "进出口规模", "外贸规模"),
    ("利用外资", "外资利用", "吸引外资", "引进外资", "利用外资额", "引外资", "招引外资"),
    ("500强", "五百强"),
    ("服务贸易额", "服务贸易总额", "服贸额", "服务贸易规模"),
    ("企业数", "企业数量", "企业个数", "家企业"),
    ("里程", "总里程", "长度", "总长"),
    ("道路", "公路", "路网"),
    ("展会", "展览会", "博览会", "展览"),
    ("外籍人员", "外国人", "外籍人士", "老外"),
    ("对外直接投资", "ODI", "境外直接投资"),
    ("外商直接投资", "FDI"),
    ("地区生产总值", "GDP", "生产总值"),
    ("研发经费", "R&D经费", "研发投入"),
    ("外国", "国外", "国境外", "境外", "海外"),
    ("覆盖率", "覆盖比例"),
    ("占比", "比重", "所占比重"),
    ("新基建", "新型基础设施", "数字基础设施"),
    ("每年", "一年", "年度"),
    ("比赛", "赛事", "竞赛"),
    ("医院", "医疗"),
    ("学校", "教育"),
    ("高校", "大学"),
    ("公司", "企业"),
    ("园区", "产业园", "产业园区"),
    ("大科学装置", "重大科技基础设施", "科学装置"),
    ("外资企业", "外商投资企业", "外企"),
    ("引进", "引育", "吸引", "招引"),
    ("人才", "人员"),
    ("打造", "建设", "建成"),
    ("角色", "定位", "作用"),
    ("游戏", "网游"),
    ("场馆", "体育馆", "场地"),
    ("综合保税区", "综保区"),
    ("自由贸易试验区", "自贸试验区", "自贸区"),
    ("高新技术产业开发区", "高新区"),
    ("经济技术开发区", "经开区"),
)
_INDEX: dict[str, tuple[str, ...]] = {}
for _g in GROUPS:
    for _w in _g:
        _INDEX[_w] = tuple(dict.fromkeys(_INDEX.get(_w, ()) + tuple(x for x in _g if x != _w)))


def synonyms(word: str) -> tuple[str, ...]:
    """Other words for ``word`` (empty when none are known)."""
    return _INDEX.get(word, ())


def variants(term: str) -> list[str]:
    """The term with any known word inside it swapped for a synonym (西永综合保税区 -> 西永综保区)."""
    return list(_variants(term))


@functools.lru_cache(maxsize=16384)
def _variants(term: str) -> tuple[str, ...]:
    out = [term]
    for w, others in _INDEX.items():
        if len(w) >= 2 and w in term:
            out.extend(term.replace(w, x) for x in others)
    return tuple(dict.fromkeys(out))


def abbreviates(term: str, text: str) -> bool:
    """A two-character abbreviation of a four-character word in the text: 服贸 for 服务贸易, 科创 for 科技创新
    (the first characters of the two words). Only for terms of exactly two characters."""
    return len(term) == 2 and re.search(re.escape(term[0]) + r"[\u4e00-\u9fff]" + re.escape(term[1]) + r"[\u4e00-\u9fff]",
                                        text) is not None


def unabbreviate(question: str, name: str) -> str:
    """The question with a two-character abbreviation (see ``abbreviates``) of a word in ``name`` spelt out
    (服贸 -> 服务贸易 for 服务贸易总额), where the question does not already hold the word."""
    for i in range(len(name) - 3):
        word = name[i:i + 4]
        short = word[0] + word[2]
        if short in question and word not in question and re.fullmatch(r"[\u4e00-\u9fff]{4}", word):
            question = question.replace(short, word)
    return question


def present(term: str, text: str) -> bool:
    """The term, a synonym of it, or a variant with a synonym inside, occurs in the text."""
    return any(v in text for v in _variants(term)) or any(x in text for x in synonyms(term))
