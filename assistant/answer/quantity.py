"""The kind of quantity a question asks and a unit states: a count of things (座, 个, 根), an amount of money
(亿元), a share (%) or an installed capacity (万千瓦). A row, column or sentence stating a quantity of another kind does not answer the question:
多少座充电站 is not answered by a column of 投资（亿元）. Words and units are lexicon roles (``count_unit``,
``money_unit``, ``share_unit``, ``power_unit``; ``ask_count``, ``ask_money``, ``ask_share``, ``ask_power``). Pure.
"""

from __future__ import annotations

import re

from assistant.text.numbers import to_halfwidth
from assistant.text.patterns import QUANTITY_RE

from .lexicon import lexicon

COUNT, MONEY, SHARE, POWER = "count", "money", "share", "power"
_ASK_ROLES = ((COUNT, "ask_count"), (MONEY, "ask_money"), (SHARE, "ask_share"), (POWER, "ask_power"))


def unit_kind(unit: str | None) -> str | None:
    """count, money, share or power for a unit (座, 万辆, 亿元, %, 万千瓦), after its magnitude; None for any other
    (公里, 吨)."""
    if not unit:
        return None
    lex = lexicon()
    # a five-year cumulative figure's closing bracket comes before its unit: 〔3000〕户
    rest = re.sub(f"^[\\s〕】\\]]*(?:{lex.pattern('amount_magnitude')})*", "", to_halfwidth(unit))
    if lex.regex("share_unit").match(rest):
        return SHARE
    if lex.regex("money_unit").search(rest[:3]):  # 元, 亿元, 万美元
        return MONEY
    if lex.regex("power_unit").match(rest):
        return POWER
    if rest[:1] in lex.words("count_unit"):
        return COUNT
    return None


def asked_kind(question: str) -> str | None:
    """The kind of quantity the question asks: by the measure word after 多少/几 (多少座, 多少亿元, 百分之多少),
    else by its words (数量, 投资, 比重); None when it says none or several kinds."""
    lex = lexicon()
    q = to_halfwidth(question)
    listing = [m.span() for m in lex.regex("list").finditer(q)]  # 哪几个 asks which, not how many
    # 几个亿: the 个 counts the magnitude, it is no measure word of its own
    magnitude = lex.pattern("amount_magnitude")
    counter = f"(?:(?:{lex.pattern('magnitude_counter')})(?={magnitude}))?"
    for m in re.finditer(f"(?:{lex.pattern('ask_quantity')})\\s*{counter}((?:{magnitude})*\\S{{0,3}})", q):
        if unit_kind(m.group(1)) and not any(a <= m.start() < b for a, b in listing) and not values_asked(q, m.start()):
            return unit_kind(m.group(1))
    kinds = {kind for kind, role in _ASK_ROLES if lex.regex(role).search(q)}
    return kinds.pop() if len(kinds) == 1 else None


def several_values(question: str) -> bool:
    """The question asks the values of several things it counts (要降的几个指标分别是多少): each is stated, not
    how many there are."""
    text = to_halfwidth(question)
    return any(values_asked(text, m.start()) for m in lexicon().regex("ask_quantity").finditer(text))


def values_asked(question: str, at: int) -> bool:
    """The count asked at ``at`` is followed by another amount asked in its clause (几个指标分别是多少): the counted
    words say which things, each of whose values is asked, not how many there are. A clause of its own after a
    comma (重点项目一共几个，总投资多少) asks another amount."""
    clause = re.split(r"[，,。；;？?！!]", question[at:], maxsplit=1)[0]
    return len(lexicon().regex("how_much").findall(clause)) >= 2


def stated_kinds(text: str) -> set[str | None]:
    """The kinds of the quantities a text states, one per number by the unit right after it (None: no unit of a
    known kind, as for 577.9km)."""
    text = to_halfwidth(text)
    return {unit_kind(text[m.end():m.end() + 6]) for m in QUANTITY_RE.finditer(text)}


def fits(asked: str | None, unit: str | None) -> bool:
    """Whether a quantity in ``unit`` can answer a question asking ``asked``: not when both kinds are known and
    differ."""
    kind = unit_kind(unit)
    return asked is None or kind is None or kind == asked


def other_thing(asked: str | None, unit: str | None) -> bool:
    """Whether a count in ``unit`` (座, 万辆) counts another kind of thing than the measure word ``asked`` (辆 in
    多少辆): both name the thing counted (lexicon role ``thing_unit``) and differ."""
    if not asked or not unit:
        return False
    lex = lexicon()
    rest = re.sub(f"^\\s*(?:{lex.pattern('amount_magnitude')})*", "", to_halfwidth(unit))[:1]
    things = lex.words("thing_unit")
    return asked in things and rest in things and rest != asked
