"""The Responses page's parts: responses due, one response's draft, comments, approval, publication and document,
the saves compared, and the national picture."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.app.data import at_use, current_reader, database_facts, db_path, query, today
from tracker.app.view import grid, literal, refused, table, tiles
from tracker.app.workflow import download as evidence_download
from tracker.app.workflow import save
from tracker.core.display import DASH, fmt_date, fmt_int, fmt_pct, missing
from tracker.core.filters import Filters
from tracker.core.responses import STAGE_NAMES
from tracker.core.text import markdown_literal
from tracker.evidence.checks import ACCEPTED, EXTENSIONS
from tracker.people.access import COMMISSIONER
from tracker.response import actions
from tracker.response.compare import draft_changes
from tracker.response.document import document_bytes
from tracker.response.rules import DAYS, due_text, may_approve, may_draft

PICK = "response"  # the URL's key for the chosen response: 'Report title · Force'
WHY = (f"A police and crime commissioner publishes comments on every inspection report about their force within {DAYS} "
       "days of its publication (Police Act 1996, s.55), saying for each recommendation what will be done. The chief "
       "constable comments first; the commissioner approves; the office publishes.")


def day_of(value):
    """A query's date as a date (None for missing)."""
    return None if missing(value) else pd.Timestamp(value).date()


def standing_words(rows: pd.DataFrame, as_of) -> list[str]:
    """Each response's place against its deadline, in words (pure per row)."""
    return [due_text(day_of(r.published_on), as_of, r.stage, day_of(r.first_published))
            for r in rows.itertuples(index=False)]


def shown_due(rows: pd.DataFrame, as_of) -> pd.DataFrame:
    """The responses due as the page's table shows them: stage and standing in words, never colour alone."""
    return pd.DataFrame({
        "force": rows["force"], "report_title": rows["report_title"], "published_on": rows["published_on"],
        "deadline": rows["deadline"], "standing": standing_words(rows, as_of),
        "stage": [STAGE_NAMES[s] for s in rows["stage"]], "version": rows["version"],
        "recommendations": rows["recommendations"], "first_published": rows["first_published"],
    })


def headline(filters: Filters) -> None:
    """The tiles: due in the next 28 days, overdue now, first published on time, median days to publish."""
    head = query("responses_headline", filters, days=DAYS)
    tiles([
        ("Responses due in 28 days", fmt_int(head["due_28"]), "Not yet published, deadline within 28 days."),
        ("Responses overdue", fmt_int(head["overdue"]), f"Past the {DAYS}-day deadline and not published."),
        ("Published on time", fmt_pct(head["share_on_time"]),
         f"Of the responses due so far, the share first published within {DAYS} days of the report."),
        ("Median days to publish", DASH if missing(head["median_days"]) else f"{head['median_days']:.0f}",
         "From the report's publication to the response's, over those published."),
    ])


def due_list(filters: Filters) -> pd.DataFrame:
    """The table of every response due in the reader's scope; returns the rows."""
    rows = query("responses_due", filters, days=DAYS)
    st.header(f"Responses ({fmt_int(len(rows))})")
    if rows.empty:
        st.info("No report has recommendations in the forces you may see.", icon=":material/inbox:")
        return rows
    table(shown_due(rows, filters.as_of), "responses_table", "responses")
    return rows


def label_of(row) -> str:
    """How a response is named in the chooser and the URL."""
    return f"{row.report_title} · {row.force}"


def chosen(rows: pd.DataFrame):
    """The response the URL or the chooser names (a row of responses_due), or None."""
    labels = {label_of(r): r for r in rows.itertuples(index=False)}
    pick = st.selectbox("Response", list(labels), index=None, key=PICK, bind="query-params",
                        placeholder="Choose a report and force area")
    return labels.get(pick)


