"""Compare gazetteer packages for place mentions: install size, load time, memory, correctness.

    python bench/gazetteer_bench.py [--jionlp-path DIR] [--cpca-path DIR]

Each candidate runs in its own subprocess (load time and peak RSS are its own). Correctness: the mention must
resolve to the expected full name (None: must not resolve to anything). Results go to stdout as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (mention, accepted full names); an empty tuple means "not an administrative area"
MENTIONS = [
    ("吉林省", ("吉林省",)), ("吉林", ("吉林省", "吉林市")), ("安徽", ("安徽省",)), ("山西省", ("山西省",)),
    ("湖北", ("湖北省",)), ("重庆", ("重庆市",)), ("北京市", ("北京市",)),
    ("长春", ("长春市",)), ("长春市", ("长春市",)), ("吕梁", ("吕梁市",)), ("吕梁市", ("吕梁市",)),
    ("深圳", ("深圳市",)), ("咸宁市", ("咸宁市",)), ("合肥", ("合肥市",)),
    ("万州", ("万州区",)), ("万州区", ("万州区",)), ("开州", ("开州区",)), ("开州区", ("开州区",)),
    ("渝中", ("渝中区",)), ("渝中区", ("渝中区",)), ("孝义", ("孝义市",)), ("孝义市", ("孝义市",)),
    ("崇阳", ("崇阳县",)), ("崇阳县", ("崇阳县",)), ("南山区", ("南山区",)), ("福田区", ("福田区",)),
    ("交城县", ("交城县",)), ("汾阳", ("汾阳市",)),
    ("白霓镇", ("白霓镇",)), ("天城镇", ("天城镇",)), ("粤海街道", ("粤海街道",)), ("兑镇镇", ("兑镇镇",)),
    ("表1中", ()), ("表1-1中", ()), ("中", ()), ("城乡", ()), ("东部", ()), ("国内", ()), ("沿线", ()),
    ("全市", ()), ("全国", ()), ("中心城区", ()), ("实验室", ()), ("研究院", ()),
]

JIONLP = """
import json, resource, sys, time
t = time.perf_counter()
from assistant.answer.gazetteer import gazetteer
g = gazetteer()
load = time.perf_counter() - t
res = {m: sorted({a.name for a in g.lookup(m)}) for m in json.loads(sys.argv[1])}
print(json.dumps({"load_s": load, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "res": res}))
"""
CPCA = """
import json, resource, sys, time
t = time.perf_counter()
import cpca
cpca.transform(["长春市"])
load = time.perf_counter() - t
res = {}
for m in json.loads(sys.argv[1]):
    row = cpca.transform([m]).iloc[0]
    res[m] = [v for v in (row["区"], row["市"], row["省"]) if isinstance(v, str) and v][:1]
print(json.dumps({"load_s": load, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "res": res}))
"""


def run(code: str, path: str | None) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (path, str(ROOT)) if p))
    out = subprocess.run([sys.executable, "-c", code, json.dumps([m for m, _ in MENTIONS])], env=env,
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def score(res: dict) -> tuple[int, list[str]]:
    wrong = []
    for m, want in MENTIONS:
        got = res.get(m, [])
        ok = (not got) if not want else any(g in want for g in got)
        if not ok:
            wrong.append(f"{m}->{got or '∅'}")
    return len(MENTIONS) - len(wrong), wrong


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jionlp-path", help="a folder holding jionlp (default: installed)")
    p.add_argument("--cpca-path", help="a folder holding cpca and pyahocorasick (default: installed)")
    a = p.parse_args()
    for name, code, path in (("jionlp table", JIONLP, a.jionlp_path), ("cpca", CPCA, a.cpca_path)):
        r = run(code, path)
        ok, wrong = score(r["res"])
        print(f"{name}: load {r['load_s']:.2f} s, peak RSS {r['rss_mb']:.0f} MB, "
              f"{ok}/{len(MENTIONS)} mentions right; wrong: {', '.join(wrong) or 'none'}")


if __name__ == "__main__":
    main()
