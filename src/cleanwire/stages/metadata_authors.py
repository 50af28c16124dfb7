"""Who wrote it, for the `metadata` stage: the people a byline names, and what is no person.

A byline line names people between a "By" (or a "|" after the name) and what follows them: an
outlet, a job, a date, a handle, a photo credit. `byline_names` keeps the people; `is_person`
tells a name ("Jane Doe", "Lena deCasparis", "Jan van der Berg") from an organisation or a job
("Staff Writer", "CNN Business") by a small vocabulary of generic job and outlet words, never
by names of sites. The stage decides which line is a byline; this module only reads it.

>>> byline_names("By Jane Doe, Staff Writer, and John Roe PhD | Updated 5 p.m.")
['Jane Doe', 'John Roe']
"""

from __future__ import annotations

import re

from cleanwire.stages.metadata_dates import MONTH_NAMES

# "By", "Text by", "Von", "Par", "Por", ... then a capitalised word
_BY_RE = re.compile(r"(?:(?:text|words|story|written|reporting)\s{1,3})?(?:by|von|par|por|door|av|af)\s{0,3}:?\s{1,3}"
                    r"(?=[^\W\d_])", re.IGNORECASE)
# where the names of a byline end: a separator, an e-mail or handle, "on <date>", a digit
# ("with reporting by ...", "for The Guardian", "Photos by ...", "; Photos: ...")
_NAMES_END_RE = re.compile(r"\s[|\u2022\u00b7/]|\s[-\u2013\u2014]\s|@|;|\d"
                           r"|\s(?:on|am|le|el|il|with|mit|avec|con|by|for|For)\s")
_CONJUNCTION_RE = re.compile(r"\s(?:and|&|und|et|y|e)\s", re.IGNORECASE)
_NAME_SPLIT_RE = re.compile(r"\s{0,3},\s{0,3}(?:and\s|&\s|und\s|et\s|y\s|e\s)?\s{0,3}|\s(?:and|&|und|et|y|e)\s",
                            re.IGNORECASE)
_NAME_WORDS = 5  # a person's name has at most this many words
# "Jane Doe | Reuters": a name, then an outlet or a job
_PIECE_SEP_RE = re.compile(r"\s[|\u2022]\s")
_PARTICLES = frozenset("de da di du del della der den van von ter ten la le bin al el dos das st".split())
# Words that make a byline piece an organisation or a job, not a person (generic vocabulary).
_NOT_PERSON = frozenset("""staff writer writers editor editors correspondent reporter reporters contributor
    contributing columnist producer photographer photography expert news press agency media group magazine
    times post daily network desk team service wire online editorial redaktion rédaction redacción redazione
    the chief senior deputy associate assistant managing executive bureau analyst critic blogger founder
    anchor illustrator illustration""".split())
# what a byline may glue after a name (dots dropped): the month of a date ("Paul Ausick December 29,
# 2014"), a degree ("Jane Doe MD"), a date's label ("Jane Doe Updated 3:15 PM"), a credit's noun
# ("Jane Doe Photographs by ...")
_AFTER_NAME = MONTH_NAMES | frozenset("""md phd dds dmd dvm rn mph mba msc esq cpa updated published posted
    photos photographs pictures images illustrations video graphics""".split())


def byline_names(text: str) -> list[str] | None:
    """The people a byline (bullet already off) names, without "By", outlet, job title, date or
    handle; None if it is not one (a byline may name no person: "By Staff Reports").

    >>> byline_names("By Jane Doe and John Roe, CNN"), byline_names("By now the story had spread to every town.")
    (['Jane Doe', 'John Roe'], None)
    """
    m = _BY_RE.match(text)
    if m is not None:
        words = text.split()
        first = _PIECE_SEP_RE.split(text, maxsplit=1)[0].rstrip()  # "... | Posted 5:17 p.m." ends no sentence
        if not text[m.end()].isupper() or len(words) > 25 or (first[-1] in ".!?" and len(first.split()) >= 6):
            return None
        if any("/" in w and w.split("/", 1)[1][:1].isalpha() for w in text[m.end():].split()[:_NAME_WORDS]):
            return None  # "By Kevin Mazur/WireImage": a photo credit, name and agency
        return _names(text[m.end():])
    if " By " in text:  # "Jane Doe | email By Jane Doe | email": the name twice
        before, after = text.split(" By ", 1)
        m = _NAMES_END_RE.search(after)
        named = (after[: m.start()] if m else after).strip(" ,")
        return _names(after) if named and before.startswith(named) else None
    if "|" not in text and "\u2022" not in text:
        return None
    parts = [p.strip() for p in _PIECE_SEP_RE.split(text)]
    if len(parts) >= 2 and len(text.split()) <= 15 and is_person(parts[0]):
        return [parts[0]]
    return None


def bare_names(text: str) -> list[str]:
    """The person named by a line (bullet already off) holding a name and maybe an outlet after a comma.

    >>> bare_names("Andrew Ramsey, Melbourne Cricket Ground"), bare_names("Most read stories")
    (['Andrew Ramsey'], [])
    """
    first = text.split(",")[0].strip()
    if not first or len(text.split()) > 8 or any(c.isdigit() for c in text):
        return []
    return [first] if is_person(first) else []


def job(line: str) -> bool:
    """Whether a short line names a job or an outlet, as the line under a byline does.

    >>> job("Staff Writer"), job("LifeBuzz Staff"), job("The council met")
    (True, True, False)
    """
    words = line.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and any(
        w.lower() in _NOT_PERSON and w.lower() != "the" for w in words)


def _names(text: str) -> list[str]:
    """The people in what follows a byline's "By": up to where the names end, split at commas and
    conjunctions, each without what a byline glues after a name (a date's month, a degree)."""
    m = _NAMES_END_RE.search(text)
    if m is not None:
        text = text[: m.start()]
    if text.count(",") == 1 and not _CONJUNCTION_RE.search(text):
        text = text.split(",")[0]  # "Jane Doe, CNN Business": a name and its outlet or job, not two names
    names: list[str] = []
    for piece in _NAME_SPLIT_RE.split(text):
        piece = piece.strip(" .:;-\u2013\u2014")
        if piece.lower().startswith(("and ", "& ")):
            piece = piece.split(" ", 1)[1]
        words = piece.split()
        while len(words) > 2 and words[-1].lower().replace(".", "") in _AFTER_NAME:
            words.pop()
        piece = " ".join(words)
        if is_person(piece) and piece not in names:
            names.append(piece)
    return names


def is_person(piece: str) -> bool:
    """Two to five words, capitalised (particles aside), none naming an organisation or a job."""
    words = piece.split()
    if not 2 <= len(words) <= _NAME_WORDS or piece[-1] in "?!":
        return False
    for w in words:
        if w.lower() in _NOT_PERSON:
            return False
        capitalised = w[:1].isupper() or (w[:1].islower() and any(c.isupper() for c in w[1:]))  # "deCasparis"
        if not (capitalised or w.lower() in _PARTICLES) or any(c.isdigit() for c in w):
            return False
    return not (piece.isupper() and len(words) > 3)
