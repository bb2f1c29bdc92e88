"""规划问答 page: a thin Gradio adapter over ``Assistant`` (chat, indicators, outline, upload) plus a small API.

    python app.py [--host 0.0.0.0] [--port 7860] [--concurrency 4]

Public API (gradio_client): /ask(question, docs=None, history=None) -> the `assistant ask --json` object,
/indicators(doc=None) -> rows, /outline(doc=None) -> text, /upload(file) -> report text. Every page event is
private (``api_visibility="private"``), so these four are the only endpoints.

Everything taken from a plan or typed by a user is HTML-escaped here before it is put into markup; gradio's
Markdown/Chatbot sanitiser is a second layer, not the first.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry, no version check
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def _own_gradio_temp() -> Path | None:
    """Gradio's scratch folder under the data folder (set before gradio is imported, which reads it once); None
    when GRADIO_TEMP_DIR was set by someone else (that folder is never emptied here)."""
    if os.environ.get("GRADIO_TEMP_DIR"):
        return None
    try:
        from assistant.config import load_settings

        folder = load_settings().gradio_temp_dir
    except Exception:  # noqa: BLE001 - a bad setting is reported by main(); the default folder meanwhile
        folder = ROOT / "data" / "gradio-tmp"
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


GRADIO_TEMP = _own_gradio_temp()

import gradio as gr  # noqa: E402

from assistant.access import BUSY, ClientGate, discard_upload  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.feedback import FeedbackStore  # noqa: E402
from assistant.indicators import name_score  # noqa: E402
from assistant.ingest.outline import render_outline  # noqa: E402
from assistant.serialize import answer_to_dict, citation_to_dict, indicator_to_dict  # noqa: E402

log = logging.getLogger("app")

# One answer takes ~10-100 ms of CPU. On 2 cores, 2 per core keep both busy while one waits on the GIL or
# the queue; more only lengthen each answer (bench/load_bench.py: 1 -> 19.5, 4 -> 23.4, 8 -> 22.6 req/s).
# The page and /ask share this limit. Uploads re-index and run one at a time. The queue holds at most
# QUEUE_MAX waiting requests, so an overload is refused quickly instead of growing without bound.
ANSWER_CONCURRENCY = 4
QUEUE_MAX = 256
PER_CLIENT = 1  # answers one client (login name, else session) may have running at once
MAX_TURNS_SHOWN = 50  # turns a session keeps on screen (only the last few are used for follow-ups)
MAX_COMMENT = 2000  # characters of a feedback comment
MAX_FILTER = 200  # characters of the indicator filter
INTERNAL_ERROR = "内部错误 / internal error: 处理时出现意外问题，已记录日志，请稍后重试或联系管理员。"

EXAMPLES = (  # one each: an indicator, a goal, a project, a comparison
    "高新区2025年外贸进出口总额目标是多少？",
    "渝中区到2025年的总体发展目标是什么？",
    "高新区规划建设哪些国际化医院项目？",
    "高新区和渝中区2025年实际利用外资目标分别是多少？",
)

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
             "ui-sans-serif", "system-ui", "sans-serif")
MONO_FONTS = ("Noto Sans Mono CJK SC", "DejaVu Sans Mono", "ui-monospace", "Consolas", "monospace")

CSS = """
.cite-list { margin-top: .7em; padding-top: .4em; border-top: 1px solid var(--border-color-primary); }
.cite-head { font-weight: 600; font-size: .9em; color: var(--body-text-color-subdued); margin-bottom: .2em; }
.cite-list.related .cite-head { color: #b45309; }
details.cite { margin: .2em 0; }
details.cite > summary { cursor: pointer; }
.cite-text { margin: .3em 0 .5em; padding: .4em .7em; border-left: 3px solid var(--color-accent);
             background: var(--background-fill-secondary); font-size: .92em; line-height: 1.6; }
.cite-text mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.section-path { color: var(--body-text-color-subdued); font-size: .9em; margin-bottom: .5em; }
.section-body p { margin: 0 0 .6em; line-height: 1.75; }
#outline-tree { max-height: 640px; overflow-y: auto; }
#outline-tree .wrap { flex-direction: column; align-items: stretch; gap: 2px; }
#outline-tree label { width: 100%; padding: 4px 10px; }
"""


# ---------------------------------------------------------------- rendering (pure, escapes everything)


def _e(text: object) -> str:
    """Text for HTML markup the page builds."""
    return html.escape(str(text or ""))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_text(text: object) -> str:
    """Arbitrary text (a question, an error message) shown literally inside markdown: no HTML, no markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text or ""), quote=False))


def safe_markdown(md: str) -> str:
    """The composer's markdown (plan text already escaped with escape_md) with every '<' and '>' turned into an
    entity, escaped or not, so no raw HTML can reach the page whatever the answer holds. Renders the same."""
    out, i = [], 0
    while i < len(md):
        ch = md[i]
        if ch == "\\" and i + 1 < len(md):
            nxt = md[i + 1]
            out.append({"<": "&lt;", ">": "&gt;"}.get(nxt, ch + nxt))
            i += 2
            continue
        out.append({"<": "&lt;", ">": "&gt;"}.get(ch, ch))
        i += 1
    return "".join(out)




