"""The impact report in the form the organiser asked for: "un bref compte rendu" per ambassador,
sent to its contact (Caroline Drolet for MSMQ), and all of them together; as text and as PDF.

Written in French, like the agreement (the organiser's language). `summary_blocks` is pure;
the others read the database.
"""
from __future__ import annotations

from lib.campaign import agreement_form, ambassadors, campaigns, impact_reports, listings
from lib.campaign.agreement_pdf import PdfWriter
from lib.campaign.campaigns import Campaign
from lib.core.clock import to_local
from lib.core.db import Database
from lib.core.i18n import format_date, format_datetime, format_number
from lib.core.messages import Message

Block = tuple[str, str]  # (kind, text): kind is "title", "heading", "line" or "text"


def destination(campaign: Campaign) -> str:
    """Where a submitted report goes, in one French sentence (a Message: pages translate it)."""
    return Message("Votre rapport est conservé dans le tableau de bord du ROCSMO. L’équipe du ROCSMO en transmet "
                   "un compte rendu à {to} ({email}), pour le {organiser}, comme le demande l’entente.",
                   to=campaign.contact_name or campaign.organiser, email=campaign.contact_email or "—",
                   organiser=campaign.organiser)


def _number(value) -> str:
    return format_number(value) if value is not None and value == value else "—"


def summary_blocks(campaign: Campaign, agreement: ambassadors.Agreement, report: dict | None,
                   items: list[impact_reports.ReportItem]) -> list[Block]:
    """The compte rendu of one ambassador's report, as blocks (pure; French)."""
    blocks: list[Block] = [("title", f"Rapport de retombées — {agreement.organisation}"),
                           ("line", f"{campaign.name} ({campaign.slogan})"),
                           ("line", f"Pour : {campaign.contact_name}, {campaign.contact_title}, "
                                    f"{campaign.organiser} ({campaign.contact_email})"),
                           ("line", f"Personne-ressource de l’ambassadeur : {agreement.contact_name} · "
                                    f"{agreement.email} · {agreement.phone}")]
    if report is None or report["status"] == "none":
        blocks.append(("text", "Aucun rapport n’a été commencé."))
        return blocks
    status = impact_reports.STATUS_LABELS_FR.get(report["status"], report["status"])
    submitted = (f", le {format_datetime(to_local(report['submitted_at']))}" if report.get("submitted_at") else "")
    late = " (après la date prévue)" if report.get("submitted_late") else ""
    blocks.append(("line", f"Statut : {status}{submitted}{late}"))
    blocks.append(("heading", "Actions"))
    for item in items:
        action = report["actions"].get((item.kind, item.key), {})
        parts = ["fait" if action.get("done") else "non fait"]
        if action.get("times"):
            parts.append(f"{action['times']} fois")
        if action.get("when"):
            parts.append(f"quand : {action['when']}")
        blocks.append(("line", f"• {item.label} : {', '.join(parts)}"))
        for link in impact_reports.split_links(action.get("links") or ""):
            blocks.append(("line", f"    {link}"))
    reach = [(key, values) for key, values in report["reach"].items()
             if any(v is not None for v in values.values())]
    if reach or report.get("newsletter_recipients") is not None or report.get("intranet_recipients") is not None:
        blocks.append(("heading", "Portée sur ses canaux"))
        for key, values in reach:
            figures = ", ".join(f"{label.lower()} : {_number(values.get(metric))}"
                                for metric, label in impact_reports.REACH_METRICS if values.get(metric) is not None)
            blocks.append(("line", f"• {agreement_form.CHANNEL_LABELS.get(key, key)} : {figures}"))
        if report.get("newsletter_recipients") is not None:
            blocks.append(("line", f"• Destinataires de l’infolettre : {_number(report['newsletter_recipients'])}"))
        if report.get("intranet_recipients") is not None:
            blocks.append(("line", f"• Destinataires de l’intranet : {_number(report['intranet_recipients'])}"))
    if report["activities"]:
        blocks.append(("heading", "Activités organisées"))
        for activity in report["activities"]:
            held = f", {format_date(activity['held_on'])}" if activity.get("held_on") else ""
            people = (f", {_number(activity['participants'])} participants"
                      if activity.get("participants") is not None else "")
            description = f" — {activity['description']}" if activity.get("description") else ""
            blocks.append(("line", f"• {activity.get('type') or 'Activité'}{held}{people}{description}"))
    for key, label in (("what_worked", "Ce qui a bien fonctionné"), ("suggestions", "Suggestions"),
                       ("comments", "Autres commentaires")):
        if report.get(key):
            blocks.append(("heading", label))
            blocks.append(("text", report[key]))
    return blocks


def as_text(blocks: list[Block]) -> str:
    """The blocks as a plain-text (markdown-like) document."""
    lines = []
    for kind, text in blocks:
        if kind == "title":
            lines += [text, "=" * len(text)]
        elif kind == "heading":
            lines += ["", text, "-" * len(text)]
        else:
            lines.append(text)
    return "\n".join(lines) + "\n"


def as_pdf(documents: list[list[Block]]) -> bytes:
    """The blocks of one or more comptes rendus as a PDF (fpdf2), one page each."""
    writer = PdfWriter()
    for index, blocks in enumerate(documents):
        if index:
            writer.pdf.add_page()
        for kind, text in blocks:
            if kind == "title":
                writer.paragraph(text, size=14, style="B", gap=3)
            elif kind == "heading":
                writer.heading(text)
            else:
                writer.paragraph(text, gap=1)
    return bytes(writer.pdf.output())


def ambassador_blocks(db: Database, ambassador_id: int) -> list[Block]:
    """The compte rendu of one ambassador, read from the database. Raises LookupError when
    the agreement does not exist."""
    agreement = ambassadors.get_agreement(db, ambassador_id)
    if agreement is None:
        raise LookupError(ambassador_id)
    return summary_blocks(campaigns.get_campaign(db, agreement.campaign_id), agreement,
                          impact_reports.get_report(db, ambassador_id), impact_reports.report_items(db, agreement))


def submitted_ids(db: Database, campaign_id: int) -> list[int]:
    """The approved ambassadors of a campaign whose report is submitted, by organisation name."""
    return [row[0] for row in db.query(
        "SELECT a.id FROM ambassadors a JOIN impact_reports r ON r.ambassador_id = a.id"
        " WHERE a.campaign_id = ? AND a.status = 'approved' AND r.status = 'submitted'"
        " ORDER BY lower(a.organisation)", [campaign_id])]


def campaign_text(db: Database, campaign_id: int) -> str:
    """Every submitted report of a campaign, one compte rendu after the other (text)."""
    documents = [as_text(ambassador_blocks(db, a)) for a in submitted_ids(db, campaign_id)]
    return "\n\n".join(documents) if documents else "Aucun rapport soumis.\n"


def campaign_pdf(db: Database, campaign_id: int) -> bytes:
    """Every submitted report of a campaign as one PDF, one compte rendu per page."""
    return as_pdf([ambassador_blocks(db, a) for a in submitted_ids(db, campaign_id)] or
                  [[("text", "Aucun rapport soumis.")]])


def filename(agreement: ambassadors.Agreement, extension: str) -> str:
    """'rapport-retombees-sante-mentale-outaouais-12.pdf'."""
    return "rapport-retombees-" + listings.logo_filename(agreement.organisation, agreement.id, "png")[:-4] \
        + "." + extension
