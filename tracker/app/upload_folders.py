"""Where uploads wait on disk: a folder per server process, locked while it lives and swept by the next process once
its owner is gone, and in it a folder per session, deleted when the session disconnects or ends."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import streamlit as st

LOCK = ".owner.lock"
LEGACY = "tracker-upload-"  # the folders uploads used before there was a root: swept once their age says so
LEGACY_AGE_S = 24 * 3600

_lock = threading.Lock()
_held: tuple[Path, int] | None = None  # this process's folder and the descriptor that holds its lock


def uploads_root() -> Path:
    """The folder every process's uploads live under: $TRACKER_UPLOADS, else tracker-uploads in the temp folder."""
    return Path(os.environ.get("TRACKER_UPLOADS") or Path(tempfile.gettempdir()) / "tracker-uploads")


def sweep(root: Path, keep: Path | None = None) -> list[Path]:
    """Delete the folders under `root` whose process has ended (their lock is free: the kernel frees a dead process's
    lock whatever its process id or container), and the old per-upload folders of earlier versions; return them."""
    removed = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder == keep or not folder.is_dir():
            continue
        if owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    temp = Path(tempfile.gettempdir())
    for folder in temp.glob(f"{LEGACY}*"):
        if folder.is_dir() and time.time() - folder.stat().st_mtime > LEGACY_AGE_S:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def owner_gone(folder: Path) -> bool:
    """Whether no live process holds the folder's lock (a folder without one was never finished: gone too)."""
    try:
        fd = os.open(folder / LOCK, os.O_RDWR)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock taken just now
    return True


def process_folder() -> Path:
    """This process's folder under the root, made and locked on first use, when the others' leftovers are swept."""
    global _held
    with _lock:
        if _held is not None and _held[0].is_dir():
            return _held[0]
        root = uploads_root()
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="process-", dir=root))
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held = (folder, fd)
        sweep(root, keep=folder)
        return folder


def release(folder: Path) -> None:
    """Delete a session's upload folder."""
    shutil.rmtree(folder, ignore_errors=True)


@st.cache_resource(scope="session", on_release=release, show_spinner=False)
def session_folder() -> Path:
    """This session's folder for uploads, deleted (on_release) when the session disconnects or ends."""
    return Path(tempfile.mkdtemp(prefix="session-", dir=process_folder()))
