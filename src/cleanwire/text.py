"""Small text helpers that several stages share: line and paragraph spans.

Stages look at text line by line far more than with whole-text regexes: a loop over lines is
linear whatever the input, and it is where news text keeps its structure.

>>> list(line_spans("a\\n\\nbc"))
[(0, 1), (2, 2), (3, 5)]
>>> list(paragraph_spans("a\\n\\nbc\\n"))
[(0, 1), (3, 5)]
"""

from __future__ import annotations

from collections.abc import Iterator


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line that holds more than whitespace, stripped of it.

    After the `layout` step every such line is a paragraph.
    """
    start = 0
    for line in text.split("\n"):  # the lines of `line_spans`, without slicing each out again
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield start + lead, start + lead + len(stripped)
        start += len(line) + 1
