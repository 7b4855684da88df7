"""What the register says about one citation, judged on one day (the document's issue date, or the
register's own date when the document's is unknown)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

from normcheck.laws.register import Instrument, Register
from normcheck.laws.suggest import suggest_title
from normcheck.laws.titles import is_legal_title, is_local_title, is_national_law_title

# Field name → value type, for the rule language (`citation NAME`, `{citation NAME}`).
CITATION_FIELDS: dict[str, str] = {
    "status": "text",          # in-force | repealed | unknown (a law-like title the register lacks) | other
    "title": "text",           # the register's full title
    "level": "text",           # 法律 | 行政法规 | 司法解释 | 部门规章 | 地方性法规 | 宪法
    "repealed_on": "date",
    "repeal_date": "text",     # 2021年1月1日, or 2018年3月19日以前 when only a bound is known
    "replaced_by": "text",
    "repeal_basis": "text",
    "suggestion": "text",      # the close title of a did-you-mean
    "article": "number",       # the highest article number cited
    "last_article": "number",  # the last article of the version in force on the judging day
    "version": "text",         # that version, as 2021年1月22日公布、2021年7月15日施行的文本
    "renumbered_on": "date",   # the last renumbering revision in force on the judging day
    "judged_on": "date",
    "register_date": "date",   # the register's own date: later amendments are not in it
    "date_note": "text",       # empty, or why the register's date was used
    "civil_code": "bool",      # repealed by 《民法典》第一千二百六十条 (the civil-code rules report it)
}


@dataclass(frozen=True, slots=True)
class CitationAnswer:
    status: str
    judged_on: _dt.date
    register_date: _dt.date
    date_note: str = ""
    instrument: Instrument | None = None
    suggestion: str | None = None
    article: int | None = None
    last_article: int | None = None
    version: str | None = None
    renumbered_on: _dt.date | None = None

    def field(self, name: str) -> object | None:
        """The value of ``name`` (see CITATION_FIELDS); None when the register does not know it."""
        i = self.instrument
        if name == "status":
            return self.status
        if name in ("judged_on", "register_date", "date_note", "suggestion", "article", "last_article", "version",
                    "renumbered_on"):
            return getattr(self, name)
        if i is None:
            return False if name == "civil_code" else None
        if name == "repeal_date":
            if i.status != "repealed":
                return None
            if i.repealed_on is None:
                return "日期不详"
            return _chinese_date(i.repealed_on) + ("" if i.repeal_date_exact else "以前")
        if name == "repeal_basis":
            return i.basis or None
        if name == "civil_code":
            return i.repealed_by_civil_code
        return getattr(i, name) or None


def answer_citation(register: Register, law: str, articles: tuple[int, ...], issued: _dt.date | None) -> CitationAnswer:
    """The register's answer; the same titles recur from document to document, so answers are kept
    (a bounded cache: at most a few thousand small objects)."""
    return _cached_answer(register, law, articles, issued)


@lru_cache(maxsize=8192)
def _cached_answer(register: Register, law: str, articles: tuple[int, ...], issued: _dt.date | None) -> CitationAnswer:
    judged_on = issued or register.date
    note = "" if issued else f"（未识别到文件的成文日期，按法律法规库日期{_chinese_date(register.date)}判断）"
    article = max(articles) if articles else None
    instrument = register.lookup(law)
    if instrument is None:
        if is_national_law_title(law):
            return CitationAnswer("unknown", judged_on, register.date, note, suggestion=suggest_title(register, law),
                                  article=article)
        status = "other" if (is_local_title(law) or not is_legal_title(law)) else "unknown"
        return CitationAnswer(status, judged_on, register.date, note, article=article)
    version = instrument.version_at(judged_on)
    repealed = instrument.status == "repealed"
    return CitationAnswer(
        "repealed" if repealed else "in-force", judged_on, register.date, note, instrument, article=article,
        last_article=version.articles if version is not None and version.articles else None,
        version=_version_text(version.published, version.effective) if version is not None else None,
        renumbered_on=instrument.renumbered_before(judged_on),
    )


def _version_text(published: _dt.date, effective: _dt.date) -> str:
    if published == effective:
        return f"{_chinese_date(published)}公布施行的文本"
    return f"{_chinese_date(published)}公布、{_chinese_date(effective)}施行的文本"


def _chinese_date(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
