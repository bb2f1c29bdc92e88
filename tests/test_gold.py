"""The gold question sets: the real files pass the checker, and the checker catches what it should."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sys
from pathlib import Path

import pytest

from assistant.evaluation.gold import (
    CATEGORIES,
    MAX_OVERLAP_SHARE,
    MAX_TEMPLATE_SHARE,
    Evidence,
    GoldFormatError,
    GoldItem,
    GoldTurn,
    check_gold,
    load_gold,
    shares_run,
    skeleton,
    templated,
)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold"
CORPUS = ROOT / "corpus"
DOC_FILES = {"gaoxin": "gaoxin_open_highland_14th_fyp.txt", "yuzhong": "yuzhong_open_highland_14th_fyp.txt"}


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {doc: (CORPUS / name).read_text(encoding="utf-8") for doc, name in DOC_FILES.items()}


# ---------------------------------------------------------------- the real gold files


@pytest.mark.parametrize("name", ["dev.jsonl", "test.jsonl"])
def test_gold_file_passes_the_checker(name, sources):
    items = load_gold(GOLD / name)
    report = check_gold(items, sources)
    assert report.problems == (), report.problems
    assert report.overlap_share <= MAX_OVERLAP_SHARE
    assert report.template_share <= MAX_TEMPLATE_SHARE
    assert report.ok
    assert {c for c, _ in report.categories} == set(CATEGORIES), "every category is present in each split"


REAL = ROOT / "eval" / "realplans" / "corpus"


@pytest.mark.parametrize("name", ["realdev.jsonl", "realtest.jsonl"])
def test_real_plan_gold_files_pass_the_checker(name):
    real = {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / name)
    report = check_gold(items, real)
    assert report.problems == (), report.problems
    assert report.ok
    assert {e.doc for it in items for e in it.evidence} == set(real), "every real plan has evidence"
    refusals = [it for it in items if it.expect_refusal]
    assert len(items) >= 60 and len(refusals) >= 12


@pytest.mark.parametrize("name, bundled", [("dev3.jsonl", True), ("test3.jsonl", True),
                                           ("realdev2.jsonl", False), ("realtest2.jsonl", False),
                                           ("realdev3.jsonl", False), ("realdev4.jsonl", False),
                                           ("dev4.jsonl", True), ("test4.jsonl", True),
                                           ("realdev5.jsonl", False), ("realtest3.jsonl", False),
                                           ("realdev7.jsonl", False), ("realtest4.jsonl", False),
                                           ("realdev8.jsonl", False), ("realtest5.jsonl", False),
                                           ("realdev9.jsonl", False), ("realtest6.jsonl", False),
                                           ("realdev10.jsonl", False), ("realtest7.jsonl", False)])
def test_session5_blind_halves_pass_the_checker(name, bundled, sources):
    """One blind set (session 5), split by plan x category with a fixed seed: tuning half and frozen half."""
    texts = sources if bundled else {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / name)
    report = check_gold(items, texts)
    assert report.problems == (), report.problems
    assert report.ok
    assert len(items) >= (15 if bundled else 60)
    assert sum(it.expect_refusal for it in items) >= (3 if bundled else 5)
    assert {e.doc for it in items for e in it.evidence} == set(texts), "every plan has evidence"


@pytest.mark.parametrize("name", ["dev6.jsonl", "test6.jsonl", "dev7.jsonl", "test7.jsonl"])
def test_session8_bundled_halves_pass_the_checker(name, sources):
    """The bundled-plan questions of the session-8 blind set (8 + 8): small halves, checked like the others."""
    items = load_gold(GOLD / name)
    report = check_gold(items, sources)
    assert report.problems == (), report.problems
    assert report.ok and len(items) in (7, 8)


@pytest.mark.parametrize("name, bundled", [("dev8.jsonl", True), ("test8.jsonl", True),
                                           ("realdev11.jsonl", False), ("realtest8.jsonl", False),
                                           ("dev9.jsonl", True), ("test9.jsonl", True),
                                           ("realdev12.jsonl", False), ("realtest9.jsonl", False),
                                           ("dev10.jsonl", True), ("test10.jsonl", True),
                                           ("realdev13.jsonl", False), ("realtest10.jsonl", False),
                                           ("dev11.jsonl", True), ("test11.jsonl", True),
                                           ("realdev14.jsonl", False), ("realtest11.jsonl", False),
                                           ("dev12.jsonl", True), ("test12.jsonl", True),
                                           ("realdev15.jsonl", False), ("realtest12.jsonl", False),
                                           ("dev13.jsonl", True), ("test13.jsonl", True),
                                           ("realdev16.jsonl", False), ("realtest13.jsonl", False),
                                           ("realdev17.jsonl", False), ("realtest14.jsonl", False)])
def test_session11_blind_halves_pass_the_checker(name, bundled, sources):
    """The session-11 to session-15 blind sets over all ten plans (100 questions each, 10 a plan), split by plan x
    category with a fixed seed into a bundled pair (10 + 10) and a real-plan pair (40 + 40)."""
    texts = sources if bundled else {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / name)
    report = check_gold(items, texts)
    assert report.problems == (), report.problems
    assert report.ok
    assert len(items) == (10 if bundled else 40)
    assert sum(it.expect_refusal for it in items) >= (0 if bundled else 5)
    assert {e.doc for it in items for e in it.evidence} == set(texts), "every plan has evidence"


@pytest.mark.parametrize("name", ["dev14.jsonl", "test14.jsonl"])
def test_session16_bundled_halves_pass_the_checker(name, sources):
    """The session-16 bundled-plan set (60 questions: 28 a plan and 4 comparisons), split by plan x category with a
    fixed seed into two halves of 30."""
    items = load_gold(GOLD / name)
    report = check_gold(items, sources)
    assert report.problems == (), report.problems
    assert report.ok and len(items) == 30
    assert sum(it.expect_refusal for it in items) >= 2
    assert {e.doc for it in items for e in it.evidence} == set(sources), "both plans have evidence"


@pytest.mark.parametrize("name, bundled", [("dev15.jsonl", True), ("test15.jsonl", True),
                                           ("realdev18.jsonl", False), ("realtest15.jsonl", False)])
def test_session16_followup_halves_pass_the_checker(name, bundled, sources):
    """The session-16 follow-up set (80 conversations over the ten plans, each item the last turn of 1-3 earlier
    turns), split by plan x category with a fixed seed into a bundled pair (8 + 8) and a real-plan pair (32 + 32)."""
    texts = sources if bundled else {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / name)
    report = check_gold(items, texts)
    assert report.problems == (), report.problems
    assert len(items) == (8 if bundled else 32)
    assert all(it.history for it in items), "every item is a follow-up turn"
    assert sum(it.expect_refusal for it in items) >= (0 if bundled else 2)


@pytest.mark.parametrize("name", ["rewordev.jsonl", "rewordtest.jsonl"])
def test_reworded_halves_pass_the_checker(name):
    """Session 9: 120 tuning questions the engine answered, reworded blind as other staff would type them, split by
    category into a tuning and a frozen half; the facts asked (answer, must_contain, evidence) are the originals'."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / name)
    report = check_gold(items, texts)
    assert report.problems == (), report.problems
    assert report.ok and len(items) == 60 and sum(it.expect_refusal for it in items) == 5


