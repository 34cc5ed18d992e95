"""Evidence files: checked by content (a renamed program or a fake document is refused, a real PDF and DOCX pass),
stored with their SHA-256 in the system of record, and read back only within the reader's scope, by every route."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import psycopg
import pytest
from fpdf import FPDF

from tests.workflow_people import ADMIN, DIRECTORY, ESSEX_LEAD, LEAD, VIEWER
from tracker.cli import main
from tracker.core.filters import Filters
from tracker.evidence.checks import MAX_BYTES, EvidenceError, check_file, clean_file_name
from tracker.evidence.reading import evidence_file
from tracker.ingest.people import import_people
from tracker.people.access import scope_of
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.store.server import locate
from tracker.workflow.actions import submit

TODAY = date(2026, 11, 28)


def pdf_bytes(text: str = "Evidence of the force's new protocol.") -> bytes:
    """A real one-page PDF."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def docx_bytes(text: str = "Minutes of the Strategic Domestic Abuse Board.") -> bytes:
    """A real Word document."""
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_named_docx() -> bytes:
    """A zip holding a text file: what a .docx that is not a document is."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "not a document")
    return out.getvalue()


def bomb_docx() -> bytes:
    """A zip claiming its parts unpack to far more than any document (a zip bomb): refused before it is read."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        zf.writestr("word/document.xml", b"\x00" * (210 * 1024 * 1024))
    return out.getvalue()


# --- Checked by content ---------------------------------------------------------------------------------------------

def test_a_real_pdf_and_docx_are_accepted_with_their_type_from_content():
    pdf, word = pdf_bytes(), docx_bytes()
    checked = check_file("protocol.pdf", pdf)
    assert (checked.media_type, checked.size, checked.sha256) == ("application/pdf", len(pdf),
                                                                   hashlib.sha256(pdf).hexdigest())
    assert check_file("Board minutes.DOCX", word).media_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert check_file("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20).media_type == "image/png"
    assert check_file("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20).media_type == "image/jpeg"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, ("report.pdf: by its content, a Windows program, is not accepted; "
                                                   "attach a PDF, DOCX, XLSX, PNG or JPEG file")),
    ("minutes.docx", zip_named_docx(), ("minutes.docx: a zip file that is not a real Word or Excel document is not "
                                        "accepted")),
    ("big.docx", bomb_docx(), "big.docx: a zip file that is not a real Word or Excel document"),
    ("run.sh.pdf", b"#!/bin/sh\nrm -rf /\n", "by its content, a script, is not accepted"),
    ("page.pdf", b"<html><script>alert(1)</script></html>", "a web page or XML file"),
    ("protocol.docx", pdf_bytes(), ("protocol.docx: by its content this is a PDF, which its name does not say; "
                                    "rename it to end with .pdf")),
    ("cut.pdf", pdf_bytes()[:200], "cut.pdf: a PDF that is cut short"),
    ("empty.pdf", b"", "empty.pdf: the file is empty"),
    ("huge.pdf", b"%PDF-" + b"0" * MAX_BYTES + b"%%EOF", "huge.pdf: 20.0 MB is over the 20 MB limit"),
])
def test_files_that_are_not_what_they_say_are_refused_naming_them(name, content, message):
    with pytest.raises(EvidenceError) as err:
        check_file(name, content)
    assert message in str(err.value)


def test_a_file_name_is_kept_as_text_never_as_a_path():
    assert clean_file_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert clean_file_name("C:\\Users\\x\\minutes\x07.docx") == "minutes.docx"


# --- Stored, and read back in scope -----------------------------------------------------------------------------------

