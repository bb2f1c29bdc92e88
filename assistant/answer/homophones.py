"""Pinyin input-method typos read as the word the plans write: 规化 for 规划, 冲电 for 充电, 换电占 for 换电站.

A typist picks the wrong character of the same sound; the typed run is written by no plan, so it matches nothing.
A run of the question that holds a character bigram no plan writes, is no dictionary word, starts and ends between
the question's words, and sounds (toneless pinyin, each character's first reading) like a word of the plans'
vocabulary that differs from it in one character is read as that word (the most frequent one when several sound
alike). Gazetteer places, the lexicon's words, numerals and Latin are never touched.

The readings come from the character dictionary jionlp ships (``jionlp/dictionary/chinese_char_dictionary.zip``),
read without importing jionlp (see gazetteer.py): about 45 ms, once per process. The vocabulary's sound map is
built once per index, and only when a question first holds a bigram no plan writes; a question whose bigrams
are all written costs one bigram lookup each.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.text.numbers import CN_NUMERAL_CHARS

from .packaged_data import jionlp_file

log = logging.getLogger(__name__)

_DATA = ("dictionary", "chinese_char_dictionary.zip")
_READING_RE = re.compile(r"\[([a-zàáāǎòóōǒèéēěìíīǐùúūǔǜǘǖǚǹńňüḿ]{1,8})\]")
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")
LENGTHS = (4, 3, 2)  # longest typo run first: 加由站 before 加由

Key = tuple[str, ...]


def toneless(reading: str) -> str:
    """``huà`` -> ``hua``, ``lǜ`` -> ``lv``."""
    s = unicodedata.normalize("NFD", reading.replace("ü", "v").replace("ǜ", "v").replace("ǘ", "v")
                              .replace("ǚ", "v").replace("ǖ", "v"))
    return "".join(c for c in s if not unicodedata.combining(c))


def parse_readings(text: str) -> dict[str, tuple[str, ...]]:
    """Character -> its toneless readings, from the dictionary's lines (char, …, definition with [pīnyīn])."""
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        found = tuple(dict.fromkeys(toneless(r) for r in _READING_RE.findall(cols[-1])))
        if cols[0] and found:
            out[cols[0]] = found
    return out


def data_path() -> Path:
    """Where jionlp's character readings are installed; found without importing jionlp."""
    return jionlp_file(*_DATA, what_zh="拼音数据", what_en="pinyin data")


_LOCK = threading.Lock()
_READINGS: dict[str, tuple[str, ...]] | None = None


def readings() -> dict[str, tuple[str, ...]]:
    """The reading table, read on first use and kept for the process."""
    global _READINGS
    if _READINGS is None:
        with _LOCK:
            if _READINGS is None:
                with zipfile.ZipFile(data_path()) as z:
                    _READINGS = parse_readings(z.read(z.namelist()[0]).decode("utf-8"))
                log.info("pinyin: %d characters", len(_READINGS))
    return _READINGS


def first_key(word: str, table: dict[str, tuple[str, ...]]) -> Key:
    """``word`` read in each character's first reading (a character without one reads as itself)."""
    return tuple(table.get(c, (c,))[0] for c in word)


@dataclass(frozen=True)
class SoundMap:
    """The plans' words by sound: toneless reading -> the words that read so."""

    by_key: dict[Key, tuple[str, ...]]

    @classmethod
    def build(cls, words: Iterable[str], table: dict[str, tuple[str, ...]]) -> SoundMap:
        by_key: dict[Key, list[str]] = {}
        for w in words:
            if _HAN_WORD_RE.fullmatch(w):
                by_key.setdefault(first_key(w, table), []).append(w)
        return cls({k: tuple(v) for k, v in by_key.items()})

    def sounding(self, run: str, table: dict[str, tuple[str, ...]]) -> set[str]:
        """The words that read as ``run``, each character in its first (commonest) reading on both sides: a
        rarer reading matched typos nobody makes (是多 as 适度 read duó, 写防 as 解放 read xiè)."""
        return {w for w in self.by_key.get(first_key(run, table), ()) if _one_off(w, run)}


def _one_off(word: str, typed: str) -> bool:
    """One character picked wrong (规化, 加由站): a run that differs in more is more likely a word of its own the
    plans do not use (卫健 is no typo of 未建, 气电 none of 起点)."""
    return sum(a != b for a, b in zip(word, typed, strict=True)) == 1


