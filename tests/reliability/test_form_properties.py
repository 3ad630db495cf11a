"""Property-based tests (Hypothesis) of the forms' validation and storage, and of the period
parser's contracts: any input is either refused with French messages or stored and read back
identical; nothing else ever comes out (no traceback for a person to read)."""
from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from lib.accounts import users
from lib.campaign import ambassadors, impact_reports, signup
from lib.core.errors import FormError
from lib.plan import items, schedule
from lib.plan.updates import UpdateInput, list_updates, record_update
from tests.ambassador_helpers import approved, current_id, signup_data
from tests.conftest import make_user

TODAY = date(2026, 12, 4)
# A function-scoped database is shared by the examples of one test on purpose: each example
# adds rows, and the properties hold whatever is already there.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text a person could type or paste: any Unicode (control characters, NUL, RTL marks,
# surrogates excluded since a browser cannot send them), sometimes long.
typed = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
long_typed = st.one_of(typed, st.text(min_size=1990, max_size=2100))


def _refused_in_french(error: FormError) -> None:
    assert error.messages, "refused without a message"
    for message in error.messages:
        assert isinstance(message, str) and message.strip()


@PROPERTY
@given(status=st.sampled_from(["a_venir", "en_cours", "realise", "reporte", "abandonne", "", "fini"]),
       progress=st.one_of(st.none(), st.integers(-5, 120), st.floats(allow_nan=True, allow_infinity=True)),
       work_date=st.one_of(st.none(), st.dates(date(2010, 1, 1), date(2030, 12, 31))),
       note=long_typed,
       quantity=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10**9)),
       evidence_url=st.one_of(typed, st.just("https://exemple.org/preuve"), st.just("javascript:alert(1)")))
@example(status="realise", progress=100, work_date=date(2026, 3, 1), note="  Fait : 4 membres  ", quantity=4,
         evidence_url="https://exemple.org/preuve")
def test_an_update_is_refused_in_french_or_stored_and_read_back(db, status, progress, work_date, note, quantity,
                                                                evidence_url):
    staff = users.get_user(db, "staff-test") or make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    data = UpdateInput(status=status, progress=progress, work_date=work_date, note=note, quantity=quantity,
                       evidence_url=evidence_url)
    try:
        update_id = record_update(db, staff, means_id, data, today=TODAY)
    except FormError as error:
        _refused_in_french(error)
        event("refused")
        return
    event("stored")
    row = list_updates(db, means_id=means_id).set_index("update_id").loc[update_id]
    assert row["status"] == status and row["progress"] == int(progress)
    assert row["work_date"].date() == work_date
    assert row["note"] == note.strip()
    assert row["evidence_url"] == evidence_url.strip()
    assert (row["quantity"] != row["quantity"]) if quantity is None else row["quantity"] == float(quantity)


@PROPERTY
@given(text=long_typed, period=typed, indicator=typed, responsible=typed)
@example(text="Tenir un kiosque", period="Annuellement", indicator="1 kiosque", responsible="DG + CA")
def test_a_means_edit_is_refused_in_french_or_stored_and_read_back(db, text, period, indicator, responsible):
    staff = users.get_user(db, "staff-test") or make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    try:
        items.update_means(db, staff, means_id, text, period, indicator, responsible)
    except FormError as error:
        _refused_in_french(error)
        event("refused")
        return
    event("stored")
    stored = db.query_one("SELECT text, period_label, indicator, responsible_label FROM means WHERE id = ?",
                          [means_id])
    assert stored == (text.strip(), period.strip(), indicator.strip(), responsible.strip())


_usernames = itertools.count()


@PROPERTY
@given(username=st.one_of(typed, st.from_regex(r"[a-z][a-z0-9._-]{1,20}", fullmatch=True)),
       display_name=typed, email=st.one_of(typed, st.emails()), password=st.one_of(typed, st.text(min_size=12)))
