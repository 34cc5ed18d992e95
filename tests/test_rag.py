"""Red, amber and green by percent complete (issue 42, part 3), worked by hand on the six-recommendation fixture.

Reading's rule is every force's default: red up to 25%, amber 26–75%, green over 75%, and red when under 50% and past
its target. On 2 May 2023 Supt A reports 2-kent (target 31 Dec 2021, so past it) 60% complete; ACC X accepts it on
3 May. Essex's spreadsheet says 3-essex (target 31 Mar 2021) is 60% complete on 1 May 2023. On 1 Jun 2023 an
administrator gives Kent its own rule, 'red <= 50, green'. As of 30 Jun 2023 the overdue items are then rated:
3-essex amber (60% under the default: not under 50%), 2-kent green (60% under Kent's rule), 5-kent red by its dates
(no percent; 273 days past its target, over 90). As of 31 May, before Kent's rule, 2-kent was amber.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from page_help import page_as
from workflow_people import ACC_X, ADMIN, DIRECTORY, LEAD

from tracker.cli import main
from tracker.core.filters import Filters
from tracker.core.policies import RAG_RULE, policy_value, rag_rules
from tracker.core.rag import DEFAULT, DEFAULT_RULE, NO_PERCENT, Rules, canonical, parse_rule, percent_of, rag_of
from tracker.core.text import markdown_literal
from tracker.exports.files import write_csv
from tracker.ingest.importer import ingest
from tracker.ingest.mapping import propose
from tracker.ingest.people import import_people
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import cell_text
from tracker.pack.content import connection_query, gather, tables
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, decide, set_policy, submit

AS_OF = date(2023, 6, 30)
PAST, DUE_LATER = date(2023, 6, 1), date(2023, 12, 31)
MAY2, MAY3, JUNE1 = date(2023, 5, 2), date(2023, 5, 3), date(2023, 6, 1)
KENT_RULE = "red <= 50, green"
KENT_WORDS = "Red up to 50% complete, green over 50%."
DEFAULT_WORDS = ("Red up to 25% complete, amber 26–75%, green over 75%; red whatever its band when under 50% and "
                 "past its target.")


@pytest.mark.parametrize(("percent", "target", "expected"), [
    (25, DUE_LATER, "red"), (26, DUE_LATER, "amber"), (75, DUE_LATER, "amber"), (76, DUE_LATER, "green"),
    (49, PAST, "red"), (49, DUE_LATER, "amber"), (50, PAST, "amber"),
    (0, DUE_LATER, "red"), (100, PAST, "green"),
    (49, AS_OF, "amber"),  # on its target day it is not yet past it
    (76, PAST, "green"),  # past its target but not under 50%: its band stands
])
def test_readings_default_on_its_boundaries(percent, target, expected):
    assert rag_of(DEFAULT, percent, target, AS_OF) == expected


def test_an_item_with_no_percent_is_rated_by_its_dates_and_a_closed_one_not_at_all():
    assert rag_of(DEFAULT, None, PAST, AS_OF, days_overdue=29, slip_days=0, is_stale=False) == "amber"
    assert rag_of(DEFAULT, None, PAST, AS_OF, days_overdue=91, slip_days=0, is_stale=False) == "red"
    assert rag_of(DEFAULT, None, DUE_LATER, AS_OF, days_overdue=None, slip_days=181, is_stale=False) == "amber"
    assert rag_of(DEFAULT, None, DUE_LATER, AS_OF) == "green"
    assert rag_of(DEFAULT, 10, PAST, AS_OF, is_open=False) is None
    assert NO_PERCENT.startswith("An item with no percent complete reported is rated by its dates: red when more than "
                                 "90 days past its current target")


def test_a_written_rule_reads_back_in_one_spelling_and_in_words():
    assert canonical(" Red<=25% ,AMBER <= 75, Green ; RED if <50 AND past its target") == DEFAULT_RULE
    assert DEFAULT.words() == DEFAULT_WORDS
    own = parse_rule("red<=40, Amber <= 89%, green; amber if >=95 and past target; red if past target and <= 10")
    assert own.text() == "red <= 40, amber <= 89, green; amber if >= 95 and past target; red if past target and <= 10"
    assert own.words() == ("Red up to 40% complete, amber 41–89%, green over 89%; amber whatever its band when at "
                           "least 95% and past its target; red whatever its band when past its target and at most "
                           "10%.")
    assert [own.rating(p, past) for p, past in ((95, True), (95, False), (10, True), (10, False), (41, True))] == [
        "amber", "green", "red", "red", "amber"]
    assert parse_rule("green").words() == "Green whatever the percent."


@pytest.mark.parametrize(("written", "message"), [
    ("", "the rule is empty. Write the bands from the lowest"),
    ("red <= 25, blue", "'blue' in the band 'blue' is not a rating: write red, amber or green"),
    ("red <= 25, amber, green", ("the band 'amber' needs the highest percent it covers, e.g. 'amber <= 75': only the "
                                "last band covers the rest")),
    ("red <= 75, amber <= 25, green", "the bands' limits rise from the lowest: amber <= 25 comes after red <= 75"),
    ("red <= 25.5, green", "in the band 'red <= 25.5', 25.5 is not a whole percent from 0 to 99"),
    ("red <= 100, green", "in the band 'red <= 100', 100 is not a whole percent from 0 to 99"),
    ("red <= 25, green <= 80", "the last band 'green <= 80' covers the rest: write its rating alone, e.g. 'green'"),
    ("red < 25, green", "the band 'red < 25' is not a rating and the highest percent it covers, e.g. 'amber <= 75'"),
    ("red <= 25, green; red when late", ("'red when late' is not an override: write a rating, 'if' and its "
                                        "conditions, e.g. 'red if < 50 and past target'")),
    ("red <= 25, green; red if < 50 and late", ("'late' in 'red if < 50 and late' is not a condition: write < N, "
                                               "<= N, > N, >= N or past target")),
    ("red <= 25, green; red if < 150", "in 'red if < 150', 150 is not a whole percent from 0 to 100"),
    ("red <= 25, green;", "nothing follows a semicolon: write an override after it"),
])
def test_a_malformed_rule_is_refused_saying_what_is_wrong(written, message):
    with pytest.raises(ValueError) as found:
        parse_rule(written)
    assert str(found.value).startswith(message)


def test_a_percent_is_a_whole_number_from_0_to_100():
    assert [percent_of(v) for v in (None, "", " 60 ", "60%", 60, 60.0, "0", "100")] == [None, None, 60, 60, 60, 60, 0,
                                                                                         100]
    for bad, said in (("101", "'101' is not a percent complete: give a whole number from 0 to 100"),
                      ("-5", "'-5' is not a percent complete: give a whole number from 0 to 100"),
                      ("60.5", "'60.5' is not a percent complete: give a whole number from 0 to 100"),
                      ("0.6", ("'0.6' is not a percent complete: give a whole number from 0 to 100 (60, if that is "
                              "what it means)")),
                      ("half", "'half' is not a percent complete: give a whole number from 0 to 100")):
        with pytest.raises(ValueError, match=f"^{re.escape(said)}$"):
            percent_of(bad)
    assert cell_text(0.6, "0%") == "60%" and cell_text(1, "0.0%") == "100%" and cell_text(0.6, "General") == "0.6"


def test_a_force_rule_is_a_policy_an_administrator_can_read_back():
    assert policy_value(RAG_RULE, "RED<=50 , green") == KENT_RULE
    rules = rag_rules([{"force": "Kent", "name": RAG_RULE, "value": KENT_RULE},
                       {"force": "Kent", "name": "reviewer_moves", "value": "1"}])
    assert (rules.of("Kent").text(), rules.of("Essex").text()) == (KENT_RULE, DEFAULT_RULE)
    assert rules.legend(["Kent", "Kent"]) == f"RAG by percent complete: {KENT_WORDS} {NO_PERCENT}"
    assert rules.legend(["Kent", "Essex"]) == (f"RAG by percent complete, each force by its own rule. Kent: {KENT_WORDS}"
                                               f" Every other force here: {DEFAULT_WORDS} {NO_PERCENT}")
    assert Rules().legend([]) == f"RAG by percent complete: {DEFAULT_WORDS} {NO_PERCENT}"


# --- On the fixture database -----------------------------------------------------------------------------------------

@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def run(db: Path, name: str, on: date = AS_OF, **params):
    return queries.run(open_reader(db), name, **Filters(as_of=on).params(), **params)


def reported(db: Path, tmp_path: Path) -> int:
    """2-kent reported 60% complete and accepted; 3-essex's spreadsheet says 60%; Kent's own rule from 1 June."""
    seq = submit(db, LEAD, "2-kent", "Half the audits are done.", percent=60, today=MAY2)
    decide(db, ACC_X, [seq], "accept", today=MAY3)
    sheet = tmp_path / "essex-updates.csv"
    sheet.write_text("id,force,date,status,text,percent\n3,Essex,2023-05-01,,Audit half done.,60%\n", encoding="utf-8")
    assert ingest([str(sheet)], db).updates_added == 1
    set_policy(db, ADMIN, "Kent", RAG_RULE, "Red <= 50,  green", "The committee's own rule", today=JUNE1)
    return seq


def test_a_submitted_percent_stands_once_accepted_and_the_leads_comment_stays_the_latest(db):
    with pytest.raises(WorkflowError, match=r"^'101' is not a percent complete: give a whole number from 0 to 100$"):
        submit(db, LEAD, "2-kent", "Nearly there.", percent=101, today=MAY2)
    seq = submit(db, LEAD, "2-kent", "Half the audits are done.", percent=60, today=MAY2)
    listed = run(db, "item_submissions", MAY2, key="2-kent")
    assert listed[["seq", "percent", "state"]].values.tolist() == [[seq, 60, "waiting"]]
    assert run(db, "recommendation_detail", MAY2, key="2-kent")["percent"] is None  # not the item's until accepted
    decide(db, ACC_X, [seq], "accept", today=MAY3)
    detail = run(db, "recommendation_detail", MAY3, key="2-kent")
    assert (detail["percent"], detail["percent_on"].date()) == (60, MAY3)
    assert run(db, "recommendation_detail", MAY2, key="2-kent")["percent"] is None  # from the decision's day
    history = run(db, "recommendation_history", MAY3, key="2-kent")
    accepted = history[history["on_date"].dt.date == MAY3]
    assert accepted[["percent", "text", "review"]].values.tolist() == [
        [60, "", "accepted by acc.x@kent.example on 2023-05-03"]]
    mine = run(db, "person_items", MAY3, by="owner", person="p1")
    assert mine.set_index("key").loc["2-kent", ["percent", "latest_comment"]].tolist() == [
        60, "Half the audits are done."]


def test_each_force_is_rated_by_its_own_rule_in_the_pack_and_its_legend(db, tmp_path):
    reported(db, tmp_path)
    assert run(db, "force_policies")[["force", "name", "value"]].values.tolist() == [["Kent", RAG_RULE, KENT_RULE]]
    with pytest.raises(WorkflowError, match=r"^rag_rule cannot be 'red <= 50, blue': 'blue' in the band 'blue' is "
                                            r"not a rating: write red, amber or green$"):
        set_policy(db, ADMIN, "Kent", RAG_RULE, "red <= 50, blue", today=JUNE1)

    def overdue(on: date):
        found = tables(gather(connection_query(open_reader(db)), Filters(as_of=on)))["overdue"]
        return [(r[0], r[1]) for r in found.rows], found.note

    rows, note = overdue(AS_OF)
    assert rows == [("3-essex", "Amber, 60%"), ("2-kent", "Green, 60%"), ("5-kent", "Red, by dates")]
    assert note == (f"RAG by percent complete, each force by its own rule. Kent: {KENT_WORDS} Every other force "
                    f"here: {DEFAULT_WORDS} {NO_PERCENT}")
    assert overdue(date(2023, 5, 31))[0][1] == ("2-kent", "Amber, 60%")  # before Kent's own rule: the default's


def test_the_overdue_page_my_items_and_the_recommendation_page_show_the_rating(db, tmp_path, monkeypatch):
    reported(db, tmp_path)
    at = page_as(db, monkeypatch, ADMIN, "overdue", as_of=AS_OF.isoformat())
    table = at.dataframe[0].value
    assert table[["key", "rating"]].values.tolist() == [["3-essex", "🟠 Amber"], ["2-kent", "🟢 Green"],
                                                        ["5-kent", "🔴 Red"]]
    assert table["percent"].tolist()[:2] == [60, 60] and table["percent"].isna().tolist()[2]
    legend = (f"RAG by percent complete, each force by its own rule. Kent: {KENT_WORDS} Every other force here: "
              f"{DEFAULT_WORDS} {NO_PERCENT}")
    assert markdown_literal(legend) in [c.value for c in at.caption]  # force names are data: escaped, shown as written

    at = page_as(db, monkeypatch, LEAD, "my_items", as_of=AS_OF.isoformat())
    mine = at.dataframe[0].value
    assert mine[["key", "rating"]].values.tolist() == [["2-kent", "🟢 Green"], ["5-kent", "🔴 Red"]]
    assert markdown_literal(f"RAG by percent complete: {KENT_WORDS} {NO_PERCENT}") in [c.value for c in at.caption]

    at = page_as(db, monkeypatch, ACC_X, "recommendation", as_of=AS_OF.isoformat(), id="2-kent")
    texts = [t.value for t in at.text]
    assert "60% (3 May 2023)" in texts and "🟢 Green (by its percent complete)" in texts
    at = page_as(db, monkeypatch, ACC_X, "recommendation", as_of=AS_OF.isoformat(), id="5-kent")
    assert "🔴 Red (by its dates: no percent complete reported)" in [t.value for t in at.text]


def test_an_imported_percent_is_read_checked_and_exported_whole(db, tmp_path):
    assert propose(["Rec Ref", "Date of update", "Latest update", "% Complete"], "updates").columns["percent"] \
        == "% Complete"
    bad = tmp_path / "bad.csv"
    bad.write_text("id,force,date,status,text,percent\n3,Essex,2023-05-01,,Audit.,150\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"bad\.csv, row 2: percent: '150' is not a percent complete: give a whole "
                                            r"number from 0 to 100$"):
        ingest([str(bad)], db)
    sheet = tmp_path / "essex.csv"
    sheet.write_text("id,force,date,status,text,percent\n3,Essex,2023-05-01,,Audit half done.,60\n"
                     "3,Essex,2023-05-20,,,70\n", encoding="utf-8")
    assert ingest([str(sheet)], db).updates_added == 2  # a percent alone is an update
    assert ingest([str(sheet)], db).updates_added == 0  # held already
    assert run(db, "recommendation_detail", key="3-essex")["percent"] == 70
    exported = write_csv(open_reader(db), tmp_path / "out")[1].read_text(encoding="utf-8").splitlines()
    assert exported[0] == "id,force,date,status,text,author,review,percent"
    assert [line for line in exported if line.startswith("3,Essex,2023-05")] == [
        "3,Essex,2023-05-01,,Audit half done.,,,60", "3,Essex,2023-05-20,,,,,70"]


def test_the_command_line_submits_a_percent_and_sets_a_forces_rule(db, capsys):
    base = ["--db", str(db)]
    assert main([*base, "submit", "--as", "supt.a@kent.example", "--id", "2-kent", "--comment", "Most done.",
                 "--percent", "80"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Submission #") and out.endswith(" saved: awaiting review, reporting 80% complete\n")
    assert main([*base, "submit", "--as", "supt.a@kent.example", "--id", "2-kent", "--comment", "Most done.",
                 "--percent", "eighty"]) == 1
    assert capsys.readouterr().err == ("error: 'eighty' is not a percent complete: give a whole number from 0 to "
                                       "100\n")
    assert main([*base, "policy", "set", "Kent", RAG_RULE, "RED <= 50, Green", "--as", "admin@hmicfrs.example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Kent: {RAG_RULE} = {KENT_RULE} from ") and out.endswith(f"\n{KENT_WORDS}\n")
    assert main([*base, "policy", "set", "Kent", RAG_RULE, "red <= 50; green", "--as", "admin@hmicfrs.example"]) == 1
    assert capsys.readouterr().err == ("error: rag_rule cannot be 'red <= 50; green': the last band 'red <= 50' "
                                       "covers the rest: write its rating alone, e.g. 'green'\n")
