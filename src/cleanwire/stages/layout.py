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

from cleanwire.document import Document, Op
from cleanwire.stage import stage
from cleanwire.text import paragraph_spans

NAME = "layout"


@stage(NAME, "always last: one blank line between paragraphs, no blanks around them")
def layout(doc: Document, config: object) -> None:
    text = doc.text
    ops: list[Op] = []
    prev_end = 0
    first = True
    for start, end in paragraph_spans(text):
        if first:
            if start > 0:
                ops.append(Op(0, start, None, NAME, "whitespace"))
            first = False
        else:
            ops.extend(_separator_ops(text, prev_end, start))
        prev_end = end
    if first:  # nothing but whitespace
        if text:
            ops.append(Op(0, len(text), None, NAME, "whitespace"))
    elif prev_end < len(text):
        ops.append(Op(prev_end, len(text), None, NAME, "whitespace"))
    doc.apply(ops)


def _separator_ops(text: str, start: int, end: int) -> list[Op]:
    """Ops that turn the whitespace `text[start:end]` (holding a newline) into exactly "\\n\\n"."""
    if end - start == 2 and text[start:end] == "\n\n":
        return []
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
