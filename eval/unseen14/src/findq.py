# helper for writing gold: python3 src/findq.py STRING -> lines containing it and the heading path
import sys, re
L = open('corpus/qixiawan_jiaoyu_15th.txt', encoding='utf-8').read().split('\n')
def level(s, prev=''):
    s = s.strip()
    if re.match(r'^附件\s*\d', s): return 1
    if re.match(r'^附件\s*\d', prev.strip()) and s: return 2
    if re.match(r'^第[一二三四五六七八九十]+章', s): return 1
    if re.match(r'^第[一二三四五六七八九十]+节', s): return 2
    if re.match(r'^(专栏\d|表\d|附件)', s): return 3
    if re.match(r'^[一二三四五六七八九十]+[、．.]', s) and len(s) < 26: return 3
    return 0
for q in sys.argv[1:]:
    for i, l in enumerate(L):
        if q in l:
            stack = {}
            for j in range(i + 1):
                lv = level(L[j], L[j-1] if j else '')
                if lv and j != i:
                    stack[lv] = L[j].strip()
                    for k in list(stack):
                        if k > lv: del stack[k]
            print(i + 1, repr(l), ' › '.join(stack[k] for k in sorted(stack)))
