#!/usr/bin/env python3
"""normcheck against the shared lower-bound benchmark, in one run on one machine.

Generates (or reuses) a corpus with the benchmark's own generator, then times, as whole processes and
interleaved, the lower bound and normcheck on it:

    limit.py run CORPUS --extract lxml --engine re --mode each --k 200 --procs 1
    normcheck --jobs 1 --no-cache --format json CORPUS

and prints the medians and their ratio (the figure the targets in bench/README.md are stated in). The
benchmark is not part of this repository: point ``--bench`` at its folder (default ``../shared/bench``
beside the checkout).

    python bench/ratio.py --n 200 --size medium --runs 3
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # normcheck exits 1 when it reports errors
        raise SystemExit(f"ratio: {' '.join(command)} exited with {done.returncode}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--size", default="medium")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "ratio")
    args = parser.parse_args(argv)

    limit, generate = args.bench / "limit.py", args.bench / "gen_corpus.py"
    if not limit.is_file() or not generate.is_file():
        raise SystemExit(f"ratio: no lower-bound benchmark at {args.bench} (use --bench)")
    corpus = args.out / f"{args.size}-{args.n}"
    if not corpus.is_dir() or len(list(corpus.glob("*.docx"))) != args.n:
        subprocess.run([sys.executable, str(generate), "--n", str(args.n), "--size", args.size, "--out",
                        str(corpus)], check=True, stdout=subprocess.DEVNULL)
    bare = [sys.executable, str(limit), "run", str(corpus), "--extract", "lxml", "--engine", "re", "--mode",
            "each", "--k", "200", "--procs", "1"]
    ours = [sys.executable, "-m", "normcheck", "--jobs", "1", "--no-cache", "--format", "json", str(corpus)]
    times: dict[str, list[float]] = {"limit": [], "normcheck": []}
    for _ in range(args.runs):
        times["limit"].append(_timed(bare))
        times["normcheck"].append(_timed(ours))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["normcheck"] / medians["limit"]
    print(f"{args.n} {args.size} documents, median of {args.runs}: lower bound {medians['limit']:.2f} s, "
          f"normcheck {medians['normcheck']:.2f} s, ratio {ratio:.2f}")
    print(json.dumps({"documents": args.n, "size": args.size, "runs": times, "ratio": ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
