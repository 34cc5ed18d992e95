"""The board pack as an A4 landscape PDF: cover, headline, charts, tables, changes and an appendix."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from tracker.core.display import ACCENT as ACCENT_HEX
from tracker.core.display import DEMO_MARK, TEXT_MUTED, fmt_date, fmt_int, rgb
from tracker.pack.content import PackContent, Table, clip, day, rag_cell, tables
from tracker.pack.figures import figures
from tracker.pack.images import render_png

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
INK = (33, 33, 33)
MUTED = rgb(TEXT_MUTED)
ACCENT = rgb(ACCENT_HEX)
DEMO_RED = rgb(DEMO_MARK)


class PackPDF(FPDF):
    """A4 landscape with the demo marking and page numbers in every footer."""

    def __init__(self, footer_text: str, demo: bool) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text
        self.demo = demo
        self.family = self.load_fonts()
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(14, 14, 14)
        self.set_title("Recommendation Tracker board pack")
        self.set_creator("Recommendation Tracker")

    def load_fonts(self) -> str:
        """DejaVu Sans when installed (every character of the data prints); else the built-in Helvetica."""
        for folder in FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.add_font("DejaVu", "", str(regular))
                self.add_font("DejaVu", "B", str(bold))
                return "DejaVu"
        return "Helvetica"

    def text_of(self, value: str) -> str:
        """Text the current font can print (the built-in font has Latin-1 only)."""
        return value if self.family == "DejaVu" else value.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False, colour=INK) -> None:
        """Set the font, size and colour in one call."""
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def header(self) -> None:
        """The demo marking at the top right of every page."""
        if self.demo:
            self.set_y(6)
            self.font(8, bold=True, colour=DEMO_RED)
            self.cell(0, 5, "DEMO DATA: illustrative, not any force's real position", align="R")
            self.set_y(self.t_margin)

    def footer(self) -> None:
        """Page footer: the scope and date, and the page number."""
        self.set_y(-12)
        self.font(8, colour=MUTED)
        self.cell(self.epw - 20, 5, self.text_of(clip(self.footer_text, 160)), align="L")
        self.set_x(self.l_margin)
        self.font(8, colour=MUTED)
        self.cell(0, 5, f"Page {self.page_no()}", align="R")

    def heading(self, text: str, size: float = 18) -> None:
        """A section heading."""
        self.font(size, bold=True, colour=ACCENT)
        self.multi_cell(0, size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def para(self, text: str, size: float = 10, colour=INK) -> None:
        """A paragraph."""
        self.font(size, colour=colour)
        self.multi_cell(0, size * 0.48, self.text_of(text), new_x="LMARGIN", new_y="NEXT")

    def chart(self, png: bytes, max_h: float) -> None:
        """A chart image, full width or shrunk to fit the space left."""
        from PIL import Image

        w_px, h_px = Image.open(io.BytesIO(png)).size
        width = self.epw
        height = width * h_px / w_px
        if height > max_h:
            height, width = max_h, max_h * w_px / h_px
        self.image(io.BytesIO(png), x=self.l_margin, w=width, h=height)
        self.ln(2)

    def tiles(self, tiles: list[tuple[str, str]], top: float) -> None:
        """Big figures in boxes, four a row from `top` (mm): (label, value)."""
        tile_w = self.epw / 4
        for i, (name, value) in enumerate(tiles):
            x, y = self.l_margin + (i % 4) * tile_w, top + (i // 4) * 34
            self.set_draw_color(200, 200, 200)
            self.rect(x + 1, y, tile_w - 2, 30)
            self.set_xy(x + 4, y + 3)
            self.font(10, colour=MUTED)
            self.cell(tile_w - 8, 6, name)
            self.set_xy(x + 4, y + 12)
            self.font(22, bold=True)
            self.cell(tile_w - 8, 12, value)

    def table_of(self, table: Table, size: float = 8.5, lead: str = "") -> None:
        """A table under its heading with a repeated header row, after `lead` (a sentence saying what it holds) when
        given; a line saying it is empty when it is and nothing was said."""
        self.heading(table.title, 14)
        if lead:
            self.para(lead, 10.5)
            self.ln(2)
        if not table.rows:
            if not lead:
                self.para("None.")
            return
        self.font(size)
        with self.table(col_widths=table.widths, text_align="LEFT", line_height=size * 0.5,
                        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 238, 246)),
                        padding=1.2, repeat_headings=1) as t:
            for cells in (table.headers, *table.rows):
                row = t.row()
                for cell in cells:
                    row.cell(self.text_of(cell))
        if table.note:
            self.para(table.note, 8, MUTED)


def build_pdf(content: PackContent) -> bytes:
    """The whole pack as PDF bytes."""
    figs = figures(content)
    charts = dict(zip(figs, render_png(list(figs.values())), strict=True))
    scope = "; ".join(f"{k}: {v}" for k, v in content.scope()[:2])
    pdf = PackPDF(f"Recommendation Tracker · {scope} · as of {fmt_date(content.filters.as_of)}", content.is_demo)
    t = tables(content)

    pdf.add_page()
    pdf.ln(20)
    pdf.font(28, bold=True, colour=ACCENT)
    pdf.cell(0, 14, "Recommendation Tracker: board pack", new_x="LMARGIN", new_y="NEXT")
    pdf.para(f"Inspection recommendations as of {fmt_date(content.filters.as_of)}", 16, MUTED)
    pdf.ln(4)
    if content.is_demo:
        pdf.font(14, bold=True, colour=DEMO_RED)
        pdf.multi_cell(0, 7, "DEMO DATA. Illustrative figures generated for demonstration: not any force's real position.",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    for name, value in (*content.scope(), *content.dates()):
        pdf.font(11, bold=True)
        pdf.cell(70, 6.5, pdf.text_of(name))
        pdf.font(11)
        pdf.multi_cell(0, 6.5, pdf.text_of(clip(value, 400)), new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.heading("Headline")
    pdf.tiles(content.tiles(), 32)
    pdf.set_y(32 + 2 * 34 + 4)
    pdf.heading(f"Since {fmt_date(content.since)}", 14)
    pdf.para("   ·   ".join(f"{kind.capitalize()}: {fmt_int(n)}" for kind, n in content.change_counts()), 12)
    pdf.ln(2)
    pdf.chart(charts["funnel"], pdf.h - pdf.get_y() - 18)

    for name in ("by_force", "workload", "trend"):
        pdf.add_page()
        pdf.chart(charts[name], pdf.eph - 4)
        if name == "workload":
            pdf.add_page()
            pdf.table_of(t["workload"])

    for name in ("overdue", "off_track", "at_risk", "stale", "changes"):
        pdf.add_page()
        pdf.table_of(t[name])

    pdf.add_page()
    pdf.heading("Appendix: overdue items and their latest comment")
    shown, total = len(content.appendix), int(content.headline["overdue"] or 0)
    if total > shown:
        pdf.para(f"The {shown:,} longest overdue of {total:,} overdue items.", 9, MUTED)
    if content.appendix.empty:
        pdf.para("No overdue items.")
    for r in content.rated(content.appendix).itertuples():
        pdf.font(11, bold=True)
        pdf.multi_cell(0, 5.5, pdf.text_of(f"{r.key} · {r.force} · RAG {rag_cell(r.rating, r.percent)} · "
                                            f"{fmt_int(r.days_overdue)} days overdue (target {day(r.target_current)}) · "
                                            f"owner {clip(r.owner, 60) or 'not named'}"),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.para(clip(r.report_title, 200), 8.5, MUTED)
        pdf.para(clip(r.text, 1500), 9.5)
        comment = clip(r.latest_comment, 1500)
        pdf.para(f"Latest comment ({day(r.latest_comment_on)}): {comment}" if comment else "No comment yet.", 9, MUTED)
        pdf.ln(3)
    return bytes(pdf.output())
