"""Parse the plan markup (*.plan.txt) shared by the docx and pdf builders.

Markers:
  @T title | @H1S/@H1B chapter (Word heading style / bold paragraph) | @H2S/@H2B section
  @H1 @H2 @H3 generic heading levels | @H3 also used for 一、 in the docx plan
  @BOX title ... @END   boxed 专栏 (one-cell table / framed box)
  @BOXP title ... @END  titled paragraph block
  @TABLE [caption] ... | rows | ... [@NOTE note] @END
  @ANNEX title          annex heading (level 1)
Plain lines are body paragraphs.
"""
import re

LEVEL = {'H1S': 1, 'H1B': 1, 'H1': 1, 'ANNEX': 1, 'H2S': 2, 'H2B': 2, 'H2': 2, 'H3': 3}


def parse(path):
    blocks = []
    lines = open(path, encoding='utf-8').read().splitlines()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln.strip():
            i += 1
            continue
        m = re.match(r'@(\w+)\s?(.*)$', ln)
        if m:
            tag, rest = m.group(1), m.group(2).strip()
            if tag == 'T':
                blocks.append({'type': 'title', 'text': rest})
            elif tag in LEVEL:
                blocks.append({'type': 'heading', 'tag': tag, 'level': LEVEL[tag], 'text': rest})
            elif tag in ('BOX', 'BOXP'):
                items = []
                i += 1
                while lines[i] != '@END':
                    items.append(lines[i])
                    i += 1
                blocks.append({'type': 'box' if tag == 'BOX' else 'boxp', 'title': rest, 'items': items})
            elif tag == 'TABLE':
                rows, note = [], None
                i += 1
                while lines[i] != '@END':
                    l2 = lines[i]
                    if l2.startswith('@NOTE'):
                        note = l2[5:].strip()
                    else:
                        rows.append([c.strip() for c in l2.strip().strip('|').split('|')])
                    i += 1
                blocks.append({'type': 'table', 'caption': rest or None, 'rows': rows, 'note': note})
            else:
                raise ValueError(ln)
        else:
            blocks.append({'type': 'para', 'text': ln})
        i += 1
    return blocks


def row_line(cells):
    return '| ' + ' | '.join(cells) + ' |'


def to_text(blocks):
    """Exact running text in reading order (the src/<stem>.txt)."""
    out = []
    for b in blocks:
        t = b['type']
        if t in ('title', 'heading', 'para'):
            out.append(b['text'])
        elif t in ('box', 'boxp'):
            out.append(b['title'])
            out.extend(b['items'])
        elif t == 'table':
            if b['caption']:
                out.append(b['caption'])
            out.extend(row_line(r) for r in b['rows'])
            if b['note']:
                out.append(b['note'])
    return '\n'.join(out) + '\n'