def _passage_html(text: str, highlight: str | None) -> str:
    """The passage with the cited sentence in <mark>; newlines become <br> so the block stays one HTML line."""
    at = text.find(highlight) if highlight else -1
    if at < 0:
        body = _e(text)
    else:
        body = _e(text[:at]) + "<mark>" + _e(highlight) + "</mark>" + _e(text[at + len(highlight):])
    return body.replace("\r", "").replace("\n", "<br>")


def _where(c) -> str:
    return " › ".join(_e(p) for p in (f"《{c.doc_title}》", *c.heading_path))


def _citations_html(title: str, citations, related: bool = False) -> str:
    items = []
    for c in citations:
        label = "" if related else f"<b>[{c.n}]</b> "
        items.append(f'<details class="cite"><summary>{label}{_where(c)}</summary>'
                     f'<div class="cite-text">{_passage_html(c.text, c.highlight)}</div></details>')
    cls = "cite-list related" if related else "cite-list"
    return f'<div class="{cls}"><div class="cite-head">{_e(title)}</div>{"".join(items)}</div>'


def render_answer(ans) -> str:
    """Answer text (markdown from the composer, escaped), then numbered expandable sources, then 可能相关."""
    parts = [safe_markdown(ans.answer)]
    if ans.citations:
        parts.append(_citations_html("来源 / sources（点击展开原文）", ans.citations))
    if ans.related:
        parts.append(_citations_html("可能相关 / possibly related（未必回答了问题，仅供查阅）", ans.related, related=True))
    return "\n\n".join(parts)


def render_error(message: str) -> str:
    return "**未能回答 / error**：" + md_text(message)


def section_html(doc, index: int, sections) -> str:
    s = sections[index]
    path = " › ".join(_e(p) for p in (f"《{doc.meta.title}》", *s.path))
    paras = "".join(f"<p>{_e(p.text)}</p>".replace("\n", "<br>") for p in s.paragraphs)
    if not paras:
        paras = "<p><i>（本节无正文，内容在下级标题中）</i></p>"
    note = "（此标题为解析时推断，原文缺失）" if s.inferred else ""
    return (f'<div class="section-path">{path} · 第 {index + 1} / {len(sections)} 节{_e(note)}</div>'
            f'<div class="section-body">{paras}</div>')


# ---------------------------------------------------------------- indicator views (pure)

INDICATOR_COLUMNS = ["规划", "表", "序号", "类别", "指标", "单位", "基期年", "基期值", "目标年", "目标值", "属性", "累计"]
PAIR_COLUMNS = ["相似度", "规划A", "指标A", "单位A", "基期A", "目标A", "规划B", "指标B", "单位B", "基期B", "目标B"]
_COUNT_UNITS = {"家", "个", "项", "所", "座"}


def short_name(doc) -> str:
    return doc.meta.short_names[0] if doc.meta.short_names else doc.meta.title


def row_label(row) -> str:
    unit = f"（{row.unit}）" if row.unit else ""
    return f"{row.name}{unit}{'（累计）' if row.cumulative else ''}"


def _cells(doc, r) -> list[str]:
    return [short_name(doc), r.table, r.seq or "", r.category or "", r.name, r.unit or "", r.baseline_year or "",
            r.baseline_raw or "", r.target_year or "", r.target_raw or "", r.attribute or "",
            "累计" if r.cumulative else ""]


def _plan_rows(documents, doc_id: str | None):
    """(document, row key "doc_id#i", row) for every indicator row of the chosen plan (or all), in plan order."""
    for d in documents:
        if not doc_id or d.doc_id == doc_id:
            for i, r in enumerate(d.indicators):
                yield d, f"{d.doc_id}#{i}", r


def indicator_rows(documents, doc_id: str | None, text: str) -> list[tuple[str, list[str]]]:
    """(row key, table cells) of the rows that pass the plan and text filters, in plan order."""
    text = (text or "").strip().lower()
    rows = ((key, _cells(d, r)) for d, key, r in _plan_rows(documents, doc_id))
    return [(key, cells) for key, cells in rows if not text or any(text in c.lower() for c in cells)]


def indicator_table(documents, doc_id: str | None, text: str) -> list[list[str]]:
    return [cells for _, cells in indicator_rows(documents, doc_id, text)]


def _units_compatible(a: str | None, b: str | None) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    return a == b or (a in _COUNT_UNITS and b in _COUNT_UNITS)


_pairs_cache: list = [None, []]  # [documents tuple, pairs]: the tuple is replaced when an upload refreshes


