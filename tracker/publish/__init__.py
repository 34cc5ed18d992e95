"""The public site: a force's published responses and progress as static, accessible pages, with nothing internal."""
