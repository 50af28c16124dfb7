"""Benchmark for the `split` stage: glued stories split at the right places, single articles kept whole.

The cases are built from the dev set (../shared/devset): each gold article with its headline
(the first accepted title in meta.jsonl) on the line above it. A *bundle* glues two or three
such articles together, one blank line apart, the way a scraped page glues a second story under
the first; a *single* is one article alone, its own subheadings and all. The draw is seeded, so
every run builds the same cases.

A bundle counts as split right when it comes out as exactly one record per story and every later
record starts at its own headline: the split stage's `title` removal of record k sits at the
input offset where headline k was glued in (the audit gives input offsets whatever other stages
ran), and its `title` is that headline. A single counts as kept whole when it comes out as one
record. For the default pipeline the script also counts the later headlines that an earlier
stage (metadata, boilerplate) removed before the split stage could see them.

    .venv/bin/python benchmarks/split.py                  # --stages split, then the default pipeline
    .venv/bin/python benchmarks/split.py --show 5         # also print the first misses
    .venv/bin/python benchmarks/split.py --speed          # throughput and linear-time check

The devset is also where the stage's thresholds were chosen, so the script reports the two
halves of the cases (by a hash of the ids) separately: a rule that only fits one half shows.
It draws 600 bundles (BUNDLES); `--seed` draws others, and a change should hold on them too.
Some gold articles end with lines of their page (a bare "RELATED:" label, links under
"Related Articles:"): a headline glued under them is harder to find, as it is on real pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cleanwire import Config, Pipeline
from cleanwire.document import Document

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
SEED = 20240501
_WORD_RE = re.compile(r"\w+")
# 600, not 200: the 200-bundle draw of SEED (where the stage's weights were first set) scored
# 3 to 5 points above other seeds' draws; a larger draw leaves less room to fit it by chance
BUNDLES = 600
TARGET_BUNDLES = 0.95
TARGET_SINGLES = 0.98


@dataclass
class Case:
    id: str
    text: str
    starts: list[int]  # input offsets of the headlines of stories 2..n
    titles: list[str]  # their headlines
    half: int  # 0 or 1, by a hash of the article ids


def _load(devset: Path) -> list[tuple[str, str, str]]:
    """(id, headline, article text) for every gold article whose page shows a title."""
    titles = {}
    for line in (devset / "meta.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("title"):
            titles[rec["id"]] = rec["title"]
    out = []
    for line in (devset / "gold.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if rec["id"] in titles and rec["text"].strip():
            out.append((rec["id"], _headline(titles[rec["id"]], rec["text"]), rec["text"].strip()))
    return out


def _headline(accepted: list[str], text: str) -> str:
    """The accepted title the article is about: a page's other titles name its site, sections, sidebars.

    The one sharing most words with the article's opening wins; then the longer one.
    """
    opening = {w.lower() for w in _WORD_RE.findall(text)[:300]}

    def score(title: str) -> tuple[int, int]:
        return len({w.lower() for w in _WORD_RE.findall(title)} & opening), len(title)

    return max(accepted, key=score).strip()


def _half(ids: list[str]) -> int:
    return hashlib.sha1(" ".join(sorted(ids)).encode()).digest()[0] & 1


def build_cases(devset: Path = DEVSET, seed: int = SEED, bundles: int = BUNDLES) -> tuple[list[Case], list[Case]]:
    """The bundles (two or three articles glued) and the singles (every article alone)."""
    articles = _load(devset)
    rng = random.Random(seed)
    singles = [Case(aid, f"{head}\n\n{body}\n", [], [], _half([aid])) for aid, head, body in articles]
    out = []
    for n in range(bundles):
        picked = rng.sample(articles, 2 + n % 2)
        parts: list[str] = []
        starts: list[int] = []
        at = 0
        for k, (_, head, body) in enumerate(picked):
            if k:
                starts.append(at)
            piece = f"{head}\n\n{body}\n\n"
            parts.append(piece)
            at += len(piece)
        ids = [aid for aid, _, _ in picked]
        out.append(Case("+".join(ids), "".join(parts), starts, [h for _, h, _ in picked[1:]], _half(ids)))
    return out, singles


def split_starts(records: list[dict]) -> list[int | None]:
    """Input offset where each later record begins: its split-stage `title` removal."""
    starts: list[int | None] = []
    for rec in records[1:]:
        titles = [r["start"] for r in rec.get("removed", []) if r["stage"] == "split" and r["kind"] == "title"]
        starts.append(min(titles) if titles else None)
    return starts


def run_case(pipeline: Pipeline, case: Case) -> list[dict]:
    return [d.to_record() for d in pipeline.run(Document(id=case.id, source=case.text))]


def bundle_ok(case: Case, records: list[dict]) -> bool:
    if len(records) != len(case.starts) + 1 or any("error" in r for r in records):
        return False
    got = split_starts(records)
    return got == case.starts and [r.get("title") for r in records[1:]] == case.titles


def evaluate(stages: tuple[str, ...], bundles: list[Case], singles: list[Case], show: int = 0) -> dict:
    pipeline = Pipeline(Config(stages=stages))
    hits = {0: [0, 0], 1: [0, 0]}
    kept = {0: [0, 0], 1: [0, 0]}
    flagged = 0
    misses: list[str] = []
    eaten: Counter[str] = Counter()  # later headlines an earlier stage removed, by stage and kind
    for case in bundles:
        records = run_case(pipeline, case)
        ok = bundle_ok(case, records)
        removals = [r for rec in records for r in rec.get("removed", []) if r["stage"] != "split"]
        for start in case.starts:
            eaten.update(f"{r['stage']}/{r['kind']}" for r in removals if r["start"] <= start < r["end"])
        hits[case.half][0] += ok
        hits[case.half][1] += 1
        if not ok and len(misses) < show:
            misses.append(f"  bundle {case.id}: {len(records)} records, starts {split_starts(records)} "
                          f"want {case.starts} ({case.titles})")
    for case in singles:
        records = run_case(pipeline, case)
        ok = len(records) == 1
        kept[case.half][0] += ok
        kept[case.half][1] += 1
        flagged += any(f["stage"] == "split" for f in records[0].get("flags", []))
        if not ok and len(misses) < 2 * show:
            misses.append(f"  single {case.id}: split into {len(records)}, titles "
                          f"{[r.get('title') for r in records[1:]]}")
    b = sum(h[0] for h in hits.values()) / max(1, sum(h[1] for h in hits.values()))
    s = sum(k[0] for k in kept.values()) / max(1, sum(k[1] for k in kept.values()))
    return {"bundles": b, "singles": s, "hits": hits, "kept": kept, "flagged": flagged, "misses": misses,
            "eaten": eaten}


def _pct(a: list[int]) -> str:
    return f"{100 * a[0] / max(1, a[1]):5.1f}% ({a[0]}/{a[1]})"


def report(name: str, res: dict, n_bundles: int, n_singles: int) -> None:
    print(f"{name}: bundles split right {100 * res['bundles']:.1f}% of {n_bundles} "
          f"(target >= {100 * TARGET_BUNDLES:.0f}%), singles kept whole {100 * res['singles']:.1f}% of {n_singles} "
          f"(target >= {100 * TARGET_SINGLES:.0f}%), singles flagged {res['flagged']}")
    for h in (0, 1):
        print(f"    half {h}: bundles {_pct(res['hits'][h])}, singles {_pct(res['kept'][h])}")
    if res["eaten"]:
        print(f"    later headlines removed by an earlier stage: {sum(res['eaten'].values())} "
              f"({', '.join(f'{k} {n}' for k, n in res['eaten'].most_common())})")
    for line in res["misses"]:
        print(line)


def _hostile(n: int) -> str:
    """n headline-and-lede pairs: every line a candidate break, the stage's worst case."""
    lines = []
    for k in range(n):
        lines.append(f"Word{k} story number {k} begins here now")
        lines.append(f"Lede {k} sentence tells the reader what happened on day {k} in the town of X{k}, "
                     f"and who said what about it to reporters.")
    return "\n\n".join(lines)


