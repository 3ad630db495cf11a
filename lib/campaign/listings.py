"""What staff take out of a campaign's ambassadors: counts per commitment and moment, declared
audiences, the microsite listing, the logos and the spreadsheet export."""
from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from lib.campaign import logos
from lib.campaign.agreement_form import CHANNEL_LABELS, CHANNELS, normalise_key
from lib.campaign.ambassadors import STATUS_LABELS_FR
from lib.core import clock
from lib.core.db import Database
from lib.core.i18n import localized_sql


# -- campaign figures and exports ----------------------------------------------------
def commitment_counts(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """Per commitment type: how many approved ambassadors ticked it (key, label as a reader of
    `lang` sees it, ambassadors)."""
    return db.query_df(
        f"""
        SELECT t.key, {localized_sql("t.label", lang)} AS label, count(a.id) AS ambassadors
        FROM commitment_types t
        LEFT JOIN ambassador_commitments c ON c.commitment_key = t.key
        LEFT JOIN ambassadors a ON a.id = c.ambassador_id AND a.campaign_id = t.campaign_id AND a.status = 'approved'
        WHERE t.campaign_id = ? GROUP BY t.key, t.label, t.label_en, t.position ORDER BY t.position
        """,
        [campaign_id],
    )


def moment_counts(db: Database, campaign_id: int, lang: str = "fr") -> pd.DataFrame:
    """The moments forts (texts as a reader of `lang` sees them) with how many approved
    ambassadors chose each."""
    return db.query_df(
        f"""
        SELECT m.key, m.kind, {localized_sql("m.when_label", lang)} AS when_label, m.starts_on, m.ends_on,
               {localized_sql("m.description", lang)} AS description,
               {localized_sql("m.checklist_label", lang)} AS checklist_label, count(a.id) AS ambassadors
        FROM campaign_moments m
        LEFT JOIN ambassador_moments c ON c.moment_key = m.key
        LEFT JOIN ambassadors a ON a.id = c.ambassador_id AND a.campaign_id = m.campaign_id AND a.status = 'approved'
        WHERE m.campaign_id = ?
        GROUP BY m.key, m.kind, m.when_label, m.when_label_en, m.starts_on, m.ends_on, m.description,
                 m.description_en, m.checklist_label, m.checklist_label_en, m.position
        ORDER BY m.position
        """,
        [campaign_id],
    )


def declared_audiences(db: Database, campaign_id: int) -> pd.DataFrame:
    """Approved ambassadors' own audience as they declared it: organisation, channel, audience."""
    frame = db.query_df(
        """
        SELECT a.organisation, d.channel_key, d.audience
        FROM ambassador_audiences d JOIN ambassadors a ON a.id = d.ambassador_id
        WHERE a.campaign_id = ? AND a.status = 'approved' ORDER BY lower(a.organisation)
        """,
        [campaign_id],
    )
    frame["channel"] = frame["channel_key"].map(CHANNEL_LABELS)
    return frame


def logo_filename(organisation: str, ambassador_id: int, logo_type: str) -> str:
    """A safe file name for a logo: 'sante-mentale-outaouais-12.png'."""
    slug = normalise_key(organisation).replace(" ", "-")[:60] or "organisation"
    slug = re.sub(r"[^a-z0-9_-]", "", slug) or "organisation"
    return f"{slug}-{ambassador_id}.{'jpg' if logo_type == 'jpeg' else 'png'}"


def microsite_frame(db: Database, campaign_id: int) -> pd.DataFrame:
    """The microsite listing of approved ambassadors: organisation, website, text, logo file
    (every logo is a PNG in logos_zip)."""
    rows = db.query("SELECT id, organisation, website, why_text FROM ambassadors"
                    " WHERE campaign_id = ? AND status = 'approved' ORDER BY lower(organisation)", [campaign_id])
    return pd.DataFrame(
        [{"organisation": org, "site_web": site, "texte": text, "logo": logo_filename(org, aid, "png")}
         for aid, org, site, text in rows],
        columns=["organisation", "site_web", "texte", "logo"],
    )


def logos_zip(db: Database, campaign_id: int) -> bytes:
    """A ZIP of the approved ambassadors' logos as stored (PNG, 1000 px at most), named as in
    microsite_frame; a logo that does not decode (stored before the upload checks) is left out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for aid, org, logo in db.query(
                "SELECT id, organisation, logo FROM ambassadors WHERE campaign_id = ?"
                " AND status = 'approved' AND logo IS NOT NULL ORDER BY lower(organisation)", [campaign_id]):
            png = logos.readable(logo)
            if png is not None:
                archive.writestr(logo_filename(org, aid, "png"), png)
    return buffer.getvalue()


def ambassadors_export_frame(db: Database, campaign_id: int) -> pd.DataFrame:
    """One row per ambassador for CSV/XLSX: contact, status, declared audience and choices.
    inscrit_le is in Québec time, as on screen. Two queries, whatever the number of ambassadors."""
    frame = db.query_df(
        """
        SELECT a.id, a.organisation AS organisation, a.contact_name AS personne_ressource, a.email AS courriel,
               a.phone AS telephone, a.website AS site_web, a.username AS utilisateur, a.status,
               a.status_note AS note, a.created_at, a.signer_name AS signataire,
               a.signer_title AS titre_signataire, a.signed_on AS signe_le,
               coalesce((SELECT string_agg(coalesce(t.label, c.commitment_key), ' | ' ORDER BY t.position)
                         FROM ambassador_commitments c
                         LEFT JOIN commitment_types t ON t.campaign_id = a.campaign_id AND t.key = c.commitment_key
                         WHERE c.ambassador_id = a.id), '') AS engagements,
               coalesce((SELECT string_agg(coalesce(m.when_label, c.moment_key), ' | ' ORDER BY m.position)
                         FROM ambassador_moments c
                         LEFT JOIN campaign_moments m ON m.campaign_id = a.campaign_id AND m.key = c.moment_key
                         WHERE c.ambassador_id = a.id), '') AS moments_forts,
               a.why_text AS texte
        FROM ambassadors a
        WHERE a.campaign_id = ?
        ORDER BY CASE a.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, lower(a.organisation)
        """,
        [campaign_id],
    )
    audiences = db.query_df(
        "SELECT u.ambassador_id AS id, u.channel_key, u.audience FROM ambassador_audiences u"
        " JOIN ambassadors a ON a.id = u.ambassador_id WHERE a.campaign_id = ?", [campaign_id])
    wide = audiences.pivot_table(index="id", columns="channel_key", values="audience", aggfunc="first")
    for key, _ in CHANNELS:
        column = wide[key] if key in wide.columns else pd.Series(dtype="Int64")
        frame[f"auditoire_{key}"] = frame["id"].map(column).astype("Int64")  # whole people; empty when not declared
    frame["statut"] = frame["status"].map(STATUS_LABELS_FR)
    frame["inscrit_le"] = frame["created_at"].map(clock.to_local)
    columns = ["organisation", "personne_ressource", "courriel", "telephone", "site_web", "utilisateur", "statut",
               "note", "inscrit_le", "signataire", "titre_signataire", "signe_le",
               *(f"auditoire_{key}" for key, _ in CHANNELS), "engagements", "moments_forts", "texte"]
    return frame[columns]
