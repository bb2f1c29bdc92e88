# Convert Noto CJK SC (CFF outlines, in a TTC) into TrueType-outline TTFs usable by reportlab.
import sys
from fontTools.ttLib import TTFont, TTCollection, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset

def convert(src, idx_name, out, text):
    coll = TTCollection(src)
    font = None
    for f in coll.fonts:
        if idx_name in f['name'].getDebugName(4):
            font = f; break
    opts = subset.Options(); opts.layout_features=[]; opts.name_IDs=['*']; opts.notdef_outline=True
    s = subset.Subsetter(opts); s.populate(text=text); s.subset(font)
    gs = font.getGlyphSet(); order = font.getGlyphOrder()
    glyf = newTable('glyf'); glyf.glyphOrder = order; glyf.glyphs = {}
    for g in order:
        pen = TTGlyphPen(gs); gs[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True)); glyf.glyphs[g] = pen.glyph()
    font['glyf'] = glyf; font['loca'] = newTable('loca')
    del font['CFF ']
    if 'VORG' in font: del font['VORG']
    font['maxp'] = newTable('maxp'); m=font['maxp']; m.tableVersion=0x00010000
    for a in ['maxZones','maxTwilightPoints','maxStorage','maxFunctionDefs','maxInstructionDefs','maxStackElements','maxSizeOfInstructions','maxComponentElements']: setattr(m,a,0)
    m.maxZones=1; m.numGlyphs=len(order)
    font['head'].glyphDataFormat=0
    font['post'].formatType=2.0; font['post'].extraNames=[]; font['post'].mapping={}; font['post'].glyphOrder=order
    font.sfntVersion='\x00\x01\x00\x00'
    font.save(out)

text = open(sys.argv[1], encoding='utf-8').read() + ''.join(chr(c) for c in range(0x20,0x7f)) + '—“”‘’（）〔〕、，。；：！？《》·…％①②③④⑤⑥⑦⑧⑨⑩●■□▲△★☆—－'
convert('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc','SC','/work/blind24/fonts/SerifSC.ttf',text)
convert('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc','SC','/work/blind24/fonts/SansSC.ttf',text)
convert('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc','SC','/work/blind24/fonts/SansSCBold.ttf',text)
print('ok')
