"""The numeric id an item of a non-inspection source is kept under, made from the source's own reference.

An item's key is '<id>-<force>' with a whole-number id, as the register's ids are. The register's ids stay far below
1,000,000,000; the other sources' ids are made from their references above it, so the same reference always gives the
same id (an import read twice changes nothing) and no two sources share one:
- IOPC recommendation 'YYYY/NNNNNN-Rn': 1,000,000,000 + (YYYY - 2000) x 10,000,000 + NNNNNN x 10 + n (n from 1 to 9);
- a coroner's report 'YYYY-NNNN', concern m: 2,000,000,000 + (YYYY - 2000) x 1,000,000 + NNNN x 100 + m (m up to 99).
The reference itself is kept with the item (source_ref), and is what people read.
"""

from __future__ import annotations

import re

IOPC_REF = re.compile(r"(?P<year>20\d\d)/(?P<case>\d{1,6})-R(?P<n>[1-9])")
PFD_REF = re.compile(r"(?P<year>20\d\d)-(?P<serial>\d{4})")
MAX_CONCERNS = 99


def iopc_id(reference: str) -> int | None:
    """The id of an IOPC recommendation's reference ('2024/031007-R1'), or None when it is not written that way."""
    m = IOPC_REF.fullmatch(reference.strip())
    if not m:
        return None
    return 1_000_000_000 + (int(m["year"]) - 2000) * 10_000_000 + int(m["case"]) * 10 + int(m["n"])


def pfd_id(reference: str, concern: int) -> int | None:
    """The id of a coroner's report's concern ('2024-0301', 2), or None for another reference or concern number."""
    m = PFD_REF.fullmatch(reference.strip())
    if not m or not 1 <= concern <= MAX_CONCERNS:
        return None
    return 2_000_000_000 + (int(m["year"]) - 2000) * 1_000_000 + int(m["serial"]) * 100 + concern
