"""A zip's parts read in bounded memory: streamed in chunks and counted as they unpack, whatever size their headers
declare (a part may lie about it)."""

from __future__ import annotations

import io
import zipfile
from typing import BinaryIO

CHUNK = 1024 * 1024
# Deflate stops each read at the size asked for; zipfile's bzip2 and LZMA readers unpack all they are given at once,
# so a few KB of them can become gigabytes before a cap is checked. Office files use only these two.
STREAMABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def copy_capped(src: BinaryIO, out: BinaryIO, cap: int) -> int:
    """Copy in chunks, stopping once past `cap` bytes; the bytes read (more than `cap` if the source holds more)."""
    copied = 0
    while chunk := src.read(CHUNK):
        copied += len(chunk)
        if copied > cap:
            return copied
        out.write(chunk)
    return copied


def read_capped(archive: zipfile.ZipFile, member: zipfile.ZipInfo, cap: int) -> bytes | None:
    """A part's bytes, streamed; None if it unpacks to more than `cap` bytes or is compressed in a way not streamed."""
    if member.compress_type not in STREAMABLE:
        return None
    out = io.BytesIO()
    with archive.open(member) as src:
        if copy_capped(src, out, cap) > cap:
            return None
    return out.getvalue()
