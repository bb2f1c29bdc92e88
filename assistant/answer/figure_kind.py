"""Whether a figure is one year's or five years' together: "规划写的实际利用外资45亿美元，是指2025年当年吧？",
"…2025年写的10000，是一年要新增一万家吗？", "是五年加起来的还是每年的？". The indicator row the answer quotes says which,
by the table's own mark around the cell ([45], 【10000】, 〔3000〕, which the table's note defines as 五年累计数) or by
a name that says 累计; the answer says so plainly before it quotes the row, naming the value and the mark as the
table writes them. The figure claimed picks the row and year it is written in; else the year asked, else the
target. Pure: the verdict is made from the rows and citations the answer carries, never from its rendered text."""

from __future__ import annotations

from dataclasses import replace

from assistant.text.numbers import marked_figure, parse_value
from assistant.text.patterns import AMOUNT_RE, ASK_CLAUSE_RE, CLAUSE_RE, QUANTITY_RE, WRITTEN_YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import CELL_SEP, Answer, IndicatorRow, YearValue

from .claims import read_claim
from .lexicon import lexicon
from .structured import CUMULATIVE_KIND, escape_md, value_text, year_values

ONE_YEAR, CUMULATIVE, WHICH = "one_year", "cumulative", "which"


def kind_claim(text: str, claimed: bool = False) -> str | None:
    """What a question asking whether something holds calls a figure: one year's (ONE_YEAR: 是指2025年当年吧), five
    years' together (CUMULATIVE: 是五年累计的吧), or which of the two (WHICH: 是一年的还是累计的); None for a question
    asking no such thing (每年要引多少外资 asks a figure, not whether one is yearly). ``claimed``: the text is a claim
    to check already (同事说…每年培育6000家，是这样吗, read by claims.read_claim), which needs no asking word of its own."""
    lex = lexicon()
    clauses = ASK_CLAUSE_RE.findall(text)
    # "每年多少？写了吗" asks no kind; "每年都要新增这么多？" checks the figure just given
    asking = [c for c in clauses if lex.regex("kind_check").search(c) or lex.regex("figure_pointer").search(c)]
    for clause in asking + (clauses if claimed else []):  # the asking clause first: …每年新增30家，是累计的吧
        one, cumulative = lex.regex("kind_one_year").search(clause), lex.regex("kind_cumulative").search(clause)
        if one or cumulative:
            return WHICH if one and cumulative else ONE_YEAR if one else CUMULATIVE
    return None


def written_values(text: str) -> set[float]:
    """The values of the figures a text writes (not its years), each with and without the magnitude written after it:
    1万家 -> 10000 and 1, 45亿美元 -> 45 (a row's unit 亿美元 holds the 亿) and 4.5e9."""
    out = set()
    for m in AMOUNT_RE.finditer(text):
        out |= {v for v in (parse_value(m.group()), parse_value(QUANTITY_RE.match(m.group()).group())) if v is not None}
    return out


def with_earlier_figures(question: str, earlier_answer: str) -> str:
    """A follow-up checking the kind of the figure just given (是每年的吗, 每年都要新增这么多) writes no figure of its
    own: the earlier answer's figures (10000个, 2万家) are the ones it checks, written after it. The question as it
    is when it writes a figure or the earlier answer states none."""
    if written_values(question):
        return question
    figures = list(dict.fromkeys(m.group() for m in AMOUNT_RE.finditer(earlier_answer)))
    return f"{question}（{'、'.join(figures)}）" if figures else question


def holds_figure(rows: tuple[IndicatorRow, ...], question: str) -> bool:
    """Whether one of ``rows`` holds a figure the question writes, or the question writes none."""
    return claimed_value(rows, question) is not None or not written_values(question)


def claimed_value(rows: tuple[IndicatorRow, ...], question: str) -> tuple[IndicatorRow, YearValue] | None:
    """The row and year value a question means: the one holding a figure it writes (写的10000), else, when it writes
    none, the first row's value for the year it names, else its target; None when the answer quotes no such row (a
    figure written that no row holds is checked on another passage, not on a look-alike row)."""
    written = written_values(question)
    for row in rows:
        held = next((v for v in year_values(row) if v.value is not None and v.value in written), None)
        if held is not None:
            return row, held
    if written:
        return None
    years = set(WRITTEN_YEAR_RE.findall(question))
    for row in rows:
        values = [v for v in year_values(row) if v.raw]
        pick = next((v for v in values if v.year in years), None) or next(
            (v for v in values if v.year == row.target_year), None)
        if pick is not None:
            return row, pick
    return None


