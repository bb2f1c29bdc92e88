"""Build time, index size, resident memory and query latency, on the bundled corpus or one N times larger.

    python bench/retrieval_bench.py --scale 1            # the bundled corpus
    python bench/retrieval_bench.py --scale 10           # 20 plans: each plan again under 9 other district names
    python bench/retrieval_bench.py --scale 100          # 200 plans; embedding takes tens of minutes on 2 cores

Not a test and not for CI. For scale N > 1 the plans are written to .cache/bench/corpus-xN/ (never into
corpus/): copy 0 is the bundled corpus, copies 1..N-1 replace the district names (重庆高新区, 科学城,
渝中区, ...) with made-up ones, so every section exists N times under N names. Passage vectors are kept in
an embedding cache (.cache/bench/emb-<model fingerprint>/), so a re-run only pays for new texts; the
report says how many passages were embedded and how long that took.

Phases: (1) build the index from scratch in this process (build time, embedding time, peak RSS);
(2) in a fresh process, open the built index (open time, RSS after opening, i.e. what a server holds) and
time ``Assistant.search`` (k=10) and ``Assistant.ask`` for each question of a gold file (default
eval/gold/dev.jsonl), after a short warm-up. Writes one JSON (eval/results/bench_retrieval_xN.json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import CACHE_ROOT, DEFAULT_CORPUS, load_settings  # noqa: E402

BENCH_CACHE = CACHE_ROOT / "bench"
WARMUP = 3
# what people call each bundled plan, longest first; each becomes the made-up district name + a suffix
RENAMES = (("重庆高新技术产业开发区", "{d}开发区"), ("西部（重庆）科学城", "{d}科学城"), ("西部科学城", "{d}科学城"),
           ("重庆高新区", "{d}高新区"), ("重庆市渝中区", "{d}区"), ("高新区", "{d}高新区"), ("科学城", "{d}科学城"),
           ("渝中区", "{d}区"), ("渝中", "{d}"))
_SYLLABLES = "青松云石梅竹兰桂安平宁和丰泰瑞祥康乐"


def district(i: int) -> str:
    """A made-up two-character district name, distinct for i < len(_SYLLABLES) ** 2."""
    n = len(_SYLLABLES)
    return _SYLLABLES[i // n % n] + _SYLLABLES[i % n]


def rename(text: str, name: str) -> str:
    marks = {}
    for k, (old, new) in enumerate(RENAMES):  # placeholders first, so 渝中 is not found again inside 渝中区
        mark = f"\x00{k}\x00"
        text = text.replace(old, mark)
        marks[mark] = new.format(d=name)
    for mark, new in marks.items():
        text = text.replace(mark, new)
    return text


def scaled_corpus(scale: int) -> Path:
    """The bundled corpus for scale 1; else a generated folder with ``scale`` copies of every plan."""
    if scale <= 1:
        return DEFAULT_CORPUS
    out = BENCH_CACHE / f"corpus-x{scale}"
    marker = out / ".complete-v2"
    if marker.is_file():
        return out
    import tomllib

    out.mkdir(parents=True, exist_ok=True)
    catalog = tomllib.loads((DEFAULT_CORPUS / "catalog.toml").read_text(encoding="utf-8"))["document"]
    entries = []
    for copy in range(scale):
        for k, doc in enumerate(catalog):
            text = (DEFAULT_CORPUS / doc["file"]).read_text(encoding="utf-8")
            if copy == 0:
                name, doc_id, file, title, shorts = None, doc["id"], doc["file"], doc["title"], doc["short_names"]
            else:
                name = district(copy * len(catalog) + k)
                doc_id, file = f"{doc['id']}_{copy:03d}", f"{doc['id']}_{copy:03d}.txt"
                title = rename(doc["title"], name)
                shorts = [s for s in dict.fromkeys(rename(s, name) for s in doc["short_names"])
                          if s not in doc["short_names"]]  # a name no rename touched (高新) would match every copy
                text = rename(text, name)
            (out / file).write_text(text, encoding="utf-8")
            entries.append((doc_id, file, title, shorts))
    lines = []
    for doc_id, file, title, shorts in entries:
        lines += ["[[document]]", f"id = {json.dumps(doc_id)}", f"file = {json.dumps(file)}",
                  f"title = {json.dumps(title, ensure_ascii=False)}",
                  f"short_names = {json.dumps(shorts, ensure_ascii=False)}", ""]
    (out / "catalog.toml").write_text("\n".join(lines), encoding="utf-8")
    marker.write_text("ok", encoding="utf-8")
    return out


class CachingEmbedder:
    """Wraps an embedder; passage vectors are looked up by sha256 of the text before encoding."""

    def __init__(self, inner, folder: Path):
        self.inner = inner
        self.folder = folder
        self.cache: dict[str, np.ndarray] = {}
        self.misses = self.hits = 0
        self.encode_s = 0.0
        keys, vecs = folder / "keys.json", folder / "vectors.npy"
        if keys.is_file() and vecs.is_file():
            self.cache = dict(zip(json.loads(keys.read_text()), np.load(vecs), strict=True))

    def __getattr__(self, name):  # name, dim, fingerprint, count_tokens, ... of the real embedder
        return getattr(self.inner, name)

    def encode(self, texts: list[str], kind: str = "passage") -> np.ndarray:
        if kind != "passage":
            return self.inner.encode(texts, kind=kind)
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self.cache]
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        if todo:
            t = time.perf_counter()
            vecs = self.inner.encode([texts[i] for i in todo], kind="passage")
            self.encode_s += time.perf_counter() - t
            for i, v in zip(todo, vecs, strict=True):
                self.cache[keys[i]] = v
        return np.stack([self.cache[k] for k in keys]).astype(np.float32) if keys else self.inner.encode([], kind)

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = list(self.cache)
        (self.folder / "keys.json").write_text(json.dumps(keys))
        np.save(self.folder / "vectors.npy", np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, 1)))


def proc_status() -> dict[str, float]:
    """VmRSS and VmHWM (peak) of this process in MB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def pct(values: list[float], p: float) -> float:
    return round(float(np.percentile(np.asarray(values), p)), 2)


