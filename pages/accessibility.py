"""Accessibility statement: how accessible the tracker is, what is not yet and why, how to report a problem, and the
enforcement procedure, in the form the Public Sector Bodies Accessibility Regulations 2018 ask for."""

import os

import streamlit as st

from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.core.text import markdown_literal

ensure_entrypoint()
st.title("Accessibility statement")
contact = os.environ.get("TRACKER_ACCESSIBILITY_CONTACT", "").strip()
st.markdown("""
This statement applies to the Recommendation Tracker as deployed by a police force, a police and crime
commissioner's office or the inspectorate. The organisation running it is responsible for it, and wants as many
people as possible to be able to use it.

## How accessible it is

The tracker aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. These are checked in the
test suite on every change, in the Chromium browser:

- **Automated checks.** axe-core 4.12 (rules for WCAG 2.0, 2.1 and 2.2 A and AA) finds no violations on any page, for
  every role, in meeting mode, on empty pages, on forms and on the sign-in pages.
- **Keyboard.** Tab alone reaches every link, button and field of every page, in order and out again, and the focus
  is always shown by a yellow and black ring. Radio groups take one Tab stop and move with the arrow keys. The sidebar's
  controls leave the Tab order while it is closed.
- **Charts.** Every chart has a sentence saying what it shows, and the same numbers as a table under it ("The chart's
  numbers as a table"). In meeting mode, where the screen is projected, the sentence and table are there for screen
  readers only. The parts of a chart differ by pattern or line as well as by colour.
- **Tables.** Switch on **Plain tables** in the sidebar (it stays in the page's address) to see every table as plain
  rows, read cell by cell by a screen reader, with a link to each recommendation; the interactive grids' menus are not
  needed then. Every table can also be downloaded as CSV or XLSX.
- **Colour.** Statuses, ratings and lateness are given in words (for example "14 days overdue", "🔴 Red"), never by
  colour alone. Text meets contrast 4.5:1, including captions and help text.
- **Structure.** Each page has one main heading and its parts are headed in order. Every value from the data is shown
  as plain text. The page menu is a list of plain links, and every form field has a visible label.
- **Zoom and reflow.** Every page reflows at 320 CSS pixels wide and at 200% zoom, with nothing cut off and no
  sideways scrolling except within a chart or table.
- **Motion.** If your system asks for less motion, nothing slides or fades.

## What is not accessible yet, and why

- **Interactive grids.** When Plain tables is off, Streamlit's data grids draw their cells on a canvas: a screen
  reader and the keyboard can reach the grid, but its column menus (sort, filter) are hard to use without a mouse.
  Plain tables, the sidebar's filters and the pages' own sort controls do the same work.
- **Charts** are images to a screen reader: their sentence and table are the way to read them.
- **Automated checks find only part of what WCAG asks.** The tracker has not yet been tested by people who use screen
  readers, magnifiers or voice control. If something does not work for you, please tell us (below).

These are being worked on; this statement will be updated as they change.

## Reporting a problem

If you find a problem, or need information in a different format,
""" + (f"contact **{markdown_literal(contact)}**." if contact else
       "contact your organisation's service desk, saying which page and what you were trying to do.") + """
We aim to reply within 5 working days.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and
Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how your organisation responds
to your complaint, contact the Equality Advisory and Support Service (EASS). In Northern Ireland, contact the Equality
Commission for Northern Ireland.

## Preparation of this statement

This statement was prepared on 1 December 2026, from the automated checks in the tracker's test suite and its own
review of what they do not cover.
""")
