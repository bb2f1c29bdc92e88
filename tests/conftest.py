"""What the tests share: paths and small plans, the bundled corpus indexed once per session with the fake embedder
(and writable copies of it), the page module, and ``python app.py`` run as a subprocess (the slow API tests, the
browser tests and bench/load_bench.py).

A subprocess server gets a free loopback port, the fake embedder (unless told otherwise) and its own index, uploads
folder and feedback file under a temporary folder, so tests never touch the real ones.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
CORPUS = ROOT / "corpus"  # the two bundled plans
PLANS = Path(__file__).resolve().parent / "data" / "plans"  # small hand-written plans (GBK, markdown, 片 layout)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SLOW_TIMEOUT = 1800  # seconds for a `slow` or `browser` test (the real model, a subprocess app, Chromium); the
#                      default for every other test is `timeout` in pyproject.toml

TINY_PLAN = """测试区“十四五”蓝莓产业发展规划

第一章 发展目标

到2025年，测试区建成西南地区最大的蓝莓种植基地，蓝莓种植面积达到8000亩。

第二章 重点项目

一、蓝莓深加工产业园

建设蓝莓深加工产业园，总投资12亿元，2024年建成投产。
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if (item.get_closest_marker("slow") or item.get_closest_marker("browser")) \
                and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


@pytest.fixture(autouse=True)
def handler_errors_raise(monkeypatch):
    """In the tests a handler's exception fails the test; the product logs and skips it (compose._run)."""
    from assistant.answer import compose

    monkeypatch.setattr(compose, "RAISE_HANDLER_ERRORS", True)


# ------------------------------------------------------------------ small helpers


def assert_public_endpoints(api: dict) -> None:
    """The page's public API, as Gradio describes it in process (``demo.get_api_info()``) and over HTTP
    (``gradio_client``'s ``view_api``): exactly these endpoints with these parameters."""
    assert sorted(api["named_endpoints"]) == ["/ask", "/indicators", "/outline", "/upload"]
    assert api["unnamed_endpoints"] == {}
    ask = api["named_endpoints"]["/ask"]["parameters"]
    assert [p["parameter_name"] for p in ask] == ["question", "docs", "history"]
    assert [p["parameter_has_default"] for p in ask] == [False, True, True]
    assert [p["parameter_name"] for p in api["named_endpoints"]["/upload"]["parameters"]] == ["file"]
    assert [p["parameter_has_default"] for p in api["named_endpoints"]["/indicators"]["parameters"]] == [True]


def parsed_plan(text: str, doc_id: str):
    """A hand-written plan parsed as a .txt upload, its first line the title (no index, no model)."""
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, text.split("\n", 1)[0]))


