"""The `quotes` stage: quotation marks in the configured style, wrong-way and lost marks repaired.

Scraped news mixes straight and typographic marks, turns marks the wrong way (“ for ”, ‘ for ’,
apostrophes included) and loses marks at paragraph starts and before attributions. The stage reads
every paragraph (one line) as a sequence of marks, gives each a role from its neighbours (opening,
closing, apostrophe, or untouchable), balances the double quotes, and then:

- writes every mark in the style `config.quotes` asks for: "ascii" (straight " and ', apostrophes
  included), "curly" (“ ” ‘ ’, straight marks converted by their role) or "keep" (the document's
  dominant style: a paragraph wholly in the other style, the only one and holding no URL, is
  converted when the rest of the document keeps to one style; a document mixing its styles is
  left as it is);
- turns a curly mark its context contradicts (`turn_wrong_way_quote`);
- restores an opening mark that a quotation ending in the paragraph lost
  (`restore_opening_quote`: at the paragraph start, after an introducing colon, after a sentence
  that reports speech, or at the sentence after an earlier quotation's attribution) and a
  closing mark lost before an attribution (`restore_closing_quote`: `“It is a good thing, he
  said.` gets ” after the comma).

The English multi-paragraph convention stays as it is: a quotation left open at the end of a
paragraph whose next paragraph opens with a quotation mark is a quotation running on. A quotation
that cannot be balanced with confidence is left alone and flagged (`unbalanced_quote`).

It never touches: marks after digits that are feet, inches or coordinate primes (5' 11", 40°26'46"),
marks inside URLs and code-like tokens (`x="a"`, `print('a')`), and paragraphs written in another
language's convention („…“, «…», ‹…›), which stay as they are in "curly" and "keep" modes. In "ascii"
mode such a paragraph gets straight " and ' for „ “ ” ‚ ‘ ’, while guillemets « » ‹ › stay (they
are not quotation marks ASCII has; `--ascii` transliterates them).

>>> from cleanwire.config import Config
>>> from cleanwire.document import Document
>>> d = Document("x", "China stands for peace,” the agency said. It's \\"special\\".")
>>> quotes(d, Config(quotes="curly"))
>>> d.text
'“China stands for peace,” the agency said. It’s “special”.'
>>> [e.kind for e in d.edits]
['restore_opening_quote', 'curl_quote', 'curl_quote', 'curl_quote']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cleanwire.config import Config
from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.text import BULLET_RE

NAME = "quotes"

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"
_DOUBLES = frozenset('"\u201c\u201d')
_SINGLES = frozenset("'\u2018\u2019")
_CURLY = frozenset("\u201c\u201d\u2018\u2019")
# other languages' conventions: a paragraph holding one of these is left in its own style
_FOREIGN = frozenset("\u201e\u201a\u201f\u201b\u00ab\u00bb\u2039\u203a")
_GUILLEMETS = frozenset("\u00ab\u00bb\u2039\u203a")
_LOW_DOUBLES = frozenset("\u201e\u201f")  # read as plain double marks in ascii mode
_TYPOGRAPHIC = _CURLY | frozenset("\u201e\u201a\u201f\u201b")
_ALL_MARKS = _DOUBLES | _SINGLES | _FOREIGN
_URL_EDGE = "".join(sorted(_ALL_MARKS)) + "()[].,;:!?"  # prose around a URL, not part of it
_FOREIGN_STRAIGHTENED = {"\u201e": '"', "\u201f": '"', "\u201a": "'", "\u201b": "'"}
# a mark after one of these opens; before one of these it closes
# (neighbouring quotation marks are looked through: “‘Live’” reads as ‘Live’ does)
_LEFT_OPEN = frozenset("([{<\u2014\u2013-/")
_RIGHT_CLOSE = frozenset(".,;:!?)]}>\u2014\u2013-/\u2026")
_LOOK_THROUGH = 3
_TOKEN_WINDOW = 100
# punctuation a quotation ends with before its closing mark
_QUOTE_END = frozenset(",.?!\u2026\u2014\u2013-")
# characters that make a token code-like (a mark inside it is not prose)
_CODE_CHARS = frozenset("=<>{}\\`|")

_MARK_RE = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e\u201a\u201f\u201b\u00ab\u00bb\u2039\u203a]")
_SPACE_RE = re.compile(r"\s")
_URL_RE = re.compile(r"(?:[a-z][a-z0-9+.-]{0,15}://|www\.)", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{1,40}")
# a sentence ends at . ? ! (optionally followed by a closing mark or bracket) before a space
_SENTENCE_END_RE = re.compile("[.?!\u2026][\"'\u201d\u2019)]?(?:\\s|$)")
# an attribution cue: a comma, question or exclamation mark, then a space and a word
_CUE_RE = re.compile(r"[,?!] (?=\w)")
# the next sentence start after an earlier quotation's attribution
_NEXT_SENTENCE_RE = re.compile(r"[.?!] (?=[^\W\d_])")
# a quotation introduced by a colon, or by a comma after a reporting word, opens after it
_INTRO_RE = re.compile(r"[:,] (?=[^\W_])")
_LAST_WORD_RE = re.compile(r"[^\W\d_]{1,40}$")
_NONSPACE_RE = re.compile(r"\S")

# Reporting words of English attributions. A document's own attributions (the words after its
# closing marks) count too, so that other languages' attributions are learnt from the text.
_REPORTING = frozenset(
    "said says told tells added adds asked asks wrote writes explained explains noted notes "
    "stated states replied replies continued continues insisted insists according recalled "
    "recalls warned warns tweeted posted declared declares argued argues admitted admits "
    "acknowledged joked quipped claimed claims observed remarked suggested conceded countered "
    "cautioned urged predicted announced stressed concluded quoted quote quotes reported "
    "reports responded shared".split()
)
_MIXED_SHARE = 0.075  # keep mode: how much of the rest of a document may be in the other style
_CLAUSE_WINDOW = 400
_SEGMENT_WORDS = 8  # an attribution's reporting word comes within its first eight words
_SHORT_ATTRIBUTION = 6


@dataclass(slots=True)
class _Mark:
    pos: int
    ch: str
    double: bool
    key: str = ""  # the mark its role is read as: itself, or in an ascii reading its straight form
    role: str = "keep"  # "open", "close", "apostrophe" or "keep" (never changed)
    turned: bool = False  # a curly mark whose role contradicts its direction


@dataclass(slots=True)
class _Paragraph:
    start: int
    end: int
    marks: list[_Mark] = field(default_factory=list)
    foreign: bool = False
    opens_with_quote: bool = False  # its first character is an opening double mark
    restores_at_start: bool = False  # it gets a restored opening mark at its start
    unopened: list[tuple[int, int]] = field(default_factory=list)  # (anchor, closing mark pos)
    # opening marks never closed, outermost first: (position, where the next quotation opens)
    pending: list[tuple[int, int]] = field(default_factory=list)
    openings: list[int | None] = field(default_factory=list)  # where each unopened one opens


# -- the fixes: each name is the `kind` of the edits it makes --------------------------------


def straighten_quote(mark: str) -> str:
    """The straight ASCII mark for a typographic one: what most corpora and tokenizers expect.

    >>> straighten_quote("\u201c"), straighten_quote("\u2019"), straighten_quote("\u201e")
    ('"', "'", '"')
    """
    if mark in _FOREIGN_STRAIGHTENED:
        return _FOREIGN_STRAIGHTENED[mark]
    if mark in _GUILLEMETS:
        return mark
    return '"' if mark in _DOUBLES else "'"


def curl_quote(mark: str, role: str) -> str:
    """The typographic mark for a straight one in `role` ("open", "close" or "apostrophe").

    Apostrophes take the closing single mark, as typesetters do (“don’t”, “’90s”).

    >>> curl_quote('"', "open"), curl_quote("'", "apostrophe"), curl_quote("'", "open")
    ('“', '’', '‘')
    """
    if mark in _DOUBLES:
        return OPEN_DOUBLE if role == "open" else CLOSE_DOUBLE
    return OPEN_SINGLE if role == "open" else CLOSE_SINGLE


def turn_wrong_way_quote(mark: str) -> str:
    """The same curly mark facing the other way: “ for a closing ” and ‘ for ’ (and back).

    Wrong-way marks come from editors' smart-quote guesses after a dash or an elision.

    >>> turn_wrong_way_quote("\u201c"), turn_wrong_way_quote("\u2018")
    ('”', '’')
    """
    return {OPEN_DOUBLE: CLOSE_DOUBLE, CLOSE_DOUBLE: OPEN_DOUBLE,
            OPEN_SINGLE: CLOSE_SINGLE, CLOSE_SINGLE: OPEN_SINGLE}.get(mark, mark)


def restore_opening_quote(text: str, para_start: int, para_end: int, anchor: int, close: int) -> int | None:
    """Where the opening mark of a quotation that ends at `close` belongs, or None when unsure.

    The quotation must end with punctuation (`war,”`, `it.”`), as reported speech does; a
    closing mark after a bare word ends an inline quotation whose start cannot be told. It then
    opens after an introducing colon or reporting word (`He said: It is.”`, `He said, It is.”`),
    else after the first sentence that reports speech (`Ann said she was sad. I pray,” she
    said.`), else at the paragraph start (after a list marker: the marker is not quoted), or
    with an earlier quotation in the paragraph (`anchor`), at the first sentence after it. When
    the quotation ends the paragraph, unattributed, in a sentence that reports speech (`Ann
    said that it was late.”`), it opened somewhere inside that sentence: unsure.

    >>> t = "Peace is the only way,” the agency said."
    >>> restore_opening_quote(t, 0, len(t), 0, t.index("\u201d"))
    0
    >>> t = "He said: We will go.”"
    >>> t[restore_opening_quote(t, 0, len(t), 0, len(t) - 1):]
    'We will go.”'
    >>> restore_opening_quote("its special operation” in Ukraine", 0, 33, 0, 21) is None
    True
    >>> t = "* We will go,” he said."
    >>> t[restore_opening_quote(t, 0, len(t), 0, t.index("\u201d")):]
    'We will go,” he said.'
    """
    if close <= anchor or text[close - 1] not in _QUOTE_END:
        return None
    at = _opening_position(text, para_start, para_end, anchor, close)
    return None if at is None or _joins_code(text, at) else at


def _opening_position(text: str, para_start: int, para_end: int, anchor: int, close: int) -> int | None:
    colon = None
    for m in _INTRO_RE.finditer(text, anchor, close):
        if text[m.start()] == ":":
            if m.start() == 0 or not text[m.start() - 1].isdigit():  # not a time, 10: 30
                colon = m.end()
        elif text[m.end()].isupper() and (word := _LAST_WORD_RE.search(text, max(anchor, m.start() - 40), m.start())) \
                and word.group().casefold() in _REPORTING:
            colon = m.end()  # `Kirby said, It could end now.”`
    if colon is not None:
        return colon
    if anchor > para_start:  # `“It is late,” he said. We go.”`: after the attribution's sentence
        m = _NEXT_SENTENCE_RE.search(text, anchor, close)
        return m.end() if m else None
    sentence_start = anchor
    for m in _NEXT_SENTENCE_RE.finditer(text, anchor, close):
        if any(w.casefold() in _REPORTING for w in _WORD_RE.findall(text, sentence_start, m.end())):
            return m.end()  # `Ann said she was sad. I pray for them,” she said.`
        sentence_start = m.end()
    ends_paragraph = not _NONSPACE_RE.search(text, close + 1, para_end)
    if ends_paragraph and any(w.casefold() in _REPORTING for w in _WORD_RE.findall(text, sentence_start, close)):
        return None  # `Ann said that it was late.”`: it opens somewhere in a sentence that reports it
    bullet = BULLET_RE.match(text, para_start, close)  # `* It is.”`: a list item's text starts after its marker
    item = _NONSPACE_RE.search(text, bullet.end(), close) if bullet else None
    return item.start() if item else para_start


def restore_closing_quote(text: str, opening: int, end: int, learned: frozenset[str] | set[str]) -> int | None:
    """Where the closing mark of a quotation opened at `opening` and never closed belongs, or None.

    It goes after the first comma (or ? or !) that an attribution follows: words up to the next
    comma or the end of the sentence with a reporting word among their first eight (`, he
    said.`, `, said Ann Lee, a minister.`, `, the agency said.`), or one of the document's own
    attribution words (`learned`, from its balanced quotations) as the first or second, or a
    short sentence end after which the quotation opens again (`, she shared. “I was 22`), or a
    name with its apposition before the reporting word (`, Ann Lee, head of the union, said`).

    >>> t = "“It is a good thing, he said. Then he left."
    >>> t[:restore_closing_quote(t, 0, len(t), set())]
    '“It is a good thing,'
    >>> restore_closing_quote("“We will fight, and we will win.", 0, 32, set()) is None
    True
    """
    for m in _CUE_RE.finditer(text, opening + 1, end):
        start = m.end()
        sentence = _SENTENCE_END_RE.search(text, start, min(end, start + _CLAUSE_WINDOW))
        clause_end = sentence.start() + 1 if sentence else min(end, start + _CLAUSE_WINDOW)
        comma = text.find(",", start, clause_end)
        words = [w.casefold() for w in _WORD_RE.findall(text, start, clause_end if comma < 0 else comma)]
        if not words:
            continue
        if (any(w in _REPORTING for w in words[:_SEGMENT_WORDS]) or any(w in learned for w in words[:2])
                or (comma < 0 and len(words) <= _SHORT_ATTRIBUTION and _reopens(text, clause_end))):
            return None if _joins_code(text, m.start() + 1) else m.start() + 1
        if comma >= 0 and text[start].isupper() and _apposition(text, start, clause_end):
            return None if _joins_code(text, m.start() + 1) else m.start() + 1
    return None


def _apposition(text: str, start: int, end: int) -> bool:
    """A name, its apposition, then the reporting word: `Ann Lee, head of the union, said`.

    >>> t = "Spokane, that is always snow-free even when it snows all around, he says"
    >>> _apposition("Ann Lee, 37, said it.", 0, 21), _apposition(t, 0, len(t))
    (True, False)
    """
    parts = text[start:end].split(",", 3)
    if len(parts) < 3:
        return False
    name, apposition, rest = (_WORD_RE.findall(p) for p in parts[:3])
    return (0 < len(name) <= 4 and len(apposition) <= 8
            and any(w.casefold() in _REPORTING for w in rest[:2]))


def _reopens(text: str, at: int) -> bool:
    """Whether the next sentence, after position `at`, starts with an opening mark."""
    k = at
    while k < len(text) and k < at + 2 and text[k] == " ":
        k += 1
    return at < k < len(text) and text[k] in "\u201c\""


# -- reading the marks ----------------------------------------------------------------------


def _protected(text: str, start: int, end: int, found: list[int]) -> set[int]:
    """Positions of the marks `found` that are inside URLs and code-like tokens of `text[start:end]`."""
    out: set[int] = set()
    token_end = start
    for p in found:
        if p < token_end:
            continue  # in the token just read
        token_start = p
        while token_start > start and not text[token_start - 1].isspace():
            token_start -= 1
        space = _SPACE_RE.search(text, p, end)
        token_end = space.start() if space else end
        s = text[token_start:token_end]
        if _code_like(s):
            out.update(token_start + m.start() for m in _MARK_RE.finditer(s))
        elif url := _URL_RE.search(s):  # marks around a URL are prose; only those inside it are the URL's
            core = s.rstrip(_URL_EDGE)
            out.update(token_start + m.start() for m in _MARK_RE.finditer(core, url.start()))
    return out


def _code_like(token: str) -> bool:
    """Whether a token is code (`x="a"`, `print('a')`): its marks are not prose.

    >>> _code_like("lang='en'"), _code_like('print("a")'), _code_like('("Yes.")')
    (True, True, False)
    """
    paren = token.find("(")
    return (not _CODE_CHARS.isdisjoint(token)
            or (paren > 0 and token[paren - 1].isalnum() and paren + 1 < len(token) and token[paren + 1] in "\"'"))


def _joins_code(text: str, at: int) -> bool:
    """Whether a mark put in at `at` would stick to a code-like token (and so not count as prose)."""
    start = at
    while start > 0 and start > at - _TOKEN_WINDOW and not text[start - 1].isspace():
        start -= 1
    end = at
    while end < len(text) and end < at + _TOKEN_WINDOW and not text[end].isspace():
        end += 1
    return _code_like(text[start:end])


def _context(text: str, pos: int, start: int, end: int) -> tuple[str | None, str | None]:
    """The characters before and after the mark at `pos`, looking through adjacent marks."""
    i = pos - 1
    while i >= start and i > pos - _LOOK_THROUGH and text[i] in _ALL_MARKS:
        i -= 1
    j = pos + 1
    while j < end and j < pos + _LOOK_THROUGH and text[j] in _ALL_MARKS:
        j += 1
    return (text[i] if i >= start else None), (text[j] if j < end else None)


def _opens(c: str | None) -> bool:
    return c is None or c.isspace() or c in _LEFT_OPEN


def _closes(c: str | None) -> bool:
    return c is None or c.isspace() or c in _RIGHT_CLOSE


def _read_paragraph(text: str, start: int, end: int, found: list[int], ascii_mode: bool) -> _Paragraph:
    """The paragraph's marks with roles, and its unbalanced double quotations.

    A paragraph in another language's convention is `foreign` and gets no roles; in an ascii
    reading, where „ ‚ become straight marks anyway, only guillemets make it so.
    """
    para = _Paragraph(start, end)
    if any(text[p] in (_GUILLEMETS if ascii_mode else _FOREIGN) for p in found):
        para.foreign = True
        para.marks = [_Mark(p, text[p], text[p] in _DOUBLES) for p in found]
        return para
    # an ascii reading reads every mark as straight, as a second run over its output will
    marks = [_Mark(p, text[p], text[p] in _DOUBLES or text[p] in _LOW_DOUBLES,
                   straighten_quote(text[p]) if ascii_mode else text[p]) for p in found]
    doubles = [m for m in marks if m.double]
    if ascii_mode:
        # it writes every single mark straight whatever its role (`_restyle`), and balances only
        # the double ones: the roles of single marks are read for the curly and keep styles
        protected = _protected(text, start, end, [m.pos for m in doubles])
    else:
        protected = _protected(text, start, end, found)
        _single_roles(text, start, end, [m for m in marks if not m.double and m.pos not in protected])
    _double_roles(text, para, [m for m in doubles if m.pos not in protected])
    para.marks = marks
    para.openings = [restore_opening_quote(text, start, end, anchor, close) for anchor, close in para.unopened]
    para.restores_at_start = start in para.openings
    return para


def _single_roles(text: str, start: int, end: int, marks: list[_Mark]) -> None:
    """Apostrophe, opening or closing role of each single mark (primes stay "keep")."""
    # a closing candidate: after a word or punctuation, before a non-word
    # (a quotation holds two characters or more: in rock ’n’ roll the marks are apostrophes)
    contexts = [_context(text, m.pos, start, end) for m in marks]
    closing_after = [-1] * (len(marks) + 1)  # position of the nearest closing candidate after i
    for i in range(len(marks) - 1, -1, -1):
        prev, nxt = contexts[i]
        is_close = prev is not None and not prev.isspace() and not _opens(prev) and not (nxt or " ").isalnum()
        closing_after[i] = marks[i].pos if is_close else closing_after[i + 1]
    for i, m in enumerate(marks):
        prev, nxt = contexts[i]
        prev_word = prev is not None and prev.isalnum()
        next_word = nxt is not None and nxt.isalnum()
        if m.key == "'" and prev is not None and prev.isdigit() and not (nxt is not None and nxt.isalpha()):
            m.role = "keep"  # a foot mark or prime: 5' 11", 40°26'
        elif prev_word:
            m.role = "apostrophe" if next_word else "close"
        elif next_word and nxt is not None and nxt.isdigit():
            m.role = "apostrophe"  # an elided century: ’90s
        elif _opens(prev) or next_word:
            close = closing_after[i + 1]
            later = close > m.pos + 2
            if m.key == OPEN_SINGLE:
                m.role = "open" if (next_word or later) else "close"
            else:
                m.role = "open" if later else ("apostrophe" if next_word else "close")
        else:
            m.role = "close"
        m.turned = (m.key == OPEN_SINGLE and m.role != "open") or (m.key == CLOSE_SINGLE and m.role == "open")


def _double_roles(text: str, para: _Paragraph, marks: list[_Mark]) -> None:
    """Roles of the double marks by context and balance; records unbalanced quotations.

    Opening marks stack (scraped quotations nest double marks in double marks); a closing
    mark with nothing open is a quotation whose opening mark was lost.
    """
    stack: list[list[int]] = []  # [opening mark position, first opening nested in it or -1]
    anchor = para.start
    for m in marks:
        prev, nxt = _context(text, m.pos, para.start, para.end)
        if m.key == '"' and prev is not None and prev.isdigit() and not stack:
            m.role = "keep"  # an inch mark or a second: 5' 11", 46"N
            continue
        lo, rc = _opens(prev), _closes(nxt)
        ctx = "open" if lo and not rc else ("close" if rc and not lo else "either")
        if m.key == OPEN_DOUBLE:
            role = "close" if ctx == "close" else "open"
        elif m.key == CLOSE_DOUBLE:
            role = "open" if ctx == "open" and not stack else "close"
        elif ctx == "either":
            role = "close" if stack else "open"
        else:
            role = ctx
        m.role = role
        m.turned = m.key in _CURLY and (m.key == OPEN_DOUBLE) != (role == "open")
        if role == "open":
            if stack and stack[-1][1] < 0:
                stack[-1][1] = m.pos
            elif not stack and m.pos == para.start:
                para.opens_with_quote = True
            stack.append([m.pos, -1])
        else:
            if not stack:
                para.unopened.append((anchor, m.pos))
            else:
                stack.pop()
            anchor = m.pos + 1
    para.pending = [(pos, nested if nested >= 0 else para.end) for pos, nested in stack]


def _learn_attributions(text: str, paras: list[_Paragraph]) -> set[str]:
    """The reporting words of this document: the first two words after its closing marks."""
    vocab: set[str] = set()
    for para in paras:
        for m in para.marks:
            if m.double and m.role == "close" and m.pos > para.start and text[m.pos - 1] in ",?!":
                if m.pos + 1 < para.end and text[m.pos + 1] == " ":
                    vocab.update(_attribution_words(text, m.pos + 2, min(para.end, m.pos + 60)))
    return vocab


def _attribution_words(text: str, start: int, end: int) -> Iterator[str]:
    """The reporting words an attribution starting at `start` teaches: its first two words in
    `text[start:end]`, casefolded, those of four letters or more (`said`, `told`, not `he`)."""
    return (w.casefold() for w in _WORD_RE.findall(text, start, end)[:2] if len(w) >= 4)


# -- the stage ----------------------------------------------------------------------------


@stage(NAME, "quotation marks in the configured style; wrong-way, lost opening and lost closing marks repaired")
def quotes(doc: Document, config: Config) -> None:
    text = doc.text
    mode = config.quotes
    paras = [_read_paragraph(text, s, e, found, mode == "ascii") for s, e, found in _marked_paragraphs(text)]
    if not paras:
        return None
    vocab = _learn_attributions(text, paras)
    counts = [_style_counts(p) for p in paras]
    total = (sum(c for c, _ in counts), sum(s for _, s in counts))
    dominant = ("curly" if total[0] > total[1] else "ascii") if mode == "keep" else mode
    # a paragraph holding a URL is embedded matter (a post, a link line) in its source's own style
    strays = [mode == "keep" and _stray(c, total, dominant) and not _URL_RE.search(text, p.start, p.end)
              for p, c in zip(paras, counts, strict=True)]
    if sum(strays) > 1:  # several paragraphs in the other style: the document mixes its styles
        strays = [False] * len(strays)
    # a closing mark restored here teaches the reporting words after it, as it would teach them to a
    # second cleaning: learn until nothing new is learned, so that cleaning again restores nothing more
    ops, notes = _plan(text, paras, mode, strays, dominant, vocab)
    for _ in range(_LEARNING_ROUNDS):
        learned = vocab | _restored_attributions(text, ops)
        if learned == vocab:
            break
        vocab = learned
        ops, notes = _plan(text, paras, mode, strays, dominant, vocab)
    for para, note in notes:
        _flag(doc, text, para, note)
    doc.apply(ops)
    return None


_LEARNING_ROUNDS = 8  # a bound, not a target: a second round is rare, a third rarer


def _plan(text: str, paras: list[_Paragraph], mode: str, strays: list[bool], dominant: str,
          vocab: set[str]) -> tuple[list[Op], list[tuple[_Paragraph, str]]]:
    """The stage's ops for every marked paragraph, and the (paragraph, note) of each doubt."""
    ops: list[Op] = []
    notes: list[tuple[_Paragraph, str]] = []
    for i, para in enumerate(paras):
        if para.foreign:
            if mode == "ascii":
                ops.extend(_op(m.pos, straighten_quote(m.ch), straighten_quote)
                           for m in para.marks if m.ch in _TYPOGRAPHIC)
            continue
        following = paras[i + 1] if i + 1 < len(paras) else None
        if following is not None and _NONSPACE_RE.search(text, para.end, following.start):
            following = None  # a paragraph without marks comes next
        convert = mode != "keep" or strays[i]
        if mode == "keep" and convert and dominant == "ascii":
            para = _read_paragraph(text, para.start, para.end, [m.pos for m in para.marks], True)
        para_ops, para_notes = _repairs(text, para, following, vocab, dominant)
        ops.extend(para_ops)
        notes.extend((para, note) for note in para_notes)
        ops.extend(_restyle(para, dominant, convert))
    return ops, notes


