"""`streamlit run` on a database until it answers its health check, and Debian's Chromium to drive it: the harness of
the browser tests, the benchmarks and the load test (not part of the product)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker import ROOT
from tracker.serve import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
READY = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


@contextmanager
def streamlit_server(db: Path, timeout: float = 60, env: dict | None = None, args: tuple[str, ...] = (),
                     cwd: Path = ROOT, port: int | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """The dashboard on the database, yielded as (process, url) once it answers its health check; stopped after.

    `env` adds environment variables, `args` more `streamlit run` options (`--secrets.files FILE`, say), `cwd` the
    folder it runs in, `port` a port chosen beforehand (a sign-in redirect names it).
    """
    port = port or free_port()
    log = os.environ.get("TRACKER_SERVER_LOG")  # where the server's log goes (tracebacks the page redacts), when set
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args],
        cwd=cwd, env={**os.environ, "TRACKER_DB": str(db), **(env or {})}, stdout=subprocess.DEVNULL,
        stderr=open(log, "a") if log else subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s")
            time.sleep(0.2)  # polling interval for the health check, not a wait for the page
        yield proc, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
