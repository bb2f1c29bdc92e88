"""The gazetteer is found without importing jionlp, read lazily, and a missing package says how to install it."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from assistant.answer import gazetteer as gz
from assistant.errors import ConfigError


def test_data_file_is_found_without_importing_jionlp():
    assert gz.data_path().name == "china_location.zip"
    assert "jionlp" not in sys.modules


def test_missing_package_says_how_to_install(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match="pip install jionlp"):
        gz.data_path()


def test_scan_takes_the_longest_name_without_overlap():
    g = gz.parse_table(["北方省\t1\t北方", "\t江城市\t2\t江城", "\t\t江城新区\t3\t江城新"])
    assert [(s, e) for s, e, _ in g.scan("去江城新区和北方")] == [(1, 5), (6, 8)]


def test_a_county_is_named_by_its_short_name_with_its_last_character():
    g = gz.parse_table(["东山省\t1\t东山", "\t江城市\t2\t江城", "\t\t云岭彝族苗族自治县\t3\t云岭", "\t\t\t石桥镇"])
    county = g.lookup("云岭县")[0]
    assert county.name == "云岭彝族苗族自治县" and g.lookup("云岭") == (county,)
    assert g.lookup("石桥镇")[0].names == ("石桥镇",)  # a town keeps its one name


def test_a_place_term_is_present_where_a_text_writes_another_of_its_names():
    from assistant.answer.synonyms import place_names, present

    assert "彭水苗族土家族自治县" in place_names("彭水县")
    assert present("彭水县", "4.4.2.30彭水苗族土家族自治县 全县机动车保有量为111726台")
    assert not present("彭水县", "4.4.2.28秀山土家族苗族自治县 全县机动车保有量")
    assert place_names("机动车") == ()
    assert not present("万州区", "万州 | 103 | 15 | 143")  # the bare short name of a table row is another line's
