"""Sentences of plan text: the one splitter the parser, the chunker and the answer stage share. Pure.

A sentence ends at 。；！？ (a run of them, 。。 or ？！, stays with its sentence) or at a line break, which is
dropped. Each sentence is a verbatim substring of the text, spacing kept, so it can be highlighted in a citation;
on one line the sentences join back to the text.
"""

from __future__ import annotations

import re

ENDS = "。；！？"
_SENTENCE_RE = re.compile(rf"[^{ENDS}\n]*[{ENDS}]+|[^{ENDS}\n]+")
LEAD_MAX = 24  # a sentence this short that ends in 。 introduces what follows (国际化医疗设施建设项目。)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, blank ones left out."""
    return [s for s in _SENTENCE_RE.findall(text) if s.strip()]


def is_lead(sentence: str) -> bool:
    """A short sentence ending in 。 that says little alone: it introduces the sentence after it."""
    s = sentence.strip()
    return len(s) <= LEAD_MAX and s.endswith("。")


ITEM_MAX = 20  # a line this short, with no punctuation inside, after a line ending in a colon is an item it lists


def items_after(sents: list[str], pos: int) -> list[str]:
    """The short item lines a sentence ending in a colon introduces (重点做好以下人群的心理健康服务： / 儿童青少年 /
    孕产妇 / …: a bulleted list, one item a line); [] when fewer than two follow it."""
    if not sents[pos].strip().endswith(("：", ":")):
        return []
    items = []
    for s in sents[pos + 1:]:
        s = s.strip()
        if len(s) > ITEM_MAX or re.search(rf"[{ENDS}，,：:]", s):
            break
        items.append(s)
    return items if len(items) >= 2 else []


def leads_joined(sents: list[str]) -> list[str]:
    """Stripped sentences, each lead sentence joined to the one it introduces
    (国际化医疗设施建设项目。重庆（中美）海吉亚医院二期、……)."""
    out, i = [], 0
    while i < len(sents):
        s = sents[i].strip()
        if is_lead(s) and i + 1 < len(sents):
            s += sents[i + 1].strip()
            i += 1
        out.append(s)
        i += 1
    return out


def full_sentences(text: str) -> list[str]:
    """Stripped sentences with the clauses a ； joins read as one (现状46座；本次规划42座，其中……；期末88座。)."""
    out: list[str] = []
    for sent in sentences(text):
        if out and out[-1].endswith("；"):
            out[-1] += sent.strip()
        else:
            out.append(sent.strip())
    return out
