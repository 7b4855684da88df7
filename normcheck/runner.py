"""Running a check over many inputs: discovery, reading, analysis, checking, severity overrides, waivers,
parallel workers, the result cache, per-file time limits and the workers' memory limit. Output order never
depends on the number of workers, and output never depends on the cache."""
from __future__ import annotations

import dataclasses
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normcheck.cache import ResultCache, check_cached, config_hash, rules_hash
from normcheck.config import Config, Waiver, glob_match
from normcheck.errors import ConfigError, InputError, NormcheckError
from normcheck.model import Document, FileError, FileResult, Finding, Waived
from normcheck.procguard import die_with_parent, limit_memory, memory_limit

Target = Path | FileResult
Progress = Callable[[], None]


@dataclass(frozen=True)
class RuleSpec:
    """Everything needed to build the selected rule set again in a worker process."""

    paths: tuple[str, ...] = ()
    bundled: bool = True
    params: tuple[tuple[str, Any], ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    mode: str | None = None


@dataclass
class SelectedRules:
    """A rule set narrowed to the selected rules, plus the configured severity overrides and the mode
    every input is read in (None: detected per input, see normcheck.structure.provisions)."""

    ruleset: Any
    severity: dict[str, str] = field(default_factory=dict)
    mode: str | None = None

    def analyze(self, doc: Document) -> Any:
        """The ``Structure`` of ``doc`` in this selection's mode."""
        from normcheck.structure import analyze

        return analyze(doc, mode=self.mode)

    def check(self, doc: Document, structure: Any = None) -> list[Finding]:
        """The findings in ``doc``, from ``structure`` when the caller has analysed it already."""
        from normcheck.engine import check_document

        findings = check_document(doc, self.ruleset, structure if structure is not None else self.analyze(doc))
        if not self.severity:
            return findings
        changed = [dataclasses.replace(f, severity=self.severity.get(f.rule, f.severity)) for f in findings]
        return sorted(changed, key=Finding.sort_key)


def load_selected(spec: RuleSpec) -> SelectedRules:
    """Load the rules of ``spec`` and keep the selected ones; unknown IDs or tags raise ``ConfigError``."""
    from normcheck.dsl import load_rules

    ruleset = load_rules(list(spec.paths), bundled=spec.bundled, params=dict(spec.params) or None)
    selected = select_rules(ruleset, spec.select, spec.ignore, dict(spec.severity))
    selected.mode = spec.mode
    return selected


def select_rules(ruleset: Any, select: Iterable[str], ignore: Iterable[str],
                 severity: dict[str, str] | None = None) -> SelectedRules:
    """Narrow ``ruleset`` to rules named (by ID or tag) in ``select`` and not in ``ignore``."""
    select, ignore = list(select), list(ignore)
    ids = {rule.id for rule in ruleset.rules}
    tags = set(getattr(ruleset, "tags", set())) | {t for rule in ruleset.rules for t in rule.tags}
    for option, names in (("--select", select), ("--ignore", ignore)):
        for name in names:
            if name not in ids and name not in tags:
                raise ConfigError(f"{option}: {name} 不是已知的规则编号或标签")
    for rule_id in severity or {}:
        if rule_id not in ids:
            raise ConfigError(f"severity: {rule_id} 不是已知的规则编号")

    def named(rule: Any, names: list[str]) -> bool:
        return rule.id in names or any(tag in names for tag in rule.tags)

    kept = [r for r in ruleset.rules if (not select or named(r, select)) and not named(r, ignore)]
    return SelectedRules(_with_rules(ruleset, kept), dict(severity or {}))


def _with_rules(ruleset: Any, rules: list[Any]) -> Any:
    if len(rules) == len(ruleset.rules):
        return ruleset
    if dataclasses.is_dataclass(ruleset) and not isinstance(ruleset, type):
        return dataclasses.replace(ruleset, rules=rules)
    import copy

    narrowed = copy.copy(ruleset)
    narrowed.rules = rules
    return narrowed


def discover_targets(paths: Sequence[str | Path], config: Config | None = None) -> list[Target]:
    """Expand the arguments into targets. A path or sub-folder that cannot be read is a ``FileResult``
    with its error in its place, and everything else is still checked."""
    from normcheck.reader.folder import discover_entries

    targets: list[Target] = []
    seen: set[Path] = set()
    named = {str(Path(raw)) for raw in paths}
    for entry in discover_entries([Path(raw) for raw in paths]):
        if isinstance(entry, InputError):
            where = entry.path or ""
            # An argument is always reported; a sub-folder only when the configuration wants what is in it.
            if config is None or where in named or config.wants(where):
                targets.append(FileResult(path=where, error=FileError(entry.code, entry.message)))
            continue
        key = entry.resolve()
        if key in seen or (config is not None and not config.wants(entry)):
            continue
        seen.add(key)
        targets.append(entry)
    return targets


class _Timeout(BaseException):
    """Raised by the alarm handler; a BaseException so that no ``except Exception`` in a stage swallows it."""


def check_target(path: Path, selected: SelectedRules, *, timeout: float | None = None,
                 keep_document: bool = False, max_unzipped_bytes: int | None = None, checklist: bool = False
                 ) -> tuple[FileResult, str | None]:
    """Read, analyse and check one file or package, and with ``checklist`` build its elements checklist
    from the same analysis. Returns the result and, for an unexpected exception, its traceback (shown
    with ``--debug``)."""
    from normcheck.reader import read_path

    result = FileResult(path=str(path))
    restore = _arm_timeout(timeout)
    try:
        doc = read_path(path, max_unzipped_bytes=max_unzipped_bytes)
        structure = selected.analyze(doc)
        result.findings = selected.check(doc, structure)
        result.warnings = list(doc.warnings)
        if checklist:
            result.checklist = _checklist(doc, structure, selected.mode)
        if keep_document:
            result.document, result.structure = doc, structure
    except _Timeout:
        result.error = FileError("timeout", f"检查超时（超过 {timeout:g} 秒）")
    except MemoryError:
        result.error = FileError("out-of-memory", "检查该文件时内存不足（超过内存上限，见 --max-memory）")
    except InputError as exc:
        result.error = FileError(exc.code, exc.message)
    except NormcheckError as exc:
        result.error = FileError("check-failed", str(exc).splitlines()[0])
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the run
        result.error = FileError("internal-error", f"内部错误：{exc.__class__.__name__}: {exc}")
        return result, traceback.format_exc()
    finally:
        restore()
    return result, None


def _checklist(doc: Document, structure: Any, mode: str | None) -> list[Any] | None:
    """The elements checklist, or None when the facts it reads cannot be put together (the findings stand)."""
    from normcheck.report.checklist import build_checklist

    try:
        return build_checklist(doc, structure, mode=mode)
    except (NormcheckError, OSError, ValueError, RecursionError):
        return None


def _arm_timeout(timeout: float | None) -> Callable[[], None]:
    """SIGALRM-based limit; only possible in the main thread of a POSIX process."""
    if not timeout or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return lambda: None

    def expire(signum: int, frame: object) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)

    def restore() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return restore


