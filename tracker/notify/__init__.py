"""Reaching people outside the app: the email digest of what they have to act on, and their targets in a calendar."""
