"""A board meeting's pack: the agenda the Meeting page shows, in the same order, as a PDF or PowerPoint."""

from __future__ import annotations

from datetime import date

from tracker.analysis import room
from tracker.analysis.agenda import TITLES, Agenda, board_filters, gather_agenda
from tracker.core.boards import Board
from tracker.core.display import ALARM, days_left_text, fmt_date, fmt_int, fmt_pct
from tracker.core.filters import Filters
from tracker.core.progress import SILENT, Progress
from tracker.core.rag import rated
from tracker.core.responses import STAGE_NAMES
from tracker.core.statuses import label
from tracker.pack.content import TABLE_ROWS, Table, clip, connection_query, day, rag_cell, shown_note

PACK_OWNERS = 15


def tiles(a: Agenda) -> list[tuple[str, str]]:
    """The headline and the changes since the previous meeting, as the first screen shows them."""
    h = a.headline
    return [("Open", fmt_int(h["open"])), ("Overdue", fmt_int(h["overdue"])), ("Complete", fmt_int(h["complete"])),
            ("For decision", fmt_int(a.waiting)),
            ("Awaiting the inspectorate", fmt_int(h["awaiting_inspectorate"])),
            *((c.capitalize(), fmt_int(n)) for c, n in a.changes)]


def since_line(a: Agenda) -> str:
    """What 'since' means in this pack."""
    if a.previous is None:
        return f"No earlier meeting of this board is recorded: changes since {fmt_date(a.since)}."
    return (f"Changes since the previous meeting on {fmt_date(a.since)} (that day included) to {fmt_date(a.as_of)}; "
            f"{fmt_int(a.previous_decisions)} decisions were recorded there.")


def tables(a: Agenda, changes) -> dict[str, Table]:
    """The agenda's tables: changes, overdue, waiting, risk acceptances to note, at risk, extension requests, decided,
    responses due."""
    return {
        "changes": Table("What changed", ("Change", "Item", "Force", "Owner", "Status then", "Status now", "Target now"),
                         [(r.change.capitalize(), r.key, r.force, clip(r.owner, 28) or "—",
                           label(r.status_before) if isinstance(r.status_before, str) else "Not yet published",
                           label(r.status_now), day(r.target_now)) for r in changes.itertuples()],
                         (0.14, 0.12, 0.14, 0.18, 0.14, 0.14, 0.14),
                         f"First {TABLE_ROWS} changes." if len(changes) >= TABLE_ROWS else ""),
        "overdue": Table("Most overdue", ("Item", "RAG", "Force", "Owner", "Original target", "Current target",
                                          "Days overdue"),
                         [(r.key, rag_cell(r.rating, r.percent), r.force, clip(r.owner, 28) or "—",
                           day(r.target_original), day(r.target_current), fmt_int(r.days_overdue))
                          for r in rated(a.overdue, a.rules, a.as_of, symbols=False).itertuples()],
                         (0.12, 0.12, 0.14, 0.2, 0.14, 0.14, 0.14),
                         a.rules.legend(a.overdue["force"]) if len(a.overdue) else ""),
        "waiting": Table("Waiting for the board", ("No.", "Item", "Force", "Owner", "Proposes", "Target now", "Comment"),
                         [(f"#{int(r.seq)}", r.key, r.force, clip(r.owner, 24) or "—", room.proposal(r.status, r.target),
                           day(r.target_current), clip(r.comment, 80)) for r in a.for_decision.head(TABLE_ROWS).itertuples()],
                         (0.06, 0.1, 0.1, 0.14, 0.18, 0.1, 0.32)),
        "at_risk": Table("Forecast to miss their target", ("Item", "Force", "Owner", "Target", "Chance by target",
                                                           "Expected"),
                         [(r.key, r.force, clip(r.owner, 28) or "—", day(r.target_current), fmt_pct(r.p_by_target),
                           day(r.expected_on)) for r in a.at_risk.head(TABLE_ROWS).itertuples()],
                         (0.14, 0.16, 0.22, 0.16, 0.16, 0.16)),
        "risk": Table("Risk acceptances for the board to note", ("No.", "Item", "Force", "Owner", "Why the risk is accepted",
                                                                  "Signed off"),
                      [(f"#{int(r.seq)}", r.key, r.force, clip(r.owner, 24) or "—", clip(r.reason, 120), room.signed(r))
                       for r in a.risk_to_note.head(TABLE_ROWS).itertuples()],
                      (0.06, 0.1, 0.1, 0.14, 0.38, 0.22)),
        "closure": Table(f"Closure requests since {fmt_date(a.since)}", ("No.", "Item", "Force", "Owner", "Requested",
                                                                        "By", "Stands"),
                         [(f"#{int(r.seq)}", r.key, r.force, clip(r.owner, 24) or "—", day(r.requested_on),
                           clip(r.requested_by, 40), r.state + (f" {day(r.decided_on)}" if r.state != "waiting" else ""))
                          for r in a.closure_requests.itertuples()],
                         (0.07, 0.12, 0.12, 0.16, 0.12, 0.25, 0.16)),
        "extensions": Table("Extension requests to decide",
                            ("No.", "Item", "Force", "Lead", "Target now", "Requested", "Slip (days)", "Moves so far",
                             "Who may agree", "Why"),
                            [(f"#{int(r.seq)}", r.key, r.force, clip(r.lead, 32), day(r.target_current),
                              day(r.target_requested), fmt_int(r.slip_days), fmt_int(r.moves), r.who_agrees,
                              clip(r.reason, 90)) for r in a.extensions.head(TABLE_ROWS).itertuples()],
                            (0.05, 0.08, 0.08, 0.14, 0.08, 0.08, 0.06, 0.06, 0.11, 0.26),
                            shown_note(min(TABLE_ROWS, len(a.extensions)), len(a.extensions), "extension requests")),
        "decided": Table("Decisions taken at this meeting", ("Item", "Force", "Owner", "Decision", "Why"),
                         [(r.key, r.force, clip(r.owner, 28) or "—", room.decided(r), clip(r.reason, 120))
                          for r in a.decisions.itertuples()],
                         (0.12, 0.14, 0.18, 0.22, 0.34)),
        "responses": Table("Statutory responses due within 28 days or overdue",
                           ("Force", "Report", "Deadline", "Where it stands", "Stage"),
                           [(r.force, clip(r.report_title, 90), day(r.deadline), days_left_text(r.days_left),
                             STAGE_NAMES.get(r.stage, r.stage)) for r in a.responses.head(TABLE_ROWS).itertuples()],
                           (0.14, 0.4, 0.12, 0.14, 0.2)),
    }


