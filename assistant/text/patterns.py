"""Structural patterns, each defined once: years, ordinals, 专栏N, quantities. Words (what a question asks, what
counts as generic) are vocabulary and live in lexicon.toml; these are the shapes of text around them."""

from __future__ import annotations

import re

from assistant.text.numbers import CN_NUMERAL_CHARS

YEAR = r"(?:19|20)\d\d"
YEAR_RE = re.compile(rf"({YEAR})\s*年?")  # 2025年, 2025 年, 2025 (group 1: the year)
YEAR_ONLY_RE = re.compile(r"[\d.%年]+")  # a token that is only a year, a number or a share
ORDINAL_RE = re.compile(r"第([一二三四五六七八九十\d]{1,3})(?:条|个|项|点|款|方面)")  # 第二条 (group 1: the number)
COUNT_OF_RE = re.compile(r"几(?:条|个|项|点|款|方面)")  # 有几条: a count of what 第二条 then picks one of
BOX_RE = re.compile(r"专栏\s*\d+(?:\s*[-－]\s*\d+)?")  # 专栏4, 专栏7-1
# a quantity in running text: 577.9km, 200年一遇 (a return period), not 5G, C3 or 2025年
# a number qualifying a measure by the character after it (60岁 of 60岁以上, 5岁 of 5岁以下); not a year (2030年)
QUALIFYING_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*([\u4e00-\u9fff])(?<!年)")
QUANTITY_RE = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Z\d.])(?!\s*年(?!一遇))")
# a figure with the magnitude written after it (1万家, 45亿美元): its value either way, 10000 or 1 (亿 of a unit)
AMOUNT_RE = re.compile(rf"(?:{QUANTITY_RE.pattern})(?:万亿|万|亿)?")
COUNT_TAIL_RE = re.compile(rf"(?:{QUANTITY_RE.pattern})\s*[^\W\d_]?$")  # 21个 closing an item (拆除新建类21个)
# the number of a heading at the start of its title: 一、 / 1. / （一） / 第三章
HEADING_NUMBER_RE = re.compile(r"^[\d一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十\d]+[）)]|^第.{1,3}[章节篇]\s*")
# a table's or box's label as a question or a heading names it: 表2-1, 专栏 7-1, 专栏1 (group 1: kind, 2: number)
LABEL_RE = re.compile(r"(表|专栏)\s*(\d+(?:\s*[-－]\s*\d+)?)(?![\d\-－])")


def label_key(kind: str, number: str) -> str:
    return kind + re.sub(r"\s+", "", number).replace("－", "-")
