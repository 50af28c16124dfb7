"""The `typos` fixes of words: each function's name is the `kind` of its edits or flags.

Conservative by design: spell checkers that guess at every unknown word make more false edits
than fixes. So a word is changed only on evidence: the same word typed twice, an entry of
codespell's curated list of misspellings that has a single correction, or a name that the same
document spells another way several times. Names, capitalised words, numbers, URLs and
quotations in other languages are left as they are.

>>> apply_changes("We met in in the park.", doubled_word("We met in in the park."))
'We met in the park.'
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import compress, islice

from unidecode import unidecode

from cleanwire.stages.typos_common import (
    WORD_RE,
    Doubt,
    distinct_words,
    english_near,
    in_url,
    lowered_words,
    sentence_start,
    words,
)
from cleanwire.text import Change, apply_changes

__all__ = ["doubled_word", "misspelling", "misspelt_name", "garbled_sentence", "apply_changes", "misspellings"]

# Words that are right twice in a row: "had had", "that that", "is is" ("what it is is"), emphasis
# ("very very", "long long ago"), interjections, and pronouns of French and German ("nous nous",
# "die die") that quotations bring in.
_RIGHT_TWICE = frozenset(
    "had that is was do does did very really so no yes bye ha haha well now there knock chop tut go "
    "long far much many hush night bla blah yada tick boo dum cha la nous vous die der das".split()
)
# English function words: a closed class, and the words that real doubling slips repeat ("the the",
# "to to", "of of"), where a double is always a slip. Left out: the words of `_RIGHT_TWICE` and
# "her" ("gave her her book"), "can" ("can can"). A doubled content word ("sweet sweet reminder",
# "a date date") is as often emphasis as a slip: it is flagged, not changed.
_FUNCTION = frozenset(
    "a an the to of in on at by for with from into onto upon about over under after before between "
    "through during without within against among across toward towards and or but nor if as than "
    "because while although though when where which who whom whose this these those it its he him "
    "his she hers they them their theirs we us our you your i me my be been being are were am has "
    "have will would could shall should may might must not also just then here some any all each "
    "every both either neither such only more most up down out off too".split()
)
# A capitalised word: a capital, then letters (`_name_case`: with a lowercase one, not "NATO"), with
# no letter or digit glued to it on either side ("X5Abcd", "Abcde9"; `[^\W_]` is a letter or digit).
# The lookbehind comes after the capital, so that the regex engine looks only at capitals (3x faster).
_NAME_RE = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![^\W_].)[^\W\d_]{3,40}(?![^\W_])")
# Verbs that report speech: "he told X Y told the press" repeats one around a name.
_REPORTING = frozenset(
    "said says told tells added adds asked asks stated wrote writes noted notes explained explains "
    "announced announces claimed claims insisted insists".split()
)
_LINE_BREAK_RE = re.compile("\n")
_MAX_SEARCHED = 32  # strings that `_lines_holding` looks for with one regex
_CLAUSE_BREAK = frozenset(".,;:!?\"“”()\n")


def doubled_word(text: str) -> Iterator[Change | Doubt]:
    """Remove a function word typed twice in a row ("in in the", "The the"): "in in" becomes "in".

    Left alone: words that are right twice ("had had", "that that"), two capitalised words
    (a name: "Walla Walla"), numbers ("1 1/2"), words across a line break or in a URL, and
    doubles in a passage that is not English. A doubled content word is flagged: it may be
    emphasis ("the sweet sweet reminder").

    >>> fix = lambda t: apply_changes(t, doubled_word(t))
    >>> fix("The the rally in in the town of of Walla Walla had had 1 1/2 inches of rain.")
    'The rally in the town of Walla Walla had had 1 1/2 inches of rain.'
    """
    found_words = words(text)
    lowered = lowered_words(text)
    # the k-th word is the (k-1)-th again, in any case: rare, and the only places to look at (the
    # tests of `_same_word_again` that need no position first)
    again = [k for k in compress(range(1, len(lowered)), map(operator.eq, lowered, lowered[1:]))
             if not found_words[k][0].isupper() and lowered[k] not in _RIGHT_TWICE]
    if not again:
        return
    found = list(islice(WORD_RE.finditer(text), again[-1] + 1))  # the words up to the last such one
    run_start = run_end = -1
    last = -1  # the last k of the current run
    for k in again:
        if not _same_word_again(text, found[k - 1], found[k]):
            continue
        if run_start >= 0 and last != k - 1:
            yield from _close_run(text, run_start, run_end)
            run_start = -1
        if run_start < 0:
            run_start = found[k - 1].start()
        run_end = found[k].end()
        last = k
    if run_start >= 0:
        yield from _close_run(text, run_start, run_end)


def _same_word_again(text: str, prev: re.Match[str], m: re.Match[str]) -> bool:
    a, b = prev.group(), m.group()
    if a.lower() != b.lower() or b[0].isupper() or a.lower() in _RIGHT_TWICE:
        return False
    gap = text[prev.end():m.start()]
    if not gap or gap.strip(" \t") or len(gap) > 8:
        return False
    before = text[prev.start() - 1] if prev.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return before not in "-'’" and not before.isalnum() and after not in "-'’" and not after.isalnum()


def _close_run(text: str, start: int, end: int) -> Iterator[Change | Doubt]:
    first = WORD_RE.match(text, start)
    if first is None or in_url(text, start, end) or not english_near(text, start):
        return
    if first.group().lower() in _FUNCTION:
        yield Change(start, end, first.group())
    else:
        yield Doubt(text[start:end], "a word twice in a row: a slip, or emphasis?")


@functools.cache
def misspellings() -> dict[str, str]:
    """codespell's unambiguous misspellings, `{wrong: right}`, read once per process.

    codespell's dictionary (CC BY-SA) is read from the installed package, not copied here. An
    entry is used only when it has a single correction and no reason (an entry with a comma has
    several or explains itself), the misspelling is a lowercase word, and, for words of three
    letters or fewer, the correction has the same letters ("teh", "adn"): other short entries are
    often words of other languages ("vor", "als", "ser").

    >>> misspellings()["recieve"], "ser" in misspellings()
    ('receive', False)
    """
    path = importlib.resources.files("codespell_lib") / "data" / "dictionary.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, sep, right = line.partition("->")
        if not sep or "," in right or not right or not wrong.islower():
            continue
        if not WORD_RE.fullmatch(wrong):
            continue
        if len(wrong) <= 3 and sorted(wrong) != sorted(right):
            continue
        table[wrong] = right
    return table


def misspelling(text: str) -> Iterator[Change | Doubt]:
    """Correct a word that codespell's list spells wrong, keeping its case ("recieve", "Thier").

    Capitalised words may be names ("Suh", "Shepard"): one inside a sentence is left; one that
    opens a sentence is corrected only when the document uses its correction as a lowercase word
    and has no other capitalised occurrence of it, and flagged otherwise. Words in capitals
    ("IHS"), in URLs or handles, or in a passage that is not English are left too.

    >>> fix = lambda t: apply_changes(t, [c for c in misspelling(t) if isinstance(c, Change)])
    >>> fix("The goverment did not recieve their letter from Shepard, said Suh. Thier reply came.")
    'The government did not receive their letter from Shepard, said Suh. Their reply came.'
    """
    table = misspellings()
    # the distinct words that the table lists: most texts have none, and the scan stops here. Their
    # keys in the table (lowercase, straight apostrophes) are made for all of them at once, at C speed.
    distinct = list(distinct_words(text))
    keys = "\n".join(distinct).lower().replace("’", "'").split("\n")
    if table.keys().isdisjoint(keys):
        return
    listed = {w for w, key in zip(distinct, keys, strict=True) if key in table}
    counts: Counter[str] | None = None  # every word of the text, counted once needed
    for m in (m for start, end in _lines_holding(text, listed) for m in WORD_RE.finditer(text, start, end)):
        word = m.group()
        if word not in listed:
            continue
        right = table[word.lower().replace("’", "'")]
        if in_url(text, m.start(), m.end()) or not english_near(text, m.start()):
            continue
        if "’" in word:
            right = right.replace("'", "’")
        if word.islower():
            yield Change(m.start(), m.end(), right)
        elif word[0].isupper() and word[1:].islower() and sentence_start(text, m.start()):
            if counts is None:  # lowercase words as this pass leaves them, so that a second pass agrees
                counts = Counter(table.get(w, w) if w.islower() else w for w in words(text))
            if counts[word] == 1 and counts[right] > 0:
                yield Change(m.start(), m.end(), right[0].upper() + right[1:])
            else:
                yield Doubt(word, f"spelt like codespell's misspelling of {right!r}, but capitalised: a name?")


def _lines_holding(text: str, found: set[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line that holds one of the strings `found`, in order.

    A word never spans a line break, so `WORD_RE` reads such a line as it reads the whole text:
    a fix looks for a few rare words in these lines only, not in every word of the text. For many
    strings, the whole text is one span: a regex tries each alternative at every position.
    """
    if len(found) > _MAX_SEARCHED:
        yield 0, len(text)
        return
    pattern = re.compile("|".join(map(re.escape, found)))
    m = pattern.search(text)
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        yield start, end
        m = pattern.search(text, end)


