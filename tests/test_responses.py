"""The statutory response: deadlines and the national on-time share on a hand-worked fixture, who may draft, approve
and publish, a frozen approved text, the document (DOCX and PDF, every row, data literal), publication making each
recommendation's first update and original target, the command line, and the page (AppTest)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.people.access import Person
from tracker.response import actions
from tracker.response.compare import draft_changes
from tracker.response.rules import DAYS, Standing, after_draft, approval_refusal, days_left, deadline, due_text
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.events import WorkflowError

TODAY = clock.today()
R10, R50, R70 = (TODAY - timedelta(days=n) for n in (10, 50, 70))
HOSTILE = "=HYPERLINK(\"http://evil.example\",\"x\") <b>bold</b> **strong** [link](http://evil.example)"
PEOPLE = """email,name,force,roles,job_title,publicly_named
acc.x@kent.example,ACC X,Kent,reviewer,Assistant Chief Constable,yes
pcc@kent.example,PCC Kent,Kent,commissioner,Police and Crime Commissioner,yes
pcc@essex.example,PCC Essex,Essex,commissioner,,yes
admin@hmicfrs.example,Ms Admin,national,admin,,no
supt.a@kent.example,Supt A,Kent,lead,Head of Custody,no
"""  # Supt A, who owns Kent's items, is not publicly named: the public sees "Head of Custody"
DRAFTER, KENT_PCC, ESSEX_PCC, ADMIN = (
    Person(1, "acc.x@kent.example", "ACC X", "Kent", ("reviewer",)),
    Person(2, "pcc@kent.example", "PCC Kent", "Kent", ("commissioner",)),
    Person(3, "pcc@essex.example", "PCC Essex", "Essex", ("commissioner",)),
    Person(4, "admin@hmicfrs.example", "Ms Admin", None, ("admin",)),
)


@pytest.fixture
def db(tmp_path) -> Path:
    """Three reports, published 10, 50 and 70 days ago, each with recommendations in Kent and Essex."""
    lines = ["id,force,report,published_on,kind,theme,owner,text"]
    for n, (title, day) in enumerate((("Report Ten", R10), ("Report Fifty", R50), ("Report Seventy", R70))):
        lines += [f"{10 * n + 1},Kent,{title},{day},recommendation,Custody,Supt A,Kent rec {10 * n + 1}",
                  f"{10 * n + 2},Kent,{title},{day},recommendation,Custody,Supt A,Kent rec {10 * n + 2}",
                  f"{10 * n + 3},Essex,{title},{day},recommendation,Custody,DCI B,Essex rec {10 * n + 3}"]
    (tmp_path / "recommendations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "responses"
    ingest([str(tmp_path / "recommendations.csv")], path)
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    return path


def run(db, name, filters=None, **params):
    con = open_reader(db)
    return queries.run(con, name, **(filters or Filters(as_of=TODAY)).params(), **params)


def plan(*keys, action="Do it", target=None, owner=None):
    return [{"key": k, "action": action, "owner": owner, "target": target} for k in keys]


def publish_kent_seventy(db) -> None:
    """Kent's response to Report Seventy: drafted, commented on, approved, published 50 days after the report."""
    actions.save_draft(db, DRAFTER, "report-seventy", "Kent", "We accept both.",
                       plan("21-kent", "22-kent", target=str(TODAY + timedelta(days=120))))
    actions.record_comments(db, DRAFTER, "report-seventy", "Kent", "The chief constable accepts them.")
    actions.approve(db, KENT_PCC, "report-seventy", "Kent", today=R70 + timedelta(days=48))
    actions.publish(db, KENT_PCC, "report-seventy", "Kent", R70 + timedelta(days=50), "https://pcc.example/r70")


