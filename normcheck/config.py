"""Configuration: ``normcheck.toml`` or ``[tool.normcheck]`` in ``pyproject.toml``.

The file is found upward from the first checked path (or the working directory) unless ``--config`` names
it. Every key is validated here; rule IDs and tags are validated against the loaded rules by
``validate_against_rules`` because only the rule set knows them.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normcheck import safeio
from normcheck.errors import ConfigError
from normcheck.globmatch import GlobError, compile_glob, glob_match
from normcheck.model import SEVERITIES
from normcheck.report import FORMATS
from normcheck.review import Reviewer, parse_days, parse_review

MAX_CONFIG_BYTES = 4 * 1024 * 1024
CONFIG_NAMES = ("normcheck.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
KNOWN_KEYS = frozenset({"select", "ignore", "severity", "rules", "params", "include", "exclude", "fail-on",
                        "format", "waivers", "cache", "review", "expiring-within"})
WAIVER_KEYS = frozenset({"path", "rule", "reason"})


@dataclass(frozen=True, slots=True)
class Waiver:
    """A decision that one rule does not apply to some files (豁免), with the reason recorded."""

    path: str
    rule: str
    reason: str

    def matches_path(self, relative: str) -> bool:
        return glob_match(self.path, relative)


@dataclass(slots=True)
class Config:
    """A loaded configuration; ``root`` is the folder relative paths and globs are resolved against."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str | None = None
    format: str | None = None
    waivers: list[Waiver] = field(default_factory=list)
    cache: bool = True
    review: Reviewer = field(default_factory=Reviewer)
    expiring_within: int | None = None

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the config root, in POSIX form (absolute when outside the root)."""
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return resolved.as_posix()

    def wants(self, path: str | Path) -> bool:
        """Whether a discovered target passes the include/exclude globs."""
        rel = self.relative(path)
        if self.include and not any(glob_match(g, rel) for g in self.include):
            return False
        return not any(glob_match(g, rel) for g in self.exclude)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``normcheck.toml`` or ``pyproject.toml`` with ``[tool.normcheck]``, upward from ``start``."""
    here = (start or Path.cwd()).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "normcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(safeio.read_text(pyproject, MAX_CONFIG_BYTES))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data.get("tool"), dict) and "normcheck" in data["tool"]


