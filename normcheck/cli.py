"""The command line: ``normcheck PATH...`` plus the subcommands ``rules``, ``dump`` and ``init``.

Heavy modules (rich, lark, python-docx) are imported only by the code paths that use them, so that
``normcheck --version`` and a single-file check start fast.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from normcheck import cli_zh
from normcheck.cli_support import fail, found_config, os_error_line, printable_line
from normcheck.config import FAIL_ON, Config, load_config, starter_config
from normcheck.errors import ConfigError, InputError, NormcheckError
from normcheck.model import SEVERITY_RANK, FileResult
from normcheck.report import FORMATS
from normcheck.review import Reviewer
from normcheck.structure.vocab import MODES
from normcheck.version import __version__

if TYPE_CHECKING:
    from normcheck.pipeline import Outcome

cli_zh.install()

DEFAULT_MAX_MEMORY = 2048


def _rules_command() -> click.Command:
    try:
        from normcheck.rules_cli import rules_group
    except ImportError:
        @click.command("rules", context_settings={"ignore_unknown_options": True})
        @click.argument("args", nargs=-1, type=click.UNPROCESSED)
        def unavailable(args: tuple[str, ...]) -> None:
            fail("rules: 此版本未安装规则管理子命令（normcheck.rules_cli）")

        return unavailable
    return rules_group


@click.command("dump")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--parts", is_flag=True, help="同时显示页眉、页脚、脚注、尾注和批注。")
@click.option("--structure", is_flag=True,
              help="显示 normcheck 对文件的理解：模式、要素事实、组成部分、段落角色、条款。")
@click.option("--mode", type=click.Choice(MODES), help="与 --structure 同用：按此模式读取 FILE。")
def dump_command(file: Path, parts: bool, structure: bool, mode: str | None) -> None:
    """按阅读顺序显示 normcheck 从 FILE 读到的文字，每段一行（含自动编号）。"""
    from normcheck.reader import dump_text, read_path

    try:
        doc = read_path(file)
    except InputError as exc:
        fail(f"{file}: {exc.message}")
    if structure:
        from normcheck.structure import analyze
        from normcheck.structure.view import structure_text

        text = structure_text(doc, analyze(doc, mode=mode))
    else:
        text = dump_text(doc, parts)
    click.echo(text, nl=not text.endswith("\n"))


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def init_command(folder: Path) -> None:
    """在 FOLDER（默认：当前文件夹）中生成带注释的配置文件 normcheck.toml。"""
    from normcheck.dsl import load_rules
    from normcheck.output import write_atomic

    target = folder / "normcheck.toml"
    if target.exists():
        fail(f"{target}: 文件已存在，未覆盖")
    try:
        write_atomic(target, starter_config(load_rules().params))
    except OSError as exc:
        fail(os_error_line(exc))
    click.echo(f"已写入 {target}", err=True)


def _laws_command() -> click.Command:
    from normcheck.laws_cli import laws_group

    return laws_group


SUBCOMMANDS: dict[str, Callable[[], click.Command]] = {
    "rules": _rules_command,
    "laws": _laws_command,
    "dump": lambda: dump_command,
    "init": lambda: init_command,
    "ledger": lambda: _ledger_command(),
}


def _ledger_command() -> click.Command:
    from normcheck.ledger_cli import ledger_command

    return ledger_command


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from normcheck.laws.register import register_date

    click.echo(f"normcheck {__version__}（法律法规库 {register_date()}）")
    ctx.exit()


SUBCOMMAND_HELP = [
    ("rules list|show ID|test [PATH...]", "列出、查看和测试规则。"),
    ("dump FILE [--parts] [--structure]", "显示 normcheck 读到的文字（--structure：读到的要素和结构）。"),
    ("laws show TITLE | search WORDS", "查询引用检查所用的法律法规库。"),
    ("init [FOLDER]", "生成带注释的配置文件 normcheck.toml。"),
    ("ledger PATH... --output 台账.xlsx|.csv", "检查并生成审查台账（每份文件一行，含有效期状态）。"),
]


class NormcheckCommand(click.Command):
    """``normcheck PATH...`` that hands over to a subcommand when the first argument names one.

    A document literally named like a subcommand is checked as ``./rules``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in SUBCOMMANDS:
            ctx.meta["normcheck.subcommand"] = (args[0], args[1:])
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        sub = ctx.meta.get("normcheck.subcommand")
        if sub is None:
            return super().invoke(ctx)
        name, rest = sub
        command = SUBCOMMANDS[name]()
        with command.make_context(name, rest, parent=ctx) as sub_ctx:
            return command.invoke(sub_ctx)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("子命令"):
            formatter.write_dl(SUBCOMMAND_HELP)
        formatter.write_paragraph()
        formatter.write_text("退出码：0 没有达到 --fail-on 级别的问题；1 有；"
                             "2 用法错误、规则或配置有误、或有文件无法读取（2 优先于 1）。")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class _InputPath(click.Path):
    """A path to check: an empty one is a usage error (it is not the current folder); unreadable is fine."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("路径不能为空", param, ctx)
        return super().convert(value, param, ctx)


@click.command(cls=NormcheckCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=_InputPath(path_type=Path, readable=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="报告格式（默认：text）；opinion 为审查意见书（.docx，须用 --output 指定文件）。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="把报告写入此文件。")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="另外加载的规则文件或文件夹（可重复）。")
@click.option("--select", multiple=True, help="只运行这些规则编号或标签（逗号分隔）。")
@click.option("--ignore", multiple=True, help="不运行这些规则编号或标签（逗号分隔）。")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="达到此级别的问题使退出码为 1。")
@click.option("--mode", type=click.Choice(MODES),
              help="把每个输入当作单独一份文件（document）或一套报送材料（package）检查（默认：自动判断）。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="并行进程数（默认：CPU 核数）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="配置文件（默认：向上查找 normcheck.toml 或 pyproject.toml）。")
@click.option("--annotate", type=click.Path(file_okay=False, path_type=Path),
              help="在此文件夹中为每份 .docx 生成带 Word 批注的副本（每个问题一条批注）。")
@click.option("--suggest", type=click.Path(file_okay=False, path_type=Path),
              help="在此文件夹中为每份 .docx 生成修订副本：能机械修改的问题以 Word 修订（审查人署名）提出，旁附批注。")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="只报告此基线文件中没有记录的问题。")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="把本次发现的问题记录到此基线文件。")
@click.option("--expiring-within", metavar="期限",
              help="报告有效期在此期限内届满（警告 FILE-EXP-001）或已届满（错误 FILE-EXP-002）的文件，如 90d、3m、1y。")
@click.option("--no-color", is_flag=True, help="不使用颜色。")
@click.option("--debug", is_flag=True, help="内部错误时显示调用栈。")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              help="每个文件允许的检查时间（秒）。")
@click.option("--no-cache", is_flag=True, help="重新检查每个文件，不使用已保存的结果。")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY, show_default=True,
              metavar="MB", help="检查文件的进程的内存上限（MB，工作进程或 normcheck 本身；0 表示不限）。")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="显示版本号（及法律法规库的日期）并退出。")
def cli(paths: tuple[Path, ...], fmt: str | None, output: Path | None, rule_paths: tuple[Path, ...],
        select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, mode: str | None, jobs: int | None,
        config_path: Path | None, annotate: Path | None, suggest: Path | None, baseline: Path | None, write_baseline: Path | None,
        expiring_within: str | None, no_color: bool, debug: bool, timeout: float, no_cache: bool, max_memory: int) -> None:
    """按规则检查行政规范性文件（.docx、.txt、.md 文件，文件夹或通配符）。"""
    if not paths:
        fail("缺少要检查的文件或文件夹（normcheck PATH...；normcheck --help 查看用法）")
    try:
        config = load_config(config_path) if config_path else found_config(paths[0])
    except ConfigError as exc:
        fail(str(exc))
    from normcheck.pipeline import merge_selection

    selected, ignored = merge_selection(config, _split(select), _split(ignore))
    options = CheckOptions(
        paths=list(paths), fmt=fmt or config.format or "text", output=output,
        rule_paths=[*config.rules, *rule_paths], select=selected, ignore=ignored,
        fail_on=fail_on or config.fail_on or "error", mode=mode, jobs=jobs, annotate=annotate, suggest=suggest, baseline=baseline,
        write_baseline=write_baseline, color=not no_color, debug=debug, timeout=timeout,
        cache=config.cache and not no_cache, max_memory=max_memory,
        expiring_within=_window(expiring_within, config))
    try:
        code = run_check(options, config)
    except NormcheckError as exc:
        if debug:
            raise
        fail(str(exc))
    except OSError as exc:
        if debug:
            raise
        fail(os_error_line(exc))
    except KeyboardInterrupt:
        fail("已中断，检查未完成")
    sys.exit(code)


def _window(value: str | None, config: Config) -> int | None:
    """Days of ``--expiring-within`` (else of the configuration's ``expiring-within``), or None."""
    if value is None:
        return config.expiring_within
    from normcheck.review import parse_days

    try:
        return parse_days(value, "--expiring-within：")
    except ConfigError as exc:
        fail(str(exc))


@dataclass
class CheckOptions:
    """The check options after merging the command line over the configuration file."""

    paths: list[Path]
    fmt: str = "text"
    output: Path | None = None
    rule_paths: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    mode: str | None = None
    jobs: int | None = None
    annotate: Path | None = None
    suggest: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    color: bool = True
    debug: bool = False
    timeout: float | None = 300.0
    cache: bool = True
    max_memory: int = DEFAULT_MAX_MEMORY
    expiring_within: int | None = None


def run_check(options: CheckOptions, config: Config) -> int:
    """Check, report and return the exit code. Rule and config mistakes raise before any file is read."""
    from normcheck.pipeline import Request, run_pipeline
    from normcheck.report import CHECKLIST_FORMATS, render

    if options.fmt == "opinion" and (options.output is None or options.output.suffix.lower() != ".docx"):
        raise ConfigError("--format opinion 生成 Word 文件，须用 --output 指定 .docx 文件（如 --output 审查意见.docx）")
    shows_checklists = options.fmt in CHECKLIST_FORMATS
    request = Request(
        paths=options.paths, rule_paths=options.rule_paths, select=options.select, ignore=options.ignore,
        mode=options.mode, jobs=options.jobs, timeout=options.timeout, max_memory=options.max_memory,
        cache=_result_cache() if options.cache else None,
        keep_documents=options.annotate is not None or options.suggest is not None or options.fmt == "html",
        checklists=shows_checklists, expiring_within=options.expiring_within, baseline=options.baseline,
        write_baseline=options.write_baseline,
        protected=[(options.output, "报告"), (options.baseline, "基线"), (options.write_baseline, "基线")],
        progress=lambda total: _progress(total, options.color))
    outcome = run_pipeline(request, config)
    results = outcome.results
    _print_messages(outcome, options)
    annotated = (_annotate(results, options.annotate, outcome.inputs, config.review) if options.annotate is not None
                 else True)
    if options.suggest is not None:
        annotated = _suggest(results, options.suggest, outcome.inputs, outcome.selected.ruleset, config.review) and annotated

    report = render(options.fmt, results, rules=outcome.selected.ruleset,
                    baseline_suppressed=outcome.baseline_suppressed,
                    unmatched_waivers=[f"{w.path} {w.rule}" for w in outcome.unmatched_waivers], version=__version__,
                    color=_wants_color(options), fail_on=options.fail_on, reviewer=config.review,
                    checklists=outcome.checklists if shows_checklists else None)
    if options.output is not None:
        from normcheck.output import write_atomic

        write_atomic(options.output, report)
    elif isinstance(report, str):
        click.echo(report, nl=not report.endswith("\n"))
    return exit_code(results, options.fail_on, failed=not annotated)


def _print_messages(outcome: Outcome, options: CheckOptions) -> None:
    """On stderr: what loading the rules noticed (a pack replaced, a pattern that can never match), nothing
    to check, the inputs that could not be checked, unused waivers, the baseline."""
    messages = getattr(outcome.selected.ruleset, "messages", None)
    for line in messages() if messages is not None else ():
        click.echo(printable_line(line), err=True)
    if not outcome.targets:
        click.echo("normcheck: 警告：没有要检查的文件（均被配置中的 include/exclude 排除）", err=True)
    for result in outcome.results:
        if result.error is not None:
            click.echo(printable_line(f"normcheck: {result.path}: {result.error.message}"), err=True)
            if options.debug and result.path in outcome.tracebacks:
                click.echo(outcome.tracebacks[result.path], err=True)
    for waiver in outcome.unmatched_waivers:
        click.echo(f"normcheck: 警告：豁免未匹配任何问题：{waiver.path} {waiver.rule}", err=True)
    if outcome.baseline_written is not None:
        click.echo(f"normcheck: 已将 {outcome.baseline_written} 个问题记录到基线 {options.write_baseline}", err=True)
    if outcome.baseline_suppressed:
        click.echo(f"normcheck: 基线中已记录的 {outcome.baseline_suppressed} 个问题未予报告", err=True)


def _result_cache() -> Any:
    from normcheck.cache import ResultCache

    return ResultCache()


def _wants_color(options: CheckOptions) -> bool:
    """Colour only for a terminal, and never with --no-color or the NO_COLOR convention."""
    return (options.color and options.output is None and "NO_COLOR" not in os.environ
            and sys.stdout.isatty())


def _annotate(results: list[FileResult], folder: Path, inputs: set[Path], reviewer: Reviewer) -> bool:
    """Write the annotated copies; returns False when one could not be written."""
    from normcheck.report.annotate import annotate_results

    ok = True
    for source, outcome in annotate_results(results, folder, inputs, reviewer):
        if isinstance(outcome, NormcheckError):
            click.echo(printable_line(f"normcheck: {source}: {outcome}"), err=True)
            ok = False
        else:
            click.echo(printable_line(f"normcheck: 已生成批注副本 {outcome}"), err=True)
    return ok


def _suggest(results: list[FileResult], folder: Path, inputs: set[Path], ruleset: Any, reviewer: Reviewer) -> bool:
    """Write the copies with tracked changes; returns False when one could not be written."""
    from normcheck.suggest import suggest_results

    ok = True
    for source, outcome, count in suggest_results(results, folder, inputs, ruleset, reviewer):
        if isinstance(outcome, NormcheckError):
            click.echo(printable_line(f"normcheck: {source}: {outcome}"), err=True)
            ok = False
        else:
            click.echo(printable_line(f"normcheck: 已生成修订副本 {outcome}（{count} 处修订）"), err=True)
    return ok


def exit_code(results: list[FileResult], fail_on: str, *, failed: bool = False) -> int:
    """0, 1 or 2 as DESIGN.md fixes them: 2 (incomplete job) wins over 1 (findings at or above fail_on)."""
    if failed or any(result.error is not None for result in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    hit = any(SEVERITY_RANK.get(f.severity, 0) >= threshold for result in results for f in result.findings)
    return 1 if hit else 0


class _NoProgress:
    def __enter__(self) -> Callable[[], None] | None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(total: int, color: bool) -> Any:
    """A rich progress bar on stderr, only for an interactive terminal and more than a few files."""
    if total <= 3 or not sys.stderr.isatty():
        return _NoProgress()
    return _rich_progress(total, color)


@contextmanager
def _rich_progress(total: int, color: bool) -> Iterator[Callable[[], None]]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, no_color=not color)
    # Refreshed by hand: a refresh thread would be copied into forked workers.
    with Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, auto_refresh=False, transient=True) as bar:
        task = bar.add_task("check", total=total)

        def tick() -> None:
            bar.advance(task)
            bar.refresh()

        yield tick


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="normcheck")
