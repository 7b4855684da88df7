#!/usr/bin/env python3
"""normcheck benchmark suite: one command, one table.

Generates a corpus with the generators of ``bench_reader.py`` (small ~2 pages, medium ~10, large ~60, and
one ~1,000-page document) and measures, each in a fresh child process (so that peak memory is that of the
run alone):

(a) the bare lower bound: ``zipfile`` + lxml ``w:t`` extraction + one combined pass of as many regular
    expressions as the bundled rules have (an RE2 ``Set`` decides which occur, Python ``re`` extracts
    only those);
(b) normcheck with all bundled rules (reader, structure, engine), through the result cache
    (``normcheck.cache``): 1 and 2 processes, cold cache (empty) and warm cache (unchanged corpus).

It also times the command line end to end (``normcheck FOLDER``) and start-up (``normcheck FILE`` against
``python -c "import docx; docx.Document(FILE)"``). Everything is written under ``bench/out/``.

    python bench/bench_suite.py            # full run (1,000 files + the 1,000-page document)
    python bench/bench_suite.py --quick    # a small run, well under a minute
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import bench_reader  # noqa: E402 - a sibling script, importable once its folder is on the path

FULL_COUNTS = {"small": 500, "medium": 400, "large": 100}
QUICK_COUNTS = {"small": 20, "medium": 20, "large": 4}
WORDS = ["罚款", "许可", "审批", "收费", "征求意见", "合法性审核", "集体讨论", "备案", "有效期", "施行", "废止",
         "民法典", "合同法", "物权法", "不得", "应当", "禁止", "补助", "资金", "经营者", "保证金", "押金",
         "指定", "本地", "外地", "排除", "限制", "竞争", "强制", "查封", "扣押", "吊销", "证明", "登记"]


# ---------------------------------------------------------------- measured work (runs in a child process)

def bare_patterns(count: int) -> list[str]:
    """``count`` regular expressions shaped like the bundled rules' patterns: terms, gaps, numbers."""
    rng = random.Random(count)
    shapes = ["{a}", "{a}[^。；]{{0,20}}{b}", "{a}\\d+[元日天年]", "(?:{a}|{b}|{c})", "《[^》]{{0,30}}{a}[^》]*》"]
    return [rng.choice(shapes).format(a=rng.choice(WORDS), b=rng.choice(WORDS), c=rng.choice(WORDS))
            for _ in range(count)]


def run_bare(files: list[Path], patterns: list[str], *, stream: bool = False) -> int:
    """The lower bound; ``stream`` parses paragraph by paragraph and drops each one (bounded memory)."""
    import re
    import zipfile

    import re2

    search = re2.Set.SearchSet(re2.Options())
    for pattern in patterns:
        search.Add(pattern)
    search.Compile()
    extractors = [re.compile(p) for p in patterns]
    hits = 0
    for path in files:
        with zipfile.ZipFile(path) as zf:
            text = _streamed_text(zf) if stream else _tree_text(zf)
        for number in search.Match(text):
            hits += sum(1 for _ in extractors[number].finditer(text))
    return hits


def _tree_text(zf: Any) -> str:
    from lxml import etree

    root = etree.fromstring(zf.read("word/document.xml"))
    return "\n".join(t.text or "" for t in root.iter(bench_reader.W_T))


def _streamed_text(zf: Any) -> str:
    from lxml import etree

    texts: list[str] = []
    with zf.open("word/document.xml") as stream:
        for _, paragraph in etree.iterparse(stream, events=("end",), tag=f"{{{bench_reader.W_NS}}}p"):
            texts.append("".join(t.text or "" for t in paragraph.iter(bench_reader.W_T)))
            paragraph.clear()
            while paragraph.getprevious() is not None:
                del paragraph.getparent()[0]
    return "\n".join(texts)


_SELECTED: Any = None
_CACHE: Any = None
_DIGESTS: tuple[str, str] = ("", "")


def _check_one(path: Path) -> int:
    from normcheck.cache import check_cached
    from normcheck.runner import check_target

    result = check_cached(path, lambda p: check_target(p, _SELECTED)[0], _CACHE, *_DIGESTS)
    return len(result.findings) + (result.error is not None)


