"""`python -m tracker serve`: N app replicas behind HAProxy on one host, in the foreground. A thin launcher for a single
host without a service manager, and for tests; production uses deploy/ (systemd units and HAProxy's own config)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tracker import ROOT
from tracker.core.errors import TrackerError


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
HEALTH = "/_stcore/health"
COOKIE = "TRACKER_REPLICA"  # HAProxy's stickiness cookie: which replica holds the browser's session
START_TIMEOUT = 90.0        # seconds a replica has to answer its health check
RESTART_PAUSE = 5.0         # after a replica dies within this long of starting, wait this long before the next try
STOP_GRACE = 10.0           # seconds children have to exit after SIGTERM before they are killed


class ServeError(TrackerError, RuntimeError):
    """The launcher cannot start; the message says why."""


@dataclass
class Replica:
    """One `streamlit run` of the dashboard on a port of its own."""

    name: str
    port: int
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    log: Path | None = None


@dataclass
class Plan:
    """What to start: the balancer's address, the replicas' ports, the database, sign-in settings, and a work folder."""

    host: str
    port: int
    replicas: list[Replica]
    db: Path
    secrets_file: Path | None
    run_dir: Path
    cookie_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))


def haproxy_config(host: str, port: int, replicas: list[Replica]) -> str:
    """HAProxy's configuration: HTTP with WebSockets, sessions kept on their replica by a cookie, health checks on
    Streamlit's endpoint, and a dead replica's sessions sent to another (redispatch)."""
    servers = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} check inter 1s fall 2 rise 2 cookie {r.name}"
                        for r in replicas)
    return f"""# Written by `python -m tracker serve` at start-up; deploy/haproxy.cfg is the production version.
global
    maxconn 4096

defaults
    mode http
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 30s

frontend tracker
    bind {host}:{port}
    default_backend replicas

backend replicas
    balance leastconn
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET {HEALTH}
    http-check expect status 200
{servers}
"""


def replica_command(r: Replica, plan: Plan) -> list[str]:
    """The `streamlit run` of one replica, listening on the loopback only (the balancer is the way in)."""
    args = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(r.port),
            "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
    if plan.secrets_file:
        args += ["--secrets.files", str(plan.secrets_file)]
    return args


def replica_env(r: Replica, plan: Plan) -> dict[str, str]:
    """A replica's environment: the database, its name, and the cookie secret every replica shares (an upload's XSRF
    token is signed with it, and may be checked by any replica). Passed in the environment, not on the command line,
    so it is not in the process list."""
    return {**os.environ, "TRACKER_DB": str(plan.db), "TRACKER_REPLICA": r.name,
            "STREAMLIT_SERVER_COOKIE_SECRET": plan.cookie_secret}


def healthy(port: int) -> bool:
    """Whether something on this loopback port answers Streamlit's health check."""
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=2).read() == b"ok"
    except OSError:
        return False


