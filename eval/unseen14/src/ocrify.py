#!/usr/bin/env python3
"""Turn the clean plan (src/plan_clean.txt) into simulated OCR output of the
scanned, stamped printed document: corpus/qixiawan_jiaoyu_15th.txt.
Deterministic: fixed seed, no external state."""
import random, re, pathlib

SEED = 20260318
HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE / 'plan_clean.txt'
OUT = HERE.parent / 'corpus' / 'qixiawan_jiaoyu_15th.txt'
rng = random.Random(SEED)

def reseed(key):
    """each block (paragraph, heading, table row, page) gets its own deterministic stream"""
    global rng
    rng = random.Random(f'{SEED}|{key}')

LINE_UNITS = 28          # printed line width in full-width character units
LINES_PER_PAGE = 22

# headings that the OCR tool mangled (clean -> noisy), applied exactly once
HEADING_NOISE = {
    '第三章　主要任务': '第三章　 主要任务',
    '第五节　主要指标': '第五节  主要指标',
    '二、深化集团化办学': '二．深化集团化办学',
    '第七章　实施重点工程': '第七章 实施重点工程',
    '专栏5　义务教育学校建设工程': '专栏5 义务教育学校建设工程',
    '第四节　保障教师待遇': '第四节　保障教师待遇 ',
    '三、推动职业教育提质培优': '三、推动职业教育提质培忧',
    '第二节　强化经费投入保障': '第二节　强化经费投入保 障',
    '第一章　发展基础': '第一章　发展基础',
    '五、保障特殊群体受教育权利': '五、保障特殊群体受教育权利',
    '第六章　深化教育综合改革': '第六章　深化教育综合改革',
    '附件2': '附件 2',
}
PARA_START_NOISE = {'（二）坚持以人民为中心': '（二)坚持以人民为中心',
                    '（四）坚持改革创新': '(四）坚持改革创新'}

# single-character confusions in running text: char -> (replacement, probability)
CONFUSE = {
    '已': ('己', 0.35), '未': ('末', 0.2), '日': ('曰', 0.06), '人': ('入', 0.025),
    '土': ('士', 0.25), '千': ('干', 0.2), '。': ('.', 0.03), '，': (',', 0.05),
    '：': (':', 0.15), '；': (';', 0.1), '（': ('(', 0.12), '）': (')', 0.12),
    '%': ('％', 0.3), '“': ('"', 0.05), '”': ('"', 0.05), '己': ('已', 0.3),
    '末': ('未', 0.1), '戊': ('戌', 0.5), '治': ('冶', 0.02), '休': ('体', 0.3),
}

# a few confusions the scan always shows at these spots (first occurrence, within one printed line)
FORCED = [('已经区人民政府', '己经区人民政府'), ('二〇三五年', '二O三五年'), ('教育中心1个', '教育中心l个'),
          ('区未成年', '区末成年'), ('严禁未经审核', '严禁末经审核'), ('未经批准的', '末经批准的'),
          ('节假', '节假曰'), ('持有人口', '持有入口'),
          ('〔6.45〕', '【6.45〕'), ('[0.5]', '(0.5]'), ('注：〔 〕内', '注:[ ]内')]

def is_heading(line):
    return bool(re.match(r'^(第[一二三四五六七八九十]+[章节]　|[一二三四五六七八九十]+、.{2,24}$|专栏\d|表\d　|附件\d?$|名词解释$)', line)) and len(line) <= 30

def width(ch):
    return 0.5 if ord(ch) < 0x2000 else 1.0

