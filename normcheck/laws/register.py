"""The register itself: instruments indexed by normalised title, loaded once, lazily."""
from __future__ import annotations

import datetime as _dt
import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from normcheck.laws.titles import normalize_title

DATA_PACKAGE = "normcheck.data"
DATA_FILE = "law_register.json.gz"
EXTRA_FILE = "law_register_extra.tsv"
SUPPORTED_FORMAT = 1
_ISSUERS = ("最高人民法院、最高人民检察院", "最高人民法院", "最高人民检察院")


@dataclass(frozen=True, slots=True)
class Version:
    """One text of an instrument: published, in force from, and its last article number (0: unknown)."""

    published: _dt.date
    effective: _dt.date
    articles: int


@dataclass(slots=True)
class Instrument:
    title: str
    name: str
    level: str
    region: str
    status: str  # in-force | repealed
    versions: list[Version] = field(default_factory=list)
    renumbered: list[_dt.date] = field(default_factory=list)
    repealed_on: _dt.date | None = None
    repeal_date_exact: bool = True
    replaced_by: str = ""
    basis: str = ""
    source: str = "snapshot"

    def version_at(self, day: _dt.date) -> Version | None:
        """The version in force on ``day`` (None when ``day`` is before every version the register has)."""
        chosen = None
        for version in self.versions:
            if version.effective <= day:
                chosen = version
        return chosen

    def renumbered_before(self, day: _dt.date) -> _dt.date | None:
        """The last revision that renumbered the articles and took effect on or before ``day``."""
        earlier = [d for d in self.renumbered if d <= day]
        return max(earlier) if earlier else None

    @property
    def repealed_by_civil_code(self) -> bool:
        return "民法典" in self.basis and "第一千二百六十条" in self.basis


class Register:
    """The instruments of the snapshot, indexed by normalised title. An instrument's record is built on
    first use: a check looks up a few dozen titles among thousands."""

    def __init__(self, data: dict[str, object], extra: list[dict[str, str]] | None = None) -> None:
        source = data.get("source") or {}
        assert isinstance(source, dict)
        self.source: dict[str, str] = {str(k): str(v) for k, v in source.items()}
        self.date = _date(str(data.get("date") or "")) or _dt.date(1970, 1, 1)
        self._items: list[object] = list(data.get("instruments") or [])  # type: ignore[call-overload]
        self._made: list[Instrument | None] = [None] * len(self._items)
        self._index: dict[str, list[int]] = {}
        for number, item in enumerate(self._items):
            assert isinstance(item, dict)
            self._index_as(number, _keys(str(item["title"]), str(item.get("name") or item["title"])))
        for row in extra or ():
            self._add_extra(row)

    @property
    def instruments(self) -> list[Instrument]:
        return [self._at(number) for number in range(len(self._made))]

    # ---- lookups -----------------------------------------------------------------------------
    def lookup(self, title: str) -> Instrument | None:
        """The instrument ``title`` names; national instruments win over local ones of the same title,
        and one in force over a repealed one."""
        found = self._bucket(normalize_title(title))
        if not found:
            return None
        return sorted(found, key=lambda i: (i.region != "", i.status != "in-force"))[0]

    def search(self, words: str, limit: int = 50) -> list[Instrument]:
        terms = [normalize_title(w) for w in words.split() if w.strip()]
        hits = [i for i in self.instruments if all(t in normalize_title(i.title) for t in terms)]
        hits.sort(key=lambda i: (i.region != "", i.status != "in-force", len(i.title)))
        return hits[:limit]

    def keys(self) -> list[str]:
        return list(self._index)

    def national(self, key: str) -> list[Instrument]:
        return [i for i in self._bucket(key) if not i.region]

    # ---- building ----------------------------------------------------------------------------
    def _at(self, number: int) -> Instrument:
        made = self._made[number]
        if made is None:
            made = self._made[number] = _instrument(self._items[number])
        return made

    def _bucket(self, key: str) -> list[Instrument]:
        return [self._at(number) for number in self._index.get(key, ())]

    def _index_as(self, number: int, keys: set[str]) -> None:
        for key in sorted(keys):  # sorted: the index's order (keys(), did-you-mean) never depends on hashing
            bucket = self._index.setdefault(key, [])
            if number not in bucket:
                bucket.append(number)

    def _add_extra(self, row: dict[str, str]) -> None:
        """A hand-kept row: it completes the snapshot's entry of the same title, or adds one."""
        key = normalize_title(row["title"])
        repealed_on = _date(row.get("repealed_on", ""))
        known = self.national(key)
        target = known[0] if known else None
        if target is None:
            target = Instrument(row["title"], key, row.get("level", ""), "", "repealed", source="extra")
            self._items.append(None)
            self._made.append(target)
            self._index_as(len(self._made) - 1, _aliases(target))
        if row.get("status") == "repealed":
            target.status = "repealed"
            target.repealed_on = repealed_on or target.repealed_on
            target.repeal_date_exact = True
            target.replaced_by = row.get("replaced_by") or target.replaced_by
            target.basis = row.get("basis") or target.basis
            target.source = "extra" if target.source == "extra" else "snapshot+extra"