def load_config(path: Path) -> Config:
    """Read and validate a configuration file; any mistake is a one-line ``ConfigError``."""
    shown = safeio.shown(path)
    try:
        data = tomllib.loads(safeio.read_text(path, MAX_CONFIG_BYTES))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: 配置文件不存在") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: 无法读取配置文件（{safeio.reason(exc)}）") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: 无法读取配置文件（不是 UTF-8 编码）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: TOML 格式错误：{exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{shown}: TOML 格式错误（{exc.__class__.__name__}）") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("normcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{shown}: [tool.normcheck] 应为一个表")
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate a configuration mapping (the table of ``normcheck.toml``)."""
    where = f"{safeio.shown(path)}: " if path else ""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}配置应为一个表")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}未知的配置项：{', '.join(unknown)}")
    root = path.resolve().parent if path else Path.cwd()
    config = Config(path=path, root=root)
    config.select = _string_list(data, "select", where)
    config.ignore = _string_list(data, "ignore", where)
    config.include = _string_list(data, "include", where)
    config.exclude = _string_list(data, "exclude", where)
    config.rules = [root / p for p in _string_list(data, "rules", where)]
    config.severity = _severity_map(data.get("severity", {}), where)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise ConfigError(f"{where}params 应为一个表（[params]）")
    config.params = dict(params)
    config.fail_on = _choice(data, "fail-on", FAIL_ON, where)
    config.format = _choice(data, "format", FORMATS, where)
    config.waivers = _waivers(data.get("waivers", []), where)
    _check_globs(config.include, "include", where)
    _check_globs(config.exclude, "exclude", where)
    _check_globs((w.path for w in config.waivers), "waivers", where)
    cache = data.get("cache", True)
    if not isinstance(cache, bool):
        raise ConfigError(f"{where}cache 应为 true 或 false")
    config.cache = cache
    config.review = parse_review(data.get("review", {}), root, where)
    if "expiring-within" in data:
        config.expiring_within = parse_days(data["expiring-within"], f"{where}expiring-within：")
    return config


def _string_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}{key} 应为字符串列表")
    return list(value)


def _choice(data: dict[str, Any], key: str, choices: Iterable[str], where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in choices:
        raise ConfigError(f"{where}{key} 的取值 {value!r} 无效，可选：{'、'.join(choices)}")
    return str(value)


def _severity_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}severity 应为一个表（规则编号 = 级别）")
    for rule, level in value.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}severity.{rule} 的级别 {level!r} 无效，可选：{'、'.join(SEVERITIES)}")
    return dict(value)


def _waivers(value: Any, where: str) -> list[Waiver]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}waivers 应写成 [[waivers]] 表数组")
    waivers = []
    for number, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}第 {number} 个豁免（[[waivers]]）应为一个表")
        unknown = sorted(set(entry) - WAIVER_KEYS)
        if unknown:
            raise ConfigError(f"{where}第 {number} 个豁免含未知的配置项：{', '.join(unknown)}")
        for key in ("path", "rule", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ConfigError(f"{where}第 {number} 个豁免缺少 {key}（豁免必须写明文件、规则和理由）")
        waivers.append(Waiver(path=entry["path"], rule=entry["rule"], reason=entry["reason"].strip()))
    return waivers


def validate_against_rules(config: Config, rule_ids: set[str], tags: set[str]) -> None:
    """Fail on rule IDs or tags the rule set does not know: a typo must not silently select nothing."""
    where = f"{config.path}: " if config.path else ""
    names = rule_ids | tags
    for key, values in (("select", config.select), ("ignore", config.ignore)):
        for value in values:
            if value not in names:
                raise ConfigError(f"{where}{key} 中的 {value} 不是已知的规则编号或标签")
    for rule in config.severity:
        if rule not in rule_ids:
            raise ConfigError(f"{where}severity 中的 {rule} 不是已知的规则编号")
    for waiver in config.waivers:
        if waiver.rule not in names:
            raise ConfigError(f"{where}豁免中的 {waiver.rule} 不是已知的规则编号或标签")


def _check_globs(patterns: Iterable[str], key: str, where: str) -> None:
    for pattern in patterns:
        try:
            compile_glob(pattern)
        except GlobError as exc:
            raise ConfigError(f"{where}{key} 中的通配符无效：{exc}") from None


_STARTER_TEMPLATE = '''\
# normcheck configuration. Every key is optional; remove what you do not need.
# Documentation: docs/configuration.md

# Rules to run, by rule ID or tag (default: all bundled rules).
# select = ["consultation", "legality-review", "filing"]

# Rules to skip, by rule ID or tag.
# ignore = []

# Extra rule files or folders, relative to this file.
# rules = ["rules/local.rules"]

# Which documents to check below this folder (globs; a folder name covers everything in it).
# include = ["**/*.docx"]
exclude = ["~$*"]

# Exit with 1 when a finding of this severity or higher is found: error, warning, info or never.
fail-on = "error"

# Output format: text, json, sarif, junit, github, html or opinion (the review opinion, a .docx: needs --output).
# format = "text"

# Report documents whose validity period ends within this window (warning) or has ended (error),
# as --expiring-within does: 90d, 12w, 3m, 1y.
# expiring-within = "90d"

# Reuse the stored results of unchanged documents (false: check everything on every run, as --no-cache).
# cache = true

# Severity overrides, rule ID = error | warning | info.
[severity]
# "FILE-003" = "warning"

# Values the rules read with `param NAME` (province-specific figures). Keys that are not plain ASCII
# need quotes in TOML. The bundled parameters and their defaults:
[params]
{params}
# The reviewer (审查人) who signs the review opinion (--format opinion) and is the author of the comments
# (--annotate) and tracked changes (--suggest); times are shown in this time zone (default: the system's).
[review]
# name = "张三"
# initials = "张三"
# office = "前进区司法局"
# timezone = "Asia/Shanghai"
# opinion-title = "关于《{title}》的合法性审查意见"
# template = "审查意见模板.docx"

# Waivers (豁免): a rule that does not apply to some files. The reason is mandatory.
# [[waivers]]
# path = "archive/2019/*.docx"
# rule = "CONSULT-001"
# reason = "2019年的文件，征求意见材料以纸质方式存档"
'''


def _toml_value(value: Any) -> str:
    from normcheck.structure.facts import Duration

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Duration):
        return f'"{value.amount} {value.unit}s"'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_config(params: dict[str, Any]) -> str:
    """The commented starter ``normcheck.toml``; ``params`` (name → default) are listed commented out."""
    lines = "".join(f'# "{name}" = {_toml_value(value)}\n' for name, value in params.items())
    return _STARTER_TEMPLATE.replace("{params}", lines or "# (none)\n")


# The starter text without the list of bundled parameters (for callers that have no rule set).
STARTER = starter_config({})