def similar_pairs(documents, min_score: float = 0.5) -> list[tuple]:
    """Rows of different plans measuring the same thing: name similarity (both directions) with compatible units,
    matched one-to-one, best first."""
    cached_docs, cached = _pairs_cache
    if cached_docs is documents:
        return cached
    pairs = []
    for i, a in enumerate(documents):
        rows_a = a.indicators
        for b in documents[i + 1:]:
            rows_b = b.indicators
            cand = sorted(((max(name_score(ra.name, rb.name), name_score(rb.name, ra.name)), ia, ib)
                           for ia, ra in enumerate(rows_a) for ib, rb in enumerate(rows_b)
                           if _units_compatible(ra.unit, rb.unit)), reverse=True)
            used_a, used_b = set(), set()
            for score, ia, ib in cand:
                if score < min_score:
                    break
                if ia in used_a or ib in used_b:
                    continue
                used_a.add(ia)
                used_b.add(ib)
                pairs.append((score, a, rows_a[ia], b, rows_b[ib]))
    pairs.sort(key=lambda p: -p[0])
    _pairs_cache[:] = [documents, pairs]
    return pairs


def pair_table(documents) -> list[list]:
    return [[round(s, 2), short_name(da), ra.name, ra.unit or "", ra.baseline_raw or "", ra.target_raw or "",
             short_name(db), rb.name, rb.unit or "", rb.baseline_raw or "", rb.target_raw or ""]
            for s, da, ra, db, rb in similar_pairs(documents)]


def chart_rows(documents, key: str | None) -> list[dict]:
    """Bars for one indicator (key "doc_id#i") and its counterparts in other plans: baseline vs target."""
    found = _find_row(documents, key)
    if found is None:
        return []
    doc, row = found
    group = [(doc, row)]
    for _s, da, ra, db, rb in similar_pairs(documents):
        if ra is row:
            group.append((db, rb))
        elif rb is row:
            group.append((da, ra))
    data = []
    for d, r in group:
        suffix = "（累计）" if r.cumulative else ""
        for year, value, series in ((r.baseline_year, r.baseline, "基期"), (r.target_year, r.target, "目标")):
            if value is None:
                continue
            data.append({"项": f"{short_name(d)} {year or ''}{series}{suffix}", "数值": float(value), "系列": series})
    return data


def _find_row(documents, key: str | None):
    if not key or "#" not in key:
        return None
    doc_id, _, i = key.rpartition("#")
    for d in documents:
        if d.doc_id == doc_id and i.isdigit() and int(i) < len(d.indicators):
            return d, d.indicators[int(i)]
    return None


def indicator_choices(documents, doc_id: str | None, text: str) -> list[tuple[str, str]]:
    text = (text or "").strip().lower()
    out = []
    for d, key, r in _plan_rows(documents, doc_id):
        label = f"{short_name(d)} · {row_label(r)}"
        if not text or text in label.lower() or text in (r.category or "").lower():
            out.append((label, key))
    return out


# ---------------------------------------------------------------- inputs of handlers anyone can call


def _str(value) -> str:
    return value if isinstance(value, str) else ""


_TURN_KEYS = {"question": str, "answer": str, "html": str, "error": bool, "citations": str}


def _valid_turns(turns) -> list[dict]:
    """The session's turns, keeping only well-formed ones (a caller by fn_index can send anything)."""
    if not isinstance(turns, list):
        return []
    return [t for t in turns[-MAX_TURNS_SHOWN:] if isinstance(t, dict)
            and all(isinstance(t.get(k), kind) for k, kind in _TURN_KEYS.items())]


def user_of(request) -> str:
    """The login name ("" without login)."""
    return str(getattr(request, "username", None) or "")


def client_of(request) -> str:
    """Whom a request counts against: the login name, else the session."""
    user = user_of(request)
    if user:
        return "user:" + user
    return "session:" + str(getattr(request, "session_hash", None) or "anonymous")


# ---------------------------------------------------------------- the page


@dataclass
class _Views:
    """Plan-dependent values, recomputed after an upload (the documents tuple is swapped by refresh)."""

    plan_choices: list[tuple[str, str]]
    doc_ids: list[str]


def _views(assistant) -> _Views:
    docs = assistant.documents
    return _Views([(d.meta.title, d.doc_id) for d in docs], [d.doc_id for d in docs])


def _outline_sections(doc):
    return [s for s in doc.sections if s.kind != "title"]


def _outline_choices(doc) -> list[tuple[str, str]]:
    return [("\u3000" * (s.level - 1) + s.path[-1], s.id) for s in _outline_sections(doc)]


