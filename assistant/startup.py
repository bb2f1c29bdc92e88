"""Open the Assistant in the background so the page can listen at once: while the model loads and the index
builds, ``status()`` says how far it is and ``get()`` raises IndexNotReady with that message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .errors import AssistantError, IndexNotReady

log = logging.getLogger(__name__)

LOADING, BUILDING, READY, FAILED = "loading", "building", "ready", "failed"


@dataclass(frozen=True)
class BuildStatus:
    """Where opening stands: ``fraction`` of the build done (0..1) and the stage's message."""

    state: str
    fraction: float = 0.0
    message: str = ""
    error: str | None = None

    @property
    def ready(self) -> bool:
        return self.state == READY

    def describe(self) -> str:
        """One line for a person: what is happening and what to do."""
        if self.state == READY:
            return "索引已就绪 / the index is ready"
        if self.state == FAILED:
            return f"索引建立失败 / the index could not be built: {self.error}"
        if self.state == LOADING:  # no fraction yet: the model loads before anything is built
            where, where_en = f"（{self.message}）" if self.message else "", ""
        else:
            pct = round(self.fraction * 100)
            where = f"（{pct}%：{self.message}）" if self.message else f"（{pct}%）"
            where_en = f" ({pct}%)"
        return (f"正在建立索引{where}，完成后即可提问，请稍候再试。"
                f" / The index is being built{where_en}; ask again shortly.")


class BackgroundOpen:
    """``BackgroundOpen(lambda report: Assistant.open(settings, report=report)).start()``; ``get()`` returns the
    Assistant once it is open. ``BackgroundOpen.of(assistant)`` wraps one that is already open."""

    def __init__(self, opener: Callable[[Callable[[float, str], None]], object]):
        self._opener = opener
        self._lock = threading.Lock()
        self._status = BuildStatus(LOADING, 0.0, "加载模型 / loading the model")
        self._assistant = None
        self._thread: threading.Thread | None = None

    @classmethod
    def of(cls, assistant) -> BackgroundOpen:
        done = cls(lambda report: assistant)
        done._assistant, done._status = assistant, BuildStatus(READY, 1.0)
        return done

    def start(self) -> BackgroundOpen:
        if self._thread is None and self._assistant is None:
            self._thread = threading.Thread(target=self.run, name="index-build", daemon=True)
            self._thread.start()
        return self

    def run(self) -> None:
        """Open (building as needed) in the calling thread; ``start`` runs this in a background thread."""
        try:
            assistant = self._opener(self._report)
        except AssistantError as e:
            self._set(BuildStatus(FAILED, self._status.fraction, self._status.message, str(e)))
            log.error("opening the index failed: %s", e)
            return
        except Exception as e:  # noqa: BLE001 - reported on the page and in the log, never silently
            self._set(BuildStatus(FAILED, self._status.fraction, self._status.message, f"{type(e).__name__}: {e}"))
            log.exception("opening the index failed")
            return
        with self._lock:
            self._assistant, self._status = assistant, BuildStatus(READY, 1.0)
        log.info("index ready")

    def _report(self, fraction: float, message: str) -> None:
        self._set(BuildStatus(BUILDING, max(0.0, min(1.0, float(fraction))), message))

    def _set(self, status: BuildStatus) -> None:
        with self._lock:
            self._status = status

    def status(self) -> BuildStatus:
        with self._lock:
            return self._status

    def join(self, timeout: float | None = None) -> BuildStatus:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.status()

    @property
    def assistant(self):
        """The open Assistant, or None while opening (or after it failed)."""
        with self._lock:
            return self._assistant

    def get(self):
        """The open Assistant; IndexNotReady (with the progress) while opening, IndexError_ if opening failed."""
        with self._lock:
            assistant, status = self._assistant, self._status
        if assistant is not None:
            return assistant
        if status.state == FAILED:
            from .errors import IndexError_

            raise IndexError_(status.describe())
        raise IndexNotReady(status.describe())
