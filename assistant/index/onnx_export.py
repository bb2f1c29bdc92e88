"""Export the built e5 folder to ONNX at setup: the graph without its word-embedding table, and the table
as a .npy file that the embedder memory-maps and gathers from (see :mod:`assistant.index.onnx_embed`).

The graph is a plain BERT forward written here over the folder's own weights (the gathered word embeddings
plus position and token-type embeddings, 12 layers with an additive padding mask, mean pooling, L2
normalisation): transformers' mask helpers trace to constants under ``torch.onnx.export`` and the exported
graph then drifts on padded batches (cosine 0.96). Exported with the TorchScript exporter (``dynamo=False``),
which needs no onnxscript and no network.

Gate: every chunk of the bundled corpus is embedded by sentence-transformers and by the export; fp32 must
reach cosine >= 0.999 on every chunk (else the export is refused), an int8 graph (``--int8``: onnxruntime
dynamic quantisation of the matrix products) >= 0.99, else fp32 is kept (multilingual-e5-small's full int8
reached 0.980). The retrieval check (hit@1 / hit@5 / MRR on every gold set within one point) is
tests/test_onnx_equivalence.py. An int8 word-embedding table is no longer offered: memory-mapped, the fp32
table costs only the rows a process touches, and the int8 table moved hit@5 on dev and dev2 by one question.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

from .onnx_embed import (
    EMBEDDINGS_FILE,
    FORMAT_VERSION,
    INFO_FILE,
    MODEL_FILE,
    OnnxEmbedder,
    file_stats,
    files_fingerprint,
    onnx_dir,
    source_stamp,
)

log = logging.getLogger(__name__)

FP32_MIN_COSINE = 0.999
INT8_MIN_COSINE = 0.99
COPIED = ("tokenizer.json", "e5_normalization.json")


def _encoder_module(bert):
    import torch

    class Encoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert
            self.heads = bert.config.num_attention_heads
            self.head_dim = bert.config.hidden_size // self.heads

        def forward(self, inputs_embeds, attention_mask):
            e = self.bert.embeddings
            positions = torch.arange(inputs_embeds.shape[1]).unsqueeze(0)
            x = e.LayerNorm(inputs_embeds + e.position_embeddings(positions)
                            + e.token_type_embeddings(torch.zeros_like(attention_mask)))
            mask = attention_mask.to(x.dtype)
            bias = (1.0 - mask)[:, None, None, :] * torch.finfo(x.dtype).min
            b, t, h = x.shape

            def split(v):
                return v.view(b, t, self.heads, self.head_dim).transpose(1, 2)

            for layer in self.bert.encoder.layer:
                att = layer.attention
                q, k, v = split(att.self.query(x)), split(att.self.key(x)), split(att.self.value(x))
                w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.head_dim) + bias, dim=-1)
                x = att.output.LayerNorm(att.output.dense((w @ v).transpose(1, 2).reshape(b, t, h)) + x)
                x = layer.output.LayerNorm(layer.output.dense(torch.nn.functional.gelu(layer.intermediate.dense(x))) + x)
            m = mask.unsqueeze(-1)
            return torch.nn.functional.normalize((x * m).sum(1) / m.sum(1).clamp(min=1e-9), p=2, dim=1)

    return Encoder().eval()


def _export_fp32(model_dir: Path, path: Path, embeddings: Path) -> None:
    """The graph (inputs_embeds, attention_mask -> embedding) to ``path``, the word embeddings to ``embeddings``."""
    try:
        import torch
        from transformers import BertModel
    except ImportError as e:
        raise ModelError(f"导出 ONNX 需要 {e.name} / exporting to ONNX needs {e.name}: pip install torch "
                         "transformers onnx==1.23.2") from e
    bert = BertModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    module = _encoder_module(bert)
    table = bert.embeddings.word_embeddings.weight.detach().numpy().astype(np.float32)
    np.save(embeddings, np.ascontiguousarray(table))
    ids = torch.tensor([[0, 10, 20, 2], [0, 30, 2, 1]])
    embeds = torch.from_numpy(table[ids.numpy()])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    import warnings

    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(module, (embeds, mask), str(path), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["embedding"], opset_version=17, dynamo=False,
                          dynamic_axes={"inputs_embeds": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}})


# int8 candidates, tried in order; the first that passes the gate is kept.
INT8_VARIANTS = (("int8", None),)


def _quantize(src: Path, dst: Path, op_types: list[str] | None) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=op_types)


def corpus_texts(model_dir: Path, counter) -> list[str]:
    """The embedded text of every chunk of the bundled corpus, chunked as the index chunks it."""
    from assistant import config
    from assistant.ingest import load_corpus

    from .chunk import ChunkSettings, document_chunks

    docs = load_corpus([config.DEFAULT_CORPUS])
    return [c.embed_text for d in docs for c in document_chunks(d, ChunkSettings(), counter)]


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.min(np.sum(a * b, axis=1))) if len(a) else 1.0


def export_onnx(model_dir: str | Path, quantize: bool = False) -> Path:
    """Write ``<model_dir>-onnx/`` (model.onnx, word_embeddings.npy, tokenizer, normalisation table,
    onnx_build.json)."""
    from .embed import SentenceTransformerEmbedder

    model_dir = Path(model_dir).expanduser().absolute()
    out = onnx_dir(model_dir)
    started = time.monotonic()
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        reference = SentenceTransformerEmbedder(str(model_dir))
        fp32 = staging / "fp32.onnx"
        log.info("导出 ONNX / exporting %s to ONNX", model_dir)
        _export_fp32(model_dir, fp32, staging / EMBEDDINGS_FILE)
        for name in COPIED:
            shutil.copy2(model_dir / name, staging / name)
        st_cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text("utf-8")).get("prompts") or {}
        info = {"format_version": FORMAT_VERSION, "source_name": str(model_dir), "source_build": source_stamp(model_dir),
                "dim": reference.dim, "max_seq_length": reference.max_seq_length,
                "pad_id": int(reference.model.tokenizer.pad_token_id),
                "prompts": {"query": reference.query_prompt, "passage": reference.passage_prompt, "saved": st_cfg}}

        def candidate(path: Path, variant: str) -> OnnxEmbedder:
            shutil.copy2(path, staging / MODEL_FILE)
            files = [MODEL_FILE, EMBEDDINGS_FILE, *COPIED]
            (staging / INFO_FILE).write_text(json.dumps({**info, "variant": variant, "files": file_stats(staging, files),
                                                         "fingerprint": ""}), encoding="utf-8")
            return OnnxEmbedder(staging)

        emb32 = candidate(fp32, "fp32")
        texts = corpus_texts(model_dir, lambda t: emb32.count_tokens([t])[0])
        log.info("对照 sentence-transformers 检查 %d 段 / checking %d chunks against sentence-transformers",
                 len(texts), len(texts))
        ref = reference.encode(texts, "passage")
        ref_q = reference.encode(texts[:64], "query")
        check = {"chunks": len(texts)}
        check["fp32_min_cosine"] = min(min_cosine(ref, emb32.encode(texts)), min_cosine(ref_q, emb32.encode(texts[:64], "query")))
        if check["fp32_min_cosine"] < FP32_MIN_COSINE:
            raise ModelError(f"ONNX 导出与原模型不一致 / the ONNX export differs from the model (min cosine "
                             f"{check['fp32_min_cosine']:.4f} < {FP32_MIN_COSINE}); keep ASSISTANT_EMBED_RUNTIME="
                             "sentence-transformers and report this")
        variant = "fp32"
        for name, op_types in INT8_VARIANTS if quantize else ():
            _quantize(fp32, staging / "int8.onnx", op_types)
            emb8 = candidate(staging / "int8.onnx", name)
            check[f"{name}_min_cosine"] = min(min_cosine(ref, emb8.encode(texts)),
                                              min_cosine(ref_q, emb8.encode(texts[:64], "query")))
            if check[f"{name}_min_cosine"] >= INT8_MIN_COSINE:
                variant = name
                break
            log.warning("%s 未通过检查 / %s failed the check (min cosine %.4f < %.2f)", name, name,
                        check[f"{name}_min_cosine"], INT8_MIN_COSINE)
        if variant == "fp32":
            candidate(fp32, "fp32")
        for extra in ("fp32.onnx", "int8.onnx"):
            (staging / extra).unlink(missing_ok=True)
        files = [MODEL_FILE, EMBEDDINGS_FILE, *COPIED]
        info.update(variant=variant, files=file_stats(staging, files), fingerprint=files_fingerprint(staging, files),
                    check=check, built_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    build_seconds=round(time.monotonic() - started, 1))
        (staging / INFO_FILE).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for p in [staging, *staging.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        old = out.parent / f".{out.name}.tmp-old"
        if out.exists():
            out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("ONNX 模型已导出 / exported %s (%s, %s)", out, variant, check)
    return out
