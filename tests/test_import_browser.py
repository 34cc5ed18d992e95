"""The Import page in Chromium: upload through the real file chooser, map a force's columns, preview, apply, save the
mapping, retract and restore from the history; a bad file in an upload leaves the database byte-identical; a viewer's
hand-typed address does not reach the page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import pg
import pytest
from app_server import READY, streamlit_server

from tests.conftest import FIXTURES

FOREIGN = FIXTURES / "foreign"
ANALYST = "dr-moss@national.police.example"  # the demo's national analyst, whom the demo opens as



@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """A small demo database and the server on it."""
    from tracker.demo.builder import build_demo

    db = tmp_path_factory.mktemp("import") / "demo.duckdb"
    build_demo(db, n=300, seed=3, as_of=date(2026, 11, 28))
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db}


def rows(db: Path, sql: str) -> list[tuple]:
    from tracker.store.database import open_reader

    con = open_reader(db)
    return con.cursor().execute(sql).fetchall()


def essex(app) -> list[tuple]:
    """How many of rag.csv's recommendations count."""
    return rows(app["db"], "SELECT count(*) FROM recommendations WHERE force = 'Essex' AND id IN (9201, 9202, 9203)")


def open_import(page, app, expect) -> None:
    page.goto(f"{app['url']}/import")
    expect(page.get_by_role("heading", name="New import")).to_be_visible()


def upload(page, *files: Path) -> None:
    """Choose files through the page's file chooser, as a person does."""
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files([str(f) for f in files])


def main(page):
    """The page's own part (the sidebar's filters have labels of the same names)."""
    return page.get_by_test_id("stMain")


def choose(page, label: str, option: str) -> None:
    page.wait_for_selector(READY, timeout=60_000)  # a finished run: no stale copy of the widget left from the last one
    main(page).get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()


