"""The emails' words: one function per kind of message, in the recipient's language.

Each returns a `Draft` (subject and both bodies, ready for the outbox). The French texts are the
catalogue's msgids (translated with lib.core.i18n); values typed by people (organisation names,
staff's notes) go into the plain text as they are and into the HTML escaped, never as markup.
A one-click link is written as LINK_PLACEHOLDER: the sender puts a fresh token there at send
time, so that no token is ever stored (see lib.accounts.links).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from lib.core.i18n import N_, format_date, ngettext, translate
from lib.core.messages import translate_message

LINK_PLACEHOLDER = "{{jeton}}"
LINK_SHOWN = "••••••"  # what previews show instead of a token


@dataclass(frozen=True)
class Draft:
    """An email before it is queued: who, what about (subject_key), and its words."""
    purpose: str
    recipient: str
    username: str
    language: str
    subject_key: str
    subject: str
    body_text: str
    body_html: str
    link_purpose: str = ""


# A body is a list of blocks: ("p", text), ("h", heading), ("ul", [texts]), ("quote", text),
# ("link", label, url).
def render_text(blocks: list[tuple], lang: str) -> str:
    """The plain-text body of `blocks`, with the automatic-message footer."""
    out = []
    for block in blocks:
        kind = block[0]
        if kind in ("p", "h"):
            out.append(block[1])
        elif kind == "quote":
            out.append("\n".join("> " + line for line in block[1].splitlines() or [""]))
        elif kind == "ul":
            out.append("\n".join("- " + item for item in block[1]))
        elif kind == "link":
            out.append(f"{block[1]}\n{block[2]}")
    out.append("-- \n" + _footer(lang))
    return "\n\n".join(out) + "\n"


def render_html(blocks: list[tuple], lang: str, title: str) -> str:
    """The HTML body of `blocks`: every text escaped, links only to the app's own addresses."""
    esc = html.escape
    parts = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            parts.append(f"<p>{esc(block[1])}</p>")
        elif kind == "h":
            parts.append(f"<h2 style=\"font-size:1.1em\">{esc(block[1])}</h2>")
        elif kind == "quote":
            lines = "<br>".join(esc(line) for line in block[1].splitlines())
            parts.append(f"<blockquote style=\"border-left:3px solid #999;margin-left:0;padding-left:1em\">"
                         f"{lines}</blockquote>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in block[1]) + "</ul>")
        elif kind == "link":
            parts.append(f"<p><a href=\"{esc(block[2], quote=True)}\">{esc(block[1])}</a></p>")
    parts.append(f"<hr><p style=\"color:#555;font-size:0.9em\">{esc(_footer(lang))}</p>")
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{esc(title)}</title>"
            f"</head><body>{''.join(parts)}</body></html>")


def _footer(lang: str) -> str:
    return translate("Message envoyé automatiquement par le tableau de bord du ROCSMO. L’équipe du ROCSMO", lang)


def _draft(purpose: str, recipient: str, username: str, lang: str, subject_key: str, subject: str,
           blocks: list[tuple], link_purpose: str = "") -> Draft:
    return Draft(purpose, recipient, username, lang, subject_key, subject, render_text(blocks, lang),
                 render_html(blocks, lang, subject), link_purpose)


def one_click_url(base_url: str) -> str:
    """The address a one-click link points at, with the token's placeholder."""
    return f"{base_url.rstrip('/')}/?lien={LINK_PLACEHOLDER}"


def _hello(name: str, lang: str) -> tuple:
    return ("p", translate("Bonjour {name},", lang, name=name))


def _report_link(base_url: str, hours: int, lang: str) -> list[tuple]:
    return [("p", ngettext("Ce lien ouvre votre rapport directement, une seule fois, pendant {n} heure :",
                           "Ce lien ouvre votre rapport directement, une seule fois, pendant {n} heures :",
                           hours, lang)),
            ("link", translate("Ouvrir mon rapport de retombées", lang), one_click_url(base_url)),
            ("p", translate("Ensuite, connectez-vous avec votre nom d’utilisateur et votre mot de passe.", lang))]


# -- ambassadors ----------------------------------------------------------------------
@dataclass(frozen=True)
class AmbassadorFacts:
    """What a message to an ambassador says about it (read by lib.outreach.reminders)."""
    ambassador_id: int
    username: str
    email: str
    language: str
    contact_name: str
    organisation: str
    campaign: str
    campaign_contact: str
    report_due: dt.date | None
    note: str = ""


