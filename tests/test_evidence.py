"""Evidence files: checked by content (a renamed program or a fake document is refused, a real PDF and DOCX pass),
stored with their SHA-256 in the system of record, and read back only within the reader's scope, by every route."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
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

ROOT = Path(__file__).parent.parent
TODAY = date(2026, 11, 28)
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MEASURE = """
import json, sys
from pathlib import Path
from tracker.evidence.checks import EvidenceError, check_file

def high_water_kb():
    # This process's own peak (getrusage's ru_maxrss keeps the forking pytest worker's across exec).
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:"))
    return int(line.split()[1])

content = Path(sys.argv[1]).read_bytes()
base = high_water_kb()
try:
    check_file("report.docx", content)
    message = None
except EvidenceError as exc:
    message = str(exc)
print(json.dumps({"message": message, "base_kb": base, "peak_kb": high_water_kb()}))
"""


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


def lying_docx(unpacked_mb: int, compression: int = zipfile.ZIP_DEFLATED, declared: int = 1_500) -> bytes:
    """A DOCX whose [Content_Types].xml declares `declared` bytes in both headers but inflates to `unpacked_mb` MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = compression
        with zf.open(info, "w") as part:
            for _ in range(unpacked_mb):
                part.write(bytes(1024 * 1024))
        zf.writestr("word/document.xml", "<w:document/>")
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        local, central = zf.getinfo("[Content_Types].xml").header_offset, zf.start_dir  # the first part of both
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, local + 22, declared)
    struct.pack_into("<I", data, central + 24, declared)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        assert zf.getinfo("[Content_Types].xml").file_size == declared
    return bytes(data)


def padded_docx(padding_mb: int) -> bytes:
    """A real DOCX whose [Content_Types].xml is honestly `padding_mb` MB, mostly spaces before its closing tag."""
    content = docx_bytes()
    types = part_of(content, "[Content_Types].xml")
    at = types.rindex(b"</Types>")
    return rezipped(content, {"[Content_Types].xml": types[:at] + b" " * (padding_mb * 1024 * 1024) + types[at:]})


def xlsx_bytes() -> bytes:
    """A real Excel workbook."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Actions agreed"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezipped(content: bytes, changes: dict[str, bytes]) -> bytes:
    """The Office file with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in changes:
                new.writestr(info.filename, old.read(info))
        for name, body in changes.items():
            new.writestr(name, body)
    return out.getvalue()


