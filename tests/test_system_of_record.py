"""The system of record: migrations, the database's own refusal of edits, one transaction a write, the watermark and
its late-commit trap, a concurrent accept and withdraw, an external server stopped and started under a running copy,
and a synchronous standby promoted after its primary dies."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import debian_pg
import psycopg
import pytest

from tests.workflow_people import ACC_X, DIRECTORY, ESSEX_LEAD, LEAD
from tracker.cli import main
from tracker.ingest.people import import_people
from tracker.store import database, server
from tracker.store.copy import FILE_ERA, HISTORY
from tracker.store.server import StoreError, Unavailable, locate
from tracker.workflow.actions import WorkflowError, decide, submit, withdraw

ROOT = Path(__file__).parent.parent
needs_debian_pg = pytest.mark.skipif(debian_pg.bin_dir() is None, reason="Debian's postgresql is not installed")


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def app(db) -> psycopg.Connection:
    """A connection as the app's own role."""
    return psycopg.connect(locate(db).app_url, autocommit=True)


# --- Migrations and grants ------------------------------------------------------------------------------------------

def test_migrations_are_recorded_once_and_not_applied_twice(fixture_db):
    location = locate(fixture_db)
    with psycopg.connect(location.owner_url) as con:
        versions = con.execute("SELECT version, description FROM schema_version ORDER BY version").fetchall()
    assert versions == [(v, d) for v, d, _ in server.migration_files()]
    assert versions[0] == (1, "history tables")
    assert server.migrate(location) == []  # nothing left to apply


def test_two_migrations_with_one_version_are_refused_naming_both(tmp_path, monkeypatch):
    (tmp_path / "V1__first.sql").write_text("SELECT 1")
    (tmp_path / "V1__second.sql").write_text("SELECT 1")
    monkeypatch.setattr(server, "MIGRATIONS", tmp_path)
    with pytest.raises(StoreError, match=r"migrations V1__first\.sql and V1__second\.sql both have version 1"):
        server.migration_files()


@pytest.mark.parametrize("table", HISTORY)
def test_the_app_role_may_not_edit_or_delete_history(db, table):
    with app(db) as con:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 0  # it may read
        for statement in (f"UPDATE {table} SET change_no = change_no", f"DELETE FROM {table}", f"TRUNCATE {table}"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement)


def test_the_app_role_may_move_the_counter_but_not_set_its_epoch(db):
    with app(db) as con:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE data_version SET epoch = gen_random_uuid()")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("DELETE FROM data_version")


# --- One transaction a write, and the watermark ---------------------------------------------------------------------

def test_every_row_of_a_write_carries_its_number_and_the_counter_moves_by_one(db):
    from tracker.store.writer import set_meta

    with app(db) as con:
        head = con.execute("SELECT change_no FROM data_version").fetchone()[0]
    with database.writing(db) as con:  # a counted write: an import, the directory, a fact…
        set_meta(con, note="counted")
    with app(db) as con:
        assert con.execute("SELECT change_no FROM data_version").fetchone()[0] == head + 1
        assert con.execute("SELECT change_no FROM meta WHERE key = 'note'").fetchall() == [(head + 1,)]
    # A workflow write does not move the counter: its events carry the counted write they follow, and the id of the
    # transaction that wrote them, which copies pull events by.
    seq = submit(db, LEAD, "2-kent", "Numbered.", status="complete")
    with app(db) as con:
        assert con.execute("SELECT change_no FROM data_version").fetchone()[0] == head + 1
        assert con.execute("SELECT seq, change_no, xid IS NOT NULL FROM events").fetchall() == [(seq, head + 1, True)]
    copy = database.open_reader(db)
    assert copy.watermark == head + 1
    assert copy.execute("SELECT seq FROM submissions").fetchall() == [(seq,)]


def test_a_refused_write_leaves_nothing_and_does_not_move_the_counter(db):
    import pg

    before = pg.fingerprint(db)
    with pytest.raises(WorkflowError):
        submit(db, LEAD, "3-essex", "Not my force.")
    assert pg.fingerprint(db) == before


