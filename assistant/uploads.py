"""Adding a plan: validate, parse in a scratch place, then write it atomically into the uploads folder.

Nothing is kept unless it parses; nothing is written into the corpus folder; the same plan twice is detected
by content hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.index.chunk import ChunkSettings, document_chunks

from .errors import DocumentError, InputError
from .ingest.loader import SUPPORTED, corpus_files, load_documents
from .limits import ReadLimits, too_large
from .types import DocMeta


@dataclass(frozen=True)
class UploadReport:
    doc_id: str
    title: str
    file: str
    sections: int
    indicator_rows: int
    projects: int
    goals: int
    warnings: tuple[str, ...]
    duplicate_of: str | None = None
    also: tuple[str, ...] = ()  # titles of the further documents the file holds (a notice issuing several)

    def summary(self) -> str:
        if self.duplicate_of:
            return f"已存在相同内容的文档 / the same plan is already in the corpus: {self.duplicate_of}; not indexed again."
        lines = [f"已添加 / added 《{self.title}》 ({self.doc_id}): {self.sections} 个章节 sections, "
                 f"{self.indicator_rows} 行指标 indicator rows, {self.projects} 个专栏项目 projects, "
                 f"{self.goals} 条目标 goals"]
        if self.also:
            lines.append("同一文件还印发了 / the file also issues: " + "、".join(f"《{t}》" for t in self.also))
        if self.warnings:
            lines.append(f"{len(self.warnings)} 条警告 / warnings:")
            lines.extend(f"- {w}" for w in self.warnings[:20])
        return "\n".join(lines)


def safe_filename(name: str) -> str:
    """Keep only the final name component, without path separators, '..', control characters or odd spacing."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r"\s+", "_", name).strip("._ ")
    name = name.replace("..", "_")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[:80] or "plan"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(filename: str, size: int, max_bytes: int) -> str:
    name = safe_filename(filename)
    suffix = Path(name).suffix.lower()
    if suffix in (".doc", ".wps"):
        raise InputError(f"{filename}: 不支持旧版 {suffix}，请另存为 .docx 后上传 / save it as .docx and upload again")
    if suffix not in SUPPORTED:
        raise InputError(f"{filename}: 不支持的文件类型 / unsupported type {suffix or '(none)'}; "
                         f"allowed: {' '.join(SUPPORTED)}")
    if size <= 0:
        raise InputError(f"{filename}: 文件为空 / the file is empty")
    if size > max_bytes:
        raise InputError(f"{filename}: 文件过大 / file is {size / 1048576:.1f} MB; the limit is "
                         f"{max_bytes / 1048576:g} MB (setting max_upload_mb). "
                         "Split the plan or remove images and try again.")
    return name


@dataclass(frozen=True)
class Quota:
    """Per user: how many plans and how many MB of them may be kept in the uploads folder."""

    files: int = 20
    mb: int = 100


@dataclass(frozen=True)
class StoredUpload:
    doc_id: str
    file: str
    size: int
    user: str
    added: str


def _owner_file(uploads_dir: Path, file: str) -> Path:
    return uploads_dir / f".owner-{file}.json"


def list_uploads(uploads_dir: Path) -> list[StoredUpload]:
    """The plans in the uploads folder, oldest first, with who added them (empty user: unknown or no login)."""
    if not uploads_dir.is_dir():
        return []
    out = []
    for p in corpus_files([uploads_dir]):
        try:
            info = json.loads(_owner_file(uploads_dir, p.name).read_text(encoding="utf-8"))
            info = info if isinstance(info, dict) else {}
        except (OSError, ValueError):
            info = {}
        out.append(StoredUpload(p.stem, p.name, p.stat().st_size, str(info.get("user") or ""),
                                str(info.get("added") or "")))
    return sorted(out, key=lambda u: (u.added, u.file))


