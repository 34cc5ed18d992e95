"""The public site on a hand-built fixture: only public text is published (markers in an internal comment, a
spreadsheet's note, a withheld item and a junior owner's name appear in no file), owners by job title, withheld items
as their reason, the counts equal the dashboard's, two builds are byte-identical, every internal link resolves,
hostile text stays literal, the diff and the publication in the trail, and axe-core finds nothing on any page."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pg
import pytest

from tests.test_browser import HOSTILE
from tracker.cli import main
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.people.access import Person
from tracker.publish.build import build, long_date, paragraphs, styles
from tracker.publish.content import NOT_PUBLISHED, owner_label, page_name, site_content
from tracker.publish.diff import Change, changes
from tracker.publish.publishing import prepare, publish_refusal
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow import actions

AS_OF = date(2026, 11, 30)
INTERNAL, SPREADSHEET, WITHHELD, JUNIOR = "INTERNALMARK", "SPREADSHEETMARK", "WITHHELDMARK", "JUNIORMARK"
RECORDS = {  # the inspectorate's register: public
    "101.txt": """Report Alpha (101)

The force should improve custody checks <script>alert('x')</script> {{ 7 * 7 }}.

[on]10th January 2024 [status]awaiting-review[/status][/on][on]1st March 2024 [status]being-progressed\
[/status][/on][on]1st March 2024

The force has begun the work.

I will review it again in the summer.
""",
    "102.txt": f"""Report Alpha (102)

The force should review {WITHHELD} arrangements.

