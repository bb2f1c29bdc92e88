"""Frozen records passed between pipeline stages.

read (ingest.readers) -> RawDocument -> parse (ingest.parser) -> Document
-> chunk -> Chunk -> retrieve -> Hit -> compose -> Answer
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class SourceLine:
    """One line (txt/md), paragraph (docx) or text line (pdf) of a source file.

    ``lineno`` is 1-based: the line in a text file, the paragraph number in a
    .docx, a running line number in a .pdf (``page`` says which page).
    ``style_level`` is a heading level the file format itself declares
    (a Word "Heading 2" style, a markdown ``##``), ``None`` when it declares none.
    """

    lineno: int
    text: str
    style_level: int | None = None
    page: int | None = None
    lead: str | None = None  # a bold run opening the line ("**1．现状** 正文…" -> "1．现状"): a run-in heading


@dataclass(frozen=True)
class SourceTable:
    """A real table (Word or PDF); each row is a tuple of cell texts."""

    lineno: int
    rows: tuple[tuple[str, ...], ...]
    page: int | None = None


Block = SourceLine | SourceTable


@dataclass(frozen=True)
class RawDocument:
    """What a reader produces: the file's blocks in body order plus warnings."""

    path: str
    fmt: str  # "txt" | "md" | "docx" | "pdf"
    blocks: tuple[Block, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- catalog


@dataclass(frozen=True)
class DocMeta:
    """Catalog entry (or one derived from the file when there is none)."""

    doc_id: str
    title: str
    short_names: tuple[str, ...] = ()
    issuer: str | None = None
    year: int | None = None
    doc_number: str | None = None
    file: str | None = None
    from_catalog: bool = False
    date: str | None = None  # the issuing or publication date as written (2025年11月30日)

    def reference(self) -> str:
        """What a citation shows of the document besides its title: issuer, 文号 and date where known."""
        return " ".join(x for x in (self.issuer, self.doc_number, self.date) if x)


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text; ``topic`` is its lead sentence when it has one."""

    text: str
    lineno: int
    topic: str | None = None


@dataclass(frozen=True)
class Section:
    """A node of the heading tree.

    ``path`` is the heading path below the document title
    (e.g. ("第三章 推动形成全面开放新格局", "第一节 统筹“五区联动”协调发展")).
    ``kind`` is the heading form (zhang, jie, cn_num, ...); ``inferred`` marks a
    node the parser created for a heading missing from the source.
    """

    id: str
    doc_id: str
    kind: str
    number: str | None
    title: str
    path: tuple[str, ...]
    level: int
    parent_id: str | None
    paragraphs: tuple[Paragraph, ...]
    line_start: int
    line_end: int
    inferred: bool = False
    source: str = ""  # the heading as written in the file (without body text on the same line)

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class YearValue:
    year: str
    raw: str | None
    value: float | None
    cumulative: bool


@dataclass(frozen=True)
class IndicatorRow:
    """One row of an indicator table, raw cells kept next to parsed values."""

    doc_id: str
    table: str
    seq: str | None
    category: str | None
    name: str
    unit: str | None
    baseline_year: str | None
    baseline_raw: str | None
    baseline: float | None
    target_year: str | None
    target_raw: str | None
    target: float | None
    attribute: str | None
    cumulative: bool
    values: tuple[YearValue, ...]
    heading_path: tuple[str, ...]
    section_id: str
    note: str | None
    header: tuple[str, ...]
    cells: tuple[str, ...]
    lineno: int


@dataclass(frozen=True)
class TableRow:
    """One body row of a table: its cells by column (raw text), their numbers, the group row above it and its kind
    ("data", or "total" for a 合计/总计 row). ``key`` is the cell that names the row (a place, a year, a project)."""

    cells: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, float | None], ...]
    group: str | None
    kind: str
    key: str
    lineno: int

    def cell(self, column: str) -> str:
        return dict(self.cells).get(column, "")

    def value(self, column: str) -> float | None:
        return dict(self.values).get(column)


CELL_SEP = " | "  # how a table row is written as text: a citation's row, a quoted table (index/chunk.py, answer/)


@dataclass(frozen=True)
class Table:
    """A table as found: title, header, rows of cells, notes, and its indicator rows.

    ``header``/``rows`` are the cells as the source gives them (what the indicator rows are read from);
    ``columns``/``records`` are the table read by meaning (merged headers joined "group/sub", group and total
    rows marked). ``number`` is the caption number (表3-1), ``name`` the caption without it; ``units`` and
    ``years`` say what a column's unit and year are, where its header or the plan's period says so."""

    doc_id: str
    title: str
    section_id: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]
    indicators: tuple[IndicatorRow, ...]
    line_start: int
    line_end: int
    number: str | None = None
    name: str = ""
    heading_path: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    records: tuple[TableRow, ...] = ()
    units: tuple[tuple[str, str], ...] = ()
    years: tuple[tuple[str, int], ...] = ()
    projects: tuple[Project, ...] = ()
    indicator_rows: tuple[int, ...] = ()  # which records became IndicatorRows

    def unit(self, column: str) -> str | None:
        return dict(self.units).get(column)


@dataclass(frozen=True)
class Project:
    """One item of a 专栏 box of key projects."""

    doc_id: str
    name: str
    description: str
    box: str
    section_id: str
    heading_path: tuple[str, ...]
    lineno: int

    @property
    def text(self) -> str:
        return self.description


@dataclass(frozen=True)
class Box:
    """A 专栏 box: its title and either projects or a table."""

    doc_id: str
    title: str
    section_id: str
    projects: tuple[Project, ...]
    body: tuple[Paragraph, ...]
    line_start: int
    line_end: int

    def body_text(self) -> list[str]:
        return [self.title] + [p.description for p in self.projects]


@dataclass(frozen=True)
class Goal:
    """A target stated in running text ("到2025年，……达到……")."""

    doc_id: str
    year: str
    text: str
    numbers: tuple[str, ...]
    section_id: str
    heading_path: tuple[str, ...]
    lineno: int


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    path: str
    sha256: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    boxes: tuple[Box, ...]
    goals: tuple[Goal, ...]
    warnings: tuple[str, ...] = ()
    # lines of the file that are not plan text: page chrome and boilerplate (kept as metadata, never indexed),
    # table-of-contents lines, and paragraphs a bad extraction repeated (the first copy is kept in the text)
    chrome: tuple[Paragraph, ...] = ()
    toc: tuple[Paragraph, ...] = ()
    repeats: tuple[Paragraph, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def indicators(self) -> tuple[IndicatorRow, ...]:
        return tuple(r for t in self.tables for r in t.indicators)

    @property
    def projects(self) -> tuple[Project, ...]:
        """专栏 items, then the rows of project tables."""
        return tuple(p for b in self.boxes for p in b.projects) + tuple(p for t in self.tables for p in t.projects)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


# ---------------------------------------------------------------- retrieval and answers


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit. ``text`` is the source passage verbatim (debris removed);
    ``embed_text`` is what the embedder sees (short name + heading path + text)."""

    id: str
    doc_id: str
    kind: str  # "section" | "indicator" | "table_row" | "note" (a table's notes) | "project"
    section_id: str
    heading_path: tuple[str, ...]
    text: str
    embed_text: str
    lineno: int = 0


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int
    scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    doc_title: str
    heading_path: tuple[str, ...]
    text: str
    score: float
    highlight: str | None = None
    doc_ref: str = ""  # issuer, 文号 and date of the document where known (DocMeta.reference)


@dataclass(frozen=True)
class Turn:
    """The engine's own record of one answered turn, so a follow-up never re-reads rendered answer text.

    ``resolved`` is None for a turn the engine did not answer itself (history handed in from outside); then the
    chain is resolved again from the questions."""

    question: str
    answer: str = ""  # the answer text as shown
    resolved: str | None = None
    items: tuple[str, ...] = ()  # the items the answer listed, in order
    box: str | None = None  # the 专栏 the answer named
    passage: str = ""  # the plan's sentence the answer quoted first, what "这条" points at
    table: str | None = None  # the one table (表5-1) an earlier part of the same message was answered from


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    related: tuple[Citation, ...] = ()
    intent: str = "open"
    docs: tuple[str, ...] = ()
    latency_ms: float = 0.0
    score: float | None = None  # answerability: how well the best passage covers the question (0..1)
    # why a refusal refused, a stable code (assistant/answer/reasons.py); "" for an answer, or what an answer leaves
    # unsaid (reasons.UNSTATED_SUM: the rows of a sum the plan does not write)
    reason: str = ""
    turn: Turn | None = field(default=None, compare=False, repr=False)
