"""A logging handler that keeps the fallback's support records (the log records carrying ``support``), for the
tuning scripts that replay the fallback's refusal threshold (eval/fallback_support.py,
bench/sentence_similarity.py)."""

from __future__ import annotations

import logging


class SupportCapture(logging.Handler):
    """Collects every log record with a ``support`` attribute (the retrieval-only answer's decision)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "support"):
            self.records.append(record)