def noisy_text(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        # years: 2025 -> 2O25 / 2030 -> 2O3O occasionally (never inside a figure the gold uses: years only)
        m = re.match(r'20[123]\d(?=年|—)', s[i:])
        if m and rng.random() < 0.08:
            y = m.group(0)
            y = y[0] + 'O' + y[2:] if rng.random() < 0.6 else y.replace('0', 'O')
            out.append(y); i += 4; continue
        if ch in CONFUSE and rng.random() < CONFUSE[ch][1]:
            ch = CONFUSE[ch][0]
        r = rng.random()
        if r < 0.0004 and '\u4e00' <= ch <= '\u9fff':   # dropped character
            i += 1; continue
        out.append(ch)
        if r > 0.9996 and '\u4e00' <= ch <= '\u9fff':   # duplicated character
            out.append(ch)
        if rng.random() < 0.0025 and i + 1 < len(s) and '\u4e00' <= ch <= '\u9fff':
            out.append(' ')                               # stray space
        i += 1
    return ''.join(out)

NO_LINE_START = set('，。、；：？！）》”’,.;:)%％')

def wrap(text, indent):
    lines, cur, w = [], indent, 2.0 if indent else 0.0
    limit = LINE_UNITS + rng.choice([0, 0, 0, 0.5, -0.5, 1])
    for ch in text:
        if not cur and lines and ch in NO_LINE_START:   # typesetting keeps punctuation off a line start
            lines[-1] += ch; continue
        cur += ch; w += width(ch)
        if w >= limit:
            lines.append(cur); cur, w = '', 0.0
            limit = LINE_UNITS + rng.choice([0, 0, 0, 0.5, -0.5, 1])
    if cur.strip():
        lines.append(cur)
    return lines

def table_lines(rows, kind):
    out = []
    for k, cells in enumerate(rows):
        if k == 0 and kind == 'indicator':
            out.append('类别      指   标                单位   2025年    2030年   属性')
            out.append('                                        基数      目标')
            continue
        if k == 0 and kind == 'places':
            out.append('街道（镇）  新增学位合计    其中：    其中：  其中：  其中：')
            out.append('              （个）        幼儿园    小学    初中    高中')
            continue
        if k == 0 and kind == 'projects':
            out.append('序号  项目名称          建设内容及规模          总投资    建设年限   责任单位')
            out.append('                                               （亿元）')
            continue
        reseed('row|' + '|'.join(cells))
        cells = [c for c in cells if c != '']            # merged cells appear only on first row
        first, cont = [], []
        for c in cells:
            c2 = c
            if '〔' in c2 and rng.random() < 0.7:
                c2 = c2.replace('〔', rng.choice(['[', '【', '('])).replace('〕', rng.choice([']', '】', ')', '〕']))
            if c2 == '%' and rng.random() < 0.4:
                c2 = '％'
            if kind == 'projects' and len(c2) > 11:      # long cell wraps onto the next line
                cut = rng.choice([8, 9, 10, 11])
                while cut < len(c2) - 1 and c2[cut - 1].isdigit() and c2[cut].isdigit():
                    cut += 1                                 # the scan never splits a figure
                first.append(c2[:cut]); cont.append(c2[cut:])
            else:
                first.append(c2)
        seps = []
        for _ in first[1:]:
            seps.append(rng.choice(['  ', '   ', '    ', ' ', ' | ', '     ']))
        line = first[0] + ''.join(s + c for s, c in zip(seps, first[1:]))
        out.append(line)
        if cont:                                         # wrapped parts of cells share one continuation line
            out.append('          ' + rng.choice(['            ', '                  ']).join(cont))
    return out

def main():
    src = SRC.read_text(encoding='utf-8').split('\n')
    blocks = []   # list of lists of output lines (a block never split by footers in the middle? it may be)
    i = 0
    used = set()
    # ---- cover / notice page ----
    cover = [
        '澜 州 市 栖 霞 湾 区 人 民 政 府 办 公 室 文 件',
        '',
        '栖湾府办发〔2026〕17号',
        '',
    ]
    assert src[0] == '澜州市栖霞湾区人民政府办公室文件' and src[1].startswith('栖湾府办发')
    i = 2
    out = cover[:]
    while not src[i].startswith('（此件公开发布）'):
        line = src[i]
        reseed(line)
        if line.startswith('区人民政府办公室关于印发'):
            out += wrap(noisy_text(line), '') + ['']
        elif line.startswith('各镇人民政府'):
            out += wrap(line, '')
        elif line == '澜州市栖霞湾区人民政府办公室':
            out += ['', '                 ' + '.·澜州市栖霞湾区人民政府办公室', '            ;、\' ㈠ 民 政 ∵ 府 办 ·\'', '              ~ 、 辦 公 室 ∶ ,']
        elif line.startswith('2026年3月18日'):
            out += ['                    2026年3月18日', '']
        else:
            out += wrap(noisy_text(line), '　　')
        i += 1
    out += ['（此件公开发布）', '']
    i += 1
    body = []
    table_rows, table_kind = [], None
    def flush_table():
        nonlocal table_rows, table_kind
        if table_rows:
            body.extend(table_lines(table_rows, table_kind))
            table_rows, table_kind = [], None
    in_box = False
    for line in src[i:]:
        reseed(line)
        if line.startswith('T|'):
            cells = line[2:].split('|')
            if not table_rows:
                table_kind = {'类别': 'indicator', '街道（镇）': 'places', '序号': 'projects'}[cells[0]]
            table_rows.append(cells)
            continue
        flush_table()
        if not line.strip():
            continue
        if line.startswith('专栏'):
            in_box = True
            body.append(HEADING_NOISE.get(line, line)); continue
        if is_heading(line) or line.startswith('栖霞湾区教育事业发展“十五五”规划') or line.startswith('注：') or line in ('附件1', '附件2'):
            in_box = False
            if rng.random() < 0.2:
                body.append('')
            h = HEADING_NOISE.get(line, line)
            if line.startswith('栖霞湾区教育事业发展“十五五”规划（'):
                body += ['', '      栖霞湾区教育事业发展“十五五”规划', '            （2026—2030年）', '']
                continue
            if line.startswith('注：'):
                body.append(noisy_text(line).replace('〔　〕', '〔 〕')); continue
            body.append(h); continue
        for k, v in PARA_START_NOISE.items():
            if line.startswith(k):
                line = line.replace(k, v, 1)
        text = noisy_text(line)
        if in_box or re.match(r'^\d+\.', line) or line.startswith('责任单位') or line.startswith('——'):
            indent = '' if rng.random() < 0.7 else '　　'
        else:
            indent = '　　' if rng.random() < 0.85 else ''
        body += wrap(text, indent)
        if rng.random() < 0.22:
            body.append('')
    flush_table()
    # ---- pagination: cover is page 1, then footer every ~22 lines ----
    pages_out = out + ['', '— 1 —', '']
    page = 2
    n = 0
    running = '栖霞湾区教育事业发展“十五五”规划'
    reseed('page|1')
    for ln in body:
        pages_out.append(ln)
        n += 1
        if n >= LINES_PER_PAGE + rng.choice([0, 0, 1, -1]):
            style = rng.choice(['— {} —', '-{}-', '- {} -', '— {} —'])
            pages_out += ['', style.format(page), '']
            if rng.random() < 0.35:
                pages_out.append(running if rng.random() < 0.7 else running.replace('规划', '规 划'))
            page += 1; n = 0
            reseed(f'page|{page}')
    pages_out += ['', rng.choice(['— {} —', '-{}-']).format(page), '']
    for a, b in FORCED:
        for k, ln in enumerate(pages_out):
            if a in ln:
                pages_out[k] = ln.replace(a, b, 1); break
        else:
            raise SystemExit(f'forced noise target not found: {a}')
    pages_out = [ln.replace('节假曰日', '节假曰') for ln in pages_out]
    OUT.write_text('\n'.join(pages_out).rstrip('\n') + '\n', encoding='utf-8')
    print('wrote', OUT, len(pages_out), 'lines', sum(len(x) for x in pages_out), 'chars')

if __name__ == '__main__':
    main()
