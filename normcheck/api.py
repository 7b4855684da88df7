"""The library API: check documents from Python without the command line.

    >>> from normcheck import check_path, load_rules
    >>> rules = load_rules()
    >>> for result in check_path("报送材料/", rules=rules):
    ...     for finding in result.findings:
    ...         print(result.path, finding.rule, finding.location.article, finding.message)

Errors are raised only for mistakes of the caller (unknown rule IDs or tags, rule files that do not
compile: ``ConfigError``/``RuleError``); an input that cannot be read becomes ``FileResult.error``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from normcheck.model import Document, FileResult, Finding


def load_rules(paths: Iterable[str | Path] = (), *, bundled: bool = True,
               params: Mapping[str, Any] | None = None) -> Any:
    """Load and compile rule files into a ``RuleSet``.

    ``paths`` are extra ``.rules`` files or folders; ``bundled`` adds the rules shipped with normcheck;
    ``params`` overrides rule parameters (``param NAME`` in the rules), as ``[params]`` in normcheck.toml
    does. Raises ``RuleError`` (with file:line:column) for a rule file that does not compile.
    """
    from normcheck.dsl import load_rules as compile_rules

    return compile_rules([str(p) for p in paths], bundled=bundled, params=dict(params) if params else None)


def check_document(doc: Document | str, rules: Any = None, *, select: Sequence[str] = (),
                   ignore: Sequence[str] = (), severity: Mapping[str, str] | None = None,
                   mode: str | None = None) -> list[Finding]:
    """Check one already-read ``Document`` (or a plain text, one paragraph per line) and return its
    findings sorted by location. Pure: no file is read or written.

    ``rules`` is a ``RuleSet`` from ``load_rules`` (the bundled rules when omitted); ``select`` and
    ``ignore`` narrow it by rule ID or tag; ``severity`` maps rule IDs to another severity; ``mode``
    ("document" or "package") overrides the detected mode.
    """
    from normcheck.runner import select_rules

    if isinstance(doc, str):
        from normcheck.reader.plain import document_from_text

        doc = document_from_text(doc)
    ruleset = rules if rules is not None else load_rules()
    selected = select_rules(ruleset, select, ignore, dict(severity or {}))
    selected.mode = mode
    return selected.check(doc)


def check_path(paths: str | Path | Sequence[str | Path], rules: Any = None, *, select: Sequence[str] = (),
               ignore: Sequence[str] = (), severity: Mapping[str, str] | None = None, jobs: int = 1,
               timeout: float | None = None, keep_documents: bool = False,
               cache: bool | str | Path = False, mode: str | None = None) -> list[FileResult]:
    """Check files, folders (filing packages or folders of documents) and globs; one ``FileResult`` per
    checked document or package, in the order found.

    ``rules`` as for ``check_document``. ``jobs`` > 1 checks files in worker processes (where the
    platform can fork them); ``timeout`` limits seconds per file (main thread only). Unreadable inputs
    come back with ``FileResult.error`` set instead of raising. ``keep_documents`` keeps the read
    ``Document`` on each result (for annotation or custom reports).

    ``cache`` reuses the stored results of unchanged files and stores new ones: ``True`` for the
    command line's cache folder, or a folder of its own (see docs/hardening.md). It is ignored with
    ``keep_documents``, because documents are not stored.
    """
    from normcheck import runner

    if isinstance(paths, (str, Path)):
        paths = [paths]
    ruleset = rules if rules is not None else load_rules()
    selected = runner.select_rules(ruleset, select, ignore, dict(severity or {}))
    selected.mode = mode
    targets = runner.discover_targets(list(paths))
    store = None
    if cache is not False:
        from normcheck.cache import ResultCache

        store = ResultCache(None if cache is True else cache)
    return runner.run(targets, selected, jobs=jobs, timeout=timeout, keep_documents=keep_documents,
                      cache=store).results