def part_of(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return zf.read(name)


def relationships(*rels: tuple[str, str, str]) -> bytes:
    """A .rels part of (type, target, mode) relationships."""
    body = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"'
                   + (f' TargetMode="{mode}"' if mode else "") + "/>" for n, (kind, target, mode) in enumerate(rels, 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{body}</Relationships>').encode()


def with_vba(content: bytes, folder: str) -> bytes:
    """The Office file with a VBA project added, as Word or Excel saves one."""
    types = part_of(content, "[Content_Types].xml").replace(
        b"<Default Extension=\"rels\"",
        b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default Extension=\"rels\"")
    main = "document" if folder == "word" else "workbook"
    rels = part_of(content, f"{folder}/_rels/{main}.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
                             b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    return rezipped(content, {"[Content_Types].xml": types, f"{folder}/_rels/{main}.xml.rels": rels,
                              f"{folder}/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(500)})


def macro_enabled_docx() -> bytes:
    """A DOCX whose main part is typed as macro-enabled (a .docm renamed), with no VBA part in it."""
    types = part_of(docx_bytes(), "[Content_Types].xml").replace(
        b"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"vnd.ms-word.document.macroEnabled.main+xml")
    return rezipped(docx_bytes(), {"[Content_Types].xml": types})


def with_macro_sheet(content: bytes) -> bytes:
    """The workbook with an Excel 4.0 macro sheet added, as Excel saves one (no VBA)."""
    types = part_of(content, "[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/xl/macrosheets/sheet2.xml" '
                     b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>')
    return rezipped(content, {"[Content_Types].xml": types, "xl/macrosheets/sheet2.xml": b"<xm:macrosheet/>"})


def remote_docx(part: str, kind: str, target: str) -> bytes:
    """A DOCX with one relationship in `part` of type `kind` to the external `target`."""
    return rezipped(docx_bytes(), {part: relationships((f"{RELS}/{kind}", target, "External"))})


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


# bzip2 (and LZMA) unpack a whole read at once: a few hundred bytes of bzip2 are the 200 MB, however small the read.
@pytest.mark.parametrize(("unpacked_mb", "compression"), [(300, zipfile.ZIP_DEFLATED), (200, zipfile.ZIP_BZIP2)],
                         ids=["deflate", "bzip2"])
def test_a_docx_part_that_inflates_far_past_its_declared_size_is_refused_in_bounded_memory(tmp_path, unpacked_mb,
                                                                                            compression):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(lying_docx(unpacked_mb, compression))
    done = subprocess.run([sys.executable, "-c", MEASURE, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["message"] == ("report.docx: a zip file that is not a real Word or Excel document is not "
                                   "accepted; attach a PDF, DOCX, XLSX, PNG or JPEG file")
    assert (measured["peak_kb"] - measured["base_kb"]) / 1024 < 40  # twice the part if it is read whole


def test_a_part_read_to_judge_a_docx_is_capped_by_what_it_unpacks_to_not_what_it_declares():
    with pytest.raises(EvidenceError, match=r"^big\.docx: a zip file that is not a real Word or Excel document"):
        check_file("big.docx", padded_docx(11))


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.docx", with_vba(docx_bytes(), "word"), ("report.docx: it holds macros (a VBA project), which are not "
                                                    "accepted; save it as a plain .docx without macros")),
    ("report.docx", macro_enabled_docx(), "report.docx: it holds macros (a VBA project)"),
    ("actions.xlsx", with_vba(xlsx_bytes(), "xl"), ("actions.xlsx: it holds macros (a VBA project), which are not "
                                                   "accepted; save it as a plain .xlsx without macros")),
    ("actions.xlsx", with_macro_sheet(xlsx_bytes()), "actions.xlsx: it holds macros (an Excel 4.0 macro sheet)"),
], ids=["docx-vba-project", "docm-renamed", "xlsx-vba-project", "xlsx-macro-sheet"])
def test_an_office_file_holding_macros_is_refused_saying_why(name, content, message):
    with pytest.raises(EvidenceError) as err:
        check_file(name, content)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("content", "message"), [
    (remote_docx("word/_rels/settings.xml.rels", "attachedTemplate", "http://198.51.100.7/templates/t.dotm"),
     ("report.docx: it loads a template from another address (http://198.51.100.7/templates/t.dotm), which is not "
     "accepted; save it without the template")),
    (remote_docx("word/_rels/document.xml.rels", "oleObject", "\\\\198.51.100.7\\share\\sheet.xlsx"),
     ("report.docx: it loads a linked object from another address (\\\\198.51.100.7\\share\\sheet.xlsx), which is "
     "not accepted; save it without the linked object")),
    (remote_docx("word/_rels/document.xml.rels", "subDocument", "https://example.org/part.docx"),
     "report.docx: it loads a sub-document from another address (https://example.org/part.docx)"),
    (remote_docx("word/_rels/webSettings.xml.rels", "frame", "https://example.org/frame.htm"),
     "report.docx: it loads a frame from another address (https://example.org/frame.htm)"),
    (remote_docx("word/_rels/settings.xml.rels", "attachedTemplate", "https://example.org/" + "a" * 200 + "\n.dotm"),
     "report.docx: it loads a template from another address (https://example.org/" + "a" * 80 + "…), which"),
], ids=["template", "linked-object", "sub-document", "frame", "long-address"])
def test_a_docx_loading_a_part_from_another_address_is_refused_saying_why(content, message):
    with pytest.raises(EvidenceError) as err:
        check_file("report.docx", content)
    assert str(err.value).startswith(message)


def test_a_plain_docx_with_a_link_and_a_plain_xlsx_still_pass():
    document = docx.Document()
    document.add_paragraph("See the board's minutes online.")
    document.part.relate_to("https://example.org/minutes", f"{RELS}/hyperlink", is_external=True)
    out = io.BytesIO()
    document.save(out)
    assert b"TargetMode=\"External\"" in part_of(out.getvalue(), "word/_rels/document.xml.rels")
    assert check_file("minutes.docx", out.getvalue()).media_type == WORD
    assert check_file("actions.xlsx", xlsx_bytes()).media_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


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
    assert "with evidence file #1 (minutes.docx)" in capsys.readouterr().out
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
