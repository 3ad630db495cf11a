"""The board pack as an XLSX workbook (openpyxl): one sheet per section, the same titles,
sentences and tables as the screen and the PDF, each table under its title in bold. Counts stay
numbers; typed text beginning with "=" stays text (lib.core.spreadsheets.neutralise_formula)."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lib.board.pack import BoardPack
from lib.core.i18n import format_pct, translate
from lib.core.spreadsheets import neutralise_formula, sheet_name

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="E2E8F0")


def render_xlsx(pack: BoardPack) -> bytes:
    """The XLSX bytes of `pack`, one sheet per section. Pure."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = pack.made_by
    book.properties.title = pack.title
    book.properties.created = pack.made_at
    book.properties.modified = pack.made_at
    for section in pack.sections:
        sheet = book.create_sheet(sheet_name(section.title))
        sheet.append([section.title])
        sheet.cell(1, 1).font = _TITLE
        if section.key == "cover":
            sheet.append([pack.title])
            sheet.append([pack.subtitle])
        for paragraph in section.paragraphs:
            sheet.append([neutralise_formula(paragraph)])
        if section.chart is not None:
            sheet.append([])
            sheet.append([section.chart.title])
            sheet.cell(sheet.max_row, 1).font = _BOLD
            sheet.append(["", *[name for name, _ in section.chart.series]])
            for index, label in enumerate(section.chart.labels):
                shares = [format_pct(values[index], pack.lang) or "—" for _, values in section.chart.series]
                sheet.append([translate("Axe {number}", pack.lang, number=label), *shares])
        widths: dict[int, int] = {}
        for table in section.tables:
            sheet.append([])
            sheet.append([table.title])
            sheet.cell(sheet.max_row, 1).font = _BOLD
            if table.frame.empty:
                sheet.append([table.empty])
                continue
            sheet.append([str(c) for c in table.frame.columns])
            for cell in sheet[sheet.max_row]:
                cell.font, cell.fill = _BOLD, _HEADER_FILL
            for values, numbers in zip(table.frame.itertuples(index=False), table.numbers):
                sheet.append([n if n is not None else neutralise_formula(v) if isinstance(v, str) else v
                              for v, n in zip(values, numbers)])
            for index, column in enumerate(table.frame.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in table.frame[column].head(200))])
                widths[index] = max(widths.get(index, 10), min(70, longest + 2))
        for index, width in widths.items():
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # never a formula
                    cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=isinstance(cell.value, str) and len(cell.value) > 60,
                                           vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
