"""`cleanwire explain`: the audit of a record cut back into its input, shown as a labelled diff."""

import json
import re

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.document import Document, Op
from cleanwire.explain import (
    EDIT,
    KEEP,
    REMOVE,
    Piece,
    explain_records,
    families,
    pieces,
    render,
    simplify,
    source_of,
    story_spans,
)


@st.composite
def changed_documents(draw):
    """A document after up to three batches of random removals and edits."""
    doc = Document("d", draw(st.text("ab \n.’", max_size=40)))
    for _ in range(draw(st.integers(0, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(doc.text)), max_size=6)))
        ops = []
        for k in range(0, len(cuts) - 1, 2):
            replacement = None if draw(st.booleans()) else draw(st.text("xy\n", max_size=3))
            ops.append(Op(cuts[k], cuts[k + 1], replacement, "s", "remove" if replacement is None else "edit"))
        doc.apply(ops)
    return doc


@settings(max_examples=150, deadline=None)
@given(changed_documents())
def test_the_pieces_of_a_record_give_back_its_input_and_its_text(doc):
    parts = pieces(doc.to_record())
    assert source_of(parts) == doc.source
    assert "".join(p.text if p.op == KEEP else p.after for p in parts) == doc.text


@settings(max_examples=150, deadline=None)
@given(changed_documents(), st.data())
def test_a_split_off_story_is_placed_by_its_parents_story_removal(doc, data):
    at = data.draw(st.integers(0, len(doc.text)))
    child = doc.split_off(at, "d/2", "split")
    records = [doc.to_record(), child.to_record()]
    stories = story_spans(records)
    for rec in records:
        parts = pieces(rec, stories)
        assert "".join(p.text if p.op == KEEP else p.after for p in parts) == rec["text"]
    if child._segs:  # the story's input window: from its first segment to its last
        lo, hi = child._segs[0].src_start, child._segs[-1].src_end
        assert source_of(pieces(records[1], stories)) == doc.source[lo:hi]


def test_a_record_without_changes_is_one_kept_piece():
    assert pieces({"text": "Just text.", "removed": [], "edits": []}) == [Piece(KEEP, "Just text.")]


def test_an_audit_that_does_not_fit_the_text_is_refused():
    rec = {"id": "x", "text": "ab", "removed": [{"stage": "s", "kind": "k", "text": "zz", "start": 9, "end": 11}],
           "edits": []}
    with pytest.raises(ValueError, match="does not fit"):
        pieces(rec)


@pytest.mark.parametrize("parts, shown", [
    ([Piece(REMOVE, "Menu", "", "boilerplate", "nav"), Piece(KEEP, "Text")], "[-Menu-]{boilerplate.nav}Text"),
    ([Piece(KEEP, "a "), Piece(EDIT, "teh", "the", "typos", "misspelling"), Piece(KEEP, " b")],
     "a {teh→the}{typos.misspelling} b"),
    # negative cases: whitespace-only changes read as their result, not as noise
    ([Piece(KEEP, "One."), Piece(EDIT, "\n", "\n\n", "layout", "paragraph_break"), Piece(KEEP, "Two.")],
     "One.\n\nTwo."),
    ([Piece(REMOVE, "  ", "", "layout", "whitespace"), Piece(KEEP, "Text")], "Text"),
])
def test_render_shows_removals_and_edits_inline_with_their_kind(parts, shown):
    assert render(parts, color=False) == shown


def test_full_render_shows_whitespace_changes_too():
    parts = [Piece(KEEP, "One."), Piece(EDIT, "\n", "\n\n", "layout", "paragraph_break"), Piece(KEEP, "Two.")]
    assert render(parts, color=False, full=True) == "One.{⏎→⏎⏎}{layout.paragraph_break}Two."


def test_a_menu_removed_line_by_line_is_shown_as_one_removal():
    rm = [Piece(REMOVE, t, "", "boilerplate", "nav") for t in ("Home", "World", "Sport")]
    ws = Piece(REMOVE, "\n", "", "layout", "whitespace")
    merged = simplify([rm[0], ws, rm[1], ws, rm[2], ws, Piece(KEEP, "Story.")])
    assert [p.text for p in merged] == ["Home\nWorld\nSport", "\n", "Story."]


def test_removals_of_different_kinds_stay_apart():
    parts = [Piece(REMOVE, "Home", "", "b", "nav"), Piece(REMOVE, "Share", "", "b", "share")]
    assert len(simplify(parts)) == 2


def test_colour_codes_appear_only_when_asked_for():
    parts = [Piece(REMOVE, "Menu", "", "boilerplate", "nav")]
    assert "\x1b[" not in render(parts, color=False)
    assert "\x1b[" in render(parts, color=True)


def test_families_group_a_bundle_with_the_stories_split_off_it():
    recs = [{"id": "a"}, {"id": "a/2", "parent_id": "a"}, {"id": "a/3", "parent_id": "a/2"}, {"id": "b"}]
    assert [[r["id"] for r in f] for f in families(recs)] == [["a", "a/2", "a/3"], ["b"]]


def test_an_error_record_is_explained_as_its_error():
    out = explain_records([{"id": "x", "error": {"type": "invalid_json", "message": "bad"}, "input": "{"}],
                          color=False)
    assert "error record, invalid_json: bad" in out


def test_explain_cleans_a_raw_file_and_labels_every_change(cli):
    proc = cli(["explain", SEEDS[0], "--stages", "extract", "--full"], check=0)
    out = proc.stdout.decode()
    assert out.startswith(f"── {SEEDS[0].stem}") and "\x1b[" not in out  # a pipe: no colours
    assert any(re.fullmatch(r"\d+ removed, \d+ edits, \d+ flags; \d+ chars kept", line) for line in out.splitlines())
    assert re.search(r"-\]\{[a-z_]+\.[a-z_+]+\}", out)  # a removal, labelled stage.kind


def test_explain_reads_cleaned_output_without_cleaning_again(cli, tmp_path):
    out = tmp_path / "clean.jsonl"
    cli([*SEEDS, "--stages", "extract", "-q", "-o", out], check=0)
    second = json.loads(out.read_text().splitlines()[1])
    proc = cli(["explain", out, "--id", second["id"], "--color"], check=0)
    shown = proc.stdout.decode()
    assert shown.startswith(f"\x1b[1m── {second['id']}")
    assert shown.count("── ") == 1


def test_explain_of_an_unknown_id_is_a_usage_error(cli):
    proc = cli(["explain", SEEDS[0], "--id", "nope"], check=2)
    assert proc.stderr.decode().strip() == f"cleanwire: no document 'nope' in {SEEDS[0]}"


def test_a_file_named_like_a_subcommand_is_reached_with_a_path(cli, tmp_path):
    (tmp_path / "explain").write_text("Plain text.\n")
    proc = cli([tmp_path / "explain", "-q"], check=0)
    assert json.loads(proc.stdout)["text"] == "Plain text."
