"""The committee's exception pack: for one board meeting, only what needs the board's attention (what is overdue, what
is off track, the extension requests it is to decide, and what was completed or closed since its previous meeting,
listed at one meeting only), as a PDF or PowerPoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from tracker.analysis.agenda import Query, board_filters, board_meeting, since_for, with_who_agrees
from tracker.core import clock
from tracker.core.boards import Board
from tracker.core.display import DASH, fmt_date, fmt_int, missing
from tracker.core.filters import Filters
from tracker.core.policies import rag_rules
from tracker.core.progress import SILENT, Progress
from tracker.core.rag import rated
from tracker.core.statuses import CLOSED, label
from tracker.pack.content import Table, clip, connection_query, day, rag_cell, scope_text

ROWS = 100  # rows a section lists; a longer list is counted in full and its first rows shown
SLIDE_ROWS = 10  # table rows a slide holds; a longer section continues on the next slide


@dataclass(frozen=True)
class Window:
    """The days whose completions and closures a meeting's pack lists, both included."""

    previous: date | None  # the board's previous recorded meeting
    since: date
    until: date
    to_today: bool  # the meeting is still to come: the window ends today

    @property
    def empty(self) -> bool:
        """Whether no day can be counted yet (the previous meeting is itself still to come)."""
        return self.until < self.since

    def sentence(self) -> str:
        """What the window is, with its dates."""
        end = "today: this meeting is still to come" if self.to_today else "the day before this meeting"
        if self.empty:
            return (f"The board's previous meeting, on {fmt_date(self.since)}, is still to come: nothing is counted as "
                    "completed or closed since it yet.")
        if self.previous is None:
            return (f"No earlier meeting of this board is recorded, so completed and closed items are counted over the "
                    f"quarter before: from {fmt_date(self.since)} to {fmt_date(self.until)} ({end}), both included.")
        return (f"Completed and closed items are counted from {fmt_date(self.since)}, the day of the board's previous "
                f"meeting, to {fmt_date(self.until)} ({end}), both included. What closes on a meeting's own day is "
                "listed at the next meeting, so each item is listed at one meeting only.")


def closing_window(previous: date | None, held_on: date, as_of: date) -> Window:
    """The window of a meeting on `held_on` whose figures hold on `as_of`: it starts where the agenda's 'since the last
    meeting' starts (the previous meeting's own day, or a quarter back) and ends the day before this meeting.

    Unlike the agenda's changes, which include the meeting's day, consecutive windows meet without overlapping, so an
    item closed between two meetings is listed at the second and dropped from the third.
    """
    until = min(as_of, held_on - timedelta(days=1))
    return Window(previous, since_for(previous, as_of), until, to_today=as_of < held_on)


@dataclass(frozen=True)
class Basis:
    """What every section is gathered for."""

    query: Query
    board: Board
    held_on: date
    meeting: dict | None  # the recorded meeting (meeting_id, chair, …), or None
    filters: Filters  # the board's items under the reader's filters and scope, as of the meeting's day
    window: Window


@dataclass(frozen=True)
class Section:
    """One section of the pack: its table (whose title is the section's heading) and how many it holds, in words."""

    table: Table
    count: str


def how_many(n: int, one: str, many: str) -> str:
    """A count in words to begin a sentence: 'No items are', '1 item is', '12 items are'."""
    return f"No {many}" if n == 0 else f"1 {one}" if n == 1 else f"{n:,} {many}"


def listed(shown: int, total: int, order: str, where: str) -> str:
    """How the rows are listed, and where the ones left out are, as a sentence (nothing for no rows)."""
    if total > shown:
        return f" The first {shown:,} are listed, {order}; {where} lists every one."
    return f" They are listed {order}." if total > 1 else ""


def overdue(b: Basis) -> Section:
    """Open items past their current target on the meeting's day, each with its RAG by its force's rule then."""
    total = int(b.query("headline", b.filters)["overdue"] or 0)
    rules = rag_rules(b.query("force_policies", b.filters.only_date()).to_dict("records"))
    rows = rated(b.query("overdue_items", b.filters, sort="days_overdue", limit=ROWS), rules, b.filters.as_of,
                 symbols=False)
    order = "highest priority first, then the longest overdue"
    count = (f"{how_many(total, 'item is', 'items are')} overdue on {fmt_date(b.filters.as_of)}: open, with the "
             "current target passed." + listed(len(rows), total, order, "the Overdue and stale page"))
    return Section(Table(
        "Overdue", ("Item", "RAG", "Force", "Owner", "Priority (1 high)", "Status", "Target", "Days overdue",
                    "Recommendation"),
        [(r.key, rag_cell(r.rating, r.percent), r.force, clip(r.owner, 28) or DASH,
          DASH if missing(r.priority) else str(int(r.priority)), label(r.status), day(r.target_current),
          fmt_int(r.days_overdue), clip(r.text, 90)) for r in rows.itertuples()],
        (0.08, 0.08, 0.09, 0.11, 0.07, 0.1, 0.09, 0.08, 0.3), rules.legend(rows["force"]) if len(rows) else ""), count)


