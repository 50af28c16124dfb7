"""The Document's promise: offsets into the input survive every change, and the audit replays."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.document import Document, Op, replay


def partition_holds(doc: Document) -> bool:
    """Every input character is kept, removed, or inside exactly one edit's `before`."""
    covered = [0] * len(doc.source)
    for r in doc.removed:
        assert doc.source[r.start:r.end] == r.text
        for k in range(r.start, r.end):
            covered[k] += 1
    for e in doc.edits:
        assert doc.source[e.start:e.start + len(e.before)] == e.before
        for k in range(e.start, e.start + len(e.before)):
            covered[k] += 1
    return all(c <= 1 for c in covered)


@st.composite
def op_batches(draw, text_len: int):
    """Non-overlapping ops on a text of length text_len."""
    cuts = sorted(draw(st.lists(st.integers(0, text_len), max_size=8)))
    ops = []
    for k in range(0, len(cuts) - 1, 2):
        start, end = cuts[k], cuts[k + 1]
        if draw(st.booleans()):
            ops.append(Op(start, end, None, "s", "remove"))
        else:
            ops.append(Op(start, end, draw(st.text("xyé’\n ", max_size=3)), "s", "edit"))
    return ops


@settings(max_examples=300, deadline=None)
@given(st.text("ab \n.’", max_size=30), st.data())
def test_any_sequence_of_changes_replays_from_the_audit(source, data):
    doc = Document("d", source)
    for _ in range(data.draw(st.integers(1, 4))):
        doc.apply(data.draw(op_batches(len(doc.text))))
        assert replay(doc.source, doc.removed, doc.edits) == doc.text
        assert partition_holds(doc)


@settings(max_examples=200, deadline=None)
@given(st.text("ab \n.", max_size=30), st.data())
def test_a_split_keeps_both_halves_accountable(source, data):
    doc = Document("d", source)
    doc.apply(data.draw(op_batches(len(doc.text))))
    at = data.draw(st.integers(0, len(doc.text)))
    before = doc.text
    child = doc.split_off(at, "d/2", "split")
    assert doc.text + child.text == before
    assert child.parent_id == "d" and child.id == "d/2"
    assert replay(doc.source, doc.removed, doc.edits) == doc.text
    assert partition_holds(doc) and partition_holds(child)


def test_ops_are_given_in_current_text_coordinates_and_recorded_in_input_coordinates():
    doc = Document("d", "skip\nHello  world")
    doc.remove(0, 5, "boilerplate", "nav")
    doc.apply([Op(5, 7, " ", "unicode", "collapse_spaces")])
    assert doc.text == "Hello world"
    assert [(r.kind, r.start, r.end, r.text) for r in doc.removed] == [("nav", 0, 5, "skip\n")]
    assert [(e.kind, e.start, e.before) for e in doc.edits] == [("collapse_spaces", 10, "  ")]


def test_an_edit_of_an_edit_is_one_entry_naming_both_fixes():
    doc = Document("d", "donâ€™t")
    doc.apply([Op(3, 6, "\u2019", "unicode", "mojibake")])
    doc.apply([Op(3, 4, "'", "quotes", "straighten_quote")])
    assert doc.text == "don't"
    [edit] = doc.edits
    assert (edit.stage, edit.kind, edit.before, edit.after, edit.start) == (
        "unicode+quotes", "mojibake+straighten_quote", "â€™", "'", 3)


def test_removing_edited_text_records_the_original_input():
    doc = Document("d", "A &amp; B\nbody")
    doc.apply([Op(2, 7, "&", "unicode", "html_entity")])
    doc.remove(0, 6, "boilerplate", "nav")
    assert doc.text == "body"
    assert doc.edits == []
    assert [r.text for r in doc.removed] == ["A &amp; B\n"]


def test_overlapping_ops_are_a_bug_in_the_stage():
    doc = Document("d", "abcdef")
    with pytest.raises(ValueError):
        doc.apply([Op(0, 3, None, "s", "k"), Op(2, 4, None, "s", "k")])


def test_an_empty_document_accepts_an_insertion():
    doc = Document("d", "")
    doc.apply([Op(0, 0, "x", "s", "insert")])
    assert doc.text == "x" and replay("", doc.removed, doc.edits) == "x"


def test_a_removal_over_line_breaks_left_between_removed_lines_records_each_break():
    doc = Document("d", "Story.\nHome\nNews\nSport\nMore.")
    doc.apply([Op(7, 11, None, "boilerplate", "nav"), Op(12, 16, None, "boilerplate", "nav"),
               Op(17, 22, None, "boilerplate", "nav")])
    assert doc.text == "Story.\n\n\n\nMore."
    doc.apply([Op(7, 9, None, "layout", "whitespace")])  # what layout takes: all but one blank line
    assert doc.text == "Story.\n\nMore."
    assert [(r.text, r.start) for r in doc.removed if r.stage == "layout"] == [("\n", 11), ("\n", 16)]
    assert replay(doc.source, doc.removed, doc.edits) == doc.text


@settings(max_examples=200, deadline=None)
@given(st.text("ab \n", min_size=1, max_size=30), st.data())
def test_one_removal_across_earlier_removals_takes_what_removing_each_character_takes(source, data):
    whole, single = Document("d", source), Document("d", source)
    cuts = data.draw(op_batches(len(source)))
    first = [Op(o.start, o.end, None, "s", "first") for o in cuts]
    whole.apply(first)
    single.apply(first)
    start = data.draw(st.integers(0, len(whole.text)))
    end = data.draw(st.integers(start, len(whole.text)))
    whole.apply([Op(start, end, None, "t", "second")])
    for at in reversed(range(start, end)):
        single.apply([Op(at, at + 1, None, "t", "second")])
    assert whole.text == single.text
    taken = {(r.stage, k) for r in single.removed for k in range(r.start, r.end)}
    assert {(r.stage, k) for r in whole.removed for k in range(r.start, r.end)} == taken
    assert replay(whole.source, whole.removed, whole.edits) == whole.text and partition_holds(whole)


@settings(max_examples=200, deadline=None)
@given(st.text("ab \n.", max_size=30), st.data())
def test_ops_in_any_order_change_the_text_as_the_same_ops_in_text_order(source, data):
    # apply takes ops in text order without sorting them; given in another order, it sorts them
    # (stably: insertions at one point keep the order they were given in)
    batch = data.draw(op_batches(len(source)))
    shuffled = data.draw(st.permutations(batch))
    given_order, text_order = Document("d", source), Document("d", source)
    given_order.apply(shuffled)
    text_order.apply(sorted(shuffled, key=lambda o: (o.start, o.end)))
    assert given_order.text == text_order.text
    assert given_order.removed == text_order.removed and given_order.edits == text_order.edits


def test_ops_out_of_order_that_overlap_are_still_a_bug_in_the_stage():
    doc = Document("d", "abcdef")
    with pytest.raises(ValueError):
        doc.apply([Op(2, 4, None, "s", "k"), Op(0, 3, None, "s", "k")])
    with pytest.raises(ValueError):
        doc.apply([Op(4, 5, None, "s", "k"), Op(5, 9, None, "s", "k")])
    assert doc.text == "abcdef"
