"""The import log's actions: retract an import (its rows stop counting), restore it, and save a column mapping.
Each is a new row and an audit entry in one all-or-nothing write; nothing is changed or deleted."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.mapping import Mapping, mapping_json, mapping_of_text
from tracker.ingest.problems import ImportProblem
from tracker.ingest.statements import SQL_DIR, sql
from tracker.store import queries
from tracker.store.copy import COPY_SQL
from tracker.store.database import open_reader, write
from tracker.store.queries import sql_text
from tracker.store.scratch import tables_copy
from tracker.store.writer import record_audit

ACTIONS = ("retract", "restore")


def import_facts(con, import_id: int) -> dict | None:
    """An import's state: whether it counts now and the forces of its rows (None: not recorded, an older import)."""
    row = con.execute(sql("import_facts"), {"id": import_id}).fetchall()
    if not row:
        return None
    return {"id": row[0][0], "kind": row[0][1], "retracted": bool(row[0][2]), "forces": row[0][3]}


def action_refusal(facts: dict | None, action: str, scope: tuple[str, ...] | None, doubled: int = 0) -> str | None:
    """Why this retraction or restoration may not be made, or None. `scope`: the forces the person may act on (None:
    every force)."""
    if facts is None:
        return "there is no such import"
    if facts["kind"] == "demo":
        return "the demo's own data cannot be retracted; build another demo instead"
    if scope is not None and (facts["forces"] is None or any(f not in scope for f in facts["forces"])):
        return "the import holds rows of forces outside yours; an administrator can retract it"
    if action == "retract" and facts["retracted"]:
        return f"import {facts['id']} is already retracted"
    if action == "restore" and not facts["retracted"]:
        return f"import {facts['id']} counts already; only a retracted import can be restored"
    if action == "restore" and doubled:
        return (f"{doubled} of its updates were imported again since; restoring it would count them twice "
                "(retract the later import first)")
    return None


def act_on_import(db, import_id: int, action: str, actor: str, role: str, via: str, reason: str | None = None,
                  scope: tuple[str, ...] | None = None) -> None:
    """Retract or restore an import as one write with its audit entry; raise ImportProblem saying why not."""
    if action not in ACTIONS:
        raise ValueError(action)
    def act(w) -> None:
        w.facts(exclusive=True)
        with tables_copy(w, ("imports", "import_actions")) as cur:
            facts = import_facts(cur, import_id)
        doubled = 0
        if facts and action == "restore":  # only a restoration can count rows twice
            keys = [k for (k,) in w.run(SQL_DIR / "keys_of_import.sql", id=import_id)]
            with tables_copy(w, ("imports", "import_actions", "updates"), keys) as cur:
                cur.execute(sql_text(COPY_SQL / "use_copy.sql"))  # the history as imported
                doubled = cur.execute(sql("updates_imported_again"), {"id": import_id}).fetchall()[0][0]
        refusal = action_refusal(facts, action, scope, doubled)
        if refusal:
            raise ImportProblem(f"import {import_id}: {refusal}")
        number = w.number()
        w.run(SQL_DIR / "add_import_action.sql", id=import_id, action=action, at=clock.now(),
              actor=actor[:200], role=role, via=via, reason=(reason or "").strip()[:500] or None, change_no=number)
        states = ("counts", "retracted") if action == "retract" else ("retracted", "counts")
        record_audit(w, actor, role, via, f"{action} import", f"import {import_id}",
                     before={"import": import_id, "state": states[0]},
                     after={"import": import_id, "state": states[1], "reason": (reason or "").strip() or None})

    write(db, act)


def save_mapping(db, name: str, mapping: Mapping, force: str | None, actor: str, role: str, via: str) -> None:
    """Keep a confirmed column mapping under a name (a new row; the latest of a name is the one used)."""
    name = " ".join(name.split())
    if not 1 <= len(name) <= 60:
        raise ImportProblem("a mapping's name is 1 to 60 characters")
    text = mapping_json(mapping)
    def keep(w) -> None:
        w.run(SQL_DIR / "add_saved_mapping.sql", name=name, force=force, mapping=text, at=clock.now(),
              by=actor[:200], change_no=w.number())
        record_audit(w, actor, role, via, "save mapping", name, after={"force": force, "mapping": json.loads(text)})

    write(db, keep)


def saved_mapping(db, name: str) -> Mapping:
    """The mapping saved under a name, or ImportProblem listing the names there are."""
    con = open_reader(db)
    saved = queries.run(con, "saved_mappings", **Filters(as_of=clock.today()).params())
    found = {n.lower(): (n, m) for n, m in zip(saved["name"], saved["mapping"], strict=True)}
    if name.strip().lower() not in found:
        names = ", ".join(saved["name"]) or "none yet"
        raise ImportProblem(f"--mapping {name}: no saved mapping of that name (saved: {names}); give a .json file or "
                            "save one from the Import page")
    real, text = found[name.strip().lower()]
    return mapping_of_text(text, f"saved mapping '{real}'")


def mapping_from(db, given: str) -> Mapping:
    """--mapping NAME|FILE.json: a JSON file when it names one, else a saved mapping."""
    path = Path(given)
    if path.suffix.lower() == ".json":
        if not path.is_file():
            raise ImportProblem(f"--mapping {given}: no such file")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ImportProblem(f"{given}: not valid JSON ({exc}); see the README for the format") from None
        return mapping_of_text(text, given)
    return saved_mapping(db, given)
