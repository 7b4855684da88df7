"""``normcheck ledger PATH... --output 台账.xlsx|.csv``: check, then write the review ledger (审查台账)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from normcheck.config import Config, load_config


@click.command("ledger")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="台账文件：.xlsx（Excel/WPS 表格）或 .csv。")
@click.option("--expiring-within", "window", metavar="期限",
              help="有效期在此期限内届满的标为“N天内届满”，如 90d、3m（默认：配置中的 expiring-within，否则 90d）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="配置文件（默认：向上查找 normcheck.toml 或 pyproject.toml）。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="并行进程数（默认：CPU 核数）。")
@click.option("--no-cache", is_flag=True, help="重新检查每个文件，不使用已保存的结果。")
@click.option("--today", hidden=True, help="把“今天”固定为此日期（YYYY-MM-DD），用于测试；同环境变量 NORMCHECK_TODAY。")
def ledger_command(paths: tuple[Path, ...], output: Path, window: str | None, config_path: Path | None,
                   jobs: int | None, no_cache: bool, today: str | None) -> None:
    """检查文件并生成审查台账：每份文件（或每套报送材料）一行，列出文号、发文机关、日期、有效期届满日期、
    有效期状态（有效 / N天内届满 / 已失效 / 未写明有效期）、按级别和标签统计的问题数和检查时间。"""
    import sys

    from normcheck.cli_support import fail, found_config, os_error_line
    from normcheck.errors import NormcheckError
    from normcheck.expiry import DEFAULT_WINDOW_DAYS
    from normcheck.review import parse_days

    if output.suffix.lower() not in (".xlsx", ".csv"):
        fail(f"{output}: 台账文件须以 .xlsx 或 .csv 结尾")
    try:
        config = load_config(config_path) if config_path else found_config(paths[0])
        days = parse_days(window, "--expiring-within：") if window else config.expiring_within or DEFAULT_WINDOW_DAYS
        day = _today(today, config)
        code = write_ledger(list(paths), output, config, days, day, jobs=jobs, cache=config.cache and not no_cache)
    except NormcheckError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(os_error_line(exc))
    sys.exit(code)


def _today(value: str | None, config: Config) -> dt.date:
    from normcheck.errors import ConfigError

    if value is None:
        return config.review.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--today 的值 {value!r} 不是 YYYY-MM-DD 格式的日期") from None


def write_ledger(paths: list[Path], output: Path, config: Config, window: int, today: dt.date, *,
                 jobs: int | None = None, cache: bool = True) -> int:
    """Check ``paths`` with the configured rules and write the ledger; returns the exit code (2 when an
    input could not be read, else 0: findings are the ledger's content, not a failure)."""
    from normcheck.ledger import build_ledger, render_ledger
    from normcheck.output import write_atomic
    from normcheck.pipeline import Request, merge_selection, run_pipeline
    from normcheck.report.labels import labels_of

    select, ignore = merge_selection(config)
    result_cache = None
    if cache:
        from normcheck.cache import ResultCache

        result_cache = ResultCache()
    request = Request(paths=paths, rule_paths=list(config.rules), select=select, ignore=ignore, jobs=jobs,
                      cache=result_cache, checklists=True, protected=[(output, "台账")])
    outcome = run_pipeline(request, config)
    results = outcome.results
    for result in results:
        if result.error is not None:
            click.echo(f"normcheck: {result.path}: {result.error.message}", err=True)
    checked_at = config.review.now().strftime("%Y-%m-%d %H:%M")
    ledger = build_ledger(results, outcome.checklists, today=today, window=window, checked_at=checked_at,
                          tag_labels=labels_of(outcome.selected.ruleset))
    write_atomic(output, render_ledger(ledger, output))
    click.echo(f"normcheck: 已写入台账 {output}（{len(results)} 行）", err=True)
    return 2 if any(r.error is not None for r in results) else 0
