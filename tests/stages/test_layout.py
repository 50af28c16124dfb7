"""The `layout` step as a specification: one blank line between paragraphs, nothing around them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.document import Document, Op, replay
from cleanwire.stages.layout import layout


def run(text: str) -> Document:
    doc = Document("t", text)
    layout(doc, None)
    return doc


@pytest.mark.parametrize("raw, laid_out", [
    ("One.\nTwo.", "One.\n\nTwo."),  # a single line break becomes a blank line
    ("One.\n\nTwo.", "One.\n\nTwo."),  # a blank line stays as it is
    ("One.\n\n\n\nTwo.", "One.\n\nTwo."),  # extra blank lines go
    ("One.  \n \t\n  Two.", "One.\n\nTwo."),  # so does whitespace at the ends of lines
    ("\n\n  One.\n\n", "One."),  # and around the text
    ("One.\u2028still one.\nTwo.", "One.\u2028still one.\n\nTwo."),  # only \n breaks a line
    ("a  b\tc", "a  b\tc"),  # whitespace inside a line is not layout's
    (" \n\t\n ", ""),
    ("", ""),
])
def test_each_non_blank_line_becomes_a_paragraph(raw, laid_out):
    assert run(raw).text == laid_out


def test_a_single_break_is_recorded_as_a_paragraph_break_and_the_rest_as_whitespace():
    doc = run(" One.\nTwo. \n\n\nThree.")
    assert [(e.kind, e.before, e.after) for e in doc.edits] == [("paragraph_break", "", "\n")]
    assert [(r.kind, r.text) for r in doc.removed] == [
        ("whitespace", " "), ("whitespace", " "), ("whitespace", "\n")]


TEXTS = st.text(st.sampled_from("ab.\n\n \t\u00a0\u2028\r"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_paragraphs_are_the_stripped_non_blank_lines_and_the_audit_replays(text):
    doc = run(text)
    assert doc.text == "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    assert replay(doc.source, doc.removed, doc.edits) == doc.text


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(st.integers(0, 40), max_size=6))
def test_layout_after_removals_replays_and_a_second_layout_changes_nothing(text, cuts):
    doc = Document("t", text)
    bounds = sorted({min(c, len(text)) for c in cuts})
    doc.apply([Op(s, e, None, "boilerplate", "nav") for s, e in zip(bounds[::2], bounds[1::2], strict=False)])
    layout(doc, None)
    assert replay(doc.source, doc.removed, doc.edits) == doc.text
    again = doc.text
    layout(doc, None)
    assert doc.text == again
