"""The Meeting page's parts: choosing the board and meeting, moving between agenda screens, and each screen."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from tracker.analysis import alt_text, room
from tracker.analysis.agenda import SCREEN_KEYS, TITLES, Agenda, gather_agenda, step
from tracker.app.data import at_use, current_reader, db_path, query, today
from tracker.app.downloads import on_own_connection
from tracker.app.streamlit_internals import ROOM_CSS
from tracker.app.view import literal, refused, room_chart
from tracker.app.workflow import flash, show_flash
from tracker.core.boards import Board, board_from_label
from tracker.core.display import fmt_date, fmt_int
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.core.text import markdown_literal
from tracker.workflow.actions import WorkflowError, agree_target, meeting_decide, note_risk, record_meeting
from tracker.workflow.rules import Meeting, chair_refusal

SCREEN, BOARD, MEETING = "screen", "board", "meeting"
KEY_OF = {title: key for key, title in TITLES.items()}  # screen title (as the URL holds it) -> key
CHART_HEIGHT = 500
DECISION_ROWS = 3  # rows of each list on the decision screen: two lists and their headings fit 720 px
RISK_ROWS = 1  # risk acceptances to note shown there, taken from the forecast list's rows (all are in the pack)
RESPONSE_ROWS = 5  # rows of the responses screen's table that fit 720 px (the pack lists more)
EXTENSION_ROWS = 6  # rows of the extension requests' table that fit 720 px beside the chair's controls
def boards_seen(filters: Filters) -> tuple[list[Board], dict]:
    """The boards the reader can see (a force's board, one a force; a national one for a national reader), and the
    latest recorded meeting of each up to the filters' date (or None)."""
    rows = query("boards", filters.only_date())
    boards = [Board(b, f if isinstance(f, str) else None) for b, f in zip(rows["board"], rows["force"], strict=True)]
    last = {b: pd.Timestamp(d).date() if pd.notna(d) else None for b, d in zip(boards, rows["last_met"], strict=True)}
    return boards, last


def board_and_meeting(filters: Filters) -> tuple[Board | None, date]:
    """The board and meeting day from the URL (chosen in the 'Meeting' popover): a board the reader can see, and the
    meeting's day (by default the board's latest recorded meeting up to today, else today)."""
    boards, last = boards_seen(filters)
    with st.popover("", icon=":material/settings:", help="Board and meeting, and the meeting's pack"):
        label = st.selectbox("Board", [b.label for b in boards], index=None, key=BOARD, bind="query-params",
                             placeholder="Choose the board that meets")
        board = board_from_label(label, boards)
        default = last.get(board) or today()
        held_on = st.date_input("Meeting", value=default, key=MEETING, bind="query-params", format="DD/MM/YYYY",
                                min_value=today() - timedelta(days=3653), max_value=today() + timedelta(days=366))
        if board is not None:
            meeting_setup(filters, board, held_on)
    return board, held_on


def meeting_setup(filters: Filters, board: Board, held_on: date) -> None:
    """Inside the popover: the board's recorded meetings, recording this one, and its pack."""
    meetings = query("board_meetings", filters.only_date(), board=board.name, force=board.force)
    recorded = [fmt_date(d) for d in meetings["held_on"]]
    st.caption("Recorded meetings: " + (", ".join(recorded[:6]) if recorded else "none yet"))
    reader = current_reader()
    is_recorded = any(d == held_on for d in meetings["held_on"].map(lambda v: v if isinstance(v, date) else v.date()))
    if not is_recorded and reader is not None and reader.may("review"):
        if st.button("Record this meeting (you chair it)", icon=":material/edit_calendar:", key="record_meeting"):
            try:
                number = record_meeting(db_path(), reader.person, board.name, held_on, source="app", today=today(),
                                        force=board.force, national=board.force is None)
            except TrackerError as exc:
                refused("Not recorded.", str(exc))
            else:
                flash(f"Recorded: meeting {number} on {fmt_date(held_on)}, chaired by you.")  # no data in Markdown
                st.rerun()
    pack_buttons(filters, board, held_on)


def pack_buttons(filters: Filters, board: Board, held_on: date) -> None:
    """The meeting's pack, in the agenda's order, and its exception pack (built only when clicked)."""
    from tracker.pack.build import MIME
    from tracker.pack.exceptions import build_exception_pack
    from tracker.pack.meeting import build_meeting_pack

    reader = current_reader()

    def build(maker, fmt: str) -> bytes:  # in the reader's scope as the directory has it when the file is made
        return on_own_connection(lambda con: maker(fmt, con, at_use(filters, reader), board, held_on, today()))

    for key, maker, name, stem, help_text in (
            ("meeting", build_meeting_pack, "Pack", "meeting-pack", "Every agenda screen, in order."),
            ("exceptions", build_exception_pack, "Exception pack", "exception-pack",
             ("Only what needs the board: overdue, off track, and what was completed or closed since its previous "
              "meeting (each listed at one meeting only)."))):
        left, right = st.columns(2)
        file = f"{stem}-{held_on.isoformat()}"
        left.download_button(f"{name} (PDF)", lambda m=maker: build(m, "pdf"), f"{file}.pdf", MIME["pdf"],
                             key=f"{key}-pdf", icon=":material/picture_as_pdf:", on_click="ignore", help=help_text)
        right.download_button(f"{name} (PowerPoint)", lambda m=maker: build(m, "pptx"), f"{file}.pptx", MIME["pptx"],
                              key=f"{key}-pptx", icon=":material/slideshow:", on_click="ignore", help=help_text)


def go(delta: int) -> None:
    """Move to the next or previous screen (a button's callback, so the bound URL follows)."""
    st.session_state[SCREEN] = TITLES[step(KEY_OF.get(st.session_state.get(SCREEN)), delta)]


def agenda_bar() -> tuple[str, object]:
    """The agenda as a row of screens, the arrows, and the clicker keys; returns the screen to show.

    A bound control writes the option's label into the URL, so the screens' titles are the options: a link reads
    '?screen=Where+things+stand'.
    """
    left, middle, right, setup = st.columns([14, 1, 1, 1], vertical_alignment="center")
    with left:
        title = st.segmented_control("Agenda", list(KEY_OF), default=TITLES[SCREEN_KEYS[0]], key=SCREEN,
                                     bind="query-params", required=True, label_visibility="collapsed")
    middle.button("", key="previous", icon=":material/arrow_back:", shortcut="Left", on_click=go, args=(-1,),
                  help="Previous screen (← or Page Up)", width="stretch")
    right.button("", key="next", icon=":material/arrow_forward:", shortcut="Right", on_click=go, args=(1,),
                 help="Next screen (→ or Page Down)", width="stretch", type="primary")
    st.button("Page up", key="page_up", shortcut="PageUp", on_click=go, args=(-1,))
    st.button("Page down", key="page_down", shortcut="PageDown", on_click=go, args=(1,))
    return KEY_OF.get(title, SCREEN_KEYS[0]), setup


def agenda_for(filters: Filters, board: Board, held_on: date) -> Agenda:
    """The agenda through the app's cached, scoped queries."""
    return gather_agenda(query, filters, board, held_on, today())


def since_screen(a: Agenda) -> None:
    """1. The headline, and what changed since the board's previous meeting (that day included)."""
    h = a.headline
    row = st.columns(5)
    for col, (name, value) in zip(row, (("Open", h["open"]), ("Overdue", h["overdue"]), ("Complete", h["complete"]),
                                        ("For decision", a.waiting),
                                        ("Awaiting the inspectorate", h["awaiting_inspectorate"])), strict=True):
        col.metric(name, fmt_int(value), border=True)
    if a.previous is not None:
        st.header(f"Since the previous meeting, {fmt_date(a.since)}")
    else:
        st.header(f"Since {fmt_date(a.since)}: no earlier meeting of this board is recorded")
    row = st.columns(4)
    for col, (change, n) in zip(row, a.changes, strict=True):
        col.metric(change.capitalize(), fmt_int(n), border=True)
    if a.previous is not None:
        st.caption(f"{fmt_int(a.previous_decisions)} decisions were recorded at the previous meeting. Changes are "
                   f"counted from {fmt_date(a.since)} (that day included) to {fmt_date(a.as_of)}.")


def standing_screen(a: Agenda) -> None:
    """2. The funnel, and status by force (a board across forces) or by theme (a force's board)."""
    left, right = st.columns([2, 3])
    room_chart(left, room.funnel(a.funnel, CHART_HEIGHT), "room-funnel", alt_text.funnel(a.funnel))
    room_chart(right, room.status_by(a.standing, a.split, CHART_HEIGHT), "room-standing",
               alt_text.status_by_force(a.standing.rename(columns={"grp": "force"}), max_forces=8))


def overdue_screen(a: Agenda) -> None:
    """3. Overdue and slipping by owner, and the most overdue items with their original and current targets."""
    left, right = st.columns([2, 3])
    if a.owners.empty:
        left.info("Nothing is overdue or slipping.", icon=":material/task_alt:")
    else:
        room_chart(left, room.owners(a.owners, CHART_HEIGHT), "room-owners", alt_text.owners(a.owners))
    with right:
        if a.overdue.empty:
            st.info("No item of this board is past its target.", icon=":material/event_available:")
        else:
            figure = room.overdue_table(a.overdue)
            room_chart(st, figure, "room-overdue", alt_text.room_table(
                figure, f"The {len(a.overdue)} most overdue items, with their original and current targets."))
        overdue = int(a.headline["overdue"] or 0)
        if overdue > len(a.overdue):
            st.caption(f"The {len(a.overdue)} most overdue of {fmt_int(overdue)}: every one is on the Overdue page "
                       "and in the pack.")


def decide_screen(a: Agenda) -> None:
    """4. What waits for the board: submissions proposing completion, and items forecast to miss their target; the
    chair records decisions beside them (extension requests have their own screen)."""
    left, right = st.columns([3, 2])
    with left:
        short_list(f"Waiting for the board: {fmt_int(len(a.for_decision))}", a.for_decision, room.decision_table,
                   "No submission proposing completion waits for this board.", "room-waiting",
                   "Each submission waiting: its number, the item, its owner, what it proposes and the target now.")
        if not a.risk_to_note.empty:  # rare: listed only when there is one, so the screen still fits
            short_list(f"Risk acceptances for the board to note: {fmt_int(len(a.risk_to_note))}", a.risk_to_note,
                       room.risk_table, "", "room-risk", "Each risk acceptance waiting for the board to note it: its "
                       "number, the item, why the risk is accepted rather than acted on, and who signed it off.",
                       shown=RISK_ROWS)
        short_list(f"Forecast to miss their target: {fmt_int(len(a.at_risk))}", a.at_risk, room.at_risk_table,
                   "No open item is forecast to miss its target.", "room-at-risk",
                   "Each item forecast to miss its target: the item, its owner, the target, the chance of being "
                   "complete by then and the expected completion.",
                   shown=DECISION_ROWS - (RISK_ROWS if not a.risk_to_note.empty else 0))
    with right:
        chair_controls(a)


def short_list(heading: str, rows, draw, empty: str, key: str, about: str, shown: int = DECISION_ROWS) -> None:
    """A heading with its count and the first few rows as a room table (`about` says what its columns hold, for
    screen readers), or one line when there are none."""
    st.caption(heading + (f" (the first {shown})" if len(rows) > shown else ""))
    if rows.empty:
        st.info(empty, icon=":material/task_alt:")
    else:
        figure = draw(rows.head(shown))
        room_chart(st, figure, key, alt_text.room_table(figure, about))


def chair_refusal_here(a: Agenda) -> str | None:
    """Why the reader cannot record decisions on this screen, in words for them, or None when they can: the rules'
    chair_refusal (who chairs, and within how long), which the write checks again."""
    if a.meeting is None:
        return "Record the meeting first (the settings button, top right): its chair then records the decisions here."
    reader = current_reader()
    meeting = Meeting(int(a.meeting["meeting_id"]), a.board.name, a.held_on, int(a.meeting["chair_id"]), a.board.force)
    refusal = chair_refusal(reader.person if reader is not None else None, meeting, today())
    return None if refusal is None else f"{refusal[0].upper()}{refusal[1:]}."


NOTE_RISK = "Note the risk acceptance"
# The decisions the chair may record on each kind of choice: a submission (s), a risk acceptance (r), an item
# forecast to miss its target (k).
KINDS = {"s": ("Accept", "Return to the lead"), "r": (NOTE_RISK,), "k": ("Agree a revised target",)}


def chair_controls(a: Agenda) -> None:
    """The chair's decision on one item: accept or return a submission, note a risk acceptance (once signed off
    too, the item closes as risk accepted), or agree a revised target."""
    refusal = chair_refusal_here(a)
    if refusal:
        st.info(refusal, icon=":material/gavel:")
        return
    choices = {f"s{int(r.seq)}": f"#{int(r.seq)} · {int(r.id)} · {r.force}: {room.proposal(r.status, r.target)}"
               for r in a.for_decision.itertuples()}
    choices |= {f"r{r.key}": f"#{int(r.seq)} · {int(r.id)} · {r.force}: risk acceptance to note"
                for r in a.risk_to_note.itertuples()}
    choices |= {f"k{r.key}": f"{int(r.id)} · {r.force}: forecast to miss {fmt_date(r.target_current)}"
                for r in a.at_risk.itertuples()}
    if not choices:
        st.info("Nothing waits for a decision.", icon=":material/task_alt:")
        return
    chosen = st.selectbox("Item", list(choices), format_func=choices.get, key="decide_item")
    kinds = KINDS[chosen[0]]
    decision = st.radio("Decision", kinds, horizontal=True, key=f"decide_kind_{chosen[0]}")
    target = None
    if decision == "Agree a revised target":
        target = st.date_input("Revised target", value=None, format="DD/MM/YYYY", key="decide_target")
    optional = decision in ("Accept", NOTE_RISK)
    reason = st.text_input("Note (optional)" if optional else "Why", max_chars=500, key="decide_reason")
    if st.button("Record the decision", type="primary", icon=":material/gavel:", key="decide_record"):
        record(a, chosen, decision, target, reason)


def record(a: Agenda, chosen: str, decision: str, target: date | None, reason: str) -> None:
    """Write the chair's decision against the meeting and say so."""
    person = current_reader().person
    try:
        if chosen.startswith("s"):
            meeting_decide(db_path(), person, a.meeting_id, [int(chosen[1:])],
                           "accept" if decision == "Accept" else "return", reason, source="app", today=today())
        elif chosen.startswith("r"):
            note_risk(db_path(), person, a.meeting_id, chosen[1:], reason, source="app", today=today())
        else:
            if target is None:
                raise WorkflowError("give the revised target")
            agree_target(db_path(), person, a.meeting_id, chosen[1:], target, reason, source="app", today=today())
    except TrackerError as exc:
        refused("Not recorded.", str(exc))
    else:
        flash("Recorded against this meeting: it is in the item's history.")
        st.rerun()


def extensions_screen(a: Agenda) -> None:
    """5. The extension requests of the board's items waiting for a decision: the target now and the one asked for,
    the slip, the moves so far and whether only the board may agree it; the chair agrees or refuses each."""
    left, right = st.columns([3, 2])
    with left:
        board_only = int(a.extensions["board_only"].sum()) if len(a.extensions) else 0
        short_list(f"Extensions requested: {fmt_int(len(a.extensions))}, {fmt_int(board_only)} beyond what a reviewer "
                   "may agree alone", a.extensions, room.extensions_table,
                   "No extension request waits for this board.", "room-extensions",
                   "Each extension request waiting: its number, the item, the target now, the target requested, the "
                   "slip in days, how many times the target has moved so far, and whether only the board may agree "
                   "it.", shown=EXTENSION_ROWS)
    with right:
        extension_controls(a)


def extension_controls(a: Agenda) -> None:
    """The chair's decision on one extension request: agree it (the target moves from the meeting's day) or refuse
    it, saying why."""
    refusal = chair_refusal_here(a)
    if refusal:
        st.info(refusal, icon=":material/gavel:")
        return
    if a.extensions.empty:
        st.info("No extension request waits for a decision.", icon=":material/task_alt:")
        return
    rows = {int(r.seq): r for r in a.extensions.itertuples()}
    seq = st.selectbox("Extension request", list(rows), key="extension_item", format_func=lambda n: (
        f"#{n} · {int(rows[n].id)} · {rows[n].force}: to {fmt_date(rows[n].target_requested)}"))
    chosen = rows[seq]
    literal(f"Asked by {chosen.lead}: {chosen.reason or 'no reason given'}")
    st.caption(f"Moves so far: {fmt_int(chosen.moves)}; the total slip would be {fmt_int(chosen.total_slip_days)} days "
               f"since the original target. Who may agree it: {chosen.who_agrees}.")
    decision = st.radio("Decision", ("Agree", "Refuse"), horizontal=True, key="extension_kind")
    reason = st.text_input("Why" if decision == "Refuse" else "Note (optional)", max_chars=500, key="extension_reason")
    if st.button("Record the decision", type="primary", icon=":material/gavel:", key="extension_record"):
        record(a, f"s{seq}", "Accept" if decision == "Agree" else "Return", None, reason)


def decided_screen(a: Agenda) -> None:
    """6. The decisions taken at this meeting, in order."""
    if a.meeting is None:
        st.info("This meeting is not recorded, so no decision is recorded against it.", icon=":material/event_busy:")
        return
    st.caption(f"{fmt_int(len(a.decisions))} decisions recorded at this meeting. Chair:")
    literal(a.meeting.get("chair_name") or a.meeting["chair"])
    figure = room.decisions_table(a.decisions.head(10))
    room_chart(st, figure, "room-decided", alt_text.room_table(figure, "The decisions recorded at this meeting."))


def responses_screen(a: Agenda) -> None:
    """7. The statutory responses of the board's force area(s) due in the next 28 days, or overdue."""
    if a.responses.empty:
        st.info("No statutory response is due in the next 28 days or overdue.", icon=":material/event_available:")
        return
    more = f" (the {RESPONSE_ROWS} most pressing here)" if len(a.responses) > RESPONSE_ROWS else ""
    st.caption(f"{fmt_int(len(a.responses))} responses to publish within 28 days or overdue{more}; each is drafted, "
               "approved and published on the Responses page.")
    figure = room.responses_table(a.responses.head(RESPONSE_ROWS))
    room_chart(st, figure, "room-responses", alt_text.room_table(figure, "Statutory responses due or overdue."))


SHOW = {"since": since_screen, "standing": standing_screen, "overdue": overdue_screen, "decide": decide_screen,
        "extensions": extensions_screen, "decided": decided_screen, "responses": responses_screen}


def meeting_page(filters: Filters, demo: bool) -> None:
    """The whole page: the agenda bar, set-up, and the chosen screen."""
    st.html(ROOM_CSS)
    screen, setup = agenda_bar()
    with setup:
        board, held_on = board_and_meeting(filters)
    show_flash()
    if board is None:
        st.info("Choose the board under the settings button (top right): the link then opens on it.",
                icon=":material/event:")
        return
    title, mark = st.columns([6, 1])
    # The page's one h1. Its words come from the data (the board's name), and a heading reads Markdown: escaped.
    title.title(markdown_literal(f"{board.label} · meeting of {fmt_date(held_on)}"), anchor=False)
    if demo:
        mark.badge("Demo data", icon=":material/science:", color="red")
    agenda = agenda_for(filters, board, held_on)
    if not agenda.headline["total"]:
        st.info("None of this board's items match the filters.", icon=":material/filter_alt_off:")
        return
    SHOW[screen](agenda)