def build_meeting_pack(fmt: str, con, filters: Filters, board: Board, held_on: date, today: date,
                       shown: Progress = SILENT) -> bytes:
    """The meeting's pack as bytes, in 'pdf' or 'pptx', from an open connection; `shown` hears which step it is on."""
    query = connection_query(con)
    shown.step("gathering the agenda")
    a = gather_agenda(query, filters, board, held_on, today, overdue_rows=TABLE_ROWS, owner_rows=PACK_OWNERS)
    changes = query("meeting_changes", board_filters(filters, board, a.as_of), since=a.since, limit=TABLE_ROWS)
    info = query("data_info", filters.only_date())
    shown.step(f"drawing the {fmt.upper()}")
    if fmt == "pdf":
        return meeting_pdf(a, tables(a, changes), bool(info.get("is_demo")))
    if fmt == "pptx":
        return meeting_pptx(a, tables(a, changes), bool(info.get("is_demo")))
    raise ValueError(f"unknown pack format {fmt!r}: use pdf or pptx")


def cover_lines(a: Agenda) -> list[str]:
    """The cover's facts: the board, the meeting, its chair, and the date the figures hold for."""
    chair = (a.meeting.get("chair_name") or a.meeting["chair"]) if a.meeting else "not recorded"
    return [f"Board: {a.board.label}", f"Meeting: {fmt_date(a.held_on)}" + ("" if a.meeting else " (not recorded)"),
            f"Chair: {chair}", f"Figures as of {fmt_date(a.as_of)}", since_line(a)]


