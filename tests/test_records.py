"""The register record format: the sample, every grammar variant, errors, and parse → write → parse."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from tracker.ingest.register import Entry, Record, RecordError, parse_record, write_record


def test_sample_record_parses_to_its_five_entries():
    rec = parse_record(SAMPLE.read_text(encoding="utf-8"), "sample")
    assert rec.id == 8019
    assert rec.title == "Living in fear - the police and CPS response to harassment and stalking"
    assert rec.text == ("Chief constables and CPS Area leads should monitor and ensure compliance with the "
                        "national stalking protocol.")
    assert [(e.on, e.status) for e in rec.entries] == [
        (date(2017, 7, 5), "awaiting-review"),
        (date(2018, 1, 30), "being-progressed"),
        (date(2018, 1, 30), None),
        (date(2018, 8, 17), None),
        (date(2019, 6, 11), None),
    ]
    assert rec.entries[2].text.startswith("The amended national stalking protocol was due")
    assert rec.entries[2].text.endswith("on publication of the national stalking protocol.")
    assert rec.entries[4].text.endswith("has not yet demonstrated it is fully compliant.")
    assert rec.warnings == ()


VARIANTS = {
    "wrapped comment": ("T (1)\n\nText.\n\n[on]8 December 2015 [comment]Said this.[/comment][/on]",
                        [Entry(date(2015, 12, 8), text="Said this.")]),
    "stray closing tags": ("T (1)\n\nText.\n\n[on]22nd May 2017\n\nSaid this.[/comment][/on]",
                           [Entry(date(2017, 5, 22), text="Said this.")]),
    "no closing tag": ("T (1)\n\nText.\n\n[on]22nd May 2017\nSaid this.\n\n[on]1st June 2017\nAnd this.",
                       [Entry(date(2017, 5, 22), text="Said this."), Entry(date(2017, 6, 1), text="And this.")]),
    "comment on the date's line": ("T (1)\nText.\n[on]3rd March 2019 All done here.",
                                   [Entry(date(2019, 3, 3), text="All done here.")]),
    "several entries on one line": (
        "T (1)\nText.\n[on]5th July 2017 [status]awaiting-review[/status][/on][on]2nd Jan 2018 [status]complete[/status][/on]",
        [Entry(date(2017, 7, 5), status="awaiting-review"), Entry(date(2018, 1, 2), status="complete")]),
    "out of date order kept in file order": (
        "T (1)\nText.\n[on]2nd Jan 2018 [status]complete[/status][/on][on]5th July 2017 [status]awaiting-review[/status][/on]",
        [Entry(date(2018, 1, 2), status="complete"), Entry(date(2017, 7, 5), status="awaiting-review")]),
    "spellings normalised": (
        ("T (1)\nText.\n[on]1 May 2018 [status]Being Progressed[/status][/on][on]2 May 2018 [status]completed[/status][/on]"
        "[on]3 May 2018 [status]closed[/status][/on][on]4 May 2018 [status]Pending Sign Off[/status][/on]"),
        [Entry(date(2018, 5, 1), status="being-progressed"), Entry(date(2018, 5, 2), status="complete"),
         Entry(date(2018, 5, 3), status="complete"), Entry(date(2018, 5, 4), status="pending-sign-off")]),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_grammar_variants(name):
    raw, expected = VARIANTS[name]
    assert list(parse_record(raw, name).entries) == expected


def test_title_with_its_own_parentheses_takes_the_last_number():
    rec = parse_record("Crime data (2014 re-inspection) (part 2) (4521)\nText.\n[on]1 May 2018 x", "t")
    assert (rec.id, rec.title) == (4521, "Crime data (2014 re-inspection) (part 2)")


def test_bom_crlf_curly_quotes_and_dashes_kept():
    raw = "\ufeffReport – “quoted” (7)\r\nIt’s text.\r\n[on]1st May 2018\r\nOwner’s note – fine.\r\n"
    rec = parse_record(raw, "t")
    assert rec.title == "Report – “quoted”"
    assert rec.text == "It’s text."
    assert rec.entries == (Entry(date(2018, 5, 1), text="Owner’s note – fine."),)


def test_unknown_status_is_kept_slugified_with_a_warning():
    rec = parse_record("T (1)\nText.\n[on]1 May 2018 [status]On Hold[/status][/on]", "f.txt")
    assert rec.entries == (Entry(date(2018, 5, 1), status="on-hold"),)
    assert rec.warnings == ("f.txt, line 3: unknown status 'On Hold' kept as 'on-hold'",)


@pytest.mark.parametrize(("raw", "message"), [
    ("", "the file is empty"),
    ("No id here\nText", "line 1: the title line must end with the recommendation id"),
    ("T (1)\nText\n[on]31st February 2019 [status]complete[/status][/on]", "line 3: '31st February 2019' is not a real date"),
    ("T (1)\nText\n[on]sometime [status]complete[/status][/on]", "line 3: [on] must be followed by a date"),
    ("T (1)\nText\n\n[on]1 May 2018 [status]complete", "line 4: [status] is never closed"),
    ("T (1)\x00\x01", "binary file"),
])
def test_errors_name_the_line_and_the_problem(raw, message):
    with pytest.raises(RecordError) as err:
        parse_record(raw, "bad.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("bad.txt")


MARKUP = ("[on]", "[/on]", "[status]", "[/status]", "[comment]", "[/comment]")
# Texts may hold the register's own tags, escaped or not: write_record escapes them and parse_record restores them.
words = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"), min_size=1, max_size=30),
    st.sampled_from([*MARKUP, "[\\on]", "[\\\\status]", "[/\\on]", "[sic]"]),
)
para = st.lists(words, min_size=1, max_size=4).map(lambda ws: " ".join(ws).strip()).filter(bool)
text_block = st.lists(para, min_size=1, max_size=3).map("\n\n".join)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
entries = st.one_of(
    st.builds(Entry, on=dates, status=st.sampled_from(["awaiting-review", "being-progressed", "pending-sign-off",
                                                        "complete", "superseded", "on-hold"])),
    st.builds(Entry, on=dates, text=text_block),
)
records = st.builds(
    Record,
    id=st.integers(min_value=1, max_value=2**31 - 1),
    title=para.filter(lambda t: "\n" not in t and not t.endswith(")")),
    text=text_block,
    entries=st.lists(entries, max_size=8).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(records)
def test_parse_write_parse_round_trip(record):
    written = write_record(record)
    once = parse_record(written, "rt")
    assert once == record
    assert parse_record(write_record(once), "rt") == once
