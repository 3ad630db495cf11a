"""The public wall "Nos ambassadeurs": what the agreement promises each approved ambassador (its
logo, a link to its website and its ~100-word text), for the app's public page and as files the
microsite publishes as they are (an HTML fragment and JSON, with the logos resized).

Only approved ambassadors of the current campaign, and only those four things: never the email,
the phone, the contact person or anything else private. Text is text: the HTML export escapes
every value, and the page shows them with Streamlit elements, never as HTML.
"""
from __future__ import annotations

import functools
import html
import io
import json
import zipfile
from dataclasses import dataclass

from PIL import Image

from lib.campaign import campaigns
from lib.campaign.listings import logo_filename
from lib.core.db import Database
from lib.core.i18n import translate
from lib.core.validators import is_web_address

LOGO_BOX = (320, 160)   # the largest logo the wall shows, in pixels (aspect ratio kept)
PAGE_SIZE = 24          # ambassadors per page of the app's wall (the microsite export has them all)


@dataclass(frozen=True)
class WallEntry:
    """One approved ambassador on the wall."""
    organisation: str
    website: str          # '' unless a complete http(s) address
    text: str
    logo: bytes | None    # PNG, fitted in LOGO_BOX
    logo_file: str        # its file name in the export ('' without a logo)

    def logo_alt(self, lang: str = "fr") -> str:
        """The logo's alternative text: "Logo de <organisation>"."""
        return translate("Logo de {organisation}", lang, organisation=self.organisation)


@functools.lru_cache(maxsize=4096)  # a few MB: the wall's logos change rarely, its other data often
def resize_logo(data: bytes, box: tuple[int, int] = LOGO_BOX) -> bytes | None:
    """The logo as a PNG fitted in `box` (never enlarged); None when the bytes are not an image.
    Remembered per logo: the same bytes are not decoded and encoded again."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGBA") if image.mode in ("P", "LA", "RGBA") else image.convert("RGB")
    except Exception:  # Pillow raises many kinds of errors on damaged files; a bad logo is left out
        return None
    picture.thumbnail(box)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def wall_entries(db: Database, campaign_id: int | None = None) -> list[WallEntry]:
    """The approved ambassadors of `campaign_id` (default: the current campaign), by name."""
    if campaign_id is None:
        current = campaigns.current_campaign(db)
        if current is None:
            return []
        campaign_id = current.id
    entries = []
    for aid, organisation, website, text, logo in db.query(
            "SELECT id, organisation, website, why_text, logo FROM ambassadors WHERE campaign_id = ?"
            " AND status = 'approved' ORDER BY lower(organisation), id", [campaign_id]):
        resized = resize_logo(bytes(logo)) if logo is not None else None
        entries.append(WallEntry(organisation, website if is_web_address(website or "") else "", text or "",
                                 resized, logo_filename(organisation, aid, "png") if resized else ""))
    return entries


def page_count(entries: int, size: int = PAGE_SIZE) -> int:
    """How many pages of `size` the wall of `entries` ambassadors takes (at least one)."""
    return max(1, -(-entries // size))


def wall_page(entries: list[WallEntry], page: int, size: int = PAGE_SIZE) -> list[WallEntry]:
    """The entries of page `page` (1 = the first; out of range: the nearest page). Pure."""
    page = min(max(1, page), page_count(len(entries), size))
    return entries[(page - 1) * size:page * size]


def wall_json(entries: list[WallEntry]) -> str:
    """The wall as JSON for the microsite: a list of {organisation, site_web, texte, logo, logo_alt}."""
    return json.dumps([{"organisation": e.organisation, "site_web": e.website, "texte": e.text,
                        "logo": f"logos/{e.logo_file}" if e.logo_file else "", "logo_alt": e.logo_alt("fr")}
                       for e in entries], ensure_ascii=False, indent=2)


def wall_html(entries: list[WallEntry], lang: str = "fr") -> str:
    """The wall as a static HTML fragment (a <ul>) for the microsite's "Ambassadeurs" section:
    every value escaped, links opened without access to the page (rel="noopener")."""
    esc = html.escape
    items = []
    for e in entries:
        name = esc(e.organisation)
        if e.website:
            name = f'<a href="{esc(e.website, quote=True)}" rel="noopener noreferrer">{name}</a>'
        logo = (f'<img src="logos/{esc(e.logo_file, quote=True)}" alt="{esc(e.logo_alt(lang), quote=True)}">'
                if e.logo_file else "")
        text = f"<p>{esc(e.text)}</p>" if e.text else ""
        items.append(f'<li class="ambassadeur">{logo}<h3>{name}</h3>{text}</li>')
    return '<ul class="ambassadeurs">\n' + "\n".join(items) + "\n</ul>\n"


def wall_export_zip(entries: list[WallEntry], lang: str = "fr") -> bytes:
    """A ZIP for the microsite: ambassadeurs.html, ambassadeurs.json and logos/ (resized PNGs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ambassadeurs.html", wall_html(entries, lang))
        archive.writestr("ambassadeurs.json", wall_json(entries))
        for entry in entries:
            if entry.logo:
                archive.writestr(f"logos/{entry.logo_file}", entry.logo)
    return buffer.getvalue()