def tile(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def test_upload_map_preview_apply_and_save_the_mapping(app, browser, expect):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_import(page, app, expect)
        upload(page, FOREIGN / "wide.csv")
        expect(page.get_by_text("confirm how they map")).to_be_visible()
        choose(page, "Force of files that do not name theirs", "Kent")
        # the proposal: synonyms preselected, the dated columns found
        expect(main(page).get_by_role("combobox", name="Owner", exact=True)).to_have_value("Responsible")
        expect(main(page).get_by_role("combobox", name="Current target", exact=True)).to_have_value("Deadline")
        dated = page.get_by_test_id("stMultiSelect").filter(has_text="Dated update columns")
        for header in ("Update Jan 2024", "Update Apr 2024", "Update Jul 2024"):
            expect(dated.get_by_text(header)).to_be_visible()
        page.get_by_role("button", name="Preview the import").click()
        expect(tile(page, "New recommendations")).to_have_text("2")
        expect(tile(page, "New updates")).to_have_text("5")
        expect(tile(page, "Errors")).to_have_text("0")
        page.get_by_label("Save this column mapping as (optional)").fill("Kent wide tracker")
        page.get_by_role("button", name="Apply").click()
        expect(page.get_by_text(re.compile(r"Imported as import \d+: 2 new recommendations, 0 changed, 5 new updates"))
               ).to_be_visible()
        log = page.get_by_test_id("stDataFrame").filter(has_text="Import").first
        expect(log).to_be_visible()
    finally:
        page.close()
    assert rows(app["db"], "SELECT id, force, owner FROM recommendations WHERE id IN (9301, 9302) ORDER BY id") == [
        (9301, "Kent", "Supt Kay Bell"), (9302, "Kent", "DI Sam Cole")]
    assert rows(app["db"], "SELECT actor, role, via, sources FROM imports ORDER BY id DESC LIMIT 1") == [
        (ANALYST, "analyst", "app", "wide.csv")]
    assert rows(app["db"], "SELECT name, force FROM saved_mappings") == [("Kent wide tracker", "Kent")]


def test_retract_and_restore_from_the_history(app, browser, expect):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_import(page, app, expect)
        upload(page, FOREIGN / "rag.csv")
        choose(page, "Force of files that do not name theirs", "Essex")
        expect(main(page).get_by_role("combobox", name="Force's RAG rating")).to_have_value("RAG Status")
        page.get_by_role("button", name="Preview the import").click()
        expect(tile(page, "New recommendations")).to_have_text("3")
        page.get_by_role("button", name="Apply").click()
        flash = page.get_by_text(re.compile(r"Imported as import (\d+):"))
        expect(flash).to_be_visible()
        number = re.search(r"import (\d+)", flash.inner_text())[1]
        before = essex(app)
        assert before == [(3,)]

        choose(page, "Import", f"Import {number}")
        page.get_by_label("Why (kept in the audit trail)").fill("Sent to the wrong force")
        page.get_by_role("button", name="Retract").click()
        expect(page.get_by_text(f"Import {number} retracted: its rows no longer count.")).to_be_visible()
        assert essex(app) == [(0,)]

        choose(page, "Import", f"Import {number}")
        page.get_by_role("button", name="Restore").click()
        expect(page.get_by_text(f"Import {number} restored.")).to_be_visible()
        assert essex(app) == [(3,)]
    finally:
        page.close()
    trail = rows(app["db"], f"SELECT action, actor FROM audit WHERE entity = 'import {number}' ORDER BY made_at")
    assert trail == [("retract import", ANALYST), ("restore import", ANALYST)]


def test_a_bad_file_in_an_upload_is_named_and_nothing_is_written(app, browser, expect, tmp_path):
    bad = tmp_path / "broken.csv"
    head = (FOREIGN / "renamed.csv").read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(f"{head}\n12x,Custody inspection 2024,Text,,,,,\n", encoding="utf-8")
    db = app["db"]
    before = pg.fingerprint(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_import(page, app, expect)
        upload(page, FOREIGN / "renamed.csv", bad)
        choose(page, "Force of files that do not name theirs", "Kent")
        page.get_by_role("button", name="Preview the import").click()
        expect(tile(page, "Errors")).to_have_text("1")
        expect(page.get_by_text("broken.csv, row 2: id '12x' is not a whole number")).to_be_visible()
        expect(page.get_by_role("button", name="Apply")).to_be_disabled()
    finally:
        page.close()
    assert pg.fingerprint(db) == before


def test_a_viewer_does_not_reach_the_import_page(app, browser, expect):
    name, force = rows(app["db"], "SELECT name, force FROM current_people WHERE active AND roles = ['viewer'] "
                                  "AND force IS NOT NULL ORDER BY email LIMIT 1")[0]
    viewer = quote_plus(f"{name} ({force}) · viewer")  # the demo's picker holds a person by the label it shows
    page = browser.new_page()
    try:
        page.goto(f"{app['url']}/import?as={viewer}")
        page.wait_for_selector(READY, timeout=60_000)
        picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="View as (demo only)")
        expect(picker).to_have_value(re.compile(re.escape(name)))
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator("h1").first).not_to_have_text("Import")
        expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
        expect(page.get_by_role("link", name="Import")).to_have_count(0)
    finally:
        page.close()


