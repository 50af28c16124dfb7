"""The `boilerplate` stage: keep the article, take the page around it out of the text.

A scraped page is menus, headers, share buttons, cookie notes, related links and footers with
an article somewhere inside. The stage finds the article the way a reader does, by its shape
rather than by its words: the densest run of prose lines (`article_span`). Lines before it go
as `header`/`nav`, lines after it as `footer`/`related`; inside it, only lines that look like
page furniture go: captions (kept in `captions`, once each), credits, share and subscribe
prompts, read-more links, leftover bylines. Every removal is recorded with the name of the
function that recognised it as its kind.

It never empties a text that has prose in it, and a text with no prose at all (a note, a
headline list) only loses lines that are unmistakably furniture.

>>> from cleanwire.document import Document
>>> page = ("Home\\nWorld\\nSport\\n"
...         "The council voted on Tuesday to keep the old bridge open for another ten years.\\n"
...         "Share on Facebook\\n"
...         "Officials said repairs would begin in the spring and cost less than expected.\\n"
...         "\u00a9 2024 Example Media. All rights reserved.")
>>> d = Document("x", page)
>>> boilerplate(d, None)
>>> print(d.text.strip())
The council voted on Tuesday to keep the old bridge open for another ten years.
<BLANKLINE>
Officials said repairs would begin in the spring and cost less than expected.
>>> sorted({r.kind for r in d.removed})
['legal', 'nav', 'share']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from cleanwire.config import Config
from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.stages.boilerplate_lines import (
    _ASCII_CLASSES,
    GAP_CAP,
    GAP_COST,
    Features,
    Line,
    article_span,
    describe,
    ends_like_sentence,
)
from cleanwire.text import CLOSERS

NAME = "boilerplate"

# Words that name page furniture. They only ever label short lines that the structure already
# marks as not-prose; the article itself is found without them. Several languages each. A word
# that a sentence of the story could use ("comment", "copyright", "Facebook") only counts on a
# line that is not a sentence.
_COOKIE_RE = re.compile(r"(?i)cookies|cookie[- ]?(?:policy|settings|richtlinie|einstellungen)|\bconsent\b|\bgdpr\b")
_LEGAL_MARK_RE = re.compile(
    r"""(?ix) ©|\(c\)\ ?\d{4}|all\ rights\ reserved|todos\ los\ derechos|tous\ droits\ réservés
    |alle\ rechte\ vorbehalten|tutti\ i\ diritti\ riservati"""
)
_LEGAL_WORD_RE = re.compile(r"(?i)copyright|terms of (?:use|service)|privacy policy|impressum|mentions légales")
_SUBSCRIBE_RE = re.compile(r"(?i)subscri|newsletter|sign up|\babonn|suscr[ií]b|iscriviti|inscreva|подпиш")
_SHARE_RE = re.compile(
    r"""(?ix) facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|tumblr|google\+|\be-?mail\b
    |\bprint\b|\bshare\b|\btweet\b|\bfollow\ us\b|partager|compartir|teilen|condividi|поделиться"""
)
_AD_RE = re.compile(r"(?i)advertis|sponsored|\bpromoted\b|\banzeige\b|publicidad|publicit[éà]|реклам")
_COMMENTS_RE = re.compile(
    r"(?i)\bcomments?\b|disqus|kommentar|comentarios|commentaires|commenti|\brepl(?:y|ies)\b|antworten|r[ée]pondre"
    r"|responder|rispondi")
# a read-more label, up to two more words, then a colon, an arrow or the end of the line
_READ_MORE_RE = re.compile(
    r"""(?ix) ^(?:read\ (?:more|also|next)|also\ read|see\ also|more\ on|related|lire\ (?:aussi|la\ suite)
    |leer\ más|lea\ también|lesen\ sie\ (?:auch|mehr)|mehr\ zum\ thema|leggi\ anche|leia\ (?:mais|também)
    |читайте\ также)(?:\ [^\W\d_]{1,15}){0,2}\ ?(?:[:»›>|–—]|$)"""
)
# "Tags: a, b, c": a one-word label, then a list of links
_TAGS_RE = re.compile(r"[^\W\d_]{2,20}: ")
# "Photo: ...", "Image by ...", "Image source: ...", "Pictures / Agency", "X/Getty Images", "Jane Doe/REUTERS"
_CREDIT_RE = re.compile(
    r"(?i)\b(?:photo(?:graph(?:er)?)?|image|picture|credit|foto|bild|imagen|фото)s?(?: (?:source|credit|courtesy))?"
    r"(?: by\b| ?[:/|])"
    r"|getty images|\bafp\b"
    r"|(?-i:\b[A-Z][a-z]{1,20}/[A-Z]{3,12}\b)"  # "Name/AGENCY", as the wire services print it
)
_BYLINE_RE = re.compile(r"(?:[Bb]y|BY|[Pp]or|[Pp]ar|[Vv]on|[Dd]i|[Dd]oor|[Aa]v|[Aa]f) \w")

# a furniture line is short; a longer line is text, whatever words it contains
SHORT_WORDS = 12
# ...and short in characters too, so that no pattern ever scans a huge line
CHARS_PER_WORD = 16


def _fits(line: Line, words: int) -> bool:
    """At most `words` words, and not much longer in characters than such words make (both as the
    repair stages will leave the line: a word typed twice counts once, see `_looks`)."""
    return line.words <= words and line.chars <= CHARS_PER_WORD * (words + 1)


def cookie(line: Line) -> bool:
    """A cookie or consent note: sites show one on every page, in every language."""
    return _fits(line, 3 * SHORT_WORDS) and _COOKIE_RE.search(line.text) is not None


def legal(line: Line) -> bool:
    """A copyright or legal line: the (c) sign says it in any language."""
    if not _fits(line, 2 * SHORT_WORDS):
        return False
    return _LEGAL_MARK_RE.search(line.text) is not None or (
        not line.terminal and _LEGAL_WORD_RE.search(line.text) is not None)


def subscribe(line: Line) -> bool:
    """A subscribe or newsletter prompt."""
    return _fits(line, SHORT_WORDS) and _SUBSCRIBE_RE.search(line.text) is not None


def share(line: Line) -> bool:
    """Share and follow buttons: platform names are the same in every language."""
    return (line.words <= 4 or not line.terminal) and _fits(line, SHORT_WORDS) and (
        _SHARE_RE.search(line.text) is not None)


def ad(line: Line) -> bool:
    """An advertisement or sponsored-content marker."""
    return _fits(line, 6) and not line.terminal and _AD_RE.search(line.text) is not None


def comments(line: Line) -> bool:
    """The head or widget of a comment section."""
    return _fits(line, SHORT_WORDS) and not line.terminal and _COMMENTS_RE.search(line.text) is not None


def read_more(line: Line) -> bool:
    """A "Read more: <headline>" link to another article."""
    return _fits(line, 2 * SHORT_WORDS) and _READ_MORE_RE.match(line.text) is not None


def byline(line: Line) -> bool:
    """A byline the metadata stage left: "By" and a few capitalised names."""
    return (_fits(line, 8) and not line.terminal and line.capitalised >= 0.6
            and _BYLINE_RE.match(line.text) is not None)


def caption(line: Line, verdict: _Verdict) -> bool:
    """A photo caption or credit: a descriptive line without a final period, often repeated (its
    shape and its credit read from its verdict, see `_caption_shape`)."""
    return verdict.caption and (line.repeats > 1 or verdict.credit)


def _caption_shape(line: Line) -> bool:
    """`caption` but for the repeats and the credit: a descriptive line without a final period."""
    return not (line.terminal or line.quoted or line.code or line.words < 3 or not _fits(line, 4 * SHORT_WORDS))


def related(line: Line) -> bool:
    """A tag or topic list: "Tags: a, b, c", a label and links of a few words each, no sentence."""
    if line.terminal or not _fits(line, 4 * SHORT_WORDS):
        return False
    commas = line.text.count(",")
    return commas >= 2 and line.words <= TAG_WORDS * (commas + 1) and _TAGS_RE.match(line.text) is not None


# the most words a tag has on average (a sentence has more between its commas)
TAG_WORDS = 4


# the order decides the kind of a line that two of them recognise; each reads the line's text and
# what `describe` derives from the text alone, never its neighbours (`_furniture` keeps its verdicts on it)
FURNITURE: tuple[Callable[[Line], bool], ...] = (
    cookie, legal, read_more, subscribe, ad, comments, share, byline, related,
)


class _Verdict(NamedTuple):
    """What the rules say of a line from its text alone: the furniture rules, and the parts of the
    rules that also read the page which do not (`classify` adds the rest: where the line stands,
    its repeats, a quoted post under it)."""

    kind: str | None  # the kind of the first rule of FURNITURE that recognises it
    legal: bool  # `legal`, and
    comments: bool  # `comments`: the two that end an article
    credit: bool  # it holds a photo credit (see `_credit`)
    before: str  # its kind above the article, and
    after: str  # below it, when it stands away from it (see `_outside_kind`)
    link: str | None  # "read_more" or "related" (a tag list): its kind inside the article, first
    caption: bool  # shaped like a caption (see `_caption_shape`)
    other: str | None  # its kind inside the article when no rule before it takes it: "nav" or `kind`
    gallery: bool  # a short credit, as a gallery prints one under each picture
    item: bool  # an empty line or a list item that reads as a headline (see `_link_lists`)
    head: bool  # shaped like a story's headline (`story_head` but for the repeats and a quoted post),
    long_head: bool  # and with a long headline in sentence case


def _furniture(line: Line) -> _Verdict:
    """The rules' verdict on a line (see `_Verdict`).

    The rules read nothing but the line's text (and what `describe` derives from it), and a site
    prints the same menus, share rows and footers on every page, so the verdicts on the short
    lines the rules can take are kept for the next pages (up to _KNOWN_LINES of them). A line
    with none of the rules' keywords (most lines) is spared their searches: only the rules that
    look for a shape (a read-more label, a byline, a tag list) can take it.
    """
    known = _KNOWN_FURNITURE.get(line.text)
    if known is not None:
        return known
    # not _fits(line, _LONGEST_FURNITURE), inlined (every line of every page comes here): too long for every rule
    if line.words > _LONGEST_FURNITURE or line.chars > _LONGEST_CHARS:
        return _judged(line, None, False, False, False, False, False)
    folded = _folded(line.text)
    found = _KEYWORD_RE.search(folded)
    if found is None:  # a credit can still be "Name/AGENCY"
        credit = "/" in line.text and _CREDIT_RE.search(line.text) is not None
        is_read_more, is_related = read_more(line), "," in line.text and related(line)  # (a tag list has commas)
        kind = ("read_more" if is_read_more else "byline" if not line.terminal and byline(line)
                else "related" if is_related else None)
        verdict = _judged(line, kind, False, False, credit, is_read_more, is_related)
    else:  # only the rules whose keywords the line holds, and those that need none
        rules = frozenset().union(*map(_RULES_OF.get, _KEYWORD_AT_RE.findall(folded, found.start())))
        kind = next((fix.__name__ for fix in FURNITURE if (fix in _SHAPES or fix.__name__ in rules) and fix(line)),
                    None)
        credit = ("credit" in rules or "/" in line.text) and _CREDIT_RE.search(line.text) is not None
        verdict = _judged(line, kind, "legal" in rules and legal(line), "comments" in rules and comments(line), credit,
                          read_more(line), related(line))
    if len(_KNOWN_FURNITURE) >= _KNOWN_LINES:
        _KNOWN_FURNITURE.clear()
    _KNOWN_FURNITURE[line.text] = verdict
    return verdict


def _judged(line: Line, kind: str | None, is_legal: bool, is_comments: bool, credit: bool, is_read_more: bool,
            is_related: bool) -> _Verdict:
    """The verdict on a line, given what the furniture rules said of it."""
    words, terminal = line.words, line.terminal
    long_head = HEAD_WORDS[0] <= words <= HEAD_WORDS[1] and _head_shape(line, credit)
    if kind is not None:
        before = after = kind
    elif line.bullet or (words <= 4 and not terminal):
        before = after = "nav"
    else:
        before, after = "header", "related" if 3 < words <= 2 * SHORT_WORDS and not terminal else "footer"
    return _Verdict(
        kind, is_legal, is_comments, credit, before, after,
        "read_more" if is_read_more else "related" if is_related else None,
        _caption_shape(line),
        "nav" if words >= NAV_WORDS and nav(line) else kind,  # (the rules' own first tests, asked first)
        credit and words <= SHORT_WORDS and _fits(line, SHORT_WORDS),
        not words or (line.bullet and _link_item(line)),
        long_head and not (words > CAPTION_WORDS and line.capitalised < 0.5),
        long_head,
    )


def _credit(line: Line) -> bool:
    """The line holds a photo credit ("Photo: ...", "X/Getty Images")."""
    if line.words > _LONGEST_FURNITURE or line.chars > _LONGEST_CHARS:  # its verdict says no credit
        return _CREDIT_RE.search(line.text) is not None
    return _furniture(line).credit


def _folded(text: str) -> str:
    """`text` in lower case, with the few letters that a case-blind pattern matches but that do not
    lower-case to the letter it names ("ſ" for "s", "İ" and "ı" for "i") turned into that letter."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


