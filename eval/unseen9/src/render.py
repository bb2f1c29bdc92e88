# Render source.txt -> plan.pdf (reportlab Platypus), then plan_as_text.txt via pdfplumber.
# Fonts: fonts/*.ttf are TrueType conversions of Noto Serif/Sans CJK SC made by make_fonts.py
# (reportlab cannot load the CFF-outline .ttc files directly).
import re, os, sys
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer, Table,
                                TableStyle, PageBreak, NextPageTemplate, CondPageBreak)
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
pdfmetrics.registerFont(TTFont('Serif', os.path.join(HERE, 'fonts/SerifSC.ttf')))
pdfmetrics.registerFont(TTFont('Sans', os.path.join(HERE, 'fonts/SansSC.ttf')))
pdfmetrics.registerFont(TTFont('SansB', os.path.join(HERE, 'fonts/SansSCBold.ttf')))

SHORT_TITLE = '汀澄市城市更新“十五五”专项规划'

def S(name, **kw):
    base = dict(fontName='Serif', fontSize=11, leading=19, wordWrap='CJK', alignment=TA_LEFT)
    base.update(kw)
    return ParagraphStyle(name, **base)

st = {
    'title': S('title', fontName='SansB', fontSize=24, leading=36, alignment=TA_CENTER),
    'title2': S('title2', fontName='Sans', fontSize=16, leading=26, alignment=TA_CENTER),
    'issuer': S('issuer', fontName='Sans', fontSize=14, leading=24, alignment=TA_CENTER),
    'h0': S('h0', fontName='SansB', fontSize=16, leading=26, alignment=TA_CENTER, spaceBefore=6, spaceAfter=10),
    'h1': S('h1', fontName='SansB', fontSize=14, leading=24, spaceBefore=10, spaceAfter=4),
    'h2': S('h2', fontName='SansB', fontSize=12, leading=21, spaceBefore=6, spaceAfter=2, firstLineIndent=22),
    'h3': S('h3', fontName='Sans', fontSize=11.5, leading=20, spaceBefore=3, firstLineIndent=22),
    'body': S('body', firstLineIndent=22, spaceAfter=2),
    'note': S('note', fontSize=9, leading=14, spaceBefore=3, spaceAfter=8),
    'cap': S('cap', fontName='SansB', fontSize=11.5, leading=18, alignment=TA_CENTER, spaceBefore=8, spaceAfter=4),
    'cell': S('cell', fontSize=9.5, leading=13),
    'cellc': S('cellc', fontSize=9.5, leading=13, alignment=TA_CENTER),
    'cellh': S('cellh', fontName='SansB', fontSize=9.5, leading=13, alignment=TA_CENTER),
    'pcell': S('pcell', fontSize=9, leading=12.5),
    'pcellc': S('pcellc', fontSize=9, leading=12.5, alignment=TA_CENTER),
    'pcellh': S('pcellh', fontName='SansB', fontSize=9.5, leading=13, alignment=TA_CENTER),
    'boxt': S('boxt', fontName='SansB', fontSize=11, leading=18, alignment=TA_CENTER),
    'boxl': S('boxl', fontName='Serif', fontSize=10, leading=16.5),
}

def P(text, style):
    return Paragraph(escape(text), st[style])

def deco(canv, doc):
    w, h = canv._pagesize
    canv.saveState()
    canv.setFont('Sans', 9)
    canv.drawRightString(w - 22 * mm, h - 14 * mm, SHORT_TITLE)
    canv.setLineWidth(0.6)
    canv.line(22 * mm, h - 16 * mm, w - 22 * mm, h - 16 * mm)
    canv.setFont('Serif', 10.5)
    canv.drawCentredString(w / 2, 12 * mm, '— %d —' % doc.page)
    canv.restoreState()

def grid_style(n_header=1, extra=()):
    cmds = [('GRID', (0, 0), (-1, -1), 0.5, colors.black),
            ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
            ('BACKGROUND', (0, 0), (-1, n_header - 1), colors.HexColor('#E6E6E6')),
            ('TOPPADDING', (0, 0), (-1, -1), 2.5), ('BOTTOMPADDING', (0, 0), (-1, -1), 3.5)]
    cmds.extend(extra)
    return TableStyle(cmds)

