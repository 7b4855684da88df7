"""Validity status (有效期状态) of a document on a given day: in force, expiring within a window, expired, or
no validity period stated."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

IN_FORCE, EXPIRING, EXPIRED, NO_VALIDITY = "in-force", "expiring", "expired", "no-validity"
DEFAULT_WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class ValidityStatus:
    """``code`` one of the four constants; ``days_left`` counts from ``today`` to the last day (0: it is the
    last day; negative: ended that many days ago); None without an end date."""

    code: str
    end: dt.date | None
    days_left: int | None
    window: int

    @property
    def label(self) -> str:
        if self.code == EXPIRING:
            return f"{self.window}天内届满"
        return {IN_FORCE: "有效", EXPIRED: "已失效", NO_VALIDITY: "未写明有效期"}[self.code]


def validity_status(end: dt.date | None, today: dt.date, window: int = DEFAULT_WINDOW_DAYS) -> ValidityStatus:
    """The status of a document whose validity period ends (last day included) on ``end``."""
    if end is None:
        return ValidityStatus(NO_VALIDITY, None, None, window)
    days_left = (end - today).days
    if days_left < 0:
        return ValidityStatus(EXPIRED, end, days_left, window)
    if days_left <= window:
        return ValidityStatus(EXPIRING, end, days_left, window)
    return ValidityStatus(IN_FORCE, end, days_left, window)