[on]10th January 2024 [status]awaiting-review[/status][/on]
""",
}
PEOPLE = f"""email,name,force,roles,job_title,publicly_named
junior@kent.example,DI {JUNIOR},Kent,lead,Head of Custody,no
acc@kent.example,ACC Wright,Kent,reviewer,Assistant Chief Constable,yes
pcc@kent.example,Commissioner Kent,Kent,commissioner,Police and Crime Commissioner,yes
pcc@essex.example,Commissioner Essex,Essex,commissioner,,yes
"""
LEAD, REVIEWER, KENT_PCC, ESSEX_PCC = (
    Person(1, "junior@kent.example", f"DI {JUNIOR}", "Kent", ("lead",)),
    Person(2, "acc@kent.example", "ACC Wright", "Kent", ("reviewer",)),
    Person(3, "pcc@kent.example", "Commissioner Kent", "Kent", ("commissioner",)),
    Person(4, "pcc@essex.example", "Commissioner Essex", "Essex", ("commissioner",)),
)


@pytest.fixture(scope="module")
def site_db(tmp_path_factory) -> Path:
    """Kent: two register records (101, 102 in Report Alpha) and a spreadsheet's item 201 (Report Beta, owned by the
    junior lead, with an internal note); Essex: item 301. The lead submits on 201 an internal comment and a public
    one, the reviewer accepts the public one as complete, and withholds 102."""
    tmp = tmp_path_factory.mktemp("publish")
    records = tmp / "records"
    records.mkdir()
    for name, text in RECORDS.items():
        (records / name).write_text(text, encoding="utf-8")
    db = tmp / "db"
    ingest([str(records)], db, force="Kent")
    sheet = tmp / "sheet"
    sheet.mkdir()
    with open(sheet / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "report", "published_on", "owner", "overseer", "target_original", "text"])
        w.writerow([201, "Kent", "Report Beta", "2025-06-01", f"DI {JUNIOR}", "ACC Wright", "2026-06-30",
                    "=HYPERLINK(\"http://evil.example\") should stay text"])
        w.writerow([301, "Essex", "Report Beta", "2025-06-01", "DCI Essex", "", "2026-06-30", "Essex's own item"])
    with open(sheet / "updates.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "date", "status", "text"])
        w.writerow([201, "Kent", "2025-07-01", "being-progressed", f"A note from the spreadsheet {SPREADSHEET}"])
    ingest([str(sheet)], db)
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    import_people(tmp / "people.csv", db, "test")
    actions.submit(db, LEAD, "201-kent", f"Internal only: {INTERNAL}", today=date(2026, 10, 1))
    public = actions.submit(db, LEAD, "201-kent", "Checks now run every shift.", status="complete",
                            today=date(2026, 10, 2), public=True)
    actions.decide(db, REVIEWER, [public], "accept", today=date(2026, 10, 3))
    actions.withhold(db, REVIEWER, "102-kent", "Operationally sensitive", today=date(2026, 10, 4))
    return db


@pytest.fixture(scope="module")
def built(site_db):
    con = open_reader(site_db)
    prepared = prepare(con, "Kent", AS_OF)
    return prepared


def every_text(files: dict[str, bytes]) -> str:
    return "\n".join(content.decode("utf-8") for path, content in files.items() if not path.endswith(".css"))


def test_owner_label_names_only_the_publicly_named():
    assert owner_label("DI Junior", "Head of Custody", False) == "Head of Custody"
    assert owner_label("ACC Wright", "Assistant Chief Constable", True) == "ACC Wright, Assistant Chief Constable"
    assert owner_label("ACC Wright", None, True) == "ACC Wright"
    assert owner_label("DI Junior", None, False) == NOT_PUBLISHED
    assert owner_label(None, float("nan"), False) == NOT_PUBLISHED


def test_page_names_and_words():
    taken: set[str] = set()
    assert page_name("8019-kent", taken) == "8019-kent"
    assert page_name("8019 Kent", taken) == "8019-kent-2"
    assert page_name("../../etc/passwd", taken) == "etc-passwd"
    assert page_name("<>", taken) == "page"
    assert long_date(date(2017, 7, 5)) == "5 July 2017" and long_date(None) == ""
    assert paragraphs("one\nline two\n\n  \n\nthree ") == ["one\nline two", "three"]


def test_diff_names_every_change():
    def entry(**kw):
        return {"ref": "1", "report": "R", "status": "Being progressed", "withheld": None, "target": "2026-01-01",
                "text": "t", "update": "u"} | kw

    before = {"items": {"a": entry(), "b": entry(ref="2"), "c": entry(ref="3")}, "responses": {"r": None}}
    after = {"items": {"a": entry(status="Complete", target="2026-06-30", update="v"),
                       "b": entry(ref="2", withheld="Sensitive"), "d": entry(ref="4")},
             "responses": {"r": "h"}}
    assert changes(before, after) == [
        Change("response", "r", "the commissioner's response is published"),
        Change("status", "Recommendation 1 of R", "Being progressed → Complete"),
        Change("target", "Recommendation 1 of R", "2026-01-01 → 2026-06-30"),
        Change("update", "Recommendation 1 of R", "a new public update"),
        Change("withheld", "Recommendation 2 of R", "Sensitive"),
        Change("removed", "Recommendation 3 of R"),
        Change("added", "Recommendation 4 of R", "Being progressed")]
    assert changes(after, after) == []
    assert [c.kind for c in changes(None, after)] == ["response", "added", "added", "added"]


def test_only_public_text_is_published(built):
    text = every_text(built.files)
    for marker in (INTERNAL, SPREADSHEET, WITHHELD, JUNIOR):
        assert marker not in text, marker
    assert "Essex" not in text  # another force's item, or its name
    assert "Checks now run every shift." in text  # the lead's public comment
    assert "The force has begun the work." in text  # the register's update
    assert "[details withheld: Operationally sensitive]" in text
    assert "Head of Custody" in text  # the junior owner, by job title
    items = {i.key: i for i in built.site.items}
    assert sorted(items) == ["101-kent", "102-kent", "201-kent"]
    beta = items["201-kent"]
    accepted = "The force accepts that this is complete; it is pending the inspectorate's sign-off."
    assert (beta.status, beta.owner, beta.update_on, beta.update_text) == (
        "Pending sign-off", "Head of Custody", date(2026, 10, 3), accepted)  # its acceptance: public as it was
    assert beta.updates == ((date(2026, 10, 2), None, "Checks now run every shift."),
                            (date(2026, 10, 3), "Pending sign-off", accepted))
    assert items["102-kent"].withheld == "Operationally sensitive" and items["102-kent"].text == ""
    alpha = items["101-kent"]
    assert (alpha.status, alpha.update_on) == ("Being progressed", date(2024, 3, 1))
    assert alpha.update_text == "The force has begun the work.\n\nI will review it again in the summer."


def test_a_published_responses_owner_reaches_the_site_by_job_title(site_db, tmp_path):
    """Security finding 2: Kent's response to Report Beta plans 201's action with its owner left as the item's (the
    junior lead, not publicly named). Published, the planned action is 201's update, on its page and in the open data,
    without the owner's name (the page's owner field gives their job title, by the directory as it stands at each
    build); the response's document names them by job title too."""
    from docx import Document

    from tracker.response import actions as response

    db = tmp_path / "db"
    pg.clone(site_db, db)
    plan = [{"key": "201-kent", "action": "Audit every cell.", "owner": None, "target": "2027-03-31"}]
    response.save_draft(db, REVIEWER, "report-beta", "Kent", "We accept it.", plan, today=date(2026, 10, 5))
    response.record_comments(db, REVIEWER, "report-beta", "Kent", "Accepted.", today=date(2026, 10, 5))
    response.approve(db, KENT_PCC, "report-beta", "Kent", today=date(2026, 10, 6))
    response.publish(db, KENT_PCC, "report-beta", "Kent", date(2026, 10, 7), "https://pcc.example/beta",
                     today=date(2026, 10, 7))
    files = prepare(open_reader(db), "Kent", AS_OF).files
    text = every_text(files)
    assert JUNIOR not in text
    planned = "Planned action in the commissioner's published response: Audit every cell. Target: 31 Mar 2027."
    assert planned.replace("'", "&#39;") in files["recommendations/201-kent.html"].decode("utf-8")
    assert planned in files["data/recommendations.json"].decode("utf-8")
    assert "Head of Custody" in files["recommendations/201-kent.html"].decode("utf-8")
    out = tmp_path / "response.docx"
    assert main(["--db", str(db), "response", "document", "--as", "pcc@kent.example", "--report", "report-beta",
                 "--force", "Kent", "--format", "docx", "-o", str(out)]) == 0
    cells = [c.text for r in Document(str(out)).tables[0].rows for c in r.cells]
    assert "Head of Custody" in cells and not any(JUNIOR in c for c in cells)


