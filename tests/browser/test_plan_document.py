"""In Chromium at 1400 px: the whole plan reads without sideways scrolling and prints whole."""
import io

import pypdf

from tests.browser.helpers import open_app, sign_in, wait_for_app


def test_the_whole_plan_fits_the_width_and_prints_every_axis(live_server, browser_page):
    page = browser_page
    sign_in(page, live_server, live_server.accounts["board"])
    open_app(page, live_server, "plan")
    page.get_by_text("Le plan en entier").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Axe 6 : GESTION ET GOUVERNANCE").wait_for()
    widths = page.evaluate("(() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                           " return [m.scrollWidth, m.clientWidth]; })()")
    assert widths[0] <= widths[1], widths
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "MOBILISER" in text and "GESTION ET GOUVERNANCE" in text and "Indicateur de réussite" in text
