"""The deterministic national demo dataset."""
