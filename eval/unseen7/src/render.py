import re
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

SRC = '/work/blind20/source.txt'
OUT = '/work/blind20/plan.docx'
lines = [l.rstrip('\n') for l in open(SRC, encoding='utf-8')]

doc = Document()
def set_font(style, name, size=None, bold=None):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn('w:rFonts'))
    if rfonts is None:
        rfonts = rpr.makeelement(qn('w:rFonts'), {})
        rpr.append(rfonts)
    rfonts.set(qn('w:eastAsia'), name)
    if size: style.font.size = Pt(size)
    if bold is not None: style.font.bold = bold
set_font(doc.styles['Normal'], '仿宋_GB2312', 16)
set_font(doc.styles['Title'], '方正小标宋简体', 22)
set_font(doc.styles['Heading 1'], '黑体', 16, False)
set_font(doc.styles['Heading 2'], '楷体_GB2312', 16, True)
set_font(doc.styles['Heading 3'], '仿宋_GB2312', 16, True)

TITLE = '柳溪区推进养老服务体系高质量发展三年行动方案（2026—2028年）'
CN = '一二三四五六七八九十'
h1_re = re.compile(r'^[%s]+、(.+)$' % CN)
h2_re = re.compile(r'^（[%s]+）[^。]{2,25}$' % CN)
h3_re = re.compile(r'^\d+\. [^。]{2,30}$')

def para(text, align=None, bold=False, indent=True):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if align is not None:
        p.alignment = align
    elif indent:
        p.paragraph_format.first_line_indent = Pt(32)
    return p

def add_simple_table(rows):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = 'Table Grid'
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            c = t.cell(i, j)
            c.text = v
            if i == 0:
                for r in c.paragraphs[0].runs: r.bold = True
    return t

def add_indicator_table(rows):
    header, body = rows[0], rows[1:]
    ncol = len(header)  # 7
    t = doc.add_table(rows=2 + len(body), cols=ncol)
    t.style = 'Table Grid'
    # two-row header: 指标名称 单位 2025年基期 | 目标值 (merged over 3) | 指标属性
    for j in (0, 1, 2, 6):
        t.cell(0, j).merge(t.cell(1, j))
        t.cell(0, j).text = header[j]
    m = t.cell(0, 3).merge(t.cell(0, 5))
    m.text = '目标值'
    for j in (3, 4, 5):
        t.cell(1, j).text = header[j]
    for i, row in enumerate(body, start=2):
        if len(row) == 1:  # category row spanning all columns
            c = t.cell(i, 0).merge(t.cell(i, ncol - 1))
            c.text = row[0]
            for r in c.paragraphs[0].runs: r.bold = True
        else:
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    for i in (0, 1):
        for c in t.rows[i].cells:
            for p in c.paragraphs:
                for r in p.runs: r.bold = True
    return t

h1 = None
i = 0
n = len(lines)
while i < n:
    l = lines[i]
    if not l.strip():
        i += 1; continue
    if i == 0:
        para(l, WD_ALIGN_PARAGRAPH.CENTER, bold=True); i += 1; continue
    if l.startswith('关于印发'):
        para(l, WD_ALIGN_PARAGRAPH.CENTER, bold=True); i += 1; continue
    if l.startswith('柳府办发'):
        para(l, WD_ALIGN_PARAGRAPH.CENTER); i += 1; continue
    if l.startswith('各街道办事处'):
        para(l, indent=False); i += 1; continue
    if i < 10 and (l == '梧川市柳溪区人民政府办公室' or re.match(r'^\d{4}年\d+月\d+日$', l)):
        para(l, WD_ALIGN_PARAGRAPH.RIGHT); i += 1; continue
    if l == '（此件公开发布）':
        para(l, indent=True); i += 1
        doc.add_page_break(); continue
    if l == TITLE:
        doc.add_paragraph(l, style='Title'); i += 1; continue
    if l.startswith('附件1 ') or l.startswith('附件2 '):
        doc.add_page_break()
        h1 = l
        doc.add_paragraph(l, style='Heading 1'); i += 1; continue
    m = h1_re.match(l)
    if m and '。' not in l and len(l) < 20:
        h1 = m.group(1)
        doc.add_paragraph(m.group(1), style='Heading 1'); i += 1; continue  # typed 一、 lost
    if h2_re.match(l):
        doc.add_paragraph(l, style='Heading 2'); i += 1; continue
    if h1 == '重点任务' and h3_re.match(l):
        doc.add_paragraph(l, style='Heading 3'); i += 1; continue
    if l.startswith('专栏 '):
        block = []
        while True:
            block.append(lines[i]); i += 1
            if block[-1].startswith('以上'): break
        t = doc.add_table(rows=1, cols=1)
        t.style = 'Table Grid'
        c = t.cell(0, 0)
        c.paragraphs[0].text = block[0]
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for r in c.paragraphs[0].runs: r.bold = True
        for b in block[1:]:
            c.add_paragraph(b)
        continue
    if l.startswith('|'):
        rows = []
        while i < n and lines[i].startswith('|'):
            rows.append(lines[i][1:].split('|')); i += 1
        if rows[0][0] == '指标名称':
            add_indicator_table(rows)
        else:
            add_simple_table(rows)
        continue
    if l.startswith('附件：'):
        para(l, indent=True); i += 1
        p = para(lines[i], indent=False); p.paragraph_format.left_indent = Pt(80); i += 1
        continue
    para(l); i += 1

doc.save(OUT)
print('saved', OUT)
