"""Document -> chunks. Pure.

- Sections: by section, never across a section boundary, bounded in model tokens and cut at
  sentence ends (。；！？).
- One chunk per indicator row, one per 专栏 item and one per row of any other table (its title and header in
  the text, so BM25 and the embedder find a row by what its columns mean).
``Chunk.text`` is source text (debris removed) for citing; ``Chunk.embed_text`` adds the plan's
short name and heading path so the embedder and BM25 see where a passage sits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.text.sentences import sentences
from assistant.types import CELL_SEP, Chunk, Document, IndicatorRow, Section, Table, TableRow

TokenCounter = Callable[[str], int]


def approx_tokens(text: str) -> int:
    """About 0.64 e5 tokens per Chinese character (measured on these plans); used when no model is loaded."""
    return int(len(text) * 0.7) + 2


DENSE_LABEL_HEADINGS = 2  # headings kept before an embedded passage, besides the plan's name


@dataclass(frozen=True)
class ChunkSettings:
    max_tokens: int = 320
    min_chars: int = 4

    def describe(self) -> dict:
        return {"max_tokens": self.max_tokens, "min_chars": self.min_chars, "version": 4,
                "dense_label_headings": DENSE_LABEL_HEADINGS}


def _split_long(sentence: str, budget: int, count: TokenCounter) -> list[str]:
    """An over-long sentence cut into pieces within budget: at the last comma that fits, else hard."""
    out = []
    while count(sentence) > budget:
        lo, hi = 1, len(sentence)
        while lo < hi:  # longest prefix within budget
            mid = (lo + hi + 1) // 2
            if count(sentence[:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        cut = max(sentence.rfind(c, 0, lo) for c in "，、,")
        cut = cut + 1 if cut > lo // 3 else lo
        out.append(sentence[:cut])
        sentence = sentence[cut:]
    return out + [sentence]


def _pieces(section: Section, budget: int, count: TokenCounter) -> list[tuple[int, str]]:
    """Paragraph texts (with line numbers), long paragraphs cut at sentence ends to fit the budget."""
    out: list[tuple[int, str]] = []
    for p in section.paragraphs:
        if count(p.text) <= budget:
            out.append((p.lineno, p.text))
            continue
        buf = ""
        for s in sentences(p.text):
            if buf and count(buf + s) > budget:
                out.append((p.lineno, buf))
                buf = ""
            pieces = _split_long(s, budget, count)
            for piece in pieces[:-1]:
                if buf:
                    out.append((p.lineno, buf))
                    buf = ""
                out.append((p.lineno, piece))
            buf += pieces[-1]
        if buf:
            out.append((p.lineno, buf))
    return out


def dense_text(chunk: Chunk) -> str:
    """What the embedder sees: the passage under a short label, the plan's name and its last two headings. The full
    heading path stays in the BM25 text and in citations; in front of every row of a table, item of a box or piece
    of a long section it repeats the same chapter and section, about a fifth of all embedded tokens."""
    label, sep, body = chunk.embed_text.partition("\n")
    parts = label.split(" › ")
    if len(parts) > DENSE_LABEL_HEADINGS + 1:
        label = " › ".join([parts[0], *parts[-DENSE_LABEL_HEADINGS:]])
    return label + sep + body


def heading_label(doc: Document, path: tuple[str, ...]) -> str:
    name = doc.meta.short_names[0] if doc.meta.short_names else doc.meta.title
    return " › ".join((name,) + path)


def section_chunks(doc: Document, section: Section, settings: ChunkSettings, count: TokenCounter) -> list[Chunk]:
    label = heading_label(doc, section.path)
    budget = max(32, settings.max_tokens - count(label) - 4)
    chunks: list[Chunk] = []
    buf: list[tuple[int, str]] = []

    def joined(pieces: list[tuple[int, str]]) -> str:
        """Pieces of one paragraph join back without a break; paragraphs are separated by newlines."""
        out = ""
        for i, (ln, t) in enumerate(pieces):
            out += ("" if i == 0 or pieces[i - 1][0] == ln else "\n") + t
        return out

    def flush() -> None:
        if not buf:
            return
        text = joined(buf)
        if len(text) >= settings.min_chars:
            n = len(chunks) + 1
            chunks.append(Chunk(f"{section.id}#{n}", doc.doc_id, "section", section.id, section.path, text,
                                f"{label}\n{text}", buf[0][0]))
        buf.clear()

    for lineno, text in _pieces(section, budget, count):
        if buf and count(joined(buf) + "\n" + text) > budget:
            flush()
        buf.append((lineno, text))
    flush()
    return chunks


def indicator_source_text(row: IndicatorRow) -> str:
    """What a citation of an indicator shows: table title, header, the row's cells as in the source, and the
    table's note when the row's values are marked by it (五年累计)."""
    text = f"{row.table}\n{' | '.join(row.header)}\n{' | '.join(row.cells)}"
    return text + (f"\n{row.note}" if row.note and row.cumulative else "")


def indicator_sentence(doc: Document, row: IndicatorRow) -> str:
    """'渝中区 外贸进出口额：2020年 90.1 亿元，2025年目标 120 亿元'."""
    name = doc.meta.short_names[0] if doc.meta.short_names else doc.meta.title
    unit = f" {row.unit}" if row.unit else ""
    parts = []
    if row.baseline_raw:
        parts.append(f"{row.baseline_year}年 {row.baseline_raw}{unit}")
    if row.target_raw:
        parts.append(f"{row.target_year}年目标 {row.target_raw}{unit}")
    extra = [x for x in (row.attribute, "五年累计数" if row.cumulative else None, row.category) if x]
    return f"{name} {row.name}：{'，'.join(parts)}" + (f"（{'，'.join(extra)}）" if extra else "")


def table_row_text(table: Table, row: TableRow) -> str:
    """What a citation of a table row shows: the caption, the header and the row's cells as in the source."""
    group = f"{row.group}\n" if row.group else ""
    return f"{table.title}\n{CELL_SEP.join(table.columns)}\n{group}{CELL_SEP.join(c for _, c in row.cells)}"


