"""Reminders and calendars: digests through a real SMTP server (aiosmtpd, its own process), who gets one and who does
not, escaping, no re-send, an unreachable recipient, per-person settings, and .ics files with stable UIDs."""

from __future__ import annotations

import email
import subprocess
import sys
import time
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest
from app_server import free_port
from icalendar import Calendar

from tracker.cli import main
from tracker.core import clock
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.notify.digest import build, due
from tracker.notify.send import Smtp, remind
from tracker.people.access import Person
from tracker.workflow.actions import set_reminders, submit

ROOT = Path(__file__).parent.parent
AS_OF = date(2023, 6, 30)
BASE = "https://tracker.example.police.uk"
DIRECTORY = """email,name,force,roles
supt.a@kent.example,Supt A,Kent,lead
acc.x@kent.example,ACC X,Kent,reviewer
dci.b@essex.example,DCI B,Essex,lead
viewer@kent.example,Mr Viewer,Kent,viewer
"""
# Hostile names and texts, to be escaped in the HTML part and shown as typed in the text part.
HOSTILE = 'Supt <b>Bold</b> & "Q"'
EXTRA = f"""id,force,report,published_on,owner,target_original,text
7,Essex,Report <script>x</script>,2022-01-01,{HOSTILE.replace('"', '""').join('""')},2023-07-15,Rec <img src=x onerror=y>
8,Kent,Report B,2022-01-01,Supt A,2023-07-20,Rec eight
9,Essex,Report B,2022-01-01,Supt A,2023-07-10,Rec nine
"""


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    """The fixture, item 7 owned by a hostile name in Essex, and Supt A: a lead in Kent and a namesake in Essex."""
    (tmp_path / "extra.csv").write_text(EXTRA, encoding="utf-8")
    ingest([str(tmp_path / "extra.csv")], fixture_db)
    (tmp_path / "people.csv").write_text(DIRECTORY + f"unreachable.b@essex.example,\"{HOSTILE.replace(chr(34), chr(34) * 2)}\","
                                         "Essex,lead\nsupt.a@essex.example,Supt A,Essex,lead\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


@pytest.fixture
def smtp(tmp_path):
    """aiosmtpd in its own process, keeping messages in a folder; yields (settings, folder)."""
    port, folder = free_port(), tmp_path / "mail"
    proc = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
                             "tests.smtp_sink.Sink", str(folder)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    import socket

    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)  # polling the server's start, not waiting on a result
    yield Smtp("127.0.0.1", port, sender="tracker@example.police.uk"), folder
    proc.terminate()
    proc.wait(timeout=20)


def received(folder: Path) -> dict[str, email.message.EmailMessage]:
    """The messages the server accepted, by recipient."""
    out = {}
    for f in folder.glob("*.eml"):
        msg = email.message_from_bytes(f.read_bytes(), policy=policy.default)
        out[msg["To"]] = msg
    return out


def test_each_person_with_something_to_act_on_gets_one_digest(db, smtp):
    settings, folder = smtp
    lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
    submit(db, lead, "5-kent", "Training done.", status="complete", today=AS_OF)
    outcomes = {o.email: o for o in remind(db, AS_OF, BASE, smtp=settings)}
    mail = received(folder)
    # Supt A (Kent): 2-kent and 5-kent overdue, 8-kent due within 30 days. ACC X: submission #1 waits for them.
    # DCI B: 3-essex overdue. The Essex Supt A: 9-essex due. The viewer owns nothing and reviews nothing.
    assert set(mail) == {"supt.a@kent.example", "acc.x@kent.example", "dci.b@essex.example", "supt.a@essex.example"}
    assert outcomes["viewer@kent.example"].state == "nothing to send"
    kent = mail["supt.a@kent.example"].get_body(("plain",)).get_content()
    assert "Overdue (2)" in kent and "2-kent" in kent and "5-kent" in kent and "Due within 30 days (1)" in kent
    assert kent.index("2-kent") < kent.index("5-kent")  # longest overdue first
    assert f"{BASE}/recommendation?id=8-kent" in kent and "9-essex" not in kent  # two people, one name, two forces
    essex = mail["supt.a@essex.example"].get_body(("plain",)).get_content()
    assert "9-essex" in essex and "8-kent" not in essex
    review = mail["acc.x@kent.example"].get_body(("plain",)).get_content()
    assert "Waiting for your decision (1)" in review and "submission #1 on 5-kent" in review
    # The hostile owner's digest bounced: reported, and the others still went.
    assert outcomes["unreachable.b@essex.example"].state == "failed"
    assert "550" in outcomes["unreachable.b@essex.example"].detail


