"""What each plan is about (its area, its level, its period) and what a question's places and period words
mean against the plans in scope. Pure code over the plans' metadata and text, the gazetteer and the lexicon.

- A plan's own area comes from its short names (or, failing those, its title) looked up in the gazetteer; a
  place followed by a zone word (重庆 + 高新区) is the zone's city, not the plan's own area. A plan naming no
  area at all is national.
- A place in a question is ``own`` (the area of a plan in scope), ``local`` (inside such an area, or named by
  a plan's text: answered only from a passage that names it) or ``foreign`` (an area no plan in scope is
  about: refused). A place inside an organisation's or project's name is no place mention at all.
- 全国 / 全省 / 全市 … are the plan's own area when the plan is of that level (the word's last character is
  the suffix of the plan's area; a national plan covers 全国).
- Period words (规划期末, 到时候, 十四五末, 十五五 …) resolve to each plan's own period.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assistant.text.numbers import cn_to_int, normalise_years
from assistant.text.patterns import NAME_RUN, YEAR_SPAN_RE
from assistant.types import DocMeta, Document

from .gazetteer import Area, Gazetteer, gazetteer
from .lexicon import lexicon

Tagger = Callable[[str], list[tuple[str, str]]]

_FYP_FIRST_DATED = (3, 1966)  # the third five-year plan began in 1966; every later one five years after
_PLACE_TAG = "ns"


@dataclass(frozen=True)
class PlanScope:
    doc_id: str
    areas: tuple[Area, ...]  # the plan's own area(s); empty for a zone (高新区) or a national plan
    national: bool
    wholes: frozenset[str]  # the whole-area words that mean the plan's own area (全区, 全省, 全国)
    period: tuple[int, int] | None  # first and last year
    text: str = ""  # the plan's text, for the places it names
    names: tuple[str, ...] = ()  # its title, short names and issuer: where its own area is written


@dataclass(frozen=True)
class PlaceMention:
    text: str  # as written in the question
    names: tuple[str, ...]  # every name of the area, to find it in a passage
    status: str  # own | local | named (local, the gazetteer not knowing it: answered only from text naming it) | foreign
    docs: tuple[str, ...] = ()  # the plans whose own area it is (own only)
    within: tuple[str, ...] = ()  # the plans (of every plan, not only those in scope) whose area holds it


# ---------------------------------------------------------------- periods


def five_year_plan_years(word: str) -> tuple[int, int] | None:
    """'十四五' -> (2021, 2025), '十五五' -> (2026, 2030)."""
    n = cn_to_int(word[:-1])
    if n is None or n < _FYP_FIRST_DATED[0]:
        return None
    start = _FYP_FIRST_DATED[1] + 5 * (n - _FYP_FIRST_DATED[0])
    return start, start + 4


def plan_period(title: str, text: str = "") -> tuple[int, int] | None:
    """The plan's first and last year: a year span in its title (（2021-2025年）, 2024—2025年), a five-year plan
    named in its title (“十四五”), then the same in the head of its text."""
    for source in (title, text[:3000]):
        source = normalise_years(source, typed=False)  # plan text: no two-digit years
        m = YEAR_SPAN_RE.search(source)
        if m and int(m.group(1)) <= int(m.group(2)) <= int(m.group(1)) + 15:
            return int(m.group(1)), int(m.group(2))
        m = lexicon().regex("five_year_plan").search(source)
        if m:
            return five_year_plan_years(m.group(0))
    return None


@dataclass(frozen=True)
class PeriodWords:
    years: tuple[str, ...]  # end years the question's period words stand for
    period: tuple[int, int] | None  # a whole period named (十五五, 规划期内)


def period_words(text: str, plans: Sequence[PlanScope]) -> PeriodWords:
    """十X五末 -> that plan's last year whatever the plans; 规划期末 / 到时候 -> each plan's own last year;
    十X五 / 规划期内 -> a whole period."""
    lex = lexicon()
    years: list[str] = []
    period = None
    rest = text
    ends = lex.regex("five_year_plan_end")
    for m in lex.regex("five_year_plan").finditer(text):
        span = five_year_plan_years(m.group(0))
        if span is None:
            continue
        tail = ends.match(text, m.end())
        if tail:
            years.append(str(span[1]))
            rest = rest.replace(text[m.start():tail.end()], " ")
        else:
            period = period or span
    own = [p.period for p in plans if p.period]
    if lex.regex("period_end").search(rest):
        years += [str(e) for _, e in sorted(set(own))]
    if period is None and lex.regex("period_whole").search(rest) and len(set(own)) == 1:
        period = own[0]
    return PeriodWords(tuple(dict.fromkeys(years)), period)


# ---------------------------------------------------------------- places


def _boundaries(tags: list[tuple[str, str]]) -> tuple[set[int], dict[int, str]]:
    """Token start offsets (plus the end) and the tag of the token starting at each offset."""
    starts, tag_at, pos = set(), {}, 0
    for w, flag in tags:
        starts.add(pos)
        tag_at[pos] = flag
        pos += len(w)
    starts.add(pos)
    return starts, tag_at


def _place_spans(text: str, tagger: Tagger, gaz: Gazetteer,
                 known: Callable[[tuple[Area, ...]], bool] = lambda areas: False) -> list[tuple[int, int, tuple[Area, ...]]]:
    """Gazetteer names in ``text`` that read as places: not a generic word (lexicon ``not_place``), starting on
    a word boundary; a short name (长春, 万州) must also end on one and be tagged a place by jieba or be
    ``known`` (its full name is in a plan's text)."""
    not_place = set(lexicon().words("not_place"))
    zone = lexicon().regex("zone")
    suffixes = _suffixes()
    starts, tag_at = _boundaries(tagger(text))
    out = []
    for s, e, areas in gaz.scan(text, skip=lambda n: n in not_place or bool(zone.search(n[-4:]))):
        name = text[s:e]
        if s not in starts:
            continue
        if e < len(text) and text[e] in suffixes and all(a.name != name for a in areas):
            continue  # 江州 + 市 when the table knows only 江州区: another place
        if _glued(text, s, e, starts, tag_at) and not known(areas):
            continue  # 国道和县道: 和 + 县道, not 和县; 沄南县: a name no table holds, not 南县
        full = any(name == a.name and a.short != a.name for a in areas) or (
            len(name) >= 3 and all(a.level == "town" for a in areas))
        if not full and (e not in starts or (tag_at.get(s) != _PLACE_TAG and not known(areas))):
            continue
        out.append((s, e, areas))
    return out


@functools.cache
def _loose() -> frozenset[str]:
    """One-character words that join a name only as a particle (和, 在, 的: roles stopword, conjunction,
    locative_lead, of)."""
    lex = lexicon()
    return frozenset(w for r in ("stopword", "conjunction", "locative_lead", "of") for w in lex.words(r) if len(w) == 1)


def _one_char_before(text: str, s: int, starts: set[int], tag_at: dict[int, str]) -> bool:
    """The word right before ``s`` is a single Chinese character the tagger reads as a name's piece (a noun, a
    bound morpheme or unknown: 岚 of 岚 + 南区, 沄 of 沄 + 南县), no particle, preposition or verb (跟 + 东区): the
    tagger cut a longer name it does not know."""
    if s < 1 or s - 1 not in starts or not re.match(r"[\u4e00-\u9fff]", text[s - 1]):
        return False
    tag = tag_at.get(s - 1, "")
    return (tag[:1] in _NAME_PIECE_TAGS or tag.endswith("g")) and text[s - 1] not in _loose() \
        and text[s - 1] not in _suffixes()


_NAME_PIECE_TAGS = frozenset({"n", "x"})  # jieba tags of a character that may open a name (nr, ns, ng, x)


def _glued(text: str, s: int, e: int, starts: set[int], tag_at: dict[int, str]) -> bool:
    """A two-character administrative name (one character and its suffix: 和县, 南县, 东区) that is a particle
    joined to a word (国道和县道: 和 + 县道) or the tail of a longer name the tagger cut (沄 + 南县)."""
    if e - s != 2 or text[e - 1] not in _suffixes():
        return False
    return text[s] in _loose() or _one_char_before(text, s, starts, tag_at)


def _unknown_admin_spans(text: str, tagger: Tagger, gaz: Gazetteer,
                         taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Administrative names the gazetteer does not hold: a word jieba tags as a place that ends in, or is
    followed by, an administrative suffix (lexicon ``admin_suffix``: 溪宁市, 鹭洲 + 市, 龙潭 + 县), of at least two
    characters before the suffix, not a generic word (``not_place``, a ``zone_suffix`` ending) and not
    overlapping a gazetteer name; a known name with another suffix (龙潭 + 县 where the table holds 龙潭区) is
    another place, as ``_place_spans`` reads it. Not a name opening on a particle jieba joined to it (附表中由县:
    ``stopword``, ``conjunction``, ``locative_lead`` characters), nor one opening a unit's name (…县卫生健康局)."""
    suffixes = frozenset(w for w in lexicon().words("admin_suffix") if len(w) == 1)
    generic = set(lexicon().words("not_place"))
    zone = lexicon().regex("zone_suffix")
    loose = _loose()
    tags = tagger(text)
    starts, tag_at = _boundaries(tags)
    out, pos = [], 0
    for w, flag in tags:
        s, pos = pos, pos + len(w)
        if flag != _PLACE_TAG:
            continue
        cut = len(w) == 2 and w[-1] in suffixes and _one_char_before(text, s, starts, tag_at)
        s -= cut  # 岚 + 南区 (南区 alone a generic word): the tagger cut 岚南区, a name it does not know
        end = pos if w[-1] in suffixes else pos + 1 if pos < len(text) and text[pos] in suffixes else None
        if end is None or end - s < 3 or (w in generic and not cut) or text[s:end] in generic \
                or zone.search(text[s:end]):
            continue
        if gaz.lookup(text[s:end]) or any(a < end and s < b for a, b in taken) or text[s] in loose:
            continue  # 附表中由县…: jieba joins a particle to the name
        if _named_in(text, end, "organisation") or _named_in(text, end, "duty_body"):
            continue  # 中由县卫生健康局: a unit's name, not a place asked about
        out.append((s, end))
    return out


@functools.cache
def _suffixes() -> frozenset[str]:
    """The last characters of administrative names (省, 市, 区, 县 …), from the lexicon's whole-area words."""
    return frozenset(w[-1] for w in lexicon().words("whole_area"))


def _named_in(text: str, end: int, role: str) -> bool:
    """A word of ``role`` right after the place, within the same name (no punctuation or 的 in between)."""
    m = re.match(NAME_RUN + "(?:" + lexicon().regex(role).pattern + ")", text[end:])
    return bool(m)


def _most_specific(areas: Iterable[Area]) -> tuple[Area, ...]:
    areas = tuple(dict.fromkeys(areas))
    return tuple(a for a in areas if not any(b.within(a) for b in areas))


def plan_scope(meta: DocMeta, tagger: Tagger, text: str = "", gaz: Gazetteer | None = None) -> PlanScope:
    """The plan's own area (short names first, then the title), whether it is national, and its period."""
    gaz = gaz or gazetteer()
    not_place = set(lexicon().words("not_place"))
    own = [a for n in meta.short_names if n not in not_place for a in gaz.lookup(n)
           if a.name in meta.short_names or a.name in meta.title]  # 临江 is not 临江市 for a plan of 临江区
    seen_any = bool(own) or any(n[-1:] in _suffixes() for n in meta.short_names)
    untitled = not re.search(r"[^\x00-\x7f]", meta.title)  # a file stem: the head of the text stands in
    shorts = [n for n in meta.short_names if not any(m != n and m.startswith(n) for m in meta.short_names)]
    for source in (meta.title, *shorts, meta.issuer or "", text[:200] if untitled else ""):
        for s, e, areas in _place_spans(source, tagger, gaz):
            seen_any = True
            parent = any(len(n) > e - s and n.startswith(source[s:e]) for n in meta.short_names)  # 海城市 of 海城市湾里区
            if not (own or parent or _named_in(source, e, "zone") or _named_in(source, e, "organisation")):
                own.extend(areas)
    areas = _most_specific(own)
    if len(areas) > 1:  # an ambiguous name (天城镇 in three counties): keep those inside another named area
        inside = tuple(a for a in areas if any(a.within(b) for b in own))
        areas = inside or areas
    national = not seen_any
    wholes = set()
    for name in (*(a.name for a in areas), *meta.short_names):
        wholes |= {w for w in lexicon().words("whole_area") if w[-1] == name[-1:]}
    if national:
        wholes |= set(lexicon().words("whole_country"))
    return PlanScope(meta.doc_id, areas, national, frozenset(wholes), plan_period(meta.title, text), text,
                     tuple(n for n in (meta.title, *meta.short_names, meta.issuer or "") if n))


def document_text(doc: Document) -> str:
    """Every heading, paragraph and table cell of a plan, for finding the places it names."""
    parts = [t for s in doc.sections for t in (s.title, *(p.text for p in s.paragraphs))]  # in reading order
    parts += [" ".join(row) for t in doc.tables for row in (t.header, *t.rows)]
    parts += [f"{b.title} {' '.join(p.name + p.description for p in b.projects)}" for b in doc.boxes]
    parts += [p.text for b in doc.boxes for p in b.body]
    return "\n".join(parts)


_SCOPES: dict[tuple, PlanScope] = {}


def plan_scopes(documents: Iterable[Document], tagger: Tagger) -> tuple[PlanScope, ...]:
    """One PlanScope per plan, computed once per (plan version, tagger) for the process."""
    out = []
    for d in documents:
        key = (d.doc_id, d.sha256, d.meta, tagger)
        if key not in _SCOPES:
            _SCOPES[key] = plan_scope(d.meta, tagger, document_text(d))
        out.append(_SCOPES[key])
    return tuple(out)


def same_area_plans(name: str, doc: str, plans: Sequence[PlanScope]) -> tuple[str, ...]:
    """The other plans of the area ``name`` is (安徽, 安徽省), when it names plan ``doc`` by that area alone: a notice
    issuing a policy and an action plan of one province gives two plans the asker may both mean by the province."""
    own = next((p for p in plans if p.doc_id == doc), None)
    areas = [a for a in (own.areas if own else ()) if name in (a.name, a.short)]
    return tuple(p.doc_id for p in plans if p.doc_id != doc and any(a in p.areas for a in areas))


def place_mentions(text: str, tagger: Tagger, plans: Sequence[PlanScope],
                   gaz: Gazetteer | None = None, every: Sequence[PlanScope] = ()) -> tuple[PlaceMention, ...]:
    """Each place the question names, with what the plans in scope make of it. ``text`` has the plans' own
    names masked already; ``every`` (default: the plans in scope) are the plans whose areas may hold a place."""
    gaz = gaz or gazetteer()
    # the spans and the unknown-admin pass tag the same text: once (jieba's HMM over 2,000 characters ~0.15 s a call)
    tagger = functools.cache(tagger)
    out = []
    def known(areas: tuple[Area, ...]) -> bool:
        return any(a.name in p.text for p in plans for a in areas)

    spans = _place_spans(text, tagger, gaz, known)
    for s, e, areas in spans:
        if _named_in(text, e, "organisation"):
            continue
        names = tuple(dict.fromkeys(n for a in areas for n in a.names))
        owners = tuple(p.doc_id for p in plans if any(a in p.areas for a in areas))
        within = tuple(p.doc_id for p in (every or plans) if any(a.within(b) for b in p.areas for a in areas))
        if owners:
            status = "own"
        elif any(a.within(b) for p in plans for b in p.areas for a in areas) or any(
                n in p.text for p in plans for n in names):
            status = "local"
        else:
            status = "foreign"
        out.append(PlaceMention(text[s:e], names, status, owners, within))
    for s, e in _unknown_admin_spans(text, tagger, gaz, [(s, e) for s, e, _ in spans]):
        name = text[s:e]
        if any(name in p.text and not any(name[:-1] in n for n in p.names) for p in plans):
            out.append(PlaceMention(name, (name,), "named"))  # a part the plan names (北溪区 of 岚平市), not its own
        elif not any(name[:-1] in p.text for p in (*plans, *every)):  # no plan names it anywhere: an area no
            out.append(PlaceMention(name, (name,), "foreign"))  # plan is about (鹭洲市 of an invented province)
    for m in lexicon().regex("whole_area").finditer(text):
        word = m.group(0)
        if any(word in p.wholes for p in plans):
            status = "own"
        elif any(word in p.text for p in plans):
            status = "local"
        else:
            status = "foreign"
        out.append(PlaceMention(word, (word,), status))
    return tuple(out)
