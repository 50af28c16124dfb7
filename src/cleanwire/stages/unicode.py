"""The `unicode` stage: mojibake, HTML entities, odd and invisible characters, ligatures, broken words.

Scraped news carries characters that no reader wants: UTF-8 read as cp1252 ("donâ€™t"),
HTML entities the converter left escaped ("&amp;rsquo;"), no-break and thin spaces, tabs and
runs of spaces, zero-width characters and soft hyphens, PDF ligatures ("ﬁ"), and words
hyphenated at a line end ("infor-\\nmation"). Each fix below is a function from a text to the
changes it wants, `(start, end, replacement)`; the stage records each change as an edit whose
`kind` is the function's name, at the exact span it changed.

It will not touch what is right: curly quotes and apostrophes (the `quotes` stage owns their
style), primes, dashes, accented letters, emoji (their zero-width joiners included), other
scripts (zero-width non-joiners between their letters included), URLs and `code`. ftfy's
expensive encoding repair runs only on lines where a cheap regex sees a mojibake marker, with
every option that could change correct text turned off. A clean document comes out as it went in.

>>> from cleanwire.config import Config
>>> from cleanwire.document import Document
>>> d = Document("x", "It\u00a0donâ€™t work &amp;rsquo; \ufb01ne infor-\\nmation.")
>>> unicode(d, Config())
>>> d.text
'It don’t work ’ fine information.'
>>> sorted({e.kind for e in d.edits})
['expand_ligatures', 'fix_mojibake', 'join_broken_words', 'normalize_whitespace', 'unescape_html']
"""

from __future__ import annotations

import bisect
import functools
import gzip
import importlib.resources
import re
from collections.abc import Callable, Iterable
from html.entities import html5

import ftfy
import orjson
from unidecode import unidecode

from cleanwire.config import Config
from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.text import CP1252_CONTINUATION, CP1252_SEQUENCE

NAME = "unicode"

Change = tuple[int, int, str]  # (start, end, replacement) in the text a fix was given

# ftfy repairs encodings only: every option that could change correct text is off (quotes,
# ligatures and widths, line breaks, control characters, normalization, HTML).
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None, explain=False,
)