def speed() -> None:
    """Seconds per MB with the split stage against the pass-through pipeline, and at 2x the size."""
    base = Pipeline(Config(stages=()))
    only = Pipeline(Config(stages=("split",)))
    for n in (2000, 4000, 8000):
        text = _hostile(n)
        times = []
        for pipe in (base, only):
            t = time.perf_counter()
            docs = pipe.run(Document(id="h", source=text))
            times.append(time.perf_counter() - t)
        print(f"hostile {len(text) / 1e6:.2f} MB: pass-through {times[0]:.3f}s, split {times[1]:.3f}s "
              f"(ratio {times[1] / times[0]:.2f}), {len(docs)} records")
    _, singles = build_cases()
    text = "\n\n".join(c.text for c in singles)
    times = []
    for pipe in (base, only):
        t = time.perf_counter()
        for c in singles:
            pipe.run(Document(id=c.id, source=c.text))
        times.append(time.perf_counter() - t)
    print(f"dev-set singles ({len(text) / 1e6:.2f} MB): pass-through {times[0]:.3f}s, split {times[1]:.3f}s "
          f"(ratio {times[1] / times[0]:.2f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--bundles", type=int, default=BUNDLES,
                    help="how many bundles to draw (half of two, half of three)")
    ap.add_argument("--show", type=int, default=0, help="print up to this many misses of each kind")
    ap.add_argument("--speed", action="store_true", help="measure throughput and linear time instead")
    args = ap.parse_args(argv)
    if args.speed:
        speed()
        return 0
    bundles, singles = build_cases(args.devset, args.seed, args.bundles)
    ok = True
    for name, stages in (("--stages split", ("split",)), ("default pipeline", Config().stages)):
        res = evaluate(stages, bundles, singles, args.show)
        report(name, res, len(bundles), len(singles))
        ok &= res["bundles"] >= TARGET_BUNDLES and res["singles"] >= TARGET_SINGLES
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
