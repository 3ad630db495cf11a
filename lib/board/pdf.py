"""The board pack as a PDF (fpdf2): US Letter, a header with the meeting, a footer with the date,
"Confidentiel — usage interne du CA" and "page n / N", tables that break across pages with
their header row repeated, and the per-axis bar chart.

The chart is drawn with fpdf2's own rectangles and text rather than exported from Plotly through
kaleido: kaleido needs a headless Chromium at generation time (a browser process per pack on a
2-core server, and one more system dependency to keep working), while the pack's chart is a
handful of bars that fpdf2 draws exactly, as vectors that print sharply, in the pack's fonts,
with each value written beside its bar, the two series told apart by lightness (light grey for
the previous meeting, dark blue for now) and named in a legend, so colour is never the only signal.

Uses DejaVu Sans (Debian package fonts-dejavu-core) like the agreement PDF; without it,
Helvetica with the text folded to Latin-1.
"""
from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from lib.board.pack import Bars, BoardPack, Table
from lib.campaign.agreement_pdf import FONT_DIR, FONT_FILES
from lib.core.clock import to_local
from lib.core.i18n import format_datetime, format_pct, translate

INK = (33, 37, 41)
MUTED = (90, 96, 104)
ACCENT = (31, 84, 140)
HEADER_FILL = (226, 232, 240)
NOW_FILL = (31, 84, 140)
THEN_FILL = (200, 205, 212)


