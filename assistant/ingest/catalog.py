"""Document metadata: the corpus catalog (catalog.toml) and what can be derived when a file has no entry. Pure
except ``load_catalog``, which reads the file."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant.answer.lexicon import lexicon

from ..config import read_toml
from ..errors import ConfigError
from ..types import DocMeta, RawDocument, SourceLine
from .forms import clean
from .front import Front

CATALOG_NAME = "catalog.toml"
_PLACE_RE = re.compile(r"([\u4e00-\u9fa5（）()]{1,12}?(?:高新区|新区|开发区|自治州|自治县|经开区|地区|省|市|区|县|州|镇))")
_NOT_TITLE = re.compile(r"^(前\s*言|目\s*录|通\s*知|序|引言)$")
_TITLE_WORDS = ("规划", "纲要", "方案", "计划", "意见", "办法")


def load_catalog(corpus_dir: Path) -> dict[str, DocMeta]:
    """File name -> DocMeta for every [[document]] in corpus_dir/catalog.toml (empty if there is none)."""
    path = Path(corpus_dir) / CATALOG_NAME
    if not path.is_file():
        return {}
    data = read_toml(path, "目录文件无法解析 / cannot parse {path}: {e}. Fix the TOML or delete the file.")
    out: dict[str, DocMeta] = {}
    entries = data.get("document", [])
    if not isinstance(entries, list) or not all(isinstance(d, dict) for d in entries):
        raise ConfigError(f"{path}: 'document' 需要是 [[document]] 表的列表 / 'document' must be a list of "
                          f"[[document]] tables (id, file, title, short_names), got {type(entries).__name__}. "
                          "Fix the file or delete it.")
    for i, d in enumerate(entries, 1):
        if not d.get("id") or not d.get("file") or not isinstance(d["file"], str):
            raise ConfigError(f"{path}: document #{i} needs 'id' and 'file' / 第{i}个条目缺少 id 或 file")
        names = d.get("short_names", ())
        names = (names,) if isinstance(names, str) else names  # one name given as a string is one name
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{path}: document #{i} short_names must be a list of strings / 简称需要是文字列表")
        out[d["file"]] = DocMeta(
            doc_id=str(d["id"]), title=str(d.get("title") or d["id"]),
            short_names=tuple(n for n in names if n) or derive_short_names(str(d.get("title", ""))),
            issuer=d.get("issuer"), year=d.get("year"), doc_number=d.get("doc_number"), file=d["file"],
            from_catalog=True,
        )
    return out


def derive_title(raw: RawDocument, stem: str) -> str:
    """A title for a file without a catalog entry: a 《…》 title being issued, a title-like first
    line, or the preface's "是……的纲领性文件"; never 前言 / 目录 / 通知."""
    lines = [clean(b.text) for b in raw.blocks[:60] if isinstance(b, SourceLine)]
    head = "".join(lines[:15])
    m = re.search(r"印发\s*《(.+?)》", head)
    if m:
        return m.group(1)
    for t in lines[:10]:
        t = t.strip("#《》 ")
        if (t and not _NOT_TITLE.match(t) and len(t) <= 60 and any(w in t for w in _TITLE_WORDS)
                and not re.search(r"[。；，]", t) and not t.startswith(("关于", "第"))):
            return t
    text = "".join(lines)
    m = re.search(r"是(?:引领|指导)?([^，。；]{4,40}?)的(?:纲领性|指导性|行动)文件", text)
    if m:
        subject = re.sub(r"期间", "", m.group(1))
        return subject if subject.endswith(_TITLE_WORDS) else subject + "规划"
    return stem


_UNIT_RE = re.compile(r"[\u4e00-\u9fa5]{2,10}?(?:特别行政区|自治区|自治州|自治县|高新区|经开区|开发区|新区|省|市|州|盟|区|县|旗|镇|乡)")


def derive_short_names(title: str) -> tuple[str, ...]:
    """'重庆高新区内陆开放高地…' -> ('重庆高新区', '高新区'); '渝中区“十四五”…' -> ('渝中区', '渝中');
    '江州市临江区数字经济…' -> ('江州市临江区', '临江区', '临江', '江州临江区', '江州临江'): the plan is about the last
    place of the chain, never the city above it; people also drop the suffix of the places above it."""
    units, pos = [], 0
    while (u := _UNIT_RE.match(title, pos)) is not None:
        units.append(u.group())
        pos = u.end()
    if not units:
        m = _PLACE_RE.search(title)
        if not m:
            return ()
        units = [m.group(1)]
    place = units[-1]
    names = ["".join(units), place]
    zones = lexicon().words("zone")
    zone = next((z for z in zones if place.endswith(z) and len(place) >= len(z) + 2), None)
    if zone:  # 重庆高新区: a zone named after its city is called by the zone word alone
        names.append(zone)
    for n in list(names[1:]):
        if n.endswith(("区", "县", "市", "省")) and len(n) >= 3 and not n.endswith(("新区", "高新区", "开发区")):
            names.append(n[:-1])
    if len(units) > 1:  # 江州市临江区 is also written 江州临江区 / 江州临江
        head = "".join(_bare(u) for u in units[:-1])
        names += [head + place] + [head + n for n in names[2:] if n != zone and len(n) < len(place)]
    return tuple(dict.fromkeys(names))


def _bare(unit: str) -> str:
    """A place without its administrative suffix (江州市 -> 江州), when at least two characters are left."""
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "州", "盟", "区", "县", "旗"):
        if unit.endswith(suffix) and len(unit) - len(suffix) >= 2:
            return unit[:-len(suffix)]
    return unit


def part_id(stem: str, n: int) -> str:
    """Id of the n-th (0-based) document a file holds: the stem, then stem-2, stem-3 …"""
    return stem if n == 0 else f"{stem}-{n + 1}"


def meta_for(path: Path, raw: RawDocument, catalog: dict[str, DocMeta], front: Front | None = None,
             n: int = 0) -> DocMeta:
    """The n-th document's metadata: the catalog's entry where given (its empty fields filled from the file's
    front matter), else the title the front matter found (or one derived), with the notice's metadata."""
    facts = {"issuer": front.issuer, "doc_number": front.doc_number, "date": front.date} if front else {}
    entry = catalog.get(path.name)
    if entry is not None and n == 0:
        return replace(entry, **{k: v for k, v in facts.items() if getattr(entry, k) is None and v})
    found = front.parts[n].title if front and n < len(front.parts) else None
    title = found or derive_title(raw, path.stem)
    return DocMeta(doc_id=part_id(path.stem, n), title=title, short_names=derive_short_names(title), file=path.name,
                   **facts)
