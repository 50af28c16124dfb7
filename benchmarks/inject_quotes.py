"""Error injectors for the `quotes` stage, plugged into benchmarks/repair.py.

Each class damages the quotation marks of a clean gold article the way scraped news does, at
random spots, and returns the corrupted text with the positions (in the corrupted text) of
every damaged spot; each guard puts in something a careless quote fixer breaks and returns the
spans that must come out unchanged. See the interface in the docstring of benchmarks/repair.py.

Classes (the issue's list):
- quote_wrong_way: one to three curly marks turned (“ for ”, ‘ for ’, apostrophes included);
- quote_lost_opening: the opening double mark of a quotation that closes, after punctuation,
  in the same paragraph, lost where it opens the paragraph, follows an introducing colon or
  starts the sentence after an earlier quotation's attribution (a mark opening an inline
  quotation mid-sentence is left out: nothing in the text says where it opened);
- quote_lost_closing: the closing double mark of a quoted sentence (one opening a paragraph or
  a sentence, four words or more) lost between its comma (? !) and the words after it
  (`“It is a good thing, he said.`);
- quote_mixed_style: in a document written in one style (95% of its marks), one paragraph
  holding less than half of them in the other style.

Guards: a multi-paragraph quotation (the English convention: no closing mark at the end of a
paragraph, an opening mark at the start of the next), names with apostrophes, feet and inches,
other languages' quotation marks, quotes inside code and URLs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator

from _inject import Guarded, Injected, put_after_paragraph, replace_at

_PARA_RE = re.compile(r"[^\n]+")
_TURN = {"“": "”", "”": "“", "‘": "’", "’": "‘"}
_STRAIGHT = {"“": '"', "”": '"', "‘": "'", "’": "'"}
_OPENERS = {'"', "“"}
_CLOSERS = {'"', "”"}
_SENTENCE_GAP_RE = re.compile(r"[.?!] $")


def _quotations(text: str) -> list[tuple[int, int, int, int]]:
    """(paragraph start, paragraph end, opening pos, closing pos) of each double quotation.

    Marks are paired left to right inside a paragraph: straight ones alternate, curly ones by
    direction; a paragraph whose marks do not pair up is skipped.
    """
    out = []
    for para in _PARA_RE.finditer(text):
        s, e = para.span()
        marks = [i for i in range(s, e) if text[i] in '"“”']
        pairs = []
        ok = len(marks) % 2 == 0
        for k in range(0, len(marks) - 1, 2):
            a, b = marks[k], marks[k + 1]
            if text[a] in _OPENERS and text[b] in _CLOSERS and text[a] + text[b] in ('""', "“”"):
                pairs.append((s, e, a, b))
            else:
                ok = False
        if ok:
            out.extend(pairs)
    return out


def quote_wrong_way(text: str, rng: random.Random) -> Injected | None:
    """One to three curly marks (apostrophes included) turned to face the other way."""
    spots = [i for i, c in enumerate(text) if c in _TURN]
    if not spots:
        return None
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))))
    return replace_at(text, [(i, i + 1, _TURN[text[i]]) for i in chosen])


def quote_lost_opening(text: str, rng: random.Random) -> Injected | None:
    """The opening mark of a quotation that opens a paragraph, a colon's clause or a sentence."""
    spots = []
    prev_close: dict[int, int] = {}
    for s, _e, a, b in _quotations(text):
        if text[b - 1] not in ",.?!…—":
            prev_close[s] = b
            continue
        before = text[s:a]
        if a == s or before.endswith(": ") or (s in prev_close and _SENTENCE_GAP_RE.search(before)):
            spots.append(a)
        prev_close[s] = b
    if not spots:
        return None
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 2))))
    return replace_at(text, [(i, i + 1, "") for i in chosen])


def quote_lost_closing(text: str, rng: random.Random) -> Injected | None:
    """The closing mark between a quoted sentence's comma (or ? !) and the words after it.

    A quoted sentence (reported speech, not a quoted term): the quotation opens the paragraph or
    a sentence and holds four words or more.
    """
    spots = [b for s, e, a, b in _quotations(text)
             if text[b - 1] in ",?!" and b + 2 < e and text[b + 1] == " " and text[b + 2].isalpha()
             and (a == s or _SENTENCE_GAP_RE.search(text[s:a])) and len(text[a:b].split()) >= 4]
    if not spots:
        return None
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 2))))
    return replace_at(text, [(i, i + 1, "") for i in chosen])


def _curl(text: str, i: int) -> str:
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    opening = prev.isspace() or prev in "([{—–-“‘"
    if c == '"':
        return "“" if opening else "”"
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return "‘" if opening and nxt.isalpha() else "’"


