"""The `typos` stage: clear slips repaired and recorded under their fix's name, doubts flagged, the rest kept."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanwire.config import Config
from cleanwire.document import Document, replay
from cleanwire.stages.typos import FIXES, NAME, typos
from cleanwire.stages.typos_words import misspellings

LEDE = ("The city council voted on Tuesday to keep the old bridge open for at least another ten years, "
        "overruling the engineers who had asked for it to be closed.")
TAIL = ("Residents who had campaigned for the bridge for two years welcomed the decision and said they would "
        "keep watching how the money is spent.")


def cleaned(text: str) -> Document:
    doc = Document("t", text)
    typos(doc, Config())
    return doc


def in_article(paragraph: str) -> str:
    """The paragraph between two paragraphs of English prose, as the stage sees an article."""
    return f"{LEDE}\n\n{paragraph}\n\n{TAIL}"


def middle(doc: Document) -> str:
    return doc.text.split("\n\n")[1]


@pytest.mark.parametrize(("before", "after", "kind"), [
    ("The mayor said the the bridge would stay open.", "The mayor said the bridge would stay open.", "doubled_word"),
    ("The mayor met them in in the town hall on Monday.", "The mayor met them in the town hall on Monday.",
     "doubled_word"),
    ("The the mayor spoke to the press on Monday.", "The mayor spoke to the press on Monday.", "doubled_word"),
    ("The engineers met friends.And then they left.", "The engineers met friends. And then they left.",
     "missing_space_after_punctuation"),
    ("The mayor said:The bridge will stay open for now.", "The mayor said: The bridge will stay open for now.",
     "missing_space_after_punctuation"),
    ("It was a major , statewide effort by the council.", "It was a major, statewide effort by the council.",
     "space_before_punctuation"),
    ("He wore a helmet . Rudolph said it was for the cold.", "He wore a helmet. Rudolph said it was for the cold.",
     "space_before_punctuation"),
    ("He said the Crimea it seized. in 2014 was not theirs to keep.",
     "He said the Crimea it seized in 2014 was not theirs to keep.", "stray_period"),
    ("The council did not recieve the report from the goverment in time.",
     "The council did not receive the report from the government in time.", "misspelling"),
    ("“These are good leaders and we’re glad to see that they did talk,” Kirby said",
     "“These are good leaders and we’re glad to see that they did talk,” Kirby said.", "missing_final_period"),
    ("The engineers said the repairs, which start in May, would cost less than feared",
     "The engineers said the repairs, which start in May, would cost less than feared.", "missing_final_period"),
    ("He was wearing a knit ski hat that covered most of his face",
     "He was wearing a knit ski hat that covered most of his face.", "missing_final_period"),
    ("The engineers said the repairs would begin in the spring, after the vote in Ukraine",
     "The engineers said the repairs would begin in the spring, after the vote in Ukraine.",
     "missing_final_period"),
])
def test_a_clear_slip_is_repaired_and_recorded_under_its_fix(before, after, kind):
    doc = cleaned(in_article(before))
    assert middle(doc) == after
    assert {e.kind for e in doc.edits} == {kind}
    assert all(e.stage == NAME for e in doc.edits)


@pytest.mark.parametrize("paragraph", [
    "He had had enough, and she said that that was the end of it.",
    "What it is is a start, said the mayor of Walla Walla, where 1 1/2 inches of rain fell.",
    "The U.S. rate rose 3.5 percent, e.g. in Node.js jobs at example.com, J.R.R. Tolkien wrote.",
    "Shares rose approx. in line with Sept. forecasts at 9 a.m. on Monday, vs. the index.",
    "Visit www.example.org/news/story.html today or mail desk@example.com for details.",
    "Wait ... what happened next in index.php , was odd . . . I know.",
    "It was a long long time ago, far far away, near the Iran and Iraq border.",
    "« Nous nous sommes battus, vous vous en souvenez ? » a-t-il demandé.",
    "Die Zeitung schrieb: „Die die das sagen, wissen nicht, was sie tun.“",
    "Suh and Shepard, of the Shure company, said the Resarch unit will stay.",
    "The My.Future programme and Booking.Com offer ASP.NET jobs in System.IO code.",
    "In Baden-Baden and Bora Bora the mayor of Sing Sing spoke.",
    "Follow @newsdesk for updates #bridge",
    "Keywords: bridges , council , repairs , city budget , spring",
    "A collection of articles by the Globe. subscribe",
    "On Monday Charlize Theron spoke, while Charlie Sheen left early and said that Charlie Sheen and his son "
    "would be back, as Charlie Sheen had promised.",
])
def test_text_that_looks_wrong_but_is_right_stays(paragraph):
    doc = cleaned(in_article(paragraph))
    assert middle(doc) == paragraph
    assert doc.edits == []


@pytest.mark.parametrize("line", [
    "What happens next for the bridge and its people",
    "- a list item that does not end in a period",
    "The measures announced on Tuesday include the following:",
    "Read the full report at https://example.org/reports/2023/annual",
    "Credit: NASA View full size image of the bridge",
    "Great day at the bridge with the council, more to come @newsdesk #bridge",
    "“We will keep the bridge open,” the mayor said. “It is safe.”",
])
def test_a_line_that_is_not_a_prose_sentence_gets_no_final_period(line):
    doc = cleaned(in_article(line))
    assert middle(doc) == line


def test_the_first_paragraph_may_be_a_headline_and_gets_no_final_period():
    doc = cleaned(f"Kremlin welcomes the call on Ukraine, but says its aims remain the same\n\n{LEDE}\n\n{TAIL}")
    assert doc.text.split("\n\n")[0].endswith("same")


def test_lines_among_lines_without_periods_are_flagged_not_changed():
    verses = "and the river runs on, and the night is long\n\nbut the morning comes, and the light is on"
    doc = cleaned(in_article(verses))
    assert verses in doc.text
    assert [f.kind for f in doc.flags] == ["missing_final_period", "missing_final_period"]


def test_a_paragraph_that_may_be_a_heading_is_flagged():
    doc = cleaned(in_article("What the council decided about the old bridge"))
    assert doc.edits == []
    assert [f.kind for f in doc.flags] == ["missing_final_period"]


def test_a_doubled_content_word_is_flagged_not_removed():
    doc = cleaned(in_article("It was the sweet sweet reminder that summer has come."))
    assert doc.edits == []
    assert [(f.kind, f.text) for f in doc.flags] == [("doubled_word", "sweet sweet")]


def test_misspelt_name_used_once_takes_the_spelling_used_three_times():
    text = in_article("President Volodymyr Zelenskiy met Xi. Later Volodymyr Zelenskiy spoke, and "
                      "the call with Volodomyr Zelenskiy ended. Aides of Volodymyr Zelenskiy left.")
    doc = cleaned(text)
    assert "Volodomyr" not in doc.text and doc.text.count("Volodymyr Zelenskiy") == 4
    assert [(e.kind, e.before, e.after) for e in doc.edits] == [("misspelt_name", "Volodomyr", "Volodymyr")]


def test_two_spellings_of_a_name_used_once_each_are_a_flag_not_an_edit():
    doc = cleaned(in_article("The talks of Barnett ended, and the report by Branett came out on Friday."))
    assert doc.edits == []
    assert [f.kind for f in doc.flags] == ["misspelt_name"]


@pytest.mark.parametrize("paragraph", [
    "Officials in Iran met officials from Iraq, and Iran said Iraq agreed.",  # differ at the end
    "The Mariner 4 probe and the Mariners 6 and 7 mapped Valles Marineris; Marineris is deep.",  # a plural
    "Müller met Mueller, and Müller left.",  # a transliteration is not a typo
    "Russia said the Russian envoy and the Russian team would stay in Russia.",
])
def test_names_that_are_not_misspellings_of_each_other_stay(paragraph):
    doc = cleaned(in_article(paragraph))
    assert middle(doc) == paragraph
    assert doc.edits == []


def test_a_garbled_attribution_is_flagged_with_its_span():
    doc = cleaned(in_article("“We are ready,” he told Kremlin spokesman Dmitry Peskov told the press."))
    assert doc.edits == []
    assert [(f.kind, f.text) for f in doc.flags] == [
        ("garbled_sentence", "he told Kremlin spokesman Dmitry Peskov told the press")]


def test_a_capitalised_misspelling_is_corrected_only_where_it_cannot_be_a_name():
    doc = cleaned(in_article("Thier reply came late, and their lawyers said so. Suh spoke, and Suh left."))
    assert middle(doc) == "Their reply came late, and their lawyers said so. Suh spoke, and Suh left."
    flagged = cleaned(in_article("Shepard spoke to the press on Monday, and the talks went on."))
    assert "Shepard spoke" in flagged.text  # a name, or "shepherd"? The document does not say: a doubt
    assert [f.kind for f in flagged.flags] == ["misspelling"]


def test_misspellings_keep_the_case_of_the_word():
    doc = cleaned(in_article("THE GOVERMENT and the goverment were told, he said, and it was done."))
    assert "the government" in doc.text and "GOVERMENT" in doc.text


def test_misspelling_table_has_only_unambiguous_lowercase_entries():
    table = misspellings()
    assert table["recieve"] == "receive" and table["teh"] == "the"
    assert all("," not in right for right in table.values())
    assert all(wrong.islower() for wrong in table)
    assert "ser" not in table and "vor" not in table  # words of other languages
    assert misspellings() is table  # read once per process


def test_curly_and_straight_quotes_are_both_understood():
    for q in ("“”", '""'):
        doc = cleaned(in_article(f"{q[0]}We did talk and we will talk again,{q[1]} Kirby said"))
        assert middle(doc).endswith("Kirby said.")


def test_every_fix_is_a_named_function_whose_name_is_its_kind():
    names = [f.__name__ for f in FIXES]
    assert len(set(names)) == len(names)
    doc = cleaned(in_article("The the goverment , it said.And then he left. in May"))
    assert {e.kind for e in doc.edits} <= set(names)


WORDS = ["the", "The", "in", "a", "had", "that", "Walla", "said", "friends.And", "said:The", ",", ".", " .",
         "U.S.", "e.g.", "3.5", "seized.", "recieve", "goverment", "Volodymyr", "Volodomyr", "Zelenskiy",
         "“", "”", '"', "told", "Peskov", "\n", "\n\n", "  ", "...", "www.example.com", "nous", "it"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from([" ", ""]))
@example(["friends.And", "said:The"], "")  # a mark glued twice in one token: a dotted name, left
@example(["said:The", "friends.And"], "")
def test_cleaning_twice_changes_nothing_more(words, joiner):
    doc = cleaned(joiner.join(words))
    again = cleaned(doc.text)
    assert again.text == doc.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_the_audit_replays_to_the_text(words):
    doc = cleaned(" ".join(words))
    assert replay(doc.source, doc.removed, doc.edits) == doc.text
    assert doc.removed == []  # a repair stage only edits


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_string_is_cleaned_without_raising(text):
    doc = cleaned(text)
    assert replay(doc.source, doc.removed, doc.edits) == doc.text


# The word fixes read words at C speed (issue 8): the shortcuts must give what a plain loop gives.
@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_the_words_lowercased_at_once_are_each_word_lowercased(text):
    from cleanwire.stages.typos_common import WORD_RE, distinct_words
    found = WORD_RE.findall(text)
    assert "\n".join(found).lower().split("\n") == ([w.lower() for w in found] if found else [""])
    assert set(filter(str.islower, distinct_words(text))) == {w.lower() for w in set(found) if w.islower()}


def _english_by_every_word(text):
    """`english_document` as it was written before issue 8: a loop over every word of the text."""
    from cleanwire.stages.typos_common import _ENGLISH, _FOREIGN, WORD_RE
    english = foreign = words = 0
    for m in WORD_RE.finditer(text):
        word = m.group().lower()
        words += 1
        english += word in _ENGLISH
        foreign += word in _FOREIGN
    return english * 12 >= words > 0 and english > foreign


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "of", "and", "le", "Les", "und", "nous", "park", "3", ",", "\n",
                                 "ΟΔΟΣ", "it's", "l’été", "x"]), max_size=40))
def test_english_document_counts_what_a_loop_over_every_word_counts(words):
    from cleanwire.stages.typos_common import english_document
    text = " ".join(words)
    assert english_document(text) == _english_by_every_word(text)


def _garbled_by_every_word(text):
    """`garbled_sentence` as it was written before issue 8: a walk over every word of the text."""
    from cleanwire.stages.typos_common import WORD_RE
    from cleanwire.stages.typos_words import _REPORTING, _breaks
    found = list(WORD_RE.finditer(text))
    last_verb = -1
    for k, m in enumerate(found):
        if last_verb >= 0 and _breaks(text, found[k - 1], m):
            last_verb = -1
        if m.group() not in _REPORTING:
            continue
        between = found[last_verb + 1:k] if last_verb >= 0 else []
        if 1 <= len(between) <= 6 and any(w.group()[0].isupper() for w in between):
            first = last_verb
            if first > 0 and not _breaks(text, found[first - 1], found[first]):
                first -= 1
            last = k
            while last < min(len(found) - 1, k + 2) and not _breaks(text, found[last], found[last + 1]):
                last += 1
            yield text[found[first].start():found[last].end()]
        last_verb = k


GARBLE_WORDS = ["he", "told", "said", "says", "Kremlin", "Dmitry", "Peskov", "the", "press", ",", ".", "\n",
                "“", "”", "wrote", "asked", "a", "O’Neil", "3", "Told"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(GARBLE_WORDS), max_size=40))
def test_garbled_sentence_flags_what_a_walk_over_every_word_flags(words):
    from cleanwire.stages.typos_words import garbled_sentence
    text = " ".join(words)
    assert [d.text for d in garbled_sentence(text)] == list(_garbled_by_every_word(text))


# -- the final period it restores, as the extract stages read it (issue 9) -----------------------

@pytest.mark.parametrize(("line", "lost"), [
    ("The mayor spoke for an hour. She said the bridge would stay open for years", True),
    ("Snow boots recklessly and generously,' said Ann. And $100,000 was raised for the children", True),
    ("The mayor spoke for an hour. She said the bridge would stay open.", False),  # it has its period
    ("The mayor said the bridge would stay open for years", False),  # no sentence inside: a headline?
    ("He left early. Read More", False),  # a capitalised last word: a button or a name
    ("Made in the U.S. Navy yard near the river", False),  # an abbreviation is no sentence end
])
def test_lost_final_period_tells_from_the_line_alone_the_prose_typos_gives_a_period(line, lost):
    from cleanwire.text import lost_final_period

    assert lost_final_period(line) is lost


@pytest.mark.parametrize("paragraph", [
    "The mayor spoke for an hour. She said the bridge would stay open for at least another ten years",
    "Snow boots recklessly and generously,' said address. And $100,000 was raised for War Child and more children",
])
def test_a_paragraph_given_its_final_period_is_one_the_extract_stages_already_read_as_ending_a_sentence(paragraph):
    from cleanwire.text import lost_final_period

    doc = cleaned(in_article(paragraph))
    assert middle(doc) == paragraph + "."
    assert lost_final_period(paragraph)
    assert cleaned(doc.text).edits == []
