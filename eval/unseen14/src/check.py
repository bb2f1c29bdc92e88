#!/usr/bin/env python3
"""Validate questions.jsonl against FORMAT_GOLD.md and the brief. Exit 0 only if all checks pass."""
import json, re, sys, pathlib
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
DOC = 'qixiawan_jiaoyu_15th'
CORPUS = (HERE / 'corpus' / f'{DOC}.txt').read_text(encoding='utf-8')
CLEAN = (HERE / 'src' / 'plan_clean.txt').read_text(encoding='utf-8')
LINES = CORPUS.split('\n')
LINE_START = []
pos = 0
for l in LINES:
    LINE_START.append(pos); pos += len(l) + 1
CATS = {'indicator', 'text_number', 'goal', 'project', 'location', 'comparison', 'list', 'followup', 'unanswerable'}
WANT = {'indicator': (8, 12), 'text_number': (10, 14), 'list': (6, 10), 'goal': (4, 7), 'location': (4, 7),
        'project': (5, 8), 'followup': (5, 8), 'unanswerable': (8, 11), 'comparison': (0, 0)}
errors = []
def err(i, msg): errors.append(f'{i}: {msg}')
nows = lambda s: re.sub(r'\s+', '', s)
FLAT = nows(CORPUS); FLAT_CLEAN = nows(CLEAN)

def is_cell_or_heading(q):
    """exempt from the 8-60 rule: a whole (trimmed) line, or a table cell bounded by spaces/| or line ends"""
    for m in re.finditer(re.escape(q), CORPUS):
        a, b = m.start(), m.end()
        left = CORPUS[a - 1] if a else '\n'
        right = CORPUS[b] if b < len(CORPUS) else '\n'
        line = LINES[CORPUS.count('\n', 0, a)]
        if line.strip() == q.strip():
            return True
        if left in ' |\n' and right in ' |\n' and re.search(r'\S(\s{2,}| \| | )\S', line) and \
           (re.search(r' {2,}| \| ', line) or len(line.strip()) < 30):
            return True
    return False

def heading_ok(i, heading, quote):
    segs = heading.split(' › ')
    start = 0
    for s in segs:
        found = None
        for k in range(start, len(LINES)):
            if LINES[k].strip() == s and s:
                found = k; break
        if found is None:
            err(i, f'heading segment not a line (in order): {s!r}'); return
        start = found + 1
    at = CORPUS.find(quote, LINE_START[start - 1])
    if at < 0:
        err(i, f'quote not found after heading {segs[-1]!r}: {quote!r}')
    return at

items = []
raw = (HERE / 'questions.jsonl').read_text(encoding='utf-8').splitlines()
for n, line in enumerate(raw, 1):
    try:
        items.append(json.loads(line))
    except Exception as e:
        err(f'line{n}', f'bad JSON {e}')
ids = [it.get('id') for it in items]
if len(items) != 60: err('file', f'{len(items)} items, want 60')
if ids != [f'b34-{k:03d}' for k in range(1, len(items) + 1)]: err('file', 'ids not b34-001.. in order')
if len(set(ids)) != len(ids): err('file', 'duplicate ids')
second_half = 0
half = len(CORPUS) / 2
for it in items:
    i = it.get('id', '?')
    for f, t in [('id', str), ('question', str), ('category', str), ('answer', str), ('must_contain', list),
                 ('evidence', list), ('expect_refusal', bool)]:
        if not isinstance(it.get(f), t): err(i, f'field {f} missing or not {t.__name__}')
    if it.get('doc') != DOC: err(i, 'doc')
    extra = set(it) - {'id', 'question', 'history', 'doc', 'category', 'answer', 'must_contain', 'evidence', 'expect_refusal'}
    if extra: err(i, f'unknown fields {extra}')
    cat = it.get('category')
    if cat not in CATS: err(i, f'bad category {cat}')
    unans = cat == 'unanswerable'
    if it.get('expect_refusal') != unans: err(i, 'expect_refusal inconsistent with category')
    if unans:
        if it['answer'] or it['must_contain'] or it['evidence']: err(i, 'unanswerable must have empty answer/must/evidence')
    else:
        if not it['answer'] or not it['must_contain'] or not it['evidence']: err(i, 'answerable item lacks answer/must/evidence')
    hist = it.get('history')
    if cat == 'followup':
        if not isinstance(hist, list) or not 1 <= len(hist) <= 2: err(i, 'followup needs 1-2 history turns')
        else:
            for h in hist:
                if set(h) != {'question', 'answer'} or not h['question'] or not h['answer']: err(i, 'bad history turn')
    elif hist is not None:
        err(i, 'history only for followup')
    # wording: no 12-char copies of the plan
    for q in [it['question']] + [h['question'] for h in (hist or [])]:
        s = nows(q)
        for k in range(len(s) - 11):
            w = s[k:k + 12]
            if w in FLAT or w in FLAT_CLEAN:
                err(i, f'question copies plan text: {w}'); break
    quotes = []
    late = False
    for e in it['evidence']:
        if set(e) != {'doc', 'quote', 'heading'}: err(i, f'evidence fields {set(e)}'); continue
        q = e['quote']
        if e['doc'] != DOC: err(i, 'evidence doc')
        if '\n' in q: err(i, 'quote has newline')
        if q not in CORPUS: err(i, f'quote not in corpus: {q!r}'); continue
        if not is_cell_or_heading(q) and not 8 <= len(q) <= 60: err(i, f'running-text quote length {len(q)}: {q!r}')
        if not e['heading']: err(i, 'empty heading')
        else:
            at = heading_ok(i, e['heading'], q)
            if at is not None and at > half: late = True
        quotes.append(nows(q))
    second_half += late
    for m in it['must_contain']:
        if not isinstance(m, str) or not 2 <= len(m) <= 12: err(i, f'must_contain length: {m!r}')
        elif not any(nows(m) in qq for qq in quotes): err(i, f'must_contain not in a quote: {m!r}')
cnt = Counter(it.get('category') for it in items)
for c, (lo, hi) in WANT.items():
    if not lo <= cnt.get(c, 0) <= hi: err('mix', f'{c}: {cnt.get(c, 0)} not in [{lo},{hi}]')
if second_half < 20: err('mix', f'only {second_half} items with evidence in the second half of the file')
print('items:', len(items), 'categories:', dict(sorted(cnt.items())), 'second-half evidence items:', second_half)
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for e in errors: print('  ', e)
    sys.exit(1)
print('OK: all checks passed')
