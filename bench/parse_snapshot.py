"""Dump every plan's parsed structure (title, outline, tables as rows, boxes, chunk texts) to one JSON per corpus,
or compare two dumps: the before/after check for a change to assistant/ingest/.

    python bench/parse_snapshot.py dump OUT_DIR [CORPUS ...]
    python bench/parse_snapshot.py diff BEFORE_DIR AFTER_DIR
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("SNAPSHOT_ROOT") or str(Path(__file__).resolve().parent.parent))  # this checkout

DEFAULT = ["corpus", "eval/realplans/corpus", "eval/unseen/corpus", "eval/unseen2/corpus", "eval/layoutdev/corpus"]


def snapshot(corpus: str) -> dict:
    from assistant.index.chunk import ChunkSettings, document_chunks
    from assistant.ingest.loader import load_corpus

    out = {}
    for doc in load_corpus(corpus):
        out[doc.doc_id] = {
            "title": doc.meta.title,
            "outline": ["  " * (s.level - 1) + s.title for s in doc.sections],
            "tables": [{"title": t.title, "header": list(t.header), "rows": [list(r) for r in t.rows],
                        "indicators": len(t.indicators), "projects": len(t.projects)} for t in doc.tables],
            "boxes": [{"title": b.title, "items": [p.name for p in b.projects]} for b in doc.boxes],
            "chunks": [c.text for c in document_chunks(doc, ChunkSettings())],
            # what is kept aside as metadata, not plan text: a change may not swallow a line into it or lose one
            "chrome": [p.text for p in doc.chrome], "toc": [p.text for p in doc.toc],
            "repeats": [p.text for p in doc.repeats],
        }
    return out


def dump(out_dir: Path, corpora: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for c in corpora:
        name = c.strip("/").replace("/", "_")
        (out_dir / f"{name}.json").write_text(json.dumps(snapshot(c), ensure_ascii=False, indent=1), encoding="utf-8")


def diff(before: Path, after: Path) -> int:
    changed = 0
    for b in sorted(before.glob("*.json")):
        a = after / b.name
        old, new = json.loads(b.read_text(encoding="utf-8")), json.loads(a.read_text(encoding="utf-8"))
        for doc in sorted(set(old) | set(new)):
            for part in ("title", "outline", "tables", "boxes", "chunks", "chrome", "toc", "repeats"):
                o, n = old.get(doc, {}).get(part), new.get(doc, {}).get(part)
                if o != n:
                    changed += 1
                    size = (len(o) if isinstance(o, list) else 1, len(n) if isinstance(n, list) else 1)
                    print(f"{b.stem}/{doc}: {part} changed ({size[0]} -> {size[1]})")
            if doc in old and doc in new and all(old[doc][p] == new[doc][p] for p in old[doc]):
                print(f"{b.stem}/{doc}: identical")
    return changed


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), sys.argv[3:] or DEFAULT)
    else:
        sys.exit(1 if diff(Path(sys.argv[2]), Path(sys.argv[3])) and "--strict" in sys.argv else 0)