def prepare_normcheck(cache_dir: str | None, fingerprint: str) -> None:
    global _SELECTED, _CACHE, _DIGESTS
    from normcheck import cache
    from normcheck.cache import ResultCache, config_hash, rules_hash

    # The code fingerprint is taken once per suite run: an edit to the checkout during a run must not turn
    # the warm measurement into a second cold one.
    cache.code_fingerprint = lambda: fingerprint  # type: ignore[assignment]
    from normcheck.runner import RuleSpec, load_selected

    _SELECTED = load_selected(RuleSpec())
    _CACHE = ResultCache(cache_dir) if cache_dir else None
    _DIGESTS = (rules_hash(_SELECTED.ruleset), config_hash({"severity": _SELECTED.severity}))


def run_normcheck(files: list[Path], jobs: int) -> int:
    if jobs == 1:
        return sum(_check_one(p) for p in files)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers inherit the loaded rules, as the runner's workers do.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return sum(pool.map(_check_one, files, chunksize=max(1, len(files) // (jobs * 8))))


def child_main(spec: dict[str, Any]) -> None:
    """Entry point of a measuring child: import and load outside the clock, then time one pass."""
    files = [Path(p) for p in spec["files"]]
    started = time.perf_counter()
    if spec["mode"] in ("bare", "bare-stream"):
        patterns = bare_patterns(spec["patterns"])
        work: Callable[[], int] = functools.partial(run_bare, files, patterns, stream=spec["mode"] == "bare-stream")
    else:
        prepare_normcheck(spec.get("cache"), spec["fingerprint"])
        work = functools.partial(run_normcheck, files, spec["jobs"])
    ready = time.perf_counter()
    hits = work()
    done = time.perf_counter()
    print(json.dumps({"setup_s": ready - started, "seconds": done - ready, "hits": hits, "peak_mb": peak_mb()}))


