"""The `typos` fixes of spaces and periods: each function's name is the `kind` of its edits.

They repair what a typist or a bad conversion leaves between words: "major , statewide",
"friends.And", "the Crimea it seized. in 2014", a prose paragraph without its final period. Each
looks only at a bounded window around a candidate, and leaves alone what is right in some other
convention: "U.S.", "e.g.", "3.5", "Node.js", initials, ellipses, French spacing before ; : ! ?,
headings, list items and lines that end in a quote mark, a colon or a URL.

>>> apply_changes("Rain fell , then it stopped .", space_before_punctuation("Rain fell , then it stopped ."))
'Rain fell, then it stopped.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cleanwire.stages.typos_common import (
    WORD_RE,
    Doubt,
    chunk,
    code_line,
    english_near,
    in_url,
)
from cleanwire.text import CLOSERS, INNER_END_RE, Change, apply_changes, has_inner_sentence, paragraph_spans

__all__ = [
    "space_before_punctuation", "missing_space_after_punctuation", "stray_period", "missing_final_period",
    "apply_changes",
]

# Spaces before a mark; the lookbehind makes the match start only where the run of spaces starts,
# so a long run of spaces is scanned once, not once per space.
_SPACE_BEFORE_RE = re.compile(r"(?<![ \t])[ \t]+[,.;:!?]")
# A space right before a mark: the quick test for whether the text has any of the above.
_SPACED_MARK_RE = re.compile(r"[ \t][,.;:!?]")
# A sentence mark glued to the next word.
_GLUED_RE = re.compile(r"[.!?;:](?=[^\W\d_])")
# Two marks glued between letters in one token: a dotted name.
_GLUED_TWICE_RE = re.compile(r"[^\W\d_][.!?;:][^\W\d_][^\s.!?;:]{0,80}[.!?;:][^\W\d_]")
# A period and spaces before a word: the candidates for a stray period.
_PERIOD_WORD_RE = re.compile(r"\.[ \t]{1,3}(?=[^\W\d_])")
# A mark that French typography may space.
_FRENCH_MARK_RE = re.compile(r"[;:!?]")
# The end of a quotation and its attribution: ',” Kirby said', '," the minister added'.
_ATTRIBUTION_RE = re.compile(r"[,!?][\"”'’][ \t]{1,3}[^\W\d_]+[ \t][^\W\d_]+")
# A label that opens a fact-box line: "Credit: NASA", "Magnetic field: Mars has none".
_LABEL_RE = re.compile(r"[^\W\d_][\w'’-]{0,30}(?:[ \t][\w'’-]{1,30}){0,2}:[ \t]")
# A colon or a spaced dash: a label ("By comparison: 1.5 times that of Earth") or a credit ("– Dickens").
_SIGN_OFF_RE = re.compile(r":|\s[-–—]{1,2}\s")
# A number or an amount that may end a sentence: "58-50", "$10", "90%", "3,000".
_AMOUNT_RE = re.compile(r"[$€£¥]?[0-9](?:[0-9,.-]{0,20}[0-9])?%?")
# The end of a sentence.
_SENTENCE_END_RE = re.compile(r"[.!?]")
# A list item, a sign-off or a heading marker at the start of a line.
_LIST_RE = re.compile(r"[-*•·–—>#+]|\(?[0-9]{1,3}[.)]\s|\(?[a-zA-Z][.)]\s")

# Marks that French (and some other) typography puts after a space: fixed only where the document
# does not follow that convention.
_SPACED_IN_FRENCH = frozenset(";:!?")
# Top-level domains that follow a period with no space in a name ("Booking.Com").
_TLDS = frozenset("com net org edu gov info biz io co uk de fr tv me us ca au ai app".split())
# Abbreviations that a lowercase word may follow in mid-sentence ("approx. in", "Sept. in").
_ABBREVIATIONS = frozenset(
    "etc approx incl excl vs viz al esp resp cf fig figs vol vols nos est dept min max sec hrs yrs "
    "mos wks lbs ibid seq misc govt univ assn intl natl dist div corp bros inc ltd ave blvd "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "mrs gen sen rep gov capt cmdr prof rev hon pres supt sgt col maj adm ens mlle mme "
    "bzw usw evtl ggf inkl vgl sog mio mrd tel aprox pág núm".split()
)
# Lowercase particles that may open a sentence as part of a name ("de Blasio said").
_PARTICLES = frozenset("de van von der den da di du del della le la bin ibn al el dos das ter ten".split())


def space_before_punctuation(text: str) -> Iterator[Change]:
    """Remove spaces a typist left before a comma or a period ("major , statewide", "helmet . Rudolph").

    Not an ellipsis ("wait ... what"), a leading decimal (" .5") or a name (" .NET"), nor a line
    that spaces its marks three times or more (a list of tags: its style); the marks ; : ! ? only
    where the document does not space them the French way ("Quoi ?").

    >>> apply_changes("major , statewide", space_before_punctuation("major , statewide"))
    'major, statewide'
    >>> apply_changes("wait ... what .5 .NET", space_before_punctuation("wait ... what .5 .NET"))
    'wait ... what .5 .NET'
    """
    first = _SPACED_MARK_RE.search(text)
    if first is None:
        return  # most texts
    french: bool | None = None  # `_french_spacing(text)`, read when a mark it decides comes up
    line: list[Change] = []  # the changes of the current line
    run = first.start()  # the first match is the run of spaces that holds the first spaced mark
    while run > 0 and text[run - 1] in " \t":
        run -= 1
    scanned = run  # the text before this has been looked at for line breaks
    for m in _SPACE_BEFORE_RE.finditer(text, run):
        start, mark = m.start(), m.end() - 1
        if "\n" in text[scanned:start]:  # a new line: the last one's changes go out unless its style
            if len(line) < 3:
                yield from line
            line = []
        scanned = start
        if start == 0:
            continue
        before, sign = text[start - 1], text[mark]
        after = text[mark + 1] if mark + 1 < len(text) else " "
        if not (before.isalnum() or before in "\"'”’%"):
            continue  # not after a bracket either: "( NASDAQ: FB ) ," spaces both sides on purpose
        if not (after.isspace() or (sign in ".," and after in CLOSERS)):
            continue  # ".5", ".NET", ",000", ":)" and the like
        if sign == "." and text[mark + 1:mark + 3] == " .":
            continue  # a spaced ellipsis: "old . . . I"
        if sign in _SPACED_IN_FRENCH:
            if french is None:
                french = _french_spacing(text)
            if french:
                continue
        if _dotted_name_before(text, start) or code_line(text, start):
            continue  # "in index.php , let's": the space keeps the mark out of the name
        line.append(Change(start, mark + 1, sign))
    if len(line) < 3:  # three in a line are its style ("Tags: bridges , council , repairs"), not slips
        yield from line


def _dotted_name_before(text: str, end: int) -> bool:
    """True when the token ending at `end` is a file name, a domain or a code name ("index.php")."""
    lo = end
    while lo > 0 and not text[lo - 1].isspace() and end - lo < 80:
        lo -= 1
    token = text[lo:end]
    dot = token.rfind(".", 0, len(token) - 1)
    return dot >= 0 and token[dot + 1].isalpha() and not token[dot + 1].isupper()


def _french_spacing(text: str) -> bool:
    """True when the text spaces ; : ! ? at least as often as it glues them, or uses guillemets."""
    if "«" in text or "»" in text:
        return True
    spaced = glued = 0
    for m in _FRENCH_MARK_RE.finditer(text):
        i = m.start()
        if i and text[i - 1] in " \t\u00a0\u202f":
            spaced += 1
        elif i and text[i - 1].isalnum():
            glued += 1
    return spaced > 0 and spaced >= glued


def missing_space_after_punctuation(text: str) -> Iterator[Change]:
    """Put back the space lost after a sentence mark before a capitalised word ("friends.And").

    Only after a lowercase word of two letters or more, before a word with a lowercase second
    letter, and never inside a URL, an address, a file or code name ("Node.js", "example.com",
    "ASP.NET"), an abbreviation ("U.S.", "e.g.", "Ph.D."), initials or a number ("3.5", "10:30").

    >>> fix = lambda t: apply_changes(t, missing_space_after_punctuation(t))
    >>> fix("They met friends.And then said:The end.")
    'They met friends. And then said: The end.'
    >>> fix("The U.S.Army, e.g.this, 3.5, Node.js, J.R.R.Tolkien, Booking.Com, ASP.NET")
    'The U.S.Army, e.g.this, 3.5, Node.js, J.R.R.Tolkien, Booking.Com, ASP.NET'
    """
    n = len(text)
    for m in _GLUED_RE.finditer(text):
        i = m.start()
        if i < 2 or not text[i - 1].islower() or not text[i - 2].isalpha():
            continue
        if i + 2 >= n or not text[i + 1].isupper() or not text[i + 2].islower():
            continue
        left = i - 1
        while left > 0 and text[left - 1].isalpha() and i - left < 40:
            left -= 1
        if text[left].isupper() and i - left < 4:
            continue  # "My.Future": a short capitalised word glued to a name is a brand
        right = i + 1
        while right < n and text[right].isalpha() and right - i < 40:
            right += 1
        if text[i] == "." and text[i + 1:right].lower() in _TLDS:
            continue
        if in_url(text, i, i + 1) or _GLUED_TWICE_RE.search(chunk(text, i, i + 1)):
            continue  # "Math.Floor.Value", "www.Example.Com": a dotted name, not two sentences
        yield Change(i + 1, i + 1, " ")


def stray_period(text: str) -> Iterator[Change]:
    """Remove a period that stops a sentence before a lowercase word that goes on with it.

    "the Crimea it seized. in 2014": English prose never follows a period with a lowercase word,
    except after an abbreviation, so the period goes when the word before it is a plain word (three
    letters or more, no inner period, not a known abbreviation), the word after is lowercase and
    the sentence goes on to its end on the same line. Lines without capitals (chat, handles),
    name particles ("de Blasio") and menu items glued together ("the Globe. subscribe") are left.

    >>> fix = lambda t: apply_changes(t, stray_period(t))
    >>> fix("He said the Crimea it seized. in 2014 was not theirs.")
    'He said the Crimea it seized in 2014 was not theirs.'
    >>> fix("It rose approx. in line with the forecast, at 9 a.m. on Monday, e.g. in the U.S. the")
    'It rose approx. in line with the forecast, at 9 a.m. on Monday, e.g. in the U.S. the'
    """
    for m in _PERIOD_WORD_RE.finditer(text):
        i = m.start()
        word_at = m.end()
        if text[word_at].isupper():
            continue  # most sentence ends: the word after is not lowercase (see `w` below)
        left = i
        while left > 0 and text[left - 1].isalpha() and i - left < 40:
            left -= 1
        word = text[left:i]
        if len(word) < 3 or not word[1:].islower() or (word[0].isupper() and len(word) < 5):
            continue
        if left > 0 and (text[left - 1] in ".'’-" or text[left - 1].isalnum()):
            continue
        if word.lower() in _ABBREVIATIONS:
            continue
        w = WORD_RE.match(text, word_at)
        if not w or not w.group().islower() or w.group() in _PARTICLES or w.group() == word.lower():
            continue  # "the. the": without the period a doubled word, for a fix that has run
        after = text[w.end()] if w.end() < len(text) else " "
        if (after == "." and len(w.group()) <= 2) or after.isalnum():
            continue  # "e.g.", "i.e.", a code or a number
        if in_url(text, i, i + 1) or not english_near(text, i) or not _line_has_capital(text, i):
            continue
        if not _sentence_goes_on(text, word_at):
            continue  # "by the Globe. subscribe": menu items glued together, not a sentence
        yield Change(i, i + 1, "")


def _sentence_goes_on(text: str, pos: int) -> bool:
    """True when the sentence at `pos` ends (. ! ?) on the same line, within 600 characters."""
    hi = min(len(text), pos + 600)
    nl = text.find("\n", pos, hi)
    return _SENTENCE_END_RE.search(text, pos, nl if nl >= 0 else hi) is not None


def _line_has_capital(text: str, pos: int) -> bool:
    """True when the line around `pos` (at most 200 characters each side) has a capital letter."""
    lo = max(0, pos - 200)
    lo = max(lo, text.rfind("\n", lo, pos) + 1)
    hi = text.find("\n", pos, pos + 200)
    return any(c.isupper() for c in text[lo:hi if hi >= 0 else pos + 200])


def missing_final_period(text: str) -> Iterator[Change | Doubt]:
    """End with a period a prose paragraph that lost it; flag a line that may be one or may not.

    A paragraph is prose when it is mostly lowercase words and has the marks of prose: eight words
    or more with a comma, a sentence inside it or sixteen words, or a quotation and its attribution
    ("“We did talk,” Kirby said"), or ten words or more after a paragraph of prose and before
    another (or at the end of the text, ending in a lowercase word). A line that ends in a
    capitalised word or a number ("in Ukraine", "58-50") needs ten words, twelve away from prose,
    and no label or credit in its last sentence. Never prose: the first paragraph
    (it may be a headline), headings, list items, "Label: value" lines, sign-offs, tweets, lines
    ending in a quote mark, a colon, a bracket or a URL, code, and a document without a single
    paragraph that ends a sentence. A line next to another line without its period (verses,
    lyrics, a list), or one of more than two such lines in a document (captions, a live blog), is
    the document's style: it is flagged, not changed, and so is a line that may be a sentence and
    a paragraph the document prints twice (a caption, which a period would hide from boilerplate
    as a repeat the next time the text is cleaned).

    >>> t = "He spoke at length.\\n\\n“We did talk,” Kirby said\\n\\nThey then left the room together."
    >>> apply_changes(t, missing_final_period(t)).split("\\n\\n")[1]
    '“We did talk,” Kirby said.'
    """
    spans = list(paragraph_spans(text))
    # the quickest test first, here without a call per paragraph (most paragraphs fail it)
    verdicts = [_prose_without_period(text, start, end) if text[end - 1].isalnum() or text[end - 1] == "%" else ""
                for start, end in spans]
    if not any(verdicts):  # most texts: every paragraph ends as it should
        return
    # a paragraph of prose: four words or more, the last sentence ended
    prose = [text.count(" ", s, e) >= 3 and (text[e - 1] in ".!?…" or
                                            (text[e - 1] in CLOSERS and text[max(s, e - 2)] in ".!?…"))
             for s, e in spans]
    if not any(prose):
        return
    # a paragraph printed twice is a caption or furniture, not a sentence that lost its period
    printed = Counter(text[s:e] for s, e in spans)
    sure: list[tuple[int, int]] = []
    for k, (start, end) in enumerate(spans):
        verdict = verdicts[k]
        if not verdict:
            continue
        repeated = printed[text[start:end]] > 1
        # a line among lines like it (verses, lyrics, a list) is the document's style
        in_run = (k > 0 and verdicts[k - 1]) or (k + 1 < len(spans) and verdicts[k + 1])
        # ten words or more after prose, and before prose or at the end in a lowercase word (a
        # credit or a caption at the end names someone: "images by Tanveer Badal")
        last = k == len(spans) - 1
        if verdict == "maybe" and k > 0 and prose[k - 1] and text.count(" ", start, end) >= 9 and \
                (prose[k + 1] if not last else text[text.rfind(" ", start, end) + 1].islower()):
            verdict = "sure"
        if verdict == "sure" and k > 0 and not in_run and not repeated:
            sure.append((start, end))
        elif verdict:
            yield Doubt(text[start:end], "paragraph without a final period: a heading, or a sentence that lost it?")
    if len(sure) > 2:  # many: the document's style (a live blog, captions), not a slip
        for start, end in sure:
            yield Doubt(text[start:end], "one of several paragraphs without a final period: left as they are")
        return
    for _, end in sure:
        yield Change(end, end, ".")


def _prose_without_period(text: str, start: int, end: int) -> str:
    """"sure" for a prose sentence that lost its final period, "maybe" for a doubt, "" otherwise.

    The line must end in a word or a number; one that ends in a capitalised word or a number
    ("in Ukraine", "in 2014", "58-50") is a doubt only from ten words to eleven (the caller makes
    it sure between two paragraphs of prose), sure from twelve, and left alone below ten. The
    caller asks only about a line whose last character is a letter, a digit or "%" (the quickest
    test: most paragraphs end in a period, a mark or a bracket; see the tests of `last` below).
    """
    line = text[start:end]
    words = line.split()
    if len(words) < 5:  # then: menus and headings are many short lines
        return ""
    last = words[-1]
    core = last.replace("-", "").replace("'", "").replace("’", "")  # "empty-handed", "mother’s"
    plain = core.isalpha() and core.islower() and last[-1].isalpha()
    if not (plain or (core.isalnum() and last[-1].isalnum()) or _AMOUNT_RE.fullmatch(last)):
        return ""
    if _LIST_RE.match(line) or "@" in line or "#" in line or _LABEL_RE.match(line):
        return ""
    lower = sum(1 for w in words if w[0].islower())
    if lower * 2 < len(words):
        return ""
    if in_url(text, end - 1, end) or _open_bracket(line) or code_line(text, start):  # the dearer tests last
        return ""
    attributed = _ATTRIBUTION_RE.search(line) is not None
    marks = "," in line or attributed or has_inner_sentence(line) or len(words) >= 16
    last_sentence = INNER_END_RE.split(line)[-1]
    tail = len(last_sentence.split())
    if not plain:  # "in Ukraine", "in 2014": also how headlines, captions and credits end
        if len(words) < 10 or lower < 0.6 * len(words) or tail < 6 or _SIGN_OFF_RE.search(last_sentence):
            return ""
        if len(words) < 12:
            return "maybe"
    if (len(words) >= 8 or attributed) and marks and tail >= 3 and not line[0].isdigit():
        return "sure"
    return "maybe" if len(words) >= 6 and plain else ""


def _open_bracket(line: str) -> bool:
    """True when the line's last sentence opens a bracket it does not close ("[ See full infographic")."""
    cut = max(line.rfind(". "), line.rfind("? "), line.rfind("! "))
    tail = line[cut + 1:]
    return tail.count("(") > tail.count(")") or tail.count("[") > tail.count("]")
