"""Recommendation Tracker: the entrypoint. Who is reading, navigation, the shared filters, banners and the footer."""

import streamlit as st

from tracker.app.data import data_info, database_facts, ensure_database, query, service_answers
from tracker.app.identity import identify, reader_banner
from tracker.app.sidebar import sidebar
from tracker.app.streamlit_internals import COLLAPSED_SIDEBAR_CSS, PLAIN_TABLE_CSS
from tracker.app.upload_folders import process_folder
from tracker.app.view import HIDDEN_CSS, footer, literal, problem
from tracker.core.errors import TrackerError
from tracker.people.access import Reader
from tracker.store.database import Unavailable

st.set_page_config(page_title="Recommendation Tracker", page_icon=":material/fact_check:", layout="wide")


PATHS = ("overview", "meeting", "overdue", "forces", "trends", "reports", "owners", "my_items", "recommendation",
         "review", "closure", "responses", "activity", "people", "import", "publish", "national", "peel", "accessibility")
STATEMENT = "pages/accessibility.py"  # linked from every page's footer
ROOM = "meeting"  # the projector page: the sidebar starts closed, and no banner or footer takes its height


def pages_for(reader: Reader) -> dict[str, list]:
    """The pages this reader's roles open; every page checks again, and every query is limited to the reader's scope."""
    pages = {
        "Board": [
            st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
            st.Page("pages/meeting.py", title="Meeting", icon=":material/co_present:", url_path=ROOM),
            st.Page("pages/overdue.py", title="Overdue and stale", icon=":material/schedule:"),
            st.Page("pages/forces.py", title="Forces", icon=":material/map:"),
        ],
        "Analysis": [
            st.Page("pages/trends.py", title="Compliance trends", icon=":material/trending_up:"),
            st.Page("pages/reports.py", title="Reports", icon=":material/description:"),
            st.Page("pages/national.py", title="National recommendations", icon=":material/hub:"),
            st.Page("pages/peel.py", title="PEEL", icon=":material/grade:"),
            st.Page("pages/owners.py", title="Owner workloads", icon=":material/group:"),
        ],
        "My work": [
            st.Page("pages/my_items.py", title="My items", icon=":material/person:"),
            st.Page("pages/recommendation.py", title="Recommendation", icon=":material/article:"),
        ],
    }
    if reader.may("review"):
        pages["My work"].append(st.Page("pages/review.py", title="For my review", icon=":material/rate_review:"))
    pages["My work"].append(st.Page("pages/closure.py", title="Closure", icon=":material/verified:"))
    pages["My work"].append(st.Page("pages/responses.py", title="Responses", icon=":material/gavel:"))
    if reader.may("publish"):
        pages["My work"].append(st.Page("pages/publish.py", title="Public site", icon=":material/public:"))
    if reader.may("import"):
        pages["Data"] = [st.Page("pages/import.py", title="Import", icon=":material/upload_file:")]
    if reader.may("people"):
        pages["Administration"] = [st.Page("pages/people.py", title="People", icon=":material/badge:"),
                                   st.Page("pages/activity.py", title="Activity", icon=":material/history:")]
    pages["About"] = [st.Page(STATEMENT, title="Accessibility", icon=":material/accessibility:")]
    return pages


def page_links(pages: dict[str, list]) -> None:
    """The page menu in the sidebar: each section's caption, then a link a page (the current one marked)."""
    with st.sidebar:
        for section, entries in pages.items():
            st.caption(section)
            for entry in entries:
                st.page_link(entry, label=entry.title, icon=entry.icon)


RETRY_SECONDS = 2  # while the data service is down, each session looks again this often


def unavailable(exc: Unavailable) -> None:
    """Say so, without a traceback; the session looks again every few seconds and comes back by itself."""
    # The driver's message can quote hosts and paths: shown as plain text under a fixed headline, never as Markdown.
    st.warning(f"The data service is unavailable. Retrying every {RETRY_SECONDS} seconds…", icon=":material/cloud_off:")
    literal(str(exc))
    retry_when_back()


@st.fragment(run_every=RETRY_SECONDS)
def retry_when_back() -> None:
    """Rerun the whole page once the data service answers again."""
    if service_answers():
        st.rerun(scope="app")


def main() -> None:
    """Identify the reader, then run the page they asked for with the shared filters."""
    facts = database_facts()
    who = identify(facts["is_demo"])
    if not isinstance(who, Reader):  # not signed in, or not registered: that page and nothing else, at every address
        st.navigation([st.Page(who, title="Recommendation Tracker", url_path=path, default=not path)
                       for path in ("", *PATHS)], position="hidden").run()
    else:
        pages = pages_for(who)
        # Streamlit's own page menu puts its section headings inside the list as <div>s and its items outside any
        # list (axe: 'list', 'listitem'; WCAG 1.3.1). The menu is hidden and drawn instead from st.page_link, one
        # plain link a page under a caption a section, which a screen reader reads as links in order.
        page = st.navigation(pages, position="hidden")
        in_room = page.url_path == ROOM
        if in_room:
            st.set_page_config(initial_sidebar_state="collapsed")
        # The filters before the page menu: under the menu's score of links they sat below the fold, and a click that
        # scrolls the sidebar to reach one can land as the list opens, which closes the list again at once.
        filters = sidebar()
        page_links(pages)
        info = data_info(filters)
        with st.sidebar if in_room else st.container():  # in the room, the banner waits in the closed sidebar
            reader_banner(who)
        if info["is_demo"] and not in_room:
            st.warning("**Demo data.** Illustrative figures generated for demonstration: not any force's real position.",
                       icon=":material/science:")
        page.run()
        if not in_room:
            footer(filters, int(query("headline", filters)["total"]), info)
            st.page_link(STATEMENT, label="Accessibility statement", icon=":material/accessibility:")


# Whoever has asked their system for less motion gets none: no sliding sidebar, spinner or fade (WCAG 2.3.3). A plain
# media query on every element, not a selector of Streamlit's markup.
st.html("<style>@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation-duration: 0.01ms "
        "!important; animation-iteration-count: 1 !important; transition-duration: 0.01ms !important; "
        "scroll-behavior: auto !important; } }</style>")
# Whatever has the keyboard's focus shows it the same way everywhere (WCAG 2.4.7, 2.4.11): GOV.UK's focus colours, a
# yellow ring with a black edge, readable on white and on the blue of a primary button. Streamlit marks some controls'
# focus only by a change of border colour (text fields, page links, the tables' canvas), which is easy to miss.
# A field's own ring can be cut off by the box around it, and a radio's input is drawn as a circle beside it: the ring
# goes on the input's parent.
st.html("<style>:focus-visible, :has(> input:focus-visible), label:has(input:focus-visible) { outline: 3px solid #FFDD00 "
        "!important; outline-offset: 0 !important; box-shadow: 0 0 0 5px #0B0C0C !important; }</style>")
st.html(COLLAPSED_SIDEBAR_CSS)  # tracker.app.streamlit_internals: Tab skips a closed sidebar (WCAG 2.4.3)
st.html(PLAIN_TABLE_CSS)  # no plain table's cell scrolls out of the keyboard's reach (WCAG 2.1.1)
st.html(HIDDEN_CSS)  # text alternatives for screen readers only (tracker.app.view.for_screen_readers)

try:
    process_folder()  # once a process: its upload folder, and ended processes' leftovers swept
    ensure_database()
    main()
except Unavailable as exc:
    unavailable(exc)
except TrackerError as exc:  # any page's, shown one way: a message, never a traceback
    problem(exc)
