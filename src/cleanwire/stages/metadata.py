"""The `metadata` stage: headline, date, dateline, authors and reading time into fields, out of the text.

It runs first, on the raw text, and reads the page the way a reader finds an article's head:
the *anchor* is the first byline, date or reading-time line that has prose after it (else the
first prose line); the headline is the title-like line just above it; the *head block* runs
from just above the headline to the first prose line, the lede. Only what sits in that head
block (plus a scraper header at the very start and a dateline at the start of the lede) is
taken out: a date or a name inside the body stays, and so do menus, captions and share
prompts, which are the `boilerplate` stage's business. When the head shows no date, a date
line signing the article off right under it ("The Town Crier, December 11, 2014") is read,
and left where it is.

Not every text has a head: the text of an article element often starts at its lede, and a
cleaned text always does. So a title-like line is a headline only when a byline or date line
stands near it, or, with nothing to vouch for it, when it has four words or more, is not the
text's first line, has no prose just above it (a subheading between paragraphs), and is not a
credit (a job under a name, a line under "Credit: ..."). With no headline and prose above the
lede, the text is a section of an article, which has no head: a date line there is the body's
(taking it out would bring that prose nearer the lede, so that a second cleaning judged anew).
Cleaning cleaned text again then finds no new head. A text that opens with a headline over
its lede is read from there, however long a story glued under it runs.

Every removal's kind is the name of the function that recognised it: `header` ("date
2023-04-27" before the text), `title`, `byline`, `date`, `reading_time`, `dateline`. Doubts
become flags: an ambiguous "11/12/2019", a relative "3 hours ago" without a reference date, a
date with no year.

>>> from cleanwire.config import Config
>>> from cleanwire.document import Document
>>> d = Document("x", "Home\\n\\nCouncil keeps the old bridge\\n\\nBy Jane Doe and John Roe, CNN\\n"
...                   "Published Nov. 19, 2019\\n\\nLONDON (Reuters) - The council voted on Tuesday to keep "
...                   "the old bridge open for another ten years, officials said.\\n")
>>> metadata(d, Config())
>>> d.title, d.date, d.authors
('Council keeps the old bridge', '2019-11-19', ['Jane Doe', 'John Roe'])
>>> d.dateline
{'place': 'LONDON', 'date': None, 'agency': 'Reuters'}
>>> d.text.split()[:3]
['Home', 'The', 'council']
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cleanwire.config import Config
from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.stages.metadata_authors import bare_names, byline_names, is_person, job
from cleanwire.stages.metadata_dates import DateHit, find_dates, parse_reference, relative_words
from cleanwire.text import BULLET_RE, lost_final_period

NAME = "metadata"
_T = TypeVar("_T")

# Distances in non-blank lines. The headline is looked for in the _TITLE_WINDOW lines above the
# lede, each line of distance costing _DISTANCE_COST of its score; a byline or date line within
# _META_NEAR lines of it makes it likelier. Metadata lines are taken from _META_ABOVE_TITLE lines
# above the headline down to the lede (without a headline: the _META_ABOVE_BODY lines above the
# lede; without prose: the first _HEAD_WITHOUT_PROSE lines). A lede starts a run of prose: another
# prose line within _RUN lines, and the run has _RUN_WORDS words or _RUN_SHARE of the longest run's.
_TITLE_WINDOW = 40
_DATE_LINE_CHARS = 120
_MAX_DATE_LINES = 2
_WEEKDAY_CHARS = 11  # "Wednesday, "
_LONG_TITLE = 20  # words
_DISTANCE_COST = 0.03
_MIN_TITLE_SCORE = -1.0
_META_NEAR = 3
_META_ABOVE_TITLE = 3
_META_ABOVE_BODY = 8
_HEAD_WITHOUT_PROSE = 12
_RUN = 5
_RUN_WORDS = 80
_RUN_WORDS_AFTER_META = 40
_RUN_SHARE = 0.3
_PROSE_WORDS = 12  # a prose line has this many words or more
# A headline with no byline or date near it has _BARE_TITLE_WORDS words or more, and no prose
# in the _PROSE_ABOVE lines above it (nor a line of _PARAGRAPH_WORDS words right above it).
_BARE_TITLE_WORDS = 4
_PROSE_ABOVE = 12
# a prose line shorter than this before a dateline's paragraph is a caption, not the lede
_CAPTION_WORDS = 25
_PARAGRAPH_WORDS = 20

# "date 2023-04-27" written by a scraper before the text (its own line or glued to the first), maybe after
# blank lines or a BOM, maybe with no-break spaces (the unicode stage turns them into spaces)
_HEADER_RE = re.compile(r"[ \t\r\n\u00a0\ufeff\u200b]{0,8}(?:date|published|datum|fecha)"
                        r"[ \t\u00a0]{0,3}:?[ \t\u00a0]{1,3}(\d{4}-\d{2}-\d{2})\b[ \t]*",
                        re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d{1,9}")
_READING_RE = re.compile(
    r"\b(?:reading|read)\s{0,3}time\s{0,3}:?\s{0,3}(?:about\s{1,3}|approx\.?\s{1,3}|~\s{0,2})?(?P<a>\d{1,3})\s{0,3}"
    r"(?:min|mins|minutes?)\b"
    r"|\b(?P<b>\d{1,3})\s{0,3}-?\s{0,2}(?:min|mins|minutes?)\.?\s{1,3}(?:read|de lecture|de lectura|di lettura)\b"
    r"|\b(?:lesezeit|temps de lecture|tiempo de lectura|tempo di lettura)\s{0,3}:?\s{0,3}(?P<c>\d{1,3})\s{0,3}min",
    re.IGNORECASE)
_TIME_RE = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s{0,2}(?:[ap]\.?m\.?)?|\b\d{1,2}\s{0,2}[ap]\.?m\.?(?!\w)",
                      re.IGNORECASE)
# what separates the words of a date line
_DATE_LINE_SEP_RE = re.compile(r"[\s,|\u2022\u00b7:;()\[\]-]+")
# words a date line may carry besides its date and time
_DATE_WORDS = frozenset("""published posted updated last modified on at date time created publié mis à jour le
    veröffentlicht aktualisiert am publicado actualizado el pubblicato aggiornato il gepubliceerd bijgewerkt
    op""".split())
_PUBLISHED_RE = re.compile(r"\b(?:published|posted|publié|publiée|veröffentlicht|erschienen|publicado|publicada"
                           r"|pubblicato|gepubliceerd)\b", re.IGNORECASE)
_UPDATED_RE = re.compile(r"\b(?:updated|modified|aktualisiert|actualizado|aggiornato|mis à jour|bijgewerkt)\b",
                         re.IGNORECASE)
# a sentence may end inside the line: a word of three letters or more, a period, more text
# (a break when that text starts with a capital or a bracket: "Dec. 22" is no break; headlines
# do use "!" and "?" inside: "Brains! How zombies took over")
_SENTENCE_BREAK_RE = re.compile(r"[^\W\d_]{3}[.]\s{1,3}(\S)")
# a photo credit or caption label ("Photo: Getty Images", "Photographer: ...")
_CREDIT_RE = re.compile(r"\b(?:photo|photograph|photographer|image|picture|credit|foto|bild)s?\s{0,2}:", re.IGNORECASE)
_OPENING_QUOTES = "\"'\u2018\u201c\u00ab\u201e\u00bf\u00a1"
_CLOSING_QUOTES = "\"'\u201d\u2019"  # what may follow a sentence's final mark ('"We will win."')
_BREADCRUMB_SEPS = (" > ", " \u00bb ", " / ", " // ", " \u203a ", " | ")
_BREADCRUMB_MARK_RE = re.compile("[>\u00bb/\u203a|]")  # what every separator has
_PLACE_MARKS = " .'-/&"  # what a dateline's place has besides letters
_DASHES = ("\u2014", "\u2013", " -- ", " - ", ".- ")  # ".-": Spanish wires, "MADRID, 3 mar (EFE).-"


@dataclass(slots=True)
class _Line:
    """A non-blank line: its stripped text and where that text sits in the document's text, with
    its word count and whether it is prose (found once, by `_lines`: the search for the head asks often)."""

    start: int
    end: int
    text: str
    words: int
    prose: bool
    blank_before: bool = True
    blank_after: bool = True


@stage(NAME, "headline, date, dateline, authors and reading time into fields, out of the text")
def metadata(doc: Document, config: Config) -> None:
    reference = parse_reference(doc.extra.get("reference_date")) or parse_reference(
        getattr(config, "reference_date", None))
    text = doc.text
    ops: list[Op] = []
    found_date: str | None = None
    begin = 0
    head = header(text)
    while head is not None:  # a header written twice goes at once, not one per cleaning
        end_at, when = head
        found_date = found_date or when
        ops.append(Op(begin, begin + end_at, None, NAME, "header"))
        begin += end_at
        head = header(text[begin:])
        after = _reading_time_after(text, begin) if head is None else None
        if after is not None:  # "date ... Reading Time: 2 minutes" and the header again below
            doc.reading_time_minutes, end_at = after
            ops.append(Op(begin, end_at, None, NAME, "reading_time"))
            begin = end_at
            head = header(text[begin:])
    lines = _lines(text, begin)
    kinds = _Kinds(lines)
    body = _body(lines, kinds)
    title_at = _title(text, lines, kinds, body)
    if body is not None and title_at is not None and title_at >= body:
        body = _next_prose(lines, title_at)
    first = body  # the first paragraph that stays: a second cleaning takes it for the lede
    if body is not None and lines[body].words < _RUN_WORDS:
        # a standfirst may come before the byline: then the lede is the prose after it
        after = [j for j in range(body + 1, min(len(lines), body + 3)) if kinds[j] in ("byline", "date")]
        if after and _next_prose(lines, after[-1]) is not None:
            body = _next_prose(lines, after[-1])
    end = body if body is not None else min(len(lines), _HEAD_WITHOUT_PROSE)
    if title_at is not None:
        doc.title = lines[title_at].text
        ops.append(Op(lines[title_at].start, lines[title_at].end, None, NAME, "title"))
        top = _meta_run_top(lines, kinds, _lines_up(lines, kinds, title_at, _META_ABOVE_TITLE))
        head_lines = [k for k in range(top, end) if k != title_at]
    elif first is not None and _after_prose(lines, kinds, first):
        head_lines = []  # no headline and prose above the lede: a section of an article, which has no head
    else:
        head_lines = list(range(max(0, end - _META_ABOVE_BODY), end))
    dates: list[tuple[DateHit, str, bool]] = []  # (hit, line text, marked as an update)
    dates_above: list[tuple[DateHit, str, bool]] = []
    bylines: list[tuple[int, list[str], bool]] = []  # (line, its names, named after "By" or before a "|")
    # more date lines than a head has (published, updated) make a listing, a schedule: not metadata
    listing = sum(1 for k in head_lines if kinds[k] == "date" or _starts_with_date(lines[k].text)) > _MAX_DATE_LINES
    listing = listing or (title_at is None and _dates_between_items(lines, kinds, head_lines))
    for k in head_lines:
        ln = lines[k]
        kind = kinds[k]
        if kind is None or (listing and kind == "date"):
            continue
        if kind == "byline":
            named = byline(ln.text)
            bylines.append((k, bare_names(_unbullet(ln.text)) if named is None else named, named is not None))
        if doc.reading_time_minutes is None:
            doc.reading_time_minutes = reading_time(ln.text)
        # a date above the headline may be a teaser's or the day's: those under it come first
        (dates_above if title_at is not None and k < title_at else dates).extend(_labelled_dates(ln.text, reference))
        ops.append(Op(ln.start, ln.end, None, NAME, kind))
    dates.extend(dates_above)
    lede = _dateline_lede(lines, kinds, body, title_at)
    if first is not None and first != body and (lede is None or dateline(lines[lede].text) is None):
        lede = _dateline_lede(lines, kinds, first, title_at)  # a standfirst opening with a dateline is the lede
    if lede is not None:
        found = dateline(lines[lede].text)
        if found is not None:
            cut, place, when, agency = found
            doc.dateline = {"place": place, "date": when, "agency": agency}
            ops.append(Op(lines[lede].start, lines[lede].start + cut, None, NAME, "dateline"))
            if when:
                dates.extend((h, when, False) for h in find_dates(when, reference))
    signed = _signoff(lines, kinds, body) if not any(h.value for h, _, _ in dates) else None
    if signed is not None:  # read, not taken out: what follows the article is the boilerplate stage's
        ln = lines[signed]
        dates.extend(_labelled_dates(ln.text, reference))
    doc.authors = _choose_authors(lines, bylines, title_at)
    doc.date = found_date or _choose_date(doc, dates, reference)
    doc.apply(ops)


# -- the pieces, each named for the kind of what it takes out ----------------------------------


def header(text: str) -> tuple[int, str] | None:
    """End of a scraper's "date YYYY-MM-DD" header at the start of `text`, and its date.

    >>> header(" date 2023-04-28 On Wednesday, talks were held.")
    (17, '2023-04-28')
    >>> header(" \\ndate\\u00a0 2023-04-28 On Wednesday")  # blank lines and no-break spaces: the same header
    (19, '2023-04-28')
    >>> header("The date 2023-04-28 was a Friday.") is None
    True
    """
    m = _HEADER_RE.match(text)
    if m is None:
        return None
    hits = find_dates(m.group(1))
    if not hits or hits[0].value is None:
        return None
    return m.end(), hits[0].value


def title(line: str) -> bool:
    """Whether a line could be a headline: a few words, not a sentence, not a list or a menu.

    >>> [title(s) for s in ("Kremlin welcomes Xi-Zelensky call", "Choose your words wisely.", "* Home",
    ...                      "Home > World > Europe", "TRAVEL", "Read the rest of the story...", "skip to content")]
    [True, False, False, False, False, False, False]
    """
    return _title_shaped(line) and (line.endswith(".") or _meta_kind(line) is None)


_LINE_CACHE = 4096  # lines
_CACHED_CHARS = 250  # a longer line is asked again rather than kept


def _per_line(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    """`fn(line)` remembered for the last _LINE_CACHE lines of up to _CACHED_CHARS characters: the
    pipeline runs the stage again on what boilerplate leaves, mostly the same head lines, and
    a site repeats its menus on every page. (Memory stays bounded whatever the input.)"""
    cached = functools.lru_cache(maxsize=_LINE_CACHE)(fn)

    @functools.wraps(fn)
    def ask(line: str) -> _T:
        return cached(line) if len(line) <= _CACHED_CHARS else fn(line)

    return ask


@_per_line
def _title_shaped(line: str) -> bool:
    """`title` but for the metadata check: what the head search asks of lines whose kind it
    already knows to be None."""
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 250 or BULLET_RE.match(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in _OPENING_QUOTES):
        return False
    if line.endswith(("...", "\u2026", ",", ";", ":")) or "@" in line or "http" in line or "\u00a9" in line:
        return False
    if _breadcrumb(line) or len(words) < 4 and not any(c.islower() for c in line):
        return False
    if any(m.group(1).isupper() or m.group(1) == "(" for m in _SENTENCE_BREAK_RE.finditer(line)):
        return False  # two sentences: a caption or a standfirst
    if _CREDIT_RE.search(line) or "   " in line or (
            # (an ASCII line without a digit has no figures to count)
            not (line.isascii() and _DIGIT_RE.search(line) is None)
            and 2 * sum(any(c.isdigit() for c in w) for w in words) > len(words)):
        return False  # a photo credit; a table's row, spaced into columns or mostly figures
    # a sentence, quoted or not ('"We will win."'), unless every word is capitalised as headlines are
    if line.rstrip(_CLOSING_QUOTES).endswith("."):
        capital = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return capital == len(words) and ". " not in line
    return True


def byline(line: str) -> list[str] | None:
    """The people a byline line names, without its bullet, "By", outlet, job title, date or handle
    (read by `metadata_authors.byline_names`); None if it is not one (a byline may name no person:
    "By Staff Reports").

    >>> byline("By Jane Doe and John Roe, CNN")
    ['Jane Doe', 'John Roe']
    >>> byline("* By C. Ryanne Laratonda | Posted Feb. 27, 2014, 5:17 p.m.")
    ['C. Ryanne Laratonda']
    >>> byline("Jane Doe | Reuters"), byline("By now the story had spread to every town."), byline("Jane Doe")
    (['Jane Doe'], None, None)
    >>> byline("By Staff Reports"), byline("By Kevin Mazur/WireImage.")
    ([], None)
    """
    return byline_names(_unbullet(line))


def date(line: str) -> bool:
    """Whether a line is a date line: a date, maybe a time, a label, and little else.

    >>> [date(s) for s in ("Published: December 24, 2014 12:02 pm", "MUMBAI Tue Dec 30, 2014 4:33pm IST",
    ...                     "12.16.14", "Stocks fell on Dec. 29, 2014, as oil slid further in Asian trade.")]
    [True, True, True, False]
    """
    if len(line) > _DATE_LINE_CHARS or "@" in line or line.startswith(("\u2014", "\u2013", "--")):
        return False  # an embedded post's "— Name (@handle) date" is part of the article
    hits = find_dates(line)
    if not hits:
        return False
    rest = line
    for h in reversed(hits):
        rest = rest[: h.start] + " " + rest[h.end:]
    rest = _TIME_RE.sub(" ", rest)
    words = [w for w in _DATE_LINE_SEP_RE.split(rest) if w]
    other = [w for w in words if w.lower() not in _DATE_WORDS and not (w.isupper() and len(w) <= 4) and not w.isdigit()]
    return len(other) <= 3 or (len(other) <= 8 and not _is_prose(line) and len(hits) == 1
                                and hits[0].kind == "absolute" and len(words) <= 12)


def reading_time(line: str) -> int | None:
    """Minutes from "Reading Time: 2 minutes", "5 min read" and the like.

    >>> reading_time("Reading Time: 2 minutes"), reading_time("5 min read"), reading_time("Read more")
    (2, 5, None)
    """
    m = _READING_RE.search(line) if _DIGIT_RE.search(line) else None  # no minutes without a number
    if m is None:
        return None
    return int(m["a"] or m["b"] or m["c"])


def dateline(lede: str) -> tuple[int, str, str | None, str | None] | None:
    """A wire dateline at the start of the lede: (length to cut, place, date as written, agency).

    >>> dateline("MOSCOW, April 27 (Reuters) \u2013 The Kremlin said on Thursday ...")
    (29, 'MOSCOW', 'April 27', 'Reuters')
    >>> dateline("KYIV, Ukraine \u2014 Air raid sirens sounded.")[1:]
    ('KYIV, Ukraine', None, None)
    >>> dateline("WASHINGTON (AP) \u2014 The Senate voted.")[1:], dateline("Mr Smith - a farmer - said no.")
    (('WASHINGTON', None, 'AP'), None)
    >>> dateline("MADRID, 3 mar (EFE).- El Gobierno aprobó")[1:]
    ('MADRID', '3 mar', 'EFE')
    """
    window = lede[:120]
    cut = -1
    dash = ""
    for d in _DASHES:
        at = window.find(d)
        if at > 0 and (cut < 0 or at < cut):
            cut, dash = at, d
    if cut < 0:
        return None
    prefix = lede[:cut].strip()
    after = cut + len(dash)
    while after < len(lede) and lede[after] in " \t-":
        after += 1
    if after >= len(lede) or not (lede[after].isupper() or lede[after] in "\"'\u201c\u2018" or lede[after].isdigit()):
        return None
    agency = None
    if prefix.endswith(")") and "(" in prefix:
        at = prefix.rfind("(")
        agency = prefix[at + 1:-1].strip()
        prefix = prefix[:at].strip()
        if not agency or len(agency.split()) > 4 or not agency[0].isalpha():  # "dpa" is lower-case
            return None
    parts = [p.strip() for p in prefix.split(",")]
    if not parts[0] or len(parts) > 3 or len(parts[0].split()) > 4:
        return None
    place = parts[0]
    if not place[0].isalpha() or not all(c.isalpha() or c in _PLACE_MARKS for c in place):
        return None  # "ST. LOUIS", "WINSTON-SALEM"; no figures or brackets
    if not (place.isupper() and sum(c.isalpha() for c in place) >= 2) and not (agency and _capitalised(place)):
        return None
    when = None
    for part in parts[1:]:
        hits = find_dates(part)
        if hits and hits[0].start == 0 and hits[0].end >= len(part) - 1:
            when = part
        elif _capitalised(part) and len(part.split()) <= 3 and when is None:
            place = f"{place}, {part}"
        else:
            return None
    return after, place, when, agency


# -- helpers ------------------------------------------------------------------------------------


def _reading_time_after(text: str, begin: int) -> tuple[int, int] | None:
    """The minutes and end of a reading time that fills the rest of the header's line, when
    another header starts the next line: the reading time is then part of the first header,
    and the second goes with it (once cleaned, it would start the text).

    >>> _reading_time_after("Reading Time: 2 minutes\\n date 2023-04-27 Text", 0)
    (2, 23)
    >>> _reading_time_after("Reading Time: 2 minutes\\nThe text", 0) is None
    True
    """
    end = text.find("\n", begin)
    if end < 0:
        return None
    rest = text[begin:end].strip()
    minutes = reading_time(rest) if rest and len(rest.split()) <= 8 else None
    if minutes is None or header(text[end:]) is None:
        return None
    return minutes, end


def _lines(text: str, begin: int) -> list[_Line]:
    """The non-blank lines of `text` from offset `begin`, noting blank lines around each."""
    out: list[_Line] = []
    blank = True
    start = begin
    for raw in text[begin:].split("\n"):  # as `text.paragraph_spans` does, blank lines kept
        stripped = raw.strip()
        if not stripped:
            blank = True  # (a line's blank_after is True until a line follows it directly)
        else:
            # what comes before the first non-space is space (most lines have none)
            lead = start if raw[0] == stripped[0] else start + raw.find(stripped[0])
            if not blank:
                out[-1].blank_after = False
            words = len(stripped.split())
            # (most lines are short: `_is_prose` is asked only from its own first test on)
            out.append(_Line(lead, lead + len(stripped), stripped, words,
                             words >= _PROSE_WORDS and _is_prose(stripped, words), blank))
            blank = False
        start += len(raw) + 1
    return out


def _breadcrumb(line: str) -> bool:
    """Whether a line holds two breadcrumb separators ("Home > World > Europe").

    >>> _breadcrumb("Home > World > Europe"), _breadcrumb("Shares rose 5% / fell 2% in a day.")
    (True, False)
    """
    # (most lines have none of the separators' marks: one search answers for them)
    return _BREADCRUMB_MARK_RE.search(line) is not None and sum(line.count(sep) for sep in _BREADCRUMB_SEPS) >= 2


def _unbullet(line: str) -> str:
    m = BULLET_RE.match(line)
    return line[m.end():].strip() if m else line


def _is_prose(line: str, words: int | None = None) -> bool:
    """A sentence-ending line of twelve words or more (or a long one), not a list item, a
    breadcrumb or a teaser cut short with "..." (`words`: its word count, when known)."""
    if words is None:
        words = len(line.split())
    if words < _PROSE_WORDS or BULLET_RE.match(line) or _breadcrumb(line):
        return False
    if line.endswith(("...", "\u2026")):
        return False
    last = line.rstrip(_CLOSING_QUOTES)
    if words >= 30 or last[-1:] in ".!?":  # (`last` is never empty: the line has words)
        return True
    # scraped text loses final periods (and typos may put them back): a sentence inside the line, or
    # a wire dateline opening it (a lede's mark), and a lowercase last word make prose too
    return lost_final_period(line) or (line[-1].islower() and dateline(line) is not None)


@_per_line
def _meta_kind(line: str) -> str | None:
    """The kind of metadata line this is ("byline", "date", "reading_time"), or None."""
    text = _unbullet(line)
    if not text:
        return None
    if len(text) > _DATE_LINE_CHARS:
        return None
    if _DIGIT_RE.search(line) is None and not relative_words(line):
        return "byline" if byline(text) is not None else None  # no figures: no reading time, no date
    if reading_time(text) is not None and len(text.split()) <= 8:
        return "reading_time"
    if byline(text) is not None:
        return "byline"
    if date(text) or (text != line and date(line)):  # "27. April 2023" is no numbered list item
        return "date"
    return None


_UNKNOWN = object()  # a kind not asked for yet
_NAME_LINE_WORDS = 9  # a bullet and the eight words `bare_names` reads at most


class _Kinds(Sequence):
    """Each line's metadata kind (`_kind`), found the first time it is asked for, and only then.

    The search for the head looks at the lines around the lede and at those that have prose
    right after them; the rest of a page (menus, the story, its footer) is never asked about, and
    finding kinds was most of the stage's time.
    """

    def __init__(self, lines: list[_Line]) -> None:
        self._lines = lines
        self._own: list[str | None | object] = [_UNKNOWN] * len(lines)  # `_meta_kind` of line k
        self._kinds: list[str | None | object] = [_UNKNOWN] * len(lines)  # `_kind` of line k

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, k: int | slice) -> str | None | list[str | None]:  # as a list does
        kind = self._kinds[k]  # (a list raises IndexError and reads negative indices as a list does)
        if kind is _UNKNOWN:
            kind = self._kinds[k] = self._kind(k % len(self._kinds))
        elif kind.__class__ is list:  # a slice
            return [self[j] for j in range(*k.indices(len(self._kinds)))]
        return kind

    def _own_kind(self, k: int) -> str | None:
        kind = self._own[k]
        if kind is _UNKNOWN:
            kind = self._own[k] = _meta_kind(self._lines[k].text)
        return kind

    def _kind(self, k: int) -> str | None:
        """Line `k`'s own kind; a job under a byline is part of it, and a line that is only a
        person's name counts as a byline when a date line comes next (list bullets with nothing
        after them aside)."""
        lines = self._lines
        kind = self._own_kind(k)
        if kind is not None:
            return kind
        ln = lines[k]
        if k and ln.words <= 4 and job(ln.text) and self._above(k) == "byline":  # (a job has 4 words at most)
            return "byline"  # "Staff Writer" under the name
        if ln.words <= _NAME_LINE_WORDS:
            j = k + 1
            while j < len(lines) and lines[j].words == 1 and not _unbullet(lines[j].text):  # a bullet is one word
                j += 1
            if j < len(lines) and self._own_kind(j) == "date" and bare_names(_unbullet(ln.text)):
                return "byline"
        return None

    def _above(self, k: int) -> str | None:
        """The kind of line `k - 1`, found without recursing down a run of job lines: from the
        run's first line, which needs no line above it, each next line's kind needs only the last."""
        j = k - 1
        while j > 0 and self._kinds[j] is _UNKNOWN and self._own_kind(j) is None and job(self._lines[j].text):
            j -= 1
        for i in range(j, k - 1):
            self[i]
        return self[k - 1]


def _body(lines: list[_Line], kinds: Sequence[str | None]) -> int | None:
    """The lede: the first line of the first run of prose lines (each within _RUN lines of the
    last) that is substantial next to the page's longest run, since menus, cookie notes and
    teasers make short runs before the article; or, when earlier, prose right after a byline or
    date line that starts a run of _RUN_WORDS_AFTER_META words (a short article above a wordy
    footer). A run of that many words that opens the text is the lede: once its head is gone,
    the article a byline or date line pointed to opens the text, and a second cleaning must
    find it again, not a longer run further down (comments, a page glued under it)."""
    runs: list[tuple[int, int]] = []  # (first line, words)
    last = -_RUN - 1
    for k, ln in enumerate(lines):
        if ln.prose:
            if k - last > _RUN:
                runs.append((k, 0))
            runs[-1] = (runs[-1][0], runs[-1][1] + ln.words)
            last = k
    if not runs:
        return None
    if _opens_with(lines, kinds, runs[0]):
        return runs[0][0]  # a text that opens with a run of prose opens at its lede, as a cleaned one does
    most = max(words for _, words in runs)
    lede = next(k for k, words in runs if words >= min(most, max(_RUN_WORDS, _RUN_SHARE * most)))
    below: list[int | None] = [None] * lede  # the first prose line below line k, if within _RUN lines
    after = None
    for k in range(lede - 1, -1, -1):
        after = k + 1 if lines[k + 1].prose else after
        below[k] = after if after is not None and after - k <= _RUN else None
    for k, after in enumerate(below):  # only the lines with prose close below are asked their kind
        if after is not None and kinds[k] in ("byline", "date"):
            if sum(ln.words for ln in lines[after:after + _RUN] if ln.prose) >= _RUN_WORDS_AFTER_META:
                return min(after, lede)
    return _dateline_above(lines, lede)


def _opens_with(lines: list[_Line], kinds: Sequence[str | None], run: tuple[int, int]) -> bool:
    """Whether the text opens with this run of prose (first line, words): at its top with
    _RUN_WORDS_AFTER_META words, or right under a top line shaped as a headline of
    _BARE_TITLE_WORDS words or more, which nothing vouches for and which therefore stays (see
    `_top`): a headline over its lede, as an article's text often starts, and as a story glued
    above another starts its bundle."""
    first, words = run
    top = _top(lines)
    if first == top:
        return words >= _RUN_WORDS_AFTER_META
    under = next((k for k in range(top + 1, len(lines)) if lines[k].words > 1), None)
    return (first == under and lines[top].words >= _BARE_TITLE_WORDS and kinds[top] is None
            and _title_shaped(lines[top].text) and kinds[first] is None)


def _dateline_above(lines: list[_Line], lede: int) -> int:
    """The lede, or the first line of the run of prose just above it when that line opens with a
    wire dateline and only short lines (a list, a label) stand between, 2 * _RUN lines at most: a
    short first paragraph over a list, the prose after the list making the longer run. (Whether
    a list item passes for prose, as a repair may make it, must not move the lede.)"""
    p = lede - 1
    while p >= 0 and lede - p <= 2 * _RUN and not lines[p].prose:
        p -= 1
    if p < 0 or lede - p > 2 * _RUN:
        return lede
    start, j = p, p - 1
    while j >= 0 and start - j <= _RUN:
        if lines[j].prose:
            start = j
        j -= 1
    return start if dateline(lines[start].text) is not None else lede


def _dateline_lede(lines: list[_Line], kinds: Sequence[str | None], body: int | None,
                   title_at: int | None) -> int | None:
    """The line whose start may hold the dateline: the lede, or the prose line after it when the
    lede is a short caption ("1 of 2. A general view of ...") and the next one has a dateline.
    None when, with no headline found, prose stands above the lede: the article began earlier
    and this is a section of it ("PORTLAND -- " in a round-up), not its first paragraph."""
    if body is None or (title_at is None and _after_prose(lines, kinds, body)):
        return None
    nxt = _next_prose(lines, body)
    if (dateline(lines[body].text) is None and lines[body].words < _CAPTION_WORDS and nxt is not None
            and nxt - body <= _RUN and dateline(lines[nxt].text) is not None):
        return nxt
    return body


def _signoff(lines: list[_Line], kinds: Sequence[str | None], body: int | None) -> int | None:
    """The date line that signs the article off, when its head shows no date: the first line
    after the article's prose (which may hold a list: gaps of 2 * _RUN lines), one-word lines (a
    "Related" label) passed over, with no other date line in the 2 * _RUN lines after it (dated
    comments, a teaser list)."""
    if body is None:
        return None
    last = j = body
    while j < len(lines) and j - last <= 2 * _RUN:
        if lines[j].prose:
            last = j
        j += 1
    k = last + 1
    while k < len(lines) and lines[k].words <= 1:
        k += 1
    if k >= len(lines) or k - last > _RUN or kinds[k] != "date":
        return None
    return None if "date" in kinds[k + 1:k + 1 + 2 * _RUN] else k


def _next_prose(lines: list[_Line], k: int) -> int | None:
    return next((j for j in range(k + 1, len(lines)) if lines[j].prose), None)


def _title(text: str, lines: list[_Line], kinds: Sequence[str | None], body: int | None) -> int | None:
    """The headline: the best-scored title-like line in the stretch above the lede.

    A headline sits next to its byline or date line, close to the lede, and has a few words;
    a page often repeats it in its <title> line or breadcrumb; a much longer line right under
    a shorter title-like line is a standfirst. Dates of a teaser list vouch for nothing; a
    line with no byline or date near must pass the stricter test of the module docstring.
    """
    if body is None:
        return None  # no prose, no article: a schedule or a list has no headline
    best, best_score = None, _MIN_TITLE_SCORE
    top = _top(lines)
    printed: Counter[str] = Counter()  # each line's count, made when first needed
    for k in range(max(0, body - _TITLE_WINDOW), min(len(lines), body + 1)):
        ln = lines[k]
        if (not _title_shaped(ln.text) or kinds[k] is not None or _printed_twice(lines, k) or _listed(lines, k)
                or _credit(lines, kinds, k)):
            continue
        below, above = _near(lines, kinds, k, 1), _near(lines, kinds, k, -1)
        if ("date" in below or "date" in above) and _date_listing(kinds, k):
            below.discard("date")
            above.discard("date")
        if k == body and not (_title_case(ln.text) or _next_kind(lines, kinds, k) in ("byline", "date")):
            continue  # the lede itself: a prose-like headline is capitalised or has its byline or date next
        if not {"byline", "date"} & (below | above) and (
                ln.words < _BARE_TITLE_WORDS or k <= top or _after_prose(lines, kinds, k)
                or _after_name(lines, kinds, k) or (k and _CREDIT_RE.search(lines[k - 1].text))
                or (k and lines[k - 1].text.endswith(":"))  # what the line above announces: an image, a quote
                or _printed_often(text, lines, ln.text, printed)):
            continue  # with nothing to vouch for it: a subheading, a credit, a label, a standfirst, an image's link
        score = -_DISTANCE_COST * (body - k)
        if "byline" in below and not _teaser_bylines(kinds, k):
            score += 3.0
        elif "byline" in above:
            score += 2.0
        elif "date" in below:
            score += 1.5
        elif "date" in above:
            score += 1.0
        score += 1.0 if ln.words >= 4 else -1.0
        score += 0.5 if ln.words >= 6 else 0.0
        score -= 1.0 if ln.words > _LONG_TITLE else 0.0  # rather a caption or a standfirst
        if ln.text.isupper() or (ln.words <= 3 and is_person(ln.text)):
            score -= 1.0  # a shouted menu entry, or a name
        if ln.blank_before and ln.blank_after:
            score += 0.5
        if _repeated_above(lines, k):
            score += 2.0
        up = k - 1
        if (up >= 0 and kinds[up] is None and _title_shaped(lines[up].text) and ln.words >= 10
                and not _title_case(ln.text)):
            # a standfirst under its headline is at least as long, often much longer
            if 4 <= lines[up].words and ln.words >= 1.5 * lines[up].words:
                score -= 2.0
            elif 4 <= lines[up].words <= ln.words or _title_case(lines[up].text):
                score -= 1.0  # or written as a sentence under a capitalised headline
        if score > best_score:
            best, best_score = k, score
    return best


def _near(lines: list[_Line], kinds: Sequence[str | None], k: int, step: int) -> set[str | None]:
    """The metadata kinds among the _META_NEAR lines after (step 1) or before (-1) line `k`;
    one-word lines (share buttons, counters) do not count as lines in between. A date line that
    is an entry of a listing (`_listed`: "Jan. 15-18: Boat Show" over "Jan. 23-25: Trail Run")
    dates its entry, not a headline: it counts as a line of words. (Which of a schedule's lines
    are near the lede turns on where the lede falls, and that on a dateline the first cleaning
    takes out: an entry vouched for by the next would be a headline to the second cleaning only.)

    >>> lines = _lines("Masons, Winter Meeting, Marriott\\nJan. 15-18: Boat Show, 2015\\nJan. 23-25: Trail Run", 0)
    >>> _near(lines, _Kinds(lines), 0, 1), _near(lines[:2], _Kinds(lines[:2]), 0, 1)
    ({None}, {'date'})
    """
    found: set[str | None] = set()
    j, seen = k + step, 0
    while 0 <= j < len(lines) and seen < _META_NEAR:
        kind = kinds[j]
        if kind == "date" and _listed(lines, j):
            kind = None
        found.add(kind)
        if kind is not None or lines[j].words > 1:
            seen += 1
        j += step
    return found


def _lines_up(lines: list[_Line], kinds: Sequence[str | None], k: int, count: int) -> int:
    """The index `count` lines above line `k`, one-word lines (share buttons, bullets) not counted."""
    j, seen = k, 0
    while j > 0 and seen < count:
        j -= 1
        if kinds[j] is not None or lines[j].words > 1:
            seen += 1
    return j


def _meta_run_top(lines: list[_Line], kinds: Sequence[str | None], k: int) -> int:
    """The first line of the run of metadata lines that line `k` is in (one-word lines passed
    over): a head block cut at line `k` would leave a byline's first line ("By Jane Doe" over
    "Staff Writer"), with the headline gone, to head the text."""
    top = j = k
    while kinds[top] is not None and j > 0:
        j -= 1
        if kinds[j] is not None:
            top = j
        elif lines[j].words > 1:
            break
    return top


def _next_kind(lines: list[_Line], kinds: Sequence[str | None], k: int, step: int = 1) -> str | None:
    """The metadata kind of the next line after (step 1) or before (-1) line `k` that has more
    than one word or a kind: one-word lines (share buttons, bullets) are passed over."""
    j = _next_line(lines, kinds, k, step)
    return kinds[j] if 0 <= j < len(lines) else None


def _next_line(lines: list[_Line], kinds: Sequence[str | None], k: int, step: int = 1) -> int:
    """The index of the next line after (step 1) or before (-1) line `k` that has more than one
    word or a kind (-1 or len(lines) when there is none): one-word lines are passed over."""
    j = k + step
    while 0 <= j < len(lines) and lines[j].words <= 1 and kinds[j] is None:
        j += step
    return j


def _after_prose(lines: list[_Line], kinds: Sequence[str | None], k: int) -> bool:
    """Whether the article has begun above line `k`: a prose line in the _PROSE_ABOVE lines
    above it, or a paragraph of _PARAGRAPH_WORDS words (maybe cut short with "...") among the
    _META_NEAR lines right above it. A title-like line there is a subheading, not a headline."""
    j, seen = k - 1, 0
    while j >= max(0, k - _PROSE_ABOVE):
        if lines[j].prose or (seen < _META_NEAR and lines[j].words >= _PARAGRAPH_WORDS):
            return True
        if kinds[j] is not None or lines[j].words > 1:
            seen += 1
        j -= 1
    return False


def _top(lines: list[_Line]) -> int:
    """The first line of more than one word: the text's top. A title-like first line with no
    byline or date near may be a headline, a standfirst, a caption or a kicker, and a cleaned
    text starts with whatever the cleaner kept before the lede: left where it is, it keeps a
    second cleaning from taking that line for a headline. (A page's headline has at least a
    "skip to main content" above it.)"""
    return next((k for k, ln in enumerate(lines) if ln.words > 1), len(lines))


def _after_name(lines: list[_Line], kinds: Sequence[str | None], k: int) -> bool:
    """Whether line `k` is a job and employer ("Chief economist, Some Bank") right under a line
    that is only a person's name: an author's credit, not a headline."""
    return "," in lines[k].text and _under_name(lines, kinds, k)


def _credit(lines: list[_Line], kinds: Sequence[str | None], k: int) -> bool:
    """Whether line `k` is a job ("Sports Editor") right under a line that is only a person's
    name, or that name over it: an author's credit, never the headline, whatever date line
    stands near (the name is no byline unless a date line follows it, so the job is no byline's).

    >>> lines = _lines("Jane Doe\\nSports Editor\\n4:44 PM 12/27/2014\\nCouncil keeps the old bridge", 0)
    >>> [_credit(lines, _Kinds(lines), k) for k in range(4)]
    [True, True, False, False]
    """
    if job(lines[k].text):
        return _under_name(lines, kinds, k)
    j = _next_line(lines, kinds, k)
    return j < len(lines) and kinds[j] is None and job(lines[j].text) and _under_name(lines, kinds, j)


def _under_name(lines: list[_Line], kinds: Sequence[str | None], k: int) -> bool:
    """Whether the line above line `k` (one-word lines passed over) is only a person's name."""
    j = _next_line(lines, kinds, k, -1)
    return j >= 0 and kinds[j] is None and lines[j].words <= 4 and bool(bare_names(_unbullet(lines[j].text)))


def _date_listing(kinds: Sequence[str | None], k: int) -> bool:
    """Whether more date lines than a head has stand around line `k`, or two apart below it, or
    a date line right above and right below it: a schedule or a list of teasers with their
    dates, whose dates say nothing about line `k`."""
    n = len(kinds)
    dated = [j for j in range(max(0, k - 2 * _META_NEAR), min(n, k + 1 + 2 * _META_NEAR)) if kinds[j] == "date"]
    separate = sum(1 for j in dated if j > k and kinds[j - 1] != "date")  # "Updated" goes with its date
    return len(dated) > _MAX_DATE_LINES or separate >= 2 or (
        any(k - 2 <= j < k for j in dated) and any(k < j <= k + 2 for j in dated))


def _teaser_bylines(kinds: Sequence[str | None], k: int) -> bool:
    """Whether line `k` is followed by several bylines, as in a list of other articles' teasers
    (a byline's second line, its job, is the same byline)."""
    window = range(k + 1, min(len(kinds), k + 1 + 2 * _META_NEAR))
    return sum(1 for j in window if kinds[j] == "byline" and kinds[j - 1] != "byline") >= 2


def _printed_often(text: str, lines: list[_Line], line: str, printed: Counter[str]) -> bool:
    """Whether a line is printed more than twice, as a caption may be (a headline is printed at
    most twice: a <title> line, the heading). The lines are counted into `printed` once, and
    only when the text holds this line's words that often (most lines are in it once)."""
    if text.count(line) <= 2:
        return False
    if not printed:
        printed.update(ln.text for ln in lines)
    return printed[line] > 2


def _printed_twice(lines: list[_Line], k: int) -> bool:
    """A line printed twice in a row, with no blank line between, is an image's alt text and caption."""
    for j in (k - 1, k + 1):
        if 0 <= j < len(lines) and lines[j].text == lines[k].text and (
                lines[max(j, k)].start == lines[min(j, k)].end + 1):
            return True
    return False


def _listed(lines: list[_Line], k: int) -> bool:
    """Whether the line next to line `k` (above or below) opens as it does, its first two words
    alike but for their figures: entries of a listing ("Jan. 15-18: ...", "Jan. 23-25: ..."),
    of which none is the headline (taking one would leave the next for a second cleaning).

    >>> lines = _lines("Jan. 15-18: Hockey show\\nJan. 23-25: Chess week\\nKremlin welcomes call", 0)
    >>> [_listed(lines, k) for k in range(3)]
    [True, True, False]
    """
    shape = _opening(lines[k].text)
    return len(shape) == 3 and any(0 <= j < len(lines) and (other := _opening(lines[j].text))[:2] == shape[:2]
                                   and other[2:] != shape[2:] for j in (k - 1, k + 1))


@_per_line  # (asked of each line for itself and for both its neighbours)
def _opening(line: str) -> tuple[str, ...]:
    """The first three words of a line, each figure written as 0 (the third tells a listing's
    entries apart from a headline printed again, as a <title> line does)."""
    return tuple(_DIGITS_RE.sub("0", w) for w in line.split(maxsplit=3)[:3])


def _repeated_above(lines: list[_Line], k: int) -> bool:
    """Whether the line above `k` or the page's first line shows line `k` as a <title> or breadcrumb does."""
    text = lines[k].text
    if len(text) < 12:
        return False
    for j in {0, k - 1}:
        if 0 <= j < k:
            other = lines[j].text
            if other != text and (other.endswith(text) or other.startswith(text)):
                return True
    return False


def _dates_between_items(lines: list[_Line], kinds: Sequence[str | None], head_lines: list[int]) -> bool:
    """Whether two of these date lines (a head block with no headline) have a line of words that
    is no metadata between them, as in a list of teasers each with its date ("Published ...,
    By ..., Updated ..." is a head)."""
    dated = [k for k in head_lines if kinds[k] == "date"]
    return any(any(kinds[j] is None and lines[j].words > 1 for j in range(a + 1, b))
               for a, b in zip(dated, dated[1:], strict=False))


def _starts_with_date(line: str) -> bool:
    """Whether a line starts with a full date, maybe after a weekday, as a schedule's entries do
    ("Tuesday, October 15, 2013 at 9:00 AM (at ...)") even when too wordy for a date line."""
    hits = find_dates(line[:_DATE_LINE_CHARS])
    return bool(hits) and hits[0].start <= _WEEKDAY_CHARS and hits[0].value is not None


def _title_case(line: str) -> bool:
    """Whether the longer words of a line are nearly all capitalised, as English headlines are
    and standfirsts are not.

    >>> _title_case("Simon Pegg Gave His Blessing For A Touring Stage Show"), _title_case("The soap star will leave")
    (True, False)
    """
    long_words = [w for w in line.split() if sum(c.isalpha() for c in w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _capitalised(part: str) -> bool:
    return bool(part) and all(w[:1].isupper() for w in part.split())


def _labelled_dates(line: str, reference: datetime.date | None) -> list[tuple[DateHit, str, bool]]:
    """The dates of a date line, each with whether it is an update's: the label nearest before it
    says, else the line's first label ("Updated Nov. 20 | Published Nov. 19": the second is the
    publication's; "Posted Nov. 19, updated Nov. 20": the second is the update's).

    >>> [(h.value, update) for h, _, update in _labelled_dates("Updated Nov. 20, 2019 | Published Nov. 19, 2019", None)]
    [('2019-11-20', True), ('2019-11-19', False)]
    """
    out: list[tuple[DateHit, str, bool]] = []
    at = 0
    update = False
    for hit in find_dates(line, reference):
        label = line[at:hit.start]
        last = None
        for m in _UPDATED_RE.finditer(label):
            last = (m.start(), True)
        for m in _PUBLISHED_RE.finditer(label):
            if last is None or m.start() > last[0]:
                last = (m.start(), False)
        if last is not None:
            update = last[1]
        out.append((hit, line, update))
        at = hit.end
    return out


def _choose_authors(lines: list[_Line], bylines: list[tuple[int, list[str], bool]], title_at: int | None) -> list[str]:
    """The names of the head block's first byline that names someone, those under the headline first.

    A byline above the headline is the article's only when it says so ("By", "Name | Outlet"): a
    bare two-word line there is as often a kicker or a section label ("Sister Act" over its
    headline), and a byline right under a listed teaser ("* Other story" then "By Someone") is
    that teaser's.
    """
    below = [names for k, names, _ in bylines if title_at is None or k > title_at]
    above = [names for k, names, marked in bylines
             if title_at is not None and k < title_at and marked and not _under_teaser(lines, k)]
    return next((names for names in below + above if names), [])


def _under_teaser(lines: list[_Line], k: int) -> bool:
    """Whether the line above line `k` (one-word lines passed over) is a list item shaped like a
    headline of _BARE_TITLE_WORDS words or more (a menu's items are shorter): a teaser in a list of
    other stories, whose byline line `k` is."""
    j = k - 1
    while j >= 0 and lines[j].words <= 1:
        j -= 1
    if j < 0 or BULLET_RE.match(lines[j].text) is None:
        return False
    item = _unbullet(lines[j].text)
    return len(item.split()) >= _BARE_TITLE_WORDS and _title_shaped(item)


def _choose_date(doc: Document, dates: list[tuple[DateHit, str, bool]], reference: datetime.date | None) -> str | None:
    """The publication date among the head block's dates: the first absolute one not marked as
    an update (else the first update); a partial one takes a year from those or the reference."""
    absolute = [(h, upd) for h, _, upd in dates if h.value and h.kind in ("absolute", "relative")]
    for h, upd in absolute:
        if not upd:
            return h.value
    if absolute:
        return absolute[0][0].value
    for h, line, _ in dates:
        if h.kind == "partial":
            if reference is not None:
                value = h.with_year(reference.year)
                if value:
                    return value
            doc.flag(NAME, "partial_date", line, "a date without a year; no year found to complete it")
        elif h.kind == "ambiguous":
            doc.flag(NAME, "ambiguous_date", line, "day and month could be either way round; date left unset")
        elif h.kind == "relative":
            doc.flag(NAME, "relative_date", line, "a relative date and no reference date; date left unset")
    return None
