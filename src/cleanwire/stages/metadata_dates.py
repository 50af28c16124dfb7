"""Dates as news pages write them, for the `metadata` stage: found in a line, read as "YYYY-MM-DD".

Finding is done by a few linear regexes (ISO stamps, day-month-year and month-day-year with
month names, all-numeric dates, "3 hours ago"); reading is left to python-dateutil, which knows
English month names, validates days and reads ISO stamps. dateutil cannot read other languages'
month names, so `_MONTHS` adds a small table of them (French, German, Spanish, Italian,
Portuguese, Dutch), handed to dateutil through its `parserinfo` hook rather than parsed by hand.

What is not certain is not guessed: "11/12/2019" may be November 12 or December 11, so it comes
back as kind "ambiguous" with no value; a date without a year is "partial" (its month and day
are kept, so that a year found elsewhere can complete it); "3 hours ago" is "relative" and gets a
value only from a reference date.

>>> [(h.kind, h.value) for h in find_dates("Published Nov. 19, 2019, updated 11/20/2019")]
[('absolute', '2019-11-19'), ('absolute', '2019-11-20')]
>>> [(h.kind, h.value) for h in find_dates("le 3 mars 2023 et le 11/12/2019")]
[('absolute', '2023-03-03'), ('ambiguous', None)]
>>> find_dates("3 hours ago", reference=datetime.date(2023, 4, 27))[0].value
'2023-04-27'
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from dateutil import parser as _dateparser

# English names and abbreviations first (dateutil's own), then the other languages' names that
# news sites print; accents as written and without them, since scrapers lose them.
_MONTHS: tuple[tuple[str, ...], ...] = (
    ("jan", "january", "janvier", "januar", "jänner", "enero", "gennaio", "janeiro", "januari"),
    ("feb", "february", "février", "fevrier", "februar", "febrero", "febbraio", "fevereiro", "februari"),
    ("mar", "march", "mars", "märz", "marz", "maerz", "marzo", "março", "marco", "maart"),
    ("apr", "april", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio", "maio", "mei"),
    ("jun", "june", "juin", "juni", "junio", "giugno", "junho"),
    ("jul", "july", "juillet", "juli", "julio", "luglio", "julho"),
    ("aug", "august", "août", "aout", "agosto", "augustus"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro"),
    ("oct", "october", "octobre", "oktober", "octubre", "ottobre", "outubro"),
    ("nov", "november", "novembre", "noviembre", "novembro"),
    ("dec", "december", "décembre", "decembre", "dezember", "diciembre", "dicembre", "dezembro"),
)

# every month name and abbreviation above, for telling a date's month from a word of a name
MONTH_NAMES = frozenset(n for names in _MONTHS for n in names)


class _ParserInfo(_dateparser.parserinfo):
    """dateutil's parser info with the month names of `_MONTHS`."""

    MONTHS = [tuple(names) for names in _MONTHS]


_INFO = _ParserInfo()
_MONTH_ALT = "|".join(sorted({re.escape(n) for names in _MONTHS for n in names}, key=len, reverse=True))

_MONTH_RE = re.compile(_MONTH_ALT, re.IGNORECASE)
_MONTH_LETTERS = f"{min(map(len, MONTH_NAMES))},{max(map(len, MONTH_NAMES))}"
# "Nov. 19, 2019", "December 17th, 2014", "Dec 29 2014", "June 10" (year optional). The month is
# any word of a month name's length here, and `_read_named` keeps month names only: trying
# every name at every word of a line is what made this pattern slow
_MDY_RE = re.compile(
    rf"\b(?P<month>[^\W\d_]{{{_MONTH_LETTERS}}})\.?\s{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s{1,3}(?P<year>\d{4})\b)?",
    re.IGNORECASE)
# "19 November 2019", "31 Dec 2014", "3. März 2023", "3 de marzo de 2023" (year optional)
_DMY_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s{{1,3}}(?:de\s{{1,3}})?(?P<month>{_MONTH_ALT})\b\.?"
    rf"(?:,?\s{{1,3}}(?:de\s{{1,3}})?(?P<year>\d{{4}})\b)?",
    re.IGNORECASE)
# "2019-11-19", "2019-11-19T13:03:00Z", "2014/12/30"
_ISO_RE = re.compile(r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)")
# "11/19/2019", "19.11.2019", "12.22.14" (not part of a longer run of numbers)
_NUMERIC_RE = re.compile(
    r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d/]|[.,]\d)")
# "3 hours ago", "a day ago", "yesterday"
_AGO_RE = re.compile(
    r"\b(?P<n>\d{1,3}|an?|one)\s{1,3}(?P<unit>sec|second|min|minute|hr|hour|day|week|month|year)s?\s{1,3}ago\b"
    r"|\b(?P<yesterday>yesterday)\b",
    re.IGNORECASE)