@example(username="marie", display_name="Marie Tremblay", email="marie@exemple.org",
         password="Correct-Cheval-Pile-42")
def test_an_account_is_refused_in_french_or_stored_and_read_back(db, username, display_name, email, password):
    username = f"{username}{next(_usernames)}" if username.isascii() else username
    try:
        created = users.create_user(db, username=username, role="board", display_name=display_name, email=email,
                                    password=password, actor="tests")
    except FormError as error:
        _refused_in_french(error)
        event("refused")
        return
    event("stored")
    account = users.get_user(db, created)
    assert account is not None and account.role == "board"
    assert account.display_name == display_name.strip() or account.display_name == display_name
    assert account.email == email.strip() or account.email == email


_signups = itertools.count()
counts = st.one_of(st.none(), st.integers(-3, 10**12), st.booleans())


@PROPERTY
@given(organisation=typed, contact_name=typed, email=st.one_of(typed, st.emails()), phone=typed, website=typed,
       why_text=long_typed, signer_name=typed, signer_title=typed,
       facebook=st.one_of(st.none(), st.integers(-5, 10**12)))
@example(organisation="Envol Outaouais", contact_name="Julie Roy", email="julie@envol.example.org",
         phone="819 555-0101", website="envol.example.org", why_text="Parce que la santé mentale compte.",
         signer_name="Julie Roy", signer_title="Directrice", facebook=1200)
def test_a_signup_is_refused_in_french_or_stored_and_read_back(db, monkeypatch, organisation, contact_name, email,
                                                              phone, website, why_text, signer_name, signer_title,
                                                              facebook):
    for name in dir(signup):  # the hourly caps are not under test here
        if name.startswith("MAX_") and isinstance(getattr(signup, name), int):
            monkeypatch.setattr(signup, name, 10**9)
    n = next(_signups)
    data = signup_data(organisation=organisation, contact_name=contact_name, email=email, phone=phone,
                       website=website, why_text=why_text, signer_name=signer_name, signer_title=signer_title,
                       username=f"org-prop-{n}")
    data["audiences"] = {**data["audiences"], "facebook": facebook}
    try:
        ambassador_id = signup.sign_up(db, current_id(db), data, session_id=f"prop-{n}")
    except FormError as error:
        _refused_in_french(error)
        event("refused")
        return
    event("stored")
    agreement = ambassadors.get_agreement(db, ambassador_id)
    for field in ("organisation", "contact_name", "email", "phone", "why_text", "signer_name", "signer_title"):
        assert getattr(agreement, field) == data[field].strip(), field
    assert agreement.audiences.get("facebook") == facebook
    assert agreement.status == "pending" and agreement.commitments and agreement.moments


@PROPERTY
@given(what_worked=long_typed, comments=typed, when=typed, links=typed, times=counts, people=counts,
       activity_type=typed, participants=counts, recipients=counts)
@example(what_worked="Le kiosque", comments="", when="Mai 2022", links="https://exemple.org/a", times=2,
         people=None, activity_type="Kiosque", participants=40, recipients=None)
def test_a_report_is_refused_in_french_or_stored_and_read_back(db, what_worked, comments, when, links, times, people,
                                                              activity_type, participants, recipients):
    ambassador_id = db.scalar("SELECT min(id) FROM ambassadors WHERE status = 'approved'") or approved(db)
    agreement = ambassadors.get_agreement(db, ambassador_id)
    items_ = impact_reports.report_items(db, agreement)
    data = impact_reports.empty_form_data(items_)
    first = (items_[0].kind, items_[0].key)
    data["actions"][first] = {"done": True, "times": times, "when": when, "links": links}
    data["reach"]["facebook"]["people_reached"] = people
    data["activities"] = [{"type": activity_type, "held_on": date(2022, 5, 3), "participants": participants,
                           "description": comments}]
    data.update(what_worked=what_worked, comments=comments, newsletter_recipients=recipients)
    try:
        impact_reports.save_report(db, ambassador_id, data, actor=agreement.username, today=date(2023, 1, 10))
    except FormError as error:
        _refused_in_french(error)
        event("refused")
        return
    event("stored")
    saved = impact_reports.form_data(db, agreement)
    assert saved["what_worked"] == what_worked.strip() and saved["comments"] == comments.strip()
    assert saved["newsletter_recipients"] == recipients
    assert saved["actions"][first]["times"] == times and saved["actions"][first]["when"] == when.strip()
    assert saved["actions"][first]["links"] == "\n".join(impact_reports.split_links(links))
    assert saved["reach"]["facebook"]["people_reached"] == people
    assert saved["activities"][0]["type"] == activity_type.strip()
    assert saved["activities"][0]["participants"] == participants


