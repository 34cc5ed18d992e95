"""What imported text becomes: control characters, invisible characters and look-alike spellings, decided once."""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

# C0 controls but tab and newline, DEL and the C1 controls: they print as nothing, break XLSX and terminals, and no
# register or spreadsheet text means them. Carriage returns are line ends and become newlines first.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that change how a name looks or compares but not what it says: zero-width spaces and joiners, direction
# marks and embeddings, the soft hyphen, the word joiner and a stray byte-order mark.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
SPACES = re.compile(r"\s+")


def clean_text(raw: str) -> str:
    """A free text (recommendation, comment) as stored: line ends as newlines, control characters removed.

    Spaces and newlines around it are trimmed; a leading tab is kept, since spreadsheets use it to mark a cell as text.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text).strip(" \n")


def has_control(raw: str) -> bool:
    """Whether clean_text would drop a character (so the importer can say so)."""
    return bool(CONTROL.search(raw.replace("\r", "")))


def clean_name(raw: str) -> str:
    """A name (person, board, force, report title) as stored and compared.

    Compatibility forms folded (NFKC: a no-break space is a space, a full-width letter a letter), invisible
    characters and controls removed, runs of white space made one space. "Supt\u00a0Wright" and "Supt \u200bWright"
    are both "Supt Wright".
    """
    text = unicodedata.normalize("NFKC", raw)
    text = INVISIBLE.sub("", CONTROL.sub(" ", text))
    return SPACES.sub(" ", text).strip()


def slugify(text: str) -> str:
    """Lower-case, with runs of anything but letters and digits turned into one hyphen: 'West Yorkshire' -> 'west-yorkshire'."""
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character, which Markdown may read
# Where GitHub Markdown would make a bare address a link ('http://…', 'www.…', 'a@b.c'): it finds them in the text
# after references are decoded, so they are broken with an invisible word joiner instead.
ADDRESS_START = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp)(?=[:.])|(?=@)")
WORD_JOINER = "\u2060"


def missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return bool(pd.isna(value)) if pd.api.types.is_scalar(value) else False


def clip(text, limit: int, empty: str = "") -> str:
    """Text for a table cell: whitespace run together and cut to `limit` characters with an ellipsis; `empty` for
    none."""
    text = empty if missing(text) else " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markdown_literal(value) -> str:
    """A value to show where Streamlit reads Markdown (st.table's cells, headings): every ASCII punctuation character
    written as a numeric character reference, which Markdown shows as that character and never reads as syntax (no
    link, emphasis, HTML, colour or emoji directive, or maths), a word joiner (invisible) where a bare address would
    become a link, and line breaks as spaces (a cell is one line)."""
    text = ADDRESS_START.sub(lambda m: (m.group(1) or "") + WORD_JOINER, SPACES.sub(" ", str(value)))
    return MARKDOWN_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)