def peak_mb() -> float:
    """Peak resident memory of this process and of its (worker) children, in MB.

    ``ru_maxrss`` of RUSAGE_SELF survives ``exec``, so a child started from a large parent would report
    the parent's peak; the kernel's per-address-space high-water mark (VmHWM) does not.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        own = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


# ---------------------------------------------------------------- orchestration (parent process)

def measure(mode: str, files: list[Path], *, jobs: int = 1, cache: Path | None = None, patterns: int = 0,
            env: dict[str, str], out: Path) -> dict[str, Any]:
    from normcheck.cache import code_fingerprint

    spec = {"mode": mode, "files": [str(f) for f in files], "jobs": jobs,
            "cache": str(cache) if cache else None, "patterns": patterns, "fingerprint": code_fingerprint()}
    listing = out / "child-spec.json"
    listing.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([sys.executable, __file__, "--child", str(listing)], capture_output=True, text=True,
                          env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{done.stderr[-2000:]}")
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    row.update(docs=len(files), docs_per_s=len(files) / row["seconds"], mb_per_s=megabytes / row["seconds"])
    return row


def best_wall(command: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus and a 200-page long document")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "suite",
                        help="folder for the corpus, caches and results (default bench/out/suite)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child.read_text(encoding="utf-8")))
        return 0

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    counts = QUICK_COUNTS if args.quick else FULL_COUNTS
    long_pages = 200 if args.quick else 1000
    env = {**os.environ, "NORMCHECK_CACHE_DIR": str(out / "rule-cache"), "PYTHONHASHSEED": "0"}
    corpus = generate(out, counts, long_pages, args.seed)
    from normcheck.dsl import load_rules

    rule_count = len(load_rules().rules)
    print(f"corpus: {', '.join(f'{len(v)} {k}' for k, v in corpus.items())}; {rule_count} bundled rules "
          f"→ {rule_count} regexes in the bare loop", flush=True)

    results: dict[str, dict[str, Any]] = {}
    for size, files in corpus.items():
        results[size] = run_size(files, out, env, rule_count)
        print(format_row(size, results[size]), flush=True)
    cli = measure_cli(corpus, out, env)
    startup = measure_startup(corpus["medium"][0], out, env, repeat=3 if args.quick else 7)
    report = {"counts": {k: len(v) for k, v in corpus.items()}, "rules": rule_count, "long_pages": long_pages,
              "sizes": results, "cli": cli, "startup": startup}
    report["targets"] = targets(report)
    (out / "suite.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    table = markdown(report)
    (out / "suite.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    return 0


def generate(out: Path, counts: dict[str, int], long_pages: int, seed: int) -> dict[str, list[Path]]:
    corpus_dir = out / "corpus"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    corpus: dict[str, list[Path]] = {}
    for size, count in counts.items():
        corpus.update(bench_reader.generate_corpus(out, count, seed, [size]))
    rng = random.Random(f"{seed}-long")
    long_doc = corpus_dir / "long" / f"long-{long_pages}p.docx"
    long_doc.parent.mkdir(parents=True)
    bench_reader.write_docx(long_doc, bench_reader.generate_body(long_pages, rng), rng)
    corpus["long"] = [long_doc]
    return corpus


def run_size(files: list[Path], out: Path, env: dict[str, str], rule_count: int) -> dict[str, Any]:
    row: dict[str, Any] = {"kb_per_doc": sum(f.stat().st_size for f in files) / 1e3 / len(files)}
    row["bare"] = measure("bare", files, patterns=rule_count, env=env, out=out)
    row["bare_stream"] = measure("bare-stream", files, patterns=rule_count, env=env, out=out)
    for jobs in (1, 2):
        cache = out / "result-cache" / f"j{jobs}"
        if cache.exists():
            shutil.rmtree(cache)
        row[f"j{jobs}_cold"] = measure("normcheck", files, jobs=jobs, cache=cache, env=env, out=out)
        row[f"j{jobs}_warm"] = measure("normcheck", files, jobs=jobs, cache=cache, env=env, out=out)
    row["ratio_j1_cold"] = row["bare"]["docs_per_s"] / row["j1_cold"]["docs_per_s"]
    row["ratio_j1_warm"] = row["bare"]["docs_per_s"] / row["j1_warm"]["docs_per_s"]
    row["ratio_j2_cold"] = row["bare"]["docs_per_s"] / row["j2_cold"]["docs_per_s"]
    return row


def measure_cli(corpus: dict[str, list[Path]], out: Path, env: dict[str, str]) -> dict[str, Any]:
    """``normcheck FOLDER`` end to end (start-up, discovery, reporting included) over the medium folder,
    with ``--no-cache`` so that every run really checks every file."""
    folder = corpus["medium"][0].parent
    exe = shutil.which("normcheck") or ""
    command = [exe] if exe else [sys.executable, "-m", "normcheck"]
    rows: dict[str, Any] = {"docs": len(corpus["medium"])}
    for jobs in (1, 2):
        seconds = best_wall([*command, str(folder), "--format", "json", "--jobs", str(jobs), "--no-cache",
                             "--output", str(out / f"cli-j{jobs}.json")], env, 1)
        rows[f"j{jobs}_docs_per_s"] = len(corpus["medium"]) / seconds
    return rows


def measure_startup(document: Path, out: Path, env: dict[str, str], repeat: int) -> dict[str, float]:
    """``normcheck FILE`` against opening FILE with python-docx, both from compiled bytecode as when
    installed (a checkout run with PYTHONDONTWRITEBYTECODE would otherwise recompile normcheck each time)."""
    exe = shutil.which("normcheck")
    command = [exe] if exe else [sys.executable, "-m", "normcheck"]
    env = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    opener = [sys.executable, "-c", f"import docx; docx.Document({str(document)!r})"]
    best_wall([*command, str(document)], env, 1)  # fill the rule cache, the result cache and the bytecode
    best_wall(opener, env, 1)
    normcheck_s = best_wall([*command, str(document)], env, repeat)
    docx_s = best_wall(opener, env, repeat)
    return {"normcheck_s": normcheck_s, "python_docx_s": docx_s, "ratio": normcheck_s / docx_s}


def targets(report: dict[str, Any]) -> dict[str, Any]:
    sizes = report["sizes"]
    corpus = [s for s in ("small", "medium", "large") if s in sizes]
    cold = sum(sizes[s]["j1_cold"]["seconds"] for s in corpus)
    warm = sum(sizes[s]["j1_warm"]["seconds"] for s in corpus)
    long_row = sizes["long"]
    large = sizes["large"]["j1_cold"]
    per_page_large = large["seconds"] / large["docs"] / bench_reader.SIZES["large"]
    per_page_long = long_row["j1_cold"]["seconds"] / report["long_pages"]
    return {
        "medium_ratio_j1": {"value": sizes["medium"]["ratio_j1_cold"], "target": "<= 3.0",
                            "met": sizes["medium"]["ratio_j1_cold"] <= 3.0},
        "warm_rerun_share": {"value": warm / cold, "target": "<= 0.10", "met": warm / cold <= 0.10,
                             "files": sum(sizes[s]["j1_cold"]["docs"] for s in corpus)},
        f"long_doc_{report['long_pages']}p_peak_mb": {"value": long_row["j1_cold"]["peak_mb"], "target": "<= 300",
                             "met": long_row["j1_cold"]["peak_mb"] <= 300},
        f"long_doc_{report['long_pages']}p_linearity": {"value": per_page_long / per_page_large,
                               "target": "time per page of the long document / of large documents ~ 1",
                               "met": per_page_long / per_page_large <= 1.5},
        "startup_ratio": {"value": report["startup"]["ratio"], "target": "<= 2.0",
                          "met": report["startup"]["ratio"] <= 2.0},
    }


def format_row(size: str, row: dict[str, Any]) -> str:
    cells = " ".join(f"{row[k]['docs_per_s']:8.1f}" for k in ("bare", "j1_cold", "j1_warm", "j2_cold", "j2_warm"))
    return f"{size:<7} docs/s bare, j1 cold, j1 warm, j2 cold, j2 warm: {cells}  (b)/(a) {row['ratio_j1_cold']:.2f}"


def markdown(report: dict[str, Any]) -> str:
    head = ("| size | docs | KB/doc | (a) bare docs/s | MB/s | (b) 1 proc cold docs/s | MB/s | 1 proc warm | "
            "2 proc cold | 2 proc warm | peak MB (a / a streamed / b 1p / b 2p) | (b)/(a) 1p cold | 1p warm | "
            "2p cold |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for size, row in report["sizes"].items():
        lines.append(
            f"| {size} | {row['bare']['docs']} | {row['kb_per_doc']:.0f} | {row['bare']['docs_per_s']:.1f} | "
            f"{row['bare']['mb_per_s']:.2f} | {row['j1_cold']['docs_per_s']:.1f} | "
            f"{row['j1_cold']['mb_per_s']:.2f} | {row['j1_warm']['docs_per_s']:.0f} | "
            f"{row['j2_cold']['docs_per_s']:.1f} | {row['j2_warm']['docs_per_s']:.0f} | "
            f"{row['bare']['peak_mb']:.0f} / {row['bare_stream']['peak_mb']:.0f} / {row['j1_cold']['peak_mb']:.0f} / "
            f"{row['j2_cold']['peak_mb']:.0f} | "
            f"{row['ratio_j1_cold']:.2f} | {row['ratio_j1_warm']:.2f} | {row['ratio_j2_cold']:.2f} |")
    cli, startup = report["cli"], report["startup"]
    cli_line = (f"CLI `normcheck FOLDER --format json --no-cache` end to end over {cli['docs']} medium documents: "
                f"{cli['j1_docs_per_s']:.1f} docs/s with --jobs 1, {cli['j2_docs_per_s']:.1f} with --jobs 2.")
    startup_line = (f"Start-up on one medium document: normcheck {startup['normcheck_s'] * 1000:.0f} ms, "
                    f"python-docx open {startup['python_docx_s'] * 1000:.0f} ms, ratio {startup['ratio']:.2f}.")
    lines += ["", cli_line, startup_line, "", "| target | measured | goal | met |", "|---|---|---|---|"]
    for name, target in report["targets"].items():
        lines.append(f"| {name} | {target['value']:.3f} | {target['target']} | {'yes' if target['met'] else 'no'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
