"""``load_rules``: read rule files (bundled and given), follow includes, load data files, apply parameter
overrides, check and compile every rule into one ``RuleSet``."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normcheck import safeio
from normcheck.dsl import ast, cache
from normcheck.dsl.checker import CompiledRule, compile_rule
from normcheck.dsl.compiler import MAX_TERM_CHARS, Library
from normcheck.dsl.lexicon import MAX_FILE_CHARS
from normcheck.dsl.params import convert_param
from normcheck.dsl.parser import grammar_text, parse_rules
from normcheck.errors import ConfigError, RuleError

MAX_DATA_FILE_BYTES = 5_000_000
# C0 control characters other than tab, line feed, form feed and carriage return never occur in a rule or
# data file; a file holding them is something else and is not echoed in an error.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_INCLUDE_DEPTH = 50


@dataclass(eq=False)
class RuleSet:
    """Compiled rules in file order, the known tags, the effective params and load warnings (Chinese)."""

    rules: list[CompiledRule]
    tags: set[str]
    params: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    library: Library | None = None

    def get(self, rule_id: str) -> CompiledRule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def __iter__(self) -> Any:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def bundled_rules_dir() -> Path:
    """The folder of the bundled packs: installed as normcheck.bundled_rules, or rules/ in a checkout."""
    try:
        from importlib import resources

        folder = Path(str(resources.files("normcheck.bundled_rules")))
        if folder.is_dir():
            return folder
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (all ``*.rules`` below, sorted) into rule files."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.rules")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError(f"找不到规则文件或文件夹：{raw}", str(raw))
    return files


def load_rules(paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True,
               params: dict[str, Any] | None = None) -> RuleSet:
    """Load, check and compile rule files. Raises RuleError (file:line:col) or ConfigError (params)."""
    files = (rule_files([bundled_rules_dir()]) if bundled else []) + rule_files(paths)
    loader = _Loader()
    for path in files:
        loader.load_file(path)
    return loader.finish(params or {})


class _Loader:
    def __init__(self) -> None:
        self.lib = Library()
        self.seen: set[Path] = set()
        self.files: list[str] = []
        self.rules: list[tuple[ast.RuleNode, str]] = []
        self.declared_tags: set[str] | None = None
        self.depth = 0

    def load_file(self, path: Path, include_pos: tuple[str, ast.Pos] | None = None) -> None:
        resolved = path.resolve()
        if resolved in self.seen:
            return
        self.seen.add(resolved)
        shown = _display(path)
        if include_pos is not None and self.depth >= MAX_INCLUDE_DEPTH:
            raise self.lib.error(f"include 嵌套过深（超过 {MAX_INCLUDE_DEPTH} 层）", *include_pos)
        try:
            # UTF-8 needs at most 4 bytes a character: a larger file cannot be within the limit.
            text = safeio.read_bytes(path, 4 * MAX_FILE_CHARS).decode("utf-8-sig")
        except safeio.FileTooLarge:
            raise RuleError(f"规则文件过大（超过 {MAX_FILE_CHARS} 个字符），请拆分为多个文件", shown, 1, 1) from None
        except (OSError, UnicodeDecodeError) as exc:
            problem = "不是 UTF-8 编码" if isinstance(exc, UnicodeDecodeError) else f"无法读取（{safeio.reason(exc)}）"
            if include_pos is not None:
                raise self.lib.error(f"被包含的规则文件“{safeio.shown(path)}”{problem}", *include_pos) from None
            raise RuleError(f"规则文件{problem}", shown) from None
        if _CONTROL.search(text):
            # Not a rule file (a binary file, /proc/self/environ...): none of its text is echoed.
            if include_pos is not None:
                raise self.lib.error(f"被包含的文件“{safeio.shown(path)}”不是规则文件（含有控制字符）", *include_pos)
            raise RuleError("不是规则文件（含有控制字符）", shown)
        self.lib.sources[shown] = text.splitlines()
        rule_file = self._parse(text, shown)
        self.files.append(shown)
        self.depth += 1
        try:
            for statement in rule_file.statements:
                self._statement(statement, path, shown)
        finally:
            self.depth -= 1

    def _parse(self, text: str, shown: str) -> ast.RuleFile:
        key = cache.cache_key(cache.parser_fingerprint(grammar_text()), text)
        cached = cache.load(key)
        if cached is not None:
            cached.path = shown
            return cached
        parsed = parse_rules(text, shown)
        cache.store(key, parsed)
        return parsed

    def _define(self, name: str, shown: str, pos: ast.Pos) -> None:
        if name in self.lib.defined_at:
            first_file, first_pos = self.lib.defined_at[name]
            raise self.lib.error(f"名称“{name}”重复定义（首次定义于 {first_file}:{first_pos[0]}）", shown, pos)
        self.lib.defined_at[name] = (shown, pos)

    def _statement(self, st: ast.Statement, path: Path, shown: str) -> None:
        if isinstance(st, ast.Include):
            target = path.parent / st.path
            if target.suffix != ".rules":
                raise self.lib.error(f"include 只能引用 .rules 规则文件，“{st.path}”不是", shown, st.pos)
            if not target.is_file():
                raise self.lib.error(f"找不到被包含的规则文件“{st.path}”（路径相对于本文件所在的文件夹）", shown, st.pos)
            self.load_file(target, (shown, st.pos))
        elif isinstance(st, ast.TagsDecl):
            self.declared_tags = (self.declared_tags or set()) | {tag for tag, _ in st.tags}
        elif isinstance(st, ast.ParamDecl):
            self._define(st.name, shown, st.pos)
            self.lib.params[st.name] = st.value
        elif isinstance(st, ast.ListDecl):
            self._define(st.name, shown, st.pos)
            terms = st.terms if st.terms is not None else self._data_lines(path, shown, st)
            for term in terms:
                if len(term) > MAX_TERM_CHARS or not term.strip():
                    raise self.lib.error(f"列表“{st.name}”中有空的或过长的词（最多 {MAX_TERM_CHARS} 个字符）",
                                         shown, st.pos)
            self.lib.lists[st.name] = tuple(terms)
        elif isinstance(st, ast.MapDecl):
            self._define(st.name, shown, st.pos)
            self.lib.maps[st.name] = self._data_map(path, shown, st)
        elif isinstance(st, ast.PatternDecl):
            self._define(st.name, shown, st.pos)
            self.lib.patterns[st.name] = (st, shown)
        else:
            self.rules.append((st, shown))

    def _read_data(self, path: Path, shown: str, st: ast.ListDecl | ast.MapDecl) -> list[tuple[int, str]]:
        target = path.parent / (st.path or "")
        try:
            text = safeio.read_bytes(target, MAX_DATA_FILE_BYTES).decode("utf-8-sig")
        except safeio.FileTooLarge:
            raise self.lib.error(f"数据文件“{st.path}”过大（超过 5 MB）", shown, st.pos) from None
        except FileNotFoundError:
            raise self.lib.error(f"找不到数据文件“{st.path}”（路径相对于本规则文件所在的文件夹）", shown, st.pos) from None
        except (OSError, UnicodeDecodeError):
            raise self.lib.error(f"无法读取数据文件“{st.path}”（应为 UTF-8 文本的普通文件）", shown, st.pos) from None
        if _CONTROL.search(text):
            raise self.lib.error(f"数据文件“{st.path}”不是文本文件（含有控制字符）", shown, st.pos)
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                rows.append((number, line.rstrip("\r\n")))
        return rows

    def _data_lines(self, path: Path, shown: str, st: ast.ListDecl) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.strip() for _, line in self._read_data(path, shown, st)))

    def _data_map(self, path: Path, shown: str, st: ast.MapDecl) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for number, line in self._read_data(path, shown, st):
            key, tab, value = line.partition("\t")
            if not tab or not key.strip():
                raise RuleError(f"映射文件每行应为“键<Tab>值”，第 {number} 行不是",
                                _display(path.parent / st.path), number, 1, line)
            mapping[key.strip()] = value.strip()
        return mapping

    def finish(self, overrides: dict[str, Any]) -> RuleSet:
        for name, raw in overrides.items():
            if name not in self.lib.params:
                raise ConfigError(f"未知的参数“{name}”（规则文件中没有用 param 定义）")
            self.lib.params[name] = convert_param(name, self.lib.params[name], raw)
        for name, (decl, shown) in self.lib.patterns.items():
            self.lib.compile_matcher(ast.NameRef(name, False, decl.pos), shown)
        compiled: list[CompiledRule] = []
        first_seen: dict[str, tuple[str, int]] = {}
        warnings: list[str] = []
        for node, shown in self.rules:
            if node.id in first_seen:
                where = first_seen[node.id]
                raise self.lib.error(f"规则编号 {node.id} 重复（首次定义于 {where[0]}:{where[1]}）", shown, node.pos)
            first_seen[node.id] = (shown, node.pos[0])
            rule = compile_rule(node, shown, self.lib, self.declared_tags)
            if not rule.examples:
                warnings.append(f"{shown}:{node.pos[0]}: 规则 {node.id} 没有示例（example fail / example pass）")
            compiled.append(rule)
            self.lib.rules.append(rule)
        self.lib.validate_regexes()
        warnings.extend(dict.fromkeys(self.lib.warnings))
        tags = set(self.declared_tags or ()) | {tag for rule in compiled for tag in rule.tags}
        return RuleSet(compiled, tags, dict(self.lib.params), warnings, self.files, self.lib)


def _display(path: Path) -> str:
    try:
        return safeio.shown(os.path.relpath(path))
    except ValueError:
        return safeio.shown(path)
