"""Evidence files: checked by their content, stored once by SHA-256 in the system of record, read back in scope."""
