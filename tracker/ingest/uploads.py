"""Uploaded files onto disk for an import: streamed in chunks (never a second copy in memory), zips of force folders
unpacked safely (only importable files, no path leaving the folder, a cap on the unpacked size)."""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from tracker.core.zips import STREAMABLE, copy_capped
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import RECORD_SUFFIXES, TABLE_SUFFIXES

MAX_UPLOAD_MB = 50          # a file, as the upload box states (server.maxUploadSize in .streamlit/config.toml)
MAX_UNPACKED_MB = 500       # everything a zip holds, unpacked
CHUNK = 1024 * 1024
IMPORTABLE = RECORD_SUFFIXES | TABLE_SUFFIXES


def safe_part(name: str) -> str:
    """One path component as a file name on disk: letters, digits, space, and - _ . ( ) & ' only."""
    cleaned = re.sub(r"[^\w .()&'-]+", "_", name, flags=re.UNICODE).strip(" .")
    return cleaned[:120] or "file"


def spool(name: str, stream: BinaryIO, folder: Path) -> list[Path]:
    """Write one upload into the folder (a zip is unpacked there); return the files to import."""
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return unpack(name, stream, folder)
    if suffix not in IMPORTABLE:
        raise ImportProblem(f"{name}: unknown kind of file; upload .txt records, .csv, .xlsx or a .zip of them")
    target = unique(folder / safe_part(Path(name).name))
    with open(target, "wb") as out:
        shutil.copyfileobj(stream, out, CHUNK)
    return [target]


def unpack(name: str, stream: BinaryIO, folder: Path) -> list[Path]:
    """The importable files of a zip, under folders named as in the zip (a folder may name its force)."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise ImportProblem(f"{name}: not a readable zip file") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()
                   and PurePosixPath(m.filename).suffix.lower() in IMPORTABLE
                   and not any(p.startswith((".", "__MACOSX")) for p in PurePosixPath(m.filename).parts)]
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_MB * 1024 * 1024:
            raise ImportProblem(f"{name}: unpacks to {total / 1e6:,.0f} MB, more than {MAX_UNPACKED_MB} MB; "
                                "upload it in parts")
        if not members:
            raise ImportProblem(f"{name}: the zip holds no .txt, .csv or .xlsx files")
        odd = next((m for m in members if m.compress_type not in STREAMABLE), None)
        if odd is not None:
            raise ImportProblem(f"{name}: {odd.filename} is compressed in a way ordinary zip tools do not use; "
                                "make the zip again")
        root = unique(folder / safe_part(Path(name).stem))
        out_files = []
        for member in members:
            parts = [safe_part(p) for p in PurePosixPath(member.filename).parts if p not in ("", ".", "..")]
            target = root.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as src, open(target, "wb") as out:
                    copied = copy_capped(src, out, member.file_size)  # a member may lie about its size
            except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError):
                copied = -1  # a part larger or smaller than declared fails its CRC or ends early; or it is encrypted
            if copied != member.file_size:
                raise ImportProblem(f"{name}: {member.filename} is not what the zip says it is; upload it again")
            out_files.append(target)
    return sorted(out_files)


def unique(path: Path) -> Path:
    """The path, or the path with ' (2)', ' (3)'… when taken (two uploads may share a name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        return path
    n = 2
    while (candidate := path.with_name(f"{path.stem} ({n}){path.suffix}")).exists():
        n += 1
    return candidate
