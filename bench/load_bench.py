"""Load benchmark for the page's /ask endpoint (not a test).

Starts `python app.py` (or uses --url, loopback only), then N simulated users in this second process each ask
questions back to back (no think time: a closed loop at full load) over plain HTTP
(POST /gradio_api/call/ask, then read the event stream), for --duration seconds or --requests per user.
Reports throughput, p50/p95 latency and errors, and writes bench/results/load_<users>.json.

    python bench/load_bench.py                       # 20 users, real model if models/multilingual-e5-small exists
    python bench/load_bench.py --users 50 --duration 60
    python bench/load_bench.py --model hashing       # the fast fake embedder
    python bench/load_bench.py --url http://127.0.0.1:7860/
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
REAL_MODEL = ROOT / "models" / "multilingual-e5-small"
GOLD = ROOT / "eval" / "gold" / "dev.jsonl"
FALLBACK_QUESTIONS = [
    {"question": "高新区2025年外贸进出口总额目标是多少？"},
    {"question": "渝中区到2025年的总体发展目标是什么？"},
    {"question": "高新区规划建设哪些国际化医院项目？"},
    {"question": "高新区和渝中区2025年实际利用外资目标分别是多少？"},
    {"question": "那渝中区呢？", "history": [{"question": "高新区2025年外贸进出口总额目标是多少？", "answer": "3700亿元。"}]},
    {"question": "今年的天气怎么样？"},
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def load_questions(path: Path = GOLD) -> list[dict]:
    """Real staff-style questions (with their follow-up history) from the dev gold set, else a small list."""
    if not path.is_file():
        return FALLBACK_QUESTIONS
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append({"question": item["question"], "history": item.get("history") or []})
    return out or FALLBACK_QUESTIONS


def ask_once(http, base: str, item: dict, timeout: float) -> tuple[float, dict | None, str | None]:
    """One /ask call: (seconds, answer dict or None, error text or None)."""
    start = time.perf_counter()
    try:
        r = http.post(f"{base}gradio_api/call/ask", json={"data": [item["question"], None, item.get("history") or []]},
                      timeout=timeout)
        r.raise_for_status()
        event_id = r.json()["event_id"]
        event, data = None, None
        with http.stream("GET", f"{base}gradio_api/call/ask/{event_id}", timeout=timeout) as s:
            for line in s.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = line.split(":", 1)[1].strip()
                    break
        elapsed = time.perf_counter() - start
        if event != "complete":
            return elapsed, None, f"{event}: {data}"[:300]
        return elapsed, json.loads(data)[0], None
    except Exception as e:  # a failed request is a data point, not a crash
        return time.perf_counter() - start, None, f"{type(e).__name__}: {e}"[:300]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def attack_item() -> dict:
    """The most expensive request within the limits (bench/redteam.py): a pasted 2,000-character paragraph as the
    question and as each of 8 history turns."""
    sys.path.insert(0, str(ROOT / "bench"))
    from redteam import paragraph

    para = paragraph(2000)
    return {"question": para[:1999] + "？", "history": [{"question": para, "answer": para}] * 8}


def run_load(base: str, users: int, duration: float, per_user: int | None, questions: list[dict],
             timeout: float, attackers: int = 0) -> dict:
    import httpx

    records: list[tuple[float, float, dict | None, str | None]] = []  # (t_end, seconds, answer, error)
    attacks: list[tuple[float, str | None]] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(users + attackers + 1)
    evil = attack_item() if attackers else None

    def attacker() -> None:
        with httpx.Client() as http:
            start_gate.wait()
            while time.perf_counter() < deadline[0]:  # bounded: stops with the normal users' window
                secs, _ans, err = ask_once(http, base, evil, timeout)
                with lock:
                    attacks.append((secs, err))
    deadline = [0.0]

    def user(uid: int) -> None:
        with httpx.Client() as http:
            start_gate.wait()
            i = uid  # each user starts at a different question
            done = 0
            while time.perf_counter() < deadline[0] and (per_user is None or done < per_user):
                item = questions[i % len(questions)]
                secs, ans, err = ask_once(http, base, item, timeout)
                with lock:
                    records.append((time.perf_counter(), secs, ans, err))
                i += users
                done += 1

    threads = [threading.Thread(target=user, args=(u,), daemon=True) for u in range(users)]
    threads += [threading.Thread(target=attacker, daemon=True) for _ in range(attackers)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    deadline[0] = t0 + duration if per_user is None else t0 + 600
    start_gate.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0

    ok = [r for r in records if r[3] is None]
    lat = [r[1] * 1000 for r in ok]
    server = [r[2]["latency_ms"] for r in ok if r[2] and "latency_ms" in r[2]]
    errors = [r[3] for r in records if r[3] is not None]
    return {
        "requests": len(records), "ok": len(ok), "errors": len(errors), "error_samples": sorted(set(errors))[:10],
        "refused": sum(1 for r in ok if r[2] and r[2].get("refused")),
        "wall_s": round(wall, 2), "throughput_rps": round(len(ok) / wall, 2) if wall else None,
        "latency_ms": {"p50": _r(percentile(lat, .5)), "p95": _r(percentile(lat, .95)),
                       "p99": _r(percentile(lat, .99)), "mean": _r(statistics.fmean(lat) if lat else None),
                       "max": _r(max(lat) if lat else None)},
        "server_latency_ms": {"p50": _r(percentile(server, .5)), "p95": _r(percentile(server, .95))},
        "attackers": {"clients": attackers, "requests": len(attacks),
                      "refused_or_errors": sum(1 for a in attacks if a[1]),
                      "p95_ms": _r(percentile([a[0] * 1000 for a in attacks], .95))} if attackers else None,
    }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def git_sha() -> str | None:
    """Read from .git without running git."""
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            path = ROOT / ".git" / ref[5:]
            if path.is_file():
                return path.read_text().strip()
            packed = ROOT / ".git" / "packed-refs"
            for line in packed.read_text().splitlines():
                if line.endswith(ref[5:]):
                    return line.split()[0]
            return None
        return ref
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", help="a running app on loopback (default: start one)")
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    p.add_argument("--requests", type=int, help="stop each user after this many questions instead")
    p.add_argument("--warmup", type=int, default=8, help="sequential questions before measuring")
    p.add_argument("--model", choices=["auto", "real", "hashing"], default="auto",
                   help="embedder of the started app (auto: the real e5 model when it is built)")
    p.add_argument("--concurrency", type=int, help="app.py --concurrency for the started app")
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--attackers", type=int, default=0,
                   help="clients sending the most expensive request within the limits, back to back")
    p.add_argument("--out", type=Path, help="result file (default bench/results/load_<users>.json)")
    args = p.parse_args(argv)

    questions = load_questions()
    model = args.model
    if model == "auto":
        model = "real" if REAL_MODEL.is_dir() else "hashing"
    server = None
    if args.url:
        base = args.url if args.url.endswith("/") else args.url + "/"
        if urlparse(base).hostname not in LOOPBACK:
            p.error("--url must be on loopback (127.0.0.1): the benchmark never loads another machine")
        model = "external"
    else:
        from conftest import AppServer  # tests/conftest.py: start app.py on a free loopback port

        work = ROOT / ".cache" / "bench" / model  # the index is kept between runs
        extra = ("--concurrency", str(args.concurrency)) if args.concurrency else ()
        print(f"starting app.py ({model} model) ...", file=sys.stderr)
        server = AppServer(work, model=None if model == "real" else "hashing", args=extra, timeout=900).start()
        base = server.url
    try:
        import httpx

        with httpx.Client() as http:
            for item in questions[:args.warmup]:
                _, _, err = ask_once(http, base, item, args.timeout)
                if err:
                    print(f"warm-up error: {err}", file=sys.stderr)
        print(f"{args.users} users on {base} for "
              f"{f'{args.requests} questions each' if args.requests else f'{args.duration:.0f} s'} ...", file=sys.stderr)
        result = run_load(base, args.users, args.duration, args.requests, questions, args.timeout, args.attackers)
    finally:
        if server is not None:
            server.stop()

    report = {
        "benchmark": "load_ask", "created": datetime.now(UTC).isoformat(timespec="seconds"), "git_sha": git_sha(),
        "settings": {"attackers": args.attackers, "users": args.users, "duration_s": args.duration, "requests_per_user": args.requests,
                     "model": model, "app_concurrency": args.concurrency or "app default", "url": base,
                     "questions": len(questions), "transport": "HTTP POST /gradio_api/call/ask + SSE",
                     "think_time_s": 0},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "metrics": result,
    }
    suffix = f"_attack{args.attackers}" if args.attackers else ""
    out = args.out or ROOT / "bench" / "results" / f"load_{args.users}{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    m = result
    print(f"users={args.users} requests={m['requests']} errors={m['errors']} throughput={m['throughput_rps']} req/s "
          f"p50={m['latency_ms']['p50']} ms p95={m['latency_ms']['p95']} ms "
          f"(server p50={m['server_latency_ms']['p50']} ms) -> {out}")
    return 0 if m["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
