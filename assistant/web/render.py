"""HTML and markdown the page shows, built from Answers and Documents. Pure. Everything taken from a plan or typed
by a user is HTML-escaped here before it is put into markup; gradio's Markdown/Chatbot sanitiser is a second
layer, not the first."""

from __future__ import annotations

import html
import re


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


def render_notice(message: str) -> str:
    """A message that is not a failure (the index is still being built): shown plainly, no error label."""
    return "**请稍候 / please wait**：" + md_text(message)


def status_markdown(status) -> str:
    """The banner above the page while the index is opening (a BuildStatus); empty once it is ready."""
    if status.ready:
        return ""
    return f"**{'索引建立失败' if status.state == 'failed' else '建立索引中'}**　{md_text(status.describe())}"


def examples_markdown(questions) -> str:
    """The side panel's example questions and how to read the sources."""
    items = "\n".join(f"- {_e(q)}" for q in questions) or "（索引建立完成后显示 / shown once the index is ready）"
    return ("**示例问题**\n\n" + items +
            "\n\n来源编号 [1] [2] 对应回答下方可展开的原文段落，黄色为被引用的句子。")