def signup_received(facts: AmbassadorFacts, base_url: str) -> Draft:
    lang = facts.language
    subject = translate("Inscription reçue : {campaign}", lang, campaign=facts.campaign)
    blocks = [_hello(facts.contact_name, lang),
              ("p", translate("Nous avons bien reçu l’inscription de {organisation} comme ambassadeur de "
                              "« {campaign} ». L’équipe l’examinera et vous écrira dès qu’elle aura décidé.",
                              lang, organisation=facts.organisation, campaign=facts.campaign)),
              ("p", translate("Vous pouvez suivre son statut en vous connectant au tableau de bord avec votre nom "
                              "d’utilisateur « {username} ».", lang, username=facts.username)),
              ("link", translate("Tableau de bord du ROCSMO", lang), base_url)]
    return _draft("signup_received", facts.email, facts.username, lang, f"ambassador:{facts.ambassador_id}",
                  subject, blocks)


def decision(facts: AmbassadorFacts, approved: bool, decided_at: dt.datetime, base_url: str, hours: int) -> Draft:
    lang = facts.language
    blocks = [_hello(facts.contact_name, lang)]
    if approved:
        subject = translate("Votre entente est approuvée : {campaign}", lang, campaign=facts.campaign)
        blocks.append(("p", translate("Bonne nouvelle : l’entente de {organisation} pour « {campaign} » est "
                                      "approuvée. Merci d’être ambassadeur!", lang,
                                      organisation=facts.organisation, campaign=facts.campaign)))
    else:
        subject = translate("Votre inscription : {campaign}", lang, campaign=facts.campaign)
        blocks.append(("p", translate("L’inscription de {organisation} à « {campaign} » n’a pas été retenue.",
                                      lang, organisation=facts.organisation, campaign=facts.campaign)))
    if facts.note:
        blocks += [("p", translate("Note de l’équipe :", lang)), ("quote", facts.note)]
    if approved:
        if facts.report_due:
            blocks.append(("p", translate("Votre rapport de retombées est attendu le {date}.", lang,
                                          date=format_date(facts.report_due, lang))))
        blocks += _report_link(base_url, hours, lang)
    elif facts.campaign_contact:
        blocks.append(("p", translate("Pour en parler, écrivez à {email}.", lang, email=facts.campaign_contact)))
    kind = "approved" if approved else "declined"
    return _draft(kind, facts.email, facts.username, lang,
                  f"ambassador:{facts.ambassador_id}:{kind}:{decided_at.isoformat(timespec='seconds')}",
                  subject, blocks, "report" if approved else "")


def report_due(facts: AmbassadorFacts, days: int, stage: str, base_url: str, hours: int) -> Draft:
    """The reminder `stage` ('due_30', 'due_7') of a report due in `days` days."""
    lang = facts.language
    when = format_date(facts.report_due, lang)
    subject = translate("Rapport de retombées attendu le {date}", lang, date=when)
    blocks = [_hello(facts.contact_name, lang),
              ("p", ngettext("Le rapport de retombées de {organisation} pour « {campaign} » est attendu le "
                             "{date}, dans {n} jour.",
                             "Le rapport de retombées de {organisation} pour « {campaign} » est attendu le "
                             "{date}, dans {n} jours.", days, lang, organisation=facts.organisation,
                             campaign=facts.campaign, date=when)),
              ("p", translate("Vous pouvez enregistrer un brouillon et y revenir autant de fois que nécessaire.",
                              lang)),
              *_report_link(base_url, hours, lang)]
    return _draft(stage, facts.email, facts.username, lang,
                  f"report:{facts.ambassador_id}:{stage}:{facts.report_due.isoformat()}", subject, blocks, "report")


def report_overdue(facts: AmbassadorFacts, base_url: str, hours: int) -> Draft:
    lang = facts.language
    when = format_date(facts.report_due, lang)
    subject = translate("Rapport de retombées en retard : {campaign}", lang, campaign=facts.campaign)
    blocks = [_hello(facts.contact_name, lang),
              ("p", translate("Le rapport de retombées de {organisation} pour « {campaign} » était attendu le "
                              "{date}. Vous pouvez encore le soumettre : il sera marqué en retard.", lang,
                              organisation=facts.organisation, campaign=facts.campaign, date=when)),
              *_report_link(base_url, hours, lang)]
    return _draft("overdue", facts.email, facts.username, lang,
                  f"report:{facts.ambassador_id}:overdue:{facts.report_due.isoformat()}", subject, blocks, "report")