class _PackPDF(FPDF):
    def __init__(self, pack: BoardPack):
        super().__init__(format="letter")
        self.pack = pack
        self.unicode = all((FONT_DIR / name).exists() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages("{nb}")
        self.set_title(pack.title)
        self.set_author(pack.made_by)
        self.set_creator("ROCSMO")
        self.set_creation_date(pack.made_at)

    def clean(self, text) -> str:
        text = "" if text is None else str(text)
        if self.unicode:
            return text
        for symbol, plain in (("—", "-"), ("’", "'"), ("«", '"'), ("»", '"'), ("\u202f", " "), ("\u00a0", " "),
                              ("→", "->")):
            text = text.replace(symbol, plain)
        return text.encode("latin-1", "replace").decode("latin-1")

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(self.family, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.clean(self.pack.title), new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_text_color(*INK)

    def footer(self):
        self.set_y(-14)
        self.set_font(self.family, "", 8)
        self.set_text_color(*MUTED)
        made = format_datetime(to_local(self.pack.made_at), self.pack.lang)
        width = self.epw / 3
        self.cell(width, 5, self.clean(made), align="L")
        self.cell(width, 5, self.clean(self.pack.footer), align="C")
        self.cell(width, 5, self.clean(translate("Page {page} de {total}", self.pack.lang, page=self.page_no(),
                                                 total="{nb}")), align="R")
        self.set_text_color(*INK)


def _heading(pdf: _PackPDF, text: str, size: float = 14) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(pdf.family, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, size * 0.5, pdf.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(1.5)


def _paragraph(pdf: _PackPDF, text: str, size: float = 10) -> None:
    pdf.set_font(pdf.family, "", size)
    pdf.multi_cell(0, size * 0.5, pdf.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _widths(pdf: _PackPDF, table: Table, total: float) -> list[float]:
    """Column widths (mm): at least the widest word of the column (a header word is never cut),
    then the room left shared in proportion to how much more each column's longest text wants
    (the `wide` ones may want more)."""
    least, wanted = [], []
    for column in table.frame.columns:
        values = [pdf.clean(v) for v in table.frame[column].head(200)]
        pdf.set_font(pdf.family, "B", 8.5)
        header_word = max((pdf.get_string_width(w) for w in pdf.clean(column).split()), default=0)
        pdf.set_font(pdf.family, "", 8.5)
        value_word = max((pdf.get_string_width(w) for v in values for w in v.split()), default=0)
        longest = max([pdf.get_string_width(v) for v in values] + [header_word])
        least.append(max(header_word, min(value_word, 40)) + 3.5)
        wanted.append(max(least[-1], min(longest, 95 if column in table.wide else 42) + 3.5))
    if sum(least) >= total:
        return [w * total / sum(least) for w in least]
    if sum(wanted) <= total:
        return [w * total / sum(wanted) for w in wanted]
    share = (total - sum(least)) / (sum(wanted) - sum(least))
    return [lo + (hi - lo) * share for lo, hi in zip(least, wanted)]


def _table(pdf: _PackPDF, table: Table) -> None:
    _heading(pdf, table.title, 11)
    if table.frame.empty:
        pdf.set_font(pdf.family, "I", 9.5)
        pdf.multi_cell(0, 5, pdf.clean(table.empty), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    pdf.set_font(pdf.family, "", 8.5)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*MUTED)
    headings = FontFace(emphasis="BOLD", color=INK, fill_color=HEADER_FILL)
    with pdf.table(col_widths=_widths(pdf, table, pdf.epw), width=pdf.epw, line_height=4.4, headings_style=headings,
                   repeat_headings=1, text_align="LEFT", borders_layout="SINGLE_TOP_LINE",
                   padding=1.2, cell_fill_mode="NONE") as drawn:
        header = drawn.row()
        for column in table.frame.columns:
            header.cell(pdf.clean(column))
        for values in table.frame.itertuples(index=False):
            row = drawn.row()
            for value in values:
                row.cell(pdf.clean(value))
    pdf.ln(3)


def _bars(pdf: _PackPDF, chart: Bars) -> None:
    """Horizontal grouped bars, one group per label, the value written at the end of each bar."""
    groups, per_group = len(chart.labels), len(chart.series)
    bar_h, gap = 4.2, 3.0
    height = 14 + groups * (per_group * bar_h + gap) + 8 * per_group
    if pdf.get_y() + height > pdf.h - 22:
        pdf.add_page()
    _heading(pdf, chart.title, 11)
    left = pdf.l_margin + 14
    span = pdf.epw - 14 - 16
    top = pdf.get_y() + 1
    pdf.set_font(pdf.family, "", 8)
    y = top
    for index, label in enumerate(chart.labels):
        pdf.set_xy(pdf.l_margin, y + (per_group * bar_h) / 2 - 2.2)
        pdf.cell(12, 4.4, pdf.clean(translate("Axe {number}", pdf.pack.lang, number=label)), align="R")
        for number, (_, values) in enumerate(chart.series):
            value = values[index]
            now = number == len(chart.series) - 1
            width = max(0.0, min(1.0, value or 0.0)) * span
            pdf.set_draw_color(*(NOW_FILL if now else MUTED))
            pdf.set_fill_color(*(NOW_FILL if now else THEN_FILL))
            if width > 0:
                pdf.rect(left, y, width, bar_h - 0.6, style="DF")
            pdf.set_xy(left + width + 1, y - 0.2)
            pdf.cell(14, bar_h, pdf.clean(format_pct(value, pdf.pack.lang) or "—"))
            y += bar_h
        y += gap
    pdf.set_draw_color(*MUTED)
    pdf.line(left, top - 1, left, y - gap + 1)
    y += 2
    for number, (name, _) in enumerate(chart.series):  # the legend, in words as well as colours
        now = number == len(chart.series) - 1
        pdf.set_fill_color(*(NOW_FILL if now else THEN_FILL))
        pdf.set_draw_color(*(NOW_FILL if now else MUTED))
        pdf.rect(left, y + 0.8, 6, 3, style="DF")
        pdf.set_xy(left + 8, y)
        pdf.cell(0, 4.6, pdf.clean(name))
        y += 5.5
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(y + 2)


def render_pdf(pack: BoardPack) -> bytes:
    """The PDF bytes of `pack`. Pure (no I/O but reading the fonts)."""
    pdf = _PackPDF(pack)
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.ln(30)
    pdf.multi_cell(0, 10, pdf.clean(pack.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(pdf.family, "", 12)
    pdf.multi_cell(0, 7, pdf.clean(pack.subtitle), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for section in pack.sections:
        if section.key == "cover":
            for table in section.tables:
                _table(pdf, table)
            pdf.add_page()
            continue
        _heading(pdf, section.title, 15)
        for paragraph in section.paragraphs:
            _paragraph(pdf, paragraph, 10.5 if section.key == "summary" else 9.5)
        if section.chart is not None:
            _bars(pdf, section.chart)
        for table in section.tables:
            _table(pdf, table)
    return bytes(pdf.output())
