"""A logging handler that keeps the fallback's support records (the log records carrying ``support``), for the
tuning scripts that replay the fallback's refusal threshold (eval/fallback_support.py,
bench/sentence_similarity.py)."""

from __future__ import annotations

import logging

LOGGER = "assistant.answer.compose"  # where the retrieval-only answer logs its support decision


class SupportCapture(logging.Handler):
    """Collects every log record with a ``support`` attribute (the retrieval-only answer's decision)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "support"):
            self.records.append(record)

    def __enter__(self) -> SupportCapture:
        """Attached to the composer's logger at DEBUG (its level put back on exit)."""
        self._log = logging.getLogger(LOGGER)
        self._level = self._log.level
        self._log.addHandler(self)
        self._log.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc) -> None:
        self._log.removeHandler(self)
        self._log.setLevel(self._level)
