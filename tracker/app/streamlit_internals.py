"""Every reliance on Streamlit's internals and markup, in one place: the pages-folder mode switched off, and the CSS
that targets Streamlit's own test ids (tests/test_streamlit_internals.py fails when a Streamlit upgrade drops any)."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_entrypoint() -> None:
    """Leave Streamlit's old pages-folder mode and rerun through the entrypoint.

    Streamlit treats a pages/ folder beside the entrypoint as an old-style multipage app until st.navigation has
    run once in the process, so the first deep link (/overview?force=…) would run the page alone, without the
    shared filters. The fixed project layout needs pages/, so switch the mode off here and rerun the same page.
    Streamlit has no setting for this (1.67); this is the one place that touches its internals, and
    tests/test_browser.py opens a deep link first in a fresh server so an upgrade that breaks it fails loudly.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# The room's sizes: larger type, the page's own padding trimmed so a screen fits a 1280×720 projector (the header's
# empty band, now over the agenda bar, lets clicks through to it; its own buttons sit clear at either end), and the
# PageUp/PageDown buttons (what clickers send) kept working but out of sight beside the visible arrows.
# The settings popover's button takes a pointer's click itself, not the icons inside it. Streamlit 1.67 re-creates its
# chevron's element as the popover opens (expand_more becomes expand_less, a new keyed icon), and its click-outside
# listener, added during that same click (since streamlit/streamlit#15339 replaced BaseWeb's popover; no upstream issue
# reports this) and skipped for only 50 ms, then finds the click's target gone from the page and closes the popover
# whenever opening it (its selectbox, date and download buttons) takes longer than that. This narrow button's centre
# is on its chevron at 1280×720.
ROOM_CSS = """<style>
html { font-size: 18px; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; padding-bottom: 0.5rem; max-width: 100%; }
[data-testid="stHeader"] { background: transparent; }
[data-testid="stHeader"], [data-testid="stHeader"] div { pointer-events: none; }
[data-testid="stHeader"] button, [data-testid="stHeader"] a { pointer-events: auto; }
[data-testid="stMetricValue"] { font-size: 2.8rem; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; }
[data-testid="stMain"] h1 { font-size: 1.6rem; padding: 0.25rem 0; }
.st-key-page_up, .st-key-page_down { display: none; }
[data-testid="stPopoverButton"] * { pointer-events: none; }
</style>"""

# A collapsed sidebar is only moved off the screen, so Tab would still walk through its controls unseen (WCAG 2.4.3,
# 2.4.11): hidden while collapsed, by Streamlit's own marking of the state.
COLLAPSED_SIDEBAR_CSS = '<style>#stSidebar[data-collapsed="true"] > * { visibility: hidden; }</style>'

# A plain table's cell text sits in a box that scrolls sideways when its text is a pixel wider than its column (a
# rounding of the column's width): a scrolling box a keyboard cannot reach (WCAG 2.1.1). Long words wrap instead.
PLAIN_TABLE_CSS = ('<style>[data-testid="stTable"] td [data-testid="stMarkdownContainer"] '
                   '{ overflow: visible !important; overflow-wrap: anywhere; }</style>')
