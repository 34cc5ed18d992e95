"""Facts read from comments, and dates read and written."""

from datetime import date

import pytest

from tests.conftest import SAMPLE
from tracker.core.dates import DateError, parse_date, register_date, short_date
from tracker.ingest.facts import Facts, extract
from tracker.ingest.register import parse_record


def test_sample_comment_facts():
    rec = parse_record(SAMPLE.read_text(encoding="utf-8"))
    assert extract(rec.entries[2].text) == Facts(
        owner="Supt Wright", overseer="ACC Watson", board="Strategic Domestic Abuse Board",
        target=date(2018, 8, 31), target_text="Summer 2018",
    )
    assert extract(rec.entries[3].text) == Facts()


@pytest.mark.parametrize(("comment", "target"), [
    ("It will be completed by the end of December 2023.", date(2023, 12, 31)),
    ("The work is estimated Winter 2018.", date(2019, 2, 28)),
    ("Completion by Q2 2024 is planned.", date(2024, 6, 30)),
    ("Due by 14th March 2025.", date(2025, 3, 14)),
    ("It was circulated in May 2018.", None),
])
def test_targets(comment, target):
    assert extract(comment).target == target


def test_owner_then_overseer_stop_at_punctuation():
    facts = extract("The recommendation owner is DCI Patel, overseen by DCC Shaw. Monitored by the Force Performance Board.")
    assert (facts.owner, facts.overseer, facts.board) == ("DCI Patel", "DCC Shaw", "Force Performance Board")


@pytest.mark.parametrize(("text", "expected"), [
    ("5th July 2017", date(2017, 7, 5)), ("22nd May 2017", date(2017, 5, 22)), ("8 December 2015", date(2015, 12, 8)),
    ("1st Sept 2019", date(2019, 9, 1)), ("2017-07-05", date(2017, 7, 5)), ("05/07/2017", date(2017, 7, 5)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31st February 2019", "2019-02-30", "5th Julember 2017", "soon"])
def test_impossible_or_unreadable_dates(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_written_dates():
    assert register_date(date(2017, 7, 5)) == "5th July 2017"
    assert register_date(date(2018, 1, 22)) == "22nd January 2018"
    assert register_date(date(2018, 1, 13)) == "13th January 2018"
    assert short_date(date(2017, 7, 5)) == "5 Jul 2017"
