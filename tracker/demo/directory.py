"""The demo's people directory: every owner and overseer a person in their force, with board viewers and analysts per
force, each force area's commissioner, national analysts, administrators and inspectors; a few owners promoted since
they were named, a few gone."""

from __future__ import annotations

import random

import pandas as pd

from tracker.core.forces import is_body
from tracker.core.text import slugify
from tracker.demo.words import SURNAMES

# A rank as comments wrote it, and the rank of the same person after a promotion.
PROMOTED = {"Insp": "Ch Insp", "DI": "DCI", "DCI": "D Supt", "Ch Insp": "Supt", "Supt": "Ch Supt", "D Supt": "Ch Supt"}
TITLES = ("Ms", "Mr", "Dr", "Cllr")
PROMOTED_SHARE = 0.08  # owners who have been promoted since the comments named them
GONE_SHARE = 0.04  # owners who have left: named in comments, in no directory
DOMAIN = "police.example"  # RFC 2606: no real address
# Job titles, as the public site names owners who are not publicly named; each owner's is picked from their name (no
# draw from the random stream, so the rest of the demo does not change with this list).
OWNER_TITLES = ("Head of Public Protection", "Head of Crime", "Head of Local Policing", "Head of Criminal Justice",
                "Head of Safeguarding", "Head of Professional Standards", "Head of Contact Management",
                "Head of Intelligence", "Head of Digital Investigation", "Head of Custody")
CHIEF_TITLES = {"ACC": "Assistant Chief Constable", "DCC": "Deputy Chief Constable", "CC": "Chief Constable"}


def email_for(name: str, force: str | None, taken: set[str]) -> str:
    """A unique demo address: 'supt-wright@kent.police.example'."""
    local = slugify(name) or "person"
    domain = f"{slugify(force)}.{DOMAIN}" if force else f"national.{DOMAIN}"
    email, n = f"{local}@{domain}", 2
    while email in taken:
        email, n = f"{local}-{n}@{domain}", n + 1
    taken.add(email)
    return email


def demo_directory(people: dict[str, tuple[list[str], list[int], list[str]]], extra: dict[str, list[str]],
                   seed: int) -> pd.DataFrame:
    """The directory (email, name, force, roles) for the demo's owners and chiefs by force.

    `extra` adds owners and overseers named outside the generated lists (the real sample record's). Its own random
    stream, so the recommendations and their history do not depend on it.
    """
    rng = random.Random(seed * 7919 + 1)
    rows, taken = [], set()

    def add(name: str, force: str | None, roles: str, job_title: str = "", public: bool = False) -> None:
        rows.append({"email": email_for(name, force, taken), "name": name, "force": force, "roles": roles,
                     "job_title": job_title, "public_name": public})

    def owner_title(name: str) -> str:
        return OWNER_TITLES[sum(map(ord, name)) % len(OWNER_TITLES)]

    def staff(force: str, owners: list[str], chiefs: list[str]) -> None:
        for owner in owners:
            rank, _, surname = owner.partition(" ")
            luck = rng.random()
            if luck < GONE_SHARE:
                continue
            if luck < GONE_SHARE + PROMOTED_SHARE and rank in PROMOTED:
                add(f"{PROMOTED[rank]} {surname}", force, "lead", owner_title(surname))
            else:
                add(owner, force, "lead", owner_title(surname))
        for chief in chiefs:  # chief officers are publicly named
            add(chief, force, "reviewer;viewer", CHIEF_TITLES.get(chief.partition(" ")[0], "Chief Officer"), True)
        for name in extra.get(force, []):
            if not any(r["name"] == name and r["force"] == force for r in rows):
                add(name, force, "lead;reviewer", owner_title(name.partition(" ")[2]))
        for _ in range(3):
            add(f"{rng.choice(TITLES)} {rng.choice(SURNAMES)}", force, "viewer")
        add(f"{rng.choice(TITLES)} {rng.choice(SURNAMES)}", force, "analyst;viewer")

    for force, (owners, _, chiefs) in people.items():
        if not is_body(force):
            staff(force, owners, chiefs)
    for _ in range(3):
        add(f"{rng.choice(TITLES)} {rng.choice(SURNAMES)}", None, "analyst;viewer")
    add(f"{rng.choice(TITLES)} {rng.choice(SURNAMES)}", None, "admin;analyst")
    add(f"{rng.choice(TITLES)} {rng.choice(SURNAMES)}", None, "admin")
    for _ in range(2):  # the inspectorate: national, deciding on closure requests
        add(f"HM Inspector {rng.choice(SURNAMES)}", None, "inspectorate")
    for n, force in enumerate(f for f in people if not is_body(f)):  # each force area's commissioner (named without
        # the generator: none moves); a national body has none
        add(f"Commissioner {SURNAMES[(7 * n) % len(SURNAMES)]}", force, "commissioner", "Police and Crime Commissioner",
            True)
    rng = random.Random(seed * 7919 + 2)  # national bodies' staff last, on a stream of their own
    for force, (owners, _, chiefs) in people.items():
        if is_body(force):
            staff(force, owners, chiefs)
    return pd.DataFrame(rows, columns=["email", "name", "force", "roles", "job_title", "public_name"])