def _restored_attributions(text: str, ops: list[Op]) -> set[str]:
    """The reporting words `_learn_attributions` will read after the closing marks `ops` restore."""
    vocab: set[str] = set()
    for op in ops:
        at = op.start
        if op.kind == "restore_closing_quote" and 0 < at < len(text) - 1 and text[at - 1] in ",?!" and text[at] == " ":
            vocab.update(_attribution_words(text, at + 1, min(len(text), at + 60)))
    return vocab


def _marked_paragraphs(text: str) -> list[tuple[int, int, list[int]]]:
    """(start, end, mark positions) of each paragraph (a line, stripped) that holds a mark.

    Found from the marks, so that text without marks costs one regex scan.
    """
    found = [m.start() for m in _MARK_RE.finditer(text)]
    out = []
    i = 0
    while i < len(found):
        line_start = text.rfind("\n", 0, found[i]) + 1
        line_end = text.find("\n", found[i])
        line_end = len(text) if line_end < 0 else line_end
        j = i
        while j < len(found) and found[j] < line_end:
            j += 1
        start = _NONSPACE_RE.search(text, line_start, line_end).start()  # type: ignore[union-attr]
        end = line_end
        while text[end - 1].isspace():
            end -= 1
        out.append((start, end, found[i:j]))
        i = j
    return out


