"""In Chromium: a board member opens Rapports on the demo database, chooses the last CA and the
one before, downloads the pack, and the PDF holds what the screen said changed; the page passes axe."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from lib.core import clock
from lib.core.i18n import format_date
from lib.core.settings import DEFAULTS
from lib.demo import meeting_calendar
from tests.browser.helpers import axe_violations, describe, download, sign_in, wait_for_app


def _choose(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option).first.click()
    wait_for_app(page)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_a_board_member_downloads_the_pack_for_two_meetings(lived_in_server, browser_page):
    page = browser_page
    today = clock.today()
    past = [day for day, kind in meeting_calendar(DEFAULTS.plan_start, today) if kind == "ca" and day <= today]
    last, before = (f"CA du {format_date(day)}" for day in (past[-1], past[-2]))
    sign_in(page, lived_in_server, lived_in_server.accounts["board"])
    page.locator('a[data-testid="stSidebarNavLink"]', has_text="Rapports").first.click()
    wait_for_app(page)
    page.get_by_role("heading", name="Rapports au CA").wait_for()
    _choose(page, "Rencontre", last)
    _choose(page, "Comparée à", before)
    page.get_by_role("heading", name="Ce qui a changé").wait_for()
    since = page.get_by_text(re.compile(r"^Depuis le CA du .* : \d+ moyens? réalisés?")).first.inner_text()
    assert since.startswith(f"Depuis le {before}")
    violations = axe_violations(page)
    assert not violations, describe({"Rapports": violations})

    pack = download(page, page.get_by_role("button", name="Télécharger le document (PDF)"), timeout=60_000)
    assert pack.suggested_filename == f"document-ca-{past[-1].isoformat()}.pdf"
    data = open(pack.path(), "rb").read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert _squeeze(f"Document du CA — {last}") in _squeeze(text)
    assert _squeeze(since) in _squeeze(text)
    done = int(re.search(r"(\d+) moyens? réalisés?", since).group(1))
    after_heading = text.split("Moyens réalisés", 2)[-1].split("Nouveaux retards")[0]
    assert len(set(re.findall(r"\b\d\.\d\.\d\b", after_heading))) == done  # the items that changed

    page.reload()
    wait_for_app(page)
    page.get_by_role("heading", name="Documents archivés").wait_for()
    again = download(page, page.get_by_role("button", name="PDF archivé"))
    assert open(again.path(), "rb").read() == data  # the archive gives the same bytes back
