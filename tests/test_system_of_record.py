"""The system of record: migrations, the database's own refusal of edits, one transaction a write, the watermark and
its late-commit trap, a concurrent accept and withdraw, an external server stopped and started under a running copy,
and a synchronous standby promoted after its primary dies."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import debian_pg
import psycopg
import pytest

from tests.workflow_people import ACC_X, DIRECTORY, LEAD
from tracker.cli import main
from tracker.ingest.people import import_people
from tracker.store import database, server
from tracker.store.copy import HISTORY
from tracker.store.server import StoreError, Unavailable, locate
from tracker.workflow.actions import WorkflowError, decide, submit

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


def test_the_history_is_declared_once_and_every_copy_is_made_from_the_catalogue(fixture_db):
    """The migrations are the one schema: HISTORY names every table whose rows carry a write's number (but the counter
    and the evidence files' bytes, which stay in PostgreSQL), and a copy's history tables have exactly the columns
    PostgreSQL has, in its order."""
    from tracker.store.copy import PG_SQL_DIR
    from tracker.store.queries import sql_text

    with app(fixture_db) as con:
        numbered = {t for (t,) in con.execute(sql_text(PG_SQL_DIR / "history_tables.sql")).fetchall()}
        columns = {t: [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'change_no' "
            "ORDER BY ordinal_position", (t,)).fetchall()] for t in HISTORY}
    assert numbered - {"data_version", "evidence_content"} == set(HISTORY)
    copy = database.open_reader(fixture_db)
    for table in HISTORY:
        held = [c for (c,) in copy.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = 'tracker' "
                                           "AND schema_name = 'main' AND table_name = $t ORDER BY column_index",
                                           {"t": table}).fetchall()]
        assert held == columns[table], table


def test_a_copy_on_disk_answers_as_the_copy_in_memory(db, tmp_path, monkeypatch):
    """TRACKER_COPY_DIR puts each copy in a DuckDB file of its own there (paged in and out under the memory limit):
    the same answers, pulls included, and its file gone with it."""
    seq = submit(db, LEAD, "2-kent", "Before the copy.", status="complete")
    in_memory = database.Replica(locate(db))
    monkeypatch.setenv("TRACKER_COPY_DIR", str(tmp_path / "copies"))
    on_disk = database.Replica(locate(db))
    assert [p.name for p in (tmp_path / "copies").iterdir()] and on_disk.folder.joinpath("tracker.duckdb").is_file()
    decide(db, ACC_X, [seq], "accept")
    asked = "SELECT key, status, is_open, target_current FROM rec_state(DATE '2026-12-01', 180) ORDER BY key"
    for copy in (in_memory, on_disk):
        assert copy.sync(force=True)
    assert on_disk.execute(asked).fetchall() == in_memory.execute(asked).fetchall()
    assert on_disk.execute("SELECT seq, state FROM submissions").fetchall() == [(seq, "accepted")]
    on_disk.shutdown()
    in_memory.shutdown()
    assert not on_disk.folder.exists()


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
    database.write(db, lambda w: set_meta(w, note="counted", other="too"))  # two rows, one write
    with app(db) as con:
        assert con.execute("SELECT change_no FROM data_version").fetchone()[0] == head + 1
        assert con.execute("SELECT key, change_no FROM meta WHERE key IN ('note', 'other') ORDER BY key").fetchall() \
            == [("note", head + 1), ("other", head + 1)]
    # A workflow write is a write like any other: its event carries the next number.
    seq = submit(db, LEAD, "2-kent", "Numbered.", status="complete")
    with app(db) as con:
        assert con.execute("SELECT change_no FROM data_version").fetchone()[0] == head + 2
        assert con.execute("SELECT seq, change_no FROM events").fetchall() == [(seq, head + 2)]
    copy = database.open_reader(db)
    assert copy.watermark == head + 2
    assert copy.execute("SELECT seq FROM submissions").fetchall() == [(seq,)]


def test_a_refused_write_leaves_nothing_and_does_not_move_the_counter(db):
    import pg

    before = pg.fingerprint(db)
    with pytest.raises(WorkflowError):
        submit(db, LEAD, "3-essex", "Not my force.")
    assert pg.fingerprint(db) == before


def test_a_write_that_raises_after_its_inserts_leaves_nothing(db):
    import pg

    from tracker.store.writer import set_meta

    before = pg.fingerprint(db)

    def half(w):
        set_meta(w, note="half")
        raise WorkflowError("refused after the insert")

    with pytest.raises(WorkflowError, match="refused after the insert"):
        database.write(db, half)
    assert pg.fingerprint(db) == before


def test_a_side_effect_runs_only_after_the_commit(db):
    from tracker.store.writer import set_meta

    seen = []

    def with_mail(w):
        set_meta(w, note="mailed")
        w.after_commit(lambda: seen.append(app(db).execute("SELECT value FROM meta WHERE key = 'note'").fetchall()))
        return "done"

    assert database.write(db, with_mail) == "done"
    assert seen == [[("mailed",)]]  # it ran, and saw the write committed

    def refused(w):
        w.after_commit(lambda: seen.append("never"))
        raise WorkflowError("no")

    with pytest.raises(WorkflowError):
        database.write(db, refused)
    assert seen == [[("mailed",)]]


def test_a_write_that_commits_late_is_still_pulled(db):
    """The trap of a plain sequence: a replica that moved past a number whose transaction had not committed would
    never pull its rows. The counter's lock makes later writes wait, so the replica's watermark cannot pass it."""
    copy = database.open_reader(db)
    start = copy.watermark
    late = app(db)
    late.autocommit = False
    number = late.execute("UPDATE data_version SET change_no = change_no + 1 RETURNING change_no").fetchone()[0]
    late.execute("INSERT INTO audit VALUES (now(), 'late@kent.example', 'admin', 'test', 'late', 'x', NULL, NULL, %s)",
                 (number,))
    done = []
    writer = threading.Thread(target=lambda: done.append(submit(db, LEAD, "2-kent", "After the late one.")))
    other = database.Replica(locate(db))  # a second copy, as another replica holds it
    writer.start()
    assert other.sync(force=True) is False and other.watermark == start  # the late write is not visible yet
    writer.join(timeout=0.5)
    assert writer.is_alive()  # the next writer waits for the counter
    late.commit()
    late.close()
    writer.join(timeout=30)
    assert done and not writer.is_alive()
    assert other.sync(force=True) is True
    assert other.watermark == number + 1
    trail = other.execute("SELECT actor FROM audit WHERE action = 'late'").fetchall()
    assert trail == [("late@kent.example",)]
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    assert other.sync(force=True) is False  # nothing is pulled twice, and nothing more is looked for
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


def test_a_decision_waits_for_a_withdrawal_under_way_and_then_sees_it(db):
    """Two writes on one item take turns: a decision begun while a withdrawal holds the item reads the item after
    the withdrawal commits, so it cannot accept the withdrawn submission."""
    seq = submit(db, LEAD, "2-kent", "To be withdrawn.", status="complete")
    release, holding = threading.Event(), threading.Event()

    def withdraw_slowly(w):
        from tracker.workflow.events import EventWrite
        from tracker.workflow.progress import apply_withdraw

        done = apply_withdraw(EventWrite(w, {"id": "00000000000000000001-slow", "source": "test"}), {
            "id": "00000000000000000001-slow", "source": "test"}, LEAD, date(2026, 11, 28), seq)
        holding.set()
        release.wait(30)
        return done

    slow = threading.Thread(target=lambda: database.write(db, withdraw_slowly))
    slow.start()
    assert holding.wait(30)
    refused = []

    def deciding():
        try:
            decide(db, ACC_X, [seq], "accept")
        except WorkflowError as exc:
            refused.append(str(exc))

    decider = threading.Thread(target=deciding)
    decider.start()
    decider.join(timeout=0.5)
    assert decider.is_alive()  # it waits for the item
    release.set()
    slow.join(30)
    decider.join(30)
    assert refused == [f"submission #{seq}: this submission was withdrawn"]
    with app(db) as con:
        assert con.execute("SELECT kind FROM events ORDER BY seq").fetchall() == [("submission",), ("withdrawal",)]


def test_an_item_write_waits_for_an_import_under_way_and_then_reads_what_it_wrote(db):
    """What an import writes changes what the rules read of its items: an item write begun while a write of imported
    facts holds their lock waits, and then reads the item as that write left it. Here that write retracts the import
    that brought 2-kent, so the submission, made meanwhile, is refused: there is no such item any more."""
    from datetime import datetime

    from tracker.ingest.statements import SQL_DIR

    release, holding = threading.Event(), threading.Event()

    def retracting(w):
        w.facts(exclusive=True)
        w.run(SQL_DIR / "add_import_action.sql", id=1, action="retract", at=datetime.now(), actor="test",
              role="operator", via="test", reason=None, change_no=w.number())
        holding.set()
        release.wait(30)

    slow = threading.Thread(target=lambda: database.write(db, retracting))
    slow.start()
    assert holding.wait(30)
    said = []

    def submitting():
        try:
            said.append(submit(db, LEAD, "2-kent", "Made while the import was being retracted."))
        except WorkflowError as exc:
            said.append(str(exc))

    writer = threading.Thread(target=submitting)
    writer.start()
    writer.join(timeout=0.5)
    assert writer.is_alive() and not said  # it waits for the facts' lock
    release.set()
    slow.join(30)
    writer.join(30)
    assert said == ["there is no such recommendation in your force"]


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
    assert main(["people", "import", str(tmp_path / "people.csv")]) == 0
    assert copy.sync(force=True) and copy.execute("SELECT count(*) FROM people").fetchone()[0] == 6
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
    assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6
    assert con.execute("SELECT text, author FROM updates WHERE text = 'In the analyst''s copy.'").fetchall() == [
        ("In the analyst's copy.", "supt.a@kent.example")]
    assert con.execute("SELECT seq, state FROM submissions").fetchall() == [(seq, "waiting")]
    assert not list(tmp_path.glob(".*.partial"))



@needs_debian_pg
def test_the_dashboard_says_the_service_is_down_and_comes_back_by_itself(external, monkeypatch):
    from streamlit.testing.v1 import AppTest

    assert main(["migrate"]) == 0
    assert main(["ingest", str(ROOT / "tests" / "fixtures" / "tables")]) == 0
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any(m.value.startswith("6 of 6 recommendations selected") for m in at.caption)
    external.stop("fast")
    database.forget_all()  # a replica started while the service is down: nothing held yet
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert [w.value for w in at.warning if "unavailable" in w.value] == [
        "The data service is unavailable. Retrying every 2 seconds…"]
    assert any(t.value.startswith("the data service is unavailable (") for t in at.text)  # the detail, as text
    external.start()
    debian_pg.wait_ready(external.url)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert not [w for w in at.warning if "unavailable" in w.value]
    assert any(m.value.startswith("6 of 6 recommendations selected") for m in at.caption)
