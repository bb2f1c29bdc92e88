"""Check gold question files against the plan texts.

    python eval/check_gold.py eval/gold/dev.jsonl eval/gold/test.jsonl
    python eval/check_gold.py --corpus DIR FILE...
    python eval/check_gold.py --doc-file myplan=plans/myplan.txt FILE...

Each file is checked on its own (quote overlap and template shares are per file),
then all files together for ids used twice. Exit status: 0 when every report is ok,
1 when one is not, 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from assistant.errors import AssistantError, DocumentError, InputError  # noqa: E402
from assistant.evaluation.gold import (  # noqa: E402
    DEFAULT_ALIASES,
    MAX_OVERLAP_SHARE,
    MAX_TEMPLATE_SHARE,
    OVERLAP_CHARS,
    TEMPLATE_MIN_REPEATS,
    GoldReport,
    check_gold,
    load_gold,
)

DEFAULT_CORPUS = ROOT / "corpus"
DEFAULT_DOC_FILES = {
    "gaoxin": "gaoxin_open_highland_14th_fyp.txt",
    "yuzhong": "yuzhong_open_highland_14th_fyp.txt",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Check gold question files (JSONL) against the plan texts.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="gold JSONL file(s)")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help=f"folder holding the default doc files (default: {DEFAULT_CORPUS})")
    p.add_argument("--doc-file", action="append", default=[], metavar="ID=PATH",
                   help="map a doc id to a text file; repeatable; overrides the defaults")
    p.add_argument("--alias", action="append", default=[], metavar="TEXT",
                   help="extra plan alias masked by the template detector; repeatable")
    return p.parse_args(argv)


def load_sources(corpus: Path, doc_files: list[str]) -> dict[str, str]:
    """Doc id -> file text: the default files found in ``corpus``, then the --doc-file mappings."""
    paths = {doc: corpus / name for doc, name in DEFAULT_DOC_FILES.items() if (corpus / name).is_file()}
    for spec in doc_files:
        doc, sep, path = spec.partition("=")
        if not sep or not doc or not path:
            raise InputError(f"--doc-file 需要 ID=PATH / --doc-file expects ID=PATH, got {spec!r}")
        paths[doc] = Path(path)
    if not paths:
        raise DocumentError(f"在 {corpus} 中找不到规划文本 / no plan text found in {corpus}; "
                         f"expected {sorted(DEFAULT_DOC_FILES.values())} or pass --doc-file ID=PATH")
    sources = {}
    for doc, p in paths.items():
        try:
            sources[doc] = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise DocumentError(f"无法读取规划文本 / cannot read the text of doc {doc!r}: {e}", str(p)) from e
    return sources


def format_report(report: GoldReport) -> str:
    n = report.n_items
    lines = [f"items: {n}",
             "categories: " + ", ".join(f"{c}={k}" for c, k in report.categories),
             f"quote overlap (>= {OVERLAP_CHARS} chars): {len(report.overlap_ids)}/{n}"
             f" = {report.overlap_share:.1%} (limit {MAX_OVERLAP_SHARE:.1%})",
             f"templated (skeleton x{TEMPLATE_MIN_REPEATS}+): {len(report.templated_ids)}/{n}"
             f" = {report.template_share:.1%} (limit {MAX_TEMPLATE_SHARE:.1%})"]
    if report.templated_ids:
        lines.append("  templated ids: " + " ".join(report.templated_ids))
    lines.append(f"problems: {len(report.problems)}")
    lines += [f"  [{p.kind}] {p.item_id}: {p.detail}" for p in report.problems]
    lines.append("OK" if report.ok else "NOT OK")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sources = load_sources(args.corpus, args.doc_file)
        loaded = [(path, load_gold(path)) for path in args.files]
    except AssistantError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    aliases = DEFAULT_ALIASES + tuple(args.alias)
    reports: list[GoldReport] = []
    every = []
    for path, items in loaded:
        every += items
        report = check_gold(items, sources, aliases)
        reports.append(report)
        print(f"== {path}")
        print(format_report(report))
    if len(args.files) > 1:
        dupes = sorted(i for i, n in Counter(it.id for it in every).items() if n > 1)
        print(f"== all files: {len(every)} items, ids used in more than one place: {dupes or 'none'}")
        if dupes:
            return 1
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
