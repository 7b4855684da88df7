"""``normcheck rules …``: list, show, test and check rule files. Exit 2 when a rule file does not compile,
1 when an example fails (``rules test``)."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from normcheck.dsl import RuleSet


def _rule_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--no-bundled", is_flag=True, help="不加载内置规则包。")(func)
    return click.option("--rules", "extra", multiple=True, type=click.Path(path_type=Path),
                        help="另外加载的规则文件或文件夹（可重复）。")(func)


def _load(paths: tuple[Path, ...], no_bundled: bool) -> RuleSet:
    from normcheck.dsl import load_rules
    from normcheck.errors import ConfigError, RuleError

    try:
        ruleset = load_rules(list(paths), bundled=not no_bundled)
    except (RuleError, ConfigError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    for notice in ruleset.notices:
        click.echo(f"normcheck: 提示：{notice}", err=True)
    return ruleset


def _warn(ruleset: RuleSet) -> None:
    for warning in ruleset.warnings:
        click.echo(f"normcheck: 警告：{warning}", err=True)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@click.group(name="rules")
def rules_group() -> None:
    """查看、测试和检查规则文件。"""


@rules_group.command(name="list")
@_rule_options
def list_rules(extra: tuple[Path, ...], no_bundled: bool) -> None:
    """列出全部规则：编号、严重程度、标签、标题。"""
    from rich.table import Table

    ruleset = _load(extra, no_bundled)
    table = Table("ID", "严重程度", "标签", "标题")
    for rule in ruleset.rules:
        table.add_row(rule.id, rule.severity, ", ".join(rule.tags), rule.title)
    builtin = [] if no_bundled else _builtin_rules()
    for extra_rule in builtin:
        table.add_row(extra_rule.id, extra_rule.severity, ", ".join(extra_rule.tags),
                      f"{extra_rule.title}（程序内置，--expiring-within 启用）")
    console = _console()
    console.print(table)
    console.print(f"{len(ruleset.rules) + len(builtin)} 条规则")


def _builtin_rules() -> list[Any]:
    """The checks written in Python (the expiry checks): listed and shown like the rules of rule files."""
    from normcheck.expiry import EXPIRY_RULES

    return list(EXPIRY_RULES)


@rules_group.command(name="show")
@click.argument("rule_id")
@_rule_options
def show_rule(rule_id: str, extra: tuple[Path, ...], no_bundled: bool) -> None:
    """显示一条规则的全部内容：依据、消息、示例以及它编译成的检查。"""
    ruleset = _load(extra, no_bundled)
    rule = ruleset.get(rule_id)
    from rich.markup import escape

    from normcheck.authoring.describe import describe_rule

    builtin = next((r for r in _builtin_rules() if r.id == rule_id), None) if rule is None else None
    if builtin is not None:
        console = _console()
        console.print(f"[bold]{escape(builtin.id)}[/bold]  {escape(builtin.title)}")
        for label, value in (("实现", "程序内置检查（normcheck/expiry.py），规则文件无法表示“今天”；由 --expiring-within "
                                      "或配置项 expiring-within 启用"),
                             ("严重程度", builtin.severity), ("标签", ", ".join(builtin.tags)), ("依据", builtin.basis),
                             ("消息", builtin.message), ("修改建议", builtin.fix)):
            console.print(f"{label}：{escape(value)}")
        return
    if rule is None:
        click.echo(f"没有编号为 {rule_id} 的规则", err=True)
        sys.exit(2)

    console = _console()
    console.print(f"[bold]{escape(rule.id)}[/bold]  {escape(rule.title)}")
    for label, value in (("文件", f"{rule.file}:{rule.line}"), ("严重程度", rule.severity),
                         ("标签", ", ".join(rule.tags)), ("依据", rule.basis), ("消息", rule.message),
                         ("修改建议", rule.fix)):
        console.print(f"{label}：{escape(value)}")
    console.print("检查：")
    for line in describe_rule(rule.checks):
        console.print("  " + escape(line))
    console.print("示例：")
    for example in rule.examples:
        kind = "应报告" if example.kind == "fail" else "不应报告"
        text = ("文件 " if example.is_file else "") + example.text.replace("\n", " ⏎ ")
        console.print(f"  {example.kind}（{kind}）：{escape(text)}")


@rules_group.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_rule_options
def test_rules(paths: tuple[Path, ...], extra: tuple[Path, ...], no_bundled: bool) -> None:
    """运行规则的全部示例（PATH 给出时只测试这些文件中的规则）。"""
    from normcheck.authoring.examples import run_examples
    from normcheck.dsl.loader import rule_files
    from normcheck.errors import RuleError

    ruleset = _load(extra + paths, no_bundled)
    selected = None
    if paths:
        try:
            wanted = {f.resolve() for f in rule_files(paths)}
        except RuleError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        selected = [rule.id for rule in ruleset.rules if Path(rule.file).resolve() in wanted]
    results = run_examples(ruleset, selected)
    _warn(ruleset)
    failed = [r for r in results if not r.ok]
    for result in failed:
        click.echo(f"FAIL {result.rule} ({result.file}:{result.line}) example {result.kind}: {result.detail}")
    passed = len(results) - len(failed)
    click.echo(f"{passed} passed, {len(failed)} failed")
    if failed:
        sys.exit(1)


@rules_group.command(name="check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_rule_options
def check_rules(paths: tuple[Path, ...], extra: tuple[Path, ...], no_bundled: bool) -> None:
    """只解析和检查规则文件（不运行示例）。"""
    ruleset = _load(extra + paths, no_bundled)
    _warn(ruleset)
    click.echo(f"OK: {len(ruleset.rules)} 条规则，{len(ruleset.files)} 个文件")


@rules_group.command(name="docs")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/rules"))
@click.option("--check", is_flag=True, help="只检查文档是否与规则文件一致，不一致时退出码为 1。")
@_rule_options
def docs_command(folder: Path, check: bool, extra: tuple[Path, ...], no_bundled: bool) -> None:
    """根据规则文件生成各规则包文档中的“规则一览”（默认写入 docs/rules/）。"""
    from normcheck.authoring.ruledocs import pages

    ruleset = _load(extra, no_bundled)
    stale = []
    for path, content in sorted(pages(ruleset.rules, folder).items()):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == content:
            continue
        stale.append(path)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for path in stale:
        click.echo(f"{'过期' if check else '已更新'}：{path}")
    if check and stale:
        sys.exit(1)
