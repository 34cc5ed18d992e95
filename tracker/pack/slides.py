"""The board pack as PowerPoint: native, editable charts and tables a board secretary can restyle."""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from tracker.core import display
from tracker.core.display import fmt_date, fmt_int, missing
from tracker.core.spreadsheet import inert
from tracker.core.statuses import CANONICAL, FUNNEL, apart_text, colour, label
from tracker.pack.content import WORKLOAD_PEOPLE, PackContent, Table, clip, day, rag_cell, tables

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY = 5
TABLE_ROWS = 10
APPENDIX_PER_SLIDE = 4
TILES_TOP = Inches(1.4)
def rgb(hex_colour: str) -> RGBColor:
    """'#E69F00' -> RGBColor."""
    return RGBColor(*display.rgb(hex_colour))


ACCENT = rgb(display.ACCENT)
MUTED = rgb(display.TEXT_MUTED)
DEMO_RED = rgb(display.DEMO_MARK)


class Deck:
    """A 16:9 presentation with a title on each slide and the demo marking where it applies."""

    def __init__(self, demo: bool) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H
        self.demo = demo

    def slide(self, title: str):
        """A new slide with its title set."""
        s = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY])
        s.shapes.title.text = title
        box = s.shapes.title
        box.left, box.top, box.width, box.height = MARGIN, Inches(0.3), SLIDE_W - 2 * MARGIN, Inches(0.9)
        for p in box.text_frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(28), True, ACCENT
        if self.demo:
            self.text(s, "DEMO DATA: illustrative, not any force's real position", SLIDE_W - Inches(5.5), Inches(0.05),
                      Inches(5), Inches(0.3), 11, DEMO_RED, bold=True)
        return s

    @staticmethod
    def text(slide, text: str, left, top, width, height, size: float = 14, colour=None, bold: bool = False):
        """A text box; each line of text a paragraph."""
        frame = slide.shapes.add_textbox(left, top, width, height).text_frame
        frame.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = line
            p.font.size, p.font.bold = Pt(size), bold
            if colour is not None:
                p.font.color.rgb = colour
        return frame

    def chart(self, slide, kind, data: CategoryChartData, legend: bool = True):
        """A native chart filling the slide below its title."""
        frame = slide.shapes.add_chart(kind, MARGIN, Inches(1.3), SLIDE_W - 2 * MARGIN, SLIDE_H - Inches(1.7), data)
        chart = frame.chart
        chart.has_legend = legend
        if legend:
            chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
        chart.font.size = Pt(12)
        return chart

    def table(self, title: str, table: Table, rows: int = TABLE_ROWS, lead: str = "") -> None:
        """A native table of at most `rows` rows, with a note of what was left out, below `lead` (a sentence saying
        what it holds) when given."""
        s = self.slide(title)
        shown = table.rows[:rows]
        top = Inches(1.3)
        if lead:
            self.text(s, lead, MARGIN, top, SLIDE_W - 2 * MARGIN, Inches(0.5), 16)
            top = Inches(1.9)
        if not shown:
            if not lead:
                self.text(s, "None.", MARGIN, Inches(1.4), Inches(6), Inches(0.5), 16)
            return
        width = SLIDE_W - 2 * MARGIN
        shape = s.shapes.add_table(len(shown) + 1, len(table.headers), MARGIN, top, width, Inches(0.4))
        grid = shape.table
        for i, w in enumerate(table.widths):
            grid.columns[i].width = Emu(int(width * w / sum(table.widths)))
        for r, cells in enumerate((table.headers, *shown)):
            for c, value in enumerate(cells):
                cell = grid.cell(r, c)
                cell.text = inert(value)  # tables are copied into spreadsheets
                for p in cell.text_frame.paragraphs:
                    p.font.size, p.font.bold = Pt(11), r == 0
        left_out = len(table.rows) - len(shown)
        note = table.note if left_out <= 0 else f"First {len(shown)} of {len(table.rows)} rows in this pack. {table.note}"
        if note.strip():  # a long note (a table's RAG legend) grows upward from the slide's foot
            height = Inches(0.2 * (len(note.strip()) // 190 + 1) + 0.2)
            self.text(s, note.strip(), MARGIN, SLIDE_H - Inches(0.2) - height, width, height, 11, MUTED)

    def save(self) -> bytes:
        """The presentation as bytes."""
        buf = io.BytesIO()
        self.prs.save(buf)
        return buf.getvalue()


def values(series: pd.Series) -> list:
    """Numbers for chart data, None where missing."""
    return [None if missing(v) else float(v) for v in series]


def funnel_chart(deck: Deck, funnel: pd.DataFrame) -> None:
    """The status funnel as a bar per stage, coloured by status, the items closed apart counted in the title."""
    counts = funnel.set_index("status")["n"]
    s = deck.slide(f"Status funnel ({apart_text(counts)}, shown apart)")
    data = CategoryChartData()
    data.categories = [label(st) for st in FUNNEL]
    data.add_series("Recommendations", [int(counts.get(st, 0)) for st in FUNNEL])
    chart = deck.chart(s, XL_CHART_TYPE.BAR_CLUSTERED, data, legend=False)
    chart.category_axis.reverse_order = True
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "#,##0", False
    plot.data_labels.font.size = Pt(14)
    for point, st in zip(plot.series[0].points, FUNNEL, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour(st))


def by_force_chart(deck: Deck, content: PackContent) -> None:
    """Each force's recommendations by status, stacked."""
    stacked_by_status(deck, "Status by force", content.by_force, "force")


def stacked_by_status(deck: Deck, title: str, df: pd.DataFrame, column: str) -> None:
    """Each group's (force's, theme's) recommendations by status, stacked, in the order the rows give."""
    order = list(dict.fromkeys(df[column]))
    s = deck.slide(title)
    data = CategoryChartData()
    data.categories = [inert(f) for f in order]  # the chart data is an embedded workbook
    present = [st for st in CANONICAL if st in set(df["status"])] + sorted(set(df["status"]) - set(CANONICAL))
    for st in present:
        data.add_series(label(st), [int(v) for v in df[df["status"] == st].set_index(column)["n"].reindex(order, fill_value=0)])
    chart = deck.chart(s, XL_CHART_TYPE.BAR_STACKED, data)
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(8 if len(order) > 20 else 12)
    for series, st in zip(chart.plots[0].series, present, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(colour(st))


def clustered(deck: Deck, title: str, categories: list[str], series: dict[str, tuple[list, str]]) -> None:
    """Horizontal bars, a cluster a category: series name -> (values, colour)."""
    s = deck.slide(title)
    data = CategoryChartData()
    data.categories = [inert(clip(c, 50)) for c in categories]
    for name, (vals, _) in series.items():
        data.add_series(name, [int(v) for v in vals])
    chart = deck.chart(s, XL_CHART_TYPE.BAR_CLUSTERED, data)
    chart.category_axis.reverse_order = True
    for plotted, (_, hex_colour) in zip(chart.plots[0].series, series.values(), strict=True):
        plotted.format.fill.solid()
        plotted.format.fill.fore_color.rgb = rgb(hex_colour)


def workload_chart(deck: Deck, content: PackContent) -> None:
    """Open and overdue items for the owners with most open."""
    df = content.workload.head(WORKLOAD_PEOPLE)
    clustered(deck, f"Open and overdue items by owner (top {len(df)})",
              [f"{p} ({f})" for p, f in zip(df["person"], df["force"], strict=True)],
              {"Open": (df["open"], display.ACCENT), "Overdue": (df["overdue"], display.ALARM)})


def trend_chart(deck: Deck, content: PackContent) -> None:
    """The quarterly implementation rate, with the national line when a force is chosen."""
    trend = content.trend
    s = deck.slide("Implementation rate by quarter")
    data = CategoryChartData(number_format="0%")
    data.categories = [f"Q{(q.month - 1) // 3 + 1} {q.year}" for q in pd.to_datetime(trend["quarter"])]
    name = ", ".join(content.filters.forces) if content.filters.forces else "Selection"
    data.add_series(inert(name) if len(name) < 40 else "Selected forces", values(trend["implementation_rate"]))
    if content.national_trend is not None:
        national = content.national_trend.set_index("quarter")["implementation_rate"].reindex(trend["quarter"])
        data.add_series("National", values(national))
    chart = deck.chart(s, XL_CHART_TYPE.LINE, data)
    chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 1.0, 0.0
    chart.value_axis.tick_labels.number_format, chart.value_axis.tick_labels.number_format_is_linked = "0%", False
    chart.category_axis.tick_labels.font.size = Pt(9)


def tile_slide(deck: Deck, s, tiles: list[tuple[str, str]], top: int = TILES_TOP) -> None:
    """Big figures, four a row: (label, value)."""
    tile_w = (SLIDE_W - 2 * MARGIN) / 4
    for i, (name, value) in enumerate(tiles):
        left, y = MARGIN + int(tile_w * (i % 4)), top + Inches(1.6) * (i // 4)
        frame = deck.text(s, name, left, y, int(tile_w) - Inches(0.15), Inches(1.4), 14, MUTED)
        p = frame.add_paragraph()
        p.text, p.font.size, p.font.bold = value, Pt(36), True


def build_pptx(content: PackContent) -> bytes:
    """The whole pack as PPTX bytes."""
    deck = Deck(content.is_demo)
    cover = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    cover.shapes.title.text = "Recommendation Tracker: board pack"
    cover.placeholders[1].text = f"Inspection recommendations as of {fmt_date(content.filters.as_of)}"
    lines = [f"{k}: {clip(v, 200)}" for k, v in (*content.scope(), *content.dates())]
    if content.is_demo:
        lines.insert(0, "DEMO DATA: illustrative figures generated for demonstration, not any force's real position.")
    for shape in (cover.shapes.title, cover.placeholders[1]):
        shape.left, shape.width = MARGIN, SLIDE_W - 2 * MARGIN
    cover.shapes.title.top, cover.shapes.title.height = Inches(0.4), Inches(1.2)
    cover.placeholders[1].top, cover.placeholders[1].height = Inches(1.6), Inches(0.7)
    deck.text(cover, "\n".join(lines), MARGIN, Inches(2.5), SLIDE_W - 2 * MARGIN, Inches(4.5), 14)

    s = deck.slide("Headline")
    tile_slide(deck, s, content.tiles())
    deck.text(s, f"Since {fmt_date(content.since)}:   " +
              "   ·   ".join(f"{kind.capitalize()} {fmt_int(n)}" for kind, n in content.change_counts()),
              MARGIN, Inches(5.0), SLIDE_W - 2 * MARGIN, Inches(0.6), 18)

    funnel_chart(deck, content.funnel)
    by_force_chart(deck, content)
    t = tables(content)
    workload_chart(deck, content)
    deck.table("Owner workloads", t["workload"])
    trend_chart(deck, content)
    deck.table("Overdue items", t["overdue"])
    deck.table(t["off_track"].title, t["off_track"])
    deck.table(t["at_risk"].title, t["at_risk"])
    deck.table(t["stale"].title, t["stale"])
    deck.table(t["changes"].title, t["changes"])

    items = list(content.rated(content.appendix).itertuples())
    for start in range(0, len(items), APPENDIX_PER_SLIDE):
        s = deck.slide(f"Appendix: overdue items {start + 1}–{min(start + APPENDIX_PER_SLIDE, len(items))} "
                       f"of {fmt_int(content.headline['overdue'])}")
        top = Inches(1.3)
        for r in items[start:start + APPENDIX_PER_SLIDE]:
            comment = clip(r.latest_comment, 300)
            deck.text(s, f"{r.key} · {r.force} · RAG {rag_cell(r.rating, r.percent)} · {fmt_int(r.days_overdue)} days "
                         f"overdue (target {day(r.target_current)}) · owner {clip(r.owner, 60) or 'not named'}",
                      MARGIN, top, SLIDE_W - 2 * MARGIN, Inches(0.3),
                      13, bold=True)
            deck.text(s, clip(r.text, 300) + "\n" + (f"Latest comment ({day(r.latest_comment_on)}): {comment}"
                                                     if comment else "No comment yet."),
                      MARGIN, top + Inches(0.3), SLIDE_W - 2 * MARGIN, Inches(1.1), 11)
            top += Inches(1.5)
    return deck.save()
