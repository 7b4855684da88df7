"""Fixtures of the CLI-layer tests (the stand-in pipeline lives in ``pipeline_standins``); the private
cache folder of every test comes from ``tests/conftest.py``."""
from __future__ import annotations

from pipeline_standins import pipeline

__all__ = ["pipeline"]