def misspelt_name(text: str) -> Iterator[Change | Doubt]:
    """Correct the one occurrence of a name that the document spells another way several times.

    "Volodomyr" once and "Volodymyr" three times: the odd one out is a typo. The two spellings
    must differ by one edit (two for names of nine letters or more) inside the word, neither at
    its first letter nor at its end (so "Iran"/"Iraq", "Russia"/"Russian" stay), compared without
    accents, in lines of prose (not in Title Case headlines or lists); the usual spelling must
    appear at least twice inside sentences, and either three times or next to the same word as
    the odd one (the same surname, the same first name), and the odd one must not be followed by
    a surname the usual one never has ("Charlize Theron" is not "Charlie"). One spelling against
    another used once is a doubt, not an edit.

    >>> t = "As Volodymyr Zelenskiy met Xi, Volodomyr Zelenskiy smiled and Volodymyr Zelenskiy left."
    >>> apply_changes(t, [c for c in misspelt_name(t) if isinstance(c, Change)])
    'As Volodymyr Zelenskiy met Xi, Volodymyr Zelenskiy smiled and Volodymyr Zelenskiy left.'
    """
    # the words of the text, where a name's folded spelling (see `_folded`) is looked up as a
    # lowercase word: it starts with an ASCII letter and is lowercase, so if it is there, it is one
    known = distinct_words(text)
    # the names and their counts, in order of first use; where they stand is looked up only for the
    # few that resemble another (`wanted` below; in most documents none)
    names = {w: n for w, n in Counter(_NAME_RE.findall(text)).items() if w[1:].islower() or _name_case(w)}
    by_fold: dict[str, list[str]] = defaultdict(list)  # a spelling without accents -> its spellings
    count: dict[str, int] = {}  # the same -> its uses
    for (w, n), f in zip(names.items(), _folded(names), strict=True):
        by_fold[f].append(w)
        count[f] = count.get(f, 0) + n
    # the usual spellings a slip may stand for: used twice or more, once at least inside a sentence
    # (asked last, of the few that a slip resembles: see `_InsideCount`)
    common = {f for f, n in count.items() if n >= 2 and f not in known}
    around: dict[str, tuple[set[str], set[str]]] = {}  # usual spelling -> its neighbours, its surname
    # a variant of a spelling has its first and last letters and a length at most two apart (see `_variant`)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in common:
        by_ends[f[0], f[-1]].append(f)
    variants = {}  # odd -> its variants among the usual spellings, before the test of sentences
    # names used once each and the earlier ones one edit away (no majority to follow): (spelling,
    # the other spellings), flagged below when both stand inside sentences
    pairs: list[tuple[str, list[str]]] = []
    singles: dict[tuple[str, str], list[str]] = defaultdict(list)  # the odds so far, by first and last letters
    for odd, n in count.items():  # the spellings used once, which may be a slip
        if n != 1 or odd in known or len(odd) < 5 or _inflected(odd, count, known):
            continue
        ends = odd[0], odd[-1]
        likely = by_ends.get(ends)
        if likely:
            near = {f for f in likely if abs(len(f) - len(odd)) <= 2 and _variant(odd, f)
                    and (max(len(odd), len(f)) <= 24 or _share_deletion(odd, f))}
            if near:
                variants[odd] = near
        earlier = singles.get(ends)
        if earlier:
            # one edit apart is enough for a doubt: a length at most one apart
            close = {other for other in earlier
                     if abs(len(other) - len(odd)) <= 1 and _variant(odd, other)
                     and _share_deletion(odd, other, twice=False)}
            if close:
                pairs.append((by_fold[odd][0], [by_fold[other][0] for other in sorted(close)]))
        singles[ends].append(odd)
    wanted = {w for odd, near in variants.items() for f in (odd, *near) for w in by_fold[f]}
    wanted.update(w for word, others in pairs for w in (word, *others))
    if not wanted:
        return
    where: dict[str, list[int]] = defaultdict(list)  # spelling -> starts
    for start, end in _lines_holding(text, wanted):
        for m in _NAME_RE.finditer(text, start, end):
            if m.group() in wanted:
                where[m.group()].append(m.start())
    inside = _InsideCount(text, where)
    for odd, near in variants.items():
        word = by_fold[odd][0]
        near = {f for f in near if any(inside(w) for w in by_fold[f])}
        if not near or not inside(word):
            continue
        if len(near) > 1:
            yield Doubt(word, "a name the document also spells " + ", ".join(sorted(near)))
            continue
        (best,) = near
        spellings = sorted(by_fold[best], key=lambda w: -names[w])
        usual = spellings[0]
        start = where[word][0]
        if usual not in around:
            sides = [_neighbours(text, s, s + len(usual)) for s in where[usual]]
            nexts = [{n for n in side if n[0] == ">"} for side in sides]
            # the one surname that follows every occurrence of the usual spelling, if there is one
            surname = nexts[0] if len(nexts[0]) == 1 and all(n == nexts[0] for n in nexts) else set()
            around[usual] = (set().union(*sides), surname)
        beside, surname = around[usual]
        mine = _neighbours(text, start, start + len(word))
        # a first name before another surname than the one its usual spelling always has: another
        # person ("Charlize Theron" is not "Charlie Sheen"); a word followed by many ("Christmas
        # Past", "Christmas Eve", "Lifesaver Program") has no such surname
        other_name = bool(surname) and any(n[0] == ">" and n not in surname for n in mine)
        strong = count[best] >= 3 or bool(mine & beside)
        if sum(inside(w) for w in spellings) >= 2 and strong and not other_name and len(spellings) == 1:
            yield Change(start, start + len(word), usual)
        else:
            yield Doubt(word, f"a name the document also spells {usual!r} ({count[best]} times)")
    for word, others in pairs:  # two spellings used once each: a doubt when both are in sentences
        if inside(word):
            for other in others:
                if inside(other):
                    yield Doubt(word, f"a name the document also spells {other!r}, each once")