def correct(question: str, count: Callable[[str], int], sounds: Callable[[], SoundMap],
            table: Callable[[], dict[str, tuple[str, ...]]], known: Callable[[str], bool],
            protected: Callable[[str, list[str]], list[tuple[int, int]]],
            cut: Callable[[str], list[str]]) -> str:
    """The question with each typo run replaced by the plans' word of the same sound.

    ``count(s)``: how many chunks write ``s``; ``known(w)``: a dictionary word (哪些 is not a typo of 那些);
    ``protected(q, words)``: spans never touched (places, the lexicon's words; a one-character word only by a
    two-character run: 由 of 由谁负责 stays, 加由站 is a typo); ``cut(q)``: the question's words, a typo run starts and ends
    between them (成什 of 干成什么样 cuts 什么). ``sounds``, ``table`` and ``cut`` are called only when a run holds a
    bigram no plan writes."""
    gaps = [m.start() + i for m in _HAN_RUN_RE.finditer(question) for i in range(len(m.group()) - 1)
            if count(m.group()[i:i + 2]) == 0]
    if not gaps:
        return question
    smap, tab = sounds(), table()
    words = cut(question)
    spans = protected(question, words)
    cuts, at = {0}, 0
    for w in words:
        at += len(w)
        cuts.add(at)
    gap_at = _prefix(len(question), ((g, g + 1) for g in gaps))  # an unwritten bigram starts here
    held_at = _prefix(len(question), spans)  # a protected span covers this character
    long_held_at = _prefix(len(question), ((a, b) for a, b in spans if b - a > 1))
    found = []  # (length, frequency, start, word)
    for m in _HAN_RUN_RE.finditer(question):
        run, base = m.group(), m.start()
        for n in LENGTHS:
            for s in range(base, base + len(run) - n + 1):
                typed = question[s:s + n]
                if (s not in cuts or s + n not in cuts or not _any_in(gap_at, s, s + n - 1) or known(typed)
                        or any(c in CN_NUMERAL_CHARS for c in typed)
                        or _any_in(held_at if n < 3 else long_held_at, s, s + n)):
                    continue
                words = smap.sounding(typed, tab) or _within(
                    typed, lambda i, j, s=s: _any_in(gap_at, s + i, s + j - 1), smap, tab, count)
                if words:
                    best = max(sorted(words), key=count)
                    found.append((n, count(best), s, best))
    out, taken = list(question), [False] * len(question)
    for n, _, s, word in sorted(found, key=lambda f: (-f[0], -f[1], f[2])):
        if any(taken[s:s + n]):
            continue
        out[s:s + n] = list(word)
        taken[s:s + n] = [True] * n
        log.info("homophone: %s -> %s", question[s:s + n], word)
    return "".join(out)


def _prefix(size: int, spans: Iterable[tuple[int, int]]) -> list[int]:
    """Counts of covered positions before each index (``size + 1`` of them), for :func:`_any_in` in O(1)."""
    covered = [0] * (size + 1)
    for a, b in spans:
        covered[max(a, 0)] += 1
        covered[min(b, size)] -= 1
    out, depth, total = [0], 0, 0
    for k in range(size):
        depth += covered[k]
        total += depth > 0
        out.append(total)
    return out


def _any_in(prefix: list[int], lo: int, hi: int) -> bool:
    """Whether a position in [lo, hi) is covered."""
    return hi > lo and prefix[hi] - prefix[lo] > 0


def _within(typed: str, has_gap: Callable[[int, int], bool], smap: SoundMap, table: dict[str, tuple[str, ...]],
            count: Callable[[str], int]) -> set[str]:
    """The run read with a shorter piece of it corrected (能原 of 能原站: 能源站, which the plans write, though no
    word of the vocabulary is 能源站 whole: the tokenizer cut 综合能源站 as 综合 + 能源 + 站): each piece of two or
    more characters holding the unwritten bigram (``has_gap(i, j)``: one starts in typed[i:j - 1]) that sounds like
    a plans' word, the rest of the run kept, when the plans write the run so read."""
    out = set()
    for i in range(len(typed) - 1):
        for j in range(i + 2, len(typed) + (i > 0)):
            if has_gap(i, j):
                out |= {w for w in (typed[:i] + p + typed[j:] for p in smap.sounding(typed[i:j], table))
                        if count(w) > 0}
    return out


class Speller:
    """One index's homophone reader: its vocabulary's sound map is built on first need and kept."""

    def __init__(self, words: Callable[[], Iterable[str]], count: Callable[[str], int],
                 known: Callable[[str], bool], cut: Callable[[str], list[str]]):
        self._words, self._count, self._known, self._cut = words, count, known, cut
        self._map: SoundMap | None = None
        self._lock = threading.Lock()

    def sounds(self) -> SoundMap:
        if self._map is None:
            with self._lock:
                if self._map is None:
                    self._map = SoundMap.build(self._words(), readings())
                    log.info("homophones: %d sounds", len(self._map.by_key))
        return self._map

    def read(self, question: str) -> str:
        return correct(question, self._count, self.sounds, readings, self._known, _protected, self._cut)


def _protected(question: str, words: list[str]) -> list[tuple[int, int]]:
    """Places of the gazetteer and the lexicon's words: the asker's own (是哪 is no typo of 市内, 多远 none of 多元,
    各是 none of 各市)."""
    from assistant.answer.gazetteer import gazetteer

    spans = [(a, b) for a, b, _ in gazetteer().scan(question)]
    for w in _asker_words():
        at = question.find(w)
        while at >= 0:
            spans.append((at, at + len(w)))
            at = question.find(w, at + 1)
    return spans


_ASKER: frozenset[str] | None = None


def _asker_words() -> frozenset[str]:
    global _ASKER
    if _ASKER is None:
        from assistant.answer.lexicon import lexicon

        lex = lexicon()
        _ASKER = frozenset(w for r in lex.roles() for w in lex.words(r) if w)
    return _ASKER