def test_open_data_is_what_the_pages_show(built):
    rows = list(csv.DictReader(io.StringIO(built.files["data/recommendations.csv"].decode("utf-8"))))
    assert [(r["reference"], r["status"], r["owner"], r["withheld"]) for r in rows] == [
        ("101", "Being progressed", "Not published", ""), ("102", "", "", "[details withheld: Operationally sensitive]"),
        ("201", "Pending sign-off", "Head of Custody", "")]
    assert rows[2]["recommendation"].startswith("'=HYPERLINK(")  # inert in a spreadsheet
    document = json.loads(built.files["data/recommendations.json"])
    assert document["as_of"] == "2026-11-30" and "Open Government Licence v3.0" in document["licence"]
    assert document["recommendations"][2]["updates"] == [
        {"on": "2026-10-02", "status": None, "text": "Checks now run every shift."},
        {"on": "2026-10-03", "status": "Pending sign-off",
         "text": "The force accepts that this is complete; it is pending the inspectorate's sign-off."}]


def test_the_counts_equal_the_dashboards(site_db, built):
    con = open_reader(site_db)
    head = queries.run(con, "headline", **Filters(as_of=AS_OF, forces=("Kent",)).params())
    assert {k: built.site.headline[k] for k in ("total", "open", "complete", "overdue")} == {
        k: int(head[k]) for k in ("total", "open", "complete", "overdue")}
    assert built.site.headline["total"] == 3 and built.site.headline["open"] == 3
    page = built.files["index.html"].decode("utf-8")
    assert re.search(r"Recommendations</dt><dd class=\"govuk-summary-list__value\">3<", page)
    assert "Data as of 30 November 2026." in page


