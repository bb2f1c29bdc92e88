"""Settings: defaults < assistant.toml < ASSISTANT_* environment < CLI flags.

Loading has no side effects: nothing is created or downloaded here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_INDEX = PROJECT_ROOT / "index"
DEFAULT_MODEL = PROJECT_ROOT / "models" / "multilingual-e5-small"
CACHE_ROOT = PROJECT_ROOT / ".cache"


def read_toml(path: Path, message: str) -> dict:
    """A TOML file's table; a file that is not TOML or not text is a ConfigError built from ``message`` (a
    template with ``{path}`` and ``{e}``), so every caller says which file and what to do."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(message.format(path=path, e=e)) from e


@dataclass(frozen=True)
class Settings:
    corpus: Path = DEFAULT_CORPUS
    index: Path | None = None  # None: derived from the corpus path (see index_dir)
    uploads: Path | None = None  # None: derived from the corpus path (see uploads_dir)
    model: str = str(DEFAULT_MODEL)
    query_prompt: str | None = None  # None: taken from the model (e5: "query: ")
    passage_prompt: str | None = None
    embed_runtime: str = "auto"  # auto: the default model's ONNX export when present; sentence-transformers: never
    chunk_max_tokens: int = 320
    top_k: int = 8
    rrf_k: int = 60
    dense_weight: float = 0.75  # tuned on dev retrieval (eval/tune_fusion.py): rrf_k 60, dense 0.75
    sparse_weight: float = 1.0
    data_dir: Path | None = None  # one root for uploads, their index, feedback, users and gradio's temp files
    feedback: Path | None = None  # None: <data_dir>/feedback.sqlite (ASSISTANT_FEEDBACK names another file)
    # limits on one request (assistant/limits.py; README "Limits")
    max_question_chars: int = 2000
    max_history_turns: int = 8
    max_turn_chars: int = 2000
    answer_budget_s: float = 0.4
    # limits on one file and on uploads
    max_upload_mb: int = 20
    max_unpacked_mb: int = 60
    max_xml_mb: int = 15
    max_zip_members: int = 1000
    max_text_chars: int = 300_000
    max_pdf_pages: int = 600
    max_chunks_per_plan: int = 2000
    upload_quota_files: int = 20  # per login name (without login, everyone shares one quota)
    upload_quota_mb: int = 100
    host: str = "127.0.0.1"
    port: int = 7860

    def _derived(self, explicit: Path | None, bundled: Path, kind: str) -> Path:
        """An explicit folder, the bundled one for the bundled corpus, or one keyed by the corpus' path
        (so nothing is ever written into someone's corpus folder)."""
        if explicit is not None:
            return Path(explicit)
        corpus = Path(self.corpus).resolve()
        if corpus == DEFAULT_CORPUS.resolve():
            return bundled
        key = hashlib.sha256(str(corpus).encode()).hexdigest()[:12]
        return CACHE_ROOT / kind / f"{corpus.name}-{key}"

    @property
    def index_dir(self) -> Path:
        """The index setting, else <data_dir>/index when data_dir is set, else derived from the corpus."""
        if self.index is None and self.data_dir is not None:
            return self.data_root / "index"
        return self._derived(self.index, DEFAULT_INDEX, "indexes")

    @property
    def data_root(self) -> Path:
        """ASSISTANT_DATA_DIR, else <project>/data: where the page writes what it keeps."""
        return Path(self.data_dir) if self.data_dir is not None else PROJECT_ROOT / "data"

    @property
    def uploads_dir(self) -> Path:
        """Where plans uploaded on the page are kept: the uploads setting, else <data_dir>/uploads when data_dir
        is set, else derived from the corpus (data/uploads for the bundled one)."""
        if self.uploads is None and self.data_dir is not None:
            return self.data_root / "uploads"
        return self._derived(self.uploads, PROJECT_ROOT / "data" / "uploads", "uploads")

    @property
    def feedback_path(self) -> Path:
        return Path(self.feedback) if self.feedback is not None else self.data_root / "feedback.sqlite"

    @property
    def users_file(self) -> Path:
        return self.data_root / "users.toml"

    @property
    def gradio_temp_dir(self) -> Path:
        """Gradio's own upload cache: emptied at start-up and after each upload is handled."""
        return self.data_root / "gradio-tmp"

    @property
    def sources(self) -> list[Path]:
        """Folders whose plans make up the corpus: the corpus itself, then uploads."""
        return [Path(self.corpus), self.uploads_dir]

    def replace(self, **changes) -> Settings:
        changes = {k: v for k, v in changes.items() if v is not None}
        return _coerce(dataclasses.replace(self, **changes))


def _coerce(s: Settings) -> Settings:
    values = {}
    for f in fields(s):
        v = getattr(s, f.name)
        if f.name in ("corpus", "index", "uploads", "data_dir", "feedback") and v is not None:
            v = Path(v).expanduser()
        elif f.type in ("int",) and not isinstance(v, int):
            try:
                v = int(v)
            except ValueError as e:
                raise ConfigError(f"设置 {f.name} 需要整数 / setting {f.name} must be an integer, got {v!r}") from e
        elif f.type in ("float",) and not isinstance(v, float):
            try:
                v = float(v)
            except ValueError as e:
                raise ConfigError(f"设置 {f.name} 需要数字 / setting {f.name} must be a number, got {v!r}") from e
        values[f.name] = v
    return Settings(**values)


def load_settings(config_file: Path | None = None, env: dict[str, str] | None = None, **overrides) -> Settings:
    """Merge the layers. ``overrides`` are CLI flags (None means "not given")."""
    env = os.environ if env is None else env
    names = {f.name for f in fields(Settings)}
    merged: dict[str, object] = {}
    path = config_file or Path(env.get("ASSISTANT_CONFIG", PROJECT_ROOT / "assistant.toml"))
    if Path(path).is_file():
        data = read_toml(path, "配置文件无法解析 / cannot parse config file {path}: {e}")
        unknown = set(data) - names
        if unknown:
            raise ConfigError(
                f"配置文件 {path} 含未知设置 / unknown settings {sorted(unknown)}; allowed: {sorted(names)}"
            )
        merged.update(data)
    for name in names:
        key = "ASSISTANT_" + name.upper()
        if env.get(key):
            merged[name] = env[key]
    merged.update({k: v for k, v in overrides.items() if v is not None and k in names})
    return _coerce(Settings(**merged))
