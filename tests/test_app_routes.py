"""Every page handler is safe as it stands: the private ones (not in view_api) can be called by name or fn_index
with anything, so each function the page wires up (found in demo.fns: nothing routed may escape) is called here
with inputs of every wrong kind; the rest call PageHandlers' methods directly; and access rules at launch."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from conftest import AppServer, copied_settings, load_app

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.feedback import FeedbackStore
from assistant.index.embed import HashingEmbedder
from assistant.pipeline import Assistant
from assistant.web.handlers import INTERNAL_ERROR, MAX_TURNS_SHOWN

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
JUNK = [None, 7, True, -1.5, "x" * 100_000, ["a", 1, None], {"question": 1}, [{"question": [1], "answer": 2}],
        "../../etc/passwd", "/etc/passwd"]
API = {"ask", "indicators", "outline", "upload"}


@pytest.fixture(scope="module")
def demo_and_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("routes")
    settings = copied_settings(tmp)
    app = load_app()
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    return app.build_demo(assistant, feedback=FeedbackStore(tmp / "fb.sqlite")), app, assistant


def _private_fns(demo):
    return [f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") not in API]


def test_every_private_handler_answers_junk_with_a_clear_result(demo_and_app):
    import gradio as gr

    demo, app, assistant = demo_and_app
    fns = _private_fns(demo)
    assert {"respond", "on_example", "on_like", "on_upload", "on_delete", "indicator_views", "on_section"} <= {
        f.__name__ for f in fns}
    for fn in fns:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.name not in ("request", "progress") and p.default is inspect.Parameter.empty]
        for junk in JUNK:
            try:
                out = fn(*[junk] * len(params))
            except gr.Error:
                continue  # a clear message to the caller
            text = str(out)
            assert INTERNAL_ERROR not in text, (fn.__name__, str(junk)[:40])
            assert "root:" not in text and "Traceback" not in text, (fn.__name__, str(junk)[:40])
    assert len(assistant.doc_ids) == 2 and not assistant.uploads()  # nothing was added or removed


def test_respond_keeps_limits_and_one_answer_per_client(demo_and_app):
    demo, app, assistant = demo_and_app
    respond = demo.handlers.respond
    _, messages, turns = respond("高新区外资", ["gaoxin"], [{"bogus": 1}, "x", 5])
    assert len(turns) == 1 and not turns[0]["error"]  # malformed turns are dropped, not trusted
    _, messages, turns = respond("哪" * 3000, ["gaoxin"], turns)
    assert turns[-1]["error"] and "问题过长" in turns[-1]["answer"]
    many = [dict(turns[0]) for _ in range(500)]
    _, messages, turns = respond("那渝中区呢？", ["gaoxin", "yuzhong"], many)
    assert len(turns) == MAX_TURNS_SHOWN


def test_upload_handler_reads_only_gradios_own_files(demo_and_app, tmp_path):
    demo, app, assistant = demo_and_app
    on_upload = demo.handlers.on_upload
    outside = tmp_path / "plan.txt"
    outside.write_text((CORPUS / "gaoxin_open_highland_14th_fyp.txt").read_text(encoding="utf-8"))
    report = on_upload(str(outside), None, progress=lambda *a, **k: None)[0]
    assert "not a file uploaded to this page" in report and outside.exists()


def test_beyond_loopback_needs_login_unless_no_auth(tmp_path):
    from assistant.access import save_user

    app = load_app()
    settings = load_settings(tmp_path / "none.toml", env={"ASSISTANT_DATA_DIR": str(tmp_path / "d")})
    args = app.parse_args(["--host", "0.0.0.0"])
    address = app.launch_address(args, settings, {})
    with pytest.raises(ConfigError, match="refusing to serve on 0.0.0.0 without login.*--no-auth"):
        app.access_settings(args, settings, address, {})
    assert app.access_settings(app.parse_args(["--host", "0.0.0.0", "--no-auth"]), settings, address, {}) == {}
    assert app.access_settings(app.parse_args([]), settings, {}, {}) == {}  # loopback: no login needed
    with pytest.raises(ConfigError):
        app.access_settings(app.parse_args([]), settings, {}, {"GRADIO_SERVER_NAME": "0.0.0.0"})
    save_user(settings.users_file, "alice", "correct horse")
    auth = app.access_settings(args, settings, address, {})["auth"]
    assert auth("alice", "correct horse") and not auth("alice", "nope")


@pytest.mark.slow
def test_private_routes_by_fn_index_over_http(tmp_path):
    """Every fn_index view_api does not list, called over HTTP with junk: an error event or a clear result, and
    the server keeps answering."""
    import httpx
    from gradio_client import Client

    with AppServer(tmp_path / "srv") as srv:
        client = Client(srv.url, verbose=False)
        listed = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
        config = httpx.get(srv.url + "config", timeout=30).json()
        private = [d for d in config["dependencies"] if "/" + str(d.get("api_name")) not in listed]
        assert private
        for d in private:
            data = [None] * len(d.get("inputs", []))
            r = httpx.post(srv.url + "gradio_api/queue/join", timeout=30,
                           json={"data": data, "fn_index": d["id"], "session_hash": "redteam", "event_data": None})
            assert r.status_code < 500, (d.get("api_name"), r.text[:200])
        got = client.predict("高新区2025年外贸进出口总额目标是多少？", api_name="/ask")
        assert got["answer"]
        # gradio itself rejects some junk before any handler runs (it logs that); no frame of ours may fail
        log = srv.log_tail(2000)
        ours = [ln for ln in log.splitlines() if ln.strip().startswith("File ") and ("app.py" in ln or "/assistant/" in ln)]
        assert not ours, "\n".join(ours)
