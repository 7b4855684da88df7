#!/usr/bin/env python3
"""Benchmark the rules engine: time to check a generated corpus with 50, 200 and 1,000 generated rules,
and the bundled rules against the time it takes to read the same documents.

The corpus comes from ``bench_reader.generate_corpus`` (Word-like .docx files). Generated rules mix the
constructs rule packs use — literal terms, term lists, regexes, exceptions, proximity, requirements. The
first 6 rules of every set (one per construct) look for terms the corpus contains, the others for terms it does not, so every
set reports the same problems and the timings show what the rules that find nothing cost: as in real packs,
most rules find nothing in most documents.

    python bench/bench_rules.py --count 20 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reader import generate_corpus

from normcheck.dsl import RuleSet, load_rules
from normcheck.engine import check_document
from normcheck.model import Document
from normcheck.structure.facts import Structure

RULE_COUNTS = (50, 200, 1000)
# Terms that occur in the corpus. The first FIRING rules of every set use them, so each set reports the
# same problems; the other rules look for terms drawn from 2,000 CJK characters, which almost never occur.
PRESENT = ["罚款", "收费标准", "投诉电话", "资金补助", "公共区域", "举报投诉", "依法予以处理"]
FIRING = 6


def _draw(rng: random.Random, pool: str) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))


def generate_rules(count: int, seed: int) -> str:
    """``count`` rules over a shared list, one in six of each construct; requirements ask for terms the
    documents contain, as a compliant document would."""
    rng = random.Random(seed)
    pool = "".join(chr(c) for c in rng.sample(range(0x4E00, 0x9FA5), 2000))

    present = iter(PRESENT * FIRING)

    def _term(rng: random.Random) -> str:
        return next(present) if i < FIRING else _draw(rng, pool)

    i = FIRING
    out = ['list 禁止词 = "不得", "禁止", "严禁"', "list 共享词 = " + ", ".join(f'"{_term(rng)}"' for _ in range(40))]
    for i in range(count):
        kind = i % 6
        a, b = _term(rng), _term(rng)
        if kind == 0:
            check = f'forbid "{a}"'
        elif kind == 1:
            check = "forbid " + " | ".join(f'"{_term(rng)}"' for _ in range(8))
        elif kind == 2:
            check = f"forbid /{a[:2]}.{{0,6}}{b[:2]}/"
        elif kind == 3:
            check = f'forbid "{a}" unless preceded by 禁止词 within 6 in each article'
        elif kind == 4:
            check = f'forbid "{a}" within 20 chars of "{b}"'
        else:
            check = f'require "{rng.choice(PRESENT)}" | "{a}" | 共享词 in package'
        out.append(f'rule G-{i:04d} "生成规则{i}" {{\n  severity warning\n  {check}\n  example fail "{a}{b}"\n}}')
    return "\n".join(out) + "\n"


def load_generated(count: int, seed: int, folder: Path) -> RuleSet:
    path = folder / f"generated-{count}.rules"
    path.write_text(generate_rules(count, seed), encoding="utf-8")
    return load_rules([path], bundled=False)


def time_check(docs: list[tuple[Document, Structure]], ruleset: RuleSet, repeat: int) -> tuple[float, int]:
    """Best CPU time of ``repeat`` passes (CPU time, so that other load on the machine does not count)."""
    best, findings = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        findings = sum(len(check_document(doc, ruleset, structure)) for doc, structure in docs)
        best = min(best, time.process_time() - start)
    return best, findings


def time_read(files: list[Path], repeat: int) -> tuple[float, float, list[tuple[Document, Structure]]]:
    from normcheck.reader import read_path
    from normcheck.structure import analyze

    read_best = analyze_best = float("inf")
    docs: list[tuple[Document, Structure]] = []
    for _ in range(repeat):
        start = time.process_time()
        read = [read_path(f) for f in files]
        middle = time.process_time()
        docs = [(doc, analyze(doc)) for doc in read]
        end = time.process_time()
        read_best, analyze_best = min(read_best, middle - start), min(analyze_best, end - middle)
    return read_best, analyze_best, docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20, help="documents per size (default 20)")
    parser.add_argument("--sizes", default="medium", help="corpus sizes: small,medium,large (default medium)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes, best kept (default 3)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.out / "corpus", args.count, args.seed, args.sizes.split(","))
    files = [path for paths in corpus.values() for path in paths]
    read_s, analyze_s, docs = time_read(files, args.repeat)
    n = len(docs)
    results: dict[str, Any] = {"documents": n, "read_ms_per_doc": 1000 * read_s / n,
                               "analyze_ms_per_doc": 1000 * analyze_s / n, "rules": {}}
    print(f"{n} documents ({args.sizes}); read {1000 * read_s / n:.2f} ms/doc, structure "
          f"{1000 * analyze_s / n:.2f} ms/doc")
    print(f"{'rules':>8} {'cold load ms':>13} {'cached ms':>10} {'check ms/doc':>13} {'× 50 rules':>11} "
          f"{'findings':>9}")
    base = None
    user_cache = os.environ.get("NORMCHECK_CACHE_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NORMCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")  # cold: nothing parsed yet
        for count in RULE_COUNTS:
            start = time.perf_counter()
            load_generated(count, args.seed, Path(tmp))
            cold_ms = 1000 * (time.perf_counter() - start)
            start = time.perf_counter()
            ruleset = load_generated(count, args.seed, Path(tmp))
            load_ms = 1000 * (time.perf_counter() - start)
            check_s, findings = time_check(docs, ruleset, args.repeat)
            per_doc = 1000 * check_s / n
            base = base or per_doc
            results["rules"][count] = {"cold_load_ms": cold_ms, "cached_load_ms": load_ms,
                                       "check_ms_per_doc": per_doc, "ratio": per_doc / base}
            print(f"{count:>8} {cold_ms:>13.1f} {load_ms:>10.1f} {per_doc:>13.2f} {per_doc / base:>11.2f} "
                  f"{findings:>9}")
    if user_cache is None:
        del os.environ["NORMCHECK_CACHE_DIR"]
    else:
        os.environ["NORMCHECK_CACHE_DIR"] = user_cache
    bundled = load_rules()
    check_s, findings = time_check(docs, bundled, args.repeat)
    per_doc = 1000 * check_s / n
    results["bundled"] = {"rules": len(bundled.rules), "check_ms_per_doc": per_doc,
                          "ratio_to_read": per_doc / results["read_ms_per_doc"]}
    print(f"bundled ({len(bundled.rules)} rules): check {per_doc:.2f} ms/doc = "
          f"{per_doc / results['read_ms_per_doc']:.2f} × reading; {findings} findings")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "rules-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
