"""Tokenizers share jieba's dictionary as read once per process, but not each other's added words or tags."""

from __future__ import annotations

from assistant.text.tokenize import Tokenizer


def test_added_words_and_tags_stay_in_their_own_tokenizer():
    text = "蓝莓深加工产业园位于测试新区"
    plain = Tokenizer()
    before_words, before_tags = plain.words(text), dict(plain.tag(text))
    own = Tokenizer(["蓝莓深加工产业园", "测试新区"])
    assert "蓝莓深加工产业园" in own.words(text)
    assert dict(own.tag(text))["测试新区"] == "ns"  # a dictionary word naming an area keeps the place tag
    again = Tokenizer()
    assert again.words(text) == before_words and "蓝莓深加工产业园" not in again.words(text)
    assert dict(again.tag(text)) == before_tags and "测试新区" not in dict(again.tag(text))
    assert plain.words(text) == before_words  # a tokenizer made earlier is not changed either


def test_jieba_cache_is_read_as_jieba_reads_it(tmp_path):
    """The prefix dictionary comes from jieba's own cache file; an unreadable one means jieba builds it."""
    import marshal

    from assistant.text.tokenize import read_jieba_cache

    good = tmp_path / "jieba.cache"
    good.write_bytes(marshal.dumps(({"规划": 3, "规": 0}, 3)))
    assert read_jieba_cache(good) == ({"规划": 3, "规": 0}, 3)
    bad = tmp_path / "bad.cache"
    bad.write_bytes(b"\x00not marshal")
    assert read_jieba_cache(bad) is None
    assert read_jieba_cache(tmp_path / "missing.cache") is None
    bad.write_bytes(marshal.dumps([1, 2]))
    assert read_jieba_cache(bad) is None


def test_prefix_dictionary_is_jiebas_own():
    import jieba

    from assistant.text.tokenize import _base

    tk = jieba.Tokenizer()
    tk.initialize()
    freq, total = _base("freq")
    assert total == tk.total and freq == tk.FREQ

