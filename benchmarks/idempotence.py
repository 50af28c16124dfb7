"""How often a second full-pipeline pass changes cleaned output, over mutated real articles.

    python benchmarks/idempotence.py [--n 1000] [--seed 0] [--examples 3] [--kind KIND] [--dump DIR]

Idempotence says cleaning cleaned output changes nothing. The dev pages
alone are too few and too tidy to show where it fails, so this script makes `--n` documents
from real text (the seeds and the dev set's page, article and gold records), each with 0 to 6
mutations of the kinds scraped text really suffers (below), cleans each one, cleans every
output story again and counts the documents whose second pass changes any story's text (or
splits it again). The draw is fixed by `--seed`, so a rate is reproducible and two commits
compare on the same documents.

It prints the rate, a table of what the second pass did (stage and fix kind of its removals
and edits: the cause to look for in the first pass), and the first `--examples` changed
documents (those of `--kind` only, when given) with their mutations, the first-pass stage the
second pass responds to, and a diff of the two passes. `--dump DIR` writes every changed
document's input to DIR/<n>.txt, to replay with `cleanwire` or `clean()`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from cleanwire import clean
from cleanwire.stages import STAGES

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"

NASTY = ["\u201c", "\u201d", "\u2019", '"', "'", ".", " ", "\n", "\n\n", "-\n", "\u00a0", "\u200b", "&amp;",
         "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\t", ",", " the the ", "\ufeff", "\x00", "\ufb01"]
QUOTES = {'"': "\u201c\u201d", "'": "\u2019\u2018", "\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'"}


def corpus() -> list[tuple[str, str]]:
    """(name, text) of every real article: the seeds, then the dev set's page, article and gold records."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for part in ("page", "article", "gold"):
        path = DEVSET / f"{part}.jsonl"
        if path.exists():
            for row in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(row)
                texts.append((f"{part}:{record['id']}", record["text"]))
    return texts


# Mutations: each takes (text, rng, corpus) and returns the new text and a short description.

def drop_line(text, rng, _):
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    return "\n".join(lines[:k] + lines[k + 1:]), f"drop line {k}"


def duplicate_line(text, rng, _):
    lines = text.split("\n")
    k, to = rng.randrange(len(lines)), rng.randrange(len(lines) + 1)
    return "\n".join(lines[:to] + [lines[k]] + lines[to:]), f"copy line {k} to {to}"


def _word(text, rng):
    """(start, end) of a random word of three letters or more, or None."""
    for _ in range(20):
        at = rng.randrange(len(text) or 1)
        s = at
        while s > 0 and text[s - 1].isalpha():
            s -= 1
        e = at
        while e < len(text) and text[e].isalpha():
            e += 1
        if e - s >= 3:
            return s, e
    return None


def typo(text, rng, _):
    span = _word(text, rng)
    if span is None:
        return text, "no word for a typo"
    s, e = span
    w = text[s:e]
    k = rng.randrange(1, len(w))
    how = rng.choice(["swap", "drop", "space", "double word", "double letter"])
    new = {"swap": w[:k - 1] + w[k] + w[k - 1] + w[k + 1:], "drop": w[:k] + w[k + 1:], "space": w[:k] + " " + w[k:],
           "double word": w + " " + w, "double letter": w[:k] + w[k - 1] + w[k:]}[how]
    return text[:s] + new + text[e:], f"typo ({how}) {w!r} -> {new!r}"


def quote(text, rng, _):
    at = [i for i, c in enumerate(text) if c in QUOTES]
    if not at or rng.random() < 0.3:
        k = rng.randrange(len(text) + 1)
        mark = rng.choice("\"'\u201c\u201d\u2019")
        return text[:k] + mark + text[k:], f"stray {mark!r} at {k}"
    k = rng.choice(at)
    mark = rng.choice(QUOTES[text[k]])
    return text[:k] + mark + text[k + 1:], f"quote {text[k]!r} -> {mark!r} at {k}"


def mojibake(text, rng, _):
    """A stretch of text encoded as UTF-8 and read as cp1252, as a misconfigured scraper does."""
    s = rng.randrange(len(text) + 1)
    e = min(len(text), s + rng.randint(5, 200))
    bad = text[s:e].encode("utf-8").decode("cp1252", errors="replace") if rng.random() < 0.5 else \
        text[s:e].replace("\u2019", "\u00e2\u20ac\u2122").replace("\u00e9", "\u00c3\u00a9").replace(
            "\u201c", "\u00e2\u20ac\u0153").replace("'", "\u00e2\u20ac\u2122")
    return text[:s] + bad + text[e:], f"mojibake {s}:{e}"


def nasty(text, rng, _):
    k = rng.randrange(len(text) + 1)
    piece = rng.choice(NASTY)
    return text[:k] + piece + text[k:], f"insert {piece!r} at {k}"


