"""The statutory response in Chromium, as the people in it click through it on the demo: a force's reviewer drafts
every recommendation's action and attaches the chief constable's comments as a PDF, the force area's commissioner
approves and records the publication, and the document downloads with a row for each recommendation."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote_plus

import pytest
from app_server import READY, streamlit_server

from tests.browser_help import download, keyed, view_as
from tests.test_evidence import pdf_bytes

WAIT = 60_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo and the server on it, with one report's recommendations in one force, its reviewer and its
    commissioner."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    folder = tmp_path_factory.mktemp("responses")
    db = folder / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=date(2026, 11, 28))
    con = open_reader(db).cursor()
    report, title, force, n = con.execute("""
        SELECT report, any_value(report_title), force, count(*) FROM rec_base
        WHERE (report, force) NOT IN (SELECT (report, force) FROM responses) AND source = 'hmicfrs'
        GROUP BY report, force HAVING count(*) <= 4 ORDER BY count(*) DESC, report, force LIMIT 1""").fetchone()
    reviewer = con.execute("SELECT min(name) FROM current_people WHERE force = $f AND list_contains(roles, 'reviewer')",
                           {"f": force}).fetchone()[0]
    commissioner = con.execute("SELECT min(name) FROM current_people WHERE force = $f AND list_contains(roles, "
                               "'commissioner')", {"f": force}).fetchone()[0]
    ids = [i for (i,) in con.execute("SELECT id FROM rec_base WHERE report = $r AND force = $f ORDER BY id",
                                     {"r": report, "f": force}).fetchall()]
    comments = folder / "chief-constable.pdf"
    comments.write_bytes(pdf_bytes("The chief constable's comments"))
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "report": report, "title": title, "force": force, "n": n, "ids": ids,
               "reviewer": f"{reviewer} ({force})", "commissioner": f"{commissioner} ({force})", "pdf": comments}


def main(page):
    return page.get_by_test_id("stMain")


def tab(page, name: str) -> None:
    page.wait_for_selector(READY, timeout=WAIT)
    main(page).get_by_role("tab", name=name).click()


def test_draft_comments_approve_publish_and_the_document(demo, browser, expect):
    from docx import Document

    url = f"{demo['url']}/responses?response={quote_plus(demo['title'] + ' · ' + demo['force'])}"
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        # The force's reviewer drafts every recommendation's action and saves.
        view_as(page, url, demo["reviewer"])
        expect(main(page).get_by_role("heading", name=f"{demo['force']}: Not started (version 1)")).to_be_visible()
        main(page).get_by_label("The commissioner's overall comments").fill("We accept every recommendation.")
        for i in demo["ids"]:
            main(page).get_by_label(f"Response to recommendation {i}: what will be done").fill(f"Action for {i}.")
        main(page).get_by_role("button", name="Save draft").click()
        expect(main(page).get_by_text("Draft saved (step")).to_be_visible(timeout=WAIT)

        # The chief constable's comments, attached as a PDF.
        tab(page, "Chief constable's comments")
        with page.expect_file_chooser() as chooser:
            main(page).get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="Upload", exact=True).click()
        chooser.value.set_files(str(demo["pdf"]))
        expect(main(page).get_by_text("chief-constable.pdf")).to_be_visible()
        main(page).get_by_role("button", name="Record the chief constable's comments").click()
        expect(main(page).get_by_text("comments are recorded")).to_be_visible(timeout=WAIT)

        # The commissioner approves, then records the publication.
        view_as(page, url, demo["commissioner"])
        tab(page, "Approve and publish")
        main(page).get_by_role("button", name="Approve this version").click()
        expect(main(page).get_by_text("Approved (step")).to_be_visible(timeout=WAIT)
        tab(page, "Approve and publish")
        main(page).get_by_label("Where (its address online)").fill("https://pcc.example/responses/1")
        main(page).get_by_role("button", name="Record the publication").click()
        expect(main(page).get_by_text("Published (step")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_role("heading", name=f"{demo['force']}: Published (version 1)")).to_be_visible()

        document = Document(str(download(page, keyed(page, "response-docx"))))
        rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
        assert [r[0] for r in rows[1:]] == [str(i) for i in demo["ids"]]
        assert [r[2] for r in rows[1:]] == [f"Action for {i}." for i in demo["ids"]]
    finally:
        context.close()
    assert [t.split(" Owner: ")[0] for t in first_updates(demo["db"], demo["report"], demo["force"])] == [
        f"Planned action in the commissioner's published response: Action for {i}." for i in demo["ids"]]


def test_a_response_published_outside_the_tracker_is_recorded_on_the_page(demo, browser, expect):
    """A report whose response went online before the tracker: its force's reviewer records the day and address, and
    the response is published."""
    from tracker.core.filters import Filters
    from tracker.store import queries
    from tracker.store.database import open_reader

    due = queries.run(open_reader(demo["db"]), "responses_due", **Filters(as_of=date(2026, 11, 28)).params(), days=56)
    row = next(r for r in due.itertuples(index=False)
               if r.stage == "not-started" and (r.report, r.force) != (demo["report"], demo["force"]))
    reviewer = open_reader(demo["db"]).cursor().execute(
        "SELECT min(name) FROM current_people WHERE force = $f AND list_contains(roles, 'reviewer')",
        {"f": row.force}).fetchone()[0]
    on = max(row.published_on.date(), date(2026, 11, 1))
    page = browser.new_page()
    try:
        view_as(page, f"{demo['url']}/responses?response={quote_plus(row.report_title + ' · ' + row.force)}",
                f"{reviewer} ({row.force})")
        expect(main(page).get_by_role("heading", name=f"{row.force}: Not started (version 1)")).to_be_visible()
        tab(page, "Approve and publish")
        main(page).get_by_text("Published outside the tracker?").click()
        main(page).get_by_role("spinbutton", name="day, Published on").click()
        page.keyboard.type(f"{on:%d%m%Y}")  # the date's segments take their digits in turn
        expect(main(page).get_by_role("spinbutton", name="year, Published on")).to_have_text(f"{on:%Y}")
        main(page).get_by_label("Where (its address online)").fill("https://pcc.example/before-the-tracker")
        main(page).get_by_role("button", name="Record it as published").click()
        expect(main(page).get_by_text("Recorded as published (step")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_role("heading", name=f"{row.force}: Published (version 1)")).to_be_visible()
    finally:
        page.close()


def first_updates(db, report: str, force: str) -> list[str]:
    """Each of the report's recommendations' update made by the publication, in id order."""
    from tracker.store.database import open_reader

    con = open_reader(db).cursor()
    return [t for (t,) in con.execute("""
        SELECT u.text FROM updates u JOIN rec_base b USING (key)
        WHERE b.report = $r AND b.force = $f AND u.source LIKE 'response #%' ORDER BY b.id""",
                                      {"r": report, "f": force}).fetchall()]