def _op(pos: int, replacement: str, fix: object, insert: bool = False) -> Op:
    return Op(pos, pos if insert else pos + 1, replacement, NAME, fix.__name__)  # type: ignore[attr-defined]


def _style_counts(para: _Paragraph) -> tuple[int, int]:
    """(curly, straight) marks of a paragraph, the untouchable ones and foreign paragraphs aside."""
    curly = straight = 0
    if not para.foreign:
        for m in para.marks:
            if m.role != "keep":
                if m.ch in _CURLY:
                    curly += 1
                else:
                    straight += 1
    return curly, straight


def _stray(counts: tuple[int, int], total: tuple[int, int], dominant: str) -> bool:
    """Keep mode: is this paragraph in the other style in a document that otherwise has one?

    The paragraph's marks (two or more: one odd apostrophe is no style) must all be in the
    other style (a paragraph holding both is the writer's own mix), and the rest of the
    document at least 92.5% in the dominant one: a document mixing its styles throughout is left
    as it is, since nothing tells which of its marks are the writer's and which a scraper's.
    (`quotes` also leaves them all when two or more paragraphs are strays.)

    >>> _stray((0, 4), (40, 4), "curly"), _stray((0, 4), (40, 12), "curly"), _stray((3, 1), (40, 4), "curly")
    (True, False, False)
    >>> _stray((0, 1), (40, 1), "curly"), _stray((1, 3), (40, 4), "curly")
    (False, False)
    """
    own, other = (counts[0], counts[1]) if dominant == "curly" else (counts[1], counts[0])
    rest_own = (total[0] if dominant == "curly" else total[1]) - own
    rest_other = (total[1] if dominant == "curly" else total[0]) - other
    return own == 0 and other >= 2 and rest_other <= _MIXED_SHARE * (rest_own + rest_other)


