"""What the page's events call: one method per event, on one object the page wires up and tests call directly.

The Assistant may still be opening (``BackgroundOpen``): until it is ready, questions get a "正在建立索引" notice
(not an error), the plan-dependent views are empty, and ``page_state`` (on page load and on each tick of the
page's timer) fills them in once the index is ready.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import gradio as gr
import pandas as pd

from ..access import BUSY, ClientGate, discard_upload
from ..errors import AssistantError, IndexNotReady
from ..feedback import FeedbackStore
from ..ingest.outline import render_outline
from ..serialize import answer_to_dict, citation_to_dict, indicator_to_dict
from ..startup import BackgroundOpen
from .examples import example_questions
from .render import (
    examples_markdown,
    md_text,
    render_answer,
    render_error,
    render_notice,
    section_html,
    status_markdown,
)
from .views import (
    INDICATOR_COLUMNS,
    chart_rows,
    indicator_choices,
    indicator_rows,
    indicator_table,
    outline_choices,
    outline_sections,
    pair_table,
    plan_views,
)

log = logging.getLogger(__name__)

INTERNAL_ERROR = "内部错误 / internal error: 处理时出现意外问题，已记录日志，请稍后重试或联系管理员。"
CHART_COLUMNS = ["项", "数值", "系列"]
N_EXAMPLES = 4
PER_CLIENT = 1  # answers one client (login name, else session) may have running at once
MAX_TURNS_SHOWN = 50  # turns a session keeps on screen (only the last few are used for follow-ups)
MAX_COMMENT = 2000  # characters of a feedback comment
MAX_FILTER = 200  # characters of the indicator filter


def chart_frame(data: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(data, columns=CHART_COLUMNS)


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


def _messages(turns: list[dict]) -> list[dict]:
    out = []
    for t in turns:
        out.append({"role": "user", "content": md_text(t["question"])})
        out.append({"role": "assistant", "content": t["html"]})
    return out


class PageHandlers:
    """``assistant``: an open Assistant or a BackgroundOpen still opening one. Shared by all sessions: nothing
    here keeps state across sessions except what the Assistant and the feedback store persist. ``per_client``
    bounds the answers one client may have running at once; ``auth_on``: users log in (and may delete only their
    own uploads). Every handler, private or not, checks its own inputs: any of them can be called by name."""

    def __init__(self, assistant, settings=None, feedback: FeedbackStore | None = None,
                 per_client: int = PER_CLIENT, auth_on: bool = False):
        self.opening = assistant if isinstance(assistant, BackgroundOpen) else BackgroundOpen.of(assistant)
        if settings is None and self.opening.assistant is None:
            raise TypeError("PageHandlers over an Assistant still opening needs its settings")
        self.settings = settings if settings is not None else self.opening.assistant.settings
        self.feedback = feedback or FeedbackStore(self.settings.feedback_path)
        self.gate = ClientGate(per_client)
        self.auth_on = auth_on

    # ------------------------------------------------------------ state

    @property
    def assistant(self):
        """The open Assistant; IndexNotReady while the index is still being built."""
        return self.opening.get()

    @property
    def documents(self) -> tuple:
        a = self.opening.assistant
        return a.documents if a is not None else ()

    def examples(self) -> tuple[str, ...]:
        return example_questions(self.documents, N_EXAMPLES)

    def _doc(self, doc_id: str | None):
        """The chosen plan; the first one for anything that is not a known plan id (None before the index)."""
        docs = self.documents
        doc_id = _str(doc_id)
        return next((d for d in docs if d.doc_id == doc_id), docs[0] if docs else None)

    # ------------------------------------------------------------ chat

    def respond(self, question: str, plans: list[str], turns: list[dict], request: gr.Request | None = None):
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
        ready = self.opening.status().ready
        if ready and not plans:
            gr.Warning("请至少选择一个规划 / select at least one plan under 检索范围")
            return gr.update(), _messages(turns), turns
        history = [{"question": t["question"], "answer": t["answer"]} for t in turns if not t["error"]]
        client = client_of(request)
        if not self.gate.enter(client):
            gr.Warning(BUSY)
            return gr.update(), _messages(turns), turns
        try:
            ans = self.assistant.ask(question, history=history, docs=plans)
            turn = {"question": question, "answer": ans.answer, "html": render_answer(ans), "error": False,
                    "citations": json.dumps([citation_to_dict(c) for c in ans.citations], ensure_ascii=False)}
        except IndexNotReady as e:  # not a failure: the question is kept in the box to ask again
            turns = (turns + [{"question": question, "answer": str(e), "html": render_notice(str(e)),
                               "error": True, "citations": "[]"}])[-MAX_TURNS_SHOWN:]
            return gr.update(), _messages(turns), turns
        except AssistantError as e:
            turn = {"question": question, "answer": str(e), "html": render_error(str(e)), "error": True,
                    "citations": "[]"}
        except Exception:
            log.exception("answering %r failed", question[:200])
            turn = {"question": question, "answer": INTERNAL_ERROR, "html": render_error(INTERNAL_ERROR),
                    "error": True, "citations": "[]"}
        finally:
            self.gate.leave(client)
        turns = (turns + [turn])[-MAX_TURNS_SHOWN:]
        return "", _messages(turns), turns

    def on_example(self, evt: gr.SelectData, plans: list[str], turns: list[dict],
                   request: gr.Request | None = None):
        value = getattr(evt, "value", None)
        value = value if isinstance(value, dict) else {"text": value if isinstance(value, str) else ""}
        return self.respond(value.get("text", ""), plans, turns, request)

    @staticmethod
    def clear():
        return [], [], "", ""

    def _store(self, turn: dict, helpful: bool, comment: str, user: str = "") -> str:
        comment = comment if isinstance(comment, str) else ""
        try:
            fid = self.feedback.add(turn["question"], turn["answer"], helpful, comment[:MAX_COMMENT],
                                    turn["citations"], user=user)
        except Exception:
            log.exception("saving feedback failed")
            return "反馈保存失败 / could not save the feedback; please try again later."
        return f"已记录反馈 #{fid}，谢谢！/ feedback saved, thank you."

    def on_like(self, data: gr.LikeData, turns: list[dict], request: gr.Request | None = None):
        liked, index = getattr(data, "liked", None), getattr(data, "index", None)
        if not isinstance(liked, bool):
            return gr.update()
        index = index[0] if isinstance(index, (list, tuple)) and index else index
        turns = _valid_turns(turns)
        if not isinstance(index, int) or not 0 <= index // 2 < len(turns) or turns[index // 2]["error"]:
            return gr.update()
        return self._store(turns[index // 2], liked, "", user_of(request))

    def on_feedback(self, helpful: bool, comment: str, turns: list[dict], request: gr.Request | None = None):
        answered = [t for t in _valid_turns(turns) if not t["error"]]
        if not answered:
            return "还没有可评价的回答 / ask a question first.", comment
        return self._store(answered[-1], helpful, comment, user_of(request)), ""

    def on_good(self, comment: str, turns: list[dict], request: gr.Request | None = None):
        return self.on_feedback(True, comment, turns, request)

    def on_bad(self, comment: str, turns: list[dict], request: gr.Request | None = None):
        return self.on_feedback(False, comment, turns, request)

    # ------------------------------------------------------------ indicators

    def indicator_views(self, doc_id: str | None, text: str):
        docs = self.documents
        doc_id, text = _str(doc_id) or None, _str(text)[:MAX_FILTER]
        choices = indicator_choices(docs, doc_id, text)
        key = choices[0][1] if choices else None
        return (gr.update(value=indicator_table(docs, doc_id, text), headers=INDICATOR_COLUMNS),
                gr.update(choices=choices, value=key), self._chart(chart_rows(docs, key)))

    def on_indicator_pick(self, key: str | None):
        return self._chart(chart_rows(self.documents, _str(key)))

    def on_table_select(self, evt: gr.SelectData, doc_id: str | None, text: str):
        # match on the clicked row's values: the user may have re-sorted the table
        row = getattr(evt, "row_value", None)
        clicked = [str(v) for v in (row if isinstance(row, list) else [])]
        for key, cells in indicator_rows(self.documents, _str(doc_id) or None, _str(text)[:MAX_FILTER]):
            if cells == clicked:
                return gr.update(value=key), self._chart(chart_rows(self.documents, key))
        return gr.update(), gr.update()

    @staticmethod
    def _chart(data: list[dict]):
        # only the data changes: changing title or sort with it makes gradio 6.31's BarPlot re-embed the chart
        # and, racing with the data update, sometimes keep the old bars (the dropdown names the indicator)
        return gr.update(value=chart_frame(data))

    # ------------------------------------------------------------ outline

    def outline_views(self, doc_id: str | None):
        doc = self._doc(doc_id)
        sections = outline_sections(doc)
        first = sections[0].id if sections else None
        text = section_html(doc, 0, sections) if sections else ""
        return gr.update(choices=outline_choices(doc), value=first), text

    def on_section(self, doc_id: str | None, section_id: str | None):
        doc = self._doc(doc_id)
        sections = outline_sections(doc)
        ids = [s.id for s in sections]
        if section_id not in ids:
            return ""
        return section_html(doc, ids.index(section_id), sections)

    def step_section(self, doc_id: str | None, section_id: str | None, step: int):
        ids = [s.id for s in outline_sections(self._doc(doc_id))]
        if not ids:
            return gr.update()
        i = ids.index(section_id) + step if section_id in ids else 0
        return gr.update(value=ids[max(0, min(len(ids) - 1, i))])

    def on_prev(self, doc_id: str | None, section_id: str | None):
        return self.step_section(doc_id, section_id, -1)

    def on_next(self, doc_id: str | None, section_id: str | None):
        return self.step_section(doc_id, section_id, +1)

    # ------------------------------------------------------------ upload

    def on_upload(self, path: str | None, request: gr.Request | None = None,
                  progress=gr.Progress()):  # noqa: B008 - how gradio injects a progress bar
        if not path or not isinstance(path, str):
            return "请先选择一个文件 / choose a file first.", *self.plan_updates()
        name = Path(path).name

        def add() -> str:
            assistant = self.assistant
            progress(0.05, desc="读取文件 / reading")
            data = self._uploaded_bytes(path)
            progress(0.1, desc="解析并建立索引 / parsing and indexing")
            report = assistant.add_document(data, name, progress=lambda f, m: progress(0.1 + 0.9 * f, desc=m),
                                            user=user_of(request))
            progress(1.0, desc="完成 / done")
            return report.summary()

        return self._plan_change(add, "未能添加 / not added", f"upload of {name!r}")

    @staticmethod
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

    def uploads_table(self, request: gr.Request | None = None):
        a = self.opening.assistant
        rows = [[u.doc_id, u.file, f"{u.size / 1048576:.2f}", u.user, u.added] for u in (a.uploads() if a else ())]
        return gr.update(value=rows), gr.update(choices=[r[0] for r in rows], value=None)

    def on_delete(self, doc_id: str | None, request: gr.Request | None = None):
        if not isinstance(doc_id, str) or not doc_id:
            return "请先选择要删除的规划 / choose an uploaded plan first.", *self.plan_updates()

        def remove() -> str:
            removed = self.assistant.remove_document(doc_id, user=user_of(request) if self.auth_on else None)
            return f"已删除 / deleted {removed.file}，并已从索引中移除 / and removed from the index."

        return self._plan_change(remove, "未能删除 / not deleted", f"deleting {doc_id!r}")

    def _plan_change(self, change, refused: str, what: str):
        """Run an upload or a deletion: its message, or why it was refused (the library's own words), or the
        internal-error line (logged); then the refreshed plan lists either way."""
        try:
            text = change()
        except AssistantError as e:
            text = f"{refused}: {e}"
        except Exception:
            log.exception("%s failed", what)
            text = INTERNAL_ERROR
        return text, *self.plan_updates()

    def plan_updates(self):
        v = plan_views(self.documents)
        return (gr.update(choices=v.plan_choices, value=v.doc_ids),
                gr.update(choices=[("全部规划", "")] + v.plan_choices),
                gr.update(choices=v.plan_choices))

    # ------------------------------------------------------------ page load and the opening timer

    def page_state(self):
        """On page load and each tick of the timer: the build's progress until the index is ready, then every
        plan-dependent view (plans, examples, indicators, outline) and the timer switched off.
        Outputs: status, timer, plans, indicator plan, outline plan, pairs, examples panel, chatbot examples,
        indicator table, indicator pick, chart, outline tree, section."""
        status = self.opening.status()
        if not status.ready:
            keep = [gr.update()] * 11
            return gr.update(value=status_markdown(status), visible=True), gr.Timer(active=status.state != "failed"), \
                *keep
        docs = self.documents
        v = plan_views(docs)
        examples = self.examples()
        first = docs[0].doc_id if docs else None
        tree, section = self.outline_views(first)
        return (gr.update(value="", visible=False), gr.Timer(active=False),
                gr.update(choices=v.plan_choices, value=v.doc_ids),
                gr.update(choices=[("全部规划", "")] + v.plan_choices, value=""),
                gr.update(choices=v.plan_choices, value=first),
                pair_table(docs), examples_markdown(examples),
                gr.update(examples=[{"text": q} for q in examples]),
                *self.indicator_views(None, ""), tree, section)

    # ------------------------------------------------------------ API (the only public endpoints)

    @staticmethod
    def _api(fn):
        try:
            return fn()
        except AssistantError as e:  # IndexNotReady too: its message says the index is being built
            raise gr.Error(str(e), print_exception=False) from e
        except Exception as e:
            log.exception("API call failed")
            raise gr.Error(INTERNAL_ERROR, print_exception=False) from e

    def ask(self, question: str, docs: list[str] | None = None, history: list[dict] | None = None,
            request: gr.Request = None) -> dict:
        """Answer one question. docs: plan ids to search (null or [] = all plans, uploads included);
        history: earlier turns [{"question", "answer"}]. Returns one line of `assistant ask --json`.
        An empty or too long question or an unknown plan id is an error (gradio_client raises AppError), and so
        is a question asked while the index is still being built ("正在建立索引…": ask again shortly)."""
        if history is not None and not isinstance(history, list):
            raise gr.Error("history 需要是列表 / history must be a list of {question, answer} objects")
        client = client_of(request)
        if not self.gate.enter(client):
            raise gr.Error(BUSY, print_exception=False)
        try:
            return self._api(lambda: answer_to_dict(self.assistant.ask(question, history=history or [],
                                                                       docs=docs or None)))
        finally:
            self.gate.leave(client)

    def indicators(self, doc: str | None = None) -> list[dict]:
        """The parsed indicator table rows of one plan (doc id) or of all plans (null)."""
        doc = self._api_doc(doc)
        return self._api(lambda: [indicator_to_dict(r) for d in self._docs(doc) for r in d.indicators])

    def outline(self, doc: str | None = None) -> str:
        """The heading tree of one plan (or all), as `assistant outline` prints it."""
        doc = self._api_doc(doc)
        return self._api(lambda: "".join(f"# {d.meta.title} [{d.doc_id}]\n{render_outline(d)}"
                                         for d in self._docs(doc)))

    def upload(self, file: str | None, request: gr.Request | None = None) -> str:
        """Add a plan (.txt/.docx/.pdf/.md): it is parsed, indexed and kept; returns the parse report."""
        if not file or not isinstance(file, str):
            raise gr.Error("缺少文件 / no file given")
        return self._api(lambda: self.assistant.add_document(self._uploaded_bytes(file), Path(file).name,
                                                             user=user_of(request)).summary())

    def _api_doc(self, doc):
        if doc is not None and not isinstance(doc, str):
            a = self.opening.assistant
            raise gr.Error(f"doc 需要是规划编号 / doc must be a plan id (a string); available: "
                           f"{a.doc_ids if a else []}")
        return doc

    def _docs(self, doc: str | None):
        assistant = self.assistant
        return [assistant.document(doc)] if doc else assistant.documents
