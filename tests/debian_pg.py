"""Debian's PostgreSQL as a real external server for the tests: a throwaway cluster (initdb through runuser, since
initdb refuses root), started and stopped as a process of the test's own, and a synchronous streaming standby."""

from __future__ import annotations

import glob
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

USER = "postgres"


def bin_dir() -> Path | None:
    """Debian's server programs (the newest installed), or None when the package is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(*argv: str, **kw) -> subprocess.CompletedProcess:
    """Run one of the server's programs as the postgres user."""
    return subprocess.run(["runuser", "-u", USER, "--", *argv], check=True, capture_output=True, text=True, **kw)


class Cluster:
    """One server: a data folder, a port on loopback, started and stopped with pg_ctl."""

    def __init__(self, root: Path, name: str, port: int | None = None):
        self.data = root / name
        self.port = port or free_port()
        self.log = root / f"{name}.log"
        self.bin = bin_dir()

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def init(self) -> Cluster:
        as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "--auth=trust", "-U", USER, "--encoding=UTF8",
                    "--no-sync")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                       "wal_level = replica\nmax_wal_senders = 5\nfsync = on\n")
        with open(self.data / "pg_hba.conf", "a", encoding="utf-8") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        return self

    def start(self) -> Cluster:
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def kill(self) -> None:
        """SIGKILL the server and every process of it at once (a host that dies: no backend lives on)."""
        import psutil

        main = psutil.Process(int((self.data / "postmaster.pid").read_text().split()[0]))
        procs = [main, *main.children(recursive=True)]
        for proc in procs:
            proc.kill()
        psutil.wait_procs(procs, timeout=30)

    def promote(self) -> None:
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "promote")

    def standby_of(self, primary: Cluster) -> Cluster:
        """Make this cluster a streaming standby of `primary` (a base backup with the standby's settings)."""
        as_postgres(str(self.bin / "pg_basebackup"), "-D", str(self.data), "-h", "127.0.0.1", "-p",
                    str(primary.port), "-U", USER, "-R", "-X", "stream", "--no-sync")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            # Promoted, it has no standby of its own yet: it must not wait for one (the primary's setting came along).
            conf.write(f"\nport = {self.port}\nsynchronous_standby_names = ''\n")
        with open(self.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:  # after -R's own line: it wins
            conf.write(f"primary_conninfo = 'host=127.0.0.1 port={primary.port} user={USER} "
                       "application_name=standby'\n")
        return self


def workspace() -> Path:
    """A private folder the postgres user may enter (tempfile's are 0700 and root's)."""
    root = Path(tempfile.mkdtemp(prefix="tracker-debian-pg-"))
    root.chmod(0o777)
    return root


def wait_ready(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(url, connect_timeout=2) as con:
                con.execute("SELECT 1")
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling for the server to accept connections


def remove(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