def build_phase(scale: int, model: str | None, index: Path) -> dict:
    from assistant.index.embed import load_embedder
    from assistant.index.indexer import build_index

    t = time.perf_counter()
    corpus = scaled_corpus(scale)
    gen_s = time.perf_counter() - t
    settings = load_settings(corpus=corpus, index=index, model=model)
    inner = load_embedder(settings)
    embedder = CachingEmbedder(inner, BENCH_CACHE / f"emb-{inner.fingerprint[:16]}")
    shutil.rmtree(index, ignore_errors=True)
    t = time.perf_counter()
    build = build_index(settings.sources, settings.index_dir, embedder, progress=sys.stderr.isatty(), force=True)
    build_s = time.perf_counter() - t
    embedder.save()
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    return {"corpus": str(corpus), "generate_s": round(gen_s, 2), "build_s": round(build_s, 2),
            "embedded_now": embedder.misses, "embedding_cache_hits": embedder.hits,
            "embed_s_now": round(embedder.encode_s, 2), "build_s_without_embedding": round(build_s - embedder.encode_s, 2),
            "documents": manifest["counts"]["documents"], "chunks": manifest["counts"]["chunks"],
            "dense_kind": manifest.get("dense_kind"), "index_mb": round(folder_bytes(build) / 2**20, 2),
            "index_files_mb": {name: round(meta["size"] / 2**20, 2) for name, meta in manifest["files"].items()
                               if meta["size"] > 2**20},
            "build_peak_rss_mb": proc_status().get("VmHWM"), "model": inner.name}


def query_phase(corpus: Path, model: str | None, index: Path, gold: Path, limit: int | None) -> dict:
    from assistant.evaluation.gold import load_gold
    from assistant.pipeline import Assistant

    base = proc_status()
    settings = load_settings(corpus=corpus, index=index, model=model)
    t = time.perf_counter()
    assistant = Assistant.open(settings, rebuild=False)
    open_s = time.perf_counter() - t
    opened = proc_status()
    items = load_gold(gold)[:limit] if limit else load_gold(gold)
    for it in items[:WARMUP]:  # model and jieba warm-up
        assistant.ask(it.question)
    search_ms, ask_ms = [], []
    for it in items:
        t = time.perf_counter()
        assistant.search(it.question, 10)
        search_ms.append((time.perf_counter() - t) * 1000)
        history = [{"question": h.question, "answer": h.answer} for h in it.history]
        t = time.perf_counter()
        assistant.ask(it.question, history=history)
        ask_ms.append((time.perf_counter() - t) * 1000)
    return {"open_s": round(open_s, 2), "rss_before_open_mb": base.get("VmRSS"), "rss_after_open_mb": opened.get("VmRSS"),
            "rss_after_queries_mb": proc_status().get("VmRSS"), "peak_rss_mb": proc_status().get("VmHWM"),
            "queries": len(items), "search_p50_ms": pct(search_ms, 50), "search_p95_ms": pct(search_ms, 95),
            "ask_p50_ms": pct(ask_ms, 50), "ask_p95_ms": pct(ask_ms, 95)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=int, default=1, help="copies of every plan (1: the bundled corpus)")
    p.add_argument("--model", help="embedding model (default: the built e5 model; 'hashing' for a dry run)")
    p.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "dev.jsonl", help="questions to time")
    p.add_argument("--limit", type=int, help="time only the first N questions")
    p.add_argument("--out", type=Path, help="JSON file (default: eval/results/bench_retrieval_x<scale>.json)")
    p.add_argument("--query-phase", action="store_true", help=argparse.SUPPRESS)  # the fresh-process half
    p.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.query_phase:
        print(json.dumps(query_phase(args.corpus, args.model, args.index, args.gold, args.limit)))
        return 0
    tag = (args.model or "e5").replace("/", "_").replace(":", "_")[-40:]
    index = BENCH_CACHE / f"index-x{args.scale}-{tag}"
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    build = build_phase(args.scale, args.model, index)
    print(json.dumps(build, ensure_ascii=False), flush=True)
    cmd = [sys.executable, __file__, "--query-phase", "--corpus", build["corpus"], "--index", str(index),
           "--gold", str(args.gold)] + (["--model", args.model] if args.model else []) + (
               ["--limit", str(args.limit)] if args.limit else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        return done.returncode
    query = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(query), flush=True)
    record = {"created": started, "scale": args.scale, "gold": str(args.gold), "build": build, "query": query,
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                          "loadavg_end": os.getloadavg()}}
    out = args.out or ROOT / "eval" / "results" / f"bench_retrieval_x{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
