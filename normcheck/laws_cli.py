"""``normcheck laws …``: look up the law register (法律法规库) that the citation rules use.

``laws show TITLE`` prints an instrument's versions, dates, status and article counts (exit 1 when the
register does not know the title); ``laws search WORDS`` lists the instruments whose titles hold every word.
"""
from __future__ import annotations

import datetime as _dt
import sys

import click

from normcheck.laws.register import Instrument, RegisterError, get_register, register_date

_STATUS = {"in-force": "现行有效", "repealed": "已废止"}
_SOURCES = {"snapshot": "LawRefBook/Laws 快照", "extra": "补充表（rules/data/law_register_extra.tsv）",
            "snapshot+extra": "LawRefBook/Laws 快照，废止信息来自补充表"}


def _day(day: _dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "不详"


def _register():  # type: ignore[no-untyped-def]
    try:
        return get_register()
    except RegisterError as exc:
        click.echo(f"normcheck: {exc}", err=True)
        sys.exit(2)


@click.group(name="laws")
def laws_group() -> None:
    """查询内置的法律法规库（引用核验所依据的数据）。"""


@laws_group.command(name="show")
@click.argument("title", nargs=-1, required=True)
def show_law(title: tuple[str, ...]) -> None:
    """显示一部法律法规的各个版本、公布和施行日期、条文数和效力状态。"""
    from normcheck.laws.suggest import suggest_title
    from normcheck.laws.titles import normalize_title

    register = _register()
    wanted = "".join(title)
    found = [i for i in register.instruments if normalize_title(i.title) == normalize_title(wanted)
             or normalize_title(i.name) == normalize_title(wanted)]
    if not found:
        hint = suggest_title(register, wanted)
        click.echo(f"法律法规库（{register_date()}）中没有《{wanted}》" + (f"，是否是《{hint}》？" if hint else "。"))
        click.echo("可用 normcheck laws search 关键词 查找。")
        sys.exit(1)
    for number, instrument in enumerate(sorted(found, key=lambda i: (i.region != "", i.title))):
        if number:
            click.echo("")
        click.echo("\n".join(_describe(instrument)))
    click.echo(f"\n法律法规库日期：{register_date()}")


def _describe(i: Instrument) -> list[str]:
    lines = [f"《{i.title}》", f"  层级：{i.level or '不详'}" + (f"（{i.region}）" if i.region else "")]
    status = _STATUS.get(i.status, i.status)
    if i.status == "repealed":
        when = _day(i.repealed_on) + ("" if i.repeal_date_exact or i.repealed_on is None else "以前")
        status += f"，废止日期：{when}"
        if i.basis:
            status += f"，依据：{i.basis}"
    lines.append(f"  状态：{status}")
    if i.versions:
        lines.append("  版本：")
        for n, v in enumerate(i.versions):
            count = f"共{v.articles}条" if v.articles else "条文数不详"
            if n < len(i.versions) - 1:
                mark = "（已被修改）"
            else:
                mark = "（现行文本）" if i.status == "in-force" else "（最后文本）"
            lines.append(f"    {_day(v.published)}公布，{_day(v.effective)}施行，{count}{mark}")
    else:
        lines.append("  版本：法律法规库未收录其文本")
    if i.renumbered:
        lines.append("  调整条文序号的修订施行日期：" + "、".join(_day(d) for d in i.renumbered))
    lines.append(f"  来源：{_SOURCES.get(i.source, i.source)}")
    return lines


@laws_group.command(name="search")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="最多列出的条数。")
def search_laws(words: tuple[str, ...], limit: int) -> None:
    """列出标题中含有全部关键词的法律法规（多个关键词用空格分隔）。"""
    register = _register()
    hits = register.search(" ".join(words), limit=limit + 1)
    for i in hits[:limit]:
        latest = i.versions[-1].published if i.versions else None
        where = f"（{i.region}）" if i.region else ""
        click.echo(f"{_STATUS.get(i.status, i.status)}\t{i.level}{where}\t《{i.title}》\t{_day(latest) if latest else ''}")
    more = f"（仅列出前 {limit} 条）" if len(hits) > limit else ""
    click.echo(f"共找到 {min(len(hits), limit)} 条{more}；法律法规库日期：{register_date()}")
    if not hits:
        sys.exit(1)
