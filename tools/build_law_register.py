"""Build normcheck's law register (normcheck/data/law_register.json.gz) from a snapshot of the public
LawRefBook/Laws repository (https://github.com/LawRefBook/Laws).

    python tools/build_law_register.py SNAPSHOT [--output normcheck/data/law_register.json.gz]

SNAPSHOT is a clone of that repository: a bare git directory or a working tree. Only data is taken from
it (titles, dates, article counts, the "expired" flags of its SQLite index); no text of any law is kept.

How the snapshot marks status, and how this script reads it:
- each version of an instrument is one Markdown file named ``<name>(<publication date>).md`` (a file
  without a date is the only version known); its header lists the adoption and amendment events;
- its ``db.sqlite3`` index (one per ``DLC/<province>`` folder for local regulations) flags ``expired``
  rows. A flagged row that has a later version of the same name is a *superseded version* (the
  instrument was amended or revised, and stays in force); a flagged row that is the latest version of
  its name is a *repealed instrument*. The snapshot gives no repeal date: rules/data/law_register_extra.tsv
  supplies dates and successors for the ones documents cite.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from normcheck.laws.titles import normalize_title

FORMAT = 1
SKIPPED_TOP = {"案例", "其他", "scripts", ".github", ".gitattributes", ".gitignore", ".lawignore"}
LEVEL_FOLDERS = {"司法解释": "司法解释", "行政法规": "行政法规", "部门规章": "部门规章", "宪法": "宪法"}
_DATED = re.compile(r"^(?P<name>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)$")
_EVENT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
_ARTICLE = re.compile(r"^\s*第([零〇一二两三四五六七八九十百千]{1,8})条(?:之[一二三四五六七八九十]+)?[\s　]")
_REPEAL = re.compile(
    r"(?P<run>(?:《[^《》\n]{2,80}》(?:[（(][^（）()\n]{0,40}[）)])?(?:、|，|,|和|及|以及|与)?)+)"
    r"(?:也|均|同时|即行|一并|予以|相应)*废止")
# The last article of a complete text says when it takes effect; a text whose last article does not is
# probably cut short in the snapshot, and its article count is not trusted (0: unknown).
_FINAL = re.compile(r"施行|生效|实施|起执行|公布之日|发布之日|印发之日")
_IN_FORCE_FROM = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起?施行")
_RUN_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_PREFIX = "中华人民共和国"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


# ---- reading the snapshot ------------------------------------------------------------------------
class Snapshot:
    """A bare git directory or a working tree of LawRefBook/Laws."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bare = (path / "HEAD").is_file() and (path / "objects").is_dir()
        self.git_dir = path if self.bare else path / ".git"

    def _git(self, *args: str) -> str:
        return subprocess.run(["git", f"--git-dir={self.git_dir}", *args], check=True, capture_output=True,
                              text=True, encoding="utf-8").stdout

    def commit(self) -> tuple[str, str]:
        """The snapshot's commit id and its date (YYYY-MM-DD); unknown for a tree without git."""
        if not self.git_dir.exists():
            return "unknown", dt.date.today().isoformat()
        out = self._git("log", "-1", "--format=%H %cI", "HEAD").split()
        return out[0], out[1][:10]

    def files(self) -> Iterator[tuple[str, bytes]]:
        if not self.bare:
            for file in sorted(self.path.rglob("*")):
                if file.is_file() and ".git" not in file.parts:
                    yield file.relative_to(self.path).as_posix(), file.read_bytes()
            return
        listing = self._git("ls-tree", "-r", "-z", "HEAD").split("\0")
        entries = [(line.split("\t", 1)[1], line.split()[2]) for line in listing if line]
        proc = subprocess.Popen(["git", f"--git-dir={self.git_dir}", "cat-file", "--batch"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None
        for path, sha in entries:
            if not (path.endswith(".md") or path.endswith("db.sqlite3")):
                continue
            proc.stdin.write(sha.encode() + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            yield path, data
        proc.stdin.close()
        proc.wait()


# ---- one version -----------------------------------------------------------------------------------
@dataclass
class Version:
    name: str
    title: str
    level: str
    region: str
    publish: str
    effective: str = ""
    articles: int = 0
    revised: list[str] = field(default_factory=list)  # dates of 修订 (full revision) events
    expired: bool = False
    repeals: list[tuple[str, str, str]] = field(default_factory=list)  # (title repealed, article, date)
    complete: bool = True  # the last article reads like a last article


def level_of(path: str) -> tuple[str, str]:
    parts = path.split("/")
    if parts[0] == "DLC":
        # DLC/上海地方法规/地方性法规/上海/….md
        return (parts[2] if len(parts) > 3 else "地方性法规"), (parts[3] if len(parts) > 4 else "")
    return LEVEL_FOLDERS.get(parts[0], "法律"), ""


def parse_version(path: str, text: str) -> Version | None:
    stem = path.rsplit("/", 1)[-1][:-3]
    dated = _DATED.match(stem)
    lines = text.splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), stem)
    # A file without a date is the only version known, or one part of a code split into files (民法典):
    # the title names it.
    name, publish = (dated.group("name"), dated.group("date")) if dated else (title.removeprefix(_PREFIX), "")
    level, region = level_of(path)
    version = Version(name, title, level, region, publish)
    in_header = True
    numbers: list[int] = []
    last_article: list[str] = []
    events: list[tuple[str, str]] = []
    for line in lines:
        if line.strip().startswith("<!-- INFO END"):
            in_header = False
            continue
        if in_header:
            event = _EVENT.match(line.strip())
            if event:
                y, m, d, what = event.groups()
                events.append((f"{int(y):04d}-{int(m):02d}-{int(d):02d}", what))
            continue
        article = _ARTICLE.match(line)
        if article:
            number = chinese_number(article.group(1))
            if not numbers or number >= max(numbers):
                last_article = []
            numbers.append(number)
        if numbers and line.strip() and not line.startswith("#"):
            last_article.append(line)
        if "废止" in line:
            label = f"第{article.group(1)}条" if article else ""
            since = _IN_FORCE_FROM.search(line)
            when = "{:04d}-{:02d}-{:02d}".format(*map(int, since.groups())) if since else ""
            for run in _REPEAL.finditer(line):
                version.repeals.extend((t.strip(), label, when) for t in _RUN_TITLE.findall(run.group("run")))
    version.articles = max(numbers) if numbers else 0
    version.complete = level == "宪法" or bool(_FINAL.search("".join(last_article)))
    for date, what in events:
        if "施行" in what and not version.effective and date >= (version.publish or date):
            version.effective = date
        if "修订" in what and "通过" not in what.split("修订")[-1] and level == "法律":
            version.revised.append(date)
    if not version.publish and events:
        adopted = [d for d, what in events if "施行" not in what]
        version.publish = max(adopted) if adopted else events[-1][0]
    return version if version.publish else None


def read_index(data: bytes) -> dict[tuple[str, str], tuple[bool, str]]:
    """(name, publish) → (expired, valid_from) from one of the snapshot's SQLite indexes."""
    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as tmp:
        tmp.write(data)
        tmp.flush()
        con = sqlite3.connect(tmp.name)
        try:
            rows = con.execute("select name, publish, expired, valid_from from law").fetchall()
        finally:
            con.close()
    return {(name, str(publish or "")): (bool(expired), str(valid or "")) for name, publish, expired, valid in rows}


# ---- instruments -------------------------------------------------------------------------------------
def build(snapshot: Snapshot) -> dict[str, object]:
    versions: list[Version] = []
    index: dict[tuple[str, str], tuple[bool, str]] = {}
    for path, data in snapshot.files():
        top = path.split("/", 1)[0]
        if top in SKIPPED_TOP or "/" not in path:
            if path == "db.sqlite3":
                index.update(read_index(data))
            continue
        if path.endswith("db.sqlite3"):
            index.update(read_index(data))
            continue
        if path.endswith("_index.md"):
            continue
        version = parse_version(path, data.decode("utf-8", "replace"))
        if version is not None:
            versions.append(version)
    for version in versions:
        expired, valid_from = index.get((version.name, version.publish), (False, ""))
        version.expired = expired
        if valid_from and not version.effective:
            version.effective = valid_from
    groups: dict[tuple[str, str, str], list[Version]] = defaultdict(list)
    for version in versions:
        groups[(version.level, version.region, version.name)].append(version)
    instruments = [instrument(merge_parts(group)) for group in groups.values()]
    add_repeals(instruments, versions)
    instruments.sort(key=lambda i: (str(i["level"]), str(i["region"]), str(i["title"])))
    commit, date = snapshot.commit()
    return {
        "format": FORMAT,
        "date": date,
        "source": {"name": "LawRefBook/Laws", "url": "https://github.com/LawRefBook/Laws", "commit": commit,
                   "commit_date": date,
                   "note": "Titles, dates, article counts and status only; texts of laws are not copyrighted "
                           "(Copyright Law of the PRC, art. 5)."},
        "instruments": instruments,
    }


def merge_parts(group: list[Version]) -> list[Version]:
    """The versions of one instrument by date; the parts of a code split into files are one version."""
    by_date: dict[str, Version] = {}
    for version in sorted(group, key=lambda v: v.publish):
        kept = by_date.setdefault(version.publish, version)
        if kept is not version:
            if version.articles > kept.articles:
                kept.complete = version.complete
            kept.articles = max(kept.articles, version.articles)
            kept.expired = kept.expired and version.expired
            kept.repeals.extend(version.repeals)
            kept.revised.extend(version.revised)
    return list(by_date.values())


def instrument(versions: list[Version]) -> dict[str, object]:
    latest = versions[-1]
    renumbered: set[str] = set()
    effective = {v.publish: v.effective or v.publish for v in versions}
    for before, after in itertools.pairwise(versions):
        if before.complete and after.complete and before.articles and after.articles \
                and before.articles != after.articles:
            renumbered.add(after.effective or after.publish)
    for version in versions:
        renumbered.update(effective.get(d, d) for d in version.revised)
    return {
        "title": latest.title,
        "name": latest.name,
        "level": latest.level,
        "region": latest.region,
        "status": "repealed" if latest.expired else "in-force",
        "versions": [[v.publish, v.effective or v.publish, v.articles if v.complete else 0] for v in versions],
        "renumbered": sorted(renumbered),
    }


def short(title: str) -> str:
    return normalize_title(title)


def add_repeals(instruments: list[dict[str, object]], versions: list[Version]) -> None:
    """Repeal dates and successors from the repealing instruments' own words (《…》同时废止): on the
    instruments the snapshot marks repealed, and as new entries for repealed instruments it lacks."""
    by_short: dict[str, list[dict[str, object]]] = defaultdict(list)
    for item in instruments:
        by_short[short(str(item["title"]))].append(item)
        by_short[short(str(item["name"]))].append(item)
    found: dict[str, tuple[str, str, str]] = {}
    for version in sorted(versions, key=lambda v: v.effective or v.publish):
        for title, label, when in version.repeals:
            key = short(title)
            if key in (short(version.title), short(version.name)) or key in found:
                continue
            found[key] = (title, when or version.effective or version.publish, f"《{version.title}》{label}",
                          bool(when))
    for key, (title, date, source, exact) in found.items():
        known = by_short.get(key)
        if known:
            for item in known:
                if item["status"] == "repealed" and "repealed_on" not in item:
                    item.update(repealed_on=date, replaced_by=source, basis=source, repeal_date_exact=exact)
            continue
        level = next((v.level for v in versions if v.title == source.split("》")[0][1:]), "")
        region = next((v.region for v in versions if v.title == source.split("》")[0][1:]), "")
        entry: dict[str, object] = {
            "title": title, "name": key, "level": level, "region": region, "status": "repealed",
            "versions": [], "renumbered": [], "repealed_on": date, "replaced_by": source, "basis": source,
            "repeal_date_exact": exact,
        }
        instruments.append(entry)
        by_short[key].append(entry)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snapshot", type=Path, help="a clone of LawRefBook/Laws (bare git dir or work tree)")
    parser.add_argument("--output", type=Path,
                        default=Path(__file__).resolve().parent.parent / "normcheck" / "data" / "law_register.json.gz")
    args = parser.parse_args(argv)
    if not args.snapshot.is_dir():
        print(f"{args.snapshot}: not a folder", file=sys.stderr)
        return 2
    register = build(Snapshot(args.snapshot))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # format, date and source come first: normcheck reads them without decompressing the instruments.
    payload = json.dumps(register, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(args.output, "wb") as out, gzip.GzipFile(filename="", fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(payload)
    count = len(register["instruments"])  # type: ignore[arg-type]
    print(f"{args.output}: {count} instruments, snapshot {register['source']['commit'][:12]} "  # type: ignore[index]
          f"of {register['date']}, {args.output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