def test_hostile_headers_and_file_names_are_shown_as_written(app, browser, expect, tmp_path):
    hostile = tmp_path / "[x](http:evil) **b**.csv"
    hostile.write_text("Rec Ref,Inspection,Recommendation,[click](javascript:alert(1)),**Lead** <b>Officer</b>\n"
                       "9401,Custody,Text one,x,Supt [Evil](http://evil.example)\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_import(page, app, expect)
        upload(page, hostile)
        expect(page.get_by_text("confirm how they map")).to_be_visible()
        expect(main(page).get_by_text("Suggested: **Lead** <b>Officer</b>", exact=True)).to_be_visible()
        choose(page, "Force of files that do not name theirs", "Kent")
        page.get_by_role("button", name="Preview the import").click()
        expect(tile(page, "New recommendations")).to_have_text("1")
        page.wait_for_selector(READY, timeout=60_000)
        links = [a.get_attribute("href") or "" for a in main(page).locator("a").all()]
        # only the page's own heading anchors, and the footer's link to the accessibility statement
        assert all(h == "" or h.startswith("#") or h.endswith("/accessibility") or h == "accessibility"
                   for h in links), links
        assert set(main(page).locator("strong, b").all_inner_texts()) <= {"Demo data.", "Columns.", "This is the demo."}
    finally:
        page.close()


def upload_folders(root: Path) -> dict[str, list[Path]]:
    """What waits under an uploads root: the process folders, the session folders, the uploaded files."""
    return {"processes": sorted(root.glob("process-*")), "sessions": sorted(root.glob("process-*/session-*")),
            "files": sorted(root.glob("process-*/session-*/upload-*/*"))}


def until(check, what: str, seconds: float = 30) -> None:
    """Wait until `check()` holds (the server deletes a folder on its own time), failing after `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds:.0f} s: {what}")
        time.sleep(0.1)  # polling the file system, not waiting for the page


def test_a_dead_servers_upload_is_swept_and_its_apply_button_says_what_happened(tmp_path, browser, expect):
    from app_server import free_port

    from tracker.app.upload_folders import LOCK
    from tracker.demo.builder import build_demo

    db = tmp_path / "demo.duckdb"
    build_demo(db, n=100, seed=4, as_of=date(2026, 11, 28))
    root, port = tmp_path / "uploads", free_port()
    env = {"TRACKER_UPLOADS": str(root)}
    app = {"url": f"http://127.0.0.1:{port}"}
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        with streamlit_server(db, env=env, port=port) as (proc, _):
            open_import(page, app, expect)
            upload(page, FOREIGN / "wide.csv")
            expect(page.get_by_text("confirm how they map")).to_be_visible()
            choose(page, "Force of files that do not name theirs", "Kent")
            page.get_by_role("button", name="Preview the import").click()
            expect(tile(page, "New recommendations")).to_have_text("2")
            held = upload_folders(root)
            assert [f.name for f in held["files"]] == ["wide.csv"] and len(held["processes"]) == 1
            dead = held["processes"][0]
            proc.kill()  # the replica dies: no clean-up of its own
            proc.wait()
        assert dead.is_dir() and (dead / LOCK).exists()
        with streamlit_server(db, env=env, port=port):  # its replacement, on the same address
            # The browser reconnects to the new server, which holds neither the upload nor the preview, and still
            # shows the dead server's preview and its Apply button: a click on it says why nothing can come of it.
            page.wait_for_selector(READY, timeout=60_000)
            main(page).get_by_role("button", name="Apply").click()
            expect(main(page).get_by_text("This server does not hold the files the upload box lists")
                   ).to_be_visible(timeout=60_000)
            expect(main(page).get_by_role("button", name="Apply")).to_have_count(0)
            assert not dead.exists()  # the new process swept the dead one's folder when it started
            assert essex_free(db)
            # A session's upload goes when the session does.
            fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_import(fresh, app, expect)
            upload(fresh, FOREIGN / "wide.csv")
            expect(fresh.get_by_text("confirm how they map")).to_be_visible()
            assert [f.name for f in upload_folders(root)["files"]] == ["wide.csv"]
            fresh.close()
            page.close()
            until(lambda: not upload_folders(root)["sessions"], "the closed sessions' upload folders deleted")
            assert len(upload_folders(root)["processes"]) == 1  # the live server's own folder stays
    finally:
        if not page.is_closed():
            page.close()


def essex_free(db: Path) -> bool:
    """Nothing of wide.csv (ids 9301 and 9302) was written."""
    return rows(db, "SELECT count(*) FROM recommendations WHERE id IN (9301, 9302)") == [(0,)]
