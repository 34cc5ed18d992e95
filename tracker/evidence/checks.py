"""What an evidence file is, judged from its bytes (never its name): PDF, DOCX, XLSX, PNG or JPEG, at most 20 MB."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from tracker.core.errors import TrackerError
from tracker.core.zips import read_capped

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 10  # files with one submission
MAX_NAME = 200
# An Office document is a zip: its parts may not declare more than this unpacked, nor be too many. Declared sizes are
# only a first filter (a part may lie): the parts read to judge the file are capped by what they actually unpack to.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 5_000
MAX_PART_READ = 10 * 1024 * 1024  # one part read: the content types or a relationships part (a few KB in real files)
MAX_READ = 50 * 1024 * 1024       # every part read, together
# Signs of macros, in [Content_Types].xml (lowercased) or a part's name: (sign, what the message calls it).
MACRO_TYPES = ((b"application/vnd.ms-office.vbaproject", "a VBA project"), (b"macroenabled", "a VBA project"),
               (b"application/vnd.ms-office.activex", "ActiveX controls"),
               (b"application/vnd.ms-excel.macrosheet", "an Excel 4.0 macro sheet"),
               (b"application/vnd.ms-excel.intlmacrosheet", "an Excel 4.0 macro sheet"))
MACRO_PARTS = (("vbaproject.bin", "a VBA project"), ("xl/macrosheets/", "an Excel 4.0 macro sheet"),
               ("activex", "ActiveX controls"))
# Relationships that make Word or Excel fetch a part from elsewhere when the file opens (a remote template runs its
# macros): by the last word of their type, what the message calls the part.
REMOTE = {"attachedTemplate": "template", "oleObject": "linked object", "subDocument": "sub-document",
          "frame": "frame", "image": "picture", "externalLinkPath": "linked workbook", "aFChunk": "imported part"}
MAX_SHOWN_ADDRESS = 100
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
    media_type = sniff(content, shown)
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


def sniff(content: bytes, shown: str = "file") -> str | None:
    """The accepted media type the bytes are, or None; EvidenceError for an Office file holding what is refused."""
    if content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]:
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04"):
        return office_type(content, shown)
    return None


def office_type(content: bytes, shown: str = "file") -> str | None:
    """DOCX or XLSX if the zip is a real one, else None; EvidenceError if it has macros or loads parts from elsewhere."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            parts = zf.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
                return None
            names = {p.filename for p in parts}
            if "[Content_Types].xml" not in names:
                return None
            left = MAX_READ
            types = read_capped(zf, zf.getinfo("[Content_Types].xml"), MAX_PART_READ)
            if types is None:
                return None
            left -= len(types)
            remote = None
            for part in (p for p in parts if p.filename.lower().endswith(".rels")):
                rels = read_capped(zf, part, min(MAX_PART_READ, left))
                if rels is None:
                    return None
                left -= len(rels)
                if remote := remote_part(rels):
                    break
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError, NotImplementedError, EOFError,
            zlib.error, ElementTree.ParseError):
        return None
    plain = ".xlsx" if "xl/workbook.xml" in names else ".docx"
    if macros := macro_kind(names, types):
        raise EvidenceError(f"{shown}: it holds macros ({macros}), which are not accepted; save it as a plain {plain} "
                            "without macros")
    if remote:
        what, address = remote
        raise EvidenceError(f"{shown}: it loads a {what} from another address ({address}), which is not accepted; "
                            f"save it without the {what}")
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def macro_kind(names: set[str], types: bytes) -> str | None:
    """What kind of macros a zip's part names and content types show it holds, or None."""
    lowered = types.lower()
    for sign, what in MACRO_TYPES:
        if sign in lowered:
            return what
    for name in names:
        for sign, what in MACRO_PARTS:
            if sign in name.lower():
                return what
    return None


def remote_part(rels: bytes) -> tuple[str, str] | None:
    """(what, address as short plain text) of a .rels part's first template, object or frame fetched from elsewhere."""
    for rel in ElementTree.fromstring(rels).iter():
        if not rel.tag.endswith("Relationship") or rel.get("TargetMode", "").lower() != "external":
            continue
        what = REMOTE.get(rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1])
        if what:
            address = "".join(ch for ch in rel.get("Target", "") if ch.isprintable())
            return what, (address[:MAX_SHOWN_ADDRESS] + "…" if len(address) > MAX_SHOWN_ADDRESS else address)
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
