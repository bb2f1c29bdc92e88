"""`assistant eval` end to end on a tiny gold file over the bundled corpus, with the fake embedder."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.cli import main

TABLE = "第二章（原文缺标题） › 第四节 发展目标 › 表2-1重庆高新区内陆开放高地建设指标体系表"
BOX = "第一章 全面开创渝中对外开放新局面 › 三、总体要求 › （三）发展目标 › 专栏1：“十四五”建设内陆开放高地主要指标表"
GOLD = [
    {"id": "t-1", "question": "高新区到2025年外贸进出口总额要达到多少？", "doc": "gaoxin", "category": "indicator",
     "answer": "3700亿元。", "must_contain": ["3700", "亿元"],
     "evidence": [{"doc": "gaoxin", "quote": "外贸进出口总额（亿元）", "heading": TABLE},
                  {"doc": "gaoxin", "quote": "3700", "heading": TABLE}], "expect_refusal": False},
    {"id": "t-2", "question": "两个规划2025年外贸进出口目标分别是多少", "doc": "both", "category": "comparison",
     "answer": "高新区3700亿元，渝中区120亿元。", "must_contain": ["3700", "120"],
     "evidence": [{"doc": "gaoxin", "quote": "外贸进出口总额（亿元）", "heading": TABLE},
                  {"doc": "gaoxin", "quote": "3700", "heading": TABLE},
                  {"doc": "yuzhong", "quote": "外贸进出口额", "heading": BOX},
                  {"doc": "yuzhong", "quote": "120", "heading": BOX}], "expect_refusal": False},
    {"id": "t-3", "question": "那渝中区呢？", "doc": "yuzhong", "category": "followup",
     "history": [{"question": "高新区2025年外贸进出口总额目标是多少？", "answer": "3700亿元。"}],
     "answer": "120亿元。", "must_contain": ["120"],
     "evidence": [{"doc": "yuzhong", "quote": "外贸进出口额", "heading": BOX},
                  {"doc": "yuzhong", "quote": "120", "heading": BOX}], "expect_refusal": False},
    {"id": "t-4", "question": "两江新区2025年外贸进出口目标是多少？", "doc": None, "category": "unanswerable",
     "answer": "", "must_contain": [], "evidence": [], "expect_refusal": True},
]
TOP_LEVEL = {"schema", "created", "args", "gold", "settings", "model", "index", "git", "corpus", "timings", "metrics",
             "baselines", "rows", "warnings", "top_k"}
ROW_KEYS = {"id", "category", "question", "expected", "answer", "refused", "must_hits", "correct", "cited_docs",
            "latency_ms", "rank", "unsupported_numbers"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, bundled_settings):
    root = tmp_path_factory.mktemp("eval")
    shutil.copytree(bundled_settings.index_dir, root / "index")  # the session's index of the bundled plans
    gold = root / "tiny.jsonl"
    gold.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD), encoding="utf-8")
    return root, gold


def _eval(workspace, *extra: str) -> int:
    root, gold = workspace
    return main(["eval", "--gold", str(gold), "--index", str(root / "index"), "--model", "hashing",
                 "--out", str(root / "out"), *extra])


def test_eval_writes_one_self_describing_json_and_a_report(workspace, capsys):
    root, _ = workspace
    assert _eval(workspace, "--name", "run", "--baselines") == 0
    printed = capsys.readouterr().out
    assert "| system | hit@1 | hit@5 | MRR@10 | answer acc | refusal P | refusal R | refusal AUC |" in printed
    record = json.loads((root / "out" / "run.json").read_text(encoding="utf-8"))
    assert TOP_LEVEL <= set(record)
    assert record["schema"] == 1 and record["gold"]["items"] == 4
    assert record["model"]["name"] == "hashing:64" and len(record["model"]["fingerprint"]) == 64
    assert record["corpus"]["documents"] == 2 and record["corpus"]["chunks"] > 0 and record["corpus"]["rows"] > 0
    assert record["git"]["sha"]  # a sha, or "unknown" outside a git checkout
    assert record["index"]["build_id"] and record["settings"]["model"] == "hashing"
    assert [r["id"] for r in record["rows"]] == ["t-1", "t-2", "t-3", "t-4"]
    assert ROW_KEYS <= set(record["rows"][0])
    assert record["rows"][2]["query"] == "高新区2025年外贸进出口总额目标是多少？ 那渝中区呢？"
    for key in ("answer.acc", "refusal.f1", "retrieval.hit@1", "retrieval.mrr@10", "citation.accuracy",
                "numbers.unsupported", "latency.p95_ms", "length.mean"):
        assert key in record["metrics"]
    assert set(record["baselines"]) == {"bm25", "dense", "naive"}
    naive = record["baselines"]["naive"]["metrics"]
    assert naive["n.refused"] == 0 and naive["refusal.f1"] == 0.0  # the naive pipeline never refuses
    report = (root / "out" / "run.md").read_text(encoding="utf-8")
    for system in ("| full |", "| bm25 |", "| dense |", "| naive |"):
        assert system in report


def test_threshold_gate_fails_above_the_achieved_figure(workspace, capsys):
    root, _ = workspace
    assert _eval(workspace, "--name", "gate", "--min-answer-acc", "0", "--min-refusal-f1", "0") == 0
    acc = json.loads((root / "out" / "gate.json").read_text(encoding="utf-8"))["metrics"]["answer.acc"]
    capsys.readouterr()
    assert _eval(workspace, "--name", "gate", "--min-answer-acc", f"{acc + 0.01}", "--min-refusal-f1", "1.01") == 1
    err = capsys.readouterr().err
    assert "answer.acc" in err and "refusal.f1" in err


def test_a_bad_gold_file_is_a_one_line_error(workspace, capsys):
    root, _ = workspace
    bad = root / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    code = main(["eval", "--gold", str(bad), "--index", str(root / "index"), "--model", "hashing",
                 "--out", str(root / "out")])
    assert code == 2 and "missing field" in capsys.readouterr().err


def _record(rows: list[dict], acc: float) -> dict:
    return {"metrics": {"answer.acc": acc, "retrieval.hit@5": 0.5}, "rows": rows, "git": {"sha": "abc"},
            "model": {"name": "m", "fingerprint": "f"}, "index": {"build_id": "b"}, "corpus": {"chunks": 3},
            "gold": {"path": "tiny.jsonl", "sha256": "0" * 64},
            "baselines": {"naive": {"metrics": {"answer.acc": 0.1}, "rows": rows}}}


def _cmp_row(id_: str, correct: bool, rank: int | None, answer: str = "a") -> dict:
    return {"id": id_, "category": "indicator", "question": "问题" + id_, "correct": correct, "refused": False,
            "answer": answer, "rank": rank, "evidence_in_index": True, "unsupported_numbers": []}


def test_compare_reports_metric_deltas_and_changed_questions(tmp_path, capsys):
    import importlib.util

    from assistant.config import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("compare", PROJECT_ROOT / "eval" / "compare.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    a = _record([_cmp_row("q1", True, 1), _cmp_row("q2", False, 8), _cmp_row("q3", True, 2)], 2 / 3)
    b = _record([_cmp_row("q1", False, 9, "变了"), _cmp_row("q2", True, 3), _cmp_row("q3", True, 2)], 2 / 3 + 0.25)
    text = compare.render(a, b, "A", "B")
    assert "answer.acc" in text and "0.250" in text
    assert "newly failing: 1\n- q1" in text and "newly passing: 1\n- q2" in text
    assert "evidence entered top 5: 1\n- q2" in text and "evidence left top 5: 1\n- q1" in text
    assert "q3" not in text
    pa, pb = tmp_path / "a.json", tmp_path / "b.json"
    pa.write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
    pb.write_text(json.dumps(b, ensure_ascii=False), encoding="utf-8")
    assert compare.main([str(pa), str(pb), "--system", "naive"]) == 0
    assert "system: naive" in capsys.readouterr().out
