"""规划问答 page: a thin Gradio adapter over ``Assistant`` (chat, indicators, outline, upload) plus a small API.

    python app.py [--host 0.0.0.0] [--port 7860] [--concurrency 4] [--corpus FOLDER] [--users FILE] [--no-auth]

The page listens at once; while the model loads and the index builds it shows the progress, and questions get
"正在建立索引…" until it is ready. Public API (gradio_client): /ask(question, docs=None, history=None) -> the
`assistant ask --json` object, /indicators(doc=None) -> rows, /outline(doc=None) -> text, /upload(file) -> report
text. Everything else lives in assistant/web/: handlers (what each event calls), page (layout and wiring),
render and views (pure HTML and tables), examples (questions from the corpus served), i18n, style.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry, no version check
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def _own_gradio_temp() -> Path | None:
    """Gradio's scratch folder under the data folder (set before gradio is imported, which reads it once); None
    when GRADIO_TEMP_DIR was set by someone else (that folder is never emptied here)."""
    if os.environ.get("GRADIO_TEMP_DIR"):
        return None
    try:
        from assistant.config import load_settings

        folder = load_settings().gradio_temp_dir
    except Exception:  # noqa: BLE001 - a bad setting is reported by main(); the default folder meanwhile
        folder = ROOT / "data" / "gradio-tmp"
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


GRADIO_TEMP = _own_gradio_temp()

from assistant.errors import AssistantError  # noqa: E402
from assistant.feedback import FeedbackStore  # noqa: E402

log = logging.getLogger("app")

# One answer takes ~10-100 ms of CPU. On 2 cores, 2 per core keep both busy while one waits on the GIL or
# the queue; more only lengthen each answer (bench/load_bench.py: 1 -> 19.5, 4 -> 23.4, 8 -> 22.6 req/s).
# The page and /ask share this limit. Uploads re-index and run one at a time. The queue holds at most
# QUEUE_MAX waiting requests, so an overload is refused quickly instead of growing without bound.
ANSWER_CONCURRENCY = 4
QUEUE_MAX = 256
PER_CLIENT = 1  # answers one client (login name, else session) may have running at once


def build_demo(assistant, feedback: FeedbackStore | None = None, concurrency: int = ANSWER_CONCURRENCY,
               per_client: int = PER_CLIENT, auth_on: bool = False, settings=None):
    """The whole page (a gr.Blocks) over ``assistant``: an open Assistant, or a BackgroundOpen still opening one
    (then ``settings`` too). ``concurrency`` bounds the answers computed at once, page and /ask together;
    ``per_client`` the answers one client may have running at once. The handlers it wires up are
    ``demo.handlers``."""
    from assistant.web.handlers import PageHandlers
    from assistant.web.page import build_page

    handlers = PageHandlers(assistant, settings, feedback, per_client=per_client, auth_on=auth_on)
    demo = build_page(handlers, concurrency)
    demo.handlers = handlers
    return demo


def launch_address(args, settings, env) -> dict:
    """server_name/server_port only when chosen explicitly (flag, ASSISTANT_HOST/PORT, assistant.toml);
    otherwise gradio decides, which honours GRADIO_SERVER_NAME/PORT and defaults to 127.0.0.1:7860."""
    from assistant.config import Settings

    out: dict = {}
    if args.host:
        out["server_name"] = args.host
    elif env.get("ASSISTANT_HOST") or settings.host != Settings.host:
        out["server_name"] = settings.host
    if args.port:
        out["server_port"] = args.port
    elif env.get("ASSISTANT_PORT") or settings.port != Settings.port:
        out["server_port"] = settings.port
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="规划问答 page")
    p.add_argument("--host", help="address to listen on (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860)")
    p.add_argument("--corpus", type=Path, help="folder of plans (default: ASSISTANT_CORPUS or the bundled corpus/)")
    p.add_argument("--index", type=Path, help="index folder (default: derived from the corpus)")
    p.add_argument("--model", help="embedding model folder (default: the built e5 model)")
    p.add_argument("--concurrency", type=int, default=ANSWER_CONCURRENCY,
                   help=f"answers computed at once (default {ANSWER_CONCURRENCY})")
    p.add_argument("--users", type=Path, help="users file (default: <data folder>/users.toml); "
                   "write it with `assistant user add NAME`")
    p.add_argument("--no-auth", action="store_true",
                   help="serve beyond loopback without login (only behind something that authenticates)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p.parse_args(argv)


def access_settings(args, settings, address: dict, env) -> dict:
    """Gradio's auth for launch(): login when a users file exists; refused (ConfigError) when the page would be
    reachable beyond loopback without login, unless --no-auth."""
    from assistant.access import authenticator, is_loopback, load_users
    from assistant.errors import ConfigError

    users = load_users(args.users or settings.users_file)
    host = address.get("server_name") or env.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    if users:
        return {"auth": authenticator(users), "auth_message": "规划问答：请登录 / please log in"}
    if not is_loopback(host) and not args.no_auth:
        raise ConfigError(f"拒绝在 {host} 上无登录地提供页面 / refusing to serve on {host} without login: add users "
                          f"with `assistant user add NAME` (file {args.users or settings.users_file}), or pass "
                          "--no-auth if something in front of the page already authenticates")
    return {}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from assistant.logs import setup_logging

    setup_logging(args.verbose, fmt="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.access import empty_folder
    from assistant.config import load_settings
    from assistant.pipeline import Assistant
    from assistant.startup import BackgroundOpen
    from assistant.web.page import launch_options

    try:
        settings = load_settings(corpus=args.corpus, index=args.index, model=args.model)
        address = launch_address(args, settings, os.environ)
        auth = access_settings(args, settings, address, os.environ)
    except AssistantError as e:
        print(f"错误 / error: {e}", file=sys.stderr)
        return 2
    if GRADIO_TEMP is not None:
        GRADIO_TEMP.mkdir(parents=True, exist_ok=True)
        log.info("emptied gradio's scratch folder %s (%d entries)", GRADIO_TEMP, empty_folder(GRADIO_TEMP))
    # the page listens at once; the model loads and the index builds meanwhile (progress on the page)
    opening = BackgroundOpen(lambda report: Assistant.open(settings, progress=True, report=report)).start()
    concurrency = max(1, args.concurrency)
    demo = build_demo(opening, concurrency=concurrency, auth_on=bool(auth), settings=settings)
    demo.queue(default_concurrency_limit=concurrency, max_size=QUEUE_MAX)
    demo.launch(**launch_options(settings.max_upload_mb), **address, **auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
