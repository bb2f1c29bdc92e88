"""Data files read from the installed jionlp package (the gazetteer's table of divisions, the character readings of
the homophone check), found without importing jionlp; a missing package or file says how to reinstall it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from assistant.errors import ConfigError

INSTALL = "pip install jionlp==1.5.31"


def jionlp_file(*parts: str, what_zh: str, what_en: str) -> Path:
    """The path of ``parts`` inside the installed jionlp package: ``what_zh`` / ``what_en`` name the data in the
    error when the package or the file is missing."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"找不到{what_zh} / the {what_en} package is missing: {INSTALL}")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.is_file():
        raise ConfigError(f"{what_zh}文件缺失 / {path} is missing: reinstall with {INSTALL}")
    return path