def test_a_response_is_published_between_its_approval_and_today(db):
    """Security finding 4: a publication dated before the approval (here 30 days before the report itself) is refused,
    and so is one dated after today; the approval's own day is allowed."""
    actions.save_draft(db, DRAFTER, "report-ten", "Kent", "We accept it.", plan("1-kent", "2-kent"))
    actions.record_comments(db, DRAFTER, "report-ten", "Kent", "Accepted.")
    actions.approve(db, KENT_PCC, "report-ten", "Kent", today=R10 + timedelta(days=2))
    for day in (R10 - timedelta(days=30), R10 + timedelta(days=1)):
        with pytest.raises(WorkflowError, match="on or after the commissioner approved it"):
            actions.publish(db, KENT_PCC, "report-ten", "Kent", day, "https://pcc.example/r10")
    with pytest.raises(WorkflowError, match="today or before"):
        actions.publish(db, KENT_PCC, "report-ten", "Kent", TODAY + timedelta(days=1), "https://pcc.example/r10")
    actions.publish(db, KENT_PCC, "report-ten", "Kent", R10 + timedelta(days=2), "https://pcc.example/r10")


def test_a_national_analyst_reads_a_force_areas_response_but_does_not_draft_it():
    """Security finding 3: drafting (and recording the publication) is for the force area's own people, or an
    administrator."""
    from tracker.people.access import Person
    from tracker.response.rules import may_draft

    national_analyst = Person(90, "analyst@hmicfrs.example", "Ms Analyst", None, ("analyst",))
    national_admin = Person(91, "admin@hmicfrs.example", "Ms Admin", None, ("admin",))
    assert may_draft(national_analyst, "Kent").startswith("a response is drafted by Kent's own people")
    assert may_draft(national_admin, "Kent") is None
    assert may_draft(DRAFTER, "Kent") is None


def test_the_deadline_is_56_days_on_and_said_in_words():
    assert deadline(date(2026, 1, 1)) == date(2026, 2, 26)
    assert days_left(R10, TODAY) == 46 and days_left(R50, TODAY) == 6 and days_left(R70, TODAY) == -14
    assert due_text(R10, TODAY, "drafting") == "46 days left"
    assert due_text(R70, TODAY, "approved") == "14 days overdue"
    assert due_text(TODAY - timedelta(days=56), TODAY, "drafting") == "due today"
    assert due_text(R70, TODAY, "published", R70 + timedelta(days=57)) == "published 1 day late"
    assert due_text(None, TODAY, "drafting").startswith("no deadline")


def test_responses_due_and_the_national_on_time_share(db):
    publish_kent_seventy(db)
    due = run(db, "responses_due", days=DAYS)
    got = {(r.report, r.force): (r.days_left, r.stage, r.on_time) for r in due.itertuples(index=False)}
    assert {k: (v[0], v[1]) for k, v in got.items()} == {
        ("report-ten", "Kent"): (46, "not-started"), ("report-ten", "Essex"): (46, "not-started"),
        ("report-fifty", "Kent"): (6, "not-started"), ("report-fifty", "Essex"): (6, "not-started"),
        ("report-seventy", "Kent"): (-14, "published"), ("report-seventy", "Essex"): (-14, "not-started")}
    assert bool(got[("report-seventy", "Kent")][2]) is True
    assert due["stage"].tolist()[-1] == "published"  # what is still to publish comes first
    by_force = run(db, "responses_national", days=DAYS).set_index("force")
    # Kent: one due (Seventy, published on day 50: on time), Fifty due within 28 days. Essex: Seventy overdue.
    assert by_force.loc["Kent", ["responses", "due", "on_time", "overdue", "due_28"]].tolist() == [3, 1, 1, 0, 1]
    assert by_force.loc["Kent", "share_on_time"] == 1.0 and by_force.loc["Kent", "median_days"] == 50
    assert by_force.loc["Essex", ["responses", "due", "on_time", "overdue", "due_28"]].tolist() == [3, 1, 0, 1, 1]
    assert by_force.loc["Essex", "share_on_time"] == 0.0
    head = run(db, "responses_headline", days=DAYS)
    assert (head["responses"], head["due"], head["on_time"], head["overdue"], head["due_28"]) == (6, 2, 1, 1, 2)
    assert head["share_on_time"] == 0.5 and head["median_days"] == 50
    # A force's reader sees its own force area's responses only.
    essex = run(db, "responses_due", Filters(as_of=TODAY, scope=("Essex",)), days=DAYS)
    assert set(essex["force"]) == {"Essex"}
    assert run(db, "response_detail", Filters(as_of=TODAY, scope=("Essex",)), days=DAYS, report="report-seventy",
               force="Kent") is None
    assert run(db, "response_history", Filters(as_of=TODAY, scope=("Essex",)), report="report-seventy",
               force="Kent").empty