def test_two_builds_are_byte_identical(site_db, built, tmp_path):
    again = prepare(open_reader(site_db), "Kent", AS_OF)
    assert again.files == built.files and again.digest == built.digest
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o",
                 str(tmp_path / "a")]) == 0
    on_disk = {p.relative_to(tmp_path / "a").as_posix(): p.read_bytes() for p in (tmp_path / "a").rglob("*")
               if p.is_file()}
    assert on_disk == built.files


def test_every_internal_link_resolves_and_nothing_is_loaded_from_elsewhere(built):
    for path, content in built.files.items():
        if not path.endswith(".html"):
            continue
        page = content.decode("utf-8")
        assert "<script" not in page  # no JavaScript, and no data turned into markup
        for ref in re.findall(r'(?:href|src)="([^"]*)"', page):
            if ref.startswith(("https://www.nationalarchives.gov.uk/", "#")):
                continue  # the licence, a link out (nothing is loaded from it)
            assert not re.match(r"[a-z]+:", ref), f"{path}: {ref}"
            target = (Path(path).parent / ref.split("#")[0]).as_posix()
            target = re.sub(r"[^/]+/\.\./", "", target)
            assert target in built.files, f"{path} links to {ref}, which is not in the site"
    assert b"url(/" not in styles() and b"GDS Transport" not in styles()


def test_the_styles_come_with_the_code_beside_their_licence():
    """The README's first command (pip alone, no npm) gives the public site: GOV.UK Frontend's compiled styles are
    kept in the package, unchanged, beside their MIT licence."""
    from tracker import ROOT
    from tracker.publish.build import GOVUK_CSS

    assert GOVUK_CSS.is_file() and GOVUK_CSS.is_relative_to(ROOT / "tracker") and "node_modules" not in GOVUK_CSS.parts
    assert '--govuk-frontend-version:"6.6.0"' in GOVUK_CSS.read_text(encoding="utf-8")
    licence = (GOVUK_CSS.parent / "LICENSE.txt").read_text(encoding="utf-8")
    assert "govuk-frontend@6.6.0" in licence and "Crown Copyright (Government Digital Service)" in licence
    assert "The MIT License (MIT)" in licence


def test_a_withholding_holds_for_a_site_built_as_of_an_earlier_date(site_db):
    """Security finding 6: 102 was withheld on 4 October; a site built after that as of 1 October (before it) shows
    102 by its reason alone, as every later build does."""
    earlier = prepare(open_reader(site_db), "Kent", date(2026, 10, 1))
    assert WITHHELD not in every_text(earlier.files)
    item = next(i for i in earlier.site.items if i.key == "102-kent")
    assert (item.withheld, item.text, item.updates) == ("Operationally sensitive", "", ())


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_into_an_earlier_builds_folder_leaves_exactly_itself(built, tmp_path):
    """Security finding 7: a page of an earlier build (here a retracted item's, with its text) is gone once the next
    build is written into the same folder, and nothing but the site is left beside it."""
    from tracker.publish.build import write_site

    out = tmp_path / "site"
    write_site(built.files, out)
    (out / "recommendations" / "retracted-item.html").write_text("RETRACTEDMARK", encoding="utf-8")
    write_site(built.files, out)
    assert files_under(out) == built.files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_web_root_with_other_content_is_never_replaced(built, tmp_path):
    """A folder holding a home page beside anything a build does not write (a repository, a CNAME) is refused whole,
    and left as it was; the leftovers of a swap that stopped part way go with the next build."""
    from tracker.publish.build import PublishError, write_site

    root = tmp_path / "www"
    (root / ".git").mkdir(parents=True)
    (root / "index.html").write_text("theirs", encoding="utf-8")
    (root / "CNAME").write_text("pcc.example", encoding="utf-8")
    with pytest.raises(PublishError, match="holds other files"):
        write_site(built.files, root)
    assert sorted(p.name for p in root.iterdir()) == [".git", "CNAME", "index.html"]
    out = tmp_path / "site"
    write_site(built.files, out)
    stranded = tmp_path / ".site.abc123.earlier"
    shutil.copytree(out, stranded)
    write_site(built.files, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "www"]


