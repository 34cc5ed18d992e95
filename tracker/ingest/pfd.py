"""Read a coroner's prevention of future deaths report (regulation 28) in its published layout: its reference, date,
coroner, area, addressees, the date the coroner states for the response, and its numbered matters of concern.

The deceased's name and the circumstances of the death are restricted, and nothing of them is kept: the name is read
only to be taken out of the concerns' text ('[the deceased]'), and the circumstances are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.core.dates import LONG_DATE, DateError, parse_date
from tracker.core.receivers import split_receivers
from tracker.core.text import clean_name, clean_text
from tracker.ingest.problems import ImportProblem
from tracker.ingest.references import MAX_CONCERNS, PFD_REF
from tracker.ingest.register import normalise_text

HEADER = re.compile(r"^\s*(?P<field>date of report|ref|deceased name|coroner name|coroner area|category|"
                    r"this report is being sent to)\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
SENT_TO = re.compile(r"^\s*(\d+\s+)?this report is being sent to\s*:?\s*(?P<value>.*?)\s*$", re.IGNORECASE)
CONCERNS = re.compile(r"matters of concern", re.IGNORECASE)
# A section's heading: its number, then capitals ('6 ACTION SHOULD BE TAKEN', '7 YOUR RESPONSE').
SECTION = re.compile(r"^\s*\d{1,2}\s+[A-Z][A-Z ,'’&-]+$")
NUMBERED = re.compile(r"^\s*(?:\((?P<a>\d{1,2})\)|(?P<b>\d{1,2})[.)])\s+(?P<text>\S.*)$")
NAMELY_BY = re.compile(r"namely\s+(?:by|on or before)\s+(?P<rest>.*)", re.IGNORECASE)
SIGNED = re.compile(r"^\s*9\s+(?P<on>.+?)\s*$")  # the date at the foot, in section 9
CORONER = re.compile(r"I am (?P<name>[^,]+), (?:HM |His Majesty's )?(?:Senior |Area |Assistant |Acting Senior )?"
                     r"Coroner(?: for (?:the coroner area of )?(?P<area>[^.]+))?", re.IGNORECASE)
AREA = re.compile(r"coroner area of (?P<area>[^.]+)\.", re.IGNORECASE)
DEATH_OF = re.compile(r"death of (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,4})")
TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?"
MARKERS = ("regulation 28", "prevent future deaths", "matters of concern", "this report is being sent to",
           "date of report:")


@dataclass(frozen=True)
class Concern:
    """One matter of concern: its number, its text, and the line it starts on."""

    number: int
    text: str
    line: int


@dataclass(frozen=True)
class PfdReport:
    """A coroner's report as read: nothing of the deceased or the circumstances of the death is held."""

    ref: str
    on: date
    coroner: str | None
    area: str | None
    addressees: tuple[str, ...]
    stated: date | None  # the date the coroner states the response is due by ("namely by …")
    concerns: tuple[Concern, ...]


def looks_like_pfd(text: str) -> bool:
    """Whether a text file is a coroner's report (its content says so), not a register record."""
    lowered = text[:20_000].lower()
    return sum(marker in lowered for marker in MARKERS) >= 2


def read_pdf_text(path: Path, shown: str) -> str:
    """A PDF's text, page after page (pypdf), or ImportProblem naming the file when it holds none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ImportProblem(f"{shown}: not a readable PDF ({type(exc).__name__})") from None
    if not text.strip():
        raise ImportProblem(f"{shown}: the PDF holds no text (a scan?); import the report's text instead")
    return text


def problem(shown: str, line: int | None, message: str) -> ImportProblem:
    """An ImportProblem naming the file and, when known, the line."""
    return ImportProblem(f"{shown}{f', line {line}' if line else ''}: {message}")


def a_date(value: str, shown: str, line: int, what: str) -> date:
    """A date written in the report, or ImportProblem naming the line."""
    try:
        return parse_date(value)
    except DateError as exc:
        raise problem(shown, line, f"{what}: {exc}") from None


def header_fields(lines: list[str]) -> dict[str, tuple[str, int]]:
    """The web page's header lines (field -> (value, line)), the first of each; none when the file has no header."""
    found: dict[str, tuple[str, int]] = {}
    for n, text in enumerate(lines, start=1):
        m = HEADER.match(text)
        if m and m["value"] and m["field"].lower() not in found:
            found[m["field"].lower()] = (m["value"], n)
    return found


def reference(head: dict, shown: str, path: Path) -> str:
    """The report's reference: its header's 'Ref:', else the file's name (2024-0688.txt)."""
    if "ref" in head:
        value, line = head["ref"]
        if not PFD_REF.fullmatch(value.strip()):
            raise problem(shown, line, f"reference '{value}' is not written like 2024-0688")
        return value.strip()
    if PFD_REF.fullmatch(path.stem.strip()):
        return path.stem.strip()
    raise problem(shown, None, "the report has no reference: keep its header line 'Ref: 2024-0688', or name the "
                               "file by its reference (2024-0688.txt)")


def report_date(head: dict, lines: list[str], shown: str) -> date:
    """The report's date: its header's, else the date it is signed on (section 9)."""
    if "date of report" in head:
        value, line = head["date of report"]
        return a_date(value, shown, line, "date of report")
    for n, text in enumerate(lines, start=1):
        m = SIGNED.match(text)
        if m and LONG_DATE.fullmatch(m["on"].strip()):
            return a_date(m["on"], shown, n, "the date the report is signed")
    raise problem(shown, None, "the report has no date: keep its header line 'Date of report: 11/06/2024', or the "
                               "date it is signed on under section 9")


