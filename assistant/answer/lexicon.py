"""The one lexicon: every word the code treats as vocabulary, with its roles, lives in ``lexicon.toml`` beside
this module (one row per word or pattern, with an example). Compiled once into a frozen ``Lexicon``; its digest is
part of the index's rules version, so an index built under other vocabulary is stale.

Code asks for a role (``lexicon().words("table_total")`` or ``lexicon().regex("table_total")``) and never lists
Chinese words itself; ``[[synonyms]]`` rows are groups of words for the same thing; structural patterns (years, 专栏N, 表N-M, heading forms) live in their own module.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import ConfigError

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")


@dataclass(frozen=True)
class Entry:
    roles: tuple[str, ...]
    word: str | None = None  # a literal word
    pattern: str | None = None  # a regular expression, where a literal cannot say it
    example: str = ""


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    digest: str
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words for the same thing, in file order

    def __hash__(self) -> int:
        # the digest names the contents; the generated hash walked every entry on each cached regex() look-up
        return hash(self.digest)

    def words(self, role: str) -> tuple[str, ...]:
        """The literal words with this role, longest first (computed once per role: handlers ask for them on
        every question)."""
        return _words(self, role)

    def regex(self, role: str) -> re.Pattern[str]:
        """One alternation of the role's words (longest first) and patterns; matches nothing for an unknown role."""
        return _compiled(self, role)

    def pattern(self, role: str) -> str:
        """The role's alternation as pattern text, to embed in a structural pattern (``^(?:…)``)."""
        return _compiled(self, role).pattern

    def roles(self) -> frozenset[str]:
        return frozenset(r for e in self.entries for r in e.roles)


def _longest(pattern: str) -> int:
    """The most characters a pattern can match (unbounded: very many)."""
    from re import _parser  # the stdlib's own parser; getwidth() is exact

    return min(_parser.parse(pattern).getwidth()[1], 1 << 16)


@cache
def _words(lex: Lexicon, role: str) -> tuple[str, ...]:
    return tuple(sorted({e.word for e in lex.entries if role in e.roles and e.word}, key=lambda w: (-len(w), w)))


@cache
def _compiled(lex: Lexicon, role: str) -> re.Pattern[str]:
    """Alternatives that can match more come first, so a search or substitution takes the longest word at a
    place (在哪一章 before 在哪), as a leftmost-longest match would; equal widths keep the file's order."""
    parts = [re.escape(w) for w in lex.words(role)]
    parts += [e.pattern for e in lex.entries if role in e.roles and e.pattern]
    parts = sorted(parts, key=_longest, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in parts) if parts else r"(?!x)x")


def parse_lexicon(text: str, origin: str = "lexicon.toml") -> Lexicon:
    """Pure: TOML text -> Lexicon. Every row needs roles and exactly one of word / pattern."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"词表无法解析 / cannot parse {origin}: {e}") from e
    entries = []
    for i, row in enumerate(data.get("entry", []), 1):
        roles = row.get("roles")
        word, pattern = row.get("word"), row.get("pattern")
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise ConfigError(f"{origin}: entry #{i} needs a non-empty list of roles / 第{i}条缺少 roles")
        if (word is None) == (pattern is None):
            raise ConfigError(f"{origin}: entry #{i} needs exactly one of word / pattern / 第{i}条须有 word 或 pattern 之一")
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as e:
                raise ConfigError(f"{origin}: entry #{i} has a bad pattern {pattern!r}: {e}") from e
        entries.append(Entry(roles=tuple(roles), word=word, pattern=pattern, example=str(row.get("example", ""))))
    groups = []
    for i, row in enumerate(data.get("synonyms", []), 1):
        words = row.get("words")
        if not isinstance(words, list) or len(words) < 2 or not all(isinstance(w, str) and w for w in words):
            raise ConfigError(f"{origin}: synonyms #{i} needs a list of two or more words / 第{i}组同义词至少要两个词")
        groups.append(tuple(words))
    return Lexicon(entries=tuple(entries), digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
                   synonyms=tuple(groups))


@cache
def lexicon() -> Lexicon:
    return parse_lexicon(LEXICON_PATH.read_text(encoding="utf-8"), str(LEXICON_PATH))
