"""Sign-in through a real OpenID Connect provider (oidc-provider-mock, its own process), and what each role then sees,
and cannot reach by editing the URL, by a download or through the board pack."""

from __future__ import annotations

import csv
import io
import json
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from app_server import CHROMIUM, READY, free_port, streamlit_server

from tests.browser_help import axe_violations, download, keyed
from tests.conftest import TABLES

WAIT = 30_000
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")

# Who signs in: the provider's subject, their email, and whether the directory holds them.
USERS = {
    "lead": "supt.a@kent.example",            # Supt A, a lead in Kent: owns 2-kent and 5-kent
    "viewer": "board.member@essex.example",   # a board viewer in Essex
    "analyst": "analyst@hmicfrs.example",     # a national analyst
    "admin": "admin@hmicfrs.example",         # a national administrator
    "stranger": "nobody@kent.example",        # signs in with the provider, is not in the directory
    "reviewer": "acc.x@kent.example",         # ACC X, Kent's reviewer: oversees 1-kent, 2-kent and 5-kent
}
# The administrator's email, asserted by someone the provider has not verified it for (false, or no claim at all).
UNVERIFIED = {"unverified": ("admin@hmicfrs.example", False), "noclaim": ("admin@hmicfrs.example", None)}
DIRECTORY = """email,name,force,roles
supt.a@kent.example,Supt A,Kent,lead
board.member@essex.example,Ms Member,Essex,viewer
analyst@hmicfrs.example,Ms Analyst,national,analyst;viewer
admin@hmicfrs.example,Mr Admin,national,admin
acc.x@kent.example,ACC X,Kent,reviewer
"""


@contextmanager
def oidc_provider():
    """oidc-provider-mock on a free port, one button per user on its sign-in page; yields its base URL."""
    port = free_port()
    claims = [arg for sub, email in USERS.items()
              for arg in ("--user-claims", json.dumps({"sub": sub, "email": email, "email_verified": True}))]
    for sub, (email, verified) in UNVERIFIED.items():  # a provider passing on an email it did not verify
        claims += ["--user-claims", json.dumps({"sub": sub, "email": email} | ({} if verified is None else
                                                                               {"email_verified": verified}))]
    proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port), *claims],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the OpenID Connect provider did not start") from None
                time.sleep(0.2)  # polling the provider's start, not waiting on a result
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def write_auth_secrets(path: Path, port: int, provider: str) -> None:
    """Sign-in settings for an app on localhost:port against the provider. The tests write their own secrets: none is
    ever in the repository."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "recommendation-tracker"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The dashboard on the fixture plus a directory, with sign-in configured against the provider."""
    from tracker.ingest.importer import ingest
    from tracker.ingest.people import import_people

    work = tmp_path_factory.mktemp("signin")
    db = work / "tracker.duckdb"
    ingest([str(TABLES)], db)
    (work / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(work / "people.csv", db, "test")
    port = free_port()
    with oidc_provider() as provider:
        write_auth_secrets(work / "secrets.toml", port, provider)
        with streamlit_server(db, port=port, args=("--secrets.files", str(work / "secrets.toml"))) as (_, url):
            yield url.replace("127.0.0.1", "localhost")





def settle(page) -> None:
    """Wait until the app is connected and its script has finished."""
    page.wait_for_selector(READY, timeout=WAIT)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=WAIT)
    page.wait_for_selector(READY, timeout=WAIT)


@pytest.fixture
def sign_in(app, browser):
    """Sign in as one of USERS in a fresh browser context (no cookies); yields (page, sign_in function)."""
    contexts = []

    def as_user(who: str):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(app)
        settle(page)
        page.get_by_role("button", name="Sign in").click()
        page.locator(f'button[name="sub"][value="{who}"]').click()  # the provider's page, one button per user
        page.wait_for_url(f"{app}/**")
        settle(page)
        return page

    yield as_user
    for context in contexts:
        context.close()


def footer(page):
    return page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').last


def view(page, url: str) -> None:
    page.goto(url)
    settle(page)


