"""The `split` stage: a later story glued under the first becomes its own record.

Scraped pages often carry a second story under the first (a "next article" grown into a whole
story, a live page, a digest). A story break is a headline-like line (a few words, no final
period, capitalised; or a short question alone on its line) in a run of short lines between
body text, where the text below is about something else; credit, contact and labelled link
lines are never headlines. For each such run the stage weighs (`break_score`):

- the vocabulary drop: the current story so far against all the text below the run, and equal
  windows of body text just above and just below it (so a long first story does not mask it);
- the headline itself: a headline's words come back in the text below it and are mostly new
  to the story above, a subheading's words are the article's own (the short words a Title Case
  line capitalises are looked up among the short words of the text, where they are lower case);
- how much evidence there is: headline words, text on both sides.

A break it is sure of splits the document: the later story moves to a new record `<id>/<k>`
(`parent_id` set, the move recorded by `Document.split_off` as kind `story`), and its headline
line is removed from its text (kind `title`) and becomes its `title`. When two breaks come
closer than a short story, the text between them goes with the side it resembles, so a credit
line or a related link at the end of the first story does not take the split. A place that
looks like a break but is not clear enough (too little text, a one-word heading, a score just
under the bar) stays one record with a `possible_story_break` flag: a single article must
stay whole. A text with so many breaks, or places that look like one, that it holds a list
article (a top ten, reviews) is scanned again without the headings of its short items (four
or more in a row, each over a paragraph or two), so a story glued under the list still splits
off; if it still shows that many, its items are long and it stays one record, flagged.

No word list is used: content words are words of six letters or more and capitalised words
inside a sentence (names), compared by their first six letters (a crude stem that works across
alphabetic languages); a text without them (no spaces, no case) is never split. The scan is a
loop over lines with bounded windows and counts kept up to date incrementally, so the stage
runs in linear time.

>>> from cleanwire.document import Document
>>> first = ("Regional councillors approved a new budget for the harbour district on Monday, "
...          "raising spending on dredging and quay repairs after months of debate.\\n\\n"
...          "The harbour master said repairs would begin in spring.\\n\\n")
>>> second = ("Chess champion retains title after marathon tiebreak\\n\\n"
...           "Grandmaster Olga Petrova retained her chess title on Sunday after a marathon "
...           "tiebreak against challenger Ivan Sokolov in Tallinn.\\n\\n"
...           "Petrova, who has held the chess crown since 2019, said the tiebreak was the "
...           "hardest match of her career.")
>>> docs = list(split(Document("d", first + second), None))
>>> [(d.id, d.parent_id, d.title) for d in docs]
[('d', None, None), ('d/2', 'd', 'Chess champion retains title after marathon tiebreak')]
>>> docs[1].text.strip()[:30]
'Grandmaster Olga Petrova retai'
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from cleanwire.config import Config
from cleanwire.document import Document
from cleanwire.stage import stage
from cleanwire.text import CLOSERS, ends_in_lowercase_word, lost_final_period, paragraph_spans

NAME = "split"

# words (\w+); its split is gap, word, gap, word, ..., gap
_WORDS_AND_GAPS_RE = re.compile(r"(\w+)")
# what ends a sentence, possibly followed by closing quotes or brackets
_SENTENCE_END = frozenset(".!?。！？")
_OPENERS = frozenset("\"'“‘«¿¡")  # not "(": a line in brackets is an aside (a credit), not a headline
_ELLIPSIS = ("...", "…")
_SEPARATOR_RE = re.compile(r" [|/›»>] ")  # "Home / News / ...", "Name | Writer | 5 days ago"
_SENTENCE_BREAK_RE = re.compile(r"[.!?:。！？]")  # between two words: the second starts a sentence
# a closing bracket group of a few capitalised words: "... (The Daily Paper)", "... [Agency]"
_ATTRIBUTION_RE = re.compile(r"[(\[]([^()\[\]!?]{2,60})[)\]]$")
# a precise figure: a percentage or a decimal number ("15%", "87.3"), seldom quoted by two stories alike
_FIGURE_RE = re.compile(r"\d[\d.]*%|\d+\.\d+")
# a numbered list item's heading: "7. Be Easy to Contact", "3) Rent a bike"
_NUMBERED_RE = re.compile(r"\d{1,3}[.)] ")
# an e-mail or web address or a social handle: a contact line or a link, never a headline
_ADDRESS_RE = re.compile(r"@\w|https?://|www\.")
# a one-word label and a few words: a credit or a source line, "Photos: Getty Images", "Source: Reuters"
_CREDIT_RE = re.compile(r"[^\W\d_]+ ?: ?[^ ]+(?: [^ ]+){0,2}$")
# a label in capitals before a colon: "ALSO READ: ...", "MORE NEWS: ..."
_LABEL_RE = re.compile(r"[^\W\d_a-z]{2,20}(?: [^\W\d_a-z]{2,20}){1,3} ?:")

STEM = 6  # content words are compared by their first STEM letters
WINDOW = 200  # content words on each side of a candidate break
MIN_BODY_WORDS = 8  # a body paragraph: at least this many words, ending a sentence
LONG_LINE_WORDS = 30  # or this many, however it ends (scraped text loses final periods)
TAIL_WORDS = 10  # a line this long after body text, ending the text, that typos ends with "."
QUESTION_WORDS = 14  # a question shorter than this, alone on its line, may be a headline
MIN_STORY_WORDS = 30  # words a story needs above a break (body, and lines no headline); closer breaks compete
MIN_STEMS = 5  # content words each side needs before its vocabulary can be compared
MIN_HEADLINE_STEMS = 2  # a headline names its story; "Glam Topknot" is a subheading
ECHO_WORDS = 4  # a headline this long may name its story with short words its lede repeats
ECHO_LETTERS = 4  # of this many letters or more
SHARED_FIGURES = 2  # precise figures the text above a break and the opening below share: one article
FRAGMENTS = 3  # lines opening in lower case above a line in its run: an unmarked list it belongs to
LABEL_CHARS = 40  # a label before a colon that opens a line is this short
LABEL_SPAN = 10  # lines above a line within which its label may recur
MIN_AFTER_WORDS = 15  # body words the story below a break needs
HEADLINE_WORDS = (2, 25)
STACK_STEMS = 3  # content words a line above the headline needs to join its stack on its own
TWICE_SPAN = 4  # lines below a headline within which a page may print it again
CAPS_LABEL_WORDS = 3  # words in capitals that open a credit line: more than an acronym or two
CUT_WORDS = 6  # a headline cut off by a length limit is long; a short line that trails off is a lead-in
LIST_BREAKS = 4  # a page seldom glues five stories: that many "stories" are the items of a list article
LIST_PLACES = 8  # nor shows this many places that look like breaks, sure or doubtful: a list's items do
TITLE_SPAN = 4  # lines from a list's title down to its first item's heading (section, title, author, publisher)
LIST_RUN = 4  # headings in a row, each over a short text, that make a list
ITEM_PARAS = 2  # body paragraphs under a list item's heading, at most
LENGTH_DISCOUNT = 1.0  # of a headline's length in its score, what does not help choose among the lines of a run
NEARER = 0.5  # per line nearer the story below: lines above a headline in its run are the story above's tail
SPLIT_AT = 0.0  # break score from which the stage splits
FLAG_AT = -1.0  # break score from which it flags instead
_SETTLE_ROUNDS = 8  # rounds of taking or dropping breaks until no story would split again


@dataclass(slots=True)
class _Para:
    """A non-blank line: its span in the text, its words and its content-word stems."""

    start: int
    end: int
    text: str
    words: int
    stems: list[str]
    body: bool
    headline: bool
    short: frozenset[str]  # its short words, lower-cased: a Title Case headline's words


@dataclass(slots=True)
class Break:
    """A candidate story break: the headline paragraph and the evidence for it."""

    index: int  # the headline's paragraph index
    score: float
    features: dict[str, float] = field(default_factory=dict)
    before: Counter[str] = field(default_factory=Counter, repr=False)  # content stems just above
    after: Counter[str] = field(default_factory=Counter, repr=False)  # and just below


def content_stems(line: str) -> list[str]:
    """Stems of the content words of `line`: long words and names, no word list needed.

    A word counts when it has STEM letters or more, or when it is capitalised inside a
    sentence (a name); digits never count. The stem is its first STEM letters, lower-cased.

    >>> content_stems("The Kremlin welcomed anything that could help, said Peskov.")
    ['kremli', 'welcom', 'anythi', 'peskov']
    """
    return _stems(_WORDS_AND_GAPS_RE.split(line))[0]


def _stems(parts: list[str]) -> tuple[list[str], frozenset[str]]:
    """`content_stems` of a line split into gap, word, gap, word, ..., gap, and its short words
    (three to STEM - 1 letters, lower-cased: a Title Case headline's words), in one loop."""
    out: list[str] = []
    short: list[str] = []
    search = _SENTENCE_BREAK_RE.search
    inside = False  # the first word starts a sentence
    for gap, w in zip(parts[0::2], parts[1::2], strict=False):  # one more gap than words
        n = len(w)
        if n >= STEM:
            if not w.isdigit():
                out.append(w[:STEM].lower())
        elif n >= 3:
            if w.isalpha():
                short.append(w.lower())
            if inside and w[0].isupper() and not search(gap):
                out.append(w.lower())
        inside = True
    return out, frozenset(short)


def ends_sentence(line: str) -> bool:
    """True when `line` ends like a sentence: final punctuation, maybe inside quotes.

    >>> ends_sentence('He said: "That is all."'), ends_sentence("Kremlin welcomes call"), ends_sentence("Read on...")
    (True, False, False)
    """
    if line.endswith(_ELLIPSIS):  # trails off: a cut-off teaser, not a finished sentence
        return False
    k = len(line) - 1
    while k >= 0 and line[k] in CLOSERS:
        k -= 1
    return k >= 0 and line[k] in _SENTENCE_END


def is_headline_like(line: str, words: list[str]) -> bool:
    """A line that could head a story: a few words, no final period or colon, capitalised.

    A final period is accepted only in Title Case, and an ellipsis on a long line (a teaser
    headline cut off by a length limit; a short line that trails off, "Take It To The
    Basement...", is a section's or a list item's lead-in); all-capital lines are section
    labels, and lines cut by separators are breadcrumbs or bylines, not headlines. A line
    that names its source (`attributed`) or starts with a label in capitals ("ALSO READ:
    ...") links to another story from inside this one: a digest item, a teaser, a credited
    caption; a one-word label and a few words
    ("Photos: Getty Images") is a credit; a line with an e-mail or web address or a social
    handle is a contact note or a link; a numbered line ("7. Be Easy to Contact") heads a list
    item and a line opening with words in capitals (`capitals_label`) is a credit; a line in
    which a sentence ends and another starts (`inner_sentence`) is text.

    >>> is_headline_like("Allies send almost all combat vehicles to Ukraine - Stoltenberg",
    ...                  "Allies send almost all combat vehicles to Ukraine Stoltenberg".split())
    True
    >>> is_headline_like("He left.", ["He", "left"]), is_headline_like("NO FOUL PLAY", ["NO", "FOUL", "PLAY"])
    (False, False)
    >>> is_headline_like("ALSO READ: Where people live longest", "ALSO READ Where people live longest".split())
    False
    """
    lo, hi = HEADLINE_WORDS
    if not lo <= len(words) <= hi or line.isupper() or len(_SEPARATOR_RE.findall(line)) >= 2:
        return False
    if attributed(line) or _LABEL_RE.match(line) or _CREDIT_RE.match(line) or _ADDRESS_RE.search(line):
        return False
    if _NUMBERED_RE.match(line) or capitals_label(words):
        return False
    if inner_sentence(line):
        return False
    head = line[0]
    if not (head.isupper() or head.isdigit() or head in _OPENERS or (head.isalpha() and not head.islower())):
        return False
    if line.endswith(_ELLIPSIS):
        return len(words) >= CUT_WORDS
    if line[-1] == ".":
        return title_case(words)
    return line[-1] not in ".:;,"


def capitals_label(words: list[str]) -> bool:
    """The line opens with CAPS_LABEL_WORDS words or more in capitals and goes on in lower case:
    a credit ("BASED ON REPORTING BY Kendall Taggart") or a kicker, no headline (an acronym or
    two, "NASA", "US FDA", may open one).

    >>> capitals_label("BASED ON REPORTING BY Kendall Taggart".split())
    True
    >>> capitals_label("US FDA approves new drug".split())
    False
    """
    k = 0
    while k < len(words) and len(words[k]) >= 2 and words[k].isupper():
        k += 1
    return CAPS_LABEL_WORDS <= k < len(words)


def inner_sentence(line: str) -> bool:
    """A sentence ends inside the line: a lower-case word of three letters or more, a period,
    a space, a capital. An abbreviation ("U.S. Recovers", "Dec. 22") is no end.

    >>> inner_sentence("I am not ready yet. Wait for me"), inner_sentence("Job woes linger as U.S. Recovers")
    (True, False)
    """
    at = line.find(". ")
    while at != -1:
        word = line[max(0, at - 3):at]
        if len(word) == 3 and word.isalpha() and word.islower() and line[at + 2:at + 3].isupper():
            return True
        at = line.find(". ", at + 2)
    return False


def attributed(line: str) -> bool:
    """The line ends by naming a source in brackets, in capitalised words: another outlet's story.

    A format tag in capitals ("[VIDEO]"), a lower-case note ("(photos)") or an exclamation
    ("(Two Easy Tricks!)") is no source.

    >>> attributed("Fund pays $35 million to settle (The Daily Paper)"), attributed("Parade in pictures [Agency]")
    (True, True)
    >>> attributed("Stars at the gala [VIDEO]"), attributed("Ghost walk at the old hotel (photos)")
    (False, False)
    """
    m = _ATTRIBUTION_RE.search(line)
    if m is None or m.group(1).isupper():
        return False
    words = m.group(1).split()
    return 1 <= len(words) <= 6 and all(w[0].isupper() for w in words)


def title_case(words: list[str]) -> bool:
    """Most words capitalised: a headline style, even when the line ends with a period.

    >>> title_case("She Was Tired Of Being Photoshopped".split()), title_case("She was tired of it".split())
    (True, False)
    """
    capitals = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and capitals >= 0.7 * len(words)


def headline_question(line: str, words: list[str]) -> bool:
    """A short question alone on its line heads a story or a section; it is no body sentence.

    A question with a label before a colon is a link to another story ("Related: Could ...?").

    >>> asked = "Do lower gasoline prices make for confident consumers?"
    >>> headline_question(asked, asked[:-1].split())
    True
    >>> linked = "Related article: Could the marriage go up in smoke?"
    >>> headline_question(linked, linked.replace(":", "")[:-1].split())
    False
    """
    return line.endswith("?") and len(words) < QUESTION_WORDS and ":" not in line


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    for start, end in paragraph_spans(text):
        line = text[start:end]
        parts = _WORDS_AND_GAPS_RE.split(line)
        words = parts[1::2]
        # a line that lost its final period counts as ending a sentence: typos gives it back
        body = len(words) >= LONG_LINE_WORDS or (
            len(words) >= MIN_BODY_WORDS and (ends_sentence(line) or lost_final_period(line))
            and not title_case(words) and not headline_question(line, words))
        stems, short = _stems(parts)
        headline = not body and is_headline_like(line, words)
        paras.append(_Para(start, end, line, len(words), stems, body, headline, short))
    if len(paras) > 1:
        paras[-1] = prose_tail(paras, len(paras) - 1)
    _recurring_labels(paras)
    return paras


def _label(line: str) -> str:
    """The few words before a colon that open `line` ("What we said: ..."), or ""."""
    at = line.find(":", 0, LABEL_CHARS)
    return line[:at] if at > 0 else ""


def _recurring_labels(paras: list[_Para]) -> None:
    """A line that opens with the label of one of the LABEL_SPAN lines above it ("What we said:",
    "Q:") is one more line of a dialogue or an interview, no headline."""
    labels = [_label(p.text) for p in paras]
    for k, p in enumerate(paras):
        if p.headline and labels[k] and labels[k] in labels[max(0, k - LABEL_SPAN):k]:
            paras[k] = replace(p, headline=False)


def prose_tail(paras: list[_Para], k: int) -> _Para:
    """paras[k], the last line of a text or of a story, as body text when it reads as a sentence
    that lost its final period: TAIL_WORDS words or more after a body paragraph, ending in a
    lowercase word. `typos` gives such a line its period back (at the end of a story too, once
    split has cut the text below it away), so a story must be judged the same before and after.
    (Not between body paragraphs, where typos does the same: there it costs bundles their breaks.)

    >>> a = _paragraphs("He said the talks in the city went on for hours and hours today.")[0]
    >>> b = _paragraphs("More than half of the vehicles promised have now arrived in the country")[0]
    >>> h = _paragraphs("Allies send almost all vehicles")[0]
    >>> prose_tail([a, b], 1).body, prose_tail([h, b], 1).body
    (True, False)
    """
    p = paras[k]
    if p.body or not paras[k - 1].body or p.words < TAIL_WORDS or not ends_in_lowercase_word(p.text):
        return p
    return replace(p, body=True, headline=False)


def _overlap(a: Counter[str], b: Counter[str]) -> tuple[float, float]:
    """Shared distinct stems over the smaller side, and shared repeated stems likewise."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(1 for s in small if s in large)
    rep_a = sum(1 for v in a.values() if v > 1)
    rep_b = sum(1 for v in b.values() if v > 1)
    rep_shared = sum(1 for s, v in small.items() if v > 1 and large.get(s, 0) > 1)
    return shared / max(1, len(small)), rep_shared / max(1, min(rep_a, rep_b))


# The weight of a stem seen `count` times: it grows, but slower than the count, so that one
# word both stories share (a country, a team) does not outweigh all the others.
_tf = math.sqrt


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of the two stem vectors, each stem weighted by `_tf` of its count."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(_tf(v) * _tf(large[s]) for s, v in small.items() if s in large)
    norm = math.sqrt(sum(_tf(v) ** 2 for v in a.values()) * sum(_tf(v) ** 2 for v in b.values()))
    return dot / norm if norm else 0.0


def _headline_fit(stems: list[str], before: set[str], after_head: set[str]) -> tuple[float, float]:
    """Share of the headline's stems found in the story above it, and in the opening below it."""
    distinct = set(stems)
    if not distinct:
        return 0.0, 0.0
    seen = sum(1 for s in distinct if s in before) / len(distinct)
    ahead = sum(1 for s in distinct if s in after_head) / len(distinct)
    return seen, ahead


def break_score(f: dict[str, float]) -> float:
    """How sure we are that a new, different story starts at a headline-like line.

    Positive means a break. The vocabulary drop dominates: the whole story so far against all
    the text below (`whole`), and equal windows on both sides (`overlap`, `cosine`,
    `repeated_overlap`); then the headline's fit to the text below and its novelty to the text
    above; short evidence (few headline stems, little text on either side) pulls the score
    down. The weights were set by hand on the benchmark in benchmarks/split.py and checked on
    both of its halves; a logistic fit of the same features and a coordinate search, each
    trained on half of the dev-set articles, did worse than these on the other half.
    """
    return (
        -21.0 * f["whole"]
        - 17.0 * f["overlap"]
        - 7.5 * f["cosine"]
        - 1.5 * f["repeated_overlap"]
        - 4.0 * f["headline_seen"]
        + 4.0 * f["headline_ahead"]
        + 2.5 * math.log1p(f["headline_stems"])
        + 1.1 * math.log1p(f["before_stems"])
        + 0.85 * math.log1p(f["after_stems"])
        - 9.4
    )


def story_breaks(paras: list[_Para]) -> tuple[list[Break], list[Break]]:
    """The sure breaks and the doubtful ones among `paras`, in text order: those of `_breaks`,
    settled so that no story they leave would split again on its own.

    A story's breaks are judged against the text below them, so a story cut off may show a
    break its tail masked (it is taken too), or may no longer be a list: a list whose last
    item heads a longer text (a story glued under it) makes the whole text a list article, and
    the text above that item, with fewer items, would split at each item heading on a second
    cleaning. Then the list verdict did not hold and the break that cut the story is a doubt.
    After _SETTLE_ROUNDS rounds without settling, every break is a doubt (one record).
    """
    sure, doubtful, items = _breaks(paras)
    for _ in range(_SETTLE_ROUNDS):
        found = _unsettled(paras, sure) if sure else None  # one record: the text is judged as it stands
        if found is None:
            return sure, sorted(doubtful, key=lambda b: b.index)
        k, more = found
        if any(b.index in items for b in more):
            doubtful.append(sure.pop(k))
        else:
            sure = sorted(sure + more, key=lambda b: b.index)
            taken = {b.index for b in more}
            doubtful = [b for b in doubtful if b.index not in taken]
    return [], sorted(doubtful + sure, key=lambda b: b.index)


def _unsettled(paras: list[_Para], sure: list[Break]) -> tuple[int, list[Break]] | None:
    """A story that the `sure` breaks leave (a later one without its headline line, which
    becomes its title) and that shows sure breaks of its own: the position in `sure` of the
    break that bounds it (the first story's end, a later story's start) and those breaks, their
    indices into `paras`; None when every story is final."""
    ends = [b.index for b in sure] + [len(paras)]
    starts = [0] + [b.index + 1 for b in sure]
    for k, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        story = paras[lo:hi]
        if len(story) > 1:  # its last line ends the text once the story is cut off
            story[-1] = prose_tail(story, len(story) - 1)
        more = _breaks(story)[0]
        if more:
            return max(k - 1, 0), [replace(b, index=lo + b.index) for b in more]
    return None


def _breaks(paras: list[_Para]) -> tuple[list[Break], list[Break], set[int]]:
    """The sure breaks and the doubtful ones among `paras`, in text order, and the paragraphs
    of its list items' headings (none when it is no list).

    A text with too many breaks, or places that look like one, holds a list (`_list_like`):
    it is scanned again with its list items' headings left out, and a break at a list's first
    item moves up to the list's title. If it still looks like a list, its items are long: it
    stays one record, every break a doubt.
    """
    runs = list(_candidate_runs(paras))
    sure, doubtful = _scan(paras, runs, set())
    if not _list_like(sure, doubtful):
        return sure, doubtful, set()
    skip, titles = _list_items(paras, runs)
    items = [b for b in sure + doubtful if b.index in skip]
    sure, doubtful = _scan(paras, runs, skip)
    sure = [replace(b, index=titles[b.index]) if b.index in titles else b for b in sure]
    doubtful = sorted(doubtful + items, key=lambda b: b.index)
    if _list_like(sure, [b for b in doubtful if b.index not in skip]):  # long items: one list
        return [], sorted(doubtful + sure, key=lambda b: b.index), skip
    return sure, doubtful, skip


def _scan(paras: list[_Para], runs: list[tuple[int, int, int]], skip: set[int]) -> tuple[list[Break], list[Break]]:
    """The sure and doubtful breaks at headline-like lines not in `skip`.

    One pass over the runs of short lines; each run is weighed at most a few times (once,
    plus when a break just before it looks ahead), with bounded windows, so the work is linear.
    """
    ctx = _Context(paras)
    sure: list[Break] = []
    doubtful: list[Break] = []
    story_start, story_words = 0, 0  # the current story: its first paragraph, body words above it
    r = 0
    while r < len(runs):
        i, j, words_before = runs[r]
        candidates = _run_candidates(paras, i, j, words_before - story_words, story_start, skip)
        if not candidates:
            r += 1
            continue
        best, at = ctx.weigh(story_start, i, j, candidates), r
        if best.score < SPLIT_AT:
            if best.score >= FLAG_AT:
                doubtful.append(best)
            r += 1
            continue
        # two stories cannot start closer than a short story's length: when a second break
        # follows too soon, the text between them goes with the side it resembles
        q = r + 1
        while q < len(runs) and runs[q][2] - words_before < MIN_STORY_WORDS:
            qi, qj, _ = runs[q]
            heads = [k for k in range(qi, qj) if paras[k].headline and k not in skip]
            other = ctx.weigh(story_start, qi, qj, heads, look_ahead=True) if heads else None
            if other is not None and other.score >= SPLIT_AT and _later_wins(paras, best, runs[at][1], qi, other):
                best, at = other, q
            q += 1
        sure.append(best)
        story_start, story_words = best.index, runs[at][2]
        ctx.restart(story_start)
        r = at + 1
    return sure, doubtful


def _run_candidates(paras: list[_Para], i: int, j: int, words: int, story_start: int, skip: set[int]) -> list[int]:
    """The headline-like lines of the run paras[i:j] (below `story_start`, not in `skip`) with
    MIN_STORY_WORDS words of the current story above them: its `words` of body text above the
    run and the words of the run's other lines above the line (an intro that ends with a colon,
    the lines of a calendar), which are that story's text too. A line under FRAGMENTS lines of
    its run that open in lower case ("there's never enough time", "the budget is too tight") is
    one more item of the unmarked list they make ("I inherited a shoddy system"), no headline.
    """
    out = []
    fragments = 0
    for k in range(i, j):
        p = paras[k]
        if not p.headline:
            words += p.words
            fragments += p.text[:1].islower()
        elif k > story_start and k not in skip and words >= MIN_STORY_WORDS and fragments < FRAGMENTS:
            out.append(k)
    return out


def _list_like(sure: list[Break], doubtful: list[Break]) -> bool:
    """Too many breaks, or places that look like one, for stories glued together: a list's items."""
    return len(sure) >= LIST_BREAKS or len(sure) + len(doubtful) >= LIST_PLACES


def _list_items(paras: list[_Para], runs: list[tuple[int, int, int]]) -> tuple[set[int], dict[int, int]]:
    """Paragraphs in the headings of a list's items (LIST_RUN headings in a row or more, each
    over at most ITEM_PARAS body paragraphs), and the list titles stacked above a first item.

    A list article (a top ten, reviews, a digest of teasers) prints a heading over every short
    item. None of those headings starts a story, but the first run of the list is no item's
    for sure: it may be the list's title over a short intro ("The best film scenes of 2014"),
    and is weighed like any other place. The first headline-like line stacked above the first
    item's heading that could head a story itself (MIN_HEADLINE_STEMS content words; not a
    "Share This" left by the story above) is the list's title: a break found at that first
    item moves up to it (the second dict maps it and the lines below it in that run to the
    title's index), if it stands at most TITLE_SPAN lines over the run's last heading (a
    calendar's lines over a list glued under it are no title). A heading over a longer text ends
    the list and is weighed like any other place (the story glued under a list). A run with no
    text above it is the text's own headline, no list's first run: a list title under a story's
    headline and short lede is weighed, not taken for an item, unless an item's heading is
    stacked under that headline.
    """
    body_before = [0]
    for p in paras:
        body_before.append(body_before[-1] + p.body)
    short = []
    for t, (i, j, above) in enumerate(runs):
        nxt = runs[t + 1][0] if t + 1 < len(runs) else len(paras)
        # a run with no text above is the text's own headline: in a list only over a first item's heading
        own = above == 0 and sum(1 for k in range(i, j) if paras[k].headline) < 2
        short.append(not own and body_before[nxt] - body_before[j] <= ITEM_PARAS)
    items: set[int] = set()
    titles: dict[int, int] = {}
    t = 0
    while t < len(runs):
        u = t
        while u < len(runs) and short[u]:
            u += 1
        if u - t >= LIST_RUN:
            i, j, _ = runs[t]
            heads = [k for k in range(i, j) if paras[k].headline]
            named = [k for k in heads[:-1] if len(set(paras[k].stems)) >= MIN_HEADLINE_STEMS]
            if named and heads[-1] - named[0] <= TITLE_SPAN:
                titles.update((k, named[0]) for k in heads if k >= named[0])
            for i, j, _ in runs[t + 1:u]:
                items.update(range(i, j))
        t = u + 1
    return items, titles


def _later_wins(paras: list[_Para], first: Break, gap_start: int, gap_end: int, second: Break) -> bool:
    """Of two breaks too close together, is the second the real one?

    Yes when the text between them reads like the story above the first (it is that story's
    tail: a credit, a related link); no when it reads like the story below the second (it is
    the new story's opening). Text with an e-mail or web address or a social handle is a
    contact note, which signs the story above. With nothing to compare, a gap of fewer than
    MIN_AFTER_WORDS body words (a note under a credit roll, "There may be small errors in this
    transcript.") is too short to open a story under the first break, so the second wins;
    otherwise the stronger break wins. A headline printed twice heads one story from its first copy: never the second.
    """
    if paras[first.index].text == paras[second.index].text:
        return False
    if any(p.body and _ADDRESS_RE.search(p.text) for p in paras[gap_start:gap_end]):
        return True
    between = Counter(x for p in paras[gap_start:gap_end] if p.body for x in p.stems)
    above, below = _cosine(between, first.before), _cosine(between, second.after)
    if above != below:
        return above > below
    if sum(p.words for p in paras[gap_start:gap_end] if p.body) < MIN_AFTER_WORDS:
        return True  # too short to be the opening of a story under the first break
    return second.score > first.score


def _candidate_runs(paras: list[_Para]) -> Iterator[tuple[int, int, int]]:
    """Runs paras[i:j] of short lines between body text that hold a headline-like line.

    Each comes with the body words above it; a run with no body text below it is no break.
    """
    words = 0
    i, n = 0, len(paras)
    while i < n:
        if paras[i].body:
            words += paras[i].words
            i += 1
            continue
        j = i
        while j < n and not paras[j].body:
            j += 1
        if j < n and any(paras[k].headline for k in range(i, j)):
            yield i, j, words
        i = j


class _Context:
    """What a candidate break is weighed against, kept up to date as the scan moves down.

    The windows are the body text just above and just below a run (bounded); the whole-story
    cosine compares the current story so far (paras[lo:hi]) with everything below the run
    (paras[tail:]), kept incrementally: each paragraph enters and leaves the counts a bounded
    number of times, so the scan stays linear.
    """

    def __init__(self, paras: list[_Para]) -> None:
        self.paras = paras
        self.body = [k for k, p in enumerate(paras) if p.body]
        self.x: Counter[str] = Counter()  # the story so far
        self.y: Counter[str] = Counter()  # everything below the run
        self.lo = self.hi = self.tail = 0
        for p in paras:
            self.y.update(p.stems)
        self.dot = self.nx = 0.0
        self.ny = float(sum(_tf(c) ** 2 for c in self.y.values()))
        self._figures: dict[int, frozenset[str]] = {}

    def _move_x(self, stems: list[str], d: int) -> None:
        """Add `d` to the story's count of each stem (locals: the scan's innermost loop)."""
        xs, ys, dot, nx, tf = self.x, self.y, self.dot, self.nx, _tf
        for s in stems:
            x, y = xs[s], ys.get(s, 0)
            dot += (tf(x + d) - tf(x)) * tf(y)
            nx += tf(x + d) ** 2 - tf(x) ** 2
            xs[s] = x + d
        self.dot, self.nx = dot, nx

    def _move_y(self, stems: list[str], d: int) -> None:
        """Add `d` to the count below the run of each stem."""
        xs, ys, dot, ny, tf = self.x, self.y, self.dot, self.ny, _tf
        for s in stems:
            x, y = xs.get(s, 0), ys[s]
            dot += (tf(y + d) - tf(y)) * tf(x)
            ny += tf(y + d) ** 2 - tf(y) ** 2
            ys[s] = y + d
        self.dot, self.ny = dot, ny

    def restart(self, start: int) -> None:
        """A new story starts at paragraph `start` (at or below everything counted so far)."""
        for p in self.paras[self.lo:self.hi]:
            self._move_x(p.stems, -1)
        self.lo = self.hi = start

    def _seek(self, hi: int, tail: int) -> None:
        while self.hi < hi:
            self._move_x(self.paras[self.hi].stems, 1)
            self.hi += 1
        while self.hi > hi:
            self.hi -= 1
            self._move_x(self.paras[self.hi].stems, -1)
        while self.tail < tail:
            self._move_y(self.paras[self.tail].stems, -1)
            self.tail += 1
        while self.tail > tail:
            self.tail -= 1
            self._move_y(self.paras[self.tail].stems, 1)

    def whole(self, i: int, j: int, look_ahead: bool) -> float:
        """Cosine of the story so far (down to paragraph i) and all the text from paragraph j."""
        hi, tail = self.hi, self.tail
        self._seek(max(i, self.lo), j)
        norm = math.sqrt(max(self.nx, 0.0) * max(self.ny, 0.0))
        value = max(0.0, self.dot / norm) if norm > 1e-9 else 0.0
        if look_ahead:  # the main scan goes on from where it was
            self._seek(hi, tail)
        return value

    def figures(self, lo: int, hi: int) -> set[str]:
        """The precise figures (`_FIGURE_RE`) of the body paragraphs self.body[lo:hi], each
        paragraph's found once."""
        out: set[str] = set()
        for k in self.body[lo:hi]:
            found = self._figures.get(k)
            if found is None:
                found = self._figures[k] = frozenset(_FIGURE_RE.findall(self.paras[k].text))
            out |= found
        return out

    def windows(
        self, story_start: int, j: int,
    ) -> tuple[list[str], list[str], int, set[str], set[str], tuple[int, int, int]]:
        """Content stems of the body text just above and just below the run that ends at
        paras[j - 1] (a run holds no body paragraph: `_candidate_runs`), the body words below, the
        short words above and in the opening below, and where those two lie in self.body: the
        text above is self.body[lo:below], the opening self.body[below:opening]."""
        chunks: list[list[str]] = []
        short_before: set[str] = set()
        short_after: set[str] = set()
        size = 0
        below = bisect_left(self.body, j)
        at = below - 1
        while at >= 0 and self.body[at] >= story_start and size < WINDOW and len(chunks) < WINDOW:
            chunks.append(self.paras[self.body[at]].stems)
            short_before |= self.paras[self.body[at]].short
            size += len(chunks[-1])
            at -= 1
        lo = at + 1
        before = [s for chunk in reversed(chunks) for s in chunk]
        after: list[str] = []
        after_words = 0
        at = opening = below
        steps = 0
        while at < len(self.body) and len(after) < WINDOW and steps < WINDOW:
            p = self.paras[self.body[at]]
            if len(after) < WINDOW // 2:
                short_after |= p.short
                opening = at + 1
            after.extend(p.stems)
            after_words += p.words
            at += 1
            steps += 1
        return before[-WINDOW:], after[:WINDOW], after_words, short_before, short_after, (lo, below, opening)

    def echoed(self, k: int, j: int, seen: set[str]) -> int:
        """Short words of the headline paras[k] (ECHO_LETTERS letters or more, not its content
        words) that its lede, the body paragraph paras[j] that ends its run, repeats and the story
        above lacks: "The best film scenes of 2014" names its story with "scenes" and "best",
        which a lede about the best scenes repeats. Only for a line of ECHO_WORDS words or
        more: the words of a short subheading ("Messy Fishtail") come back under it too.
        """
        head = self.paras[k]
        if head.words < ECHO_WORDS:
            return 0
        lede, stems = self.paras[j].short, set(head.stems)
        return sum(1 for w in head.short if len(w) >= ECHO_LETTERS and w in lede and w not in seen and w not in stems)

    def weigh(self, story_start: int, i: int, j: int, candidates: list[int], look_ahead: bool = False) -> Break:
        """The best break in the run paras[i:j]: the evidence on both sides, the best headline
        (a line printed twice, `_printed_twice`, before any other). Among the lines of the run
        the headline is the one that fits the story below best, not the longest
        (LENGTH_DISCOUNT), and the nearer the story the likelier (NEARER per line): what stands
        above a headline in its run is the tail of the story above (share buttons, credits,
        links), while the lines under it (kicker, standfirst) join it through `_stack_top`. Text
        above and an opening below that quote the same SHARED_FIGURES precise figures ("a 15%
        increase is less than the 32% rise") are one article under a subheading: at most a doubt."""
        before, after, after_words, short_before, short_after, spans = self.windows(story_start, j)
        shared_figures = -1  # found once, only for a line that would split
        # a Title Case headline capitalises short words ("Nail", "Art") that its story writes in
        # lower case: those are found among the short words of the text on each side
        seen_words, ahead_words = short_before.union(before), short_after.union(after[:WINDOW // 2])
        cb, ca = Counter(before), Counter(after)
        overlap, repeated = _overlap(cb, ca)
        shared = {"overlap": overlap, "repeated_overlap": repeated, "cosine": _cosine(cb, ca),
                  "whole": self.whole(i, j, look_ahead), "before_stems": float(len(before)),
                  "after_stems": float(len(after))}
        best: Break | None = None
        best_pick = (False, 0.0)
        for k in candidates:
            stems = self.paras[k].stems
            seen, ahead = _headline_fit(stems, seen_words, ahead_words)
            f = {**shared, "headline_seen": seen, "headline_ahead": ahead, "headline_stems": float(len(set(stems)))}
            score = break_score(f)
            if (after_words < MIN_AFTER_WORDS or min(len(before), len(after)) < MIN_STEMS
                    or f["headline_stems"] + self.echoed(k, j, seen_words) < MIN_HEADLINE_STEMS):
                score = min(score, SPLIT_AT - 0.5)  # too little to go on: at most a doubt
            if score >= SPLIT_AT:
                if shared_figures < 0:
                    shared_figures = len(self.figures(spans[0], spans[1]) & self.figures(spans[1], spans[2]))
                if shared_figures >= SHARED_FIGURES:
                    score = SPLIT_AT - 0.5  # the same article goes on: at most a doubt
            fit = score - LENGTH_DISCOUNT * math.log1p(f["headline_stems"]) + NEARER * (k - candidates[0])
            pick = (_printed_twice(self.paras, k), fit)
            if best is None or pick >= best_pick:  # a tie goes to the line nearer the story
                best, best_pick = Break(k, score, f, cb, ca), pick
        assert best is not None
        top = _stack_top(self.paras, best.index, set(candidates), seen_words, ahead_words)
        return best if top == best.index else replace(best, index=top)


def _printed_twice(paras: list[_Para], k: int) -> bool:
    """The line paras[k] comes again within the next TWICE_SPAN lines: a page prints a story's
    headline over the article and again at its top (with a byline, share buttons or a photo
    between), never a byline or a link.

    >>> paras = _paragraphs("Storm closes roads\\n\\nBy Ann Lee | Share\\n\\nStorm closes roads\\n\\nSnow fell.")
    >>> _printed_twice(paras, 0), _printed_twice(paras, 1)
    (True, False)
    """
    line = paras[k].text
    return any(p.text == line for p in paras[k + 1:k + 1 + TWICE_SPAN])


def _stack_top(paras: list[_Para], k: int, candidates: set[int], before: set[str], after: set[str]) -> int:
    """The first line of the headline block that ends with the chosen headline paras[k].

    A story may open with a stack of headline-like lines (headline, kicker, standfirst) and the
    best-scoring one is often the standfirst, the longest. A line right above belongs to the
    stack when most of its words are the new story's and fewer are the old one's (STACK_STEMS
    of them or more: "Parse.ly, November 17" is a source line; a kicker such as "CommBank Test
    Series v India" may share a word with the story above), or when it shares a word with the
    stack and more of its words come back below than above; a tail line of the story above (a
    credit, a link) does neither and stays above the break.
    """
    block = set(paras[k].stems)
    while k - 1 in candidates:
        stems = paras[k - 1].stems
        seen, ahead = _headline_fit(stems, before, after)
        new = ahead >= 0.5 and ahead > seen and len(set(stems)) >= STACK_STEMS
        if not (new or (ahead > seen and not block.isdisjoint(stems))):
            break
        k -= 1
        block.update(stems)
    return k


def title(doc: Document, end: int) -> None:
    """Move the headline `doc.text[:end]` of a split-off story into `doc.title`."""
    doc.title = doc.text[:end].strip()
    doc.remove(0, end, NAME, "title")


def possible_story_break(doc: Document, brk: Break, line: str) -> None:
    """Record a place that looks like a story break but is not clear enough to split (once)."""
    note = f"headline-like line between different-looking text (score {brk.score:.2f}); kept as one record"
    if not any(f.stage == NAME and f.kind == "possible_story_break" and f.text == line for f in doc.flags):
        doc.flag(NAME, "possible_story_break", line, note)


@stage(NAME, "a later story glued under the first becomes its own record, its headline its title")
def split(doc: Document, config: Config | None) -> list[Document]:
    paras = _paragraphs(doc.text)
    sure, doubtful = story_breaks(paras)
    docs = [doc]
    for k, brk in reversed(list(enumerate(sure, 2))):
        para = paras[brk.index]
        child = doc.split_off(para.start, f"{doc.id}/{k}", NAME)
        title(child, para.end - para.start)
        docs.insert(1, child)
    starts = [0] + [b.index for b in sure]
    for brk in doubtful:  # each doubt goes to the story that holds its line
        owner = docs[bisect_right(starts, brk.index) - 1]
        possible_story_break(owner, brk, paras[brk.index].text)
    return docs
