"""Answer feedback (helpful / not helpful + an optional comment) kept in a small SQLite file.

The page records what staff thought of an answer so the gold set and the rules can be improved from real use.
One row per feedback; WAL mode and one transaction per insert, so a crash loses at most the row being written
and readers never block the page. Safe to share one store between the page's worker threads.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .config import PROJECT_ROOT

DEFAULT_PATH = PROJECT_ROOT / "data" / "feedback.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at     TEXT    NOT NULL,
    question       TEXT    NOT NULL,
    answer         TEXT    NOT NULL,
    helpful        INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment        TEXT    NOT NULL DEFAULT '',
    citations_json TEXT    NOT NULL DEFAULT '[]',
    user           TEXT    NOT NULL DEFAULT ''
)
"""


def default_path(env: dict[str, str] | None = None) -> Path:
    """ASSISTANT_FEEDBACK, else <ASSISTANT_DATA_DIR>/feedback.sqlite, else <project>/data/feedback.sqlite."""
    env = os.environ if env is None else env
    if env.get("ASSISTANT_FEEDBACK"):
        return Path(env["ASSISTANT_FEEDBACK"]).expanduser()
    if env.get("ASSISTANT_DATA_DIR"):
        return Path(env["ASSISTANT_DATA_DIR"]).expanduser() / "feedback.sqlite"
    return DEFAULT_PATH


@dataclass(frozen=True)
class Feedback:
    id: int
    created_at: str
    question: str
    answer: str
    helpful: bool
    comment: str
    citations_json: str
    user: str = ""


class FeedbackStore:
    """Nothing is created until the first ``add`` or ``recent``; then the folder, file and table are made."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a saved feedback survives a power cut, not only a crash
            conn.execute(_SCHEMA)
            if "user" not in {r[1] for r in conn.execute("PRAGMA table_info(feedback)")}:  # a store from before
                conn.execute("ALTER TABLE feedback ADD COLUMN user TEXT NOT NULL DEFAULT ''")
            self._conn = conn
        return self._conn

    def add(self, question: str, answer: str, helpful: bool, comment: str = "", citations_json: str = "[]",
            user: str = "") -> int:
        """Store one feedback in its own transaction; returns its id. ``user`` is who gave it (the login name,
        or empty without login)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    "INSERT INTO feedback (created_at, question, answer, helpful, comment, citations_json, user) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (now, str(question), str(answer), int(bool(helpful)), str(comment or ""),
                     str(citations_json or "[]"), str(user or "")),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return int(cur.lastrowid)

    def recent(self, n: int = 20) -> list[Feedback]:
        """The ``n`` newest feedbacks, newest first."""
        with self._lock:
            rows = self._connect().execute(
                "SELECT id, created_at, question, answer, helpful, comment, citations_json, user FROM feedback "
                "ORDER BY id DESC LIMIT ?", (max(0, int(n)),)).fetchall()
        return [Feedback(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
