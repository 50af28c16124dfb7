"""Error injectors for the `typos` stage, plugged into benchmarks/repair.py.

Each class makes one or two slips of the kind the issue lists in a clean gold article, at random
spots, and returns the corrupted text with the positions (in the corrupted text) of each slip;
each guard puts in, or points at, something a careless fixer damages and returns the spans that
must come out unchanged. See the interface in the docstring of benchmarks/repair.py.

    .venv/bin/python benchmarks/repair.py --no-speed          # the shared table, all stages
    .venv/bin/python benchmarks/inject_typos.py               # the typos stage alone, per class
    .venv/bin/python benchmarks/inject_typos.py --speed 100000  # linear time on hostile input

Classes (the issue's list; what each leaves out is what the stage is documented not to touch):
- doubled_word: a function word typed twice ("in in the", "The the"); words that are right twice
  ("had had", "that that") are not drawn. Doubled content words ("the sweet sweet reminder") are
  as often emphasis as slips: the stage flags them, and `main` below counts how many it flags
  (`FLAGGED`, not a class of repair.py);
- missing_space: the space after . ! ? : lost before a capitalised word ("friends.And");
- space_before_punct: a space put before a comma or a period ("major , statewide");
- stray_period: a period put after a plain word inside a sentence, before a lowercase word
  ("the Crimea it seized. in 2014");
- missing_final_period: the final period of a prose paragraph of eight words or more lost (not
  the first paragraph, which may be a headline, nor one whose last word is an abbreviation; a
  prose paragraph starts with a capital or a quote mark, has mostly lowercase words, and is not
  a list item, a "Label: value" line, a tweet or a credit after a dash);
- misspelling: a lowercase word of English prose replaced by one of its misspellings in the
  stage's dictionary (codespell's unambiguous entries, as the stage reads them);
- misspelt_name: one occurrence of a capitalised name that the article spells the same way four
  times or more changed by one edit inside the word, so that the right spelling is still there
  "several" (three or more) times, as in the issue's "Volodomyr" once against "Volodymyr" three
  times. (With only two left, the stage edits when the odd one shares a neighbouring word with
  one of them, "Volodomyr Zelenskiy", and flags it otherwise.)

Guards: right doubles and names ("had had", "Walla Walla", "1 1/2"), abbreviations, numbers,
domains and initials around periods, lines that are not prose sentences (headings, list items,
a line ending in a colon or a URL, a tweet), quotations in other languages, and every
capitalised word and number of the article itself.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from _inject import Guarded, Injected, replace_at

_PARA_RE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[^\W\d_]+")
# The commonest English function words, less those that are right twice ("had had", "that that").
_FUNCTION = ("the", "a", "an", "to", "of", "in", "on", "for", "and", "with", "at", "by", "from", "as",
             "it", "or", "this", "their", "his", "they", "be", "are", "will", "not")
_ABBREV_TAIL_RE = re.compile(r"(?:\b[A-Za-z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Corp|Ltd|Co|etc|vs|al|No))\.$")


def _pick(cands: list, rng: random.Random, most: int = 2) -> list:
    """One or two candidates, far enough apart not to touch (sorted by position)."""
    if not cands:
        return []
    chosen = rng.sample(cands, min(len(cands), rng.randint(1, most)))
    chosen.sort(key=lambda c: c[0])
    out = []
    for c in chosen:
        if not out or c[0] - out[-1][0] > 20:
            out.append(c)
    return out


def _mid_sentence_words(text: str) -> list[re.Match[str]]:
    """Words inside a sentence of a prose paragraph: a word before and after, on the same line."""
    words = list(_WORD_RE.finditer(text))
    out = []
    for k in range(1, len(words) - 1):
        a, m, b = words[k - 1], words[k], words[k + 1]
        if text[a.end():m.start()] == " " and text[m.end():b.start()] == " ":
            out.append(m)
    return out


def doubled_word(text: str, rng: random.Random) -> Injected | None:
    """A function word typed twice: "in" -> "in in" (or a sentence's "The" -> "The the")."""
    cands = [(m.start(), m.group()) for m in _mid_sentence_words(text) if m.group().lower() in _FUNCTION]
    picked = _pick(cands, rng)
    if not picked:
        return None
    return replace_at(text, [(s + len(w), s + len(w), " " + w.lower()) for s, w in picked])


def missing_space(text: str, rng: random.Random) -> Injected | None:
    """The space after a sentence mark lost: "friends. And" -> "friends.And"."""
    cands = [(m.start(1), m.group(1)) for m in re.finditer(r"[a-z]{2}([.!?:]) (?=[A-Z][a-z])", text)]
    picked = _pick(cands, rng)
    if not picked:
        return None
    corrupted, _ = replace_at(text, [(s + 1, s + 2, "") for s, _ in picked])
    return corrupted, [s - k for k, (s, _) in enumerate(picked)]


def space_before_punct(text: str, rng: random.Random) -> Injected | None:
    """A space put before a comma or a period: "major, statewide" -> "major , statewide"."""
    cands = [(m.start(1), m.group(1)) for m in re.finditer(r"[a-z]([,.]) (?=[A-Za-z])", text)]
    picked = _pick(cands, rng)
    if not picked:
        return None
    return replace_at(text, [(s, s, " ") for s, _ in picked])


def stray_period(text: str, rng: random.Random) -> Injected | None:
    """A period put after a plain word inside a sentence: "seized in 2014" -> "seized. in 2014"."""
    words = _mid_sentence_words(text)
    cands = []
    for m in words:
        w = m.group()
        nxt = _WORD_RE.match(text, m.end() + 1)
        if len(w) >= 4 and w.islower() and nxt and nxt.group().islower():
            cands.append((m.end(), w))
    picked = _pick(cands, rng)
    if not picked:
        return None
    return replace_at(text, [(s, s, ".") for s, _ in picked])


def missing_final_period(text: str, rng: random.Random) -> Injected | None:
    """The final period of a prose paragraph (not the first one) lost."""
    paras = list(_PARA_RE.finditer(text))[1:]
    cands = []
    for p in paras:
        line = p.group()
        words = line.split()
        if (len(words) >= 8 and line.endswith(".") and line[-2].isalnum() and not _ABBREV_TAIL_RE.search(line)
                and _prose(line, words)):
            cands.append((p.end() - 1, line))
    picked = _pick(cands, rng, most=1)
    if not picked:
        return None
    corrupted, _ = replace_at(text, [(s, s + 1, "") for s, _ in picked])
    return corrupted, [s for s, _ in picked]


def _prose(line: str, words: list[str]) -> bool:
    """A paragraph of running prose: not a list item, a "Label: value" line, a tweet or a credit."""
    if not (line[0].isupper() or line[0] in "\"“'‘") or ":" in " ".join(words[:4]):
        return False
    if "@" in line or "#" in line or " — " in line or " – " in line[-60:]:
        return False
    return sum(w[0].islower() for w in words) * 2 >= len(words)


_REVERSE: dict[str, list[str]] = {}


def _reverse_dictionary() -> dict[str, list[str]]:
    """{right: [misspellings]} of the stage's dictionary (read once)."""
    if not _REVERSE:
        from cleanwire.stages.typos_words import misspellings

        for wrong, right in misspellings().items():
            if right.isalpha() and right.islower():
                _REVERSE.setdefault(right, []).append(wrong)
    return _REVERSE


def misspelling(text: str, rng: random.Random) -> Injected | None:
    """A lowercase word of the prose replaced by one of its misspellings in the dictionary."""
    rev = _reverse_dictionary()
    cands = [(m.start(), m.group()) for m in _mid_sentence_words(text) if m.group() in rev]
    picked = _pick(cands, rng)
    if not picked:
        return None
    return replace_at(text, [(s, s + len(w), rng.choice(sorted(rev[w]))) for s, w in picked])


_VOWELS = "aeiouy"


def _misspell_name(name: str, rng: random.Random) -> str:
    """One edit strictly inside the name: a vowel changed, two letters swapped, one doubled."""
    inner = range(1, len(name) - 1)
    how = rng.choice(("vowel", "swap", "double"))
    vowels = [i for i in inner if name[i] in _VOWELS]
    if how == "vowel" and vowels:
        i = rng.choice(vowels)
        return name[:i] + rng.choice([v for v in _VOWELS if v != name[i]]) + name[i + 1:]
    swaps = [i for i in range(1, len(name) - 2) if name[i] != name[i + 1]]
    if how == "swap" and swaps:
        i = rng.choice(swaps)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    i = rng.choice(list(inner))
    return name[:i] + name[i] + name[i:]


def misspelt_name(text: str, rng: random.Random) -> Injected | None:
    """One occurrence of a name the article spells alike four times or more, misspelt once."""
    inside = [m for m in _mid_sentence_words(text) if m.group()[:1].isupper() and m.group()[1:].islower()]
    counts = Counter(m.group() for m in _WORD_RE.finditer(text))
    lowered = {w.lower() for w in counts if w.islower()}
    names = [m for m in inside if len(m.group()) >= 5 and counts[m.group()] >= 4 and m.group().lower() not in lowered]
    if not names:
        return None
    m = rng.choice(names)
    for _ in range(5):
        wrong = _misspell_name(m.group(), rng)
        if wrong not in counts:
            return replace_at(text, [(m.start(), m.end(), wrong)])
    return None


CLASSES: dict[str, Callable[[str, random.Random], Injected | None]] = {
    "doubled_word": doubled_word,
    "missing_space": missing_space,
    "space_before_punct": space_before_punct,
    "stray_period": stray_period,
    "missing_final_period": missing_final_period,
    "misspelling": misspelling,
    "misspelt_name": misspelt_name,
}


# Function words of four letters or more, and words that are right twice ("that that", "very very").
_CLOSED_CLASS = frozenset(
    "your more most could would should that there their these those which about other some very much "
    "many long well what when been have were will with also just then than into only such both each "
    "does here over from this they them upon onto after before while where".split()
)


def doubled_content_word(text: str, rng: random.Random) -> Injected | None:
    """A content word typed twice ("the report report"): the stage should flag it, not edit it."""
    cands = [(m.start(), m.group()) for m in _mid_sentence_words(text)
             if m.group().islower() and len(m.group()) >= 4 and m.group() not in _CLOSED_CLASS]
    picked = _pick(cands, rng, most=1)
    if not picked:
        return None
    return replace_at(text, [(s + len(w), s + len(w), " " + w) for s, w in picked])


# Slips the stage is meant to flag rather than repair: measured by `main`, not by repair.py.
FLAGGED: dict[str, Callable[[str, random.Random], Injected | None]] = {
    "doubled_content_word": doubled_content_word,
}


def _insert_paragraph(text: str, rng: random.Random, lines: list[str], keep: list[str]) -> Guarded:
    """Put `lines` in as paragraphs after a random paragraph (not the last); spans of `keep` in them."""
    paras = list(_PARA_RE.finditer(text))
    at = paras[rng.randrange(max(1, len(paras) - 1))].end() if paras else 0
    block = "\n\n" + "\n\n".join(lines) + ("\n\n" if at < len(text) else "")
    new = text[:at] + block + text[at:].lstrip("\n")
    spans = []
    for k in keep:
        s = new.index(k, at)
        spans.append((s, s + len(k)))
    return new, spans


def _paragraph_guard(lines: list[str], keep: list[str] | None = None) -> Callable[[str, random.Random], Guarded]:
    def guard(text: str, rng: random.Random) -> Guarded:
        return _insert_paragraph(text, rng, lines, keep if keep is not None else lines)

    return guard


def names_and_numbers(text: str, rng: random.Random) -> Guarded | None:
    """Every capitalised word inside a sentence and every number of the article, left as it is."""
    spans = [m.span() for m in _mid_sentence_words(text) if m.group()[:1].isupper()]
    spans += [m.span() for m in re.finditer(r"\d[\d,.:/]*\d|\d", text)]
    return (text, sorted(spans)) if spans else None


GUARDS: dict[str, Callable[[str, random.Random], Guarded | None]] = {
    "right_twice": _paragraph_guard(
        ["He had had enough, she said that that was that, and what it is is a start.",
         "The team flew to Walla Walla, then to Baden-Baden, after 1 1/2 days in Bora Bora."],
        ["had had", "that that", "is is", "Walla Walla", "Baden-Baden", "1 1/2", "Bora Bora"]),
    "emphasis_twice": _paragraph_guard(
        ["It was a long long time ago, far far away, and the sweet sweet smell of rain was back."],
        ["long long", "far far", "sweet sweet"]),
    "periods_in_words": _paragraph_guard(
        ["The U.S. rate rose 3.5 percent, e.g. in Node.js jobs at example.com, J.R.R. Tolkien wrote.",
         "Shares rose approx. in line with Sept. forecasts at 9 a.m. on Monday, vs. the index.",
         "Visit www.example.org/news/story.html today or mail desk@example.com for details."],
        ["U.S. rate", "3.5", "e.g. in", "Node.js", "example.com", "J.R.R. Tolkien", "approx. in",
         "Sept. forecasts", "a.m. on", "vs. the", "www.example.org/news/story.html", "desk@example.com"]),
    "not_prose_lines": _paragraph_guard(
        ["What happens next for the region and its people",
         "- a list item that does not end in a period",
         "The measures announced on Tuesday include the following:",
         "Read the full report at https://example.org/reports/2023/annual",
         "Great day at the summit with the delegation, more to come @newsdesk #summit"]),
    "other_languages": _paragraph_guard(
        ["« Nous nous sommes battus, vous vous en souvenez ? » a-t-il demandé.",
         "Die Zeitung schrieb: „Die die das sagen, wissen nicht, was sie tun.“",
         "«Ser o no ser, vas a ver», dijo el ministro en Madrid."],
        ["« Nous nous sommes battus, vous vous en souvenez ? »", "„Die die das sagen, wissen nicht, was sie tun.“",
         "«Ser o no ser, vas a ver»"]),
    "names_and_numbers": names_and_numbers,
}


# Hostile inputs for the typos stage: each at n and 2n characters; linear code takes twice as long.
HOSTILE: dict[str, Callable[[int], str]] = {
    "periods": lambda n: "." * n,
    "spaces": lambda n: "a" + " " * n + "b",
    "spaces before commas": lambda n: ("word" + " " * 50 + ",") * (n // 55),
    "spaced commas on one line": lambda n: "Word , " * (n // 7),
    "repeated word": lambda n: "the " * (n // 4),
    "repeated content word": lambda n: "sweet " * (n // 6),
    "glued sentences": lambda n: "friends.And" * (n // 11),
    "stray periods": lambda n: "the seized. in " * (n // 15),
    "one long line of names": lambda n: " ".join(f"the Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x"
                                                 for i in range(n // 12)),
    "lines without periods": lambda n: "the men said that, they will go home and stay there for good\n" * (n // 62),
    "reporting verbs": lambda n: "he told Kremlin told " * (n // 21),
    "misspellings": lambda n: "the goverment recieve " * (n // 22),
}


def speed(n: int) -> int:
    """Seconds for the typos stage on each hostile input at n and 2n characters, and the ratio."""
    import time

    from cleanwire.document import Document
    from cleanwire.stages.typos import typos

    def best(text: str) -> float:
        times = []
        for _ in range(2):
            doc = Document("x", text)
            t0 = time.perf_counter()
            typos(doc, None)
            times.append(time.perf_counter() - t0)
        return min(times)

    worst = 0.0
    print(f"| hostile input | {n:,} chars s | {2 * n:,} chars s | ratio |")
    print("|---|---|---|---|")
    for name, make in HOSTILE.items():
        a, b = best(make(n)), best(make(2 * n))
        ratio = b / max(a, 1e-4)
        worst = max(worst, ratio)
        print(f"| {name} | {a:.3f} | {b:.3f} | {ratio:.2f} |")
    return 1 if worst > 2.5 else 0


def main(argv: list[str]) -> int:
    """The typos stage alone over injected gold: per class, spots whose document comes back as the
    stage leaves the untouched gold (so the gold's own slips do not count); `--show` prints misses."""
    import argparse
    import json

    from cleanwire.document import Document
    from cleanwire.stages.typos import typos

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="print up to N misses per class")
    ap.add_argument("--speed", type=int, metavar="N", help="time hostile inputs of N and 2N characters instead")
    args = ap.parse_args(argv)
    if args.speed:
        return speed(args.speed)
    gold_path = Path(__file__).resolve().parents[2] / "shared" / "devset" / "gold.jsonl"
    golds = [json.loads(line)["text"] for line in gold_path.open(encoding="utf-8")]
    golds = ["\n\n".join(p.strip() for p in g.split("\n") if p.strip()) for g in golds]

    def clean(text: str) -> Document:
        doc = Document("x", text)
        typos(doc, None)
        return doc

    baseline = [clean(g).text for g in golds]
    rng = random.Random(args.seed)

    def injected(fn: Callable) -> Iterator[tuple[str, str, list[int], Document]]:
        """(gold as the stage leaves it, corrupted text, positions, stage output) where `fn` applies."""
        for g, base in zip(golds, baseline, strict=True):
            got = fn(g, rng)
            if got is not None:
                corrupted, positions = got
                yield base, corrupted, positions, clean(corrupted)

    print(f"typos stage alone, {len(golds)} gold articles, seed {args.seed}")
    print("| class | docs | spots | repaired | flagged instead |")
    print("|---|---|---|---|---|")
    for name, fn in CLASSES.items():
        n_docs = spots = fixed = flagged = shown = 0
        for base, corrupted, positions, doc in injected(fn):
            n_docs += 1
            spots += len(positions)
            if doc.text == base:
                fixed += len(positions)
                continue
            flagged += any(f.kind != "missing_final_period" or name == "missing_final_period" for f in doc.flags)
            if shown < args.show:
                shown += 1
                for p in positions:
                    print("  MISS", name, repr(corrupted[max(0, p - 60):p + 40]))
        print(f"| {name} | {n_docs} | {spots} | {fixed} ({100 * fixed / max(spots, 1):.1f}%) | {flagged} docs |")
    print()
    print("| flagged, not repaired | docs | flagged and left | edited |")
    print("|---|---|---|---|")
    for name, fn in FLAGGED.items():
        n_docs = kept = edited = 0
        for base, corrupted, positions, doc in injected(fn):
            n_docs += 1
            word = corrupted[positions[0] + 1:].split(" ", 1)[0]
            doubt = any(f.text == f"{word} {word}" for f in doc.flags)
            kept += doubt and f"{word} {word}" in doc.text
            edited += doc.text == base
            if shown < args.show and not doubt:
                shown += 1
                print("  MISS", name, repr(corrupted[max(0, positions[0] - 60):positions[0] + 40]))
        print(f"| {name} | {n_docs} | {kept} ({100 * kept / max(n_docs, 1):.1f}%) | {edited} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
