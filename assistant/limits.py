"""Limits on the work one request or one file may cause. Pure: checks that raise, no I/O.

Every limit is a setting (config.Settings, ASSISTANT_<NAME>); every refusal names the limit, the value found,
and what to do. README "Limits" lists them all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import DocumentError, InputError


@dataclass(frozen=True)
class RequestLimits:
    """One question: its length after normalisation, the history kept for follow-ups, and a time budget."""

    max_question_chars: int = 2000
    max_history_turns: int = 8  # the most recent turns are kept; follow-up chains in real use are 1-3 long
    max_turn_chars: int = 2000  # of each kept turn's question and answer (its head is what resolution reads)
    # CPU seconds of the answering thread (time.thread_time), so waiting for a core under load does not count;
    # after this, the remaining answer attempts are skipped and the answer is retrieval only
    answer_budget_s: float = 0.4

    @classmethod
    def from_settings(cls, settings) -> RequestLimits:
        return cls(settings.max_question_chars, settings.max_history_turns, settings.max_turn_chars,
                   settings.answer_budget_s)

    def deadline(self) -> float:
        """A time.thread_time() value (this thread's CPU time) after which the answer degrades."""
        return time.thread_time() + self.answer_budget_s


@dataclass(frozen=True)
class ReadLimits:
    """One file: what a plan may unpack to and add to the index."""

    max_unpacked_mb: int = 60  # .docx: all zip members together, inflated (images included)
    max_xml_mb: int = 15  # .docx: its XML parts, inflated (they are parsed in memory, ~25x their size)
    max_zip_members: int = 1000  # .docx: number of zip members
    max_text_chars: int = 300_000  # extracted text of one plan (the longest real plan here has ~37,000)
    max_pdf_pages: int = 600
    max_chunks_per_plan: int = 2000  # passages one plan may add to the index (a real plan makes ~100-200)

    @classmethod
    def from_settings(cls, settings) -> ReadLimits:
        return cls(settings.max_unpacked_mb, settings.max_xml_mb, settings.max_zip_members, settings.max_text_chars,
                   settings.max_pdf_pages, settings.max_chunks_per_plan)


def too_large(what: str, found: int, limit: int, setting: str, path: str | None = None) -> DocumentError:
    """The refusal for a file over one limit: which limit, the value found, and what to do."""
    return DocumentError(
        f"文件超出限制 / over the limit on {what}: found {found:,}, the limit is {limit:,} "
        f"(setting {setting}, env ASSISTANT_{setting.upper()}). Split the plan into smaller files, remove "
        "images or embedded objects, or ask the administrator to raise the limit.", path)


def check_question_length(question: str, limits: RequestLimits) -> None:
    if len(question) > limits.max_question_chars:
        raise InputError(f"问题过长 / the question is too long: {len(question)} characters; the limit is "
                         f"{limits.max_question_chars} (setting max_question_chars). "
                         "Please ask a shorter, single question.")
