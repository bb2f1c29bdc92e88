"""Index directory I/O. The only module besides the readers and the CLI that touches the filesystem.

Layout (every build is complete before it becomes visible; readers never see half an index):

    index/
      .lock                 held while building (concurrent builds wait)
      CURRENT               name of the live build, replaced atomically (os.replace)
      builds/<build_id>/    manifest.json, chunks.jsonl, vectors.npy, dense.faiss, bm25/, documents.pkl

manifest.json describes the build (model and its fingerprint, dimension, chunker settings, corpus file
hashes, user dictionary hash, package versions, build time) and lists every file with its size and
sha256, so a truncated or corrupt file is detected on load.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.errors import IndexError_
from assistant.types import Chunk, Document

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3
KEEP_BUILDS = 2


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("guihua-assistant", "faiss-cpu", "bm25s", "jieba", "sentence-transformers", "torch", "numpy"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "none"
    return out


@dataclass(frozen=True)
class Built:
    """Everything one build holds in memory."""

    manifest: dict
    chunks: tuple[Chunk, ...]
    vectors: np.ndarray
    documents: tuple[Document, ...]
    path: Path


class IndexReadOnly(IndexError_):
    """The index folder cannot be written, so no new build can be made there."""


@contextlib.contextmanager
def build_lock(index_dir: Path, timeout: float = 1800.0):
    """Exclusive lock on the index folder; a second builder waits for the first. IndexReadOnly when the folder
    cannot be written."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        f = open(index_dir / ".lock", "a+")  # noqa: SIM115 - closed by the with below
    except OSError as e:
        raise IndexReadOnly(f"索引目录不可写 / the index folder {index_dir} is read-only ({e.strerror or e}); "
                            "make it writable or choose another with --index / ASSISTANT_INDEX") from e
    with f:
        start = time.monotonic()
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - start > timeout:
                    raise IndexError_(f"索引正在被其他进程构建 / another process is building {index_dir}; "
                                      "wait for it to finish or remove a stale .lock") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def current_build(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    path = index_dir / "builds" / name
    return path if name and path.is_dir() else None


def read_manifest(index_dir: Path) -> dict | None:
    build = current_build(index_dir)
    if build is None:
        return None
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return manifest if well_formed(manifest) else None


def well_formed(manifest) -> bool:
    """A JSON object whose parts that are read as objects are objects (anything else is a damaged manifest)."""
    return isinstance(manifest, dict) and all(
        isinstance(manifest.get(k, {}), dict) for k in ("model", "corpus", "userdict", "files", "counts")) and all(
        isinstance(v, dict) for v in manifest.get("files", {}).values())


def _write_chunks(path: Path, chunks: tuple[Chunk, ...]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for c in chunks:
            d = asdict(c)
            d["heading_path"] = list(c.heading_path)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def read_chunks(path: Path) -> tuple[Chunk, ...]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            d["heading_path"] = tuple(d["heading_path"])
            out.append(Chunk(**d))
    return tuple(out)


def write_build(index_dir: Path, manifest: dict, chunks: tuple[Chunk, ...], vectors: np.ndarray,
                documents: tuple[Document, ...], dense, sparse) -> Path:
    """Write a complete build next to the live one, then switch CURRENT to it atomically."""
    build_id = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    builds = index_dir / "builds"
    tmp = builds / f".tmp-{build_id}"
    tmp.mkdir(parents=True)
    try:
        _write_chunks(tmp / "chunks.jsonl", chunks)
        np.save(tmp / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
        dense.save(tmp / "dense.faiss")
        sparse.save(tmp / "bm25")
        with open(tmp / "documents.pkl", "wb") as f:
            pickle.dump(documents, f, protocol=pickle.HIGHEST_PROTOCOL)
        files = {}
        for p in sorted(tmp.rglob("*")):
            if p.is_file():
                files[str(p.relative_to(tmp))] = {"size": p.stat().st_size, "sha256": sha256_file(p)}
        manifest = {**manifest, "schema_version": SCHEMA_VERSION, "build_id": build_id,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "versions": package_versions(), "files": files}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        for p in [*tmp.rglob("*"), tmp]:
            if p.is_file():
                with open(p, "rb") as f:
                    os.fsync(f.fileno())
        final = builds / build_id
        os.replace(tmp, final)
        pointer = index_dir / f".CURRENT.{build_id}"
        pointer.write_text(build_id, encoding="utf-8")
        os.replace(pointer, index_dir / "CURRENT")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(builds, keep=build_id)
    return final


def _prune(builds: Path, keep: str) -> None:
    """Remove old builds (keeping a few, so a reader that just opened one can finish) and failed temp folders."""
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for p in done[:-KEEP_BUILDS]:
        if p.name != keep:
            shutil.rmtree(p, ignore_errors=True)
    for p in builds.glob(".tmp-*"):  # the build lock is held: any other temp folder is a killed build's
        shutil.rmtree(p, ignore_errors=True)


def verify_files(build: Path, manifest: dict, full: bool = True) -> list[str]:
    """Problems with the build's files (missing, truncated, changed); empty when intact."""
    problems = []
    for name, meta in manifest.get("files", {}).items():
        p = build / name
        if not p.is_file():
            problems.append(f"缺少文件 / missing file {name}")
        elif p.stat().st_size != meta["size"]:
            problems.append(f"文件大小不符 / truncated or changed file {name}")
        elif full and sha256_file(p) != meta["sha256"]:
            problems.append(f"文件内容校验失败 / checksum mismatch in {name}")
    if not manifest.get("files"):
        problems.append("清单没有文件列表 / manifest lists no files")
    return problems


def load_build(index_dir: Path, tokenizer_factory, verify: bool = True):
    """Load the live build: (Built, DenseIndex, SparseIndex). Raises IndexError_ when missing or corrupt."""
    from .dense import DenseIndex
    from .sparse import SparseIndex

    build = current_build(index_dir)
    if build is None:
        raise IndexError_(f"索引不存在 / no index at {index_dir}; run `assistant build`")
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as e:
        raise IndexError_(f"索引清单损坏 / corrupt manifest in {build}: {e}; run `assistant build`") from e
    if not well_formed(manifest):
        raise IndexError_(f"索引清单损坏 / the manifest in {build} is not a JSON object of the expected shape; "
                          "run `assistant build --force`")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexError_(f"索引格式过旧 / index schema {manifest.get('schema_version')} != {SCHEMA_VERSION}; "
                          "run `assistant build`")
    problems = verify_files(build, manifest, full=verify)
    if problems:
        raise IndexError_(f"索引已损坏 / index at {build} is damaged: {'; '.join(problems)}; run `assistant build`")
    try:
        chunks = read_chunks(build / "chunks.jsonl")
        vectors = np.load(build / "vectors.npy")
        with open(build / "documents.pkl", "rb") as f:
            documents = pickle.load(f)
        dense = DenseIndex.load(build / "dense.faiss")
        sparse = SparseIndex.load(build / "bm25", tokenizer_factory(manifest))
    except Exception as e:  # noqa: BLE001 - any failure to read means a damaged index
        raise IndexError_(f"索引无法读取 / cannot read index at {build}: {e}; run `assistant build`") from e
    if not (len(chunks) == len(vectors) == dense.size == sparse.size):
        raise IndexError_(f"索引内容不一致 / index parts disagree in size at {build}; run `assistant build`")
    return Built(manifest, chunks, vectors, tuple(documents), build), dense, sparse