def write_plan(folder: Path, name: str = "blueberry_plan.txt", text: str = TINY_PLAN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def document_texts(doc) -> list[str]:
    """Every text a parsed Document holds (paragraphs of every section, table titles, headers, cells and notes,
    and 专栏 titles), for the parser's nothing-lost checks."""
    out = [p.text for s in doc.sections for p in s.paragraphs]
    for t in doc.tables:
        out.append(t.title)
        out.extend(t.header)
        out.extend(c for row in t.rows for c in row)
        out.extend(t.notes)
    out.extend(b.title for b in doc.boxes)
    return out


def _key(text: str) -> str:
    return re.sub(r"<br\s*/?>|[\s*#_`>\\|]", "", text)


def accounted_lines(docs, text_lines: list[str]) -> list[tuple[int, str]]:
    """Lines of a file that none of its parsed documents accounts for: each non-blank line must be the title,
    a heading, inside a table or box, part of a paragraph (a sentence cut by a page break is joined to the one
    before), or kept aside as chrome (metadata), a contents line or a repeat of a kept paragraph."""
    aside: set[int] = set()
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    heads: dict[int, list[str]] = {}
    for d in docs:
        aside.update(p.lineno for p in (*d.chrome, *d.toc, *d.repeats))
        spans.extend((t.line_start, t.line_end) for t in d.tables)
        spans.extend((b.line_start, b.line_end) for b in d.boxes)
        pieces.extend(_key(t) for t in document_texts(d))
        for s in d.sections:
            if s.kind == "title":
                aside.add(s.line_start)
            elif not s.inferred and s.kind not in ("front", "table", "box"):
                heads.setdefault(s.line_start, []).append(_key(s.title))
                pieces.append(_key(s.title))  # a heading spelt over two lines (附件 / its title)
    whole = "\n".join(pieces)
    missing = []
    for lineno, line in enumerate(text_lines, 1):
        k = _key(line)
        if not k or lineno in aside or any(a <= lineno <= b for a, b in spans):
            continue
        if lineno in heads:
            rest = k
            for title in heads[lineno]:
                at = rest.find(title)
                rest = rest[at + len(title):] if at >= 0 else rest
            if not rest.lstrip("。：:") or rest.lstrip("。：:") in whole:
                continue
        if k in whole:
            continue
        if line.lstrip().startswith("|") and all(_key(c) in whole for c in line.strip().strip("|").split("|")
                                                 if not re.fullmatch(r"\s*:?-+:?\s*", c)):
            continue  # a row of a pipe table: every cell is kept
        missing.append((lineno, line[:40]))
    return missing


def load_app():
    """The page module (app.py sits at the project root, outside the package)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import app

    return app


# ------------------------------------------------------------------ the bundled corpus, indexed once


def hashing_settings(root: Path, corpus: Path = CORPUS, **changes):
    """Settings for ``corpus`` with the index and uploads under ``root`` and the fake embedder; no config file."""
    from assistant.config import load_settings

    return load_settings(env={}, corpus=corpus, index=root / "index", uploads=root / "uploads", model="hashing",
                         **changes)


def plans_assistant(root: Path, plans: dict[str, str]):
    """An ``Assistant`` over ``plans`` (file name -> plan text) written to root/corpus, indexed with the fake
    embedder: the set-up of every test module that asks questions of its own small hand-written plans."""
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    for name, text in plans.items():
        write_plan(root / "corpus", name, text)
    settings = hashing_settings(root, root / "corpus")
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


def copied_settings(root: Path, source: Path = CORPUS, **changes):
    """``hashing_settings`` over a writable copy of the plans in ``source`` (root/corpus)."""
    shutil.copytree(source, root / "corpus")
    return hashing_settings(root, root / "corpus", **changes)


def plan_assistant(root: Path, text: str, name: str = "plan.txt"):
    """An Assistant (fake embedder) over one hand-written plan written to root/corpus."""
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    write_plan(root / "corpus", name, text)
    return Assistant.open(hashing_settings(root, root / "corpus"), embedder=HashingEmbedder())


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory):
    """The bundled corpus, indexed once per session with the fake embedder. Read-only: tests that add plans or
    rebuild take ``corpus_copy``."""
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index

    settings = hashing_settings(tmp_path_factory.mktemp("bundled"))
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return settings


@pytest.fixture(scope="session")
def assistant(bundled_settings):
    """An Assistant over the bundled corpus (fake embedder), shared by every test that only asks."""
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    return Assistant.open(bundled_settings, embedder=HashingEmbedder(), rebuild=False)


@pytest.fixture()
def corpus_copy(tmp_path, bundled_settings):
    """Settings over a writable copy of the bundled corpus and of its built index (uploads limited to 1 MB)."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(bundled_settings.index_dir, tmp_path / "index")
    return hashing_settings(tmp_path, tmp_path / "corpus", max_upload_mb=1)


# ------------------------------------------------------------------ app.py as a subprocess


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``with AppServer(tmp) as app: app.url``; starts on enter (bounded wait), stops on exit (terminate, kill)."""

    def __init__(self, workdir: Path, model: str | None = "hashing", args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None, timeout: float = 120.0):
        self.workdir = Path(workdir)
        self.model = model
        self.args = args
        self.extra_env = env or {}
        self.timeout = timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = self.workdir / "app.log"
        self.feedback_path = self.workdir / "feedback.sqlite"
        self.uploads_dir = self.workdir / "uploads"
        self.proc: subprocess.Popen | None = None

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "GRADIO_"))}
        env.update({
            "GRADIO_SERVER_PORT": str(self.port), "GRADIO_SERVER_NAME": "127.0.0.1",
            "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "ASSISTANT_CONFIG": str(self.workdir / "no-config.toml"),
            "ASSISTANT_INDEX": str(self.workdir / "index"), "ASSISTANT_UPLOADS": str(self.uploads_dir),
            "ASSISTANT_FEEDBACK": str(self.feedback_path), "PYTHONUNBUFFERED": "1",
            "ASSISTANT_DATA_DIR": str(self.workdir / "data"),  # users, gradio's scratch folder: per server
        })
        if self.model:
            env["ASSISTANT_MODEL"] = self.model
        env.update(self.extra_env)
        return env

    def start(self) -> AppServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")  # noqa: SIM115 - kept open for the child's lifetime
        self.proc = subprocess.Popen([sys.executable, str(APP), *self.args], cwd=self.workdir, env=self.environment(),
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode} before serving:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "gradio_api/info", timeout=2) as r:
                    if r.status == 200 and self.index_ready():
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"app.py did not serve {self.url} within {self.timeout:.0f} s:\n{self.log_tail()}")

    def index_ready(self) -> bool:
        """The page listens before its index is built; until then /outline says "正在建立索引"."""
        from gradio_client import Client
        from gradio_client.exceptions import AppError

        try:
            Client(self.url, verbose=False).predict(api_name="/outline")
        except AppError as e:
            if "正在建立索引" in str(e):
                return False
            raise
        return True

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
