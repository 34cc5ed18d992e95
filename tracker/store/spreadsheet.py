"""Write tables to XLSX the way an analyst wants them: real dates, frozen header, fitting widths."""

from __future__ import annotations

import io

import pandas as pd

from tracker.core.display import missing


def write_workbook(target, sheets: dict[str, pd.DataFrame]) -> None:
    """Write each frame to its sheet; target is a path or a binary file object."""
    with pd.ExcelWriter(target, engine="openpyxl", date_format="YYYY-MM-DD", datetime_format="YYYY-MM-DD") as writer:
        for name, frame in sheets.items():
            frame = frame.copy()
            for col in frame.columns:
                if frame[col].dtype == object and frame[col].map(lambda v: hasattr(v, "isoformat")).any():
                    frame[col] = pd.to_datetime(frame[col])
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            for i, col in enumerate(frame.columns, start=1):
                sample = frame[col].head(200).map(lambda v: 0 if missing(v) else len(str(v)))
                width = max([len(str(col)), *sample.tolist()]) if len(sample) else len(str(col))
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(max(width + 2, 8), 60)
                if pd.api.types.is_datetime64_any_dtype(frame[col]):
                    for cell in sheet.iter_cols(min_col=i, max_col=i, min_row=2):
                        for c in cell:
                            c.number_format = "DD MMM YYYY"


def workbook_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """The workbook as bytes, for a download button."""
    buf = io.BytesIO()
    write_workbook(buf, sheets)
    return buf.getvalue()

