"""Accessibility statement: how accessible the tracker is, what is not yet and why, how to report a problem, and the
enforcement procedure, in the form the Public Sector Bodies Accessibility Regulations 2018 ask for."""

import os

import streamlit as st

from tracker.app.entry import ensure_entrypoint

ensure_entrypoint()
st.title("Accessibility statement")
contact = os.environ.get("TRACKER_ACCESSIBILITY_CONTACT", "").strip()
st.markdown("""
This statement applies to the Recommendation Tracker as deployed by a police force, a police and crime
commissioner's office or the inspectorate. The organisation running it is responsible for it, and wants as many
people as possible to be able to use it.

## How accessible it is

The tracker aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. In every page, for the roles
the automated checks cover, axe-core 4.12 (rules for WCAG 2.0, 2.1 and 2.2 A and AA) finds no violations; those checks
run in the test suite on every change. Text meets contrast 4.5:1, including captions and help text. Statuses, ratings
and lateness are given in words (for example "14 days overdue", "🔴 Red"), never by colour alone. Every value from the
data is shown as plain text. The page menu is a list of plain links, and every form field has a visible label. If your
system asks for less motion, nothing slides or fades.

## What is not accessible yet, and why

- **Charts.** Not every chart yet has a sentence saying what it shows with the same numbers as a table beside it. The
  figures behind most charts are in the tables and downloads on the same page.
- **Interactive tables.** Streamlit's data grids draw their cells on a canvas: their column menus (sort, filter) are
  hard to use with a keyboard or a screen reader. Every table can be downloaded as CSV or XLSX, and the filters in the
  sidebar select the same rows.
- **Keyboard.** Every control is a standard Streamlit control, reachable with Tab; a full keyboard walk of every page
  is not yet tested.
- **Zoom and reflow.** Pages at 200% zoom and 320 CSS pixels wide are not yet tested.
- **Meeting mode** is made for a projector: its charts are drawn at large sizes and it has no page heading yet.

These are being fixed; this statement will be updated as they are.

## Reporting a problem

If you find a problem, or need information in a different format,
""" + (f"contact **{contact}**." if contact else "contact your organisation's service desk, saying which page and what "
       "you were trying to do.") + """ We aim to reply within 5 working days.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and
Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how your organisation responds
to your complaint, contact the Equality Advisory and Support Service (EASS). In Northern Ireland, contact the Equality
Commission for Northern Ireland.

## Preparation of this statement

This statement was prepared on 1 December 2026, from the automated checks in the tracker's test suite and its own
review of what they do not cover.
""")
