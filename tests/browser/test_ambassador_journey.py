"""In a real browser: an organisation signs up, staff approve it, the ambassador signs in,
fills and submits its impact report, and staff see it in the follow-up and the charts."""
import io
import re

from PIL import Image

from tests.browser.helpers import (
    axe_violations,
    describe,
    dismiss_page_not_found,
    open_app,
    sign_in,
    sign_out,
    wait_for_app,
)

ORGANISATION = "Maison <b>Libre</b> « Envol » 🌱"
USERNAME = "envol-outaouais"
PASSWORD = "Porte-Ouverte-Choisir-7"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 114, 178)).save(buffer, format="PNG")
    return buffer.getvalue()


def type_into(page, label: str | re.Pattern, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")  # Streamlit commits a single-line field on Enter (or blur)
    wait_for_app(page)


def tick(page, label: str | re.Pattern) -> None:
    page.get_by_text(label, exact=True).click()
    wait_for_app(page)


def test_sign_up_approve_report_and_follow_up(live_server, browser_page):
    page = browser_page
    # 1. The organisation signs up, signed out, from the link on the sign-in screen.
    open_app(page, live_server)
    dismiss_page_not_found(page)
    page.get_by_role("link", name="Devenir ambassadeur").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Devenir ambassadeur").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    type_into(page, "Nom de l’organisation", ORGANISATION)
    type_into(page, "Personne-ressource", "Marie Envol")
    type_into(page, "Courriel", "marie@envol.example.org")
    type_into(page, "Téléphone", "819 555-9876")
    type_into(page, "Site Web", "envol.example.org")
    type_into(page, "Facebook", "4200")
    page.get_by_label("Ce texte paraîtra avec votre logo sur le microsite (environ 100 mots)").fill(
        "Parce que la santé mentale se cultive ensemble, chaque jour.")
    page.get_by_label("Ce texte paraîtra avec votre logo sur le microsite (environ 100 mots)").press("Tab")
    wait_for_app(page)
    page.get_by_text("10 mots (environ 100 demandés, 150 au plus)").wait_for()
    page.locator('input[type="file"]').set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": png()})
    wait_for_app(page)
    tick(page, "Diffuser de l'information lors de divers moments forts, veuillez les choisir :")
    tick(page, "Le 13 mars lors de la promotion de la Journée nationale de promotion de la santé mentale "
               "positive et le lancement de la nouvelle Campagne")
    type_into(page, "Nom de la personne qui signe", "Marie Envol")
    type_into(page, "Titre ou fonction", "Coordonnatrice")
    page.get_by_text("J’accepte l’entente de partenariat", exact=False).click()
    wait_for_app(page)
    type_into(page, "Nom d’utilisateur", USERNAME)
    type_into(page, "Mot de passe (12 caractères ou plus)", PASSWORD)
    type_into(page, "Confirmer le mot de passe", PASSWORD)
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.get_by_text("Merci! Votre demande est envoyée.", exact=False).wait_for()

    # 2. Staff approve it.
    sign_in(page, live_server, live_server.accounts["staff"])
    open_app(page, live_server, "ambassadeurs")
    page.get_by_text("Statut : En attente").wait_for()
    page.get_by_role("button", name="Enregistrer la décision").click()
    wait_for_app(page)
    page.get_by_text("Statut : Approuvé").wait_for()
    sign_out(page)

    # 3. The ambassador signs in, fills and submits its report.
    sign_in(page, live_server, USERNAME, PASSWORD)
    page.get_by_text("Votre entente est approuvée.", exact=False).wait_for()
    open_app(page, live_server, "rapport")
    page.get_by_role("heading", name="Rapport de retombées").wait_for()
    assert not axe_violations(page), describe(axe_violations(page))
    # A moment is named in the report as it was ticked on the sign-up's checklist.
    tick(page, "Le 13 mars lors de la promotion de la Journée nationale de promotion de la santé mentale "
               "positive et le lancement de la nouvelle Campagne")
    type_into(page, re.compile(r"^Nombre de fois — "), "2")
    type_into(page, "Facebook — Personnes jointes", "900")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    wait_for_app(page)
    page.get_by_role("button", name="Soumettre le rapport").click()
    page.get_by_text("Rapport soumis. Merci!", exact=False).wait_for()
    sign_out(page)

    # 4. Staff see it in the follow-up and in the charts.
    sign_in(page, live_server, live_server.accounts["staff"])
    open_app(page, live_server, "ambassadeurs")
    page.get_by_role("tab", name="Suivi des rapports").click()
    page.get_by_text("Tous les ambassadeurs approuvés ont soumis leur rapport.").wait_for()
    open_app(page, live_server, "campagne")
    page.get_by_role("tab", name="Moments forts et engagements").click()
    page.get_by_text("Organisations × moments forts : engagé, et fait selon le rapport soumis").first.wait_for()
    page.get_by_role("tab", name="Retombées rapportées").click()
    page.get_by_text("Portée rapportée par les ambassadeurs (rapports soumis)", exact=False).first.wait_for()
    # Plotly draws each chart a moment after Streamlit has written the page's text: wait for
    # the sixth one to be in the page (in any tab, so attached rather than visible) before counting.
    page.locator(".js-plotly-plot").nth(5).wait_for(state="attached")
    assert page.locator(".js-plotly-plot").count() >= 6
    assert not axe_violations(page), describe(axe_violations(page))
