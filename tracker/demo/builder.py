"""Build a deterministic, realistic national demo dataset: 43 forces, reports since 2014, dated histories."""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from tracker import ROOT
from tracker.core import clock
from tracker.core.dates import end_of_month
from tracker.core.forces import FORCES
from tracker.core.progress import SILENT, Progress
from tracker.core.sources import DEFAULT_SOURCE, answer_by, rule_of
from tracker.core.statuses import (
    AWAITING,
    COMPLETE,
    PROGRESSING,
    SIGN_OFF,
    SUPERSEDED,
)
from tracker.demo.activity import RECENT_DAYS, record_demo_activity, record_demo_meetings
from tracker.demo.directory import demo_directory
from tracker.demo.sources import add_other_sources
from tracker.demo.words import (
    BOARDS,
    CHIEF_RANKS,
    ILLUSTRATIVE_SUBJECTS,
    PEEL_TITLE,
    PROGRESS,
    PURPOSES,
    RANKS,
    REAL_REPORTS,
    REVIEWER,
    STEMS,
    SURNAMES,
)
from tracker.ingest.build import publisher
from tracker.ingest.facts import stated_target
from tracker.ingest.peel import add_grades
from tracker.ingest.people import add_people, held_directory, versions
from tracker.ingest.register import parse_record
from tracker.ingest.reports import report_ids, reports_frame
from tracker.ingest.themes import theme_for
from tracker.store.batch import REC_COLUMNS, UPDATE_COLUMNS, Batch, Origin, rec_key
from tracker.store.database import reset, write
from tracker.store.writer import record_audit, set_meta, store_batch

SAMPLE = ROOT / "data" / "samples" / "living-in-fear-8019.txt"
FIRST = date(2014, 1, 1)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Report:
    """A demo report: its title, date and the subject its texts are drawn from."""

    title: str
    published_on: date
    subject: str


def month_year(d: date) -> str:
    """'December 2023'."""
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def stems_for(title: str) -> tuple[str, ...]:
    """Recommendation openings that fit a report's subject."""
    lowered = title.lower()
    for word, stems in STEMS.items():
        if word in lowered:
            return stems
    if "honour" in lowered or "coercive" in lowered:
        return STEMS["domestic abuse"]
    if "exploitation" in lowered or "missing" in lowered:
        return STEMS["child"]
    if "corruption" in lowered or "misconduct" in lowered:
        return STEMS["vetting"]
    return STEMS["other"]


BODY_COPIES = ("College of Policing", "National Police Chiefs' Council")  # bodies holding national recommendations
NATIONAL_TO_BODIES = 3  # how many of the national recommendations they hold
CAUSE_ANSWERS = 3  # recommendations answering each cause of concern
# The PEEL questions areas for improvement come under (PEEL 2023–25), and which the demo's themes fall in.
PEEL_QUESTIONS = ("Investigating crime", "Protecting vulnerable people", "Responding to the public",
                  "Preventing crime", "Managing offenders", "Building, supporting and protecting the workforce",
                  "Leadership and force management", "Police powers and public treatment", "Recording data about crime")
PEEL_BY_THEME = {"Crime data integrity": "Recording data about crime", "Custody": "Police powers and public treatment",
                 "Domestic abuse": "Protecting vulnerable people", "Child protection": "Protecting vulnerable people",
                 "Stalking and harassment": "Protecting vulnerable people", "Vetting and counter-corruption":
                 "Building, supporting and protecting the workforce", "Stop and search":
                 "Police powers and public treatment", "Neighbourhood policing": "Preventing crime",
                 "Mental health": "Responding to the public", "Modern slavery": "Protecting vulnerable people",
                 "Leadership and workforce": "Leadership and force management", "Victims and witnesses":
                 "Responding to the public", "Violence against women and girls": "Protecting vulnerable people",
                 "Digital and cyber crime": "Investigating crime"}


