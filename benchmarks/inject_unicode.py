"""Error injectors for the `unicode` stage, plugged into benchmarks/repair.py.

Each class corrupts a clean gold article the way scraped news gets corrupted, with random
counts and spots, and returns the corrupted text with the positions (in the corrupted text) of
every spot it damaged. Each guard adds something a careless fixer breaks (a URL, an emoji
sequence, primes, other scripts) and returns the spans that must come out unchanged. See the
interface in the docstring of benchmarks/repair.py.

The dict order of CLASSES is the order they are applied in when a document gets several:
typographic errors first, then HTML escaping, then the wrong decoding (as on the web).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
from _inject import Guarded, Injected, put_after_paragraph, replace_at

_WORD_RE = re.compile(r"[A-Za-z]{7,24}")
_HYPHENATED_RE = re.compile(r"\b[A-Za-z]{2,20}-[a-z]{3,20}\b")
_SPACE_RE = re.compile(r"(?<=\w) (?=\w)")
_LIG_RE = re.compile(r"ff[il]|f[fil]")
_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04"}
_ODD_SPACES = ["\u00a0", "\u00a0", "\u2009", "\u202f", "\u2002", "\t", "  ", "   "]
_INVISIBLE = ["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00ad"]
_ENTITY_CHARS = {
    "’": ["&rsquo;", "&#8217;", "&#x2019;"], "‘": ["&lsquo;", "&#8216;"], "“": ["&ldquo;", "&#8220;"],
    "”": ["&rdquo;", "&#8221;"], "—": ["&mdash;", "&#8212;", "&#x2014;"], "–": ["&ndash;", "&#8211;"],
    "&": ["&amp;", "&#38;"], "é": ["&eacute;", "&#233;"], "…": ["&hellip;", "&#8230;"],
    " ": ["&nbsp;", "&#160;"],
}


def _spots(n: int, rng: random.Random, k_max: int) -> list[int]:
    """Up to `k_max` distinct indexes among n candidates, at least one."""
    return sorted(rng.sample(range(n), min(n, rng.randint(1, k_max))))


def mojibake(text: str, rng: random.Random) -> Injected | None:
    """UTF-8 read as cp1252 (or latin-1), once or twice, in one paragraph or the whole text."""
    paras = [m.span() for m in re.finditer(r"[^\n]+", text) if any(ord(c) > 127 for c in m.group())]
    if not paras:
        return None
    lo, hi = rng.choice(paras) if rng.random() < 0.5 else (0, len(text))
    codec = rng.choice(["sloppy-windows-1252"] * 3 + ["latin-1"])
    times = 2 if rng.random() < 0.2 else 1

    def garble(ch: str) -> str:
        for _ in range(times):
            ch = ch.encode("utf-8").decode(codec)
        return ch

    spans = [(i, i + 1, garble(text[i])) for i in range(lo, hi) if ord(text[i]) > 127]
    return replace_at(text, spans)


def html_entity(text: str, rng: random.Random) -> Injected | None:
    """Named, decimal or hex entities where the text has their characters; some double-escaped."""
    by_char: dict[str, list[int]] = {}
    for i, c in enumerate(text):
        if c in _ENTITY_CHARS and (c != " " or 0 < i and text[i - 1].isalnum()):
            by_char.setdefault(c, []).append(i)
    if not by_char:
        return None
    chosen = {rng.choice(by_char[rng.choice(sorted(by_char))]) for _ in range(rng.randint(1, 6))}
    spans = []
    for i in sorted(chosen):
        ent = rng.choice(_ENTITY_CHARS[text[i]])
        if rng.random() < 0.2:
            ent = "&amp;" + ent[1:]
        spans.append((i, i + 1, ent))
    return replace_at(text, spans)


def odd_whitespace(text: str, rng: random.Random) -> Injected | None:
    """A space between words becomes NBSP, a thin/narrow/en space, a tab or a run of spaces."""
    cands = [m.start() for m in _SPACE_RE.finditer(text)]
    if not cands:
        return None
    return replace_at(text, [(cands[k], cands[k] + 1, rng.choice(_ODD_SPACES)) for k in _spots(len(cands), rng, 8)])


def invisible(text: str, rng: random.Random) -> Injected | None:
    """Zero-width characters and soft hyphens inside or between Latin words."""
    cands = [i for i in range(1, len(text)) if text[i - 1].isascii() and text[i - 1].isalpha()
             and text[i].isascii() and (text[i].isalpha() or text[i] == " ")]
    if not cands:
        return None
    spans = [(cands[k], cands[k], rng.choice(_INVISIBLE)) for k in _spots(len(cands), rng, 8)]
    return replace_at(text, spans)


def ligature(text: str, rng: random.Random) -> Injected | None:
    """ff, fi, fl, ffi, ffl become their ligature characters (text copied from a PDF)."""
    cands = [m.span() for m in _LIG_RE.finditer(text)]
    if not cands:
        return None
    spans = [(s, e, _LIGATURES[text[s:e]]) for s, e in (cands[k] for k in _spots(len(cands), rng, 6))]
    return replace_at(text, spans)


def broken_word(text: str, rng: random.Random) -> Injected | None:
    """A long word hyphenated at a line end ("infor-\\nmation"), or its newline lost ("feat- ures");
    sometimes a compound broken at its own hyphen ("well-\\nknown")."""
    words = [m.span() for m in _WORD_RE.finditer(text)]
    compounds = [m.span() for m in _HYPHENATED_RE.finditer(text)]
    if not words:
        return None
    spans = []
    taken: set[int] = set()
    for k in _spots(len(words), rng, 5):
        if compounds and rng.random() < 0.2:
            s, e = rng.choice(compounds)
            h = text.index("-", s, e)
            if h not in taken:
                taken.add(h)
                spans.append((h, h + 1, "-\n"))
            continue
        s, e = words[k]
        cut = rng.randint(s + 2, e - 3)
        if cut not in taken:
            taken.add(cut)
            spans.append((cut, cut, "-\n" if rng.random() < 0.8 else "- "))
    spans.sort()
    return replace_at(text, spans)


_GUARD_SENTENCES = {
    "url": ("Details are at https://example.org/a-b/index.php?id=4&amp;lang=en&nbsp=1 today.",
            ["https://example.org/a-b/index.php?id=4&amp;lang=en&nbsp=1"]),
    "emoji": ("Fans posted 👨‍👩‍👧 and 👍🏽 and 🏳️‍🌈 all day.", ["👨‍👩‍👧", "👍🏽", "🏳️‍🌈"]),
    "accents": ("Señora Müller met Zoë Ødegaard and François Čapek in Kraków.",
                ["Señora Müller met Zoë Ødegaard and François Čapek in Kraków."]),
    "primes": ("The ship was at 40°26′46″N 79°58′56″W, and he is 5' 11\" tall.", ["40°26′46″N 79°58′56″W", "5' 11\""]),
    "scripts": ("Signs read «Добро пожаловать», «καλώς ήρθατε», 欢迎光临，ようこそ and میخواهم in Farsi.",
                ["«Добро пожаловать», «καλώς ήρθατε», 欢迎光临，ようこそ and میخواهم"]),
    "dashes": ("Prices rose 3–5% — more than expected — in 2020–21.", ["3–5% — more than expected — in 2020–21."]),
    "suspended_hyphen": ("Both pre- and post-war figures, and well-known e-mail lists, were kept.",
                         ["pre- and post-war", "well-known e-mail"]),
    "code": ("Set `max_retries = 3` and call parse_args(--dry-run) before 'git log'.",
             ["`max_retries = 3`", "parse_args(--dry-run)"]),
}


def _guard(name: str) -> Callable[[str, random.Random], Guarded]:
    sentence, keep = _GUARD_SENTENCES[name]

    def guard(text: str, rng: random.Random) -> Guarded:
        return put_after_paragraph(text, rng, sentence, keep, " ")

    guard.__name__ = name
    return guard


CLASSES: dict[str, Callable[[str, random.Random], Injected | None]] = {
    "ligature": ligature,
    "broken_word": broken_word,
    "invisible": invisible,
    "odd_whitespace": odd_whitespace,
    "html_entity": html_entity,
    "mojibake": mojibake,
}

GUARDS: dict[str, Callable[[str, random.Random], Guarded | None]] = {
    name: _guard(name) for name in _GUARD_SENTENCES
}