def build(src, out_pdf):
    text = open(src, encoding='utf-8').read()
    # total investment of the annex table
    tot = 0.0
    inproj = False
    for line in text.split('\n'):
        if line.startswith('[PROJTABLE'):
            inproj = True; continue
        if line.startswith('[/PROJTABLE'):
            inproj = False; continue
        if inproj and re.match(r'^\d+ \|', line):
            tot += float(line.split(' | ')[4])
    text = text.replace('__TOTAL__', ('%.1f' % tot).rstrip('0').rstrip('.'))

    pw, ph = A4
    lw, lh = landscape(A4)
    doc = BaseDocTemplate(out_pdf, pagesize=A4, title=SHORT_TITLE + '（2026—2030年）',
                          author='汀澄市住房和城乡建设局')
    fp = Frame(25 * mm, 22 * mm, pw - 50 * mm, ph - 45 * mm, id='fp')
    fl = Frame(18 * mm, 18 * mm, lw - 36 * mm, lh - 37 * mm, id='fl')
    doc.addPageTemplates([PageTemplate('port', [fp], onPage=deco, pagesize=A4),
                          PageTemplate('land', [fl], onPage=deco, pagesize=landscape(A4))])
    story = []
    lines = text.split('\n')
    i = 0
    cur_w = pw - 50 * mm
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line:
            continue
        if line.startswith('=T '):
            story += [Spacer(1, 60 * mm), P(line[3:], 'title')]
        elif line.startswith('=T2 '):
            story += [Spacer(1, 4 * mm), P(line[4:], 'title2'), Spacer(1, 70 * mm)]
        elif line.startswith('=ISSUER '):
            story.append(P(line[8:], 'issuer'))
        elif line.startswith('=DATE '):
            story += [Spacer(1, 6 * mm), P(line[6:], 'issuer')]
        elif line.startswith('=H0S '):
            story.append(P(line[5:], 'h0'))
        elif line.startswith('=H0 '):
            story.append(P(line[4:], 'h0'))
        elif line == '[PB]':
            story.append(PageBreak())
        elif line == '[LANDSCAPE]':
            story += [NextPageTemplate('land'), PageBreak()]
            cur_w = lw - 36 * mm
        elif line == '[PORTRAIT]':
            story += [NextPageTemplate('port'), PageBreak()]
            cur_w = pw - 50 * mm
        elif line.startswith('### '):
            story.append(P(line[4:], 'h3'))
        elif line.startswith('## '):
            story += [CondPageBreak(30 * mm), P(line[3:], 'h2')]
        elif line.startswith('# '):
            story += [CondPageBreak(40 * mm), P(line[2:], 'h1')]
        elif line.startswith('[NOTE]'):
            story.append(P(line[6:], 'note'))
        elif line.startswith('[TABLE|') or line.startswith('[PROJTABLE|'):
            proj = line.startswith('[PROJTABLE')
            _, cap, widths = line.strip('[]').split('|')
            widths = [float(x) * cur_w for x in widths.split(',')]
            rows, extra = [], []
            while not lines[i].startswith('[/'):
                r = lines[i].rstrip(); i += 1
                if r.startswith('@'):
                    k = len(rows)
                    rows.append([P(r[1:], 'cellh' if not proj else 'pcellh')] + [''] * (len(widths) - 1))
                    extra += [('SPAN', (0, k), (-1, k)), ('BACKGROUND', (0, k), (-1, k), colors.HexColor('#F3F3F3'))]
                    continue
                cells = [c.strip() for c in r.split(' | ')]
                if not rows:
                    rows.append([P(c, 'pcellh' if proj else 'cellh') for c in cells])
                else:
                    row = []
                    for j, c in enumerate(cells):
                        if proj:
                            row.append(P(c, 'pcell' if j in (1, 3, 6) else 'pcellc'))
                        else:
                            row.append(P(c, 'cell' if (j == 1 and len(cells) == 6 and '序号' in rows[0][0].text) or (j == 5) else 'cellc'))
                    if cells[0] == '合计':
                        extra.append(('BACKGROUND', (0, len(rows)), (-1, len(rows)), colors.HexColor('#F3F3F3')))
                    rows.append(row)
            i += 1
            story.append(P(cap, 'cap'))
            t = Table(rows, colWidths=widths, repeatRows=1)
            t.setStyle(grid_style(1, extra))
            story.append(t)
        elif line.startswith('[BOX|'):
            title = line.strip('[]').split('|')[1]
            rows = [[P(title, 'boxt')]]
            while not lines[i].startswith('[/BOX'):
                rows.append([P(lines[i].rstrip(), 'boxl')]); i += 1
            i += 1
            t = Table(rows, colWidths=[cur_w - 20])
            t.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 1.0, colors.black),
                                   ('LINEBELOW', (0, 0), (-1, 0), 0.5, colors.black),
                                   ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#EDEDED')),
                                   ('LEFTPADDING', (0, 0), (-1, -1), 8), ('RIGHTPADDING', (0, 0), (-1, -1), 8),
                                   ('TOPPADDING', (0, 0), (-1, -1), 2), ('BOTTOMPADDING', (0, 0), (-1, -1), 3)]))
            story += [Spacer(1, 4), t, Spacer(1, 6)]
        else:
            story.append(P(line, 'body'))
    doc.build(story)

if __name__ == '__main__':
    build(os.path.join(HERE, 'source.txt'), os.path.join(HERE, 'plan.pdf'))
    import pdfplumber
    with pdfplumber.open(os.path.join(HERE, 'plan.pdf')) as pdf:
        txt = "\n".join(page.extract_text() for page in pdf.pages)
        print('pages', len(pdf.pages), [ (p.page_number, p.width>p.height) for p in pdf.pages if p.width>p.height])
    open(os.path.join(HERE, 'plan_as_text.txt'), 'w', encoding='utf-8').write(txt)
