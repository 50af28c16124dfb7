"""Line features for the `boilerplate` stage: what a line looks like, and where the article is.

Everything here is structural or statistical, so it works the same on pages in any language:
how many words a line has (two Chinese or Japanese characters counting as one), whether it ends like
a sentence, whether it is all capitals or mostly code, whether it is a list bullet, and whether
the page repeats it. `article_span` then finds the densest run of prose lines, the way a reader
skims a page for the block of real paragraphs.

>>> lines = describe("Home\\nNews\\nSport\\n" + "A long sentence that reads like prose, with many words. " * 3)
>>> [line.prose for line in lines]
[False, False, False, True]
>>> article_span(lines)
(3, 3)
"""

from __future__ import annotations

import functools
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, islice

from cleanwire.text import CP1252_SEQUENCE

# a word is a run of letters and digits of a spaced script, or one character of Chinese or
# Japanese, written without spaces; found here by its first character, which for a spaced word
# is the one that follows no other such character
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_INITIAL_RE = re.compile(f"[{_CJK}]|(?<![^\\W_{_CJK}])[^\\W_{_CJK}]")
_IDEOGRAM_RE = re.compile(f"[{_CJK}]")
# a list bullet or a menu marker at the start of a line
_BULLETS = "*+-\u2022\u25aa\u25cf\u00b7>|\u00bb\u203a"
_BULLET_RE = re.compile(f"[{re.escape(_BULLETS)}]\\s")
_SENTENCE_END = frozenset(".!?\u2026\u3002\uff01\uff1f\u061f\u0964:;")
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]\u300d\u300f\uff09*"
_QUOTE_RE = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d]")
# the marks that make program code or markup (counted one by one: str.count is C work)
_CODE_MARKS = "{}[]()<>;=$\\/'\"_@#|"
_CODE_BYTES = _CODE_MARKS.encode("ascii")
# the signature under an embedded post: "— Name (@handle) date", perhaps after an opening quotation
# mark (the quotes stage gives one to a post's text that closes a quotation it did not open)
_POST_DASHES = "\u2014\u2013-"
_POST_QUOTES = "\"\u201c\u201e\u00ab"
_POST_STARTS = _POST_DASHES + _POST_QUOTES
_POST_BY_RE = re.compile(f"[{_POST_QUOTES}]?[{_POST_DASHES}] ?[^\\n()]{{1,80}}\\(@\\w{{1,40}}\\)")

# a prose line is at least this many words long (a sentence, not a label)
PROSE_WORDS = 10


@dataclass(slots=True)
class Line:
    """One non-blank line of the page and what it looks like."""

    start: int  # offsets of the stripped line in the text
    end: int
    text: str
    words: int
    terminal: bool  # ends like a sentence
    bullet: bool
    shouting: bool  # all its letters are capitals
    capitalised: float  # share of words that start with a capital
    quoted: bool  # holds a quotation mark
    code: bool  # mostly brackets, operators and quotes: program code or markup
    tweet: bool  # an embedded post: its text, or its "- Name (@handle) date" line
    repeats: int  # how often the page has this exact line
    prose: bool
    weight: float
    chars: int  # its length as the repair stages will leave it (see `_looks`)


def describe(text: str, paragraphs: dict[str, Features] | None = None) -> list[Line]:
    """The non-blank lines of `text` with their features, in order (linear time).

    `paragraphs` keeps the features of the long lines for a caller that describes the same text
    again, less some lines (the short ones are kept anyway, see MENU_CHARS).
    """
    if paragraphs is None:
        paragraphs = {}
    raws = text.split("\n")
    stripped = list(map(str.strip, raws))
    rows = [k for k, line in enumerate(stripped) if line]  # the non-blank lines' places among all lines
    starts = list(accumulate(map((1).__add__, map(len, raws)), initial=0))  # where each line starts
    texts = [stripped[k] for k in rows]
    features = [_recent_looks(line) if len(line) <= MENU_CHARS else paragraphs.get(line)
                or paragraphs.setdefault(line, _looks(line)) for line in texts]
    # each line from its first non-blank character: no copy of the line starts earlier
    lines = [Line(at, at + len(line), line, *looks) for at, line, looks in zip(
        [starts[k] + raws[k].find(stripped[k]) for k in rows], texts, features, strict=True)]
    for i in [i for i, line in enumerate(lines) if line.tweet and i]:  # (as the text has them, before any is set)
        lines[i - 1].tweet = True
    counts = Counter(texts)
    if len(counts) < len(texts):
        for line in lines:
            line.repeats = counts[line.text]
    _unwrap(lines, rows)
    _demote_teasers(lines)
    return lines


