"""The page's layout and its wiring to PageHandlers' methods. Every page event is private
(``api_visibility="private"``), so /ask, /indicators, /outline and /upload are the only endpoints."""

from __future__ import annotations

import gradio as gr

from .handlers import PageHandlers, chart_frame
from .i18n import translations
from .render import examples_markdown, section_html, status_markdown
from .style import CJK_FONTS, CSS, MONO_FONTS
from .views import (
    INDICATOR_COLUMNS,
    PAIR_COLUMNS,
    chart_rows,
    indicator_choices,
    indicator_table,
    outline_choices,
    outline_sections,
    pair_table,
    plan_views,
)

PRIVATE = {"api_visibility": "private"}
TICK_SECONDS = 1.0  # how often a page polls the build's progress until the index is ready


def theme() -> gr.themes.Base:
    """System fonts with CJK coverage first: nothing is fetched from a font CDN."""
    return gr.themes.Default(font=list(CJK_FONTS), font_mono=list(MONO_FONTS))


def launch_options(max_upload_mb: int) -> dict:
    """What ``demo.launch`` needs besides the address: theme, CSS, Chinese strings for Gradio's own text."""
    return {"theme": theme(), "css": CSS, "i18n": gr.I18n(**translations()), "footer_links": ["api", "settings"],
            "show_error": False, "max_file_size": f"{max_upload_mb}mb"}


