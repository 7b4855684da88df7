"""The law register (法律法规库): national laws, administrative regulations, judicial interpretations and
the local regulations of a few provinces, with their versions, article counts and status, read from the
data file shipped in ``normcheck/data`` (built by ``tools/build_law_register.py``) and the hand-kept table
``rules/data/law_register_extra.tsv``. Loaded on first use only.
"""
from __future__ import annotations

from normcheck.laws.register import Instrument, Register, Version, get_register, register_date, register_info
from normcheck.laws.titles import normalize_title

__all__ = ["Instrument", "Register", "Version", "get_register", "normalize_title", "register_date",
           "register_info"]
