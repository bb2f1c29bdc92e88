"""The Assistant facade: open (or build) the index once, then answer questions. The CLI and the page use only this."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import replace

from assistant.index.chunk import ChunkSettings
from assistant.index.retrieve import HybridRetriever, RetrievalSettings

from .config import Settings
from .errors import InputError
from .limits import RequestLimits, check_question_length
from .types import Answer, Document, Hit, Turn

MAX_TURN_RECORDS = 4096

log = logging.getLogger(__name__)


def history_turns(history, limits: RequestLimits | None = None) -> list[tuple[str, str]]:
    """Earlier (question, answer) turns from {"question", "answer"} dicts, (q, a) pairs, gradio message dicts
    ({"role", "content"}) or plain question strings. Only the most recent ``max_history_turns`` turns are kept,
    each question and answer cut to its first ``max_turn_chars`` characters: that is all follow-up resolution
    reads, and it bounds the work a request can cause. Anything but a list of those is an InputError."""
    limits = limits or RequestLimits()
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise InputError(f"history 需要是列表 / history must be a list of {{question, answer}} objects, "
                         f"got {type(history).__name__}")
    cut = limits.max_turn_chars
    out: list[tuple[str, str]] = []
    for i, h in enumerate(history[-2 * limits.max_history_turns:]):  # message dicts take two entries a turn
        q, a = None, ""
        if isinstance(h, dict):
            if "role" in h:
                if h.get("role") == "user":
                    q = h.get("content")
                elif h.get("role") == "assistant" and out:
                    out[-1] = (out[-1][0], _text(h.get("content"), "content", i)[:cut])
                    continue
            else:
                q, a = h.get("question"), h.get("answer")
        elif isinstance(h, (list, tuple)) and h:
            q, a = h[0], (h[1] if len(h) > 1 else "")
        elif isinstance(h, str):
            q = h
        else:
            raise InputError(f"history 第 {i + 1} 项格式不对 / history item {i + 1} must be a {{question, answer}} "
                             f"object, got {type(h).__name__}")
        q, a = _text(q, "question", i), _text(a, "answer", i)
        if q.strip():
            out.append((q[:cut], a[:cut]))
    return out[-limits.max_history_turns:]


def _text(value, field: str, i: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"history 第 {i + 1} 项的 {field} 需要是文字 / history item {i + 1}: {field} must be a "
                         f"string, got {type(value).__name__}")
    return str(value)


def check_question(question, limits: RequestLimits | int) -> str:
    """The question as given, if it is a non-empty string within the length limit (after normalisation, which is
    what the engine reads); else an InputError saying what is wrong. Needs no model: callers check first."""
    from assistant.answer.understand import normalise_question

    if isinstance(limits, int):
        limits = RequestLimits(max_question_chars=limits)
    if question is not None and not isinstance(question, str):
        raise InputError(f"问题需要是文字 / the question must be a string, got {type(question).__name__}: "
                         "please type a question about the plans")
    if not question or not question.strip():
        raise InputError("问题为空 / the question is empty: please type a question about the plans")
    if len(question) > 4 * limits.max_question_chars:  # not worth normalising
        check_question_length(question, limits)
    normalised = normalise_question(question)
    if not normalised:
        raise InputError("问题为空 / the question has no readable text: please type a question about the plans")
    check_question_length(normalised, limits)
    return question


class Assistant:
    """Thread-safe for concurrent ``ask`` calls; ``refresh`` swaps in a new index between requests."""

    _warm = None  # the build a question has been answered from

    def __init__(self, settings: Settings, embedder, built, dense, sparse):
        self.settings = settings
        self.embedder = embedder
        self._lock = threading.RLock()
        # the engine's own record of the turns it answered, keyed by the conversation up to that turn as the
        # history hands it back ((question, answer) pairs), so a follow-up never re-reads rendered text
        self._turns: OrderedDict[tuple[tuple[str, str], ...], Turn] = OrderedDict()
        self._install(built, dense, sparse)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: Settings, embedder=None, progress: bool = False, rebuild: bool = True,
             report=None) -> Assistant:
        """Load the index for ``settings.corpus`` (building it when missing, stale or damaged).
        ``report(fraction, message)`` follows a build (parse, embed, index) for a progress display."""
        from assistant.index.embed import load_embedder
        from assistant.index.indexer import open_index

        embedder = embedder or load_embedder(settings)
        if callable(preload := getattr(embedder, "preload", None)):
            preload()  # the query model loads while the index does
        built, dense, sparse = open_index(settings.sources, settings.index_dir, embedder,
                                          ChunkSettings(settings.chunk_max_tokens), rebuild=rebuild,
                                          progress=progress, report=report)
        return cls(settings, embedder, built, dense, sparse)

    def _install(self, built, dense, sparse) -> None:
        from assistant.answer.homophones import Speller
        from assistant.text.tokenize import Tokenizer

        retr = RetrievalSettings(rrf_k=self.settings.rrf_k, dense_weight=self.settings.dense_weight,
                                 sparse_weight=self.settings.sparse_weight)
        retriever = HybridRetriever(built.chunks, dense, sparse, self.embedder, retr)
        tokenizer = Tokenizer(built.manifest.get("userdict", {}).get("terms", []))
        speller = Speller(lambda: [*sparse.vocabulary(), *tokenizer.terms], retriever.count, tokenizer.known, tokenizer.raw_words)
        with self._lock:
            self.built = built
            self.documents: tuple[Document, ...] = built.documents
            self.retriever = retriever
            self.tokenizer = tokenizer
            self.speller = speller
            self.build_id = built.manifest.get("build_id")

    def refresh(self, rebuild: bool = True, report=None) -> bool:
        """Re-open the index if the corpus or the live build changed. Returns True when a new build was swapped in."""
        from assistant.index.indexer import open_index
        from assistant.index.store import read_manifest

        manifest = read_manifest(self.settings.index_dir)
        built, dense, sparse = open_index(self.settings.sources, self.settings.index_dir, self.embedder,
                                          ChunkSettings(self.settings.chunk_max_tokens), rebuild=rebuild,
                                          report=report)
        if built.manifest.get("build_id") == self.build_id and manifest is not None:
            return False
        self._install(built, dense, sparse)
        return True

    def refresh_if_changed(self) -> bool:
        """Cheap check between requests: when another process (``assistant build``) switched the live build,
        load it. Never a half-read index: builds are complete before CURRENT points at them."""
        from assistant.index.store import current_build

        build = current_build(self.settings.index_dir)
        if build is None or build.name in (self.build_id, getattr(self, "_refused_build", None)):
            return False
        with self._lock:
            if build.name == self.build_id:  # another request switched meanwhile
                return False
            return self._switch_to_current()

    def _switch_to_current(self) -> bool:
        from assistant.index.store import load_build
        from assistant.text.tokenize import Tokenizer

        built, dense, sparse = load_build(self.settings.index_dir,
                                          lambda m: Tokenizer(m.get("userdict", {}).get("terms", [])))
        if built.manifest.get("model", {}).get("fingerprint") != self.embedder.fingerprint:
            log.warning("新索引使用了不同的模型，未切换 / the new index uses another model; not switching")
            self._refused_build = built.manifest.get("build_id")
            return False
        self._install(built, dense, sparse)
        log.info("switched to index build %s", self.build_id)
        return True

    def with_retrieval(self, **changes) -> Assistant:
        """A copy sharing the index but retrieving differently (mode='sparse' / 'dense', weights)."""
        other = object.__new__(Assistant)
        other.__dict__.update(self.__dict__)
        other._lock = threading.RLock()
        other._turns = OrderedDict()
        other.retriever = HybridRetriever(self.retriever.chunks, self.retriever.dense, self.retriever.sparse,
                                          self.embedder, replace(self.retriever.settings, **changes))
        return other

    # ------------------------------------------------------------------ asking

    @property
    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.documents]

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.doc_id == doc_id:
                return d
        raise InputError(f"未知文档 / unknown document {doc_id!r}; available: {self.doc_ids}")

    @property
    def limits(self) -> RequestLimits:
        return RequestLimits.from_settings(self.settings)

    def check_question(self, question: str) -> str:
        return check_question(question, self.limits)

    def check_docs(self, docs) -> tuple[str, ...]:
        if isinstance(docs, str):
            docs = [docs]
        if docs is not None and not isinstance(docs, (list, tuple)) or any(
                not isinstance(d, str) for d in docs or ()):
            raise InputError(f"docs 需要是规划编号的列表 / docs must be a list of plan ids (strings), got {docs!r:.80}; "
                             f"available: {self.doc_ids}")
        docs = tuple(d for d in (docs or ()) if d)
        unknown = [d for d in docs if d not in self.doc_ids]
        if unknown:
            raise InputError(f"未知文档 / unknown document id(s) {unknown}; available: {self.doc_ids}")
        return docs

    def resolve(self, question: str, history=None) -> str:
        """The question as the engine understands it, with the conversation folded in (for evaluation and
        debugging: "那渝中区呢？" -> "渝中区2025年外贸进出口总额目标是多少？")."""
        from assistant.answer.scope import plan_scopes
        from assistant.answer.understand import understand

        # the plans' texts as ask() reads them: a follow-up's sibling is found in its plan's text
        q = understand(self.speller.read(self.check_question(question)), history_turns(history, self.limits),
                       [d.meta for d in self.documents], self.tokenizer.tag,
                       plan_scopes(self.documents, self.tokenizer.tag))
        return q.resolved

    def search(self, question: str, k: int = 10, docs=None) -> list[Hit]:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 100:
            raise InputError(f"k 需要是 1 到 100 之间的整数 / k must be an integer from 1 to 100, got {k!r}")
        self.check_question(question)
        return self.retriever.search(self.speller.read(question), k, self.check_docs(docs) or None)

    def ask(self, question: str, history=None, docs=None, deadline: float | None = None) -> Answer:
        """Answer one question; ``history`` holds the earlier turns ({"question", "answer"} dicts). Past
        ``deadline`` (a ``time.thread_time()`` value: this thread's CPU time; by default the request budget of
        ``limits``) the answer comes from retrieval only."""
        from assistant.answer.compose import answer_question

        start = time.perf_counter()
        self.check_question(question)
        turns = history_turns(history, self.limits)
        try:  # another process (`assistant build`, an upload) may have switched the live index
            self.refresh_if_changed()
        except Exception as e:  # noqa: BLE001 - keep serving the index we have
            log.warning("新索引无法加载，继续使用当前索引 / cannot load the new index, keeping the current one: %s", e)
        docs = self.check_docs(docs)
        with self._lock:
            retriever, documents, tokenizer, speller = self.retriever, self.documents, self.tokenizer, self.speller
            pairs = tuple(turns)
            # our own record where we answered that turn after the same earlier turns
            turns = [self._turns.get(pairs[:i + 1], t) for i, t in enumerate(pairs)]
        tokenizer.tag("预热")  # jieba's dictionary loads once per index
        # the first question of a build fills its caches (idf, patterns, dictionaries): not its own cost
        if deadline is None and self._warm == self.build_id:
            deadline = self.limits.deadline()
        # a homophone typo (规化) is read as the plans' word (规划); the answer shows the question as typed
        answer = answer_question(speller.read(question), turns, documents, retriever, tokenizer, docs, deadline)
        self._warm = self.build_id
        if answer.turn is not None:
            with self._lock:
                self._turns[(*pairs, (question, answer.answer))] = answer.turn
                while len(self._turns) > MAX_TURN_RECORDS:
                    self._turns.popitem(last=False)
        return replace(answer, question=question, latency_ms=(time.perf_counter() - start) * 1000)

    # ------------------------------------------------------------------ adding plans

    def add_document(self, data: bytes, filename: str, progress=None, user: str = ""):
        """Store an uploaded plan, then index it (only the new plan is embedded). Questions keep being
        answered from the current index until the new one is swapped in. ``progress(fraction, message)``
        follows parsing, embedding and indexing. ``user`` owns the upload (quota, deletion)."""
        from .limits import ReadLimits
        from .uploads import Quota, add_upload

        s = self.settings
        report = add_upload(data, filename, s.sources, s.uploads_dir, s.max_upload_mb * 1024 * 1024,
                            set(self.doc_ids), ReadLimits.from_settings(s), user,
                            Quota(s.upload_quota_files, s.upload_quota_mb), ChunkSettings(s.chunk_max_tokens))
        if report.duplicate_of is None:
            self.refresh(report=progress)
        return report

    def uploads(self):
        """The uploaded plans (StoredUpload), oldest first."""
        from .uploads import list_uploads

        return list_uploads(self.settings.uploads_dir)

    def remove_document(self, doc_id: str, user: str | None = None):
        """Delete an uploaded plan and re-index without it (``user``: only that user's own uploads)."""
        from .uploads import remove_upload

        removed = remove_upload(self.settings.uploads_dir, doc_id, user)
        self.refresh()
        return removed