def _demote_teasers(lines: list[Line]) -> None:
    """Take the prose weight off teasers: a list of other stories, each a headline and a summary.

    "Related" and "More from" blocks read like short paragraphs, but they come in a pattern an
    article does not: three or more summaries in a row, each under a headline-length line. An
    article's subheadings are shorter, and its paragraphs longer, than that; and a group that
    holds most of the text's prose is taken for the article itself.
    """
    total = sum(line.weight for line in lines)
    group: list[int] = []
    for i in range(1, len(lines) + 1):
        snippet = (i < len(lines) and lines[i].prose and not lines[i].tweet and lines[i].words <= TEASER_WORDS
                   and _headline(lines[i - 1]))
        if group and (i == len(lines) or i - group[-1] > TEASER_GAP):
            weight = sum(lines[k].weight for k in group)
            if len(group) >= 3 and weight < total - weight:  # never the bulk of the text's prose
                for k in group:
                    lines[k].prose, lines[k].weight = False, 0.0
            group = []
        if snippet:
            group.append(i)


# a teaser summary is at most this long, and the next teaser starts within this many lines
TEASER_WORDS = 30
TEASER_GAP = 3


def _headline(line: Line) -> bool:
    """A line the length of a headline that is not a sentence."""
    return not line.prose and not line.terminal and not line.tweet and 5 <= line.words <= 16


def _unwrap(lines: list[Line], rows: list[int]) -> None:
    """Give the lines of a hard-wrapped paragraph the prose status of the whole paragraph.

    Some texts are filled to a fixed width, so a paragraph is several lines that each end
    mid-sentence. Such a text has no line much longer than the width and many lines close to
    it; there, a line that reaches most of the width and runs on into the next line (one that
    does not start with a capital or a list bullet, so not a new item) is one paragraph with it.
    The paragraph's weight sits on its last line. `rows`: each line's place among all lines, blank
    ones too (a paragraph has no blank line inside). (A list's items stand apart whether or not
    blank lines part them, as the layout stage prints them: a second cleaning judges them alike.)
    """
    width = _wrap_width(lines)
    if width is None:
        return
    i = 0
    while i < len(lines):
        j = i
        while (j + 1 < len(lines) and rows[j + 1] == rows[j] + 1 and len(lines[j].text) >= WRAP_FILL * width
               and not lines[j + 1].text[0].isupper() and not lines[j + 1].bullet):
            j += 1
        if j > i:
            block = _line(lines[i].start, lines[j].end, " ".join(line.text for line in lines[i:j + 1]))
            for line in lines[i:j + 1]:
                line.prose, line.weight = block.prose, 0.0
            lines[j].weight = block.weight
        i = j + 1


# a hard-wrapped text is filled to at most this many characters a line...
WRAP_MAX = 120
# ...and a line that reaches this share of the width runs on into the next one
WRAP_FILL = 0.6


