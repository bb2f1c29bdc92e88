"""Replay the tuning sets' number questions in words no plan uses: does the engine still answer (or refuse) them?

    python eval/replay_wording.py [--splits dev dev2 ...] [--rows OUT.jsonl] [--sweep | --frames]

The engine's lexicon was written for the tuning sets' words, so those sets cannot show how it treats a question
worded otherwise. This replay rewords each tuning number question by rule: each formal word below that the
question holds is replaced by an everyday one (引进 -> 弄来, 达到 -> 搞到, a measure word -> 那个数) that no plan
of the corpus writes (checked on the index: a replacement some plan writes is skipped). One variant per rule that
applies, plus one with every rule applied. An answerable question's variant is right when its answer still holds
the gold's must_contain; an unanswerable one's (expect_refusal) when it is still refused. The everyday words live
here, never in the product: the product must not learn them. ``--sweep``: ask with the retrieval-only answer's
support threshold at 0 and replay each threshold on the variants, as eval/fallback_support.py does on the tuning
sets (choose FALLBACK_SUPPORT on both). ``--frames``: ask every question (not only number questions) inside what
staff type around one (请问一下，… / 领导让我查一下，… / 有群众打电话问：… / …，急用 / spaces around figures) and
count, frame by frame, the right answers kept (session 14: before the lead-in fix about one in five was lost).
``--file-frames tune|frozen``: the same with frames written by a helper blind to the code (eval/frames/frames.jsonl,
120 frames in ten kinds, split by kind with a fixed seed): --k of one split drawn around each question. The frozen
half stands for wording nobody tuned for: it prints counts by kind only and writes no rows. Judging splits are
refused.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.evaluate import score_answer  # noqa: E402
from assistant.evaluation.gold import FROZEN_SETS, load_gold  # noqa: E402

TUNING = ["dev", "dev2", "dev3", "dev4", "dev6", "realdev", "realdev2", "realdev3", "realdev4", "realdev5",
          "realdev6", "realdev7", "realdev8", "layoutdev", "formatdev", "synthdev"]

# formal word (a regex) -> an everyday one (the asker's own wording): verbs of reaching and making, totals, the
# measure words that name "the figure" rather than a thing (not inside a name: 指标表, 目标体系), and a spoken tail
REWORDINGS = [
    ("达到", "搞到"), ("引进", "弄来"), ("实现", "弄成"), ("建成", "弄好"), ("新建", "新弄"), ("完成", "干完"),
    ("累计", "拢共"), ("合计", "加起来"), ("总计", "加起来"), ("新增", "多弄出"), ("增加", "多弄出"),
    ("提高到", "拔到"), ("提升到", "拔到"), ("增长", "往上蹿"), ("控制在", "压在"), ("超过", "冲过"),
    ("计划", "打算"), ("预计", "估摸"), ("目标值", "那个数"), ("目标(?![表体任])", "那个数"), ("规模", "那个数"),
    ("数量", "那个数"), ("总量", "那个数"), ("指标(?![表体])", "那个数"), ("争取", "想法子"), ("力争", "想法子"),
    ("确保", "保准"), ("投入", "砸进"), ("建设", "弄"), ("安排", "弄"), ("布局", "摆"), ("打造", "弄出"),
    ("培育", "养出"), ("推动", "弄"), ("([是有])多少(?=[？?]|$)", r"\1多少来着"),
]

# what staff type around a question (--frames): a lead-in announcing the ask, the writing they are doing, a caller
# they relay, a tail, a closing particle, spaces around figures. The question itself is unchanged, so every item
# (not only number questions) must get the same verdict
FRAMES = [
    ("lead", lambda q: "请问一下，" + q), ("boss", lambda q: "领导让我查一下，" + q),
    ("writing", lambda q: "我在写个材料，" + q), ("relay", lambda q: "有群众打电话问：" + q),
    ("hello", lambda q: "你好，" + q), ("urgent", lambda q: _bare(q) + "，急用"),
    ("help", lambda q: _bare(q) + "？麻烦帮忙查一下，谢谢"), ("recall", lambda q: _bare(q) + "来着？"),
    ("spaced", lambda q: re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])", " ", q)),
]


FRAMES_FILE = ROOT / "eval" / "frames" / "frames.jsonl"


def file_frames(path: Path, split: str) -> list[tuple[str, str]]:
    """(id/kind, template) of one split ("tune" or "frozen") of a frames file written blind to the code
    (eval/frames/README.md): {q} is the question, {q_bare} the question without its final ？/?/。."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(f"{r['id']}/{r['kind']}", r["template"]) for r in rows if r["split"] == split]


