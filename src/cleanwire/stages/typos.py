"""The `typos` stage: doubled words, missing or stray spaces and periods, misspellings, misspelt names.

News text reaches a corpus with the slips of its typists and of the tools that copied it. No
tool in this field repairs them, and spell checkers that try make more false edits than fixes,
so this stage repairs only what is clearly wrong, records every edit under the name of the fix
that made it, and flags what it would not touch (a paragraph that may or may not be a heading,
a name spelt two ways once each, a garbled attribution). Names, capitalised words, numbers,
URLs and quotations in other languages are left as they are.

It runs after `unicode` and `quotes`, so its text may have straight or curly quotes. The fixes
run one after the other, each on the text the previous one left (see `FIXES` for the order),
in rounds until one changes nothing (see `MAX_ROUNDS`).

>>> from cleanwire.document import Document
>>> d = Document("x", "The the rally , in in the town.It was held. in May.")
>>> typos(d, None)
>>> d.text
'The rally, in the town. It was held in May.'
>>> sorted({e.kind for e in d.edits})
['doubled_word', 'missing_space_after_punctuation', 'space_before_punctuation', 'stray_period']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cleanwire.config import Config
from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.stages.typos_common import Doubt
from cleanwire.stages.typos_punct import (
    missing_final_period,
    missing_space_after_punctuation,
    space_before_punctuation,
    stray_period,
)
from cleanwire.stages.typos_words import doubled_word, garbled_sentence, misspelling, misspellings, misspelt_name
from cleanwire.text import Change

NAME = "typos"

Fix = Callable[[str], Iterator["Change | Doubt"]]

# The order matters, for the fixes to be right and for a second run to find nothing more: spaces
# first, so that the word and sentence fixes see words where they are; misspellings before doubled
# words ("teh the" is a doubled word once spelt right); the final period before stray periods,
# which look for the end of their sentence.
FIXES: tuple[Fix, ...] = (
    space_before_punctuation,
    missing_space_after_punctuation,
    misspelling,
    doubled_word,
    misspelt_name,
    missing_final_period,
    stray_period,
    garbled_sentence,
)


# Rounds of all the fixes at most: a fix's context (the English words near a word, the end of a
# sentence) can change with another's edit, so the fixes run again until a round changes nothing,
# which makes the stage idempotent; one round more than that is rare, and the cap keeps it linear.
MAX_ROUNDS = 5


@stage(NAME, "doubled words, missing or stray spaces and periods, misspellings, misspelt names; flags doubts",
       prepare=misspellings)
def typos(doc: Document, config: Config | None) -> None:
    doubts: list[tuple[str, Doubt]] = []
    # a fix is a function of the text: one that changed nothing in a text would change nothing in
    # it again, so a later round reuses its doubts instead of running it (most of a second round)
    idle: dict[Fix, tuple[str, list[Doubt]]] = {}  # fix -> the text it left as it was, its doubts
    for _ in range(MAX_ROUNDS):
        doubts = []  # those of the last round, which saw the text as it stays
        changed = False
        for fix in FIXES:
            text = doc.text
            seen = idle.get(fix)
            if seen is not None and seen[0] == text:
                doubts.extend((fix.__name__, d) for d in seen[1])
                continue
            ops: list[Op] = []
            found_doubts: list[Doubt] = []
            for found in fix(text):
                if isinstance(found, Doubt):
                    found_doubts.append(found)
                elif text[found.start:found.end] != found.after:
                    ops.append(Op(found.start, found.end, found.after, NAME, fix.__name__))
            doubts.extend((fix.__name__, d) for d in found_doubts)
            if ops:
                doc.apply(ops)
                changed = True
                idle.pop(fix, None)
            else:
                idle[fix] = (text, found_doubts)
        if not changed:
            break
    for kind, doubt in doubts:
        doc.flag(NAME, kind, doubt.text, doubt.note)