def build_demo(assistant, feedback: FeedbackStore | None = None, concurrency: int = ANSWER_CONCURRENCY,
               per_client: int = PER_CLIENT, auth_on: bool = False) -> gr.Blocks:
    """The whole page. ``assistant`` is shared by all sessions (it is thread-safe); nothing here keeps state
    across sessions except what the Assistant and the feedback store persist. ``concurrency`` bounds the answers
    computed at once, page and /ask together; ``per_client`` the answers one client may have running at once.
    Every handler, private or not, checks its own inputs: any of them can be called by name."""
    import pandas as pd

    feedback = feedback or FeedbackStore(assistant.settings.feedback_path)
    gate = ClientGate(per_client)
    docs_now = assistant.documents

    def _doc(doc_id: str | None):
        """The chosen plan; the first one for anything that is not a known plan id."""
        doc_id = _str(doc_id)
        return assistant.document(doc_id) if doc_id in assistant.doc_ids else assistant.documents[0]

    # ------------------------------------------------------------ chat

    def respond(question: str, plans: list[str], turns: list[dict], request: gr.Request | None = None):
        turns = _valid_turns(turns)
        if not isinstance(question, str):
            gr.Warning("问题需要是文字 / the question must be text")
            return gr.update(), _messages(turns), turns
        if not isinstance(plans, list) or not all(isinstance(p, str) for p in plans):
            gr.Warning("检索范围需要是规划编号的列表 / plans must be a list of plan ids")
            return gr.update(), _messages(turns), turns
        if not question.strip():
            gr.Warning("请输入问题 / please type a question")
            return gr.update(), _messages(turns), turns
        if not plans:
            gr.Warning("请至少选择一个规划 / select at least one plan under 检索范围")
            return gr.update(), _messages(turns), turns
        history = [{"question": t["question"], "answer": t["answer"]} for t in turns if not t["error"]]
        client = client_of(request)
        if not gate.enter(client):
            gr.Warning(BUSY)
            return gr.update(), _messages(turns), turns
        try:
            ans = assistant.ask(question, history=history, docs=plans)
            turn = {"question": question, "answer": ans.answer, "html": render_answer(ans), "error": False,
                    "citations": json.dumps([citation_to_dict(c) for c in ans.citations], ensure_ascii=False)}
        except AssistantError as e:
            turn = {"question": question, "answer": str(e), "html": render_error(str(e)), "error": True,
                    "citations": "[]"}
        except Exception:
            log.exception("answering %r failed", question[:200])
            turn = {"question": question, "answer": INTERNAL_ERROR, "html": render_error(INTERNAL_ERROR),
                    "error": True, "citations": "[]"}
        finally:
            gate.leave(client)
        turns = (turns + [turn])[-MAX_TURNS_SHOWN:]
        return "", _messages(turns), turns

    def _messages(turns: list[dict]) -> list[dict]:
        out = []
        for t in turns:
            out.append({"role": "user", "content": md_text(t["question"])})
            out.append({"role": "assistant", "content": t["html"]})
        return out

    def on_example(evt: gr.SelectData, plans: list[str], turns: list[dict], request: gr.Request | None = None):
        value = getattr(evt, "value", None)
        value = value if isinstance(value, dict) else {"text": value if isinstance(value, str) else ""}
        return respond(value.get("text", ""), plans, turns, request)

    def clear():
        return [], [], "", ""

    def _store(turn: dict, helpful: bool, comment: str, user: str = "") -> str:
        comment = comment if isinstance(comment, str) else ""
        try:
            fid = feedback.add(turn["question"], turn["answer"], helpful, comment[:MAX_COMMENT], turn["citations"],
                               user=user)
        except Exception:
            log.exception("saving feedback failed")
            return "反馈保存失败 / could not save the feedback; please try again later."
        return f"已记录反馈 #{fid}，谢谢！/ feedback saved, thank you."

    def on_like(data: gr.LikeData, turns: list[dict], request: gr.Request | None = None):
        liked, index = getattr(data, "liked", None), getattr(data, "index", None)
        if not isinstance(liked, bool):
            return gr.update()
        index = index[0] if isinstance(index, (list, tuple)) and index else index
        turns = _valid_turns(turns)
        if not isinstance(index, int) or not 0 <= index // 2 < len(turns):
            return gr.update()
        return _store(turns[index // 2], liked, "", user_of(request))

    def on_feedback(helpful: bool, comment: str, turns: list[dict], request: gr.Request | None = None):
        answered = [t for t in _valid_turns(turns) if not t["error"]]
        if not answered:
            return "还没有可评价的回答 / ask a question first.", comment
        return _store(answered[-1], helpful, comment, user_of(request)), ""

    def on_good(comment: str, turns: list[dict], request: gr.Request | None = None):
        return on_feedback(True, comment, turns, request)

    def on_bad(comment: str, turns: list[dict], request: gr.Request | None = None):
        return on_feedback(False, comment, turns, request)

    # ------------------------------------------------------------ indicators

    def indicator_views(doc_id: str | None, text: str):
        docs = assistant.documents
        doc_id, text = _str(doc_id) or None, _str(text)[:MAX_FILTER]
        choices = indicator_choices(docs, doc_id, text)
        key = choices[0][1] if choices else None
        return (gr.update(value=indicator_table(docs, doc_id, text), headers=INDICATOR_COLUMNS),
                gr.update(choices=choices, value=key), _chart(chart_rows(docs, key)))

    def on_indicator_pick(key: str | None):
        return _chart(chart_rows(assistant.documents, _str(key)))

    def on_table_select(evt: gr.SelectData, doc_id: str | None, text: str):
        # match on the clicked row's values: the user may have re-sorted the table
        row = getattr(evt, "row_value", None)
        clicked = [str(v) for v in (row if isinstance(row, list) else [])]
        for key, cells in indicator_rows(assistant.documents, _str(doc_id) or None, _str(text)[:MAX_FILTER]):
            if cells == clicked:
                return gr.update(value=key), _chart(chart_rows(assistant.documents, key))
        return gr.update(), gr.update()

    def _chart(data: list[dict]):
        # only the data changes: changing title or sort with it makes gradio 6.31's BarPlot re-embed the chart
        # and, racing with the data update, sometimes keep the old bars (the dropdown names the indicator)
        return gr.update(value=pd.DataFrame(data, columns=["项", "数值", "系列"]))

    # ------------------------------------------------------------ outline

    def outline_views(doc_id: str | None):
        doc = _doc(doc_id)
        sections = _outline_sections(doc)
        first = sections[0].id if sections else None
        text = section_html(doc, 0, sections) if sections else ""
        return gr.update(choices=_outline_choices(doc), value=first), text

    def on_section(doc_id: str | None, section_id: str | None):
        doc = _doc(doc_id)
        sections = _outline_sections(doc)
        ids = [s.id for s in sections]
        if section_id not in ids:
            return ""
        return section_html(doc, ids.index(section_id), sections)

    def step_section(doc_id: str | None, section_id: str | None, step: int):
        sections = _outline_sections(_doc(doc_id))
        ids = [s.id for s in sections]
        if not ids:
            return gr.update()
        i = ids.index(section_id) + step if section_id in ids else 0
        return gr.update(value=ids[max(0, min(len(ids) - 1, i))])

    # ------------------------------------------------------------ upload

    def on_upload(path: str | None, request: gr.Request | None = None,
                  progress=gr.Progress()):  # noqa: B008 - how gradio injects a progress bar
        if not path or not isinstance(path, str):
            return "请先选择一个文件 / choose a file first.", *_plan_updates()
        name = Path(path).name
        try:
            progress(0.05, desc="读取文件 / reading")
            data = _uploaded_bytes(path)
            progress(0.1, desc="解析并建立索引 / parsing and indexing")
            report = assistant.add_document(data, name, progress=lambda f, m: progress(0.1 + 0.9 * f, desc=m),
                                            user=user_of(request))
            progress(1.0, desc="完成 / done")
            text = report.summary()
        except AssistantError as e:
            text = f"未能添加 / not added: {e}"
        except Exception:
            log.exception("upload of %r failed", name)
            text = INTERNAL_ERROR
        return text, *_plan_updates()

    def _uploaded_bytes(path: str) -> bytes:
        """The bytes of a file Gradio stored for this upload, which is then deleted. Only files in Gradio's
        scratch folder: a path typed into an API call is not a way to read the server's files."""
        folder = Path(os.environ.get("GRADIO_TEMP_DIR") or gr.utils.get_upload_folder()).resolve()
        p = Path(path)
        try:
            ours = not p.is_symlink() and p.resolve().is_relative_to(folder) and p.is_file()
        except (OSError, ValueError):  # a name too long, a NUL byte
            ours = False
        if not ours:
            raise AssistantError("不是本次上传的文件 / not a file uploaded to this page; upload the plan again")
        try:
            return p.read_bytes()
        finally:
            discard_upload(p, folder)

    def uploads_table(request: gr.Request | None = None):
        rows = [[u.doc_id, u.file, f"{u.size / 1048576:.2f}", u.user, u.added] for u in assistant.uploads()]
        return gr.update(value=rows), gr.update(choices=[r[0] for r in rows], value=None)

    def on_delete(doc_id: str | None, request: gr.Request | None = None):
        if not isinstance(doc_id, str) or not doc_id:
            return "请先选择要删除的规划 / choose an uploaded plan first.", *_plan_updates()
        try:
            removed = assistant.remove_document(doc_id, user=user_of(request) if auth_on else None)
            text = f"已删除 / deleted {removed.file}，并已从索引中移除 / and removed from the index."
        except AssistantError as e:
            text = f"未能删除 / not deleted: {e}"
        except Exception:
            log.exception("deleting %r failed", doc_id)
            text = INTERNAL_ERROR
        return text, *_plan_updates()

    def _plan_updates():
        v = _views(assistant)
        return (gr.update(choices=v.plan_choices, value=v.doc_ids),
                gr.update(choices=[("全部规划", "")] + v.plan_choices),
                gr.update(choices=v.plan_choices))

    def on_load():
        v = _views(assistant)
        return (gr.update(choices=v.plan_choices, value=v.doc_ids),
                gr.update(choices=[("全部规划", "")] + v.plan_choices, value=""),
                gr.update(choices=v.plan_choices, value=v.doc_ids[0] if v.doc_ids else None),
                pair_table(assistant.documents))

    # ------------------------------------------------------------ API (the only public endpoints)

    def _api(fn):
        try:
            return fn()
        except AssistantError as e:
            raise gr.Error(str(e), print_exception=False) from e
        except Exception as e:
            log.exception("API call failed")
            raise gr.Error(INTERNAL_ERROR, print_exception=False) from e

    def ask(question: str, docs: list[str] | None = None, history: list[dict] | None = None,
            request: gr.Request = None) -> dict:
        """Answer one question. docs: plan ids to search (null or [] = all plans, uploads included);
        history: earlier turns [{"question", "answer"}]. Returns one line of `assistant ask --json`.
        An empty or too long question or an unknown plan id is an error (gradio_client raises AppError)."""
        if history is not None and not isinstance(history, list):
            raise gr.Error("history 需要是列表 / history must be a list of {question, answer} objects")
        client = client_of(request)
        if not gate.enter(client):
            raise gr.Error(BUSY, print_exception=False)
        try:
            return _api(lambda: answer_to_dict(assistant.ask(question, history=history or [], docs=docs or None)))
        finally:
            gate.leave(client)

    def indicators(doc: str | None = None) -> list[dict]:
        """The parsed indicator table rows of one plan (doc id) or of all plans (null)."""
        doc = _api_doc(doc)
        return _api(lambda: [indicator_to_dict(r) for d in ([assistant.document(doc)] if doc else assistant.documents)
                             for r in d.indicators])

    def outline(doc: str | None = None) -> str:
        """The heading tree of one plan (or all), as `assistant outline` prints it."""
        doc = _api_doc(doc)
        return _api(lambda: "".join(f"# {d.meta.title} [{d.doc_id}]\n{render_outline(d)}"
                                    for d in ([assistant.document(doc)] if doc else assistant.documents)))

    def upload_api(file: str | None, request: gr.Request | None = None) -> str:
        if not file or not isinstance(file, str):
            raise gr.Error("缺少文件 / no file given")
        return _api(lambda: assistant.add_document(_uploaded_bytes(file), Path(file).name,
                                                   user=user_of(request)).summary())

    def _api_doc(doc):
        if doc is not None and not isinstance(doc, str):
            raise gr.Error(f"doc 需要是规划编号 / doc must be a plan id (a string); available: {assistant.doc_ids}")
        return doc

    # ------------------------------------------------------------ layout

    v0 = _views(assistant)
    private = {"api_visibility": "private"}
    answer_group = {"concurrency_id": "answer", "concurrency_limit": max(1, concurrency)}
    # files posted to gradio's upload route but never handled are deleted after an hour
    with gr.Blocks(title="规划问答", analytics_enabled=False, delete_cache=(600, 3600)) as demo:
        gr.Markdown("## 规划问答 · 对规划文件提问，答案均摘自原文并标注出处")
        turns = gr.State([])
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=4):
                        chatbot = gr.Chatbot(
                            label="对话", elem_id="chatbot", height=560, buttons=["copy"],
                            feedback_options=("Like", "Dislike"),
                            placeholder="**向规划提问**：指标、目标、重点项目、两个规划的对比都可以问。"
                                        "答案只摘自原文，每条都有编号出处；找不到时会明确说明。",
                            examples=[{"text": q} for q in EXAMPLES])
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="输入问题，按回车发送；可继续追问，如“那渝中区呢？”",
                                                  scale=6, max_lines=4, elem_id="question", autofocus=True)
                            send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="send")
                        with gr.Row():
                            clear_btn = gr.Button("清空对话", size="sm", elem_id="clear")
                        with gr.Accordion("对最近一条回答的反馈（也可点击每条回答下方的赞 / 踩图标）", open=False):
                            comment = gr.Textbox(label="补充说明（可选）", lines=2, max_lines=6)
                            with gr.Row():
                                good = gr.Button("有帮助", size="sm", elem_id="fb-good")
                                bad = gr.Button("没有帮助", size="sm", elem_id="fb-bad")
                            fb_status = gr.Markdown(elem_id="fb-status")
                    with gr.Column(scale=1, min_width=220):
                        plans = gr.CheckboxGroup(choices=v0.plan_choices, value=v0.doc_ids, label="检索范围（规划）",
                                                 elem_id="plans")
                        gr.Markdown("**示例问题**\n\n" + "\n".join(f"- {_e(q)}" for q in EXAMPLES) +
                                    "\n\n来源编号 [1] [2] 对应回答下方可展开的原文段落，黄色为被引用的句子。")

            with gr.Tab("指标", id="indicators"):
                with gr.Row():
                    ind_plan = gr.Dropdown(choices=[("全部规划", "")] + v0.plan_choices, value="", label="规划",
                                           scale=1, elem_id="indicator-plan")
                    ind_text = gr.Textbox(label="筛选（指标名、类别、单位…）", placeholder="例如：外资、亿元", scale=2,
                                          elem_id="indicator-filter")
                ind_table = gr.Dataframe(value=indicator_table(docs_now, None, ""), headers=INDICATOR_COLUMNS,
                                         interactive=False, wrap=True, max_height=420, elem_id="indicator-table",
                                         column_widths=["9%", "16%", "5%", "9%", "17%", "7%", "6%", "7%", "6%", "7%",
                                                        "6%", "5%"],
                                         label="指标表（点击一行在下方绘图）")
                first_choices = indicator_choices(docs_now, None, "")
                first_key = first_choices[0][1] if first_choices else None
                ind_pick = gr.Dropdown(choices=first_choices, value=first_key, elem_id="indicator-pick",
                                       label="图表：选择指标（基期 vs 目标，并列出其他规划中名称相近的指标）")
                chart_data = chart_rows(docs_now, first_key)
                ind_chart = gr.BarPlot(pd.DataFrame(chart_data, columns=["项", "数值", "系列"]), x="项", y="数值",
                                       color="系列", title="所选指标的基期与目标（及其他规划中名称相近的指标）",
                                       x_title="规划 · 年份", y_title="数值（单位见所选指标）", y_lim=[0, None],
                                       x_label_angle=0, height=320, elem_id="indicator-chart",
                                       color_map={"基期": "#94a3b8", "目标": "#f97316"})
                gr.Markdown("**跨规划对照**：按指标名称相似度（且单位可比）配对的指标，仅供参考，请以原文为准。"
                            "【】或 [] 中的数值为五年累计数。")
                pairs = gr.Dataframe(value=pair_table(docs_now), headers=PAIR_COLUMNS, interactive=False, wrap=True,
                                     max_height=320, elem_id="pair-table")

            with gr.Tab("目录", id="outline"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=2, min_width=260):
                        out_plan = gr.Dropdown(choices=v0.plan_choices, value=v0.doc_ids[0] if v0.doc_ids else None,
                                               label="规划", elem_id="outline-plan")
                        first_doc = docs_now[0] if docs_now else None
                        first_secs = _outline_sections(first_doc) if first_doc else []
                        tree = gr.Radio(choices=_outline_choices(first_doc) if first_doc else [],
                                        value=first_secs[0].id if first_secs else None, label="章节目录",
                                        elem_id="outline-tree")
                    with gr.Column(scale=3):
                        with gr.Row():
                            prev_btn = gr.Button("‹ 上一节", size="sm")
                            next_btn = gr.Button("下一节 ›", size="sm")
                        section_view = gr.Markdown(section_html(first_doc, 0, first_secs) if first_secs else "",
                                                   elem_id="section-text")

            with gr.Tab("上传", id="upload"):
                gr.Markdown(f"添加一份规划（.txt / .docx / .pdf / .md，不超过 {assistant.settings.max_upload_mb} MB）。"
                            "文件会被解析、建立索引并长期保存；完成后即可在问答、指标、目录中使用。"
                            "旧版 .doc / .wps 请先另存为 .docx。")
                up_file = gr.File(label="规划文件", type="filepath", elem_id="upload-file")
                up_btn = gr.Button("添加并建立索引", variant="primary", elem_id="upload-btn")
                up_report = gr.Textbox(label="解析报告", lines=8, interactive=False, elem_id="upload-report")
                gr.Markdown("**已上传的规划**：删除后也会从索引中移除。" + ("只能删除自己上传的规划。" if auth_on else ""))
                up_table = gr.Dataframe(headers=["编号", "文件", "MB", "上传者", "时间"], interactive=False,
                                        elem_id="upload-table")
                with gr.Row():
                    up_pick = gr.Dropdown(choices=[], label="选择要删除的规划", scale=3, elem_id="upload-pick")
                    up_del = gr.Button("删除", variant="stop", scale=1, elem_id="upload-delete")

        with gr.Group(visible=False):  # inputs/outputs of the /upload endpoint only
            api_file = gr.File(type="filepath", label="file")
            api_report = gr.Textbox(label="report")

        # chat events (private: the API is /ask below)
        submit_args = {"fn": respond, "inputs": [question, plans, turns], "outputs": [question, chatbot, turns],
                       **private, **answer_group}
        question.submit(**submit_args)
        send.click(**submit_args)
        chatbot.example_select(on_example, [plans, turns], [question, chatbot, turns], **private, **answer_group)
        clear_btn.click(clear, None, [chatbot, turns, question, fb_status], **private, queue=False)
        chatbot.clear(clear, None, [chatbot, turns, question, fb_status], **private, queue=False)
        chatbot.like(on_like, [turns], [fb_status], **private)
        good.click(on_good, [comment, turns], [fb_status, comment], **private)
        bad.click(on_bad, [comment, turns], [fb_status, comment], **private)

        # indicator events
        ind_outputs = [ind_table, ind_pick, ind_chart]
        ind_plan.change(indicator_views, [ind_plan, ind_text], ind_outputs, **private)
        ind_text.change(indicator_views, [ind_plan, ind_text], ind_outputs, **private, trigger_mode="always_last")
        ind_pick.input(on_indicator_pick, [ind_pick], [ind_chart], **private)
        ind_table.select(on_table_select, [ind_plan, ind_text], [ind_pick, ind_chart], **private)

        # outline events
        out_plan.change(outline_views, [out_plan], [tree, section_view], **private)
        tree.change(on_section, [out_plan, tree], [section_view], **private)
        prev_btn.click(lambda d, s: step_section(d, s, -1), [out_plan, tree], [tree], **private)
        next_btn.click(lambda d, s: step_section(d, s, +1), [out_plan, tree], [tree], **private)

        # upload (one at a time: it re-indexes), then refresh every plan-dependent view
        up_btn.click(on_upload, [up_file], [up_report, plans, ind_plan, out_plan], **private,
                     concurrency_id="upload", concurrency_limit=1).then(
            indicator_views, [ind_plan, ind_text], ind_outputs, **private).then(
            lambda: pair_table(assistant.documents), None, [pairs], **private).then(
            uploads_table, None, [up_table, up_pick], **private)
        up_del.click(on_delete, [up_pick], [up_report, plans, ind_plan, out_plan], **private,
                     concurrency_id="upload", concurrency_limit=1).then(
            indicator_views, [ind_plan, ind_text], ind_outputs, **private).then(
            lambda: pair_table(assistant.documents), None, [pairs], **private).then(
            uploads_table, None, [up_table, up_pick], **private)

        # a new session (page load) sees the plans as they are now, uploads included
        demo.load(on_load, None, [plans, ind_plan, out_plan, pairs], **private).then(
            indicator_views, [ind_plan, ind_text], ind_outputs, **private).then(
            uploads_table, None, [up_table, up_pick], **private)

        # the public API
        gr.api(ask, api_name="ask", **answer_group)
        gr.api(indicators, api_name="indicators")
        gr.api(outline, api_name="outline")
        api_file.upload(upload_api, [api_file], [api_report], api_name="upload", api_description=(
            "Add a plan (.txt/.docx/.pdf/.md): it is parsed, indexed and kept; returns the parse report."),
            concurrency_id="upload", concurrency_limit=1)
    return demo


