"""Plotly figures to PNG through Kaleido and Debian's Chromium, one browser for the whole pack, no network."""

from __future__ import annotations

import asyncio
import os
import shutil

import plotly.graph_objects as go

from tracker.core.errors import TrackerError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


class RenderError(TrackerError, RuntimeError):
    """Charts could not be drawn (no browser, or the browser failed)."""


def browser_path() -> str:
    """The Chromium to draw with: $TRACKER_CHROMIUM, else the first on PATH."""
    configured = os.environ.get("TRACKER_CHROMIUM")
    if configured:
        return configured
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError("No Chromium found to draw the pack's charts: install Debian's `chromium` "
                      "(apt-get install chromium) or set TRACKER_CHROMIUM to a Chrome or Chromium binary.")


def render_png(figures: list[tuple[go.Figure, int, int]], scale: float = 2.0) -> list[bytes]:
    """Each (figure, width, height) as PNG bytes; MathJax off and plotly.js from the installed package."""
    import kaleido

    path = browser_path()

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False, path=path, timeout=60) as k:
            return [await k.calc_fig(fig, opts={"format": "png", "width": w, "height": h, "scale": scale})
                    for fig, w, h in figures]

    try:
        return asyncio.run(draw())
    except RenderError:
        raise
    except Exception as exc:  # Kaleido and choreographer raise many kinds; the reader needs one message
        raise RenderError(f"Drawing the pack's charts with {path} failed: {exc}") from exc