def cut(text, rng, _):
    k = rng.randrange(len(text) + 1)
    n = rng.randint(1, 20)
    return text[:k] + text[k + n:], f"cut {text[k:k + n]!r} at {k}"


def glue(text, rng, texts):
    name, other = rng.choice(texts)
    sep = rng.choice(["\n", "\n\n", "\n\n\n"])
    return text + sep + other, f"glue {name} after {sep!r}"


MUTATIONS = [drop_line, duplicate_line, typo, typo, quote, mojibake, nasty, nasty, cut, glue]


def mutate(text: str, rng: random.Random, texts: list[tuple[str, str]]) -> tuple[str, list[str]]:
    done = []
    for _ in range(rng.randint(0, 6)):
        text, what = rng.choice(MUTATIONS)(text, rng, texts)
        done.append(what)
    return text, done


def second_pass(text: str) -> list[tuple[dict, list[dict]]]:
    """For each story the first pass gives: (its record, the records a second pass gives for its text)."""
    return [(r, clean(r["text"])) for r in clean(text)]


def causes(again: list[dict]) -> list[str]:
    """The second pass's stage.kind changes; layout's only when it did nothing else (it follows the others)."""
    out = [f"{a['stage']}.{a['kind']}" for r in again for a in (*r["removed"], *r["edits"])]
    if len(again) > 1:
        out.append("split again")
    return [c for c in out if not c.startswith("layout.")] or out


def unlocked_by(text: str) -> str:
    """The first-pass stages whose changes a second pass responds to (a cause to file with their owners).

    A stage is named "(alone)" when a second run of it alone changes its own output. Otherwise it is
    named when the other stages settle without it, but change what a first pass with it gives.
    """
    alone = [n for n in STAGES if _changes_again(text, (n,), (n,))]
    others = {n: tuple(m for m in STAGES if m != n) for n in STAGES}
    later = [n for n in STAGES if n not in alone and not _changes_again(text, others[n], others[n])
             and _changes_again(text, tuple(STAGES), others[n])]
    return ", ".join([*(f"{n} (alone)" for n in alone), *later]) or "?"


def _changes_again(text: str, first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether cleaning with the `second` stages changes (or splits) a story that the `first` give."""
    for r in clean(text, stages=first):
        again = clean(r["text"], stages=second)
        if len(again) > 1 or again[0]["text"] != r["text"]:
            return True
    return False


def show(n: int, name: str, done: list[str], pairs, text: str) -> None:
    print(f"\n=== document {n} ({name}); mutations: {'; '.join(done) or 'none'}")
    print(f"    first-pass change the second pass responds to: {unlocked_by(text)}")
    for k, (first, again) in enumerate(pairs):
        second = "\n\n".join(r["text"] for r in again)
        if len(again) == 1 and second == first["text"]:
            continue
        print(f"--- story {k}: second pass {causes(again)}")
        for a in (a for r in again for a in r["removed"]):
            print(f"    removed {a['stage']}.{a['kind']}: {a['text'][:160]!r}")
        for a in (a for r in again for a in r["edits"]):
            print(f"    edit    {a['stage']}.{a['kind']}: {a['before'][:80]!r} -> {a['after'][:80]!r}")
        diff = difflib.unified_diff(first["text"].splitlines(), second.splitlines(), "pass 1", "pass 2",
                                    n=1, lineterm="")
        for line in list(diff)[:30]:
            print("    " + line[:200])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="documents to make (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--examples", type=int, default=3, help="changed documents to show with a diff")
    ap.add_argument("--kind", help="show only examples whose second pass did this stage.kind")
    ap.add_argument("--dump", help="write each changed document's input to DIR/<n>.txt")
    args = ap.parse_args()
    texts = corpus()
    rng = random.Random(args.seed)
    changed, shown, tally = 0, 0, Counter()
    t0 = time.process_time()
    for n in range(args.n):
        name, text = rng.choice(texts)
        text, done = mutate(text, rng, texts)
        pairs = second_pass(text)
        found = [c for _, again in pairs for c in causes(again)]
        if not found and all(r["text"] == again[0]["text"] for r, again in pairs):
            continue
        changed += 1
        tally.update(set(found))
        if args.dump:
            Path(args.dump).mkdir(parents=True, exist_ok=True)
            (Path(args.dump) / f"{n}.txt").write_text(text, encoding="utf-8")
        if shown < args.examples and (args.kind is None or args.kind in found):
            show(n, name, done, pairs, text)
            shown += 1
    print(f"\nchanged by a second pass: {changed} of {args.n} documents ({100 * changed / args.n:.2f}%); "
          f"seed {args.seed}; {len(texts)} real texts; {time.process_time() - t0:.0f} s CPU")
    for cause, k in tally.most_common():
        print(f"  {k:4d}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
