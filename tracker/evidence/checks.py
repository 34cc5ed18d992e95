"""What an evidence file is, judged from its bytes (never its name): PDF, DOCX, XLSX, PNG or JPEG, at most 20 MB."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from tracker.core.errors import TrackerError

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 10  # files with one submission
MAX_NAME = 200
# An Office document is a zip: its parts may not add up to more than this once unpacked, nor be too many (a zip bomb
# is refused before anything reads it whole).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 5_000
TYPES = {  # media type: (what people call it, the names it may end with)
    "application/pdf": ("a PDF", (".pdf",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("a Word document (DOCX)", (".docx",)),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("an Excel workbook (XLSX)", (".xlsx",)),
    "image/png": ("a PNG image", (".png",)),
    "image/jpeg": ("a JPEG image", (".jpg", ".jpeg")),
}
ACCEPTED = "PDF, DOCX, XLSX, PNG or JPEG"
EXTENSIONS = sorted({ext.lstrip(".") for _, exts in TYPES.values() for ext in exts})
# What other common files start with, so a refusal can say what the file is.
OTHER_MAGIC = ((b"MZ", "a Windows program"), (b"\x7fELF", "a Linux program"), (b"#!", "a script"),
               (b"\xd0\xcf\x11\xe0", "an old Office file (DOC/XLS)"), (b"GIF8", "a GIF image"),
               (b"<", "a web page or XML file"), (b"{\\rtf", "an RTF document"))


class EvidenceError(TrackerError, ValueError):
    """An evidence file that may not be attached, or not read; the message names it and says what to do."""


@dataclass(frozen=True)
class Checked:
    """A file that passed: its name as given, media type from its content, size and SHA-256."""

    name: str
    media_type: str
    size: int
    sha256: str
    content: bytes


def check_file(name: str, content: bytes) -> Checked:
    """The file if it is one of the accepted types by content and size, its name agreeing; else EvidenceError."""
    shown = clean_file_name(name)
    if not content:
        raise EvidenceError(f"{shown}: the file is empty; choose the file itself")
    if len(content) > MAX_BYTES:
        raise EvidenceError(f"{shown}: {len(content) / 1024 / 1024:.1f} MB is over the 20 MB limit a file; "
                            "split it or make it smaller")
    media_type = sniff(content)
    if media_type is None:
        raise EvidenceError(f"{shown}: {what_it_is(content)} is not accepted; attach a {ACCEPTED} file")
    what, endings = TYPES[media_type]
    if not shown.lower().endswith(endings):
        raise EvidenceError(f"{shown}: by its content this is {what}, which its name does not say; rename it to end "
                            f"with {endings[0]} or choose the right file")
    return Checked(shown, media_type, len(content), hashlib.sha256(content).hexdigest(), content)


def check_files(files) -> list[Checked]:
    """Every (name, bytes) checked, at most MAX_FILES of them; the first refusal is raised."""
    files = list(files)
    if len(files) > MAX_FILES:
        raise EvidenceError(f"{len(files)} files: attach at most {MAX_FILES} with one submission")
    return [check_file(name, content) for name, content in files]


def clean_file_name(name: str) -> str:
    """A file's name as shown and stored: its last part only, no control characters, at most MAX_NAME long."""
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "file"
    return base[-MAX_NAME:]


def sniff(content: bytes) -> str | None:
    """The accepted media type the bytes are, or None."""
    if content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]:
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04"):
        return office_type(content)
    return None


def office_type(content: bytes) -> str | None:
    """DOCX or XLSX if the zip is a real one of them (its content types and main part present), else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            parts = zf.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
                return None
            names = {p.filename for p in parts}
            if "[Content_Types].xml" not in names:
                return None
            types = zf.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError, NotImplementedError):
        return None
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def what_it_is(content: bytes) -> str:
    """What a refused file looks like, for the message."""
    if content.startswith(b"PK\x03\x04"):
        return "a zip file that is not a real Word or Excel document"
    if content.startswith(b"%PDF-"):
        return "a PDF that is cut short (no end of file)"
    for magic, what in OTHER_MAGIC:
        if content.lstrip()[: len(magic)] == magic if magic == b"<" else content.startswith(magic):
            return f"by its content, {what},"
    return "by its content, a file of another type,"
