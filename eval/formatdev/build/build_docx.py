"""Build out/corpus/lanchuan_transport_2026_2030.docx and src/lanchuan_transport_2026_2030.txt (SYNTHETIC plan)."""
import os, sys
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, Cm, RGBColor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))  # /work/blind11
sys.path.insert(0, HERE)
import markup

STEM = 'lanchuan_transport_2026_2030'


def set_font(run, east='仿宋', size=None, bold=None):
    run.font.name = 'Times New Roman'
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn('w:rFonts'))
    if rfonts is None:
        rfonts = rpr.makeelement(qn('w:rFonts'), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn('w:eastAsia'), east)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def style_font(style, east, size, bold=False):
    style.font.name = 'Times New Roman'
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn('w:rFonts'))
    if rfonts is None:
        rfonts = rpr.makeelement(qn('w:rFonts'), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn('w:eastAsia'), east)
    for a in ('w:asciiTheme', 'w:hAnsiTheme', 'w:eastAsiaTheme'):
        if rfonts.get(qn(a)) is not None:
            del rfonts.attrib[qn(a)]


def body_para(doc, text, indent=True, east='仿宋', size=14, bold=False, align=None):
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.line_spacing = Pt(28)
    pf.space_after = Pt(0)
    if indent:
        pf.first_line_indent = Pt(size * 2)
    if align:
        p.alignment = align
    set_font(p.add_run(text), east=east, size=size, bold=bold)
    return p


def shade(cell, fill):
    tcPr = cell._element.get_or_add_tcPr()
    shd = tcPr.makeelement(qn('w:shd'), {qn('w:val'): 'clear', qn('w:color'): 'auto', qn('w:fill'): fill})
    tcPr.append(shd)


def cell_text(cell, text, bold=False, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER):
    cell.text = ''
    p = cell.paragraphs[0]
    p.alignment = align
    set_font(p.add_run(text), east='宋体', size=size, bold=bold)


def build():
    blocks = markup.parse(os.path.join(HERE, STEM + '.plan.txt'))
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.8)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    style_font(doc.styles['Normal'], '仿宋', 14)
    style_font(doc.styles['Heading 1'], '黑体', 16, bold=False)
    style_font(doc.styles['Heading 2'], '楷体', 15, bold=True)
    for st in ('Heading 1', 'Heading 2'):
        doc.styles[st].paragraph_format.space_before = Pt(12)
        doc.styles[st].paragraph_format.space_after = Pt(6)
    doc.core_properties.title = blocks[0]['text']
    doc.core_properties.author = '岚川市交通运输局（虚构样例）'

    for b in blocks:
        t = b['type']
        if t == 'title':
            p = body_para(doc, b['text'], indent=False, east='方正小标宋简体', size=22,
                          align=WD_ALIGN_PARAGRAPH.CENTER)
            p.paragraph_format.space_after = Pt(18)
            p.paragraph_format.line_spacing = Pt(36)
        elif t == 'heading':
            tag = b['tag']
            if tag == 'H1S':
                h = doc.add_heading('', level=1)
                h.alignment = WD_ALIGN_PARAGRAPH.CENTER
                set_font(h.add_run(b['text']), east='黑体', size=16)
            elif tag == 'H1B':
                p = body_para(doc, b['text'], indent=False, east='黑体', size=16, bold=True,
                              align=WD_ALIGN_PARAGRAPH.CENTER)
                p.paragraph_format.space_before = Pt(12)
                p.paragraph_format.space_after = Pt(6)
            elif tag == 'H2S':
                h = doc.add_heading('', level=2)
                set_font(h.add_run(b['text']), east='楷体', size=15, bold=True)
            elif tag == 'H2B':
                body_para(doc, b['text'], indent=False, east='楷体', size=15, bold=True)
            elif tag == 'H3':
                body_para(doc, b['text'], indent=True, east='仿宋', size=14, bold=True)
            else:
                raise ValueError(tag)
        elif t == 'para':
            body_para(doc, b['text'])
        elif t == 'box':
            tbl = doc.add_table(rows=1, cols=1)
            tbl.style = 'Table Grid'
            tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
            cell = tbl.cell(0, 0)
            shade(cell, 'F2F2F2')
            cell_text(cell, b['title'], bold=True, size=12)
            for it in b['items']:
                p = cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                set_font(p.add_run(it), east='仿宋', size=11)
            doc.add_paragraph()
        elif t == 'boxp':
            body_para(doc, b['title'], indent=False, east='黑体', size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
            for it in b['items']:
                body_para(doc, it, indent=True, east='楷体', size=13)
        elif t == 'table':
            if b['caption']:
                body_para(doc, b['caption'], indent=False, east='黑体', size=12,
                          align=WD_ALIGN_PARAGRAPH.CENTER)
            rows = b['rows']
            ncol = len(rows[0])
            tbl = doc.add_table(rows=len(rows), cols=ncol)
            tbl.style = 'Table Grid'
            tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell_text(tbl.cell(r, c), val, bold=(r == 0), size=10.5 if r else 11,
                              align=WD_ALIGN_PARAGRAPH.LEFT if (c in (1, 2) and r and ncol == 6 and rows[0][2].startswith('建设')) else WD_ALIGN_PARAGRAPH.CENTER)
                if r == 0:
                    for c in range(ncol):
                        shade(tbl.cell(0, c), 'D9D9D9')
            # merged 类别 cells: consecutive identical values in column 0 (indicator table only)
            if rows[0][0] == '类别':
                r = 1
                while r < len(rows):
                    e = r
                    while e + 1 < len(rows) and rows[e + 1][0] == rows[r][0]:
                        e += 1
                    if e > r:
                        m = tbl.cell(r, 0).merge(tbl.cell(e, 0))
                        cell_text(m, rows[r][0], bold=True)
                    r = e + 1
            if b['note']:
                body_para(doc, b['note'], indent=False, east='仿宋', size=11)
            else:
                doc.add_paragraph()
        else:
            raise ValueError(t)

    os.makedirs(os.path.join(ROOT, 'out', 'corpus'), exist_ok=True)
    os.makedirs(os.path.join(ROOT, 'src'), exist_ok=True)
    doc.save(os.path.join(ROOT, 'out', 'corpus', STEM + '.docx'))
    with open(os.path.join(ROOT, 'src', STEM + '.txt'), 'w', encoding='utf-8') as f:
        f.write(markup.to_text(blocks))


if __name__ == '__main__':
    build()
    print('built', STEM)
