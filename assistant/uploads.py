"""Adding a plan: validate, parse in a scratch place, then write it atomically into the uploads folder.

Nothing is kept unless it parses; nothing is written into the corpus folder; the same plan twice is detected
by content hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DocumentError, InputError
from .ingest.loader import SUPPORTED, corpus_files, load_document
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

    def summary(self) -> str:
        if self.duplicate_of:
            return f"已存在相同内容的文档 / the same plan is already in the corpus: {self.duplicate_of}; not indexed again."
        lines = [f"已添加 / added 《{self.title}》 ({self.doc_id}): {self.sections} 个章节 sections, "
                 f"{self.indicator_rows} 行指标 indicator rows, {self.projects} 个专栏项目 projects, "
                 f"{self.goals} 条目标 goals"]
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
        raise InputError(f"{filename}: 文件过大 / file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB. "
                         "Split the plan or remove images and try again.")
    return name


def add_upload(data: bytes, filename: str, sources: list[Path], uploads_dir: Path, max_bytes: int,
               taken_ids: set[str]) -> UploadReport:
    """Validate and store one uploaded plan; returns what was found in it. Raises InputError/DocumentError."""
    name = check_upload(filename, len(data), max_bytes)
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
            doc = load_document(tmp, meta=None, catalog={})  # parse before keeping anything
        except DocumentError as e:  # name the user's file, not the scratch copy
            raise type(e)(str(e).replace(tmp, name)) from e
        if not doc.sections:
            raise DocumentError("文档中没有可识别的正文 / no readable text found; check the file and upload again",
                                name)
        meta = doc.meta
        os.replace(tmp, final)
        dir_fd = os.open(uploads_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    meta = DocMeta(doc_id, meta.title if meta.title != Path(tmp).stem else doc_id, meta.short_names, file=final.name)
    warnings = tuple(w.replace(tmp, name) for w in doc.warnings)
    return UploadReport(doc_id, meta.title, final.name, len(doc.sections), len(doc.indicators), len(doc.projects),
                        len(doc.goals), warnings)