def drawn(question: str, key: str, frames: list[tuple[str, str]], k: int, seed: int) -> list[tuple[str, str]]:
    """k of the file's frames around the question, drawn by the item's key with a fixed seed (all 120 around each
    of 1,800 questions would take an hour and a half)."""
    import random

    picked = random.Random(f"{seed}:{key}").sample(frames, min(k, len(frames)))
    out = [(name, t.replace("{q_bare}", _bare(question)).replace("{q}", question)) for name, t in picked]
    return [(name, v) for name, v in out if v != question]


def _bare(question: str) -> str:
    return re.sub(r"[？?。]+$", "", question)


def framed(question: str, unused=None) -> list[tuple[str, str]]:
    """(frame, the question with it): each frame that changes the text."""
    return [(name, v) for name, make in FRAMES if (v := make(question)) != question]


_NUMBER_ASK_RE = re.compile(r"多少|几|多大|多长|多高|多快|占比|比重|比例|规模|目标值")
_DIGIT_RE = re.compile(r"\d")


def number_question(it) -> bool:
    """A question asking a figure: the gold answer's must_contain holds digits, or (refusals) it asks 多少/几."""
    if it.expect_refusal:
        return bool(_NUMBER_ASK_RE.search(it.question))
    return it.category in ("text_number", "indicator", "project") and any(_DIGIT_RE.search(m) for m in it.must_contain)


def variants(question: str, unused) -> list[tuple[str, str]]:
    """(rule, reworded question): one per rule whose formal word the question holds and whose everyday word no
    plan writes (``unused``), plus all of them at once."""
    rules = [(a, b) for a, b in REWORDINGS if re.search(a, question) and unused(b)]
    out, seen = [], {question}
    for a, b in rules:
        v = re.sub(a, b, question)
        if v not in seen:
            seen.add(v)
            out.append((f"{a}->{b}", v))
    if len(rules) > 1:
        v = question
        for a, b in rules:
            v = re.sub(a, b, v)
        if v not in seen:
            out.append(("all", v))
    return out


def collect(split: str, assistants: dict, frames: bool = False, drawn_from: list | None = None, k: int = 2,
            seed: int = 20261215) -> list[dict]:
    from fallback_support import _plain
    from run import SPLITS

    from assistant.evaluation.capture import SupportCapture
    from assistant.pipeline import Assistant

    corpus = SPLITS[split]
    if corpus not in assistants:
        assistants[corpus] = Assistant.open(load_settings(corpus=corpus) if corpus else load_settings())
    engine = assistants[corpus]
    retriever = engine.retriever
    unseen = retriever.idf("\0")
    make = framed if frames else variants
    rows = []
    with SupportCapture() as capture:
        for it in load_gold(ROOT / "eval" / "gold" / f"{split}.jsonl"):
            if not frames and not number_question(it):
                continue
            history = [{"question": t.question, "answer": t.answer} for t in it.history]
            extra = (drawn(it.question, f"{split}:{it.id}", drawn_from, k, seed) if drawn_from is not None
                     else make(it.question, lambda w: retriever.idf(w) >= unseen))
            for rule, q in [("orig", it.question), *extra]:
                capture.records.clear()
                ans = engine.ask(q, history=history)
                row = score_answer(replace(it, question=q), ans)
                made_of = [r for r in capture.records
                           if r.answer_lines and _plain(ans.answer) == _plain("".join(r.answer_lines))]
                rows.append({"split": split, "id": it.id, "rule": rule, "question": q,
                             "expect_refusal": it.expect_refusal, "refused": ans.refused,
                             "reason": row.refusal_reason, "correct": row.correct, "score": ans.score,
                             "fallback": [round(r.support.score, 4) for r in made_of], "answer": ans.answer[:160]})
    return rows


