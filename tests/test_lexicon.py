from __future__ import annotations

import pytest

from assistant.answer.lexicon import lexicon, parse_lexicon
from assistant.errors import ConfigError


def test_roles_compile_to_words_and_patterns():
    lex = parse_lexicon('[[entry]]\nword = "合计"\nroles = ["table_total"]\nexample = "合计多少座"\n'
                        '[[entry]]\nword = "总计"\nroles = ["table_total", "x"]\n'
                        '[[entry]]\npattern = "小\\\\s*计"\nroles = ["table_total"]\n')
    assert lex.words("table_total") == ("合计", "总计")
    rx = lex.regex("table_total")
    assert rx.search("小 计") and rx.search("总计") and not rx.search("统计表")
    assert not lex.regex("unknown").search("合计")
    assert lex.roles() == {"table_total", "x"}


@pytest.mark.parametrize("text", ['[[entry]]\nword = "a"\n', '[[entry]]\nroles = ["r"]\n',
                                  '[[entry]]\nword = "a"\npattern = "b"\nroles = ["r"]\n',
                                  '[[entry]]\npattern = "("\nroles = ["r"]\n', "[[entry"])
def test_bad_rows_are_refused_with_a_clear_error(text):
    with pytest.raises(ConfigError):
        parse_lexicon(text)


def test_bundled_lexicon_loads_and_has_a_digest():
    lex = lexicon()
    assert len(lex.digest) == 16


@pytest.mark.parametrize("role", ["chrome_line", "chrome_footer", "notice_verb", "notice_end", "notice_line",
                                  "plan_title_word", "toc_heading"])
def test_every_front_matter_row_matches_its_own_example(role):
    lex = lexicon()
    rows = [e for e in lex.entries if role in e.roles]
    assert rows
    for e in rows:
        assert e.example and lex.regex(role).search(e.example), (role, e.word or e.pattern, e.example)


def test_the_longest_alternative_wins_at_a_place_pattern_or_word():
    lex = parse_lexicon('[[entry]]\nword = "在哪"\nroles = ["aspect"]\n'
                        '[[entry]]\npattern = "在?哪一?[章节]"\nroles = ["aspect"]\n')
    assert lex.regex("aspect").sub(" ", "在哪一章？") == " ？"  # not " 一章？"


def test_a_lexicon_hashes_by_its_contents_digest():
    """Cached role regexes are looked up by the lexicon: its hash is its digest's, not a walk over every entry,
    and lexicons parsed from the same text are equal, hash alike and share the compiled pattern."""
    text = '[[entry]]\nword = "合计"\nroles = ["table_total"]\n'
    a, b = parse_lexicon(text), parse_lexicon(text)
    other = parse_lexicon(text.replace("合计", "总计"))
    assert a == b and hash(a) == hash(b) == hash(a.digest)
    assert a != other and a.digest != other.digest
    assert a.regex("table_total") is b.regex("table_total")
    assert other.regex("table_total").search("总计") and not other.regex("table_total").search("合计")