def table_row_sentence(table: Table, row: TableRow) -> str:
    """'表3-1 …发展目标 长春市：充电站(座) 27；换电站(座) 75；…' for the embedder and BM25."""
    cells = "；".join(f"{col} {cell}" for col, cell in row.cells[1:] if cell)
    return f"{table.title} {row.group + ' ' if row.group else ''}{row.key}：{cells}"


def _note_chunks(doc: Document, t: Table, settings: ChunkSettings, count: TokenCounter) -> list[Chunk]:
    """A table's notes (注：1．… 2．本次规划在原有专项规划外新增布局了13座站点…) are plan text: searchable and
    quotable under the table's heading, in pieces that fit the chunk budget."""
    path = t.heading_path + (t.title,)
    label = heading_label(doc, path)
    budget = max(32, settings.max_tokens - count(label) - 4)
    groups: list[list[str]] = []
    for note in (n.strip() for n in t.notes):
        if not note:
            continue
        if groups and count("\n".join(groups[-1] + [note])) <= budget:
            groups[-1].append(note)
        else:
            groups.append([note])
    out = []
    for i, g in enumerate(groups, 1):
        text = "\n".join(g)
        if len(text) >= settings.min_chars:
            out.append(Chunk(f"{t.section_id}/tbl{t.line_start}n{i}", doc.doc_id, "note", t.section_id, path, text,
                             f"{label}\n{text}", t.line_start))
    return out


def document_chunks(doc: Document, settings: ChunkSettings, count: TokenCounter = approx_tokens) -> list[Chunk]:
    out: list[Chunk] = []
    for s in doc.sections:
        if s.kind in ("table", "box", "title"):
            continue
        out.extend(section_chunks(doc, s, settings, count))
    for i, row in enumerate(doc.indicators, 1):
        path = row.heading_path + (row.table,)
        out.append(Chunk(f"{row.section_id}/ind{i}", doc.doc_id, "indicator", row.section_id, path,
                         indicator_source_text(row), f"{heading_label(doc, path)}\n{indicator_sentence(doc, row)}",
                         row.lineno))
    for t in doc.tables:
        path = t.heading_path + (t.title,)
        for i, row in enumerate(t.records):
            if i in t.indicator_rows:
                continue  # an indicator row has its own chunk above
            out.append(Chunk(f"{t.section_id}/tbl{t.line_start}r{i + 1}", doc.doc_id, "table_row", t.section_id, path,
                             table_row_text(t, row), f"{heading_label(doc, path)}\n{table_row_sentence(t, row)}",
                             row.lineno))
    for t in doc.tables:
        out.extend(_note_chunks(doc, t, settings, count))
    for i, p in enumerate(doc.projects, 1):
        out.append(Chunk(f"{p.section_id}/prj{i}", doc.doc_id, "project", p.section_id, p.heading_path,
                         p.description, f"{heading_label(doc, p.heading_path)}\n{p.description}", p.lineno))
    return out