def test_a_visitor_who_has_not_signed_in_sees_only_the_sign_in_page(app, browser, expect):
    context = browser.new_context()
    page = context.new_page()
    try:
        for path in ("", "overdue?force=Kent", "recommendation?id=2-kent", "people"):
            view(page, f"{app}/{path}")
            expect(page.locator("h1").first).to_have_text("Recommendation Tracker")
            expect(page.get_by_role("button", name="Sign in")).to_be_visible()
            expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_have_count(0)
            assert "Rec two" not in page.content()
        assert axe_violations(page) == []  # the sign-in page (WCAG 2.2 AA as axe measures it)
    finally:
        context.close()


def test_a_lead_sees_their_force_and_their_items_and_nothing_else(app, sign_in, expect):
    page = sign_in("lead")
    expect(footer(page)).to_contain_text("3 of 3 recommendations selected")  # Kent's three, as of today
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Signed in as")
    expect(sidebar).to_contain_text("Supt A (Kent)")
    view(page, f"{app}/my_items?as_of=2023-06-30")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("2")  # opens on themselves: 2-kent, 5-kent
    # Editing the URL reaches nothing outside Kent.
    view(page, f"{app}/?force=Essex&as_of=2023-06-30")
    expect(footer(page)).to_contain_text("3 of 3 recommendations selected")  # Essex is not an option: ignored
    view(page, f"{app}/recommendation?id=3-essex&as_of=2023-06-30")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("No recommendation has this id")
    assert "Rec three" not in page.content()
    view(page, f"{app}/owners?person={quote_plus('DCI B (Essex)')}&as_of=2023-06-30")
    expect(page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')).to_have_count(1)  # no drill-down
    # No whole-selection export, no administration.
    expect(sidebar.get_by_role("button", name="XLSX")).to_have_count(0)
    expect(page.get_by_role("link", name="People")).to_have_count(0)
    # A table's download holds Kent's rows only.
    view(page, f"{app}/overdue?as_of=2023-06-30")
    rows = list(csv.DictReader(io.StringIO(download(page, keyed(page, "overdue_table-csv")).read_text(
        encoding="utf-8-sig"))))
    assert sorted(r["key"] for r in rows) == ["2-kent", "5-kent"]


def test_a_viewer_of_another_force_sees_that_force_and_the_pack_says_so(app, sign_in, expect):
    from pypdf import PdfReader

    page = sign_in("viewer")
    view(page, f"{app}/?as_of=2023-06-30")
    expect(footer(page)).to_contain_text("3 of 3 recommendations selected")  # Essex's three
    view(page, f"{app}/recommendation?id=2-kent&as_of=2023-06-30")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("No recommendation has this id")
    view(page, f"{app}/recommendation?id=3-essex")  # in their force: read, but a viewer has no form to submit
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Submissions")
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    expect(page.get_by_role("link", name="For my review")).to_have_count(0)
    view(page, f"{app}/?as_of=2023-06-30")
    page.get_by_text("Board pack: this view as a PDF or PowerPoint").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download(page, keyed(page, "pack-pdf"))).pages)
    assert "Only Essex" in text and "Kent" not in text and "Rec two" not in text


