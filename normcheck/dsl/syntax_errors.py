"""Lark's parse errors, retold for a legal officer: what was found, what belongs here, in plain Chinese."""
from __future__ import annotations

from typing import TYPE_CHECKING

from normcheck.errors import RuleError

if TYPE_CHECKING:
    from lark import Lark
    from lark.exceptions import UnexpectedInput

# Words for the named terminals of rules.lark.
_TERMINALS = {
    "LEVEL": "规则的严重程度（error、warning 或 info）",
    "STRING": "用英文双引号括起来的文字，例如 \"罚款\"",
    "REGEX": "正则表达式，例如 /处\\d+元以上罚款/",
    "RULE_ID": "规则编号（字母、数字和 -，例如 CONSULT-001）",
    "NAME": "名称（列表、模式、映射、参数或事实的名称）",
    "TAG": "标签名称",
    "INT": "整数",
    "DECIMAL": "数字",
    "DATE_LIT": "日期（如 2021-01-01）",
    "EXAMPLE_KIND": "fail（应当报告问题）或 pass（不应报告问题）",
    "UNIT": "article、paragraph 或 sentence",
    "COMPARE": "比较符号（< <= > >= == !=）",
    "DURATION_UNIT": "期限单位（years、months、days 或 workdays）",
    "BOUND": "least 或 most",
    "LBRACE": "左花括号 {",
    "RBRACE": "右花括号 }",
    "LPAR": "左括号 (",
    "RPAR": "右括号 )",
    "COMMA": "逗号 ,",
    "EQUAL": "等号 =",
    "VBAR": "竖线 |",
}

_STATEMENT_WORDS = ("include", "tags", "param", "list", "map", "pattern", "rule")
_RULE_ITEM_WORDS = ("severity", "tags", "basis", "message", "fix", "applies", "roles", "require", "forbid",
                    "assert", "when", "example")
_SCOPE_WORDS = ("document", "package", "title", "section", "chapter", "tables", "citations", "headers", "body",
                "each")


def translate(exc: UnexpectedInput, path: str, lines: list[str], parser: Lark) -> RuleError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    word = ""
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        expected = set(getattr(exc, "expected", ()) or ())
        line = len(lines) or 1
        column = len(lines[-1]) + 1 if lines else 1
        found = "规则文件在这里意外结束"
        if "RBRACE" in expected:
            found += "（可能缺少右花括号 }）"
    elif isinstance(exc, UnexpectedToken) and str(exc.token.value) == "/" and line is not None and column is not None \
            and 1 <= line <= len(lines) and "/" not in lines[line - 1][column:]:
        # A lone / (the division sign) where a matcher belongs: a regex that is never closed.
        expected, found = set(), "正则表达式缺少结尾的斜杠 /"
    elif isinstance(exc, UnexpectedToken):
        expected = set(exc.accepts or exc.expected)
        word = str(exc.token.value)
        start = _word_start(lines, line, column)
        if start is not None and column is not None and start < column and line is not None:
            word = lines[line - 1][start - 1:column - 1] + word
            column = start
        found = f"这里不能出现“{_shorten(word)}”"
    elif isinstance(exc, UnexpectedCharacters):
        expected = set(exc.allowed or ())
        column = _word_start(lines, line, column)
        found = _unexpected_characters(lines, line, column)
    else:  # pragma: no cover - the three above are all Lark raises for input errors
        expected, found = set(), "无法解析"
    hint = "" if found.startswith(("文字", "正则表达式", "括号")) else describe_expected(expected, parser)
    if isinstance(exc, UnexpectedToken):
        hint = _token_hint(exc.token, expected, parser) or hint
        suggestion = _closest_keyword(word, expected, parser)
        if suggestion:
            hint = f"{hint}；是不是“{suggestion}”？" if hint else f"是不是“{suggestion}”？"
    message = f"{found}，{hint}" if hint else found
    source = lines[line - 1] if line is not None and 1 <= line <= len(lines) else None
    return RuleError(message, path, line, column, source)