def test_a_write_that_commits_late_is_still_pulled(db):
    """The trap of a plain sequence: a replica that moved past a number whose transaction had not committed would
    never pull its rows. The counter's lock makes later writes wait, so the replica's watermark cannot pass it."""
    copy = database.open_reader(db)
    start = copy.watermark
    late = app(db)
    late.autocommit = False
    late.execute("SELECT pg_advisory_xact_lock(7462, 0)")  # as a counted write takes the writes lock first
    number = late.execute("UPDATE data_version SET change_no = change_no + 1 RETURNING change_no").fetchone()[0]
    late.execute("INSERT INTO audit VALUES (now(), 'late@kent.example', 'admin', 'test', 'late', 'x', NULL, NULL, %s)",
                 (number,))
    done = []
    writer = threading.Thread(target=lambda: done.append(submit(db, LEAD, "2-kent", "After the late one.")))
    other = database.Replica(locate(db))  # a second copy, as another replica holds it
    writer.start()
    assert other.sync(force=True) is False and other.watermark == start  # the late write is not visible yet
    writer.join(timeout=0.5)
    assert writer.is_alive()  # the next writer waits for the counted write
    late.commit()
    late.close()
    writer.join(timeout=30)
    assert done and not writer.is_alive()
    assert other.sync(force=True) is True
    assert other.watermark == number
    trail = other.execute("SELECT actor FROM audit WHERE action = 'late'").fetchall()
    assert trail == [("late@kent.example",)]
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    other.shutdown()


def test_an_event_that_commits_after_a_later_one_is_still_pulled(db):
    """Workflow writes commit side by side, so a copy can pull an event whose transaction began after another that is
    still running: it pulls by transaction, from the oldest still running, so the earlier one comes on a later pull."""
    other = database.Replica(locate(db))
    try:
        late = app(db)
        late.autocommit = False
        late.execute("SELECT pg_advisory_xact_lock_shared(7462, 0)")  # as a workflow write holds the writes lock
        late.execute("INSERT INTO events (seq, event_id, kind, made_at, on_date, actor, role, source, key, comment, "
                     "change_no) SELECT nextval('event_numbers'), 'late:0', 'submission', now(), current_date, "
                     "'supt.a@kent.example', 'lead', 'test', '5-kent', 'Began first, commits last.', change_no "
                     "FROM data_version")
        later = submit(db, LEAD, "2-kent", "Began second, commits first.")  # not held up: locks are shared
        assert other.sync(force=True) is True
        assert other.execute("SELECT seq, key FROM events").fetchall() == [(later, "2-kent")]
        late.commit()
        late.close()
        assert other.sync(force=True) is True
        assert other.execute("SELECT key FROM events ORDER BY seq").fetchall() == [("5-kent",), ("2-kent",)]
        assert other.sync(force=True) is False  # nothing is pulled twice, and nothing more is looked for
        assert other.execute("SELECT count(*) FROM submissions").fetchone()[0] == 2
    finally:
        other.shutdown()


ACT = """
import sys
from tracker.people.access import Person
from tracker.workflow.actions import WorkflowError, decide, withdraw
lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
acc = Person(2, "acc.x@kent.example", "ACC X", "Kent", ("reviewer",))
seq = int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
try:
    if sys.argv[2] == "accept":
        decide(sys.argv[1], acc, [seq], "accept")
    else:
        withdraw(sys.argv[1], lead, seq)
    print("won")
except WorkflowError as exc:
    print("refused:", exc)
"""


