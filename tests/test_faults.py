"""Bad input and faults: the broken-input corpus, a fuzzed parser, an import killed with SIGKILL, a locked file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import pg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from tracker.cli import main
from tracker.ingest.register import RecordError, parse_record
from tracker.store.database import open_reader

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "fixtures" / "bad"

# Each file or folder of the corpus, the place the message must name, and what it must say.
CORPUS = {
    "empty.txt": ("empty.txt", "the file is empty; a record starts with 'Report title (id)'"),
    "binary.txt": ("binary.txt", "this is a binary file, not a text record"),
    "latin1.txt": ("latin1.txt, line 1", "the file is not UTF-8 (byte 0xe9); save it as UTF-8 and import it again"),
    "utf16.txt": ("utf16.txt", "the file is UTF-16; save it as UTF-8 and import it again"),
    "impossible-date.txt": ("impossible-date.txt, line 3", "'31st February 2019' is not a real date"),
    "no-id.txt": ("no-id.txt, line 1", "the title line must end with the recommendation id in parentheses, e.g. '(8019)'"),
    "unclosed-markup.txt": ("unclosed-markup.txt, line 3", "[status] is never closed with [/status]"),
    "same-id-twice": ("same-id-twice/second.txt, line 1",
                      ("recommendation 99 in Kent is also in tests/fixtures/bad/same-id-twice/first.txt with a different "
                      "text; keep one")),
    "missing-column": ("missing-column/recommendations.csv, row 1 (the header)", "missing column 'report'; add it."),
    "extra-column": ("extra-column/recommendations.csv, row 1 (the header)",
                     "unknown column 'colour'; rename or remove it, or map your own columns"),
    "misspelt-column": ("misspelt-column/recommendations.csv, row 1 (the header)",
                        "unknown column 'reprot' (did you mean 'report'?); rename or remove it, or map"),
    "bad-date-row": ("bad-date-row/updates.csv, row 3", "date: '2019-02-31' is not a real date"),
    "wrong-sheets.xlsx": ("wrong-sheets.xlsx", "it needs a sheet named 'recommendations' and/or 'updates'"),
}


def digest(path: Path) -> str:
    """Everything the database holds, hashed."""
    return pg.fingerprint(path)


def counts(db: Path) -> tuple[int, int]:
    """(recommendations, updates) held."""
    con = open_reader(db)
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("recommendations", "updates"))


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_input_is_refused_with_one_clear_message(fixture_db, name, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # so the messages show the corpus's paths as given
    where, what = CORPUS[name]
    before = digest(fixture_db)
    code = main(["--db", str(fixture_db), "ingest", f"tests/fixtures/bad/{name}", "--force", "Kent"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("error:") == 1 and "Traceback" not in err
    assert f"tests/fixtures/bad/{where}" in err and what in err, err
    assert digest(fixture_db) == before


def test_fifty_megabyte_file_is_refused_by_the_command(tmp_path, fixture_db):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.write(b"Some inspection (1)\nForces should act.\n")
        line = b"[on]1 May 2018 A comment that goes on and on.[/on]\n"
        fh.write(line * (50 * 2**20 // len(line)))
    assert big.stat().st_size >= 50 * 2**20 - 100
    before = digest(fixture_db)
    done = subprocess.run([sys.executable, "-m", "tracker", "--db", str(fixture_db), "ingest", str(big), "--force", "Kent"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {big}: 52 MB is too large for one record (at most 5 MB); split it, one record a file"
    assert digest(fixture_db) == before


MARKUP = ["[on]", "[/on]", "[status]", "[/status]", "[comment]", "[/comment]", "(", ")", "\n", "\r\n", "\ufeff",
          "31st February 2019", "5th July 2017", "(8019)", "[", "]", "/", "\x00"]


@st.composite
def mutated_records(draw):
    """The real sample record with random cuts, insertions of markup and characters, and swaps."""
    text = list(SAMPLE.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(st.sampled_from(MARKUP), st.text(max_size=5)))
        if action == "insert":
            text[at:at] = list(piece)
        elif action == "delete":
            del text[at:at + draw(st.integers(1, 40))]
        else:
            text[at:at + len(piece)] = list(piece)
    return "".join(text)


@settings(max_examples=400, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=2000), mutated_records(), st.lists(st.sampled_from(MARKUP), max_size=400).map("".join)))
def test_parser_returns_a_record_or_its_own_error(text):
    try:
        record = parse_record(text, "fuzz.txt")
    except RecordError as exc:
        assert str(exc).startswith("fuzz.txt")
    else:
        assert record.id >= 0 and isinstance(record.entries, tuple)


@pytest.mark.parametrize(("evil", "expected"), [
    ("[on]" * 200_000, "line 3: [on] must be followed by a date like '5th July 2017', found '(nothing)'"),
    ("(" * 200_000 + "1)", 200_007),  # all of it is the recommendation's text
    ("[status]" * 100_000, 800_005),  # a tag with no [on] before it is text too
    ("x" * 3_000_000, 3_000_005),
])
def test_parser_answers_pathological_input_in_time(evil, expected):
    started = time.perf_counter()
    try:
        record = parse_record("T (1)\nText\n" + evil, "evil.txt")
    except RecordError as exc:
        assert str(exc) == f"evil.txt, {expected}"
    else:
        assert (record.id, len(record.text), record.entries) == (1, expected, ())
    assert time.perf_counter() - started < 10  # each takes well under 0.1 s; quadratic parsing would take minutes


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """The CSV export of a 6,000-recommendation demo: large enough that an import takes a second or two."""
    from tracker.demo.builder import build_demo
    from tracker.exports.files import write_csv

    work = tmp_path_factory.mktemp("kill")
    demo = work / "demo.duckdb"
    build_demo(demo, n=6000, seed=3)
    con = open_reader(demo)
    write_csv(con, work / "csv")
    return work / "csv"


SLOW_INGEST = """
import sys, time
from tracker.cli import main
from tracker.store import writer
real = writer.copy_in
def slow(*args, **kwargs):  # the rows are in PostgreSQL's open transaction, not yet committed
    real(*args, **kwargs)
    print("writing", flush=True)
    time.sleep(0.2)
