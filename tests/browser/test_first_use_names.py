"""In Chromium: what a screen reader hears (issue 11, item 9). Checkbox names carry no Markdown
escapes, and each field of the impact report names the commitment it belongs to."""
import re

from tests.browser.conftest import AMBASSADOR
from tests.browser.helpers import dismiss_page_not_found, download, open_app, sign_in, wait_for_app


def test_sign_up_checkboxes_are_named_as_written(lived_in_server, browser_page):
    page = browser_page
    open_app(page, lived_in_server)
    dismiss_page_not_found(page)
    page.get_by_role("link", name="Devenir ambassadeur").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Devenir ambassadeur").wait_for()
    page.get_by_text("Diffuser de l'information lors de divers moments forts, veuillez les choisir :",
                     exact=True).click()
    wait_for_app(page)
    names = [box.get_attribute("aria-label") or box.evaluate("e => e.closest('label').innerText")
             for box in page.get_by_role("checkbox").all()]
    assert len(names) > 15, names  # the commitments and, under "moments forts", the moments
    assert not [name for name in names if "\\" in name], names
    assert page.get_by_role("checkbox", name="Inviter son réseau à participer à la Campagne et à visiter le site "
                                             "etrebiendanssatete.ca pour découvrir les outils;", exact=True).count()


def test_each_report_field_names_its_commitment(lived_in_server, browser_page):
    page = browser_page
    sign_in(page, lived_in_server, AMBASSADOR)
    open_app(page, lived_in_server, "rapport")
    page.get_by_role("heading", name="Rapport de retombées").wait_for()
    checkboxes = page.get_by_role("checkbox").all()
    counts = page.get_by_role("spinbutton", name=re.compile(r"^Nombre de fois — .+")).all()
    assert len(counts) >= 2 and len(counts) == len(checkboxes)
    assert page.get_by_role("spinbutton", name="Nombre de fois", exact=True).count() == 0
    assert page.get_by_role("textbox", name=re.compile(r"^Quand — .+")).count() == len(counts)
    assert page.get_by_role("textbox", name=re.compile(r"^Liens \(un par ligne\) — .+")).count() == len(counts)
    assert page.get_by_role("spinbutton", name=re.compile(r"^Nombre de fois — Partager des publications")).count()


def test_the_agreement_pdf_is_made_when_clicked(lived_in_server, browser_page):
    # The page no longer builds the PDF on every rerun: the download button runs a callable.
    page = browser_page
    sign_in(page, lived_in_server, AMBASSADOR)
    open_app(page, lived_in_server, "mon-entente")
    page.get_by_role("heading", name="Mon entente").wait_for()
    pdf_file = download(page, page.get_by_role("button", name="Télécharger l’entente (PDF)"))
    path = pdf_file.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert pdf_file.suggested_filename.endswith(".pdf")
