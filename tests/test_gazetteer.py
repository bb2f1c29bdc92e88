"""The gazetteer is found without importing jionlp, read lazily, and a missing package says how to install it."""

from __future__ import annotations

import sys

import pytest

from assistant.answer import gazetteer as gz
from assistant.errors import ConfigError


def test_data_file_is_found_without_importing_jionlp():
    assert gz.data_path().name == "china_location.zip"
    assert "jionlp" not in sys.modules


def test_missing_package_says_how_to_install(monkeypatch):
    monkeypatch.setattr(gz.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match="pip install jionlp"):
        gz.data_path()


def test_scan_takes_the_longest_name_without_overlap():
    g = gz.parse_table(["北方省\t1\t北方", "\t江城市\t2\t江城", "\t\t江城新区\t3\t江城新"])
    assert [(s, e) for s, e, _ in g.scan("去江城新区和北方")] == [(1, 5), (6, 8)]