writer.copy_in = slow
sys.exit(main(sys.argv[1:]))
"""


def ingest_process(db: Path, folder: Path, announce: bool = False) -> subprocess.Popen:
    """`python -m tracker ingest` in its own process (announce: saying "writing" inside its transaction)."""
    head = [sys.executable, "-c", SLOW_INGEST] if announce else [sys.executable, "-m", "tracker"]
    return subprocess.Popen([*head, "--db", str(db), "ingest", str(folder)], cwd=ROOT,
                            stdout=subprocess.PIPE if announce else subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_import_killed_part_way_leaves_before_or_after_never_half(big_csv, fixture_db, tmp_path):
    reference = tmp_path / "reference.duckdb"
    pg.clone(fixture_db, reference)
    assert ingest_process(reference, big_csv).wait(timeout=300) == 0
    after = counts(reference)
    before_digest, before = digest(fixture_db), counts(fixture_db)
    rng = random.Random(5)
    outcomes = []
    for attempt in range(3):
        proc = ingest_process(fixture_db, big_csv, announce=True)
        # Wait until the writer is inside its transaction, rows sent but not committed, then kill it.
        assert proc.stdout.readline().strip() == b"writing"
        time.sleep(0 if attempt == 0 else rng.uniform(0, 0.3))  # the first kill lands at once: surely mid-write
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = counts(fixture_db)
        assert now in (before, after), f"attempt {attempt}: half an import: {now}"
        if now == before:
            assert digest(fixture_db) == before_digest
        outcomes.append("before" if now == before else "after")
        if now == after:
            break
    assert "before" in outcomes  # at least one kill landed part-way through writing
    assert ingest_process(fixture_db, big_csv).wait(timeout=300) == 0
    assert counts(fixture_db) == after


def test_reader_cannot_touch_other_files_and_has_a_memory_limit(fixture_db, tmp_path):
    con = open_reader(fixture_db)
    outside = tmp_path / "outside.csv"
    with pytest.raises(duckdb.Error):
        con.execute(f"COPY (SELECT 1) TO '{outside}'")
    with pytest.raises(duckdb.Error):
        con.execute(f"SELECT * FROM read_csv('{SAMPLE}')")
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    assert not outside.exists()
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] in ("1.0 GiB", "953.6 MiB", "1 GiB")
