"""`python -m tracker serve --replicas 2`: two app replicas behind Debian's HAProxy, started as the command line starts
them. Sessions spread over the replicas and stay on theirs; a download, an upload and a sign-in go through the
balancer; a write through one replica is seen through the other; killing a replica brings its open page back on the
other with its URL and filters and no error, and the launcher restarts the dead one; Ctrl-C or SIGTERM stops all."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import UTC, date
from pathlib import Path

import pytest
from app_server import READY, free_port

from tests.browser_help import download, keyed
from tests.conftest import FIXTURES, TABLES
from tracker import ROOT
from tracker.serve import COOKIE, HAPROXY, Replica, haproxy_config, healthy

WAIT = 30_000
FOREIGN = FIXTURES / "foreign"


def test_the_generated_configuration_is_one_haproxy_accepts(tmp_path):
    config = haproxy_config("127.0.0.1", 18080, [Replica("r1", 18081), Replica("r2", 18082)])
    assert "option redispatch" in config and f"cookie {COOKIE} insert indirect nocache httponly" in config
    assert "option httpchk GET /_stcore/health" in config and "timeout tunnel 1h" in config
    assert re.findall(r"server (r\d) 127\.0\.0\.1:(\d+) check .* cookie (r\d)", config) == [
        ("r1", "18081", "r1"), ("r2", "18082", "r2")]
    (tmp_path / "haproxy.cfg").write_text(config, encoding="utf-8")
    check = subprocess.run([HAPROXY, "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


class Served:
    """A running `serve`: its process, its address and what it has printed (read as it prints)."""

    def __init__(self, proc: subprocess.Popen, url: str, db: Path):
        self.proc, self.url, self.db = proc, url, db
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, after: int = 0, timeout: float = 120) -> re.Match:
        """The first line from `after` on that matches, waiting for it to be printed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if m := re.search(pattern, line):
                    return m
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)  # polling what the launcher has printed
        raise AssertionError(f"serve never printed {pattern!r}; it printed: {self.lines}")

    def replica(self, name: str, after: int = 0) -> tuple[int, int]:
        """A replica's (port, pid), as the launcher last reported it from line `after` on."""
        found = [m for line in self.lines[after:] if (m := re.search(rf"replica {name}: port (\d+), pid (\d+)", line))]
        return int(found[-1][1]), int(found[-1][2])


