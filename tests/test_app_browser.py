"""The page in headless Chromium (Debian's /usr/bin/chromium; Playwright never downloads a browser).

Never skipped: without Chromium these tests fail and say how to install it. The chat screenshot is written to
tests/artifacts/chat.png for a person to look at (Chinese must render as text, not boxes).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, write_plan

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT_MS = 60_000
BOT = "#chatbot [data-testid='bot']"

EVIL_PLAN = """# 测试区“十四五”蓝莓产业发展规划

## 第一章 发展目标<img src=x onerror=alert(3)>

到2025年，测试区建成西南地区最大的蓝莓种植基地，蓝莓种植面积达到8000亩。<script>alert(5)</script>

表1 主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 蓝莓种植面积<img src=x onerror=alert(4)> | 亩 | 3000 | 8000 | 预期性 |
| 2 | 蓝莓加工企业数 | 家 | [5] | [12] | 预期性 |

注：[ ]内为五年累计数。

## 第二章 重点项目

### 一、蓝莓深加工产业园

建设蓝莓深加工产业园，总投资12亿元，2024年建成投产。
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install chromium fonts-noto-cjk` "
                    "(the browser tests never download a browser)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with AppServer(tmp_path_factory.mktemp("app_browser")) as app:
        yield app


class Page:
    """A tab on the app that records every dialog (and dismisses it) and every host it talks to."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1360, "height": 960}, locale="zh-CN")
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.hosts: set[str] = set()
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.hosts.add(r.url.split("/")[2] if "://" in r.url else r.url))
        self.page.goto(url)
        self.page.wait_for_selector("#question textarea", timeout=WAIT_MS)
        # the plans are filled in by the page's load event (the app listens before its index is ready)
        self.page.wait_for_selector("#plans input[type='checkbox']", timeout=WAIT_MS)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str) -> None:
        """Type and send a question, then wait for one more answer bubble."""
        before = self.page.locator(BOT).count()
        self.page.fill("#question textarea", question)
        self.page.click("#send")
        self.page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[BOT, before],
                                    timeout=WAIT_MS)

    def last_answer(self):
        return self.page.locator(BOT).last

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def close(self, local_host: str) -> None:
        try:
            assert self.dialogs == [], f"a script from a plan or question ran: {self.dialogs}"
            assert self.hosts <= {local_host}, f"the page fetched from other hosts: {self.hosts - {local_host}}"
        finally:
            self.context.close()


def _host(url: str) -> str:
    return url.split("/")[2]


def test_chat_answer_shows_numbered_expandable_citation(browser, server):
    p = Page(browser, server.url)
    p.ask("高新区2025年外贸进出口总额目标是多少？")
    answer = p.last_answer()
    assert "3700" in answer.inner_text()
    assert "[1]" in answer.inner_text()
    cite = answer.locator("details.cite").first
    assert "第四节 发展目标" in cite.locator("summary").inner_text()
    cite.locator("summary").click()
    mark = cite.locator("mark")
    mark.wait_for(timeout=WAIT_MS)
    assert "3700" in mark.inner_text()
    # a follow-up in the same conversation uses the earlier turn
    p.ask("那渝中区呢？")
    assert "120" in p.last_answer().inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.locator("#chatbot").screenshot(path=str(ARTIFACTS / "chat.png"))
    p.page.click("#clear")
    p.page.wait_for_function("() => !document.querySelector('#chatbot details.cite')", timeout=WAIT_MS)
    p.close(_host(server.url))


def test_feedback_from_the_page_is_stored(browser, server):
    import sqlite3

    p = Page(browser, server.url)
    q = "渝中区外贸进出口额2025年目标"
    p.ask(q)
    status = "() => document.querySelector('#fb-status').innerText"
    p.page.get_by_text("对最近一条回答的反馈").click()
    p.page.get_by_label("补充说明（可选）").fill("数字核对无误")
    p.page.click("#fb-good")
    p.page.wait_for_function(f"({status})().includes('已记录反馈')", timeout=WAIT_MS)
    first = p.page.evaluate(status)
    # the thumbs under each answer store a feedback without a comment
    p.page.locator("#chatbot button[aria-label='踩'], #chatbot button[aria-label='Dislike']").last.click()
    p.page.wait_for_function(f"([t]) => ({status})().includes('已记录反馈') && ({status})() !== t", arg=[first],
                             timeout=WAIT_MS)
    # the status can change while the second click is still being handled (Gradio shows its progress in the
    # status box), so the rows are read until both are stored or the wait runs out
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        with sqlite3.connect(server.feedback_path) as conn:
            rows = conn.execute("SELECT question, helpful, comment FROM feedback WHERE question = ? ORDER BY id",
                                (q,)).fetchall()
        if len(rows) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert rows == [(q, 1, "数字核对无误"), (q, 0, "")]
    p.close(_host(server.url))


def test_script_in_a_question_shows_as_text(browser, server):
    p = Page(browser, server.url)
    q = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    p.ask(q)
    user = p.page.locator("#chatbot [data-testid='user']").last
    assert q in user.inner_text()
    assert p.page.locator("#chatbot script").count() == 0
    assert p.page.locator("#chatbot img[src='x']").count() == 0
    p.page.wait_for_timeout(500)  # give a wrongly rendered onerror the time to fire
    p.close(_host(server.url))


def test_indicator_tab_lists_rows_and_filters(browser, server):
    p = Page(browser, server.url)
    p.tab("指标")
    table = p.page.locator("#indicator-table")
    table.get_by_text("外贸进出口总额", exact=True).first.wait_for(timeout=WAIT_MS)
    assert "轨道通车里程" in table.inner_text()
    p.page.fill("#indicator-filter textarea, #indicator-filter input", "外资")
    p.page.wait_for_function("() => !document.querySelector('#indicator-table').innerText.includes('轨道通车里程')",
                             timeout=WAIT_MS)
    assert "实际利用外资" in table.inner_text()
    # clicking a row charts it (with its counterpart in the other plan); cumulative values are marked
    table.get_by_text("实际利用外资", exact=True).first.click()
    p.page.wait_for_function(
        "() => document.querySelector('#indicator-pick input').value.includes('实际利用外资（亿美元）（累计）')",
        timeout=WAIT_MS)
    # the bars are redrawn for it: both plans, cumulative values marked in the labels
    p.page.wait_for_function("() => ['重庆高新区 2025目标（累计）', '重庆市渝中区 2025目标（累计）'].every("
                             "t => document.querySelector('#indicator-chart svg')?.textContent.includes(t))",
                             timeout=WAIT_MS)
    assert "实际利用外资额" in p.page.locator("#pair-table").inner_text()  # the cross-plan view
    p.close(_host(server.url))


def test_upload_a_plan_then_ask_about_it(browser, tmp_path):
    plan = write_plan(tmp_path / "in", "blueberry.md", EVIL_PLAN)
    with AppServer(tmp_path / "srv") as app:
        p = Page(browser, app.url)
        p.tab("上传")
        p.page.set_input_files("#upload-file input[type=file]", str(plan))
        p.page.click("#upload-btn")
        report = p.page.locator("#upload-report textarea")
        p.page.wait_for_function("() => document.querySelector('#upload-report textarea').value.includes('已添加')",
                                 timeout=WAIT_MS)
        assert re.search(r"2 行指标", report.input_value())

        p.tab("问答")
        assert "测试区“十四五”蓝莓产业发展规划" in p.page.locator("#plans").inner_text()
        p.ask("测试区蓝莓种植面积到2025年要达到多少？")
        answer = p.last_answer()
        assert "8000" in answer.inner_text()
        assert "蓝莓" in answer.locator("details.cite summary").first.inner_text()

        p.tab("指标")
        p.page.fill("#indicator-filter textarea, #indicator-filter input", "蓝莓")  # the table scrolls virtually
        table = p.page.locator("#indicator-table")
        table.get_by_text("蓝莓加工企业数").first.wait_for(timeout=WAIT_MS)
        assert "<img src=x onerror=alert(4)>" in table.inner_text()  # shown as text, not an image

        p.tab("目录")
        p.page.locator("#outline-plan input").click()
        p.page.get_by_role("option", name="测试区“十四五”蓝莓产业发展规划").click()
        p.page.get_by_text("第二章 重点项目").first.wait_for(timeout=WAIT_MS)
        assert "<img src=x onerror=alert(3)>" in p.page.locator("#outline-tree").inner_text()
        p.page.wait_for_timeout(500)
        p.close(_host(app.url))