def test_a_response_published_outside_the_tracker_counts_and_leaves_the_due_list(db, capsys):
    """Reports published before the tracker was adopted: recording the day and address their response went online
    makes it published, on time (Kent, day 40) or late (Essex, day 60), and no longer overdue; no recommendation gets
    an update from it. Before: both Seventy responses overdue."""
    head = run(db, "responses_headline", days=DAYS)
    assert (head["due"], head["on_time"], head["overdue"]) == (2, 0, 2)
    actions.save_draft(db, DRAFTER, "report-seventy", "Kent", "UNAPPROVED DRAFT TEXT", plan("21-kent"))
    with pytest.raises(WorkflowError, match=f"on or after the report's own \\({R70:%-d %b %Y}\\)"):
        actions.published_elsewhere(db, DRAFTER, "report-seventy", "Kent", R70 - timedelta(days=1), "https://k.example")
    with pytest.raises(WorkflowError, match="today or before"):
        actions.published_elsewhere(db, DRAFTER, "report-seventy", "Kent", TODAY + timedelta(days=1), "https://k.example")
    with pytest.raises(WorkflowError, match="give the address"):
        actions.published_elsewhere(db, DRAFTER, "report-seventy", "Kent", R70 + timedelta(days=40), "on the wall")
    with pytest.raises(WorkflowError, match="this is Kent's response; you work on Essex's"):
        actions.published_elsewhere(db, ESSEX_PCC, "report-seventy", "Kent", R70, "https://k.example")
    actions.published_elsewhere(db, DRAFTER, "report-seventy", "Kent", R70 + timedelta(days=40), "https://k.example/r70")
    assert main(["--db", str(db), "response", "published-elsewhere", "--as", "pcc@essex.example", "--report",
                 "Report Seventy", "--force", "Essex", "--on", (R70 + timedelta(days=60)).isoformat(), "--address",
                 "https://e.example/r70"]) == 0
    late = R70 + timedelta(days=60)
    assert capsys.readouterr().out.startswith(f"Recorded as published outside the tracker on {late:%d %b %Y}: step #")
    with pytest.raises(WorkflowError, match="version 1 is published already"):
        actions.published_elsewhere(db, DRAFTER, "report-seventy", "Kent", R70 + timedelta(days=41), "https://k.example")
    due = run(db, "responses_due", days=DAYS)
    got = {r.force: (r.stage, bool(r.on_time), r.address) for r in due.itertuples(index=False)
           if r.report == "report-seventy"}
    assert got == {"Kent": ("published", True, "https://k.example/r70"),
                   "Essex": ("published", False, "https://e.example/r70")}
    head = run(db, "responses_headline", days=DAYS)
    assert (head["due"], head["on_time"], head["overdue"], head["median_days"]) == (2, 1, 0, 50)
    assert not run(db, "recommendation_history", key="21-kent")["text"].str.contains("Planned action").any()
    # The public site shows where it was published, never a draft nobody approved as its wording.
    published = run(db, "publish_responses", days=DAYS)
    assert published.loc[published["force"] == "Kent", "overall"].isna().all()