# -- the period parser ------------------------------------------------------------------

# Words of the plan's own period labels, to build plan-like labels beside random text.
PERIOD_WORDS = ["En continu", "Annuellement", "chaque année", "Mensuellement", "Janvier", "février", "mars",
                "avril", "mai", "juin", "septembre", "novembre", "décembre", "2021", "2022", "2023", "2024",
                "2025", "Automne", "Printemps", "Été", "hiver", "lors de l'AGA", "AGA", "+", ",", "et", "à",
                "partir", "de", "d'ici", "en", "Lors des événements", "Au besoin", "Dès", "fin", "début"]
period_labels = st.one_of(typed, st.lists(st.sampled_from(PERIOD_WORDS), max_size=8).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(label=period_labels, aga_month=st.integers(1, 12))
def test_the_period_parser_never_raises(label, aga_month):
    parsed = schedule.parse_period(label, aga_month=aga_month)
    assert parsed.readable == bool(parsed.parts)
    str(parsed.describe_fr())  # a readable sentence for any result


@settings(max_examples=300, deadline=None)
@given(label=period_labels, first=st.dates(date(2019, 1, 1), date(2030, 1, 1)), days=st.integers(0, 3 * 366))
def test_a_readable_recurring_label_yields_cycles_that_tile_the_calendar(label, first, days):
    parsed = schedule.parse_period(label)
    last = first + timedelta(days=days)
    cycles = schedule.cycles_between(parsed, first, last)
    for cycle in cycles:
        assert cycle.start <= cycle.due and cycle.label_fr
    leading, tail = schedule.split_leading_once(parsed.parts) if parsed.readable else ([], None)
    if tail is None or tail.kind not in schedule.RECURRING_KINDS:
        return
    recurring = [c for c in cycles if c not in schedule.milestone_cycles(leading)] if leading else list(cycles)
    # Consecutive cycles meet exactly: no day belongs to two cycles, none falls between two.
    for before, after in zip(recurring, recurring[1:]):
        assert after.start == before.due + timedelta(days=1), (label, before, after)
    # And each day of the range after the first cycle's start is in the cycle cycle_at names.
    for cycle in recurring[:3]:
        assert schedule.part_cycle(tail, cycle.start) == cycle
        assert schedule.part_cycle(tail, cycle.due) == cycle


def test_the_plans_own_recurring_labels_tile_the_calendar(db):
    """The same contract over every period label of the seeded plan (the property above
    draws labels at random; this makes sure the real yearly and monthly ones are in)."""
    recurring = 0
    for (label,) in db.query("SELECT DISTINCT period_label FROM means"):
        parsed = schedule.parse_period(label)
        _, tail = schedule.split_leading_once(parsed.parts) if parsed.readable else ([], None)
        if tail is None or tail.kind not in schedule.RECURRING_KINDS:
            continue
        recurring += 1
        cycles = [c for c in schedule.cycles_between(parsed, date(2021, 1, 1), date(2026, 12, 31))
                  if schedule.part_cycle(tail, c.start) == c]
        assert len(cycles) >= 2, label
        for before, after in zip(cycles, cycles[1:]):
            assert after.start == before.due + timedelta(days=1), (label, before, after)
    assert recurring >= 5
