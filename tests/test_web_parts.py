"""The page's pure parts: example questions built from the corpus served (each one answered, not refused), the
background opening's status while the index builds, and the Chinese strings handed to Gradio's i18n."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import PLANS, hashing_settings, write_plan

from assistant.errors import IndexError_, IndexNotReady
from assistant.startup import BackgroundOpen, BuildStatus
from assistant.web.examples import box_topic, example_questions


def open_corpus(root: Path, corpus: Path):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    return Assistant.open(hashing_settings(root, corpus), embedder=HashingEmbedder())


@pytest.fixture(scope="module")
def plans_assistant(tmp_path_factory):
    """The three small hand-written plans (one without a short name), indexed with the fake embedder."""
    return open_corpus(tmp_path_factory.mktemp("plans"), PLANS)


# ---------------------------------------------------------------- example questions


def test_examples_of_the_fixture_plans_are_answered(plans_assistant):
    questions = example_questions(plans_assistant.documents, limit=6)
    assert len(questions) == 6 and len(set(questions)) == 6
    for q in questions:
        ans = plans_assistant.ask(q)
        assert not ans.refused, (q, ans.answer)
        assert ans.citations, q
    # an indicator target, a goal and a 专栏 from these plans, each naming its plan
    assert "临江县2020年进出口总额目标是多少？" in questions
    assert any(q.endswith("的发展目标是什么？") for q in questions)
    assert any("重点人才工程有哪些" in q or "重点工程有哪些" in q for q in questions)
    assert all(q.startswith(("临江县", "临江市")) for q in questions)  # the plan without a short name is left out


def test_examples_of_the_bundled_corpus_include_a_comparison_and_are_answered(assistant):
    questions = example_questions(assistant.documents)
    assert len(questions) == 4
    comparison = [q for q in questions if "和" in q and "分别" in q]
    assert comparison, questions
    for q in questions:
        ans = assistant.ask(q)
        assert not ans.refused, (q, ans.answer)
    both = assistant.ask(comparison[0])
    assert {c.doc_id for c in both.citations} == {"gaoxin", "yuzhong"}


def test_a_single_uploaded_plan_gets_examples_it_answers(tmp_path):
    a = open_corpus(tmp_path, write_plan(tmp_path / "one").parent)
    questions = example_questions(a.documents)
    assert questions, "a plan with a goal gets at least that example"
    for q in questions:
        assert not a.ask(q).refused, q


def test_examples_of_nothing_are_none():
    assert example_questions(()) == ()
    assert box_topic("专栏6-1  新一代信息技术产业开放发展重点工程") == "新一代信息技术产业开放发展重点工程"
    assert box_topic("专栏2：自贸试验区重点项目") == "自贸试验区重点项目"


# ---------------------------------------------------------------- opening in the background


def test_background_open_reports_progress_then_serves():
    release, reported = threading.Event(), threading.Event()
    sentinel = object()

    def opener(report):
        report(0.42, "嵌入 / embedding 42/100")
        reported.set()
        release.wait(30)
        return sentinel

    opening = BackgroundOpen(opener).start()
    assert reported.wait(30)
    status = opening.status()
    assert status.state == "building" and not status.ready and status.fraction == pytest.approx(0.42)
    with pytest.raises(IndexNotReady, match="正在建立索引（42%：嵌入"):
        opening.get()
    assert opening.assistant is None
    release.set()
    assert opening.join(30).ready
    assert opening.get() is sentinel


def test_background_open_failure_is_reported_not_hidden():
    def opener(report):
        raise IndexError_("语料目录中没有可用文档 / no plans")

    opening = BackgroundOpen(opener)
    opening.run()
    assert opening.status().state == "failed"
    with pytest.raises(IndexError_, match="索引建立失败.*no plans") as e:
        opening.get()
    assert not isinstance(e.value, IndexNotReady)


def test_an_open_assistant_is_ready_at_once():
    sentinel = object()
    opening = BackgroundOpen.of(sentinel)
    assert opening.status() == BuildStatus("ready", 1.0) and opening.get() is sentinel


def test_assistant_open_reports_build_progress(tmp_path):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    seen: list[tuple[float, str]] = []
    Assistant.open(hashing_settings(tmp_path, write_plan(tmp_path / "c").parent), embedder=HashingEmbedder(),
                   report=lambda f, m: seen.append((f, m)))
    assert seen[0][0] < seen[-1][0] == 1.0
    assert any("嵌入" in m for _, m in seen)


# ---------------------------------------------------------------- Chinese everywhere


def test_every_gradio_locale_gets_the_chinese_strings():
    import gradio

    from assistant.web.i18n import GRADIO_LOCALES, translations

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    shipped = {loc for loc in GRADIO_LOCALES if any(assets.glob(f"{loc}-*.js"))}
    assert shipped == set(GRADIO_LOCALES), "a locale listed here is not in the installed gradio"
    t = translations()
    assert t["en"]["upload_text.drop_file"] == "将文件拖放到此处"
    assert all(t[loc]["upload_text.click_to_upload"] == "点击上传" for loc in GRADIO_LOCALES)
    gradio.I18n(**t)  # accepted as is (every locale code well formed)