# A lead byte of a 2-4 byte UTF-8 sequence read as cp1252/latin-1 (Â-ô) followed by a
# continuation byte read the same way (0x80-0xBF: the cp1252 punctuation or C1 controls,
# then NBSP-¿); or a lone C1 control, which is a cp1252 byte kept as a code point.
_MOJIBAKE_HINT_RE = re.compile("[\u00c2-\u00f4\u0080-\u009f]")  # cheaper: where to start looking
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{CP1252_CONTINUATION}]|[\u0080-\u009f]")
# The latin-1 bytes of the characters _MOJIBAKE_HINT_RE does not match: deleted from the text
# encoded as latin-1 (what latin-1 cannot hold dropped), they leave nothing when the text holds
# no marker. Two C loops tell that five times faster than the regex, and most pages hold none.
_NOT_HINT_BYTES = bytes(b for b in range(256) if not _MOJIBAKE_HINT_RE.match(chr(b)))
# A quotation mark outside mojibake, and the straight mark it stands for: `fix_mojibake` judges a
# line with these straight, as it will be once `quotes` restyled it. A mark is part of mojibake
# only inside a whole UTF-8 sequence read as cp1252 (a lead, then as many continuation characters
# as it announces: "Ã’", "â€™"; not "é’ ", after which ftfy vetoed a repair on the line until
# `quotes` straightened the mark): the pattern takes such a sequence as it is, or else one mark.
_QUOTE_VIEW_RE = re.compile(f"{CP1252_SEQUENCE}|[\u2018-\u201f]")
_QUOTE_VIEW = str.maketrans("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f", "''''\"\"\"\"")
# `_diff`: a mojibake run is at most _SKIP_A characters (a character garbled three times) and
# its repair at most _SKIP_B; _ANCHOR equal characters after them mean the texts agree again.
_SKIP_A, _SKIP_B, _ANCHOR = 32, 8, 3
# An entity, maybe escaped again (`&amp;` before it, up to 8 times): named, decimal or hex.
_ENTITY_RE = re.compile(r"&((?:amp;){0,8})(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]{1,2000}")
_CODE_RE = re.compile(r"`[^`\n]{1,500}`")
_SHIELDS = ((_URL_RE, ("://", "www.")), (_CODE_RE, ("`",)))  # each with what a match of it contains
_ZERO_WIDTH_RE = re.compile("[\u200b-\u200d\u2060\ufeff]{1,64}")
_SOFT_HYPHEN_RE = re.compile("\u00ad{1,64}")
_LIGATURE_RE = re.compile("[\ufb00-\ufb06]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
# Inside a line: two or more spaces of any kind, or one odd space (tab, NBSP, U+2000-200A,
# narrow NBSP, medium mathematical space). U+3000 is right in CJK text and is not in it.
_ODD_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACES}]")
_DOUBLE_SPACE_RE = re.compile("  ")
# A line of code, whose spacing may mean something: an operator no prose uses, a `$name`, or a
# brace or semicolon at its end.
_CODE_LINE_RE = re.compile(r"=>|->|==|!=|&&|\|\||::|\+=|</|/>|\$[A-Za-z_]|[{};][ \t]*$")
_SPACES = frozenset(" " + _ODD_SPACES)  # a space of any kind: the run `normalize_whitespace` replaces
# A word, a hyphen and a line break (or one space), then a lower-case word: "infor-\nmation".
# _GAP_RE (it starts with a literal, so it scans fast) finds the hyphens to try it at.
_GAP_RE = re.compile(r"-(?:[ \t]{0,8}\n[ \t]{0,8}| )(?=[^\W\d_])")
_BROKEN_RE = re.compile(r"(?<![\w\\])([^\W\d_]{1,40})-([ \t]{0,8}\n[ \t]{0,8}| )([^\W\d_]{1,40})(?![\w@/])")
_WORD_RE = re.compile(r"[^\W\d_]{1,64}")
# A hyphenated word, "[^\W\d_]{1,40}-[^\W\d_]{1,40}" as re.findall finds it: `_hyphenated` finds the
# hyphens (a literal, at C speed) and reads the letters on each side, where the whole pattern
# would be tried at every letter of the text (six times slower).
_HYPHEN_RE = re.compile(r"-(?=[^\W\d_])")
_LETTERS_RE = re.compile(r"[^\W\d_]{1,40}")
# Joined or not, when both halves are words: "some-thing" joins ("something" is common),
# "off-screen" and "well-known" do not. 20 splits the compounds and the words of a list
# of both (see the tests); _COMMON is a word count above which a second half is a word.
_COMPOUND_RATIO = 20
_COMMON = 1000
_NON_ASCII_RE = re.compile("[^\x00-\x7f\u2018\u2019\u201a\u201c\u201d\u201e]{1,256}")


# -- the fixes -------------------------------------------------------------------------------

def unescape_html(text: str) -> list[Change]:
    """Decode HTML entities a converter left in the text, however often they were escaped.

    Only exact entity names count (`&copyright;` stays), and never inside URLs or `code`.

    >>> unescape_html("R&amp;D&nbsp;team &amp;rsquo;s &#8212; &#x2019; &foo;")
    [(1, 6, '&'), (7, 13, '\\xa0'), (18, 29, '’'), (31, 38, '—'), (39, 47, '’')]
    """
    if "&" not in text:
        return []
    changes = []
    shield: _Shield | None = None
    for m in _ENTITY_RE.finditer(text):
        levels, body = m.group(1), m.group(2)
        char = _entity_char(body)
        if char is None:
            char = f"&{body};" if levels else None
        if char is None:
            continue
        shield = shield or _Shield(text)
        if not shield.covers(m.start(), m.end()):
            changes.append((m.start(), m.end(), char))
    return changes