@contextmanager
def serving(db: Path, *extra: str, replicas: int = 2):
    """`python -m tracker serve --replicas N` on the database until it says it serves; SIGTERM after, which must stop
    it, HAProxy and every replica cleanly."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "serve", "--replicas", str(replicas),
                             "--port", str(port), *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    served = Served(proc, f"http://localhost:{port}", db)
    names = [f"r{i + 1}" for i in range(replicas)]
    try:
        served.wait_for(rf"^Serving http://127\.0\.0\.1:\d+ with {replicas} replicas?")
        yield served
    finally:
        replicas = [served.replica(n) for n in names] if served.lines else []
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, served.lines
        assert "Stopping" in served.lines
        for port_, pid in replicas:
            assert not healthy(port_)
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()



@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    """A small demo database served by two replicas behind HAProxy."""
    from tracker.demo.builder import build_demo

    db = tmp_path_factory.mktemp("serve") / "demo.duckdb"
    build_demo(db, n=300, seed=3, as_of=date(2026, 11, 28))
    with serving(db) as served:
        yield served


def settle(page) -> None:
    """Wait until the app is connected, its script has finished and the page has its heading."""
    page.wait_for_selector(READY, timeout=WAIT)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=WAIT)
    page.wait_for_selector(READY, timeout=WAIT)


def replica_of(context) -> str:
    """The replica HAProxy keeps this browser on (its stickiness cookie)."""
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def footer(page):
    return page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').last


def selected(page) -> int:
    """How many recommendations the footer says are selected."""
    return int(re.search(r"([\d,]+) of [\d,]+ recommendations selected", footer(page).inner_text())[1].replace(",", ""))


def import_three(page, expect) -> None:
    """On an open Import page: upload the three-recommendation Kent spreadsheet, preview it and apply it."""
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(FOREIGN / "renamed.csv"))
    page.wait_for_selector(READY, timeout=WAIT)
    page.get_by_test_id("stMain").get_by_role("combobox", name="Force of files that do not name theirs").click()
    page.keyboard.type("Kent")
    page.get_by_role("option", name="Kent", exact=True).click()
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_text("New recommendations (3)")).to_be_visible()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text(re.compile(r"Imported as import \d+: 3 new recommendations"))).to_be_visible()


def test_two_launchers_as_two_hosts_share_one_database(tmp_path, browser, expect):
    """Two `serve` launchers, as if on two hosts (their own ports, run folders and copies), on one PostgreSQL: a write
    through one is seen through the other on its next rerun."""
    from tracker.demo.builder import build_demo

    db = tmp_path / "shared"
    build_demo(db, n=200, seed=5, as_of=date(2026, 11, 28))
    with serving(db, replicas=1) as host_a, serving(db, replicas=1) as host_b:
        a = browser.new_context(viewport={"width": 1400, "height": 1000})
        b = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page_b = b.new_page()
            page_b.goto(host_b.url)
            settle(page_b)
            before = selected(page_b)
            page_a = a.new_page()
            page_a.goto(f"{host_a.url}/import")
            expect(page_a.get_by_role("heading", name="New import")).to_be_visible()
            import_three(page_a, expect)
            page_b.goto(f"{host_b.url}/?q=custody")
            settle(page_b)
            expect(footer(page_b)).to_contain_text(f"of {before + 3:,} recommendations selected")
        finally:
            a.close()
            b.close()


def test_sessions_spread_over_the_replicas_a_write_through_one_is_seen_through_the_other(balanced, browser, expect):
    a = browser.new_context(viewport={"width": 1400, "height": 1000})
    b = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        page_a = a.new_page()
        page_a.goto(f"{balanced.url}/import")
        expect(page_a.get_by_role("heading", name="New import")).to_be_visible()
        page_b = b.new_page()
        page_b.goto(balanced.url)
        settle(page_b)
        assert {replica_of(a), replica_of(b)} == {"r1", "r2"}
        expect(footer(page_b)).to_contain_text("recommendations selected")
        before = selected(page_b)

        # An upload and a write through replica A: the XSRF cookie and the upload both pass the balancer.
        import_three(page_a, expect)

        # Replica B sees it on its next rerun, and its download (served from B's memory) holds it.
        page_b.goto(f"{balanced.url}/?q=custody")
        settle(page_b)
        expect(footer(page_b)).to_contain_text(f"of {before + 3:,} recommendations selected")
        rows = list(csv.DictReader(io.StringIO(download(page_b, keyed(page_b, "all-csv")).read_text(
            encoding="utf-8-sig"))))
        assert {"9101", "9102", "9103"} <= {r["id"] for r in rows}
        assert replica_of(b) != replica_of(a)
    finally:
        a.close()
        b.close()


def test_killing_a_replica_brings_its_page_back_on_the_other_and_the_dead_one_is_restarted(balanced, browser, expect):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        link = f"{balanced.url}/overdue?force=Kent&force=Essex&as_of=2026-06-30"
        page.goto(link)
        settle(page)
        shown = footer(page).inner_text()
        name = replica_of(context)
        port, pid = balanced.replica(name)
        mark = len(balanced.lines)
        os.kill(pid, signal.SIGKILL)
        # The page loses its connection, reconnects through HAProxy to the other replica, and redraws the same view.
        page.wait_for_selector('[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=WAIT)
        settle(page)
        expect(footer(page)).to_have_text(shown)
        assert page.url == link
        expect(page.locator("h1").first).to_have_text("Overdue and stale")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(page.locator(".stDialog")).to_have_count(0)
        # The launcher noticed and started it again, on the same port.
        balanced.wait_for(rf"replica {name} exited with code -9; restarting", after=mark)
        balanced.wait_for(rf"replica {name}: port {port}, pid \d+", after=mark)
        deadline = time.monotonic() + 90
        while not healthy(port):
            assert time.monotonic() < deadline, f"replica {name} did not come back"
            time.sleep(0.2)  # polling the restarted replica's health check
    finally:
        context.close()


DIRECTORY = """email,name,force,roles
analyst@hmicfrs.example,Ms Analyst,national,analyst;viewer
"""


def test_a_sign_in_goes_through_the_balancer_and_survives_a_replica_dying(tmp_path, browser, expect):
    from tests.test_signin import oidc_provider, write_auth_secrets
    from tracker.ingest.importer import ingest
    from tracker.ingest.people import import_people

    db = tmp_path / "tracker.duckdb"
    ingest([str(TABLES)], db)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", db, "test")
    with oidc_provider() as provider:
        port_file = tmp_path / "secrets.toml"
        port = free_port()  # the redirect names the balancer's port, which serve is about to take: choose it first
        write_auth_secrets(port_file, port, provider)
        proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "serve", "--replicas", "2",
                                 "--port", str(port), "--secrets", str(port_file)], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        served = Served(proc, f"http://localhost:{port}", db)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            served.wait_for(r"^Serving ")
            page = context.new_page()
            page.goto(served.url)
            settle(page)
            page.get_by_role("button", name="Sign in").click()
            page.locator('button[name="sub"][value="analyst"]').click()  # the provider's page, one button per user
            page.wait_for_url(f"{served.url}/**")
            settle(page)
            expect(footer(page)).to_contain_text("6 of 6 recommendations selected")
            name = replica_of(context)
            os.kill(served.replica(name)[1], signal.SIGKILL)
            # the other replica reads the same sign-in cookie: still signed in, no sign-in page
            page.wait_for_selector('[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])',
                                   timeout=WAIT)
            settle(page)
            expect(footer(page)).to_contain_text("6 of 6 recommendations selected")
            expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
        finally:
            context.close()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 0, served.lines


def test_the_production_configuration_is_one_haproxy_accepts(tmp_path):
    # deploy/haproxy.cfg as a host has it, with a throwaway self-signed certificate where the host's would be
    from datetime import datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tracker.test")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (tmp_path / "tracker.pem").write_bytes(
        cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    config = (ROOT / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    config = config.replace("/etc/haproxy/certs/tracker.pem", str(tmp_path / "tracker.pem"))
    config = config.replace("log /dev/log local0", "log stderr local0")  # (checking binds no port)
    (tmp_path / "haproxy.cfg").write_text(config, encoding="utf-8")
    check = subprocess.run([HAPROXY, "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr + check.stdout
    # the ports it balances over are the ones the systemd target starts
    target = (ROOT / "deploy" / "tracker.target").read_text(encoding="utf-8")
    assert re.findall(r"127\.0\.0\.1:(\d+) check", config) == re.findall(r"tracker-replica@(\d+)\.service", target)