def remove_upload(uploads_dir: Path, doc_id_or_file: str, user: str | None = None) -> StoredUpload:
    """Delete one uploaded plan (by doc id or file name). With ``user``, only that user's own uploads."""
    found = [u for u in list_uploads(uploads_dir) if doc_id_or_file in (u.doc_id, u.file)]
    if not found:
        known = [u.doc_id for u in list_uploads(uploads_dir)]
        raise InputError(f"没有这个上传的规划 / no uploaded plan {doc_id_or_file!r}; uploaded: {known}")
    u = found[0]
    if user is not None and u.user != user:
        raise InputError(f"只能删除自己上传的规划 / {u.doc_id} was uploaded by another user; ask them or the "
                         "administrator to delete it")
    (uploads_dir / u.file).unlink(missing_ok=True)
    _owner_file(uploads_dir, u.file).unlink(missing_ok=True)
    return u


def check_quota(uploads_dir: Path, user: str, size: int, quota: Quota) -> None:
    mine = [u for u in list_uploads(uploads_dir) if u.user == user]
    if len(mine) + 1 > quota.files:
        raise InputError(f"上传数量已达上限 / upload quota reached: {len(mine)} plans kept for this user, the limit "
                         f"is {quota.files} (setting upload_quota_files). Delete an upload you no longer need first.")
    used = sum(u.size for u in mine)
    if used + size > quota.mb * 1024 * 1024:
        raise InputError(f"上传空间已达上限 / upload quota reached: {(used + size) / 1048576:.1f} MB with this file, "
                         f"the limit is {quota.mb} MB per user (setting upload_quota_mb). Delete an upload first.")


def add_upload(data: bytes, filename: str, sources: list[Path], uploads_dir: Path, max_bytes: int,
               taken_ids: set[str], limits: ReadLimits | None = None, user: str = "",
               quota: Quota | None = None, chunking: ChunkSettings | None = None) -> UploadReport:
    """Validate and store one uploaded plan; returns what was found in it. Raises InputError/DocumentError."""
    limits = limits or ReadLimits()
    name = check_upload(filename, len(data), max_bytes)
    if quota is not None:
        check_quota(uploads_dir, user, len(data), quota)
    digest = hashlib.sha256(data).hexdigest()
    for p in corpus_files(sources):
        if p.stat().st_size == len(data) and hashlib.sha256(p.read_bytes()).hexdigest() == digest:
            return UploadReport(p.stem, p.stem, p.name, 0, 0, 0, 0, (), duplicate_of=p.name)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    doc_id, n = stem, 2
    while doc_id in taken_ids or (uploads_dir / f"{doc_id}{suffix}").exists():
        doc_id, n = f"{stem}-{n}", n + 1
    final = uploads_dir / f"{doc_id}{suffix}"
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=suffix, dir=uploads_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            docs = load_documents(tmp, meta=None, catalog={}, limits=limits)  # parse before keeping anything
        except DocumentError as e:  # name the user's file, not the scratch copy
            raise type(e)(str(e).replace(tmp, name)) from e
        doc = docs[0]
        if not any(d.sections for d in docs):
            raise DocumentError("文档中没有可识别的正文 / no readable text found; check the file and upload again",
                                name)
        n_chunks = sum(len(document_chunks(d, chunking or ChunkSettings())) for d in docs)
        if n_chunks > limits.max_chunks_per_plan:
            raise too_large("索引段落数 / passages for the index", n_chunks, limits.max_chunks_per_plan,
                            "max_chunks_per_plan", name)
        meta = doc.meta
        os.replace(tmp, final)
        _owner_file(uploads_dir, final.name).write_text(json.dumps(
            {"user": user, "added": datetime.now(UTC).isoformat(timespec="seconds"), "name": name},
            ensure_ascii=False), encoding="utf-8")
        dir_fd = os.open(uploads_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    meta = DocMeta(doc_id, meta.title if meta.title != Path(tmp).stem else doc_id, meta.short_names, file=final.name)
    warnings = tuple(w.replace(tmp, name) for d in docs for w in d.warnings)
    return UploadReport(doc_id, meta.title, final.name, sum(len(d.sections) for d in docs),
                        sum(len(d.indicators) for d in docs), sum(len(d.projects) for d in docs),
                        sum(len(d.goals) for d in docs), warnings, also=tuple(d.meta.title for d in docs[1:]))