def _wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text was filled to, or None when lines run to their paragraph's end."""
    if not lines:
        return None
    longest = max(len(line.text) for line in lines)
    if not 40 <= longest <= WRAP_MAX:
        return None
    long = [line for line in lines if len(line.text) >= 40]
    full = sum(1 for line in long if len(line.text) >= 0.8 * longest)
    return longest if full >= max(5, len(long) // 2) else None


def _line(start: int, end: int, text: str) -> Line:
    """A line seen once (`_unwrap`'s joined paragraph): its looks not kept, its repeats 1."""
    return Line(start, end, text, *_looks(text))


# the features of `Line` that its text alone decides, from `words` to `tweet`, then those of a line
# seen once: 1 repeat, and its prose status and weight (which its looks decide), then its length
Features = tuple[int, bool, bool, bool, float, bool, bool, bool, int, bool, float, int]


def _looks(text: str) -> Features:
    """The features of `Line` that its text alone decides, for a line seen once (see `Features`).

    Two ways to the same counts: a line whose letters and digits are all ASCII (most lines of
    most pages) is counted on its bytes, in C; any other line word by word, with its mojibake
    read as the unicode stage will mend it. Either way a word typed again right after itself
    counts once, as the typos stage may leave it (`_undoubled`).
    """
    ascii = text.isascii()
    if ascii or _WIDE_LETTER_RE.search(text) is None:  # no letter or digit beyond ASCII
        # each character as its class, in C: a word starts where a letter or digit follows another
        # class (a mark beyond ASCII, "’" or "—", is one of the others, like the "?" it becomes)
        raw = text.encode() if ascii else text.encode("ascii", "replace")
        letters = raw.translate(_LOWER_LETTERS).split()  # its runs of letters, lowercase, in C
        if any(map(operator.eq, letters, islice(letters, 1, None))):  # rare: a run the same as the last
            text = _undoubled(text)
            raw = text.encode() if ascii else text.encode("ascii", "replace")
        classes = b" " + raw.translate(_ASCII_CLASSES)
        marks = len(raw) - len(raw.translate(None, _CODE_BYTES))
        upper, digits = classes.count(b" U"), classes.count(b" d")
        words = classes.count(b" w") + upper + digits
        caps = upper / (words - digits) if words > digits else 0.0
        quoted = '"' in text if ascii else _QUOTE_RE.search(text) is not None
    else:
        if _MOJIBAKE_RE.search(text) is not None:  # read as the repair stages will leave it
            text = _MOJIBAKE_RE.sub(_unmangled, text)
        if _DOUBLED_RE.search(text) is not None:  # (rare lines: any word in any script)
            text = _undoubled(text)
        # the first letter of every word, in one string: counting in it is C work, not a loop
        initials = "".join(_INITIAL_RE.findall(text))
        ideograms = len(_IDEOGRAM_RE.findall(initials))
        named = len(initials) - sum(map(str.isdigit, initials))  # numbers are neither capitalised nor not
        caps = sum(map(str.isupper, initials)) / named if named else 0.0
        # two characters of Chinese or Japanese make about one word of a spaced language
        words = len(initials) - ideograms + ideograms // 2
        quoted = _QUOTE_RE.search(text) is not None
        marks = sum(map(text.count, _CODE_MARKS))
    terminal, shouting = ends_like_sentence(text), text.isupper()
    prose = _prose(words, terminal, shouting, caps)
    first = text[0]  # (the patterns that start at the line's start, asked only when its first character fits)
    return (words, terminal, first in _BULLETS and _BULLET_RE.match(text) is not None, shouting, caps, quoted,
            _is_code(text, marks), first in _POST_STARTS and _POST_BY_RE.match(text) is not None,
            1, prose, _weight(words, prose), len(text))


# a letter or a digit beyond ASCII (mojibake begins with one: "â€“"), or a character of Chinese or Japanese
# (any character beyond ASCII, then looked at: the engine skips ASCII text fast)
_WIDE_LETTER_RE = re.compile(f"[^\\x00-\\x7f](?<=[^\\W\\x00-\\x7f]|[{_CJK}])")
# an ASCII letter as itself in lowercase, any other byte as a space: a line's runs of letters, split
_LOWER_LETTERS = bytes(ord(chr(b).lower()) if chr(b).isascii() and chr(b).isalpha() else ord(" ") for b in range(256))
# an ASCII character's class for `_looks`: U a capital, w another letter, d a digit, space the rest
_ASCII_CLASSES = bytes(
    ord("U") if chr(b).isupper() else ord("w") if chr(b).isalpha() else ord("d") if chr(b).isdigit() else ord(" ")
    for b in range(256))


# a word typed again right after itself, in any case ("the the", "The the", "Walla Walla"): the
# sign that a line may hold a word `_undoubled` leaves out
_DOUBLED_RE = re.compile(r"(?<![^\W_])([^\W\d_]+)[ \t]+\1(?![^\W_])", re.IGNORECASE)
# a word of letters that no letter or digit is glued to
_LETTERS_RE = re.compile(r"(?<![^\W_])[^\W\d_]+(?![^\W_])")


def _undoubled(text: str) -> str:
    """The line without each word that repeats the word before it, past spaces only, and does not
    start with a capital: the typos stage's `doubled_word` removes some of these ("in in", "The
    the"), so a word count that a rule's threshold reads would tip between a first cleaning and a
    second. All of them go here, those it only flags too ("very very"): they stay doubled through
    the typos stage, so both cleanings leave them out alike. A capitalised repeat is a name
    ("Walla Walla"): the typos stage keeps it, and so does this.

    >>> _undoubled("The the rally in in the town of Walla Walla, and and the the end")
    'The rally in the town of Walla Walla, and the end'
    """
    kept: list[str] = []
    start = 0  # text[:start] is in `kept`
    before = None
    for m in _LETTERS_RE.finditer(text):
        if (before is not None and not text[before.end():m.start()].strip(" \t") and not m.group()[0].isupper()
                and m.group().lower() == before.group().lower()):
            kept.append(text[start:before.end()])
            start = m.end()
        before = m
    kept.append(text[start:])
    return "".join(kept)


def _unmangled(match: re.Match[str]) -> str:
    """A character whose UTF-8 bytes were read as Windows-1252 ("â€“" for "–"), decoded again.

    The five bytes that Windows-1252 leaves undefined come through as the control characters
    of the same number ("â€\\x9d" for "”").
    """
    try:
        raw = bytes(ord(c) if c < "\u0100" else c.encode("cp1252")[0] for c in match.group())
        return raw.decode("utf-8")
    except UnicodeError:
        return match.group()


# The UTF-8 bytes of one character read as Windows-1252: a lead byte (Â to ô) and as many
# continuation bytes (0x80-0xBF, as Windows-1252 shows them) as it announces. The unicode stage
# runs first and mends it, but a run without that stage (`--stages extract`) or a line whose repair
# ftfy declined still carries it; read raw, "â€“" is a word and a quotation mark, and the line
# would look different after a later repair.
_MOJIBAKE_RE = re.compile(CP1252_SEQUENCE)


# A site prints the same menus and footers on every page, so the features of the last few thousand
# short lines are kept; a longer line is a paragraph, printed once, and would only fill memory.
MENU_CHARS = 200
_recent_looks = functools.lru_cache(maxsize=4096)(_looks)


def _is_code(text: str, marks: int) -> bool:
    """Mostly brackets, operators and quotes (`marks` of _CODE_MARKS; a lone "}" too), or a
    comment line of C-family code ("// check the user"): program code or markup."""
    if text.startswith(("//", "/*")):
        return True
    if text[-1] in ";{}(,[" and marks:
        return True
    return marks >= max(2, len(text) // 8) or (len(text) <= 3 and marks == len(text))


def ends_like_sentence(text: str) -> bool:
    """True when `text` ends with sentence punctuation, maybe inside closing quotes.

    >>> ends_like_sentence('He said "yes."'), ends_like_sentence("Most read")
    (True, False)
    """
    end = len(text.rstrip(_CLOSERS))
    return end > 0 and text[end - 1] in _SENTENCE_END


def _prose(words: int, terminal: bool, shouting: bool, capitalised: float) -> bool:
    """A line with these features reads as running text: long enough, and a sentence rather than a title."""
    if shouting and words > 2:
        return False
    if words >= PROSE_WORDS and terminal:
        return capitalised < 0.75 or words >= 2 * PROSE_WORDS
    return words >= 2 * PROSE_WORDS and capitalised < 0.6


def _weight(words: int, prose: bool) -> float:
    """What a line adds to a candidate article: prose its length beyond a sentence, the rest 0."""
    if prose:
        return float(words) - PROSE_OFFSET
    return 0.0


# a prose line adds its words minus this, so that teaser snippets add little and paragraphs much
PROSE_OFFSET = 4.0
# the k-th non-prose line in a row costs k times this: a subheading or a caption inside the
# article costs little, a long menu between the article and a sidebar blurb costs a lot
GAP_COST = 1.5
GAP_CAP = 12


def article_span(lines: list[Line], ends_article: Callable[[Line], bool] = lambda line: False,
                 ) -> tuple[int, int] | None:
    """Indices (first, last) of the article's lines, or None when the text has no prose run.

    The core is the maximum-sum segment (Kadane): paragraphs add their length, and the k-th
    other line in a row costs k (capped), so a few subheadings stay inside the article while a
    long menu ends it. Sidebar blurbs and reader comments are prose too, so the core can reach
    past them: a line that `ends_article` (a comment-section head, a legal footer) ends it once
    most of its prose lies above. The article then takes in the lines next to it that still
    read as sentences, quoted posts, the items of a list its last line announces, and the items
    that read as sentences of a list its first line is an item of (see `_item_above`).
    """
    core = _densest_run(lines)
    if core is None:
        return None
    first, last = core
    last = _end_at(lines, first, last, ends_article)
    while first > 0 and (_sentence(lines[first - 1]) or _item_above(lines[first - 1], lines[first])) and not (
            ends_article(lines[first - 1])):
        first -= 1
    while last + 1 < len(lines) and (_sentence(lines[last + 1]) or lines[last + 1].tweet) and not ends_article(
            lines[last + 1]):
        last += 1
    if lines[last].text.endswith(":"):  # the article announces a list: its items follow
        while last + 1 < len(lines) and _list_item(lines[last + 1]) and not ends_article(lines[last + 1]):
            last += 1
    return first, last


def _densest_run(lines: list[Line]) -> tuple[int, int] | None:
    """The maximum-sum run of lines; it starts and ends on prose lines (or is None)."""
    best = None
    best_sum = 0.0
    run = 0.0
    run_start = 0
    gap = 0
    for i, line in enumerate(lines):
        if run < 0:
            run, run_start = 0.0, i
        if line.prose:
            gap = 0
            run += line.weight
        elif line.code or line.tweet:  # code in a tutorial and quoted posts are part of it
            pass
        else:
            gap += 1
            run += line.weight - GAP_COST * min(gap, GAP_CAP)
        if run > best_sum:
            best_sum, best = run, (run_start, i)
    if best is None:
        return None
    first, last = best
    while not lines[first].prose:  # code or a quoted post that the run started on
        first += 1
    return first, last


def _end_at(lines: list[Line], first: int, last: int, ends_article: Callable[[Line], bool]) -> int:
    """The last prose line above the first line that ends the article after most of its prose."""
    total = sum(line.weight for line in lines[first:last + 1] if line.prose)
    seen = 0.0
    for i in range(first, last + 1):
        line = lines[i]
        if line.prose:
            seen += line.weight
        elif seen >= total / 2 and ends_article(line):
            last = i - 1
            break
    while not lines[last].prose:
        last -= 1
    return last


def _list_item(line: Line) -> bool:
    """An item of a list the article announced: a few words at least, and not a menu entry."""
    return line.words >= 3 and not (line.bullet and line.words <= 4)


def _item_above(line: Line, below: Line) -> bool:
    """A list item that reads as a sentence, right above another item (the article's first line).

    A story told as a list of sentences can open with items too short to read as prose alone;
    the article's densest run starts at the first long one, and the short ones above it are
    the same list, not a menu (a menu's items are names, without a final period).

    >>> above = describe("* Parents in the east wanted longer school days.\\n* Home\\n* A long item.")
    >>> _item_above(above[0], above[2]), _item_above(above[1], above[2])
    (True, False)
    """
    return line.bullet and below.bullet and _sentence_shape(line)


def _sentence(line: Line) -> bool:
    """A short line that still reads as a sentence: a one-line paragraph next to the article, a
    quotation that lost its final period ('"We are glad," he said'), or a note in brackets
    under it, like a wire story's "(Reporting by ...; editing by ...)"."""
    if line.text[0] == "(" and line.text[-1] == ")":
        return line.words >= 3
    if line.bullet:
        return False
    if line.quoted and not line.terminal:
        return line.words >= 6 and line.capitalised < 0.5
    return _sentence_shape(line)


def _sentence_shape(line: Line) -> bool:
    """Ends like a sentence, with a few words, most of them not capitalised (no title, no menu)."""
    return line.terminal and line.words >= 3 and line.capitalised < 0.75
