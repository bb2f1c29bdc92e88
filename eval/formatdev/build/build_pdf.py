"""Build out/corpus/jishan_health_2026_2030.pdf and src/jishan_health_2026_2030.txt (SYNTHETIC plan)."""
import os, sys
from xml.sax.saxutils import escape
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
import markup

STEM = 'jishan_health_2026_2030'
SHORT_TITLE = '霁山县“十五五”卫生健康事业发展规划'
FONT = 'STSong-Light'
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

W, H = A4
LM = RM = 2.6 * cm
TM, BM = 2.8 * cm, 2.5 * cm

S = {
    'title': ParagraphStyle('title', fontName=FONT, fontSize=16.5, leading=26, alignment=TA_CENTER,
                            spaceAfter=16, wordWrap='CJK'),
    'H1': ParagraphStyle('H1', fontName=FONT, fontSize=14.5, leading=22, spaceBefore=10, spaceAfter=4,
                         wordWrap='CJK'),
    'ANNEX': ParagraphStyle('ANNEX', fontName=FONT, fontSize=14, leading=22, spaceBefore=4, spaceAfter=8,
                            alignment=TA_CENTER, wordWrap='CJK'),
    'H2': ParagraphStyle('H2', fontName=FONT, fontSize=12.5, leading=20, spaceBefore=6, spaceAfter=2,
                         firstLineIndent=25, wordWrap='CJK'),
    'H3': ParagraphStyle('H3', fontName=FONT, fontSize=11.5, leading=19, spaceBefore=3,
                         firstLineIndent=23, wordWrap='CJK'),
    'body': ParagraphStyle('body', fontName=FONT, fontSize=11, leading=19, firstLineIndent=22,
                           alignment=TA_LEFT, wordWrap='CJK', spaceAfter=2),
    'caption': ParagraphStyle('caption', fontName=FONT, fontSize=11.5, leading=18, alignment=TA_CENTER,
                              spaceBefore=8, spaceAfter=6, wordWrap='CJK'),
    'note': ParagraphStyle('note', fontName=FONT, fontSize=9.5, leading=15, spaceBefore=4, spaceAfter=6,
                           wordWrap='CJK'),
    'cell': ParagraphStyle('cell', fontName=FONT, fontSize=9, leading=13, alignment=TA_CENTER, wordWrap='CJK'),
    'cellL': ParagraphStyle('cellL', fontName=FONT, fontSize=9, leading=13, alignment=TA_LEFT, wordWrap='CJK'),
    'boxtitle': ParagraphStyle('boxtitle', fontName=FONT, fontSize=12, leading=19, alignment=TA_CENTER,
                               spaceAfter=4, wordWrap='CJK'),
    'boxitem': ParagraphStyle('boxitem', fontName=FONT, fontSize=10.5, leading=17, wordWrap='CJK'),
}


def P(text, style):
    return Paragraph(escape(text), S[style])


def on_page(canv, doc):
    canv.saveState()
    canv.setFont(FONT, 9)
    canv.drawCentredString(W / 2, H - 1.7 * cm, SHORT_TITLE)
    canv.setLineWidth(0.6)
    canv.line(LM, H - 1.9 * cm, W - RM, H - 1.9 * cm)
    canv.setFont(FONT, 9.5)
    canv.drawCentredString(W / 2, 1.3 * cm, '— %d —' % doc.page)
    canv.restoreState()


def data_table(rows):
    ncol = len(rows[0])
    avail = W - LM - RM
    if rows[0][0] == '序号':
        widths = [0.075, 0.21, 0.265, 0.12, 0.155, 0.175]
    else:
        widths = [0.11, 0.33, 0.10, 0.15, 0.15, 0.16]
    widths = [avail * w for w in widths]
    data = []
    for r, row in enumerate(rows):
        data.append([P(v, 'cellL' if (r and rows[0][0] == '序号' and c in (1, 2)) else 'cell')
                     for c, v in enumerate(row)])
    t = Table(data, colWidths=widths, repeatRows=1)
    extra = []
    for r, row in enumerate(rows):
        if row[0] == '合计':  # 合计 label spans the empty 序号/项目名称/建设内容 cells
            extra.append(('SPAN', (0, r), (2, r)))
    t.setStyle(TableStyle(extra + [
        ('GRID', (0, 0), (-1, -1), 0.6, colors.black),
        ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#DDDDDD')),
        ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
        ('TOPPADDING', (0, 0), (-1, -1), 3),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 3),
    ]))
    return t


def box(title, items):
    inner = [P(title, 'boxtitle')] + [P(it, 'boxitem') for it in items]
    t = Table([[inner]], colWidths=[W - LM - RM - 10])
    t.setStyle(TableStyle([
        ('BOX', (0, 0), (-1, -1), 1.0, colors.black),
        ('BACKGROUND', (0, 0), (-1, -1), colors.HexColor('#F3F3F3')),
        ('LEFTPADDING', (0, 0), (-1, -1), 10),
        ('RIGHTPADDING', (0, 0), (-1, -1), 10),
        ('TOPPADDING', (0, 0), (-1, -1), 8),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 8),
    ]))
    return t


def build():
    blocks = markup.parse(os.path.join(HERE, STEM + '.plan.txt'))
    story = []
    for b in blocks:
        t = b['type']
        if t == 'title':
            story += [Spacer(1, 8), P(b['text'], 'title')]
        elif t == 'heading':
            if b['tag'] == 'ANNEX':
                story += [PageBreak(), P(b['text'], 'ANNEX')]
            else:
                story.append(P(b['text'], b['tag']))
        elif t == 'para':
            story.append(P(b['text'], 'body'))
        elif t == 'box':
            story += [Spacer(1, 6), box(b['title'], b['items']), Spacer(1, 6)]
        elif t == 'table':
            parts = []
            if b['caption']:
                parts.append(P(b['caption'], 'caption'))
            parts.append(data_table(b['rows']))
            if b['note']:
                parts.append(P(b['note'], 'note'))
            story += parts
        else:
            raise ValueError(t)
    os.makedirs(os.path.join(ROOT, 'out', 'corpus'), exist_ok=True)
    os.makedirs(os.path.join(ROOT, 'src'), exist_ok=True)
    doc = SimpleDocTemplate(os.path.join(ROOT, 'out', 'corpus', STEM + '.pdf'), pagesize=A4,
                            leftMargin=LM, rightMargin=RM, topMargin=TM, bottomMargin=BM,
                            title=blocks[0]['text'], author='霁山县卫生健康局（虚构样例）')
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    with open(os.path.join(ROOT, 'src', STEM + '.txt'), 'w', encoding='utf-8') as f:
        f.write(markup.to_text(blocks))


if __name__ == '__main__':
    build()
    print('built', STEM)
