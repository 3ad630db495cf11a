"""CSV and XLSX bytes for downloads and exports: typed text never becomes a spreadsheet formula."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1…", "@SUM…") gets a
    leading apostrophe, so typed text opens as text; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (no index) with a trailing newline; booleans as true/false; text that
    a spreadsheet would take for a formula is neutralised (see neutralise_formula)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per entry (names cut to Excel's 31 characters).

    Every cell is a value: text beginning with "=" is stored as text, never as a formula.
    Control characters that XLSX cannot hold (a vertical tab pasted from Word, stored before
    typed text was checked) are dropped, so old data never breaks an export.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame = _without_illegal_characters(frame)
            frame.to_excel(writer, sheet_name=sheet_name(name), index=False)
            sheet = writer.sheets[sheet_name(name)]
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # typed text starting with "=": keep it text, never a formula
                        cell.data_type = "s"
            for index, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
                sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, longest + 2)
    return buffer.getvalue()


def strip_illegal_characters(value):
    """Text without the control characters an XLSX cell cannot hold; anything else as is."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _without_illegal_characters(frame: pd.DataFrame) -> pd.DataFrame:
    text_columns = [column for column in frame.columns
                    if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])]
    if not text_columns:
        return frame
    frame = frame.copy()
    frame.columns = [strip_illegal_characters(column) for column in frame.columns]
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(strip_illegal_characters)
    return frame


def sheet_name(name: str) -> str:
    """`name` as Excel accepts it: without []:*?/\\ and cut to 31 characters."""
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31]