def test_everyone_the_rules_let_decide_gets_the_review_digest(db, tmp_path):
    """Who may decide is the rules' (review_refusal), for the app and the digest alike: a national reviewer and a
    national administrator decide on a Kent submission, so they are told of it; the author never is, nor a reviewer
    of another force."""
    from tracker.notify.send import digests
    from tracker.workflow.actions import decide

    people = tmp_path / "more-people.csv"
    people.write_text(DIRECTORY + "national.reviewer@hmicfrs.example,Ms National,national,reviewer\n"
                      "admin@hmicfrs.example,Ms Admin,national,admin\nacc.y@essex.example,ACC Y,Essex,reviewer\n",
                      encoding="utf-8")
    import_people(people, db, "test")
    lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
    seq = submit(db, lead, "5-kent", "Training done.", status="complete", today=AS_OF)
    told = {who["email"]: d for who, d in digests(db, AS_OF, BASE)[0]}
    waiting = {e for e, d in told.items() if d is not None and f"submission #{seq} on 5-kent" in d.text}
    assert waiting == {"acc.x@kent.example", "national.reviewer@hmicfrs.example", "admin@hmicfrs.example"}
    # And the national reviewer may indeed decide on it in the app.
    from tracker.cli import person_as

    assert decide(db, person_as(db, "national.reviewer@hmicfrs.example"), [seq], "accept", today=AS_OF)


def test_data_is_escaped_in_the_html_part():
    import pandas as pd

    items = pd.DataFrame([{"key": "7-essex", "report_title": "Report <script>x</script>", "text": "Rec <img src=x>",
                           "days_overdue": None, "target_current": pd.Timestamp("2023-07-15"), "section": "due soon",
                           "latest_comment_on": None}])
    digest = build("b@essex.example", HOSTILE, items, pd.DataFrame(columns=["seq"]), BASE, AS_OF)
    assert "<script>" not in digest.html and "<img" not in digest.html and "<b>Bold</b>" not in digest.html
    assert "&lt;script&gt;" in digest.html and "Supt &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Q&quot;" in digest.html
    assert "Report <script>x</script>" in digest.text  # plain text is the text as typed


def test_a_second_run_for_the_same_date_sends_nothing_new(db, smtp, capsys):
    settings, folder = smtp
    remind(db, AS_OF, BASE, smtp=settings)
    first = len(list(folder.glob("*.eml")))
    again = remind(db, AS_OF, BASE, smtp=settings)
    assert len(list(folder.glob("*.eml"))) == first
    assert {o.state for o in again} <= {"not due", "nothing to send", "failed"}
    # The bounced one is tried again (it was never sent); the rest are not due until a week has passed.
    later = {o.email: o.state for o in remind(db, AS_OF + timedelta(days=7), BASE, smtp=settings)}
    assert later["supt.a@kent.example"] == "sent"


def test_settings_pause_or_make_it_daily(db, smtp):
    settings, _ = smtp
    lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
    remind(db, AS_OF, BASE, smtp=settings)
    set_reminders(db, lead, "daily")
    assert {o.email: o.state for o in remind(db, AS_OF + timedelta(days=1), BASE, smtp=settings,
                                             only="supt.a@kent.example")} == {"supt.a@kent.example": "sent"}
    set_reminders(db, lead, "paused")
    assert {o.email: o.state for o in remind(db, AS_OF + timedelta(days=30), BASE, smtp=settings,
                                             only="supt.a@kent.example")} == {"supt.a@kent.example": "not due"}


def test_cadence_rules():
    assert due("weekly", None, AS_OF) and due("daily", AS_OF - timedelta(days=1), AS_OF)
    assert not due("weekly", AS_OF - timedelta(days=6), AS_OF) and due("weekly", AS_OF - timedelta(days=7), AS_OF)
    assert not due("daily", AS_OF, AS_OF) and not due("paused", None, AS_OF)


