"""Red-team benchmark: the most expensive inputs we can build, measured (not a test).

    python bench/redteam.py                 # question cost + bombs, writes bench/results/redteam.json
    python bench/redteam.py --only questions
    python bench/redteam.py --only bombs

questions: worst-case questions and histories within (and beyond) the limits, each asked twice through
``Assistant.ask`` with the real model; the second (warm) run is reported. A request beyond the limits is
refused at the door, so its time is the time of the refusal.
bombs: .docx files that unpack to far more than they weigh, and a PDF with many pages, read by the upload path
in a child process (its wall time and peak RSS), with a time cap.
The page attack (4 max-cost clients against 20 users) is bench/load_bench.py --attackers 4.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
REAL_PLANS = ROOT / "eval" / "realplans" / "corpus"


def paragraph(n: int = 2000) -> str:
    """A real paragraph of about n characters: consecutive lines of a real plan, as someone would paste it."""
    text = ""
    for p in sorted(REAL_PLANS.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            text += line.strip()
            if len(text) >= n:
                return text[:n]
    return ("推进高质量发展，" * n)[:n]


def question_cases(limit: int) -> list[tuple[str, str, list]]:
    para = paragraph(limit)
    para_q = para[: limit - 1] + "？"
    turn = {"question": para, "answer": para}
    return [
        ("normal", "高新区2025年外贸进出口总额目标是多少？", []),
        ("normal follow-up", "那渝中区呢？", [{"question": "高新区2025年外贸进出口总额目标是多少？", "answer": "3700亿元。"}]),
        ("哪 x (limit-1)", "哪" * (limit - 1), []),
        ("专栏 x (limit/2-1)", "专栏" * (limit // 2 - 1), []),
        ("pasted paragraph", para_q, []),
        ("pasted paragraph, 的 stripped", para_q.replace("的", ""), []),
        ("follow-up after 8 pasted turns", "那渝中区呢？", [turn] * 8),
        ("pasted paragraph after 8 pasted turns", para_q, [turn] * 8),
        ("follow-up after 40,000-char turn", "那渝中区呢？", [{"question": paragraph(40000), "answer": ""}]),
        ("follow-up chain of 50 short turns", "增加了多少？", [{"question": "高新区2025年外贸进出口总额目标是多少？",
                                                            "answer": "3700亿元"}] + [{"question": "那渝中区呢？",
                                                                                        "answer": "x"}] * 49),
    ]


def bench_questions(repeat: int = 2) -> dict:
    from assistant.config import load_settings
    from assistant.errors import AssistantError
    from assistant.pipeline import Assistant

    settings = load_settings()
    t0 = time.perf_counter()
    assistant = Assistant.open(settings)
    opened = time.perf_counter() - t0
    assistant.ask("高新区2025年外贸进出口总额目标是多少？")  # warm
    rows = []
    for name, question, history in question_cases(settings.max_question_chars):
        secs, cpus, outcome = [], [], ""
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                ans = assistant.ask(question, history=history)
                outcome = ("degraded: " if getattr(ans, "degraded", False) else "") + \
                    ("refused" if ans.refused else "answered")
            except AssistantError as e:
                outcome = f"rejected: {str(e)[:90]}"
            secs.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        rows.append({"case": name, "question_chars": len(question), "history_turns": len(history),
                     "history_chars": sum(len(h["question"]) + len(h["answer"]) for h in history),
                     "warm_s": round(secs[-1], 3), "warm_cpu_s": round(cpus[-1], 3), "cold_s": round(secs[0], 3),
                     "outcome": outcome})
        print(f"{rows[-1]['warm_s']:8.3f} s wall {rows[-1]['warm_cpu_s']:8.3f} s cpu  {name}  ({outcome})",
              file=sys.stderr)
    return {"open_s": round(opened, 1), "cases": rows, "worst_warm_s": max(r["warm_s"] for r in rows),
            "worst_warm_cpu_s": max(r["warm_cpu_s"] for r in rows),
            "note": "cpu: process CPU seconds (all threads) of the request; wall depends on the machine's load"}


# ---------------------------------------------------------------- bombs

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
       'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(path: Path, xml_mb: float, members: int = 0) -> Path:
    """A .docx whose document.xml holds xml_mb MB of repeated paragraphs (it compresses ~1000:1), plus
    ``members`` tiny extra zip members."""
    para = "<w:p><w:r><w:t>第一章 总体要求。坚持创新驱动发展，推进产业升级。</w:t></w:r></w:p>"
    n = int(xml_mb * 1e6 / len(para.encode()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            chunk = (para * 1000).encode()
            for _ in range(n // 1000):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
        for i in range(members):
            z.writestr(f"customXml/item{i}.xml", "<a/>")
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(pages):
        c.drawString(72, 720, f"page {i + 1} text")
        c.showPage()
    c.save()
    return path


_CHILD = """
import sys, time, resource
sys.path.insert(0, {root!r})
from assistant.config import load_settings
from assistant.uploads import add_upload
from assistant.limits import ReadLimits
from pathlib import Path
import tempfile
s = load_settings()
data = Path({path!r}).read_bytes()
t = time.perf_counter()
try:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "corpus").mkdir()
        r = add_upload(data, Path({path!r}).name, [Path(d) / "corpus"], Path(d) / "up", s.max_upload_mb << 20, set(), ReadLimits.from_settings(s))
        out = "accepted: %d sections" % r.sections
