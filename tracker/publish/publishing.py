"""Publishing a force's site: build it from the copy as of a day, show what changed since the last publication, and
record the publication (confirmed) as an event in the trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.core import clock
from tracker.core.filters import Filters
from tracker.people.access import ADMIN, COMMISSIONER, Person
from tracker.publish.build import PublishError, build, digest, manifest
from tracker.publish.content import Site, optional_date, site_content
from tracker.publish.diff import Change, changes
from tracker.store import queries
from tracker.store.database import write
from tracker.store.writer import record_audit

SQL_DIR = Path(__file__).with_name("sql")


@dataclass(frozen=True)
class Prepared:
    """A site built and compared with the last publication, not yet published."""

    site: Site
    files: dict[str, bytes]
    digest: str
    manifest: dict
    changes: tuple[Change, ...]
    last: dict | None  # the last publication: publication_id, as_of, made_at, actor, digest, files


def publish_refusal(person: Person | None, force: str) -> str | None:
    """Why this person may not publish the force's site, or None when they may: the force area's commissioner, or an
    administrator."""
    if person is None or not person.active:
        return "only a signed-in, active person can publish"
    if ADMIN in person.roles and person.force in (None, force):
        return None
    if COMMISSIONER in person.roles and person.force == force:
        return None
    return f"only {force}'s commissioner or an administrator can publish its site"


def as_of_refusal(as_of: date, today: date) -> str | None:
    """Why a site may not be published as of this day, or None: a day after today has not happened yet."""
    if as_of > today:
        return (f"a site cannot be published as of {as_of.isoformat()}, after today ({today.isoformat()}); give today "
                "or an earlier day")
    return None


def prepare(con, force: str, as_of: date, scope: tuple[str, ...] | None = None) -> Prepared:
    """Build the force's site as of the day within the reader's scope, and what changed since its last publication;
    PublishError for a day after today."""
    if refusal := as_of_refusal(as_of, clock.today()):
        raise PublishError(refusal)
    site = site_content(con, force, as_of, scope)
    files = build(site)
    now = manifest(site)
    last = queries.run(con, "last_publication", force=force, **Filters(as_of=as_of, scope=scope).params())
    before = json.loads(last["manifest"]) if last else None
    return Prepared(site, files, digest(files), now, tuple(changes(before, now)),
                    None if last is None else {k: v for k, v in last.items() if k != "manifest"}
                    | {"as_of": optional_date(last["as_of"]), "publication_id": int(last["publication_id"])})


def record(db, prepared: Prepared, actor: str, role: str, actor_id: int | None, source: str) -> int:
    """Record the confirmed publication (its digest, and what each item showed, for the next diff) with an audit row,
    in one write; its number. PublishError for a day after today, as prepare() refuses it."""
    if refusal := as_of_refusal(prepared.site.as_of, clock.today()):
        raise PublishError(refusal)

    def keep(w) -> int:
        number = w.number()
        publication_id = int(w.run(SQL_DIR / "next_publication_id.sql")[0][0])
        w.run(SQL_DIR / "add_publication.sql", publication_id=publication_id, force=prepared.site.force,
              as_of=prepared.site.as_of, made_at=clock.now(), actor_id=actor_id,
              actor=actor, role=role, source=source, digest=prepared.digest, files=len(prepared.files),
              manifest=json.dumps(prepared.manifest, sort_keys=True, default=str), change_no=number)
        record_audit(w, actor, role, source, "publish site", prepared.site.force,
                     before=None if prepared.last is None else {"publication": prepared.last["publication_id"],
                                                                "digest": prepared.last["digest"]},
                     after={"publication": publication_id, "as_of": prepared.site.as_of.isoformat(),
                            "digest": prepared.digest, "files": len(prepared.files),
                            "changes": len(prepared.changes)})
        return publication_id

    return write(db, keep)
