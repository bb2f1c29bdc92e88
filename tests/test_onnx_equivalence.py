"""The ONNX export against its source, the sentence-transformers folder (real model, slow):
same token ids, cosine >= 0.99 on every chunk of the bundled corpus, and retrieval on every gold set
(hit@1, hit@5, MRR@10) within one point."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import DEFAULT_CORPUS, DEFAULT_MODEL, PROJECT_ROOT, Settings
from assistant.evaluation.evaluate import TOP_K, hit_passage, retrieval_query
from assistant.evaluation.gold import load_gold
from assistant.evaluation.metrics import evidence_groups, evidence_rank, retrieval_metrics
from assistant.index.embed import SentenceTransformerEmbedder
from assistant.index.onnx_embed import OnnxEmbedder, export_status, onnx_dir
from assistant.index.onnx_export import corpus_texts
from assistant.pipeline import Assistant

pytestmark = pytest.mark.slow

GOLD = {"dev": DEFAULT_CORPUS, "dev2": DEFAULT_CORPUS, "test": DEFAULT_CORPUS,
        "unseen": PROJECT_ROOT / "eval" / "unseen" / "corpus", "unseen2": PROJECT_ROOT / "eval" / "unseen2" / "corpus"}
ODD = ["a\tb", "第一章\n发展基础", "控制\x01字符\x7f", "零\u200b宽", "\ufeff开头有BOM", "emoji 😀👍🏽", "１２３４５６亿元",
       "  two  spaces  ", "2021～2025年", "\u3000\u3000全角空格缩进", "𠮷𪚥 生僻字", "ﬁ ™ ℃ ㎡", "▁已有元空格", "", "【累计】[300]",
       "长" * 700]


@pytest.fixture(scope="module")
def pair():
    if export_status(DEFAULT_MODEL) is not None:
        pytest.skip(f"no current ONNX export ({export_status(DEFAULT_MODEL)}): run `assistant setup-model`")
    return SentenceTransformerEmbedder(str(DEFAULT_MODEL)), OnnxEmbedder(onnx_dir(DEFAULT_MODEL))


def test_same_token_ids(pair):
    st, ox = pair
    for kind in ("query", "passage"):
        assert ox.token_ids(ODD, kind) == st.token_ids(ODD, kind)


def test_cosine_on_every_bundled_chunk(pair):
    st, ox = pair
    texts = corpus_texts(DEFAULT_MODEL, lambda t: ox.count_tokens([t])[0]) + ODD
    cos = np.sum(st.encode(texts) * ox.encode(texts), axis=1)
    assert cos.min() >= 0.99, f"min cosine {cos.min():.4f} at {texts[int(cos.argmin())][:60]!r}"
    queries = [it.question for it in load_gold(PROJECT_ROOT / "eval" / "gold" / "dev.jsonl")]
    assert np.sum(st.encode(queries, "query") * ox.encode(queries, "query"), axis=1).min() >= 0.99


def _retrieval(assistant: Assistant, items) -> dict:
    ranks = []
    for it in items:
        if groups := evidence_groups(it.evidence):
            hits = assistant.search(retrieval_query(it), TOP_K)
            ranks.append(evidence_rank(groups, [hit_passage(h) for h in hits], TOP_K) if hits else None)
    return retrieval_metrics(ranks)


@pytest.mark.parametrize("gold", list(GOLD))
def test_retrieval_within_one_point(pair, tmp_path_factory, gold):
    st, ox = pair
    corpus = GOLD[gold]
    items = load_gold(PROJECT_ROOT / "eval" / "gold" / f"{gold}.jsonl")
    figures = {}
    for name, emb in (("st", st), ("onnx", ox)):
        index = tmp_path_factory.getbasetemp() / f"index-{corpus.parent.name}-{name}"
        settings = Settings(corpus=corpus, index=index, uploads=tmp_path_factory.mktemp("uploads"))
        figures[name] = _retrieval(Assistant.open(settings, embedder=emb), items)
    for key in ("retrieval.hit@1", "retrieval.hit@5", "retrieval.mrr@10"):
        assert abs(figures["onnx"][key] - figures["st"][key]) <= 0.01, (key, figures)
