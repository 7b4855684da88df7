"""The library API: check documents from Python without the command line.

    >>> from normcheck import check_path, load_rules
    >>> rules = load_rules()
    >>> for result in check_path("报送材料/", rules=rules):
    ...     for finding in result.findings:
    ...         print(result.path, finding.rule, finding.location.article, finding.message)

``check_path`` runs the same pipeline as the command line (``normcheck.pipeline``): given the same
configuration file it returns the findings the command line reports.

Errors are raised only for mistakes of the caller (unknown rule IDs or tags, rule files that do not
compile, a configuration file that is wrong: ``ConfigError``/``RuleError``); an input that cannot be read
becomes ``FileResult.error``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from normcheck.config import Config
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
               cache: bool | str | Path = False, mode: str | None = None,
               config: Config | str | Path | None = None) -> list[FileResult]:
    """Check files, folders (filing packages or folders of documents) and globs; one ``FileResult`` per
    checked document or package, in the order found, each readable one with its elements checklist
    (``FileResult.checklist``).

    ``config`` is a ``Config`` or the path of a normcheck.toml (or pyproject.toml with ``[tool.normcheck]``);
    without it the defaults apply (no file is looked for). With it, the results are those the command line
    reports with that file: its rule files, parameters, selection, severity overrides, include/exclude,
    ``expiring-within`` and waivers (waived findings move to ``FileResult.waived``). ``select`` replaces
    the configuration's selection (and its ignore list), ``ignore`` adds to it, ``severity`` overrides it.

    ``rules`` as for ``check_document``; when given, the configuration's rule files and parameters are not
    loaded. ``jobs`` > 1 checks files in worker processes (where the platform can fork them); ``timeout``
    limits seconds per file (main thread only). Unreadable inputs come back with ``FileResult.error`` set
    instead of raising. ``keep_documents`` keeps the read ``Document`` and its ``Structure`` on each result
    (for annotation or custom reports).

    ``cache`` reuses the stored results of unchanged files and stores new ones: ``True`` for the
    command line's cache folder, or a folder of its own (see docs/hardening.md); ``cache = false`` in the
    configuration turns it off. It is ignored with ``keep_documents``, because documents are not stored.
    """
    from normcheck.pipeline import Request, merge_selection, run_pipeline

    if isinstance(paths, (str, Path)):
        paths = [paths]
    settings = _config(config)
    chosen, dropped = merge_selection(settings, select, ignore)
    store = None
    if cache is not False and settings.cache:
        from normcheck.cache import ResultCache

        store = ResultCache(None if cache is True else cache)
    request = Request(paths=[Path(p) for p in paths], rule_paths=settings.rules, select=chosen, ignore=dropped,
                      severity=dict(severity or {}), mode=mode, ruleset=rules, jobs=jobs, timeout=timeout,
                      cache=store, keep_documents=keep_documents, checklists=True,
                      expiring_within=settings.expiring_within)
    return run_pipeline(request, settings).results


def _config(config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is None:
        return Config()
    from normcheck.config import load_config

    return load_config(Path(config))