def response_view(filters: Filters, row) -> None:
    """One response: where it stands, its steps, its document, and the forms the reader may use."""
    detail = query("response_detail", filters, days=DAYS, report=row.report, force=row.force)
    if detail is None:
        st.info("No response you may see has this report and force.", icon=":material/block:")
        return
    # A force's name is data (a force can be added on purpose), and a heading reads Markdown.
    st.header(f"{markdown_literal(row.force)}: {STAGE_NAMES[detail['stage']]} (version {int(detail['version'])})")
    literal(row.report_title)
    st.text(f"Report published {fmt_date(detail['published_on'])}; deadline {fmt_date(detail['deadline'])}: "
            + due_text(day_of(detail["published_on"]), filters.as_of, detail["stage"],
                       day_of(detail["first_published"])) + ".")
    if not missing(detail["approved_by"]):
        st.text(f"Approved by {detail['approved_by']} on {fmt_date(detail['approved_at'])}: this version's text is "
                "frozen; a change makes the next version, to be approved again.")
    if not missing(detail["address"]):
        st.text("Published at:")
        literal(detail["address"])
    plan = query("response_plan", filters, days=DAYS, report=row.report, force=row.force)
    people = query("force_people", filters.only_date(), force=row.force)
    document_buttons(filters, row)
    reader = current_reader()
    person = reader.person if reader is not None else None
    tabs = st.tabs(["Draft", "Chief constable's comments", "Approve and publish", "Saves compared", "Steps"])
    with tabs[0]:
        draft_form(person, row, detail, plan, people)
    with tabs[1]:
        comments_form(person, row, detail)
    with tabs[2]:
        approval_forms(person, row, detail)
    with tabs[3]:
        saves_compared(filters, row, dict(zip(people["person_id"].astype(int), people["name"], strict=True)))
    with tabs[4]:
        steps = query("response_history", filters, report=row.report, force=row.force)
        if steps.empty:
            st.text("No step yet: the response is not started.")
        else:
            steps = steps.assign(stage_before=[STAGE_NAMES[s] for s in steps["stage_before"]],
                                 stage_after=[STAGE_NAMES[s] for s in steps["stage_after"]])
            table(steps, "response_steps", "response_steps")


def draft_form(person, row, detail: dict, plan: pd.DataFrame, people: pd.DataFrame) -> None:
    """The overall comments and each recommendation's planned action, owner (a person of the force's directory) and
    target, as plain form fields (a keyboard and a screen reader reach every one); every save is kept."""
    refusal = may_draft(person, row.force)
    st.caption("Several people may draft: the last save is the draft, and every save is kept (compare them in "
               "'Saves compared'). The public sees an owner by job title unless the directory says they are "
               "publicly named.")
    locked = refusal is not None
    names = {int(p.person_id): p.name + ("" if missing(p.job_title) else f" · {p.job_title}")
             for p in people.itertuples(index=False)}
    rows = []
    with st.form(f"draft-{row.report}-{row.force}"):
        overall = st.text_area("The commissioner's overall comments", value=detail.get("overall") or "",
                               max_chars=20_000, height=150, disabled=locked)
        for r in plan.itertuples(index=False):
            with st.container(border=True):
                st.text(f"Recommendation {int(r.id)}")
                literal(r.text)
                action = st.text_area(f"Response to recommendation {int(r.id)}: what will be done", value=r.action,
                                      max_chars=20_000, height=90, disabled=locked, key=f"action-{r.key}")
                left, right = st.columns(2)
                planned = None if missing(r.owner_id) else int(r.owner_id)
                owner = left.selectbox(f"Owner of recommendation {int(r.id)}", list(names),
                                       index=list(names).index(planned) if planned in names else None,
                                       format_func=names.get, placeholder="Choose a person of the force",
                                       disabled=locked, key=f"owner-{r.key}")
                target = right.date_input(f"Target of recommendation {int(r.id)}", value=day_of(r.target),
                                          format="DD/MM/YYYY", disabled=locked, key=f"target-{r.key}")
                rows.append({"key": r.key, "action": action, "owner": owner,
                             "target": target.isoformat() if target else None})
        submitted = st.form_submit_button("Save draft", icon=":material/save:", type="primary", disabled=locked)
    if refusal:
        literal(f"You may read this response: {refusal}.")
    if submitted:
        save(lambda: actions.save_draft(db_path(), person, row.report, row.force, overall, rows, source="app",
                                        today=today()),
             lambda step: f"Draft saved (step {step}).")


def comments_form(person, row, detail: dict) -> None:
    """The chief constable's comments as they stand, and recording them: pasted, or as a file."""
    if not missing(detail["chief_comments"]):
        literal(detail["chief_comments"])
    if not missing(detail["chief_file"]):
        file_id = int(detail["chief_file"])
        st.text(f"Attached as evidence file {file_id}:")
        literal(detail["chief_file_name"])
        reader = current_reader()
        # The label is fixed words and a number (a label is Markdown); the file's own name is only its name on disk.
        st.download_button(f"Download evidence file {file_id}", data=lambda: evidence_download(file_id, reader),
                           file_name=str(detail["chief_file_name"]), mime="application/octet-stream",
                           key=f"chief-file-download-{file_id}", icon=":material/download:", on_click="ignore")
    if missing(detail["chief_comments"]) and missing(detail["chief_file"]):
        st.text("Not yet received.")
    if may_draft(person, row.force) is not None:
        return
    with st.form(f"comments-{row.report}-{row.force}", clear_on_submit=True):
        text = st.text_area("The chief constable's comments (paste them here)", max_chars=20_000, height=120)
        upload = st.file_uploader(f"Or attach them: {ACCEPTED}, at most 20 MB", type=EXTENSIONS,
                                  key=f"chief-file-{row.report}-{row.force}")
        if st.form_submit_button("Record the chief constable's comments", icon=":material/mark_email_read:"):
            files = [(upload.name, upload.getvalue())] if upload is not None else []
            save(lambda: actions.record_comments(db_path(), person, row.report, row.force, text, files,
                                                 source="app", today=today()),
                 lambda step: f"The chief constable's comments are recorded (step {step}).")


