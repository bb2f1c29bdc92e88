#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Validate frames.jsonl. Exit code 0 = pass, 1 = fail."""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "frames.jsonl")
KINDS = ["greeting", "lead_in", "who", "purpose", "urgency", "thanks_tail",
         "particle_tail", "voice", "format", "combo"]
MIN = {k: 10 for k in KINDS}
MIN["combo"] = 20
TOTAL = 120
SAMPLES = ["渝中区2025年服务贸易额目标是多少？",
           "规划里对养老机构床位有什么要求？",
           "那吉林市呢？"]
# Characters/words that would smuggle topic, place, time or quantity into a frame.
BANNED = ["规划", "计划", "纲要", "方案", "政策", "项目", "目标", "指标",
          "年", "月", "日", "区", "市", "县", "省", "镇", "村", "%", "％",
          "零", "〇", "二", "三", "四", "五", "六", "七", "八", "九", "十",
          "百", "千", "万", "亿", "两"]
# One-character-class of Chinese numerals; "一" is allowed only inside these fixed words.
YI_OK = ["一下", "一个"]

errors = []

def bare(q):
    return re.sub(r"[？?。]$", "", q)  # remove only the final ？ / ? / 。

def apply(tpl, q):
    return tpl.replace("{q_bare}", bare(q)) if "{q_bare}" in tpl else tpl.replace("{q}", q)

def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

rows = []
with open(PATH, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            errors.append(f"line {n}: blank line"); continue
        try:
            obj = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: bad JSON: {e}"); continue
        if set(obj) != {"id", "kind", "template", "note"}:
            errors.append(f"line {n}: keys {sorted(obj)}")
        for key in ("id", "kind", "template", "note"):
            if not isinstance(obj.get(key), str) or not obj.get(key):
                errors.append(f"line {n}: field {key} missing/empty/non-string")
        rows.append(obj)

ids = [r.get("id") for r in rows]
for i, c in Counter(ids).items():
    if c > 1:
        errors.append(f"duplicate id {i}")
for r in rows:
    if not re.fullmatch(r"f\d{3}", str(r.get("id"))):
        errors.append(f"{r.get('id')}: id not of form fNNN")

cnt = Counter(r.get("kind") for r in rows)
for r in rows:
    if r.get("kind") not in KINDS:
        errors.append(f"{r.get('id')}: unknown kind {r.get('kind')!r}")
for k in KINDS:
    if cnt[k] < MIN[k]:
        errors.append(f"kind {k}: {cnt[k]} < {MIN[k]}")
if len(rows) != TOTAL:
    errors.append(f"total {len(rows)} != {TOTAL}")

seen_tpl = {}
for r in rows:
    t, rid = r.get("template", ""), r.get("id")
    nq, nb = t.count("{q}"), t.count("{q_bare}")
    if nq + nb != 1:
        errors.append(f"{rid}: needs exactly one placeholder, has {{q}}x{nq} {{q_bare}}x{nb}")
    rest = t.replace("{q_bare}", "").replace("{q}", "")
    if "{" in rest or "}" in rest:
        errors.append(f"{rid}: stray brace in template")
    if re.search(r"[0-9]", t):
        errors.append(f"{rid}: ASCII digit in template")
    for w in BANNED:
        if w in rest:
            errors.append(f"{rid}: banned topic/number token {w!r} in template")
    tmp = rest
    for w in YI_OK:
        tmp = tmp.replace(w, "")
    if "一" in tmp:
        errors.append(f"{rid}: numeral 一 outside {YI_OK}")
    if t in seen_tpl:
        errors.append(f"{rid}: identical template to {seen_tpl[t]}")
    seen_tpl[t] = rid
    for q in SAMPLES:
        out = apply(t, q)
        if q not in out and bare(q) not in out:
            errors.append(f"{rid}: applied output lacks question: {out!r}")
        if "{" in out:
            errors.append(f"{rid}: unreplaced placeholder in {out!r}")

# near-duplicates: frame text (placeholder normalised) differing by <= 1 edit
norm = [(r["id"], r.get("template", "").replace("{q_bare}", "\u0000").replace("{q}", "\u0000")) for r in rows]
for i in range(len(norm)):
    for j in range(i + 1, len(norm)):
        if lev(norm[i][1], norm[j][1]) <= 1:
            errors.append(f"near-duplicate: {norm[i][0]} vs {norm[j][0]} ({norm[i][1]!r} / {norm[j][1]!r})")

# report
print(f"frames: {len(rows)}")
print("counts per kind:")
for k in KINDS:
    print(f"  {k:14s} {cnt[k]:3d}  (min {MIN[k]})")
by_kind = defaultdict(list)
for r in rows:
    by_kind[r.get("kind")].append(r)
print("\nsample applications (3 per kind; sample question rotates):")
for k in KINDS:
    print(f"== {k}")
    for i, r in enumerate(by_kind[k][:3]):
        q = SAMPLES[i % len(SAMPLES)]
        print(f"  {r['id']}: {apply(r['template'], q)!r}")

if errors:
    print(f"\nFAIL: {len(errors)} problem(s)")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nPASS: all checks OK")