def fix_mojibake(text: str) -> list[Change]:
    """Undo UTF-8 read as cp1252 or latin-1 (once or twice), and cp1252 bytes kept as C1 controls.

    ftfy decides, on the lines where a cheap regex sees a marker; the change is cut down to
    the characters that differ. ftfy judges a line as a whole, and a correct curly quote on it
    can veto a repair; `quotes` may straighten that quote, and the next cleaning would then make
    the repair. So ftfy sees the line with its quotation marks straight (one for one: offsets
    stay), and its verdict does not depend on the quote style.

    >>> fix_mojibake("They donâ€™t know.\\nCafÃ© and cafÃƒÂ© are fine; so is Ça.")
    [(8, 11, '’'), (22, 24, 'é'), (32, 36, 'é')]
    >>> fix_mojibake("antler.â€\\ufffd I’m") == fix_mojibake("antler.â€\\ufffd I'm")
    True
    """
    hint = _MOJIBAKE_HINT_RE.search(text) if text.encode("latin-1", "ignore").translate(None, _NOT_HINT_BYTES) else None
    if hint is None:
        return []
    changes: list[Change] = []
    end = -1  # the end of the last line fixed: each line is looked at once, from its first marker
    for m in _MOJIBAKE_RE.finditer(text, hint.start()):
        if m.start() <= end:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        line = _QUOTE_VIEW_RE.sub(_straight_quote, text[start:end])
        fixed = ftfy.fix_text(line, _FTFY)
        if fixed != line:
            changes.extend((start + s, start + e, r) for s, e, r in _diff(line, fixed))
    return changes


def remove_zero_width(text: str) -> list[Change]:
    """Remove zero-width spaces, joiners, word joiners and byte-order marks between Latin text.

    A zero-width joiner inside an emoji sequence and a non-joiner between letters of another
    script mean something and stay; U+2060 and U+FEFF never do.

    >>> remove_zero_width("cli\\u200bck \\ufeffhere 👨\\u200d👩 \\u0645\\u06cc\\u200c\\u062e\\u0648")
    [(3, 4, ''), (7, 8, '')]
    """
    changes: list[Change] = []
    if not any(c in text for c in "\u200b\u200c\u200d\u2060\ufeff"):
        return changes
    for m in _ZERO_WIDTH_RE.finditer(text):
        s, e = m.span()
        run = m.group()
        always = all(c in "\u2060\ufeff" for c in run)
        if always or (_latin_side(text, s - 1) and _latin_side(text, e)):
            changes.append((s, e, ""))
    return changes


def remove_soft_hyphen(text: str) -> list[Change]:
    """Remove soft hyphens (U+00AD): invisible hyphenation hints that split words for search.

    >>> remove_soft_hyphen("infor\\u00admation")
    [(5, 6, '')]
    """
    if "\u00ad" not in text:
        return []
    return [(m.start(), m.end(), "") for m in _SOFT_HYPHEN_RE.finditer(text)]


def expand_ligatures(text: str) -> list[Change]:
    """Spell out the Latin typographic ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) that text copied from PDFs keeps.

    >>> expand_ligatures("e\\ufb03cient \\ufb02ow")
    [(1, 2, 'ffi'), (8, 9, 'fl')]
    """
    if not any(c in text for c in _LIGATURES):  # seven searches for one character: faster than one scan for a class
        return []
    return [(m.start(), m.end(), _LIGATURES[m.group()]) for m in _LIGATURE_RE.finditer(text)]


def normalize_whitespace(text: str) -> list[Change]:
    """Make every space inside a line one plain space: NBSP, thin, narrow and en spaces, tabs, runs.

    Whitespace at the ends of lines is the `layout` step's; spaces inside `code` and on lines
    that look like code (`'rank'\\t=>\\t1,`) stay.

    >>> normalize_whitespace("a\\u00a0b  c\\td\\u2009e  ")
    [(1, 2, ' '), (3, 5, ' '), (6, 7, ' '), (8, 9, ' ')]
    """
    # a search for each odd space is far faster than a scan for their class, and most texts have none
    odd = [m.start() for m in _ODD_SPACE_RE.finditer(text)] if any(c in text for c in _ODD_SPACES) else []
    starts = sorted(odd + [m.start() for m in _DOUBLE_SPACE_RE.finditer(text)])
    changes: list[Change] = []
    shield: _Shield | None = None
    done = code_end = 0
    is_code = False
    for p in starts:
        if p < done:
            continue
        s, e = p, p + 1
        while s > 0 and text[s - 1] in _SPACES:
            s -= 1
        while e < len(text) and text[e] in _SPACES:
            e += 1
        done = e
        if s == 0 or e == len(text) or text[s - 1] == "\n" or text[e] == "\n" or text[s:e] == " ":
            continue
        if e > code_end:  # a new line: look at it once
            code_start = text.rfind("\n", 0, s) + 1
            code_end = text.find("\n", e)
            code_end = len(text) if code_end < 0 else code_end
            is_code = _CODE_LINE_RE.search(text, code_start, code_end) is not None
        if is_code:
            continue
        if shield is None:
            shield = _Shield(text)
        if not shield.covers(s, e):
            changes.append((s, e, " "))
    return changes