def test_only_the_force_areas_commissioner_approves_and_an_approved_text_is_frozen(db):
    actions.save_draft(db, DRAFTER, "report-ten", "Kent", "Draft one.", plan("1-kent", "2-kent"))
    actions.record_comments(db, DRAFTER, "report-ten", "Kent", "Comments.")
    with pytest.raises(WorkflowError, match="only the force area's commissioner approves its response"):
        actions.approve(db, DRAFTER, "report-ten", "Kent")
    with pytest.raises(WorkflowError, match="only Kent's commissioner approves Kent's response"):
        actions.approve(db, ESSEX_PCC, "report-ten", "Kent")
    with pytest.raises(WorkflowError, match="this is Kent's response; you work on Essex's"):
        actions.save_draft(db, ESSEX_PCC, "report-ten", "Kent", "Not ours.", [])
    actions.approve(db, KENT_PCC, "report-ten", "Kent")
    with pytest.raises(WorkflowError, match="version 1 is approved already"):
        actions.approve(db, KENT_PCC, "report-ten", "Kent")
    # A change after approval is the next version, which must be approved before it can be published.
    actions.save_draft(db, DRAFTER, "report-ten", "Kent", "Draft two.", plan("1-kent", "2-kent", action="Do more"))
    detail = run(db, "response_detail", days=DAYS, report="report-ten", force="Kent")
    assert (detail["version"], detail["stage"], detail["overall"]) == (2, "drafting", "Draft two.")
    assert detail["approved_by"] is None
    with pytest.raises(WorkflowError, match="only an approved version is published"):
        actions.publish(db, KENT_PCC, "report-ten", "Kent", TODAY, "https://pcc.example/r10")
    actions.approve(db, KENT_PCC, "report-ten", "Kent")
    history = run(db, "response_history", report="report-ten", force="Kent")
    assert history[["kind", "version", "stage_before", "stage_after", "actor"]].values.tolist() == [
        ["draft", 1, "not-started", "drafting", "acc.x@kent.example"],
        ["comments", 1, "drafting", "comments-received", "acc.x@kent.example"],
        ["approve", 1, "comments-received", "approved", "pcc@kent.example"],
        ["draft", 2, "approved", "drafting", "acc.x@kent.example"],
        ["approve", 2, "drafting", "approved", "pcc@kent.example"]]


def test_each_step_is_in_the_audit_trail_within_the_readers_scope(db):
    publish_kent_seventy(db)
    trail = run(db, "activity", key=None, search=None, limit=10_000, offset=0)
    steps = trail[trail["action"].str.startswith("response: ")]
    assert steps[["action", "actor", "detail", "before", "after"]].values.tolist()[::-1] == [
        ["response: draft", "acc.x@kent.example", "report-seventy · Kent · version 1", '{"stage":"not-started"}',
         '{"stage":"drafting"}'],
        ["response: comments", "acc.x@kent.example", "report-seventy · Kent · version 1", '{"stage":"drafting"}',
         '{"stage":"comments-received"}'],
        ["response: approve", "pcc@kent.example", "report-seventy · Kent · version 1", '{"stage":"comments-received"}',
         '{"stage":"approved"}'],
        ["response: publish", "pcc@kent.example", "report-seventy · Kent · version 1", '{"stage":"approved"}',
         '{"stage":"published"}']]
    assert set(trail.loc[trail["action"] == "response", "key"]) == {"21-kent", "22-kent"}  # the first updates
    essex = run(db, "activity", Filters(as_of=TODAY, scope=("Essex",)), key=None, search=None, limit=10_000, offset=0)
    assert not essex["action"].str.startswith("response").any()


def test_approval_needs_every_action_and_the_chief_constables_comments():
    assert approval_refusal(Standing(has_draft=True, complete_plan=False, has_comments=True)).startswith(
        "plan an action for every recommendation")
    assert approval_refusal(Standing(has_draft=True, complete_plan=True, has_comments=False)).startswith(
        "the chief constable comments first")
    assert approval_refusal(Standing(stage="drafting", has_draft=True, complete_plan=True, has_comments=True)) is None
    assert after_draft(Standing(version=1, stage="published")) == (2, "drafting")
    assert after_draft(Standing(version=1, stage="drafting", has_comments=True)) == (1, "comments-received")


def test_saves_compared_say_what_changed():
    older = {"overall": "A", "plan": '[{"key": "1-kent", "action": "x", "owner_id": null, "target": null}]'}
    newer = {"overall": "B", "plan": '[{"key": "1-kent", "action": "y", "owner_id": 5, "target": "2027-01-31"}]'}
    assert draft_changes(older, newer, {5: "Supt A"}) == [
        ("overall comments", "A", "B"), ("1-kent: planned action", "x", "y"), ("1-kent: owner", "", "Supt A"),
        ("1-kent: target", "", "2027-01-31")]
    assert draft_changes(older, newer)[2] == ("1-kent: owner", "", "person 5")
    typed = {"overall": "A", "plan": '[{"key": "1-kent", "action": "x", "owner": "Supt A", "target": null}]'}
    assert draft_changes(typed, older) == [("1-kent: owner", "Supt A", "")]  # saved before owners were people
    assert draft_changes(newer, newer) == []
    assert draft_changes(None, older)[0] == ("overall comments", "", "A")


