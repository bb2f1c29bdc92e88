"""Gold question sets: load them from JSONL and check them against the plan texts.

The format is described in eval/gold/README.md. ``check_gold`` is pure: it takes
the items and the source texts (doc id -> file text) and returns a GoldReport,
so a gold set can be checked in tests without touching the filesystem.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from assistant.errors import DocumentError

CATEGORIES = ("indicator", "text_number", "goal", "project", "location",
              "comparison", "list", "followup", "unanswerable")
REQUIRED = ("id", "question", "doc", "category", "answer", "must_contain", "evidence", "expect_refusal")
# the judging sets of eval/gold/: frozen, never tuned on (the tuning scripts in eval/ refuse them by name)
FROZEN_SETS = ("test", "realtest", "test3", "realtest2", "unseen", "unseen2", "paraphrase", "realparaphrase", "casual",
               "realcasual", "test4", "realtest3", "unseen3", "realtest4", "realtest5", "test6", "unseen4",
               "realtest6", "test7", "unseen5", "rewordtest",
               "realtest7", "unseen6", "unseen7",
               "test8", "realtest8", "unseen8", "unseen9",
               "unseen10", "unseen11", "test9", "realtest9",
               "unseen12", "test10", "realtest10",
               "unseen13", "test11", "realtest11", "test12", "realtest12", "unseen14", "test13",
               "realtest13", "test14", "realtest14",
               "test15", "realtest15")
HEADING_SEP = "›"
MISSING_HEADING = "（原文缺标题）"  # marks a heading absent from the export, as the outline shows it
OVERLAP_CHARS = 8
TEMPLATE_MIN_REPEATS = 3
TEMPLATE_TERM_CHARS = 4
MAX_OVERLAP_SHARE = 1 / 3
MAX_TEMPLATE_SHARE = 0.20
DEFAULT_ALIASES = ("西部（重庆）科学城", "重庆高新区", "西部科学城", "高新区", "科学城", "渝中区", "渝中",
                   "两个规划", "两份规划", "两个区", "两区")

_WS = re.compile(r"\s+")
_NUM = re.compile(r"\d+(?:\.\d+)?")
_END_PUNCT = "？?。！!，,、；;：: "


class GoldFormatError(DocumentError):
    """A gold file line is not valid JSON or lacks a field; names the file and line."""


@dataclass(frozen=True)
class Evidence:
    doc: str
    quote: str  # an exact substring of the doc's file text
    heading: str  # heading path, segments joined with " › "


@dataclass(frozen=True)
class GoldTurn:
    question: str
    answer: str


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    doc: str | None  # a doc id, "both", or None when the question names no plan
    category: str
    answer: str
    must_contain: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    expect_refusal: bool
    history: tuple[GoldTurn, ...] = ()


@dataclass(frozen=True)
class Problem:
    item_id: str
    kind: str
    detail: str


@dataclass(frozen=True)
class GoldReport:
    n_items: int
    categories: tuple[tuple[str, int], ...]
    problems: tuple[Problem, ...]
    overlap_ids: tuple[str, ...]  # questions sharing >= OVERLAP_CHARS consecutive chars with a quote
    templated_ids: tuple[str, ...]  # questions whose skeleton occurs >= TEMPLATE_MIN_REPEATS times

    @property
    def overlap_share(self) -> float:
        return len(self.overlap_ids) / self.n_items if self.n_items else 0.0

    @property
    def template_share(self) -> float:
        return len(self.templated_ids) / self.n_items if self.n_items else 0.0

    @property
    def ok(self) -> bool:
        return (not self.problems and self.overlap_share <= MAX_OVERLAP_SHARE
                and self.template_share <= MAX_TEMPLATE_SHARE)


# ---------------------------------------------------------------- loading


def _field(obj: dict, key: str, typ: type, where: tuple[str, int]) -> object:
    if not isinstance(obj.get(key), typ):
        raise GoldFormatError(f"字段 {key!r} 类型错误 / field {key!r} must be {typ.__name__}, "
                              f"got {type(obj.get(key)).__name__}", *where)
    return obj[key]


def _records(values: object, keys: tuple[str, ...], where: tuple[str, int], what: str) -> list[tuple[str, ...]]:
    """A list of objects with string fields ``keys`` -> one tuple of strings per object."""
    if not isinstance(values, list) or not all(isinstance(v, dict) and all(isinstance(v.get(k), str) for k in keys)
                                               for v in values):
        raise GoldFormatError(f"{what} 须为对象列表，每个对象有字符串字段 / {what} must be a list of objects "
                              f"with string fields {list(keys)}", *where)
    return [tuple(v[k] for k in keys) for v in values]


def _item(obj: object, where: tuple[str, int]) -> GoldItem:
    if not isinstance(obj, dict):
        raise GoldFormatError("每行须是一个 JSON 对象 / each line must be a JSON object", *where)
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        raise GoldFormatError(f"缺少字段 / missing field(s) {missing}; required: {list(REQUIRED)}", *where)
    category = _field(obj, "category", str, where)
    if category not in CATEGORIES:
        raise GoldFormatError(f"未知类别 / unknown category {category!r}; allowed: {', '.join(CATEGORIES)}", *where)
    if obj["doc"] is not None and not isinstance(obj["doc"], str):
        raise GoldFormatError("字段 'doc' 须为字符串或 null / field 'doc' must be a string or null", *where)
    must = _field(obj, "must_contain", list, where)
    if not all(isinstance(m, str) and m.strip() for m in must):
        raise GoldFormatError("must_contain 须为非空字符串 / must_contain must hold non-empty strings", *where)
    return GoldItem(id=_field(obj, "id", str, where), question=_field(obj, "question", str, where), doc=obj["doc"],
                    category=category, answer=_field(obj, "answer", str, where), must_contain=tuple(must),
                    evidence=tuple(Evidence(*r) for r in _records(obj["evidence"], ("doc", "quote", "heading"),
                                                                  where, "evidence")),
                    expect_refusal=_field(obj, "expect_refusal", bool, where),
                    history=tuple(GoldTurn(*r) for r in _records(obj.get("history") or [], ("question", "answer"),
                                                                 where, "history")))


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a JSONL gold file; blank lines are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFormatError(f"无法读取金标文件 / cannot read gold file: {e}", str(path)) from e
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFormatError(f"不是合法 JSON / not valid JSON: {e.msg} (column {e.colno}); "
                                  "每行一个对象 / one object per line", str(path), n) from e
        items.append(_item(obj, (str(path), n)))
    return items


# ---------------------------------------------------------------- text rules


def squash(text: str) -> str:
    """Whitespace removed: quotes and must_contain strings compare this way."""
    return _WS.sub("", text)


def shares_run(a: str, b: str, n: int = OVERLAP_CHARS) -> bool:
    """True when ``a`` and ``b`` share n or more consecutive characters (whitespace ignored)."""
    a, b = squash(a), squash(b)
    return any(a[i:i + n] in b for i in range(len(a) - n + 1))


def longest_common(a: str, b: str) -> str:
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[m.a:m.a + m.size]


def skeleton(question: str, terms: tuple[str, ...] = (), aliases: tuple[str, ...] = DEFAULT_ALIASES,
             names: tuple[str, ...] = ()) -> str:
    """The question with plan aliases ({P}), names and terms ({T}) and numbers ({N}) masked.

    ``names`` (indicator names and other short cell quotes) are masked where they occur
    verbatim; a ``term`` (the item's own evidence quotes) is masked where the question shares
    TEMPLATE_TERM_CHARS or more consecutive characters with it, so paraphrases are caught too.
    """
    s = _mask(squash(question).rstrip(_END_PUNCT).lower(), aliases, "\x01")
    s = _mask(s, tuple(_mask(squash(n).lower(), aliases, "\x01") for n in names), "\x02")
    for term in terms:
        while True:
            run = longest_common(s, squash(term).lower())
            if len(run) < TEMPLATE_TERM_CHARS:
                break
            s = s.replace(run, "\x02")
    s = _NUM.sub("\x03", s)
    s = re.sub(r"([\x01\x02\x03])\1+", r"\1", s)
    return s.replace("\x01", "{P}").replace("\x02", "{T}").replace("\x03", "{N}")


def _mask(text: str, words: tuple[str, ...], mark: str) -> str:
    for w in sorted(words, key=len, reverse=True):
        if len(w) >= 2:
            text = text.replace(w, mark)
    return text


def term_names(items: list[GoldItem], max_chars: int = 20) -> tuple[str, ...]:
    """Short non-numeric evidence quotes (indicator names, list cells), also without a unit in brackets."""
    out = set()
    for it in items:
        for e in it.evidence:
            q = squash(e.quote)
            if len(q) <= max_chars and not _NUM.search(q):
                out.add(q)
                out.add(re.sub(r"（[^（）]*）$", "", q))
    return tuple(n for n in out if len(n) >= TEMPLATE_TERM_CHARS)


def templated(items: list[GoldItem], aliases: tuple[str, ...] = DEFAULT_ALIASES) -> tuple[str, ...]:
    """Ids of items whose skeleton occurs TEMPLATE_MIN_REPEATS or more times."""
    names = term_names(items)
    skels = {it.id: skeleton(it.question, tuple(e.quote for e in it.evidence if not _NUM.fullmatch(e.quote.strip("[]【】"))),
                             aliases, names) for it in items}
    counts = Counter(skels.values())
    return tuple(i for i, s in skels.items() if counts[s] >= TEMPLATE_MIN_REPEATS)


# ---------------------------------------------------------------- checking


def _item_problems(it: GoldItem, sources: dict[str, str], squashed: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []

    def bad(kind: str, detail: str) -> None:
        out.append(Problem(it.id, kind, detail))

    refusal = it.category == "unanswerable"
    if it.expect_refusal != refusal:
        bad("refusal_mismatch", f"expect_refusal={it.expect_refusal} but category is {it.category!r}")
    if it.doc is not None and it.doc != "both" and it.doc not in sources:
        bad("unknown_doc", f"doc {it.doc!r}; known: {sorted(sources)}, 'both' or null")
    if refusal:
        if it.evidence or it.must_contain or it.answer:
            bad("refusal_with_evidence", "unanswerable items take evidence=[], must_contain=[] and answer=''")
        return out
    if not it.evidence:
        bad("missing_evidence", "answerable item has no evidence")
    if not it.answer.strip():
        bad("missing_answer", "answerable item has an empty answer")
    for e in it.evidence:
        if e.doc not in sources:
            bad("unknown_doc", f"evidence doc {e.doc!r}; known: {sorted(sources)}")
            continue
        if not e.quote or e.quote not in sources[e.doc]:
            bad("bad_quote", f"not an exact substring of {e.doc}: {e.quote!r}")
        segments = [s.strip() for s in e.heading.split(HEADING_SEP)]
        for seg in segments:
            if not seg or (not seg.endswith(MISSING_HEADING) and squash(seg) not in squashed[e.doc]):
                bad("bad_heading", f"heading segment {seg!r} not found in {e.doc}")
    quotes = [squash(e.quote) for e in it.evidence]
    for s in it.must_contain:
        if not any(squash(s) in q for q in quotes):
            bad("unsupported_must_contain", f"{s!r} is in none of the evidence quotes")
        if squash(s) not in squash(it.answer):
            bad("must_contain_not_in_answer", f"{s!r} is missing from the reference answer")
    docs = {e.doc for e in it.evidence}
    if it.doc == "both" and len(docs) < 2:
        bad("comparison_one_doc", "doc 'both' needs evidence from two documents")
    if it.doc not in (None, "both") and docs - {it.doc}:
        bad("evidence_other_doc", f"doc {it.doc!r} but evidence from {sorted(docs - {it.doc})}")
    return out


def check_gold(items: list[GoldItem], sources: dict[str, str],
               aliases: tuple[str, ...] = DEFAULT_ALIASES) -> GoldReport:
    """Check every item against the sources; see GoldReport for what is reported."""
    squashed = {doc: squash(text) for doc, text in sources.items()}
    problems: list[Problem] = []
    for item_id, n in Counter(it.id for it in items).items():
        if n > 1:
            problems.append(Problem(item_id, "duplicate_id", f"id used {n} times"))
    for it in items:
        problems += _item_problems(it, sources, squashed)
    overlap = tuple(it.id for it in items if any(shares_run(it.question, e.quote) for e in it.evidence))
    counts = Counter(it.category for it in items)
    return GoldReport(n_items=len(items), categories=tuple((c, counts[c]) for c in CATEGORIES if counts[c]),
                      problems=tuple(problems), overlap_ids=overlap, templated_ids=templated(items, aliases))