def join_broken_words(text: str) -> list[Change]:
    """Join a word hyphenated at a line end ("infor-\\nmation"), or whose line break became a space.

    The judgement, in order (the document first, then pyspellchecker's English word counts):
    1. the hyphenated form appears elsewhere in the document: keep the hyphen;
    2. the joined form appears elsewhere in the document: join;
    3. one letter before a line-end hyphen: keep it. Nobody breaks a line after one letter,
       so "e-\\nmail" is the word "e-mail";
    4. both halves are words: join only when the joined word is at least 1/20 as common as
       the rarer half ("some-thing" joins; "well-known", "off-screen", "re-elect" keep it);
    5. the joined form is a word and a half is not: join ("infor-mation", "feat- ures");
    6. no word anywhere: at a line end, a half that is no word means a broken word, so join
       ("Bloo-\\nmberg"), except after a prefix of two letters ("au-\\nvin"), before a common
       word ("Covid-\\nrelated"), or inside a chain ("victim-\\ncum-SLA"); after a space, join
       only when neither half is a word.
    At a line end a kept hyphen still loses its line break ("well-\\nknown" -> "well-known").
    So "pre- and post-war" stays as it is.

    >>> join_broken_words("the infor-\\nmation is well-\\nknown; pre- and post-war feat- ures")
    [(9, 11, ''), (26, 27, ''), (56, 58, '')]
    """
    found = []
    for gap in _GAP_RE.finditer(text):
        start = gap.start()
        while start > 0 and gap.start() - start < 41 and text[start - 1].isalpha():
            start -= 1
        m = _BROKEN_RE.match(text, start)
        if m is not None and m.end(1) == gap.start():
            found.append(m)
    if not found:
        return []
    words = {w.lower() for w in _WORD_RE.findall(text)}
    hyphenated = _hyphenated(text)
    # joining adds words the next run would see: decide until the decisions stop changing,
    # so that a second run agrees with the first
    joined: set[str] = set()
    for _ in range(8):  # each round only adds words; real text settles in one or two
        decisions = [_join(m, words | joined, hyphenated) for m in found]
        now = {(m.group(1) + m.group(3)).lower() for m, d in zip(found, decisions, strict=True) if d}
        if now <= joined:
            break
        joined |= now
    changes = []
    shield = _Shield(text)
    for m, join in zip(found, decisions, strict=True):
        hyphen = m.end(1)
        if shield.covers(m.start(), hyphen + 1):
            continue
        if join:
            changes.append((hyphen, m.start(3), ""))
        elif "\n" in m.group(2):
            changes.append((hyphen + 1, m.start(3), ""))
    return changes


def transliterate(text: str) -> list[Change]:
    """Spell what is still non-ASCII in ASCII with unidecode (only with `--ascii`).

    Quotation marks are left to the `quotes` stage, whose `--quotes` style decides them.

    >>> transliterate("Zoë’s café — 5€")
    [(2, 3, 'e'), (9, 10, 'e'), (11, 12, '--'), (14, 15, 'EUR')]
    """
    changes = []
    for m in _NON_ASCII_RE.finditer(text):
        ascii_ = unidecode(m.group())
        if ascii_ != m.group():
            changes.append((m.start(), m.end(), ascii_))
    return changes


# Fixes in passes: each pass sees the text the previous ones left; the fixes in one pass touch
# disjoint characters. Entities first (they may hide anything), whitespace after the invisible
# characters (removing one can leave two spaces), broken words after whitespace.
PASSES: tuple[tuple[Callable[[str], list[Change]], ...], ...] = (
    (unescape_html,),
    (fix_mojibake,),
    (remove_zero_width, remove_soft_hyphen, expand_ligatures),
    (normalize_whitespace,),
    (join_broken_words,),
)
_ASCII_PASS = (transliterate,)