def test_publishing_makes_each_recommendations_first_update_and_original_target(db):
    publish_kent_seventy(db)
    target = TODAY + timedelta(days=120)
    con = open_reader(db)
    rows = con.cursor().execute("SELECT key, target_original, target_current FROM rec_state(current_date, 180) "
                                "WHERE report = 'report-seventy' ORDER BY key").fetchall()
    assert rows == [("21-kent", target, target), ("22-kent", target, target), ("23-essex", None, None)]
    history = run(db, "recommendation_history", key="21-kent")
    first = history.iloc[-1] if history["on_date"].is_monotonic_decreasing else history.iloc[0]
    assert first["text"] == (f"Planned action in the commissioner's published response: Do it. "
                             f"Target: {target.day} {target:%b %Y}.")  # its owner is the item's, shown as the site does
    assert first["on_date"].date() == R70 + timedelta(days=50)


def test_a_plans_owner_is_a_person_of_the_force_area(db):
    """Security finding 2: a plan's owner is one of the force's people in the directory, named by email (or chosen
    from them on the page); a name typed in, or another force's person, is refused."""
    with pytest.raises(WorkflowError, match=r"^1-kent: the owner 'Supt A' is not the email of one of Kent's people in "
                                            r"the directory$"):
        actions.save_draft(db, DRAFTER, "report-ten", "Kent", "", plan("1-kent", owner="Supt A"))
    with pytest.raises(WorkflowError, match=r"^1-kent: the owner 'pcc@essex\.example' is not the email"):
        actions.save_draft(db, DRAFTER, "report-ten", "Kent", "", plan("1-kent", owner="pcc@essex.example"))
    actions.save_draft(db, DRAFTER, "report-ten", "Kent", "", plan("1-kent", owner="PCC@kent.example"))
    planned = run(db, "response_plan", report="report-ten", force="Kent", days=DAYS)
    assert planned[["key", "owner", "owner_title", "owner_public"]].values.tolist() == [
        ["1-kent", "PCC Kent", "Police and Crime Commissioner", True],
        ["2-kent", "Supt A", "Head of Custody", False]]  # not planned: the item's own owner