class Launcher:
    """Starts the replicas and HAProxy, restarts a replica that dies, and stops everything on SIGINT or SIGTERM."""

    def __init__(self, plan: Plan, say=print):
        self.plan = plan
        self.say = say
        self.haproxy: subprocess.Popen | None = None
        self.stopping = False

    def start_replica(self, r: Replica) -> None:
        """Start (or restart) one replica, its output going to its log file."""
        r.log = self.plan.run_dir / f"{r.name}.log"
        with open(r.log, "ab") as log:
            r.proc = subprocess.Popen(replica_command(r, self.plan), cwd=ROOT, env=replica_env(r, self.plan),
                                      stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        r.started = time.monotonic()
        self.say(f"replica {r.name}: port {r.port}, pid {r.proc.pid}")

    def wait_healthy(self, replicas: list[Replica]) -> None:
        """Wait until every replica answers its health check, or raise saying which did not."""
        deadline = time.monotonic() + START_TIMEOUT
        waiting = list(replicas)
        while waiting:
            waiting = [r for r in waiting if not healthy(r.port)]
            for r in waiting:
                if r.proc and r.proc.poll() is not None:
                    raise ServeError(f"replica {r.name} exited with code {r.proc.returncode} while starting; see {r.log}")
            if waiting and time.monotonic() > deadline:
                raise ServeError(f"replica {waiting[0].name} did not answer {HEALTH} within {START_TIMEOUT:.0f} s; "
                                 f"see {waiting[0].log}")
            if waiting:
                time.sleep(0.2)  # polling interval for the health checks

    def start_haproxy(self) -> None:
        """Write HAProxy's configuration (readable by this user only) and start it in the foreground."""
        config = self.plan.run_dir / "haproxy.cfg"
        config.write_text(haproxy_config(self.plan.host, self.plan.port, self.plan.replicas), encoding="utf-8")
        config.chmod(0o600)
        check = subprocess.run([HAPROXY, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode:
            raise ServeError(f"HAProxy refused its configuration: {check.stderr.strip() or check.stdout.strip()}")
        self.haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=subprocess.DEVNULL,
                                        stderr=open(self.plan.run_dir / "haproxy.log", "ab"), start_new_session=True)

    def watch(self) -> int:
        """Restart replicas that die until asked to stop; 1 if HAProxy itself dies."""
        while not self.stopping:
            if self.haproxy.poll() is not None:
                self.say(f"HAProxy exited with code {self.haproxy.returncode}; stopping "
                         f"(see {self.plan.run_dir / 'haproxy.log'})")
                return 1
            for r in self.plan.replicas:
                if r.proc.poll() is not None and not self.stopping:
                    quick = time.monotonic() - r.started < START_TIMEOUT
                    self.say(f"replica {r.name} exited with code {r.proc.returncode}; restarting")
                    if quick and r.restarts:
                        time.sleep(RESTART_PAUSE)  # it keeps failing at start: do not spin
                    r.restarts += 1
                    self.start_replica(r)
            time.sleep(0.5)  # how often the children are checked
        return 0

    def stop(self) -> None:
        """Stop the balancer, then the replicas: SIGTERM, then SIGKILL after STOP_GRACE seconds."""
        children = [p for p in (self.haproxy, *(r.proc for r in self.plan.replicas)) if p and p.poll() is None]
        for p in children:
            p.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for p in children:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def run(self) -> int:
        """Start everything, serve until SIGINT or SIGTERM, stop everything; the exit code."""
        def ask_to_stop(signum, _frame) -> None:
            self.stopping = True

        previous = {s: signal.signal(s, ask_to_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for r in self.plan.replicas:
                self.start_replica(r)
            self.wait_healthy(self.plan.replicas)
            self.start_haproxy()
            self.say(f"Serving http://{self.plan.host}:{self.plan.port} with {len(self.plan.replicas)} replicas "
                     f"(logs in {self.plan.run_dir}); Ctrl-C stops")
            code = self.watch()
            self.say("Stopping")
            return code
        finally:
            self.stop()
            for s, handler in previous.items():
                signal.signal(s, handler)


def plan_for(replicas: int, host: str, port: int, db: Path, secrets_file: Path | None) -> Plan:
    """The plan for N replicas on free loopback ports, HAProxy on host:port, and a private work folder."""
    if replicas < 1:
        raise ServeError("--replicas must be at least 1")
    if not Path(HAPROXY).exists():
        raise ServeError("HAProxy is not installed: apt-get install haproxy (Debian's package)")
    if secrets_file is not None and not secrets_file.is_file():
        raise ServeError(f"{secrets_file}: no such file")
    run_dir = Path(tempfile.mkdtemp(prefix="tracker-serve-"))
    return Plan(host, port, [Replica(f"r{i + 1}", free_port()) for i in range(replicas)], db, secrets_file, run_dir)


def serve(replicas: int, host: str, port: int, db: Path, secrets_file: Path | None = None) -> int:
    """Run the replicas and HAProxy in the foreground until stopped; the exit code."""
    from tracker.store.database import ensure_current, is_empty

    ensure_current(db)  # once, here, rather than N replicas racing to migrate
    if is_empty(db):
        from tracker.demo.builder import build_demo

        print(f"Nothing in the database at {db} yet: building the demo dataset first", flush=True)
        build_demo(db)
    plan = plan_for(replicas, host, port, db, secrets_file)
    code = Launcher(plan, say=lambda line: print(line, flush=True)).run()
    if code == 0:
        shutil.rmtree(plan.run_dir, ignore_errors=True)
    return code