@dataclass(frozen=True)
class CacheUse:
    """The result cache and the digests of the rules and options every result of one run depends on."""

    cache: ResultCache
    rules_digest: str
    config_digest: str


def cache_use(cache: ResultCache, selected: SelectedRules, max_unzipped_bytes: int | None) -> CacheUse:
    """Key material for ``selected``; the options listed are all those that change a check result
    (waivers and the baseline are applied to results afterwards, so they are not part of it)."""
    options = {"severity": selected.severity, "max_unzipped_bytes": max_unzipped_bytes, "mode": selected.mode}
    return CacheUse(cache, rules_hash(selected.ruleset), config_hash(options))


def check_one(path: Path, selected: SelectedRules, use: CacheUse | None,
              options: dict[str, Any]) -> tuple[FileResult, str | None]:
    """``check_target`` through the cache, when there is one. The result is stored as checked, before
    waivers or a baseline change it."""
    if use is None:
        return check_target(path, selected, **options)
    traces: list[str | None] = [None]

    def check(target: Path) -> FileResult:
        result, traces[0] = check_target(target, selected, **options)
        return result

    # An entry stored by a run that did not build checklists is no use to one that needs them.
    usable = _has_checklist if options.get("checklist") else None
    return check_cached(path, check, use.cache, use.rules_digest, use.config_digest, usable=usable), traces[0]


def _has_checklist(result: FileResult) -> bool:
    return result.error is not None or result.checklist is not None


@dataclass
class RunResult:
    results: list[FileResult]
    tracebacks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _WorkerSetup:
    options: dict[str, Any]
    cache: CacheUse | None = None
    max_memory: int | None = None
    parent: int | None = None


# Rules loaded in the parent are inherited by forked workers, so they need not compile the rules again.
_WORKER_RULES: tuple[RuleSpec | None, SelectedRules | None] = (None, None)
_WORKER_SETUP = _WorkerSetup({})


def _init_worker(spec: RuleSpec | None, setup: _WorkerSetup) -> None:
    global _WORKER_RULES, _WORKER_SETUP
    _WORKER_SETUP = setup
    die_with_parent(setup.parent)
    if setup.max_memory:
        limit_memory(setup.max_memory)
    if _WORKER_RULES[1] is not None and _WORKER_RULES[0] == spec:
        return
    if spec is None:
        raise RuntimeError("worker has no rules")
    _WORKER_RULES = (spec, load_selected(spec))


def _check_in_worker(path: Path) -> tuple[FileResult, str | None]:
    selected = _WORKER_RULES[1]
    assert selected is not None
    return check_one(path, selected, _WORKER_SETUP.cache, _WORKER_SETUP.options)


