"""The library API: strings and records in, records out, your own stages plugged in."""

import gc
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire import Config, Document, Op, Pipeline, clean, replay, stage
from cleanwire.io import Incoming, dumps, loads, run

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@stage("shout", "upper-cases the text (a test stage)")
def shout(doc, config):
    doc.apply([Op(0, len(doc.text), doc.text.upper(), "shout", "upper")])


@stage("explode", "raises (a test stage)")
def explode(doc, config):
    raise RuntimeError("boom")


@stage("halves", "splits every document in the middle (a test stage)")
def halves(doc, config):
    child = doc.split_off(len(doc.text) // 2, f"{doc.id}/2", "halves")
    return [doc, child]


def test_a_user_stage_runs_and_its_edits_are_audited():
    [out] = Pipeline(Config(stages=()), [shout]).clean_record({"id": "a", "text": "hi there"})
    assert out["text"] == "HI THERE"
    assert out["edits"] == [{"stage": "shout", "kind": "upper", "before": "hi there", "after": "HI THERE", "start": 0}]


def test_a_stage_that_raises_gives_an_error_record_naming_it():
    [err] = Pipeline(Config(), [explode]).clean_record({"id": "a", "text": "x"}, source="f.jsonl", line=7, raw="RAW")
    assert err == {"id": "a", "error": {"type": "stage_error", "message": "RuntimeError: boom",
                                        "source": "f.jsonl", "line": 7}, "input": "RAW"}


def test_a_split_story_is_its_own_record_with_parent_id():
    main, child = Pipeline(Config(), [halves]).clean_record({"id": "p", "text": "aaaa\nbbbb", "lang": "en"})
    assert (main["id"], main["text"]) == ("p", "aaaa")
    assert (child["id"], child["parent_id"], child["text"], child["lang"]) == ("p/2", "p", "bbbb", "en")
    assert [k for k in child][-2:] == ["parent_id", "lang"]


def _drop_first_line_if(name, first):
    """An extract stage (it only removes) that takes the text's first line out when it is `first`."""

    @stage(name, f"removes a first line {first!r} (a test stage)")
    def drop(doc, config):
        if doc.text.split("\n", 1)[0] == first:
            doc.remove(0, min(len(doc.text), len(first) + 1), name, "line")

    return drop


@stage("split", "splits off the text after the first '--' line (a test stage)")
def split_at_rule(doc, config):
    at = doc.text.find("\n--\n")
    if at < 0:
        return None
    child = doc.split_off(at + 1, f"{doc.id}/2", "split")
    child.remove(0, 3, "split", "rule")
    return [doc, child]


HEAD = _drop_first_line_if("metadata", "HEAD")
MENU = _drop_first_line_if("boilerplate", "MENU")


def test_an_extract_stage_runs_again_when_a_later_one_took_out_what_it_judged():
    """The head only shows once the menu above it is gone: a second cleaning would find it."""
    pipeline = Pipeline(Config(), [HEAD, MENU])
    [out] = pipeline.clean_record({"id": "a", "text": "MENU\nHEAD\nbody"})
    assert out["text"] == "body"
    assert [(r["stage"], r["text"]) for r in out["removed"]] == [("boilerplate", "MENU\n"), ("metadata", "HEAD\n")]
    assert pipeline.clean_record({"id": "a", "text": out["text"]})[0]["text"] == "body"


def test_a_split_off_story_goes_through_the_extract_stages_as_a_document_of_its_own():
    pipeline = Pipeline(Config(), [HEAD, MENU, split_at_rule])
    main, child = pipeline.clean_record({"id": "p", "text": "HEAD\nfirst\n--\nMENU\nHEAD\nsecond"})
    assert (main["text"], child["text"]) == ("first", "second")


def test_the_extract_stages_read_decoded_text_as_a_second_cleaning_would():
    """A zero-width space in the place hid the dateline until unicode took it out (issue 9, cause a)."""
    text = ("MOS\u200bCOW, April 27 (Reuters) \u2013 The Kremlin said on Thursday it welcomed anything that "
            "could bring the end of the conflict closer.\n\nBut the Kremlin said it still needed to achieve "
            "the aims of what it calls its operation.")
    once = clean(text)[0]
    assert once["dateline"]["place"] == "MOSCOW" and once["text"].startswith("The Kremlin said")
    assert clean(once["text"])[0]["text"] == once["text"]


def test_stories_split_off_a_split_off_story_are_numbered_as_stories_of_the_input():
    out = Pipeline(Config(), [split_at_rule]).clean_record({"id": "p", "text": "a\n--\nb\n--\nc"})
    assert [(r["id"], r.get("parent_id"), r["text"]) for r in out] == [
        ("p", None, "a"), ("p/2", "p", "b"), ("p/3", "p", "c")]


def test_clean_records_takes_dicts_and_yields_dicts_including_errors():
    out = list(Pipeline().clean_records([{"id": 1, "text": "A."}, "not a dict", {"text": 3}]))
    assert out[0]["id"] == 1
    assert [r["error"]["type"] for r in out[1:]] == ["not_an_object", "text_not_string"]
    assert out[1]["id"] == "<records>:2"


def test_clean_takes_config_fields_as_options():
    assert clean("A.", quotes="curly")[0]["text"] == "A."


@PROPS
@given(st.text())
def test_any_string_gives_one_record_with_string_text_that_replays(text):
    records = clean(text)
    assert records and all(isinstance(r["text"], str) for r in records)
    if len(records) == 1:
        assert replay(text, records[0]["removed"], records[0]["edits"]) == records[0]["text"]


@PROPS
@given(st.text())
def test_cleaning_is_deterministic(text):
    assert dumps(clean(text)[0]) == dumps(clean(text)[0])


@PROPS
@given(st.binary(max_size=200))
def test_any_byte_line_gives_one_record_or_one_error_record(line):
    from cleanwire.io import _read_jsonl

    body = line.replace(b"\n", b" ")
    items = list(_read_jsonl("-", iter([body + b"\n"])))
    if not body.removeprefix(b"\xef\xbb\xbf").strip():  # a blank line (a BOM alone is blank)
        assert items == []
        return
    [item] = items
    assert isinstance(item, Incoming)
    out = [item.error] if item.error else Pipeline().clean_record(item.record, raw=item.raw)
    assert len([r for r in out if "parent_id" not in r]) == 1
    for r in out:
        assert json.loads(dumps(r)) is not None


def test_loads_accepts_what_the_standard_library_accepts():
    assert loads('{"n": 123456789012345678901234567890}') == {"n": 123456789012345678901234567890}


def test_a_document_passes_the_input_record_fields_through():
    doc = Pipeline().document({"id": "a", "text": "x", "url": "u", "title": "ignored"}, "f:1")
    assert isinstance(doc, Document) and doc.extra == {"url": "u"}


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    # io.run freezes what is alive and collects the young generation less often, for the run only
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Hello world."}\n', encoding="utf-8")
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    lines: list[bytes] = []
    run([str(path)], Pipeline(Config()), lines.append)
    assert len(lines) == 1
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen
    gc.freeze()  # a caller's own frozen objects stay frozen
    try:
        held = gc.get_freeze_count()
        run([str(path)], Pipeline(Config()), lines.append)
        assert gc.get_freeze_count() == held and gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
