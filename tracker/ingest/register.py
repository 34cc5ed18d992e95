"""Read and write recommendation records in the inspectorate register's text format."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from tracker.core.dates import LONG_DATE, DateError, parse_date, register_date
from tracker.core.errors import TrackerError
from tracker.core.statuses import normalise

TITLE_LINE = re.compile(r"^(?P<title>.*)\((?P<id>\d+)\)\s*$")
ENTRY_DATE = re.compile(r"\s*" + LONG_DATE.pattern)
STATUS_TAG = re.compile(r"\[status\](?P<slug>.*?)\[/status\]", re.DOTALL | re.IGNORECASE)
COMMENT_TAGS = re.compile(r"\[/?comment\]|\[/on\]", re.IGNORECASE)
# The register's own tags written inside a text are escaped with a backslash after the bracket ("[\\on]"), and an
# already escaped one gets one more, so any text survives write_record -> parse_record exactly.
ESCAPED_TAG = re.compile(r"\[(\\*)(/?(?:on|status|comment)\])", re.IGNORECASE)
UNESCAPED_TAG = re.compile(r"\[(\\+)(/?(?:on|status|comment)\])", re.IGNORECASE)
MAX_ID = 2**31 - 1
# A line on its own that names what the item is, as a page for one finding heads its text (a colon may follow).
HEADINGS = {"recommendation": "recommendation", "national recommendation": "recommendation",
            "cause of concern": "cause of concern", "area for improvement": "area for improvement"}
HEADING_LINE = re.compile(r"^\s*(?P<heading>[A-Za-z ]{5,40}?)\s*:?\s*$")
NAMED_BY_ID = re.compile(r"^(?P<id>\d{1,10})$")  # a page's file named by its recommendation's id: 1234.txt


class RecordError(TrackerError, ValueError):
    """A record that cannot be read; names the source and the line."""

    def __init__(self, message: str, source: str = "", line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        where = source + (f", line {line}" if line else "")
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Entry:
    """One dated entry: a status change (status set) or a comment (text set)."""

    on: date
    status: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Record:
    """One recommendation as the register publishes it."""

    id: int
    title: str  # the report's title; empty for a page that had no title line
    text: str
    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = field(default=(), compare=False)
    kind: str = "recommendation"  # or "cause of concern" / "area for improvement", from a heading above the text


def normalise_text(raw: str) -> str:
    """Drop a BOM and carriage returns; keep every other character."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def id_from_name(name: str) -> int | None:
    """The recommendation id a file is named by ('1234.txt' -> 1234), or None."""
    m = NAMED_BY_ID.match(name.rsplit("/", 1)[-1].rsplit(".", 1)[0].strip())
    return int(m["id"]) if m and 1 <= int(m["id"]) <= MAX_ID else None


def heading_kind(line: str) -> str | None:
    """The kind a line on its own names ('Cause of concern' -> 'cause of concern'), or None for any other line."""
    m = HEADING_LINE.match(line)
    return HEADINGS.get(" ".join(m["heading"].lower().split())) if m else None