def quote_mixed_style(text: str, rng: random.Random) -> Injected | None:
    """One paragraph of a one-style document in the other style (straight in curly, curly in straight)."""
    curly = sum(text.count(c) for c in "“”‘’")
    straight = sum(text.count(c) for c in "\"'")
    if curly + straight < 6 or min(curly, straight) > 0.05 * (curly + straight):
        return None
    marks = "“”‘’" if curly > straight else "\"'"
    total = curly + straight
    # the paragraph must leave the document a style of its own: most marks outside it
    paras = [p.span() for p in _PARA_RE.finditer(text)
             if 2 <= (n := sum(p.group().count(c) for c in marks)) and 2 * n < total]
    if not paras:
        return None
    s, e = rng.choice(paras)
    spans = []
    for i in range(s, e):
        if text[i] in marks:
            spans.append((i, i + 1, _STRAIGHT[text[i]] if curly > straight else _curl(text, i)))
    return replace_at(text, spans)


# -- guards ---------------------------------------------------------------------------------


def _style(text: str) -> str:
    return "curly" if sum(text.count(c) for c in "“”’") > sum(text.count(c) for c in "\"'") else "ascii"


def multi_paragraph_quote(text: str, rng: random.Random) -> Guarded | None:
    """A quotation split over two paragraphs the English way: `“A.` then `“B,” he said.`

    A quoted paragraph with two sentences or more is split after one of them; the spans are the
    end of the first paragraph (where a careless fixer adds a closing mark) and the opening mark
    of the second (which it removes).
    """
    cands = []
    for s, _e, a, b in _quotations(text):
        if a != s:
            continue
        for m in re.finditer(r"[.?!] (?=[A-Z])", text[a:b]):
            cands.append((a, a + m.start() + 1, text[a]))
    if not cands:
        return None
    _a, cut, opening = rng.choice(cands)
    new = text[:cut] + "\n\n" + opening + text[cut + 1:]
    return new, [(cut - 2, cut), (cut + 2, cut + 4)]


def _sentence_guard(curly: str, straight: str, keep_curly: list[str], keep_straight: list[str]) -> Callable:
    def guard(text: str, rng: random.Random) -> Guarded:
        if _style(text) == "curly":
            return put_after_paragraph(text, rng, curly, keep_curly, "\n\n")
        return put_after_paragraph(text, rng, straight, keep_straight, "\n\n")

    return guard


CLASSES: dict[str, Callable[[str, random.Random], Injected | None]] = {
    "quote_mixed_style": quote_mixed_style,
    "quote_wrong_way": quote_wrong_way,
    "quote_lost_opening": quote_lost_opening,
    "quote_lost_closing": quote_lost_closing,
}

GUARDS: dict[str, Callable[[str, random.Random], Guarded | None]] = {
    "multi_paragraph_quote": multi_paragraph_quote,
    "name_apostrophes": _sentence_guard(
        "Sean O’Brien, Mary D’Angelo and the N’Djamena office said the rock ’n’ roll tour of the ’90s was over.",
        "Sean O'Brien, Mary D'Angelo and the N'Djamena office said the rock 'n' roll tour of the '90s was over.",
        ["O’Brien, Mary D’Angelo and the N’Djamena"], ["O'Brien, Mary D'Angelo and the N'Djamena"]),
    "feet_inches": _sentence_guard(
        "The 6' 11\" centre, listed at 7' in college, played at 40°26'46\"N, 79°58'56\"W.",
        "The 6' 11\" centre, listed at 7' in college, played at 40°26'46\"N, 79°58'56\"W.",
        ["6' 11\"", "7'", "40°26'46\"N, 79°58'56\"W"], ["6' 11\"", "7'", "40°26'46\"N, 79°58'56\"W"]),
    "foreign_quotes": _sentence_guard(
        "Die Zeitung schrieb: „Das ist ‚gut‘ so.“ Le Monde titrait « C’est fini » et ‹ non ›.",
        "Die Zeitung schrieb: „Das ist ‚gut‘ so.“ Le Monde titrait « C’est fini » et ‹ non ›.",
        ["„Das ist ‚gut‘ so.“", "« C’est fini »", "‹ non ›"], ["„Das ist ‚gut‘ so.“", "« C’est fini »", "‹ non ›"]),
    "quotes_in_code": _sentence_guard(
        "Run print(\"done\") with lang='en' from https://example.org/q?name=\"x\" first.",
        "Run print(\"done\") with lang='en' from https://example.org/q?name=\"x\" first.",
        ["print(\"done\")", "lang='en'", "https://example.org/q?name=\"x\""],
        ["print(\"done\")", "lang='en'", "https://example.org/q?name=\"x\""]),
}