def report_reopened(facts: AmbassadorFacts, reopened_at: dt.datetime, base_url: str, hours: int) -> Draft:
    lang = facts.language
    subject = translate("Votre rapport de retombées a été rouvert", lang)
    blocks = [_hello(facts.contact_name, lang),
              ("p", translate("L’équipe a rouvert le rapport de retombées de {organisation} (« {campaign} ») "
                              "pour que vous le corrigiez ou le complétiez, puis le soumettiez de nouveau.", lang,
                              organisation=facts.organisation, campaign=facts.campaign))]
    if facts.note:
        blocks += [("p", translate("Note de l’équipe :", lang)), ("quote", facts.note)]
    blocks += _report_link(base_url, hours, lang)
    return _draft("reopened", facts.email, facts.username, lang,
                  f"report:{facts.ambassador_id}:reopened:{reopened_at.isoformat(timespec='seconds')}",
                  subject, blocks, "report")


# -- staff ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DigestFacts:
    """The week's digest for staff: plan items needing an update, sign-ups waiting, reports received."""
    week: str                                    # ISO week, '2026-W49'
    late_items: tuple[tuple[str, str], ...]      # (means, why late, already in the reader's language)
    pending_signups: tuple[tuple[str, dt.date], ...]
    reports_received: tuple[tuple[str, dt.date], ...]

    def is_empty(self) -> bool:
        return not (self.late_items or self.pending_signups or self.reports_received)


def staff_digest(facts: DigestFacts, name: str, email: str, username: str, lang: str, base_url: str) -> Draft:
    subject = ngettext("Résumé de la semaine : {n} moyen à mettre à jour",
                       "Résumé de la semaine : {n} moyens à mettre à jour", len(facts.late_items), lang)
    blocks = [_hello(name, lang)]
    blocks.append(("h", translate("Moyens du plan à mettre à jour", lang)))
    blocks.append(("ul", [f"{means} — {why}" if why else means for means, why in facts.late_items])
                  if facts.late_items else ("p", translate("Aucun : tout est à jour.", lang)))
    blocks.append(("h", translate("Inscriptions en attente de décision", lang)))
    blocks.append(("ul", [translate("{organisation} (inscrite le {date})", lang, organisation=org,
                                    date=format_date(day, lang)) for org, day in facts.pending_signups])
                  if facts.pending_signups else ("p", translate("Aucune.", lang)))
    blocks.append(("h", translate("Rapports de retombées reçus cette semaine", lang)))
    blocks.append(("ul", [translate("{organisation} (soumis le {date})", lang, organisation=org,
                                    date=format_date(day, lang)) for org, day in facts.reports_received])
                  if facts.reports_received else ("p", translate("Aucun.", lang)))
    blocks.append(("link", translate("Ouvrir le tableau de bord", lang), base_url))
    return _draft("staff_digest", email, username, lang, f"digest:{facts.week}", subject, blocks)


# -- board ----------------------------------------------------------------------------
def board_pack_ready(meeting, name: str, email: str, username: str, lang: str, base_url: str) -> Draft:
    """The board pack of the coming `meeting` (lib.plan.meetings.Meeting) can be read on Rapports."""
    label = translate_message(meeting.label(), lang)
    subject = translate("Le document du CA est prêt : {meeting}", lang, meeting=label)
    ready = translate("Le document de la rencontre « {meeting} » est prêt : où en est le plan d’action, ce qui a "
                      "changé depuis la rencontre précédente, ce qui est en retard, ce qui s’en vient et la campagne. "
                      "Il se lit à l’écran ou se télécharge en PDF et en Excel.", lang, meeting=label)
    blocks = [_hello(name, lang), ("p", ready),
              ("link", translate("Ouvrir la page Rapports", lang), f"{base_url.rstrip('/')}/rapports")]
    return _draft("board_pack", email, username, lang, f"pack:{meeting.id}:{meeting.held_on.isoformat()}", subject,
                  blocks)


SAMPLE_NOTE_FR = N_("Merci pour votre engagement.")  # the staff note of the previews (lib.outreach.reminders)

KIND_LABELS_FR = {
    "signup_received": N_("Ambassadeurs : inscription reçue"),
    "approved": N_("Ambassadeurs : entente approuvée"),
    "declined": N_("Ambassadeurs : inscription refusée"),
    "due_30": N_("Ambassadeurs : rapport attendu dans 30 jours"),
    "due_7": N_("Ambassadeurs : rapport attendu dans 7 jours"),
    "overdue": N_("Ambassadeurs : rapport en retard"),
    "reopened": N_("Ambassadeurs : rapport rouvert par l’équipe"),
    "staff_digest": N_("Équipe : résumé de la semaine"),
    "board_pack": N_("CA : le document de la prochaine rencontre est prêt"),
}
KINDS = tuple(KIND_LABELS_FR)
