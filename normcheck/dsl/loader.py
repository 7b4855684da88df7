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
from normcheck.dsl.closest import did_you_mean
from normcheck.dsl.compiler import MAX_TERM_CHARS, Library
from normcheck.dsl.lexicon import MAX_FILE_CHARS
from normcheck.dsl.packs import beside_or_bundled, bundled_rules_dir, rule_files, sources
from normcheck.dsl.packs import display as _display
from normcheck.dsl.params import convert_param
from normcheck.dsl.parser import grammar_text, parse_rules
from normcheck.dsl.problems import RuleErrors, in_file_order
from normcheck.errors import ConfigError, RuleError

__all__ = ["RuleSet", "bundled_rules_dir", "load_rules", "rule_files"]

MAX_DATA_FILE_BYTES = 5_000_000
# C0 control characters other than tab, line feed, form feed and carriage return never occur in a rule or
# data file; a file holding them is something else and is not echoed in an error.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_INCLUDE_DEPTH = 50


@dataclass(eq=False)
class RuleSet:
    """Compiled rules in file order, the known tags (with the Chinese labels the rule files declare), the
    effective params, load warnings and notices (Chinese: a given file replacing a bundled pack)."""

    rules: list[CompiledRule]
    tags: set[str]
    params: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    library: Library | None = None
    tag_labels: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        """The lines to show on standard error after loading: notices, then warnings."""
        return ([f"normcheck: 提示：{notice}" for notice in self.notices]
                + [f"normcheck: 警告：{warning}" for warning in self.warnings])

    def get(self, rule_id: str) -> CompiledRule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def __iter__(self) -> Any:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def load_rules(paths: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True,
               params: dict[str, Any] | None = None) -> RuleSet:
    """Load, check and compile rule files. Raises RuleError — a ``RuleErrors`` listing every error found,
    each at file:line:column — or ConfigError (params). A given file named like a bundled pack replaces it."""
    found = sources(paths, bundled)
    loader = _Loader(found.replaced)
    for path in found.files:
        loader.load_file(path)
    ruleset = loader.finish(params or {})
    ruleset.notices = found.notices
    return ruleset