def _name_case(word: str) -> bool:
    """True when the letters after a name's capital have a lowercase one and no capital (not "NATO",
    not "McCain"); a titlecase letter among them is allowed."""
    return word[1:].islower() or (  # the quick test, then the one that lets titlecase letters in
        any(c.islower() for c in word[1:]) and not any(c.isupper() for c in word[1:]))


def _folded(names: dict[str, int]) -> list[str]:
    """Each name without its accents, lowercase ("José" -> "jose"), in order: names in ASCII,
    as most are, lowercased in one call.

    >>> _folded({"José": 1, "Smith": 2}), _folded({"Smith": 2}), _folded({})
    (['jose', 'smith'], ['smith'], [])
    """
    joined = "\n".join(names)
    if not joined.isascii():
        return [unidecode(w).lower() for w in names]
    return joined.lower().split("\n") if joined else []


def _prose_line(text: str, start: int, end: int) -> bool:
    """True for a line of running prose: six words or more, a third of them lowercase or more."""
    found = WORD_RE.findall(text, start, end)
    lower = sum(map(str.islower, map(operator.itemgetter(0), found)))
    return len(found) >= 6 and lower * 3 >= len(found)


def _inflected(word: str, forms: dict[str, int], known: frozenset[str]) -> bool:
    """True when the word is the plural of another word of the document ("Mariners", "Mariner")."""
    return word.endswith("s") and any(word[:-k] in forms or word[:-k] in known for k in (1, 2))


