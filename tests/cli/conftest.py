"""Fixtures of the CLI-layer tests (the stand-in pipeline lives in ``pipeline_standins``) and a private
cache folder for every test."""
from __future__ import annotations

from pipeline_standins import pipeline
from private_cache import _session_rule_cache, private_cache

__all__ = ["_session_rule_cache", "pipeline", "private_cache"]
