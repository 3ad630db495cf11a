"""Hostile input in Chromium: the corpus of tests/hostile_corpus.py (script tags, event attributes,
`javascript:` links, Markdown links and images, LaTeX, directives, RTL override, zero-width
characters, entities, templates) stored in every free-text field, then every page opened by every
role and signed out: no dialog ever opens, no request leaves 127.0.0.1, no `javascript:` address,
outside image or link, event attribute, bold, colour or LaTeX made of typed text is in any frame of
the page, and the typed text shows literally where it is shown as text. Then a few payloads, NUL
and 100 000 characters typed through the real forms: refused in French, the typed text kept.

The free-text fields, by where people type them (the lib writer each form calls stores the seed's
values; tests/reliability/test_hostile_fields.py runs the whole corpus through each writer):
- Mises à jour, update form: note, evidence link; the indicator target's unit.
- Mises à jour, Modifier le plan: axis name and objective, action title, means text, period,
  indicator of success, responsible parties (add and edit forms).
- Rapports: a CA meeting's note.
- Devenir ambassadeur and Mon entente (joining) and Ambassadeurs (staff's changes): organisation,
  contact person, email, phone, web site, why-we-join text, signer's name and title (the
  commitments and moments are choices among the campaign's texts, below).
- Ambassadeurs: the decision note to the organisation, the note reopening a report.
- Rapport de retombées: per commitment or moment "when" and links, each activity's type and
  description, what worked, suggestions, other comments.
- Campagne, Gérer les campagnes: every campaign text (name, slogan, organiser, agreement title,
  status granted, purpose, report request, reach title and note, questionnaire link, ...), the
  contact person's name, title and email, and the rows edited as tables: moments (date as written,
  description, checklist label), commitments (label), channels (label), organiser's commitments;
  the campaign details form: questionnaire link and each moment's date as written.
- Utilisateurs: new account's username, display name, email, organisation; Mon compte: display
  name (and passwords, never shown).
- Paramètres: the app's address for emails (a URL, validated).
- Not stored, never shown back but in their own box: sign-in username, the searches of Mises à
  jour and Envois, the Journal's user filter, the sign-up's verification answer and CAPTCHA.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from lib.accounts import users
from lib.campaign import ambassadors, campaigns, impact_reports, signup
from lib.core import clock
from lib.core.db import connect
from lib.core.i18n import translate
from lib.plan import items, meetings, updates
from lib.ui.navigation import specs_for
from tests import hostile_corpus as corpus
from tests.ambassador_helpers import SIGNUP_PASSWORD, open_signups, signup_data
from tests.browser.conftest import ACCOUNTS, _create_accounts, database_copy, running_app
from tests.browser.helpers import PASSWORD, dismiss_page_not_found, open_app, sign_in, sign_out, wait_for_app

HOSTILE_ORG = "organisme-hostile"
# Where typed text is shown as text in the page itself (not only inside a data grid's canvas, a
# chart, a field or the sidebar), by page title: the page must show the corpus literally there.
SHOWN_AS_TEXT = {"Plan d’action", "Mises à jour", "Rapports", "Campagne", "Ambassadeurs", "Mon entente",
                 "Rapport de retombées", "Nos ambassadeurs", "Devenir ambassadeur"}
LITERAL = (corpus.SCRIPT, corpus.IMG_ONERROR, corpus.MD_IMAGE, corpus.MD_LINK)

# Everything that typed text rendered as markup would create; run in every frame of the page.
FIND_MARKUP = """(selectors) => {
  const found = [];
  for (const [selector, what] of Object.entries(selectors)) {
    for (const element of document.querySelectorAll(selector)) found.push(what + ": " + element.outerHTML.slice(0, 99));
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(attribute.name)
          && /^\\s*javascript:/i.test(attribute.value)) {
        found.push('a javascript: address: ' + element.outerHTML.slice(0, 160));
      }
    }
  }
  for (const link of document.querySelectorAll('a[href]')) {
    let host = '';
    try { host = new URL(link.href).hostname; } catch (error) { host = ''; }
    if (host.endsWith('evil.example')) found.push('an outside link made of typed text: ' + link.outerHTML.slice(0, 99));
  }
  for (const link of document.querySelectorAll('a')) {
    if (link.textContent.trim() === 'clic') found.push('a link made of typed text: ' + link.outerHTML.slice(0, 160));
  }
  for (const strong of document.querySelectorAll('strong, b')) {
    if (strong.textContent.trim() === 'gras') found.push('typed **gras** in bold');
  }
  for (const coloured of document.querySelectorAll('.stMarkdownColoredText')) {
    if (coloured.textContent.trim() === 'texte') found.push('a typed :red[texte] in colour');
  }
  for (const script of document.scripts) {
    if (script.textContent.includes('alert(1)')) found.push('a script element made of typed text');
  }
  return found;
}"""
SELECTORS = {
    'img[src*="evil.example"]': "an outside image made of typed text",
    "[onerror], [onload]": "an element with an event attribute",
    ".katex": "typed $...$ rendered as LaTeX",
}


def _combo(limit: int) -> str:
    return corpus.combo(limit)


def _seed(db) -> None:
    """Every free-text field filled with the corpus through the lib writers the forms call."""
    staff = users.get_user(db, ACCOUNTS["staff"])
    today = clock.today()
    plan_id = items.current_plan_id(db)
    axis = items.list_axes(db, plan_id).sort_values("number").iloc[0]
    items.update_axis(db, staff, int(axis["id"]), _combo(items.NAME_MAX_CHARS), _combo(items.TEXT_MAX_CHARS))
    rows = items.list_plan_items(db, plan_id).sort_values(["axis_number", "action_position", "means_position"])
    first = rows.iloc[0]
    items.update_action(db, staff, int(first["action_id"]), _combo(items.TEXT_MAX_CHARS))
    items.update_means(db, staff, int(first["means_id"]), _combo(items.TEXT_MAX_CHARS), _combo(items.NAME_MAX_CHARS),
                       _combo(items.TEXT_MAX_CHARS), _combo(items.NAME_MAX_CHARS))
    updates.record_update(db, staff, int(first["means_id"]), updates.UpdateInput(
        "en_cours", 40, today - timedelta(days=3), _combo(updates.NOTE_MAX_CHARS), 2, "https://exemple.org/preuve"))
    updates.set_target_override(db, staff, int(first["means_id"]), "count_by", quantity=5, deadline=today + timedelta(
        days=200), unit_fr=_combo(100))
    meetings.add_meeting(db, staff, today - timedelta(days=20), "ca", _combo(meetings.NOTE_MAX_CHARS))
    meetings.add_meeting(db, staff, today + timedelta(days=20), "ca", _combo(meetings.NOTE_MAX_CHARS))

    data = campaigns.campaign_as_data(db, campaigns.current_campaign(db).id)
    for field in campaigns.CAMPAIGN_TEXT_FIELDS:
        if field not in ("questionnaire_url", "website"):
            data[field] = _combo(600)
    data["slug"] = "campagne-hostile"
    # A valid web address (http, a host with a dot, no space, < or >) that closes a Markdown link early.
    data["questionnaire_url"] = "https://exemple.org/q)" + corpus.MD_IMAGE
    data["contact"] = {**data["contact"], "name": _combo(120), "title": _combo(120)}
    data["moments"] = [{**m, "when": _combo(200), "description": _combo(600), "checklist_label": _combo(200)}
                       for m in data["moments"]]
    data["commitments"] = [{**c, "label": _combo(200)} for c in data["commitments"]]
    data["channels"] = [{**c, "label": _combo(120)} for c in data["channels"]]
    data["organiser_commitments"] = [_combo(300) for _ in data["organiser_commitments"]]
    campaign_id = campaigns.create_campaign(db, data, actor=staff.username, make_current=True)

    signed = signup_data(
        organisation=_combo(200), contact_name=_combo(120), email="contact@hostile.example.org", website="exemple.org",
        why_text=_combo(2000), signer_name=_combo(120), signer_title=_combo(120), username=HOSTILE_ORG,
        commitments=list(campaigns.list_commitment_types(db, campaign_id)["key"]),
        moments=list(campaigns.list_moments(db, campaign_id)["key"]))
    ambassador_id = signup.sign_up(db, campaign_id, signed, session_id="hostile")
    ambassadors.decide(db, ambassador_id, "approved", _combo(2000), actor=staff.username)
    agreement = ambassadors.get_agreement(db, ambassador_id)
    report_items = impact_reports.report_items(db, agreement)
    report = impact_reports.empty_form_data(report_items)
    for key in report["actions"]:
        report["actions"][key] = {"done": True, "times": 1, "when": _combo(impact_reports.MAX_SHORT),
                                  "links": "https://exemple.org/publication"}
    report["activities"] = [{"type": _combo(impact_reports.MAX_SHORT), "held_on": today, "participants": 12,
                             "description": _combo(600)}]
    report.update(what_worked=_combo(600), suggestions=_combo(600), comments=_combo(600))
    impact_reports.save_report(db, ambassador_id, report, actor=HOSTILE_ORG, submit=True)
    impact_reports.reopen_report(db, ambassador_id, _combo(2000), actor=staff.username)

    users.update_profile(db, ACCOUNTS["board"], _combo(120), "fr")
    users.create_account(db, admin=ACCOUNTS["admin"], username="compte-hostile", role="board",
                         display_name=_combo(120), email="x[clic](javascript:alert(1))@exemple.org",
                         password=PASSWORD, organisation=_combo(200))


@dataclass
class HostileServer:
    url: str
    accounts: dict


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, seeded_template):
    workdir, path = database_copy(tmp_path_factory, seeded_template, "hostile")
    database = connect(str(path))
    _create_accounts(database)
    open_signups(database)
    _seed(database)
    database.close()
    with running_app(workdir, path) as url:
        yield HostileServer(url, {**ACCOUNTS, "ambassador": HOSTILE_ORG})


@pytest.fixture(scope="module")
def watched(browser):
    """One browser context and page for the whole module, with every dialog and every request to
    another host than the test server recorded (and the dialog dismissed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    context.set_default_timeout(20_000)
    page = context.new_page()
    seen = {"dialogs": [], "outside": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in ("127.0.0.1", "localhost"):
            seen["outside"].append(request.url)

    context.on("request", record)
    page.seen = seen
    yield page
    context.close()


def _problems(page) -> list[str]:
    found = []
    for frame in page.frames:
        try:
            found += [f"{frame.url[-40:]}: {problem}" for problem in frame.evaluate(FIND_MARKUP, SELECTORS)]
        except Exception as error:  # a frame navigating away while it is read
            found.append(f"{frame.url[-40:]}: unreadable ({error})")
    found += [f"dialog: {message}" for message in page.seen["dialogs"]]
    found += [f"outside request: {url}" for url in page.seen["outside"]]
    page.seen["dialogs"].clear()
    page.seen["outside"].clear()
    return found


def _check_page(page, title: str, problems: dict) -> None:
    assert not page.locator('[data-testid="stException"]').count(), f"{title} raised"
    found = _problems(page)
    if title in SHOWN_AS_TEXT:
        # The word joiner escape_markdown puts in "http://" (no autolink) is invisible: it reads as typed.
        text = page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
        found += [f"not shown literally: {literal!r}" for literal in LITERAL if literal not in text]
    if found:
        problems[title] = found


def _visit_menu(page, role: str | None, problems: dict) -> list[str]:
    visited = []
    for spec in specs_for(role):
        title = translate(spec.title_fr, "fr")
        page.locator('a[data-testid="stSidebarNavLink"]', has_text=title).first.click()
        wait_for_app(page)
        visited.append(title)
        _check_page(page, title, problems)
    return visited


def _refused(page, field_label: str, typed: str, message: str) -> None:
    """`message` is in an error box (Babel's narrow spaces read as spaces) and the field still holds `typed`."""
    page.locator('[data-testid="stAlertContentError"]').first.wait_for()
    errors = " ".join(page.locator('[data-testid="stAlertContentError"]').all_inner_texts())
    assert message in errors.replace("\u202f", " ").replace("\xa0", " "), errors[:500]
    assert page.get_by_label(field_label, exact=True).input_value() == typed, f"{field_label} lost what was typed"


def _open(page, title: str) -> None:
    page.locator('a[data-testid="stSidebarNavLink"]', has_text=title).first.click()
    wait_for_app(page)


def _type_a_sign_up(page) -> None:
    """The organisation's name too long and the contact's with NUL, refused at once; a payload kept."""
    _open(page, "Devenir ambassadeur")
    for label, typed in (("Nom de l’organisation", corpus.LONG), ("Personne-ressource", corpus.NUL),
                         ("Nom de la personne qui signe", corpus.SCRIPT)):
        field = page.get_by_label(label, exact=True)
        field.fill(typed)
        field.press("Tab")
        wait_for_app(page)
    page.get_by_role("button", name="Envoyer ma demande").click()
    wait_for_app(page)
    _refused(page, "Nom de l’organisation", corpus.LONG, "Organisation : 200 caractères au plus (100 000 saisis).")
    _refused(page, "Personne-ressource", corpus.NUL, "Personne-ressource : contient des caractères de contrôle")
    assert page.get_by_label("Nom de la personne qui signe", exact=True).input_value() == corpus.SCRIPT


def _type_an_update_note(page) -> None:
    """NUL and 100 000 characters refused, the note kept each time; then a payload recorded."""
    _open(page, "Mises à jour")
    note = page.get_by_label("Note", exact=True)
    save = page.get_by_role("button", name="Enregistrer la mise à jour")
    for typed, message in ((corpus.NUL, "La note : contient des caractères de contrôle non permis."),
                           (corpus.LONG, "La note dépasse 2000 caractères.")):
        note.fill(typed)
        save.click()
        wait_for_app(page)
        _refused(page, "Note", typed, message)
    note.fill(f"{corpus.MD_IMAGE} {corpus.SCRIPT} {corpus.BOLD}")
    save.click()
    page.get_by_text("Mise à jour enregistrée", exact=False).wait_for()


def _type_a_report(page) -> None:
    """In the report reopened by staff: NUL and 100 000 characters refused, kept; then payloads saved."""
    _open(page, "Rapport de retombées")
    worked = page.get_by_label("Ce qui a bien fonctionné", exact=True)
    comments = page.get_by_label("Autres commentaires", exact=True)
    worked.fill(corpus.NUL)
    comments.fill(corpus.LONG)
    comments.press("Tab")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    wait_for_app(page)
    _refused(page, "Ce qui a bien fonctionné", corpus.NUL, "Ce qui a bien fonctionné : contient des caractères")
    _refused(page, "Autres commentaires", corpus.LONG, "Autres commentaires : 5 000 caractères au plus")
    worked.fill(corpus.combo(300))
    comments.fill(corpus.MD_LINK)
    comments.press("Tab")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré.").first.wait_for()


FORMS = {None: _type_a_sign_up, "staff": _type_an_update_note, "ambassador": _type_a_report}


@pytest.mark.parametrize("role", [None, "board", "staff", "admin", "ambassador"])
def test_every_page_shows_hostile_text_literally_and_the_forms_refuse_nul_and_long_text(hostile_server, watched,
                                                                                        role):
    """Each page of the role's menu (signed out: None) over the seeded corpus; then, for the roles
    that have one, payloads, NUL and 100 000 characters typed in a real form."""
    page, problems = watched, {}
    if role is None:
        open_app(page, hostile_server)
        dismiss_page_not_found(page)
    else:
        password = SIGNUP_PASSWORD if role == "ambassador" else PASSWORD
        sign_in(page, hostile_server, hostile_server.accounts[role], password)
    visited = _visit_menu(page, role, problems)
    assert len(visited) >= 3, visited
    assert not problems, "\n".join(f"{title}: {found}" for title, found in problems.items())
    if role in FORMS:
        FORMS[role](page)
        assert not _problems(page)
    if role is not None:
        sign_out(page)
