"""The closure cycle in Chromium, as the people in it click through it on the demo: a lead submits 'complete' with a
PDF, the force's reviewer accepts it (pending sign-off), asks the inspectorate to close it sending the PDF, downloads
the closure pack, and the inspectorate accepts: the item is complete."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from app_server import READY, streamlit_server

from tests.browser_help import download, view_as
from tests.test_evidence import pdf_bytes

WAIT = 60_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo and the server on it, with a lead's open item, a reviewer of its force and an inspector."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    folder = tmp_path_factory.mktemp("closure")
    db = folder / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=date(2026, 11, 28))
    con = open_reader(db).cursor()
    key, force, lead = con.execute("""
        SELECT s.key, s.force, p.name FROM rec_state(current_date, 180) s
        JOIN current_people p ON p.person_id = s.owner_id
        WHERE s.is_open AND s.status <> 'pending-sign-off' AND list_contains(p.roles, 'lead')
        ORDER BY s.key LIMIT 1""").fetchone()
    reviewer = con.execute("SELECT min(name) FROM current_people WHERE force = $f AND list_contains(roles, "
                           "'reviewer') AND name <> $l", {"f": force, "l": lead}).fetchone()[0]
    inspector = con.execute("SELECT min(name) FROM current_people WHERE list_contains(roles, 'inspectorate')"
                            ).fetchone()[0]
    evidence = folder / "audit.pdf"
    evidence.write_bytes(pdf_bytes("Custody audit, November 2026"))
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "key": key, "lead": f"{lead} ({force})", "reviewer": f"{reviewer} ({force})",
               "inspector": f"{inspector} (national)",
               "pdf": evidence}


def main(page):
    return page.get_by_test_id("stMain")


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select box in the page's own part, as a person does with the keyboard."""
    page.wait_for_selector(READY, timeout=WAIT)
    main(page).get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_selector(READY, timeout=WAIT)


def status_of(db: Path, key: str) -> str:
    from tracker.store.database import open_reader

    return open_reader(db).execute("SELECT status FROM rec_state(current_date, 180) WHERE key = $k",
                                   {"k": key}).fetchone()[0]


def test_lead_to_inspectorate_with_a_pdf_and_the_pack(demo, browser, expect):
    url, key = demo["url"], demo["key"]
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        # The lead submits 'complete' with the PDF.
        view_as(page, f"{url}/recommendation?id={key}", demo["lead"])
        main(page).get_by_label("Progress comment").fill("Custody audit done; every cell checked.")
        choose(page, "Propose a status (optional)", "Complete")
        with page.expect_file_chooser() as chooser:
            main(page).get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="Upload", exact=True).click()
        chooser.value.set_files(str(demo["pdf"]))
        expect(main(page).get_by_text("audit.pdf")).to_be_visible()
        main(page).get_by_role("button", name="Submit for review").click()
        expect(main(page).get_by_text("is waiting for review")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_role("heading", name="Evidence files (1)")).to_be_visible()

        # The force's reviewer accepts: the item is pending sign-off, not complete.
        view_as(page, f"{url}/recommendation?id={key}", demo["reviewer"])
        main(page).get_by_role("button", name="Accept", exact=True).click()
        expect(main(page).get_by_text("Accepted: #")).to_be_visible(timeout=WAIT)
        assert status_of(demo["db"], key) == "pending-sign-off"

        # The reviewer asks the inspectorate to close it, sending the PDF, and downloads the closure pack.
        view_as(page, f"{url}/closure", demo["reviewer"])
        choose(page, "Recommendation to send", key)
        choose(page, "Evidence files to send", "#1")
        page.keyboard.press("Escape")  # a multiselect's list stays open for more choices: close it
        main(page).get_by_role("button", name="Request closure").click()
        expect(main(page).get_by_text("is waiting for the inspectorate")).to_be_visible(timeout=WAIT)
        request = int(main(page).get_by_text("Saved: closure request #").inner_text().split("#")[1].split()[0])
        choose(page, "Closure pack of request", f"#{request}")
        bundle = zipfile.ZipFile(io.BytesIO(download(page, main(page).get_by_role(
            "button", name="PDF and evidence (ZIP)")).read_bytes()))
        assert bundle.namelist() == [f"closure-request-{request}.pdf", "evidence/1-audit.pdf"]
        assert hashlib.sha256(bundle.read("evidence/1-audit.pdf")).digest() == \
            hashlib.sha256(demo["pdf"].read_bytes()).digest()
        assert bundle.read(f"closure-request-{request}.pdf").startswith(b"%PDF-")

        # The inspectorate accepts: complete.
        view_as(page, f"{url}/closure", demo["inspector"])
        choose(page, "Closure request", f"#{request}")
        main(page).get_by_role("button", name="Record the decision").click()
        expect(main(page).get_by_text(f"Saved: closure request #{request} accepted.")).to_be_visible(timeout=WAIT)
        assert status_of(demo["db"], key) == "complete"
    finally:
        context.close()