@functools.cache
def _lexicon() -> dict[str, int]:
    """English word frequencies (pyspellchecker's list), loaded once per process: before a run
    (the stage's `prepare`), or else on first need.

    Read as `SpellChecker(language="en")` reads it (words lowercased, the counts of words that
    differ only in case summed), but with orjson and without building a spell checker around it,
    which takes more than twice as long (0.19 against 0.08 CPU seconds here, paid by every run).
    """
    packed = (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    data = orjson.loads(gzip.decompress(packed))
    words = "".join(data)
    if words.lower() == words:  # the list is lowercase already (it is): one C call, not one per word
        return data
    lowered: dict[str, int] = {}
    for word, count in data.items():
        key = word.lower()
        lowered[key] = lowered.get(key, 0) + count
    return lowered


@stage(NAME, "mojibake, HTML entities, odd and invisible characters, ligatures, words broken at line ends",
       prepare=_lexicon)
def unicode(doc: Document, config: Config) -> None:
    _repair(doc, config)
    if doc.title is not None:
        doc.title = fix_string(doc.title, config)
    doc.authors = [fix_string(a, config) for a in doc.authors]
    doc.captions = [fix_string(c, config) for c in doc.captions]


def fix_string(text: str, config: Config) -> str:
    """Every fix of the stage on a plain string (metadata fields, whose audit is not kept).

    >>> fix_string("Caf\\u00c3\\u00a9 &amp; \\ufb01sh", Config())
    'Café & fish'
    """
    doc = Document("field", text)
    _repair(doc, config)
    return doc.text


def _repair(doc: Document, config: Config) -> None:
    # The passes run again while a round changes something: one fix can reveal work for an
    # earlier one (an entity decoded next to mojibake changes how ftfy reads it), and the stage
    # must be idempotent. Real text settles in one round; the bound keeps hostile text linear.
    # A fix depends on the text alone, so a pass is not run again on a text it found nothing in:
    # the round that confirms a repair only runs the passes that saw the text before it.
    settled: dict[tuple[Callable[[str], list[Change]], ...], str] = {}  # pass -> text it left as it was
    for _ in range(4):
        changed = False
        for fixes in _passes(config):
            for _ in range(8):  # a pass that changed something runs again (entities escaped many times)
                text = doc.text
                if settled.get(fixes) == text:
                    break
                ops = [Op(s, e, r, NAME, fix.__name__) for fix in fixes for s, e, r in fix(text)]
                if not ops:
                    settled[fixes] = text
                    break
                doc.apply(ops)
                changed = True
        if not changed:
            break


# -- helpers ---------------------------------------------------------------------------------

def _passes(config: Config) -> Iterable[tuple[Callable[[str], list[Change]], ...]]:
    """PASSES, then transliteration when the config asks for ASCII output."""
    yield from PASSES
    if config is not None and config.ascii:
        yield _ASCII_PASS


def _straight_quote(m: re.Match[str]) -> str:
    """The straight mark for a curly quotation mark (`_QUOTE_VIEW`); a mojibake sequence as it is."""
    mark = m.group()
    return mark.translate(_QUOTE_VIEW) if len(mark) == 1 else mark


def _diff(a: str, b: str) -> list[Change]:
    """The changes that turn `a` into `b`, when `b` is `a` with short runs replaced (ftfy's output).

    A greedy walk, linear in the length: at each difference it takes the smallest skip on
    both sides after which `_ANCHOR` characters agree again (difflib takes minutes on a long
    line of repeated mojibake). Whatever never agrees again is one last change.

    >>> _diff("donâ€™t and cafÃ©s", "don’t and cafés")
    [(3, 6, '’'), (15, 17, 'é')]
    """
    changes: list[Change] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        skip = _resync(a, b, i, j)
        if skip is None:
            break
        di, dj = skip
        changes.append((i, i + di, b[j:j + dj]))
        i += di
        j += dj
    if i < len(a) or j < len(b):
        changes.append((i, len(a), b[j:]))
    return changes


def _resync(a: str, b: str, i: int, j: int) -> tuple[int, int] | None:
    """The smallest (skip in a, skip in b) after which the texts agree again, or None."""
    for total in range(1, _SKIP_A + _SKIP_B + 1):
        for dj in range(min(total, _SKIP_B), -1, -1):
            di = total - dj
            if di <= _SKIP_A and a[i + di:i + di + _ANCHOR] == b[j + dj:j + dj + _ANCHOR]:
                return di, dj
    return None


def _entity_char(body: str) -> str | None:
    """The character an entity body (`rsquo`, `#8217`, `#x2019`) stands for, or None."""
    if body[0] != "#":
        return html5.get(body + ";")
    cp = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    if 0x80 <= cp <= 0x9F:  # as browsers do: the cp1252 character of that byte
        decoded = bytes([cp]).decode("cp1252", "ignore")
        return decoded or None
    if cp < 0x20 and cp not in (9, 10) or cp == 0x7F or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
        return None
    return chr(cp)


def _latin_side(text: str, i: int) -> bool:
    """Whether the character at `i` (outside the text: yes) is Latin, common punctuation or space."""
    if i < 0 or i >= len(text):
        return True
    cp = ord(text[i])
    return cp < 0x250 or 0x1E00 <= cp < 0x1F00 or 0x2000 <= cp < 0x2070


class _Shield:
    """Spans no fix may touch: URLs and `code`."""

    def __init__(self, text: str) -> None:
        merged: list[list[int]] = []
        # most texts hold neither a URL nor code: a search for what each must contain skips its scan
        patterns = [rx for rx, marks in _SHIELDS if any(mark in text for mark in marks)]
        for s, e in sorted(m.span() for rx in patterns for m in rx.finditer(text)):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.ends[k] > start


def _hyphenated(text: str) -> set[str]:
    """The lowercased hyphenated words of `text`: what `re.findall` of "[^\\W\\d_]{1,40}-[^\\W\\d_]{1,40}" finds.

    That scan takes, before a hyphen, the letters from where it stands (the end of the last
    match, or the text's start) but at most 40; after it, up to 40 letters, and goes on from there.
    The letters before a hyphen are read forwards in the reversed text.

    >>> sorted(_hyphenated("a well-known, self-made x-ray-proof man; -no- e-"))
    ['self-made', 'well-known', 'x-ray']
    """
    found: set[str] = set()
    backwards = ""
    resume = 0  # where the scan goes on: the end of the last match
    for m in _HYPHEN_RE.finditer(text):
        hyphen = m.start()
        if hyphen <= resume:
            continue
        backwards = backwards or text[::-1]
        back = len(text) - hyphen  # text[hyphen - 1] in the reversed text
        before = _LETTERS_RE.match(backwards, back, back + hyphen - resume)
        if before is None:
            continue
        after = _LETTERS_RE.match(text, hyphen + 1)
        assert after is not None  # the hyphen's lookahead saw a letter
        resume = after.end()
        found.add(text[hyphen - len(before.group()):resume].lower())
    return found


def _join(m: re.Match[str], words: set[str], hyphenated: set[str]) -> bool:
    """Whether the broken word in `m` is one word (see `join_broken_words`)."""
    a, b = m.group(1), m.group(3)
    if not (b[0].islower() or a.isupper() and b.isupper()):
        return False
    if f"{a}-{b}".lower() in hyphenated:
        return False
    whole = (a + b).lower()
    if whole in words:
        return True
    line_end = "\n" in m.group(2)
    if line_end and len(a) < 2:
        return False
    lexicon = _lexicon()
    fa, fb, fw = lexicon.get(a.lower(), 0), lexicon.get(b.lower(), 0), lexicon.get(whole, 0)
    if fa and fb:  # two words: one word only if it is not much rarer than its rarer half
        return fw * _COMPOUND_RATIO >= min(fa, fb)
    if fw:
        return True
    text = m.string
    chained = text[m.start(1) - 1:m.start(1)] == "-" or text[m.end(3):m.end(3) + 1] == "-"
    if chained or not line_end:  # "victim-cum-SLA", "Dune- din": no evidence, no join
        return not chained and not fa and not fb
    # at a line end, a half that is no word makes a broken word ("Bloo-mberg"), unless it is
    # a short prefix ("au-vin") or a name before a common word ("Covid-related")
    if fb:
        return len(a) > 2 and (len(b) < 4 or fb < _COMMON)
    return True
