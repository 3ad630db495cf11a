"""The signed partnership agreement as a PDF (fpdf2): the campaign document's own text,
in its order, with the ambassador's choices ticked and its signature.

Uses DejaVu Sans (Debian package fonts-dejavu-core) for accents and the ☑/☐ boxes;
without it, falls back to Helvetica with [x]/[ ] boxes so the PDF is still produced.
"""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from fpdf import FPDF

from lib.campaign import agreement_form, ambassadors, campaigns, listings, logos
from lib.campaign.ambassadors import Agreement
from lib.campaign.campaigns import Campaign
from lib.core.db import Database
from lib.core.i18n import format_date, format_number

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def _pdf() -> tuple[FPDF, str, bool]:
    pdf = FPDF(format="letter")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    if all((FONT_DIR / name).exists() for name in FONT_FILES.values()):
        for style, name in FONT_FILES.items():
            pdf.add_font("DejaVu", style, str(FONT_DIR / name))
        return pdf, "DejaVu", True
    return pdf, "Helvetica", False


class PdfWriter:
    """Small helpers over FPDF so the document reads top to bottom."""

    def __init__(self):
        self.pdf, self.family, self.unicode = _pdf()
        self.pdf.add_page()

    def clean(self, text: str) -> str:
        text = str(text or "")
        if self.unicode:
            return text
        for symbol, plain in (("☑", "[x]"), ("☐", "[ ]"), ("↘", "->"), ("—", "-"), ("’", "'"), ("«", '"'),
                              ("»", '"'), ("\u202f", " "), ("\u00a0", " ")):
            text = text.replace(symbol, plain)
        return text.encode("latin-1", "replace").decode("latin-1")

    def paragraph(self, text: str, size: float = 10.5, style: str = "", align: str = "L", gap: float = 2,
                  indent: float = 0) -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(self.pdf.epw - indent, size * 0.5, self.clean(text), align=align,
                            new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, text: str) -> None:
        self.pdf.ln(2)
        self.paragraph(text, size=12.5, style="B", gap=1.5)

    def box(self, ticked: bool) -> str:
        return "☑" if ticked else "☐"


def build_agreement_pdf(campaign: Campaign, agreement: Agreement, *, channels, moments, types,
                        organiser_commitments: list[str]) -> bytes:
    """The PDF bytes of `agreement` under `campaign` (pure: everything is passed in)."""
    w = PdfWriter()
    pdf = w.pdf
    top = 18
    if agreement.logo:
        try:  # the logo sits in a 40 x 20 mm box at the top right, above the title
            pdf.image(io.BytesIO(bytes(agreement.logo)), x=pdf.w - pdf.r_margin - 40, y=10, w=40, h=20,
                      keep_aspect_ratio=True)
            top = 34
        except Exception:  # an image fpdf cannot embed must not stop the agreement
            pass
    pdf.set_y(top)
    w.paragraph(campaign.agreement_title or campaign.name, size=15, style="B", align="C", gap=3)
    w.paragraph(campaign.slogan, size=13, style="B", align="C", gap=4)
    w.paragraph(campaign.purpose)
    start = campaign.agreement_start or "à sa signature"
    w.paragraph(f"La présente entente entrera en vigueur {start} et sera valide jusqu’au "
                f"{format_date(campaign.valid_until)}.", style="B")

    w.heading("Partenariat de promotion")
    w.paragraph(f"Nous accordons par la présente le statut d’{campaign.ambassador_status} à :")
    w.paragraph(agreement.organisation, size=12, style="B", indent=8)
    w.paragraph(campaign.organiser_commitments_intro)
    for text in organiser_commitments:
        w.paragraph(f"•  {text}", indent=5, gap=1)

    w.heading(campaign.reach_title or "Rayonnement et portée")
    for row in channels.itertuples():
        w.paragraph(f"•  {row.label} : {format_number(row.audience) if row.audience == row.audience else '—'}",
                    indent=5, gap=0.5)
    if campaign.reach_note:
        w.paragraph(campaign.reach_note, size=8.5, style="I", gap=2)

    w.heading(f"Plan de diffusion du {campaign.organiser}")
    w.paragraph(campaign.diffusion_intro)
    for row in moments.itertuples():
        w.paragraph(f"↘  {row.when_label} {row.description}", indent=5, gap=0.5)

    w.heading(campaign.commitments_intro or "L’Ambassadeur s’engage à :")
    if campaign.checklist_instruction:
        w.paragraph(campaign.checklist_instruction, style="I")
    for row in types.itertuples():
        w.paragraph(f"{w.box(row.key in agreement.commitments)}  {row.label}", indent=3, gap=0.8)
        if row.with_moments:
            for moment in moments.itertuples():
                w.paragraph(f"{w.box(moment.key in agreement.moments)}  {moment.checklist_label or moment.when_label}",
                            indent=12, gap=0.5)

    w.heading("Rapport de retombées")
    w.paragraph(campaign.report_request)
    if campaign.questionnaire_invitation:
        w.paragraph(f"{campaign.questionnaire_invitation} {campaign.questionnaire_label}")

    w.heading("Signatures")
    w.paragraph(f"Pour le {campaign.organiser} : {campaign.contact_name}, {campaign.contact_title} "
                f"({campaign.contact_email})")
    w.paragraph(f"Nom de l’Ambassadeur : {agreement.organisation}")
    w.paragraph(f"Signature : {agreement.signer_name}, {agreement.signer_title} — entente acceptée "
                f"électroniquement le {format_date(agreement.signed_on)}"
                f"{' (case d’acceptation cochée)' if agreement.accepted else ''}.")
    w.paragraph(f"Statut de l’inscription : {ambassadors.STATUS_LABELS_FR[agreement.status]}", size=9, style="I")

    w.heading("Renseignements de l’Ambassadeur")
    w.paragraph(f"Personne-ressource : {agreement.contact_name} · {agreement.email} · {agreement.phone}")
    if agreement.website:
        w.paragraph(f"Site Web : {agreement.website}")
    declared = [f"{label} : {format_number(agreement.audiences[key])}" for key, label in agreement_form.CHANNELS
                if agreement.audiences.get(key) is not None]
    if declared:
        w.paragraph("Auditoire déclaré : " + " · ".join(declared))
    w.paragraph("Texte pour le microsite :", style="B", gap=1)
    w.paragraph(agreement.why_text)
    return bytes(pdf.output())


def agreement_pdf(db: Database, ambassador_id: int) -> bytes:
    """The PDF of agreement `ambassador_id`, with its stored logo when it decodes (else
    without one). Raises LookupError when it does not exist."""
    agreement = ambassadors.get_agreement(db, ambassador_id)
    if agreement is None:
        raise LookupError(ambassador_id)
    agreement = dataclasses.replace(agreement, logo=logos.readable(agreement.logo))
    campaign_id = agreement.campaign_id
    return build_agreement_pdf(
        campaigns.get_campaign(db, campaign_id), agreement, channels=campaigns.list_channels(db, campaign_id),
        moments=campaigns.list_moments(db, campaign_id), types=campaigns.list_commitment_types(db, campaign_id),
        organiser_commitments=campaigns.list_organiser_commitments(db, campaign_id))


def pdf_filename(agreement: Agreement) -> str:
    """'entente-sante-mentale-outaouais-12.pdf'."""
    return "entente-" + listings.logo_filename(agreement.organisation, agreement.id, "png")[:-4] + ".pdf"
