"""The vocabulary every part shares: statuses, dates, forces, filters, display formats and the RAG rule."""
