"""People: the directory, how names in comments were linked to people, and linking the ones that were not."""

import streamlit as st

from tracker.app.data import current_reader, db_path, people, query
from tracker.app.policies import policies_section
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import literal, refused, table, tiles
from tracker.core.display import fmt_int
from tracker.core.errors import TrackerError
from tracker.core.names import LINKED
from tracker.ingest.people import add_alias

ensure_entrypoint()
st.title("People")
reader = current_reader()
if reader is None or not reader.may("people"):
    st.error("This page is for the tracker's administrators.", icon=":material/block:")
else:
    filters = current_filters().only_date()
    directory = people(filters)
    counts = query("name_link_counts", filters)
    by_how = dict(zip(counts["how"], counts["names"], strict=True))
    tiles([
        ("People", fmt_int(int(directory["active"].sum())), "Active people in the directory."),
        ("Names linked", fmt_int(sum(by_how.get(h, 0) for h in LINKED)),
         "Owner and overseer names in comments linked to a person of their force."),
        ("Ambiguous", fmt_int(by_how.get("ambiguous", 0)), "Names that several people of the force could be."),
        ("Unmatched", fmt_int(by_how.get("unmatched", 0)), "Names that nobody in the force's directory matches."),
    ])
    st.header("Names not linked to anyone")
    unresolved = query("unresolved_names", filters)
    if unresolved.empty:
        st.info("Every owner and overseer name is linked to a person.", icon=":material/task_alt:")
    else:
        table(unresolved, "unresolved", "unresolved_names")
        choices = [f"{f}\u0000{n}" for f, n in zip(unresolved["force"], unresolved["name"], strict=True)]
        chosen = st.selectbox("Link a name as written", choices,
                              format_func=lambda c: " · ".join(reversed(c.split("\u0000"))))
        force, name = chosen.split("\u0000") if chosen else (None, None)
        in_force = directory[(directory["force"] == force) & directory["active"]]
        with st.form("link_name"):
            person = st.selectbox("Is this person", in_force["person_id"].tolist(),
                                  format_func=dict(zip(in_force["person_id"], in_force["name"], strict=True)).get)
            if st.form_submit_button("Link", icon=":material/link:") and person is not None:
                try:
                    add_alias(db_path(), force, name, int(person), reader.person.email)
                except TrackerError as exc:
                    refused("Not linked.", str(exc))
                else:
                    st.success("Linked. Every item naming it now counts for that person.", icon=":material/check:")
                    literal(f"{name} → {dict(zip(in_force['person_id'], in_force['name'], strict=True))[person]}")
    options = query("filter_options", filters)
    policies_section(reader, filters, sorted(options.loc[options["field"] == "force", "value"].dropna()))
    st.header("Directory")
    table(directory, "directory", "people")
