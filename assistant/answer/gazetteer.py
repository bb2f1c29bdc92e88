"""China's administrative divisions (province, city, county/district, town), read lazily from the data file
jionlp ships (``jionlp/dictionary/china_location.zip``), without importing jionlp itself (its import unzips
every dictionary and loads its models: seconds and hundreds of MB for a table we read in well under a second).

No place name lives in this code: the package's table is the vocabulary. Words the table holds that are not
places in a question (城区, 矿区 …) are ``not_place`` rows of the lexicon.
"""

from __future__ import annotations

import logging
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .packaged_data import jionlp_file

log = logging.getLogger(__name__)

LEVELS = ("province", "city", "county", "town")
_DATA = ("dictionary", "china_location.zip")


@dataclass(frozen=True)
class Area:
    """One administrative area. ``parents`` are the full names above it, province first."""

    name: str  # full name as the table writes it: 长春市, 渝中区, 白霓镇
    short: str  # the table's short form (长春, 渝中); the full name for towns
    level: str  # province | city | county | town
    parents: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.parents, self.name)

    def within(self, other: Area) -> bool:
        """True when this area lies inside ``other`` (a town of the district, a county of the city …)."""
        return len(other.path) < len(self.path) and self.path[:len(other.path)] == other.path

    @property
    def names(self) -> tuple[str, ...]:
        """The full name, the short one and the short one with the full name's last character (彭水县 for
        彭水苗族土家族自治县 by 彭水, 恩施州 for 恩施土家族苗族自治州): how plans and askers write a county whose
        full name holds its peoples' names. A town's short name is its full name."""
        suffixed = self.short + self.name[-1] if self.level != "town" and self.short != self.name else self.name
        return tuple(dict.fromkeys((self.name, self.short, suffixed)))


@dataclass(frozen=True)
class Gazetteer:
    """Every area under each of its names (full and short), and by first character the lengths of the names it
    opens, for a longest-match scan."""

    by_name: dict[str, tuple[Area, ...]]
    heads: dict[str, tuple[int, ...]]  # a name's first character -> the lengths of the names it opens, longest first

    def __hash__(self) -> int:  # one table per process; identity is enough
        return id(self)

    def lookup(self, name: str) -> tuple[Area, ...]:
        return self.by_name.get(name, ())

    def scan(self, text: str, skip=lambda name: False) -> list[tuple[int, int, tuple[Area, ...]]]:
        """Longest names found in ``text``, left to right, not overlapping: (start, end, areas). Names for
        which ``skip`` is true are not taken (a shorter name at the same place may be)."""
        out, i = [], 0
        while i < len(text):
            for n in self.heads.get(text[i], ()):
                areas = self.by_name.get(text[i:i + n]) if i + n <= len(text) else None
                if areas and not skip(text[i:i + n]):
                    out.append((i, i + n, areas))
                    i += n
                    break
            else:
                i += 1
        return out


def parse_table(lines) -> Gazetteer:
    """Pure: the package's tab-indented table (province / city / county lines as ``name<TAB>code<TAB>short``,
    towns as a bare name one tab deeper, villages deeper still and skipped) -> Gazetteer."""
    by_name: dict[str, list[Area]] = {}
    stack: list[str] = []
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth > 3 or not fields[0]:
            continue
        name = fields[0]
        short = fields[2].split("/")[0] if len(fields) >= 3 and fields[2] else name
        if depth < 3 and len(fields) != 3:
            continue
        stack = stack[:depth]
        parents = tuple(dict.fromkeys(stack))  # a municipality is its own city: 上海市 > 上海市 > 嘉定区
        if depth == 1 and stack and stack[0] == name:
            stack.append(name)
            continue
        area = Area(name=name, short=short if len(short) >= 2 else name, level=LEVELS[depth], parents=parents)
        stack.append(name)
        for n in area.names:
            by_name.setdefault(n, []).append(area)
    frozen = {k: tuple(v) for k, v in by_name.items()}
    heads: dict[str, set[int]] = {}
    for k in frozen:
        heads.setdefault(k[0], set()).add(len(k))
    return Gazetteer(by_name=frozen, heads={c: tuple(sorted(ns, reverse=True)) for c, ns in heads.items()})


def data_path() -> Path:
    """Where jionlp's table is installed; found without importing jionlp."""
    return jionlp_file(*_DATA, what_zh="行政区划数据", what_en="gazetteer")


def read_table(path: Path) -> Gazetteer:
    with zipfile.ZipFile(path) as z:
        text = z.read(z.namelist()[0]).decode("utf-8")
    return parse_table(_UPPER_RE.findall(text))  # villages (four tabs deep) skipped in C, not in Python


_UPPER_RE = re.compile(r"^\t{0,3}[^\t\n][^\n]*", re.M)
_LOCK = threading.Lock()
_TABLE: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The table, read on first use (about half a second) and kept for the process."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = read_table(data_path())
                log.info("gazetteer: %d names", len(_TABLE.by_name))
    return _TABLE
