"""What the `typos` fixes share: the doubt they report, words, and local context tests.

A typos fix is a pure function `fix(text) -> Iterator[Change | Doubt]`: it reads one snapshot of
the text and proposes non-overlapping changes (the stage turns them into `Op`s whose `kind` is the
fix's name) and doubts (the stage records them as flags of the same kind). Every context test
here looks at a bounded window around a position, so that a fix stays linear whatever the input.

>>> english_near("and then we went to the park with them", 12)
True
>>> english_near("nous nous sommes levés tôt, nous ne sommes pas là", 5)
False
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from cleanwire.text import CLOSERS


class Doubt(NamedTuple):
    """A span the fix would not change on its own: recorded as a flag, the text left as it is."""

    text: str
    note: str


# A word: letters, with at most one inner apostrophe ("don't", "O’Brien").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Marks that end a sentence, and quote marks and brackets that may close one after them.
SENTENCE_END = frozenset(".!?")
OPENERS = frozenset("\"'“‘«([")

# Function words of English that are rare in the other languages written in Latin script, and
# function words of those languages that are not English words. A word stands in English prose
# when English ones outnumber the others near it, or when none of either is near it in a document
# that is English as a whole; in a quotation in another language a codespell "misspelling" or a
# doubled word ("nous nous") may be right.
_ENGLISH = frozenset(
    "the of and that for with this are have has had from they their which were been would but "
    "it he she his her by be not you we our its who what when will there than".split()
)
_FOREIGN = frozenset(
    "le les des est une du aux pour dans sur avec qui nous vous sont pas und der das ist nicht mit "
    "dem ein eine auf sich auch los las del por una para el lo il di che della sono het een zijn "
    "niet och att är não uma com".split()
)
_WINDOW = 80  # characters on each side that `english_near` and `in_url` look at

# Characters that join a word to a URL, an address, a handle, a path or code.
_URLISH = frozenset("/@#_\\=<>{}|~")


# Signs of program code in a line: operators and punctuation that prose does not use.
_CODE_SIGNS = ("->", "=>", "==", "::", "();", "{", "}", "</", "/>")
_VARIABLE_RE = re.compile(r"\$[A-Za-z_]")


def english_near(text: str, pos: int) -> bool:
    """True when `pos` stands in English prose: see `_ENGLISH` and `_FOREIGN`."""
    lo = max(0, pos - _WINDOW)
    hi = min(len(text), pos + _WINDOW)
    nl = text.rfind("\n", lo, pos)
    if nl >= 0:
        lo = nl + 1
    nl = text.find("\n", pos, hi)
    if nl >= 0:
        hi = nl
    english = foreign = 0
    for m in WORD_RE.finditer(text, lo, hi):
        if m.start() <= pos < m.end():
            continue
        word = m.group().lower()
        english += word in _ENGLISH
        foreign += word in _FOREIGN
    if foreign >= 2 and foreign >= english:
        return False
    return english >= 2 or (foreign == 0 and english_document(text))


@functools.lru_cache(maxsize=2)
def english_document(text: str) -> bool:
    """True when one word in twelve of the text is an English function word (and more of them
    than of other languages'): the text is English as a whole.

    Cached: the fixes ask it of the same text many times (a str caches its hash, so a lookup costs
    no more than the identity check).
    """
    lowered = lowered_words(text)
    english = sum(map(_ENGLISH.__contains__, lowered))
    foreign = sum(map(_FOREIGN.__contains__, lowered))
    return english * 12 >= len(words(text)) > 0 and english > foreign


@functools.lru_cache(maxsize=2)
def words(text: str) -> tuple[str, ...]:
    """The words of the text (`WORD_RE`), in order: the i-th is the i-th match of `WORD_RE.finditer`.

    Cached like `english_document`: several fixes look at the words of the same text, and one
    that finds nothing to do looks at no more than these.

    >>> words("He didn't go, 3 times.")
    ('He', "didn't", 'go', 'times')
    """
    return tuple(WORD_RE.findall(text))


@functools.lru_cache(maxsize=2)
def distinct_words(text: str) -> frozenset[str]:
    """The set of `words(text)`: the word fixes look words up in it, made once per text.

    >>> sorted(distinct_words("the cat and the hat"))
    ['and', 'cat', 'hat', 'the']
    """
    return frozenset(words(text))


@functools.lru_cache(maxsize=2)
def lowered_words(text: str) -> tuple[str, ...]:
    """`words(text)` lowercased, in one call: a line break between them keeps each word's own
    lowercase. Cached: `english_document` and `doubled_word` read them of the same text.
    (A text without words gives `("",)`, which matches no word.)

    >>> lowered_words("The the CAT")
    ('the', 'the', 'cat')
    """
    return tuple("\n".join(words(text)).lower().split("\n"))


def chunk(text: str, start: int, end: int) -> str:
    """The run of non-space characters around `text[start:end]`, at most `_WINDOW` each side."""
    lo = start
    stop = max(0, start - _WINDOW)
    while lo > stop and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    stop = min(len(text), end + _WINDOW)
    while hi < stop and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def in_url(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` is part of a URL, an e-mail address, a handle, a path or code.

    >>> in_url("see www.example.com now", 8, 15), in_url("see the example now", 8, 15)
    (True, False)
    """
    c = chunk(text, start, end)
    return "://" in c or "www." in c.lower() or any(ch in _URLISH for ch in c)


def code_line(text: str, pos: int) -> bool:
    """True when the line around `pos` looks like program code, where spacing rules differ.

    >>> code_line("$x = f('a') . 'b';", 3), code_line("He paid $5 , then left.", 3)
    (True, False)
    """
    lo = max(0, pos - 400)  # not 0 when no line break is that near: a long line made this quadratic
    lo = max(lo, text.rfind("\n", lo, pos) + 1)
    hi = text.find("\n", pos, pos + 400)
    line = text[lo:hi if hi >= 0 else min(len(text), pos + 400)]
    return any(sign in line for sign in _CODE_SIGNS) or _VARIABLE_RE.search(line) is not None


def sentence_start(text: str, pos: int) -> bool:
    """True when the word at `pos` opens a sentence: line start or after . ! ? :, past quote marks.

    >>> sentence_start("He left. Then", 9), sentence_start("He met Then", 7)
    (True, False)
    """
    i = pos - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    while i >= 0 and text[i] in CLOSERS:
        i -= 1
    return i >= 0 and (text[i] in SENTENCE_END or text[i] in ":…")
