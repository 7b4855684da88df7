"""The rule runtime: compiled matchers, conditions and checks run over one analysed document.

The language (grammar, parser, compiler) is in ``normcheck.dsl`` and builds the objects defined here; this
package never imports it. ``check_document`` is the entry point."""
from __future__ import annotations

from normcheck.engine.run import check_document

__all__ = ["check_document"]
