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