_FOLD = str.maketrans({
    "\u0130": "i", "\u0131": "i", "\u017f": "s",  # İ ı ſ
    # old forms of Cyrillic д, о, с, т, т
    "\u1c81": "\u0434", "\u1c82": "\u043e", "\u1c83": "\u0441", "\u1c84": "\u0442", "\u1c85": "\u0442",
})


def _any_of(words: tuple[str, ...]) -> str:
    """A pattern that finds any of `words`, their common beginnings written once: the regex
    engine then tries a few letters at each position instead of every word.

    >>> _any_of(("cookie", "consent", "comment", "gdpr"))
    '(?:co(?:mment|nsent|okie)|gdpr)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        if "" in node:  # a word ends here: what follows can only make a longer one
            return ""
        branches = [re.escape(char) + pattern(rest) for char, rest in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(tree)


# A part of every keyword of each rule that needs one (and of the credit pattern's words), in
# lower case: a folded line without any of a rule's can match none of its patterns (a credit can
# still be "Name/AGENCY", which is not a word).
_KEYWORDS = {
    "cookie": ("cookie", "consent", "gdpr"),  # _COOKIE_RE
    "legal": ("©", "(c)", "all rights reserved", "todos los derechos", "tous droits réservés",
              "alle rechte vorbehalten", "tutti i diritti riservati",  # _LEGAL_MARK_RE
              "copyright", "terms of ", "privacy policy", "impressum", "mentions légales"),  # _LEGAL_WORD_RE
    "subscribe": ("subscri", "newsletter", "sign up", "abonn", "suscr", "iscriviti", "inscreva", "подпиш"),
    "share": ("facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "telegram", "tumblr", "google+",
              "mail", "print", "share", "tweet", "follow us", "partager", "compartir", "teilen", "condividi",
              "поделиться"),
    "ad": ("advertis", "sponsored", "promoted", "anzeige", "publicidad", "publicit", "реклам"),
    "comments": ("comment", "disqus", "kommentar", "comentarios", "repl", "antworten", "repondre", "répondre",
                 "responder", "rispondi"),
    "credit": ("photo", "image", "picture", "credit", "foto", "bild", "imagen", "фото", "getty images", "afp"),
}
_ALL_KEYWORDS = tuple(word for words in _KEYWORDS.values() for word in words)
_KEYWORD_RE = re.compile(_any_of(_ALL_KEYWORDS))
# the keyword that starts at each position of a line (the pattern keeps the shortest of the keywords
# that start alike), and the rules that a keyword, or a longer one it begins, belongs to
_KEYWORD_AT_RE = re.compile(f"(?=({_KEYWORD_RE.pattern}))")
_RULES_OF = {word: frozenset(rule for rule, words in _KEYWORDS.items() if any(w.startswith(word) for w in words))
             for word in _ALL_KEYWORDS}
# the rules of FURNITURE that need no keyword
_SHAPES = frozenset((read_more, byline, related))
# the most words a furniture rule accepts (a tag list)
_LONGEST_FURNITURE = 4 * SHORT_WORDS
_LONGEST_CHARS = CHARS_PER_WORD * (_LONGEST_FURNITURE + 1)
_KNOWN_LINES = 20_000
_KNOWN_FURNITURE: dict[str, _Verdict] = {}


def nav(line: Line) -> bool:
    """A menu glued into one line: many words, nearly all capitalised, and no sentence.

    Its items are names, side by side: no commas, periods, colons or quotation marks between
    them, which a list item of the story ("Jan. 15-17: Boat Show, Convention Center, 500"), a
    quotation or a headline has.
    """
    return (line.words >= NAV_WORDS and not line.terminal and line.capitalised >= 0.85
            and _PUNCTUATION_RE.search(line.text) is None)


# a menu glued into one line has at least this many words
NAV_WORDS = 16


# marks of writing that the names of a menu's items do not hold
_PUNCTUATION_RE = re.compile("[,.:;!?\"\u201c\u201d\u2018\u2019\u00ab\u00bb]")


def _ends_article(line: Line) -> bool:
    """The head of a comment section or a legal footer: the page says the article is over."""
    verdict = _furniture(line)
    return verdict.legal or verdict.comments


def _outside_kind(line: Line, verdict: _Verdict, before: bool) -> str:
    """The kind of a line outside the article, next to it (a line away from it has its verdict's
    `before` or `after`): its furniture kind, a caption, or where it stands."""
    if verdict.kind is None and caption(line, verdict):
        return "caption"
    return verdict.before if before else verdict.after


def _inside_kind(line: Line, verdict: _Verdict) -> str | None:
    """The kind of a line inside the article, or None: it stays."""
    if verdict.legal:  # the lines that can end the article never stay in it (see `article_span`)
        return "legal"
    if verdict.comments:
        return "comments"
    if line.tweet:  # a quoted post is part of the story, its signature line too
        return None
    if verdict.link is not None:  # a read-more link, or a tag list (a long one reads as prose by its length)
        return verdict.link
    if line.prose:  # a caption long enough to read as prose still shows its credit
        return "caption" if verdict.caption and verdict.credit else None
    if caption(line, verdict):
        return "caption"
    return verdict.other


def _lone_captions(lines: list[Line], kinds: list[str | None], first: int, last: int) -> None:
    """Mark captions that appear once, without a credit: a long line with no final period that
    stands apart from the paragraphs (a paragraph that lost its period still sits next to
    another paragraph, or ends the article), on a page whose paragraphs do end like sentences
    (not in an address in brackets, say). Two or more such lines in a row are a list of facts
    ("Perihelion: 128,400,000 miles"), not captions. The article's last paragraph counts as ended
    whether or not it has its period, and so does one printed once that ends in a word or a
    number (`_periodless`): the typos stage may end either with a period, so their periods would
    only tell a first cleaning from a second."""
    prose = [line for line in lines[first:last + 1] if line.prose]
    ended = sum(1 for line in prose[:-1] if line.terminal or _periodless(line)) + (1 if prose else 0)
    if ended < 0.6 * len(prose):
        return

    def body(i: int) -> bool:
        return first <= i <= last and kinds[i] is None and lines[i].prose

    after = [False] * (len(lines) + 1)  # after[i]: a body paragraph follows line i somewhere
    for i in range(last, first - 1, -1):
        after[i] = after[i + 1] or body(i + 1)

    def shaped(i: int) -> bool:  # a line in the article that looks like a lone caption
        line = lines[i]
        return (first <= i <= last and kinds[i] is None and not line.terminal and not line.quoted and not line.code
                and not line.tweet and not line.bullet and CAPTION_WORDS <= line.words <= 5 * CAPTION_WORDS
                and not _signed(line))

    found = [i for i in range(first, last + 1) if shaped(i) and after[i] and not body(i - 1) and not body(i + 1)
             and not shaped(i - 1) and not shaped(i + 1)]
    for i in found:
        kinds[i] = "caption"


def _periodless(line: Line) -> bool:
    """The line ends in a word or a number ("5%" too), where a sentence's period was lost, and the
    page prints it once: the typos stage may put that period back, so a second cleaning can see
    the line end like a sentence. (It leaves a line printed twice as it is, and a line that
    ends in a bracket, a quotation mark or a colon keeps its end.)

    >>> _periodless(describe("Prices rose by 5%")[0]), _periodless(describe("(32, Souk El Jeld)")[0])
    (True, False)
    """
    end = line.text[-1]
    return (end.isalnum() or end == "%") and line.repeats == 1


def _signed(line: Line) -> bool:
    """A paragraph signed by its writer: sentences, then a dash and a name ("... believe in them.
    -- Springstubb"), as a review or a letter ends. It lacks a final period only because the name
    follows it: the rest ends like a sentence, and a caption's credit names a photo or an agency.

    >>> _signed(describe("Readers will root for them and believe in them. -- Springstubb")[0])
    True
    >>> _signed(describe("Firefighters fight the blaze on Main Street -- Jane Doe")[0])
    False
    """
    text = line.text
    dash = max(text.rfind(mark, max(0, len(text) - SIGN_OFF_CHARS)) for mark in ("--", "\u2014", "\u2013"))
    if dash <= 0:
        return False
    name = text[dash:].lstrip("-\u2014\u2013 ")
    return (0 < len(name.split()) <= SIGN_OFF_WORDS and name[0].isupper() and not ends_like_sentence(name)
            and ends_like_sentence(text[:dash].rstrip()))


# a sign-off names at most this many words, in the line's last this many characters
SIGN_OFF_WORDS = 4
SIGN_OFF_CHARS = 60


def _gallery_captions(lines: list[Line], kinds: list[str | None], verdicts: list[_Verdict]) -> None:
    """Mark the captions of a gallery: lines that each stand between two photo credits.

    A gallery prints picture after picture, each a caption and a credit ("Photo by Jane
    Doe/Agency"), so credits alternate with single lines; a caption there may be a whole
    sentence, with its period, that no other rule tells from a paragraph. Three credits in a
    row with one line between each make a gallery; a story that shows a picture between its
    paragraphs rarely does that three times with one paragraph each. The gallery's first
    picture has its caption on the side where the others have theirs: before the first credit
    when nothing stays after the last one (the credit ends the text, or junk follows it), and
    after the last credit when nothing stays before the first one.
    """
    credits = [i for i, verdict in enumerate(verdicts) if verdict.gallery and kinds[i] is not None]
    chain: list[int] = []
    for i in [*credits, -1]:
        if chain and i == chain[-1] + 2:
            chain.append(i)
            continue
        if len(chain) >= GALLERY_CREDITS:
            captions = [k + 1 for k in chain[:-1]]
            before, after = chain[0] - 1, chain[-1] + 1
            if after >= len(lines) or kinds[after] is not None:  # caption, then its credit
                captions.append(before)
            elif before < 0 or kinds[before] is not None:  # credit, then its caption
                captions.append(after)
            for k in captions:
                if 0 <= k < len(lines) and kinds[k] in (None, "header", "footer", "related"):
                    kinds[k] = "caption"
        chain = [i]


def _related_links(lines: list[Line], kinds: list[str | None], first: int, last: int) -> None:
    """Mark the links under a bare "Related" or "Read more:" label inside the article.

    The label stands alone on its line, and the headlines it announces follow it, one a line,
    up to the next paragraph: short lines that read as titles, not sentences (with their dates,
    and the bullets that a list of links leaves alone on a line).
    """
    for i in range(first, last):
        if kinds[i] != "read_more" or lines[i].words > LABEL_WORDS:
            continue
        for k in range(i + 1, min(last, i + 2 * LINKS) + 1):  # past the dates and bullets between links
            if kinds[k] is not None:
                continue
            if lines[k].prose or lines[k].words == 1 or lines[k].words > HEAD_WORDS[1]:
                break
            kinds[k] = "related"


def _link_lists(lines: list[Line], kinds: list[str | None], verdicts: list[_Verdict]) -> None:
    """Mark a list of links to other stories that the page set into the article.

    A short label ("More from us", "Editor's picks") heads three or more list items that each
    read as a headline: a capital or a digit first, a few words, no final period. A list of
    the story is introduced by a sentence, or its items read on from one ("how to: identify an
    ancestor"), or they end like sentences.
    """
    item = [kind is None and verdict.item for kind, verdict in zip(kinds, verdicts, strict=True)]
    # a label is the first line, or a line that is no item, and the items are the run right under it
    for i in (k - 1 for k in range(1, len(lines)) if item[k] and (k == 1 or not item[k - 1])):
        k = i + 1
        while k < len(lines) and item[k]:
            k += 1
        label = lines[i]
        if (sum(1 for j in range(i + 1, k) if lines[j].words) >= LIST_LINKS and kinds[i] in (None, "caption")
                and 1 <= label.words <= LIST_LABEL_WORDS and not label.prose
                and (not label.terminal or label.text.endswith(":"))):
            for j in range(i, k):
                kinds[j] = "related"


def _link_item(line: Line) -> bool:
    """A list item that reads as a headline: a capital or a digit first, a few words, no period."""
    if not line.bullet or not HEAD_WORDS[0] <= line.words <= 4 * HEAD_WORDS[0]:
        return False
    first = next((c for c in line.text[1:] if not c.isspace()), "")
    return (first.isupper() or first.isdigit()) and (not line.terminal or line.text.endswith("?"))


# list items that make a list of links, and the most words of the label that heads them
LIST_LINKS = 3
LIST_LABEL_WORDS = 5
# a bare label has at most this many words, and announces at most this many links (with as many
# dates or bullets between them)
LABEL_WORDS = 3
LINKS = 8
# credits, one line apart, that make a gallery
GALLERY_CREDITS = 3
# a caption long enough to tell from a subheading without a credit or a repeat
CAPTION_WORDS = 12
# lines this close to the article can be its captions
NEAR_LINES = 3


def story_head(line: Line, long_sentence: bool = False) -> bool:
    """A line shaped like a story's headline: a few capitalised-first words, no sentence end.

    A headline ends without a period (a title-case one may keep it, a question or an exclamation
    is one too); it is not a list item, code, a quoted post, capitals throughout, a credit or a
    line cut by "|" (a byline with the outlet), and a page prints it once or twice, not on
    every image. A long one is in title case: a long sentence-case line is a caption or a teaser
    (unless `long_sentence`, for a caller that sees the story under it).

    >>> story_head(describe("Cigar rollers in Havana thrilled with warming policy")[0])
    True
    >>> story_head(describe("Photo by Jane Doe/Getty Images")[0]), story_head(describe("View full size")[0])
    (False, False)
    """
    if line.repeats > 2 or line.tweet:
        return False
    verdict = _furniture(line)
    return verdict.long_head if long_sentence else verdict.head


def _head_shape(line: Line, credit: bool) -> bool:
    """`story_head` with a long headline in sentence case, but for what the page adds (the
    repeats, a quoted post under the line), of a line of HEAD_WORDS words (`_judged` asks that
    first); `credit`: the line holds a photo credit."""
    if line.bullet or line.code or "|" in line.text or not _fits(line, HEAD_WORDS[1]):
        return False
    head = line.text[0]
    if not (head.isupper() or head.isdigit() or head in "\"'\u201c\u2018\u00ab"):
        return False
    if _mostly_capitals(line.text) or credit:
        return False
    if line.terminal:  # (a closing bracket or quotation mark after the mark ends it too)
        end = line.text[-1]
        if end in _CLOSING:
            end = line.text.rstrip(_CLOSING)[-1:]
        return end in ("?", "!") or (end == "." and line.capitalised >= 0.7)
    return True


# what can close a headline after its question or exclamation mark (a string, for str.rstrip)
_CLOSING = "".join(sorted(CLOSERS))


def _mostly_capitals(text: str) -> bool:
    """More than 70% of the letters of `text` are capitals (counted on its bytes when it is ASCII).

    >>> _mostly_capitals("BREAKING NEWS Today"), _mostly_capitals("Breaking News Today")
    (True, False)
    """
    if text.isascii():
        classes = text.encode().translate(_ASCII_CLASSES)
        upper = classes.count(b"U")
        return upper > 0.7 * (upper + classes.count(b"w"))
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c.isupper()) > 0.7 * len(letters)


def _lede(lines: list[Line], i: int, last: int) -> int | None:
    """The first line of the article prose that starts right under line `i` (past a byline, a
    date, a repeat of the line), or None."""
    j = i + 1
    while j <= last and j <= i + HEAD_GAP and not lines[j].prose:
        j += 1
    return j if j <= last and lines[j].prose else None


def _named_below(lines: list[Line], i: int, j: int) -> bool:
    """The prose line `j` under line `i` names something that line `i` names: a word of five
    letters or more, in any case (a headline and its story's first paragraph do)."""
    head = {w.lower() for w in _NAME_RE.findall(lines[i].text)}
    return any(w.lower() in head for w in _NAME_RE.findall(lines[j].text[:LEDE_CHARS]))


# a word long enough to name something, and how far into a paragraph it is looked for
_NAME_RE = re.compile(r"[^\W\d_]{5,30}")
LEDE_CHARS = 300


def _keep_story_heads(lines: list[Line], kinds: list[str | None], first: int, last: int) -> None:
    """Keep the headline of a later story that the caption and menu rules took.

    A text that glues a second story under the first reads as one article, so the second
    story's headline sits inside it, looking like a lone caption, like a menu (in title case)
    or like a link under the first story's last line, a bare "Related:". A headline-shaped line
    with a run of prose right under it heads a story: it stays, for the split stage to cut the
    text there (a caption or a link stays in the text at worst). So does the story's first
    paragraph when it lost its period and looked like a lone caption. Under a link, the run
    may be short when its first paragraph names what the headline names, and the headline may
    be a long one in sentence case (which `story_head` leaves to captions and teasers) when its
    story names three of its words, as `_later_stories` asks.
    """
    for i in range(first, last + 1):
        if kinds[i] not in ("caption", "nav", "related") or related(lines[i]):
            continue  # (a tag list is no headline)
        head = story_head(lines[i])  # or a link's long headline in sentence case: its story names three of its words
        if not head and not (kinds[i] == "related" and story_head(lines[i], long_sentence=True)):
            continue
        j = _lede(lines, i, last)
        if j is None or (not head and _names_story(lines, i, j) < LONG_HEAD_NAMES):
            continue
        # a run of prose follows (HEAD_PROSE_WORDS words in its first three lines); under a link, a
        # short run will do when it names what the headline names
        if (kinds[i] == "related" and _named_below(lines, i, j)) or sum(
                line.words for line in lines[j:min(last + 1, j + 3)] if line.prose) >= HEAD_PROSE_WORDS:
            kinds[i] = None
            if kinds[j] == "caption" and lines[j].repeats == 1 and not _credit(lines[j]):
                kinds[j] = None


# a headline has this many words (the title-case ones run long)
HEAD_WORDS = (4, 25)
# non-prose lines (a byline, a date, the headline printed again) allowed between it and its story
HEAD_GAP = 3
# prose words the story's first three lines need
HEAD_PROSE_WORDS = 30


def _later_stories(lines: list[Line], kinds: list[str | None], verdicts: list[_Verdict], last: int) -> None:
    """Keep the stories that a text glues under the article past a block of page furniture.

    The article is the densest run of prose, so a second story that a long footer (credits,
    copyright lines) parts from it falls outside it and would go as `footer` whole. A story
    there still shows its shape: a headline-shaped line, its first paragraph right under it
    (past furniture, a byline, the headline printed again, one word; not past other lines: a comment's
    signature or an author's name under a line sets a comment or a bio apart), its first
    paragraphs naming what the headline names, then a run of new prose (a page that prints the
    article again repeats it; a teaser's one summary is shorter). Such a story stays, the lines
    inside it judged as the article's are. A long headline in sentence case, which `story_head`
    leaves to captions and teasers, heads a story when its story names three of its words.
    A story shorter than that run stays when it ends the text's prose under its headline printed
    twice (see `_headed_twice`).
    """
    i = last + 1
    failed = -1  # the last line a failed story reached (see `_story_end`)
    last_prose = None  # the text's last prose line, found when a short story asks for it
    while i < len(lines):
        end = None
        if kinds[i] is not None and _headline_shaped(lines[i], verdicts[i]):
            j = _lede_below(lines, i, _names_needed(verdicts[i]))
            if j is not None and j > failed:
                end, reached = _story_end(lines, j)
                failed = reached if end is None else failed
                if end is None and _headed_twice(lines, i, j):
                    if last_prose is None:
                        last_prose = max(k for k in range(j, len(lines)) if lines[k].prose)
                    end = j if j == last_prose else None
        if end is None:
            i += 1
            continue
        kinds[i] = None
        for k in range(i + 1, end + 1):
            kinds[k] = _inside_kind(lines[k], verdicts[k])
        i = end + 1


def _headed_twice(lines: list[Line], i: int, j: int) -> bool:
    """The headline at line `i` is printed again above its story's one paragraph at line `j`, and
    that paragraph names two of its words: a page prints its own story's headline twice (the
    title bar, then the heading), a link to another story once. (The caller also asks that
    nothing but short lines follow the paragraph: teasers come in lists.)"""
    return any(line.text == lines[i].text for line in lines[i + 1:j]) and _names_story(lines, i, j) >= TWICE_NAMES


# the words of a headline printed twice that its story's one paragraph names
TWICE_NAMES = 2


def _lede_below(lines: list[Line], i: int, names: int) -> int | None:
    """The story's first paragraph right under the headline at line `i`, or None when none stands
    there or when its first paragraphs name fewer than `names` of the headline's words."""
    j = i + 1
    while j < len(lines) and j <= i + HEAD_GAP and _above_story(lines[j], lines[i]):
        j += 1
    if j == len(lines) or not lines[j].prose or _names_story(lines, i, j) < names:
        return None
    return j


def _story_end(lines: list[Line], j: int) -> tuple[int | None, int]:
    """The last line of the story whose first paragraph is line `j` (the densest run of prose from
    there, with `article_span`'s costs; None when the run repeats a line or weighs too little),
    and the last line looked at.

    Every line costs what it costs whatever line the run starts on (a run starts on prose), so
    a run that fails from line `j` fails from every later prose line up to the last line it
    looked at: the caller need not look again (the search stays linear).
    """
    best, end, run, gap = 0.0, None, 0.0, 0
    for k in range(j, len(lines)):
        line = lines[k]
        if line.prose:
            if line.repeats > 1:
                return None, k
            gap = 0
            run += line.weight
        elif not (line.code or line.tweet):
            gap += 1
            run -= GAP_COST * min(gap, GAP_CAP)
        if run < 0:
            return (end if best >= STORY_WEIGHT else None), k
        if run > best:
            best, end = run, k
    return (end if best >= STORY_WEIGHT else None), len(lines) - 1


def _above_story(line: Line, head: Line) -> bool:
    """A line that can stand between a headline and its story: furniture, the headline printed
    again, a short line cut by "|" (a byline with the outlet or the date), or one word (a
    section label, a photo credit; a name under a line, which sets a comment apart, has two)."""
    return line.text == head.text or ("|" in line.text and _fits(line, SHORT_WORDS)) or (
        line.words == 1 and not line.terminal) or _furniture(line).kind is not None


def _names_story(lines: list[Line], i: int, j: int) -> int:
    """How many of the words of the headline at line `i` the story's first paragraphs (three
    prose lines from line `j`) name: words of five letters or more, each begun as the headline's
    is (a headline says "Argentina's", its story "the Argentine air force")."""
    stems = {w[:5].lower() for w in _NAME_RE.findall(lines[i].text)}
    below = [line for line in lines[j:j + 2 * STORY_LEDE] if line.prose][:STORY_LEDE]
    return len(stems.intersection(w[:5].lower() for line in below for w in _NAME_RE.findall(line.text[:LEDE_CHARS])))


# prose lines of a later story that name what its headline names, and how many of its words
# they name under a long headline in sentence case
STORY_LEDE = 3
LONG_HEAD_NAMES = 3
# the prose weight of a later story
STORY_WEIGHT = 100.0


def _earlier_stories(lines: list[Line], kinds: list[str | None], verdicts: list[_Verdict], first: int) -> None:
    """Keep a story that a text glues above a heavier article, and the article's own headline.

    The article is the densest run of prose, so a short story glued above it (a one-paragraph
    lede over a listing) falls outside it and would go as `header`, the next story's headline
    with it. Both still show a story's shape: the line right above the article (past furniture,
    a byline, its own repeat, a short label) is headline-shaped, no furniture rule's, and the article's first
    paragraphs name what it names; and the text opens with a headline-shaped line whose own first
    paragraphs, right under it, name what it names (or with prose: the headline went as the
    record's title), no furniture rule's line down to the article's headline. A page's header
    holds menus, logos and labels, which the rules take, so it does not read that way. Then
    the lines from the top down to the headline stay, judged as the article's are.
    """
    if not (lines[0].prose or verdicts[0].long_head):  # (asked first: most pages open with a menu or a name)
        return
    heads = (h for h in range(first - 1, max(0, first - 1 - HEAD_GAP), -1) if verdicts[h].long_head)
    head = next(heads, 0)
    if head < 1 or kinds[head] is None or not _story_headline(lines, verdicts, head, first) or not all(
            _above_story(lines[k], lines[head]) or _label(lines[k]) for k in range(head + 1, first)):
        return
    if any(verdict.kind is not None for verdict in verdicts[:head]):  # a page's header
        return
    if not lines[0].prose:  # the top story's headline, its first paragraph right under it
        j = _lede_below(lines, 0, _names_needed(verdicts[0]))  # (it asks `_story_headline`'s names)
        if j is None or j >= head or not _headline_shaped(lines[0], verdicts[0]):
            return
    for k in range(head):
        kinds[k] = _inside_kind(lines[k], verdicts[k])
    kinds[head] = None


def _label(line: Line) -> bool:
    """A short label, as a section name over a story's first paragraph: a few words, no sentence.

    >>> _label(describe("GRANTS/DONATIONS")[0]), _label(describe("It rained all day.")[0])
    (True, False)
    """
    return 0 < line.words <= LABEL_WORDS and not line.terminal and not line.prose


def _story_headline(lines: list[Line], verdicts: list[_Verdict], i: int, j: int) -> bool:
    """Line `i` reads as the headline of the story whose first paragraph is line `j`."""
    return (_headline_shaped(lines[i], verdicts[i]) and lines[j].prose
            and _names_story(lines, i, j) >= _names_needed(verdicts[i]))


def _headline_shaped(line: Line, verdict: _Verdict) -> bool:
    """`story_head(line, long_sentence=True)` from the line's verdict, and no furniture rule's line."""
    return verdict.long_head and verdict.kind is None and line.repeats <= 2 and not line.tweet


def _names_needed(verdict: _Verdict) -> int:
    """How many of a headline's words its story's first paragraphs name: one, or three under a
    long headline in sentence case."""
    return 1 if verdict.head else LONG_HEAD_NAMES


def classify(lines: list[Line]) -> list[str | None]:
    """The removal kind of every line, None for the lines that stay."""
    verdicts = _verdicts(lines)
    span = article_span(lines, _ends_article)
    if span is None:  # no article found: only the unmistakable furniture goes
        return [None if line.prose else verdict.kind for line, verdict in zip(lines, verdicts, strict=True)]
    first, last = span
    # the lines away from the article by their verdict alone, those next to it by `_outside_kind`
    near_first, near_last = max(0, first - NEAR_LINES), min(len(lines), last + NEAR_LINES + 1)
    kinds: list[str | None] = [verdict.before for verdict in verdicts[:near_first]]
    kinds += [_outside_kind(lines[i], verdicts[i], True) for i in range(near_first, first)]
    kinds += [_inside_kind(lines[i], verdicts[i]) for i in range(first, last + 1)]
    kinds += [_outside_kind(lines[i], verdicts[i], False) for i in range(last + 1, near_last)]
    kinds += [verdict.after for verdict in verdicts[near_last:]]
    _lone_captions(lines, kinds, first, last)
    _gallery_captions(lines, kinds, verdicts)
    _related_links(lines, kinds, first, last)
    _link_lists(lines, kinds, verdicts)
    _keep_story_heads(lines, kinds, first, last)
    _later_stories(lines, kinds, verdicts, last)
    _earlier_stories(lines, kinds, verdicts, first)
    return kinds


def _verdicts(lines: list[Line]) -> list[_Verdict]:
    """`_furniture` of every line: the kept verdicts looked up in one go, the others judged."""
    verdicts = list(map(_KNOWN_FURNITURE.get, [line.text for line in lines]))
    for i, verdict in enumerate(verdicts):
        if verdict is None:
            verdicts[i] = _furniture(lines[i])
    return verdicts


@stage(NAME, "keeps the article: navigation, headers, footers, read-more, share, cookie, ad, legal, captions out")
def boilerplate(doc: Document, config: Config | None) -> None:
    # Taking the furniture out can leave lines that the page around them had kept in the
    # article (a "Close" button between a removed caption and the story now heads the text), so
    # the stage runs again on its own output until it takes nothing more: its result is stable.
    paragraphs: dict[str, Features] = {}  # each pass describes the lines that the last one kept
    for _ in range(MAX_PASSES):
        if not _one_pass(doc, paragraphs):
            break
    return None


# passes over its own output; a page settles in two, rarely three
MAX_PASSES = 4


def _one_pass(doc: Document, paragraphs: dict[str, Features]) -> bool:
    """Remove the furniture that the current text shows; False when nothing was removed."""
    lines = describe(doc.text, paragraphs)
    kinds = classify(lines)
    if all(kind is not None for kind in kinds) or all(kind is None for kind in kinds):  # never empty a text
        return False
    removed = [(line, kind) for line, kind in zip(lines, kinds, strict=True) if kind is not None]
    known = set(doc.captions)  # a page often prints a caption twice: keep it once
    for line, kind in removed:
        if kind == "caption" and line.text not in known:
            known.add(line.text)
            doc.captions.append(line.text)
    doc.apply([Op(line.start, line.end, None, NAME, kind) for line, kind in removed])
    return True
