import re
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer,
                                Table, TableStyle, PageBreak, Flowable, NextPageTemplate)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

FONT = 'STSong-Light'
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TITLE = '禾阳省“十五五”水安全保障规划'

body = ParagraphStyle('body', fontName=FONT, fontSize=11.5, leading=20, alignment=TA_JUSTIFY,
                      wordWrap='CJK', firstLineIndent=23, spaceAfter=2)
item2 = ParagraphStyle('item2', parent=body, firstLineIndent=23)
cell = ParagraphStyle('cell', fontName=FONT, fontSize=9.5, leading=13, alignment=TA_LEFT, wordWrap='CJK')
cellc = ParagraphStyle('cellc', parent=cell, alignment=TA_CENTER)
boxp = ParagraphStyle('boxp', fontName=FONT, fontSize=10.5, leading=17, alignment=TA_JUSTIFY, wordWrap='CJK',
                      firstLineIndent=21)
note = ParagraphStyle('note', fontName=FONT, fontSize=9.5, leading=14, wordWrap='CJK', spaceBefore=3)


class BoldLine(Flowable):
    """Single-line heading drawn with fill+stroke (simulated bold for the CID font)."""
    def __init__(self, text, size=14, align='left', space_before=8, space_after=6, stroke=0.45, keep=True):
        super().__init__()
        self.text, self.size, self.align = text, size, align
        self.sb, self.sa, self.stroke = space_before, space_after, stroke
        self.keepWithNext = keep

    def wrap(self, aw, ah):
        self.aw = aw
        return aw, self.size * 1.35

    def getSpaceBefore(self):
        return self.sb

    def getSpaceAfter(self):
        return self.sa

    def draw(self):
        c = self.canv
        w = pdfmetrics.stringWidth(self.text, FONT, self.size)
        x = {'left': 0, 'center': (self.aw - w) / 2, 'indent': 2 * 11.5}[self.align]
        t = c.beginText(x, self.size * 0.3)
        t.setFont(FONT, self.size)
        t.setTextRenderMode(2)
        c.setLineWidth(self.stroke)
        t.textOut(self.text)
        c.drawText(t)


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def on_page(c, doc):
    c.saveState()
    c.setFont(FONT, 9)
    w, h = c._pagesize
    c.drawCentredString(w / 2, h - 1.55 * cm, TITLE)
    c.setLineWidth(0.6)
    c.line(2.5 * cm, h - 1.75 * cm, w - 2.5 * cm, h - 1.75 * cm)
    c.setFont(FONT, 10)
    c.drawCentredString(w / 2, 1.3 * cm, '— %d —' % (doc.page - 1))
    c.restoreState()


def on_title(c, doc):
    pass


def build_table(rows, widths, kind):
    head = rows[0]
    data = [[BoldLine(h, size=10, align='center', space_before=0, space_after=0, stroke=0.3, keep=False) for h in head]]
    style = [('GRID', (0, 0), (-1, -1), 0.6, colors.black),
             ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
             ('BACKGROUND', (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
             ('TOPPADDING', (0, 0), (-1, -1), 3), ('BOTTOMPADDING', (0, 0), (-1, -1), 4)]
    body_rows = rows[1:]
    if kind == 'ind':
        # category column spans
        start = 0
        for i in range(1, len(body_rows) + 1):
            if i == len(body_rows) or body_rows[i][0] != body_rows[start][0]:
                style.append(('SPAN', (0, start + 1), (0, i)))
                start = i
        prev = None
        for r in body_rows:
            cat = r[0] if r[0] != prev else ''
            prev = r[0]
            data.append([Paragraph(esc(cat), cellc), Paragraph(r[1], cellc), Paragraph(esc(r[2]), cell),
                         Paragraph(r[3], cellc), Paragraph(esc(r[4]), cellc), Paragraph(esc(r[5]), cellc),
                         Paragraph(r[6], cellc)])
    else:
        for r in body_rows:
            data.append([Paragraph(r[0], cellc), Paragraph(esc(r[1]), cell), Paragraph(esc(r[2]), cell),
                         Paragraph(esc(r[3]), cell), Paragraph(r[4], cellc), Paragraph(r[5], cellc)])
    t = Table(data, colWidths=[x * cm for x in widths], repeatRows=1)
    t.setStyle(TableStyle(style))
    return t


def build_box(title, lines):
    data = [[BoldLine(title, size=11.5, align='center', space_before=0, space_after=0, stroke=0.35, keep=False)]]
    for ln in lines:
        data.append([Paragraph(esc(ln), boxp)])
    t = Table(data, colWidths=[15.6 * cm])
    t.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 0.9, colors.black),
                           ('LINEBELOW', (0, 0), (-1, 0), 0.6, colors.black),
                           ('LEFTPADDING', (0, 0), (-1, -1), 8), ('RIGHTPADDING', (0, 0), (-1, -1), 8),
                           ('TOPPADDING', (0, 0), (-1, -1), 4), ('BOTTOMPADDING', (0, 0), (-1, -1), 4)]))
    return [Spacer(1, 6), t, Spacer(1, 8)]


