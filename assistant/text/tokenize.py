"""jieba tokenisation with a user dictionary of the plans' own terms.

One ``jieba.Tokenizer`` per index (never the global one), its dictionary built from the
corpus (headings, indicator names, project names) plus domain terms; the dictionary's
hash goes into the index manifest so a changed dictionary rebuilds BM25.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import re
import tempfile
import threading
from pathlib import Path

from assistant.answer.lexicon import lexicon
from assistant.types import Document

from .numbers import join_spaced_digits
from .patterns import HEADING_NUMBER_RE

log = logging.getLogger(__name__)

LEX = lexicon()
DOMAIN_TERMS = LEX.words("domain_term")  # terms of plans that jieba's default dictionary splits badly
STOPWORDS = frozenset(LEX.words("stopword"))
_SPACE_RE = re.compile(r"\s+")
_TERM_CLEAN_RE = HEADING_NUMBER_RE


# a character an OCR tool reads for another of like shape -> the one meant (lexicon rows: 士土 = 士 misread for 土)
GLYPHS = {w[0]: w[1] for w in LEX.words("ocr_glyph_pair") if len(w) == 2}
_GLYPH_REACH = 4  # characters either side of a misread one that its segmentation looks at
_GRAM_STOP = set(LEX.words("gram_stop"))  # characters a frequent compound never holds
_GRAM_VERBS = set(LEX.words("gram_verb"))  # words a frequent compound never starts or ends with
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{4,}")


def frequent_terms(texts, min_count: int = 6) -> set[str]:
    """Two-word compounds a corpus keeps using (数字经济, 营商环境): two adjacent two-character words in
    jieba's own segmentation of the text, seen at least ``min_count`` times. Kept whole, a question's
    数字经济总量 splits as 数字经济 / 总量 rather than 数字 / 经济总量."""
    from collections import Counter

    from assistant.logs import tame

    tame("jieba")
    plain = Tokenizer()._tk()  # jieba's own dictionary, nothing added
    counts: Counter = Counter()
    for text in texts:
        for run in _CJK_RUN_RE.findall(text):
            words = plain.lcut(run, HMM=False)
            counts.update(a + b for a, b in zip(words, words[1:], strict=False) if len(a) == 2 and len(b) == 2)
    found = {g for g, n in counts.items() if n >= min_count and not set(g) & _GRAM_STOP
             and g[:2] not in _GRAM_VERBS and g[2:] not in _GRAM_VERBS}
    # of two compounds that chain (服务贸易 + 贸易企业 in 服务贸易企业) only the more frequent one is kept, since
    # both would make jieba cut the run in different places; a domain term always wins
    weight = {**{g: counts[g] for g in found}, **dict.fromkeys(DOMAIN_TERMS, float("inf"))}
    return {g for g in found if not any(h != g and (h.endswith(g[:2]) or h.startswith(g[2:])) and w >= counts[g]
                                        for h, w in weight.items())}


def user_terms(docs: list[Document]) -> list[str]:
    """Terms for the user dictionary: domain terms, synonym words, and the corpus' own names and
    frequent four-character words."""
    from assistant.answer.synonyms import GROUPS

    terms: set[str] = set(DOMAIN_TERMS) | {w for g in GROUPS for w in g if len(w) >= 2}
    terms |= frequent_terms(p.text for d in docs for s in d.sections for p in s.paragraphs)
    for d in docs:
        terms.update(d.meta.short_names)
        for r in d.indicators:
            terms.add(r.name)
        for p in d.projects:
            if 2 <= len(p.name) <= 16:
                terms.add(p.name)
        for s in d.sections:
            t = _TERM_CLEAN_RE.sub("", s.title).strip()
            if 2 <= len(t) <= 10 and not re.search(r"[，。“”、（）]", t):
                terms.add(t)
    return sorted(t for t in terms if t and not _SPACE_RE.search(t))


_ADMIN_RE = re.compile(rf"(?:{LEX.pattern('admin_suffix')})$")
_ZONE_RE = re.compile(rf"(?:{LEX.pattern('zone_suffix')})$")


def term_tag(term: str) -> str | None:
    """Dictionary terms naming an administrative area keep jieba's place tag ('ns'), so place detection
    still sees them; zones (综保区, 自贸区, 片区, 园区…) do not."""
    return "ns" if len(term) >= 3 and _ADMIN_RE.search(term) and not _ZONE_RE.search(term) else None


def dictionary_hash(terms: list[str]) -> str:
    return hashlib.sha256("\n".join(terms).encode("utf-8")).hexdigest()[:16]


USER_TERMS_VERSION = 3  # bump when user_terms() picks its words differently (3: frequent compounds that do not chain)


def rules_version() -> str:
    """Changes when the built-in terms, stopwords, the lexicon (its digest covers the question words and the
    synonym rows alike) or the way user terms are chosen change (they shape every BM25 index): an index built
    under other rules is stale."""
    return dictionary_hash([LEX.digest, "--"] + sorted(DOMAIN_TERMS) + ["--"] + sorted(STOPWORDS)
                           + ["--", str(USER_TERMS_VERSION)] + sorted(_GRAM_STOP) + sorted(_GRAM_VERBS))


_BASE_LOCK = threading.Lock()
_BASE: dict = {}  # jieba's default dictionary and POS tags, read once per process, copied into each Tokenizer


def read_jieba_cache(path: Path) -> tuple[dict, int] | None:
    """jieba's cache of its default prefix dictionary, (FREQ, total), as ``Tokenizer.initialize`` reads it, or
    None when missing or unreadable. Read whole, then unmarshalled: jieba's ``marshal.load`` on the open file
    makes a read call per object (0.6 s CPU, on the cold path of every first question; this 0.2 s)."""
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return (freq, total) if isinstance(freq, dict) and isinstance(total, int) else None


def _base(key: str):
    """jieba's prefix dictionary ("freq": (FREQ, total)) or its POS tag table ("tags"), loaded on first use.
    Reading them takes about a second each; an index open, an upload or a refresh makes a new Tokenizer."""
    with _BASE_LOCK:
        if key not in _BASE:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            if key == "freq":
                tk = jieba.Tokenizer()
                cached = read_jieba_cache(Path(tk.tmp_dir or tempfile.gettempdir()) / "jieba.cache")
                if cached is None:
                    tk.initialize()  # builds the prefix dictionary and writes the cache
                    cached = (tk.FREQ, tk.total)
                _BASE[key] = cached
            else:
                import jieba.posseg

                _BASE[key] = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
        return _BASE[key]


class Tokenizer:
    """jieba with its own dictionary; thread-safe lazy initialisation."""

    def __init__(self, terms: list[str] | tuple[str, ...] = ()):
        self.terms = tuple(terms)
        self.hash = dictionary_hash(list(self.terms))
        self._jieba = None
        self._lock = threading.Lock()

    def _tk(self):
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    import jieba

                    from assistant.logs import tame

                    tame("jieba")
                    freq, total = _base("freq")
                    tk = jieba.Tokenizer()
                    tk.FREQ, tk.total, tk.initialized = dict(freq), total, True  # what initialize() would load
                    for t in self.terms:
                        tk.add_word(t, freq=max(2000, 500 * len(t)), tag=term_tag(t))
                    self._jieba = tk
        return self._jieba

    def read_glyphs(self, text: str) -> str:
        """``text`` with a character an OCR tool misread (``GLYPHS``) read as the one meant, where the dictionary's
        segmentation around it leaves the misread one a word of its own and puts the meant one inside a longer word
        (士地出让 -> 土地出让, 干兆网络 -> 千兆网络; 博士, 若干, 干细胞, 入口, 加强入河 stay). Same length; for
        matching only, never for quoting."""
        if not any(c in GLYPHS for c in text):
            return text
        chars = list(text)
        for i, c in enumerate(chars):
            meant = GLYPHS.get(c)
            if meant is not None and self._alone(chars, i, c) and not self._alone(chars, i, meant):
                chars[i] = meant
        return "".join(chars)

    def _alone(self, chars: list[str], i: int, c: str) -> bool:
        """Is ``c`` at ``chars[i]`` a word of its own in the dictionary's segmentation of the few characters around?"""
        lo = max(0, i - _GLYPH_REACH)
        window = "".join(chars[lo:i]) + c + "".join(chars[i + 1:i + 1 + _GLYPH_REACH])
        at = 0
        for w in self._tk().lcut(window, HMM=False):
            if at <= i - lo < at + len(w):
                return len(w) == 1
            at += len(w)
        return True

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens (compounds and their parts), lower-cased, stopwords and spaces removed; characters an
        OCR tool misread are read as meant (``read_glyphs``)."""
        text = _SPACE_RE.sub(" ", self.read_glyphs(join_spaced_digits(text)).lower())
        out = []
        for t in self._tk().cut_for_search(text):
            t = t.strip()
            if t and t not in STOPWORDS:
                out.append(t)
        return out

    def words(self, text: str) -> list[str]:
        """Plain segmentation (no sub-words), for matching key terms."""
        return [t for t in (w.strip() for w in self._tk().lcut(self.read_glyphs(text))) if t and t not in STOPWORDS]

    def known(self, word: str) -> bool:
        """Whether the word is in the dictionary (jieba's or the plans'), not one its HMM made up (线有)."""
        return bool(self._tk().FREQ.get(word))

    def raw_words(self, text: str) -> list[str]:
        """Plain segmentation, nothing removed."""
        return self._tk().lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Part-of-speech tags (jieba.posseg over this tokenizer's dictionary); 'ns' marks place names."""
        import jieba.posseg

        if getattr(self, "_pos", None) is None:
            pos = object.__new__(jieba.posseg.POSTokenizer)  # its __init__ would read the tag table again
            pos.tokenizer, pos.word_tag_tab = self._tk(), dict(_base("tags"))
            self._pos = pos
        return [(p.word, p.flag) for p in self._pos.cut(text)]
