"""Build, check and open the index: parse -> chunk -> embed (re-using unchanged vectors) -> FAISS + BM25 -> store."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.errors import IndexError_
from assistant.ingest.catalog import CATALOG_NAME
from assistant.ingest.loader import corpus_files, load_corpus
from assistant.text.tokenize import Tokenizer, rules_version, user_terms
from assistant.types import Chunk, Document

from .chunk import DENSE_LABEL_HEADINGS, ChunkSettings, approx_tokens, dense_text, document_chunks
from .dense import DenseIndex
from .sparse import SparseIndex
from .store import IndexReadOnly, build_lock, current_build, load_build, read_chunks, read_manifest, write_build

log = logging.getLogger(__name__)

PARSER_VERSION = 37  # bump when parsing or chunking output changes (21: a goal runs on past a sentence restating its
# own year, 2030年前实现…; 23: a .txt keeping a PDF's page layout or a web page's chrome is read into structure: page
# furniture, wrapped lines, space-aligned and one-cell-per-line tables, an annex list of projects; 24: both; 25: a
# file is hard-wrapped only at a width a page can hold, so a legal export's metadata lines are not joined; 26: Word/PDF cells merged across
# columns keep the cells after them under their columns (a 合计 row), 附表： and unnumbered 专栏 captions, a 主要指标
# header names an indicator table; 27: a short line between rows of a tab-separated table is its group row, a
# tab-separated block with a header is a table without a caption (an annex's names it), markdown heading levels decide
# nesting where the numbering forms contradict them, a decimal N.M sits under the part numbered N, footnote markers
# dropped, a web page's navigation bar, site name and metadata field lines are chrome; 28: a PDF-layout .txt keeps a
# running header's copies far from page numbers (the cover title), splits one-space header cells the rows split,
# joins a header cell wrapped onto its next line, continues a row on lines that leave its key column empty and gives a
# vertically centred group name to every row of its group, passes over a 续表 caption; a sentence cut by a page break
# joins over the blank lines around the running header; a short last page's number counts; a numbered table note's
# "2.2025年…" item stays in the note; 29: an indicator table's group row over its sub-header row (目标值 merged over
# 2026年 | 2027年 | 2028年目标, bare years too) is one header of joined columns, each year column named by its year, a
# title row inside the table passed over, a column named the base (2025年基期) the base year; a 类别 cell merged down
# its rows groups them; Word heading-styled siblings that lost their numbers are numbered by their order; 附件2 主要指标
# is an annex heading at its Word level, a closing list of the annexes (附件：1. … / 2. …) is text; 30: a PDF table
# over three or more pages is one table, a bare 附表 line over its title is an annex heading naming its table, a bare
# 表N label takes the title line under it, a 续表 caption between a PDF table's pages passed over,
# a header of two or three rows repeated on each page read once; 31: numbered items run together on one line
# split into one line each, a repost's head (follow prompt, byline, editor's lead), footer and images chrome; 32: pandoc
# Markdown: grid tables (wrapped cells joined), raw HTML tables with rowspan/colspan filled (also in .html pages), a
# one-cell grid table a box, setext headings, attributes, spans, escapes, fenced divs and comments read as plain text;
# a group name filled down its rows groups them; a bare 附件 over a list of short titles lists them as text; 33: a
# markdown bullet marker (-   item) dropped, pandoc simple and multiline tables read as tables, line-block marks and
# inline HTML tags dropped; 34: an OCR'd table, its cells set apart by any gap or " | ", read by its count of cells,
# wrapped cells and a second header line joined; a line cut at the margin runs on into a decimal figure, a run-in
# heading's body and a list item run on; 二． is 二、; a figure marked by OCR'd brackets, (0.5] or 【6.45〕, is cumulative; 36: a bare 附件1 is not joined to its title line, and a letter read for a digit in a figure (2O26) is the digit; 37: a stray space inside a run-in heading's title (领 导。) is no title cut)


def corpus_fingerprint(sources: list[Path]) -> dict[str, str]:
    """File path (relative to its folder's parent) -> sha256 of every plan (plus the catalog)."""
    from .store import sha256_file

    files = {f"{p.parent.name}/{p.name}": sha256_file(p) for p in corpus_files(sources)}
    cat = Path(sources[0]) / CATALOG_NAME
    if cat.is_file():
        files[f"{Path(sources[0]).name}/{CATALOG_NAME}"] = sha256_file(cat)
    return files


def expected_manifest(sources: list[Path], embedder, chunking: ChunkSettings) -> dict:
    return {
        "parser_version": PARSER_VERSION,
        "tokenizer_rules": rules_version(),
        "corpus": {"dirs": [str(Path(d).resolve()) for d in sources], "files": corpus_fingerprint(sources)},
        "model": {"name": embedder.name, "fingerprint": embedder.fingerprint, "dim": embedder.dim},
        "chunking": chunking.describe(),
    }


def stale_reasons(manifest: dict | None, expected: dict) -> list[str]:
    """Why an existing index does not match what would be built now (empty: it is current). Pure."""
    if manifest is None:
        return ["没有索引 / no index yet"]
    reasons = []
    if manifest.get("parser_version") != expected["parser_version"]:
        reasons.append("解析程序已更新 / parser version changed")
    if manifest.get("tokenizer_rules") != expected.get("tokenizer_rules"):
        reasons.append("分词词典已更新 / tokenizer dictionary rules changed")
    old, new = manifest.get("corpus", {}).get("files", {}), expected["corpus"]["files"]
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    changed = sorted(f for f in set(old) & set(new) if old[f] != new[f])
    for label, names in (("新增文件 / added", added), ("删除文件 / removed", removed), ("文件已修改 / changed", changed)):
        if names:
            reasons.append(f"{label}: {', '.join(names)}")
    m_old, m_new = manifest.get("model", {}), expected["model"]
    if (m_old.get("fingerprint"), m_old.get("dim")) != (m_new["fingerprint"], m_new["dim"]):
        reasons.append(f"嵌入模型已更换 / model changed: {m_old.get('name')} -> {m_new['name']}")
    if manifest.get("chunking") != expected["chunking"]:
        reasons.append("分块设置已更改 / chunking settings changed")
    return reasons


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _previous_vectors(index_dir: Path, fingerprint: str) -> dict[str, np.ndarray]:
    """Vectors of the live build keyed by embedded text, when made with the same model from texts made the same
    way (a build whose passages carried another heading label embedded other texts under the same chunks)."""
    manifest = read_manifest(index_dir)
    build = current_build(index_dir)
    if not manifest or build is None or manifest.get("model", {}).get("fingerprint") != fingerprint:
        return {}
    if manifest.get("chunking", {}).get("dense_label_headings") != DENSE_LABEL_HEADINGS:
        return {}
    try:
        chunks = read_chunks(build / "chunks.jsonl")
        vectors = np.load(build / "vectors.npy")
    except Exception:  # noqa: BLE001 - a damaged old build just means nothing to re-use
        return {}
    if len(chunks) != len(vectors):
        return {}
    return {_text_key(dense_text(c)): v for c, v in zip(chunks, vectors, strict=True)}


ProgressFn = Callable[[float, str], None]
EMBED_BATCH = 64


def embed_chunks(chunks: list[Chunk], embedder, reuse: dict[str, np.ndarray],
                 report: ProgressFn | None = None, progress: bool = False) -> tuple[np.ndarray, int]:
    """Vectors for all chunks, embedding only texts not in ``reuse``; returns (vectors, number embedded).
    ``report(fraction, message)`` is called after each batch."""
    texts = [dense_text(c) for c in chunks]
    keys = [_text_key(t) for t in texts]
    # by length, so that a batch holds texts of similar length and little padding is computed
    todo = sorted((i for i, k in enumerate(keys) if k not in reuse), key=lambda i: len(texts[i]))
    out = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in reuse:
            out[i] = reuse[k]
    starts = range(0, len(todo), EMBED_BATCH)
    if progress:
        from tqdm import tqdm

        starts = tqdm(starts, desc="嵌入 embedding", unit="batch", disable=None)
    for start in starts:
        batch = todo[start:start + EMBED_BATCH]
        out[batch] = embedder.encode([texts[i] for i in batch], kind="passage")
        if report:
            done = min(start + EMBED_BATCH, len(todo))
            report(done / len(todo), f"嵌入 / embedding {done}/{len(todo)}")
    return out, len(todo)


def make_chunks(docs: list[Document], chunking: ChunkSettings, embedder) -> list[Chunk]:
    count = getattr(embedder, "count_tokens", None)
    counter = (lambda t: count([t])[0]) if callable(count) else approx_tokens
    return [c for d in docs for c in document_chunks(d, chunking, counter)]


def build_index(sources: list[Path], index_dir: Path, embedder, chunking: ChunkSettings | None = None,
                progress: bool = False, force: bool = False, report: ProgressFn | None = None) -> Path:
    """Build (or refresh) the index for a corpus folder. Returns the build folder.
    ``report(fraction, message)`` follows the stages (parse, embed, index) for a progress bar."""
    def step(fraction: float, message: str) -> None:
        if report:
            report(fraction, message)

    chunking = chunking or ChunkSettings()
    index_dir = Path(index_dir)
    with build_lock(index_dir):
        expected = expected_manifest(sources, embedder, chunking)
        reasons = stale_reasons(read_manifest(index_dir), expected)
        if not reasons and not force:
            return current_build(index_dir)
        log.info("building index %s: %s", index_dir, "; ".join(reasons) or "forced")
        skipped: list[str] = []
        step(0.02, "解析文档 / parsing")
        docs = load_corpus(sources, progress=progress, skipped=skipped)
        if not docs:
            raise IndexError_(f"语料目录中没有可用文档 / no .txt/.md/.docx/.pdf plans in {sources[0]}")
        chunks = make_chunks(docs, chunking, embedder)
        reuse = _previous_vectors(index_dir, embedder.fingerprint)
        step(0.1, "嵌入 / embedding")
        vectors, embedded = embed_chunks(chunks, embedder, reuse, lambda f, m: step(0.1 + 0.8 * f, m), progress)
        step(0.92, "建立索引 / indexing")
        log.info("embedded %d of %d chunks (%d re-used)", embedded, len(chunks), len(chunks) - embedded)
        terms = user_terms(docs)
        tokenizer = Tokenizer(terms)
        sparse = SparseIndex.build([c.embed_text for c in chunks], tokenizer)
        dense = DenseIndex.build(vectors)
        manifest = {**expected, "userdict": {"hash": tokenizer.hash, "terms": terms},
                    "counts": {"documents": len(docs), "chunks": len(chunks), "embedded": embedded},
                    "documents": [{"doc_id": d.doc_id, "title": d.meta.title, "file": Path(d.path).name,
                                   "sha256": d.sha256, "warnings": list(d.warnings)} for d in docs],
                    "dense_kind": dense.kind, "skipped": skipped}
        final = write_build(index_dir, manifest, tuple(chunks), vectors, tuple(docs), dense, sparse)
        step(1.0, "完成 / done")
        return final


def open_index(sources: list[Path], index_dir: Path, embedder, chunking: ChunkSettings | None = None,
               rebuild: bool = True, progress: bool = False, report: ProgressFn | None = None):
    """Load the index, building or rebuilding it first when missing, stale or damaged (if ``rebuild``)."""
    chunking = chunking or ChunkSettings()
    expected = expected_manifest(sources, embedder, chunking)
    reasons = stale_reasons(read_manifest(index_dir), expected)
    if reasons:
        if not rebuild:
            raise IndexError_(f"索引已过期 / index at {index_dir} is stale ({'; '.join(reasons)}); run `assistant build`")
        log.warning("索引需要重建 / rebuilding index: %s", "; ".join(reasons))
        try:
            build_index(sources, index_dir, embedder, chunking, progress=progress, report=report)
        except IndexReadOnly as e:
            if current_build(index_dir) is None:
                raise
            log.warning("%s; 继续使用当前索引 / serving the current build, which is stale: %s", e, "; ".join(reasons))

    def tok(manifest: dict) -> Tokenizer:
        return Tokenizer(manifest.get("userdict", {}).get("terms", []))

    try:
        return load_build(index_dir, tok)
    except IndexError_ as e:
        if not rebuild:
            raise
        log.warning("索引损坏，正在重建 / index damaged, rebuilding: %s", e)
        build_index(sources, index_dir, embedder, chunking, progress=progress, force=True)
        return load_build(index_dir, tok)
