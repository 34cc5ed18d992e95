"""Reports: one id per title, unique and stable, and the inspectorate that published each."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd

from tracker.core.text import slugify
from tracker.ingest.problems import ImportProblem
from tracker.store.batch import REPORT_COLUMNS

JOINT_INSPECTORATE_FROM = date(2017, 7, 19)  # HMIC became HMICFRS when it took on fire and rescue


def inspectorate_for(title: str, published_on) -> str:
    """Which inspectorate published a report: joint with HMCPSI where the CPS is inspected too."""
    known = published_on is not None and not pd.isna(published_on)
    name = "HMIC" if known and published_on < JOINT_INSPECTORATE_FROM else "HMICFRS"
    lowered = title.lower()
    if "cps" in lowered or "crown prosecution" in lowered or "joint" in lowered:
        return f"{name} and HMCPSI"
    return name


def hashed_id(title: str) -> str:
    """An id from the title's own characters, for a title whose slug is empty or taken by another title."""
    slug = slugify(title)[:60].strip("-") or "report"
    return f"{slug}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:10]}"


def report_ids(titles: list[str], held: dict[str, str]) -> dict[str, str]:
    """Each title's report id: the held one, else its slug, else (slug empty or taken) slug plus a hash.

    `held` maps the database's titles to their ids. Titles that differ only in letter case are one report written two
    ways: that is an error, so a report is never split in two by a typing difference.
    """
    taken = {rid: title for title, rid in held.items()}
    by_fold = {title.casefold(): title for title in held}
    ids: dict[str, str] = {}
    for title in sorted(titles):
        other = by_fold.get(title.casefold())
        if other is not None and other != title:
            raise ImportProblem(f"report '{title}' differs only in letter case from the report '{other}' "
                                f"already {'held' if other in held else 'in this import'}; write the title one way")
        by_fold[title.casefold()] = title
        if title in held:
            ids[title] = held[title]
            continue
        rid = slugify(title)
        if not rid or rid in taken:
            rid = hashed_id(title)
        if rid in taken:
            raise ImportProblem(f"report '{title}' gets the id '{rid}' of the report '{taken[rid]}'; "
                                "change one title slightly")
        taken[rid] = title
        ids[title] = rid
    return ids


def reports_frame(titles_dates: pd.DataFrame, ids: dict[str, str]) -> pd.DataFrame:
    """Reports from (title, published_on) pairs: one row a title, its earliest known date."""
    grouped = titles_dates.groupby("title", as_index=False, dropna=False)["published_on"].min()
    grouped["published_on"] = grouped["published_on"].astype(object).where(grouped["published_on"].notna(), None)
    grouped["id"] = grouped["title"].map(ids)
    grouped["inspectorate"] = [inspectorate_for(t, d) for t, d in zip(grouped["title"], grouped["published_on"], strict=True)]
    return grouped[REPORT_COLUMNS]
