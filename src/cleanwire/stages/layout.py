"""The `layout` step: paragraphs separated by exactly one blank line, nothing around them.

It always runs last (it is not one of the selectable stages), so that every record meets the
contract whatever stages ran: each non-blank line is a paragraph; a single line break between
two paragraphs becomes a blank line (an edit, kind `paragraph_break`); extra blank lines and
whitespace at the ends of lines or of the text are removed (kind `whitespace`).

>>> from cleanwire.document import Document
>>> d = Document("x", "  One.\\nTwo. \\n\\n\\n\\nThree.\\n")
>>> layout(d, None)
>>> d.text
'One.\\n\\nTwo.\\n\\nThree.'
"""

from __future__ import annotations

import re

from cleanwire.document import Document, Op
from cleanwire.stage import stage

NAME = "layout"

# A line break and the whitespace after it: with the spaces that end the line before it (rare,
# found by a walk back), the whitespace between two paragraphs. It starts with a literal, which
# the regex engine finds at C speed.
_BREAK_RE = re.compile(r"\n\s*")


@stage(NAME, "always last: one blank line between paragraphs, no blanks around them")
def layout(doc: Document, config: object) -> None:
    text = doc.text
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if start == len(text):  # nothing but whitespace
        if text:
            doc.apply([Op(0, len(text), None, NAME, "whitespace")])
        return
    ops: list[Op] = []
    if start > 0:
        ops.append(Op(0, start, None, NAME, "whitespace"))
    for m in _BREAK_RE.finditer(text, start, end):
        sep_start, sep_end = m.span()
        while text[sep_start - 1].isspace():
            sep_start -= 1
        if sep_end - sep_start == 2 and text[sep_start:sep_end] == "\n\n":  # already a blank line
            continue
        if sep_end - sep_start == 1:  # one line break, the usual case: it becomes a blank line
            ops.append(Op(sep_end, sep_end, "\n", NAME, "paragraph_break"))
        else:
            ops.extend(_separator_ops(text, sep_start, sep_end))
    if end < len(text):
        ops.append(Op(end, len(text), None, NAME, "whitespace"))
    doc.apply(ops)


def _separator_ops(text: str, start: int, end: int) -> list[Op]:
    """Ops that turn the whitespace `text[start:end]` (holding a newline) into exactly "\\n\\n"."""
    first = text.index("\n", start, end)
    last = text.rindex("\n", start, end)
    ops = []
    if first > start:
        ops.append(Op(start, first, None, NAME, "whitespace"))
    if first == last:
        if last + 1 < end:
            ops.append(Op(last + 1, end, None, NAME, "whitespace"))
        ops.append(Op(first + 1, first + 1, "\n", NAME, "paragraph_break"))
        return ops
    if last > first + 1:
        ops.append(Op(first + 1, last, None, NAME, "whitespace"))
    if last + 1 < end:
        ops.append(Op(last + 1, end, None, NAME, "whitespace"))
    return ops
