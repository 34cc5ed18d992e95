"""A real SMTP server for the tests, run as its own process by aiosmtpd: it keeps every message it accepts as a file
and refuses any recipient whose address starts with 'unreachable'.

    python -m aiosmtpd -n -l 127.0.0.1:PORT -c tests.smtp_sink.Sink FOLDER
"""

from __future__ import annotations

import uuid
from pathlib import Path


class Sink:
    """aiosmtpd handler: refuse unreachable recipients, write each message to FOLDER/<uuid>.eml."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        """aiosmtpd's command line builds the handler with this."""
        if len(args) != 1:
            parser.error("Sink needs the folder to write messages to")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("unreachable"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        (self.folder / f"{uuid.uuid4().hex}.eml").write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted"