def test_the_document_holds_every_recommendation_literally(db, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    actions.save_draft(db, DRAFTER, "report-fifty", "Kent", HOSTILE,
                       [{"key": "11-kent", "action": HOSTILE, "owner": "supt.a@kent.example", "target": str(TODAY)},
                        {"key": "12-kent", "action": "Audit custody", "owner": None, "target": None}])
    actions.record_comments(db, DRAFTER, "report-fifty", "Kent", "", [("comments.pdf", pdf_bytes())])
    out = tmp_path / "response.docx"
    assert main(["--db", str(db), "response", "document", "--as", "acc.x@kent.example", "--report", "Report Fifty",
                 "--force", "Kent", "--format", "docx", "-o", str(out)]) == 0
    doc = Document(str(out))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["Id", "Recommendation", "Response: what will be done", "Owner", "Target"]
    assert [r[:4] for r in rows[1:]] == [["11", "Kent rec 11", HOSTILE, "Head of Custody"],
                                         ["12", "Kent rec 12", "Audit custody", "Head of Custody"]]
    assert HOSTILE in [p.text for p in doc.paragraphs]  # the overall comments, as typed
    assert any("evidence file #1 (comments.pdf)" in p.text for p in doc.paragraphs)
    xml = zip_part(out, "word/document.xml")
    assert b"fldSimple" not in xml and b"instrText" not in xml  # no field code: the hostile text is only text
    assert b"Supt A" not in xml  # a document for publication names an owner as the public site does
    pdf = tmp_path / "response.pdf"
    assert main(["--db", str(db), "response", "document", "--as", "acc.x@kent.example", "--report", "report-fifty",
                 "--force", "Kent", "--format", "pdf", "-o", str(pdf)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Kent rec 11" in text and "Kent rec 12" in text and "Audit custody" in text and "<b>bold</b>" in text
    # The attached comments read back within the scope alone (evidence get checks it as the app does).
    from tracker.evidence.checks import EvidenceError
    from tracker.evidence.reading import evidence_file

    found, content = evidence_file(db, Filters(as_of=TODAY, scope=("Kent",)), 1)
    assert found["name"] == "comments.pdf" and content.startswith(b"%PDF-")
    with pytest.raises(EvidenceError, match="no such file among the recommendations you may see"):
        evidence_file(db, Filters(as_of=TODAY, scope=("Essex",)), 1)
    # Another force area's commissioner cannot read Kent's response.
    assert main(["--db", str(db), "response", "document", "--as", "pcc@essex.example", "--report", "report-fifty",
                 "--force", "Kent", "-o", str(out)]) == 1


def zip_part(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def pdf_bytes() -> bytes:
    from tests.test_evidence import pdf_bytes as made

    return made()


def test_the_command_line_runs_the_cycle(db, tmp_path, capsys):
    planned = tmp_path / "plan.csv"
    planned.write_text(f"id,action,owner,target\n1,Train staff,supt.a@kent.example,{TODAY + timedelta(days=90)}\n2,Audit,,\n",
                       encoding="utf-8")
    base = ["--db", str(db), "response"]
    assert main([*base, "draft", "--as", "acc.x@kent.example", "--report", "Report Ten", "--force", "Kent",
                 "--overall", "We accept.", "--plan", str(planned)]) == 0
    assert main([*base, "comments", "--as", "acc.x@kent.example", "--report", "Report Ten", "--force", "Kent",
                 "--text", "Accepted."]) == 0
    assert main([*base, "approve", "--as", "acc.x@kent.example", "--report", "Report Ten", "--force", "Kent"]) == 1
    assert "only the force area's commissioner" in capsys.readouterr().err
    assert main([*base, "approve", "--as", "pcc@kent.example", "--report", "Report Ten", "--force", "Kent"]) == 0
    assert main([*base, "publish", "--as", "pcc@kent.example", "--report", "Report Ten", "--force", "Kent",
                 "--on", TODAY.isoformat(), "--address", "https://pcc.example/r10"]) == 0
    capsys.readouterr()
    assert main([*base, "status", "--as", "pcc@kent.example"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("Kent · Report Ten · due ") and lines[-1].endswith("Published (version 1) · published "
                                                                                   "on time")
    assert all(line.startswith("Kent · ") for line in lines)  # the commissioner's force area only
    assert main([*base, "draft", "--as", "acc.x@kent.example", "--report", "Report Tne", "--force", "Kent",
                 "--plan", str(planned)]) == 1
    assert "did you mean 'Report Ten'?" in capsys.readouterr().err


def test_the_page_shows_a_response_and_its_steps(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    publish_kent_seventy(db)
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60)
    at.query_params["response"] = "Report Seventy · Kent"
    at.run()
    at.switch_page("pages/responses.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert {m.label: m.value for m in at.metric} == {"Responses due in 28 days": "2", "Responses overdue": "1",
                                                      "Published on time": "50%", "Median days to publish": "50"}
    assert [s.value for s in at.main.header] == ["Responses (6)", "Kent: Published (version 1)", "By force area"]
    texts = [t.value for t in at.text]
    assert "https://pcc.example/r70" in texts and "The chief constable accepts them." in texts
    assert {"Response (DOCX)", "Response (PDF)"} <= {b.proto.label for b in at.get("download_button")}


def test_the_digest_tells_drafters_and_the_commissioner_of_responses_due_within_14_days_or_overdue(db):
    from tracker.notify.send import digests

    publish_kent_seventy(db)
    got = {who["email"]: digest for who, digest in digests(db, TODAY, "http://tracker.example")[0]}
    # Kent: Fifty (6 days left); Seventy is published and Ten has 46 days. Essex: Seventy 14 days overdue, then Fifty.
    assert got["acc.x@kent.example"].listed == {"responses": ["report-fifty:Kent"]}
    assert got["pcc@kent.example"].listed == {"responses": ["report-fifty:Kent"]}
    assert got["pcc@essex.example"].listed == {"responses": ["report-seventy:Essex", "report-fifty:Essex"]}
    assert "Report Seventy · Essex · due " in got["pcc@essex.example"].text and "(14 days overdue)" in \
        got["pcc@essex.example"].text
    assert got["admin@hmicfrs.example"] is None  # a national administrator drafts for no force area


def test_a_step_is_seen_as_of_its_own_day_though_written_after_midnight(db, monkeypatch):
    """A step belongs to the day the clock gave it, not to the moment its row was made: with today pinned to
    yesterday (a run that crossed midnight), yesterday's view holds yesterday's draft."""
    yesterday = TODAY - timedelta(days=1)
    monkeypatch.setenv(clock.PINNED, yesterday.isoformat())
    actions.save_draft(db, DRAFTER, "report-ten", "Kent", "We accept it.", plan("1-kent"))
    history = run(db, "response_history", Filters(as_of=yesterday), report="report-ten", force="Kent")
    assert history[["kind", "stage_after"]].values.tolist() == [["draft", "drafting"]]
    assert run(db, "response_history", Filters(as_of=yesterday - timedelta(days=1)), report="report-ten",
               force="Kent").empty


@pytest.mark.parametrize(("cells", "reason"), [
    ("Audit,,31/12/2027", "2-kent: the target '31/12/2027' is not a date (YYYY-MM-DD)"),
    (f"Audit,,{TODAY + timedelta(days=3660)}",
     "2-kent: a target is after the report's publication and within ten years"),
    ("x" * 20_001 + ",,", "2-kent: the planned action is longer than 20,000 characters"),
    ("Audit,Supt A,", "2-kent: the owner 'Supt A' is not the email of one of Kent's people in the directory"),
], ids=["bad date", "far date", "over-long action", "owner not in the directory"])
def test_a_plan_csvs_refusal_names_the_file_and_line(db, tmp_path, capsys, cells, reason):
    """Finding 13: each refusal of a --plan row names the file and the line, and keeps its reason."""
    planned = tmp_path / "plan.csv"
    planned.write_text(f"id,action,owner,target\n1,Train staff,supt.a@kent.example,\n2,{cells}\n", encoding="utf-8")
    assert main(["--db", str(db), "response", "draft", "--as", "acc.x@kent.example", "--report", "Report Ten",
                 "--force", "Kent", "--plan", str(planned)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {planned}, line 3: {reason}\n" and "Traceback" not in err


def test_a_plan_csv_planning_one_recommendation_twice_names_both_lines(db, tmp_path, capsys):
    planned = tmp_path / "plan.csv"
    planned.write_text("id,action,owner,target\n1,Train staff,,\n2,Audit,,\n1,Train again,,\n", encoding="utf-8")
    assert main(["--db", str(db), "response", "draft", "--as", "acc.x@kent.example", "--report", "Report Ten",
                 "--force", "Kent", "--plan", str(planned)]) == 1
    assert capsys.readouterr().err == (f"error: {planned}, line 4: recommendation 1 is planned already on line 2; "
                                       "give each one row\n")


def test_a_plan_csvs_row_of_another_report_names_the_file_and_line(db, tmp_path, capsys):
    """Finding 13: a --plan row with another report's id names the file and its line (a quoted action spans two)."""
    planned = tmp_path / "plan.csv"
    planned.write_text('id,action,owner,target\n1,"Train staff,\nthen audit",supt.a@kent.example,\n\n11,Audit,,\n',
                       encoding="utf-8")
    assert main(["--db", str(db), "response", "draft", "--as", "acc.x@kent.example", "--report", "Report Ten",
                 "--force", "Kent", "--plan", str(planned)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {planned}, line 5: 11-kent: not a recommendation of this report in this force\n"
    assert "Traceback" not in err