except Exception as e:
    out = "%s: %s" % (type(e).__name__, str(e)[:160])
print(round(time.perf_counter() - t, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, out, sep="\\t")
"""


def bench_bombs(work: Path, cap_s: float) -> list[dict]:
    work.mkdir(parents=True, exist_ok=True)
    (work / "corpus").mkdir(exist_ok=True)
    cases = [("docx, 5 MB of XML", docx_bomb(work / "bomb5.docx", 5)),
             ("docx, 200 MB of XML", docx_bomb(work / "bomb200.docx", 200)),
             ("docx, 20,000 members", docx_bomb(work / "members.docx", 0.01, members=20000)),
             ("pdf, 3,000 pages", many_pages_pdf(work / "pages.pdf", 3000))]
    rows = []
    for name, path in cases:
        code = _CHILD.format(root=str(ROOT), path=str(path))
        start = time.perf_counter()
        try:
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=cap_s,
                                 cwd=work).stdout.strip()
            secs, rss, outcome = out.split("\t", 2) if out.count("\t") >= 2 else ("", "", out or "crashed")
        except subprocess.TimeoutExpired:
            secs, rss, outcome = "", "", f"still running after {cap_s:.0f} s (killed)"
        rows.append({"case": name, "file_kb": path.stat().st_size // 1024, "refusal_s": float(secs) if secs else None,
                     "wall_s": round(time.perf_counter() - start, 1), "peak_rss_mb": int(rss) if rss else None,
                     "outcome": outcome})
        print(f"{name}: {rows[-1]}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", choices=["questions", "bombs"])
    p.add_argument("--repeat", type=int, default=2, help="runs per question; the last is reported (default 2)")
    p.add_argument("--cap", type=float, default=120.0, help="seconds before a bomb read is killed (default 120)")
    p.add_argument("--out", type=Path, default=RESULTS / "redteam.json")
    args = p.parse_args(argv)
    result: dict = {"created": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                    "python": platform.python_version()}
    try:
        result["git_sha"] = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                           cwd=ROOT).stdout.strip()
    except OSError:
        pass
    if args.only in (None, "bombs"):  # first, while this process is small (a child's peak RSS starts from ours)
        result["bombs"] = bench_bombs(ROOT / ".cache" / "bench" / "redteam", args.cap)
    if args.only in (None, "questions"):
        result["questions"] = bench_questions(args.repeat)
    result["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
