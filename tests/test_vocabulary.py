"""Vocabulary is data: no list of Chinese words and no regular expression holding Chinese characters in the code,
outside lexicon.toml and the structural patterns module (assistant/text/patterns.py).

Files not yet moved over are allow-listed below with how many such places they hold and why; the counts may only go
down (a new list or regex in any file fails, and so does a stale allowance once a file is cleaned up)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.answer.lexicon import lexicon

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
# a pattern held in a name before it reaches re: an alternation of Chinese words (是|有|要) or a class of them ([个项条])
PATTERN_TEXT = re.compile(r"[\u4e00-\u9fff]\)?\|\(?(?:\?:)?[\u4e00-\u9fff]|\[[^\]]*[\u4e00-\u9fff]{2,}[^\]]*\]")
RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
EXEMPT = {"assistant/text/patterns.py": "the structural patterns module (years, ordinals, 专栏N, heading numbers)"}
ALLOWED: dict[str, tuple[int, str]] = {
    "assistant/evaluation/gold.py": (1, "gold-file checker words (evaluation, not the engine)"),
    "assistant/text/numbers.py": (2, "numerals and cumulative brackets (structural, to move into patterns.py)"),
    "assistant/evaluation/numcheck.py": (3, "the independent number check keeps its own rules on purpose (two-digit years too)"),
    "assistant/ingest/catalog.py": (10, "ingest: title and short-name forms (the ingest issue's lexicon rows)"),
    "assistant/ingest/parser.py": (2, "ingest: structural forms and table words"),
    "assistant/ingest/read_docx.py": (3, "ingest: 专栏 box forms"),
    "assistant/ingest/read_pdf.py": (2, "ingest: page chrome"),
    "assistant/ingest/segment.py": (2, "ingest: heading and lead-sentence forms"),
    "assistant/ingest/table_model.py": (1, "ingest: a table-title form (merged from the tables branch; to move)"),
    "assistant/ingest/tables.py": (9, "ingest: table header words (the ingest issue's lexicon rows)"),
    "assistant/web/views.py": (2, "page table column headers (labels shown, not vocabulary)"),
    "assistant/web/page.py": (1, "page table column headers (labels shown, not vocabulary)"),
    "assistant/web/handlers.py": (1, "page chart column headers (labels shown, not vocabulary)"),
}


def _has_cjk(node: ast.AST, src: str) -> bool:
    return bool(CJK.search(ast.get_source_segment(src, node) or ""))


def vocabulary_sites(src: str) -> list[int]:
    """Line numbers of Chinese word lists and of regexes with Chinese characters in one module's source."""
    lines = set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re"
                    and f.attr in RE_FUNCS and node.args and _has_cjk(node.args[0], src)):
                lines.add(node.lineno)  # re.compile("…中文…"), re.search(r"…中文…", text)
            if isinstance(f, ast.Attribute) and f.attr == "split" and not node.args and _has_cjk(f.value, src):
                lines.add(node.lineno)  # "词 词 词".split()
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            words = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and CJK.search(e.value)]
            if len(words) >= 2:
                lines.add(node.lineno)  # ("词", "词", …)
    for node in ast.parse(src).body:  # _STOP = r"(?:是|有|要)" at module level, used later as re.split(_STOP, …)
        if (isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str) and PATTERN_TEXT.search(node.value.value)):
            lines.add(node.lineno)
    return sorted(lines)


def _modules() -> list[Path]:
    return sorted([*ROOT.joinpath("assistant").rglob("*.py"), ROOT / "app.py"])


def test_the_scanner_finds_lists_and_regexes_of_chinese_words():
    src = ('import re\nA = re.compile(r"多少|几个")\nB = ("规划", "发展")\nC = "规划 发展".split()\nD = re.compile(r"\\d+")\n'
           'E = r"(?:是|有|要)"\nF = "[个项条]{1,2}"\nG = "说明：这是一句话。"\n')
    assert vocabulary_sites(src) == [2, 3, 4, 6, 7]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_chinese_word_lists_or_regexes_outside_the_lexicon(path):
    rel = str(path.relative_to(ROOT))
    if rel in EXEMPT:
        return
    sites = vocabulary_sites(path.read_text(encoding="utf-8"))
    allowed, why = ALLOWED.get(rel, (0, ""))
    assert len(sites) <= allowed, (
        f"{rel} has Chinese word lists or regexes at lines {sites} (allowed {allowed}: {why or 'none'}). "
        "Put words in assistant/answer/lexicon.toml with their roles and ask lexicon().regex(role) / .words(role); "
        "put structural patterns in assistant/text/patterns.py. / 词表请写入 lexicon.toml，结构性正则写入 patterns.py。")
    assert len(sites) == allowed, f"{rel} now has {len(sites)} vocabulary sites: lower its allowance to {len(sites)}"


def test_every_lexicon_role_the_code_asks_for_exists():
    code = "\n".join(p.read_text(encoding="utf-8") for p in _modules() if p.name != "lexicon.py")
    asked = set(re.findall(r"""(?:LEX|lexicon\(\))\.(?:regex|words|pattern)\(["']([\w.]+)["']\)""", code))
    assert asked and asked <= lexicon().roles(), asked - lexicon().roles()


def test_rules_version_follows_the_lexicon(monkeypatch):
    import assistant.text.tokenize as tk

    before = tk.rules_version()
    monkeypatch.setattr(tk, "LEX", type(tk.LEX)(tk.LEX.entries, "another-digest", tk.LEX.synonyms))
    assert tk.rules_version() != before


def test_each_word_has_one_row():
    words = [e.word for e in lexicon().entries if e.word]
    assert len(words) == len(set(words)), sorted({w for w in words if words.count(w) > 1})


def _lcs_by_every_pair(a: str, b: str) -> tuple[int, str]:
    """The textbook dynamic programme: the longest common substring ending at each pair of characters."""
    best, best_s = 0, ""
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, best_s = cur[j], a[i - cur[j]:i]
        prev = cur
    return best, best_s


def test_longest_common_substring_is_the_textbook_one():
    """Same length and text (the first in ``a`` among equally long ones) as the dynamic programme."""
    import random

    from assistant.answer.indicators import lcs_len

    assert lcs_len("外贸进出口总额", "2025年外贸进出口额目标") == (5, "外贸进出口")
    assert lcs_len("", "甲") == (0, "") and lcs_len("甲", "") == (0, "")
    rng = random.Random(7)
    for _ in range(20000):
        alpha = "甲乙丙丁\0\1"[:rng.randint(1, 6)]
        a = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 12)))
        assert lcs_len(a, b) == _lcs_by_every_pair(a, b), (a, b)
