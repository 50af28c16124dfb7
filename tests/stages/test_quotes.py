"""The `quotes` stage: marks in the asked style, wrong-way and lost marks repaired, the rest untouched."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire import clean
from cleanwire.config import Config
from cleanwire.document import Document, replay
from cleanwire.stages.quotes import NAME, quotes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KINDS = {"straighten_quote", "curl_quote", "turn_wrong_way_quote", "restore_opening_quote", "restore_closing_quote"}


def cleaned(text: str, mode: str = "ascii") -> Document:
    doc = Document("t", text)
    quotes(doc, Config(quotes=mode))
    return doc


def out(text: str, mode: str = "ascii") -> str:
    return cleaned(text, mode).text


# -- styles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "mode", "expected"), [
    ("“It’s here,” she said.", "ascii", "\"It's here,\" she said."),
    ("\"It's here,\" she said.", "curly", "“It’s here,” she said."),
    ("He said 'no' to the 'best' offer.", "curly", "He said ‘no’ to the ‘best’ offer."),
    ("The '90s were loud; rock 'n' roll won.", "curly", "The ’90s were loud; rock ’n’ roll won."),
    ("the players' union", "curly", "the players’ union"),
    ("(\"Yes.\")", "curly", "(“Yes.”)"),
    ("Sean O’Brien won.", "ascii", "Sean O'Brien won."),
])
def test_marks_come_out_in_the_requested_style(text, mode, expected):
    assert out(text, mode) == expected


@pytest.mark.parametrize(("text", "mode"), [
    ("He is 6' 11\" tall and wears size 5' shoes.", "curly"),
    ("The wreck lies at 40°26'46\"N, 79°58'56\"W.", "curly"),
    ("Set lang='en' and x=\"y\" first.", "curly"),
    ("Call print(\"done\") at the end.", "curly"),
    ("See https://example.org/q?name=\"x\" now.", "curly"),
    ("Die Zeitung schrieb: „Das ist gut.“", "curly"),
    ("Die Zeitung schrieb: „Das ist gut.“", "keep"),
    ("Le Monde titrait « C’est fini » hier.", "keep"),
    ("Sean O’Brien and Mary D’Angelo won.", "curly"),
    ("Sean O'Brien and Mary D'Angelo won.", "keep"),
    ("No marks at all here.", "curly"),
])
def test_text_that_must_stay_is_left_as_it_is(text, mode):
    doc = cleaned(text, mode)
    assert doc.text == text
    assert doc.edits == [] and doc.flags == []


def test_ascii_mode_straightens_low_marks_but_keeps_guillemets():
    assert out("Er sagte: „Nein“ und « c’est non ».", "ascii") == "Er sagte: \"Nein\" und « c'est non »."


def test_keep_mode_converts_a_paragraph_in_the_other_style():
    curly = "“It’s fine,” he said. “We’re ready.”\n\nShe called it “late”.\n\n“It’s done,” they said."
    assert out(curly + "\n\n\"Not yet,\" she said.", "keep") == curly + "\n\n“Not yet,” she said."
    straight = "\"It's fine,\" he said.\n\nShe called it \"late\".\n\n\"It's done,\" they said."
    assert out(straight + "\n\n“Not yet,” she said.", "keep") == straight + "\n\n\"Not yet,\" she said."


def test_keep_mode_leaves_a_document_that_mixes_its_styles_throughout():
    text = "“It’s fine,” he said.\n\n\"It's done,\" she said.\n\n“Why?” they asked.\n\n\"Now.\""
    assert out(text, "keep") == text


def test_keep_mode_leaves_two_paragraphs_in_the_other_style():
    curly = "“It’s fine,” he said. “We’re ready.”\n\nShe called it “late”.\n\n“It’s done,” they said."
    tail = "\n\n\"Not yet,\" she said.\n\nHe called it \"early\"."
    assert out(curly + tail, "keep") == curly + tail
    assert out(tail.strip() + "\n\n" + curly, "keep") == tail.strip() + "\n\n" + curly


def test_keep_mode_leaves_a_paragraph_when_the_rest_strays_too_often():
    curly = "“It’s fine,” he said. “We’re ready.”\n\nShe called it “late”.\n\n“It’s done,” they said."
    rest = curly + "\n\nIt's late."  # 1 straight mark of 12: more than 7.5% of them
    assert out(rest + "\n\n\"Not yet,\" she said.", "keep") == rest + "\n\n\"Not yet,\" she said."


def test_keep_mode_leaves_an_embedded_post_holding_a_url_in_its_own_style():
    curly = "“It’s fine,” he said. “We’re ready.”\n\nShe called it “late”.\n\n“It’s done,” they said."
    post = "\n\n\"Go team!\" – A fan https://t.co/x1 pic.twitter.com/y2"
    assert out(curly + post, "keep") == curly + post


def test_keep_mode_leaves_a_paragraph_that_holds_both_styles():
    curly = "“It’s fine,” he said. “We’re ready.”\n\nShe called it “late”.\n\n“It’s done,” they said."
    mixed = "\n\n\"Not yet,\" she said. It’s \"late\"."
    assert out(curly + mixed, "keep") == curly + mixed


# -- repairs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "mode", "expected", "kind"), [
    # wrong-way marks, apostrophes included
    ("“It is fine,“ he said.", "curly", "“It is fine,” he said.", "turn_wrong_way_quote"),
    ("”It is fine,” he said.", "curly", "“It is fine,” he said.", "turn_wrong_way_quote"),
    ("It doesn‘t matter.", "curly", "It doesn’t matter.", "turn_wrong_way_quote"),
    ("He called it ’absurd and wrong’ today.", "keep", "He called it ‘absurd and wrong’ today.",
     "turn_wrong_way_quote"),
    # a lost opening mark: at the paragraph start, after a colon, after an earlier quotation
    ("China always stands for peace. No one wins a war,” the agency quoted him as saying.", "curly",
     "“China always stands for peace. No one wins a war,” the agency quoted him as saying.",
     "restore_opening_quote"),
    ("I had a long call,\" the leader tweeted.", "ascii", "\"I had a long call,\" the leader tweeted.",
     "restore_opening_quote"),
    ("Mr Lee said: There was no discussion of that.”", "curly",
     "Mr Lee said: “There was no discussion of that.”", "restore_opening_quote"),
    ("Asked again, Kirby said, It could end now.”", "curly",
     "Asked again, Kirby said, “It could end now.”", "restore_opening_quote"),
    ("“It is late,” he said. We must go now.”", "curly", "“It is late,” he said. “We must go now.”",
     "restore_opening_quote"),
    ("Ann said she was sad. I pray for them,” she said.", "curly",
     "Ann said she was sad. “I pray for them,” she said.", "restore_opening_quote"),
    # ... and in a list item, after its marker (the bullet stays the first thing on the line)
    ("* To Foundation provided Rockwood Club,” its in the fall of 2016.", "curly",
     "* “To Foundation provided Rockwood Club,” its in the fall of 2016.", "restore_opening_quote"),
    ("12. We will go now,\" he said.", "ascii", "12. \"We will go now,\" he said.", "restore_opening_quote"),
    ("2016. We will go now,\" he said.", "ascii", "\"2016. We will go now,\" he said.", "restore_opening_quote"),
    # a lost closing mark before an attribution
    ("“It is a good thing, he said.", "curly", "“It is a good thing,” he said.", "restore_closing_quote"),
    ("\"Any one of us could have been hurt, she said. \"We were lucky.\"", "ascii",
     "\"Any one of us could have been hurt,\" she said. \"We were lucky.\"", "restore_closing_quote"),
    ("“There is no victim, said Tatu Zen, head of operations at the agency.", "curly",
     "“There is no victim,” said Tatu Zen, head of operations at the agency.", "restore_closing_quote"),
    ("“I was such a kid, she shared. “I was 22.”", "curly", "“I was such a kid,” she shared. “I was 22.”",
     "restore_closing_quote"),
])
def test_wrong_way_and_lost_marks_are_repaired(text, mode, expected, kind):
    doc = cleaned(text, mode)
    assert doc.text == expected
    assert kind in {e.kind for e in doc.edits}
    assert {e.kind for e in doc.edits} <= KINDS and {e.stage for e in doc.edits} == {NAME}


@pytest.mark.parametrize("text", [
    # the English convention: a quotation running on over paragraphs stays open
    "“We want this war to end,” Kirby said. “It could end now. That does not appear likely.\n\n"
    "“If there is going to be peace, it must be fair,” Kirby said.",
    "\"That means 1,550 vehicles, including ammunition.\n\n\"In total, we have trained nine brigades.\"",
    "“We will fight, and we will win.\n\n“Nothing will stop us,” he said.",
    # nested double marks, as scraped quotations have them
    "“We got mixed reactions. Others called us “terrorists”. This only happened because it spread.”",
    # an apostrophe is no quotation mark
    "“The players’ union won,” he said.",
])
def test_balanced_or_running_on_quotations_are_left_alone(text):
    doc = cleaned(text, "keep")
    assert doc.text == text
    assert doc.flags == []


@pytest.mark.parametrize("text", [
    "Chastain said that the director really left it free for us to explore instincts.”",  # where did it open?
    "its special military operation” in Ukraine",
    "“We will fight on.\n\nThe minister left the room.",
    "“We will fight, and we will win.",
])
def test_a_quotation_that_cannot_be_balanced_is_flagged_and_left(text):
    doc = cleaned(text, "curly")
    assert doc.text == text
    assert [f.kind for f in doc.flags] == ["unbalanced_quote"]


# -- the seeds -----------------------------------------------------------------------------------


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seed_001_gets_its_lost_opening_quotes_back():
    doc = cleaned(seed("001"))
    assert "\n\"China always stands on the side of peace" in doc.text
    assert "\n\"I had a long and meaningful phone call" in doc.text
    assert [e.kind for e in doc.edits].count("restore_opening_quote") == 2


def test_seed_000_keeps_its_multi_paragraph_quotation_open():
    doc = cleaned(seed("000"), "curly")
    assert "That doesn’t appear to be in the offing.\n\n“If there’s going to be" in doc.text
    assert doc.edits == [] and doc.flags == []


def test_seed_002_in_curly_mode_is_typographic_throughout():
    text = cleaned(seed("002"), "curly").text
    assert "“special military operation”" in text and "China’s" in text
    assert '"' not in text and "'" not in text


# -- properties -------------------------------------------------------------------------------

MARKY = st.lists(st.sampled_from(list("ab 5.,:?!-()\n\"'“”‘’„«»=/") + ["said", " he", "http://"]),
                 max_size=40).map("".join)
ANY_TEXT = st.one_of(MARKY, st.text(max_size=60))


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, st.sampled_from(["ascii", "curly", "keep"]))
def test_cleaning_twice_changes_nothing_the_second_time(text, mode):
    once = out(text, mode)
    assert out(once, mode) == once


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, st.sampled_from(["ascii", "curly", "keep"]))
def test_the_audit_trail_replays_to_the_output_and_nothing_raises(text, mode):
    doc = cleaned(text, mode)
    assert replay(doc.source, doc.removed, doc.edits) == doc.text
    assert all(e.kind in KINDS for e in doc.edits)


@settings(max_examples=80, deadline=None)
@given(MARKY)
def test_ascii_mode_leaves_no_curly_mark_and_removes_nothing(text):
    doc = cleaned(text, "ascii")
    assert not set("“”‘’") & set(doc.text)
    assert doc.removed == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["* ", "- ", "• ", "1. ", "12) ", "> "]), MARKY.map(lambda t: t.replace("\n", " ").strip()),
       st.sampled_from(["ascii", "curly", "keep"]))
def test_a_list_item_keeps_its_marker_first_whatever_the_stage_repairs(marker, text, mode):
    assert out(marker + text, mode).startswith(marker)


def test_a_list_item_whose_opening_quote_was_restored_cleans_to_the_same_text_again():
    text = "A fund-raiser last year.\n* To Foundation provided Rockwood Club,\u201d its in the fall of 2016."
    once = clean(text)[0]["text"]
    assert "* \"To Foundation" in once
    assert clean(once)[0]["text"] == once


def test_a_closing_mark_restored_in_one_paragraph_teaches_its_reporting_words_to_the_others_at_once():
    # the restored '"But base," they' teaches "they" as a reporting word; a second cleaning would
    # then restore '"But together," they' too, so the first cleaning does it already
    text = "\u201cBut together, they sport.\n\nWe\u2019re \u201cBut base, they Taliban. \u201cSalaam"
    once = out(text, "ascii")
    assert once.startswith('"But together," they sport.')
    assert '"But base," they Taliban.' in once
    assert out(once, "ascii") == once
    assert len(cleaned(text, "ascii").flags) == len(cleaned(once, "ascii").flags)