def test_the_command_says_what_it_would_send_and_fails_when_one_fails(db, smtp, capsys, monkeypatch):
    settings, _ = smtp
    assert main(["--db", str(db), "remind", "--as-of", str(AS_OF), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would send: supt.a@kent.example" in out and "0 sent" in out
    monkeypatch.setenv("TRACKER_SMTP", f"127.0.0.1:{settings.port}")
    assert main(["--db", str(db), "remind", "--as-of", str(AS_OF)]) == 1  # the unreachable one
    captured = capsys.readouterr()
    assert "failed: unreachable.b@essex.example (550 5.1.1 no such mailbox)" in captured.err
    assert "3 sent" in captured.out and "1 failed" in captured.out


def test_the_calendar_has_one_event_a_target_and_keeps_its_uid_when_the_target_moves(db, tmp_path):
    from tracker.workflow.actions import decide

    out = tmp_path / "targets.ics"
    assert main(["--db", str(db), "calendar", "--as", "supt.a@kent.example", "-o", str(out)]) == 0
    events = {str(e["uid"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert set(events) == {"target-2-kent@recommendation-tracker", "target-5-kent@recommendation-tracker",
                           "target-8-kent@recommendation-tracker"}
    before = events["target-5-kent@recommendation-tracker"]["dtstart"].dt
    lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
    acc = Person(2, "acc.x@kent.example", "ACC X", "Kent", ("reviewer",))
    new_target = clock.today() + timedelta(days=60)
    seq = submit(db, lead, "5-kent", "Moving.", target=new_target, reason="Training moved")
    decide(db, acc, [seq], "accept")
    assert main(["--db", str(db), "calendar", "--as", "supt.a@kent.example", "-o", str(out)]) == 0
    moved = {str(e["uid"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert set(moved) == set(events)  # the same events: none duplicated
    assert moved["target-5-kent@recommendation-tracker"]["dtstart"].dt == new_target != before
    assert str(moved["target-5-kent@recommendation-tracker"]["url"]).endswith("/recommendation?id=5-kent")


def test_a_lead_moved_to_another_force_is_reminded_of_the_new_forces_items_only(db, tmp_path):
    """Security finding 5: the Kent items Supt A still owns by name reach neither their digest nor their calendar
    once the directory moves them to Essex (their scope is Essex's now)."""
    from tracker.notify.send import digests

    before = {who["email"]: d for who, d in digests(db, AS_OF, BASE)[0]}
    assert "2-kent" in before["supt.a@kent.example"].text
    moved = tmp_path / "moved.csv"
    moved.write_text(DIRECTORY.replace("supt.a@kent.example,Supt A,Kent,lead", "supt.a@kent.example,Supt A,Essex,lead"),
                     encoding="utf-8")
    import_people(moved, db, "test")
    told = {who["email"]: d for who, d in digests(db, AS_OF, BASE)[0]}
    assert told["supt.a@kent.example"] is None or "-kent" not in told["supt.a@kent.example"].text
    out = tmp_path / "targets.ics"
    assert main(["--db", str(db), "calendar", "--as", "supt.a@kent.example", "-o", str(out)]) == 0
    assert [str(e["uid"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT") if "kent" in str(e["uid"])] == []


def test_a_digest_goes_out_only_after_its_log_has_committed(db, smtp, monkeypatch):
    """The email is a side effect of the write that logs it: when that write fails, nothing is sent (and the next run
    sends it); a digest is never sent without its log row."""
    from tracker.store.server import StoreError
    from tracker.workflow import actions, progress

    settings, folder = smtp
    real = progress.apply_reminder_sent

    def failing(con, batch, person, today, listed):
        real(con, batch, person, today, listed)  # the log row is in the write's open transaction
        raise StoreError("the database refused the write: simulated")

    monkeypatch.setitem(actions.OPS, "reminder_sent", failing)
    with pytest.raises(StoreError, match="simulated"):
        remind(db, AS_OF, BASE, smtp=settings, only="supt.a@kent.example")
    assert received(folder) == {}
    monkeypatch.undo()
    outcomes = {o.email: o.state for o in remind(db, AS_OF, BASE, smtp=settings, only="supt.a@kent.example")}
    assert outcomes == {"supt.a@kent.example": "sent"} and set(received(folder)) == {"supt.a@kent.example"}
