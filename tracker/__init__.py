"""Recommendation Tracker: domain code for police inspection recommendations."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