def summary(rows: list[dict]) -> dict:
    """Figures of the originals and of the variants: answered right, refused right, refusal reasons."""
    out = {}
    for name, pick in (("orig", lambda r: r["rule"] == "orig"), ("variants", lambda r: r["rule"] != "orig")):
        rs = [r for r in rows if pick(r)]
        ans = [r for r in rs if not r["expect_refusal"]]
        ref = [r for r in rs if r["expect_refusal"]]
        out[name] = {"answerable": len(ans), "answerable_right": sum(r["correct"] for r in ans),
                     "answerable_refused": sum(r["refused"] for r in ans),
                     "unanswerable": len(ref), "unanswerable_refused": sum(r["refused"] for r in ref),
                     "false_refusal_reasons": dict(Counter(r["reason"] for r in ans if r["refused"]))}
    # variants of originals the engine gets right: the honest test of wording
    right = {(r["split"], r["id"]) for r in rows if r["rule"] == "orig" and r["correct"]}
    rs = [r for r in rows if r["rule"] != "orig" and (r["split"], r["id"]) in right]
    out["variants_of_right"] = {"n": len(rs), "right": sum(r["correct"] for r in rs),
                                "answerable": sum(not r["expect_refusal"] for r in rs),
                                "answerable_right": sum(r["correct"] for r in rs if not r["expect_refusal"]),
                                "unanswerable": sum(r["expect_refusal"] for r in rs),
                                "unanswerable_right": sum(r["correct"] for r in rs if r["expect_refusal"])}
    return out


def by_rule(rows: list[dict]) -> dict[str, list[int]]:
    """rule -> [variants right, variants] over the originals the engine gets right."""
    right = {(r["split"], r["id"]) for r in rows if r["rule"] == "orig" and r["correct"]}
    out: dict[str, list[int]] = {}
    for r in rows:
        if r["rule"] != "orig" and (r["split"], r["id"]) in right:
            out.setdefault(r["rule"], [0, 0])
            out[r["rule"]][0] += r["correct"]
            out[r["rule"]][1] += 1
    return out


def by_kind(rows: list[dict]) -> dict[str, list[int]]:
    """kind -> [right, asked] over the originals the engine gets right, and "all"."""
    out: dict[str, list[int]] = {}
    for rule, (right, n) in by_rule(rows).items():
        for key in (rule.split("/")[-1], "all"):
            out.setdefault(key, [0, 0])
            out[key][0] += right
            out[key][1] += n
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=TUNING)
    ap.add_argument("--frames", action="store_true", help="ask every question inside the FRAMES around it instead")
    ap.add_argument("--file-frames", choices=("tune", "frozen"),
                    help="ask each question inside --k frames drawn from this split of --frames-file instead; "
                         "frozen: counts by kind only, no rows")
    ap.add_argument("--frames-file", type=Path, default=FRAMES_FILE)
    ap.add_argument("--k", type=int, default=2, help="frames drawn per question (--file-frames)")
    ap.add_argument("--rows", type=Path, help="write the rows here (JSON lines)")
    ap.add_argument("--sweep", action="store_true", help="ask at support threshold 0 and replay each threshold")
    args = ap.parse_args(argv)
    if set(args.splits) & set(FROZEN_SETS):
        ap.error(f"{sorted(FROZEN_SETS)} are frozen: never tune on them")
    if args.sweep:
        from assistant.answer import support as support_rule

        support_rule.FALLBACK_SUPPORT = 0.0
    if args.file_frames == "frozen" and args.rows:
        ap.error("frozen frames are counted, never read: no --rows")
    pool = file_frames(args.frames_file, args.file_frames) if args.file_frames else None
    assistants: dict = {}
    rows = [r for s in args.splits for r in collect(s, assistants, args.frames, pool, args.k)]
    if pool is not None:
        print(json.dumps(by_kind(rows), ensure_ascii=False, indent=1))
        if args.file_frames == "frozen":
            return 0
    if args.rows:
        args.rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if not args.sweep:
        print(json.dumps(summary(rows), ensure_ascii=False, indent=1))
        if args.frames:
            print(json.dumps(by_rule(rows), ensure_ascii=False))
        return 0
    from fallback_support import table

    variants_only = [r for r in rows if r["rule"] != "orig"]
    for name, rs in (("originals", [r for r in rows if r["rule"] == "orig"]), ("variants", variants_only)):
        print(f"== {name}: {len(rs)} items")
        for t, correct, p, rec, f1 in table(rs):
            print(f"t={t:.4f} correct={correct}/{len(rs)} refusal P={p:.3f} R={rec if rec is None else round(rec, 3)} "
                  f"F1={f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