def verdict(kind: str, row: IndicatorRow, value: YearValue) -> str:
    """The plain answer to a kind check, with the value as the table writes it."""
    where = f"{escape_md(row.name)}{value.year}年一栏"
    marked = marked_figure(value.raw)
    named = lexicon().regex("kind_cumulative").search(row.name)
    if marked is not None:
        figure, after, mark = marked
        said = f"{where}的{escape_md(figure)}{escape_md(after or row.unit or '')}在表中记作{escape_md(mark)}，为{CUMULATIVE_KIND}。"
    elif named is not None:
        said = f"{where}为{value_text(value.raw, row.unit)}，指标名称写明“{escape_md(named.group())}”。"
    else:
        return f"不是{CUMULATIVE_KIND}（表中未加累计标记）：{where}为{value_text(value.raw, row.unit)}。"
    lead = {ONE_YEAR: "不是一年的数", CUMULATIVE: "是", WHICH: f"是{CUMULATIVE_KIND}，不是一年的数"}[kind]
    return f"{lead}：{said}"


def with_kind_verdict(answer: Answer, question: str) -> Answer:
    """``answer`` led by the verdict on the kind of figure ``question`` asks about, cited by the passage it comes
    from: the row the answer quotes, else the clause of a cited passage stating the figure the question writes
    (实际利用外资累计达45亿美元, 每年新增外资企业30家); returned as it is when the question asks no such thing, the
    answer is refused or nothing it cites says which kind the figure is."""
    kind = kind_claim(question, claimed=read_claim(question) is not None)
    if kind is None or answer.refused:
        return answer
    found = _row_verdict(answer, question, kind) or _clause_verdict(answer, question, kind)
    if found is None:
        return answer
    line, n = found
    return replace(answer, answer=f"{line} [{n}]\n{answer.answer}")


def _row_verdict(answer: Answer, question: str, kind: str) -> tuple[str, int] | None:
    found = claimed_value(answer.indicators, question)
    if found is None:
        return None
    row, value = found
    cite = next((c for c in answer.citations if c.doc_id == row.doc_id and c.highlight == CELL_SEP.join(row.cells)),
                None)
    return (verdict(kind, row, value), cite.n) if cite is not None else None


_LEADS = {  # (what the plan's clause says, what the question calls it) -> the plain answer
    (CUMULATIVE, ONE_YEAR): "不是一年的数", (CUMULATIVE, CUMULATIVE): "是", (CUMULATIVE, WHICH): "是累计数，不是一年的数",
    (ONE_YEAR, ONE_YEAR): "是", (ONE_YEAR, CUMULATIVE): "不是累计数", (ONE_YEAR, WHICH): "是一年的数，不是累计数",
}


def _clause_verdict(answer: Answer, question: str, kind: str) -> tuple[str, int] | None:
    """The clause of a cited passage stating a figure the question writes, when it says its kind: 累计 (a
    five-year or running total) or 每年 / 年均 (one year's)."""
    written = written_values(question)
    if not written:
        return None
    lex = lexicon()
    for c in answer.citations:
        for sent in sentences(c.text):
            for clause in CLAUSE_RE.findall(sent):
                if not written_values(clause) & written:
                    continue
                said = CUMULATIVE if lex.regex("kind_cumulative").search(clause) else ONE_YEAR if (
                    lex.regex("per_year_statement").search(clause)) else None
                if said is not None:
                    body = clause.strip().rstrip("，；。,;")
                    return f"{_LEADS[said, kind]}：规划写的是“{escape_md(body)}”。", c.n
    return None


def yearly_clause(texts: list[str], term: str, given: str) -> tuple[int, str] | None:
    """The clause stating a yearly figure of ``term`` (每年培育“皖企登云”企业6000家以上) among ``texts``, for a check
    whether the figure just given (``given``: the earlier answer, 到2023年新增2万家) is one year's that the clause
    stating it leaves unsaid: (the text's index, the clause), the first clause writing the term, a per-year word
    and a figure the earlier answer did not give; None when none does. Pure."""
    lex = lexicon()
    said = written_values(given)
    for i, text in enumerate(texts):
        for sent in sentences(text):
            for clause in CLAUSE_RE.findall(sent):
                if (term in clause and lex.regex("per_year_statement").search(clause)
                        and written_values(clause) and not written_values(clause) & said):
                    return i, clause.strip().rstrip("，；。,;")
    return None
