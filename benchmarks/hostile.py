"""Linear time on hostile input: every stage, every pathological text, at size n and 2n.

    python benchmarks/hostile.py [--size 200000] [--big]

For each stage alone and the whole default pipeline, it times each generator below at n and 2n
characters (CPU time, best of 5) and prints the ratio t(2n)/t(n); n grows from --size (up to 16x)
until t(n) is at least 50 ms, so that timer noise on a busy machine does not pass for growth.
Linear code gives ~2; the script exits 1 and names the culprit when any ratio exceeds 2.5
(super-linear growth). `--big` also times the
issue's absolute cases (a 10 MB line, 1 MB of quote marks, a 100k-line document) once each.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from dataclasses import replace

from cleanwire import Config, Document, Pipeline
from cleanwire.stages import STAGES

SENTENCE = "The minister said on Tuesday that talks would resume, and \u201cnothing\u201d was ruled out. "

GENERATORS = {
    "periods": lambda n: "." * n,
    "spaces": lambda n: "a" + " " * n + "b",
    "quotes": lambda n: ("\"'\u201c\u201d\u2018\u2019" * (n // 6 + 1))[:n],
    "hyphens": lambda n: ("-" * 50 + "\nword-\nbreak ") * (n // 63 + 1),
    "repeated words": lambda n: "the " * (n // 4),
    "short lines": lambda n: "Menu item\n" * (n // 10),
    "one long line": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],
    "paragraphs": lambda n: (SENTENCE * 3 + "\n\n") * (n // (3 * len(SENTENCE) + 2) + 1),
    "capitalised words": lambda n: "Volodymyr Volodomyr Zelensky Zelenskiy " * (n // 40),
    "entities": lambda n: "&amp;amp;&#8217;&nbsp;x " * (n // 24),
}


def best_time(pipeline: Pipeline, text: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # garbage left by earlier runs must not be collected on this one's clock
        t0 = time.process_time()
        pipeline.run(Document("bench", text))
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=200_000, help="n, in characters")
    ap.add_argument("--big", action="store_true", help="also time the 10 MB / 1 MB / 100k-line cases")
    args = ap.parse_args()
    pipelines = {name: Pipeline(replace(Config(), stages=(name,))) for name in STAGES}
    pipelines["all"] = Pipeline(Config())
    bad = []
    print(f"{'stage':<12} {'input':<18} {'n':>9} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for pname, pipeline in pipelines.items():
        for gname, gen in GENERATORS.items():
            n = args.size
            t1 = best_time(pipeline, gen(n))
            while t1 < 0.05 and n < 16 * args.size:
                n *= 2
                t1 = best_time(pipeline, gen(n))
            t2 = best_time(pipeline, gen(2 * n))
            ratio = t2 / t1 if t1 > 1e-3 else 2.0  # still below 1 ms at 16x: nothing to measure
            mark = "  SUPER-LINEAR" if ratio > 2.5 else ""
            print(f"{pname:<12} {gname:<18} {n:>9,} {t1:8.4f} {t2:8.4f} {ratio:6.2f}{mark}")
            if ratio > 2.5:
                bad.append((pname, gname, ratio))
    if args.big:
        everything = pipelines["all"]
        for name, text in (("10 MB line", (SENTENCE * (10_000_000 // len(SENTENCE)))),
                           ("1 MB quotes", GENERATORS["quotes"](1_000_000)),
                           ("1 MB periods", "." * 1_000_000),
                           ("100k lines", "A short line of text.\n" * 100_000)):
            t0 = time.perf_counter()
            everything.run(Document("big", text))
            print(f"all          {name:<18} {time.perf_counter() - t0:8.2f} s for {len(text):,} chars")
    if bad:
        for pname, gname, ratio in bad:
            print(f"FAIL: {pname} on {gname} grows {ratio:.2f}x when the input doubles", file=sys.stderr)
        return 1
    print("all linear (every ratio <= 2.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
