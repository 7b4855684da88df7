"""Text of a rule file → ``RuleFile`` (the AST), or a ``RuleError`` that points at file:line:column.

The Lark LALR parser is built once per process, on first use.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from normcheck.dsl import syntax_errors
from normcheck.dsl.ast import RuleFile
from normcheck.dsl.lexicon import KEYWORDS, MAX_FILE_CHARS, MAX_TREE_DEPTH, source_line
from normcheck.errors import RuleError

if TYPE_CHECKING:
    from lark import Lark, Tree



@functools.cache
def grammar_text() -> str:
    return resources.files("normcheck.dsl").joinpath("rules.lark").read_text(encoding="utf-8")


_WORD_TERMINALS = {"LEVEL", "EXAMPLE_KIND", "UNIT", "BOUND", "DURATION_UNIT"}


@functools.cache
def _parser() -> Lark:
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=True, edit_terminals=_whole_word_keyword)


def _whole_word_keyword(terminal: Any) -> None:
    """Keywords match whole words only, so that "eachh" is one unknown word rather than "each" + "h",
    and win over names where both may stand ("title contains" vs a name "titles")."""
    from lark.lexer import PatternRE

    value = terminal.pattern.value
    if terminal.name in _WORD_TERMINALS:
        terminal.pattern = PatternRE(f"(?:{value})" + r"(?![A-Za-z0-9_\-])", terminal.pattern.flags)
    elif terminal.pattern.type == "str" and value.isidentifier():
        KEYWORDS[terminal.name] = value
        terminal.pattern = PatternRE(re.escape(value) + r"(?![A-Za-z0-9_\-])")
        terminal.priority = 2


def parse_rules(text: str, path: str = "<rules>") -> RuleFile:
    """Parse one rule file's text. Raises RuleError (never a Lark or Python exception)."""
    from lark.exceptions import LarkError, UnexpectedInput, VisitError

    lines = text.splitlines()
    if len(text) > MAX_FILE_CHARS:
        raise RuleError(f"规则文件过大（超过 {MAX_FILE_CHARS} 个字符），请拆分为多个文件", path, 1, 1,
                        lines[0] if lines else "")
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise syntax_errors.translate(exc, path, lines, _parser()) from None
    except LarkError as exc:  # pragma: no cover - Lark raises UnexpectedInput for every input error
        raise RuleError(f"无法解析规则文件：{exc}", path) from None
    _check_depth(tree, path, lines)
    from normcheck.dsl.transform import build_statements

    try:
        statements = build_statements(tree, path, lines)
    except VisitError as exc:
        if isinstance(exc.orig_exc, RuleError):
            raise exc.orig_exc from None
        raise RuleError(f"无法解析规则文件：{exc.orig_exc}", path) from None
    except RecursionError:  # pragma: no cover - bounded by _check_depth
        raise RuleError("规则嵌套层次过深", path) from None
    return RuleFile(path=path, statements=statements, lines=lines)


def _check_depth(tree: Tree[Any], path: str, lines: list[str]) -> None:
    """Reject absurdly nested rules before the (recursive) tree transformation touches them."""
    from lark import Tree

    stack: list[tuple[object, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if depth > MAX_TREE_DEPTH:
            line = getattr(node.meta, "line", 1)
            column = getattr(node.meta, "column", 1)
            raise RuleError("括号嵌套层次过深，请把规则拆成几个命名的模式（pattern）", path, line, column,
                            source_line(lines, line))
        stack.extend((child, depth + 1) for child in node.children)