# a chapter or section named by its number: 第四章, 第2节, 第三部分 (group 1: number, 2: unit)
NUMBERED_PART_RE = re.compile(r"第([一二三四五六七八九十百零〇\d]{1,4})(章|节|篇|部分)")
NUMERAL_RE = re.compile(r"[\d一二三四五六七八九十百零〇]+")  # the numeral of a heading's number: 七 of 七、, 3 of （3）
PART_UNIT = "部分"  # 第七部分: a part by its place among the plan's top-level parts, whatever their heading form
# a year of a plan by its place in the plan's period: 第二年 (group 1: the number), not 第二年度 of a title
PLAN_YEAR_RE = re.compile(r"第([一二三四五六七八九十\d]{1,2})年(?!度)")
INNER_UNIT = "节"  # 第三节: a section inside a chapter (第十章 › 第三节), asked of the chapter a question names
# a year written on its own, not inside a longer number (专栏32021年 names no year 2021)
WRITTEN_YEAR_RE = re.compile(rf"(?<![\d.])({YEAR})(?![\d.])")
# a span of years written out: 2026—2030年, 2021年至2025年 (group 1: first year, 2: last year)
# a year that dates what a noun is, not when a figure is for: 2000年底前建成的(小区), 2019年以前建设的(管网)
YEAR_QUALIFIER_RE = re.compile(rf"({YEAR})\s*年(?:底|末)?(?:以前|之前|前)[^，,；;。！？\d]{{0,6}}的")
YEAR_SPAN_RE = re.compile(rf"({YEAR})\s*年?\s*[-－—–~～至到]+\s*({YEAR})")
# years written one after another, as a span or a list ending in a whole year: 2028到2029, 26、2027 (a two-digit year
# before a whole one, as a question types it), 2026—2027
YEAR_RUN_RE = re.compile(rf"(?<![\d.])(?:(?:{YEAR}|\d\d)\s*年?\s*(?:[-－—–~～、，,]|至|到|和)+\s*)+{YEAR}(?![\d.])")
# a year an aim is set for: 到2025年, 至2035年
AIM_YEAR_RE = re.compile(rf"(?:到|至){YEAR}年")
YEAR_PHRASE_RE = re.compile(rf"(?:到|至)?\s*{YEAR}\s*年(?:底|末)?")  # 到2025年底: a clause's time, not its subject
# a grade or generation written as digits and letters: 5A, 4G, A1 (swapped in by follow-ups: 那3A和4A呢)
CODE = r"\d+[A-Za-z]+|[A-Za-z]+\d+"
# an item led by its own name and a colon (1.外资金融集聚区：依托…): the name says what the item is about
ITEM_NAME_RE = re.compile(r"^\s*(?:\d+\s*[.．、]\s*)?[^：:，。；、\s][^：:，。；、]{1,19}[：:]")
# a line that gives one field as "label：value" (组　长：王清宪 省长; 建设地点：西永) — group label, value
FIELD_LINE_RE = re.compile(r"^\s*(?P<label>[^：:，。；、\s][^：:，。；、]{0,9}?)\s*[：:]\s*(?P<value>[^：:]{1,80})$")
# a clause runs to the next ，or ；outside quotation marks and title marks: “道路联通，东西联动，区域全覆盖” is
# one thing named, never cut in two
CLAUSE_RE = re.compile(r"(?:“[^“”]{0,40}”|《[^《》]{0,60}》|[^，；])+[，；]?")
# a clause of a question, between its commas and marks: 是指2025年当年吧 of …45亿美元，是指2025年当年吧？
ASK_CLAUSE_RE = re.compile(r"[^，,；;。？?！!]+")
# a year named as the base a change is measured from: 较2020年下降14.5% (group 1: the year); it
# does not start another year's statement
BASE_YEAR_RE = re.compile(rf"(?:较|比)\s*({YEAR})\s*年(?:底|末)?(?=下降|降低|提高|提升|增长|增加|减少|上升)")
# a paragraph that opens with the year its aims are for: "2025年，非化石能源消费占比达到20%左右…" (group 1: year)
LEAD_YEAR_RE = re.compile(rf"^\s*({YEAR})\s*年[，,]")
STATED_YEAR_RE = re.compile(rf"({YEAR})\s*年")  # a sentence naming a year (2025 年; group 1: the year)
# a document named by its title: 《2024—2025年节能降碳行动方案》 (its years name the document, not a year asked)
TITLE_RE = re.compile(r"《[^《》]{1,80}》")


def blank_titles(text: str) -> str:
    """The text with every 《title》 blanked out, same length (offsets keep)."""
    return TITLE_RE.sub(lambda m: "＿" * len(m.group(0)), text)