def test_a_national_analyst_sees_every_force_and_may_export(app, sign_in, expect):
    page = sign_in("analyst")
    view(page, f"{app}/?as_of=2023-06-30")
    expect(footer(page)).to_contain_text("6 of 6 recommendations selected")
    rows = list(csv.DictReader(io.StringIO(download(page, keyed(page, "all-csv")).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 6
    expect(page.get_by_role("link", name="People")).to_have_count(0)


def test_an_admin_manages_people(app, sign_in, expect):
    page = sign_in("admin")
    page.get_by_role("link", name="People").click()
    page.wait_for_url("**/people**")
    settle(page)
    expect(page.locator("h1").first).to_have_text("People")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("5")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Names not linked to anyone")


def test_an_email_the_directory_does_not_hold_gets_one_page_and_can_sign_out(app, sign_in, expect):
    page = sign_in("stranger")
    expect(page.locator("h1").first).to_have_text("Not registered here")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("nobody@kent.example")
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_have_count(0)
    view(page, f"{app}/overdue?as_of=2023-06-30")
    expect(page.locator("h1").first).to_have_text("Not registered here")
    assert "Rec" not in page.locator('[data-testid="stMain"]').inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's own sign-out page
    page.wait_for_url(f"{app}/**")
    settle(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


@pytest.mark.parametrize("who", ["unverified", "noclaim"])
def test_an_email_the_provider_did_not_verify_is_nobody(app, sign_in, expect, who):
    page = sign_in(who)
    expect(page.locator("h1").first).to_have_text("Email not verified")
    for address in (f"{app}/people", f"{app}/import", f"{app}/overdue?as_of=2023-06-30"):
        view(page, address)
        expect(page.locator("h1").first).to_have_text("Email not verified")
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Rec" not in main and "Mr Admin" not in main
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()


def test_the_demo_without_sign_in_offers_view_as(tmp_path, browser, expect):
    from tracker.demo.builder import build_demo

    db = tmp_path / "demo.duckdb"
    build_demo(db, n=300, seed=3, as_of=date(2026, 11, 28))
    with streamlit_server(db) as (_, url):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        try:
            view(page, url)
            sidebar = page.locator('[data-testid="stSidebar"]')
            expect(sidebar).to_contain_text("View as (demo only)")
            expect(sidebar).to_contain_text("Demo: viewing as")
            # A national analyst: every force (the national bodies' 6 copies are kept apart, in the national view).
            expect(footer(page)).to_contain_text("294 of 294")
            picker = sidebar.locator('[data-testid="stSelectbox"]').first
            picker.click()
            page.keyboard.type("(Kent)")
            page.get_by_role("option").filter(has_text="viewer").first.click()
            page.wait_for_url("**as=**")
            settle(page)
            expect(footer(page)).not_to_contain_text("294 of 294")
            assert "DEMO DATA" in footer(page).inner_text()
        finally:
            context.close()


def funnel_sign_off(page) -> str:
    """The funnel's Pending sign-off stage count, as drawn."""
    return page.locator(".funnellayer .point").nth(2).locator("text").first.text_content()


def test_a_lead_submits_complete_and_the_reviewer_accepts(app, sign_in, expect):
    lead = sign_in("lead")
    view(lead, f"{app}/")
    expect(lead.locator(".funnellayer .point")).to_have_count(4)
    pending_before = int(funnel_sign_off(lead))
    view(lead, f"{app}/my_items")
    expect(lead.get_by_text("Report progress")).to_be_visible()
    expect(lead.get_by_role("combobox", name="On", exact=True)).to_have_value("2 · Report A")  # the first open item
    lead.get_by_label("Progress comment").fill("All officers trained; the audit shows 96% compliance.")
    lead.get_by_role("combobox", name="Propose a status (optional)").click()
    lead.get_by_role("option", name="Complete", exact=True).click()
    lead.get_by_role("button", name="Submit for review").click()
    expect(lead.get_by_text("Saved: submission #1 is waiting for review.")).to_be_visible()
    expect(lead.locator('[data-testid="stMain"]')).to_contain_text("Your submissions")

    reviewer = sign_in("reviewer")
    reviewer.get_by_role("link", name="For my review").click()
    reviewer.wait_for_url("**/review**")
    settle(reviewer)
    grid = reviewer.locator('[data-testid="stDataFrame"]').first
    expect(grid.get_by_test_id("glide-cell-2-0")).to_have_text("1")  # submission #1 in the first row
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: its row boxes have no element to click, so click the first row's (one header row down).
    reviewer.mouse.click(box["x"] + 12, box["y"] + 35 + 17)
    expect(reviewer.get_by_text("Submission #1")).to_be_visible()
    expect(reviewer.locator('[data-testid="stMain"]')).to_contain_text("All officers trained")
    reviewer.get_by_role("button", name="Accept").click()
    expect(reviewer.get_by_text("Accepted: #1.")).to_be_visible()
    expect(reviewer.get_by_text("Nothing is waiting for your decision.")).to_be_visible()

    # Everyone's next run shows it: the funnel (pending the inspectorate's sign-off, not yet complete), the lead's
    # items, the item's history and its trail.
    view(lead, f"{app}/")
    expect(lead.locator(".funnellayer .point").nth(2).locator("text").first).to_have_text(str(pending_before + 1))
    view(lead, f"{app}/recommendation?id=2-kent")
    main = lead.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("status changed to Pending sign-off")
    expect(main).to_contain_text("accepted by acc.x@kent.example")
    lead.get_by_text("Audit trail of this recommendation").click()
    trail = lead.locator('[data-testid="stExpander"] [data-testid="stDataFrame"] [role=grid]')
    expect(trail).to_contain_text("decision: accept")
    expect(trail).to_contain_text("acc.x@kent.example")
    expect(trail).to_contain_text("supt.a@kent.example")
