#!/usr/bin/env python3
"""Validate /work/blind32/questions.jsonl against the synthetic plan.

Exit code 0 only when every check passes.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
STEM = 'cangwu_weijian_15th'
PLAN = os.path.join(HERE, 'plan', STEM + '.md')
QFILE = os.path.join(HERE, 'questions.jsonl')
PREFIX = 'b32-'
N_ITEMS = 60
EXPECTED = {'indicator': 9, 'text_number': 9, 'goal': 5, 'project': 6, 'list': 7,
            'location': 5, 'comparison': 4, 'followup': 6, 'unanswerable': 9}
REQUIRED = ['id', 'question', 'doc', 'category', 'answer', 'must_contain', 'evidence', 'expect_refusal']
ALLOWED = set(REQUIRED) | {'history'}
SEP = ' › '
COPY_LIMIT = 12          # a question may not share this many consecutive characters with the plan
QMIN, QMAX = 8, 60       # running-text quote length
MCMIN, MCMAX = 2, 12     # must_contain length

errors = []


def err(iid, msg):
    errors.append(f'{iid}: {msg}')


# ---------------------------------------------------------------- plan parsing
text = open(PLAN, encoding='utf-8').read()
lines = text.split('\n')
line_start = []
pos = 0
for ln in lines:
    line_start.append(pos)
    pos += len(ln) + 1

ATX = re.compile(r'^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$')
ATTR = re.compile(r'\s*\{[^}]*\}\s*$')


def clean_heading(s):
    return ATTR.sub('', s).strip()


def box_title(s):
    s = s.strip().strip('|').strip()
    s = re.sub(r'\[([^\]]*)\]\{[^}]*\}', r'\1', s)
    return s.replace('**', '').strip()


# path per line, heading-line set, box membership
path_of = [''] * len(lines)
heading_text_lines = set()
stack = []          # list of (level, text)
box = None          # current box title
in_grid_box = False
in_div_box = False
div_title_pending = False
i = 0
while i < len(lines):
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ''
    level = None
    m = ATX.match(ln)
    if m and not in_grid_box and not in_div_box:
        level, htext = len(m.group(1)), clean_heading(m.group(2))
    elif (ln.strip() and not ln.startswith(('|', '+', ':', '<', '-', '=')) and
          re.fullmatch(r'=+', nxt.strip() or 'x') and not in_grid_box):
        level, htext = 1, clean_heading(ln)
    elif (ln.strip() and not ln.startswith(('|', '+', ':', '<', '-', '=')) and
          re.fullmatch(r'-{3,}', nxt.strip() or 'x') and not in_grid_box):
        level, htext = 2, clean_heading(ln)
    if level is not None:
        stack = [s for s in stack if s[0] < level] + [(level, htext)]
        heading_text_lines.add(i)
        if not m:
            heading_text_lines.add(i + 1)
    base = SEP.join(s[1] for s in stack)
    # grid single-cell boxes ("专栏")
    if ln.startswith('+-') and not in_grid_box and re.match(r'^\|\s*(\*\*|\[)专栏', nxt):
        in_grid_box = True
        box = box_title(nxt)
    elif ln.startswith('+-') and in_grid_box and i > 0 and lines[i - 1].startswith('|'):
        # closing border of the box
        path_of[i] = base + SEP + box
        in_grid_box = False
        box = None
        i += 1
        continue
    # fenced div boxes
    if ln.startswith('::: {.box}'):
        in_div_box = True
        div_title_pending = True
    elif ln.strip() == ':::' and in_div_box:
        path_of[i] = base + SEP + box
        in_div_box = False
        box = None
        i += 1
        continue
    elif in_div_box and div_title_pending and ln.strip():
        box = box_title(ln)
        div_title_pending = False
    if re.match(r'^\[\^\d+\]:', ln):
        path_of[i] = '脚注'
    elif box:
        path_of[i] = base + SEP + box
    else:
        path_of[i] = base
    i += 1


def line_of(offset):
    lo, hi = 0, len(line_start) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_start[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def cells_of(ln):
    """Whole-cell texts on a line: HTML cells, pipe/grid cells, list items."""
    out = set()
    for mm in re.finditer(r'<t[dh][^>]*>(.*?)</t[dh]>', ln):
        out.add(mm.group(1).strip())
    if ln.startswith('|'):
        for c in ln.strip().strip('|').split('|'):
            out.add(c.strip())
    mm = re.match(r'^\s*(?:-|\d+\.)\s+(.*)$', ln)
    if mm:
        out.add(mm.group(1).strip())
    return out


def occurrences(q):
    res = []
    start = 0
    while True:
        k = text.find(q, start)
        if k < 0:
            return res
        res.append(k)
        start = k + 1


def nows(s):
    return re.sub(r'\s+', '', s)


# ---------------------------------------------------------------- questions
items = []
with open(QFILE, encoding='utf-8') as f:
    for n, raw in enumerate(f, 1):
        if not raw.strip():
            err(f'line{n}', 'blank line')
            continue
        try:
            items.append(json.loads(raw))
        except json.JSONDecodeError as e:
            err(f'line{n}', f'invalid JSON: {e}')

ids = [it.get('id') for it in items]
if len(ids) != len(set(ids)):
    err('file', f'duplicate ids: {[k for k, v in Counter(ids).items() if v > 1]}')
want = [f'{PREFIX}{k:03d}' for k in range(1, N_ITEMS + 1)]
if ids != want:
    err('file', f'ids not contiguous {PREFIX}001..{PREFIX}{N_ITEMS:03d}')

cats = Counter(it.get('category') for it in items)
for c, k in EXPECTED.items():
    if cats.get(c, 0) != k:
        err('file', f'category {c}: {cats.get(c, 0)} (expected {k})')
for c in cats:
    if c not in EXPECTED:
        err('file', f'unknown category {c}')


def copies(q):
    for a in range(0, len(q) - COPY_LIMIT + 1):
        if q[a:a + COPY_LIMIT] in text:
            return q[a:a + COPY_LIMIT]
    return None


for it in items:
    iid = it.get('id', '?')
    for k in REQUIRED:
        if k not in it:
            err(iid, f'missing field {k}')
    for k in it:
        if k not in ALLOWED:
            err(iid, f'unexpected field {k}')
    if any(k not in it for k in REQUIRED):
        continue
    if not isinstance(it['question'], str) or not it['question'].strip():
        err(iid, 'empty question')
    if it['doc'] not in (STEM, None):
        err(iid, f'bad doc {it["doc"]!r}')
    cat = it['category']
    # refusal consistency
    if it['expect_refusal'] is not (cat == 'unanswerable'):
        err(iid, 'expect_refusal must be true exactly for unanswerable')
    if cat == 'unanswerable':
        if it['answer'] != '' or it['must_contain'] != [] or it['evidence'] != []:
            err(iid, 'unanswerable needs empty answer/must_contain/evidence')
    else:
        if not it['answer'].strip():
            err(iid, 'empty answer')
        if not it['must_contain']:
            err(iid, 'empty must_contain')
        if not it['evidence']:
            err(iid, 'empty evidence')
    # history
    hist = it.get('history')
    if cat == 'followup':
        if not isinstance(hist, list) or not 1 <= len(hist) <= 2:
            err(iid, 'followup needs 1-2 history turns')
    elif hist:
        err(iid, 'history only allowed on followup items')
    if hist:
        for h in hist:
            if set(h) != {'question', 'answer'} or not h['question'] or not h['answer']:
                err(iid, 'bad history turn')
    # no long copy from the plan (question and history questions)
    for q in [it['question']] + [h.get('question', '') for h in (hist or [])]:
        c = copies(q)
        if c:
            err(iid, f'question copies plan text: {c!r}')
    # evidence
    quotes = []
    for ev in it['evidence']:
        if set(ev) != {'doc', 'quote', 'heading'}:
            err(iid, f'bad evidence keys {sorted(ev)}')
            continue
        q, h = ev['quote'], ev['heading']
        quotes.append(q)
        if ev['doc'] != STEM:
            err(iid, f'evidence doc {ev["doc"]!r}')
        if '\n' in q or '\r' in q:
            err(iid, f'quote has a newline: {q!r}')
            continue
        occ = occurrences(q)
        if not occ:
            err(iid, f'quote not in plan: {q!r}')
            continue
        lns = [line_of(o) for o in occ]
        exempt = any(q in cells_of(lines[l]) or l in heading_text_lines for l in lns)
        if not exempt and not QMIN <= len(q) <= QMAX:
            err(iid, f'running-text quote length {len(q)} outside {QMIN}-{QMAX}: {q!r}')
        paths = {path_of[l] for l in lns}
        if h not in paths:
            err(iid, f'heading {h!r} does not match {sorted(paths)} for {q!r}')
    # must_contain
    joined = [nows(q) for q in quotes]
    for mc in it['must_contain']:
        if not MCMIN <= len(mc) <= MCMAX:
            err(iid, f'must_contain length {len(mc)}: {mc!r}')
        if not any(nows(mc) in q for q in joined):
            err(iid, f'must_contain not in any quote: {mc!r}')

print(f'items: {len(items)}')
print('categories: ' + ', '.join(f'{c}={cats.get(c, 0)}' for c in EXPECTED))
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for e in errors:
        print('  ' + e)
    sys.exit(1)
print('OK: all checks passed')
sys.exit(0)