def test_goal_and_project_set_passes_the_checker():
    """realdev6 (session 6): goals and projects over the eight real plans, written blind, 8 unanswerable."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    items = load_gold(GOLD / "realdev6.jsonl")
    report = check_gold(items, texts)
    assert report.problems == () and report.ok
    assert len(items) == 80 and sum(it.expect_refusal for it in items) == 8
    assert {it.category for it in items} == {"goal", "project", "unanswerable"}
    assert {e.doc for it in items for e in it.evidence} == set(texts)


def test_gold_set_coverage():
    dev, test = load_gold(GOLD / "dev.jsonl"), load_gold(GOLD / "test.jsonl")
    every = dev + test
    assert len(every) >= 180 and len(dev) >= 90 and len(test) >= 75
    assert len({it.id for it in every}) == len(every)
    assert sum(it.expect_refusal for it in every) >= 25
    follow = [it for it in every if it.history]
    assert len({it.question for it in follow}) >= 15, "distinct follow-up forms"
    assert any(len(it.history) >= 2 for it in dev) and any(len(it.history) >= 2 for it in test)
    for split in (dev, test):
        docs = {e.doc for it in split for e in it.evidence}
        assert docs == {"gaoxin", "yuzhong"}
        assert any(it.doc == "both" for it in split) and any(it.doc is None and not it.expect_refusal for it in split)


@pytest.mark.parametrize("name, texts", [("layoutdev.jsonl", "eval/layoutdev/corpus"),
                                         ("unseen3.jsonl", "eval/unseen3/corpus"),
                                         ("formatdev.jsonl", "eval/formatdev/src"),
                                         ("synthdev.jsonl", "eval/unseen4/src"), ("unseen4.jsonl", "eval/unseen4/src"),
                                         ("synthdev2.jsonl", "eval/unseen5/src"), ("unseen5.jsonl", "eval/unseen5/src"),
                                         ("synthdev3.jsonl", "eval/unseen6/src"), ("unseen6.jsonl", "eval/unseen6/src"),
                                         ("synthdev4.jsonl", "eval/unseen7/src"), ("unseen7.jsonl", "eval/unseen7/src"),
                                         ("synthdev5.jsonl", "eval/unseen8/src"), ("unseen8.jsonl", "eval/unseen8/src"),
                                         ("synthdev6.jsonl", "eval/unseen9/src"), ("unseen9.jsonl", "eval/unseen9/src"),
                                         ("synthdev7.jsonl", "eval/unseen10/src"), ("unseen10.jsonl", "eval/unseen10/src"),
                                         ("synthdev8.jsonl", "eval/unseen11/corpus"),
                                         ("unseen11.jsonl", "eval/unseen11/corpus"),
                                         ("synthdev9.jsonl", "eval/unseen12/corpus"),
                                         ("unseen12.jsonl", "eval/unseen12/corpus"),
                                         ("synthdev10.jsonl", "eval/unseen13/corpus"),
                                         ("unseen13.jsonl", "eval/unseen13/corpus"),
                                         ("synthdev11.jsonl", "eval/unseen14/corpus"),
                                         ("unseen14.jsonl", "eval/unseen14/corpus")])
def test_synthetic_plan_sets_pass_the_checker(name, texts):
    """Sets over synthetic plans: quotes are checked against the plan text (for the Word and PDF plans of
    formatdev, against the running text their generator put into the file)."""
    plans = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / texts).iterdir())
             if p.suffix in (".txt", ".md")}  # a repost saved as Markdown (unseen12)
    items = load_gold(GOLD / name)
    report = check_gold(items, plans)
    assert report.problems == (), report.problems
    assert report.ok
    assert {e.doc for it in items for e in it.evidence} == set(plans)


@pytest.mark.parametrize("name", ["test.jsonl", "realtest.jsonl", "paraphrase.jsonl", "realparaphrase.jsonl",
                                  "casual.jsonl", "realcasual.jsonl", "test3.jsonl", "realtest2.jsonl",
                                  "test4.jsonl", "realtest3.jsonl", "unseen3.jsonl", "realtest4.jsonl",
                                  "realtest5.jsonl", "test6.jsonl", "unseen4.jsonl",
                                  "realtest6.jsonl", "test7.jsonl", "unseen5.jsonl", "rewordtest.jsonl",
                                  "realtest7.jsonl", "unseen6.jsonl", "unseen7.jsonl",
                                  "test8.jsonl", "realtest8.jsonl", "unseen8.jsonl", "unseen9.jsonl",
                                  "unseen10.jsonl", "unseen11.jsonl", "test9.jsonl", "realtest9.jsonl",
                                  "unseen12.jsonl", "test10.jsonl", "realtest10.jsonl",
                                  "unseen13.jsonl", "test11.jsonl", "realtest11.jsonl",
                                  "test12.jsonl", "realtest12.jsonl", "unseen14.jsonl",
                                  "test13.jsonl", "realtest13.jsonl", "test14.jsonl", "realtest14.jsonl",
                                  "test15.jsonl", "realtest15.jsonl"])
def test_test_splits_are_frozen(name):
    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    recorded = re.search(rf"`{re.escape(name)}` sha256[^`]*`([0-9a-f]{{64}})`", readme)
    assert recorded, f"eval/gold/README.md records the sha256 of {name}"
    actual = hashlib.sha256((GOLD / name).read_bytes()).hexdigest()
    assert actual == recorded.group(1), f"{name} is frozen; add new questions to its dev set instead"


# ---------------------------------------------------------------- check_gold on hand-made items

SOURCE = {
    "plan": "第一章 发展目标\n到2025年，外贸进出口总额达到3700亿元，服务贸易总额达到20亿美元。\n"
            "表1 指标\n\t外贸进出口总额（亿元）\n\t3700\n",
    "other": "第二章 开放平台\n外贸进出口额达到120亿元以上。\n",
}
HEAD = "第一章 发展目标"
QUOTE = (Evidence("plan", "外贸进出口总额达到3700亿元", HEAD),)


def make(id_="q1", question="外贸总额到时候要多少？", category="indicator", answer="3700亿元。",
         must=("3700",), evidence=QUOTE, doc="plan",
         history=()) -> GoldItem:
    return GoldItem(id=id_, question=question, doc=doc, category=category, answer=answer,
                    must_contain=tuple(must), evidence=tuple(evidence),
                    expect_refusal=category == "unanswerable", history=tuple(history))


def kinds(report) -> list[str]:
    return [p.kind for p in report.problems]


def test_a_clean_item_is_ok():
    report = check_gold([make()], SOURCE)
    assert report.ok, report.problems
    assert report.categories == (("indicator", 1),)


def test_detects_a_quote_that_is_not_an_exact_substring():
    item = make(evidence=(Evidence("plan", "外贸进出口总额达到 3700亿元", HEAD),))
    report = check_gold([item], SOURCE)
    assert kinds(report) == ["bad_quote"]
    assert report.problems[0].item_id == "q1" and not report.ok


def test_detects_must_contain_not_supported_by_any_quote():
    item = make(must=("3700", "3800"), answer="3700亿元（3800）")
    report = check_gold([item], SOURCE)
    assert kinds(report) == ["unsupported_must_contain"]
    assert "3800" in report.problems[0].detail


def test_must_contain_is_whitespace_insensitive_and_must_be_in_the_answer():
    ok = make(must=("3700 亿元",), answer="3700亿元。")
    assert check_gold([ok], SOURCE).ok
    missing = make(must=("3700",), answer="三千七百亿元。")
    assert kinds(check_gold([missing], SOURCE)) == ["must_contain_not_in_answer"]


def test_unanswerable_items_take_no_evidence_and_answerable_items_need_some():
    refusal = make("u1", "两江新区的目标是多少？", "unanswerable", answer="", must=(), evidence=(), doc=None)
    assert check_gold([refusal], SOURCE).ok
    with_evidence = dataclasses.replace(refusal, id="u2", evidence=(Evidence("plan", "3700", HEAD),))
    assert kinds(check_gold([with_evidence], SOURCE)) == ["refusal_with_evidence"]
    bare = make(must=(), evidence=())
    assert kinds(check_gold([bare], SOURCE)) == ["missing_evidence"]


def test_detects_duplicate_ids_bad_headings_and_one_sided_comparisons():
    report = check_gold([make(), make()], SOURCE)
    assert kinds(report) == ["duplicate_id"]
    heading = make(evidence=(Evidence("plan", "3700", "第九章 不存在"),))
    assert kinds(check_gold([heading], SOURCE)) == ["bad_heading"]
    missing_heading = make(evidence=(Evidence("plan", "3700", "第二章（原文缺标题） › 表1 指标"),))
    assert check_gold([missing_heading], SOURCE).ok
    one_sided = make(doc="both", question="两边外贸目标各多少？")
    assert kinds(check_gold([one_sided], SOURCE)) == ["comparison_one_doc"]
    both = make(doc="both", question="两边外贸目标各多少？", must=("3700", "120"), answer="3700；120",
                evidence=(Evidence("plan", "3700", HEAD), Evidence("other", "120亿元", "第二章 开放平台")))
    assert check_gold([both], SOURCE).ok


def test_overlap_counter():
    assert shares_run("外贸进出口总额达到多少", "外贸进出口总额达到3700亿元")  # 9 chars shared
    assert not shares_run("外贸进出口总额要多少", "外贸进出口总额达到3700亿元")  # 7 chars
    copied = make("c1", question="外贸进出口总额达到多少？")
    fresh = make("c2", question="外贸要做到多大？")
    report = check_gold([copied, fresh], SOURCE)
    assert report.overlap_ids == ("c1",) and report.overlap_share == 0.5
    assert not report.ok  # 50% > one third


def test_template_counter():
    ev = (Evidence("plan", "外贸进出口总额（亿元）", HEAD), Evidence("plan", "3700", HEAD))
    assert skeleton("渝中区2025年外贸进出口总额目标？", ("外贸进出口总额（亿元）",)) == "{P}{N}年{T}目标"
    same = [make(f"t{i}", question=q, evidence=ev) for i, q in enumerate(
        ["高新区2025年外贸进出口总额目标", "渝中区2020年外贸进出口总额目标？", "科学城2030年外贸进出口总额目标"])]
    other = make("t9", question="外贸规模打算做到多大", evidence=ev)
    assert templated(same + [other]) == ("t0", "t1", "t2")
    assert templated(same[:2] + [other]) == ()
    report = check_gold(same + [other], SOURCE)
    assert report.template_share == 0.75 and not report.ok


def test_history_turns_are_kept():
    item = make(history=(GoldTurn("渝中区呢？", "120亿元。"),))
    assert check_gold([item], SOURCE).ok and item.history[0].answer == "120亿元。"


# ---------------------------------------------------------------- loading


def write_lines(path: Path, objs: list[object]) -> Path:
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objs) + "\n",
                    encoding="utf-8")
    return path


GOOD = {"id": "x1", "question": "外贸要多少？", "doc": "plan", "category": "indicator", "answer": "3700亿元。",
        "must_contain": ["3700"], "evidence": [{"doc": "plan", "quote": "3700", "heading": HEAD}],
        "expect_refusal": False}


def test_load_gold_reads_items(tmp_path):
    items = load_gold(write_lines(tmp_path / "g.jsonl", [GOOD, "", {**GOOD, "id": "x2", "history": [
        {"question": "q", "answer": "a"}]}]))
    assert [it.id for it in items] == ["x1", "x2"]
    assert items[0].evidence == (Evidence("plan", "3700", HEAD),) and items[1].history == (GoldTurn("q", "a"),)


def test_load_gold_names_file_and_line_for_bad_json(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [GOOD, '{"id": "x2",'])
    with pytest.raises(GoldFormatError) as err:
        load_gold(path)
    assert f"{path}:2" in str(err.value) and err.value.lineno == 2


def test_load_gold_reports_missing_fields_and_unknown_categories(tmp_path):
    no_answer = {k: v for k, v in GOOD.items() if k != "answer"}
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:1.*'answer'"):
        load_gold(write_lines(tmp_path / "g.jsonl", [no_answer]))
    with pytest.raises(GoldFormatError, match="allowed: indicator, text_number") as err:
        load_gold(write_lines(tmp_path / "g.jsonl", [GOOD, {**GOOD, "category": "trivia"}]))
    assert err.value.lineno == 2
    with pytest.raises(GoldFormatError, match="heading"):
        load_gold(write_lines(tmp_path / "g.jsonl", [{**GOOD, "evidence": [{"doc": "plan", "quote": "3700"}]}]))


# ---------------------------------------------------------------- the CLI


def test_cli_exit_codes(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import check_gold as cli
    finally:
        sys.path.remove(str(ROOT / "eval"))
    plan = tmp_path / "plan.txt"
    plan.write_text(SOURCE["plan"], encoding="utf-8")
    good = write_lines(tmp_path / "good.jsonl", [GOOD])
    assert cli.main(["--corpus", str(tmp_path), "--doc-file", f"plan={plan}", str(good)]) == 0
    assert "OK" in capsys.readouterr().out
    bad = write_lines(tmp_path / "bad.jsonl", [{**GOOD, "must_contain": ["9999"], "answer": "9999"}])
    assert cli.main(["--corpus", str(tmp_path), "--doc-file", f"plan={plan}", str(bad)]) == 1
    assert "unsupported_must_contain" in capsys.readouterr().out
    assert cli.main(["--doc-file", f"plan={plan}", str(tmp_path / "missing.jsonl")]) == 2


def test_every_judging_set_is_named_frozen_once():
    """The tuning scripts (eval/answerability.py, eval/fallback_support.py) refuse the judging sets by the one list
    in assistant/evaluation/gold.py: every set whose sha is recorded is on it, and each exists."""
    from assistant.evaluation.gold import FROZEN_SETS

    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    recorded = set(re.findall(r"`(\w+)\.jsonl` sha256", readme))
    assert recorded <= set(FROZEN_SETS)
    assert all((GOLD / f"{name}.jsonl").is_file() for name in FROZEN_SETS)


def test_blind_frames_are_frozen_and_well_formed():
    """The frames file (eval/frames/) is the one written blind to the code, split once by kind: its sha256 is
    recorded, every template holds one placeholder, and both halves cover every kind."""

    root = Path(__file__).resolve().parent.parent / "eval" / "frames"
    data = (root / "frames.jsonl").read_bytes()
    readme = (root / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256 of `frames.jsonl`: `([0-9a-f]{64})`", readme)
    assert recorded and hashlib.sha256(data).hexdigest() == recorded.group(1)
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    assert len(rows) == 120 and len({r["id"] for r in rows}) == 120
    assert all((r["template"].count("{q}") + r["template"].count("{q_bare}")) == 1 for r in rows)
    kinds = {r["kind"] for r in rows}
    for split in ("tune", "frozen"):
        assert {r["kind"] for r in rows if r["split"] == split} == kinds
