"""Did-you-mean: the national title closest to an unknown one (招标投标法实施办法 → 招标投标法实施条例).

Candidates share character pairs with the unknown title (an index built on first use); the winner is
the one at the smallest edit distance, and only for the slips documents make: words left out or added
(行政许可证法 for 行政许可法), one character wrong in a long title, or the wrong kind of instrument
(实施办法 / 实施细则 for 实施条例). Two different words of the same length (民营经济促进法 and
循环经济促进法) are two different laws, never a slip.
"""
from __future__ import annotations

from collections import Counter

from normcheck.laws.register import Register
from normcheck.laws.titles import PREFIX, normalize_title

_indexes: dict[int, dict[str, list[str]]] = {}
_MAX_CANDIDATES = 25


def suggest_title(register: Register, title: str) -> str | None:
    key = normalize_title(title)
    if len(key) < 4:
        return None
    index = _indexes.get(id(register))
    if index is None:
        index = _indexes[id(register)] = _build(register)
    garbled = _garbled_prefix(register, key)
    if garbled is not None:
        return garbled
    shared: Counter[str] = Counter()
    for pair in _pairs(key):
        shared.update(index.get(pair, ()))
    best: tuple[int, str] | None = None
    for candidate, _ in shared.most_common(_MAX_CANDIDATES):
        if abs(len(candidate) - len(key)) > 3:
            continue
        distance = _distance(key, candidate)
        if 0 < distance <= _allowed(len(candidate)) and _is_slip(key, candidate, distance) \
                and (best is None or distance < best[0]):
            best = (distance, candidate)
    if best is None:
        return None
    found = register.national(best[1])
    return found[0].title if found else None


_KINDS = ("实施条例", "实施细则", "实施办法", "条例", "细则", "办法", "规定")


def _is_slip(key: str, candidate: str, distance: int) -> bool:
    if distance == abs(len(key) - len(candidate)):
        return True  # only characters left out or added
    if distance == 1 and len(candidate) >= 6:
        return True
    for kind in _KINDS:
        if candidate.endswith(kind):
            stem = candidate[: -len(kind)]
            return any(key == stem + other for other in _KINDS if other != kind)
    return False


def _garbled_prefix(register: Register, key: str) -> str | None:
    """中华人民共和国 written wrong (人民共和国行政处罚法, 中华人名共和国…): the rest is a known title."""
    for size in range(4, len(PREFIX) + 3):
        head, rest = key[:size], key[size:]
        if len(rest) >= 2 and _distance(head, PREFIX) <= 2:
            found = register.national(rest)
            if found:
                return found[0].title
    return None


def _allowed(length: int) -> int:
    if length >= 14:
        return 3
    if length >= 7:
        return 2
    return 1


def _build(register: Register) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key in register.keys():
        if not register.national(key):
            continue
        for pair in set(_pairs(key)):
            index.setdefault(pair, []).append(key)
    return index


def _pairs(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
