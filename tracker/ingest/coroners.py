"""A coroner's report as rows of an import: each matter of concern an item of each police force it is addressed to,
and every addressee recorded with what it was matched to (tracker.core.receivers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.core.receivers import FORCE, OUTSIDE, POLICING_BODY, match_receiver
from tracker.core.sources import answer_by
from tracker.ingest.pfd import PfdReport, looks_like_pfd, parse_pfd, read_pdf_text
from tracker.ingest.references import pfd_id
from tracker.ingest.sources import Source, read_record_text
from tracker.ingest.themes import theme_for
from tracker.store.batch import REC_COLUMNS, rec_key

SOURCE = "pfd"


@dataclass
class ReportRows:
    """What one coroner's report adds: recommendation rows, addressee rows (by report title) and warnings."""

    recs: list[dict] = field(default_factory=list)
    addressees: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_coroners_report(src: Source, given: str | None) -> bool:
    """Whether a file is a coroner's report: a PDF, a text given with --source pfd, or a text that reads as one."""
    if src.is_pdf or given == SOURCE:
        return True
    return src.is_record and given is None and looks_like_pfd(read_record_text(src.path))


def report_title(report: PfdReport) -> str:
    """The title its items are held under: the reference, and the coroner's area and name where given."""
    about = "; ".join(x for x in (report.area, report.coroner and f"coroner {report.coroner}") if x)
    return f"Prevention of future deaths report {report.ref}" + (f" ({about})" if about else "")


def report_rows(src: Source) -> ReportRows:
    """Read one coroner's report (text or PDF) into rows."""
    raw = read_pdf_text(src.path, src.shown) if src.is_pdf else read_record_text(src.path)
    report = parse_pfd(raw, src.shown, src.path)
    title = report_title(report)
    due = answer_by(SOURCE, report.on, report.stated)
    out = ReportRows()
    by_force: dict[str, list[str]] = {}
    for written in report.addressees:
        receiver = match_receiver(written)
        out.addressees.append({"source": SOURCE, "source_ref": report.ref, "report": title, "written": receiver.written,
                               "matched": receiver.matched, "how": receiver.how, "answer_by": due})
        if receiver.how == FORCE:
            by_force.setdefault(receiver.matched, []).append(receiver.written)
        elif receiver.how == POLICING_BODY:
            out.warnings.append(f"{src.shown}: '{receiver.written}' is {receiver.matched}, a policing body and not a "
                                "force: recorded as an addressee, no items made for it")
        elif receiver.how == OUTSIDE:
            out.warnings.append(f"{src.shown}: '{receiver.written}' is outside policing: recorded as an addressee, "
                                "tracked by nobody here")
        else:
            out.warnings.append(f"{src.shown}: addressee '{receiver.written}' names no one force: recorded as "
                                "unmatched, for an analyst to resolve (python -m tracker addressees --unmatched)")
    if not by_force:
        out.warnings.append(f"{src.shown}: report {report.ref} is addressed to no police force: no items made")
    for force, written in by_force.items():
        for concern in report.concerns:
            rec_id = pfd_id(report.ref, concern.number)
            out.recs.append({
                **dict.fromkeys(REC_COLUMNS), "key": rec_key(rec_id, force), "id": rec_id,
                "force": force, "report": title, "kind": "recommendation", "theme": theme_for(title, concern.text),
                "theme_from": "rules", "text": concern.text, "published_on": report.on,
                "owner_extracted": False, "overseer_extracted": False, "board_extracted": False,
                "target_extracted": False, "source": SOURCE, "source_ref": f"{report.ref} concern {concern.number}",
                "addressee": "; ".join(written), "answer_by": report.stated,
            })
    return out
