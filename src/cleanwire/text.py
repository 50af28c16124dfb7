"""Small text helpers that several stages share: paragraph spans, sentence ends, list markers.

Stages look at text line by line far more than with whole-text regexes: a loop over lines is
linear whatever the input, and it is where news text keeps its structure.

>>> list(paragraph_spans("a\\n\\nbc\\n"))
[(0, 1), (3, 5)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

# A UTF-8 continuation byte (0x80-0xBF) read as Windows-1252, or as latin-1 for the five bytes
# Windows-1252 leaves undefined: the body of a character class, for the mojibake patterns.
CP1252_CONTINUATION = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                       "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
# One UTF-8 character read as Windows-1252: a lead character, then the continuations it announces
# ("Ã©" for 'é', "â€™" for '’', four characters for an emoji): a regular-expression alternation.
CP1252_SEQUENCE = (f"[\u00c2-\u00df][{CP1252_CONTINUATION}]|[\u00e0-\u00ef][{CP1252_CONTINUATION}]{{2}}"
                   f"|[\u00f0-\u00f4][{CP1252_CONTINUATION}]{{3}}")
# Marks that may close a sentence after its final punctuation ('... said."').
CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]")
# A list item's marker at a line start (a bullet, dash, '>' or a number: '1.', '2)'), then a
# space or the line end: the item's own text starts after it.
BULLET_RE = re.compile(r"(?:[*+\-\u2022\u00b7\u25aa>o]|\d{1,2}[.)])(?:\s|$)")


class Change(NamedTuple):
    """Replace `text[start:end]` with `after` (an insertion when `start == end`).

    What a fix function returns; the stage turns each into an `Op` named for the fix.
    """

    start: int
    end: int
    after: str


def apply_changes(text: str, changes: Iterable[tuple[int, int, str]]) -> str:
    """The text with the (non-overlapping) changes made, for strings that keep no audit.

    >>> apply_changes("a  b", [Change(1, 3, " ")])
    'a b'
    """
    out: list[str] = []
    at = 0
    for start, end, after in sorted(changes, key=lambda c: (c[0], c[1])):
        out.append(text[at:start])
        out.append(after)
        at = end
    out.append(text[at:])
    return "".join(out)


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line that holds more than whitespace, stripped of it.

    After the `layout` step every such line is a paragraph.
    """
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield start + lead, start + lead + len(stripped)
        start += len(line) + 1


# A sentence ending inside a line: . ! or ? (maybe a closing mark or bracket after it), one to four
# spaces, then a capital (maybe after an opening mark or bracket).
INNER_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)]?[ \t]{1,4}[\"\u201c\u2018(]?[A-Z]")


def has_inner_sentence(line: str) -> bool:
    """True when a sentence ends inside the line: ". " (or ! ?) after a word's lowercase end, before a capital.

    >>> has_inner_sentence("He left early. She stayed"), has_inner_sentence("Made in the U.S. Navy yard")
    (True, False)
    """
    for m in INNER_END_RE.finditer(line):
        i = m.start()
        if i >= 3 and line[i - 1].islower() and line[i - 2].isalpha():
            return True
    return False


def lost_final_period(line: str) -> bool:
    """A line of prose that lost its final period, as far as the line alone tells: a sentence ends
    inside it and it ends in a lowercase word. `typos` may give such a line its period back, so a
    stage that reads sentence ends should count it as ending one already (callers count words).

    >>> lost_final_period("He left early. She stayed at home"), lost_final_period("He left. Read More")
    (True, False)
    """
    return ends_in_lowercase_word(line) and has_inner_sentence(line)


def ends_in_lowercase_word(line: str) -> bool:
    """The line's last word is in lowercase letters to its end, as a sentence's last word that
    lost its period is ("... at home"; not "... Read More", "... 2014" or "... home.").

    >>> ends_in_lowercase_word("She stayed at home"), ends_in_lowercase_word("Read More")
    (True, False)
    """
    last = line[line.rfind(" ") + 1:]
    return last[:1].islower() and last[-1].isalpha()