# a space between two Chinese characters: a line wrapped in a PDF export (充 电站, 电动汽 车); matched across
CJK_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# a space typed between a figure and a Chinese character (25 年, 建 4 座): it parts nothing
DIGIT_GAP_RE = re.compile(r"(?<=\d)[ \t]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t]+(?=\d)")
# a quoted shape of placeholders ("xx、xx、xx", “××、××”): the asker wants the quoted list of that many items
PLACEHOLDER = r"[xX×＊*]{1,4}"
PLACEHOLDER_LIST_RE = re.compile(rf"[“\"']?{PLACEHOLDER}(?:、{PLACEHOLDER})+[”\"']?")
QUOTED_RE = re.compile(r"“([^“”]{2,60})”")
CLOSING_QUOTES = "”」』"  # the marks closing a quoted name (“颐养岚平”品牌)
# the number of a list item at the start of a sentence: 12﹒, 3．, （2）, 1、 (a label, not a figure it states)
ITEM_NUMBER_RE = re.compile(r"^\s*(?:[（(]\d+[）)]|\d+\s*[.．、﹒])")
# numbers that are labels, not facts: citation markers, table/box/chapter numbers, list numbering (the number guard)
NUMBER_LABEL_RE = re.compile(
    r"\[\d+\]|(?:附件|表|专栏)\s*\d+(?:\s*[-－—–]\s*\d+)?|第[\d一二三四五六七八九十]+[章节篇条]|^\s*\d+[.、．]\s|"
    r"^\s*[-*]\s*\d+[.、．]|\|\s*\d+\s*\||(?<=\n)\d+[.、．]\s"
)
# a table named in text: 表2-1, 附表 3, 表4.1
TABLE_REF_RE = re.compile(r"(?:附)?表\s*\d+(?:\s*[-－—–.]\s*\d+)?")
# the characters that may run on inside one name before a word of it (no punctuation, no 的): 北京…研究院
NAME_RUN = r"(?:[^\W的]|[）)”」』]){0,12}?"
# the number prefix of a section title: 第三章 / 一、 / （二） / 1.
NUM_PREFIX_RE = re.compile(r"^(第[\d一二三四五六七八九十]+(?:[篇章节]|部分)\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
# a box's number as a question names it: 专栏7-1, 专栏 3 (group 1: the number)
BOX_NUMBER_RE = re.compile(r"专栏\s*(\d+(?:\s*[-－—]\s*\d+)?)")
# a box title's label at its start: "专栏7-1：" (removed to leave the box's name)
BOX_PREFIX_RE = re.compile(r"^专栏[\d\-－]+[：:\s]*")


def box_numbered(number: str) -> re.Pattern[str]:
    """A box title that starts with this box number and no longer one (专栏7 is not 专栏71 or 专栏7-1)."""
    return re.compile(rf"专栏\s*{re.escape(number)}(?!\d|-\d)")
# a 附件 line with its title after the colon ("附件：重点项目表（共10项）") or after a numbered 附件's space ("附件2 主要
#指标", a Word heading); not the first entry of a list of the annexes ("附件：1. 重点任务分工表"); group 1: 附件N,
# group 2: the title
ANNEX_TITLED_RE = re.compile(r"^(附\s*件(?:\s*\d{1,2})?)(?:\s*[:：]|(?<=\d)[\s\u3000]+)\s*(?!\d{1,2}\s*[.．、](?!\d))"
                             r"([^。；]{2,60})$")
# the first entry of a list of the annexes closing a plan or notice ("附件：1. 重点任务分工表", the next lines "2. …"):
# text naming annexes that follow, not an annex heading
ANNEX_LIST_RE = re.compile(r"^附\s*件\s*[:：]\s*1\s*[.．、](?!\d)\s*\S")
# a page number on its own line: 7, — 7 —, - 7 -, 第7页, 第 7 页 共 20 页, 7/20 (the page is the group that matched)
PAGE_NUMBER_LINE_RE = re.compile(r"^\s*(?:[-—－–]*\s*(\d{1,3})\s*[-—－–]*|第\s*(\d{1,3})\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?"
                                 r"|(\d{1,3})\s*[/／]\s*\d{1,3})\s*$")
# a table's continuation caption after a page break: 续表, 续表1, 续表 3-1, 表1（续）, 表2-1 (续)
CONTINUED_TABLE_RE = re.compile(r"^\s*(?:续\s*表\s*[\d\-－.]*|附?表\s*[\d\-－.]+\s*[（(]\s*续\s*[）)])\s*$")
# a line broken right after a number (…约42万 / 吨，…): the unit is on the next line
ENDS_WITH_NUMBER_RE = re.compile(r"\d(?:\.\d+)?[万亿]?$")
FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")  # any written figure: a year, a count, a decimal
# items listed by their numbers (1级、2级、3级; 3A、4A、5A级): one item's shape, its name suffix given by the caller
NUMBERED_ITEM = r"\d+[A-Za-z]*"
# a figure a statement gives (5000万, 60座, 90%, 二十多座, 三千万): written digits that are no part of a code, a label,
# an ordinal, a range or a year (3A, 5G, 表4-1, 专栏4, 第3条, 2035年), or Chinese numerals rounded (二十多, 三百余,
# 十几) or before a magnitude (三千万); what follows it (万, 座, %) is left in place
STATED_FIGURE_RE = re.compile(r"(?<![A-Za-z\d.\-－—~～第表栏])\d+(?:\.\d+)?(?![A-Za-z\d.\-－—~～])(?!\s*年)"
                              r"|[一二两三四五六七八九十百千]+(?:[多余几](?=[\u4e00-\u9fff])|(?=[万亿]))")
# a table cell that is one number (a share, a bound): 91.2, ≥95, 3‰
CELL_NUMBER_RE = re.compile(r"^[≥≤<>＞＜约]?\s*[-+]?\d+(?:\.\d+)?\s*[%％‰]?$")
# the gap between the cells of a table row as an OCR tool reads it: a run of spaces (one or more) or a drawn rule
# read as a bar (" | ")
OCR_CELL_GAP_RE = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*|[ \t\u3000]+")
OCR_BAR_RE = re.compile(r"\S[ \t\u3000]+[|｜][ \t\u3000]+\S")  # a ruled line between two cells read as " | "
# a table cell holding a value: a number, bracketed as a five-year total (〔5800〕), or a blank mark (—, /)
CELL_VALUE_RE = re.compile(r"^[\[〔【(（]?[≥≤<>＜＞约]?\s*[-+]?\d+(?:\.\d+)?\s*[%‰％]?[\]〕】)）]?$|^[—\-－/／]+$")

# ---------------------------------------------------------------- line forms of plan text (ingest)
# A line as a plan writes it: headings, 专栏 / 表 captions, notes, front matter and page debris. The words a line
# is made of stay in lexicon.toml; these are the shapes.

CN = f"[{CN_NUMERAL_CHARS}]"
SMALL_COUNT = r"[一二两三四五六七八九十\d]{1,3}"  # a count a list question gives: 五 of 哪五个中心, 4 of 4项
SENTENCE_END = "。；！？"  # what ends a sentence (assistant/text/sentences.py splits; this only tests an end)
# a heading line: 第三章 … / 第二部分 … (group 1: the number, 2: the unit, 3: the title); a preface's heading
CHAPTER_LINE_RE = re.compile(rf"^第\s*({CN}+|\d+)\s*(部分|[篇章节])(?:\s+|(?=[^\s，。；、]))(.*)$")
# (a glossary closing the plan, 名词解释, is such a part too: not the tail of the annex or section above it)
GLOSSARY = r"名\s*词\s*解\s*释|术\s*语\s*解\s*释"
GLOSSARY_RE = re.compile(rf"^(?:{GLOSSARY})$")  # where terms are defined, not where the plan discusses them
PREFACE_LINE_RE = re.compile(rf"^(前\s*言|序\s*言|引\s*言|总\s*则|附\s*则|结\s*语|{GLOSSARY})$")
PREFACE_RUN_IN_RE = re.compile(r"^(前\s*言|序\s*言|引\s*言)\s+(\S.{8,})$")  # "前 言 充换电基础设施是……"
BOX_LINE_RE = re.compile(r"^专栏\s*\d+(?:\s*[-－—–]\s*\d+)?(?=[\s:：、]|[^\d\s])")
# 表2-1 …, 附表3 …, or a 附表 without a number whose title follows a colon or a space (附表：…重点项目表)
TABLE_TITLE_RE = re.compile(r"^(?:(?:附)?表\s*\d+(?:\s*[-－—–.]\s*\d+)?(?=[\s:：、]|[^\d\s\-－—–.])"
                            r"|附\s*表(?:\s*[:：]|\s)\s*(?=\S))")
# a table's label alone on its line, its title on the next line (a caption set as two centred lines): 表3, 表 2-1
TABLE_LABEL_RE = re.compile(r"^表\s*\d+(?:\s*[-－—–.]\s*\d+)?\s*[:：]?$")
# a 专栏 caption without a number: "专栏 “十五五”重点工程", "专栏：重点工程" (a short line; see forms.box_title)
UNNUMBERED_BOX_LINE_RE = re.compile(r"^专\s*栏(?:\s*[:：]|\s)\s*(?=[^\s\d])")
NOTE_RE = re.compile(r"^(?:备注|注|说明|数据来源)\s*\d*\s*[:：]")
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*号")
DATE_LINE_RE = re.compile(rf"^(?:(?:19|20)\d\d\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?"
                          rf"|[〇零○{CN_NUMERAL_CHARS}]{{4}}年[{CN_NUMERAL_CHARS}]{{1,3}}月(?:[{CN_NUMERAL_CHARS}]{{1,3}}日)?)$")
# `* * *` / `---` page breaks, a lone page number (7, - 7 -, 第7页) or roman numeral (II, ⅲ)
PAGE_DEBRIS_RE = re.compile(r"^(?:[*＊·\-—_=]\s*){3,}$|^[-—－]?\s*\d{1,3}\s*[-—－]?$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?$"
                            r"|^[IVXLivxl]{1,6}$|^[\u2160-\u217f]{1,3}$")
YEAR_RANGE_LINE_RE = re.compile(r"^[（(]\s*(?:19|20)\d\d\s*[-－—–~～至]+\s*(?:19|20)\d\d\s*年?\s*[）)]$")
# headings run together: "第一篇 总体要求 第一章 发展基础", "……取得显著成效。第三节 发展目标"
GLUED_HEADING_RE = re.compile(rf"^(.+?[{SENTENCE_END}]|第\s*(?:{CN}+|\d+)\s*(?:部分|篇)\s*\S{{1,30}}?)\s*"
                              rf"(第\s*(?:{CN}+|\d+)\s*[章节]\s*\S.{{0,39}})$")
IMAGE_LINE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")  # a markdown image alone on its line (a repost's pictures)
ANNEX_RE = re.compile(r"^附\s*[件表]\s*\d{0,2}\s*[:：]?$")  # a bare 附件 / 附表 line, its title on the next line
# a table's caption: 表 3-1 “十四五”分区域发展目标 (group 1: 表 or 附表, 2: the number)
TABLE_NUMBER_RE = re.compile(r"^((?:附)?表)\s*(\d+(?:\s*[-－—–.]\s*\d+)?)\s*[:：、.．]?\s*")
FIVE_YEAR_PLAN_RE = re.compile(  # “十四五”: the five-year plan's ordinal (group 1)
    r"十([一二三四五六七八九])五")

# ---------------------------------------------------------------- chat formatting around a question (answer/framing)
# emoji and pictographs typed around a question (🤔, 🙏, ✅): they say nothing of what is asked
EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]|\\[[\u4e00-\u9fff]{1,3}\\]")  # [抱拳]: a sticker's code
REPEATED_MARK_RE = re.compile(r"([？?！!。～~])[？?！!。～~]+")  # 什么？？？ / 吗?! / 哦～～: one mark says as much
# where a question's clauses part: commas, colons, stops, a space or a line break, a tilde typed as a pause (哈喽～)
CLAUSE_BREAK_RE = re.compile(r"[，,：:。！!？?；;～~…⋯（）()\s]+")
# a tag opening a chat message (【咨询】, [求助]): read as a clause of its own, then kept or dropped as any clause
CHAT_TAG_RE = re.compile(r"^\s*(?:[【\[［]([^【】\[\]［］\d]{1,6})[】\]］]|#([^#\d\s]{1,6})#)\s*")
# a label or an address opening a chat message (Q: …, @小助手 …): the label asks nothing, the name is a clause
CHAT_LABEL_RE = re.compile(r"^\s*(?:[Qq]\s*[:：.．]|@)\s*")
# the whole question inside one pair of quotation marks (“…” / 「…」 / "…"), its closing marks after them or inside
WHOLE_QUOTE_RE = re.compile(r"^[“「『‘\"]([^“”「」『』‘’\"]+)[”」』’\"]([？?。！!]*)$")