def parse_record(raw: str, source: str = "", named_id: int | None = None) -> Record:
    """Parse one record; raise RecordError naming the line for anything unreadable.

    A page for one recommendation has no title line: with `named_id` (the id its file is named by) its text starts
    at once, and its title is left empty (its report is not known).
    """
    if "\x00" in raw:
        raise RecordError("this is a binary file, not a text record", source)
    text = normalise_text(raw)
    if not text.strip():
        raise RecordError("the file is empty; a record starts with 'Report title (id)'", source)
    start = len(text) - len(text.lstrip())
    first_break = text.find("\n", start)
    title_end = len(text) if first_break < 0 else first_break
    title_line = text[start:title_end]
    m = TITLE_LINE.match(title_line)
    line = line_of(text, start)
    warnings: list[str] = []
    if m:
        title = m["title"].strip()
        rec_id = int(m["id"]) if len(m["id"]) <= 10 else MAX_ID + 1
        if not 1 <= rec_id <= MAX_ID:
            raise RecordError(f"the id ({m['id']}) must be a whole number from 1 to {MAX_ID:,}", source, line)
        if not title:
            raise RecordError("the title line has an id but no report title", source, line)
        body_start = title_end
    elif named_id is not None:
        title, rec_id, body_start = "", named_id, start
        warnings.append(f"{source}: no title line; read as recommendation {named_id} (the file's name), its report "
                        "not known")
    else:
        raise RecordError(
            "the title line must end with the recommendation id in parentheses, e.g. '(8019)'; a page for one "
            "recommendation without a title line is read when its file is named by its id (1234.txt)",
            source,
            line,
        )
    kind = "recommendation"
    head = text[body_start:].lstrip("\n")
    head_line = head.split("\n", 1)[0]
    if (found := heading_kind(head_line)) and "[" not in head_line:
        kind = found
        body_start = len(text) - len(head) + len(head_line)
    first_on = text.find("[on]", body_start)
    rec_end = len(text) if first_on < 0 else first_on
    rec_text = unescape(text[body_start:rec_end].strip())
    if not rec_text:
        warnings.append(f"{source}: recommendation {rec_id} has no text")
    entries: list[Entry] = []
    if first_on >= 0:
        chunk_starts = [i.start() for i in re.finditer(re.escape("[on]"), text[first_on:])]
        bounds = [first_on + s for s in chunk_starts] + [len(text)]
        for begin, end in itertools.pairwise(bounds):
            entries.extend(parse_entry(text, begin + len("[on]"), end, source, warnings))
    return Record(rec_id, unescape(title), rec_text, tuple(entries), tuple(warnings), kind)


def parse_entry(text: str, begin: int, end: int, source: str, warnings: list[str]) -> list[Entry]:
    """Parse the text of one [on] entry into a status change and/or a comment."""
    chunk = text[begin:end]
    line = line_of(text, begin)
    m = ENTRY_DATE.match(chunk)
    if not m:
        shown = chunk.strip().splitlines()[0][:40] if chunk.strip() else "(nothing)"
        raise RecordError(f"[on] must be followed by a date like '5th July 2017', found '{shown}'", source, line)
    try:
        on = parse_date(m.group(0))
    except DateError as exc:
        raise RecordError(str(exc), source, line) from None
    rest = chunk[m.end():]
    found: list[Entry] = []
    opened = rest.lower().count("[status]")
    if opened != rest.lower().count("[/status]"):
        raise RecordError("[status] is never closed with [/status]", source, line)
    for sm in STATUS_TAG.finditer(rest):
        slug, known = normalise(sm["slug"])
        if not slug:
            raise RecordError("[status][/status] is empty; write a status such as being-progressed", source, line)
        if not known:
            warnings.append(f"{source}, line {line}: unknown status '{sm['slug'].strip()}' kept as '{slug}'")
        found.append(Entry(on, status=slug))
    comment = COMMENT_TAGS.sub("", STATUS_TAG.sub("", rest)).strip()
    if comment:
        found.append(Entry(on, text=unescape(comment)))
    elif not found:
        warnings.append(f"{source}, line {line}: entry dated {on.isoformat()} is empty and was skipped")
    return found


def escape(text: str) -> str:
    """A text with the register's tags in it made inert: '[on]' is written '[\\on]'."""
    return ESCAPED_TAG.sub(lambda m: f"[{m[1]}\\{m[2]}", text)


def unescape(text: str) -> str:
    """The text escape() was given."""
    return UNESCAPED_TAG.sub(lambda m: f"[{m[1][1:]}{m[2]}", text)


def write_record(record: Record) -> str:
    """Write a record in the register's format, so parse_record(write_record(r)) == r (a record without a title, as
    a page for one recommendation, is written without a title line: read it back with its id as named_id)."""
    heading = "" if record.kind == "recommendation" else f"{record.kind.capitalize()}\n\n"
    title = f"{escape(record.title)} ({record.id})\n\n" if record.title else ""
    parts = [f"{title}{heading}{escape(record.text)}\n\n"]
    for e in record.entries:
        if e.status is not None:
            parts.append(f"[on]{register_date(e.on)} [status]{e.status}[/status][/on]")
        else:
            parts.append(f"[on]{register_date(e.on)}\n\n{escape(e.text)}\n\n")
    return "".join(parts)