PEEL_YEARS = (2023, 2025)  # the demo's two PEEL inspections of every force
GRADE_SCALE = ("outstanding", "good", "adequate", "requires improvement", "inadequate")


def peel_grades_frame(seed: int, as_of: date) -> pd.DataFrame:
    """Every force's grade for every PEEL question in each inspection year up to as_of: around 'adequate', moving by
    at most one step between inspections (a stream of its own)."""
    rng = random.Random(seed * 7_333 + 5)
    rows = []
    for force in FORCES:
        for question in PEEL_QUESTIONS:
            rank = rng.choices(range(5), (4, 25, 40, 24, 7))[0]
            for year in PEEL_YEARS:
                if year > as_of.year:
                    break
                rows.append({"force": force, "year": year, "question": question, "grade": GRADE_SCALE[rank]})
                rank = min(4, max(0, rank + rng.choice((-1, 0, 0, 1))))
    return pd.DataFrame(rows, columns=["force", "year", "question", "grade"])


def peel_question(theme: str) -> str:
    """The PEEL question a theme's areas for improvement come under (investigating crime when none fits)."""
    return PEEL_BY_THEME.get(theme, "Investigating crime")


class DemoBuilder:
    """Generates the rows; one instance per build so the random stream is the seed's alone."""

    def __init__(self, n: int, seed: int, as_of: date):
        self.n, self.as_of, self.rng = n, as_of, random.Random(seed)
        self.recs: dict[str, list] = {c: [] for c in REC_COLUMNS}
        self.upd: dict[str, list] = {c: [] for c in UPDATE_COLUMNS}
        self.people = {f: self.force_people() for f in FORCES}
        self.extra_people: dict[str, list[str]] = {}  # names outside the generated lists (the sample record's)
        # National bodies' copies, and the recent reports, draw from streams of their own, so the forces' other data
        # is the same with or without them.
        self.body_rng = random.Random(seed * 104_729 + 3)
        self.recent_rng = random.Random(seed * 130_363 + 5)
        self.source_rng = random.Random(seed * 155_921 + 11)

    @contextmanager
    def body_stream(self, stream: random.Random | None = None):
        """Draw from the national bodies' own random stream (or another of the builder's own) for a while."""
        saved, self.rng = self.rng, stream or self.body_rng
        try:
            yield
        finally:
            self.rng = saved

    def add_recent(self, next_id: int, skip: int) -> int:
        """The national reports of the last weeks (RECENT_DAYS), one recommendation each in every force, so that
        statutory responses are due within 28 days and some are past their deadline; the next free id."""
        with self.body_stream(self.recent_rng):
            for k, days in enumerate(RECENT_DAYS):
                published = self.as_of - timedelta(days=days)
                subject = ILLUSTRATIVE_SUBJECTS[(3 + 7 * k) % len(ILLUSTRATIVE_SUBJECTS)]
                report = Report(f"Illustrative inspection of {subject}, {month_year(published)}", published, subject)
                text = f"{self.rng.choice(stems_for(subject))} {self.rng.choice(PURPOSES)}"
                next_id += next_id == skip
                for force in FORCES:
                    self.add(next_id, force, report, "recommendation", theme_for(report.title, text), text)
                next_id += 1
        return next_id

    def force_people(self) -> tuple[list[str], list[int], list[str]]:
        """Owners with uneven workloads (weights), and the chief officers who oversee them."""
        rng = self.rng
        owners = [f"{rng.choice(RANKS)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(5, 9))]
        owners = list(dict.fromkeys(owners))
        weights = [max(1, int(12 / (i + 1))) for i in range(len(owners))]
        chiefs = list(dict.fromkeys(f"{rng.choice(CHIEF_RANKS)} {rng.choice(SURNAMES)}" for _ in range(3)))
        return owners, weights, chiefs

    def random_date(self, start: date, end: date) -> date:
        """A uniformly random day between two dates."""
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def reports(self) -> tuple[list[Report], list[Report]]:
        """National reports (real and illustrative) and the yearly force-by-force PEEL rounds."""
        national = [Report(t, d, t) for t, d in REAL_REPORTS if d <= self.as_of]
        n_national = max(20, round(0.6 * self.n / len(FORCES)) // 5)
        k = 0
        while len(national) < n_national:
            subject = ILLUSTRATIVE_SUBJECTS[k % len(ILLUSTRATIVE_SUBJECTS)]
            suffix = "" if k < len(ILLUSTRATIVE_SUBJECTS) else f" (part {k // len(ILLUSTRATIVE_SUBJECTS) + 1})"
            title = f"Illustrative inspection of {subject}{suffix}"
            national.append(Report(title, self.random_date(FIRST, self.as_of - timedelta(days=60)), subject))
            k += 1
        peel = [Report(PEEL_TITLE.format(year=y), date(y, 3, 1) + timedelta(days=self.rng.randint(0, 200)), "peel")
                for y in range(2014, self.as_of.year + 1) if date(y, 9, 30) <= self.as_of]
        return national, peel

    def build(self) -> Batch:
        """Every row of the demo dataset."""
        rng = self.rng
        national, peel = self.reports()
        sample = parse_record(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
        sample_force = rng.choice(FORCES)
        per_force_national = max(1, round(0.6 * self.n / len(FORCES)))
        next_id = 7000
        texts: list[tuple[int, Report, str]] = []
        for i in range(per_force_national):
            report = national[i % len(national)]
            if report.title == sample.title and not any(t[0] == sample.id for t in texts):
                texts.append((sample.id, report, sample.text))
                continue
            stem = rng.choice(stems_for(report.subject))
            texts.append((next_id, report, f"{stem} {rng.choice(PURPOSES)}"))
            next_id += 1 + (next_id + 1 == sample.id)  # the real record's id is its own (a big demo counts past it)
        for rec_id, report, text in texts:
            theme = theme_for(report.title, text)
            for force in FORCES:
                if rec_id == sample.id and force == sample_force:
                    self.add_sample(sample, force, theme)
                else:
                    self.add(rec_id, force, report, "recommendation", theme, text)
        with self.body_stream():  # a few national recommendations are addressed to national bodies too
            for rec_id, report, text in [t for t in texts if t[0] != sample.id][:NATIONAL_TO_BODIES]:
                for body in BODY_COPIES:
                    if body not in self.people:
                        self.people[body] = self.force_people()
                    self.add(rec_id, body, report, "recommendation", theme_for(report.title, text), text)
        next_id = self.add_recent(next_id, sample.id)
        with self.body_stream(self.source_rng):  # coroners' reports and IOPC recommendations, from their own stream
            add_other_sources(self)
        remaining = self.n - len(self.recs["key"])
        next_id = max(next_id, 20000)
        for j in range(max(0, remaining)):
            force = FORCES[j % len(FORCES)] if j < len(FORCES) else rng.choice(FORCES)
            report = rng.choice(peel) if peel else national[0]
            kind = rng.choices(("area for improvement", "cause of concern", "recommendation"), (80, 8, 12))[0]
            text = f"{rng.choice(STEMS['other'] + rng.choice(list(STEMS.values())))} {rng.choice(PURPOSES)}"
            self.add(next_id, force, report, kind, theme_for("", text), text)
            next_id += 1
        self.link_findings()
        recs = pd.DataFrame(self.recs)
        titles = recs[["report", "published_on"]].rename(columns={"report": "title"})
        ids = report_ids(sorted(set(recs["report"])), {})
        reports = reports_frame(titles, ids)
        reports["inspectorate"] = publisher(reports, recs)  # a coroner's report is the coroner's, not an inspectorate's
        recs["report"] = recs["report"].map(ids)
        return Batch("demo", ["demo"], reports, recs, pd.DataFrame(self.upd))

    def link_findings(self) -> None:
        """Each cause of concern answered by up to three recommendations of its force and report (the next ones made
        after it), and each area for improvement under a PEEL question by its theme (no random draw)."""
        recs = self.recs
        by_place: dict[tuple[str, str], list[int]] = {}
        for i, (force, report) in enumerate(zip(recs["force"], recs["report"], strict=True)):
            by_place.setdefault((force, report), []).append(i)
        for rows in by_place.values():
            for i in rows:
                if recs["kind"][i] == "cause of concern":
                    answering = [j for j in rows if j > i and recs["kind"][j] != "cause of concern"
                                 and recs["cause_id"][j] is None][:CAUSE_ANSWERS]
                    for j in answering:
                        recs["cause_id"][j] = recs["id"][i]
        for i, kind in enumerate(recs["kind"]):
            if kind == "area for improvement":
                recs["peel_question"][i] = peel_question(recs["theme"][i])

    def add_rec(self, *, rec_id: int, force: str, title: str, kind: str, theme: str, text: str, published: date,
                owner: str, overseer: str, board: str, original: date | None, current: date | None,
                target_text: str | None, source: str = DEFAULT_SOURCE, source_ref: str | None = None,
                addressee: str | None = None, stated: date | None = None) -> str:
        """Append one recommendation row (named fields, each landing in its own column); its source's clock gives the
        day to answer by (a date the source states where it wins)."""
        key = rec_key(rec_id, force)
        row = {"key": key, "id": rec_id, "force": force, "report": title, "kind": kind, "theme": theme,
               "theme_from": "rules", "text": text, "published_on": published,
               "owner": owner, "owner_extracted": True, "overseer": overseer, "overseer_extracted": True,
               "board": board, "board_extracted": True, "target_original": original, "target_current": current,
               "target_text": target_text, "target_extracted": True, "source": source, "source_ref": source_ref,
               "addressee": addressee or rule_of(source).answered_by, "answer_by": answer_by(source, published, stated)}
        for col in REC_COLUMNS:
            self.recs[col].append(row.get(col))
        return key

    def add_update(self, key: str, on: date, status: str | None, text: str | None, pos: int,
                   target: date | None = None) -> None:
        """Append one update row; `target` is the date its comment states, as the importer would read it."""
        row = {"key": key, "on_date": on, "status": status, "text": text, "source": "demo", "position": pos,
               "stated_target": target}
        for col in UPDATE_COLUMNS:
            self.upd[col].append(row.get(col))

    def add_sample(self, sample, force: str, theme: str) -> None:
        """The real record from the register, as it was published (entries after as_of left out)."""
        self.extra_people[force] = ["Supt Wright", "ACC Watson"]
        key = self.add_rec(rec_id=sample.id, force=force, title=sample.title, kind="recommendation", theme=theme,
                           text=sample.text, published=date(2017, 7, 5), owner="Supt Wright", overseer="ACC Watson",
                           board="Strategic Domestic Abuse Board", original=date(2018, 8, 31),
                           current=date(2018, 8, 31), target_text="Summer 2018")
        for pos, e in enumerate(sample.entries):
            if e.on <= self.as_of:
                self.add_update(key, e.on, e.status, e.text, pos, stated_target(e.text) if e.text else None)

    def add(self, rec_id: int, force: str, report: Report, kind: str, theme: str, text: str) -> None:
        """One recommendation in one force with a history that follows the real lifecycle."""
        rng, as_of = self.rng, self.as_of
        owners, weights, chiefs = self.people[force]
        owner = rng.choices(owners, weights)[0]
        overseer = rng.choice(chiefs)
        board = rng.choice(BOARDS)
        published = report.published_on
        original = end_of_month(*divmod_month(published, rng.randint(6, 18)))
        target = original
        days_to_finish = int(rng.lognormvariate(6.4, 0.55))  # median about 600 days
        fate = rng.random()
        finish = published + timedelta(days=days_to_finish)
        stale_from = published + timedelta(days=rng.randint(200, 1500)) if rng.random() < 0.18 else None
        # (date, status, comment, the target the comment states)
        events: list[tuple[date, str | None, str | None, date | None]] = [(published, AWAITING, None, None)]
        start = published + timedelta(days=rng.randint(20, 200))
        if start <= as_of and fate > 0.03:
            events.append((start, PROGRESSING, None, None))
            events.append((start, None,
                           (f"The recommendation owner is {owner} overseen by {overseer}. The action is set to be "
                           f"completed by the end of {month_year(original)}. This action is reviewed and monitored "
                           f"by the {board}."), original))
        day = start
        done = None
        if fate > 0.96:
            done = (published + timedelta(days=rng.randint(300, 1500)), SUPERSEDED,
                    "This recommendation has been superseded by a later inspection and is closed.")
        elif fate > 0.03:
            done = (finish, COMPLETE, ("The force has demonstrated that the new process is embedded and monitored. "
                    "I am satisfied that this recommendation is complete."))
        while True:
            day = day + timedelta(days=rng.randint(45, 170))
            if day > as_of or (done and day >= done[0]) or (stale_from and day > stale_from):
                break
            if day > target and rng.random() < 0.5:
                target = end_of_month(*divmod_month(day, rng.randint(3, 9)))
                events.append((day, None, (f"The original target has been revised. The action is now estimated "
                                          f"to be completed by the end of {month_year(target)}."), target))
                continue
            line = rng.choice(PROGRESS).format(pct=rng.randint(40, 98), n=rng.randint(20, 200), board=board)
            events.append((day, None, f"The force has provided the following update. '{line}' {rng.choice(REVIEWER)}",
                           None))
        if done and not (stale_from and done[0] > stale_from):
            sign_off = done[0] - timedelta(days=rng.randint(20, 120))
            if done[1] == COMPLETE and start < sign_off <= as_of and (done[0] > as_of or rng.random() < 0.4):
                events.append((sign_off, SIGN_OFF, None, None))
            if done[0] <= as_of:
                events.append((done[0], done[1], None, None))
                events.append((done[0], None, done[2], None))
        key = self.add_rec(rec_id=rec_id, force=force, title=report.title, kind=kind, theme=theme, text=text,
                           published=published, owner=owner, overseer=overseer, board=board, original=original,
                           current=target, target_text=month_year(target))
        for pos, (on, status, comment, stated) in enumerate(events):
            self.add_update(key, on, status, comment, pos, stated)


def divmod_month(d: date, months: int) -> tuple[int, int]:
    """(year, month) a number of months after a date's month."""
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def build_demo(db: Path, n: int = 8000, seed: int = 7, as_of: date | None = None, shown: Progress = SILENT) -> dict:
    """Replace the database with a fresh demo dataset; return counts. `shown` hears which step it is on."""
    as_of = as_of or clock.today()
    shown.step(f"making {n:,} recommendations")
    builder = DemoBuilder(n, seed, as_of)
    batch = builder.build()
    wanted = demo_directory(builder.people, builder.extra_people, seed)
    wanted["roles"] = [r.split(";") for r in wanted["roles"]]
    rows, _ = versions(wanted, held_directory(None)[0])
    shown.step("emptying the database")
    reset(db)

    def build(w):
        summary = store_batch(w, batch, "demo", Origin("demo", "operator", "demo"))
        add_people(w, rows, "demo")
        add_grades(w, peel_grades_frame(seed, as_of), "demo", "demo")
        record_audit(w, "demo", "operator", "command line", "demo", f"{n:,} recommendations, seed {seed}",
                     after={"as_of": as_of.isoformat()})
        set_meta(w, is_demo="true", demo_seed=str(seed), demo_as_of=as_of.isoformat())
        return summary

    shown.step(f"writing {len(batch.recommendations):,} recommendations and {len(batch.updates):,} updates")
    summary = write(db, build)
    shown.step("recording the boards' meetings and the year's activity")
    record_demo_activity(db, as_of, seed, record_demo_meetings(db, as_of))
    return {"recommendations": summary.recommendations_added, "updates": summary.updates_added,
            "reports": len(batch.reports)}