# -- speed on hostile input -------------------------------------------------------------------


def _hostile(kind: str, n: int, rng: random.Random) -> str:
    """n characters of quote-mark-heavy text that a careless quote fixer is quadratic on."""
    if kind == "straight":
        return '"' * n
    if kind == "mixed marks":
        return "".join(rng.choice("\"'“”‘’„«» ,.") for _ in range(n))
    if kind == "marks and words":
        pieces = ["'a ", '"b, ', "said ", "’", "“", "c” ", ": ", ". ", "(\""]
        return "".join(rng.choice(pieces) for _ in range(n // 3))[:n]
    return ("“It is, he said. " * (n // 17 + 1))[:n]  # one paragraph of unclosed quotations


def speed(sizes: tuple[int, ...] = (250_000, 500_000, 1_000_000)) -> None:
    """CPU seconds of the quotes stage (all three modes) on each hostile text at each size.

        .venv/bin/python benchmarks/inject_quotes.py --speed

    Linear time keeps the 1 MB / 0.25 MB ratio near 4 (more on a loaded machine: the collector).
    """
    import time

    from cleanwire.config import Config
    from cleanwire.document import Document
    from cleanwire.stages.quotes import quotes

    rng = random.Random(7)
    for kind in ("straight", "mixed marks", "marks and words", "unclosed"):
        times = []
        for n in sizes:
            text = _hostile(kind, n, rng)
            t0 = time.process_time()  # CPU seconds: the machine is shared
            for mode in ("ascii", "curly", "keep"):
                quotes(Document("h", text), Config(quotes=mode))
            times.append(time.process_time() - t0)
        cells = ", ".join(f"{n / 1e6:.2f} MB {t:.2f}s" for n, t in zip(sizes, times, strict=True))
        print(f"{kind:16} {cells}; 1 MB / 0.25 MB = {times[-1] / times[0]:.1f}x (linear: 4x)")


def _draws(fn: Callable, golds: Iterable[str], seeds: int) -> Iterator[tuple[str, tuple]]:
    """(gold, what `fn` made of it) for each gold article and seed 0..seeds-1, where `fn` applies."""
    for seed in range(seeds):
        rng = random.Random(seed)
        for g in golds:
            got = fn(g, rng)
            if got is not None:
                yield g, got


def measure(seeds: int = 3) -> None:
    """Each class alone, `seeds` draws over every gold article, the quotes stage alone, both modes.

        .venv/bin/python benchmarks/inject_quotes.py [--seeds N]

    repair.py mixes all classes with few spots each; this gives every quote class hundreds of
    spots, scored the same way (repair.score_doc), plus false edits on all gold articles
    untouched and every guard.
    """
    import json

    import repair

    from cleanwire import Config, Pipeline
    from cleanwire.document import Document

    golds = {}
    for line in (repair.DEVSET / "gold.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        golds[rec["id"]] = repair.gold_text(rec["text"])

    for mode in ("keep", "ascii"):
        pipeline = Pipeline(Config(stages=("quotes",), quotes=mode))
        fold = mode == "ascii"

        def run(text: str, pipeline: Pipeline = pipeline) -> str:
            return repair.layout(pipeline.run(Document("x", text))[0].text)

        false = sum(repair.score_doc(run(g), g, g, [], fold)[1] for g in golds.values())
        chars = sum(map(len, golds.values()))
        print(f"## --quotes {mode}: false edits on the {len(golds)} gold articles untouched: "
              f"{1000 * false / chars:.3f} per 1,000 chars ({false})")
        for name, fn in CLASSES.items():
            repaired = total = 0
            for g, (text, positions) in _draws(fn, golds.values(), seeds):
                per, _ = repair.score_doc(run(text), g, text, [(name, p) for p in positions], fold)
                repaired += per[name][0]
                total += per[name][1]
            print(f"{name:22} {100 * repaired / max(total, 1):5.1f}% repaired ({total} spots)")
        for name, fn in GUARDS.items():
            kept = total = 0
            for _g, (text, spans) in _draws(fn, golds.values(), seeds):
                ok = repair.guard_kept(run(text), repair.layout(text), repair._relayout_spans(text, spans), fold)
                kept += sum(ok)
                total += len(ok)
            print(f"guard {name:22} {kept}/{total} kept")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="quote classes one by one (default) or speed on hostile input")
    ap.add_argument("--speed", action="store_true", help="time the stage on 0.25-1 MB of hostile quote marks")
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    if args.speed:
        speed()
    else:
        measure(args.seeds)
