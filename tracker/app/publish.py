"""The Public site page's parts: a force's site built as of the sidebar's date, what changed since its last
publication, and the commissioner's (or an administrator's) confirmation, which records the publication and offers
the site as a zip."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import streamlit as st

from tracker.app.data import current_reader, db_path, scope_now
from tracker.app.view import literal, refused
from tracker.core.errors import TrackerError
from tracker.core.forces import FORCES
from tracker.core.text import markdown_literal
from tracker.people.access import Reader
from tracker.publish.publishing import Prepared, prepare, publish_refusal, record
from tracker.store.database import open_reader

DONE = "publish:done"  # the digest of the site this session published, offered as a zip


def site_zip(files: dict[str, bytes], as_of: date) -> bytes:
    """The site as a zip the same files always give the same bytes of (fixed times, path order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"site/{path}", date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[path])
    return out.getvalue()


def force_choice(reader: Reader) -> str | None:
    """The force whose site this is: the reader's own, or one a national administrator picks."""
    person = reader.person
    if person is None:
        return None
    if person.force is not None:
        return person.force
    return st.selectbox("Force", FORCES, index=None, placeholder="Choose the force whose site to build")


def built(force: str, as_of: date, scope: tuple[str, ...] | None) -> Prepared:
    """The site built now, from a current copy, within the reader's scope as it is at this moment."""
    return prepare(open_reader(db_path()), force, as_of, scope)


def changes_table(prepared: Prepared) -> pd.DataFrame:
    """What changed since the last publication, as a table (shown as text, never rendered)."""
    return pd.DataFrame([{"Change": c.kind, "Item": c.about, "Detail": c.detail} for c in prepared.changes],
                        columns=["Change", "Item", "Detail"])


def publish_view(as_of: date) -> None:
    """Build, review and publish the reader's force's site."""
    reader = current_reader()
    if reader is None or not reader.may("publish"):
        st.info("Only a force area's commissioner or an administrator publishes its public site.",
                icon=":material/lock:")
        return
    force = force_choice(reader)
    if force is None:
        return
    refusal = publish_refusal(reader.person, force)
    if refusal:
        refused("Not available.", refusal)
        return
    try:
        prepared = built(force, as_of, scope_now(reader))
    except TrackerError as exc:
        refused("The site could not be built.", str(exc))
        return
    site = prepared.site
    st.header(f"{markdown_literal(force)}, as of {as_of:%-d %B %Y}")  # a force's name is data; a heading reads Markdown
    left, middle, right = st.columns(3)
    left.metric("Recommendations", f"{len(site.items):,}")
    middle.metric("Withheld", f"{sum(1 for i in site.items if i.withheld):,}")
    right.metric("Files", f"{len(prepared.files):,}")
    last = prepared.last
    if last is None:
        st.caption("The first publication: every item is new.")
    else:
        literal(f"Changes since publication #{last['publication_id']} (as of {last['as_of']}, by {last['actor']}): "
                f"{len(prepared.changes):,}")
    st.dataframe(changes_table(prepared), hide_index=True, width="stretch")
    if st.session_state.get(DONE) == prepared.digest:
        st.success("Published. Put the site's files on the commissioner's website.", icon=":material/check_circle:")
        st.download_button("Download the site (zip)", site_zip(prepared.files, as_of), f"{force}-site-{as_of}.zip",
                           "application/zip", icon=":material/download:", on_click="ignore")
        return
    if last is not None and last["digest"] == prepared.digest:
        st.info("Nothing has changed since the last publication.", icon=":material/info:")
    confirmed = st.checkbox("I have checked the changes above, and every item on the site may be published",
                            key=f"publish-confirm-{prepared.digest}")
    pressed = st.button("Publish", type="primary", disabled=not confirmed, icon=":material/public:", key="publish-go")
    if pressed:
        person = reader.person
        role = "commissioner" if "commissioner" in person.roles else "admin"
        try:
            number = record(db_path(), prepared, person.email, role, person.person_id, "app")
        except TrackerError as exc:
            refused("Not published.", str(exc))
            return
        st.session_state[DONE] = prepared.digest
        st.toast(f"Publication #{number} recorded.")
        st.rerun()
