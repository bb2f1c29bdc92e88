# -*- coding: utf-8 -*-
"""Render source.txt (light markup) into plan.docx and dump plan_as_text.txt."""
import sys
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

SRC = '/work/blind23/source.txt'
OUT = '/work/blind23/plan.docx'
TXT = '/work/blind23/plan_as_text.txt'


def set_font(style_or_run, name, size=None, bold=None):
    f = style_or_run.font
    f.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn('w:rFonts'))
    if rfonts is None:
        rfonts = rpr.makeelement(qn('w:rFonts'), {})
        rpr.append(rfonts)
    rfonts.set(qn('w:eastAsia'), name)
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold


def cell_text(cell, text, bold=False, center=False, size=10.5):
    cell.text = ''
    p = cell.paragraphs[0]
    r = p.add_run(text)
    set_font(r, '宋体', size, bold)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def main():
    lines = open(SRC, encoding='utf-8').read().split('\n')
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    set_font(doc.styles['Normal'], '仿宋_GB2312', 16)
    doc.styles['Normal'].paragraph_format.first_line_indent = Pt(32)
    doc.styles['Normal'].paragraph_format.line_spacing = Pt(28)
    for name, size in (('Heading 1', 22), ('Heading 2', 18), ('Heading 3', 16)):
        st = doc.styles[name]
        set_font(st, '黑体', size, True)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if name != 'Heading 3' else None
        st.paragraph_format.first_line_indent = Pt(0)
    set_font(doc.styles['Title'], '方正小标宋简体', 22, True)

    # footer
    fp = sec.footer.paragraphs[0]
    fp.text = '岚溪县人民政府印发'
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    i = 0
    while i < len(lines):
        ln = lines[i].rstrip()
        i += 1
        if not ln:
            continue
        if ln.startswith('@COVER '):
            p = doc.add_paragraph(ln[7:], style='Title')
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif ln.startswith('@C '):
            p = doc.add_paragraph(ln[3:])
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
        elif ln.startswith('@H0 '):
            if ln.startswith('@H0 附表'):
                doc.add_page_break()
            doc.add_heading(ln[4:], level=1)
        elif ln.startswith('### '):
            doc.add_heading(ln[4:], level=3)
        elif ln.startswith('## '):
            doc.add_heading(ln[3:], level=2)
        elif ln.startswith('# '):
            doc.add_page_break()
            doc.add_heading(ln[2:], level=1)
        elif ln.startswith('@BOX') or ln in ('@IND', '@PROJ'):
            kind = ln.split(' ', 1)[0]
            title = ln.split(' ', 1)[1] if ' ' in ln else ''
            rows = []
            while lines[i].rstrip() != '@END':
                if lines[i].strip():
                    rows.append(lines[i].rstrip())
                i += 1
            i += 1
            if kind == '@BOX':
                t = doc.add_table(rows=1 + len(rows), cols=1)
                t.style = 'Table Grid'
                t.alignment = WD_TABLE_ALIGNMENT.CENTER
                cell_text(t.cell(0, 0), title, bold=True, center=True, size=12)
                for k, r in enumerate(rows):
                    cell_text(t.cell(k + 1, 0), r)
            elif kind == '@BOX2':
                t = doc.add_table(rows=1 + len(rows), cols=2)
                t.style = 'Table Grid'
                t.alignment = WD_TABLE_ALIGNMENT.CENTER
                m = t.cell(0, 0).merge(t.cell(0, 1))
                cell_text(m, title, bold=True, center=True, size=12)
                for k, r in enumerate(rows):
                    a, b = r.split('|', 1)
                    cell_text(t.cell(k + 1, 0), a, bold=True, center=True)
                    cell_text(t.cell(k + 1, 1), b)
                for row in t.rows:
                    row.cells[0].width = Cm(3.2)
                    row.cells[1].width = Cm(12.4)
            elif kind == '@IND':
                header = rows[0].split('|')
                body = [r.split('|') for r in rows[1:]]
                t = doc.add_table(rows=1 + len(body), cols=6)
                t.style = 'Table Grid'
                t.alignment = WD_TABLE_ALIGNMENT.CENTER
                for c, h in enumerate(header):
                    cell_text(t.cell(0, c), h, bold=True, center=True, size=10.5)
                start = 0
                for k, r in enumerate(body):
                    for c in range(1, 6):
                        cell_text(t.cell(k + 1, c), r[c], center=(c != 1), size=10.5)
                    last = (k == len(body) - 1) or body[k + 1][0] != r[0]
                    if last:
                        top = t.cell(start + 1, 0)
                        if k > start:
                            top = top.merge(t.cell(k + 1, 0))
                        cell_text(top, r[0], center=True, size=10.5)
                        start = k + 1
            elif kind == '@PROJ':
                header = rows[0].split('|')
                body = rows[1:]
                t = doc.add_table(rows=1 + len(body), cols=6)
                t.style = 'Table Grid'
                t.alignment = WD_TABLE_ALIGNMENT.CENTER
                for c, h in enumerate(header):
                    cell_text(t.cell(0, c), h, bold=True, center=True, size=10.5)
                for k, r in enumerate(body):
                    if r.startswith('*'):
                        m = t.cell(k + 1, 0).merge(t.cell(k + 1, 5))
                        cell_text(m, r[1:], bold=True, size=10.5)
                    else:
                        cells = r.split('|')
                        for c in range(6):
                            cell_text(t.cell(k + 1, c), cells[c], center=(c in (0, 3, 4)), size=10.5)
        elif ln.startswith('表') and ln[1:2].isdigit():
            p = doc.add_paragraph()
            r = p.add_run(ln)
            r.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
        else:
            p = doc.add_paragraph(ln)
            if ln.startswith('注：'):
                p.paragraph_format.first_line_indent = Pt(0)
                for r in p.runs:
                    r.font.size = Pt(12)
    doc.save(OUT)


def dump():
    doc = Document(OUT)
    out = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn('w:p'):
            t = Paragraph(child, doc).text
            if t.strip():
                out.append(t)
        elif child.tag == qn('w:tbl'):
            tbl = Table(child, doc)
            seen = []  # keep element refs alive so identity checks are reliable
            for row in tbl.rows:
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):
                        continue
                    seen.append(cell._tc)
                    if cell.text.strip():
                        out.append(cell.text)
    open(TXT, 'w', encoding='utf-8').write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
    dump()