def run(targets: Sequence[Target], selected: SelectedRules, *, spec: RuleSpec | None = None,
        jobs: int | None = None, timeout: float | None = 300, keep_documents: bool = False,
        max_unzipped_bytes: int | None = None, progress: Progress | None = None,
        cache: ResultCache | None = None, max_memory: int | None = None, checklists: bool = True) -> RunResult:
    """Check every target, in order. ``jobs`` > 1 uses worker processes when there is more than one file.
    ``checklists`` gives every readable result its elements checklist (``FileResult.checklist``).

    ``cache`` reuses and stores results, except when ``keep_documents`` asks for the read documents,
    which the cache does not hold. ``max_memory`` (MB; None or 0 for none) limits the address space of
    each worker process, or of this process while it checks the files itself (one job or one file);
    running out of memory fails that file only."""
    options: dict[str, Any] = {"timeout": timeout, "keep_document": keep_documents,
                               "max_unzipped_bytes": max_unzipped_bytes, "checklist": checklists}
    use = cache_use(cache, selected, max_unzipped_bytes) if cache is not None and not keep_documents else None
    paths = [t for t in targets if isinstance(t, Path)]
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    context = _pool_context(spec) if workers > 1 else None
    outcomes: dict[int, tuple[FileResult, str | None]] = {}
    if context is not None:
        setup = _WorkerSetup(options, use, max_memory or None, os.getpid())
        outcomes = _run_pool(paths, selected, spec, setup, workers, context, progress)
    else:
        # The same guard as a worker's, on this process while it checks, so --max-memory means one thing.
        with memory_limit(max_memory):
            for number, path in enumerate(paths):
                outcomes[number] = check_one(path, selected, use, options)
                if progress:
                    progress()
    results: list[FileResult] = []
    tracebacks: dict[str, str] = {}
    numbers = iter(range(len(paths)))
    for target in targets:
        if isinstance(target, FileResult):
            results.append(target)
            continue
        result, trace = outcomes[next(numbers)]
        results.append(result)
        if trace:
            tracebacks[result.path] = trace
    return RunResult(results, tracebacks)


def _pool_context(spec: RuleSpec | None) -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn") if spec is not None else None


def _run_pool(paths: list[Path], selected: SelectedRules, spec: RuleSpec | None, setup: _WorkerSetup,
              workers: int, context: Any, progress: Progress | None) -> dict[int, tuple[FileResult, str | None]]:
    # Imported here: a single-file run never needs the process machinery.
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER_RULES
    _WORKER_RULES = (spec, selected)
    outcomes: dict[int, tuple[FileResult, str | None]] = {}
    broken: list[int] = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(spec, setup)) as pool:
        futures: list[Future[tuple[FileResult, str | None]]] = [pool.submit(_check_in_worker, p) for p in paths]
        for number, future in enumerate(futures):
            try:
                outcomes[number] = future.result()
            except BrokenProcessPool:
                broken.append(number)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                error = FileError("internal-error", f"内部错误：{exc.__class__.__name__}: {exc}")
                outcomes[number] = FileResult(path=str(paths[number]), error=error), traceback.format_exc()
            if progress:
                progress()
    # A crashed worker takes its pool down with it; retry those files one at a time to find the culprit.
    for number in broken:
        outcomes[number] = _run_isolated(paths[number], spec, setup, context)
        if progress:
            progress()
    return outcomes


def _run_isolated(path: Path, spec: RuleSpec | None, setup: _WorkerSetup,
                  context: Any) -> tuple[FileResult, str | None]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(1, mp_context=context, initializer=_init_worker,
                                 initargs=(spec, setup)) as pool:
            return pool.submit(_check_in_worker, path).result()
    except BrokenProcessPool:
        return FileResult(path=str(path), error=FileError("crash", "检查该文件的进程意外退出")), None


def apply_waivers(results: list[FileResult], waivers: Sequence[Waiver], root: Path) -> list[Waiver]:
    """Move waived findings to ``FileResult.waived``; returns the waivers that matched nothing."""
    if not waivers:
        return []
    used: set[int] = set()
    for result in results:
        kept: list[Finding] = []
        for finding in result.findings:
            number = _waiver_for(result, finding, waivers, root)
            if number is None:
                kept.append(finding)
            else:
                used.add(number)
                result.waived.append(Waived(finding, waivers[number].reason))
        result.findings = kept
    return [w for n, w in enumerate(waivers) if n not in used]


def _waiver_for(result: FileResult, finding: Finding, waivers: Sequence[Waiver], root: Path) -> int | None:
    candidates = {_relative(result.path, root)}
    if finding.location.file:
        candidates.add(_relative(finding.location.file, root))
    for number, waiver in enumerate(waivers):
        if waiver.rule != finding.rule and waiver.rule not in finding.tags:
            continue
        if any(glob_match(waiver.path, c) for c in candidates):
            return number
    return None


def _relative(path: str, root: Path) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()