def off_track(b: Basis) -> Section:
    """Open items their lead or a reviewer has marked off track while their target has not yet passed."""
    rows = b.query("off_track_items", b.filters, limit=ROWS + 1)  # one more than shown: whether any were left out
    shown = rows.head(ROWS)
    if len(rows) > ROWS:
        count = (f"More than {ROWS:,} items are off track and not yet overdue. The first {ROWS:,} are listed, soonest "
                 "target first; the Overdue and stale page lists every one.")
    else:
        count = (f"{how_many(len(rows), 'item is', 'items are')} off track and not yet overdue, each marked so by "
                 "its lead or a reviewer with why and a revised forecast."
                 + listed(len(rows), len(rows), "soonest target first", ""))
    return Section(Table(
        "Off track", ("Item", "Force", "Owner", "Target", "Revised forecast", "Slip (days)", "Why"),
        [(r.key, r.force, clip(r.owner, 28) or DASH, day(r.target_current), day(r.forecast), fmt_int(r.slip_days),
          clip(r.reason, 90)) for r in shown.itertuples()],
        (0.08, 0.1, 0.12, 0.09, 0.1, 0.07, 0.44)), count)


def extensions(b: Basis) -> Section:
    """Extension requests of the board's items waiting for a decision, oldest first, with who may agree each under its
    force's policy."""
    rows = with_who_agrees(b.query("extension_requests", b.filters), b.query("force_policies", b.filters))
    board_only = int(rows["board_only"].sum()) if len(rows) else 0
    count = (f"{how_many(len(rows), 'extension request is', 'extension requests are')} waiting for a decision"
             + (f", {board_only:,} of them for the board alone under its force's policy" if board_only else "") + "."
             + listed(min(len(rows), ROWS), len(rows), "oldest first", "the Meeting page's Extensions requested screen"))
    return Section(Table(
        "Extension requests to decide", ("No.", "Item", "Force", "Lead", "Target now", "Requested", "Slip (days)",
                                         "Moves so far", "Who may agree", "Why"),
        [(f"#{int(r.seq)}", r.key, r.force, clip(r.lead, 32), day(r.target_current), day(r.target_requested),
          fmt_int(r.slip_days), fmt_int(r.moves), r.who_agrees, clip(r.reason, 90))
         for r in rows.head(ROWS).itertuples()],
        (0.05, 0.08, 0.08, 0.14, 0.08, 0.08, 0.06, 0.06, 0.11, 0.26)), count)


def closed(b: Basis) -> Section:
    """Items completed or closed in the window: open when it began, closed when it ended."""
    w = b.window
    rows = None if w.empty else b.query("closed_since", replace(b.filters, as_of=w.until), since=w.since, limit=ROWS)
    total = 0 if rows is None or rows.empty else int(rows["total"].iloc[0])
    if w.empty:
        count = w.sentence()
    else:
        count = (f"{how_many(total, 'item was', 'items were')} completed or closed from {fmt_date(w.since)} to "
                 f"{fmt_date(w.until)}")
        if 0 < total == len(rows):
            kinds = rows["status"].value_counts()
            count += ": " + ", ".join(f"{int(kinds[s]):,} {label(s).lower()}" for s in CLOSED if s in kinds)
        count += "." + listed(len(rows), total, "in the order they closed", "the dashboard's XLSX download")
    return Section(Table(
        "Completed or closed since the last meeting", ("Item", "Force", "Owner", "Closed on", "How it closed",
                                                       "Recommendation"),
        [(r.key, r.force, clip(r.owner, 28) or DASH, day(r.closed_on), label(r.status), clip(r.text, 100))
         for r in (rows.itertuples() if rows is not None else ())],
        (0.08, 0.1, 0.13, 0.1, 0.14, 0.45)), count)


# The sections in the order the board takes them. A new section is one function of the Basis that returns a Section,
# placed here: both formats draw every section the same way.
SECTIONS: tuple[Callable[[Basis], Section], ...] = (overdue, off_track, extensions, closed)