def approval_forms(person, row, detail: dict) -> None:
    """Approve (the force area's commissioner), then record the publication."""
    stage = detail["stage"]
    if person is not None and COMMISSIONER in person.roles and may_approve(person, row.force) is None:
        if stage not in ("approved", "published"):
            if st.button("Approve this version", icon=":material/verified:", type="primary",
                         key=f"approve-{row.report}-{row.force}"):
                save(lambda: actions.approve(db_path(), person, row.report, row.force, source="app", today=today()),
                     lambda step: f"Approved (step {step}): the text is frozen.")
    else:
        st.text(f"Only {row.force}'s commissioner approves {row.force}'s response.")
    if stage != "approved" or may_draft(person, row.force) is not None:
        if stage not in ("approved", "published"):
            st.text("Publication is recorded once the current version is approved.")
            if may_draft(person, row.force) is None:
                elsewhere_form(person, row, detail)
        return
    with st.form(f"publish-{row.report}-{row.force}"):
        on = st.date_input("Published on", value=today(), max_value=today(), format="DD/MM/YYYY")
        address = st.text_input("Where (its address online)", placeholder="https://…", max_chars=500)
        if st.form_submit_button("Record the publication", icon=":material/public:", type="primary"):
            save(lambda: actions.publish(db_path(), person, row.report, row.force, on, address, source="app",
                                         today=today()),
                 lambda step: f"Published (step {step}): each recommendation's planned action is its first update.")


def elsewhere_form(person, row, detail: dict) -> None:
    """Recording a response the office published outside the tracker, before it was adopted: its day and address."""
    with st.expander("Published outside the tracker?"):
        st.text("A response published before the tracker was adopted: record its day and address, and it counts as on "
                "time or late and leaves the due list.")
        with st.form(f"elsewhere-{row.report}-{row.force}"):
            on = st.date_input("Published on", value=None, min_value=day_of(detail["published_on"]),
                               max_value=today(), format="DD/MM/YYYY", key=f"elsewhere-on-{row.report}-{row.force}")
            address = st.text_input("Where (its address online)", placeholder="https://…", max_chars=500,
                                    key=f"elsewhere-at-{row.report}-{row.force}")
            if st.form_submit_button("Record it as published", icon=":material/public:"):
                if on is None:
                    refused("Not recorded.", "Give the day it was published.")
                else:
                    save(lambda: actions.published_elsewhere(db_path(), person, row.report, row.force, on, address,
                                                             source="app", today=today()),
                         lambda step: f"Recorded as published (step {step}).")


def saves_compared(filters: Filters, row, names: dict[int, str]) -> None:
    """Each saved draft beside the one before: what changed, before → after (an owner by name)."""
    drafts = query("response_drafts", filters, report=row.report, force=row.force)
    if drafts.empty:
        st.text("No draft saved yet.")
        return
    saves = drafts.to_dict("records")  # newest first; one report's saves, a handful
    pick = st.selectbox("Save", range(len(saves)), key=f"save-{row.report}-{row.force}",
                        format_func=lambda i: f"#{int(saves[i]['step_id'])}, {fmt_date(saves[i]['made_at'])} by "
                                              f"{saves[i]['actor']} (version {int(saves[i]['version'])})")
    older = saves[pick + 1] if pick + 1 < len(saves) else None
    changes = draft_changes(older, saves[pick], names)
    if not changes:
        st.text("Nothing changed from the save before.")
        return
    grid(pd.DataFrame(changes, columns=["What", "Before", "After"]), hide_index=True,
         key=f"changes-{row.report}-{row.force}")


def document_buttons(filters: Filters, row) -> None:
    """The response as DOCX and PDF, made when clicked, in the reader's scope as the directory has it then."""
    reader = current_reader()
    demo = bool(database_facts()["is_demo"])
    stem = f"response-{row.report}-{row.force}".lower().replace(" ", "-")

    def build(fmt: str) -> bytes:
        return document_bytes(db_path(), at_use(filters, reader), row.report, row.force, fmt, demo)

    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Response (DOCX)", lambda: build("docx"), f"{stem}.docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         key="response-docx", icon=":material/description:", on_click="ignore")
    right.download_button("Response (PDF)", lambda: build("pdf"), f"{stem}.pdf", "application/pdf",
                          key="response-pdf", icon=":material/picture_as_pdf:", on_click="ignore")


def national(filters: Filters) -> None:
    """Per force area: the share of responses published within 56 days, the median days, those overdue now."""
    rows = query("responses_national", filters, days=DAYS)
    st.header("By force area")
    if rows.empty:
        st.text("No responses due.")
        return
    table(rows, "responses_national", "responses_by_force")
