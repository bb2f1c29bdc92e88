"""How soon the page answers after `python app.py` starts on a fresh index (not a test).

Measures, from process start: the page listening (/gradio_api/info answers), the first build progress the page
reports, and the index ready (/outline no longer says "正在建立索引"). Writes bench/results/page_start.json.

    python bench/page_start.py                  # real model if models/multilingual-e5-small exists
    python bench/page_start.py --model hashing  # the fast fake embedder
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
REAL_MODEL = ROOT / "models" / "multilingual-e5-small"


def main(argv: list[str] | None = None) -> int:
    from conftest import AppServer
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=None, help="embedding model (default: the built e5 model)")
    p.add_argument("--timeout", type=float, default=900.0)
    args = p.parse_args(argv)
    model = args.model or (str(REAL_MODEL) if REAL_MODEL.exists() else "hashing")
    with tempfile.TemporaryDirectory() as tmp:
        srv = AppServer(Path(tmp), model=model)
        log = open(Path(tmp) / "app.log", "wb")  # noqa: SIM115 - kept open for the child's lifetime
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=tmp, env=srv.environment(),
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        times: dict[str, float] = {}
        progress: list[str] = []
        try:
            while time.monotonic() - start < args.timeout:
                try:
                    urllib.request.urlopen(srv.url + "gradio_api/info", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            times["listening_s"] = time.monotonic() - start
            client = Client(srv.url, verbose=False)
            while time.monotonic() - start < args.timeout:
                try:
                    client.predict(api_name="/outline")
                    break
                except AppError as e:
                    if "正在建立索引" not in str(e):
                        raise
                    if not progress or progress[-1] != str(e):
                        progress.append(str(e))
                    time.sleep(0.5)
            times["ready_s"] = time.monotonic() - start
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(20)
            log.close()
    out = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "model": model,
           "machine": {"cpus": os.cpu_count(), "load_1min": os.getloadavg()[0], "python": platform.python_version()},
           **{k: round(v, 1) for k, v in times.items()}, "progress_seen": progress}
    path = ROOT / "bench" / "results" / "page_start.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
