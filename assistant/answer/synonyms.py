"""Words staff use for what the plans say in other words (lexicon.toml's [[synonyms]] rows) and one lookup; used when matching
indicator names and when checking that a passage covers a question's key terms."""

from __future__ import annotations

import functools
import re

from .gazetteer import gazetteer
from .lexicon import lexicon

GROUPS: tuple[tuple[str, ...], ...] = lexicon().synonyms  # the [[synonyms]] rows of lexicon.toml
_INDEX: dict[str, tuple[str, ...]] = {}
for _g in GROUPS:
    for _w in _g:
        # an asker's one-character word (钱, 地) stands for the plans' words of its row, never the other way round:
        # one character inside a text (各地, 土地) is no word of its own
        _INDEX[_w] = tuple(dict.fromkeys(_INDEX.get(_w, ()) + tuple(x for x in _g if x != _w and len(x) > 1)))


_LATIN_RE = re.compile(r"[A-Za-z]")
_FOLDED: dict[str, tuple[str, ...]] = {w.casefold(): xs for w, xs in _INDEX.items() if _LATIN_RE.search(w)}


def synonyms(word: str) -> tuple[str, ...]:
    """Other words for ``word`` (empty when none are known); Latin letters in any case (gdp for GDP)."""
    return _INDEX.get(word) or _FOLDED.get(word.casefold(), ())


def variants(term: str) -> list[str]:
    """The term with any known word inside it swapped for a synonym (西永综合保税区 -> 西永综保区)."""
    return list(_variants(term))


@functools.lru_cache(maxsize=16384)
def _variants(term: str) -> tuple[str, ...]:
    out = [term]
    for w, others in _INDEX.items():
        if len(w) >= 2 and w in term:
            out.extend(term.replace(w, x) for x in others)
        elif len(w) >= 2 and latin(w) and w.casefold() in term.casefold():  # typed in another case: gdp
            out.extend(re.sub(re.escape(w), lambda _m, x=x: x, term, flags=re.IGNORECASE) for x in others)
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


# at most this many characters between two pieces of a term that the text writes apart (注册量 in 注册总量)
GAP_CHARS = 2


@functools.lru_cache(maxsize=16384)
def gap_pattern(term: str) -> re.Pattern[str] | None:
    """The term written with a short insertion at one place: 注册量 as 注册总量, 综合能源站 as 综合能源服务站. A
    plan adds a measure or qualifier word the asker leaves out. For terms of three or more Chinese characters
    (two-character words split into single characters, which match anything)."""
    if len(term) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", term):
        return None
    gap = rf"[\u4e00-\u9fff]{{1,{GAP_CHARS}}}"
    return re.compile("|".join(re.escape(term[:i]) + gap + re.escape(term[i:]) for i in range(1, len(term))))


def gapped(term: str, text: str) -> bool:
    """The term occurs in the text with a short insertion (see ``gap_pattern``)."""
    pattern = gap_pattern(term)
    return pattern is not None and pattern.search(text) is not None


def forms(term: str) -> tuple[str | re.Pattern[str], ...]:
    """Every way a text may write the term: itself, its variants and synonyms, and with a short insertion; the
    alternatives a literal search for it takes."""
    out: list[str | re.Pattern[str]] = list(dict.fromkeys([*_variants(term), *synonyms(term)]))
    pattern = gap_pattern(term)
    return (*out, pattern) if pattern is not None else tuple(out)


def present(term: str, text: str) -> bool:
    """The term, a synonym of it, or a variant with a synonym inside, occurs in the text; Latin letters in any
    case (ipv6 for IPv6, pue for PUE: askers type them as it comes); a contraction spelt out (see
    ``contracted``); a place by another of its names (彭水县 for 彭水苗族土家族自治县; ``place_names``)."""
    return any(v in text for v in _variants(term)) or any(x in text for x in synonyms(term)) \
        or (latin(term) and term.casefold() in text.casefold()) or contracted(term, text) \
        or any(n in text for n in place_names(term))


@functools.lru_cache(maxsize=16384)
def place_names(term: str) -> tuple[str, ...]:
    """The other full names the gazetteer gives the area(s) ``term`` names: the full name and the short one with
    the full name's last character (assistant/answer/gazetteer.py); not the bare short name, which a table row
    of another measure writes too (万州 | 103 | 15 … is no line about 万州区's 成品油). Empty for a term that
    names no area."""
    return tuple(dict.fromkeys(n for a in gazetteer().lookup(term) for n in a.names
                               if n != term and (n != a.short or n == a.name)))


@functools.lru_cache(maxsize=4096)
def _contraction_pattern(term: str) -> re.Pattern[str] | None:
    if not re.fullmatch(r"[\u4e00-\u9fff]{3}", term):
        return None
    a, b, tail = term[0], term[1], term[2]
    joins = f"(?:[、/]|{lexicon().pattern('conjunction')})"
    return re.compile(f"{a}{tail}{joins}{b}{tail}|{b}{tail}{joins}{a}{tail}")


def contracted(term: str, text: str) -> bool:
    """A three-character contraction of two words sharing their last character, written out in the text as the
    two words joined (国省道 for 国道、省道 or 国道和省道, 中小学 for 中学和小学): what the asker shortened, the plan
    names in full."""
    pattern = _contraction_pattern(term)
    return pattern is not None and pattern.search(text) is not None


def latin(term: str) -> bool:
    """The term holds Latin letters, whose case a text may write otherwise."""
    return _LATIN_RE.search(term) is not None


def contains(term: str, text: str) -> bool:
    """The term occurs in the text as written, Latin letters in any case."""
    return term in text or (latin(term) and term.casefold() in text.casefold())