def _restyle(para: _Paragraph, style: str, convert: bool) -> list[Op]:
    """Ops that put the paragraph's marks in `style` and turn wrong-way curly marks.

    Without `convert` (keep mode, a paragraph already in the document's style) marks in the
    other style stay: a few odd marks in a paragraph are the writer's, not a scraping error.
    """
    ops: list[Op] = []
    for m in para.marks:
        if m.ch in _TYPOGRAPHIC and convert and style == "ascii":
            # (a curly mark in code is a word processor's: code wants straight ones too)
            ops.append(_op(m.pos, straighten_quote(m.ch), straighten_quote))
        elif m.role == "keep":
            continue
        elif m.ch in _CURLY:
            if m.turned:
                ops.append(_op(m.pos, turn_wrong_way_quote(m.ch), turn_wrong_way_quote))
        elif convert and style == "curly":
            ops.append(_op(m.pos, curl_quote(m.ch, m.role), curl_quote))
    return ops


def _repairs(text: str, para: _Paragraph, following: _Paragraph | None,
             vocab: set[str], style: str) -> tuple[list[Op], list[str]]:
    """Insertions for the paragraph's lost marks; notes for the quotations left unbalanced."""
    ops: list[Op] = []
    notes: list[str] = []
    opening = OPEN_DOUBLE if style == "curly" else '"'
    closing = CLOSE_DOUBLE if style == "curly" else '"'
    for at in para.openings:
        if at is None:
            notes.append("a closing mark without an opening mark; where the quotation opens is unclear")
        else:
            ops.append(_op(at, opening, restore_opening_quote, insert=True))
    pending = para.pending
    k = 0
    while k < len(pending) - 1:  # a quotation left open before the next one opens: a lost closing mark
        at = restore_closing_quote(text, pending[k][0], pending[k][1], vocab)
        if at is None:
            break
        ops.append(_op(at, closing, restore_closing_quote, insert=True))
        k += 1
    if k < len(pending):
        # the English convention: a quotation running on opens the next paragraph again
        runs_on = following is not None and (following.opens_with_quote or following.restores_at_start)
        at = restore_closing_quote(text, pending[k][0], pending[k][1], vocab)
        if at is not None:
            ops.append(_op(at, closing, restore_closing_quote, insert=True))
        if k < len(pending) - 1 or (at is None and not runs_on):
            notes.append("a quotation left open, and the next paragraph does not go on with it")
    return ops, notes


def _flag(doc: Document, text: str, para: _Paragraph, note: str) -> None:
    snippet = text[para.start:min(para.end, para.start + 200)]
    doc.flag(NAME, "unbalanced_quote", snippet, note)