# ---------------------------------------------------------------- launching


def theme() -> gr.themes.Base:
    """System fonts with CJK coverage first: nothing is fetched from a font CDN."""
    return gr.themes.Default(font=list(CJK_FONTS), font_mono=list(MONO_FONTS))


def launch_address(args, settings, env) -> dict:
    """server_name/server_port only when chosen explicitly (flag, ASSISTANT_HOST/PORT, assistant.toml);
    otherwise gradio decides, which honours GRADIO_SERVER_NAME/PORT and defaults to 127.0.0.1:7860."""
    from assistant.config import Settings

    out: dict = {}
    if args.host:
        out["server_name"] = args.host
    elif env.get("ASSISTANT_HOST") or settings.host != Settings.host:
        out["server_name"] = settings.host
    if args.port:
        out["server_port"] = args.port
    elif env.get("ASSISTANT_PORT") or settings.port != Settings.port:
        out["server_port"] = settings.port
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="规划问答 page")
    p.add_argument("--host", help="address to listen on (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860)")
    p.add_argument("--corpus", type=Path, help="folder of plans (default: the bundled corpus/)")
    p.add_argument("--index", type=Path, help="index folder (default: derived from the corpus)")
    p.add_argument("--model", help="embedding model folder (default: the built e5 model)")
    p.add_argument("--concurrency", type=int, default=ANSWER_CONCURRENCY,
                   help=f"answers computed at once (default {ANSWER_CONCURRENCY})")
    p.add_argument("--users", type=Path, help="users file (default: <data folder>/users.toml); "
                   "write it with `assistant user add NAME`")
    p.add_argument("--no-auth", action="store_true",
                   help="serve beyond loopback without login (only behind something that authenticates)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p.parse_args(argv)


def access_settings(args, settings, address: dict, env) -> dict:
    """Gradio's auth for launch(): login when a users file exists; refused (ConfigError) when the page would be
    reachable beyond loopback without login, unless --no-auth."""
    from assistant.access import authenticator, is_loopback, load_users
    from assistant.errors import ConfigError

    users = load_users(args.users or settings.users_file)
    host = address.get("server_name") or env.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    if users:
        return {"auth": authenticator(users), "auth_message": "规划问答：请登录 / please log in"}
    if not is_loopback(host) and not args.no_auth:
        raise ConfigError(f"拒绝在 {host} 上无登录地提供页面 / refusing to serve on {host} without login: add users "
                          f"with `assistant user add NAME` (file {args.users or settings.users_file}), or pass "
                          "--no-auth if something in front of the page already authenticates")
    return {}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from assistant.logs import setup_logging

    setup_logging(args.verbose, fmt="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.access import empty_folder
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    try:
        settings = load_settings(corpus=args.corpus, index=args.index, model=args.model)
        address = launch_address(args, settings, os.environ)
        auth = access_settings(args, settings, address, os.environ)
        assistant = Assistant.open(settings, progress=True)
    except AssistantError as e:
        print(f"错误 / error: {e}", file=sys.stderr)
        return 2
    if GRADIO_TEMP is not None:
        GRADIO_TEMP.mkdir(parents=True, exist_ok=True)
        log.info("emptied gradio's scratch folder %s (%d entries)", GRADIO_TEMP, empty_folder(GRADIO_TEMP))
    concurrency = max(1, args.concurrency)
    demo = build_demo(assistant, concurrency=concurrency, auth_on=bool(auth))
    demo.queue(default_concurrency_limit=concurrency, max_size=QUEUE_MAX)
    demo.launch(theme=theme(), css=CSS, footer_links=["api", "settings"], show_error=False,
                max_file_size=f"{assistant.settings.max_upload_mb}mb", **address, **auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
