"""Benchmark of the `metadata` stage: title, date and authors on the dev pages, against their markup.

    python benchmarks/metadata.py [--devset DIR] [--cmd "cleanwire"] [--json] [--time]

Runs the installed pipeline as a user would (`cleanwire --stages metadata page.jsonl`), scores
its records with the dev set's own `score_meta.py` against `meta.jsonl` (title, date and
authors read from each page's markup) and prints the score line next to the reference line of
the dev set's README (first 4-20 word line without a final period as title, first date-like
string as date). Then two checks that the stage eats no article text:
- `article.jsonl` (the article element's text, often with no head at all) through the stage
  alone, scored with `score.py` against gold next to the unchanged input (F1 0.971): what is
  lost is a real head (gold sometimes keeps it) or a dateline;
- the default pipeline's output on `page.jsonl` and `article.jsonl` through the stage again:
  how many cleaned texts it still finds a head in (a second cleaning should find none).
Standard library only, but for `--time`, which times the stage alone in-process (cleanwire imported).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
REFERENCE = "title R 0.064  date R 0.636 P 0.848  authors 0 (devset README, page.jsonl)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=DEVSET, help="folder with page.jsonl, meta.jsonl, score_meta.py")
    ap.add_argument("--cmd", default=str(Path(sys.executable).parent / "cleanwire"),
                    help="the cleanwire command to run (default: the one next to this Python)")
    ap.add_argument("--json", action="store_true", help="also print score_meta.py's JSON line")
    ap.add_argument("--time", action="store_true",
                    help="also time the stage alone in this Python (imports cleanwire; CPU seconds, best of 7)")
    args = ap.parse_args()
    pages = args.devset / "page.jsonl"
    with tempfile.NamedTemporaryFile("w+b", suffix=".jsonl") as out:
        start = time.perf_counter()
        subprocess.run([*shlex.split(args.cmd), "--stages", "metadata", str(pages)], stdout=out, check=True)
        seconds = time.perf_counter() - start
        score = [sys.executable, str(args.devset / "score_meta.py"), str(args.devset / "meta.jsonl"), out.name]
        result = subprocess.run(score + (["--json"] if args.json else []), capture_output=True, text=True, check=True)
    print(f"$ cleanwire --stages metadata {pages} ({seconds:.1f} s, {pages.stat().st_size / 1e6:.1f} MB)")
    print("cleanwire  ", result.stdout.strip().replace("\n", "\n            "))
    print("reference  ", REFERENCE)
    articles = args.devset / "article.jsonl"
    score = [sys.executable, str(args.devset / "score.py"), str(args.devset / "gold.jsonl")]
    with tempfile.NamedTemporaryFile("w+b", suffix=".jsonl") as out:
        subprocess.run([*shlex.split(args.cmd), "-q", "--stages", "metadata", str(articles)], stdout=out, check=True)
        after = subprocess.run([*score, out.name], capture_output=True, text=True, check=True).stdout.strip()
    before = subprocess.run([*score, str(articles)], capture_output=True, text=True, check=True).stdout.strip()
    print(f"$ cleanwire --stages metadata {articles}, score.py against gold.jsonl")
    print("unchanged  ", before)
    print("metadata   ", after)
    for path in (pages, articles):
        found, total = _heads_left(args.cmd, path)
        print(f"cleaned {path.name}: the stage finds a head again in {found} of {total} texts")
    if args.time:
        seconds = _stage_seconds(pages)
        rate = pages.stat().st_size / 1e6 / seconds
        print(f"stage alone on {pages.name}: {seconds:.3f} CPU s, best of 7 ({rate:.1f} MB/s)")
    return 0


def _stage_seconds(path: Path, repeats: int = 7) -> float:
    """CPU seconds of the metadata stage alone over the records of `path`, best of `repeats` (CPU
    time, and the best run, because the machine is shared: compare ratios taken in one run)."""
    from cleanwire.config import Config
    from cleanwire.document import Document
    from cleanwire.stages import STAGES

    run = STAGES["metadata"]
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    best = float("inf")
    for _ in range(repeats):
        docs = [Document(r["id"], r["text"]) for r in records]
        start = time.process_time()
        for doc in docs:
            run(doc, Config())
        best = min(best, time.process_time() - start)
    return best


def _heads_left(cmd: str, path: Path) -> tuple[int, int]:
    """Texts of the default pipeline's output in which the metadata stage still removes something."""
    with tempfile.NamedTemporaryFile("w+b", suffix=".jsonl") as once, \
            tempfile.NamedTemporaryFile("w+b", suffix=".jsonl") as twice:
        subprocess.run([*shlex.split(cmd), "-q", str(path)], stdout=once, check=True)
        subprocess.run([*shlex.split(cmd), "-q", "--stages", "metadata", once.name], stdout=twice, check=True)
        twice.seek(0)
        records = [json.loads(line) for line in twice.read().decode("utf-8").splitlines() if line.strip()]
    found = sum(1 for r in records if any(x["stage"] == "metadata" for x in r.get("removed", [])))
    return found, len(records)


if __name__ == "__main__":
    raise SystemExit(main())