def _token_hint(token: object, expected: set[str], parser: Lark) -> str | None:
    """Likely causes of the commonest slips, said directly."""
    kind, value = getattr(token, "type", ""), str(getattr(token, "value", ""))
    if kind == "VBAR":
        return "unless 之后的内容如有多项，请加括号，例如 unless preceded by (\"不得\" | \"禁止\")"
    if value == "rule" and "RBRACE" in expected:
        return "上一条规则可能缺少表示结束的右花括号 }"
    if kind == "STRING" and "COMMA" in expected:
        return "多个词之间要用英文逗号 , 隔开"
    return None


def _word_start(lines: list[str], line: int | None, column: int | None) -> int | None:
    """Keywords match as prefixes ("eachh" lexes as "each" + "h"): point at the whole word instead."""
    if line is None or column is None or not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    start = column - 1
    while 0 < start <= len(text) - 1 and _is_word(text[start]) and _is_word(text[start - 1]):
        start -= 1
    return start + 1


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _unexpected_characters(lines: list[str], line: int | None, column: int | None) -> str:
    if line is None or column is None:
        return "这里有无法识别的内容"
    text = lines[line - 1][column - 1:] if 1 <= line <= len(lines) else ""
    if text.startswith('"'):
        return "文字缺少结尾的英文双引号 \""
    if text.startswith("/"):
        return "正则表达式缺少结尾的斜杠 /"
    if text[:1] in "“”":
        return "文字应当用英文双引号 \" 括起来，不能用中文引号"
    if text[:1] in "（）":
        return "括号应当用英文半角括号 ( )，不能用中文括号"
    word = text.split()[0] if text.split() else text[:1]
    return f"这里不能出现“{_shorten(word)}”"


def describe_expected(expected: set[str], parser: Lark) -> str:
    names = {name for name in expected if name != "$END"}
    words = {_keyword(parser, name) for name in names}
    words.discard(None)
    if "DURATION_UNIT" in names and "INT" not in names:
        return "这里应当是期限单位（years、months、days 或 workdays）"
    if set(_STATEMENT_WORDS) <= words:
        return "这里应当是一条语句（include、tags、param、list、map、pattern 或 rule）"
    if {"severity", "require", "example"} <= words:
        return "这里应当是规则的内容（" + "、".join(_RULE_ITEM_WORDS) + "）或表示规则结束的右花括号 }"
    if set(_SCOPE_WORDS) <= words:
        return "这里应当是查找范围（" + "、".join(_SCOPE_WORDS) + "）"
    parts: list[str] = []
    for name in sorted(names):
        keyword = _keyword(parser, name)
        if name in _TERMINALS:
            parts.append(_TERMINALS[name])
        elif keyword is not None:
            parts.append(keyword)
    if not parts:
        return ""
    if len(parts) > 8:
        parts = parts[:8] + ["……"]
    if len(parts) == 1:
        return f"这里应当是{parts[0]}"
    return "这里应当是" + "、".join(parts[:-1]) + " 或 " + parts[-1]


def _closest_keyword(word: str, expected: set[str], parser: Lark) -> str | None:
    """A misspelled keyword (forbidd, reqire, eachh): the expected keyword it is closest to."""
    import difflib

    if not word or not word.isascii() or not word.isalpha():
        return None
    keywords = [k for k in (_keyword(parser, name) for name in expected) if k and k.isalpha() and k != word]
    close = difflib.get_close_matches(word, keywords, n=1, cutoff=0.75)
    return close[0] if close else None


def _keyword(parser: Lark, name: str) -> str | None:
    """The literal text of an anonymous keyword terminal (e.g. ``__ANON_3`` or ``RULE`` → ``rule``)."""
    if name in _TERMINALS:
        return None
    from normcheck.dsl.lexicon import KEYWORDS

    if name in KEYWORDS:
        return KEYWORDS[name]
    try:
        pattern = parser.get_terminal(name).pattern
    except KeyError:
        return None
    if pattern.type == "str":
        return str(pattern.value)
    return None


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
