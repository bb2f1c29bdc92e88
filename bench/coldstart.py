"""Cold start, input checks, model-free commands, cold build, warm ask latency and memory, as a user meets them.

    python bench/coldstart.py                      # everything (build: median of 3 cold builds, empty index)
    python bench/coldstart.py --builds 0 --runs 3  # skip the cold builds
    python bench/coldstart.py --runtime sentence-transformers   # the torch path, for comparison

Every figure is a fresh ``python -m assistant ...`` process (wall time, and user+sys CPU time of the child,
which a busy shared machine inflates far less than wall time), the median of ``--runs``; the machine's
load average is recorded with each one. Not a test and not for CI. Writes
bench/results/coldstart[_<runtime>].json. Indexes live in .cache/bench/coldstart-<runtime>/ (never index/).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "2025年外贸进出口总额目标是多少？"


def load() -> float:
    return round(os.getloadavg()[0], 2)


def timed(argv: list[str], env: dict[str, str], runs: int, fresh: Path | None = None) -> dict:
    """Median wall and CPU seconds (user + sys, all threads) of ``python -m assistant ARGV`` over ``runs``
    fresh processes; ``fresh`` is a folder removed before each run (a cold build re-uses no vectors)."""
    walls, cpus, loads, codes = [], [], [], set()
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        loads.append(load())
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "assistant", *argv], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        codes.add(proc.returncode)
    return {"argv": argv[:1] + [a if len(a) < 40 else a[:12] + f"…({len(a)} chars)" for a in argv[1:]],
            "wall_s": round(statistics.median(walls), 3), "cpu_s": round(statistics.median(cpus), 3),
            "walls": [round(w, 3) for w in walls], "load_1min": loads, "exit_codes": sorted(codes)}


MEMORY_SCRIPT = """
import json, resource, sys, time
from assistant.config import load_settings
from assistant.pipeline import Assistant
def rss():
    return int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1]) / 1024
a = Assistant.open(load_settings())
after_open = rss()
a.ask(sys.argv[1])
after_ask = rss()
questions = [json.loads(l)['question'] for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
for q in questions[:3]:
    a.ask(q)
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
ms, cpu_ms = [], []
for q in questions:
    t, c = time.perf_counter(), cpu(); a.ask(q)
    ms.append((time.perf_counter() - t) * 1000); cpu_ms.append((cpu() - c) * 1000)
ms.sort(); cpu_ms.sort()
p50, p95 = len(ms) // 2, int(len(ms) * 0.95)
print(json.dumps({"rss_after_open_mb": round(after_open), "rss_after_first_ask_mb": round(after_ask),
                  "warm_ask_p50_ms": round(ms[p50], 1), "warm_ask_p95_ms": round(ms[p95], 1),
                  "warm_ask_cpu_p50_ms": round(cpu_ms[p50], 1), "warm_ask_cpu_p95_ms": round(cpu_ms[p95], 1),
                  "questions": len(ms), "embedder": a.embedder.name}))
"""


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5, help="fresh processes per figure (median)")
    p.add_argument("--builds", type=int, default=3, help="cold builds (build --force) to take the median of")
    p.add_argument("--runtime", default="auto", choices=["auto", "sentence-transformers"])
    p.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "dev.jsonl")
    args = p.parse_args()
    index = ROOT / ".cache" / "bench" / f"coldstart-{args.runtime}"
    env = {**os.environ, "ASSISTANT_EMBED_RUNTIME": args.runtime, "ASSISTANT_INDEX": str(index),
           "PYTHONPATH": str(ROOT)}
    out: dict = {"git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True).stdout.strip(),
                 "runtime": args.runtime, "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "load_at_start": os.getloadavg()}
    # as installed: bytecode compiled (a sandbox's PYTHONDONTWRITEBYTECODE would else recompile every module
    # in every process, about 0.1 s CPU of each cold start)
    compileall.compile_dir(ROOT / "assistant", quiet=1)
    subprocess.run([sys.executable, "-m", "assistant", "build"], cwd=ROOT, env=env, check=True)
    if args.builds:
        cold = index.parent / f"{index.name}-cold"
        out["build_cold"] = timed(["build", "--force", "--index", str(cold)], env, args.builds, fresh=cold)
    out["ask_cold"] = timed(["ask", QUESTION], env, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        checks = {"empty": ["ask", ""], "whitespace": ["ask", "   "], "too_long": ["ask", "问" * 2001],
                  "bad_doc": ["ask", "--doc", "nosuchplan", QUESTION],
                  "unreadable_batch": ["ask", "--json", "--batch", str(Path(tmp) / "missing.jsonl")]}
        out["input_checks"] = {k: timed(v, env, args.runs) for k, v in checks.items()}
    model_free = {"outline": ["outline"], "indicators": ["indicators"]}
    if subprocess.run([sys.executable, "-m", "assistant", "tables", "--help"], cwd=ROOT, env=env,
                      capture_output=True).returncode == 0:
        model_free["tables"] = ["tables"]
    out["model_free"] = {k: timed(v, env, args.runs) for k, v in model_free.items()}
    mem = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, QUESTION, str(args.gold)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    out["memory_and_warm_ask"] = json.loads(mem.stdout.strip().splitlines()[-1])
    out["load_at_end"] = os.getloadavg()
    name = "coldstart.json" if args.runtime == "auto" else f"coldstart_{args.runtime}.json"
    target = ROOT / "bench" / "results" / name
    target.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items()}, ensure_ascii=False, indent=1)[:4000])
    print(f"written {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
