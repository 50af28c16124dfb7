"""Benchmark for the `boilerplate` stage: how much article and how little page survives.

It runs the installed `cleanwire` command, as a user would, on the dev set's `page.jsonl` (whole
pages: menus, footers, related links and the article somewhere inside) and `article.jsonl` (the
article's own HTML element: light noise), once with `--stages extract` and once with the default
pipeline, scores each output with the dev set's own `score.py` against `gold.jsonl`, and prints
precision, recall, F1 and the count of emptied documents next to the reference methods of the
dev set's README.

    .venv/bin/python benchmarks/boilerplate.py                # the four runs and the references
    .venv/bin/python benchmarks/boilerplate.py --halves       # also each half of the sites
    .venv/bin/python benchmarks/boilerplate.py --speed        # throughput vs the pass-through
    .venv/bin/python benchmarks/boilerplate.py --wrapped 72   # also page.jsonl hard-wrapped at 72

The stage's thresholds were chosen on this dev set, so `--halves` scores the sites in two halves
(by a hash of the site name, the two pages of a site together): a rule that only fits one half
shows as a gap. `--wrapped N` also scores page.jsonl with every line longer than N characters
filled to N columns (textwrap), the way some feeds deliver text: the article must still be
found when no line is a whole paragraph. `--speed` times the stage alone against an empty
pipeline on the pages, and on a page repeated to n and 2n lines (linear code gives a ratio
near 2).

Targets (issue #4): page F1 >= 0.92 with 0 emptied, article F1 >= 0.97.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
FILES = ("page", "article")
RUNS = (("extract", ["--stages", "extract"]), ("default", []))
_SITE_RE = re.compile(r"\d+$")


def cleanwire_command() -> list[str]:
    """The installed `cleanwire` next to this Python, else `python -m cleanwire`."""
    exe = Path(sys.executable).with_name("cleanwire")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cleanwire"]


def score(devset: Path, pred: Path, ids: Path | None = None) -> dict:
    cmd = [sys.executable, str(devset / "score.py"), str(devset / "gold.jsonl"), str(pred), "--json"]
    if ids is not None:
        cmd += ["--ids", str(ids)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def references(devset: Path) -> dict[str, dict[str, float]]:
    """The README's reference F1 per method: {method: {"page": f1, "article": f1}}."""
    refs: dict[str, dict[str, float]] = {}
    readme = (devset / "README.md").read_text(encoding="utf8")
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3:
            try:
                refs[cells[0]] = {"page": float(cells[1]), "article": float(cells[2])}
            except ValueError:
                continue
    return refs


def halves(devset: Path, tmp: Path) -> list[tuple[str, Path]]:
    """Two id files that split the sites in halves by a hash of the site name."""
    ids = [json.loads(line)["id"] for line in (devset / "gold.jsonl").open(encoding="utf8") if line.strip()]
    parts: dict[int, list[str]] = {0: [], 1: []}
    for doc_id in ids:
        site = _SITE_RE.sub("", doc_id)
        parts[hashlib.sha1(site.encode()).digest()[0] % 2].append(doc_id)
    out = []
    for k, members in parts.items():
        path = tmp / f"half{k}.txt"
        path.write_text("\n".join(members), encoding="utf8")
        out.append((f"half {k} ({len(members)} docs)", path))
    return out


def line(label: str, res: dict) -> str:
    return (f"{label:<34} P {res['precision']:.3f}  R {res['recall']:.3f}  F1 {res['f1']:.3f}"
            f"  emptied {res['empty_predictions']}")


def speed() -> None:
    from dataclasses import replace

    from cleanwire import Config, Document, Pipeline

    texts = [json.loads(x)["text"] for x in (DEVSET / "page.jsonl").open(encoding="utf8") if x.strip()]
    chars = sum(map(len, texts))

    def run(pipeline: Pipeline, docs: list[str]) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for k, text in enumerate(docs):
                pipeline.run(Document(str(k), text))
            best = min(best, time.perf_counter() - t0)
        return best

    empty = Pipeline(replace(Config(), stages=()))
    stage = Pipeline(replace(Config(), stages=("boilerplate",)))
    t0, t1 = run(empty, texts), run(stage, texts)
    print(f"speed: pass-through {chars / t0 / 1e6:.2f} MB/s, boilerplate {chars / t1 / 1e6:.2f} MB/s "
          f"(boilerplate takes {t1 / t0:.2f}x the pass-through time)")
    page = max(texts, key=len)
    small, big = "\n".join([page] * 20), "\n".join([page] * 40)
    ts, tb = run(stage, [small]), run(stage, [big])
    print(f"linear: one page x20 {ts:.3f}s, x40 {tb:.3f}s, ratio {tb / ts:.2f} (linear ~2)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devset", type=Path, default=DEVSET, help="folder with page/article/gold.jsonl and score.py")
    ap.add_argument("--halves", action="store_true", help="also score each half of the sites")
    ap.add_argument("--speed", action="store_true", help="also time the stage against the pass-through")
    ap.add_argument("--wrapped", type=int, metavar="N", help="also score page.jsonl hard-wrapped at N columns")
    args = ap.parse_args()
    refs = references(args.devset)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        parts = halves(args.devset, tmp) if args.halves else []
        for name in FILES:
            print(f"== {name}.jsonl")
            for label, ref in refs.items():
                print(f"   reference: {label:<58} F1 {ref[name]:.3f}")
            for run_name, flags in RUNS:
                out = tmp / f"{name}-{run_name}.jsonl"
                cmd = [*cleanwire_command(), *flags, "--quiet", "-o", str(out), str(args.devset / f"{name}.jsonl")]
                subprocess.run(cmd, check=True)
                print("   " + line(f"cleanwire {' '.join(flags) or '(default)'}", score(args.devset, out)))
                for part_label, ids in parts:
                    print("      " + line(part_label, score(args.devset, out, ids)))
        if args.wrapped:
            wrapped_page = tmp / "page-wrapped.jsonl"
            with wrapped_page.open("w", encoding="utf8") as out_file:
                for raw in (args.devset / "page.jsonl").open(encoding="utf8"):
                    if raw.strip():
                        rec = json.loads(raw)
                        rec["text"] = "\n".join(textwrap.fill(x, args.wrapped) if len(x) > args.wrapped else x
                                                for x in rec["text"].split("\n"))
                        out_file.write(json.dumps(rec) + "\n")
            out = tmp / "page-wrapped-out.jsonl"
            subprocess.run([*cleanwire_command(), "--stages", "extract", "--quiet", "-o", str(out), str(wrapped_page)],
                           check=True)
            print(f"== page.jsonl hard-wrapped at {args.wrapped} columns")
            print("   " + line("cleanwire --stages extract", score(args.devset, out)))
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