def _aliases(instrument: Instrument) -> set[str]:
    return _keys(instrument.title, instrument.name)


def _keys(title: str, name: str) -> set[str]:
    keys = {normalize_title(title)} if name == title else {normalize_title(title), normalize_title(name)}
    for key in list(keys):
        for issuer in _ISSUERS:
            # 《关于办理…的解释》 written without its issuers, as citations often do.
            if key.startswith(issuer + "关于"):
                keys.add(key[len(issuer):])
    return {k for k in keys if k}


def _instrument(item: object) -> Instrument:
    assert isinstance(item, dict)
    versions = []
    for published, effective, articles in item.get("versions") or []:
        p = _date(published)
        if p is not None:
            versions.append(Version(p, _date(effective) or p, int(articles or 0)))
    versions.sort(key=lambda v: (v.effective, v.published))
    return Instrument(
        title=str(item["title"]), name=str(item.get("name") or item["title"]), level=str(item.get("level") or ""),
        region=str(item.get("region") or ""), status=str(item.get("status") or "in-force"), versions=versions,
        renumbered=sorted(d for d in (_date(x) for x in item.get("renumbered") or []) if d is not None),
        repealed_on=_date(str(item.get("repealed_on") or "")),
        repeal_date_exact=bool(item.get("repeal_date_exact", True)),
        replaced_by=str(item.get("replaced_by") or ""), basis=str(item.get("basis") or ""),
    )


def _date(text: str | None) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


# ---- loading -----------------------------------------------------------------------------------
_lock = threading.Lock()
_loaded: Register | None = None


class RegisterError(Exception):
    """The register's data file is missing or damaged."""


def get_register() -> Register:
    """The bundled register, loaded on first use and shared afterwards."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load_register()
    return _loaded


def load_register(data_path: Path | None = None, extra_path: Path | None = None) -> Register:
    try:
        if data_path is None:
            raw = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_bytes()
        else:
            raw = data_path.read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError, EOFError) as exc:
        raise RegisterError(f"法律法规库数据文件无法读取：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != SUPPORTED_FORMAT:
        raise RegisterError("法律法规库数据文件的格式版本不受支持")
    try:
        if extra_path is None:
            from normcheck.bundled import bundled_rules_dir

            extra_path = bundled_rules_dir() / "data" / EXTRA_FILE
        text = extra_path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    return Register(data, read_extra(text))


_EXTRA_COLUMNS = ("title", "level", "status", "repealed_on", "replaced_by", "basis")


def read_extra(text: str) -> list[dict[str, str]]:
    """Rows of the hand-kept table: title, level, status, repealed_on, replaced_by, basis (tab-separated,
    ``#`` comments)."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        row = dict(zip(_EXTRA_COLUMNS, cells + [""] * (len(_EXTRA_COLUMNS) - len(cells))))
        if row["title"]:
            rows.append(row)
    return rows


_HEADER = re.compile(rb'^\{"format":(\d+),"date":"([0-9-]{10})","source":(\{[^{}]*\})')
_header: dict[str, str] | None = None


def register_info() -> dict[str, str]:
    """The register's date and source (name, commit) from the data file's first bytes, without loading
    its instruments: what ``normcheck --version`` and every report print. Empty when the file is absent."""
    global _header
    if _header is None:
        info: dict[str, str] = {}
        try:
            with resources.files(DATA_PACKAGE).joinpath(DATA_FILE).open("rb") as raw, \
                    gzip.GzipFile(fileobj=raw) as gz:
                head = gz.read(1024)
            match = _HEADER.match(head)
            if match:
                source = json.loads(match.group(3))
                info = {"date": match.group(2).decode(), "source": str(source.get("name", "")),
                        "commit": str(source.get("commit", ""))}
        except (OSError, ValueError, EOFError):
            info = {}
        _header = info
    return dict(_header)


def register_date() -> str:
    """The register's date (YYYY-MM-DD), or 未知 when its data file is missing."""
    return register_info().get("date", "未知")