class _Loader:
    def __init__(self, replaced: dict[Path, Path] | None = None) -> None:
        self.lib = Library()
        self.seen: set[Path] = set()
        self.files: list[str] = []
        self.rules: list[tuple[ast.RuleNode, str]] = []
        self.declared_tags: set[str] | None = None
        self.tag_labels: dict[str, tuple[str, str, ast.Pos]] = {}
        self.replaced = replaced or {}
        self.depth = 0
        # A file that could not be read or parsed leaves names undefined: rules are then not compiled, so
        # that its error is not buried under the unknown names it causes.
        self.incomplete = False

    @property
    def errors(self) -> list[RuleError]:
        return self.lib.errors

    def load_file(self, path: Path, include_pos: tuple[str, ast.Pos] | None = None) -> None:
        path = self.replaced.get(path.resolve(), path)
        resolved = path.resolve()
        if resolved in self.seen:
            return
        self.seen.add(resolved)
        try:
            text = self._read(path, include_pos)
            shown = _display(path)
            self.lib.sources[shown] = text.splitlines()
            rule_file = self._parse(text, shown)
        except RuleError as exc:
            self.errors.append(exc)
            self.incomplete = True
            return
        self.files.append(shown)
        self.depth += 1
        try:
            for statement in rule_file.statements:
                with self.lib.collecting():
                    self._statement(statement, path, shown)
        finally:
            self.depth -= 1

    def _read(self, path: Path, include_pos: tuple[str, ast.Pos] | None) -> str:
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
        return text

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
            target = beside_or_bundled(path.parent, st.path)
            if target.suffix != ".rules":
                raise self.lib.error(f"include 只能引用 .rules 规则文件，“{st.path}”不是", shown, st.pos)
            if not target.is_file():
                self.incomplete = True
                raise self.lib.error(f"找不到被包含的规则文件“{st.path}”（路径相对于本文件所在的文件夹）", shown, st.pos)
            self.load_file(target, (shown, st.pos))
        elif isinstance(st, ast.TagsDecl):
            self.declared_tags = (self.declared_tags or set()) | {tag for tag, _ in st.tags}
            for tag, label, pos in st.labels:
                self._label(tag, label, shown, pos)
        elif isinstance(st, ast.ParamDecl):
            self._define(st.name, shown, st.pos)
            self.lib.params[st.name] = st.value
        elif isinstance(st, ast.ListDecl):
            self._define(st.name, shown, st.pos)
            self.lib.lists[st.name] = ()
            terms = st.terms if st.terms is not None else self._data_lines(path, shown, st)
            for term in terms:
                if len(term) > MAX_TERM_CHARS or not term.strip():
                    raise self.lib.error(f"列表“{st.name}”中有空的或过长的词（最多 {MAX_TERM_CHARS} 个字符）",
                                         shown, st.pos)
            self.lib.lists[st.name] = tuple(terms)
        elif isinstance(st, ast.MapDecl):
            self._define(st.name, shown, st.pos)
            self.lib.maps[st.name] = {}
            self.lib.maps[st.name] = self._data_map(path, shown, st)
        elif isinstance(st, ast.PatternDecl):
            self._define(st.name, shown, st.pos)
            self.lib.patterns[st.name] = (st, shown)
        else:
            self.rules.append((st, shown))

    def _label(self, tag: str, label: str, shown: str, pos: ast.Pos) -> None:
        if not label.strip():
            raise self.lib.error(f"标签“{tag}”的中文名称不能为空", shown, pos)
        if tag in self.tag_labels and self.tag_labels[tag][0] != label:
            first, first_file, first_pos = self.tag_labels[tag]
            raise self.lib.error(f"标签“{tag}”已有中文名称“{first}”（{first_file}:{first_pos[0]}），"
                                 f"不能再声明为“{label}”", shown, pos)
        self.tag_labels.setdefault(tag, (label, shown, pos))

    def _read_data(self, path: Path, shown: str, st: ast.ListDecl | ast.MapDecl) -> list[tuple[int, str]]:
        target = beside_or_bundled(path.parent, st.path or "")
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
                                _display(beside_or_bundled(path.parent, st.path)), number, 1, line)
            mapping[key.strip()] = value.strip()
        return mapping

    def finish(self, overrides: dict[str, Any]) -> RuleSet:
        if self.incomplete:
            raise RuleErrors(in_file_order(self.errors, self.files))
        for name, raw in overrides.items():
            if name not in self.lib.params:
                raise ConfigError(f"未知的参数“{name}”（规则文件中没有用 param 定义）"
                                  f"{did_you_mean(name, self.lib.params)}")
            self.lib.params[name] = convert_param(name, self.lib.params[name], raw)
        warnings: list[str] = []
        compiled = self._compile(warnings)
        if self.errors:
            raise RuleErrors(in_file_order(self.errors, self.files))
        warnings.extend(dict.fromkeys(self.lib.warnings))
        tags = set(self.declared_tags or ()) | {tag for rule in compiled for tag in rule.tags}
        labels = {tag: label for tag, (label, _, _) in self.tag_labels.items()}
        return RuleSet(compiled, tags, dict(self.lib.params), warnings, self.files, self.lib, labels)

    def _compile(self, warnings: list[str]) -> list[CompiledRule]:
        for name, (decl, shown) in self.lib.patterns.items():
            with self.lib.collecting():
                self.lib.compile_matcher(ast.NameRef(name, False, decl.pos), shown)
        compiled: list[CompiledRule] = []
        first_seen: dict[str, tuple[str, int]] = {}
        for node, shown in self.rules:
            if node.id in first_seen:
                where = first_seen[node.id]
                self.errors.append(self.lib.error(f"规则编号 {node.id} 重复（首次定义于 {where[0]}:{where[1]}）",
                                                  shown, node.pos))
                continue
            first_seen[node.id] = (shown, node.pos[0])
            rule = compile_rule(node, shown, self.lib, self.declared_tags)
            if rule is None:
                continue
            if not rule.examples:
                warnings.append(f"{shown}:{node.pos[0]}: 规则 {node.id} 没有示例（example fail / example pass）")
            compiled.append(rule)
            self.lib.rules.append(rule)
        self.lib.validate_regexes()
        return compiled