def test_a_build_writes_through_no_link_planted_in_its_folder(built, tmp_path):
    """Security finding 11: links planted in an earlier build's folder, to a file and to a folder outside it, are
    replaced, not written through; the folder itself as a link is refused."""
    from tracker.publish.build import PublishError, write_site

    out, outside, elsewhere = tmp_path / "site", tmp_path / "outside.txt", tmp_path / "elsewhere"
    write_site(built.files, out)
    outside.write_text("untouched", encoding="utf-8")
    elsewhere.mkdir()
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(outside)
    shutil.rmtree(out / "data")
    (out / "data").symlink_to(elsewhere, target_is_directory=True)
    write_site(built.files, out)
    assert outside.read_text(encoding="utf-8") == "untouched" and list(elsewhere.iterdir()) == []
    assert files_under(out) == built.files and not any(p.is_symlink() for p in out.rglob("*"))
    link = tmp_path / "link"
    link.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(PublishError, match=f"^{re.escape(str(link))} is a link; give the site's folder itself$"):
        write_site(built.files, link)
    assert list(elsewhere.iterdir()) == []


def test_a_site_under_a_file_is_refused_with_a_message(site_db, tmp_path, capsys):
    """Security finding 12: `publish -o <file>/sub` says why in one line, with no traceback."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "sub"
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: the site's folder cannot be made there (") and "Traceback" not in err
    assert err.count("\n") == 1


def test_hostile_text_stays_literal(tmp_path):
    lines = ["id,force,report,published_on,owner,text"]
    lines += [f'{900 + i},Kent,"Corpus {i}",2023-01-01,"x","{h.replace(chr(34), chr(34) * 2)}"'
              for i, h in enumerate(HOSTILE)]
    (tmp_path / "hostile.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "db"
    ingest([str(tmp_path / "hostile.csv")], db)
    files = build(site_content(open_reader(db), "Kent", AS_OF))
    text = every_text({p: c for p, c in files.items() if p.endswith(".html")})  # the data files hold text as it is
    assert "<script" not in text and "<b>" not in text and '<a href="http://evil' not in text
    assert "&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;" in text
    assert "[Sign in again](http://evil.example/login)" in text and "**URGENT** and _quiet_" in text
    assert "<b>Bold</b><script>" in files["data/recommendations.csv"].decode("utf-8")


def test_publication_is_confirmed_and_in_the_trail(site_db, tmp_path, capsys):
    assert publish_refusal(ESSEX_PCC, "Kent") == "only Kent's commissioner or an administrator can publish its site"
    assert publish_refusal(KENT_PCC, "Kent") is None and publish_refusal(LEAD, "Kent") is not None
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o",
                 str(tmp_path / "site"), "--as", "pcc@essex.example", "--yes"]) == 1
    assert "only Kent's commissioner" in capsys.readouterr().err
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o",
                 str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert "Changes (the first publication: every item is new): 3" in out and "Not published" in out
    # A preview records nothing.
    assert queries.run(open_reader(site_db), "last_publication", force="Kent", **Filters(as_of=AS_OF).params()) is None
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o",
                 str(tmp_path / "site"), "--as", "pcc@kent.example", "--yes"]) == 0
    assert "Published: publication #1 of Kent's site." in capsys.readouterr().out
    con = open_reader(site_db)
    last = queries.run(con, "last_publication", force="Kent", **Filters(as_of=AS_OF).params())
    assert queries.run(con, "last_publication", force="Kent", **Filters(as_of=AS_OF, scope=("Essex",)).params()) is None
    assert (last["publication_id"], last["actor"], last["files"]) == (1, "pcc@kent.example", len(list(
        p for p in (tmp_path / "site").rglob("*") if p.is_file())))
    trail = con.cursor().execute("SELECT actor, role, action, entity FROM audit WHERE action = 'publish site'").fetchall()
    assert trail == [("pcc@kent.example", "commissioner", "publish site", "Kent")]
    # Released, the item shows again: the next publication's diff says so, and nothing else.
    actions.withhold(site_db, REVIEWER, "102-kent", None, release=True, today=date(2026, 11, 1))
    assert main(["--db", str(site_db), "publish", "--force", "Kent", "--as-of", "2026-11-30", "-o",
                 str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert "Changes since publication #1 (as of 2026-11-30, by pcc@kent.example): 1" in out
    assert "released  Recommendation 102 of Report Alpha" in out
    actions.withhold(site_db, REVIEWER, "102-kent", "Operationally sensitive", today=date(2026, 11, 2))


def test_withholding_is_a_reviewers_and_needs_a_reason(site_db):
    with pytest.raises(actions.WorkflowError, match="only a reviewer"):
        actions.withhold(site_db, LEAD, "201-kent", "Because")
    with pytest.raises(actions.WorkflowError, match="say why"):
        actions.withhold(site_db, REVIEWER, "201-kent", "  ")


def test_axe_finds_nothing_on_any_page(built, browser, tmp_path):
    from tests.browser_help import AXE_TAGS
    from tracker.publish.build import write_site

    write_site(built.files, tmp_path / "site")
    page = browser.new_page()
    try:
        for path in sorted(p for p in built.files if p.endswith(".html")):
            page.goto((tmp_path / "site" / path).as_uri())
            page.wait_for_load_state("load")
            from axe_playwright_python.sync_playwright import Axe

            found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
            assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in found] == [], path
    finally:
        page.close()


def test_the_page_publishes_the_commissioners_own_force(demo_db, tmp_path, monkeypatch):
    """On the demo, as Kent's commissioner: the site as of the sidebar's date with every Kent item, Publish only once
    the changes are confirmed, and once published the site offered as a zip of exactly the built files."""
    import zipfile

    import pg
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "demo"
    pg.clone(demo_db, db)
    con = open_reader(db)
    pcc = con.cursor().execute("SELECT person_id, email FROM current_people WHERE force = 'Kent' AND "
                               "list_contains(roles, 'commissioner')").fetchall()
    assert len(pcc) == 1
    kent = queries.run(con, "headline", **Filters(as_of=date(2026, 11, 28), forces=("Kent",)).params())["total"]
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=120)
    at.query_params["as_of"] = "2026-11-28"
    # Viewing as Kent's commissioner (the demo's picker, as the browser tests choose in it).
    from tracker.people.access import Reader

    commissioner = Person(int(pcc[0][0]), pcc[0][1], "Commissioner", "Kent", ("commissioner",))
    monkeypatch.setattr("tracker.app.identity.viewing_as", lambda: Reader(commissioner, "demo: viewing as"))
    at.run()
    at.switch_page("pages/publish.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert {m.label: m.value for m in at.metric}["Recommendations"] == f"{int(kent):,}"
    publish = next(b for b in at.button if b.label == "Publish")
    assert publish.disabled  # not before the changes are confirmed
    next(c for c in at.checkbox if c.label.startswith("I have checked the changes")).check().run()
    assert not at.button(key="publish-go").disabled
    # What the button records is the command line's record() (test_publication_is_confirmed_and_in_the_trail); once
    # recorded, the page offers the site as a zip.
    from tracker.app.publish import DONE

    at.session_state[DONE] = prepare(open_reader(db), "Kent", date(2026, 11, 28), ("Kent",)).digest
    at.run()
    assert [d.proto.label for d in at.get("download_button")] == ["Download the site (zip)"]
    expected = prepare(open_reader(db), "Kent", date(2026, 11, 28), ("Kent",))
    from tracker.app.publish import site_zip

    with zipfile.ZipFile(io.BytesIO(site_zip(expected.files, date(2026, 11, 28)))) as zf:
        assert {n.removeprefix("site/"): zf.read(n) for n in zf.namelist()} == expected.files