def main():
    lines = open('/work/blind21/source.txt', encoding='utf-8').read().split('\n')
    story = []
    # title page
    story += [Spacer(1, 6 * cm),
              BoldLine(lines[0], size=24, align='center', space_after=14, stroke=0.6),
              BoldLine(lines[1], size=15, align='center', space_after=110, stroke=0.2),
              BoldLine(lines[2], size=14, align='center', space_after=6, stroke=0.2),
              BoldLine(lines[3], size=14, align='center', space_after=30, stroke=0.2),
              BoldLine(lines[4], size=14, align='center', stroke=0.2),
              NextPageTemplate('main'), PageBreak()]
    i = 5
    n = len(lines)
    while i < n:
        ln = lines[i].strip()
        if not ln:
            i += 1
            continue
        if ln == '前言' or re.match(r'^第[一二三四五六七八九十]+部分 ', ln):
            story.append(BoldLine(ln, size=16, align='center', space_before=16, space_after=10, stroke=0.5))
        elif ln.startswith('附表'):
            story.append(NextPageTemplate('land'))
            story.append(PageBreak())
            story.append(BoldLine(ln, size=14, align='center', space_before=4, space_after=10, stroke=0.45))
            rows = []
            i += 1
            while i < n and '|' in lines[i]:
                rows.append(lines[i].split('|'))
                i += 1
            story.append(build_table(rows, [1.0, 5.6, 4.2, 8.0, 2.9, 2.6], 'proj'))
            continue
        elif re.match(r'^表\d', ln):
            story.append(BoldLine(ln, size=12, align='center', space_before=6, space_after=6, stroke=0.35))
            rows = []
            i += 1
            while i < n and '|' in lines[i]:
                rows.append(lines[i].split('|'))
                i += 1
            story.append(build_table(rows, [2.1, 1.0, 5.9, 1.8, 1.8, 1.8, 1.5], 'ind'))
            if i < n and lines[i].startswith('注：'):
                story.append(Paragraph(esc(lines[i]), note))
                i += 1
            story.append(Spacer(1, 8))
            continue
        elif re.match(r'^专栏\d', ln):
            title = ln
            items = []
            i += 1
            while i < n and lines[i].strip() != '@endbox':
                if lines[i].strip():
                    items.append(lines[i].strip())
                i += 1
            story += build_box(title, items)
        elif re.match(r'^[一二三四五六七八九十]+、', ln) and '。' not in ln and len(ln) < 30:
            story.append(BoldLine(ln, size=13.5, align='indent', space_before=10, space_after=5, stroke=0.4))
        elif re.match(r'^（[一二三四五六七八九十]+）', ln) and '。' not in ln and len(ln) < 30:
            story.append(BoldLine(ln, size=12, align='indent', space_before=6, space_after=3, stroke=0.3))
        else:
            story.append(Paragraph(esc(ln), body))
        i += 1

    doc = BaseDocTemplate('/work/blind21/plan.pdf', pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                          topMargin=2.5 * cm, bottomMargin=2.3 * cm, title=TITLE, author='禾阳省发展和改革委员会')
    fr = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id='f')
    lw, lh = landscape(A4)
    frl = Frame(2.5 * cm, 2.2 * cm, lw - 5 * cm, lh - 4.5 * cm, id='fl')
    doc.addPageTemplates([PageTemplate('title', [fr], onPage=on_title),
                          PageTemplate('main', [fr], onPage=on_page),
                          PageTemplate('land', [frl], onPage=on_page, pagesize=landscape(A4))])
    doc.build(story)


if __name__ == '__main__':
    main()