def addressees(head: dict, lines: list[str], shown: str) -> tuple[str, ...]:
    """Whom the report is sent to: the list under 'THIS REPORT IS BEING SENT TO:' (one a line), else the header's."""
    for n, text in enumerate(lines):
        m = SENT_TO.match(text)
        if not m or m["value"]:
            continue
        listed: list[str] = []
        for following in lines[n + 1:]:
            if not following.strip():
                if listed:
                    break
                continue
            if SECTION.match(following):
                break
            listed.extend(split_receivers(following))
        if listed:
            return tuple(listed)
    if "this report is being sent to" in head:
        return tuple(split_receivers(head["this report is being sent to"][0]))
    raise problem(shown, None, "the report names nobody it is sent to ('THIS REPORT IS BEING SENT TO:')")


def stated_date(lines: list[str], shown: str) -> date | None:
    """The date the coroner states the response is due by ('… namely by 6 August 2024'), if any."""
    for n, text in enumerate(lines, start=1):
        m = NAMELY_BY.search(text)
        if m:
            found = LONG_DATE.match(m["rest"].strip())
            if not found:
                raise problem(shown, n, f"'namely by' is not followed by a date like 6 August 2024: "
                                        f"'{m['rest'].strip()[:40]}'")
            return a_date(found.group(0), shown, n, "the response's date")
    return None


def deceased_names(head: dict, text: str) -> list[str]:
    """The deceased's name, as written (read only to be taken out of the concerns' text)."""
    names = [head["deceased name"][0]] if "deceased name" in head else []
    names += [m["name"] for m in DEATH_OF.finditer(text)]
    return [clean_name(n) for n in names if clean_name(n)]


def without_names(text: str, names: list[str]) -> str:
    """A concern's text with the deceased's name taken out: full name, then a title and surname, then each name."""
    for name in names:
        parts = [p for p in name.split() if len(p) > 2]
        text = re.sub(re.escape(name), "[the deceased]", text)
        for part in parts[::-1]:
            text = re.sub(rf"\b{TITLES}\s+{re.escape(part)}\b", "[the deceased]", text)
            text = re.sub(rf"\b{re.escape(part)}\b", "[the deceased]", text)
    return text


def paragraphs(lines: list[str]) -> str:
    """Lines as the text they wrap: a line break within a paragraph is a space, a blank line ends the paragraph."""
    text = "\n".join(line.strip() for line in lines).strip()
    return "\n\n".join(" ".join(p.split("\n")) for p in re.split(r"\n{2,}", text))


def concerns(lines: list[str], shown: str, names: list[str]) -> tuple[Concern, ...]:
    """The numbered matters of concern ((1), 1. or 1)), each to the next or to the next section; text before the
    first number is an introduction, and a section with no number at all is one concern."""
    start = next((n for n, t in enumerate(lines) if CONCERNS.search(t)), None)
    if start is None:
        raise problem(shown, None, "the report has no 'MATTERS OF CONCERN' section; is it a coroner's report?")
    found: list[list] = []  # [number, lines of text, line]
    before: list = [None, [], None]  # text before the first number: [None, lines, its first line]
    for n, text in enumerate(lines[start + 1:], start=start + 2):
        if SECTION.match(text):
            break
        m = NUMBERED.match(text)
        if m:
            number = int(m["a"] or m["b"])
            expected = len(found) + 1
            if number != expected:
                raise problem(shown, n, f"concern {number} where concern {expected} was expected; number the "
                                        "concerns 1, 2, 3 in order")
            if number > MAX_CONCERNS:
                raise problem(shown, n, f"more than {MAX_CONCERNS} concerns in one report")
            found.append([number, [m["text"]], n])
        elif found:
            found[-1][1].append(text)
        elif text.strip():
            before[1].append(text)
            before[2] = before[2] or n
    if not found and before[1]:
        found.append([1, before[1], before[2]])
    if not found:
        raise problem(shown, start + 1, "the 'MATTERS OF CONCERN' section holds no concern")
    out = []
    for number, parts, line in found:
        body = clean_text(without_names(paragraphs(parts), names))
        if not body:
            raise problem(shown, line, f"concern {number} has no text")
        out.append(Concern(number, body, line))
    return tuple(out)


def parse_pfd(raw: str, shown: str, path: Path) -> PfdReport:
    """Read one coroner's report; ImportProblem naming the file and line for anything that cannot be read."""
    if "\x00" in raw:
        raise problem(shown, None, "this is a binary file, not a coroner's report's text")
    text = normalise_text(raw)
    if not text.strip():
        raise problem(shown, None, "the file is empty")
    lines = text.split("\n")
    head = header_fields(lines)
    coroner = head.get("coroner name", ("", 0))[0] or None
    area = head.get("coroner area", ("", 0))[0] or None
    if coroner is None or area is None:
        if m := CORONER.search(text):
            coroner = coroner or clean_name(m["name"])
            area = area or (clean_name(m["area"]) if m["area"] else None)
    if area is None and (m := AREA.search(text)):
        area = clean_name(m["area"])
    return PfdReport(
        ref=reference(head, shown, path), on=report_date(head, lines, shown),
        coroner=clean_name(coroner) if coroner else None, area=area,
        addressees=addressees(head, lines, shown), stated=stated_date(lines, shown),
        concerns=concerns(lines, shown, deceased_names(head, text)),
    )
