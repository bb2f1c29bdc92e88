"""Run a gold file through the assistant (and, on request, baselines); write one self-describing JSON.

    assistant eval [--gold FILE] [--corpus DIR] [--index DIR] [--model M] [--out DIR] [--name NAME]
                   [--baselines] [--min-answer-acc X] [--min-refusal-f1 Y]

The JSON (data contract, ``schema`` 1) has: schema, created, args, gold, settings, model, index, git,
corpus, timings, metrics (flat, full pipeline), baselines ({name: {metrics, rows}}), rows (one per
question), warnings. A Markdown report with the same figures is written next to it, and
``eval/compare.py A.json B.json`` diffs two runs. The metric definitions are in :mod:`assistant.evaluation.metrics`.

Retrieval query: the question; for a follow-up, the earlier questions and the question joined by a space
(the same text for every retriever, so the harness, not the engine's understanding, defines it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.errors import AssistantError

from .gold import GoldItem, load_gold
from .metrics import (
    Passage,
    Row,
    docs_hit,
    evidence_groups,
    evidence_rank,
    is_correct,
    must_contain_hits,
    refusal_reasons,
    row_metrics,
)
from .numcheck import unsupported_numbers

log = logging.getLogger(__name__)

SCHEMA = 1
TOP_K = 10
DEFAULT_GOLD = PROJECT_ROOT / "eval" / "gold" / "dev.jsonl"
DEFAULT_OUT = PROJECT_ROOT / "eval" / "results"
BASELINES_FILE = PROJECT_ROOT / "eval" / "baselines.py"
TABLE_SYSTEMS = ("full", "bm25", "dense", "naive")
TABLE_COLUMNS = (("hit@1", "retrieval.hit@1"), ("hit@5", "retrieval.hit@5"), ("MRR@10", "retrieval.mrr@10"),
                 ("answer acc", "answer.acc"), ("refusal P", "refusal.precision"), ("refusal R", "refusal.recall"),
                 ("refusal AUC", "refusal.auc"))
SYSTEM_NOTES = {"full": "hybrid retrieval (BM25 + dense, RRF) and the structured answer engine",
                "bm25": "the same engine, BM25-only retrieval", "dense": "the same engine, dense-only retrieval",
                "naive": "250-char chunks (50 overlap) of the raw text, dense top-k, best sentences of the top chunk"}


# ------------------------------------------------------------------ one system over a gold file


def retrieval_query(item: GoldItem) -> str:
    return " ".join([*(t.question for t in item.history), item.question])


def chunk_passage(chunk) -> Passage:
    return Passage(chunk.doc_id, chunk.text, tuple(chunk.heading_path))


def hit_passage(hit) -> Passage:
    return chunk_passage(hit.chunk)


def citation_source(c) -> str:
    """What a reader sees of a citation: title, heading path and passage (numbers may come from any)."""
    return f"{c.doc_title}\n{' › '.join(c.heading_path)}\n{c.text}"


def _progress(items, desc: str, progress: bool):
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="q", disable=None, leave=False)


def score_answer(it: GoldItem, ans, *, error: str | None = None, latency_ms: float = 0.0, rank: int | None = None,
                 in_index: bool | None = None, query: str = "") -> Row:
    """One gold item and what a system answered (None when it raised ``error``) -> a Row. Pure."""
    groups = evidence_groups(it.evidence)
    body = ans.answer if ans else ""
    cites = ans.citations if ans else ()
    must = must_contain_hits(body, it.must_contain)
    refused = bool(ans and ans.refused)
    cite_hits = tuple(bool(docs_hit(Passage(c.doc_id, c.text, tuple(c.heading_path)), groups)) for c in cites)
    said = " ".join([it.question, *(t.question for t in it.history)])
    return Row(
        id=it.id, category=it.category, question=it.question, doc=it.doc,
        history=tuple(t.question for t in it.history), expected=it.answer, must_contain=it.must_contain,
        expect_refusal=it.expect_refusal, answer=body, refused=refused, must_hits=must,
        correct=error is None and is_correct(it.expect_refusal, refused, must),
        cited_docs=tuple(dict.fromkeys(c.doc_id for c in cites)), citations_hit=cite_hits,
        unsupported_numbers=tuple(unsupported_numbers(body, [citation_source(c) for c in cites], said)),
        answer_chars=len(body), latency_ms=round(latency_ms, 3), rank=rank, evidence_in_index=in_index,
        intent=getattr(ans, "intent", "") if ans else "", query=query, error=error,
        score=getattr(ans, "score", None) if ans else None,
        refusal_reason=getattr(ans, "reason", "") if refused else "")


def evaluate_system(system, items: list[GoldItem], passages: list[Passage] | None = None, search: bool = True,
                    progress: bool = False, name: str = "") -> tuple[list[Row], dict[str, float]]:
    """Ask every item (history as earlier turns) and search its retrieval query. Returns rows and timings.

    ``system`` needs ``ask(question, history=...) -> Answer`` and, when ``search``, ``search(query, k)
    -> list[Hit]``; ``passages`` are all the passages of its index (to tell whether evidence is findable).
    """
    rows: list[Row] = []
    ask_s = search_s = 0.0
    for it in _progress(items, f"eval {name}".strip(), progress):
        groups = evidence_groups(it.evidence)
        query = retrieval_query(it)
        ans, error = None, None
        start = time.perf_counter()
        try:
            ans = system.ask(it.question, history=[{"question": t.question, "answer": t.answer} for t in it.history])
        except AssistantError as e:
            error = str(e)
            log.warning("%s: %s", it.id, e)
        latency_ms = (time.perf_counter() - start) * 1000
        ask_s += latency_ms / 1000
        rank = None
        if search and groups:
            start = time.perf_counter()
            try:
                hits = system.search(query, TOP_K)
            except AssistantError as e:
                hits, error = [], error or str(e)
            search_s += time.perf_counter() - start
            rank = evidence_rank(groups, [hit_passage(h) for h in hits], TOP_K)
        in_index = evidence_rank(groups, passages) is not None if groups and passages is not None else None
        rows.append(score_answer(it, ans, error=error, latency_ms=latency_ms, rank=rank, in_index=in_index,
                                 query=query))
    return rows, {"ask_s": round(ask_s, 3), "search_s": round(search_s, 3)}


# ------------------------------------------------------------------ describing the run


def git_sha(root: Path = PROJECT_ROOT) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _jsonable(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def describe_corpus(assistant) -> dict:
    docs = assistant.documents
    chunks = assistant.built.chunks
    return {
        "documents": len(docs), "chunks": len(chunks),
        "chunks_by_kind": dict(Counter(c.kind for c in chunks)),
        "rows": sum(len(d.indicators) for d in docs), "projects": sum(len(d.projects) for d in docs),
        "sections": sum(len(d.sections) for d in docs), "chunk_chars": sum(len(c.text) for c in chunks),
        "docs": [{"doc_id": d.doc_id, "title": d.meta.title, "file": Path(d.path).name, "sha256": d.sha256}
                 for d in docs],
    }


def describe_index(assistant) -> dict:
    m = assistant.built.manifest
    keep = ("build_id", "built_at", "schema_version", "parser_version", "chunking", "counts", "dense_kind",
            "versions")
    out = {k: m.get(k) for k in keep}
    out["path"] = str(assistant.built.path)
    out["corpus_files"] = m.get("corpus", {}).get("files", {})
    out["userdict_hash"] = m.get("userdict", {}).get("hash")
    return out


def describe_gold(path: Path, items: list[GoldItem]) -> dict:
    return {"path": str(path), "sha256": _sha256(path), "items": len(items),
            "categories": dict(Counter(it.category for it in items))}


def gold_warnings(items: list[GoldItem], doc_ids: list[str]) -> list[str]:
    named = {e.doc for it in items for e in it.evidence}
    unknown = sorted(named - set(doc_ids))
    if not unknown:
        return []
    return [f"金标证据中的文档不在语料中 / gold evidence names doc ids {unknown} that the corpus does not have "
            f"(corpus: {sorted(doc_ids)}); retrieval and citation metrics will miss them. Give the plans these "
            "ids in the corpus folder's catalog.toml."]


# ------------------------------------------------------------------ the whole run


def load_naive_baseline():
    """eval/baselines.py lives in the source tree, not the package."""
    if not BASELINES_FILE.is_file():
        raise AssistantError(f"--baselines 需要源码目录中的 {BASELINES_FILE} / --baselines needs {BASELINES_FILE} "
                             "from a source checkout of the project")
    spec = importlib.util.spec_from_file_location("eval_baselines", BASELINES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_eval(assistant, items: list[GoldItem], gold_path: Path, baselines: bool = False, progress: bool = False,
             args: dict | None = None, open_s: float | None = None) -> dict:
    """Evaluate the assistant (and baselines) on the items; returns the JSON record."""
    start = time.perf_counter()
    passages = [chunk_passage(c) for c in assistant.built.chunks]
    timings: dict = {"open_s": open_s}
    rows, timings["full"] = evaluate_system(assistant, items, passages, progress=progress, name="full")
    record_baselines: dict = {}
    if baselines:
        for name, mode in (("bm25", "sparse"), ("dense", "dense")):
            brows, timings[name] = evaluate_system(assistant.with_retrieval(mode=mode), items, passages,
                                                   progress=progress, name=name)
            record_baselines[name] = {"metrics": row_metrics(brows), "rows": [dataclasses.asdict(r) for r in brows]}
        t0 = time.perf_counter()
        naive = load_naive_baseline().NaiveRAG.build(assistant.documents, assistant.embedder,
                                                     cache_dir=assistant.settings.index_dir / "eval-cache")
        build_s = time.perf_counter() - t0
        nrows, timings["naive"] = evaluate_system(naive, items, naive.passages, progress=progress, name="naive")
        timings["naive"]["build_s"] = round(build_s, 3)
        record_baselines["naive"] = {"metrics": row_metrics(nrows), "rows": [dataclasses.asdict(r) for r in nrows],
                                     "describe": naive.describe()}
    timings["total_s"] = round(time.perf_counter() - start + (open_s or 0.0), 3)
    settings = assistant.settings
    embedder = assistant.embedder
    return {
        "schema": SCHEMA,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "args": _jsonable(args or {}),
        "gold": describe_gold(gold_path, items),
        "settings": _jsonable(dataclasses.asdict(settings)),
        "model": {"name": embedder.name, "fingerprint": embedder.fingerprint, "dim": int(embedder.dim)},
        "index": describe_index(assistant),
        "git": {"sha": git_sha()},
        "corpus": describe_corpus(assistant),
        "timings": timings,
        "metrics": row_metrics(rows),
        "baselines": record_baselines,
        "rows": [dataclasses.asdict(r) for r in rows],
        "warnings": gold_warnings(items, [d.doc_id for d in assistant.documents]),
        "top_k": TOP_K,
    }


# ------------------------------------------------------------------ rendering


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def systems_of(record: dict) -> dict[str, dict]:
    out = {"full": record["metrics"]}
    out.update({name: b["metrics"] for name, b in record.get("baselines", {}).items()})
    return out


def systems_table(record: dict) -> str:
    """The README table: one row per system, hit@1, hit@5, MRR@10, answer acc, refusal P / R / AUC."""
    systems = systems_of(record)
    lines = ["| system | " + " | ".join(c for c, _ in TABLE_COLUMNS) + " |",
             "|---|" + "---:|" * len(TABLE_COLUMNS)]
    for name in [s for s in TABLE_SYSTEMS if s in systems] + [s for s in systems if s not in TABLE_SYSTEMS]:
        m = systems[name]
        lines.append(f"| {name} | " + " | ".join(fmt(m.get(key), 2) for _, key in TABLE_COLUMNS) + " |")
    return "\n".join(lines)


def _metric_lines(m: dict) -> list[str]:
    return [f"| {k} | {fmt(v)} |" for k, v in m.items()]


def render_report(record: dict) -> str:
    m = record["metrics"]
    systems = systems_of(record)
    out = [f"# Evaluation: {Path(record['gold']['path']).name}", "",
           f"- created {record['created']}, git `{record['git']['sha'][:12]}`",
           f"- gold: {record['gold']['items']} items, sha256 `{record['gold']['sha256'][:12]}`",
           f"- model: `{record['model']['name']}` (fingerprint `{record['model']['fingerprint'][:12]}`, "
           f"dim {record['model']['dim']})",
           f"- index: build `{record['index'].get('build_id')}`, dense `{record['index'].get('dense_kind')}`",
           f"- corpus: {record['corpus']['documents']} plans, {record['corpus']['chunks']} chunks, "
           f"{record['corpus']['rows']} indicator rows",
           "", "## Systems", "", systems_table(record), ""]
    out += [f"- **{s}**: {SYSTEM_NOTES.get(s, '')}" for s in systems]
    out += ["", f"Retrieval: evidence rank within the top {record.get('top_k', TOP_K)} of the retrieval query; "
            "a passage counts when it carries every short quote (cell, number) and one long quote of an "
            "evidence group (a copied table row by its cells, in order, in one row; a heading quote without its closing "
            "。); for comparisons, the rank by which every plan has appeared (assistant/evaluation/metrics.py).",
            "", "## Answer accuracy by category", "",
            "| category | n | " + " | ".join(systems) + " |", "|---|---:|" + "---:|" * len(systems)]
    cats = Counter(r["category"] for r in record["rows"])
    for cat, n in cats.items():
        out.append(f"| {cat} | {n} | " + " | ".join(fmt(s.get(f'answer.acc.{cat}'), 2) for s in systems.values())
                   + " |")
    out += ["", *reasons_table(record["rows"])]
    out += ["", "## All metrics (full pipeline)", "", "| metric | value |", "|---|---:|", *_metric_lines(m),
            "", "## Timings", "", "```", json.dumps(record["timings"], ensure_ascii=False), "```", ""]
    failing = [r for r in record["rows"] if not r["correct"]]
    out += [f"## Failing questions (full pipeline): {len(failing)}", "",
            "| id | category | question | expected | got |", "|---|---|---|---|---|"]
    for r in failing:
        got = "（拒答）" + r["answer"][:60] if r["refused"] else r["answer"][:100]
        out.append(f"| {r['id']} | {r['category']} | {_cell(r['question'])} | {_cell(r['expected'][:60])} | "
                   f"{_cell(got)} |")
    unsupported = [r for r in record["rows"] if r["unsupported_numbers"]]
    if unsupported:
        out += ["", "## Numbers without a source", ""]
        out += [f"- {r['id']}: {', '.join(r['unsupported_numbers'])}" for r in unsupported]
    if record.get("warnings"):
        out += ["", "## Warnings", "", *[f"- {w}" for w in record["warnings"]]]
    return "\n".join(out) + "\n"


def reasons_table(rows: list[dict]) -> list[str]:
    """The report's refusals by reason code (full pipeline): how many each code made on items the gold answers
    (false refusals) and on items it expects refused (true ones)."""
    from assistant.answer.reasons import describe

    fields = {f.name for f in dataclasses.fields(Row)}
    counts = refusal_reasons([Row(**{k: v for k, v in r.items() if k in fields}) for r in rows])
    out = ["## Refusals by reason (full pipeline)", ""]
    if not counts:
        return [*out, "No refusals."]
    out += ["| reason | on answerable (false) | on unanswerable (true) | precision | what |", "|---|---:|---:|---:|---|"]
    out += [f"| {c.reason or '—'} | {c.answerable} | {c.unanswerable} | {c.precision:.2f} | {describe(c.reason)} |"
            for c in counts]
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_results(record: dict, out_dir: Path, name: str) -> tuple[Path, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / f"{name}.json", out_dir / f"{name}.md"
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md_path.write_text(render_report(record), encoding="utf-8")
    return json_path, md_path


def gate_failures(metrics: dict, min_answer_acc: float | None, min_refusal_f1: float | None) -> list[str]:
    """Thresholds not met (a threshold on a metric the run could not measure fails too)."""
    out = []
    for key, floor in (("answer.acc", min_answer_acc), ("refusal.f1", min_refusal_f1)):
        if floor is None:
            continue
        value = metrics.get(key)
        if value is None:
            out.append(f"{key} 无法计算 / could not be measured on this gold file (threshold {floor})")
        elif value < floor:
            out.append(f"{key} = {value:.3f} < {floor}")
    return out


# ------------------------------------------------------------------ command line


def configure_eval(sp) -> None:
    sp.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file (default: eval/gold/dev.jsonl)")
    sp.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the JSON and Markdown results")
    sp.add_argument("--name", help="base name of the result files (default: <gold stem>-<time>)")
    sp.add_argument("--baselines", action="store_true", help="also run BM25-only, dense-only and naive RAG")
    sp.add_argument("--min-answer-acc", type=float, help="exit 1 when answer.acc is below this")
    sp.add_argument("--min-refusal-f1", type=float, help="exit 1 when refusal.f1 is below this")


def cmd_eval(args) -> int:
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    items = load_gold(args.gold)
    if not items:
        raise AssistantError(f"金标文件为空 / the gold file {args.gold} has no items")
    settings = load_settings(corpus=args.corpus, index=args.index, model=args.model)
    progress = sys.stderr.isatty()
    start = time.perf_counter()
    assistant = Assistant.open(settings, progress=progress)
    open_s = round(time.perf_counter() - start, 3)
    record = run_eval(assistant, items, Path(args.gold), baselines=args.baselines, progress=progress,
                      args={k: v for k, v in vars(args).items() if k != "func"}, open_s=open_s)
    for w in record["warnings"]:
        print(f"警告 / warning: {w}", file=sys.stderr)
    name = args.name or f"{Path(args.gold).stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    json_path, md_path = write_results(record, args.out, name)
    m = record["metrics"]
    print(systems_table(record))
    print()
    for key in ("answer.acc", "answer.indicator_exact", "citation.accuracy", "citation.precision",
                "refusal.precision", "refusal.recall", "refusal.auc", "numbers.unsupported", "length.mean", "latency.p50_ms",
                "latency.p95_ms"):
        print(f"{key:28} {fmt(m.get(key))}")
    print(f"\n{json_path}\n{md_path}")
    failures = gate_failures(m, args.min_answer_acc, args.min_refusal_f1)
    for f in failures:
        print(f"未达标 / threshold not met: {f}", file=sys.stderr)
    return 1 if failures else 0