_DIGIT_RE = re.compile(r"\d")

_UNIT_DAYS = {"sec": 0, "second": 0, "min": 0, "minute": 0, "hr": 0, "hour": 0, "day": 1, "week": 7,
              "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date found at `line[start:end]`.

    kind: "absolute" (value set), "partial" (no year: month and day set), "ambiguous" (day and
    month could be swapped), "relative" (value set only when a reference date was given).
    """

    start: int
    end: int
    kind: str
    value: str | None = None
    month: int | None = None
    day: int | None = None

    def with_year(self, year: int) -> str | None:
        """The ISO date of a partial hit in `year` (None when the day does not exist then).

        >>> find_dates("June 10")[0].with_year(2014)
        '2014-06-10'
        """
        if self.month is None or self.day is None:
            return None
        try:
            return datetime.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def parse_reference(value: object) -> datetime.date | None:
    """A reference date from a config or record value ("YYYY-MM-DD..."), else None.

    >>> parse_reference("2023-04-27T10:00:00Z"), parse_reference("soon")
    (datetime.date(2023, 4, 27), None)
    """
    if not isinstance(value, str):
        return None
    try:
        return _dateparser.isoparse(value.strip()).date()
    except (ValueError, OverflowError):
        return None


def relative_words(line: str) -> bool:
    """Whether a line has the words of a date without figures ("a day ago", "yesterday"): without
    them and without a digit, a line holds no date (a caller may skip its date tests then).

    >>> relative_words("Posted a day ago"), relative_words("Home")
    (True, False)
    """
    folded = line.casefold()
    return "ago" in folded or "yesterday" in folded


def find_dates(line: str, reference: datetime.date | None = None) -> list[DateHit]:
    """Every date in `line`, in order, none overlapping (the first and longest wins)."""
    # every pattern but "a day ago" and "yesterday" needs a digit, and most lines of a page have
    # none: there only the relative pattern is tried (its matches cannot overlap), and only when
    # its words are there (casefold, as the pattern's IGNORECASE, reads "ſ" as "s")
    if _DIGIT_RE.search(line) is None:
        if not relative_words(line):
            return []
        return [h for h in (_read_relative(m, reference) for m in _AGO_RE.finditer(line)) if h is not None]
    hits: list[DateHit] = []
    for rx, read in ((_ISO_RE, _read_iso), (_MDY_RE, _read_named), (_DMY_RE, _read_named),
                     (_NUMERIC_RE, _read_numeric), (_AGO_RE, _read_relative)):
        for m in rx.finditer(line):
            hit = read(m, reference)
            if hit is not None:
                hits.append(hit)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for h in hits:
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2199:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _read_iso(m: re.Match[str], reference: datetime.date | None) -> DateHit | None:
    value = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
    return DateHit(m.start(), m.end(), "absolute", value) if value else None


def _read_named(m: re.Match[str], reference: datetime.date | None) -> DateHit | None:
    if not _MONTH_RE.fullmatch(m["month"]):
        return None  # a word before a number, no month
    year = m["year"]
    parsed = _parse_named(m["day"], m["month"].lower(), year or "2000")
    if parsed is None:
        return None
    if year is None:  # 2000 is a leap year, so "29 February" survives until a year is known
        return DateHit(m.start(), m.end(), "partial", None, parsed.month, parsed.day)
    value = _iso(parsed.year, parsed.month, parsed.day)
    return DateHit(m.start(), m.end(), "absolute", value, parsed.month, parsed.day) if value else None


@functools.lru_cache(maxsize=4096)
def _parse_named(day: str, month: str, year: str) -> datetime.datetime | None:
    """dateutil's reading of a day, a month name and a year (cached: a page repeats its dates)."""
    try:
        return _dateparser.parse(f"{day} {month} {year}", parserinfo=_INFO, dayfirst=True)
    except (ValueError, OverflowError):
        return None


def _read_numeric(m: re.Match[str], reference: datetime.date | None) -> DateHit | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if len(m["year"]) == 2:
        year += 2000 if year < 70 else 1900
    if a > 12 and b <= 12:
        month, day = b, a
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b and a <= 12:
        month = day = a
    elif a <= 12 and b <= 12:
        return DateHit(m.start(), m.end(), "ambiguous")
    else:
        return None
    value = _iso(year, month, day)
    return DateHit(m.start(), m.end(), "absolute", value, month, day) if value else None


def _read_relative(m: re.Match[str], reference: datetime.date | None) -> DateHit | None:
    if reference is None:
        return DateHit(m.start(), m.end(), "relative")
    if m["yesterday"]:
        days = 1
    else:
        n = m["n"].lower()
        count = int(n) if n.isdigit() else 1
        days = count * _UNIT_DAYS[m["unit"].lower()]
    return DateHit(m.start(), m.end(), "relative", (reference - datetime.timedelta(days=days)).isoformat())
