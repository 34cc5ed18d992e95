"""The published response as a document: DOCX (python-docx, for the office to brand) and PDF, in the usual order: the
report's title and date, the commissioner's comments, the chief constable's comments, a table of every recommendation.
Every value from the data is written as plain text: no field codes, formulas or markup."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from tracker.core.display import fmt_date, missing
from tracker.core.filters import Filters
from tracker.core.responses import STAGE_NAMES
from tracker.pack.content import Table, clip
from tracker.pack.pdf import PackPDF
from tracker.publish.content import owner_label
from tracker.response.rules import DAYS, due_text
from tracker.workflow.events import WorkflowError

COLUMNS = ("Id", "Recommendation", "Response: what will be done", "Owner", "Target")


def text(value) -> str:
    """A value from the data as text ('' for missing)."""
    return "" if missing(value) else str(value)


def rows_of(plan: pd.DataFrame) -> list[tuple[str, ...]]:
    """The table's rows: one a recommendation, in id order."""
    return [(str(int(r.id)), text(r.text), text(r.action) or "No action planned yet.",
             owner_label(r.owner, r.owner_title, bool(r.owner_public)),
             fmt_date(r.target) if not missing(r.target) else "") for r in plan.itertuples(index=False)]


def standing_line(detail: dict, as_of: date) -> str:
    """Which version this is and where it stands: draft, approved by whom, or published where."""
    stage = detail["stage"]
    line = f"Version {int(detail['version'])}: {STAGE_NAMES[stage].lower()}"
    if stage in ("approved", "published") and not missing(detail.get("approved_by")):
        line += f" (approved by {detail['approved_by']} on {fmt_date(detail['approved_at'])})"
    if not missing(detail.get("first_published")):
        line += f"; first published {fmt_date(detail['first_published'])} at {text(detail['address'])}"
    return line + f". Deadline {fmt_date(detail['deadline'])}: " + due_text(
        None if missing(detail["published_on"]) else pd.Timestamp(detail["published_on"]).date(), as_of, stage,
        None if missing(detail["first_published"]) else pd.Timestamp(detail["first_published"]).date()) + "."


def chief_text(detail: dict) -> str:
    """The chief constable's comments, or where they are (a file), or that none are recorded."""
    comments = text(detail.get("chief_comments"))
    if not missing(detail.get("chief_file")):
        named = f"evidence file #{int(detail['chief_file'])} ({text(detail.get('chief_file_name'))})"
        comments = (comments + "\n\n" if comments else "") + f"Also attached as {named}."
    return comments or "Not yet received."


def response_docx(detail: dict, plan: pd.DataFrame, as_of: date, demo: bool = False) -> bytes:
    """The response as an editable Word document."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = clip(f"Response to {detail['report_title']}", 250)
    doc.core_properties.author = "Recommendation Tracker"
    if demo:
        doc.add_paragraph().add_run("DEMO DATA: illustrative, not any force's real position.").bold = True
    doc.add_heading(f"{detail['force']}: response to the inspection report", level=1)
    doc.add_paragraph(text(detail["report_title"])).runs[0].bold = True
    doc.add_paragraph(f"Report published {fmt_date(detail['published_on'])}.")
    doc.add_paragraph(standing_line(detail, as_of))
    doc.add_heading("The commissioner's comments", level=2)
    for part in (text(detail.get("overall")) or "None yet.").split("\n"):
        doc.add_paragraph(part)
    doc.add_heading("The chief constable's comments", level=2)
    for part in chief_text(detail).split("\n"):
        doc.add_paragraph(part)
    doc.add_heading("Each recommendation", level=2)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for row in rows_of(plan):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value  # a cell's text is a run of plain text: nothing in it is a field or a formula
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def response_pdf(detail: dict, plan: pd.DataFrame, as_of: date, demo: bool = False) -> bytes:
    """The response as a PDF with the same parts and rows."""
    pdf = PackPDF(f"{detail['force']} · response to {clip(detail['report_title'], 80)}", demo)
    pdf.set_title(clip(f"Response to {detail['report_title']}", 250))
    pdf.add_page()
    pdf.heading(f"{detail['force']}: response to the inspection report", 20)
    pdf.para(text(detail["report_title"]), 13)
    pdf.para(f"Report published {fmt_date(detail['published_on'])}.", 10)
    pdf.para(standing_line(detail, as_of), 10)
    pdf.ln(3)
    pdf.heading("The commissioner's comments", 14)
    pdf.para(text(detail.get("overall")) or "None yet.", 10)
    pdf.ln(2)
    pdf.heading("The chief constable's comments", 14)
    pdf.para(chief_text(detail), 10)
    pdf.add_page()
    pdf.table_of(Table("Each recommendation", COLUMNS, [tuple(clip(v, 1500) for v in row) for row in rows_of(plan)],
                       (6, 60, 60, 20, 12)))
    return bytes(pdf.output())


def document_bytes(db, filters: Filters, report: str, force: str, fmt: str, demo: bool = False) -> bytes:
    """The response's document in the reader's scope, or WorkflowError when they may not see it."""
    from tracker.store import queries
    from tracker.store.database import open_reader

    con = open_reader(db)
    detail = queries.run(con, "response_detail", **filters.params(), days=DAYS, report=report, force=force)
    if detail is None:
        raise WorkflowError(f"no response of {force} to this report that you may see")
    plan = queries.run(con, "response_plan", **filters.params(), days=DAYS, report=report, force=force)
    build = response_docx if fmt == "docx" else response_pdf
    return build(detail, plan, filters.as_of, demo)