class _InsideCount:
    """How often a spelling stands inside a sentence (not at its start) of a line of prose.

    Only lines of prose vouch for a spelling: in Title Case headlines and lists of places every
    word is capitalised ("State" and "Slate", "Being" and "Bring"); a name never spans a line.
    Counted when first asked: `misspelt_name` asks only about the few spellings that resemble
    another, and testing every line for prose was most of its time.
    """

    def __init__(self, text: str, where: dict[str, list[int]]) -> None:
        self.text = text
        self.where = where
        self.counts: dict[str, int] = {}
        self.prose: dict[int, bool] = {}  # line start -> `_prose_line`
        self.breaks: list[int] | None = None  # offsets of the line breaks, made when first needed

    def __call__(self, word: str) -> int:
        if word not in self.counts:
            self.counts[word] = sum(self._in_prose(s) and not sentence_start(self.text, s) for s in self.where[word])
        return self.counts[word]

    def _in_prose(self, pos: int) -> bool:
        if self.breaks is None:  # an index, not a search back from `pos`: a long line stays linear
            self.breaks = [m.start() for m in _LINE_BREAK_RE.finditer(self.text)]
        k = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[k - 1] + 1 if k else 0
        if start not in self.prose:
            end = self.breaks[k] if k < len(self.breaks) else len(self.text)
            self.prose[start] = _prose_line(self.text, start, end)
        return self.prose[start]


