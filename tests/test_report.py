"""`cleanwire report`: one self-contained, escaped HTML page whose counts are the records'."""

import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.io import RunStats
from cleanwire.report import html_report, summary

HOSTILE = '<script>alert(1)</script>"\'&<img src=x onerror=alert(2)>'


def record(rid, text="Kept text.", removed=(), edits=(), flags=(), **extra):
    return {"id": rid, "text": text, "title": None, "date": None, "dateline": None, "authors": [],
            "reading_time_minutes": None, "captions": [], "removed": list(removed), "edits": list(edits),
            "flags": list(flags), **extra}


def rm(text, start, kind="nav", stage="boilerplate"):
    return {"stage": stage, "kind": kind, "text": text, "start": start, "end": start + len(text)}


class _Tags(HTMLParser):
    """Every tag and attribute of a page, and its script bodies."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def parse(page):
    tags = _Tags()
    tags.feed(page)
    return tags


def counts_shown(page):
    """{data-count key: value} as the page states them."""
    return {a["data-count"]: int(a["data-value"]) for _, a in parse(page).tags if "data-count" in a}


def test_the_counts_shown_are_the_records_counts():
    records = [record("a", "Body.", [rm("Menu", 0), rm("\n", 4, "whitespace", "layout")]),
               record("b", "Body two.", [rm("Share", 0, "share")],
                      [{"stage": "typos", "kind": "misspelling", "before": "teh", "after": "the", "start": 6}],
                      [{"stage": "typos", "kind": "misspelling", "text": "Zelenskiy", "note": "unsure"}]),
               {"id": "c", "error": {"type": "invalid_json", "message": "bad", "source": "x", "line": 3}, "input": "{"}]
    shown = counts_shown(html_report(records))
    assert shown["documents"] == 2 and shown["errors"] == 1 and shown["split"] == 0
    assert shown["removed"] == 3 and shown["removed:nav"] == 1 and shown["removed:share"] == 1
    assert shown["edits:misspelling"] == 1 and shown["flags:misspelling"] == 1
    assert shown["errors_by_type:invalid_json"] == 1


def test_the_page_loads_nothing_from_the_network():
    tags = parse(html_report([record("a", "See https://example.com/x.js", [rm("<link href=http://e.com>", 0)])])).tags
    for tag, attrs in tags:
        for name in ("src", "href", "action", "data"):
            assert name not in attrs, (tag, attrs)
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed")]


@pytest.mark.parametrize("field", ["id", "text", "title", "removed", "edits", "flags", "error"])
def test_hostile_strings_in_any_field_are_escaped(field):
    rec = record("a")
    if field in ("removed",):
        rec["removed"] = [rm(HOSTILE, 0, kind=HOSTILE)]
    elif field == "edits":
        rec["edits"] = [{"stage": HOSTILE, "kind": HOSTILE, "before": "", "after": HOSTILE, "start": 0}]
        rec["text"] = HOSTILE + rec["text"]
    elif field == "flags":
        rec["flags"] = [{"stage": "s", "kind": HOSTILE, "text": HOSTILE, "note": HOSTILE}]
    elif field == "error":
        rec = {"id": HOSTILE, "error": {"type": HOSTILE, "message": HOSTILE}, "input": HOSTILE}
    else:
        rec[field] = HOSTILE
    page = html_report([rec], title=HOSTILE)
    tags = parse(page)
    assert [t for t, _ in tags.tags].count("script") == 1 and "alert" not in "".join(tags.scripts)
    assert not [t for t, _ in tags.tags if t == "img"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_text_comes_out_escaped_and_whole(text):
    page = html_report([record("x", text)])
    tags = parse(page)
    assert [t for t, _ in tags.tags].count("script") == 1
    assert [t for t, _ in tags.tags].count("article") == 1


def test_the_filter_offers_every_kind_once():
    records = [record("a", "B.", [rm("Menu", 0), rm("Share", 5, "share")]), record("b", "C.", [rm("Menu", 0)])]
    options = [a.get("value") for t, a in parse(html_report(records)).tags if t == "option"]
    assert options == ["", "nav", "share"]


def test_the_limit_keeps_the_page_short_but_the_counts_whole():
    records = [record(str(k), "T.", [rm("Menu", 0)]) for k in range(5)]
    page = html_report(records, limit=2)
    assert page.count("<article") == 2 and counts_shown(page)["removed:nav"] == 5


def test_a_split_off_story_is_shown_in_its_place():
    parent = record("a", "One.", [rm("\n", 4, "whitespace", "layout"), rm("Two.", 5, "story", "split")])
    child = record("a/2", "Two.", [], parent_id="a")
    page = html_report([parent, child])
    assert "split off as a story" in page and counts_shown(page)["split"] == 1


def test_the_summary_names_the_counts_and_the_speed():
    stats = RunStats(inputs=3, outputs=3, bytes_in=3_000_000, seconds=2.0)
    stats.removed.update({"nav": 5, "share": 1})
    stats.errors_by_type.update({"invalid_json": 1})
    text = summary(stats)
    assert text.splitlines()[0] == ("cleanwire: 3 documents in, 3 out (0 stories split off), 0 error records; "
                                    "3.00 MB in 2.0 s, 1.50 MB/s")
    assert "  removed  6: nav 5, share 1" in text and "  errors   1: invalid_json 1" in text


def test_report_from_the_command_line_counts_what_the_run_wrote(cli, tmp_path):
    out, page = tmp_path / "clean.jsonl", tmp_path / "report.html"
    cli([*SEEDS, "-q", "-o", out], check=0)
    cli(["report", out, "-o", page], check=0)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    shown = counts_shown(page.read_text())
    assert shown["documents"] == len(records)
    assert shown["removed"] == sum(len(r["removed"]) for r in records)
    assert {k.split(":", 1)[1]: v for k, v in shown.items() if k.startswith("removed:")} == dict(
        Counter(x["kind"] for r in records for x in r["removed"]))
    assert re.search(r"<title>cleanwire report</title>", page.read_text())


def test_report_of_a_missing_file_is_a_usage_error(cli, tmp_path):
    proc = cli(["report", tmp_path / "nope.jsonl"], check=2)
    assert proc.stderr.decode().startswith("cleanwire: cannot read")