def build_page(h: PageHandlers, concurrency: int) -> gr.Blocks:
    """The whole page over ``h``; ``concurrency`` bounds the answers computed at once, page and /ask together."""
    docs = h.documents
    v0 = plan_views(docs)
    examples = h.examples()
    status = h.opening.status()
    answer_group = {"concurrency_id": "answer", "concurrency_limit": max(1, concurrency)}
    # files posted to gradio's upload route but never handled are deleted after an hour
    with gr.Blocks(title="规划问答", analytics_enabled=False, delete_cache=(600, 3600)) as demo:
        gr.Markdown("## 规划问答 · 对规划文件提问，答案均摘自原文并标注出处")
        banner = gr.Markdown(status_markdown(status), visible=not status.ready, elem_id="build-status")
        timer = gr.Timer(TICK_SECONDS, active=not status.ready)
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
                            examples=[{"text": q} for q in examples] or None)
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="输入问题，按回车发送；可继续追问，如“那另一个规划呢？”",
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
                        side = gr.Markdown(examples_markdown(examples), elem_id="examples")

            with gr.Tab("指标", id="indicators"):
                with gr.Row():
                    ind_plan = gr.Dropdown(choices=[("全部规划", "")] + v0.plan_choices, value="", label="规划",
                                           scale=1, elem_id="indicator-plan")
                    ind_text = gr.Textbox(label="筛选（指标名、类别、单位…）", placeholder="例如：外资、亿元", scale=2,
                                          elem_id="indicator-filter")
                ind_table = gr.Dataframe(value=indicator_table(docs, None, ""), headers=INDICATOR_COLUMNS,
                                         interactive=False, wrap=True, max_height=420, elem_id="indicator-table",
                                         column_widths=["9%", "16%", "5%", "9%", "17%", "7%", "6%", "7%", "6%", "7%",
                                                        "6%", "5%"],
                                         label="指标表（点击一行在下方绘图）")
                first_choices = indicator_choices(docs, None, "")
                first_key = first_choices[0][1] if first_choices else None
                ind_pick = gr.Dropdown(choices=first_choices, value=first_key, elem_id="indicator-pick",
                                       label="图表：选择指标（基期 vs 目标，并列出其他规划中名称相近的指标）")
                ind_chart = gr.BarPlot(chart_frame(chart_rows(docs, first_key)), x="项", y="数值",
                                       color="系列", title="所选指标的基期与目标（及其他规划中名称相近的指标）",
                                       x_title="规划 · 年份", y_title="数值（单位见所选指标）", y_lim=[0, None],
                                       x_label_angle=0, height=320, elem_id="indicator-chart",
                                       color_map={"基期": "#94a3b8", "目标": "#f97316"})
                gr.Markdown("**跨规划对照**：按指标名称相似度（且单位可比）配对的指标，仅供参考，请以原文为准。"
                            "【】或 [] 中的数值为五年累计数。")
                pairs = gr.Dataframe(value=pair_table(docs), headers=PAIR_COLUMNS, interactive=False, wrap=True,
                                     max_height=320, elem_id="pair-table")

            with gr.Tab("目录", id="outline"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=2, min_width=260):
                        out_plan = gr.Dropdown(choices=v0.plan_choices, value=v0.doc_ids[0] if v0.doc_ids else None,
                                               label="规划", elem_id="outline-plan")
                        first_doc = docs[0] if docs else None
                        first_secs = outline_sections(first_doc)
                        tree = gr.Radio(choices=outline_choices(first_doc), label="章节目录", elem_id="outline-tree",
                                        value=first_secs[0].id if first_secs else None)
                    with gr.Column(scale=3):
                        with gr.Row():
                            prev_btn = gr.Button("‹ 上一节", size="sm")
                            next_btn = gr.Button("下一节 ›", size="sm")
                        section_view = gr.Markdown(section_html(first_doc, 0, first_secs) if first_secs else "",
                                                   elem_id="section-text")

            with gr.Tab("上传", id="upload"):
                gr.Markdown(f"添加一份规划（.txt / .docx / .pdf / .md，不超过 {h.settings.max_upload_mb} MB）。"
                            "文件会被解析、建立索引并长期保存；完成后即可在问答、指标、目录中使用。"
                            "旧版 .doc / .wps 请先另存为 .docx。")
                up_file = gr.File(label="规划文件", type="filepath", elem_id="upload-file")
                up_btn = gr.Button("添加并建立索引", variant="primary", elem_id="upload-btn")
                up_report = gr.Textbox(label="解析报告", lines=8, interactive=False, elem_id="upload-report")
                gr.Markdown("**已上传的规划**：删除后也会从索引中移除。" + ("只能删除自己上传的规划。" if h.auth_on else ""))
                up_table = gr.Dataframe(headers=["编号", "文件", "MB", "上传者", "时间"], interactive=False,
                                        elem_id="upload-table")
                with gr.Row():
                    up_pick = gr.Dropdown(choices=[], label="选择要删除的规划", scale=3, elem_id="upload-pick")
                    up_del = gr.Button("删除", variant="stop", scale=1, elem_id="upload-delete")

        with gr.Group(visible=False):  # inputs/outputs of the /upload endpoint only
            api_file = gr.File(type="filepath", label="file")
            api_report = gr.Textbox(label="report")

        # chat events (private: the API is /ask below)
        submit_args = {"fn": h.respond, "inputs": [question, plans, turns], "outputs": [question, chatbot, turns],
                       **PRIVATE, **answer_group}
        question.submit(**submit_args)
        send.click(**submit_args)
        chatbot.example_select(h.on_example, [plans, turns], [question, chatbot, turns], **PRIVATE, **answer_group)
        clear_btn.click(h.clear, None, [chatbot, turns, question, fb_status], **PRIVATE, queue=False)
        chatbot.clear(h.clear, None, [chatbot, turns, question, fb_status], **PRIVATE, queue=False)
        chatbot.like(h.on_like, [turns], [fb_status], **PRIVATE)
        good.click(h.on_good, [comment, turns], [fb_status, comment], **PRIVATE)
        bad.click(h.on_bad, [comment, turns], [fb_status, comment], **PRIVATE)

        # indicator events
        ind_outputs = [ind_table, ind_pick, ind_chart]
        ind_plan.change(h.indicator_views, [ind_plan, ind_text], ind_outputs, **PRIVATE)
        ind_text.change(h.indicator_views, [ind_plan, ind_text], ind_outputs, **PRIVATE, trigger_mode="always_last")
        ind_pick.input(h.on_indicator_pick, [ind_pick], [ind_chart], **PRIVATE)
        ind_table.select(h.on_table_select, [ind_plan, ind_text], [ind_pick, ind_chart], **PRIVATE)

        # outline events
        out_plan.change(h.outline_views, [out_plan], [tree, section_view], **PRIVATE)
        tree.change(h.on_section, [out_plan, tree], [section_view], **PRIVATE)
        prev_btn.click(h.on_prev, [out_plan, tree], [tree], **PRIVATE)
        next_btn.click(h.on_next, [out_plan, tree], [tree], **PRIVATE)

        # a new session (page load) sees the plans as they are now, uploads included; while the index is being
        # built the timer shows its progress and fills the page in once it is ready
        state_outputs = [banner, timer, plans, ind_plan, out_plan, pairs, side, chatbot, *ind_outputs, tree,
                         section_view]
        demo.load(h.page_state, None, state_outputs, **PRIVATE, queue=False).then(
            h.uploads_table, None, [up_table, up_pick], **PRIVATE)

        # upload or delete (one at a time: they re-index), then refresh every plan-dependent view, examples too
        up_btn.click(h.on_upload, [up_file], [up_report, plans, ind_plan, out_plan], **PRIVATE,
                     concurrency_id="upload", concurrency_limit=1).then(
            h.page_state, None, state_outputs, **PRIVATE).then(
            h.uploads_table, None, [up_table, up_pick], **PRIVATE)
        up_del.click(h.on_delete, [up_pick], [up_report, plans, ind_plan, out_plan], **PRIVATE,
                     concurrency_id="upload", concurrency_limit=1).then(
            h.page_state, None, state_outputs, **PRIVATE).then(
            h.uploads_table, None, [up_table, up_pick], **PRIVATE)
        timer.tick(h.page_state, None, state_outputs, **PRIVATE, queue=False).then(
            h.uploads_table, None, [up_table, up_pick], **PRIVATE, queue=False)

        # the public API
        gr.api(h.ask, api_name="ask", **answer_group)
        gr.api(h.indicators, api_name="indicators")
        gr.api(h.outline, api_name="outline")
        api_file.upload(h.upload, [api_file], [api_report], api_name="upload", api_description=(
            "Add a plan (.txt/.docx/.pdf/.md): it is parsed, indexed and kept; returns the parse report."),
            concurrency_id="upload", concurrency_limit=1)
    return demo
