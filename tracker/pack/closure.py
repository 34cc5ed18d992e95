"""The closure pack a force sends with its request: one PDF (the recommendation and its report, the whole dated
history, who accepted what and when, the evidence list with each file's SHA-256), and a zip of it with the files."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from tracker.core.display import fmt_date
from tracker.core.filters import Filters
from tracker.core.statuses import label
from tracker.evidence.checks import EvidenceError
from tracker.evidence.reading import content_of
from tracker.pack.content import Table, clip, day
from tracker.pack.pdf import MUTED, PackPDF
from tracker.store import queries
from tracker.store.database import open_reader


def closure_pack(db, filters: Filters, seq: int, demo: bool = False) -> tuple[bytes, bytes]:
    """(the PDF, the zip of the PDF and the evidence files) for closure request `seq`, if the reader's scope (the
    filters) holds its recommendation; EvidenceError otherwise, as for a request that does not exist."""
    con = open_reader(db)
    request = queries.run(con, "closure_detail", **filters.params(), seq=int(seq))
    if request is None:
        raise EvidenceError(f"closure request {int(seq)}: no such request among the recommendations you may see")
    sent = {int(n) for n in (request["files"] if request["files"] is not None else [])}
    files = queries.run(con, "item_evidence", **filters.params(), key=request["key"])
    files = files[files["file_id"].isin(sent)].sort_values("file_id")
    history = queries.run(con, "recommendation_history", **filters.params(), key=request["key"])
    submissions = queries.run(con, "item_submissions", **filters.params(), key=request["key"])
    pdf = closure_pdf(request, history, submissions, files, demo)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"closure-request-{int(seq)}.pdf", pdf)
        for row in files.itertuples(index=False):
            found = {"sha256": row.sha256}
            zf.writestr(f"evidence/{int(row.file_id)}-{row.name}", content_of(db, found, int(row.file_id)))
    return pdf, out.getvalue()


def closure_pdf(request: dict, history: pd.DataFrame, submissions: pd.DataFrame, files: pd.DataFrame,
                demo: bool) -> bytes:
    """The closure request as a PDF (every value from the data printed as text)."""
    pdf = PackPDF(f"Closure request #{int(request['seq'])} · {request['key']} · requested "
                  f"{fmt_date(request['requested_on'])}", demo)
    pdf.set_title(f"Closure request {int(request['seq'])}")
    pdf.add_page()
    pdf.heading(f"Closure request #{int(request['seq'])}: recommendation {int(request['id'])} ({request['force']})", 20)
    pdf.para(f"{request['report_title']} · published {fmt_date(request['report_published_on'])}", 12, MUTED)
    pdf.ln(2)
    pdf.para(str(request["text"]), 11)
    pdf.ln(3)
    facts = [("Status now", label(request["status"])),
             ("Original target", fmt_date(request["target_original"])),
             ("Current target", fmt_date(request["target_current"])),
             ("Requested", f"{fmt_date(request['requested_on'])} by {request['requested_by']} ({request['role']})"),
             ("Covering note", request["comment"] or "none"),
             ("Where it stands", request["state"] + (f": {request['decided_as']} {request['decided_by']} on "
                                                     f"{fmt_date(request['decided_on'])}"
                                                     if request["state"] != "waiting" else ""))]
    if isinstance(request["decision_reason"], str):
        facts.append(("Reasons", request["decision_reason"]))
    for name, value in facts:
        pdf.font(10, bold=True)
        pdf.cell(45, 5.5, name)
        pdf.font(10)
        pdf.multi_cell(0, 5.5, pdf.text_of(clip(str(value), 2000)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.table_of(evidence_table(files))
    pdf.add_page()
    pdf.table_of(Table("Who accepted what, and when", ("No.", "Made", "By", "Proposed", "Target", "Comment", "Stands",
                                                       "Decided by", "On"),
                       [(str(int(r.seq)), day(r.made_at), r.actor, label(r.status) if isinstance(r.status, str) else "",
                         day(r.target), clip(r.comment, 300), r.state,
                         r.decided_by if isinstance(r.decided_by, str) else "", day(r.decided_on))  # none yet: waiting
                        for r in submissions.itertuples(index=False)], (7, 12, 22, 14, 12, 50, 11, 22, 12)))
    pdf.add_page()
    pdf.table_of(Table(f"The whole dated history ({len(history):,} entries)", ("Date", "Status", "Text", "From"),
                       [(day(r.on_date), label(r.status) if isinstance(r.status, str) else "", clip(r.text, 1500),
                         clip(r.review if isinstance(r.review, str) else r.source, 200))
                        for r in history.itertuples(index=False)], (12, 16, 90, 40)))
    return bytes(pdf.output())


def evidence_table(files: pd.DataFrame) -> Table:
    """The evidence sent, each file with its SHA-256 (the zip holds the files; the hashes prove them unchanged)."""
    return Table("Evidence sent", ("No.", "File", "Type", "Bytes", "SHA-256", "Attached by", "On"),
                 [(str(int(r.file_id)), r.name, r.media_type.rsplit("/", 1)[-1][:24], f"{int(r.size):,}", r.sha256,
                   r.uploader, day(r.uploaded_at)) for r in files.itertuples(index=False)],
                 (7, 30, 18, 12, 70, 30, 12))