def _share_deletion(a: str, b: str, twice: bool = True) -> bool:
    """True when a deletion from each (two for words of 9 to 24 letters, if `twice`) makes the two
    words the same. Two words of up to 24 letters that `_variant` accepts always do.

    >>> _share_deletion("Volodymyr", "Volodomyr"), _share_deletion("Volodymyr", "Volodomir", twice=False)
    (True, False)
    """
    return not _deletions(a, twice).isdisjoint(_deletions(b, twice))


def _deletions(word: str, twice: bool = True) -> frozenset[str]:
    """The word and every string one deletion (two for long words, if `twice`) away."""
    out = {word}
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1:])
    if twice and 9 <= len(word) <= 24:
        for w in list(out):
            for i in range(len(w)):
                out.add(w[:i] + w[i + 1:])
    return frozenset(out)


def _variant(a: str, b: str) -> bool:
    """True when a and b differ by one or two edits strictly inside the word (see misspelt_name):
    so they share their first and last letters."""
    if a == b or a[0] != b[0]:
        return False
    shorter = min(len(a), len(b))
    p = 0
    while p < shorter and a[p] == b[p]:
        p += 1
    s = 0
    while s < shorter - p and a[-1 - s] == b[-1 - s]:
        s += 1
    if s < 1 or p < 1:
        return False
    mid_a, mid_b = a[p:len(a) - s], b[p:len(b) - s]
    dist = _distance(mid_a, mid_b)
    return dist == 1 or (dist == 2 and shorter >= 9)


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions, for the short middles `_variant` compares."""
    if len(a) > 4 or len(b) > 4:
        return 99
    if len(a) == len(b) == 2 and a == b[::-1]:
        return 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _neighbours(text: str, start: int, end: int) -> set[str]:
    """The capitalised words right before ("<Volodymyr") and after (">Zelenskiy") a span."""
    out = set()
    before = [m.group() for m in WORD_RE.finditer(text, max(0, start - 40), start)]
    if before and text[start - 1] == " ":
        out.add("<" + before[-1])
    after = WORD_RE.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if after:
        out.add(">" + after.group())
    return {n for n in out if n[1].isupper()}


def garbled_sentence(text: str) -> Iterator[Doubt]:
    """Flag a clause that reports speech twice around a name ("he told Kremlin spokesman Dmitry
    Peskov told the press"): an edit lost a quote's attribution, and no rule can tell which half
    is right, so it is flagged with its span and never changed.

    >>> [d.text for d in garbled_sentence("“We are ready,” he told Kremlin spokesman Dmitry Peskov told the press.")]
    ['he told Kremlin spokesman Dmitry Peskov told the press']
    """
    found_words = words(text)
    verbs = list(compress(range(len(found_words)), map(_REPORTING.__contains__, found_words)))
    # two reporting verbs in a row, one to six words apart
    close = [(a, b) for a, b in zip(verbs, verbs[1:], strict=False) if 2 <= b - a <= 7]
    if not close:
        return  # most texts end here
    # the words up to two past the last pair (where a doubt may end), not every word of the text
    found = list(islice(WORD_RE.finditer(text), close[-1][1] + 3))
    # with no break between (one clause): only the words between them are looked at
    for prev, k in close:
        if any(_breaks(text, found[j - 1], found[j]) for j in range(prev + 1, k + 1)):
            continue
        if any(w.group()[0].isupper() for w in found[prev + 1:k]):
            first = prev
            if first > 0 and not _breaks(text, found[first - 1], found[first]):
                first -= 1  # the subject: "he told"
            last = k
            while last < min(len(found_words) - 1, k + 2) and not _breaks(text, found[last], found[last + 1]):
                last += 1
            yield Doubt(text[found[first].start():found[last].end()],
                        "reports speech twice around a name: a garbled attribution?")


def _breaks(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """True when punctuation or a line break separates two neighbouring words."""
    return any(c in _CLAUSE_BREAK for c in text[a.end():b.start()])