@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def test_a_submission_keeps_its_files_with_their_hashes_and_the_database_refuses_to_change_them(db):
    pdf, word = pdf_bytes(), docx_bytes()
    seq = submit(db, LEAD, "2-kent", "Protocol published.", status="complete", today=TODAY,
                 files=[("protocol.pdf", pdf), ("minutes.docx", word)])
    con = open_reader(db)
    listed = queries.run(con, "item_evidence", **Filters(as_of=TODAY).params(), key="2-kent")
    assert listed[["file_id", "name", "size", "sha256", "uploader", "role", "submission"]].values.tolist() == [
        [2, "minutes.docx", len(word), hashlib.sha256(word).hexdigest(), LEAD.email, "lead", seq],
        [1, "protocol.pdf", len(pdf), hashlib.sha256(pdf).hexdigest(), LEAD.email, "lead", seq]]
    kent = Filters(as_of=TODAY, scope=scope_of(LEAD))
    found, content = evidence_file(db, kent, 1)
    assert (found["name"], content) == ("protocol.pdf", pdf)
    with psycopg.connect(locate(db).app_url, autocommit=True) as pg:
        for statement in ("UPDATE evidence_content SET content = ''::bytea", "DELETE FROM evidence_content",
                          "UPDATE evidence SET name = 'x'", "DELETE FROM evidence"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                pg.execute(statement)


def test_a_refused_file_leaves_nothing_written(db):
    import pg

    before = pg.fingerprint(db)
    with pytest.raises(EvidenceError, match=r"setup\.pdf"):
        submit(db, LEAD, "2-kent", "With a program.", today=TODAY,
               files=[("ok.pdf", pdf_bytes()), ("setup.pdf", b"MZ" + b"\x00" * 64)])
    assert pg.fingerprint(db) == before


def test_a_kent_lead_cannot_read_an_essex_items_evidence_by_any_route(db, tmp_path, capsys):
    submit(db, ESSEX_LEAD, "3-essex", "Essex evidence.", today=TODAY, files=[("essex.pdf", pdf_bytes("Essex only"))])
    kent = Filters(as_of=TODAY, scope=scope_of(LEAD))
    # The list of an item's evidence, through the query every page uses: nothing for an item out of scope.
    assert queries.run(open_reader(db), "item_evidence", **kent.params(), key="3-essex").empty
    # The file itself, by its number: refused exactly as a number that does not exist.
    with pytest.raises(EvidenceError) as out_of_scope:
        evidence_file(db, kent, 1)
    with pytest.raises(EvidenceError) as missing:
        evidence_file(db, kent, 999)
    assert str(out_of_scope.value).replace("1:", "N:") == str(missing.value).replace("999:", "N:")
    # The command line, as the Kent lead: refused, nothing written.
    out = tmp_path / "got.pdf"
    assert main(["--db", str(db), "evidence", "get", "--as", LEAD.email, "--id", "1", "-o", str(out)]) == 1
    assert "no such file among the recommendations you may see" in capsys.readouterr().err
    assert not out.exists()
    # A Kent viewer likewise; the Essex lead and a national admin may.
    with pytest.raises(EvidenceError):
        evidence_file(db, Filters(as_of=TODAY, scope=scope_of(VIEWER)), 1)
    assert main(["--db", str(db), "evidence", "get", "--as", ESSEX_LEAD.email, "--id", "1", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert evidence_file(db, Filters(as_of=TODAY, scope=scope_of(ADMIN)), 1)[1] == out.read_bytes()


def test_the_command_line_attaches_files_and_refuses_a_renamed_program(db, tmp_path, capsys):
    good, bad = tmp_path / "minutes.docx", tmp_path / "minutes2.docx"
    good.write_bytes(docx_bytes())
    bad.write_bytes(b"MZ" + b"\x00" * 64)
    assert main(["--db", str(db), "submit", "--as", LEAD.email, "--id", "2-kent", "--comment", "Minutes attached.",
                 "--evidence-file", str(good)]) == 0
    assert "with 1 evidence file(s)" in capsys.readouterr().out
    assert main(["--db", str(db), "submit", "--as", LEAD.email, "--id", "2-kent", "--comment", "Again.",
                 "--evidence-file", str(bad)]) == 1
    assert "minutes2.docx: by its content, a Windows program, is not accepted" in capsys.readouterr().err
    con = open_reader(db)
    assert con.execute("SELECT name, media_type FROM evidence").fetchall() == [
        ("minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]


def test_the_same_content_twice_is_held_once(db):
    pdf = pdf_bytes()
    submit(db, LEAD, "2-kent", "First.", today=TODAY, files=[("a.pdf", pdf)])
    submit(db, LEAD, "5-kent", "Second.", today=TODAY, files=[("b.pdf", pdf)])
    with psycopg.connect(locate(db).app_url, autocommit=True) as pg:
        assert pg.execute("SELECT count(*) FROM evidence_content").fetchone()[0] == 1
        assert pg.execute("SELECT count(*) FROM evidence").fetchone()[0] == 2


def test_the_recommendation_page_lists_the_files_as_text_with_a_download_each(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    submit(db, LEAD, "2-kent", "Protocol published.", today=TODAY,
           files=[("**bold** <img src=x onerror=alert(1)>.pdf", pdf_bytes()), ("minutes.docx", docx_bytes())])
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60)
    at.query_params["id"] = "2-kent"
    at.run()
    at.switch_page("pages/recommendation.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert "Evidence files (2)" in [s.value for s in at.main.header]
    frame = next(df.value for df in at.dataframe if "sha256" in df.value.columns)
    assert frame["name"].tolist() == ["minutes.docx", "**bold** <img src=x onerror=alert(1)>.pdf"]  # the name as data, not markup
    buttons = [b for b in at.get("download_button") if "evidence file" in b.proto.label]
    assert [b.proto.label for b in buttons] == ["Download evidence file 2", "Download evidence file 1"]
