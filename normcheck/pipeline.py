"""The check pipeline that the command line and the library API share: from loading the rules to the final
list of results. The configuration is checked against the rules, the selection split between the rule
files and the expiry checks, the inputs discovered and checked (cache, workers, limits), each readable
result given its elements checklist, then the expiry findings, the waivers and the baseline applied.

It prints nothing; the only file it writes is the baseline it is asked to write. The caller shows the
errors, annotates, renders and picks the exit code, so the same input and configuration give the same
results whichever way normcheck is called.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normcheck.config import Config, Waiver
from normcheck.model import FileResult

if TYPE_CHECKING:
    from normcheck.cache import ResultCache
    from normcheck.runner import SelectedRules

# Given the number of files to check, a context that yields the callback ticked after each (or None).
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[], None] | None]]


@dataclass
class Request:
    """What to check and how, after the caller has merged its own options over the configuration.

    ``rule_paths``, ``select`` and ``ignore`` are the effective ones (see ``merge_selection``);
    ``severity`` is applied over the configuration's. ``ruleset`` is an already loaded rule set (the
    configuration's rule files and parameters are then not loaded again). ``checklists`` builds the
    elements checklist of every readable result (the expiry checks build them anyway). ``protected`` are
    files normcheck is about to write, with what they are ("报告", "基线"): none may be an input."""

    paths: Sequence[Path]
    rule_paths: Sequence[Path] = ()
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    mode: str | None = None
    ruleset: Any = None
    jobs: int | None = None
    timeout: float | None = 300.0
    max_memory: int | None = None
    cache: ResultCache | None = None
    keep_documents: bool = False
    checklists: bool = False
    expiring_within: int | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    protected: Sequence[tuple[Path | None, str]] = ()
    progress: ProgressFactory | None = None


@dataclass
class Outcome:
    """The results in input order, the selected rule set, the checklists by result path, the waivers that
    matched nothing, how many findings the baseline suppressed (and recorded, when it was written), whether
    there was anything to check, the input files (which no written copy may replace), and the tracebacks of unexpected errors by result path."""

    results: list[FileResult]
    selected: SelectedRules
    checklists: dict[str, list[Any]] = field(default_factory=dict)
    unmatched_waivers: list[Waiver] = field(default_factory=list)
    baseline_suppressed: int = 0
    baseline_written: int | None = None
    targets: int = 0
    inputs: set[Path] = field(default_factory=set)
    tracebacks: dict[str, str] = field(default_factory=dict)


def merge_selection(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()
                    ) -> tuple[list[str], list[str]]:
    """The effective ``select`` and ``ignore``: an explicit selection states the whole selection (the
    configuration's ignore list belongs to its own select); an explicit ignore list adds to the file's."""
    return (list(select) or list(config.select)), [*([] if select else config.ignore), *ignore]


def run_pipeline(request: Request, config: Config | None = None) -> Outcome:
    """Check ``request.paths`` under ``config`` (the defaults when None). Rule and configuration mistakes,
    a malformed baseline and an output file that is an input raise before any file is read."""
    from normcheck import runner
    from normcheck.config import validate_against_rules
    from normcheck.expiry import EXPIRY_IDS, split_selection
    from normcheck.output import input_files, refuse_input

    config = config if config is not None else Config()
    severity = {**config.severity, **request.severity}
    ruleset, spec_paths = _ruleset(request, config)
    ids = {rule.id for rule in ruleset.rules}
    validate_against_rules(config, ids | EXPIRY_IDS, set(ruleset.tags) | {t for r in ruleset.rules for t in r.tags})
    split = split_selection(list(request.select), list(request.ignore), severity, ids)
    spec = None if spec_paths is None else runner.RuleSpec(
        paths=spec_paths, params=tuple(config.params.items()), select=split.select, ignore=split.ignore,
        severity=split.severity, mode=request.mode)
    selected = runner.select_rules(ruleset, split.select, split.ignore, dict(split.severity))
    selected.mode = request.mode

    targets = runner.discover_targets(list(request.paths), config)
    inputs = input_files([*(t for t in targets if isinstance(t, Path)), *request.paths])
    for path, what in request.protected:
        if path is not None:
            refuse_input(path, inputs, what)
    # A malformed baseline must stop the run before any file is checked, not after.
    recorded = _load_baseline(request.baseline) if request.baseline is not None else None

    count = sum(isinstance(t, Path) for t in targets)
    wants_checklists = request.checklists or request.expiring_within is not None
    with (request.progress(count) if request.progress else nullcontext()) as tick:
        run = runner.run(targets, selected, spec=spec, jobs=request.jobs, timeout=request.timeout,
                         keep_documents=request.keep_documents, progress=tick, cache=request.cache,
                         max_memory=request.max_memory, checklists=wants_checklists)
    results = run.results
    checklists = {r.path: r.checklist for r in results if r.error is None and r.checklist is not None}
    if request.expiring_within is not None:
        _add_expiry_findings(results, checklists, request.expiring_within, split.rules, severity, config)
    outcome = Outcome(results, selected, checklists, runner.apply_waivers(results, config.waivers, config.root),
                      targets=len(targets), inputs=inputs, tracebacks=run.tracebacks)
    _baseline(outcome, request, recorded)
    return outcome


def _ruleset(request: Request, config: Config) -> tuple[Any, tuple[str, ...] | None]:
    """The rule set and, when loaded here, the rule paths a worker process loads it from again."""
    if request.ruleset is not None:
        return request.ruleset, None
    from normcheck.dsl import load_rules

    paths = tuple(str(p) for p in request.rule_paths)
    return load_rules(list(paths), params=dict(config.params) or None), paths


def _add_expiry_findings(results: list[FileResult], checklists: Mapping[str, list[Any]], window: int,
                         rules: list[Any], severity: dict[str, str], config: Config) -> None:
    """FILE-EXP-001/002 for each readable result, from the validity end date of its elements checklist."""
    from normcheck.expiry import expiry_findings
    from normcheck.model import Finding

    today = config.review.today()
    for result in results:
        if result.error is not None:
            continue
        items = {item.key: item for item in checklists.get(result.path, [])}
        found = expiry_findings(result.path, items.get("validity"), today, window, rules, severity)
        if found:
            result.findings = sorted([*result.findings, *found], key=Finding.sort_key)


def _load_baseline(path: Path) -> Any:
    from normcheck import baseline

    return baseline.load(path)


def _baseline(outcome: Outcome, request: Request, recorded: Any) -> None:
    """Record the results (after the waivers) when asked, then hide the findings ``recorded`` holds."""
    from normcheck import baseline

    if request.write_baseline is not None:
        outcome.baseline_written = baseline.write(request.write_baseline, outcome.results)
    if request.baseline is not None and recorded is not None:
        outcome.baseline_suppressed = baseline.apply(outcome.results, recorded, request.baseline.resolve().parent)
