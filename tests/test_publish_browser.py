"""The public site's page in Chromium, as a commissioner clicks through it on the demo: what changed (everything, the
first time), Publish only once the changes are ticked as checked, then the publication recorded and the site as a
zip of exactly the files the build makes; axe-core on the page as it stands after publishing."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from app_server import CHROMIUM, streamlit_server

from tests.browser_help import axe_violations, download, settle, view_as

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium")
WAIT = 60_000
AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo and the server on it, with one force area's commissioner."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    db = tmp_path_factory.mktemp("publish") / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=AS_OF)
    name, email = open_reader(db).cursor().execute(
        "SELECT name, email FROM current_people WHERE force = 'Kent' AND list_contains(roles, 'commissioner')"
    ).fetchone()
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "commissioner": f"{name} (Kent)", "email": email}


def test_a_commissioner_publishes_the_site_and_downloads_it(demo, browser, expect):
    from tracker.core.filters import Filters
    from tracker.publish.publishing import prepare
    from tracker.store import queries
    from tracker.store.database import open_reader

    context = browser.new_context(accept_downloads=True, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    main = page.get_by_test_id("stMain")
    try:
        view_as(page, f"{demo['url']}/?as_of={AS_OF.isoformat()}", demo["commissioner"])
        # Only a commissioner's (or an administrator's) menu has the page.
        page.get_by_test_id("stSidebar").get_by_role("link", name="Public site").click()
        page.wait_for_url("**/publish**")
        settle(page)
        expect(main.get_by_role("heading", name="Kent, as of 28 November 2026")).to_be_visible(timeout=WAIT)
        expect(main.get_by_text("The first publication: every item is new.")).to_be_visible()
        publish = main.get_by_role("button", name="Publish")
        expect(publish).to_be_disabled()
        main.get_by_text("I have checked the changes above").click()
        expect(publish).to_be_enabled(timeout=WAIT)
        publish.click()
        expect(main.get_by_text("Published. Put the site's files on the commissioner's website.")).to_be_visible(
            timeout=WAIT)
        assert axe_violations(page) == []
        got = download(page, main.get_by_role("button", name="Download the site (zip)"))
        built = prepare(open_reader(demo["db"]), "Kent", AS_OF, ("Kent",))
        with zipfile.ZipFile(got) as zf:
            assert {n.removeprefix("site/"): zf.read(n) for n in zf.namelist()} == built.files
    finally:
        context.close()
    last = queries.run(open_reader(demo["db"]), "last_publication", force="Kent", **Filters(as_of=AS_OF).params())
    assert (int(last["publication_id"]), last["actor"], last["digest"]) == (1, demo["email"], built.digest)