@dataclass
class ExceptionPack:
    """One meeting's exception pack: what it is for, and its sections in order."""

    board: Board
    held_on: date
    as_of: date  # the meeting's day, or today for a meeting still to come
    meeting: dict | None  # the recorded meeting (meeting_id, chair, chair_name, decisions), or None
    filters: Filters  # the reader's filters (their scope among them)
    window: Window
    sections: list[Section]
    is_demo: bool
    generated_at: datetime = field(default_factory=lambda: clock.now())

    def cover(self) -> list[str]:
        """The cover's facts: the board, the meeting, its chair, the figures' date, whose items, and the window."""
        chair = (self.meeting.get("chair_name") or self.meeting["chair"]) if self.meeting else "not recorded"
        return [f"Board: {self.board.label}",
                f"Meeting: {fmt_date(self.held_on)}" + ("" if self.meeting else " (not recorded)"),
                f"Chair: {chair}",
                f"Figures as of {fmt_date(self.as_of)}" + (" (today)" if self.as_of < self.held_on else ""),
                f"Scope: {scope_text(self.filters)}",
                self.window.sentence(),
                f"Pack generated {self.generated_at:%d %b %Y %H:%M}"]

    def contents(self) -> list[str]:
        """Each section's number, heading and count in words: what the pack holds, at a glance."""
        return [f"{i}. {s.table.title}: {s.count}" for i, s in enumerate(self.sections, 1)]


def gather_exceptions(query: Query, filters: Filters, board: Board, held_on: date, today: date) -> ExceptionPack:
    """Every section for the board's meeting on `held_on`, the board's items under the reader's filters and scope."""
    as_of = min(held_on, today)
    meeting, previous, _ = board_meeting(query, filters, board, held_on)
    basis = Basis(query, board, held_on, meeting, board_filters(filters, board, as_of),
                  closing_window(previous, held_on, as_of))
    return ExceptionPack(board=board, held_on=held_on, as_of=as_of, meeting=meeting, filters=filters,
                         window=basis.window, sections=[make(basis) for make in SECTIONS],
                         is_demo=bool(query("data_info", filters.only_date()).get("is_demo")))


def build_exception_pack(fmt: str, con, filters: Filters, board: Board, held_on: date, today: date,
                         shown: Progress = SILENT) -> bytes:
    """The exception pack as bytes, in 'pdf' or 'pptx', from an open connection; `shown` hears which step it is on."""
    shown.step("gathering the exceptions")
    pack = gather_exceptions(connection_query(con), filters, board, held_on, today)
    shown.step(f"drawing the {fmt.upper()}")
    if fmt == "pdf":
        return exception_pdf(pack)
    if fmt == "pptx":
        return exception_pptx(pack)
    raise ValueError(f"unknown pack format {fmt!r}: use pdf or pptx")


def title_of(pack: ExceptionPack) -> str:
    """The pack's title."""
    return f"{pack.board.label}: exception pack"


def exception_pdf(pack: ExceptionPack) -> bytes:
    """The pack as an A4 landscape PDF of text and tables: a cover with the contents counted, then a section a page."""
    from tracker.pack.pdf import ACCENT, DEMO_RED, PackPDF

    pdf = PackPDF(f"Recommendation Tracker · {pack.board.label} · exception pack for the meeting of "
                  f"{fmt_date(pack.held_on)}", pack.is_demo)
    pdf.set_title(f"{title_of(pack)}, meeting of {fmt_date(pack.held_on)}")
    pdf.set_lang("en-GB")
    pdf.add_page()
    pdf.ln(12)
    pdf.font(26, bold=True, colour=ACCENT)
    pdf.multi_cell(0, 12, pdf.text_of(title_of(pack)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if pack.is_demo:
        pdf.font(13, bold=True, colour=DEMO_RED)
        pdf.multi_cell(0, 7, "DEMO DATA. Illustrative figures generated for demonstration: not any force's real position.",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for line in pack.cover():
        pdf.para(line, 11.5)
        pdf.ln(1)
    pdf.ln(3)
    pdf.heading("In this pack", 14)
    for line in pack.contents():
        pdf.para(line, 11.5)
        pdf.ln(1)
    for number, section in enumerate(pack.sections, 1):
        pdf.add_page()
        pdf.table_of(replace(section.table, title=f"{number}. {section.table.title}"), lead=section.count)
    return bytes(pdf.output())


def exception_pptx(pack: ExceptionPack) -> bytes:
    """The pack as PowerPoint with native tables: a cover with the contents counted, then each section's slides."""
    from pptx.util import Inches

    from tracker.pack.slides import MARGIN, SLIDE_W, Deck

    deck = Deck(pack.is_demo)
    s = deck.slide(clip(title_of(pack), 80))
    deck.text(s, "\n".join(pack.cover()), MARGIN, Inches(1.3), SLIDE_W - 2 * MARGIN, Inches(3.2), 14)
    deck.text(s, "\n".join(["In this pack", *pack.contents()]), MARGIN, Inches(4.6), SLIDE_W - 2 * MARGIN,
              Inches(2.6), 14)
    for number, section in enumerate(pack.sections, 1):
        t = section.table
        parts = [t.rows[i:i + SLIDE_ROWS] for i in range(0, len(t.rows), SLIDE_ROWS)] or [[]]
        for i, rows in enumerate(parts):
            title = f"{number}. {t.title}" + (f" ({i + 1} of {len(parts)})" if len(parts) > 1 else "")
            deck.table(title, replace(t, rows=rows), SLIDE_ROWS, lead=section.count if i == 0 else "")
    return deck.save()
