"""Read and parse files: the I/O edge of ingestion."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError
from ..limits import ReadLimits
from ..types import DocMeta, Document, RawDocument, SourceLine
from .catalog import load_catalog, meta_for
from .front import Front, read_front
from .parser import parse

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def split_parts(raw: RawDocument, front: Front) -> list[tuple[RawDocument, Front]]:
    """One RawDocument per document the file holds (a notice may issue several), without chrome and
    table-of-contents lines; each with the front matter lines that fall in its range."""
    starts = [p.start for p in front.parts] + [len(raw.blocks)]
    skip = {ln for ln, _ in front.chrome} | {ln for ln, _ in front.toc}
    out = []
    for n, part in enumerate(front.parts):
        blocks = raw.blocks[starts[n]:starts[n + 1]]
        lo, hi = blocks[0].lineno if blocks else 0, (raw.blocks[starts[n + 1]].lineno
                                                       if starts[n + 1] < len(raw.blocks) else float("inf"))
        kept = tuple(b for b in blocks if not (isinstance(b, SourceLine) and b.lineno in skip))
        mine = replace(front, parts=(part,), chrome=tuple(x for x in front.chrome if lo <= x[0] < hi),
                       toc=tuple(x for x in front.toc if lo <= x[0] < hi))
        out.append((replace(raw, blocks=kept, warnings=raw.warnings if n == 0 else ()), mine))
    return out


def load_documents(path: str | Path, meta: DocMeta | None = None, catalog: dict[str, DocMeta] | None = None,
                   limits: ReadLimits | None = None) -> list[Document]:
    """Read one file and parse every document it holds (usually one; a notice issuing several gives one each,
    ids stem, stem-2, …). Raises DocumentError (naming file and line) when it cannot be read."""
    from .readers import read_file

    path = Path(path)
    raw = read_file(path, limits)
    front = read_front(raw)
    catalog = catalog if catalog is not None else load_catalog(path.parent)
    docs = []
    for n, (part_raw, part_front) in enumerate(split_parts(raw, front)):
        m = meta if meta is not None and n == 0 else meta_for(path, raw, catalog, front, n)
        doc = parse(part_raw, m, part_front)
        for w in doc.warnings:
            log.info(w)
        docs.append(doc)
    return docs


def load_document(path: str | Path, meta: DocMeta | None = None, catalog: dict[str, DocMeta] | None = None,
                  limits: ReadLimits | None = None) -> Document:
    """The file's first (usually only) document; see ``load_documents``."""
    return load_documents(path, meta, catalog, limits)[0]


def _dirs(corpus: str | Path | list) -> list[Path]:
    return [Path(d) for d in corpus] if isinstance(corpus, (list, tuple)) else [Path(corpus)]


def corpus_files(corpus: str | Path | list) -> list[Path]:
    """Plans in the corpus folder (the first one must exist) and any extra folders (uploads) that exist."""
    dirs = _dirs(corpus)
    if not dirs[0].is_dir():
        raise DocumentError(f"语料目录不存在 / corpus folder does not exist: {dirs[0]}. "
                            "Pass --corpus with a folder holding .txt/.md/.docx/.pdf/.html plans.")
    out: list[Path] = []
    for d in dirs:
        if d.is_dir():
            out.extend(sorted(p for p in d.iterdir() if p.suffix.lower() in SUPPORTED and not p.name.startswith(".")
                              and _inside(p, d)))
    return out


def _inside(p: Path, folder: Path) -> bool:
    """A plain file of the folder itself: a symlink, or a path resolving outside the folder, is refused with a
    warning (it could make the index quote any file the server can read)."""
    if p.is_symlink() or not p.resolve().is_relative_to(folder.resolve()):
        log.warning("拒绝符号链接或目录外的文件 / refusing %s: a symlink or a path outside %s; copy the plan into "
                    "the folder instead", p, folder)
        return False
    return p.is_file()


def load_corpus(corpus: str | Path | list, progress: bool = False, strict: bool = False,
                skipped: list[str] | None = None) -> list[Document]:
    """Every supported plan in the folder(s), with catalog metadata where the first folder has an entry.
    A file that cannot be read is skipped with a warning (listed in ``skipped``), unless ``strict``."""
    skipped = [] if skipped is None else skipped
    files = corpus_files(corpus)
    catalog = load_catalog(_dirs(corpus)[0])
    if progress:
        from tqdm import tqdm

        files = tqdm(files, desc="解析文档 parsing", unit="file", disable=None)
    docs = []
    for p in files:
        try:
            docs.extend(load_documents(p, catalog=catalog))
        except DocumentError as e:  # one bad file must not take the rest of the corpus down
            if strict:
                raise
            log.warning("跳过无法读取的文件 / skipping unreadable file: %s", e)
            skipped.append(str(e))
    seen: dict[str, str] = {}
    for d in docs:
        if d.doc_id in seen:
            raise DocumentError(f"文档编号重复 / duplicate document id {d.doc_id!r} ({seen[d.doc_id]} and {d.path}); "
                                "give one of them another id in catalog.toml or rename the file")
        seen[d.doc_id] = d.path
    return docs
