"""Figures and statistics computed from query results."""