def meeting_pdf(a: Agenda, t: dict[str, Table], demo: bool) -> bytes:
    """The pack as an A4 landscape PDF: a cover, then one section an agenda screen."""
    from tracker.pack.images import render_png
    from tracker.pack.pdf import ACCENT, PackPDF

    figs = [(room.funnel(a.funnel, 560), 900, 560), (room.status_by(a.standing, a.split, 560), 1100, 560)]
    if not a.owners.empty:
        figs.append((room.owners(a.owners, 620), 1100, 620))
    pngs = render_png(figs)
    pdf = PackPDF(f"Recommendation Tracker · {a.board.label} · meeting of {fmt_date(a.held_on)}", demo)
    pdf.add_page()
    pdf.ln(20)
    pdf.font(26, bold=True, colour=ACCENT)
    pdf.multi_cell(0, 12, pdf.text_of(f"{a.board.label}: meeting pack"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in cover_lines(a):
        pdf.para(line, 12)
    sections = iter(TITLES.values())
    pdf.add_page()
    pdf.heading(f"1. {next(sections)}")
    shown = tiles(a)
    pdf.tiles(shown, 32)
    pdf.set_y(32 + -(-len(shown) // 4) * 34 + 4)
    pdf.para(since_line(a), 10)
    pdf.ln(2)
    pdf.table_of(t["changes"])
    pdf.table_of(t["closure"])
    pdf.add_page()
    pdf.heading(f"2. {next(sections)}")
    pdf.chart(pngs[0], 80)
    pdf.chart(pngs[1], pdf.h - pdf.get_y() - 18)
    pdf.add_page()
    pdf.heading(f"3. {next(sections)}")
    if len(pngs) > 2:
        pdf.chart(pngs[2], 90)
    pdf.table_of(t["overdue"])
    pdf.add_page()
    pdf.heading(f"4. {next(sections)}")
    pdf.table_of(t["waiting"])
    if not a.risk_to_note.empty:
        pdf.table_of(t["risk"])
    pdf.table_of(t["at_risk"])
    pdf.add_page()
    pdf.heading(f"5. {next(sections)}")
    pdf.table_of(t["extensions"])
    pdf.add_page()
    pdf.heading(f"6. {next(sections)}")
    pdf.table_of(t["decided"])
    pdf.add_page()
    pdf.heading(f"7. {next(sections)}")
    pdf.table_of(t["responses"])
    return bytes(pdf.output())


def meeting_pptx(a: Agenda, t: dict[str, Table], demo: bool) -> bytes:
    """The pack as PowerPoint with native charts: a cover, then the agenda's screens in order."""
    from pptx.util import Inches

    from tracker.pack.slides import (
        MARGIN,
        SLIDE_W,
        TILES_TOP,
        Deck,
        clustered,
        funnel_chart,
        stacked_by_status,
        tile_slide,
    )

    deck = Deck(demo)
    s = deck.slide(clip(f"{a.board.label}: meeting pack", 80))
    deck.text(s, "\n".join(cover_lines(a)), MARGIN, Inches(1.5), SLIDE_W - 2 * MARGIN, Inches(4), 18)
    titles = list(TITLES.values())
    s = deck.slide(f"1. {titles[0]}")
    shown = tiles(a)
    tile_slide(deck, s, shown)
    deck.text(s, since_line(a), MARGIN, TILES_TOP + Inches(1.6) * -(-len(shown) // 4), SLIDE_W - 2 * MARGIN,
              Inches(0.8), 16)
    deck.table(f"1. {titles[0]}: what changed", t["changes"])
    deck.table(f"1. {titles[0]}: closure requests", t["closure"])
    funnel_chart(deck, a.funnel)
    stacked_by_status(deck, f"2. {titles[1]}: by {a.split}", a.standing, "grp")
    if not a.owners.empty:
        clustered(deck, f"3. {titles[2]}: by owner", a.owners["owner"].tolist(),
                  {"Overdue": (a.owners["overdue"], ALARM), "Slipping": (a.owners["slipping"], room.SLIPPING)})
    deck.table(f"3. {titles[2]}: most overdue", t["overdue"])
    deck.table(f"4. {titles[3]}: waiting for the board", t["waiting"])
    if not a.risk_to_note.empty:
        deck.table(f"4. {titles[3]}: risk acceptances to note", t["risk"])
    deck.table(f"4. {titles[3]}: forecast to miss their target", t["at_risk"])
    deck.table(f"5. {titles[4]}: extension requests to decide", t["extensions"])
    deck.table(f"6. {titles[5]}", t["decided"])
    deck.table(f"7. {titles[6]}", t["responses"])
    return deck.save()
