"""Heading path of every line of src/<stem>.txt, derived from the plan markup."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import markup

BOX_LEVEL = 2  # a 专栏 sits directly under its chapter / top-level part


def line_paths(stem):
    blocks = markup.parse(os.path.join(HERE, stem + '.plan.txt'))
    stack, out = [], []
    for b in blocks:
        t = b['type']
        if t == 'title':
            out.append((b['text'], ''))
        elif t == 'heading':
            stack = [x for x in stack if x[0] < b['level']] + [(b['level'], b['text'])]
            out.append((b['text'], ' › '.join(x[1] for x in stack)))
        elif t == 'para':
            out.append((b['text'], ' › '.join(x[1] for x in stack)))
        elif t in ('box', 'boxp'):
            p = ' › '.join([x[1] for x in stack if x[0] < BOX_LEVEL] + [b['title']])
            out.append((b['title'], p))
            out += [(it, p) for it in b['items']]
        elif t == 'table':
            p = ' › '.join(x[1] for x in stack)
            if b['caption']:
                out.append((b['caption'], p))
            out += [(markup.row_line(r), p) for r in b['rows']]
            if b['note']:
                out.append((b['note'], p))
    text = markup.to_text(blocks)
    assert '\n'.join(l for l, _ in out) + '\n' == text
    return out


def paths_for(stem, quote):
    return sorted({p for l, p in line_paths(stem) if quote in l})