def test_a_concurrent_accept_and_withdraw_has_exactly_one_winner(db):
    for round_ in range(3):
        seq = submit(db, LEAD, "2-kent", f"Round {round_}.", status="pending-sign-off")  # accepted, still open
        procs = [subprocess.Popen([sys.executable, "-c", ACT, str(db), what, str(seq)], cwd=ROOT, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for what in ("accept", "withdraw")]
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:  # both go at once
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outs = [proc.communicate(timeout=120) for proc in procs]
        said = [out.strip() for out, _ in outs]
        assert sorted(s == "won" for s in said) == [False, True], (said, [err for _, err in outs])
        loser = next(s for s in said if s != "won")
        assert loser in (f"refused: submission #{seq}: this submission was withdrawn",
                         f"refused: submission #{seq}: this submission is already accepted"), loser
        state = database.open_reader(db).execute("SELECT state FROM submissions WHERE seq = $s", {"s": seq}).fetchone()
        assert state[0] == ("accepted" if said[0] == "won" else "withdrawn")


def stale_write(db, meanwhile, then):
    """A write through a second copy whose check runs `meanwhile` (a write through the process's own copy) first, so
    that write commits between this one's check and its commit, as another replica's would; the first run only."""
    from tracker.store.copy import Replica

    other = Replica(locate(db))
    runs = []

    def check(con):
        if not runs:
            meanwhile()
        runs.append(1)
        return then(con)

    try:
        return other.write_events(check), len(runs), other
    except BaseException:
        other.shutdown()
        raise


def test_a_write_for_another_item_between_check_and_commit_is_numbered_after_it(db):
    from tracker.workflow import progress

    batch = {"id": "00000000000000000001-stale", "source": "test"}
    first = []
    (seqs, shift), runs, other = stale_write(
        db, lambda: first.append(submit(db, LEAD, "5-kent", "Meanwhile.")),
        lambda con: progress.apply_submit(con, batch, ESSEX_LEAD, date(2026, 11, 28), "3-essex", "Stale but distinct.",
                                          None, None, None, []))
    try:
        assert runs == 1 and "checked_again" not in other.last_write  # nothing its facts depend on had changed
        assert [shift[seqs[0]]] == [first[0] + 1]
        with app(db) as con:
            assert con.execute("SELECT seq, key FROM events ORDER BY seq").fetchall() == [
                (first[0], "5-kent"), (first[0] + 1, "3-essex")]
        # The write is durable in PostgreSQL; the copy that made it pulls it, with the other, on its next look.
        assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 2
        assert other.execute("SELECT seq, key FROM submissions ORDER BY seq").fetchall() == [
            (first[0], "5-kent"), (first[0] + 1, "3-essex")]
    finally:
        other.shutdown()


def test_a_decision_through_a_stale_copy_sees_a_withdrawal_made_meanwhile(db):
    """The item's events are read in PostgreSQL under its lock, not from the copy: a copy that has not pulled the
    withdrawal still cannot accept the withdrawn submission."""
    from tracker.workflow import progress

    seq = submit(db, LEAD, "2-kent", "To be withdrawn.")
    batch = {"id": "00000000000000000004-stale", "source": "test"}
    with pytest.raises(WorkflowError, match="withdrawn"):
        stale_write(db, lambda: withdraw(db, LEAD, seq),
                    lambda con: progress.apply_decide(con, batch, ACC_X, date(2026, 11, 28), [seq], "accept", None))
    with app(db) as con:
        assert con.execute("SELECT kind FROM events ORDER BY seq").fetchall() == [("submission",), ("withdrawal",)]


def test_a_write_after_an_import_its_copy_has_not_pulled_is_made_again_holding_the_counter(db):
    """What the imported history says of an item comes from the copy: if those facts were written after the copy's
    watermark (here a fact of the data; an import or the directory alike), the write is made again on a copy brought
    up to date, holding the counter. (No such write can be made while a workflow write is under way: it waits for the
    writes lock.)"""
    from tracker.store.copy import Replica
    from tracker.store.writer import set_meta
    from tracker.workflow import progress

    other = Replica(locate(db))
    try:
        with database.writing(db) as con:  # through the process's own copy, as another replica's would be
            set_meta(con, note="changed meanwhile")
        batch = {"id": "00000000000000000005-stale", "source": "test"}
        runs = []
        _, numbered = other.write_events(lambda con: runs.append(1) or progress.apply_submit(
            con, batch, LEAD, date(2026, 11, 28), "2-kent", "Checked again.", None, None, None, []))
        # The first run stops at its first read of PostgreSQL (the copy's facts are behind), the second holds the counter.
        assert runs == [1, 1] and other.last_write.get("checked_again") is True and numbered == {}
        assert other.execute("SELECT comment FROM submissions").fetchall() == [("Checked again.",)]
        assert other.execute("SELECT value FROM meta WHERE key = 'note'").fetchall() == [("changed meanwhile",)]
        with app(db) as con:
            assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    finally:
        other.shutdown()


def test_a_decision_on_a_submission_withdrawn_between_check_and_commit_is_refused(db):
    from tracker.workflow import progress

    seq = submit(db, LEAD, "2-kent", "To be withdrawn.", status="complete")
    batch = {"id": "00000000000000000002-stale", "source": "test"}
    with pytest.raises(WorkflowError, match=rf"submission #{seq}: this submission was withdrawn"):
        stale_write(db, lambda: withdraw(db, LEAD, seq),
                    lambda con: progress.apply_decide(con, batch, ACC_X, date(2026, 11, 28), [seq], "accept", None))
    with app(db) as con:
        kinds = con.execute("SELECT kind FROM events ORDER BY seq").fetchall()
    assert kinds == [("submission",), ("withdrawal",)]  # the stale check's decision was not written


# --- An external server: stopped and started under a running copy ----------------------------------------------------

@pytest.fixture
def external(tmp_path, monkeypatch, fixture_db):
    """Debian's PostgreSQL, started here, as the app's database ($TRACKER_DATABASE_URL, $TRACKER_OWNER_URL)."""
    root = debian_pg.workspace()
    cluster = debian_pg.Cluster(root, "primary").init().start()
    owner = server.with_user(cluster.url, "postgres", "tracker")
    monkeypatch.setenv("TRACKER_OWNER_URL", owner)
    monkeypatch.setenv("TRACKER_DATABASE_URL", server.with_user(owner, server.APP_ROLE))
    yield cluster
    database.forget_all()
    try:
        cluster.stop("immediate")
    except subprocess.CalledProcessError:
        pass  # already stopped by the test
    debian_pg.remove(root)


@needs_debian_pg
def test_an_external_server_stopped_and_started_under_a_running_copy(external, tmp_path, capsys):
    assert main(["migrate"]) == 0
    assert "applied migrations 1" in capsys.readouterr().out
    tables = ROOT / "tests" / "fixtures" / "tables"
    assert main(["ingest", str(tables)]) == 0
    copy = database.open_reader()
    assert copy.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6
    external.stop("fast")
    with pytest.raises(Unavailable, match="the data service is unavailable"):
        copy.sync(force=True)
    assert copy.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6  # the copy still answers reads
    assert main(["ingest", str(tables)]) == 1
    err = capsys.readouterr().err
    assert "the data service is unavailable" in err and "Traceback" not in err
    external.start()
    debian_pg.wait_ready(external.url)
    copy.sync(force=True)  # recovers by itself: the pool's connections are checked and made again
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    assert main(["people", "import", str(tmp_path / "people.csv")]) == 0  # written through this process's copy
    assert copy.execute("SELECT count(*) FROM people").fetchone()[0] == 6
    other = database.Replica(locate())  # and a copy made now, as another replica's, has it too
    assert other.execute("SELECT count(*) FROM people").fetchone()[0] == 6
    other.shutdown()


# --- A synchronous standby promoted after its primary dies ----------------------------------------------------------

@needs_debian_pg
def test_a_promoted_standby_holds_every_acknowledged_write(monkeypatch, tmp_path):
    root = debian_pg.workspace()
    primary = debian_pg.Cluster(root, "primary").init()
    with open(primary.data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("synchronous_standby_names = 'standby'\n")  # a commit waits for the standby to hold it
    primary.start()
    standby = debian_pg.Cluster(root, "standby").standby_of(primary).start()
    try:
        hosts = f"127.0.0.1:{primary.port},127.0.0.1:{standby.port}"
        owner = f"postgresql://postgres@{hosts}/tracker?target_session_attrs=read-write"
        monkeypatch.setenv("TRACKER_OWNER_URL", owner)
        monkeypatch.setenv("TRACKER_DATABASE_URL", server.with_user(owner, server.APP_ROLE))
        assert main(["migrate"]) == 0
        (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
        assert main(["ingest", str(ROOT / "tests" / "fixtures" / "tables")]) == 0
        assert main(["people", "import", str(tmp_path / "people.csv")]) == 0
        acknowledged = [submit(None, LEAD, "2-kent", f"Before the failover {i}.") for i in range(5)]
        primary.kill()
        with pytest.raises(Unavailable):
            submit(None, LEAD, "2-kent", "While nobody is primary.")
        standby.promote()
        debian_pg.wait_ready(f"postgresql://postgres@127.0.0.1:{standby.port}/tracker")
        after = submit(None, LEAD, "2-kent", "After the failover.")  # the same settings find the new primary
        copy = database.open_reader()
        held = [s for (s,) in copy.execute("SELECT seq FROM events ORDER BY seq").fetchall()]
        assert held == [*acknowledged, after]
        decide(None, ACC_X, [after], "accept")
        assert copy.execute("SELECT state FROM submissions WHERE seq = $s", {"s": after}).fetchone()[0] == "accepted"
    finally:
        database.forget_all()
        for cluster in (primary, standby):
            try:
                cluster.stop("immediate")
            except subprocess.CalledProcessError:
                pass  # the killed primary is already gone
        debian_pg.remove(root)


def test_a_folder_that_is_a_file_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_PG_SERVER")
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    old = tmp_path / "tracker.duckdb"
    old.write_bytes(b"not a folder")
    with pytest.raises(StoreError, match="is a file, not a database folder"):
        locate(old)


def test_export_as_duckdb_holds_the_data_as_the_app_sees_it(db, tmp_path):
    import duckdb

    seq = submit(db, LEAD, "2-kent", "In the analyst's copy.")
    assert main(["--db", str(db), "export", "--format", "duckdb", "-o", str(tmp_path / "copy.duckdb")]) == 0
    con = duckdb.connect(str(tmp_path / "copy.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6
        assert con.execute("SELECT text, author FROM updates WHERE text = 'In the analyst''s copy.'").fetchall() == [
            ("In the analyst's copy.", "supt.a@kent.example")]
        assert con.execute("SELECT seq, state FROM submissions").fetchall() == [(seq, "waiting")]
    finally:
        con.close()
    assert not list(tmp_path.glob(".*.partial"))



@needs_debian_pg
def test_the_dashboard_says_the_service_is_down_and_comes_back_by_itself(external, monkeypatch):
    from streamlit.testing.v1 import AppTest

    assert main(["migrate"]) == 0
    assert main(["ingest", str(ROOT / "tests" / "fixtures" / "tables")]) == 0
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any(m.value.startswith("6 of 6 recommendations selected") for m in at.caption)
    external.stop("fast")
    database.forget_all()  # a replica started while the service is down: nothing held yet
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning if "unavailable" in w.value] == [
        "The data service is unavailable. Retrying every 2 seconds…"]
    assert any(t.value.startswith("the data service is unavailable (") for t in at.text)  # the detail, as text
    external.start()
    debian_pg.wait_ready(external.url)
    at.run()
    assert not at.exception
    assert not [w for w in at.warning if "unavailable" in w.value]
    assert any(m.value.startswith("6 of 6 recommendations selected") for m in at.caption)


# --- Moving a database the previous version kept in a DuckDB file ----------------------------------------------------

OLD_FILE = ROOT / "tests" / "fixtures" / "duckdb-file"  # written by the last DuckDB-file release (schema version 9)


def unpacked(tmp_path: Path) -> Path:
    """The old release's file and journal: the six-recommendation fixture, four people, submission #1 accepted,
    submission #3 waiting, import 1 retracted and restored."""
    import gzip

    folder = tmp_path / "old"
    folder.mkdir()
    for name in ("tracker.duckdb", "tracker.journal.duckdb"):
        (folder / name).write_bytes(gzip.decompress((OLD_FILE / f"{name}.gz").read_bytes()))
    return folder / "tracker.duckdb"


def test_a_duckdb_file_and_its_journal_move_into_postgresql_exactly(tmp_path, capsys):
    old = unpacked(tmp_path)
    target = tmp_path / "moved"
    assert main(["--db", str(target), "migrate", "--from", str(old)]) == 0
    out = capsys.readouterr().out
    counts = {line.split()[0]: line for line in out.splitlines() if "rows" in line and "→" in line}
    assert set(counts) == set(FILE_ERA)  # evidence files came after the DuckDB file
    assert all(line.rstrip().endswith("same") for line in counts.values())
    for table, n in (("recommendation_versions", 6), ("updates", 16), ("people", 4), ("events", 3),
                     ("import_actions", 2), ("imports", 1)):
        before, after = (int(x.replace(",", "")) for x in re.findall(r"([\d,]+) rows", counts[table]))
        assert before == after == n, counts[table]
    assert "every table's rows and content hash match" in out
    copy = database.open_reader(target)
    assert copy.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6
    assert copy.execute("SELECT seq, state FROM submissions ORDER BY seq").fetchall() == [(1, "accepted"),
                                                                                         (3, "waiting")]
    # The force accepted 2-kent as complete: the inspectorate has still to decide (pending sign-off), as for any item.
    assert copy.execute("SELECT status FROM rec_state(current_date, 180) WHERE key = '2-kent'").fetchone()[0] == \
        "pending-sign-off"
    # The moved database goes on as any other: the next submission is #4.
    assert submit(target, LEAD, "5-kent", "After the move.") == 4
    # Moving again into a database that holds data is refused.
    assert main(["--db", str(target), "migrate", "--from", str(old)]) == 1
    assert "already holds data" in capsys.readouterr().err


def test_a_move_that_loses_a_row_fails_loudly_naming_the_table(tmp_path, capsys, monkeypatch):
    from tracker.store import copy as copying

    real = copying.copy_rows

    def lossy(pg, table, columns, rows, change_no):  # a bug that drops the last update on its way
        real(pg, table, columns, rows[:-1] if table == "updates" else rows, change_no)

    monkeypatch.setattr(copying, "copy_rows", lossy)
    assert main(["--db", str(tmp_path / "moved"), "migrate", "--from", str(unpacked(tmp_path))]) == 1
    captured = capsys.readouterr()
    assert "the move did not copy updates exactly" in captured.err
    assert [line for line in captured.out.splitlines() if line.startswith("updates ")][0].endswith("DIFFERENT")
