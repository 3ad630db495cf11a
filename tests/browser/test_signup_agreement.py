"""In Chromium, signed out: the whole agreement before signing, and a sign-up made with the
keyboard alone (typed and Tab, never fill())."""
import io
from datetime import date

from PIL import Image

from lib.core import clock
from tests.browser.helpers import open_app, wait_for_app

PASSWORD = "Une-Porte-Ouverte-2023"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _open_signup(page, server) -> None:
    open_app(page, server, "devenir-ambassadeur")
    if page.get_by_text("Page not found").count():  # Streamlit's first deep link after a start
        page.keyboard.press("Escape")
    page.get_by_role("heading", name="Devenir ambassadeur").wait_for()


def _key_in(page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.click()
    field.press_sequentially(value)
    page.keyboard.press("Tab")
    wait_for_app(page)


def _tab_until(page, wanted) -> None:
    """Press Tab (as a person does: the password fields' eye buttons are on the way) until
    `wanted(focused element's outer HTML)` holds."""
    for _ in range(4):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.outerHTML + document.activeElement.innerText")
        if wanted(focused):
            return
    raise AssertionError(f"focus never reached the field: {focused[:200]}")


def _edition_year(today: date) -> int:
    """The year of the edition open today: the seed's moments run from March 2022 (2022-2023),
    and the live server's database has this year's copy current (tests/ambassador_helpers.open_signups)."""
    return today.year if today >= date(today.year, 3, 13) else today.year - 1


def test_a_visitor_reads_the_whole_agreement_before_signing(live_server, browser_page):
    page = browser_page
    _open_signup(page, live_server)
    agreement = page.locator(".st-key-signup-agreement")
    text = agreement.inner_text().replace("\u202f", " ").replace("\xa0", " ")  # Babel's narrow spaces
    year = _edition_year(clock.today())
    weekday = WEEKDAYS[date(year, 5, 5).weekday()]  # the copy says the weekday of its own year
    for part in ("Facebook 1 315 000", "Instagram 53 000", "Données mises à jour le 7 avril 2021",
                 "Plan de diffusion du Mouvement Santé mentale Québec",
                 f"Durant la Semaine de la santé mentale du 2 au 8 mai {year}",
                 "pour promouvoir le webinaire sur l'autodétermination avec Jacques Forest, PhD., professeur titulaire",
                 f"date retenue : {weekday} 5 mai {year}", f"au plus tard le 15 février {year + 1}",
                 "Caroline Drolet", "Responsable des communications et des partenariats"):
        assert part in text, part
    # The document's bold is kept, on the date phrase only.
    assert agreement.locator("strong", has_text=f"2 au 8 mai {year}").count() == 1
    assert agreement.locator("strong", has_text=f"15 février {year + 1}").count() == 1
    # A copy recomputes the weekdays: the seed's "jeudi 30 mars" slip (AppTest) is not repeated.
    assert "le document dit « jeudi »" not in text


def test_a_keyboard_only_sign_up_succeeds(live_server, browser_page):
    page = browser_page
    _open_signup(page, live_server)
    _key_in(page, "Nom de l’organisation", "Le Clavier solidaire")
    _key_in(page, "Personne-ressource", "Jeanne Clavier")
    _key_in(page, "Courriel", "jeanne@clavier.example.org")
    _key_in(page, "Téléphone", "819 555-1111")
    _key_in(page, "Ce texte paraîtra avec votre logo sur le microsite (environ 100 mots)",
            "Nous tapons au clavier seulement.")
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 114, 178)).save(buffer, format="PNG")
    page.locator('input[type="file"]').set_input_files({"name": "logo.png", "mimeType": "image/png",
                                                        "buffer": buffer.getvalue()})
    wait_for_app(page)
    share = "Partager des publications Facebook, Twitter et Instagram du Mouvement sur ses médias sociaux"
    page.get_by_role("checkbox", name=share).press("Space")
    wait_for_app(page)
    _key_in(page, "Nom de la personne qui signe", "Jeanne Clavier")
    _key_in(page, "Titre ou fonction", "Directrice")
    page.get_by_role("checkbox", name="J’accepte l’entente de partenariat").press("Space")
    wait_for_app(page)
    _key_in(page, "Nom d’utilisateur", "clavier-solidaire")
    password = page.get_by_label("Mot de passe (12 caractères ou plus)", exact=True)
    password.click()
    password.press_sequentially(PASSWORD)
    _tab_until(page, lambda focused: "Confirmer le mot de passe" in focused)
    page.keyboard.type(PASSWORD)
    _tab_until(page, lambda focused: "Envoyer ma demande" in focused)
    page.keyboard.press("Enter")
    page.get_by_text("Merci! Votre demande est envoyée.", exact=False).wait_for()
    assert not page.get_by_text("au moins 12 caractères").count()
