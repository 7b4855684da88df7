"""Shared pieces of the fuzz tests: the fixtures to mutate, a hang guard, the accepted outcomes.

``NORMCHECK_FUZZ_EXAMPLES`` raises the number of examples for a longer local run; left unset (CI), every
test runs a fixed, derandomized number of examples so that the suite's time and outcome are stable.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
DOCX_FIXTURES = sorted((ROOT / "samples").rglob("*.docx"))
RULE_FIXTURES = sorted((ROOT / "rules").glob("*.rules"))
HANG_SECONDS = 20

_SCALE = os.environ.get("NORMCHECK_FUZZ_EXAMPLES")


def fuzz_settings(examples: int) -> settings:
    """Bounded settings for CI; the environment variable lifts the bound and the fixed seed."""
    return settings(max_examples=int(_SCALE) if _SCALE else examples, deadline=None,
                    derandomize=_SCALE is None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


class Hang(BaseException):
    """Raised when one example runs longer than ``HANG_SECONDS``: a BaseException so no handler eats it."""


@contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Turn a hang into a test failure instead of a stuck CI job."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


T = TypeVar("T")


def own_outcome(action: Callable[[], T]) -> T | None:
    """Run ``action``; its own error types are an accepted outcome (returns None), anything else escapes."""
    from normcheck.errors import NormcheckError

    with hang_guard():
        try:
            return action()
        except NormcheckError as exc:
            assert str(exc).strip(), "an error must carry a message"
            return None
